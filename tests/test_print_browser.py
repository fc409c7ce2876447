"""Printing in Chromium. Content, on the guide (shipped, its Spanish version, and after a center's edits):
each sheet is one page on A4 and on Letter with the center's name and email, and its QR code leads back
to the live page. Behaviour, on the tests' example site in each of its languages (`example_lang`): the
print button, printing without JavaScript, a guidance page printed without site chrome, the index of
sheets."""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
import yaml
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from support import EXAMPLE, data_text, axe_violations, pdf_pages, squash, words
from test_branding import center_settings_of, config_file, settings_of


def page_url(md: str) -> str:
    """The site-relative URL of a page given by its path in docs/: 'a.md' -> 'a/', 'b/index.md' -> 'b/'."""
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem.rstrip("/") + "/" if stem else ""


def urgent_lines(center_words: dict) -> list[str]:
    """The help-at-any-hour line every sheet prints (the center's words)."""
    return [center_words["urgent_lead"], center_words["urgent_danger"]]


@functools.cache
def material_words(lang: str) -> dict:
    """Material's own words in a language (its partials/languages/<lang>.html; English where it has none)."""
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    found = {}
    for code in ("en", lang):
        found.update(re.findall(r'^\s*"([\w.]+)": "([^"]*)"', (folder / f"{code}.html").read_text(encoding="utf-8"), re.M))
    return found


class Example:
    """The example site in one language, as its printed pages show it: its checklists, its center's
    settings (mkdocs.<lang>.yml over mkdocs.yml), its site name and its words."""

    def __init__(self, docs: Path, lang: str):
        self.docs, self.lang = docs, lang
        self.lists = load_checklists("docs/_data/checklists.yml",
                                     data_text(docs, "checklists.yml"))[0]
        self.first = next(c for c in self.lists if c.page == "first.md")
        settings = settings_of(config_file(EXAMPLE, lang))
        self.center, self.site_name = settings["extra"]["career_center"], settings["site_name"]
        self.w = words("print", lang)  # what a reader sees (overrides/text/<lang>.yml)
        self.checklist_words = words("checklists", lang)
        self.urgent = urgent_lines(words("center", lang))
        self.material = material_words(lang)
        # Material's own words (Search, Skip to content, Previous) and the sheet's toolbar, on screen only.
        self.sheet_chrome = [self.material["search.placeholder"], self.material["action.skip"], self.w["toolbar_all"],
                             self.w["print_button"], self.material["footer.previous"], self.checklist_words["untick_all"]]

    def title_of(self, md: str) -> str:
        source = (self.docs / md).read_text(encoding="utf-8")
        return yaml.safe_load(source.split("---")[1])["title"]


@pytest.fixture
def ex(example_lang) -> Example:
    return _example(example_lang.docs, example_lang.lang)


@functools.cache
def _example(docs: Path, lang: str) -> Example:
    return Example(docs, lang)


# ---- Content: every sheet of the guide ----

def zbarimg() -> str | None:
    found = shutil.which("zbarimg")
    if not found and os.environ.get("CI"):
        pytest.fail("zbarimg is missing: install Debian's zbar-tools (make test does)")
    return found


def test_each_sheet_prints_on_one_page_on_a4_and_letter_and_its_qr_code_leads_to_its_page(guide, guide_context, tmp_path):
    """Each sheet loaded once: printed on A4 and on Letter, its QR code photographed (at 3x) and decoded."""
    center, lists, urgent = center_settings_of(guide), guide.checklists(), urgent_lines(guide.words("center"))
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
            assert all(squash(line) in text for line in urgent), f"print/{checklist.id}/ lacks the urgent line on {fmt}"
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
    from guidekit.checklists import in_guide_order  # in the order the guide's menu has their pages
    nav = settings_of(guide.root / "mkdocs.yml")["nav"]
    for text, checklist in zip(pages, in_guide_order(lists, nav)):
        assert squash(checklist.title) in text and squash(checklist.items[-1].text) in text


# ---- Behaviour, on the example site in each language ----

@pytest.mark.each_language
def test_a_sheet_prints_the_centers_details_without_site_chrome(lang_page, ex):
    center = ex.center
    lang_page.goto(f"print/{ex.first.id}/")
    [text] = pdf_pages(lang_page, "A4")
    assert squash(center["name"]).upper() in text.upper()
    for setting in ("contact_email", "phone"):
        assert squash(center[setting]) in text
    assert center["booking_url"].split("://", 1)[1] in text
    assert squash(str(center["urgent_phone"])) in text and all(squash(line) in text for line in ex.urgent)
    assert squash(center["reviewed_by"]) in text
    assert ex.w["name"] in text and ex.w["date"] in text
    for chrome in ex.sheet_chrome:
        assert chrome not in text


