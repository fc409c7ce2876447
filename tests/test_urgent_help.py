"""Help that can't wait (issue 13): the center's urgent-help settings, the "Need to talk to someone now?"
line at the top of every page and on every sheet, and the expanded block on the home page, the 404
page and every page that asks for it with <!-- center: urgent -->.

Unit tests on settings the tests own; content tests on `guide` (shipped and center-edits, which set
no urgent line: the region-neutral default); the example site sets every urgent setting."""
from __future__ import annotations

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from guidekit.branding import date_in_words, load_center, locate
from guidekit.markers import find_all_markers
from guidekit.text import fill
from support import EXAMPLE, build, center_settings, english_only, first_search_result, site_pages, soup, words
from test_branding import EXAMPLE_DOCS, GOOD, NOWHERE, WORDS, errors_of, example_center, example_copy, theme  # noqa: F401  (theme: a fixture)
from test_site_build import built_pages

# The example site's settings show in each of its languages (quick checks of the built pages).
pytestmark = pytest.mark.each_language

LINE = WORDS["urgent_lead"]           # the urgent line's and the block's heading
DANGER_LINE = WORDS["urgent_danger"]  # the emergency number, in the line at the top of every page
DANGER = WORDS["urgent_danger_now"]   # the emergency number, in the expanded block


# Unit: the settings ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (dict(GOOD, urgent_phone="ring us"), "extra.career_center.urgent_phone 'ring us' is not a phone number."),
    (dict(GOOD, urgent_url="night-line.example.org"), "extra.career_center.urgent_url 'night-line.example.org' is not a web address."),
    (dict(GOOD, urgent_text="Open all night."), "extra.career_center.urgent_text is set, but there is no urgent_name, urgent_phone, urgent_text_number or urgent_url"),
    (dict(GOOD, urgent_text_number="text us"), "extra.career_center.urgent_text_number 'text us' is not a phone number."),
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
                                          "urgent_text_number", "urgent_text_number_link",
                                          "urgent_text", "reviewed_by", "reviewed_on", "reviewed_on_text"))
    full = load_center(dict(GOOD, urgent_phone=988, urgent_text_number=741741, reviewed_by="R. Reviewer",
                            reviewed_on=datetime.date(2026, 3, 9)),
                       EXAMPLE_DOCS, NOWHERE, WORDS)  # YAML reads a bare 988 as a number and 2026-03-09 as a date
    assert full.urgent_phone_link == "tel:988" and full.reviewed_on_text == date_in_words(datetime.date(2026, 3, 9), "en")
    assert full.urgent_text_number_link == "sms:741741"
    assert load_center(dict(GOOD, urgent_text_number="+1 (555) 010-0912"), EXAMPLE_DOCS, NOWHERE,
                       WORDS).urgent_text_number_link == "sms:+15550100912"


def test_a_date_reads_as_each_language_writes_it_from_cldr():
    assert date_in_words(datetime.date(2026, 3, 9), "en") == "March 9, 2026"
    assert date_in_words(datetime.date(2026, 12, 1), "es") == "1 de diciembre de 2026"


# Unit: the partials, with and without settings -----------------------------------------------

def render(theme, template, center, help=None) -> BeautifulSoup:
    config, jinja = theme
    config.extra["career_center"] = center
    return BeautifulSoup(jinja.get_template(template).render(config=config, center=center, page=None, help=help),
                         "html.parser")


# What each form of the urgent help shows first when the center sets no line of its own (a crisis line
# to find), and the emergency number after it.
FALLBACK = {"partials/center-urgent.html": (fill(WORDS["urgent_crisis_find"], examples=WORDS["crisis_examples"]), DANGER),
            "partials/center-urgent-line.html": (WORDS["urgent_find"], DANGER_LINE),
            "partials/center-help.html": (fill(WORDS["help_find"], examples=WORDS["crisis_examples"]), WORDS["help_danger_text"])}


