"""For counselors (issue 14): the appointment and workshop outlines (docs/_data/counselors.yml), the
email handouts (one sheet per template of docs/_data/emails.yml) and the poster.

Unit tests on data the tests own; content tests on `guide` (shipped, its Spanish version and
center-edits) derive what to expect from that guide's data, words and settings: every sheet prints on
its page count on A4 and Letter, carries the center's name and contact, and its QR code decodes to
the right page; the example site (with every urgent setting), in each language, shows the urgent
contacts in the outline, and its pages and sheets pass axe."""
from __future__ import annotations

import subprocess
import textwrap
from urllib.parse import urljoin, urlsplit

import pytest

from guidekit.counselors import check_links, handout_lines, load_counselors
from guidekit.emails import parse_emails
from guidekit.text import fill
from support import EXAMPLE, axe_violations, data_text, pdf_pages, soup, squash, words
from test_branding import center_settings_of, example_center
from test_print_browser import zbarimg
from test_site_build import config_of, nav_paths

GOOD = textwrap.dedent("""\
    appointment:
      title: Talk
      minutes: 10
      pages: 1
      intro: An intro.
      sections:
        - id: a
          title: First
          minutes: 4
          points: [One]
          pages: [feel-it.md]
        - id: b
          title: Second
          minutes: 6
          points: [Two]
          questions: [How are you sleeping?]
          urgent: true
    workshop:
      title: Group
      minutes: 20
      pages: 2
      intro: An intro.
      sections:
        - id: w
          title: Only
          minutes: 20
          points: [Three]
      answer_key:
        - before: Angry.
          after: Calm.
    """)
PATH = "docs/_data/counselors.yml"


def errors(text: str) -> list[str]:
    data, errs = load_counselors(PATH, text)
    assert errs and data is None
    return [str(e) for e in errs]


# Unit ---------------------------------------------------------------------------------------

def test_good_outlines_load_in_order_with_their_flags():
    data, errs = load_counselors(PATH, GOOD)
    assert not errs
    a = data["appointment"]
    assert [s.id for s in a.sections] == ["a", "b"] and [s.urgent for s in a.sections] == [False, True]
    assert a.sections[1].questions == ("How are you sleeping?",) and data["workshop"].answer_key == (("Angry.", "Calm."),)


def test_minutes_that_dont_add_up_name_the_line():
    [err] = errors(GOOD.replace("minutes: 6", "minutes: 7"))
    assert err.startswith(f"{PATH}:3: The 'appointment' sections add up to 11 minutes, not 10.")


def test_an_unknown_key_and_an_empty_point_name_their_lines():
    text = GOOD.replace("questions:", "qestions:").replace("points: [Three]", "points: ['']")
    line = {key: next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)
            for key, needle in (("key", "qestions"), ("empty", "['']"))}
    errs = errors(text)
    assert any(e.startswith(f"{PATH}:{line['key']}: The section 'b' has an unknown key 'qestions'. "
                            "Fix: did you mean 'questions'?") for e in errs), errs
    assert any(e.startswith(f"{PATH}:{line['empty']}: An entry of 'points'") for e in errs), errs


# A point with a list under it: 'steps' (numbered) or 'items' (bulleted).
LISTS = GOOD.replace("      points: [Two]\n", textwrap.indent(textwrap.dedent("""\
    points:
      - Two
      - text: In steps
        steps: [First, Second]
      - text: Some
        items: [A]
    """), " " * 6))


def line_with(text: str, needle: str) -> int:
    return next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)


def test_a_point_may_carry_numbered_steps_or_bulleted_items():
    data, errs = load_counselors(PATH, LISTS)
    assert not errs
    two, steps, items = data["appointment"].sections[1].points
    assert (two.text, two.sub) == ("Two", ())
    assert (steps.text, steps.sub, steps.numbered) == ("In steps", ("First", "Second"), True)
    assert (items.text, items.sub, items.numbered) == ("Some", ("A",), False)


