"""Career-center settings (extra.career_center): validation, the partials, and the built sites.

- Unit tests: loading and validating settings, colours, the center component and its partials, on
  data strings and settings the tests own.
- Content tests (`guide`: the shipped guide and a copy with a center's edits): every page shows that
  guide's center, and a setting it leaves out leaves no trace. Expectations come from the guide's
  own mkdocs.yml.
- Tests of particular settings (every optional setting, custom colours, a name with '&') run on the
  example site, whose settings the tests own (tests/example/mkdocs.yml).
- One strict build proves the wiring.
"""
from __future__ import annotations

import datetime
import logging
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from components import center as center_component
from components.base import Build, Component
from guidekit.branding import (CenterSettings, Where, colour_warnings, contrast, load_center, locate, named_colour_problems,
                               palette_warnings,
                               palette_css, readable_on)
from guidekit.errors import ContentErrors
from guidekit.text import fill
from support import EXAMPLE, ROOT, build, center_settings, soup, theme_env, words
from test_site_build import built_pages, config_of

# The example site's settings show in each of its languages (quick checks of the built pages).
pytestmark = pytest.mark.each_language

EXAMPLE_DOCS = EXAMPLE / "docs"
GOOD = {"name": "Riverside Institute Careers Office", "contact_email": "help@careers.riverside.test"}
NOWHERE = Where("mkdocs.yml", {})
WORDS = words("center")


def errors_of(raw, docs: Path = EXAMPLE_DOCS, where: Where = NOWHERE) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_center(raw, docs, where, WORDS)
    return [str(e) for e in caught.value.errors]


