"""MkDocs hook: expand `<!-- device-controls -->` into the saved-data controls (clear all, don't save)."""
from __future__ import annotations

from _shared import render
from guidekit.markers import replace_markers

def on_page_content(html, page, config, files):
    return replace_markers(html, "device-controls",
                           lambda _id: render(config, "partials/device-controls.html"))
