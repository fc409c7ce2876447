"""Situations in Chromium. Behaviour, on the tests' example site (expectations from its own data,
tests/example/docs/_data/situations.yml): the home page's links, choosing by landing on a page, the
"Your situation" line, reload and instant navigation, change, don't-save, the path and the step foot,
checklist items that don't apply, the page without JavaScript, axe, each in both languages of the example
(its docs/es/ data and the Spanish words; links stay in the language's own site). Content, on the guide
(shipped, in Spanish, and after a center's edits): the home page's question on a phone, and every printable
path on one page on A4 and on Letter; on the shipped guide in each language, each situation's path from its page."""
from __future__ import annotations

import functools
import json
import re
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from guidekit.checklists import load_checklists
from guidekit.situations import GENERAL, load_situations
from guidekit.text import fill
from support import EXAMPLE, axe_violations, data_text, first_search_result, mark_window, pdf_pages, saved, soup, squash, words


def load(docs):
    data = load_situations("docs/_data/situations.yml", data_text(docs, "situations.yml"))[0]
    lists = {c.id: c for c in load_checklists("docs/_data/checklists.yml",
                                              data_text(docs, "checklists.yml"))[0]}
    return data, lists


DATA, LISTS = load(EXAMPLE / "docs")
SITUATIONS = list(DATA.situations.values())
# A situation that hides items of a checklist and reorders the path, for the behaviour tests.
SKIPPING = next(s for s in SITUATIONS if s.skip and s.step_pages != DATA.general.step_pages)
SKIP_LIST, (_, SKIPPED) = next(iter(SKIPPING.skip.items()))
OTHER = next(s for s in SITUATIONS if s is not SKIPPING)
assert SKIPPED and len(LISTS[SKIP_LIST].items) > len(SKIPPED)


@functools.cache
def _in(lang: str, url: str, docs):
    data, lists = load(docs)
    return SimpleNamespace(
        lang=lang, url=url, docs=docs, data=data, lists=lists, all=data.all(),
        skipping=data.situations[SKIPPING.id], other=data.situations[OTHER.id],  # the same ids in every language
        guide=words("guide", lang)["script"],        # the situation line's words (guide.js)
        says=words("situations", lang)["script"],    # situations.js
        device=words("device", lang))


def ex(site):
    """The example site in one language (example_lang): its url, data, and the words its scripts show."""
    return _in(site.lang, site.url, site.docs)


def url_of(md: str) -> str:
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem.rstrip("/") + "/" if stem else ""


def title_of(md: str, docs=EXAMPLE / "docs") -> str:
    source = (docs / md).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])["title"]


def foot_text(steps: list[str], i: int, docs, says) -> str:
    """The step foot on the i-th page of a path (its pages' sources): where it stands and what comes next."""
    if i + 1 < len(steps):
        return fill(says["step_next"], n=i + 1, total=len(steps), link=title_of(steps[i + 1], docs))
    return fill(says["step_last"], n=i + 1, total=len(steps), link=says["back_to_start"])


def line(page):
    return page.locator(".guide-situation-line")


def choose(page, s, x, from_home=True):
    """Choose a situation the way a student does: its link on the home page's question."""
    if from_home:
        page.goto(x.url)
    page.locator("#guide-start").get_by_role("link", name=s.title).click()
    page.wait_for_url(x.url + url_of(s.page))
    # the page has chosen it (the address changes before the new page is swapped in)
    expect(line(page)).to_have_text(re.compile("|".join(re.escape(x.guide[k]) for k in ("situation_saved", "situation_this_visit"))))


def follow_path(page, md, x):
    """From a situation's page, its path's link to a step (in the content: instant navigation)."""
    page.locator(".guide-situation .guide-path__steps").get_by_role("link", name=title_of(md, x.docs), exact=True).click()
    page.wait_for_url(x.url + url_of(md))
    expect(page.locator("h1")).to_contain_text(title_of(md, x.docs))


# ---- Behaviour, on the example site, in each of its languages -----------------------------------

