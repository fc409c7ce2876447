"""Helpers shared by the tests: build the site, serve it, list its pages, run axe."""
from __future__ import annotations

import functools
import io
import http.server
import os
import pathlib
import shutil
import subprocess
import sys
import threading
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "tests" / "example"  # the example site the behaviour tests run on (its own pages and data)
PREFIX = "/after-the-no/"  # the site is served under a sub-path, as GitHub project pages are
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


def words(tool: str, lang: str = "en", root: pathlib.Path = ROOT) -> dict:
    """A tool's words in a language, as the build reads them (overrides/text/<lang>.yml), plain
    text: tests read what a reader sees from here instead of writing the words into the test."""
    from guidekit.text import load_text
    path = root / "overrides" / "text" / f"{lang}.yml"
    data, _, errors = load_text(str(path), path.read_text(encoding="utf-8"))
    assert not errors, errors
    return data.get(tool, {})


def theme_env(config):
    """The theme's Jinja environment as the build prepares it (the words `words`, the `fill` filter, the
    center's `center_part`), to render one partial outside a build. `config` is a loaded MkDocs config."""
    from components import center, text
    from components.base import Build
    build = Build([text.component, center.component], os.path.dirname(config.config_file_path), config.docs_dir, config)
    errors = build.load()
    assert not errors, errors
    return build.prepare_env(config.theme.get_env())


def center_settings(root: pathlib.Path = ROOT, lang: str | None = None) -> dict:
    """extra.career_center as written in mkdocs.yml (composed, since mkdocs.yml uses the !ENV tag); for a
    translation (lang: its mkdocs.<lang>.yml), with the keys that file sets in its own words over them."""
    import yaml
    from guidekit.datafile import to_python

    def written(path, key="career_center"):
        top = dict((k.value, v) for k, v in yaml.compose(path.read_text(encoding="utf-8")).value)
        extra = dict((k.value, v) for k, v in top["extra"].value) if "extra" in top else {}
        return to_python(extra[key]) if key in extra else {}
    center = written(root / "mkdocs.yml")
    translated = root / f"mkdocs.{lang}.yml"
    if lang and translated.is_file():
        from components.languages import CENTER_WORDS, translate_lines
        words = {str(k).strip(): str(v).strip() for k, v in written(translated, "translations").items()}
        center = {k: translate_lines(v, words)[0] if k in CENTER_WORDS and isinstance(v, str) else v
                  for k, v in center.items()}
        center = {**center, **written(translated)}
    return center


def data_text(docs: pathlib.Path, name: str) -> str:
    """A data file as the build reads it: docs/_data/<name>; for a translation's docs (docs/es/), the
    original's file with the translation's words put in (guidekit/translations.py)."""
    original = docs.parent / "_data" / name
    if not original.is_file():
        return (docs / "_data" / name).read_text(encoding="utf-8")
    from guidekit.translations import overlay
    words = docs / "_data" / name
    result = overlay(original.read_text(encoding="utf-8"), str(original), words.read_text(encoding="utf-8")
                     if words.is_file() else None, str(words), docs.name)
    assert not result.errors, result.errors
    return result.text


def translations(docs: pathlib.Path) -> set[str]:
    """The folders of docs/ that hold another language's pages (docs/es/ beside mkdocs.es.yml)."""
    return {p.name[len("mkdocs."):-len(".yml")] for p in docs.parent.glob("mkdocs.*.yml")}


def site_pages(docs: pathlib.Path = DOCS) -> list[pathlib.Path]:
    """Every Markdown file of the site built from docs/, in order (not those of docs/_data/, nor a
    translation's, in docs/<code>/ beside mkdocs.<code>.yml: that is another site)."""
    other = translations(docs)
    return [md for md in sorted(docs.rglob("*.md"))
            if not md.relative_to(docs).parts[0].startswith("_")
            and not (len(md.relative_to(docs).parts) > 1 and md.relative_to(docs).parts[0] in other)]