@pytest.mark.parametrize("template", FALLBACK)
def test_without_urgent_settings_a_crisis_line_comes_first_then_the_emergency_number(theme, template):
    doc = render(theme, template, load_center(dict(GOOD), EXAMPLE_DOCS, NOWHERE, WORDS), help="help/")
    text = " ".join(doc.get_text(" ", strip=True).split())
    crisis, danger = (" ".join(w.split()) for w in FALLBACK[template])
    assert crisis in text and danger in text and text.index(crisis) < text.index(danger), text
    # the only numbers to tap are the examples of crisis lines the words give; no line of the center's is promised
    assert all(a.get_text() in WORDS["crisis_examples"] for a in doc.select("a[href^='tel:'], a[href^='sms:']"))
    assert WORDS["urgent_any_hour"] not in text
    assert "None" not in text and not re.search(r" [:.,]", text), text  # no words left waiting for a setting
    assert not doc.select("details")


def test_the_examples_of_crisis_lines_are_tap_to_call(theme):
    box = render(theme, "partials/center-urgent.html", load_center(dict(GOOD), EXAMPLE_DOCS, NOWHERE, WORDS))
    links = {a.get_text(): a["href"] for a in box.select("a[href^='tel:']")}
    assert links and all(href == "tel:" + re.sub(r"\D", "", number) for number, href in links.items())
    assert all(number in WORDS["crisis_examples"] for number in links)


def test_with_urgent_settings_each_shows_the_line_first_and_the_emergency_number(theme):
    c = example_center()
    block = render(theme, "partials/center-urgent.html", c)
    assert block.select_one(f"a[href='{c.urgent_phone_link}']").get_text() == c.urgent_phone
    assert block.select_one(f"a[href='{c.urgent_text_number_link}']").get_text() == c.urgent_text_number
    assert block.select_one(f"a[href='{c.urgent_url}']")
    text = block.get_text(" ", strip=True)
    assert c.urgent_name in text and c.urgent_text in text and DANGER in text
    assert text.index(c.urgent_name) < text.index(DANGER)
    line = render(theme, "partials/center-urgent-line.html", c)
    assert line.select_one(f"a[href='{c.urgent_phone_link}']") and DANGER_LINE in line.get_text()
    assert line.get_text().index(c.urgent_phone) < line.get_text().index(DANGER_LINE)
    # only a web page for the line: the one-line version links it
    only_url = load_center(dict(GOOD, urgent_url=c.urgent_url), EXAMPLE_DOCS, NOWHERE, WORDS)
    assert render(theme, "partials/center-urgent-line.html", only_url).select_one(f"a[href='{c.urgent_url}']")


def test_the_help_block_offers_the_line_to_call_text_or_visit(theme):
    c = example_center()
    doc = render(theme, "partials/center-help.html", c)
    call = doc.select_one(f"a[href='{c.urgent_phone_link}']")
    text = doc.select_one(f"a[href='{c.urgent_text_number_link}']")
    assert call and c.urgent_phone in call.get_text() and text and c.urgent_text_number in text.get_text()
    assert doc.select_one(f"a[href='{c.urgent_url}']") and c.urgent_name in doc.get_text()
    words_seen = " ".join(doc.get_text(" ", strip=True).split())
    assert words_seen.index(c.urgent_name) < words_seen.index(" ".join(WORDS["help_danger_text"].split()))
    assert doc.select_one(f"a[href='{c.support_url}']")  # the counseling service, for office hours
    # a line that takes calls only: no button to text it
    calls_only = load_center(dict(GOOD, urgent_phone=c.urgent_phone), EXAMPLE_DOCS, NOWHERE, WORDS)
    assert not render(theme, "partials/center-help.html", calls_only).select("a[href^='sms:']")


@pytest.mark.parametrize("template", ["partials/center-urgent-line.html", "partials/center-urgent.html"])
def test_the_urgent_help_leads_to_the_help_page_only_when_given_one(theme, template):
    c = example_center()
    linked = render(theme, template, c, help="../help/")
    assert linked.select_one("a[href='../help/']")
    assert not render(theme, template, c).select("a[href$='help/']")  # on paper (sheets) and the help page itself
    if template.endswith("line.html"):  # the line's first words are the link
        assert linked.select_one("a[href='../help/']").get_text(strip=True) == LINE


