"""Help that can't wait (issue 13): the center's urgent-help settings, the "Need to talk to someone now?"
line at the top of every page and on every sheet, and the expanded block on the home page, the 404
page and every page that asks for it with <!-- center: urgent -->.

Unit tests on settings the tests own; content tests on `guide` (shipped and center-edits, which set
no urgent line: the region-neutral default); the example site sets every urgent setting."""
from __future__ import annotations

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from guidekit.branding import date_in_words, load_center, locate
from guidekit.markers import find_all_markers
from guidekit.text import fill
from support import EXAMPLE, build, center_settings, site_pages, soup, words
from test_branding import EXAMPLE_DOCS, GOOD, NOWHERE, WORDS, errors_of, example_center, example_copy, theme  # noqa: F401  (theme: a fixture)
from test_site_build import built_pages

LINE = WORDS["urgent_lead"]           # the urgent line's and the block's heading
DANGER_LINE = WORDS["urgent_danger"]  # the emergency number, in the line at the top of every page
DANGER = WORDS["urgent_danger_now"]   # the emergency number, in the expanded block


# Unit: the settings ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (dict(GOOD, urgent_phone="ring us"), "extra.career_center.urgent_phone 'ring us' is not a phone number."),
    (dict(GOOD, urgent_url="night-line.example.org"), "extra.career_center.urgent_url 'night-line.example.org' is not a web address."),
    (dict(GOOD, urgent_text="Open all night."), "extra.career_center.urgent_text is set, but there is no urgent_name, urgent_phone or urgent_url"),
    (dict(GOOD, reviewed_by="R. Reviewer", reviewed_on="last May"), "extra.career_center.reviewed_on 'last May' is not a date."),
    (dict(GOOD, reviewed_on="2026-11-01"), "extra.career_center.reviewed_on is set without reviewed_by."),
])
def test_each_bad_urgent_or_review_setting_is_named_with_a_fix(raw, expected):
    [error] = [e for e in errors_of(raw) if expected in e] or [None]
    assert error and " Fix: " in error, f"expected {expected!r} in {errors_of(raw)}"


def test_a_bad_urgent_phone_names_its_line_in_mkdocs_yml():
    source = "extra:\n  career_center:\n    name: X\n    contact_email: a@b.test\n    urgent_phone: call me\n"
    raw = {"name": "X", "contact_email": "a@b.test", "urgent_phone": "call me"}
    [error] = errors_of(raw, where=locate("mkdocs.yml", source))
    assert error.startswith("mkdocs.yml:5: extra.career_center.urgent_phone 'call me' is not a phone number. Fix: ")


def test_urgent_settings_are_optional_and_a_review_date_reads_as_words():
    plain = load_center(dict(GOOD), EXAMPLE_DOCS, NOWHERE, WORDS)
    assert all(plain[k] is None for k in ("urgent_name", "urgent_phone", "urgent_phone_link", "urgent_url",
                                          "urgent_text", "reviewed_by", "reviewed_on", "reviewed_on_text"))
    full = load_center(dict(GOOD, urgent_phone=988, reviewed_by="R. Reviewer", reviewed_on=datetime.date(2026, 3, 9)),
                       EXAMPLE_DOCS, NOWHERE, WORDS)  # YAML reads a bare 988 as a number and 2026-03-09 as a date
    assert full.urgent_phone_link == "tel:988" and full.reviewed_on_text == date_in_words(datetime.date(2026, 3, 9), WORDS)


def test_a_date_reads_as_the_words_write_it():
    english = {"date": "{month} {day}, {year}", "months": "January, February, March, April, May, June, July, "
               "August, September, October, November, December"}
    spanish = {"date": "{day} de {month} de {year}", "months": "enero, febrero, marzo, abril, mayo, junio, julio, "
               "agosto, septiembre, octubre, noviembre, diciembre"}
    assert date_in_words(datetime.date(2026, 3, 9), english) == "March 9, 2026"
    assert date_in_words(datetime.date(2026, 12, 1), spanish) == "1 de diciembre de 2026"


# Unit: the partials, with and without settings -----------------------------------------------

def render(theme, template, center) -> BeautifulSoup:
    config, jinja = theme
    config.extra["career_center"] = center
    return BeautifulSoup(jinja.get_template(template).render(config=config, center=center, page=None), "html.parser")


@pytest.mark.parametrize("template, danger", [("partials/center-urgent.html", DANGER),
                                              ("partials/center-urgent-line.html", DANGER_LINE)])
def test_without_urgent_settings_the_emergency_number_stands_alone(theme, template, danger):
    doc = render(theme, template, load_center(dict(GOOD), EXAMPLE_DOCS, NOWHERE, WORDS))
    text = doc.get_text(" ", strip=True)
    assert danger in text and LINE in text
    assert not [a for a in doc.select("a") if a["href"].startswith("tel:")]
    assert "None" not in text and not re.search(r" [:.,]", text), text  # no words left waiting for a setting
    assert not doc.select("details")


