"""Situations: docs/_data/situations.yml is checked with file:line errors (did-you-mean for unknown ids),
and the build gives every situation its page, its block, its sheet and the step foot.

Unit tests on the tests' example data (tests/example/docs/_data/situations.yml); one strict build of a
broken copy proves the errors reach the author; content tests on the `guide` (shipped, and after a
center's edits) read what to expect from that guide's own situations, pages and nav.
"""
from __future__ import annotations

import json
import posixpath
import shutil
from urllib.parse import urljoin, urlsplit

import pytest

from guidekit.markers import find_all_markers
from guidekit.emails import parse_emails
from guidekit.planner import load_plan
from guidekit.situations import GENERAL, Fit, check_references, load_situations
from guidekit.text import fill
from support import EXAMPLE, data_text, build, copy_project, site_pages
from test_site_build import nav_paths, url_of

PATH = "docs/_data/situations.yml"
TEXT = (EXAMPLE / "docs" / "_data" / "situations.yml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) + len(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


def example():
    data, errors = load_situations(PATH, TEXT)
    assert errors == [] and data is not None
    return data


def problems(text: str):
    data, errors = load_situations(PATH, text)
    assert data is None and errors
    return errors


def refs(data):
    """What the example data names: its pages, emails, plan steps and checklists with their items."""
    pages = {p for s in data.all() for p in [s.page, *s.step_pages]}
    emails = {r.value for s in data.all() for r in s.emails}
    plan = {r.value for s in data.all() for r in s.plan}
    lists: dict[str, set[str]] = {}
    for s in data.all():
        for cid, (_, items) in s.skip.items():
            lists.setdefault(cid, set()).update(i.value for i in items)
    return pages, emails, plan, lists


# ---- The loader -----------------------------------------------------------------------------

def test_the_example_loads_with_every_line_kept():
    data = example()
    first = next(iter(data.situations.values()))
    assert first.line == line_of(TEXT, f"- id: {first.id}")
    assert first.steps[0].line == line_of(TEXT, "steps:", after=f"- id: {first.id}")
    assert data.general.id == GENERAL and data.general.steps


@pytest.mark.parametrize("old, new, needle, expected", [
    ("    short: an example turned path\n", "", "- id: example-turned", "has no 'short'"),
    ("    steps: [second.md, first.md]", "    stpes: [second.md, first.md]", "stpes:", "unknown key 'stpes'"),
    ("- id: example-short", "- id: example-turned", "- id: example-turned\n    title: Example short", "used twice"),
    ("- id: example-short", "- id: general", "- id: general", "taken by the 'general' path"),
    ("- id: example-short", "- id: Example Short", "- id: Example Short", "not a valid id"),
    ("page: situations/example-short.md", "page: situations/example-turned.md",
     "page: situations/example-turned.md\n    steps: [second.md]", "already belongs to another situation"),
    ("steps: [second.md, first.md]", "steps: [second.md, second.md]", "steps: [second.md, second.md]", "listed twice"),
    ("steps: [second.md]", "steps: []", "steps: []", "has no entries"),
    ("emails: [thanks]", "emails: thanks", "emails: thanks", "not a list"),
    ("first-list: [gamma]", "first-list: gamma", "first-list: gamma", "not a list of item ids"),
    ("plan: [ask]", "plan: [Ask]", "plan: [Ask]", "not a valid id"),
    ("question: Which example fits?\n", "", "general:", "has no 'question'"),
    ("question: Which example fits?\n", "question: Which example fits?\nfirst: [example-shrt]\nmore: Others\n",
     "first: [example-shrt]", "'first' names the situation 'example-shrt'"),
    ("question: Which example fits?\n", "question: Which example fits?\nfirst: [general]\nmore: Others\n",
     "first: [general]", "'first' can't name 'general'"),
    ("question: Which example fits?\n", "question: Which example fits?\nfirst: [example-short]\nmore: ''\n",
     "more: ''", "'more' in the situations file is empty"),
])
def test_each_mistake_is_named_with_its_line_and_a_fix(old, new, needle, expected):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    errs = problems(text)
    found = [e for e in errs if expected in e.problem]
    assert found, [str(e) for e in errs]
    err = found[0]
    assert (err.path, err.line) == (PATH, line_of(text, needle)), str(err)
    assert err.fix


def test_first_and_more_group_the_home_page_and_first_needs_more():
    """`first` picks the situations shown first, in its order; the others keep the file's order; without
    `first` every situation is shown first. A `first` without `more` stops with a fix."""
    data = example()
    assert data.home_groups() == (list(data.situations.values()), [])
    last = list(data.situations)[-1]
    grouped = load_situations(PATH, TEXT.replace("question: Which example fits?\n",
                                                 f"question: Which example fits?\nfirst: [{last}]\nmore: Others\n", 1))[0]
    assert grouped.more == "Others"
    assert [s.id for s in grouped.home_groups()[0]] == [last]
    assert [s.id for s in grouped.home_groups()[1]] == [i for i in data.situations if i != last]
    errs = problems(TEXT.replace("question: Which example fits?\n", f"question: Which example fits?\nfirst: [{last}]\n", 1))
    assert any("has no 'more'" in e.problem and "more:" in e.fix for e in errs), [str(e) for e in errs]
    assert "did you mean 'example-short'" in problems(TEXT.replace(
        "question: Which example fits?\n", "question: Which example fits?\nfirst: [example-shrt]\nmore: O\n", 1))[0].fix


def test_an_unknown_key_suggests_the_closest():
    errs = problems(TEXT.replace("    steps: [second.md, first.md]", "    stpes: [second.md, first.md]", 1))
    assert "did you mean 'steps'" in errs[0].fix
    assert "has no 'steps'" in errs[1].problem  # and the list it was meant to be is missing


def test_invalid_yaml_and_an_empty_file():
    [err] = problems(TEXT.replace("steps: [first.md, second.md]", "steps: [first.md, second.md", 1))
    assert "not valid YAML" in err.problem and err.line > 1
    assert "empty" in problems("")[0].problem
    assert problems("- just\n- a list\n")[0].line == 1


def test_references_to_pages_emails_plan_steps_checklists_and_items():
    data = example()
    pages, emails, plan, lists = refs(data)
    assert check_references(data, PATH, pages, emails, plan, lists) == []
    assert check_references(data, PATH, pages, None, None, None) == []  # a tool's data absent: its ids unchecked

    turned = data.situations["example-turned"]
    step = turned.steps[0]
    errs = check_references(data, PATH, (pages - {step.value}) | {"secnd.md"}, None, None, None)
    ours = [e for e in errs if e.line == step.line]
    assert ours and "not a page of the guide" in ours[0].problem and "did you mean 'secnd.md'" in ours[0].fix

    [err] = check_references(data, PATH, pages - {turned.page}, None, None, None)
    assert err.line == line_of(TEXT, f"page: {turned.page}") and "doesn't exist" in err.problem

    email = turned.emails[0]
    [err] = check_references(data, PATH, pages, (emails - {email.value}) | {email.value + "s"}, None, None)
    assert err.line == email.line and f"'{email.value}'" in err.problem and "emails.yml" in err.problem
    assert f"did you mean '{email.value}s'" in err.fix

    step = turned.plan[0]
    [err] = check_references(data, PATH, pages, None, plan - {step.value}, None)
    assert err.line == step.line and f"'{step.value}'" in err.problem and "planner.yml" in err.problem

    cid, (where, items) = next(iter(turned.skip.items()))
    errs = check_references(data, PATH, pages, None, None, {k: v for k, v in lists.items() if k != cid} | {cid + "x": set()})
    [err] = [e for e in errs if e.line == where.line]
    assert err.line == where.line and f"'{cid}'" in err.problem and f"did you mean '{cid}x'" in err.fix
    item = items[0]
    others = {k: (v - {item.value} if k == cid else v) for k, v in lists.items()}
    errs = check_references(data, PATH, pages, None, None, others)
    [err] = [e for e in errs if e.line == item.line]
    assert f"no item '{item.value}'" in err.problem and all(f"no item '{item.value}'" in e.problem for e in errs)


def test_versions_name_an_email_and_one_of_its_versions():
    data = example()
    pages, emails, plan, lists = refs(data)
    turned = data.situations["example-turned"]
    tid, (ref, number) = next(iter(turned.versions.items()))
    assert ref.line == line_of(TEXT, "versions:", after="id: example-turned") and number >= 1
    counts = {t: 5 for t in emails}
    assert check_references(data, PATH, pages, counts, None, None) == []
    [err] = check_references(data, PATH, pages, counts | {tid: number - 1}, None, None)
    assert err.line == ref.line and f"version {number}" in err.problem and f"from 1 to {number - 1}" in err.fix
    errs = check_references(data, PATH, pages, {t: 5 for t in emails if t != tid} | {tid + "s": 5}, None, None)
    [err] = [e for e in errs if e.line == ref.line]
    assert "version" in err.problem and f"did you mean '{tid}s'" in err.fix
    broken = TEXT.replace(f"{{{tid}: {number}}}", f"{{{tid}: first}}")
    assert broken != TEXT
    [err] = problems(broken)
    assert err.line == ref.line and "not a number from 1" in err.problem


def only(source: str, known=("example-turned", "example-short")):
    from guidekit.situations import check_only_blocks
    markers = [m for m in find_all_markers(source) if m.kind in ("only", "end")]
    return check_only_blocks("docs/page.md", source, markers, list(known))


def test_only_blocks_name_known_situations_and_close_with_end():
    good = "Text.\n\n<!-- only: example-turned, example-short -->\n\nFor them.\n\n<!-- end -->\n\nMore.\n"
    assert only(good) == []
    [err] = only(good.replace("example-short", "example-shrot"))
    assert (err.path, err.line) == ("docs/page.md", 3) and "'example-shrot'" in err.problem
    assert "did you mean 'example-short'" in err.fix
    [err] = only(good.replace("example-short", "general"))
    assert err.line == 3 and "Not sure" in err.problem
    [err] = only(good.replace("<!-- end -->", ""))
    assert err.line == 3 and "no end" in err.problem
    [err] = only("A.\n\n<!-- end -->\n")
    assert err.line == 3 and "closes no" in err.problem
    errs = only(good.replace("\n\nFor them.", "\nFor them."))
    assert [e.line for e in errs] == [3] and "touches the text below" in errs[0].problem
    errs = only(good.replace("For them.\n\n<!-- end -->", "For them.\n\n<!-- only: example-short -->\n\nX.\n\n<!-- end -->"))
    assert any("inside another" in e.problem and e.line == 7 for e in errs)
    [err] = only("<!-- only -->\n\nX.\n\n<!-- end -->\n".replace("<!-- only -->", "\n<!-- only: -->"))
    assert "doesn't say which situations" in err.problem


def test_a_template_or_step_that_fits_some_situations_is_offered_only_by_them():
    """`situations:` on a template or plan step: a situation that offers it (in its emails, its plan, or
    a plan step sending that template) without being listed is named at its own line, with the fix."""
    data = example()
    pages, emails, plan, lists = refs(data)
    turned, short = data.situations["example-turned"], data.situations["example-short"]
    email, step = turned.emails[0], turned.plan[0]
    fits_turned = Fit("docs/_data/emails.yml", 40, (("example-turned", 41),))
    assert check_references(data, PATH, pages, emails, plan, lists, {email.value: fits_turned},
                            {step.value: fits_turned}, {step.value: email.value}) == []

    only_short = Fit("docs/_data/emails.yml", 40, ((short.id, 41),))
    errs = check_references(data, PATH, pages, emails, plan, lists, email_fits={email.value: only_short})
    [err] = [e for e in errs if e.line == email.line]
    assert err.path == PATH and f"'{turned.id}'" in err.problem and f"'{email.value}'" in err.problem
    assert "docs/_data/emails.yml:40" in err.problem and short.id in err.problem
    assert f"take '{email.value}' out" in err.fix and f"add '{turned.id}'" in err.fix

    [err] = check_references(data, PATH, pages, emails, plan, lists,
                             step_fits={step.value: Fit("docs/_data/planner.yml", 7, ((short.id, 8),))})
    assert err.line == step.line and "plan step" in err.problem and "docs/_data/planner.yml:7" in err.problem
    assert f"take '{step.value}' out of this situation's 'plan'" in err.fix

    # a plan step that sends a template that doesn't fit: named at the plan entry
    errs = check_references(data, PATH, pages, emails, plan, lists, email_fits={"x-mail": only_short},
                            step_emails={step.value: "x-mail"})
    [err] = [e for e in errs if e.line == step.line]
    assert f"plan step '{step.value}' sends it" in err.problem and f"take '{step.value}' out" in err.fix

    # a misspelt situation in the list is named at its line in the template's file
    [err] = check_references(data, PATH, pages, emails, plan, lists,
                             email_fits={"x-mail": Fit("docs/_data/emails.yml", 40, ((turned.id + "s", 41),))})
    assert (err.path, err.line) == ("docs/_data/emails.yml", 41) and f"did you mean '{turned.id}'" in err.fix


def test_the_example_templates_and_steps_say_which_situations_they_fit():
    """The loaders keep each `situations:` entry with its line, and report a repeat or a non-id."""
    emails_text = (EXAMPLE / "docs" / "_data" / "emails.yml").read_text(encoding="utf-8")
    library, errors = parse_emails(emails_text, "e.yml")
    assert errors == []
    fitted = [t for t in library.templates.values() if t.situations]
    assert fitted and all(t.situations_line == line_of(emails_text, "situations:", f"id: {t.id}") for t in fitted)
    for t in fitted:
        for value, line in t.situations:
            assert emails_text.splitlines()[line - 1].count(value)
    plan_text = (EXAMPLE / "docs" / "_data" / "planner.yml").read_text(encoding="utf-8")
    plan, errors = load_plan("p.yml", plan_text)
    assert errors == [] and any(s.situations for s in plan.steps)
    t = fitted[0]
    broken = emails_text.replace(f"situations: [{t.situations[0][0]}]", f"situations: [{t.situations[0][0]}, {t.situations[0][0]}, Not An Id]")
    _, errors = parse_emails(broken, "e.yml")
    assert {e.line for e in errors} == {t.situations_line} and any("twice" in e.problem for e in errors)
    assert any("not an id" in e.problem for e in errors)


def test_the_strict_build_reports_situation_problems_with_file_and_line(tmp_path):
    """A copy of the example site with a misspelt step page, email, plan step and skipped item, and a
    situation page without its block or the urgent help: every problem reaches the author, no traceback."""
    project = copy_project(tmp_path / "p")
    site = project / "tests" / "example"
    shutil.copytree(EXAMPLE, site)
    data = example()
    turned = data.situations["example-turned"]
    lines = TEXT.splitlines(keepends=True)
    cid, (_, items) = next(iter(turned.skip.items()))
    edits = [(ref, ref.value, "x" + ref.value) for ref in (turned.steps[0], turned.emails[0], turned.plan[0], items[0])]
    for ref, old, new in edits:
        lines[ref.line - 1] = lines[ref.line - 1].replace(old, new, 1)
    (site / "docs" / "_data" / "situations.yml").write_text("".join(lines), encoding="utf-8")
    short = data.situations["example-short"]
    page = site / "docs" / short.page
    page.write_text(page.read_text(encoding="utf-8").replace(f"<!-- situation: {short.id} -->", "")
                    .replace("<!-- center: urgent -->", ""), encoding="utf-8")

    # a template that says which situations it fits (tests/example/docs/_data/emails.yml), offered by another
    emails_text = (EXAMPLE / "docs" / "_data" / "emails.yml").read_text(encoding="utf-8")
    library, _ = parse_emails(emails_text, "e.yml")
    fitted = next(t for t in library.templates.values() if t.situations)
    other = next(s for s in data.situations.values() if not any(v == s.id for v, _ in fitted.situations))
    text = (site / "docs" / "_data" / "situations.yml").read_text(encoding="utf-8")
    emails_line = line_of(text, "emails: [", f"id: {other.id}")
    text = "\n".join(line.replace("emails: [", f"emails: [{fitted.id}, ", 1) if n == emails_line else line
                     for n, line in enumerate(text.split("\n"), 1))
    (site / "docs" / "_data" / "situations.yml").write_text(text, encoding="utf-8")

    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert (f"{PATH}:{emails_line}: The situation '{other.id}' offers the email template '{fitted.id}', but "
            f"docs/_data/emails.yml:{fitted.situations_line} says") in output, output
    assert f"add '{other.id}' to the 'situations' of '{fitted.id}'" in output
    for ref, old, new in edits:
        assert f"{PATH}:{ref.line}: " in output and f"'{new}'" in output, (new, output)
    for ref, old, new in edits:
        assert f"did you mean '{old}'" in output, (old, output)
    assert f"docs/{short.page}:1: The page of the situation '{short.id}' doesn't show its path." in output
    assert f"docs/{short.page}:1: The page of the situation '{short.id}' doesn't show where to get help" in output


# ---- Content: the guide's own situations (shipped, and after a center's edits) ----------------

def situations_of(guide):
    data, errors = load_situations(PATH, data_text(guide.docs, "situations.yml"))
    assert not errors, errors
    return data


def resolve(page: str, href: str) -> str:
    """The site path a link on `page` leads to ('' for the home page)."""
    path = urlsplit(urljoin("http://x/" + page, href)).path.lstrip("/")
    return "" if path in ("", ".") else posixpath.normpath(path).rstrip("/") + "/"


def test_the_home_page_asks_with_one_plain_link_per_situation(guide):
    """The situations of `first`, then the others inside one <details> named by `more` (one tap opens it,
    with or without JavaScript), then the general path."""
    data = situations_of(guide)
    first, more = data.home_groups()
    start = guide.html("").select_one("#guide-start")
    assert start is not None, "the home page lacks the question"
    links = start.select("a[href]")
    order = [*first, *more, data.general]
    assert [resolve("", a["href"]) for a in links] == [url_of(s.page) for s in order]
    for a, s in zip(links, order):
        assert s.title in a.get_text(" ", strip=True)
        assert (a.find_parent("details") is not None) == (s in more), s.id
    group = start.select("details")
    assert len(group) == (1 if more else 0)
    if more:
        assert group[0].select_one("summary").get_text(strip=True) == data.more


def test_every_situation_has_its_page_with_its_path_emails_plan_and_urgent_help(guide):
    data = situations_of(guide)
    emails, plan = guide.emails().templates, {s.id: s for s in guide.plan().steps}
    for s in data.all():
        path = url_of(s.page)
        doc = guide.html(path)
        block = doc.select_one(f"[data-situation-page='{'' if s.id == GENERAL else s.id}']")
        assert block is not None, f"/{path} lacks its block"
        assert doc.select_one("article .guide-urgent") is not None, f"/{path} lacks the urgent-help block"
        steps = [resolve(path, a["href"]) for a in block.select(".guide-path__steps a")]
        assert steps == [url_of(p) for p in s.step_pages]
        text = block.get_text(" ", strip=True)
        for ref in s.emails:
            assert emails[ref.value].title in text
        for ref in s.plan:
            assert plan[ref.value].title in text
        sheet = block.select_one(f"a[href$='print/situations/{s.id}/']")
        assert sheet is not None and (guide.site / resolve(path, sheet["href"]) / "index.html").is_file()


def test_every_situation_has_a_sheet_with_its_steps_emails_plan_and_the_center(guide):
    data, center = situations_of(guide), guide.center()
    emails, plan = guide.emails().templates, {s.id: s for s in guide.plan().steps}
    titles = {}
    for s in data.all():
        for p in s.step_pages:
            titles[p] = guide.html(url_of(p)).h1.get_text(" ", strip=True).rstrip("¶").strip()
        doc = guide.html(f"print/situations/{s.id}/")
        assert doc.select_one("body.sheet-page") is not None
        text = " ".join(doc.select_one("article.sheet").get_text(" ").split())
        assert s.title in text and center["contact_email"] in text
        assert [li.get_text(" ", strip=True) for li in doc.select(".sheet__items li")] == [titles[p] for p in s.step_pages]
        for ref in s.emails:
            assert emails[ref.value].title in text
        for ref in s.plan:
            assert plan[ref.value].title in text
        assert not doc.select("script[src*='situations']"), "a sheet loads the situations' page script"
    index = guide.html("print/")
    linked = {resolve("print/", a["href"]) for a in index.select("a[href]")}
    assert {f"print/situations/{s.id}/" for s in data.all()} <= linked


def test_the_general_path_follows_the_nav_and_each_page_says_its_step(guide):
    data = situations_of(guide)
    steps = [url_of(p) for p in data.general.step_pages]
    nav = nav_paths(guide.config_file)
    assert sorted(steps, key=nav.index) == steps, "the general path is not in the order of the menu"
    says = guide.words("situations")["script"]
    for i, path in enumerate(steps):
        foot = guide.html(path).select_one(f"[data-situation-step='{path}']")
        assert foot is not None, f"/{path} has no step foot"
        text = foot.get_text(" ", strip=True)
        links = [resolve(path, a["href"]) for a in foot.select("a[href]")]
        assert links == ([steps[i + 1]] if i + 1 < len(steps) else [""])
        said = fill(says["step_next"] if i + 1 < len(steps) else says["step_last"], n=i + 1, total=len(steps),
                    link=foot.a.get_text(" ", strip=True))
        assert " ".join(text.split()) == " ".join(said.split()), path
        assert foot.a.get_text() == (guide.html(steps[i + 1]).h1.get_text(" ", strip=True).rstrip("¶").strip()
                                     if i + 1 < len(steps) else says["back_to_start"])


def test_every_start_and_path_link_resolves(guide):
    for path in ["", *[url_of(s.page) for s in situations_of(guide).all()]]:
        doc = guide.html(path)
        for a in doc.select(".guide-start a[href], .guide-path a[href], .guide-situation a[href]"):
            target = resolve(path, a["href"].split("#")[0])
            assert (guide.site / target / "index.html").is_file(), f"/{path}: {a['href']}"


def test_the_browser_gets_the_situations_where_a_tool_needs_them(guide):
    """The data (for guide.situationInfo()) on the home page and the situation pages, and its address on
    every page with a checklist, the checklists' overview, an email or the planner; situations.js only where the question or the path shows (home page;
    a situation page has only its style: guide.js chooses the situation on landing). A step foot and a checklist show the general path as built: guide.js loads
    situations.js there once a situation is chosen (test_situations_browser.py), so those pages, the
    emails page and the planner read the data through guide.js alone."""
    data = situations_of(guide)
    own = {url_of(s.page) for s in data.all()}
    for md in site_pages(guide.docs):
        rel = md.relative_to(guide.docs).as_posix()
        if rel.startswith("_"):
            continue
        path, kinds = url_of(rel), {m.kind for m in find_all_markers(md.read_text(encoding="utf-8"))}
        doc = guide.html(path)
        holder = doc.select_one("#guide-situations")
        needs = path == "" or path in own or bool(kinds & {"checklist", "checklists-overview", "email", "planner",
                                                          "situations", "situation"})
        assert (holder is not None) == needs, f"/{path}: situations data {'missing' if needs else 'not needed'}"
        shows = path == "" or bool(kinds & {"situations"})
        scripts = doc.select("script[src*='assets/tools/situations']")
        assert bool(scripts) == shows, f"/{path}: situations.js {'missing' if shows else 'loaded without a situations tool'}"
        if holder is None:
            continue
        if path == "" or path in own:  # where a situation is chosen: in the page
            sent = json.loads(holder["data-situations"])
        else:  # elsewhere its address, fetched once a situation is chosen (test_situations_browser.py)
            assert not holder.has_attr("data-situations"), f"/{path}: the situations data is in the page"
            file = (guide.site / path / holder["data-situations-src"]).resolve()
            assert file.is_file(), f"/{path}: {holder['data-situations-src']} leads nowhere"
            sent = json.loads(file.read_text(encoding="utf-8"))
        assert set(sent["situations"]) == set(data.situations)
        for s in data.situations.values():
            entry = sent["situations"][s.id]
            assert entry["steps"] == [url_of(p) for p in s.step_pages]
            assert entry["emails"] == [r.value for r in s.emails] and entry["plan"] == [r.value for r in s.plan]
            assert entry["skip"] == {c: [i.value for i in items] for c, (_, items) in s.skip.items()}
            assert entry["url"] == url_of(s.page)
        assert sent["general"]["steps"] == [url_of(p) for p in data.general.step_pages]


def test_no_component_needs_situations_and_situations_come_after_the_tools_they_follow():
    from components import COMPONENTS
    from components.base import ordered
    names = [c.name for c in ordered(list(COMPONENTS))]
    assert not [c.name for c in COMPONENTS if "situations" in c.needs and not c.name.startswith("situation")]
    for tool in ("checklists", "emails", "planner"):
        assert names.index(tool) < names.index("situations")
