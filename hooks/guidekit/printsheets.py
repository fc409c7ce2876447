"""Printable checklist sheets: the generated pages and their QR codes; no MkDocs in here.

Every sheet comes from the same checklist data as the page widgets, so nothing is written twice.
"""
from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urljoin

import segno

from .checklists import Checklist


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


def sheet_markdown(checklist: Checklist) -> str:
    return page_markdown(f"{checklist.title} (printable checklist)",
                 f"A one-page printable checklist: {checklist.title}. {checklist.why}",
                 f"<!-- print-sheet: {checklist.id} -->")


def all_markdown() -> str:
    return page_markdown("All checklists (printable packet)",
                 "Every checklist of the guide as one printable packet, one sheet per checklist, for workshops.",
                 "<!-- print-all -->")


def live_url(site_url: str, page_url: str) -> str:
    """Absolute address of a guidance page, from site_url (e.g. https://x.github.io/repo/ + feel-it/)."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)


def display_url(url: str) -> str:
    """The address as printed on paper: no scheme, nothing a reader must type twice."""
    return url.split("://", 1)[-1]


@lru_cache(maxsize=None)
def qr_svg(url: str) -> str:
    """An inline SVG QR code for url (error correction M survives a photocopy).

    A fixed mask pattern (0, the checkerboard) instead of segno's search through all eight:
    every reader decodes any mask, and the search was most of the build time on a large site.
    """
    code = segno.make(url, error="m", micro=False, mask=0)
    return code.svg_inline(scale=1, omitsize=True, svgclass="sheet__qr-code", lineclass=None,
                           title=f"QR code for {display_url(url)}")
