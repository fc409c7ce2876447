"""Printable sheets: what a tool declares of its sheets, their pages, their foot and QR code; no MkDocs in here.

A tool declares each of its sheets as a `Sheet` (Component.sheets in hooks/components/base.py); the print
component (hooks/components/print.py) makes every sheet's page and foot from these records. Every sheet
comes from the same data as the page widgets, so nothing is written twice.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from urllib.parse import urljoin

import segno

from .text import fill


@dataclass(frozen=True)
class Foot:
    """What the foot of a sheet shows of the live page (partials/sheet-foot.html): its address and QR
    code, and the words before the address."""
    live_url: str   # the absolute address
    shown_url: str  # the address as printed
    qr: str         # the QR code, an inline SVG
    online: str     # the words before the address ("Read the full guidance ... online:")


@dataclass(frozen=True)
class Sheet:
    """One printable sheet a tool declares: the print component makes its page (no site chrome, out of
    search) and its foot, and renders it with `body`.

    - address: where it is read, 'print/feel-it/' (its generated page in docs/: print/feel-it.md);
    - title, description: its page's (the browser tab, a shared link's preview);
    - body(foot, heading): the sheet's HTML, given its Foot and the tag of its title ('h1'; 'h2' in a packet);
    - live: the page in docs/ its QR code leads to ('feel-it.md');
    - online: the words before the address on its foot (None: the print tool's `online`);
    - parts: a packet: the sheets it prints one after another, each with its own foot (no body, no live page).
    """
    address: str
    title: str
    description: str
    body: Callable[[Foot, str], str] | None = None
    live: str | None = None
    online: str | None = None
    parts: tuple["Sheet", ...] = ()

    @property
    def uri(self) -> str:
        """Its generated page's path inside docs/: 'print/feel-it/' -> 'print/feel-it.md'."""
        return self.address.rstrip("/") + ".md"


def page_markdown(title: str, description: str, marker: str, packet: bool = False) -> str:
    """A generated sheet page: the sheet template (no site chrome), out of search, one marker;
    a packet's page says so (the template gives it a heading of its own, for screen readers)."""
    # The sheet template has no navigation and sheets are left out of search,
    # so results point at the guidance pages rather than their printouts.
    # JSON strings are YAML double-quoted strings: a title with both ' and " stays one value
    # (Python's repr escapes a quote with a backslash, which YAML's single quotes don't know).
    return (f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\ntemplate: print-sheet.html\n"
            f"{'packet: true' + chr(10) if packet else ''}search:\n  exclude: true\n---\n\n{marker}\n")


def live_url(site_url: str, page_url: str) -> str:
    """Absolute address of a guidance page, from site_url (e.g. https://x.github.io/repo/ + feel-it/)."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)


def display_url(url: str) -> str:
    """The address as printed on paper: no scheme, nothing a reader must type twice."""
    return url.split("://", 1)[-1]


def foot(site_url: str, page_url: str, online: str, qr_title: str) -> Foot:
    """The foot of a sheet whose QR code leads to the page at page_url (site-relative, 'feel-it/')."""
    url = live_url(site_url, page_url)
    return Foot(url, display_url(url), qr_svg(url, qr_title), online)


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
