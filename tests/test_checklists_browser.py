"""Checklists in Chromium, on the tests' example site: ticks saved by id, across reloads and instant
navigation, never lost. Expectations come from the example data (tests/example/docs/_data/checklists.yml)."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from guidekit.text import fill
from support import (EXAMPLE, SiteServer, axe_violations, build, copy_project, english_only, mark_window, saved,
                     storage_key, words)

DATA = EXAMPLE / "docs" / "_data" / "checklists.yml"
LISTS = load_checklists("docs/_data/checklists.yml", DATA.read_text(encoding="utf-8"))[0]
FIRST = next(c for c in LISTS if c.page == "first.md")    # a list with three or more items
SECOND = next(c for c in LISTS if c.page == "second.md")  # a list on another page
OVERVIEW = "checklists/"  # tests/example/docs/checklists/index.md: the overview and the device controls
W = words("checklists")   # what a reader sees (overrides/text/en.yml)
assert len(FIRST.items) >= 3 and SECOND.items


def url_of(md: str) -> str:
    return md[:-3] + "/"


def title_of(md: str) -> str:
    """The page's title (front matter), which is also its name in the navigation."""
    source = (EXAMPLE / "docs" / md).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])["title"]


FIRST_URL, SECOND_URL = url_of(FIRST.page), url_of(SECOND.page)
FIRST_TITLE, SECOND_TITLE = title_of(FIRST.page), title_of(SECOND.page)


def item(page, entry):
    return page.get_by_label(entry.text, exact=True)


def progress(page, c=FIRST):
    return page.locator(f"#checklist-{c.id} [data-progress]")


def done(n, c=FIRST) -> str:
    return fill(W["script"]["progress"], done=n, total=len(c.items))


def untick_all(c=FIRST) -> str:
    """The "Untick all" button's name: its words and what a screen reader hears after them."""
    return f"{W['untick_all']} {fill(W['untick_all_more'], title=c.title)}"


def nav_link(page, title):
    """The page's entry in Material's navigation. Student pages hide the navigation tree on wide
    screens (phones keep it in the drawer), so tests follow it with a dispatched click, which
    Material's instant navigation handles like a tap."""
    return page.locator("nav.md-nav--primary").get_by_role("link", name=title, exact=True, include_hidden=True).first


def assert_clean(ctx):
    assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
    assert not ctx.watch.errors, f"JavaScript errors: {ctx.watch.errors}"


def test_tick_survives_reload_and_instant_navigation(example_page, key):
    page, ticked = example_page, FIRST.items[1]
    page.goto(FIRST_URL)
    item(page, ticked).check()
    expect(progress(page)).to_have_text(done(1))
    assert saved(page, key)["checklists"] == {FIRST.id: {ticked.id: True}}
    page.reload()
    expect(item(page, ticked)).to_be_checked()
    mark_window(page)
    nav_link(page, SECOND_TITLE).dispatch_event("click")
    expect(page.locator("h1")).to_contain_text(SECOND_TITLE)
    page.go_back()
    expect(page.locator("h1")).to_contain_text(FIRST_TITLE)
    expect(item(page, ticked)).to_be_checked()
    expect(progress(page)).to_have_text(done(1))
    assert page.evaluate("window.__stayed") is True


def test_one_click_after_ten_navigations_toggles_once(example_page, key):
    page = example_page
    page.goto(FIRST_URL)
    mark_window(page)
    for _ in range(5):
        nav_link(page, SECOND_TITLE).dispatch_event("click")
        expect(page.locator("h1")).to_contain_text(SECOND_TITLE)
        nav_link(page, FIRST_TITLE).dispatch_event("click")
        expect(page.locator("h1")).to_contain_text(FIRST_TITLE)
    assert page.evaluate("window.__stayed") is True, "navigation reloaded the page; the test would prove nothing"
    assert page.evaluate("document.querySelectorAll('script[src*=\"checklists.js\"]').length") == 1
    item(page, FIRST.items[0]).click()
    expect(item(page, FIRST.items[0])).to_be_checked()
    expect(progress(page)).to_have_text(done(1))
    assert saved(page, key)["checklists"][FIRST.id] == {FIRST.items[0].id: True}