def page_paths(docs: pathlib.Path = DOCS) -> list[str]:
    """Site-relative URL of every Markdown page: '' for the home page, 'feel-it/' and so on
    (a translation's pages, in docs/<code>/, are another site's)."""
    paths = []
    for md in site_pages(docs):
        rel = md.relative_to(docs)
        stem = rel.with_suffix("")
        parts = stem.parts[:-1] if stem.name == "index" else stem.parts
        paths.append("".join(p + "/" for p in parts))
    return paths


def build(project: pathlib.Path, out: pathlib.Path, *, strict: bool = True,
          site_url: str | None = None, quiet: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build` as an author would, on project/mkdocs.yml. site_url overrides mkdocs.yml's
    (through SITE_URL).

    quiet (-q) hides warnings, and with them strict mode's check of warnings: pass quiet=False to see them.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    cmd = [sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def copy_project(dest: pathlib.Path) -> pathlib.Path:
    """A private copy of the project's site sources, to break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in [*PROJECT_PARTS, *(p.name for p in sorted(ROOT.glob("mkdocs.*.yml")))]:  # translations' settings too
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def example_project(dest: pathlib.Path) -> pathlib.Path:
    """A private copy of the tests' example site, with the project's parts it INHERITs from at the same
    relative place (dest/mkdocs.yml, hooks/, overrides/, docs/ beside dest/tests/example/): the
    folder of its mkdocs.yml, to build or break on purpose. Smaller than the guide: quicker to build."""
    copy_project(dest)
    shutil.copytree(EXAMPLE, dest / "tests" / "example")
    return dest / "tests" / "example"


def english_only(project: pathlib.Path) -> None:
    """Turn a copy's other languages off (extra.languages: [en]): for a test that changes the English
    content alone, which the translation's completeness check would otherwise (rightly) refuse."""
    import re
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^(\s*languages:\s*)\[[^\]]*\]", r"\1[en]", config.read_text(encoding="utf-8"))
    assert count == 1, f"no 'languages:' line in {config}"
    config.write_text(text, encoding="utf-8")


def soup(path: pathlib.Path, *, fresh: bool = False) -> BeautifulSoup:
    """A built file, parsed. Parsed once per test process while the file stays as it is (the content
    tests read the same pages again and again: parsing was half their time), so the tree is shared:
    read it only; fresh=True gives a tree of its own to change (decompose...)."""
    if fresh:
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1024)  # about 0.5 MB a page: the three guides' pages fit
def _parsed(path: str, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(pathlib.Path(path).read_text(encoding="utf-8"), "html.parser")


def built_file(site: pathlib.Path, page: str) -> pathlib.Path:
    return site / page / "index.html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files over kept-alive connections; an address that names no file is answered with
    status 404 and a 404.html, as GitHub Pages does. GitHub Pages serves the site root's 404.html
    for every address (test_languages checks it speaks each language); this server serves the
    nearest one above the address, so that a translation's own 404.html, which a center's own web
    server may serve, is walked at depth too."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".js": "text/javascript", ".svg": "image/svg+xml"}
    protocol_version = "HTTP/1.1"

    prefix = PREFIX

    def send_head(self):
        path = pathlib.Path(self.translate_path(self.path))
        page = None if path.exists() else next(
            (d / "404.html" for d in path.parents if (d / "404.html").is_file()
             and d.is_relative_to(self.directory)), None)
        if page is None:
            return super().send_head()
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        parsed = urlsplit(path).path
        if not parsed.startswith(self.prefix):
            return str(pathlib.Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + parsed[len(self.prefix):])

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that closes a connection it no longer needs (a page left mid-load) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _SitesHandler(_Handler):
    """Serve every site built into a folder, each under the sub-path of its folder's name
    (sites/after-the-no/ at /after-the-no/); anything else is not found, and folders aren't listed."""

    def translate_path(self, path):
        parts = urlsplit(path).path.lstrip("/").split("/", 1)
        if len(parts) < 2 or not (pathlib.Path(self.directory) / parts[0]).is_dir():
            return str(pathlib.Path(self.directory) / "__no_such_site__")
        return http.server.SimpleHTTPRequestHandler.translate_path(self, path)

    def list_directory(self, path):
        self.send_error(404)


class SitesServer:
    """One server on 127.0.0.1 for the sites the tests build once per run (support.shared_site),
    started by the process that runs the tests, or by pytest-xdist's controller for all its workers."""

    def __init__(self, root: pathlib.Path, port: int = 0):
        self.root = root
        handler = functools.partial(_SitesHandler, directory=str(root))
        self.httpd = _Server(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class SharedSite:
    """A site built once per test run into sites/<name>/ and served at /<name>/ (url, site), whichever
    process of the run asks first; `info` is what the build step returned (JSON-ready)."""

    def __init__(self, url: str, site: pathlib.Path, info):
        self.url, self.site, self.info = url, site, info


def shared_site(root: pathlib.Path, port: int, name: str, make) -> SharedSite:
    """The site `name`, built by make(out, url) -> (CompletedProcess, info) unless this run has built
    it already. A file lock makes the other processes of the run (pytest-xdist's workers) wait for
    the one building it, and a failed build fails every test that needs it, with its output."""
    import fcntl
    import json
    url, out, done = f"http://127.0.0.1:{port}/{name}/", root / name, root / f"{name}.json"
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            result, info = make(out, url)
            failed = "" if result.returncode == 0 else f"strict build failed:\n{result.stdout}\n{result.stderr}"
            done.write_text(json.dumps({"failed": failed, "info": info}), encoding="utf-8")
    state = json.loads(done.read_text(encoding="utf-8"))
    assert not state["failed"], state["failed"]
    return SharedSite(url, out, state["info"])


class SiteServer:
    """Serve a built site on 127.0.0.1 under a sub-path (PREFIX unless told), like GitHub project pages."""

    def __init__(self, site: pathlib.Path, prefix: str = PREFIX):
        handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def chromium_path() -> str | None:
    """The system's Chromium, the whole browser (the benchmark's Lighthouse and timings use it)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def browser_path() -> str | None:
    """What the browser tests drive: the system Chromium's headless shell (Debian's
    chromium-headless-shell: the same Chromium build, its engine without the desktop browser around it,
    as Playwright itself runs headless tests), else the whole browser. On two cores the shell runs the
    same pages on about half the processor time; the suite takes three minutes instead of five."""
    return shutil.which("chromium-headless-shell") or chromium_path()


def mark_window(page) -> None:
    """Mark the window, to prove later that clicks swapped pages (instant navigation) instead of reloading.

    Waits first for the network to settle: Material intercepts links only once it has sitemap.xml.
    """
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__stayed = true")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # axe's rules that depend on the colours


@functools.cache
def axe_source() -> str:
    """axe-core, as bundled with axe-playwright-python."""
    import axe_playwright_python
    return pathlib.Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")


def axe_run(page, rules: list[str] | None = None) -> list[str]:
    """axe-core on the page, already loaded into it (a context's init script, or axe_violations):
    every WCAG A and AA rule, or only `rules`; one line per violating node. axe reports violations
    alone (resultTypes), and only they cross over from the browser: the passes, hundreds of nodes on
    a page, would take longer to hand over than axe takes to find them."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate("""runOnly => axe.run(document, {runOnly, resultTypes: ["violations"]}).then(r =>
        r.violations.flatMap(v => v.nodes.map(n =>
            `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${(n.failureSummary || "").slice(0, 160)}`)))""",
                         run_only)


def axe_violations(page) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python) on the page; one line per violating node."""
    # Evaluated as the browser's tools do, not added as a <script>: the site's Content Security
    # Policy refuses inline scripts it didn't ship, and axe is one of them.
    page.evaluate("() => {\n" + axe_source() + "\n}")
    # Colours are judged as the reader sees them once the page settles, not halfway through a fade
    # (Material fades the header title and search results in; on a busy machine axe caught them mid-way).
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations()
            .filter((a) => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
            .map((a) => a.finished.catch(() => null))),
        new Promise((done) => setTimeout(done, 3000))])""")
    return axe_run(page)


# ---- A center's typical edits, made in a copy: the content tests must pass on it too ----

EDITED_CENTER = """\
  career_center:
    name: Riverside & District College Careers and Employability Service
    contact_email: careers@riverside-district.ac.example
    urgent_phone: "988"
    primary_color: "#1f4e79"
"""
NEW_PAGE = "contact-us.md"


def _replace_block(text: str, header: str, new: str) -> str:
    """Replace the YAML block that starts with the line `header` (and its more-indented lines) by `new`."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == header)
    indent = len(header) - len(header.lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "".join(lines[:start]) + new + "".join(lines[end:])


def _append_to_block(text: str, header: str, new: str) -> str:
    """Add `new` as the last lines of the YAML block that starts with the line `header`."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == header)
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "#"))):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "".join(lines[:end]) + new + "".join(lines[end:])


def center_edits(project: pathlib.Path) -> list[str]:
    """Make the edits a new center typically makes; return what was done, for messages.

    Its own settings (a long name with '&', an urgent-help line but no phone, logo, links or address,
    its own colour), one
    checklist item reworded, one added and one removed, an email subject changed, an email template
    added, a shorter planner limit, and a short new page in the nav. Derived from whatever the data
    holds, not its wording. All in the default language's files only, as a center edits: its other
    languages show what is new in the default language until it is translated.
    """
    import yaml
    config = project / "mkdocs.yml"
    text = _replace_block(config.read_text(encoding="utf-8"), "  career_center:", EDITED_CENTER)
    text = _append_to_block(text, "nav:", f"  - Contact us: {NEW_PAGE}\n")  # last, as a center adds a page
    config.write_text(text, encoding="utf-8")
    docs = project / "docs"
    (docs / NEW_PAGE).write_text(
        "---\ntitle: Contact us\ndescription: How to reach our careers team by email or in person during the week.\n---\n\n"
        "# Contact us\n\nWrite to us at any time. We answer within two working days.\n", encoding="utf-8")
    data = docs / "_data"
    checklists = yaml.safe_load((data / "checklists.yml").read_text(encoding="utf-8"))
    lists = checklists["checklists"]
    lists[0]["items"][0]["text"] = "Write down one thing you did well (reworded by the center)"
    lists[0]["items"].append({"id": "center-added-item", "text": "Book a short chat with a career adviser"})
    lists[-1]["items"].pop()
    (data / "checklists.yml").write_text(yaml.safe_dump(checklists, allow_unicode=True, sort_keys=False), encoding="utf-8")

    emails = yaml.safe_load((data / "emails.yml").read_text(encoding="utf-8"))
    emails["templates"][0]["subject"] = "A short question: " + emails["templates"][0]["subject"]
    added = dict(emails["templates"][-1], id="center-added-email", title="A note from the center's own list")
    emails["templates"].append(added)
    (data / "emails.yml").write_text(yaml.safe_dump(emails, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = f"<!-- email: {emails['templates'][0]['id']} -->"
    shown = next(p for p in site_pages(docs) if first in p.read_text(encoding="utf-8"))  # where the emails are
    shown.write_text(shown.read_text(encoding="utf-8") + "\n<!-- email: center-added-email -->\n", encoding="utf-8")

    plan = yaml.safe_load((data / "planner.yml").read_text(encoding="utf-8"))
    custom = plan["dwell"]["custom"]
    custom["max_hours"] = max(custom["min_hours"] + 1, custom["default_hours"], custom["max_hours"] // 2)
    (data / "planner.yml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ["center settings replaced", f"page {NEW_PAGE} added to the nav", "checklist items reworded, added and removed",
            "an email subject changed", "an email template added", "a shorter planner limit",
            "all in English only"]


class Guide:
    """A built guide for the content tests: the shipped one, or a copy with a center's edits.

    Content tests read what to expect from this guide's own data and settings (never from
    wording written into the test), so they hold after any sensible edit a center makes.
    """

    def __init__(self, name: str, root: pathlib.Path, site: pathlib.Path, url: str, lang: str = "en"):
        self.name, self.root, self.site, self.url, self.lang = name, root, site, url, lang
        # A translation (built by the same build into /<code>/) has its own pages, data and settings.
        self.docs = root / "docs" if lang == "en" else root / "docs" / lang
        self.config_file = root / ("mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml")
        # The whole build this guide is part of (a translation's is its first language's site, whose
        # language switch leads here and back): where links across languages land.
        inside = lang != "en" and site.name == lang and url.endswith(f"/{lang}/")
        self.top_site, self.top_url = (site.parent, url[:-len(lang) - 1]) if inside else (site, url)

    def words(self, tool: str) -> dict:
        """A tool's words in this guide's language (overrides/text/<lang>.yml)."""
        return words(tool, self.lang, self.root)

    def __repr__(self):
        return f"Guide({self.name})"

    def _load(self, loader, name):
        path = self.docs / "_data" / name
        data, errors = loader(str(path.relative_to(self.root)), data_text(self.docs, name))
        assert not errors, errors
        return data

    def checklists(self):
        from guidekit.checklists import load_checklists
        return self._load(load_checklists, "checklists.yml")

    def emails(self):
        from guidekit.emails import parse_emails
        return self._load(lambda rel, text: parse_emails(text, rel), "emails.yml")

    def plan(self):
        from guidekit.planner import load_plan
        return self._load(load_plan, "planner.yml")

    def center(self) -> dict:
        """The center's settings as this guide's language has them (a translation's own keys over mkdocs.yml's)."""
        return center_settings(self.root, self.lang)

    def shown_center(self):
        """The center as the site shows it (guidekit.branding.load_center: defaults filled in, and
        '(example settings)' after the name while the shipped example settings are in use)."""
        from guidekit.branding import Where, load_center
        return load_center(self.center(), self.root / "docs", Where("mkdocs.yml", {}), self.words("center"), self.lang)

    def pages(self) -> list[str]:
        return page_paths(self.docs)

    def html(self, path: str):
        return soup(self.site / path / "index.html") if not path.endswith(".html") else soup(self.site / path)


TOOLS = ROOT / "overrides" / "assets" / "tools"


def node_or_skip() -> str:
    """The `node` command; outside CI a missing Node skips the test (make system-deps installs npm, and Node with it)."""
    import pytest
    found = shutil.which("node")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("Node.js is needed for the JavaScript tests: install Debian's 'nodejs' package.")
        pytest.skip("Node.js not found; JavaScript tests skipped outside CI.")
    return found


def run_js(tool: str, body: str, data=None, tz: str = "UTC"):
    """Run `body` under Node with `rules` (what assets/tools/{tool}.js exports there) and `input`
    (data, through JSON) in scope; body ends with `return <JSON-ready value>`, which comes back."""
    import json
    script = (f"const rules = require({json.dumps(str(TOOLS / (tool + '.js')))});\n"
              "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              f"process.stdout.write(JSON.stringify((() => {{\n{body}\n}})()));\n")
    result = subprocess.run([node_or_skip(), "-e", script], input=json.dumps(data), capture_output=True,
                            text=True, env={**os.environ, "TZ": tz}, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def squash(text: str) -> str:
    """Whitespace collapsed and ligatures (the 'ff' glyph of a PDF) unfolded."""
    import unicodedata
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(page, fmt: str) -> list[str]:
    """The text of each page of a browser page printed to PDF on paper `fmt` ('A4', 'Letter'), read by
    poppler's pdftotext (the system's poppler-utils, which make test installs; ten times quicker than
    pypdf, which reads it where pdftotext is missing)."""
    pdf = page.pdf(format=fmt)
    tool = shutil.which("pdftotext")
    if tool:
        text = subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        pages = text.decode("utf-8").split("\f")
        return [squash(p) for p in (pages[:-1] if pages and not pages[-1].strip() else pages)]
    from pypdf import PdfReader
    return [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def storage_key(site_url: str) -> str:
    """guide.js saves under '<the site's own path>.after-the-no' (one key per site on an origin)."""
    return urlsplit(site_url).path + ".after-the-no"


def saved(page, key) -> dict:
    """What guide.js saved on this device, parsed ({} when nothing is)."""
    import json
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return json.loads(raw) if raw else {}


def first_search_result(page, url: str, query: str) -> str:
    """The path of the first result Material's own search lists for `query` on the site at `url`."""
    from urllib.parse import urljoin
    from playwright.sync_api import expect
    page.goto(url + "?q=" + query)
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    expect(first).to_be_attached(timeout=10_000)
    return urlsplit(urljoin(page.url, first.get_attribute("href"))).path
