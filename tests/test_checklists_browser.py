"""Checklists in Chromium, on the tests' example site, in each of its languages (`example_lang`: the
English pages and their Spanish copy): ticks saved by id, across reloads and instant navigation, never
lost. Expectations come from that language's example data (tests/example/docs/_data/checklists.yml,
docs/es/_data/checklists.yml) and words (overrides/text/<lang>.yml). The saved ticks are the same in
both languages (one storage key)."""
from __future__ import annotations

import functools
import json

import pytest
import yaml
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from guidekit.text import fill
from support import (example_project, SiteServer, data_text, axe_violations, build, english_only, mark_window, saved,
                     storage_key, words)

OVERVIEW = "checklists/"  # tests/example/docs/checklists/index.md (and docs/es/): the overview and the device controls


def url_of(md: str) -> str:
    return md[:-3] + "/"


class Example:
    """The example site's checklists in one language: its data, its pages' titles and its words."""

    def __init__(self, docs, lang: str):
        self.lang, self.docs = lang, docs
        self.lists = load_checklists("docs/_data/checklists.yml",
                                     data_text(docs, "checklists.yml"))[0]
        self.first = next(c for c in self.lists if c.page == "first.md")    # a list with three or more items
        self.second = next(c for c in self.lists if c.page == "second.md")  # a list on another page
        assert len(self.first.items) >= 3 and self.second.items
        self.first_url, self.second_url = url_of(self.first.page), url_of(self.second.page)
        self.first_title, self.second_title = self.title_of(self.first.page), self.title_of(self.second.page)
        self.w = words("checklists", lang)  # what a reader sees (overrides/text/<lang>.yml)
        self.device, self.guide = words("device", lang), words("guide", lang)

    def title_of(self, md: str) -> str:
        """The page's title (front matter), which is also its name in the navigation."""
        source = (self.docs / md).read_text(encoding="utf-8")
        return yaml.safe_load(source.split("---")[1])["title"]

    def done(self, n, c=None) -> str:
        return fill(self.w["script"]["progress"], done=n, total=len((c or self.first).items))

    def untick_all(self, c=None) -> str:
        """The "Untick all" button's name: its words and what a screen reader hears after them."""
        return f"{self.w['untick_all']} {fill(self.w['untick_all_more'], title=(c or self.first).title)}"

    def undo(self, c=None) -> str:
        return f"{self.w['undo']} {fill(self.w['undo_more'], title=(c or self.first).title)}"


@functools.cache
def example_in(docs, lang: str) -> Example:
    return Example(docs, lang)


@pytest.fixture
def ex(example_lang) -> Example:
    return example_in(example_lang.docs, example_lang.lang)


def item(page, entry):
    return page.get_by_label(entry.text, exact=True)


def progress(page, c):
    return page.locator(f"#checklist-{c.id} [data-progress]")


def nav_link(page, title):
    """The page's entry in Material's navigation. Student pages hide the navigation tree on wide
    screens (phones keep it in the drawer), so tests follow it with a dispatched click, which
    Material's instant navigation handles like a tap."""
    return page.locator("nav.md-nav--primary").get_by_role("link", name=title, exact=True, include_hidden=True).first


def assert_clean(ctx):
    assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
    assert not ctx.watch.errors, f"JavaScript errors: {ctx.watch.errors}"


def test_tick_survives_reload_and_instant_navigation(lang_page, ex, key):
    page, first, ticked = lang_page, ex.first, ex.first.items[1]
    page.goto(ex.first_url)
    item(page, ticked).check()
    expect(progress(page, first)).to_have_text(ex.done(1))
    assert saved(page, key)["checklists"] == {first.id: {ticked.id: True}}
    page.reload()
    expect(item(page, ticked)).to_be_checked()
    mark_window(page)
    nav_link(page, ex.second_title).dispatch_event("click")
    expect(page.locator("h1")).to_contain_text(ex.second_title)
    page.go_back()
    expect(page.locator("h1")).to_contain_text(ex.first_title)
    expect(item(page, ticked)).to_be_checked()
    expect(progress(page, first)).to_have_text(ex.done(1))
    assert page.evaluate("window.__stayed") is True


