"""Printing in Chromium. Content, on the guide (shipped, and after a center's edits): each sheet is one
page on A4 and on Letter with the center's name and email, and its QR code leads back to the live page.
Behaviour, on the tests' example site: the print button, printing without JavaScript, a guidance page
printed without site chrome, the index of sheets."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from support import EXAMPLE, axe_violations, center_settings, pdf_pages, squash, words

EXAMPLE_LISTS = load_checklists("docs/_data/checklists.yml",
                                (EXAMPLE / "docs" / "_data" / "checklists.yml").read_text(encoding="utf-8"))[0]
FIRST = next(c for c in EXAMPLE_LISTS if c.page == "first.md")
EXAMPLE_CENTER = center_settings(EXAMPLE)  # the example site's own settings (tests/example/mkdocs.yml)
EXAMPLE_SITE_NAME = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
W, CENTER_WORDS = words("print"), words("center")  # what a reader sees (overrides/text/en.yml)
# Material's own words (Search, Skip to content, Previous) and the sheet's toolbar, on screen only.
SHEET_CHROME = ["Search", "Skip to content", W["toolbar_all"], W["print_button"], "Previous", words("checklists")["untick_all"]]
HOW_TO_PRINT = W["print_hint"]
URGENT = [CENTER_WORDS["urgent_lead"], CENTER_WORDS["urgent_danger"]]  # the help-at-any-hour line


def page_url(md: str) -> str:
    """The site-relative URL of a page given by its path in docs/: 'a.md' -> 'a/', 'b/index.md' -> 'b/'."""
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem.rstrip("/") + "/" if stem else ""


def title_of(md: str) -> str:
    source = (EXAMPLE / "docs" / md).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])["title"]


# ---- Content: every sheet of the guide ----

def zbarimg() -> str | None:
    found = shutil.which("zbarimg")
    if not found and os.environ.get("CI"):
        pytest.fail("zbarimg is missing: install Debian's zbar-tools (make test does)")
    return found


def test_each_sheet_prints_on_one_page_on_a4_and_letter_and_its_qr_code_leads_to_its_page(guide, guide_context, tmp_path):
    """Each sheet loaded once: printed on A4 and on Letter, its QR code photographed (at 3x) and decoded."""
    center, lists = guide.center(), guide.checklists()
    pg = guide_context(device_scale_factor=3).new_page()
    images, shown = [], []
    for checklist in lists:
        pg.goto(f"print/{checklist.id}/")
        for fmt in ("A4", "Letter"):
            pages = pdf_pages(pg, fmt)
            assert len(pages) == 1, f"print/{checklist.id}/ prints on {len(pages)} {fmt} pages"
            [text] = pages
            assert squash(center["name"]).upper() in text.upper()
            assert center["contact_email"] in text
            if center.get("phone"):
                assert squash(center["phone"]) in text
            assert all(squash(line) in text for line in URGENT)
            if center.get("urgent_phone"):
                assert squash(str(center["urgent_phone"])) in text
            assert squash(checklist.title) in text
            for entry in checklist.items:
                assert squash(entry.text) in text, f"{entry.id} is missing from the {fmt} print of {checklist.id}"
        images.append(tmp_path / f"{checklist.id}.png")
        pg.locator(".sheet__qr").screenshot(path=str(images[-1]))
        shown.append(pg.locator(".sheet__url").inner_text().strip())
    tool = zbarimg()
    if not tool:
        pytest.skip("every sheet printed on one page; its QR code was not decoded: zbarimg (zbar-tools) is not installed")
    decoded = subprocess.run([tool, "--quiet", "--raw", *map(str, images)], capture_output=True, text=True).stdout.split()
    assert decoded == [guide.url + page_url(c.page) for c in lists]
    assert shown == [url.split("://", 1)[1] for url in decoded]


def test_packet_prints_one_sheet_per_checklist(guide, guide_context):
    lists = guide.checklists()
    pg = guide_context().new_page()
    pg.goto("print/all/")
    pages = pdf_pages(pg, "Letter")
    assert len(pages) == len(lists)
    for text, checklist in zip(pages, lists):
        assert squash(checklist.title) in text and squash(checklist.items[-1].text) in text


# ---- Behaviour, on the example site ----

def test_a_sheet_prints_the_centers_details_without_site_chrome(example_page):
    example_page.goto(f"print/{FIRST.id}/")
    [text] = pdf_pages(example_page, "A4")
    assert squash(EXAMPLE_CENTER["name"]).upper() in text.upper()
    for setting in ("contact_email", "phone"):
        assert squash(EXAMPLE_CENTER[setting]) in text
    assert EXAMPLE_CENTER["booking_url"].split("://", 1)[1] in text
    assert squash(str(EXAMPLE_CENTER["urgent_phone"])) in text and all(squash(line) in text for line in URGENT)
    assert squash(EXAMPLE_CENTER["reviewed_by"]) in text
    assert W["name"] in text and W["date"] in text
    for chrome in SHEET_CHROME:
        assert chrome not in text


def test_print_button_prints_and_sheets_pass_axe(example_context_factory):
    ctx = example_context_factory()
    ctx.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    pg = ctx.new_page()
    for path in [f"print/{FIRST.id}/", "print/all/"]:
        pg.goto(path)
        expect(pg.get_by_text(HOW_TO_PRINT)).to_be_hidden()
        pg.get_by_role("button", name=W["print_button"]).click()
        assert not axe_violations(pg)
    assert pg.evaluate("window.__printed") == 1
    assert not ctx.watch.outside and not ctx.watch.errors, (ctx.watch.outside, ctx.watch.errors)


def test_sheet_without_javascript_shows_how_to_print(example_context_factory):
    pg = example_context_factory(java_script_enabled=False).new_page()
    pg.goto(f"print/{FIRST.id}/")
    expect(pg.get_by_text(HOW_TO_PRINT)).to_be_visible()
    expect(pg.get_by_role("button", name=W["print_button"])).to_be_hidden()
    expect(pg.locator(".sheet__items li")).to_have_count(len(FIRST.items))


def test_guidance_page_prints_without_site_chrome_and_with_collapsed_blocks_open(example_page):
    page = example_page
    page.goto(page_url(FIRST.page))
    details = page.locator(".md-content details").first  # tests/example/docs/first.md has one folded block
    expect(details).not_to_have_attribute("open", "")
    hidden_text = squash(details.locator("p").first.text_content())
    text = " ".join(pdf_pages(page, "A4"))
    assert squash(title_of(FIRST.page)) in text
    assert hidden_text in text, "the collapsed block did not print open"
    assert squash(FIRST.items[0].text) in text
    second_title = title_of(next(c for c in EXAMPLE_LISTS if c.page != FIRST.page).page)
    for chrome in ["Skip to content", "Search", words("checklists")["untick_all"], words("checklists")["print_link"],
                   second_title, EXAMPLE_SITE_NAME]:
        assert chrome not in text


def test_print_index_lists_every_sheet_and_opens_it_outside_the_site_layout(example_page):
    page = example_page
    page.goto("print/")  # tests/example/docs/print/index.md
    links = page.locator(".guide-print-index a")
    expect(links).to_have_count(len(EXAMPLE_LISTS))
    links.first.click()
    page.wait_for_url(f"**/print/{EXAMPLE_LISTS[0].id}/")
    expect(page.locator(".md-header")).to_have_count(0)
    expect(page.locator("h1")).to_have_text(EXAMPLE_LISTS[0].title)