def test_a_point_with_both_lists_or_neither_or_an_empty_step_names_its_line():
    both = LISTS.replace("items: [A]", "items: [A]\n" + " " * 10 + "steps: [B]")
    [err] = errors(both)
    assert err.startswith(f"{PATH}:{line_with(both, 'text: Some')}: A point of the section 'b' has both 'steps' and 'items'.")
    neither = LISTS.replace("items: [A]", "")
    [err] = errors(neither)
    assert err.startswith(f"{PATH}:{line_with(neither, 'text: Some')}: A point of the section 'b' has neither 'steps' nor 'items'.")
    empty = LISTS.replace("[First, Second]", "[First, '']")
    [err] = errors(empty)
    assert err.startswith(f"{PATH}:{line_with(empty, 'steps:')}: An entry of 'steps' in a point of the section 'b' is empty")
    untitled = LISTS.replace("- text: In steps\n" + " " * 10, "- ")
    [err] = errors(untitled)
    assert err.startswith(f"{PATH}:{line_with(untitled, '- steps:')}: A point of the section 'b' has no 'text'.")


def test_slack_is_minutes_left_unplanned_and_the_sections_and_slack_add_up():
    text = GOOD.replace("  minutes: 10\n", "  minutes: 15\n  slack: 5\n", 1)
    data, errs = load_counselors(PATH, text)
    assert not errs
    assert (data["appointment"].slack, data["appointment"].planned) == (5, 10) and data["workshop"].slack == 0
    wrong = text.replace("slack: 5", "slack: 4")
    [err] = errors(wrong)
    assert err.startswith(f"{PATH}:{line_with(wrong, 'slack:')}: The 'appointment' sections add up to 10 minutes; "
                          "with 4 minutes of slack that makes 14, not 15.") and "(slack: 5 fits these sections)" in err
    [err] = errors(text.replace("slack: 5", "slack: some"))
    assert err.startswith(f"{PATH}:{line_with(text, 'slack:')}: 'slack: some' in the 'appointment' outline is not a whole number")


def test_a_link_to_a_missing_page_names_its_section():
    data, _ = load_counselors(PATH, GOOD)
    [err] = check_links(data, PATH, {"index.md"})
    assert str(err).startswith(f"{PATH}:7: The section 'a' links to 'feel-it.md', which is not a page of the guide.")


def test_a_handout_has_a_labelled_blank_per_field_and_marks_optional_lines():
    library, errs = parse_emails((EXAMPLE / "docs" / "_data" / "emails.yml").read_text(), "x.yml")
    assert not errs
    t = library.templates["ask"]
    lines = handout_lines(t)
    assert ("field", t.field("role").label) in lines["subject"]
    optional = [line for line in lines["body"] if line["optional"]]
    assert optional and all(any(k == "field" and not next(f for f in t.fields if f.label == v).required
                                for k, v in line["parts"]) for line in optional)
    assert not [p for line in lines["body"] for k, p in line["parts"] if k == "text" and "{" in p]
    # A greeting with a name offers the template's no-name greeting on paper too, never "Dear ,".
    first = lines["body"][0]
    assert first["instead"] == t.versions[0].greeting and not first["optional"]


# Content: every guide ----------------------------------------------------------------------

def materials(guide) -> list[tuple[str, int, str]]:
    """(sheet path, printed pages it may take, the page its QR code leads to), from the guide's data."""
    outlines, _ = load_counselors(PATH, data_text(guide.docs, "counselors.yml"))
    templates = guide.emails().templates
    out = [(f"print/counselors/{o.id}/", o.pages, f"counselors/{o.id}/") for o in outlines.values()]
    out += [(sheet, pages, target) for o in outlines.values() for sheet, pages, target in kit_sheets(o)]
    out += [(f"print/emails/{t}/", 1, "emails/") for t in templates]
    out += [("print/emails/all/", len(templates), "emails/"), ("print/poster/", 1, "")]
    return out


