"""MkDocs hook: expand `<!-- device-controls -->` into the saved-data controls (clear all, don't save)."""
from __future__ import annotations

from guidekit.markers import replace_markers


def on_page_content(html, page, config, files):
    env = config.theme.get_env()
    return replace_markers(html, "device-controls",
                           lambda _id: env.get_template("partials/device-controls.html").render())