@pytest.mark.parametrize("sid", [s.id for s in DATA.all()])
def test_each_start_link_leads_to_its_page(example_page, example_lang, sid):
    x = ex(example_lang)
    s = next(s for s in x.all if s.id == sid)
    page = example_page
    page.goto(x.url)
    page.locator("#guide-start").get_by_role("link", name=s.title).click()
    page.wait_for_url(x.url + url_of(s.page))
    expect(page.locator("h1")).to_contain_text(title_of(s.page, x.docs))
    expect(page.locator(".guide-situation .guide-path__steps li")).to_have_count(len(s.steps))


@pytest.mark.each_language
def test_choosing_shows_your_situation_everywhere_across_reload_and_instant_navigation(example_page, example_lang, key):
    x = ex(example_lang)
    page, skipping = example_page, x.skipping
    choose(page, skipping, x)
    expect(line(page)).to_contain_text(x.guide["situation_saved"])
    assert saved(page, key)["situation"]["id"] == skipping.id
    assert page.evaluate("guide.situation()") == skipping.id
    info = page.evaluate("guide.situationInfo()")
    assert info["short"] == skipping.short and info["emails"] == [r.value for r in skipping.emails]
    assert info["plan"] == [r.value for r in skipping.plan]
    mark_window(page)
    follow_path(page, skipping.step_pages[-1], x)
    expect(line(page)).to_contain_text(fill(x.guide["situation_line"], situation=skipping.short))
    assert page.evaluate("window.__stayed") is True, "navigation reloaded the page; the test would prove nothing"
    page.reload()
    expect(line(page)).to_contain_text(fill(x.guide["situation_line"], situation=skipping.short))
    page.goto(x.url + "privacy/")  # a page without any situations tool still says it
    expect(line(page)).to_contain_text(skipping.short)
    expect(page.locator("script[src*='situations.js']")).to_have_count(0)


def test_change_leads_to_the_question_and_not_sure_clears_the_choice(example_page, example_lang, key):
    x = ex(example_lang)
    page = example_page
    choose(page, x.skipping, x)
    page.goto(x.url + url_of(x.data.general.step_pages[0]))
    line(page).get_by_role("link", name=x.guide["change_label"]).click()
    page.wait_for_url(x.url + "#guide-start")  # this language's home page
    start = page.locator("#guide-start")
    expect(start.locator("[aria-current='true']")).to_contain_text(x.skipping.title)
    choose(page, x.other, x, from_home=False)
    page.goto(x.url + url_of(x.data.general.step_pages[0]))
    expect(line(page)).to_contain_text(x.other.short)
    page.goto(x.url)
    page.locator("#guide-start").get_by_role("link", name=x.data.general.title).click()
    page.wait_for_url(x.url + url_of(x.data.general.page))
    page.wait_for_function("() => window.guide && guide.situation() === ''")
    expect(line(page)).to_have_count(0)
    assert page.evaluate("guide.situationInfo()") is None
    assert "situation" not in saved(page, key)


def test_dont_save_stores_nothing_and_the_choice_lasts_the_visit(example_page, example_lang, key):
    x = ex(example_lang)
    page = example_page
    page.goto(x.url + "privacy/")
    page.get_by_label(x.device["nosave"]).check()
    choose(page, x.skipping, x)
    expect(line(page)).to_contain_text(x.guide["situation_this_visit"])
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    mark_window(page)
    follow_path(page, x.skipping.step_pages[0], x)
    expect(line(page)).to_contain_text(x.skipping.short)  # kept in memory while the tab stays open
    assert page.evaluate("window.__stayed") is True
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    page.reload()
    expect(line(page)).to_have_count(0)


def test_a_saved_situation_the_center_removed_is_dropped_and_a_renamed_one_follows(example_context_factory, key):
    """What a device saved before a center edited situations.yml: an id that's gone, an old short name.
    (Storage, the same in every language: English only.)"""
    for stored, shown in [({"id": "no-such-situation", "short": "an old kind"}, None),
                          ({"id": SKIPPING.id, "short": "an older name"}, SKIPPING.short)]:
        ctx = example_context_factory()
        ctx.add_init_script(f"try {{ if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                            f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps({'version': 1, 'situation': stored}))}); }} }} catch (e) {{}}")
        pg = ctx.new_page()
        pg.goto("")
        if shown is None:
            expect(line(pg)).to_have_count(0)
            assert "situation" not in saved(pg, key)
        else:
            expect(line(pg)).to_contain_text(shown)
            assert saved(pg, key)["situation"] == {"id": SKIPPING.id, "short": shown}
        assert not ctx.watch.errors and not ctx.watch.outside


