"""The site under another sub-path (as a fork named `some-repo` publishes it), and custom colours in a browser."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import watch_context
from support import ROOT, SiteServer, axe_violations, build, copy_project
from test_branding import center_lines, set_center

PREFIX = "/some-repo/"


@pytest.fixture(scope="module")
def repo_server(tmp_path_factory):
    out = tmp_path_factory.mktemp("some-repo")
    srv = SiteServer(out, prefix=PREFIX)
    result = build(ROOT, out, site_url=srv.url)
    assert result.returncode == 0, result.stdout + result.stderr
    srv.site = out
    with srv:
        yield srv


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def page_urls(srv) -> list[str]:
    """Every built page, as the server's URL ('.../some-repo/feel-it/', '.../some-repo/404.html')."""
    rels = (p.relative_to(srv.site).as_posix() for p in sorted(srv.site.rglob("*.html")))
    return [srv.url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel) for rel in rels]


def references(url: str, body: bytes, kind: str) -> set[str]:
    """Same-site URLs a page, style sheet or sitemap refers to, without fragments."""
    text = body.decode("utf-8", "replace")
    if kind == "css":
        found = [m for m in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) if not m.startswith("data:")]
    elif kind == "xml":
        found = re.findall(r"<loc>([^<]+)</loc>", text)
    else:
        doc = BeautifulSoup(text, "html.parser")
        found = [el.get("href") or el.get("src") for el in doc.select("a[href], link[href], script[src], img[src], source[src]")]
        config = doc.select_one("script#__config")
        if config:  # Material's search worker, named in its page config
            found.append(json.loads(config.string)["search"])
    origin = urlsplit(url).netloc
    absolute = {urljoin(url, ref).split("#")[0] for ref in found if ref and not ref.startswith(("mailto:", "tel:", "data:"))}
    return {u for u in absolute if urlsplit(u).netloc == origin}


def test_every_page_and_asset_loads_under_another_sub_path(repo_server):
    start = page_urls(repo_server) + [repo_server.url + "sitemap.xml", repo_server.url + "search/search_index.json"]
    queue, seen, broken = list(start), set(), []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        assert urlsplit(url).path.startswith(PREFIX), f"a link leaves the site's sub-path: {url}"
        status, body = fetch(url)
        if status != 200:
            broken.append(f"{status} {url}")
            continue
        path = urlsplit(url).path
        kind = "css" if path.endswith(".css") else "xml" if path.endswith(".xml") else "html" if path.endswith(("/", ".html")) else None
        if kind:
            queue.extend(references(url, body, kind) - seen)
    assert not broken, "not found under " + PREFIX + ":\n" + "\n".join(sorted(broken))
    kinds = {urlsplit(u).path.rsplit(".", 1)[-1] for u in seen}
    assert {"css", "js", "svg", "json", "xml"} <= kinds, kinds
    assert repo_server.url + "assets/example-logo.svg" in seen


def test_every_page_loads_in_the_browser_without_a_404(browser, repo_server):
    ctx = browser.new_context(base_url=repo_server.url)
    watch = watch_context(ctx)
    failed, loaded = [], set()
    ctx.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else loaded.add(r.url))
    ctx.on("requestfailed", lambda r: failed.append(f"failed {r.url}") if "127.0.0.1" in r.url else None)
    try:
        page = ctx.new_page()
        for url in page_urls(repo_server):
            if url.endswith("404.html"):
                continue
            page.goto(url)
            page.wait_for_load_state("networkidle")
        page.goto(repo_server.url)
        page.locator("input.md-search__input").click()
        page.keyboard.type("feedback")
        page.locator(".md-search-result__item").first.wait_for()
    finally:
        ctx.close()
    assert not failed, "\n".join(failed)
    assert not watch.outside and not watch.errors, watch.outside + watch.errors
    assert {repo_server.url + "search/search_index.json", repo_server.url + "sitemap.xml"} <= loaded


@pytest.fixture(scope="module")
def coloured_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coloured")
    project = copy_project(tmp / "p")
    set_center(project, center_lines(primary_color="#1f4e79", accent_color="#8a1c4a"))
    srv = SiteServer(tmp / "site")
    result = build(project, tmp / "site", site_url=srv.url, quiet=False)
    assert result.returncode == 0, result.stdout + result.stderr
    with srv:
        yield srv


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "be-kind/", "privacy/"])
def test_custom_colours_pass_axe(browser, coloured_server, path, scheme):
    ctx = browser.new_context(base_url=coloured_server.url, color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(path)
        page.wait_for_load_state("networkidle")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == "rgb(31, 78, 121)"
        violations = axe_violations(page)
    finally:
        ctx.close()
    assert not violations, "\n".join(violations)
