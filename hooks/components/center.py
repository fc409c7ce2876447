"""The career center's settings (`extra.career_center` in mkdocs.yml), the center's colours, and
`<!-- center: support|contact|booking|urgent|help -->` markers (urgent: help at any hour; required on
the home page. help: the help page's crisis line and emergency number; exactly one page shows it,
and the "Need to talk to someone now?" line at the top of every page links to that page).

Validated once per build (errors name the key and its line in mkdocs.yml). Templates read the
validated settings as `config.extra.career_center` (Material's templates only see the config);
components that need them declare `needs = ("center",)`. Logic: guidekit/branding.py. Words: the
`center:` section of overrides/text/<language>.yml (the example mark, the review date, the blocks).
Style: assets/tools/center.css (the 404 page loads it too).
Partials: center-support.html, center-contact.html, center-booking.html, center-urgent.html, center-help.html, center-urgent-line.html
(every page's top line, from main.html), center-reach.html. The last two show on every page (the top
line, the search's help, the footer) and read nothing of the page: templates take them from
`center_part(name, center, help=...)`, which renders each once per build and link to the help page
(`help_link(base_url, page)`: one per folder depth).
"""
from __future__ import annotations

import functools
import re

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from guidekit.branding import (colour_warnings, load_center, locate, material_colours, palette_css,
                               palette_warnings)
from guidekit.errors import ContentError, ContentErrors
from guidekit.markers import find_all_markers
from guidekit.translations import mark

from .base import Component
from .render import render

log = get_plugin_logger("center")
COLOURS_CSS = "assets/tools/center-colors.css"
PARTS = {"support": "partials/center-support.html", "contact": "partials/center-contact.html",
         "booking": "partials/center-booking.html", "urgent": "partials/center-urgent.html",
         "help": "partials/center-help.html"}
HOME = "index.md"  # where a student lands: it must show the urgent-help block
HELP_MARKER = "<!-- center: help -->"


