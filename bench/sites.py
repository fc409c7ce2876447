"""The sites every figure compares: the project as it is, and plain Material built from the same Markdown.

Both build every language the project builds (mkdocs.yml's extra.languages): the project in its one
`mkdocs build`, plain Material from one minimal config per language (make_plain), built one after the other
in one process (plainbuild.py).

Building them (into an empty folder, timed), listing their pages, and serving them as GitHub Pages does
(under the project's sub-path, text gzipped). Also the one bridge to tests/support.py: the other bench
modules take ROOT, build, soup, SiteServer and chromium_path from here.
"""
from __future__ import annotations

import functools
import gzip
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import time
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
import support  # noqa: E402
from support import ROOT, SiteServer, build, chromium_path, copy_project, soup  # noqa: E402,F401 (re-exported)

from plainbuild import PLAIN_LANGUAGES  # noqa: E402
PLAIN_BUILD = pathlib.Path(__file__).resolve().parent / "plainbuild.py"
sys.path.insert(0, str(ROOT / "hooks"))
from guidekit.languages import name_of  # noqa: E402 (the selector's names, as the project shows them)

GZIP_LEVEL = 6                  # what most web servers use
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def load_config(project: pathlib.Path, name: str = "mkdocs.yml") -> dict:
    """A config file's settings, with the file it INHERITs merged in (as MkDocs reads it)."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load  # understands !ENV, !relative and INHERIT
    with open(project / name, encoding="utf-8") as fh:
        return yaml_load(fh, loader=get_yaml_loader())


def languages(project: pathlib.Path) -> list[str]:
    """The languages the project builds (mkdocs.yml's extra.languages): the root one first, each other
    one from mkdocs.<code>.yml into /<code>/ by the same `mkdocs build`."""
    cfg = load_config(project)
    listed = (cfg.get("extra") or {}).get("languages")
    return [str(c) for c in listed] if isinstance(listed, list) and listed else [cfg["theme"].get("language", "en")]


def docs_of(project: pathlib.Path, code: str) -> pathlib.Path:
    """The pages' folder of a language: docs/ for the root one, mkdocs.<code>.yml's docs_dir for another."""
    if code == languages(project)[0]:
        return project / "docs"
    return project / load_config(project, f"mkdocs.{code}.yml").get("docs_dir", "docs")


PLAIN_KEYS = ("site_name", "site_description", "site_url", "copyright", "plugins", "markdown_extensions", "nav",
              "exclude_docs", "extra", "use_directory_urls", "docs_dir")


def _plain_config(cfg: dict) -> dict:
    theme = {k: v for k, v in cfg["theme"].items() if k not in ("custom_dir", "logo", "favicon")}
    theme["font"] = False
    plain = {"site_name": cfg["site_name"], "theme": theme}
    for key in PLAIN_KEYS:
        if key in cfg:
            plain[key] = cfg[key]
    if isinstance(plain.get("site_url"), (list, tuple)):  # an !ENV tag with nothing set
        plain["site_url"] = plain["site_url"][-1]
    plain["extra"] = {k: v for k, v in (plain.get("extra") or {}).items() if k != "languages"}
    return plain


def make_plain(src: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """A copy of src's docs/ with a minimal config per language: Material as it comes, no project code.

    mkdocs.yml builds the root language from docs/ (each translation's folder excluded: it is another
    site), and mkdocs.<code>.yml (no INHERIT: all its settings written out) each other language from its
    docs_dir. With more than one language, each config gets Material's own language selector
    (extra.alternate) and one saved state for every language (extra.scope), as the project gives Material.
    plainbuild.py (run by run_build) builds them one after the other in one process.
    """
    codes = languages(src)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "docs", dest / "docs")
    for code in codes:
        cfg = load_config(src) if code == codes[0] else load_config(src, f"mkdocs.{code}.yml")
        plain = _plain_config(cfg)
        if code == codes[0]:
            plain.pop("docs_dir", None)
            # every translation's folder, listed or not (the project leaves out a language turned off too)
            found = sorted({*codes[1:], *(f.name[len("mkdocs."):-len(".yml")] for f in src.glob("mkdocs.*.yml"))})
            others = [docs_of(src, c).relative_to(src / "docs").as_posix() for c in found
                      if (src / "docs") in docs_of(src, c).parents]
            if others:
                plain["exclude_docs"] = (plain.get("exclude_docs") or "").rstrip("\n") + "\n" + \
                    "".join(f"/{folder}/\n" for folder in others)
        if len(codes) > 1:
            plain["extra"]["alternate"] = [{"name": name_of(c), "lang": c, "link": "" if c == codes[0] else f"{c}/"}
                                           for c in codes]  # made absolute by plainbuild.py (site_url's path)
        name = "mkdocs.yml" if code == codes[0] else f"mkdocs.{code}.yml"
        (dest / name).write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (dest / PLAIN_LANGUAGES).write_text("\n".join(codes) + "\n", encoding="utf-8")
    return dest


def tool_page_urls(project: pathlib.Path) -> list[str]:
    """Site-relative URLs of the pages in the nav's "Tools" section (e.g. 'checklists/')."""
    def walk(items, inside):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        yield from walk(value, inside or str(title).strip().lower() == "tools")
                    elif inside:
                        yield value
            elif inside:
                yield item
    urls = []
    for src in walk(load_config(project).get("nav"), False):  # the root language's nav: its labels are English
        if isinstance(src, str) and src.endswith(".md"):
            stem = src[:-3]
            urls.append(stem[: -len("index")] if stem.endswith("index") else stem + "/")
    return urls


def run_build(project: pathlib.Path, out: pathlib.Path, site_url: str | None = None) -> tuple[float, float]:
    """Build every language into an empty folder, in one fresh process (`mkdocs build` for the project,
    bench/plainbuild.py for a make_plain folder); return (wall-clock seconds, CPU seconds of the build process)."""
    if out.exists():
        shutil.rmtree(out)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if (project / PLAIN_LANGUAGES).is_file():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        result = subprocess.run([sys.executable, str(PLAIN_BUILD), str(project), str(out), *([site_url] if site_url else [])],
                                cwd=project, env=env, capture_output=True, text=True, timeout=600)
    else:
        result = build(project, out, strict=False, site_url=site_url)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"mkdocs build of {project} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def built_pages(site: pathlib.Path) -> dict[str, pathlib.Path]:
    """Every built HTML page, by site-relative URL ('' for the home page, '404.html' for Material's)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = path
    return pages


class _GzipHandler(support._Handler):
    """Serve as GitHub Pages does: text files gzipped when the browser accepts gzip."""

    TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def do_GET(self):
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and ctype.startswith(self.TEXT)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def gzip_server(site: pathlib.Path) -> SiteServer:
    """support.SiteServer (127.0.0.1, under the same sub-path) with gzip, like GitHub Pages.

    Use it as a context manager (`with gzip_server(site) as server:`): that starts and stops it.
    """
    server = SiteServer(site)
    server.httpd.RequestHandlerClass = functools.partial(_GzipHandler, directory=str(site))
    return server