def test_checklists_hide_the_items_that_dont_apply_and_show_all_keeps_ticks(example_page, example_lang, key):
    x = ex(example_lang)
    says, skipping = x.says, x.skipping
    page = example_page
    checklist = x.lists[SKIP_LIST]
    page.goto(x.url + url_of(checklist.page))
    skipped = next(i for i in checklist.items if i.id == SKIPPED[0].value)
    page.get_by_label(skipped.text, exact=True).check()
    choose(page, skipping, x)
    page.goto(x.url + url_of(checklist.page))
    section = page.locator(f"#checklist-{checklist.id}")
    hidden = {r.value for r in SKIPPED}
    for entry in checklist.items:
        box = section.get_by_label(entry.text, exact=True)
        expect(box).to_be_hidden() if entry.id in hidden else expect(box).to_be_visible()
    progress = section.locator("[data-progress]")
    # Progress counts what shows: the hidden (ticked) item is left out of both numbers.
    expect(progress).to_have_text(re.compile(rf"^0\D+{len(checklist.items) - len(hidden)}\D"))
    note = section.locator(".guide-checklist__skipped > span")
    one = len(hidden) == 1
    expect(note).to_have_text(fill(says["hidden_one" if one else "hidden_other"], n=len(hidden), situation=skipping.short))
    section.get_by_role("button", name=says["show_all"]).click()
    expect(note).to_have_text(fill(says["shown_one" if one else "shown_other"], n=len(hidden), situation=skipping.short))
    expect(section.get_by_label(skipped.text, exact=True)).to_be_visible()
    expect(section.get_by_label(skipped.text, exact=True)).to_be_checked()
    expect(progress).to_have_text(re.compile(rf"^1\D+{len(checklist.items)}\D"))
    assert saved(page, key)["checklists"][checklist.id] == {skipped.id: True}
    assert not axe_violations(page)
    section.get_by_role("button", name=says["hide_skipped"]).click()
    expect(section.get_by_label(skipped.text, exact=True)).to_be_hidden()
    page.goto(x.url + url_of(x.data.general.page))  # back to the general path: every item shows, the tick is still there
    page.goto(x.url + url_of(checklist.page))
    expect(section.get_by_label(skipped.text, exact=True)).to_be_visible()
    expect(section.get_by_label(skipped.text, exact=True)).to_be_checked()
    expect(section.get_by_role("button", name=says["show_all"])).to_have_count(0)


def titles(pages, docs=EXAMPLE / "docs"):
    return [title_of(p, docs) for p in pages]


@pytest.mark.each_language
def test_the_path_and_the_step_foot_follow_the_situation(example_page, example_lang):
    x = ex(example_lang)
    says, general, skipping, other = x.says, x.data.general, x.skipping, x.other
    page = example_page
    page.goto(x.url)
    path = page.locator(".guide-path .guide-path__steps a")
    expect(path).to_have_text(titles(general.step_pages, x.docs))
    first = general.step_pages[0]
    page.goto(x.url + url_of(first))
    foot = page.locator(".guide-step")
    expect(foot).to_have_text(foot_text(general.step_pages, 0, x.docs, says))
    # as built, a step page shows the general path and loads no situations.js; choosing loads it
    assert page.evaluate("window.guideSituations === undefined")
    choose(page, skipping, x)
    page.goto(x.url)
    expect(path).to_have_text(titles(skipping.step_pages, x.docs))
    expect(page.locator("[data-situation-path-for]")).to_have_text(
        fill(says["path_for"], situation=skipping.short, change=says["change"]))
    expect(page.locator("[data-situation-path-for]").get_by_role("link", name=says["change_label"])).to_be_visible()
    # What another tool adds to a step's item (the home page's progress badges) stays with it when the path
    # changes (its count follows the situation: the items it skips don't count).
    page.evaluate("for (const li of document.querySelectorAll('.guide-path__steps > li'))"
                  " li.dataset.kept = li.querySelector('a').textContent + '|' + !!li.querySelector('.guide-path__progress')")
    page.evaluate("id => guide.setSituation(id)", other.id)
    expect(path).to_have_text(titles(other.step_pages, x.docs))
    assert page.evaluate("[...document.querySelectorAll('.guide-path__steps > li')].every(li => li.dataset.kept === "
                         "li.querySelector('a').textContent + '|' + !!li.querySelector('.guide-path__progress'))")
    assert page.locator(".guide-path__steps .guide-path__progress").count() > 0
    page.evaluate("id => guide.setSituation(id)", skipping.id)
    for i, md in enumerate(skipping.step_pages):
        page.goto(x.url + url_of(md))
        expect(foot).to_have_text(foot_text(skipping.step_pages, i, x.docs, says))
        if i + 1 < len(skipping.steps):
            foot.get_by_role("link", name=title_of(skipping.step_pages[i + 1], x.docs)).click()
            page.wait_for_url(x.url + url_of(skipping.step_pages[i + 1]))  # this language's page
    off_path = next((s, md) for s in x.data.situations.values() for md in general.step_pages if md not in s.step_pages)
    choose(page, off_path[0], x)
    page.goto(x.url + url_of(off_path[1]))
    expect(foot).to_have_text(fill(says["off_path"], situation=off_path[0].short, link=says["back_to_path"]))
    foot.get_by_role("link", name=says["back_to_path"]).click()
    page.wait_for_url(x.url + url_of(off_path[0].page))


