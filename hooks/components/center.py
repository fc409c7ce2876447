"""The career center's settings (`extra.career_center` in mkdocs.yml), the center's colours, and
`<!-- center: support|contact|booking -->` markers.

Validated once per build (errors name the key and its line in mkdocs.yml). Templates read the
validated settings as `config.extra.career_center` (Material's templates only see the config);
components that need them declare `needs = ("center",)`. Logic: guidekit/branding.py.
Partials: center-support.html, center-contact.html, center-booking.html, center-reach.html.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from guidekit.branding import colour_warnings, load_center, locate, palette_css
from guidekit.errors import ContentErrors

from .base import Component
from .render import render

log = get_plugin_logger("center")
COLOURS_CSS = "assets/tools/center-colors.css"
PARTS = {"support": "partials/center-support.html", "contact": "partials/center-contact.html",
         "booking": "partials/center-booking.html"}


class Center(Component):
    name = "center"
    markers = {"center": "the center's contact block"}

    def configure(self, build):
        config = build.config
        path = config.config_file_path
        with open(path, encoding="utf-8") as fh:
            where = locate(build.rel(path), fh.read())
        try:
            center = load_center(config.extra.get("career_center"), Path(config.docs_dir), where)
        except ContentErrors as exc:
            return exc.errors
        for warning in colour_warnings(center):
            log.warning(warning)
        config.extra["career_center"] = build.data[self.name] = center
        build.center_css = css = palette_css(center)
        if css:
            palettes = config.theme["palette"]
            for palette in palettes if isinstance(palettes, list) else [palettes]:
                for key in ("primary", "accent"):
                    if center[f"{key}_color"]:
                        palette[key] = "custom"
            if COLOURS_CSS not in config.extra_css:
                config.extra_css.append(COLOURS_CSS)
        return []

    def add_files(self, build, files):
        if build.center_css:
            files.append(File.generated(build.config, COLOURS_CSS, content=build.center_css))

    def variants(self, build, kind):
        return PARTS.keys()

    def render(self, build, kind, ident, page):
        return render(build, PARTS[ident], center=build.data[self.name], page=page)


component = Center()
