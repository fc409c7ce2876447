"""The career center's settings (`extra.career_center` in mkdocs.yml): validate, normalise, colours.

No MkDocs in here. `load_center` turns the raw mapping into a `CenterSettings` dict that the
templates, the printable sheets and the email snippets all read; every problem becomes a
ContentError naming `extra.career_center.<key>` and, when it can be found, its line in mkdocs.yml.
"""
from __future__ import annotations

import colorsys
import datetime
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .datafile import compose, line_of
from .errors import ContentError, raise_if_any
from .styles import parse, split_top
from .text import fill

PREFIX = "extra.career_center"

# key: (required, what the README and error messages say it is)
KEYS = {
    "name": (True, "the center's full name, e.g. 'Riverside University Career Center'"),
    "short_name": (False, "a short form for tight spaces, e.g. 'Riverside Careers'"),
    "logo": (False, "an image file inside docs/, e.g. 'assets/logo.svg'"),
    "contact_email": (True, "the address students write to, e.g. 'careers@riverside.edu'"),
    "phone": (False, "a phone number as students should dial it, e.g. '+1 555 010 0199'"),
    "booking_url": (False, "the web page where students book an appointment, starting with https://"),
    "support_url": (False, "the counseling service's web page, starting with https://"),
    "support_text": (False, "the counseling service's name, e.g. 'Riverside Counseling Service'"),
    "address": (False, "where to find the center, e.g. 'Student Union, Room 210'"),
    "urgent_name": (False, "the after-hours or crisis line students can use at any hour, e.g. 'Riverside After-Hours Support Line'"),
    "urgent_phone": (False, "that line's phone number as students should dial it, e.g. '988'"),
    "urgent_text_number": (False, "the number students can send a text message to, if that line takes texts, e.g. '988'"),
    "urgent_url": (False, "that line's web page, starting with https://"),
    "urgent_text": (False, "one short line about it, e.g. 'Free and confidential, 24 hours a day, for Riverside students.'"),
    "reviewed_by": (False, "who reviewed the guidance, e.g. 'Dana Lee, Senior Career Counselor'"),
    "reviewed_on": (False, "the date of that review as year-month-day, e.g. 2026-11-01"),
    "primary_color": (False, "a color for the header and links as '#' and six hex digits, e.g. '#1f4e79'"),
    "accent_color": (False, "a color for highlights and focus outlines as '#' and six hex digits, e.g. '#8a1c4a'"),
}
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s<>\"]*)?$")
PHONE = re.compile(r"^\+?[0-9 ()./-]+(?:\s*(?:ext\.?|x)\s*[0-9]+)?$", re.IGNORECASE)
EXTENSION = re.compile(r"\s*(?:ext\.?|x)\s*[0-9]+$", re.IGNORECASE)
PHONES = ("phone", "urgent_phone", "urgent_text_number")  # numbers as students dial or text them
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
IMAGE_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")

WHITE = "#ffffff"
# Material's dark (slate) surfaces: the page is #1e2129, code blocks and our boxes #272a35;
# links made readable on the lighter one are readable on both.
SLATE_BACKGROUND = "#272a35"
AA_TEXT = 4.5


class CenterSettings(dict):
    """The validated settings: a dict (for Python and Jinja) whose keys also read as attributes.

    Every key of KEYS is present; an optional setting left out is None. `phone_link` and
    `urgent_phone_link` are the `tel:` URIs for `phone` and `urgent_phone`, `urgent_text_number_link`
    the `sms:` URI for `urgent_text_number`, `address_lines` the
    address split into lines, `reviewed_on_text` the review date in words ("November 1, 2026" in
    English: `date_in_words`).
    """

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


@dataclass(frozen=True)
class Where:
    """Where each setting stands in mkdocs.yml, for error messages."""
    path: str
    lines: dict[str, int]  # "career_center" and each key under it -> line; "extra" -> line
    default: int = 1

    def line(self, key: str | None = None) -> int:
        return self.lines.get(key or "career_center") or self.lines.get("career_center") or self.lines.get("extra") or self.default