def test_one_click_after_ten_navigations_toggles_once(lang_page, ex, key):
    page, first = lang_page, ex.first
    page.goto(ex.first_url)
    mark_window(page)
    for _ in range(5):
        nav_link(page, ex.second_title).dispatch_event("click")
        expect(page.locator("h1")).to_contain_text(ex.second_title)
        nav_link(page, ex.first_title).dispatch_event("click")
        expect(page.locator("h1")).to_contain_text(ex.first_title)
    assert page.evaluate("window.__stayed") is True, "navigation reloaded the page; the test would prove nothing"
    assert page.evaluate("document.querySelectorAll('script[src*=\"checklists.js\"]').length") == 1
    item(page, first.items[0]).click()
    expect(item(page, first.items[0])).to_be_checked()
    expect(progress(page, first)).to_have_text(ex.done(1))
    assert saved(page, key)["checklists"][first.id] == {first.items[0].id: True}


@pytest.mark.each_language
def test_keyboard_only_ticking_and_polite_announcement(lang_page, ex):
    page = lang_page
    page.goto(ex.first_url)
    first, second = item(page, ex.first.items[0]), item(page, ex.first.items[1])
    for _ in range(200):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first checklist item")
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(second).to_be_checked()
    expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(ex.done(2))
    assert first.evaluate("el => getComputedStyle(el).outlineStyle") == "none"  # focus moved on; the focused one shows its ring:
    assert second.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


@pytest.mark.each_language
def test_untick_all_unticks_only_that_checklist_and_undo_brings_its_ticks_back(lang_page, ex, key):
    page, first, second = lang_page, ex.first, ex.second
    page.goto(ex.first_url)
    item(page, first.items[0]).check()
    item(page, first.items[2]).check()
    page.goto(ex.second_url)
    item(page, second.items[0]).check()
    page.goto(ex.first_url)
    page.get_by_role("button", name=ex.untick_all(), exact=True).click()
    expect(progress(page, first)).to_have_text(ex.done(0))
    after = fill(ex.w["script"]["unticked"], progress=ex.done(0))
    expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(after)
    assert saved(page, key)["checklists"] == {second.id: {second.items[0].id: True}}
    undo = page.get_by_role("button", name=ex.undo(), exact=True)
    expect(undo).to_be_focused()
    undo.click()
    expect(progress(page, first)).to_have_text(ex.done(2))
    expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(
        fill(ex.w["script"]["ticks_back"], progress=ex.done(2)))
    expect(item(page, first.items[1])).not_to_be_checked()
    assert saved(page, key)["checklists"] == {first.id: {first.items[0].id: True, first.items[2].id: True},
                                              second.id: {second.items[0].id: True}}


def test_targets_are_at_least_24px(lang_page, ex):
    lang_page.goto(ex.first_url)
    boxes = lang_page.locator("[data-checklist] input[type=checkbox]").all()
    assert len(boxes) == len(ex.first.items)
    for box in boxes:
        size = box.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24


# The format of what is saved is the same in every language: its three broken forms are tried in
# English, one of them in Spanish too (the notice a reader sees is words).
UNREADABLE = ["{not json", json.dumps({"version": 99, "checklists": {}}), "[1,2]"]


@pytest.mark.parametrize("example_lang, stored", [*(("en", s) for s in UNREADABLE), ("es", UNREADABLE[0])],
                         indirect=["example_lang"])