class Center(Component):
    name = "center"
    needs = ("text",)  # the example mark and the review date are words
    markers = {"center": "the center's contact block"}
    assets = ("center.css",)  # the boxes in pages; every page's top line is styled by guide.css

    def configure(self, build):
        config = build.config
        path = config.config_file_path
        with open(path, encoding="utf-8") as fh:
            source = fh.read()
        where = locate(build.rel(path), source)
        words = build.words(self.name)
        if "text" not in build.data:
            return []  # the words file failed to load: its own errors say why
        if not words:
            return [ContentError(build.text_file, 1, "The words have no 'center' section.",
                                 "restore it from overrides/text/en.yml (git checkout -- overrides/text).")]
        docs = Path(config.docs_dir)
        logo = (config.extra.get("career_center") or {}).get("logo") if isinstance(config.extra.get("career_center"), dict) else None
        if build.fallback_docs_dir and isinstance(logo, str) and not (docs / logo.lstrip("/")).is_file():
            docs = Path(build.fallback_docs_dir)  # a translation uses the root docs' logo (components/languages.py)
        try:
            center = load_center(config.extra.get("career_center"), docs, where, words, config.theme.get("language") or "en")
        except ContentErrors as exc:
            return exc.errors
        for warning in colour_warnings(center):
            log.warning(warning)
        if not build.fallback_docs_dir:   # the root build (a translation shares its palette)
            for warning in palette_warnings(config.theme.get("palette"), theme_colours(getattr(config.theme, "dirs", [])),
                                            source, build.rel(path)):
                log.warning(warning)
        if build.translation is not None:  # settings not translated yet show marked as the original language
            mark(center, build.translation.setting_texts, build.translation.original_lang)
        config.extra["career_center"] = build.data[self.name] = center
        if palette_css(center):
            palettes = config.theme["palette"]
            for palette in palettes if isinstance(palettes, list) else [palettes]:
                for key in ("primary", "accent"):
                    if center[f"{key}_color"]:
                        palette[key] = "custom"
            if COLOURS_CSS not in config.extra_css:
                config.extra_css.append(COLOURS_CSS)
        return []

    def add_files(self, build, files):
        css = palette_css(build.data_of(self, self.name))
        if css:
            files.append(File.generated(build.config, COLOURS_CSS, content=css))

    def check(self, build, pages):
        """Help that can't wait shows, expanded, on the home page (and at the top of every page), and
        one page, the help page, shows `<!-- center: help -->`: the top line of every page leads there."""
        errors = []
        helps = []
        for src in sorted(pages):
            file = build.page(src)
            if file is None or file.abs_src_path is None:
                continue  # a generated page: only the build's own markers
            found = [m for m in find_all_markers(file.content_string) if m.kind == "center" and m.id == "help"]
            helps += [(file, m) for m in found]
        if not helps:
            errors.append(ContentError(build.rel(build.config.config_file_path), 1,
                                       f"No page of {build.rel(build.config.docs_dir)}/ is the help page (a page with '{HELP_MARKER}').",
                                       f"restore docs/help.md (git checkout -- docs/help.md), or put the line '{HELP_MARKER}' "
                                       "on a short page of its own; every page's 'Need to talk to someone now?' line links to it."))
        for file, m in helps[1:]:
            errors.append(ContentError(build.rel(file.abs_src_path), m.line,
                                       f"A second help page: {build.rel(helps[0][0].abs_src_path)} already shows '{HELP_MARKER}'.",
                                       "keep that line on one page only; link to that page from here instead."))
        build.data["center-help"] = helps[0][0].src_uri if helps else None
        home = build.page(HOME)
        if home is None or home.abs_src_path is None:
            return errors
        if any(m.kind == "center" and m.id == "urgent" for m in find_all_markers(home.content_string)):
            return errors
        return errors + [ContentError(build.rel(home.abs_src_path), 1,
                             "The home page doesn't show where to get help at any hour.",
                             "add a line '<!-- center: urgent -->' after the first paragraph (with a blank line "
                             "before and after); it shows the center's urgent-help settings and the emergency number.")]

    def help_link(self, build, base_url: str, page) -> str | None:
        """The help page's address as a link from `page` (base_url: MkDocs's, relative to the page; on the
        404 page, absolute), or None on the help page itself and when there is none."""
        src = build.data.get("center-help")
        file = build.page(src) if src else None
        if file is None or (page is not None and getattr(page, "file", None) is not None and page.file.src_uri == src):
            return None
        if base_url in (".", "./", ""):
            return file.url
        return f"{base_url.rstrip('/')}/{file.url}"

    def variants(self, build, kind):
        return PARTS.keys()

    def template_globals(self, build):
        """`center_part(name, center)`: a partial that reads only the center's settings `center` and
        the words, never the page (center-reach.html, center-urgent-line.html), rendered once per
        build and settings: the HTML an `{% include %}` of it gives, on every page."""
        made: dict[tuple[str, int, str | None], tuple[Any, Markup]] = {}

        def center_part(name: str, center, help: str | None = None) -> Markup:
            key = (name, id(center), help)
            if key not in made:  # the settings are kept with it, so their id stays theirs
                made[key] = (center, Markup(render(build, name, center=center, help=help)))
            return made[key][1]

        def help_link(base_url: str, page) -> str | None:
            return self.help_link(build, base_url, page)
        return {"center_part": center_part, "help_link": help_link}

    def template_filters(self, build):
        return {"tel_links": tel_links}

    def render(self, build, kind, ident, page):
        help = build.link(page, build.data["center-help"]) if build.data.get("center-help") and ident != "help" else None
        return render(build, PARTS[ident], center=build.data[self.name], page=page, help=help)


component = Center()

# A phone number written in words: three or more digits in groups of two to four ("988", "116 123").
NUMBER = re.compile(r"(?<![\d+])\+?\d{2,4}(?: \d{2,4})*(?![\d])")


def tel_links(words) -> Markup:
    """`| tel_links`: words (escaped, as `words.<tool>.<key>` gives them) with each phone number in them
    a tap-to-call link, e.g. the examples of national crisis lines."""
    text = str(words if isinstance(words, Markup) else Markup.escape(words))
    return Markup(NUMBER.sub(lambda m: f'<a href="tel:{re.sub(r"[^0-9+]", "", m[0])}">{m[0]}</a>'
                             if len(re.sub(r"\D", "", m[0])) >= 3 else m[0], text))


@functools.lru_cache(maxsize=4)
def _colours_of(stylesheet: str) -> dict:
    return material_colours(Path(stylesheet).read_text(encoding="utf-8"))


def theme_colours(dirs) -> dict:
    """Material's named colours, from the palette stylesheet of the theme in use ({} if it has none)."""
    for folder in dirs:
        found = sorted(Path(folder).glob("assets/stylesheets/palette.*.min.css"))
        if found:
            return _colours_of(str(found[0]))
    return {}
