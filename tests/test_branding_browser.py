"""The site under its sub-path (as a fork publishes it on GitHub Pages), search there, and custom
colours in a browser.

The sub-path crawl is a content test (`guide`: /after-the-no/ and, for the center-edits copy,
/careers-guide/); search and custom colours run on the example site (/example-guide/, settings the
tests own). Every page in the browser without a 404: test_site_browser.py's sweep.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import watch_context
from support import axe_violations, soup
from test_branding import center_of, example_center
from test_site_build import built_pages


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def page_urls(guide) -> list[str]:
    """Every page the guide built, as the server's URL ('.../after-the-no/feel-it/', '.../after-the-no/404.html');
    not those of a translation in a folder of its own (/es/: that guide is crawled as itself)."""
    rels = (p.relative_to(guide.site).as_posix() for p in built_pages(guide.site))
    return [guide.url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel) for rel in rels]


def published_url(guide) -> str:
    """The address of the whole site the guide is published in: a translation's (.../es/) is its root
    site's, which its language switch and hreflang links lead to."""
    return guide.url if guide.lang == "en" else urljoin(guide.url, "../")


def own_url(guide, url: str) -> bool:
    """Whether a URL is the guide's own (not a translation's folder, nor the root site's for a translation)."""
    translations = [guide.url + d.name + "/" for d in guide.site.iterdir() if d.is_dir() and (d / "sitemap.xml").is_file()]
    return url.startswith(guide.url) and not url.startswith(tuple(translations))


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


def test_every_page_and_asset_loads_under_the_sites_sub_path(guide):
    """Every page and what it refers to loads, without leaving the published site's sub-path. The
    crawl follows the guide's own pages; a link to another language's page is loaded, not followed
    (that guide has its own crawl)."""
    prefix = urlsplit(published_url(guide)).path
    start = page_urls(guide) + [guide.url + "sitemap.xml", guide.url + "search/search_index.json"]
    queue, seen, broken = list(start), set(), []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        assert urlsplit(url).path.startswith(prefix), f"a link leaves the site's sub-path: {url}"
        status, body = fetch(url)
        if status != 200:
            broken.append(f"{status} {url}")
            continue
        path = urlsplit(url).path
        kind = "css" if path.endswith(".css") else "xml" if path.endswith(".xml") else "html" if path.endswith(("/", ".html")) else None
        if kind and own_url(guide, url):
            queue.extend(references(url, body, kind) - seen)
    assert not broken, "not found under " + prefix + ":\n" + "\n".join(sorted(broken))
    kinds = {urlsplit(u).path.rsplit(".", 1)[-1] for u in seen}
    assert {"css", "js", "json", "xml"} <= kinds, kinds
    logo = center_of(guide).logo
    assert not logo or guide.url + logo in seen


def test_search_works_under_the_sub_path(lang_page, example_lang):
    """Material's search worker finds its index under the site's sub-path (the example site's, and its
    Spanish copy's under /es/, with Material's Spanish stemmer)."""
    page, example, loaded = lang_page, example_lang, set()
    page.on("response", lambda r: loaded.add(r.url) if r.ok else None)
    page.goto("")
    word = max(soup(example.site / "index.html").h1.get_text().split(), key=len)
    page.locator("input.md-search__input").click()
    page.keyboard.type(word.lower())
    page.locator(".md-search-result__item").first.wait_for()
    assert example.url + "search/search_index.json" in loaded
    assert page.locator(".md-search-result__link").first.get_attribute("href").startswith(example.url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_custom_colours_show_and_pass_axe(browser, example_lang, scheme):
    """The example's own colour pair (tests/example/mkdocs.yml) on the pages with the center's blocks,
    in each language."""
    example, c = example_lang, example_center(example_lang.lang)
    rgb = "rgb({}, {}, {})".format(*(int(c.primary_color[i:i + 2], 16) for i in (1, 3, 5)))
    ctx = browser.new_context(base_url=example.url, color_scheme=scheme)
    watch = watch_context(ctx)
    violations = []
    try:
        page = ctx.new_page()
        for path in ["", "privacy/"]:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == rgb
            violations += [f"/{path}: {v}" for v in axe_violations(page)]
    finally:
        ctx.close()
    assert not violations, "\n".join(violations)
    assert not watch.outside and not watch.errors, watch.outside + watch.errors
