"""MkDocs hook: the career center's settings (`extra.career_center` in mkdocs.yml).

Validates them once per build (errors name the key and its line in mkdocs.yml), replaces
`config.extra.career_center` with the validated `CenterSettings` that templates and other hooks
read (`config.extra.career_center.name`, `["contact_email"]`, ...), applies a custom colour pair,
and expands `<!-- center: support|contact|booking -->` markers in pages.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from _shared import fail_on, failing_build, render, source_path
from guidekit.branding import colour_warnings, load_center, locate, palette_css
from guidekit.markers import replace_markers, unknown_markers

log = get_plugin_logger("branding")
COLOURS_CSS = "assets/tools/center-colors.css"
PARTS = {"support": "partials/center-support.html", "contact": "partials/center-contact.html",
         "booking": "partials/center-booking.html"}
_build: dict = {}


def on_config(config):
    path = config.config_file_path
    root = os.path.dirname(path)
    with open(path, encoding="utf-8") as fh:
        where = locate(os.path.relpath(path, root), fh.read())
    with failing_build():
        center = load_center(config.extra.get("career_center"), Path(config.docs_dir), where)
    for warning in colour_warnings(center):
        log.warning(warning)
    config.extra["career_center"] = center
    _build["css"] = css = palette_css(center)
    if css:
        palettes = config.theme["palette"]
        for palette in palettes if isinstance(palettes, list) else [palettes]:
            for key in ("primary", "accent"):
                if center[f"{key}_color"]:
                    palette[key] = "custom"
        if COLOURS_CSS not in config.extra_css:
            config.extra_css.append(COLOURS_CSS)
    return config


def on_files(files, config):
    if _build["css"]:
        files.append(File.generated(config, COLOURS_CSS, content=_build["css"]))
    return files


def on_page_markdown(markdown, page, config, files):
    rel = source_path(page, config)
    if rel is None:
        return markdown
    errors = unknown_markers(rel, page.file.content_string, "center", PARTS,
                             lambda part: f"The page asks for '<!-- center: {part} -->', which doesn't exist.",
                             f"use one of: {', '.join(f'<!-- center: {p} -->' for p in PARTS)}.")
    fail_on(errors)
    return markdown


def on_page_content(html, page, config, files):
    center = config.extra["career_center"]
    return replace_markers(html, "center",
                           lambda part: render(config, PARTS[part], center=center, config=config, page=page))