def locate(path: str, source: str) -> Where:
    """Lines of `extra:`, `extra.career_center:` and its keys in mkdocs.yml.

    compose builds nodes without constructing them, so tags such as `!ENV` don't matter.
    """
    lines: dict[str, int] = {}
    root, _ = compose(path, source)  # mkdocs.yml's own syntax errors are MkDocs's to report

    def keys(node) -> dict[str, tuple[int, yaml.Node]]:
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        return {k.value: (line_of(k), v) for k, v in pairs}

    if "extra" in keys(root):
        lines["extra"], extra = keys(root)["extra"]
        if "career_center" in keys(extra):
            lines["career_center"], center = keys(extra)["career_center"]
            lines.update({key: line for key, (line, _) in keys(center).items()})
    return Where(path, lines)


# The settings the guide ships with (mkdocs.yml). While a site still uses them, "(example settings)"
# (the words' center.example_mark) follows the center's name wherever it shows, so nobody publishes
# the example center as their own; it goes once the center's own name and email replace these.
EXAMPLE = {"name": "Example University Career Center", "contact_email": "careers@example.edu"}


def date_in_words(date: datetime.date, locale: str) -> str:
    """A date as the language writes it in full, from CLDR ("November 1, 2026", "1 de noviembre de 2026")."""
    from babel.dates import format_date
    return format_date(date, format="long", locale=locale.replace("-", "_"))


def load_center(raw: Any, docs_dir: Path, where: Where, words: dict, locale: str = "en") -> CenterSettings:
    """Validate `extra.career_center`; raise ContentErrors listing every problem at once.

    `words`: the center's words in the build's language (overrides/text/<language>.yml, `center:`),
    for the example mark; `locale`: that language, for the review date."""
    errors: list[ContentError] = []

    def fail(key: str | None, problem: str, fix: str) -> None:
        errors.append(ContentError(where.path, where.line(key), problem, fix))

    if not isinstance(raw, dict):
        fail(None, f"{PREFIX} is missing or is not a set of 'key: value' lines.",
             f"add it under 'extra:' with at least 'name:' and 'contact_email:' indented below it (see README, Make it yours).")
        raise_if_any(errors)
    for key in raw:
        if key not in KEYS:
            fail(key, f"{PREFIX} has an unknown setting '{key}'.",
                 f"check the spelling; the settings are {', '.join(KEYS)}.")
    values: dict[str, str | None] = {}
    for key, (required, what) in KEYS.items():
        value = raw.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in PHONES:
            value = str(value)
        if isinstance(value, datetime.date) and key == "reviewed_on":  # YAML reads 2026-11-01 as a date
            value = value.isoformat()
        if value is not None and not isinstance(value, str):
            fail(key, f"{PREFIX}.{key} is not plain text.", f"write {what}.")
            value = None
        value = value.strip() if value else None
        if required and not value:
            fail(key, f"{PREFIX}.{key} is missing or empty; the site needs it.", f"add '{key}:' with {what}.")
        values[key] = value or None

    email = values["contact_email"]
    if email and not EMAIL.match(email):
        fail("contact_email", f"{PREFIX}.contact_email '{email}' is not an email address.",
             f"write {KEYS['contact_email'][1]}, without 'mailto:' or spaces.")
    for key in ("booking_url", "support_url", "urgent_url"):
        url = values[key]
        if url and not URL.match(url):
            fail(key, f"{PREFIX}.{key} '{url}' is not a web address.", f"write the full address, starting with https://, e.g. 'https://www.example.edu/careers/book'.")
    for key in PHONES:
        phone = values[key]
        if phone and (not PHONE.match(phone) or len(re.sub(r"\D", "", phone)) < 3):
            fail(key, f"{PREFIX}.{key} '{phone}' is not a phone number.", f"write {KEYS[key][1]}, using digits, spaces, '+', '-' and brackets.")
    if values["urgent_text"] and not (values["urgent_name"] or values["urgent_phone"] or values["urgent_url"] or values["urgent_text_number"]):
        fail("urgent_text", f"{PREFIX}.urgent_text is set, but there is no urgent_name, urgent_phone, urgent_text_number or urgent_url for it to describe.",
             "add the line's name, phone, number to text or web page (urgent_name, urgent_phone, urgent_text_number, urgent_url), or remove urgent_text.")
    reviewed = values["reviewed_on"]
    reviewed_date = None
    if reviewed:
        try:
            reviewed_date = datetime.date.fromisoformat(reviewed)
        except ValueError:
            fail("reviewed_on", f"{PREFIX}.reviewed_on '{reviewed}' is not a date.", f"write {KEYS['reviewed_on'][1]}.")
    if reviewed and not values["reviewed_by"]:
        fail("reviewed_on", f"{PREFIX}.reviewed_on is set without reviewed_by.", "add 'reviewed_by:' with who reviewed the guidance, or remove reviewed_on.")
    logo = values["logo"]
    if logo:
        problem = _logo_problem(logo, docs_dir)
        if problem:
            fail("logo", f"{PREFIX}.logo '{logo}' {problem}", f"put the image in the docs/ folder and write its path inside docs/, e.g. 'assets/logo.svg'; or remove the 'logo:' line.")
    for key in ("primary_color", "accent_color"):
        colour = values[key]
        if key in raw and not colour:
            fail(key, f"{PREFIX}.{key} is empty.",
                 f"put the color in quotes, e.g. {key}: \"#1f4e79\" (without quotes, '#' starts a comment); or remove the line.")
        if colour and not HEX.match(colour):
            fail(key, f"{PREFIX}.{key} '{colour}' is not a color.", f"write {KEYS[key][1]}, in quotes.")
    raise_if_any(errors)

    settings = CenterSettings(values)
    settings["short_name"] = values["short_name"] or values["name"]
    if any(values[key] == value for key, value in EXAMPLE.items()):
        settings["name"] += " " + words["example_mark"]
    settings["logo"] = posixpath.normpath(logo.lstrip("/")) if logo else None
    for key in ("phone", "urgent_phone"):
        settings[f"{key}_link"] = _tel(values[key]) if values[key] else None
    settings["urgent_text_number_link"] = _sms(values["urgent_text_number"]) if values["urgent_text_number"] else None
    settings["reviewed_on_text"] = date_in_words(reviewed_date, locale) if reviewed_date else None
    settings["address_lines"] = [line.strip() for line in values["address"].splitlines() if line.strip()] if values["address"] else []
    for key in ("primary_color", "accent_color"):
        if settings[key]:
            settings[key] = _long_hex(settings[key])
    return settings