def test_unreadable_saved_data_gives_a_notice_and_ticking_still_works(lang_context_factory, ex, key, stored):
    first = ex.first
    ctx = lang_context_factory()
    ctx.add_init_script(f"try {{ if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                        f"localStorage.setItem({json.dumps(key)}, {json.dumps(stored)}); }} }} catch (e) {{}}")
    pg = ctx.new_page()
    pg.goto(ex.first_url)
    expect(pg.locator(".guide-notice")).to_contain_text(ex.guide["script"]["storage_unreadable"])
    item(pg, first.items[0]).check()
    expect(progress(pg, first)).to_have_text(ex.done(1))
    assert saved(pg, key)["checklists"] == {first.id: {first.items[0].id: True}}
    pg.reload()
    expect(item(pg, first.items[0])).to_be_checked()
    expect(pg.locator(".guide-notice")).to_have_count(0)
    assert_clean(ctx)


def test_storage_that_throws_gives_a_notice_and_keeps_ticks_for_the_visit(lang_context_factory, ex):
    first = ex.first
    ctx = lang_context_factory()
    ctx.add_init_script("""
        for (const name of ['getItem', 'setItem', 'removeItem']) {
          Storage.prototype[name] = function () { throw new DOMException('blocked', 'SecurityError'); };
        }""")
    pg = ctx.new_page()
    pg.goto(ex.first_url)
    item(pg, first.items[0]).check()
    expect(pg.locator(".guide-notice")).to_be_visible()
    expect(progress(pg, first)).to_have_text(ex.done(1))
    nav_link(pg, ex.second_title).dispatch_event("click")
    expect(pg.locator("h1")).to_contain_text(ex.second_title)
    pg.go_back()
    expect(item(pg, first.items[0])).to_be_checked()
    assert_clean(ctx)


def test_storage_missing_entirely(lang_context_factory, ex):
    ctx = lang_context_factory()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('disabled'); }});")
    pg = ctx.new_page()
    pg.goto(ex.first_url)
    expect(pg.locator(".guide-notice")).to_have_text(ex.guide["script"]["storage_blocked"])
    item(pg, ex.first.items[0]).check()
    expect(progress(pg, ex.first)).to_have_text(ex.done(1))
    assert_clean(ctx)


def test_clear_everything_with_confirmation(lang_page, ex, key):
    page, first = lang_page, ex.first
    page.goto(ex.first_url)
    item(page, first.items[0]).check()
    page.goto(OVERVIEW)
    overview = page.locator(f"[data-overview='{first.id}'] [data-progress]")
    expect(overview).to_have_text(ex.done(1))
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name=ex.device["clear"]).click()
    expect(overview).to_have_text(ex.done(1))
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=ex.device["clear"]).click()
    expect(overview).to_have_text(ex.done(0))
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    page.goto(ex.first_url)
    expect(item(page, first.items[0])).not_to_be_checked()


def test_dont_save_keeps_nothing_on_the_device(lang_page, ex, key):
    page, first, nosave = lang_page, ex.first, ex.device["nosave"]
    page.goto("privacy/")  # the example privacy page has the device controls too
    page.get_by_label(nosave).check()
    page.goto(ex.first_url)
    item(page, first.items[0]).check()
    expect(progress(page, first)).to_have_text(ex.done(1))
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    assert page.evaluate("k => localStorage.getItem(k)", key + ".nosave") == "1"
    page.reload()
    expect(item(page, first.items[0])).not_to_be_checked()
    page.goto(OVERVIEW)
    expect(page.get_by_label(nosave)).to_be_checked()
    page.get_by_label(nosave).uncheck()
    page.goto(ex.first_url)
    item(page, first.items[0]).check()
    assert saved(page, key)["checklists"] == {first.id: {first.items[0].id: True}}


