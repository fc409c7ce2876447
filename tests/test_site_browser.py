"""Browser layer: the built sites in the system Chromium, served under a sub-path on 127.0.0.1.

Content (`guide`: the shipped guide and a copy with a center's edits): every page passes axe in light
and dark, loads without an error or a request elsewhere, and reads without JavaScript. Behaviour
(instant navigation, the colour toggle, the 404 page): the example site, whose pages and settings
the tests own.
"""
from __future__ import annotations

import pathlib

import pytest
from playwright.sync_api import expect

from conftest import watch_context
from support import AXE_TAGS, mark_window, soup, words
from test_branding import example_center
from test_site_build import built_pages


def axe_source() -> str:
    import axe_playwright_python
    return pathlib.Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")


def axe_run(page) -> list[str]:
    """axe-core on the page (injected into every page of the context); one line per violating node."""
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {n['target']} {n.get('failureSummary', '')[:160]}"
            for v in result["violations"] for n in v["nodes"]]


def site_path(site: pathlib.Path, html: pathlib.Path) -> str:
    rel = html.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def heading(site: pathlib.Path, path: str) -> str:
    """The h1 of a built page as readers see it (without the permalink sign)."""
    h1 = soup(site / path / "index.html").h1
    for link in h1.select("a.headerlink"):
        link.decompose()
    return h1.get_text(strip=True)


# Content: every page of every guide ------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_and_loads_cleanly(browser, guide, scheme):
    """One browser context per colour scheme walks the guide. axe-core on every Markdown page and the
    404 page; in light, the printable sheets load too. Nothing may fail to load, reach another site
    or raise a JavaScript error."""
    ctx = browser.new_context(base_url=guide.url, color_scheme=scheme)
    ctx.add_init_script(axe_source())
    watch = watch_context(ctx)
    failed, problems = [], []
    ctx.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    ctx.on("requestfailed", lambda r: failed.append(f"failed {r.url} ({r.failure})")
           if "127.0.0.1" in r.url and r.failure != "net::ERR_ABORTED" else None)
    markdown = set(guide.pages()) | {"404.html"}
    paths = [site_path(guide.site, p) for p in built_pages(guide.site)]
    expected = "slate" if scheme == "dark" else "default"
    try:
        page = ctx.new_page()
        for path in paths:
            if path not in markdown and scheme == "dark":
                continue  # a printable sheet: paper has no dark mode
            response = page.goto(path)
            if not response.ok:
                problems.append(f"/{path}: HTTP {response.status}")
                continue
            if path not in markdown:
                continue
            if page.locator("h1").count() != 1:
                problems.append(f"/{path}: {page.locator('h1').count()} h1 elements")
            if page.locator("body").get_attribute("data-md-color-scheme") != expected:
                problems.append(f"/{path}: not in the {scheme} scheme")
            problems += [f"/{path}: {v}" for v in axe_run(page)]
        page.wait_for_load_state("networkidle")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
    assert not failed, "\n".join(failed)
    assert not watch.outside, f"requests left 127.0.0.1: {watch.outside}"
    assert not watch.errors, f"JavaScript errors: {watch.errors}"


def test_guidance_is_readable_without_javascript(browser, guide):
    """Without JavaScript every page shows its heading and all its paragraphs (a short page is fine)."""
    ctx = browser.new_context(base_url=guide.url, java_script_enabled=False)
    problems = []
    try:
        page = ctx.new_page()
        for path in guide.pages():
            page.goto(path)
            if not page.locator("h1").is_visible():
                problems.append(f"/{path}: the heading is hidden")
            article = page.locator("article")
            paragraphs = article.locator(":scope > p")
            hidden = [i for i in range(paragraphs.count()) if not paragraphs.nth(i).is_visible()]
            if hidden:
                problems.append(f"/{path}: paragraphs {hidden} are hidden without JavaScript")
            heading_text = page.locator("h1").inner_text()
            if not article.inner_text().replace(heading_text, "", 1).strip():
                problems.append(f"/{path}: shows nothing but its heading without JavaScript")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


# Behaviour: the example site ------------------------------------------------------------------

def test_instant_navigation_swaps_pages_without_reloading(example_page, example_lang):
    page = example_page
    page.goto(example_lang.url)
    mark_window(page)
    page.locator("article a[href$='/first/']").first.click()
    page.wait_for_url(example_lang.url + "first/")
    expect(page.locator("h1")).to_contain_text(heading(example_lang.site, "first/"))
    assert page.evaluate("window.__stayed === true"), "the click reloaded the page instead of swapping it"
    page.go_back()
    page.wait_for_url(example_lang.url)
    expect(page.locator("h1")).to_contain_text(heading(example_lang.site, ""))
    assert page.evaluate("window.__stayed === true")


def test_palette_toggle_switches_to_dark_and_remembers(example_page, example_lang):
    page = example_page
    page.goto(example_lang.url)
    page.locator(f"label[title='{words('guide', example_lang.lang)['dark_mode']}']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.reload()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_the_404_page_works_at_any_depth(example_context_factory, example, example_lang):
    """GitHub Pages answers any unknown address with 404.html: its styles, scripts and links must
    work from any depth below the sub-path (a translation's own 404.html too, in its language)."""
    ctx = example_context_factory()
    page = ctx.new_page()
    body = (example_lang.site / "404.html").read_bytes()
    page.route("**/no/such/page/", lambda r: r.fulfill(status=404, body=body, content_type="text/html"))
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "/no/such/" not in r.url else None)
    assert page.goto("no/such/page/").status == 404
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", example_lang.lang)
    rgb = "rgb({}, {}, {})".format(*(int(example_center().primary_color[i:i + 2], 16) for i in (1, 3, 5)))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == rgb
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(example_lang.url)
    expect(page.locator("h1")).to_contain_text(heading(example_lang.site, ""))
    assert not failed, failed
    assert not ctx.watch.outside, ctx.watch.outside
    # Chromium reports the page's own 404 status on the console; nothing else may appear there
    assert not [e for e in ctx.watch.errors if "status of 404" not in e], ctx.watch.errors
