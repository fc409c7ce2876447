"""Minify the project's own scripts and styles as they are published (sources stay readable)."""
from __future__ import annotations

import pathlib

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify_folder(folder: pathlib.Path) -> dict[str, tuple[int, int]]:
    """Minify every .js and .css file in folder in place; {name: (bytes before, bytes after)}."""
    sizes = {}
    for path in sorted(folder.glob("*")):
        minify = MINIFIERS.get(path.suffix)
        if not minify:
            continue
        source = path.read_text(encoding="utf-8")
        smaller = minify(source)
        path.write_text(smaller, encoding="utf-8")
        sizes[path.name] = (len(source.encode()), len(smaller.encode()))
    return sizes