def example_copy(dest: Path) -> Path:
    """A private copy of the example site (with the project's hooks and templates beside it, which its
    mkdocs.yml reaches as ../../), to break on purpose. Returns the folder of its mkdocs.yml."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for part in ("overrides", "hooks"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(EXAMPLE, dest / "tests" / "example")
    return dest / "tests" / "example"


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def settings_of(config_file: Path) -> dict:
    """The top-level settings a site is built with, as far as the tests read them: the file's own keys
    over those of the file it INHERITs (a translation's mkdocs.<code>.yml over mkdocs.yml, the example's
    over the project's), mappings merged key by key as MkDocs merges them (values with a tag, such as
    site_url's !ENV, left out)."""
    own = config_of(config_file)
    parent = own.pop("INHERIT", None)
    if not parent:
        return own
    base = settings_of((config_file.parent / parent).resolve())
    words = (own.get("extra") or {}).get("translations")
    center = (base.get("extra") or {}).get("career_center")
    if isinstance(words, dict) and isinstance(center, dict):  # a translation's words for the center's settings
        from components.languages import CENTER_WORDS, translate_lines
        words = {str(k).strip(): str(v).strip() for k, v in words.items()}
        center = {k: translate_lines(v, words)[0] if k in CENTER_WORDS and isinstance(v, str) else v
                  for k, v in center.items()}
        base = {**base, "extra": {**base["extra"], "career_center": center}}
    return _merged(base, own)


def config_file(root: Path, lang: str) -> Path:
    """The settings file of a site's language: mkdocs.yml, or a translation's mkdocs.<code>.yml."""
    return root / ("mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml")


def shown_center_in(settings_file: Path, lang: str) -> CenterSettings:
    """The center as a site in a language shows it: its settings (a translation may give text settings
    in its own language) loaded with that language's words, defaults filled in."""
    root = settings_file.parent
    project = next(p for p in (root, *root.parents) if (p / "overrides" / "text").is_dir())  # the example's: ../../
    return load_center(settings_of(settings_file)["extra"]["career_center"], root / "docs", NOWHERE,
                       words("center", lang, project), lang)


def center_settings_of(guide) -> dict:
    """extra.career_center as the guide under test is built with (a translation's settings over mkdocs.yml's)."""
    return settings_of(guide.config_file)["extra"]["career_center"]


def example_center(lang: str = "en") -> CenterSettings:
    return shown_center_in(config_file(EXAMPLE, lang), lang)


def center_of(guide) -> CenterSettings:
    """The center the guide under test shows (the Spanish guide: mkdocs.es.yml's settings over mkdocs.yml's)."""
    return shown_center_in(guide.config_file, guide.lang)


def site_name_of(guide) -> str:
    return settings_of(guide.config_file)["site_name"]


# Unit: loading and validation ------------------------------------------------------------------

def test_good_settings_fill_in_the_optional_keys():
    center = load_center(dict(GOOD, phone="+1 (555) 010-0199 ext. 12", address="Hall 2\n  Room 5 \n"), EXAMPLE_DOCS, NOWHERE, WORDS)
    assert isinstance(center, CenterSettings)
    assert center.short_name == center["name"] == GOOD["name"]
    assert center.logo is None and center.booking_url is None and center.support_text is None
    assert center.phone_link == "tel:+15550100199"
    assert center.address_lines == ["Hall 2", "Room 5"]
    with pytest.raises(AttributeError):
        center.nothing


def test_a_logo_inside_docs_is_kept():
    logo = center_settings(EXAMPLE)["logo"]
    assert load_center(dict(GOOD, logo=logo), EXAMPLE_DOCS, NOWHERE, WORDS).logo == logo


def test_a_number_for_a_phone_is_fine_and_short_colours_are_expanded():
    center = load_center(dict(GOOD, phone=5550100, primary_color="#36c"), EXAMPLE_DOCS, NOWHERE, WORDS)
    assert center.phone == "5550100" and center.primary_color == "#3366cc"


@pytest.mark.parametrize("raw, expected", [
    (dict(GOOD, contact_email="foo"), "extra.career_center.contact_email 'foo' is not an email address."),
    (dict(GOOD, contact_email="mailto:a@b.edu"), "extra.career_center.contact_email 'mailto:a@b.edu' is not an email address."),
    (dict(GOOD, booking_url="example.edu/book"), "extra.career_center.booking_url 'example.edu/book' is not a web address."),
    (dict(GOOD, booking_url="appointments.riverside.test"), "extra.career_center.booking_url 'appointments.riverside.test' is not a web address."),
    (dict(GOOD, support_url="ftp://example.edu"), "extra.career_center.support_url 'ftp://example.edu' is not a web address."),
    (dict(GOOD, support_url="www.riverside.test/wellbeing"), "extra.career_center.support_url 'www.riverside.test/wellbeing' is not a web address."),
    ({"contact_email": "a@b.edu"}, "extra.career_center.name is missing or empty; the site needs it."),
    (dict(GOOD, name="  "), "extra.career_center.name is missing or empty"),
    ({"name": "X"}, "extra.career_center.contact_email is missing or empty"),
    (dict(GOOD, logo="assets/missing.png"), "extra.career_center.logo 'assets/missing.png' doesn't exist"),
    (dict(GOOD, logo="https://cdn.example.com/logo.png"), "extra.career_center.logo 'https://cdn.example.com/logo.png' is a web address"),
    (dict(GOOD, logo="index.md"), "extra.career_center.logo 'index.md' is not an image file"),
    (dict(GOOD, logo="../README.png"), "extra.career_center.logo '../README.png' is outside the docs/ folder"),
    (dict(GOOD, phone="call us"), "extra.career_center.phone 'call us' is not a phone number."),
    (dict(GOOD, primary_color="navy"), "extra.career_center.primary_color 'navy' is not a color."),
    (dict(GOOD, accent_color=None), "extra.career_center.accent_color is empty."),
    (dict(GOOD, emial="x@y.edu"), "extra.career_center has an unknown setting 'emial'."),
    (dict(GOOD, name=["a", "b"]), "extra.career_center.name is not plain text."),
    (None, "extra.career_center is missing or is not a set of 'key: value' lines."),
])
def test_each_bad_setting_is_named_with_a_fix(raw, expected):
    [error] = [e for e in errors_of(raw) if expected in e] or [None]
    assert error, f"expected {expected!r} in {errors_of(raw)}"
    assert error.startswith("mkdocs.yml:") and " Fix: " in error


def test_all_problems_are_reported_together():
    assert len(errors_of({"contact_email": "foo", "booking_url": "nope"})) == 3


SOURCE = """\
site_url: !ENV [SITE_URL, "https://x.test/"]
extra:
  generator: false
  career_center:
    name: X
    contact_email: foo
nav: []
"""


def test_errors_carry_the_line_of_the_key_in_mkdocs_yml():
    where = locate("mkdocs.yml", SOURCE)
    assert where.lines == {"extra": 2, "career_center": 4, "name": 5, "contact_email": 6}
    assert errors_of({"name": "X", "contact_email": "foo"}, where=where)[0].startswith(
        "mkdocs.yml:6: extra.career_center.contact_email 'foo' is not an email address. Fix: ")
    # a missing key points at `career_center:`; no career_center at all points at `extra:`
    no_name = locate("mkdocs.yml", SOURCE.replace("    name: X\n", ""))
    assert errors_of({"contact_email": "a@b.edu"}, where=no_name)[0].startswith("mkdocs.yml:4: ")
    assert errors_of(None, where=locate("mkdocs.yml", "extra:\n  a: 1\n"))[0].startswith("mkdocs.yml:1: ")
    assert locate("mkdocs.yml", "extra: [oops").lines == {}


# Unit: colours --------------------------------------------------------------------------------

def test_contrast_follows_wcag():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#4051b5", "#fff") > 4.5  # Material's indigo, the default


def test_readable_on_reaches_aa_on_light_and_dark():
    for colour in ("#ffcc00", "#1f4e79", "#8a1c4a", "#777777"):
        assert contrast(readable_on(colour, "#ffffff"), "#ffffff") >= 4.5
        assert contrast(readable_on(colour, "#272a35"), "#1e2129") >= 4.5


def test_low_contrast_colours_are_named_in_a_warning():
    center = load_center(dict(GOOD, primary_color="#ffcc00", accent_color="#1f4e79"), EXAMPLE_DOCS, NOWHERE, WORDS)
    [warning] = colour_warnings(center)
    assert warning.startswith("extra.career_center.primary_color '#ffcc00' has a contrast of only 1.5:1")
    assert "Fix: pick a darker color, e.g. '#" in warning
    assert colour_warnings(load_center(dict(GOOD, primary_color="#1f4e79"), EXAMPLE_DOCS, NOWHERE, WORDS)) == []


def test_palette_css_only_for_a_custom_pair():
    assert palette_css(load_center(GOOD, EXAMPLE_DOCS, NOWHERE, WORDS)) == ""
    css = palette_css(load_center(dict(GOOD, primary_color="#1f4e79"), EXAMPLE_DOCS, NOWHERE, WORDS))
    assert "--md-primary-fg-color: #1f4e79;" in css and "--md-accent-fg-color" not in css
    assert '[data-md-color-scheme="slate"] {\n  --md-typeset-a-color: #' in css
    css = palette_css(load_center(dict(GOOD, accent_color="#8a1c4a"), EXAMPLE_DOCS, NOWHERE, WORDS))
    assert "--md-accent-fg-color: #8a1c4a;" in css and "--md-primary" not in css


# Unit: the center component, on a mkdocs.yml the test writes ----------------------------------

class Config(dict):
    __getattr__ = dict.__getitem__


class CenterWords(Component):
    """The text component's part here: the center's words, English unless given (the text component
    itself: test_text.py)."""
    name = "text"

    def __init__(self, words: dict = WORDS):
        self.words = words

    def configure(self, build):
        build.data["text"] = {"center": self.words}
        build.text_file, build.text_lines = "overrides/text/xx.yml", {}
        return []


def center_build(mkdocs_yml: Path, settings=None, words: dict = WORDS) -> Build:
    """The center component alone, as the hook runs it on this mkdocs.yml (logos looked up in the
    example site's docs/)."""
    root = mkdocs_yml.parent
    config = Config(config_file_path=str(mkdocs_yml), docs_dir=str(EXAMPLE_DOCS),
                    extra={"career_center": center_settings(root) if settings is None else settings},
                    theme={"palette": [{"scheme": "default"}, {"scheme": "slate"}]}, extra_css=[])
    return Build([CenterWords(words), center_component.component], str(root), str(EXAMPLE_DOCS), config)


def example_yml_with(tmp_path: Path, key: str, value: str) -> tuple[Path, int]:
    """The example's mkdocs.yml with one career_center value changed, and the line of that key."""
    lines = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  career_center:\n")
    line = next(i for i in range(start, len(lines)) if lines[i].startswith(f"    {key}:"))
    lines[line] = f"    {key}: {value}\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, line + 1


def test_a_bad_setting_is_reported_at_its_line_in_the_real_mkdocs_yml(tmp_path):
    path, line = example_yml_with(tmp_path, "contact_email", "careers(at)example.org")
    [error] = center_build(path).load()
    assert str(error).startswith(f"mkdocs.yml:{line}: extra.career_center.contact_email 'careers(at)example.org' "
                                 "is not an email address. Fix: ")


def test_a_low_contrast_colour_is_a_warning_not_an_error(tmp_path, caplog):
    """A warning: a strict build (make test, the publishing workflow) stops, `mkdocs serve` goes on."""
    path, _ = example_yml_with(tmp_path, "primary_color", '"#ffcc00"')
    with caplog.at_level(logging.WARNING):
        assert center_build(path).load() == []
    [record] = [r for r in caplog.records if "#ffcc00" in r.getMessage()]
    assert record.levelno == logging.WARNING and record.name.startswith("mkdocs.")
    assert "extra.career_center.primary_color '#ffcc00' has a contrast of only 1.5:1" in record.getMessage()


def test_an_unknown_center_block_is_named_with_its_line():
    b = center_build(EXAMPLE / "mkdocs.yml")
    assert b.load() == []
    [error] = b.check_markers("docs/page.md", "# Page\n\n<!-- center: contacts -->\n")
    assert str(error) == ("docs/page.md:3: The page asks for the center's contact block 'contacts', which doesn't "
                          "exist. Fix: did you mean 'contact'?")
    assert b.check_markers("docs/page.md", "<!-- center: contact -->\n\n<!-- center: support -->\n\n"
                                           "<!-- center: booking -->\n") == []


def test_settings_reach_templates_as_config_extra_and_components_as_center_data():
    """Templates read config.extra.career_center; components that declare needs=("center",) read
    build.data["center"]: the same validated dict, whose keys also read as attributes."""
    b = center_build(EXAMPLE / "mkdocs.yml")
    assert b.load() == []
    c = b.config.extra["career_center"]
    assert c is b.data["center"]
    assert c.name == c["name"] == center_settings(EXAMPLE)["name"].strip()
    from guidekit.branding import KEYS
    assert sorted(c) == sorted([*KEYS, "phone_link", "urgent_phone_link", "urgent_text_number_link", "address_lines", "reviewed_on_text"])
    # a custom pair switches both palettes to "custom" and adds the generated style sheet
    assert all(p["primary"] == p["accent"] == "custom" for p in b.config.theme["palette"])
    assert b.config.extra_css == [center_component.COLOURS_CSS]


# Unit: the partials, rendered with the theme's environment -----------------------------------

PARTIALS = ["partials/copyright.html", "partials/center-contact.html", "partials/center-support.html",
            "partials/center-booking.html"]


@pytest.fixture(scope="module")
def theme():
    from mkdocs.config import load_config
    config = load_config(str(EXAMPLE / "mkdocs.yml"))
    return config, theme_env(config)


def rendered(theme, center: CenterSettings) -> str:
    """The footer and the three center blocks, as the build renders them for these settings."""
    config, env = theme
    config.extra["career_center"] = center
    return "\n".join(env.get_template(t).render(config=config, center=center, page=None) for t in PARTIALS)


def test_left_out_settings_leave_no_empty_label_or_link(theme):
    center = load_center({"name": "Hill & Dale Careers", "contact_email": "ask@hill-dale.test"}, EXAMPLE_DOCS, NOWHERE, WORDS)
    html = rendered(theme, center)
    doc = BeautifulSoup(html, "html.parser")
    text = doc.get_text(" ", strip=True)
    for a in doc.select("a"):
        assert a.get("href", "").strip() not in ("", "mailto:", "tel:", "#"), a
        assert a.get_text(strip=True), a
    assert {a["href"] for a in doc.select("a")} == {"mailto:ask@hill-dale.test"}
    assert not doc.select("address, img")
    absent_words = [WORDS[k].split("{")[0].strip(" :") for k in ("reach_phone", "reach_visit", "support_counseling", "reach_book")]
    for absent in (*absent_words, "None"):
        assert absent not in text, absent
    for item in doc.select(".guide-reach li"):
        label, _, value = item.get_text(" ", strip=True).partition(":")
        assert item.select_one("a") and value.strip(), item
    # without a booking page, the booking block offers the email instead
    assert doc.select_one(".guide-center-booking a[href='mailto:ask@hill-dale.test']")
    # the '&' is escaped once: readers see the name as written
    assert text.count("Hill & Dale Careers") == 4 and "&amp;amp;" not in html and "&amp;" in html


def test_every_setting_shows_in_the_partials(theme):
    c = example_center()
    doc = BeautifulSoup(rendered(theme, c), "html.parser")
    hrefs = {a["href"] for a in doc.select("a")}
    assert hrefs == {f"mailto:{c.contact_email}", c.phone_link, c.booking_url, c.support_url}
    assert [s.get_text() for s in doc.select(".guide-reach address")[0].select("span")] == c.address_lines
    assert doc.select_one(f"a[href='{c.support_url}']").get_text() == c.support_text
    assert doc.select_one(f".guide-center-booking a[href='{c.booking_url}']").get_text().endswith(c.short_name)


# Content: every guide shows its own center ----------------------------------------------------

def test_every_page_shows_the_center_and_the_site_name(guide):
    c, site_name = center_of(guide), site_name_of(guide)
    problems = []
    for path in built_pages(guide.site):
        doc, where = soup(path), path.relative_to(guide.site).as_posix()
        if "&amp;amp;" in path.read_text(encoding="utf-8"):
            problems.append(f"{where}: a value escaped twice")
        if site_name not in doc.title.get_text():
            problems.append(f"{where}: title {doc.title.get_text()!r} lacks the site name")
        if doc.select_one("body.sheet-page"):  # a printable sheet: no site chrome, the center on the paper
            for sheet in doc.select("article.sheet"):
                contact = sheet.select_one(".sheet__contact")
                if sheet.select_one(".sheet__center").get_text(strip=True) != c.name:
                    problems.append(f"{where}: the sheet doesn't name {c.name!r}")
                if not contact.select_one(f"a[href='mailto:{c.contact_email}']") or (
                        c.booking_url and not contact.select_one(f"a[href='{c.booking_url}']")):
                    problems.append(f"{where}: the sheet lacks the center's email or booking link")
            continue
        footer = doc.select_one("footer .guide-footer")
        if not footer:
            problems.append(f"{where}: no career-center footer")
            continue
        text = footer.get_text(" ", strip=True)
        if c.name not in text or c.contact_email not in text or not footer.select_one(f"a[href='mailto:{c.contact_email}']"):
            problems.append(f"{where}: the footer lacks the center's name or email: {text!r}")
        if c.booking_url and not footer.select_one(f"a[href='{c.booking_url}']"):
            problems.append(f"{where}: the footer has no link to the booking page")
        if c.short_name not in doc.select_one(".md-header__topic").get_text():
            problems.append(f"{where}: the header lacks {c.short_name!r}")
        if doc.select_one("meta[property='og:site_name']")["content"] != site_name:
            problems.append(f"{where}: og:site_name is not the site name")
    assert not problems, "\n".join(problems)


def test_center_blocks_name_the_center_and_its_ways_in(guide):
    """Wherever a page shows a center block (contact, support, booking), it names this guide's center
    and links only to its own addresses: booking when set, else the email."""
    c = center_of(guide)
    own = {f"mailto:{c.contact_email}", c.phone_link, c.booking_url, c.support_url} - {None}
    problems = []
    for path in guide.pages():
        doc = guide.html(path)
        for box in doc.select("article .guide-center-box"):
            if c.name not in box.get_text(" ", strip=True) or not box.select_one(f"a[href='mailto:{c.contact_email}']"):
                problems.append(f"/{path}: a center box without the center's name or email")
        for booking in doc.select("article .guide-center-booking"):
            link = booking.select_one(f"a[href='{c.booking_url or 'mailto:' + c.contact_email}']")
            if not link or (c.booking_url and c.short_name not in link.get_text()):
                problems.append(f"/{path}: the booking block doesn't offer {c.booking_url or c.contact_email}")
        stray = [a.get("href") for a in doc.select(".guide-center-box a, .guide-center-booking a, .guide-footer__center a")
                 if a.get("href") not in own]
        if stray:
            problems.append(f"/{path}: center links to {stray}, not to this center's settings")
    assert not problems, "\n".join(problems)


def test_left_out_settings_leave_nothing_behind(guide):
    """A setting the guide leaves out shows nowhere (no tel: link, no address, no logo), and no link
    or center entry is left empty."""
    c = center_of(guide)
    theme_logo = (settings_of(guide.config_file).get("theme") or {}).get("logo")
    crisis_examples = guide.words("center")["crisis_examples"]
    problems = []
    for path in built_pages(guide.site):
        doc, where = soup(path), path.relative_to(guide.site).as_posix()
        for a in doc.select("a"):
            if a.find_parent(attrs={"hidden": True}) or a.find_parent(class_="guide-js-only"):
                continue  # a control that scripts fill in and show (e.g. "Open in my email app")
            href = a.get("href", "")
            named = a.get_text(strip=True) or a.get("aria-label") or a.get("title") or a.select_one("img[alt]:not([alt=''])")
            if not href.strip() or href in ("mailto:", "tel:", "#") or not named:
                problems.append(f"{where}: link without a target or a name: {a}")
        for item in doc.select(".guide-reach li"):
            label, colon, value = item.get_text(" ", strip=True).partition(":")
            if not item.select_one("a, address") or (colon and not value.strip()):
                problems.append(f"{where}: empty entry {item}")
        for block in doc.select(".guide-footer, .guide-center-box, .guide-center-booking, .sheet__contact, .md-header__topic"):
            if {"None", "null"} & set(block.get_text(" ", strip=True).replace(":", " ").split()):
                problems.append(f"{where}: 'None' shown for a missing setting: {block.get_text(' ', strip=True)!r}")
        phones = {c.phone_link, c.urgent_phone_link} - {None}
        if [a for a in doc.select("a[href^='tel:']") if a["href"] not in phones and a.get_text() not in crisis_examples]:
            problems.append(f"{where}: a tel: link without a phone setting")  # (national crisis lines the words name are)
        if [a for a in doc.select("a[href^='sms:']") if a["href"] != c.urgent_text_number_link]:
            problems.append(f"{where}: an sms: link without urgent_text_number")
        if not c.address_lines and doc.select(".guide-reach address"):
            problems.append(f"{where}: an address without an address setting")
        if not c.logo and not theme_logo and doc.select(".md-logo img"):
            problems.append(f"{where}: a logo image without a logo setting")
        for img in doc.select("img"):
            if not img.get("src", "").strip():
                problems.append(f"{where}: image without a source")
    assert not problems, "\n".join(problems)


def test_every_page_has_a_meaningful_title_and_social_preview(guide):
    site_name = site_name_of(guide)
    problems = []
    for path in built_pages(guide.site):
        doc, where = soup(path), path.relative_to(guide.site).as_posix()
        title = doc.title.get_text(strip=True)
        desc = doc.select_one("meta[name='description']")["content"]
        if site_name not in title or title == site_name:
            problems.append(f"{where}: title {title!r}")
        if (doc.select_one("meta[property='og:title']")["content"] != title
                or doc.select_one("meta[property='og:description']")["content"] != desc
                or doc.select_one("meta[property='og:type']")["content"] != "website"
                or doc.select_one("meta[name='twitter:card']")["content"] != "summary"
                or doc.select("meta[property='og:image'], meta[name='twitter:image']")):
            problems.append(f"{where}: social preview doesn't match the page")
    assert not problems, "\n".join(problems)


# Particular settings: the example site (its settings are the tests' own) ----------------------

def test_every_optional_setting_shows_on_the_example_site(example_lang):
    """In each language (the Spanish example gives its own support_text in mkdocs.es.yml)."""
    example, settings = example_lang, settings_of(config_file(EXAMPLE, example_lang.lang))
    c, site_name = example_center(example.lang), settings["site_name"]
    home = soup(example.site / "index.html")
    assert home.title.get_text() == f"{site_name} - {c.name}"  # the '&' in the name, escaped once
    doc = soup(example.site / "privacy" / "index.html")
    footer = doc.select_one("footer .guide-footer")
    assert footer.select_one(f"a[href='{c.phone_link}']").get_text() == c.phone
    assert [s.get_text() for s in footer.select("address span")] == c.address_lines
    assert urljoin("/x/privacy/", doc.select_one(".md-logo img")["src"]) == f"/x/{c.logo}"
    assert c.short_name in doc.select_one(".md-header__topic").get_text()
    boxes = doc.select("article .guide-center-box")
    assert any(c.name in box.get_text() for box in boxes)
    assert doc.select_one(f"article .guide-center-box a[href='{c.support_url}']").get_text() == c.support_text
    booking = doc.select_one("article .guide-center-booking a")
    booking_words = words("center", example.lang)["booking_button"]
    assert booking["href"] == c.booking_url and booking.get_text() == fill(booking_words, center=c.short_name)
    assert footer.select_one(".md-copyright__highlight").get_text() == settings["copyright"]


def test_custom_colour_pair_is_applied(example_lang):
    example, c = example_lang, example_center(example_lang.lang)
    doc = soup(example.site / "index.html")
    assert doc.body["data-md-color-primary"] == "custom" and doc.body["data-md-color-accent"] == "custom"
    assert doc.select_one(f"link[href='{center_component.COLOURS_CSS}']")
    css = (example.site / center_component.COLOURS_CSS).read_text().replace(" ", "")
    assert f"--md-primary-fg-color:{c.primary_color};" in css and f"--md-accent-fg-color:{c.accent_color};" in css


def test_the_projects_settings_show_nowhere_on_a_site_with_other_settings(example_lang):
    """Nothing of the project's own center is written into templates or scripts: a site with other
    settings never shows it. (Colours are left out: they may well be Material's own.)"""
    # what the example site writes or inherits itself: its own files, and the project's mkdocs.yml
    # apart from the career_center block
    project_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = next(v for k, v in next(v for k, v in yaml.compose(project_yml).value if k.value == "extra").value
                 if k.value == "career_center")
    ours = project_yml[:block.start_mark.index] + project_yml[block.end_mark.index:] + "".join(
        p.read_text(encoding="utf-8") for p in EXAMPLE.rglob("*") if p.suffix in (".md", ".yml"))
    example = example_lang
    project = shown_center_in(config_file(ROOT, example.lang), example.lang)
    values = [project[k] for k in ("name", "short_name", "logo", "contact_email", "phone", "booking_url",
                                   "support_url", "support_text") if project[k]] + project.address_lines
    values = [v for v in values if len(v) >= 6 and v not in ours]
    files = built_pages(example.site) + [example.site / "search" / "search_index.json"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = [v for v in values if v in text]
        assert not found, f"{path.relative_to(example.site)} shows the project's settings {found}"


# The one build: the wiring --------------------------------------------------------------------

def test_a_low_contrast_colour_and_a_bad_center_block_reach_the_strict_build(tmp_path):
    """The center's warning and a page's error reach the build output (file:line, no traceback)."""
    site = example_copy(tmp_path / "p")
    config = site / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    [at] = [i for i, text in enumerate(lines) if text.startswith("    primary_color:")]
    lines[at] = '    primary_color: "#ffcc00"\n'
    config.write_text("".join(lines), encoding="utf-8")
    source = "---\ntitle: Bad block\ndescription: A page the test wrote, with a misspelt center block.\n---\n\n" \
             "# Bad block\n\n<!-- center: contacts -->\n"
    (site / "docs" / "bad-block.md").write_text(source, encoding="utf-8")
    line = source.splitlines().index("<!-- center: contacts -->") + 1
    result = build(site, tmp_path / "out", quiet=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "WARNING -  center: extra.career_center.primary_color '#ffcc00' has a contrast of only 1.5:1" in output, output
    assert (f"docs/bad-block.md:{line}: The page asks for the center's contact block 'contacts', which doesn't "
            "exist. Fix: did you mean 'contact'?") in output, output


def test_the_center_blocks_and_controls_speak_the_language_of_the_build():
    """Built in Spanish (theme.language: es), the center's blocks, the footer and the saved-data controls
    show overrides/text/es.yml's words, the review date in Spanish, and no English sentence of ours."""
    from mkdocs.config import load_config
    from guidekit.branding import date_in_words
    config = load_config(str(EXAMPLE / "mkdocs.yml"))
    config.theme["language"] = "es"
    env = theme_env(config)
    spanish = {tool: words(tool, "es") for tool in ("center", "device")}
    center = load_center(center_settings(EXAMPLE), EXAMPLE_DOCS, NOWHERE, spanish["center"], "es")
    config.extra["career_center"] = center
    templates = [*PARTIALS, "partials/center-reach.html", "partials/center-urgent.html", "partials/center-help.html",
                 "partials/center-urgent-line.html", "partials/center-reviewed.html", "partials/device-controls.html"]
    text = " ".join(BeautifulSoup(env.get_template(t).render(config=config, center=center, page=None), "html.parser")
                    .get_text(" ") for t in templates)
    text = " ".join(text.split())
    assert spanish["center"]["urgent_reach_out"] in text and spanish["device"]["clear"] in text
    assert date_in_words(datetime.date.fromisoformat(center.reviewed_on), "es") in text
    leftovers = []
    for tool in spanish:
        for key, english in words(tool).items():
            if key == "script" or english == spanish[tool][key]:
                continue
            leftovers += [piece.strip() for piece in re.split(r"\{\w+\}", english) if len(piece.strip(" .,:")) > 6
                          and piece.strip() in text]
    assert not leftovers, leftovers


# Material's named colours (theme.palette's primary and accent) ------------------------------------

MATERIAL_COLOURS = center_component.theme_colours([Path(__import__("material").__path__[0]) / "templates"])


def failing(kind: str, scheme: str = "default") -> str:
    """A named colour of Material's that fails in a scheme (derived from Material's own stylesheet)."""
    return next(n for k, n, s in sorted(MATERIAL_COLOURS) if k == kind and s == scheme
                and named_colour_problems(MATERIAL_COLOURS, n if kind == "primary" else None,
                                          n if kind == "accent" else None, scheme))


def test_materials_named_colours_are_read_from_its_palette_stylesheet():
    indigo = MATERIAL_COLOURS[("primary", "indigo", "default")]
    assert contrast(indigo["--md-primary-fg-color"], "#ffffff") > 4.5
    # a link colour Material sets for the light scheme only (`:not([data-md-color-scheme=slate])`) stays there
    css = next((Path(__import__("material").__path__[0]) / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    name, colour = re.search(r"\[data-md-color-primary=([\w-]+)\]:not\(\[data-md-color-scheme=slate\]\)"
                             r"\{--md-typeset-a-color:([^;}]+)", css.read_text(encoding="utf-8")).groups()
    assert MATERIAL_COLOURS[("primary", name, "default")]["--md-typeset-a-color"] == colour
    assert MATERIAL_COLOURS[("primary", name, "slate")].get("--md-typeset-a-color") != colour


def test_a_named_colour_that_fails_wcag_is_named_at_its_line_with_ones_that_pass():
    bad = failing("primary")
    source = f"site_name: X\ntheme:\n  palette:\n    - scheme: default\n      primary: {bad}\n      accent: indigo\n"
    palettes = yaml.safe_load(source)["theme"]["palette"]
    [warning] = palette_warnings(palettes, MATERIAL_COLOURS, source, "mkdocs.yml")
    assert warning.startswith("mkdocs.yml:5: ") and f"primary '{bad}'" in warning and "WCAG AA needs 4.5:1" in warning
    suggested = warning.split("e.g. ", 1)[1].split(", or set", 1)[0].split(", ")
    assert suggested and all(not named_colour_problems(MATERIAL_COLOURS, n, None, "default") for n in suggested)
    # the center's own colours ('custom') and a palette that passes say nothing
    assert palette_warnings([{"scheme": "default", "primary": "custom", "accent": "custom"}], MATERIAL_COLOURS, source, "mkdocs.yml") == []
    assert palette_warnings([{"scheme": "slate", "primary": "indigo", "accent": "indigo"}], MATERIAL_COLOURS, source, "mkdocs.yml") == []


def test_an_unreadable_accent_stops_the_strict_build_at_its_line(tmp_path):
    from support import copy_project
    project = copy_project(tmp_path / "project")
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    at = re.search(r"^\s*accent: \S+", text, re.M)
    bad = failing("accent")
    settings.write_text(text[:at.start()] + re.sub(r"accent: \S+", f"accent: {bad}", at.group()) + text[at.end():],
                        encoding="utf-8")
    result = build(project, tmp_path / "site", quiet=False)
    assert result.returncode != 0
    line = text.count("\n", 0, at.start()) + 1
    assert f"mkdocs.yml:{line}: theme.palette's accent '{bad}'" in result.stderr, result.stderr[-2000:]