@pytest.mark.each_language
def test_without_javascript_the_pages_read_well(example_context_factory, example_lang):
    x = ex(example_lang)
    pg = example_context_factory(java_script_enabled=False).new_page()
    pg.goto(x.url)
    links = pg.locator("#guide-start a")
    expect(links).to_have_count(len(x.all))
    expect(pg.locator(".guide-path .guide-path__steps a")).to_have_text(titles(x.data.general.step_pages, x.docs))
    for s in x.all:
        pg.goto(x.url + url_of(s.page))
        expect(pg.locator("h1")).to_be_visible()
        expect(pg.locator("article .guide-urgent")).to_be_visible()
        expect(pg.locator(".guide-situation .guide-path__steps a")).to_have_text(titles(s.step_pages, x.docs))
        expect(pg.locator(".guide-situation")).to_be_visible()
    pg.goto(x.url + url_of(x.data.general.step_pages[0]))
    expect(pg.locator(".guide-step")).to_have_text(foot_text(x.data.general.step_pages, 0, x.docs, x.says))


def test_situation_pages_home_and_sheets_pass_axe(example_page, example_lang):
    x = ex(example_lang)
    page = example_page
    for s in x.all:
        page.goto(x.url + url_of(s.page))
        assert not axe_violations(page), s.id
    page.goto(x.url)
    assert not axe_violations(page)
    for s in x.all:
        page.goto(x.url + f"print/situations/{s.id}/")
        assert not axe_violations(page), s.id


def test_the_print_index_links_every_path_sheet(example_page, example_lang):
    x = ex(example_lang)
    page = example_page
    page.goto(x.url + "print/")
    links = page.locator(".guide-print-situations a")
    expect(links).to_have_count(len(x.all))
    links.first.click()
    page.wait_for_url(x.url + f"print/situations/{x.all[0].id}/")
    expect(page.locator(".md-header")).to_have_count(0)
    expect(page.locator("h1")).to_have_text(x.all[0].title)


# ---- Content: the guide's own situations -------------------------------------------------------

def guide_situations(guide):
    data, errors = load_situations("docs/_data/situations.yml",
                                   data_text(guide.docs, "situations.yml"))
    assert not errors
    return data


def test_every_path_sheet_prints_on_one_page_on_a4_and_letter(guide, guide_context):
    data, center = guide_situations(guide), guide.center()
    danger = squash(guide.words("center")["urgent_danger"])
    pg = guide_context().new_page()
    for s in data.all():
        pg.goto(f"print/situations/{s.id}/")
        for fmt in ("A4", "Letter"):
            pages = pdf_pages(pg, fmt)
            assert len(pages) == 1, f"print/situations/{s.id}/ prints on {len(pages)} {fmt} pages"
            [text] = pages
            assert squash(center["name"]).upper() in text.upper() and center["contact_email"] in text
            assert danger in text
            for md in s.step_pages:
                assert squash(title_of(md, guide.docs)) in text, f"{md} is missing from the {fmt} print of {s.id}"


