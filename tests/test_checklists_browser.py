"""Checklists in Chromium: ticks saved by id, across reloads and instant navigation, never lost."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from support import SiteServer, axe_violations, build, copy_project, mark_window

KEY = "/after-the-no/.after-the-no"
NOSAVE = KEY + ".nosave"


def saved(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {}


def item(page, text):
    return page.get_by_label(text, exact=False)


def progress(page, cid="feel-it"):
    return page.locator(f"#checklist-{cid} [data-progress]")


def test_tick_survives_reload_and_instant_navigation(page):
    page.goto("feel-it/")
    item(page, "Tell one person you trust").check()
    expect(progress(page)).to_have_text("1 of 7 done")
    assert saved(page)["checklists"] == {"feel-it": {"tell-someone": True}}
    page.reload()
    expect(item(page, "Tell one person you trust")).to_be_checked()
    mark_window(page)
    page.get_by_role("link", name="Ask for feedback").first.click()
    expect(page.locator("h1")).to_contain_text("Ask for feedback")
    page.go_back()
    expect(page.locator("h1")).to_contain_text("Feel it")
    expect(item(page, "Tell one person you trust")).to_be_checked()
    expect(progress(page)).to_have_text("1 of 7 done")
    assert page.evaluate("window.__stayed") is True


def test_one_click_after_ten_navigations_toggles_once(page):
    page.goto("feel-it/")
    mark_window(page)
    for _ in range(5):
        page.locator("nav.md-nav--primary").get_by_role("link", name="Ask for feedback").first.click()
        expect(page.locator("h1")).to_contain_text("Ask for feedback")
        page.locator("nav.md-nav--primary").get_by_role("link", name="Feel it, then set a limit").first.click()
        expect(page.locator("h1")).to_contain_text("Feel it")
    assert page.evaluate("window.__stayed") is True, "navigation reloaded the page; the test would prove nothing"
    assert page.evaluate("document.querySelectorAll('script[src*=\"checklists.js\"]').length") == 1
    item(page, "Let the feeling out").click()
    expect(item(page, "Let the feeling out")).to_be_checked()
    expect(progress(page)).to_have_text("1 of 7 done")
    assert saved(page)["checklists"]["feel-it"] == {"let-it-out": True}


def test_keyboard_only_ticking_and_polite_announcement(page):
    page.goto("feel-it/")
    first = item(page, "Set the time your dwelling ends")
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
    expect(item(page, "Let the feeling out")).to_be_checked()
    expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text("2 of 7 done")
    outline = first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "none"  # focus moved on; the focused one shows its ring:
    assert item(page, "Let the feeling out").evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_reset_unticks_only_that_checklist(page):
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    page.goto("analyse/")
    item(page, "Block 30 to 45 minutes").check()
    page.goto("feel-it/")
    page.get_by_role("button", name="Untick all in Feel it").click()
    expect(progress(page)).to_have_text("0 of 7 done")
    assert saved(page)["checklists"] == {"analyse": {"block-review-time": True}}


def test_targets_are_at_least_24px(page):
    page.goto("feel-it/")
    for box in page.locator("[data-checklist] input[type=checkbox]").all():
        size = box.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24


@pytest.mark.parametrize("stored", ["{not json", json.dumps({"version": 99, "checklists": {}}), "[1,2]"])
def test_unreadable_saved_data_gives_a_notice_and_ticking_still_works(context_factory, stored):
    ctx = context_factory()
    ctx.add_init_script(f"try {{ if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                        f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(stored)}); }} }} catch (e) {{}}")
    pg = ctx.new_page()
    pg.goto("feel-it/")
    expect(pg.locator(".guide-notice")).to_contain_text("couldn't be read")
    item(pg, "Tell one person").check()
    expect(progress(pg)).to_have_text("1 of 7 done")
    assert saved(pg)["checklists"] == {"feel-it": {"tell-someone": True}}
    pg.reload()
    expect(item(pg, "Tell one person")).to_be_checked()
    expect(pg.locator(".guide-notice")).to_have_count(0)
    assert not ctx.watch.errors


def test_storage_that_throws_gives_a_notice_and_keeps_ticks_for_the_visit(context_factory):
    ctx = context_factory()
    ctx.add_init_script("""
        for (const name of ['getItem', 'setItem', 'removeItem']) {
          Storage.prototype[name] = function () { throw new DOMException('blocked', 'SecurityError'); };
        }""")
    pg = ctx.new_page()
    pg.goto("feel-it/")
    item(pg, "Tell one person").check()
    expect(pg.locator(".guide-notice")).to_be_visible()
    expect(progress(pg)).to_have_text("1 of 7 done")
    pg.locator("nav.md-nav--primary").get_by_role("link", name="Ask for feedback").first.click()
    expect(pg.locator("h1")).to_contain_text("Ask for feedback")
    pg.go_back()
    expect(item(pg, "Tell one person")).to_be_checked()
    assert not ctx.watch.errors


def test_storage_missing_entirely(context_factory):
    ctx = context_factory()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('disabled'); }});")
    pg = ctx.new_page()
    pg.goto("feel-it/")
    expect(pg.locator(".guide-notice")).to_contain_text("doesn't let the site save")
    item(pg, "Tell one person").check()
    expect(progress(pg)).to_have_text("1 of 7 done")
    assert not ctx.watch.errors


def test_clear_everything_with_confirmation(page):
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    page.goto("checklists/")
    overview = page.locator("[data-overview='feel-it'] [data-progress]")
    expect(overview).to_have_text("1 of 7 done")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Clear everything saved on this device").click()
    expect(overview).to_have_text("1 of 7 done")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear everything saved on this device").click()
    expect(overview).to_have_text("0 of 7 done")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.goto("feel-it/")
    expect(item(page, "Tell one person")).not_to_be_checked()


def test_dont_save_keeps_nothing_on_the_device(page):
    page.goto("privacy/")
    page.get_by_label("Don't save anything on this device").check()
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    expect(progress(page)).to_have_text("1 of 7 done")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert page.evaluate(f"localStorage.getItem('{NOSAVE}')") == "1"
    page.reload()
    expect(item(page, "Tell one person")).not_to_be_checked()
    page.goto("checklists/")
    expect(page.get_by_label("Don't save anything on this device")).to_be_checked()
    page.get_by_label("Don't save anything on this device").uncheck()
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    assert saved(page)["checklists"] == {"feel-it": {"tell-someone": True}}


def test_export_then_import_restores_progress(page, tmp_path):
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    item(page, "Let the feeling out").check()
    page.goto("checklists/")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Save my progress as a file").click()
    exported = tmp_path / dl.value.suggested_filename
    dl.value.save_as(exported)
    assert json.loads(exported.read_text())["checklists"] == {"feel-it": {"tell-someone": True, "let-it-out": True}}
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear everything saved on this device").click()
    overview = page.locator("[data-overview='feel-it'] [data-progress]")
    expect(overview).to_have_text("0 of 7 done")
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    page.get_by_label("Load progress from a file").set_input_files(bad)
    expect(page.locator("[data-import-message]")).to_contain_text("isn't a progress file")
    expect(page.get_by_label("Load progress from a file")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Load progress from a file").set_input_files(exported)
    expect(page.locator("[data-import-message]")).to_have_text("Progress loaded from the file.")
    expect(overview).to_have_text("2 of 7 done")
    page.goto("feel-it/")
    expect(item(page, "Let the feeling out")).to_be_checked()


def test_overview_and_checklist_pass_axe_with_state(page):
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    assert not axe_violations(page)
    page.goto("checklists/")
    assert not axe_violations(page)


def test_without_javascript_the_checklist_is_a_readable_list(context_factory):
    pg = context_factory(java_script_enabled=False).new_page()
    pg.goto("feel-it/")
    for text in ["Set the time your dwelling ends and write it down", "Tell one person you trust what happened"]:
        expect(pg.locator("#checklist-feel-it label", has_text=text)).to_be_visible()
    expect(pg.get_by_role("button", name="Untick all in Feel it")).to_be_hidden()


def test_reordered_and_reworded_items_keep_their_ticks(browser, page, tmp_path):
    page.goto("feel-it/")
    item(page, "Tell one person").check()
    item(page, "Hold off replying").check()
    item(page, "Let the feeling out").check()
    stored = page.evaluate(f"localStorage.getItem('{KEY}')")

    project = copy_project(tmp_path / "p")
    data = project / "docs" / "_data" / "checklists.yml"
    text = data.read_text()
    # Reword one item, drop another, and move the first item to the end.
    text = text.replace("text: Tell one person you trust what happened", "text: Talk it over with someone you trust")
    text = text.replace("      - id: let-it-out\n        text: Let the feeling out in a way that works for you\n", "")
    moved = "      - id: set-end-time\n        text: Set the time your dwelling ends and write it down\n"
    text = text.replace(moved, "").replace("      - id: check-in-after-two-weeks\n", moved + "      - id: check-in-after-two-weeks\n")
    data.write_text(text)
    out = tmp_path / "site"
    server = SiteServer(out)
    assert build(project, out, site_url=server.url).returncode == 0
    with server:
        ctx = browser.new_context(base_url=server.url)
        ctx.add_init_script(f"try {{ localStorage.getItem({json.dumps(KEY)}) || "
                            f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(stored)}) }} catch (e) {{}}")
        pg = ctx.new_page()
        pg.goto("feel-it/")
        expect(pg.get_by_label("Talk it over with someone you trust")).to_be_checked()
        expect(pg.get_by_label("Hold off replying")).to_be_checked()
        expect(pg.get_by_label("Set the time your dwelling ends")).not_to_be_checked()
        expect(progress(pg)).to_have_text("2 of 6 done")
        pg.get_by_label("Choose one next step").check()
        assert json.loads(pg.evaluate(f"localStorage.getItem('{KEY}')"))["checklists"]["feel-it"] == {
            "tell-someone": True, "hold-reply": True, "choose-next-step": True}
        ctx.close()