def test_print_button_prints_and_sheets_pass_axe(lang_context_factory, ex):
    ctx = lang_context_factory()
    ctx.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    pg = ctx.new_page()
    for path in [f"print/{ex.first.id}/", "print/all/"]:
        pg.goto(path)
        expect(pg.get_by_text(ex.w["print_hint"])).to_be_hidden()
        pg.get_by_role("button", name=ex.w["print_button"]).click()
        assert not axe_violations(pg)
    assert pg.evaluate("window.__printed") == 1
    assert not ctx.watch.outside and not ctx.watch.errors, (ctx.watch.outside, ctx.watch.errors)


def test_sheet_without_javascript_shows_how_to_print(lang_context_factory, ex):
    pg = lang_context_factory(java_script_enabled=False).new_page()
    pg.goto(f"print/{ex.first.id}/")
    expect(pg.get_by_text(ex.w["print_hint"])).to_be_visible()
    expect(pg.get_by_role("button", name=ex.w["print_button"])).to_be_hidden()
    expect(pg.locator(".sheet__items li")).to_have_count(len(ex.first.items))


def test_guidance_page_prints_without_site_chrome_and_with_collapsed_blocks_open(lang_page, ex):
    page, first = lang_page, ex.first
    page.goto(page_url(first.page))
    details = page.locator(".md-content details").first  # tests/example/docs/first.md (and es/) has one folded block
    expect(details).not_to_have_attribute("open", "")
    hidden_text = squash(details.locator("p").first.text_content())
    text = " ".join(pdf_pages(page, "A4"))
    assert squash(ex.title_of(first.page)) in text
    assert hidden_text in text, "the collapsed block did not print open"
    assert squash(first.items[0].text) in text
    second_title = ex.title_of(next(c for c in ex.lists if c.page != first.page).page)
    for chrome in [ex.material["action.skip"], ex.material["search.placeholder"], ex.checklist_words["untick_all"],
                   ex.checklist_words["print_link"], second_title, ex.site_name]:
        assert chrome not in text


def test_print_index_lists_every_sheet_and_opens_it_outside_the_site_layout(lang_page, ex):
    page = lang_page
    page.goto("print/")  # tests/example/docs/print/index.md (and es/)
    links = page.locator(".guide-print-index a")
    expect(links).to_have_count(len(ex.lists))
    links.first.click()
    page.wait_for_url(f"**/print/{ex.lists[0].id}/")
    expect(page.locator(".md-header")).to_have_count(0)
    expect(page.locator("h1")).to_have_text(ex.lists[0].title)


@pytest.mark.each_language
def test_guidance_page_prints_no_address_of_the_guides_own_links_on_two_sheets_at_most(lang_page, ex):
    """Material's instant navigation makes the guide's own links absolute: their addresses stay off the
    paper (another site's address still prints after its link); a step page needs one or two sheets."""
    page = lang_page
    page.goto(page_url(ex.first.page))
    own = page.evaluate("() => [...document.querySelectorAll('.md-typeset a[href], .md-banner a[href]')]"
                        ".filter((a) => a.origin === location.origin).length")
    assert own, "the example page links to nothing of its own"
    host = urlsplit(page.url).netloc
    for fmt in ("A4", "Letter"):
        pages = pdf_pages(page, fmt)
        assert host not in " ".join(pages).replace(" ", ""), f"an address of the guide's own printed on {fmt}"
        assert 1 <= len(pages) <= 2, f"{ex.first.page} prints on {len(pages)} {fmt} pages"


def test_print_index_and_checklists_page_list_the_sheets_in_the_menus_order(lang_page, ex):
    """The order a student meets the checklists: the pages' order in mkdocs.yml's nav (the example's)."""
    from guidekit.checklists import menu_pages
    nav = menu_pages(settings_of(config_file(EXAMPLE, "en"))["nav"])
    expected = [c.title for c in sorted(ex.lists, key=lambda c: nav.index(c.page))]
    lang_page.goto("print/")
    expect(lang_page.locator(".guide-print-index a")).to_have_text(expected)
    lang_page.goto("checklists/")
    expect(lang_page.locator("[data-checklist-overview] > li > a")).to_have_text(expected)
