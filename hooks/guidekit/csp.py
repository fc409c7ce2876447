"""The Content Security Policy and referrer policy every page carries, as `<meta>` tags.

GitHub Pages sets no response headers, so the policy travels in each page's `<head>`, before any
script. It is computed at build time: scripts run only from the site's own files and, inline, only
those whose SHA-256 hash is listed. The hashes are those of the inline scripts the theme's templates
write (Material's and ours), collected over every page: Material's instant navigation keeps the
policy of the first page a student opens while it re-runs the inline scripts of each page it swaps
in, so every page carries the same policy, with the hashes of the whole site. An inline script in a
page's own content (raw HTML in Markdown) is not listed, so the browser refuses it.

Plain functions, no MkDocs: hooks/components/csp.py connects them to the build.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from typing import Iterable
from urllib.parse import urlsplit

# A script element, or a comment (a <script> inside a comment is no script). In HTML the text of a
# script ends at the first "</script", whatever comes before it, so a lazy match finds it.
_SCRIPT_OR_COMMENT = re.compile(r"<!--.*?-->|<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.S | re.I)
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_ATTR = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?""")
# The types a browser runs as script (HTML's "JavaScript MIME type essence matches", and modules).
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
             "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
             "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
             "text/x-ecmascript", "text/x-javascript"}

REFERRER = "no-referrer"  # a link to another site (the center's booking page) says nothing of the page it left

# Each directive and what it allows; script-src gets the hashes. Written for a reader (README shows them).
DIRECTIVES: list[tuple[str, str]] = [
    ("default-src", "'self'"),        # anything not named below: only from the site itself
    ("script-src", "'self'"),         # the site's own script files, plus the listed inline scripts
    ("style-src", "'self'"),          # the site's own stylesheets; no inline styles
    ("img-src", "'self' data:"),      # the site's images, and the icons Material's CSS writes as data: URLs
    ("font-src", "'self'"),           # no web fonts from elsewhere (the theme uses the system's fonts)
    ("connect-src", "'self'"),        # search index, sitemap, instant navigation: the site itself only
    ("worker-src", "'self'"),         # Material's search worker
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),         # no plugins
    ("base-uri", "'self'"),           # a <base> element can't point links and scripts elsewhere
    ("form-action", "'self'"),        # a form can only send to the site itself
]

_OURS = re.compile(r'\n<meta (?:http-equiv="Content-Security-Policy"|name="referrer") content="[^"]*">')
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"""\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", re.I)
_DOCTYPE = re.compile(r"\s*<!doctype[^>]*>", re.I)


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for m in _ATTR.finditer(text):
        value = m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"] or ""
        found.setdefault(m["name"].lower(), html.unescape(value))
    return found


def runs_as_script(attrs: dict[str, str]) -> bool:
    """Whether a browser runs an inline script element with these attributes as JavaScript."""
    if "type" in attrs:
        return attrs["type"].strip().lower() in _JS_TYPES
    if "language" in attrs:
        return attrs["language"].strip() == "" or "text/" + attrs["language"].strip().lower() in _JS_TYPES
    return True


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script of an HTML page (or fragment) that a browser would run,
    in order. Scripts with a src, and data blocks such as type="application/json", are left out."""
    found = []
    for m in _SCRIPT_OR_COMMENT.finditer(page):
        if m["text"] is None:
            continue  # a comment
        attrs = _attributes(m["attrs"])
        if "src" in attrs or not runs_as_script(attrs):
            continue
        found.append(m["text"])
    return found


def script_hash(text: str) -> str:
    """The CSP source that lets exactly this inline script run: 'sha256-<base64>'.

    Browsers hash the script's text after the HTML parser has turned CR LF and lone CR into LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


_hash_of = functools.lru_cache(maxsize=256)(script_hash)  # the templates write the same few scripts on every page


# An element whose src is an absolute address (http:, https: or //): only those can be another site.
_ABSOLUTE_SRC = re.compile(r"""<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*?\ssrc\s*=\s*["']?(?P<src>(?:https?:)?//[^\s"'>]*)""", re.I)


def other_sites(content: str, origin: str) -> list[tuple[str, str]]:
    """(element, address) of every element in an HTML fragment that loads from another site
    (`src` on a script, image, iframe, video and the like): the policy refuses them all.
    `origin` is the site's own (scheme://host[:port]); links (`href`) are not loads."""
    if "//" not in content:
        return []
    if "<!--" in content:
        content = _COMMENTS.sub("", content)
    scheme = urlsplit(origin).scheme
    found = []
    for m in _ABSOLUTE_SRC.finditer(content):
        src = html.unescape(m["src"])
        parts = urlsplit(src)
        if f"{parts.scheme or scheme}://{parts.netloc}".lower() != origin.lower():
            found.append((m["tag"].lower(), src))
    return found


def template_scripts(page: str, content: str | None) -> tuple[set[str], list[str]]:
    """Split a rendered page's inline scripts: (hashes of those the templates wrote, texts of those
    in the page's own content). `content` is the page's HTML as written into the template."""
    at = page.find(content) if content else -1  # found once (a large site has hundreds of pages)
    if at >= 0:
        before, after = page[:at], page[at + len(content):]
        outside = inline_scripts(before) + inline_scripts(after)
        inside = inline_scripts(content)
    else:
        outside, inside = inline_scripts(page), []
    return {_hash_of(s) for s in outside}, inside


def policy(hashes: Iterable[str]) -> str:
    """The policy, one string: DIRECTIVES with the script hashes (sorted, so builds are stable)."""
    extra = sorted(set(hashes))
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src" and extra:
            sources = " ".join([sources, *extra])
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


def _attr(value: str) -> str:
    """A value for a double-quoted attribute (single quotes, which a policy is full of, stay as they are)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def meta_tags(csp: str, referrer: str = REFERRER) -> str:
    """The two <meta> tags, on two lines."""
    return (f'<meta http-equiv="Content-Security-Policy" content="{_attr(csp)}">\n'
            f'<meta name="referrer" content="{_attr(referrer)}">')


def with_policy(page: str, csp: str, referrer: str = REFERRER) -> str:
    """The page with the policy's <meta> tags first in its <head> (after <meta charset>, which must
    stay within the first bytes), before any script. A policy tag this function wrote earlier is
    replaced, not repeated."""
    if 'http-equiv="Content-Security-Policy"' in page or '<meta name="referrer"' in page:
        page = _OURS.sub("", page)
    tags = meta_tags(csp, referrer)
    head = _HEAD.search(page)
    if head:
        at = head.end()
        charset = _CHARSET.match(page, at)
        if charset:
            at = charset.end()
        return page[:at] + "\n" + tags + page[at:]
    doctype = _DOCTYPE.match(page)  # no <head> tag: the parser puts tags before <html> into the head
    if doctype:
        return page[:doctype.end()] + "\n" + tags + page[doctype.end():]
    return "\n" + tags + "\n" + page