def page_url(src: str) -> str:
    """The address of a page of the guide, from its source path ('feel-it.md' -> 'feel-it/')."""
    return "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def kit_sheets(o) -> list[tuple[str, int, str]]:
    """(sheet path, printed pages it may take, the page its QR code leads to) of every sheet an outline
    brings besides itself, from its data: its note template, its facilitator's guide, board plan, a
    worksheet per activity (leading to the activity's first student page), the answer key, the
    evaluation form (leading to itself: students fill it in there) and its tally sheet."""
    home, out = f"counselors/{o.id}/", []
    if o.note:
        out.append((f"print/counselors/{o.id}-note/", o.note.pages, home))
    if o.guide:
        out.append((f"print/counselors/{o.id}-guide/", o.guide.pages, home))
    if o.board:
        out.append((f"print/counselors/{o.id}-board/", o.board.pages, home))
    for ws in o.worksheets:
        links = next(s.links for s in o.sections if s.id == ws.id)
        out.append((f"print/counselors/{o.id}-worksheet-{ws.id}/", 1, page_url(links[0]) if links else home))
    if o.worksheets:
        out.append((f"print/counselors/{o.id}-answers/", o.key_pages, home))
    if o.evaluation:
        out.append((f"print/counselors/{o.id}-evaluation/", o.evaluation.pages, f"print/counselors/{o.id}-evaluation/"))
        out.append((f"print/counselors/{o.id}-tally/", o.evaluation.tally.pages, home))
    return out


def nav_of(guide) -> list[str]:
    """The pages of the guide's nav: its own settings file's (a translation's nav has its own section
    names), or mkdocs.yml's when that file leaves nav to it."""
    own = guide.config_file if "nav" in config_of(guide.config_file) else guide.root / "mkdocs.yml"
    return nav_paths(own)


def test_every_material_is_linked_from_a_page_in_the_nav(guide):
    linked = set()
    nav = nav_of(guide)
    assert nav, f"{guide.config_file.name} has no nav"
    for path in nav:
        doc = soup(guide.site / path / "index.html")
        for a in doc.select("article a[href]"):
            target = urlsplit(urljoin("http://x/" + path, a["href"])).path.lstrip("/")
            linked.add(target if target.endswith("/") else target + "/")
    missing = [sheet for sheet, _, _ in materials(guide) if sheet not in linked]
    assert not missing, f"not linked from any page in the nav: {missing}"


def test_the_outline_pages_show_every_section(guide):
    outlines, _ = load_counselors(PATH, data_text(guide.docs, "counselors.yml"))
    for o in outlines.values():
        doc = soup(guide.site / "counselors" / o.id / "index.html")
        shown = [el.get_text(" ", strip=True) for el in doc.select("article .guide-outline__title strong")]
        assert shown == [s.title for s in o.sections]
        for s in o.sections:
            if s.urgent:
                text = doc.select_one(f"#{o.id}-{s.id} .guide-outline__urgent").get_text(" ", strip=True)
                assert guide.words("counselors")["urgent_danger"] in text


def test_every_sheet_prints_on_its_pages_with_the_center_and_a_qr_code_to_its_page(guide, guide_context, tmp_path):
    center, urgent = center_settings_of(guide), squash(guide.words("center")["urgent_danger"])
    pg = guide_context(device_scale_factor=3).new_page()
    images, expected = [], []
    drawn: dict[str, int] = {}  # a QR code's size and markup -> its picture: the same drawing reads the same
    # expected[i]: (sheet, the address its code must lead to) of every sheet showing picture i
    for sheet, most, target in materials(guide):
        pg.goto(sheet)
        for fmt in ("A4", "Letter"):
            texts = pdf_pages(pg, fmt)
            assert len(texts) <= most, f"{sheet} prints on {len(texts)} {fmt} pages, more than {most}"
            whole = " ".join(texts)
            assert squash(center["name"]).upper() in whole.upper(), f"{sheet}: no center name on {fmt}"
            assert center["contact_email"] in whole and urgent in whole, f"{sheet}: no email or urgent line on {fmt}"
        codes = pg.locator(".sheet__qr, .poster__qr")
        for i in range(codes.count()):
            markup = codes.nth(i).evaluate("e => `${Math.round(e.getBoundingClientRect().width)}x"
                                           "${Math.round(e.getBoundingClientRect().height)} ${e.outerHTML}`")
            if markup not in drawn:
                drawn[markup] = len(images)
                images.append(tmp_path / f"{len(images)}.png")
                codes.nth(i).screenshot(path=str(images[-1]))
                expected.append(set())
            expected[drawn[markup]].add((sheet, guide.url + target))
    tool = zbarimg()
    if not tool:
        pytest.skip("every sheet printed on its pages; QR codes not decoded: zbarimg (zbar-tools) is not installed")
    decoded = subprocess.run([tool, "--quiet", "--raw", *map(str, images)], capture_output=True, text=True).stdout.split()
    assert len(decoded) == len(images), f"{len(images)} QR codes, {len(decoded)} read: {decoded}"
    for url, wanted in zip(decoded, expected):
        assert {address for _, address in wanted} == {url}, f"the code reads {url}; wanted: {sorted(wanted)}"


