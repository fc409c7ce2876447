"""Printable checklist sheets: the generated pages and their QR codes; no MkDocs in here.

Every sheet comes from the same checklist data as the page widgets, so nothing is written twice.
"""
from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urljoin

import segno

from .checklists import Checklist
from .text import fill


def sheet_uri(checklist_id: str) -> str:
    """Source path of a generated sheet inside docs/ (served at print/<id>/)."""
    return f"print/{checklist_id}.md"


ALL_URI = "print/all.md"


def page_markdown(title: str, description: str, marker: str) -> str:
    """A generated sheet page: the sheet template (no site chrome), out of search, one marker."""
    # The sheet template has no navigation and sheets are left out of search,
    # so results point at the guidance pages rather than their printouts.
    # JSON strings are YAML double-quoted strings: a title with both ' and " stays one value
    # (Python's repr escapes a quote with a backslash, which YAML's single quotes don't know).
    return (f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\ntemplate: print-sheet.html\n"
            f"search:\n  exclude: true\n---\n\n{marker}\n")


def sheet_markdown(checklist: Checklist, words: dict) -> str:
    """A checklist's sheet page; `words`: the print tool's words (overrides/text, section `print`)."""
    return page_markdown(fill(words["sheet_title"], title=checklist.title),
                         fill(words["sheet_description"], title=checklist.title, why=checklist.why),
                         f"<!-- print-sheet: {checklist.id} -->")


def all_markdown(words: dict) -> str:
    """The packet of every sheet; `words` as for sheet_markdown."""
    return page_markdown(words["all_title"], words["all_description"], "<!-- print-all -->")


def live_url(site_url: str, page_url: str) -> str:
    """Absolute address of a guidance page, from site_url (e.g. https://x.github.io/repo/ + feel-it/)."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)


def display_url(url: str) -> str:
    """The address as printed on paper: no scheme, nothing a reader must type twice."""
    return url.split("://", 1)[-1]


@lru_cache(maxsize=None)
def qr_svg(url: str, title: str = "QR code for {url}") -> str:
    """An inline SVG QR code for url (error correction M survives a photocopy), named by `title`
    (its {url}: the address as printed; the words: overrides/text, print.qr_title).

    A fixed mask pattern (0, the checkerboard) instead of segno's search through all eight:
    every reader decodes any mask, and the search was most of the build time on a large site.
    """
    code = segno.make(url, error="m", micro=False, mask=0)
    return code.svg_inline(scale=1, omitsize=True, svgclass="sheet__qr-code", lineclass=None,
                           title=fill(title, url=display_url(url)))