# Content: every guide -----------------------------------------------------------------------

def _expanded_block(doc):
    block = doc.select_one("article .guide-urgent")
    return block if block is not None and not block.find_parent("details") else None


def test_every_page_opens_with_the_urgent_line_and_the_landing_pages_show_the_block(guide):
    said = guide.words("center")  # the guide's own language
    c = load_center(guide.center(), guide.root / "docs", NOWHERE, said, guide.lang)  # (a translation's images are docs/'s)
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
    return load_center(center_settings(EXAMPLE, site.lang), EXAMPLE_DOCS, NOWHERE, words("center", site.lang), site.lang)


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


# The help page: one tap from every page ---------------------------------------------------------

def help_page(docs) -> str:
    """The site path ('help/') of the one page of a site that shows `<!-- center: help -->`."""
    found = [md for md in site_pages(docs)
             if any(m.kind == "center" and m.id == "help" for m in find_all_markers(md.read_text(encoding="utf-8")))]
    assert len(found) == 1, f"expected one help page in {docs}, found {found}"
    rel = found[0].relative_to(docs).with_suffix("")
    return "".join(part + "/" for part in (rel.parent.parts if rel.name == "index" else rel.parts))


def counselors_folders() -> set[str]:
    from components.counselors import PAGES
    return {page.split("/")[0] + "/" for page in PAGES.values()}


def test_every_student_page_leads_to_the_help_page_from_its_top_line(guide):
    """The top line's first words ("Need to talk to someone now?") are a link; followed from every page a
    student reads (the 404 page too), it lands on the page that shows the crisis line and the emergency number."""
    said = guide.words("center")
    target = help_page(guide.docs)
    shown = guide.html(target)
    assert " ".join(said["help_danger_text"].split()) in " ".join(shown.get_text(" ").split())
    problems, followed = [], 0
    for path in built_pages(guide.site):
        where = path.relative_to(guide.site).as_posix()
        doc = soup(path)
        if doc.select_one("body.sheet-page") or any(where.startswith(f) for f in counselors_folders()):
            continue
        line = doc.select_one(".md-banner .guide-urgent-line")
        links = [a for a in line.select("a") if a.get_text(strip=True) == said["urgent_lead"]] if line else []
        if where == target + "index.html":
            if links:
                problems.append(f"{where}: the help page links to itself")
            continue
        if len(links) != 1:
            problems.append(f"{where}: the top line's '{said['urgent_lead']}' isn't a link")
            continue
        landed = urlsplit(urljoin(guide.url + where, links[0]["href"])).path
        if landed != urlsplit(guide.url + target).path:
            problems.append(f"{where}: '{links[0]['href']}' leads to {landed}, not to the help page /{target}")
        followed += 1
    assert not problems, "\n".join(problems)
    assert followed > 1


def test_the_help_page_is_in_the_menu_near_the_top(guide):
    """Students find it in the menu too: among the first entries of the nav."""
    target = help_page(guide.docs)
    entries = [a.get("href") for a in guide.html("").select("nav.md-nav--primary > ul > li > a")]
    assert any(urlsplit(urljoin(guide.url, h or "")).path == urlsplit(guide.url + target).path for h in entries[:3]), entries


def test_the_help_page_offers_the_centers_line_to_call_or_text(example_lang):
    c = example_center_in(example_lang)
    doc = soup(example_lang.site / help_page(example_lang.docs) / "index.html")
    help_block = doc.select_one("article")
    assert help_block.select_one(f"a[href='{c.urgent_phone_link}']") and help_block.select_one(f"a[href='{c.urgent_text_number_link}']")
    assert help_block.select_one(f"a[href='{c.urgent_url}']")
    assert " ".join(words("center", example_lang.lang)["help_danger_text"].split()) in " ".join(help_block.get_text(" ").split())
    assert not help_block.find_parent("details") and not help_block.select(".guide-help details")