def test_keyboard_only_ticking_and_polite_announcement(example_page):
    page = example_page
    page.goto(FIRST_URL)
    first, second = item(page, FIRST.items[0]), item(page, FIRST.items[1])
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
    expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(done(2))
    assert first.evaluate("el => getComputedStyle(el).outlineStyle") == "none"  # focus moved on; the focused one shows its ring:
    assert second.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_reset_unticks_only_that_checklist(example_page, key):
    page = example_page
    page.goto(FIRST_URL)
    item(page, FIRST.items[0]).check()
    page.goto(SECOND_URL)
    item(page, SECOND.items[0]).check()
    page.goto(FIRST_URL)
    page.get_by_role("button", name=untick_all()).click()
    expect(progress(page)).to_have_text(done(0))
    assert saved(page, key)["checklists"] == {SECOND.id: {SECOND.items[0].id: True}}


def test_targets_are_at_least_24px(example_page):
    example_page.goto(FIRST_URL)
    boxes = example_page.locator("[data-checklist] input[type=checkbox]").all()
    assert len(boxes) == len(FIRST.items)
    for box in boxes:
        size = box.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24


@pytest.mark.parametrize("stored", ["{not json", json.dumps({"version": 99, "checklists": {}}), "[1,2]"])
def test_unreadable_saved_data_gives_a_notice_and_ticking_still_works(example_context_factory, key, stored):
    ctx = example_context_factory()
    ctx.add_init_script(f"try {{ if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                        f"localStorage.setItem({json.dumps(key)}, {json.dumps(stored)}); }} }} catch (e) {{}}")
    pg = ctx.new_page()
    pg.goto(FIRST_URL)
    expect(pg.locator(".guide-notice")).to_contain_text(words("guide")["script"]["storage_unreadable"])
    item(pg, FIRST.items[0]).check()
    expect(progress(pg)).to_have_text(done(1))
    assert saved(pg, key)["checklists"] == {FIRST.id: {FIRST.items[0].id: True}}
    pg.reload()
    expect(item(pg, FIRST.items[0])).to_be_checked()
    expect(pg.locator(".guide-notice")).to_have_count(0)
    assert_clean(ctx)


def test_storage_that_throws_gives_a_notice_and_keeps_ticks_for_the_visit(example_context_factory):
    ctx = example_context_factory()
    ctx.add_init_script("""
        for (const name of ['getItem', 'setItem', 'removeItem']) {
          Storage.prototype[name] = function () { throw new DOMException('blocked', 'SecurityError'); };
        }""")
    pg = ctx.new_page()
    pg.goto(FIRST_URL)
    item(pg, FIRST.items[0]).check()
    expect(pg.locator(".guide-notice")).to_be_visible()
    expect(progress(pg)).to_have_text(done(1))
    nav_link(pg, SECOND_TITLE).dispatch_event("click")
    expect(pg.locator("h1")).to_contain_text(SECOND_TITLE)
    pg.go_back()
    expect(item(pg, FIRST.items[0])).to_be_checked()
    assert_clean(ctx)


def test_storage_missing_entirely(example_context_factory):
    ctx = example_context_factory()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('disabled'); }});")
    pg = ctx.new_page()
    pg.goto(FIRST_URL)
    expect(pg.locator(".guide-notice")).to_have_text(words("guide")["script"]["storage_blocked"])
    item(pg, FIRST.items[0]).check()
    expect(progress(pg)).to_have_text(done(1))
    assert_clean(ctx)


def test_clear_everything_with_confirmation(example_page, key):
    page = example_page
    page.goto(FIRST_URL)
    item(page, FIRST.items[0]).check()
    page.goto(OVERVIEW)
    overview = page.locator(f"[data-overview='{FIRST.id}'] [data-progress]")
    expect(overview).to_have_text(done(1))
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name=words("device")["clear"]).click()
    expect(overview).to_have_text(done(1))
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=words("device")["clear"]).click()
    expect(overview).to_have_text(done(0))
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    page.goto(FIRST_URL)
    expect(item(page, FIRST.items[0])).not_to_be_checked()