# The example site: every urgent setting, and axe on the sheets ----------------------------------

@pytest.mark.each_language
def test_the_appointment_names_the_centers_urgent_and_counseling_contacts(example_lang):
    c, w = example_center(example_lang.lang), words("counselors", example_lang.lang)
    doc = soup(example_lang.site / "counselors" / "appointment" / "index.html")
    box = doc.select_one("article .guide-outline__urgent")
    assert box.select_one(f"a[href='{c.urgent_phone_link}']") and box.select_one(f"a[href='{c.support_url}']")
    text = " ".join(box.get_text().split())
    assert c.urgent_name in text and c.support_text in text
    assert w["urgent_danger"] in text and w["urgent_lead"] in text


@pytest.mark.each_language
def test_an_outline_says_its_slack_and_shows_a_points_steps_and_items_under_it(example_lang):
    """On the outline's page and on its sheet: the intro says the planned and the spare minutes; a
    point's steps are a numbered list inside it, its items a bulleted one; a plain point has none."""
    outlines, errs = load_counselors(PATH, data_text(example_lang.docs, "counselors.yml"))
    w = words("counselors", example_lang.lang)
    points = [p for o in outlines.values() for s in o.sections for p in s.points]
    assert not errs and any(o.slack for o in outlines.values()) and {p.numbered for p in points if p.sub} == {True, False}
    for o in outlines.values():
        for path in (f"counselors/{o.id}", f"print/counselors/{o.id}"):
            doc = soup(example_lang.site / path / "index.html")
            intro = " ".join(doc.select_one("article .guide-outline__intro, .sheet__why").get_text().split())
            assert intro == (f"{o.intro} {fill(w['slack'], planned=o.planned, slack=o.slack)}" if o.slack else o.intro), path
            for s in o.sections:
                shown = doc.select(f"#{o.id}-{s.id} > ul:first-of-type > li")
                assert len(shown) == len(s.points), (path, s.id)
                for li, p in zip(shown, s.points):
                    sub = li.find(["ol", "ul"], recursive=False)
                    assert " ".join(li.find(string=True, recursive=False).split()) == p.text
                    if p.sub:
                        assert sub is not None and sub.name == ("ol" if p.numbered else "ul"), (path, p.text)
                        assert [x.get_text(" ", strip=True) for x in sub.find_all("li")] == list(p.sub)
                    else:
                        assert sub is None, (path, p.text)


def test_counselor_pages_and_sheets_pass_axe(lang_page):
    for path in ["counselors/appointment/", "counselors/workshop/", "print/counselors/appointment/",
                 "print/emails/ask/", "print/poster/"]:
        lang_page.goto(path)
        assert not axe_violations(lang_page), path


# The workshop kit (issue 27): worksheets, answer key, evaluation form ---------------------------

KIT = GOOD + textwrap.indent(textwrap.dedent("""\
    worksheets:
      - id: w
        intro: Rewrite one.
        tasks: [Your version]
        lines: 2
        key: answer-key
        key_intro: "Drafts:"
    """), "  ")


