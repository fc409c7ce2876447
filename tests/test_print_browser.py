"""Printing in Chromium: each sheet is one page on A4 and on Letter; the QR code leads back."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from guidekit.checklists import load_checklists
from support import DOCS, axe_violations, center_settings

CENTER = center_settings()
CHECKLISTS = load_checklists("docs/_data/checklists.yml", (DOCS / "_data" / "checklists.yml").read_text())[0]
CHROME = ["Search", "Skip to content", "All printable checklists", "Print this sheet", "Previous", "Untick all"]


def pdf_pages(page, fmt) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format=fmt)))
    return [squash(p.extract_text()) for p in reader.pages]


def squash(text):
    """Whitespace collapsed and ligatures (the 'ff' glyph of a PDF) unfolded."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("fmt", ["A4", "Letter"])
@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda c: c.id)
def test_each_sheet_prints_on_exactly_one_page(page, checklist, fmt):
    page.goto(f"print/{checklist.id}/")
    [text] = pdf_pages(page, fmt)
    assert squash(CENTER["name"]).upper() in text.upper()
    assert CENTER["contact_email"] in text
    assert squash(checklist.title) in text
    for item in checklist.items:
        assert squash(item.text) in text
    assert "Name" in text and "Date" in text
    for chrome in CHROME:
        assert chrome not in text


def test_packet_prints_one_sheet_per_checklist(page):
    page.goto("print/all/")
    pages = pdf_pages(page, "Letter")
    assert len(pages) == len(CHECKLISTS)
    for text, checklist in zip(pages, CHECKLISTS):
        assert squash(checklist.title) in text and squash(checklist.items[-1].text) in text


def zbarimg() -> str | None:
    found = shutil.which("zbarimg")
    if not found and os.environ.get("CI"):
        pytest.fail("zbarimg is missing: install Debian's zbar-tools (make test does)")
    return found


@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda c: c.id)
def test_qr_code_decodes_to_the_live_page(context_factory, server, checklist, tmp_path):
    tool = zbarimg()
    if not tool:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    pg = context_factory(device_scale_factor=3).new_page()
    pg.goto(f"print/{checklist.id}/")
    image = tmp_path / "qr.png"
    pg.locator(".sheet__qr").screenshot(path=str(image))
    decoded = subprocess.run([tool, "--quiet", "--raw", str(image)], capture_output=True, text=True)
    assert decoded.stdout.strip() == server.url + checklist.page.replace(".md", "/")
    expect(pg.locator(".sheet__url")).to_have_text(decoded.stdout.strip().split("://", 1)[1])


def test_print_button_prints_and_sheets_pass_axe(context_factory):
    ctx = context_factory()
    ctx.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    pg = ctx.new_page()
    for path in ["print/feel-it/", "print/all/"]:
        pg.goto(path)
        expect(pg.get_by_text("To print, use your browser's Print command")).to_be_hidden()
        pg.get_by_role("button", name="Print this sheet").click()
        assert not axe_violations(pg)
    assert pg.evaluate("window.__printed") == 1


def test_sheet_without_javascript_shows_how_to_print(context_factory):
    pg = context_factory(java_script_enabled=False).new_page()
    pg.goto("print/feel-it/")
    expect(pg.get_by_text("To print, use your browser's Print command")).to_be_visible()
    expect(pg.get_by_role("button", name="Print this sheet")).to_be_hidden()
    expect(pg.locator(".sheet__items li")).to_have_count(len(CHECKLISTS[0].items))


def test_guidance_page_prints_without_site_chrome_and_with_collapsed_blocks_open(page):
    page.goto("feel-it/")
    details = page.locator("details").first
    expect(details).not_to_have_attribute("open", "")
    hidden_text = squash(details.locator("p").first.text_content())
    text = " ".join(pdf_pages(page, "A4"))
    assert "Feel it, then set a limit" in text
    assert hidden_text[:60] in text, "the collapsed block did not print open"
    assert "Set the time your dwelling ends and write it down" in text
    for chrome in ["Skip to content", "Search", "Untick all", "Print this checklist", "The first days"]:
        assert chrome not in text


def test_print_index_lists_every_sheet_and_opens_it_outside_the_site_layout(page):
    page.goto("print/")
    links = page.locator(".guide-print-index a")
    expect(links).to_have_count(len(CHECKLISTS))
    links.first.click()
    page.wait_for_url("**/print/feel-it/")
    expect(page.locator(".md-header")).to_have_count(0)
    expect(page.locator("h1")).to_have_text("Feel it, then set a limit")