def _tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", EXTENSION.split(phone)[0])


def _sms(number: str) -> str:
    """An `sms:` URI (RFC 5724): the phone's messaging app opens with the number filled in."""
    return "sms:" + re.sub(r"[^0-9+]", "", EXTENSION.split(number)[0])


def _logo_problem(logo: str, docs_dir: Path) -> str | None:
    if "://" in logo or logo.startswith("//"):
        return "is a web address; the site never loads anything from other websites."
    if not logo.lower().endswith(IMAGE_TYPES):
        return f"is not an image file ({', '.join(IMAGE_TYPES)})."
    path = (docs_dir / logo.lstrip("/")).resolve()
    if docs_dir.resolve() not in path.parents:
        return "is outside the docs/ folder."
    if not path.is_file():
        return f"doesn't exist (looked for docs/{logo.lstrip('/')})."
    return None


# Colours ------------------------------------------------------------------------------------

def _long_hex(colour: str) -> str:
    colour = colour.lower()
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = _long_hex(colour)
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """colour moved `amount` (0..1) of the way to `other`."""
    return _hex(c + (o - c) * amount for c, o in zip(_rgb(colour), _rgb(other)))


def readable_on(colour: str, background: str, ratio: float = AA_TEXT) -> str:
    """The colour, lightened or darkened just enough to reach `ratio` against `background`."""
    towards = WHITE if luminance(background) < 0.2 else "#000000"
    for step in range(0, 101):
        candidate = mix(colour, towards, step / 100)
        if contrast(candidate, background) >= ratio:
            return candidate
    return towards


def colour_warnings(settings: CenterSettings) -> list[str]:
    """WCAG AA contrast problems of a custom colour pair (the header's white text on the primary
    colour; accent-coloured links and outlines on the white page), each naming the setting."""
    warnings = []
    checks = (("primary_color", "the header's white text"), ("accent_color", "the white page behind links and focus outlines"))
    for key, against in checks:
        colour = settings.get(key)
        if colour and contrast(colour, WHITE) < AA_TEXT:
            warnings.append(
                f"{PREFIX}.{key} '{colour}' has a contrast of only {contrast(colour, WHITE):.1f}:1 with {against}; "
                f"WCAG AA needs {AA_TEXT}:1. Fix: pick a darker color, e.g. '{readable_on(colour, WHITE)}'.")
    return warnings


