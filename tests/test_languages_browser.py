"""The language switch in Chromium, on the example site (English at the root, Spanish under /es/):
it keeps the page, also after instant navigation (which keeps the header); a tick is the same tick
in both languages. (The walk through each language of the shipped guide, in test_site_browser.py,
ends with the switch, under the Content Security Policy.)
Pages and ids come from the example's data."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from support import EXAMPLE, mark_window

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