def test_every_situation_leads_from_its_page_to_its_own_path_in_the_guides_language(shipped_guide, shipped_context):
    """With a situation chosen (as landing on its page does: the walk through the guide, in
    test_site_browser.py, lands on each and runs axe there), the first page of its path shows that
    situation's step foot, whose link stays in the guide's own language."""
    guide = shipped_guide
    data = guide_situations(guide)
    says = guide.words("situations")["script"]
    pg = shipped_context().new_page()
    pg.goto("")
    for s in data.all():
        if s.id == GENERAL:
            continue
        pg.evaluate("id => guide.setSituation(id)", s.id)
        pg.goto(url_of(s.step_pages[0]))
        expect(pg.locator(".guide-step")).to_have_text(foot_text(s.step_pages, 0, guide.docs, says))
        if len(s.step_pages) > 1:
            href = pg.locator(".guide-step a").first.evaluate("a => a.href")
            assert href == guide.url + url_of(s.step_pages[1]), href


def test_the_home_path_and_the_overview_count_only_the_items_that_apply(example_page, example_lang):
    """With a situation chosen, the path's cards on the home page and the checklists' overview count
    what the checklist pages show: the items the situation skips are left out (a tick on one too)."""
    x = ex(example_lang)
    page = example_page
    checklist = x.lists[SKIP_LIST]
    skip = {list_id: {r.value for r in refs} for list_id, (_, refs) in x.skipping.skip.items()}
    page.goto(x.url + url_of(checklist.page))
    skipped = next(i for i in checklist.items if i.id in skip[checklist.id])
    page.get_by_label(skipped.text, exact=True).check()
    choose(page, x.skipping, x)
    says = words("checklists", x.lang)["script"]
    applying = {c.id: [i for i in c.items if i.id not in skip.get(c.id, set())] for c in x.lists.values()}

    overview = next(p for p in (x.docs).rglob("*.md") if "<!-- checklists-overview -->" in p.read_text(encoding="utf-8"))
    page.goto(x.url + url_of(overview.relative_to(x.docs).as_posix()))
    for c in x.lists.values():
        expect(page.locator(f'[data-overview="{c.id}"] [data-progress]')).to_have_text(
            fill(says["progress"], done=0, total=len(applying[c.id])))

    page.goto(x.url)
    for md in {c.page for c in x.lists.values()}:
        total = sum(len(applying[c.id]) for c in x.lists.values() if c.page == md)
        card = page.locator(".guide-path li").filter(has=page.locator(f'a[href$="{url_of(md)}"]'))
        expect(card.locator(".guide-path__progress")).to_have_text(
            fill(says["path_items_one" if total == 1 else "path_items_other"], total=total))


# ---- Text that fits only some situations (`<!-- only: ... -->` ... `<!-- end -->`) ---------------

def only_blocks(docs):
    """Each page of the example (in docs, not a translation's folder) with its `only` blocks as the
    Markdown marks them: {page: [set of situation ids, ...]} (pages without blocks too)."""
    from guidekit.markers import find_all_markers, ids_of
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith(("es/", "_data/")):
            continue
        pages[rel] = [set(ids_of(m.id)) for m in find_all_markers(path.read_text(encoding="utf-8")) if m.kind == "only"]
    return pages


def test_with_each_situation_no_page_shows_text_marked_for_other_situations(example_page, example_lang):
    """Every page of the example with such blocks, with no situation, then each situation chosen, then
    "Not sure": a block marked for other situations is hidden, one marked for the chosen situation shows, and with
    none chosen every block shows (so its words must hold for everyone)."""
    x = ex(example_lang)
    pages = only_blocks(x.docs)
    assert any(pages.values()), "the example marks no text with <!-- only: ... -->"
    for md in [md for md, blocks in pages.items() if not blocks]:  # nothing else is written as such a block
        assert not soup(example_lang.site / url_of(md) / "index.html").select("[data-guide-only]"), md
    pages = {md: blocks for md, blocks in pages.items() if blocks}
    for s in [None, *x.data.situations.values(), x.data.general]:
        if s is not None:
            example_page.goto(x.url + url_of(s.page))  # landing on its page chooses it ("Not sure" clears it)
        chosen = s.id if s is not None and s.id != GENERAL else None
        for md, blocks in pages.items():
            example_page.goto(x.url + url_of(md))
            shown = example_page.locator("[data-guide-only]")
            expect(shown).to_have_count(len(blocks))
            for i, fits in enumerate(blocks):
                block = shown.nth(i)
                if chosen is None or chosen in fits:
                    expect(block).to_be_visible()
                else:
                    expect(block, f"{md}: a block for {sorted(fits)} shows with '{chosen}' chosen").to_be_hidden()


