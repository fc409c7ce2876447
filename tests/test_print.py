"""Printable sheets, in the built HTML of the guide (shipped, and after a center's edits): generated from
that guide's checklist data and settings, linked both ways, kept out of search; two sheets at one address
fail the build at the checklist's line."""
from __future__ import annotations

import json
import shutil
from urllib.parse import urljoin

from guidekit.checklists import load_checklists
from guidekit.printsheets import display_url, live_url, qr_svg
from support import EXAMPLE, build, copy_project
from test_branding import center_of, center_settings_of


def page_url(md: str) -> str:
    """The site-relative URL of a page given by its path in docs/: 'a.md' -> 'a/', 'b/index.md' -> 'b/'."""
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem.rstrip("/") + "/" if stem else ""


def test_live_and_display_urls():
    assert live_url("https://x.github.io/repo/", "feel-it/") == "https://x.github.io/repo/feel-it/"
    assert live_url("https://careers.example.edu", "feel-it/") == "https://careers.example.edu/feel-it/"
    assert display_url("https://x.github.io/repo/feel-it/") == "x.github.io/repo/feel-it/"


def test_qr_svg_is_inline_svg_with_a_title():
    svg = qr_svg("https://x.github.io/repo/feel-it/", "Code for {url} & more")
    assert svg.startswith("<svg") and "<title>Code for x.github.io/repo/feel-it/ &amp; more</title>" in svg


def test_every_checklist_has_a_sheet_with_its_items_and_no_site_chrome(guide):
    center, W = center_settings_of(guide), guide.words("print")  # what a reader sees (overrides/text/<lang>.yml)
    for c in guide.checklists():
        doc = guide.html(f"print/{c.id}/")
        sheet = doc.select_one("article.sheet")
        assert sheet.select_one("h1").get_text(strip=True) == c.title
        assert sheet.select_one(".sheet__center").get_text(strip=True) == center_of(guide)["name"]
        contact = sheet.select_one(".sheet__contact")
        assert contact.select_one(f"a[href='mailto:{center['contact_email']}']").get_text(strip=True) == center["contact_email"]
        assert bool(center.get("phone")) == ("tel:" in str(contact)), "the phone shows exactly when it is set"
        if center.get("phone"):
            assert center["phone"] in contact.get_text()
        assert bool(center.get("booking_url")) == bool(contact.select(f"a[href='{center.get('booking_url')}']"))
        assert [li.get_text(strip=True) for li in sheet.select(".sheet__items li")] == [i.text for i in c.items]
        assert [p.get_text(strip=True) for p in sheet.select(".sheet__fields p")] == [W["name"], W["date"]]
        assert sheet.select_one(".sheet__qr svg")
        assert sheet.select_one(".sheet__url")["href"] == guide.url + page_url(c.page)
        assert not doc.select(".md-header, .md-sidebar, .md-footer, .md-search, form")
        assert len(doc.select("h1")) == 1


def test_packet_has_one_sheet_per_checklist(guide):
    doc = guide.html("print/all/")
    from guidekit.checklists import in_guide_order  # in the order of the guide's menu
    from test_branding import settings_of
    nav = settings_of(guide.root / "mkdocs.yml")["nav"]
    assert [h.get_text(strip=True) for h in doc.select("article.sheet h2")] == [c.title for c in in_guide_order(guide.checklists(), nav)]
    assert len(doc.select("h1")) == 1


def test_index_and_checklists_link_to_the_sheets_outside_instant_navigation(guide):
    lists = guide.checklists()
    sheets = {guide.url + f"print/{c.id}/" for c in lists}
    indexes = [p for p in guide.pages() if "guide-print-index" in (guide.site / p / "index.html").read_text(encoding="utf-8")
               and guide.html(p).select_one(".guide-print-index")]
    assert indexes, "no page lists the printable sheets"
    for path in indexes:
        index = guide.html(path)
        links = {urljoin(guide.url + path, a["href"]): a for a in index.select(".guide-print-index a")}
        assert set(links) == sheets
        assert all(a["target"] == "_self" for a in links.values())
        packet = [a for a in index.select("a[target=_self]") if urljoin(guide.url + path, a["href"]) == guide.url + "print/all/"]
        assert packet, f"{path} has no link to the packet of all sheets"
    for c in lists:
        link = guide.html(page_url(c.page)).select_one(f"#checklist-{c.id} a.guide-checklist__print")
        assert urljoin(guide.url + page_url(c.page), link["href"]) == guide.url + f"print/{c.id}/"
        assert link["target"] == "_self"


def test_sheets_stay_out_of_search(guide):
    index = json.loads((guide.site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {page_url(c.page) for c in guide.checklists()} <= locations
    sheets = {f"print/{c.id}/" for c in guide.checklists()} | {"print/all/"}
    assert not sheets & locations


def test_the_print_index_links_every_counselors_kit_sheet_outside_instant_navigation(guide):
    """The workshop kit and the appointment note (issue 27), from the guide's counselors.yml."""
    from guidekit.counselors import load_counselors
    from support import data_text
    from test_counselors import PATH, kit_sheets
    outlines, _ = load_counselors(PATH, data_text(guide.docs, "counselors.yml"))
    sheets = {guide.url + sheet for o in outlines.values() for sheet, _, _ in kit_sheets(o)}
    assert sheets
    index = guide.html("print/")
    links = {urljoin(guide.url + "print/", a["href"]): a for a in index.select("article a[href]")}
    assert sheets <= set(links), sheets - set(links)
    assert all(links[s]["target"] == "_self" for s in sheets)


def test_a_checklist_whose_sheet_would_take_another_sheets_address_fails_the_build_at_its_id(tmp_path):
    """A checklist with the id 'all' would hide the packet of all sheets (print/all/), or the packet it:
    the build names the checklist's line instead. On a copy of the example site."""
    copy_project(tmp_path)
    site = tmp_path / "tests" / "example"
    shutil.copytree(EXAMPLE, site)
    data = site / "docs" / "_data" / "checklists.yml"
    renamed = load_checklists("docs/_data/checklists.yml", data.read_text(encoding="utf-8"))[0][-1]
    for path in (site / "docs").rglob("*"):  # the id wherever the example refers to it (pages, situations, words)
        if path.suffix in (".md", ".yml") and renamed.id in path.read_text(encoding="utf-8"):
            path.write_text(path.read_text(encoding="utf-8").replace(renamed.id, "all"), encoding="utf-8")
    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert f"docs/_data/checklists.yml:{renamed.line}: Two printable sheets of the guide would be at print/all/." in output, output
