"""MkDocs hook: expand `<!-- device-controls -->` into the saved-data controls (clear all, don't save)."""
from __future__ import annotations

from guidekit.markers import replace_markers

_build: dict = {}


def on_pre_build(config):
    # Pages are converted before MkDocs's own on_env, so keep a theme environment for the partials.
    _build["env"] = config.theme.get_env()


def on_page_content(html, page, config, files):
    return replace_markers(html, "device-controls",
                           lambda _id: _build["env"].get_template("partials/device-controls.html").render())