def _without_urgent_settings(tmp_path):
    site = example_copy(tmp_path / "p")
    for config in (site / "mkdocs.yml", site / "mkdocs.es.yml"):
        config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                                  if not line.strip().startswith("urgent_")), encoding="utf-8")
    return site


def test_without_urgent_settings_the_help_page_says_how_to_find_a_crisis_line(tmp_path):
    site = _without_urgent_settings(tmp_path)
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang, docs, out in (("en", site / "docs", tmp_path / "out"), ("es", site / "docs" / "es", tmp_path / "out" / "es")):
        said = words("center", lang)
        doc = soup(out / help_page(docs) / "index.html").select_one("article")
        text = " ".join(doc.get_text(" ").split())
        for expected in (fill(said["help_find"], examples=said["crisis_examples"]), said["help_find_elsewhere"], said["help_danger_text"]):
            assert " ".join(expected.split()) in text, (lang, expected)
        assert all(a.get_text() in said["crisis_examples"] for a in doc.select("a[href^='tel:'], a[href^='sms:']"))
        line = soup(out / "first" / "index.html").select_one(".md-banner .guide-urgent-line").get_text(" ")
        assert said["urgent_find"] in " ".join(line.split()) and said["urgent_danger"] in " ".join(line.split())


@pytest.mark.parametrize("change, message", [
    ("remove", "mkdocs.yml:1: No page of docs/ is the help page (a page with '<!-- center: help -->'). Fix: restore docs/help.md"),
    ("twice", "docs/second.md:"),
])
def test_no_help_page_or_two_fail_the_build_saying_how_to_fix_it(tmp_path, change, message):
    site = example_copy(tmp_path / "p")
    english_only(site)
    page = site / "docs" / "help.md"
    if change == "remove":
        page.write_text(page.read_text().replace("<!-- center: help -->", ""))
    else:
        second = site / "docs" / "second.md"
        second.write_text(second.read_text() + "\n<!-- center: help -->\n")
    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert message in output, output
    if change == "twice":
        assert "A second help page: docs/help.md already shows '<!-- center: help -->'. Fix: " in output, output


def test_one_tap_on_the_top_line_opens_the_help_page_with_or_without_javascript(lang_context_factory, example_lang):
    said = words("center", example_lang.lang)
    c = example_center_in(example_lang)
    target = help_page(example_lang.docs)
    for js in (True, False):
        pg = lang_context_factory(java_script_enabled=js, viewport={"width": 390, "height": 844}).new_page()
        pg.goto(example_lang.url + "first/")
        lead = pg.locator(".md-banner .guide-urgent-line").get_by_role("link", name=said["urgent_lead"])
        expect(lead).to_be_in_viewport()
        lead.click()
        pg.wait_for_url(example_lang.url + target)
        expect(pg.locator(f"article a[href='{c.urgent_phone_link}']")).to_be_visible()
        expect(pg.locator(f"article a[href='{c.urgent_text_number_link}']")).to_be_visible()
        box = pg.locator(f"article a[href='{c.urgent_phone_link}']").bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24


SEARCHES = {"en": ("suicide", "crisis", "feel low", "low mood"), "es": ("suicidio", "crisis", "ánimo bajo")}


def test_a_search_for_suicide_crisis_or_low_mood_lists_the_help_page_first(guide, guide_context):
    """Material's own search, in the browser, over the guide's built index: the help page is the first result."""
    target = urlsplit(guide.url + help_page(guide.docs)).path
    pg = guide_context(viewport={"width": 1280, "height": 900}).new_page()
    wrong = []
    for query in SEARCHES[guide.lang]:
        found = first_search_result(pg, guide.url, query)
        if found != target:
            wrong.append(f"{query!r}: first result {found}")
    assert not wrong, "\n".join(wrong)