def palette_css(settings: CenterSettings) -> str:
    """Material's custom-colour variables for the center's primary and/or accent colour, light and dark.

    Only what is set is overridden: with just an accent colour, the header keeps theme.palette's primary.
    """
    primary, accent = settings.get("primary_color"), settings.get("accent_color")
    light, dark = [], []
    if primary:
        light += [f"--md-primary-fg-color: {primary};",
                  f"--md-primary-fg-color--light: {mix(primary, WHITE, 0.2)};",
                  f"--md-primary-fg-color--dark: {mix(primary, '#000000', 0.2)};",
                  "--md-primary-bg-color: #fff;", "--md-primary-bg-color--light: #ffffffb3;",
                  f"--md-typeset-a-color: {primary};"]
        dark += [f"--md-typeset-a-color: {readable_on(primary, SLATE_BACKGROUND)};"]
    if accent:
        light += [f"--md-accent-fg-color: {accent};", f"--md-accent-fg-color--transparent: {accent}1a;",
                  "--md-accent-bg-color: #fff;", "--md-accent-bg-color--light: #ffffffb3;"]
        dark_accent = readable_on(accent, SLATE_BACKGROUND)
        dark += [f"--md-accent-fg-color: {dark_accent};", f"--md-accent-fg-color--transparent: {dark_accent}1a;"]
    if not light:
        return ""
    return ("/* Generated from extra.career_center.primary_color / accent_color in mkdocs.yml. */\n"
            + _css_rule(":root > *", light) + _css_rule('[data-md-color-scheme="slate"]', dark))


def _css_rule(selector: str, declarations: list[str]) -> str:
    return selector + " {\n" + "".join(f"  {d}\n" for d in declarations) + "}\n"


# --- Material's named colours (theme.palette's primary and accent) ----------------------------------

NON_TEXT = 3.0   # WCAG 1.4.11: the focus outline and hover colour (the accent) against the page
SLATE_PAGE = "#1e2129"   # the dark scheme's page, where Material's named colours are meant to be read
_NAMED = re.compile(r"^\[data-md-color-(primary|accent)=([\w-]+)\]"
                    r"(?P<light>:not\(\[data-md-color-scheme=slate\]\))?$")
_NAMED_SLATE = re.compile(r"^\[data-md-color-scheme=slate\]\[data-md-color-(primary|accent)=([\w-]+)\]$")
_HSL = re.compile(r"^hsla?\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)%[\s,]+([\d.]+)%(?:[\s,/]+([\d.]+%?))?\s*\)$")


def _colour(value: str, background: str) -> str:
    """A CSS colour as Material writes them (#rgb, #rrggbb, #rrggbbaa, hsl(), hsla()) as #rrggbb, any
    transparency laid over `background`."""
    value = value.strip().lower()
    alpha = 1.0
    m = _HSL.match(value)
    if m:
        h, s, lightness = float(m[1]) / 360, float(m[2]) / 100, float(m[3]) / 100
        if m[4]:
            alpha = float(m[4][:-1]) / 100 if m[4].endswith("%") else float(m[4])
        rgb = [c * 255 for c in colorsys.hls_to_rgb(h, lightness, s)]
    elif re.fullmatch(r"#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})", value):
        digits = value[1:]
        if len(digits) in (3, 4):   # #rgb(a) -> rrggbb(aa)
            digits = "".join(c * 2 for c in digits)
        rgb = list(_rgb("#" + digits[:6]))
        if len(digits) == 8:
            alpha = int(digits[6:8], 16) / 255
    else:
        raise ValueError(f"not a colour this check reads: {value}")   # e.g. var(...): Material's own black/white
    return _hex(c * alpha + b * (1 - alpha) for c, b in zip(rgb, _rgb(background)))