def test_with_urgent_settings_both_show_the_line_and_the_emergency_number(theme):
    c = example_center()
    block = render(theme, "partials/center-urgent.html", c)
    assert block.select_one(f"a[href='{c.urgent_phone_link}']").get_text() == c.urgent_phone
    assert block.select_one(f"a[href='{c.urgent_url}']")
    text = block.get_text(" ", strip=True)
    assert c.urgent_name in text and c.urgent_text in text and DANGER in text
    line = render(theme, "partials/center-urgent-line.html", c)
    assert line.select_one(f"a[href='{c.urgent_phone_link}']") and DANGER_LINE in line.get_text()
    # only a web page for the line: the one-line version links it
    only_url = load_center(dict(GOOD, urgent_url=c.urgent_url), EXAMPLE_DOCS, NOWHERE, WORDS)
    assert render(theme, "partials/center-urgent-line.html", only_url).select_one(f"a[href='{c.urgent_url}']")


# Content: every guide -----------------------------------------------------------------------

def _expanded_block(doc):
    block = doc.select_one("article .guide-urgent")
    return block if block is not None and not block.find_parent("details") else None


def test_every_page_opens_with_the_urgent_line_and_the_landing_pages_show_the_block(guide):
    said = guide.words("center")  # the guide's own language
    c = load_center(guide.center(), guide.root / "docs", NOWHERE, said)  # (a translation's images are docs/'s)
    danger_line = said["urgent_danger"]
    problems = []
    for path in built_pages(guide.site):
        doc, where = soup(path), path.relative_to(guide.site).as_posix()
        if doc.select_one("body.sheet-page"):
            line = doc.select(".sheet .guide-urgent-line")
            if len(line) != len(doc.select("article.sheet")):
                problems.append(f"{where}: a sheet without the urgent line")
            continue
        line = doc.select_one(".md-banner .guide-urgent-line")
        if line is None or danger_line not in line.get_text():
            problems.append(f"{where}: no urgent line at the top")
        elif c.urgent_phone and not line.select_one(f"a[href='{c.urgent_phone_link}']"):
            problems.append(f"{where}: the urgent line lacks {c.urgent_phone}")
    for must in ("index.html", "404.html"):
        if _expanded_block(soup(guide.site / must)) is None:
            problems.append(f"{must}: no expanded urgent-help block")
    for md in site_pages(guide.docs):
        if any(m.kind == "center" and m.id == "urgent" for m in find_all_markers(md.read_text(encoding="utf-8"))):
            rel = md.relative_to(guide.docs).with_suffix("")
            page = rel.parent if rel.name == "index" else rel
            built = guide.site / page / "index.html"
            if _expanded_block(soup(built)) is None:
                problems.append(f"{md.relative_to(guide.root)}: asks for the urgent block, which isn't shown expanded")
    assert not problems, "\n".join(problems)


def example_center_in(site):
    """The example's center as its site in that language shows it (its words; a translation's own keys)."""
    return load_center(center_settings(EXAMPLE, site.lang), EXAMPLE_DOCS, NOWHERE, words("center", site.lang))


def test_the_example_site_shows_every_urgent_setting_and_the_review(example_lang):
    c = example_center_in(example_lang)
    home = soup(example_lang.site / "index.html")
    block = _expanded_block(home)
    assert block.select_one(f"a[href='{c.urgent_phone_link}']") and block.select_one(f"a[href='{c.urgent_url}']")
    assert c.urgent_name in block.get_text() and c.urgent_text in block.get_text()
    reviewed = home.select_one("article .guide-reviewed").get_text(" ", strip=True)
    assert reviewed == fill(words("center", example_lang.lang)["reviewed"], name=c.reviewed_by, date=c.reviewed_on_text)
    sheet = soup(example_lang.site / "print" / "all" / "index.html")
    assert len(sheet.select(".sheet__reviewed")) == len(sheet.select("article.sheet"))


def test_without_javascript_the_help_is_visible_in_light_and_dark(example_context_factory, example_lang):
    said = words("center", example_lang.lang)
    for scheme in ("light", "dark"):
        pg = example_context_factory(java_script_enabled=False, color_scheme=scheme,
                                     viewport={"width": 390, "height": 844}).new_page()
        pg.goto(example_lang.url)
        expect(pg.locator(".md-banner .guide-urgent-line")).to_be_in_viewport()
        expect(pg.locator(".md-banner .guide-urgent-line")).to_contain_text(said["urgent_danger"])
        expect(pg.locator("article .guide-urgent")).to_be_visible()
        expect(pg.locator("article .guide-urgent")).to_contain_text(said["urgent_danger_now"])


def test_a_home_page_without_the_urgent_block_fails_the_build_saying_how_to_fix_it(tmp_path):
    site = example_copy(tmp_path / "p")
    home = site / "docs" / "index.md"
    home.write_text(home.read_text().replace("<!-- center: urgent -->", ""))
    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/index.md:1: The home page doesn't show where to get help at any hour. Fix: add a line '<!-- center: urgent -->'" in output


def test_a_printed_guidance_page_keeps_the_urgent_line(example_page, example_lang):
    import io
    from pypdf import PdfReader
    said = words("center", example_lang.lang)
    example_page.goto(example_lang.url + "first/")
    first = " ".join(PdfReader(io.BytesIO(example_page.pdf(format="A4"))).pages[0].extract_text().split())
    assert said["urgent_lead"] in first and said["urgent_danger"] in first
