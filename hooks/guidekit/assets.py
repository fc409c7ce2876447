"""Per-page loading of a tool's script and style, so each tool's code loads only where it is used."""
from __future__ import annotations

import posixpath


def root_prefix(page_url: str) -> str:
    """Relative path from a page (e.g. 'emails/') back to the site root ('../'); '' for the home page."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth


def tool_assets(page_url: str, tool: str) -> str:
    """<link> and <script> for assets/tools/{tool}.css|js, placed in the page content; only the
    <link> for 'name.css' (a tool with a style and no script), only the <script> for 'name.js'.

    Material's instant navigation loads scripts found in swapped content, so a tool script
    must guard against running twice (`if (window.guideX) return;`) and register its
    page handler with `guide.onPage`, binding each widget only once. `defer` makes a tool script
    run after guide.js (listed in extra_javascript, at the end of the page) on a full page load.
    """
    prefix = root_prefix(page_url)
    name, dot, kind = tool.rpartition(".")
    if not dot:
        name, kind = tool, ""
    style = f'<link rel="stylesheet" href="{prefix}assets/tools/{name}.css">' if kind in ("", "css") else ""
    script = f'<script src="{prefix}assets/tools/{name}.js" defer></script>' if kind in ("", "js") else ""
    return style + script
