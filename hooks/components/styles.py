"""Material's stylesheets trimmed to the rules the written site can use (no marker).

While pages are written, the component notes the classes, elements and palette colours each one has;
once the whole site is written, it reads the site's scripts (Material's and the tools') and trims
Material's main and palette stylesheets (logic and rules: guidekit/styles.py), each in place, under
Material's own name: no page is written twice, and nothing is kept between builds. (A browser that
cached the last publish's stylesheet may pair it with a newer page for the few minutes GitHub Pages
lets it keep it.) The tools' own styles stay whole. A stylesheet the trim can't read is left whole,
with a warning.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from guidekit.styles import Usage, trim

from .base import Component, read

log = get_plugin_logger("styles")

TRIMMED = ("main", "palette")   # Material's assets/stylesheets/<name>.<hash>.min.css


class Styles(Component):
    name = "styles"

    def configure(self, build):
        config = build.config
        self.usage = Usage(features=set(config.theme.get("features") or []),
                           versioned=bool((config.extra or {}).get("version")))
        self.seen: set[str] = set()
        return []

    def post_page(self, build, page, html):
        self.usage.add_page(html, page.markdown or "")
        self.usage.tagged |= bool(page.meta.get("tags"))
        if page.file.abs_dest_path:
            self.seen.add(os.path.normpath(page.file.abs_dest_path))
        return html

    def post_build(self, build, site_dir):
        site = Path(os.path.normpath(site_dir))
        others = [site / sub for sub in build.subsites]
        mine = lambda p: not any(o in p.parents for o in others)   # noqa: E731
        stylesheets = [p for p in sorted((site / "assets" / "stylesheets").glob("*.min.css"))
                       if p.name.split(".")[0] in TRIMMED and mine(p)]
        if not stylesheets:
            return
        pages = [p for p in site.rglob("*.html") if mine(p)]
        for path in pages:
            if os.path.normpath(path) not in self.seen:   # 404.html, HTML files copied from docs/
                self.usage.add_page(read(path))
        scripts = [read(p) for p in sorted(site.rglob("*.js"))
                   if mine(p) and "workers" not in p.parts and "lunr" not in p.parts]
        for path in site.rglob("*.css"):
            if mine(path) and path not in stylesheets:
                self.usage.add_stylesheet(read(path))
        for script in scripts:
            self.usage.add_script(script)
        sources = {p: read(p) for p in stylesheets}
        try:
            trimmed = trim({p.name: text for p, text in sources.items()}, self.usage)
        except ValueError as problem:
            log.warning(f"Material's stylesheets are published whole: they couldn't be read ({problem}).")
            return
        for path in sources:
            path.write_text(trimmed[path.name], encoding="utf-8")
            path.with_name(path.name + ".map").unlink(missing_ok=True)


component = Styles()
