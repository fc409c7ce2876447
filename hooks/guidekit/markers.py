"""Markers are HTML comments in Markdown, e.g. `<!-- checklist: feel-it -->`: one grammar for every tool.

`<!-- kind -->` or `<!-- kind: id -->`, on a line of its own; a few kinds take a list of ids,
`<!-- only: final-round, after-interview -->` (commas, each optionally followed by spaces). They stay invisible in a Markdown
preview and on a page whose tool is missing. `find_all_markers` reads them from the Markdown source
with line numbers (for errors); the build swaps them for rendered HTML in the page's Markdown, before
it is converted (so MkDocs sees the ids the tools create).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"<!--\s*(?P<kind>[a-z][a-z-]*)(?:\s*:\s*(?P<id>[^\s>]*(?:,\s+[^\s>]+)*))?\s*-->")
# A marker on a line of its own (the only place a marker may be), with the line's indentation.
LINE_MARKER = re.compile(r"(?m)^(?P<indent>[ \t]*)<!--\s*(?P<kind>[a-z][a-z-]*)(?:\s*:\s*(?P<id>[^\s>]*(?:,\s+[^\s>]+)*))?\s*-->[ \t]*$")


@dataclass(frozen=True)
class Marker:
    kind: str
    id: str
    line: int
    has_id: bool = False  # written as `<!-- kind: id -->` (even with an empty id)


def find_all_markers(markdown: str) -> list[Marker]:
    """Every marker in a page's Markdown, with its 1-based line."""
    if "<!--" not in markdown:  # many pages, and most lines, hold none: skip the regex
        return []
    return [Marker(m["kind"], m["id"] or "", number, m["id"] is not None)
            for number, line in enumerate(markdown.splitlines(), start=1) if "<!--" in line
            for m in MARKER.finditer(line)]


def ids_of(marker_id: str) -> list[str]:
    """The ids of a list marker's id: 'final-round, after-interview' -> ['final-round', 'after-interview']."""
    return [part.strip() for part in marker_id.split(",") if part.strip()]


def find_markers(markdown: str, kind: str) -> list[Marker]:
    return [m for m in find_all_markers(markdown) if m.kind == kind]
