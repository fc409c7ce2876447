"""Markers are HTML comments in Markdown, e.g. `<!-- checklist: feel-it -->`.

They stay invisible in a Markdown preview and on a page whose hook is missing.
`find_markers` reads them from the Markdown source with line numbers (for errors);
`replace_markers` swaps them for rendered HTML in the page's built HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Collection

from .errors import ContentError

MARKER = re.compile(r"<!--\s*(?P<kind>[a-z][a-z-]*)(?:\s*:\s*(?P<id>[^\s>]*))?\s*-->")


@dataclass(frozen=True)
class Marker:
    kind: str
    id: str
    line: int


def find_markers(markdown: str, kind: str) -> list[Marker]:
    found = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        for m in MARKER.finditer(line):
            if m["kind"] == kind:
                found.append(Marker(kind, m["id"] or "", number))
    return found


def unknown_markers(rel_path: str, markdown: str, kind: str, known: Collection[str],
                    problem: Callable[[str], str], fix: str) -> list[ContentError]:
    """An error (file:line, problem(id), fix) for each `<!-- kind: id -->` whose id isn't known."""
    return [ContentError(rel_path, m.line, problem(m.id), fix)
            for m in find_markers(markdown, kind) if m.id not in known]


def replace_markers(html: str, kind: str, render: Callable[[str], str]) -> str:
    """Replace each `<!-- kind: id -->` with render(id)."""
    def swap(m: re.Match) -> str:
        return render(m["id"] or "") if m["kind"] == kind else m[0]
    return MARKER.sub(swap, html)