def test_dont_save_keeps_nothing_on_the_device(example_page, key):
    page = example_page
    page.goto("privacy/")  # the example privacy page has the device controls too
    page.get_by_label(words("device")["nosave"]).check()
    page.goto(FIRST_URL)
    item(page, FIRST.items[0]).check()
    expect(progress(page)).to_have_text(done(1))
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    assert page.evaluate("k => localStorage.getItem(k)", key + ".nosave") == "1"
    page.reload()
    expect(item(page, FIRST.items[0])).not_to_be_checked()
    page.goto(OVERVIEW)
    expect(page.get_by_label(words("device")["nosave"])).to_be_checked()
    page.get_by_label(words("device")["nosave"]).uncheck()
    page.goto(FIRST_URL)
    item(page, FIRST.items[0]).check()
    assert saved(page, key)["checklists"] == {FIRST.id: {FIRST.items[0].id: True}}


def test_export_then_import_restores_progress(example_page, tmp_path):
    page, (a, b) = example_page, FIRST.items[:2]
    page.goto(FIRST_URL)
    item(page, a).check()
    item(page, b).check()
    page.goto(OVERVIEW)
    with page.expect_download() as dl:
        page.get_by_role("button", name=W["export"]).click()
    exported = tmp_path / dl.value.suggested_filename
    dl.value.save_as(exported)
    assert json.loads(exported.read_text())["checklists"] == {FIRST.id: {a.id: True, b.id: True}}
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=words("device")["clear"]).click()
    overview = page.locator(f"[data-overview='{FIRST.id}'] [data-progress]")
    expect(overview).to_have_text(done(0))
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    page.get_by_label(W["import"]).set_input_files(bad)
    expect(page.locator("[data-import-message]")).to_have_text(f'{W["script"]["error"]} {W["script"]["import_wrong"]}')
    expect(page.get_by_label(W["import"])).to_have_attribute("aria-invalid", "true")
    page.get_by_label(W["import"]).set_input_files(exported)
    expect(page.locator("[data-import-message]")).to_have_text(W["script"]["imported"])
    expect(overview).to_have_text(done(2))
    page.goto(FIRST_URL)
    expect(item(page, b)).to_be_checked()


def test_overview_and_checklist_pass_axe_with_state(example_page):
    page = example_page
    page.goto(FIRST_URL)
    item(page, FIRST.items[0]).check()
    assert not axe_violations(page)
    page.goto(OVERVIEW)
    assert not axe_violations(page)


def test_without_javascript_the_checklist_is_a_readable_list(example_context_factory):
    pg = example_context_factory(java_script_enabled=False).new_page()
    pg.goto(FIRST_URL)
    for entry in FIRST.items:
        expect(pg.locator(f"#checklist-{FIRST.id} label", has_text=entry.text)).to_be_visible()
    expect(pg.get_by_role("button", name=untick_all())).to_be_hidden()


def test_reordered_and_reworded_items_keep_their_ticks(browser, example_page, key, tmp_path):
    """A center rewords an item, drops one and reorders the rest: ticks follow the ids."""
    reworded, dropped, moved = FIRST.items[:3]
    page = example_page
    page.goto(FIRST_URL)
    item(page, reworded).check()
    item(page, dropped).check()
    stored = page.evaluate("k => localStorage.getItem(k)", key)

    copy_project(tmp_path / "p")  # the parts tests/example INHERITs from, at the same relative place
    site = tmp_path / "p" / "tests" / "example"
    shutil.copytree(EXAMPLE, site)
    english_only(site)  # the Spanish copy would need the same edit (its completeness check)
    data = site / "docs" / "_data" / "checklists.yml"
    edited = yaml.safe_load(data.read_text(encoding="utf-8"))
    entry = next(c for c in edited["checklists"] if c["id"] == FIRST.id)
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
        pg.goto(FIRST_URL)
        expect(pg.get_by_label("Reworded example task", exact=True)).to_be_checked()
        expect(pg.get_by_label("Added example task", exact=True)).not_to_be_checked()
        expect(item(pg, moved)).not_to_be_checked()
        expect(progress(pg)).to_have_text(fill(W["script"]["progress"], done=1, total=len(entry["items"])))
        item(pg, moved).check()
        assert json.loads(pg.evaluate("k => localStorage.getItem(k)", copy_key))["checklists"][FIRST.id] == {
            reworded.id: True, moved.id: True}
        ctx.close()
