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
import json
import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from guidekit.styles import Usage, trim

from . import render
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
        # The names the last build of this site gave its trimmed files: pages link to them as they are
        # written, and are written again at the end only when this build's trim differs.
        self.names_key = hashlib.sha256(f"{config.config_file_path}\0{config.site_dir}".encode()).hexdigest()[:32]
        self.predicted: dict[str, str] = kept("names_" + self.names_key) or {}
        return []

    def post_page(self, build, page, html):
        self.usage.add_page(html, page.markdown or "")
        for material, trimmed in self.predicted.items():
            html = html.replace(material, trimmed)
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
        sources = {p: read(p) for p in stylesheets}
        key = self.usage.digest(list(sources.values()), scripts)
        trimmed = kept(key)
        if trimmed is None:
            for script in scripts:
                self.usage.add_script(script)
            try:
                trimmed = trim({p.name: text for p, text in sources.items()}, self.usage)
            except ValueError as problem:
                log.warning(f"Material's stylesheets are published whole: they couldn't be read ({problem}).")
                return
            keep(key, trimmed)
        trimmed = {p: trimmed[p.name] for p in sources}
        renamed = {}
        for path, text in trimmed.items():
            name = f"{path.name.split('.')[0]}.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"
            (path.parent / name).write_text(text, encoding="utf-8")
            for old in (path, path.with_name(path.name + ".map")):
                old.unlink(missing_ok=True)
            renamed[f"stylesheets/{path.name}"] = f"stylesheets/{name}"
        if renamed != self.predicted:   # this trim differs from the last build's: point every page at it
            relink(pages, {**{p: renamed[m] for m, p in self.predicted.items() if m in renamed}, **renamed})
            keep("names_" + self.names_key, renamed)
        else:   # only pages written before post_page ran (404.html...) still name Material's files
            relink([p for p in pages if os.path.normpath(p) not in self.seen], renamed)


def relink(pages: list[Path], names: dict[str, str]) -> None:
    """Replace each old stylesheet path in these pages with its new one."""
    for path in pages:
        text = read(path)
        new = text
        for old, name in names.items():
            new = new.replace(old, name)
        if new != text:
            write(path, new)



# A trim is kept between builds (in the temporary folder, beside the compiled templates) under a digest
# of everything it depends on: an author's repeated builds of unchanged pages don't trim again.
def _cache_file(key: str) -> Path | None:
    cache = render._cache()
    return Path(cache.directory) / f"__guide_styles_{key}.json" if cache else None


def kept(key: str) -> dict[str, str] | None:
    path = _cache_file(key)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return None


def keep(key: str, trimmed: dict[str, str]) -> None:
    path = _cache_file(key)
    try:
        if path:
            path.write_text(json.dumps(trimmed), encoding="utf-8")
    except OSError:   # a read-only or full temporary folder: trim again next time
        pass


component = Styles()
