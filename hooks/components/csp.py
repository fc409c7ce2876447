"""The Content Security Policy and referrer policy in every page the build writes (no marker).

GitHub Pages sends no headers, so each page carries them as `<meta>` tags, first in its `<head>`.
While pages are written, the component collects the hashes of the inline scripts the theme's
templates put around each page's content, and gives each page the policy with every hash found so
far. MkDocs writes 404.html first, and it has the same inline scripts as every page, so in practice
every page gets the whole site's policy as it is written (instant navigation keeps the first page's
policy for the rest of the visit). Once the whole site is written, only a file whose policy lacks a
hash found later (a page whose template added a script of its own; an HTML file copied from docs/)
is read and written again. An inline script in a page's own content is not listed, so browsers
refuse it, as it refuses anything a page's content loads from another site (a third-party embed):
the build warns (and a strict build stops) naming the page and line. Logic: guidekit/csp.py.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import get_plugin_logger

from guidekit.csp import inline_scripts, other_sites, policy, script_hash, template_scripts, with_policy
from guidekit.errors import ContentError

from .base import Component, read, write

log = get_plugin_logger("csp")


class Csp(Component):
    name = "csp"

    def configure(self, build):
        self.hashes: set[str] = set()      # inline scripts the templates wrote, over the whole site
        self.pages: dict[str, str] = {}    # each page's written file -> the policy written into it
        self.policy = ""                   # the policy of self.hashes (the whole site's, once written)
        self._policy_of: frozenset[str] | None = None
        return []

    def current_policy(self) -> str:
        """The policy with every hash found so far (made again only when a new one was found)."""
        if self._policy_of is None or len(self._policy_of) != len(self.hashes):
            self._policy_of = frozenset(self.hashes)
            self.policy = policy(self.hashes)
        return self.policy

    def post_page(self, build, page, html):
        hashes, refused = template_scripts(html, page.content)
        self.hashes |= hashes
        site = urlsplit(build.config.site_url or "")
        elsewhere = other_sites(page.content or "", f"{site.scheme}://{site.netloc}") if site.netloc else []
        for problem in refusals(build, page, len(refused), elsewhere):
            log.warning(str(problem))
        if build.command == "serve" or not html.strip():  # see post_build; MkDocs writes no empty page
            return html
        csp = self.current_policy()
        self.pages[os.path.normpath(page.file.abs_dest_path)] = csp
        return with_policy(html, csp)

    def post_template(self, build, name, html):
        """404.html, written before every page: the templates' inline scripts are the ones every page
        has (Material's and main.html's), so the pages find their hashes listed already and none is
        written again in post_build."""
        if build.command == "serve" or not name.endswith(".html") or not html.strip():
            return html
        self.hashes |= {script_hash(s) for s in inline_scripts(html)}
        csp = self.current_policy()
        self.pages[os.path.normpath(os.path.join(build.config.site_dir, name))] = csp
        return with_policy(html, csp)

    def post_build(self, build, site_dir):
        if build.command == "serve":
            # `mkdocs serve` adds its own live-reload script to every page as it sends it, different
            # each time: a policy would refuse it. The published site (mkdocs build) has the policy.
            log.info("The Content Security Policy is left out while serving, so that live reload works; "
                     "'mkdocs build' writes it into every page.")
            return
        others = [Path(site_dir) / sub for sub in build.subsites]  # other languages: their own build, their own policy
        written = sorted(p for p in Path(site_dir).rglob("*.html") if not any(o in p.parents for o in others))
        final = self.current_policy()  # every page and template MkDocs wrote went through post_page or post_template
        again = [path for path in written if self.pages.get(os.path.normpath(path)) != final]
        for path in again:  # written before a hash was found, or copied from docs/ as it is
            write(path, with_policy(read(path), final))
        log.debug("%d HTML files written again with the whole site's policy: %s", len(again),
                  ", ".join(os.path.relpath(p, site_dir) for p in again[:5]))


ELEMENTS = {"script": "a script", "img": "an image", "iframe": "an embedded page (iframe)",
            "video": "a video", "audio": "a sound", "source": "a video or sound", "embed": "an embed"}
FIX = ("remove it, or save what it needs in docs/ (a script as a file listed under extra_javascript in "
       "mkdocs.yml, an image as a file) and use it from there: the site's own files are allowed.")


def refusals(build, page, inline: int, elsewhere: list[tuple[str, str]]) -> list[ContentError]:
    """What a page's own content asks for that the policy refuses, each at its line in the Markdown."""
    if not inline and not elsewhere:
        return []
    source = page.file.content_string if page.file.abs_src_path else ""
    where = build.rel(page.file.abs_src_path) if page.file.abs_src_path else f"{page.file.src_uri} (generated)"

    def line(needle: str) -> int:
        at = source.lower().find(needle.lower())
        return source.count("\n", 0, at) + 1 if at >= 0 else 1

    found = []
    if inline:
        found.append(ContentError(where, line("<script"), "This page has a script of its own in its text, which "
                                  "browsers won't run: the guide's Content Security Policy lets only the site's "
                                  "own script files run.", FIX))
    for element, src in elsewhere:
        what = ELEMENTS.get(element, f"a <{element}>")
        found.append(ContentError(where, line(src), f"This page loads {what} from another website ({src}), which "
                                  "browsers will refuse: the guide's Content Security Policy allows nothing from "
                                  "other sites.", FIX))
    return found


component = Csp()