def test_a_worksheet_shows_its_lists_drafts_and_names_a_wrong_activity_or_list_by_line():
    data, errs = load_counselors(PATH, KIT)
    assert not errs
    [ws] = data["workshop"].worksheets
    assert (ws.title, ws.drafts) == ("Only", ("Angry.",))
    wrong = KIT.replace("worksheets:\n    - id: w\n", "worksheets:\n    - id: nope\n")
    [err] = errors(wrong)
    assert err.startswith(f"{PATH}:{line_with(wrong, '- id: nope')}: The worksheet 'nope' is not a section of the 'workshop' outline.")
    wrong = KIT.replace("key: answer-key", "key: question-key")
    [err] = errors(wrong)
    assert err.startswith(f"{PATH}:{line_with(wrong, 'key: question-key')}: 'key: question-key' in the worksheet 'w' is not")


def sheet_text(site, path) -> str:
    return " ".join(soup(site / path / "index.html").select_one("main").get_text(" ").split())


def test_a_worksheet_shows_its_drafts_and_never_the_answer_keys_answers(guide):
    """Students get the worksheets; only the facilitator's answer key has the rewritten versions."""
    outlines, _ = load_counselors(PATH, data_text(guide.docs, "counselors.yml"))
    checked = 0
    for o in outlines.values():
        answers = [after for _, after in (*o.answer_key, *o.question_key)]
        for ws in o.worksheets:
            text = sheet_text(guide.site, f"print/counselors/{o.id}-worksheet-{ws.id}")
            assert all(" ".join(d.split()) in text for d in ws.drafts), ws.id
            shown = [a for a in answers if " ".join(a.split()) in text]
            assert not shown, f"the worksheet {ws.id} shows answers: {shown}"
            checked += 1
        if o.worksheets:
            key = sheet_text(guide.site, f"print/counselors/{o.id}-answers")
            pairs = [p for ws in o.worksheets for p in (o.answer_key if ws.key == "answer_key" else o.question_key)]
            assert all(" ".join(b.split()) in key and " ".join(a.split()) in key for b, a in pairs)
    assert checked, "no worksheet in this guide"


@pytest.mark.each_language
def test_the_evaluation_form_works_without_javascript_sends_nothing_and_prints_on_its_page(example_lang, lang_context_factory):
    outlines, _ = load_counselors(PATH, data_text(example_lang.docs, "counselors.yml"))
    o = next(o for o in outlines.values() if o.evaluation)
    e, path = o.evaluation, f"print/counselors/{o.id}-evaluation/"
    ctx = lang_context_factory(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(path)
    here = pg.url
    # No form that could send anything: any form's action stays on this page.
    actions = pg.eval_on_selector_all("form", "fs => fs.map(f => f.action)")
    assert all(a.split("#")[0].split("?")[0] == here.split("#")[0] for a in actions), actions
    sent = []
    pg.on("request", lambda r: sent.append(r.url))
    for x in o.outcomes:
        outcome = pg.get_by_role("group", name=x.text, exact=True)
        for label in (e.before, e.after):
            group = outcome.get_by_role("group", name=label, exact=True)
            assert group.get_by_role("radio").count() == e.scale
            choice = group.get_by_role("radio", name=str(e.scale), exact=True)
            choice.check()
            choice.press("Enter")
            assert choice.is_checked()
    for q in e.questions:
        box = pg.get_by_label(q.text, exact=True)
        box.fill("Example answer")
        box.press("Enter")
        assert "Example answer" in box.input_value()
    assert pg.url == here and not sent, f"the form went somewhere: {pg.url} {sent}"
    for fmt in ("A4", "Letter"):
        assert len(pdf_pages(pg, fmt)) <= e.pages, fmt


def test_the_kit_sheets_pass_axe(lang_page, example_lang):
    outlines, _ = load_counselors(PATH, data_text(example_lang.docs, "counselors.yml"))
    sheets = [sheet for o in outlines.values() for sheet, _, _ in kit_sheets(o)]
    assert sheets
    for path in sheets:
        lang_page.goto(path)
        assert not axe_violations(lang_page), path
