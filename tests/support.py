"""Helpers shared by the tests: build the site, serve it, list its pages, run axe."""
from __future__ import annotations

import functools
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
PREFIX = "/after-the-no/"  # the site is served under a sub-path, as GitHub project pages are
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


def center_settings() -> dict:
    """extra.career_center as written in mkdocs.yml (composed, since mkdocs.yml uses the !ENV tag)."""
    import yaml
    from guidekit.datafile import to_python
    top = dict((k.value, v) for k, v in yaml.compose((ROOT / "mkdocs.yml").read_text()).value)
    extra = dict((k.value, v) for k, v in top["extra"].value)
    return to_python(extra["career_center"])


def page_paths() -> list[str]:
    """Site-relative URL of every Markdown page: '' for the home page, 'feel-it/' and so on."""
    paths = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS)
        if rel.parts[0].startswith("_"):
            continue
        stem = rel.with_suffix("")
        parts = stem.parts[:-1] if stem.name == "index" else stem.parts
        paths.append("".join(p + "/" for p in parts))
    return paths


def build(project: pathlib.Path, out: pathlib.Path, *, strict: bool = True,
          site_url: str | None = None, quiet: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build` as an author would. site_url overrides mkdocs.yml's (through SITE_URL).

    quiet (-q) hides warnings, and with them strict mode's check of warnings: pass quiet=False to see them.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
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
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def soup(path: pathlib.Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_file(site: pathlib.Path, page: str) -> pathlib.Path:
    return site / page / "index.html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".js": "text/javascript", ".svg": "image/svg+xml"}

    prefix = PREFIX

    def translate_path(self, path):
        parsed = urlsplit(path).path
        if not parsed.startswith(self.prefix):
            return str(pathlib.Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + parsed[len(self.prefix):])

    def log_message(self, *args):
        pass


class SiteServer:
    """Serve a built site on 127.0.0.1 under a sub-path (PREFIX unless told), like GitHub project pages."""

    def __init__(self, site: pathlib.Path, prefix: str = PREFIX):
        handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def mark_window(page) -> None:
    """Mark the window, to prove later that clicks swapped pages (instant navigation) instead of reloading.

    Waits first for the network to settle: Material intercepts links only once it has sitemap.xml.
    """
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__stayed = true")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python) on the page; one line per violating node."""
    import axe_playwright_python
    axe_js = pathlib.Path(axe_playwright_python.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {n['target']} {n.get('failureSummary', '')[:160]}"
            for v in result["violations"] for n in v["nodes"]]


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