def material_colours(css: str) -> dict[tuple[str, str, str], dict[str, str]]:
    """Material's named colours from its palette stylesheet: {(kind, name, scheme): {property: value}},
    kind 'primary' or 'accent', scheme 'default' or 'slate' (each with what applies in it)."""
    found: dict[tuple[str, str, str], dict[str, str]] = {}

    def walk(rules):
        for rule in rules:
            if isinstance(rule.body, list):
                walk(rule.body)
                continue
            if not rule.body:
                continue
            values = dict(d.split(":", 1) for d in split_top(rule.body, ";") if ":" in d)
            values = {k.strip(): v.strip() for k, v in values.items()}
            for selector in split_top(rule.prelude):
                selector = selector.strip()
                m = _NAMED.match(selector)
                schemes = ("default",) if m and m["light"] else ("default", "slate")
                if not m:
                    m = _NAMED_SLATE.match(selector)
                    schemes = ("slate",)
                if m:
                    for scheme in schemes:
                        found.setdefault((m[1], m[2], scheme), {}).update(values)
    walk(parse(css))
    return found


def named_colour_problems(colours, primary: str | None, accent: str | None, scheme: str) -> list[str]:
    """What fails WCAG AA with Material's named colours in one scheme (the guide's own page colours:
    white, and SLATE_PAGE in the dark scheme): the header's text, links, the focus outline. A colour
    written as something this doesn't read (var(...)) is left alone."""
    try:
        return _named_problems(colours, primary, accent, scheme)
    except ValueError:
        return []


def _named_problems(colours, primary, accent, scheme) -> list[str]:
    page = SLATE_PAGE if scheme == "slate" else WHITE
    problems = []
    p = colours.get(("primary", primary, scheme)) if primary else None
    if p and "--md-primary-fg-color" in p:
        header = _colour(p["--md-primary-fg-color"], page)
        text = _colour(p.get("--md-primary-bg-color", WHITE), header)
        link = _colour(p.get("--md-typeset-a-color", p["--md-primary-fg-color"]), page)
        for what, a, b, need in (("the header's text", text, header, AA_TEXT), ("links", link, page, AA_TEXT)):
            if contrast(a, b) < need:
                problems.append(f"primary '{primary}' gives {what} a contrast of only {contrast(a, b):.1f}:1 "
                                f"in the {'dark' if scheme == 'slate' else 'light'} scheme; WCAG AA needs {need}:1")
    a = colours.get(("accent", accent, scheme)) if accent else None
    if a and "--md-accent-fg-color" in a:
        outline = _colour(a["--md-accent-fg-color"], page)
        if contrast(outline, page) < NON_TEXT:
            problems.append(f"accent '{accent}' gives the focus outline a contrast of only "
                            f"{contrast(outline, page):.1f}:1 with the page in the {'dark' if scheme == 'slate' else 'light'} "
                            f"scheme; WCAG AA needs {NON_TEXT}:1")
    return problems


def _readable(colours, kind: str, name: str, scheme: str) -> bool:
    """A named colour this check can read, with nothing failing: one to suggest."""
    try:
        return not _named_problems(colours, name if kind == "primary" else None, name if kind == "accent" else None, scheme)
    except ValueError:
        return False


def palette_warnings(palettes, colours, source: str, path: str) -> list[str]:
    """Each palette entry of theme.palette whose named primary or accent colour fails WCAG AA, at its
    line in mkdocs.yml, with the named colours that would pass. 'custom' (the center's own colours,
    checked by colour_warnings) and names Material doesn't have are left alone."""
    warnings = []
    entries = palettes if isinstance(palettes, list) else [palettes] if isinstance(palettes, dict) else []
    names = {kind: sorted({n for k, n, _ in colours if k == kind}) for kind in ("primary", "accent")}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        scheme = "slate" if entry.get("scheme") == "slate" else "default"
        primary, accent = entry.get("primary") or "indigo", entry.get("accent") or "indigo"
        for kind, written in (("primary", primary), ("accent", accent)):
            name = str(written).strip().lower().replace(" ", "-")   # 'deep purple', as Material reads it
            if name not in names[kind]:
                continue
            problems = named_colour_problems(colours, name if kind == "primary" else None,
                                             name if kind == "accent" else None, scheme)
            if not problems:
                continue
            good = [n for n in names[kind] if _readable(colours, kind, n, scheme)]
            m = re.search(rf"^\s*-?\s*{kind}:\s*['\"]?{re.escape(str(written))}['\"]?\s*(#.*)?$", source, re.M)
            line = source.count("\n", 0, m.start()) + 1 if m else 1
            warnings.append(f"{path}:{line}: theme.palette's {'; '.join(problems)}. Fix: pick another {kind} colour, "
                            f"e.g. {', '.join(good[:6])}, or set your own ({PREFIX}.{kind}_color).")
    return warnings