def test_without_javascript_text_for_some_situations_shows_to_everyone(example_context_factory, example_lang):
    x = ex(example_lang)
    pg = example_context_factory(java_script_enabled=False).new_page()
    for md, blocks in only_blocks(x.docs).items():
        if blocks:
            pg.goto(x.url + url_of(md))
            for i in range(len(blocks)):
                expect(pg.locator("[data-guide-only]").nth(i)).to_be_visible()


def test_on_a_phone_the_question_starts_in_the_first_screen_and_any_situation_is_two_taps_away(guide, guide_context):
    """At 390 x 844: the question's first answer is in the first screen; every situation's page is one tap
    (a big link) or two (open "Other kinds of no", then its link) from the home page. A situation chosen
    from the group opens the group when the student comes back to change it."""
    data = guide_situations(guide)
    first, more = data.home_groups()
    pg = guide_context(viewport={"width": 390, "height": 844}).new_page()
    pg.goto("")
    start = pg.locator("#guide-start")
    expect(start.locator("a.guide-start__link").first).to_be_in_viewport()
    for s in data.all():  # nothing chosen yet: the group is closed
        expect(start.locator(f'a[href$="{url_of(s.page)}"]')).to_be_visible(visible=s not in more)
    far, links = [], {s.id: start.locator(f'a[href$="{url_of(s.page)}"]') for s in data.all()}
    one_tap = {sid for sid, link in links.items() if link.is_visible()}
    if len(one_tap) < len(links):
        start.locator("summary").click()  # the second tap: "Other kinds of no"
    for s in data.all():
        if s.id not in one_tap and not links[s.id].is_visible():
            far.append(f"{s.id}: more than 2 taps")
    last = (more or data.all())[0]  # and a tap on a link (of the group, if there is one) leads to its page
    links[last.id].click()
    pg.wait_for_url(guide.url + url_of(last.page))
    expect(pg.locator(f"[data-situation-page='{'' if last.id == GENERAL else last.id}']")).to_be_attached()
    assert not far, far
    if more:
        s = more[-1]
        pg.goto(url_of(s.page))  # landing on its page chooses it
        expect(pg.locator(".guide-situation-line")).to_be_visible()
        pg.goto("")
        chosen = start.locator(f'a[href$="{url_of(s.page)}"]')
        expect(chosen).to_be_visible()
        expect(chosen).to_have_attribute("aria-current", "true")


# The words a student types for a situation, and the situation whose page must come first.
SEARCHES = {
    "en": {"no interviews": "many-nos", "visa": "visa", "video interview": "online-assessment",
           "HireVue": "online-assessment", "referral": "referral", "verbal offer": "verbal-offer"},
    "es": {"ninguna entrevista": "many-nos", "visa": "visa", "entrevista en video": "online-assessment",
           "recomendación": "referral", "oferta verbal": "verbal-offer"},
}


def test_a_search_in_a_students_words_lists_the_situation_page_first(guide, guide_context):
    """Material's own search, in the browser, over the guide's built index (as the help page's test does)."""
    data = guide_situations(guide)
    pg = guide_context(viewport={"width": 1280, "height": 900}).new_page()
    wrong, asked = [], 0
    for query, sid in SEARCHES[guide.lang].items():
        if sid not in data.situations:  # a center that removed the situation
            continue
        asked += 1
        target = urlsplit(guide.url + url_of(data.situations[sid].page)).path
        found = first_search_result(pg, guide.url, query)
        if found != target:
            wrong.append(f"{query!r}: first result {found}, not {target}")
    assert not wrong, "\n".join(wrong)
    assert asked or guide.name == "center-edits"