def test_export_then_import_restores_progress(lang_page, ex, tmp_path):
    page, first, W = lang_page, ex.first, ex.w
    a, b = first.items[:2]
    page.goto(ex.first_url)
    item(page, a).check()
    item(page, b).check()
    page.goto(OVERVIEW)
    with page.expect_download() as dl:
        page.get_by_role("button", name=W["export"]).click()
    exported = tmp_path / dl.value.suggested_filename
    dl.value.save_as(exported)
    assert json.loads(exported.read_text())["checklists"] == {first.id: {a.id: True, b.id: True}}
    expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(W["script"]["exported"])
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=ex.device["clear"]).click()
    overview = page.locator(f"[data-overview='{first.id}'] [data-progress]")
    expect(overview).to_have_text(ex.done(0))
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    page.get_by_label(W["import"]).set_input_files(bad)
    expect(page.locator("[data-import-message]")).to_have_text(f'{W["script"]["error"]} {W["script"]["import_wrong"]}')
    expect(page.get_by_label(W["import"])).to_have_attribute("aria-invalid", "true")
    page.get_by_label(W["import"]).set_input_files(exported)
    expect(page.locator("[data-import-message]")).to_have_text(W["script"]["imported"])
    expect(overview).to_have_text(ex.done(2))
    page.goto(ex.first_url)
    expect(item(page, b)).to_be_checked()


def test_overview_and_checklist_pass_axe_with_state(lang_page, ex):
    page = lang_page
    page.goto(ex.first_url)
    item(page, ex.first.items[0]).check()
    assert not axe_violations(page)
    page.goto(OVERVIEW)
    assert not axe_violations(page)


@pytest.mark.each_language
def test_without_javascript_the_checklist_is_a_readable_list(lang_context_factory, ex):
    pg = lang_context_factory(java_script_enabled=False).new_page()
    pg.goto(ex.first_url)
    for entry in ex.first.items:
        expect(pg.locator(f"#checklist-{ex.first.id} label", has_text=entry.text)).to_be_visible()
    expect(pg.get_by_role("button", name=ex.untick_all())).to_be_hidden()


def test_reordered_and_reworded_items_keep_their_ticks(browser, lang_page, ex, key, tmp_path):
    """A center rewords an item, drops one and reorders the rest: ticks follow the ids."""
    first = ex.first
    reworded, dropped, moved = first.items[:3]
    page = lang_page
    page.goto(ex.first_url)
    item(page, reworded).check()
    item(page, dropped).check()
    stored = page.evaluate("k => localStorage.getItem(k)", key)

    site = example_project(tmp_path / "p")
    english_only(site)  # the Spanish copy would need the same edit (its completeness check)
    data = site / "docs" / "_data" / "checklists.yml"
    edited = yaml.safe_load(data.read_text(encoding="utf-8"))
    entry = next(c for c in edited["checklists"] if c["id"] == first.id)
    by_id = {i["id"]: i for i in entry["items"]}
    by_id[reworded.id]["text"] = "Reworded example task"
    new = {"id": "added-example", "text": "Added example task"}
    entry["items"] = [new, by_id[moved.id], by_id[reworded.id]] + [
        i for i in entry["items"] if i["id"] not in (reworded.id, dropped.id, moved.id)]
    data.write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")
    out = tmp_path / "site"
    server = SiteServer(out, "/edited-example/")
    result = build(site, out, site_url=server.url)
    assert result.returncode == 0, result.stdout + result.stderr
    copy_key = storage_key(server.url)
    with server:
        ctx = browser.new_context(base_url=server.url)
        ctx.add_init_script(f"try {{ localStorage.getItem({json.dumps(copy_key)}) || "
                            f"localStorage.setItem({json.dumps(copy_key)}, {json.dumps(stored)}) }} catch (e) {{}}")
        pg = ctx.new_page()
        pg.goto(ex.first_url)
        expect(pg.get_by_label("Reworded example task", exact=True)).to_be_checked()
        expect(pg.get_by_label("Added example task", exact=True)).not_to_be_checked()
        expect(item(pg, moved)).not_to_be_checked()
        expect(progress(pg, first)).to_have_text(fill(ex.w["script"]["progress"], done=1, total=len(entry["items"])))
        item(pg, moved).check()
        assert json.loads(pg.evaluate("k => localStorage.getItem(k)", copy_key))["checklists"][first.id] == {
            reworded.id: True, moved.id: True}
        ctx.close()
