"""The language switch in Chromium, on the example site (English at the root, Spanish under /es/):
it keeps the page, also after instant navigation (which keeps the header); a tick is the same tick
in both languages; and a tour of each language meets no Content Security Policy refusal.
Pages and ids come from the example's data."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from conftest import watch_context
from support import EXAMPLE, mark_window, page_paths
from test_csp_browser import follow as csp_follow
from test_csp_browser import record_violations, search, site_path, title_of, use_a_checklist

DATA = EXAMPLE / "docs" / "_data" / "checklists.yml"
LISTS = load_checklists("docs/_data/checklists.yml", DATA.read_text(encoding="utf-8"))[0]
LIST = LISTS[0]
PAGE = LIST.page[: -len(".md")] + "/" if not LIST.page.endswith("index.md") else LIST.page[: -len("index.md")]


def follow(page, url: str) -> None:
    """A click on a link to `url`, as a student does (Material swaps the page in)."""
    page.evaluate("""href => {
        const a = Object.assign(document.createElement("a"), {id: "lang-next", href, textContent: "next"});
        Object.assign(a.style, {position: "fixed", top: "0", left: "0", zIndex: "10000", background: "#fff"});
        document.body.append(a);
    }""", url)
    page.locator("#lang-next").click()
    page.wait_for_url(url)
    page.wait_for_load_state("networkidle")


def switch(page, lang: str) -> None:
    """Open the header's language menu and choose `lang`."""
    page.locator(".md-header .md-select").hover()
    link = page.locator(f".md-header .md-select__link[hreflang='{lang}']")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_switch_keeps_the_page_after_instant_navigation(example_context_factory, example, example_es, width):
    page = example_context_factory(viewport={"width": width, "height": 800}).new_page()
    page.goto("")
    mark_window(page)
    follow(page, example.url + PAGE)  # swapped in: the header (and its switch) is the home page's
    assert page.evaluate("window.__stayed === true"), "the click reloaded the page instead of swapping it"
    switch(page, "es")
    page.wait_for_url(example_es.url + PAGE)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    mark_window(page)
    follow(page, example_es.url)
    switch(page, "en")
    page.wait_for_url(example.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert not page.context.watch.errors, page.context.watch.errors
    assert not page.context.watch.outside, page.context.watch.outside


def test_a_tick_in_english_is_ticked_in_spanish(example_page, example, example_es):
    page, item = example_page, LIST.items[-1]
    page.goto(PAGE)
    box = page.locator(f"#checklist-{LIST.id} input[data-item='{item.id}']")
    box.check()
    expect(box).to_be_checked()
    switch(page, "es")
    page.wait_for_url(example_es.url + PAGE)
    spanish = page.locator(f"#checklist-{LIST.id} input[data-item='{item.id}']")
    expect(spanish).to_be_checked()
    others = page.locator(f"#checklist-{LIST.id} input[data-item]:not([data-item='{item.id}'])")
    assert others.count() == len(LIST.items) - 1 and not any(others.nth(i).is_checked() for i in range(others.count()))
    spanish.uncheck()
    switch(page, "en")
    page.wait_for_url(example.url + PAGE)
    expect(box).not_to_be_checked()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_tour_of_each_language_meets_no_refusal(browser, example, example_es, lang):
    """test_csp_browser's approach, over one language of the example site: every page by instant
    navigation (the first page's policy stays in force), a tick, a search, then every other file of
    that language's site (printable sheets, the 404 page) loaded afresh."""
    site = example if lang == "en" else example_es
    ctx = browser.new_context(base_url=site.url)
    watch = watch_context(ctx)
    violations = record_violations(ctx)
    markdown = page_paths(site.docs)
    own = [p for p in site.site.rglob("*.html") if lang != "en" or example_es.site not in p.parents]
    try:
        page = ctx.new_page()
        page.goto("")
        mark_window(page)
        for path in markdown[1:] + markdown[:1]:
            csp_follow(page, site.url, path, title_of(site.site, path))
        csp_follow(page, site.url, PAGE, title_of(site.site, PAGE))
        use_a_checklist(page)
        search(page, site.site, site.url)
        assert page.evaluate("window.__stayed === true"), "a click reloaded the page instead of swapping it"
        others = [site_path(site.site, p) for p in own]
        for path in [p for p in others if p not in markdown]:
            assert page.goto(path).ok, path
            page.wait_for_load_state("networkidle")
        page.goto(PAGE)
        switch(page, "es" if lang == "en" else "en")  # and over to the other language
    finally:
        ctx.close()
    assert not violations, "\n".join(violations)
    assert not watch.outside, f"requests left 127.0.0.1: {watch.outside}"
    assert not watch.errors, watch.errors
