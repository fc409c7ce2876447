"""MkDocs hook: publish assets/tools/*.js and *.css minified (every byte counts on a phone)."""
from __future__ import annotations

import pathlib

from guidekit.minify import minify_folder


def on_post_build(config):
    minify_folder(pathlib.Path(config.site_dir) / "assets" / "tools")
