"""Printable sheets, in the built HTML: generated from the checklist data, linked both ways."""
from __future__ import annotations

import json

from guidekit.checklists import load_checklists
from guidekit.printsheets import display_url, live_url, qr_svg
from support import DOCS, center_settings, soup

CENTER = center_settings()
CHECKLISTS = load_checklists("docs/_data/checklists.yml", (DOCS / "_data" / "checklists.yml").read_text())[0]


def test_live_and_display_urls():
    assert live_url("https://x.github.io/repo/", "feel-it/") == "https://x.github.io/repo/feel-it/"
    assert live_url("https://careers.example.edu", "feel-it/") == "https://careers.example.edu/feel-it/"
    assert display_url("https://x.github.io/repo/feel-it/") == "x.github.io/repo/feel-it/"


def test_qr_svg_is_inline_svg_with_a_title():
    svg = qr_svg("https://x.github.io/repo/feel-it/")
    assert svg.startswith("<svg") and "<title>QR code for x.github.io/repo/feel-it/</title>" in svg


def test_every_checklist_has_a_sheet_with_its_items_and_no_site_chrome(site, server):
    for c in CHECKLISTS:
        doc = soup(site / "print" / c.id / "index.html")
        sheet = doc.select_one("article.sheet")
        assert sheet.select_one("h1").get_text(strip=True) == c.title
        assert sheet.select_one(".sheet__center").get_text(strip=True) == CENTER["name"]
        assert CENTER["contact_email"] in sheet.select_one(".sheet__contact").get_text()
        assert [li.get_text(strip=True) for li in sheet.select(".sheet__items li")] == [i.text for i in c.items]
        assert [p.get_text(strip=True) for p in sheet.select(".sheet__fields p")] == ["Name", "Date"]
        assert sheet.select_one(".sheet__qr svg")
        assert sheet.select_one(".sheet__url")["href"] == server.url + c.page.replace(".md", "/")
        assert not doc.select(".md-header, .md-sidebar, .md-footer, .md-search, form")
        assert len(doc.select("h1")) == 1


def test_packet_has_one_sheet_per_checklist(site):
    doc = soup(site / "print" / "all" / "index.html")
    assert [h.get_text(strip=True) for h in doc.select("article.sheet h2")] == [c.title for c in CHECKLISTS]
    assert len(doc.select("h1")) == 1


def test_index_and_checklists_link_to_the_sheets_outside_instant_navigation(site):
    index = soup(site / "print" / "index.html")
    links = {a["href"]: a for a in index.select(".guide-print-index a")}
    assert set(links) == {f"{c.id}/" for c in CHECKLISTS}
    assert all(a["target"] == "_self" for a in links.values())
    assert index.select_one("a[href='all/'][target=_self]")
    for c in CHECKLISTS:
        page = soup(site / c.page.replace(".md", "") / "index.html")
        link = page.select_one(f"#checklist-{c.id} a.guide-checklist__print")
        assert link["href"] == f"../print/{c.id}/" and link["target"] == "_self"


def test_sheets_stay_out_of_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "feel-it/" in locations
    assert not [loc for loc in locations if loc.startswith("print/") and loc != "print/"]
