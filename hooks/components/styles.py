"""Material's stylesheets trimmed to the rules the written site can use (no marker).

While pages are written, the component notes the classes, elements and palette colours each one has;
once the whole site is written, it reads the site's scripts (Material's and the tools') and trims
Material's main and palette stylesheets (logic and rules: guidekit/styles.py). Each trimmed file gets a
new name from its content (`main.<hash>.min.css`), so a browser never mixes a cached older trim with
newer pages, and every page of this language's site is pointed at it. The tools' own styles stay
whole. A stylesheet the trim can't read is left whole, with a warning.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from guidekit.styles import Usage, trim

from .base import Component, read, write

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
        self.usage.add_page(html)
        self.usage.tagged |= bool(page.meta.get("tags"))
        if page.file.abs_dest_path:
            self.seen.add(str(Path(page.file.abs_dest_path).resolve()))
        return html

    def post_build(self, build, site_dir):
        site = Path(site_dir).resolve()
        others = [site / sub for sub in build.subsites]
        mine = lambda p: not any(o in p.parents for o in others)   # noqa: E731
        stylesheets = {p: None for p in sorted((site / "assets" / "stylesheets").glob("*.min.css"))
                       if p.name.split(".")[0] in TRIMMED and mine(p)}
        if not stylesheets:
            return
        pages = [p for p in site.rglob("*.html") if mine(p)]
        for path in pages:
            if str(path) not in self.seen:   # 404.html, HTML files copied from docs/
                self.usage.add_page(read(path))
        for path in site.rglob("*.js"):
            if mine(path) and "workers" not in path.parts and "lunr" not in path.parts:
                self.usage.add_script(read(path))
        for path in site.rglob("*.css"):
            if mine(path) and path not in stylesheets:
                self.usage.add_stylesheet(read(path))
        try:
            trimmed = trim({p: read(p) for p in stylesheets}, self.usage)
        except ValueError as problem:
            log.warning(f"Material's stylesheets are published whole: they couldn't be read ({problem}).")
            return
        renamed = {}
        for path, text in trimmed.items():
            name = f"{path.name.split('.')[0]}.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"
            (path.parent / name).write_text(text, encoding="utf-8")
            for old in (path, path.with_name(path.name + ".map")):
                old.unlink(missing_ok=True)
            renamed[f"stylesheets/{path.name}"] = f"stylesheets/{name}"
        for path in pages:
            text = read(path)
            new = text
            for old, name in renamed.items():
                new = new.replace(old, name)
            if new != text:
                write(path, new)


component = Styles()
