"""Dwell-time planner: its data file is checked with file:line errors, and the build renders it.

The scheduling rules themselves live in assets/tools/planner.js: tests/js/planner.test.mjs checks
them under Node, tests/test_planner_browser.py in the page. Here: the data Python hands that script
(unit tests on data the tests own: tests/example/docs/_data/planner.yml and the small plan OWN),
one strict build proving the errors reach the author, and content tests on the `guide` (shipped, its
Spanish version, and after a center's edits) that read what to expect from that guide's own plan and words.
"""
from __future__ import annotations

import json
import shutil
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest

from components import checklists, device, emails, planner
from components.base import Build, Component
from guidekit.markers import find_markers
from guidekit.planner import check_general_emails, check_references, in_night, load_plan, night_ranges, script_data
from guidekit.text import fill
from support import EXAMPLE, build, copy_project, run_js, site_pages

PATH = "docs/_data/planner.yml"
TEXT = (EXAMPLE / "docs" / "_data" / "planner.yml").read_text(encoding="utf-8")  # the tests' example plan


def line_of(text: str, needle: str, after: str = "") -> int:
    """1-based line of the first `needle` (after the first `after`, if given)."""
    start = text.index(after) + len(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


def problems(text: str):
    plan, errors = load_plan(PATH, text)
    assert plan is None and errors
    return errors


def example_plan():
    plan, errors = load_plan(PATH, TEXT)
    assert errors == []
    return plan


# A plan owned by these tests, with times chosen to show the conversion to minutes.
OWN = """\
dwell:
  default: tonight
  end_title: Dwelling ends
  end_why: On to the plan.
  presets:
    - id: tonight
      label: Tonight
      until: "20:00"
    - id: sunday
      label: Until Sunday
      until: "18:00"
      weekday: sunday
      news_on: [friday, saturday]
    - id: day
      label: A day
      hours: 24
  long_hours: 60
  long_note: A long time.
  custom:
    label: Hours
    min_hours: 2
    max_hours: 100
    default_hours: 10
news:
  max_days_ago: 30
  max_days_ahead: 3
night:
  starts: "22:30"
  ends: "06:15"
  move_to: "07:45"
weekday_time: "09:05"
steps:
  - id: late
    title: Late
    why: Why
    from: news
    hours: 2
    when: Two hours on
    page: late.md
  - id: midnight
    title: At midnight
    why: Why
    from: news
    days: 1
    at: "00:00"
    when: At midnight
    page: midnight.md
    email: reply
    weekday_only: true
  - id: extra
    title: Only for some
    why: Why
    from: dwelling
    hours: 1
    when: Later
    page: late.md
    email: thanks
    general: false
    after: [midnight, late]
"""


# --- what Python hands the page script


@pytest.mark.parametrize("starts, ends, ranges", [
    ("21:00", "08:00", [[0, 480], [1260, 1440]]),
    ("00:00", "06:00", [[0, 360]]),
    ("01:30", "05:00", [[90, 300]]),
    ("21:00", "00:00", [[1260, 1440]]),
])
def test_the_night_goes_to_the_page_as_ranges_that_never_wrap(starts, ends, ranges):
    night = {"starts": starts, "ends": ends}
    assert night_ranges(night) == ranges
    assert in_night(starts, night) and not in_night(ends, night)


def test_times_go_to_the_page_as_minutes_after_midnight():
    plan, errors = load_plan(PATH, OWN)
    assert errors == []
    data = script_data(plan, {"midnight": "../midnight/"}, {"reply": "employer", "thanks": "helper"})
    assert data["night"] == {"ranges": [[0, 375], [1350, 1440]], "moveTo": 465}
    assert data["weekdayTime"] == 545
    assert data["presets"] == [
        {"id": "tonight", "label": "Tonight", "until": 1200, "weekday": None, "newsOn": None},
        {"id": "sunday", "label": "Until Sunday", "until": 1080, "weekday": 0, "newsOn": [5, 6]},  # Sunday = 0, as JS counts
        {"id": "day", "label": "A day", "hours": 24, "newsOn": None},
    ]
    assert (data["default"], data["end"]) == ("tonight", {"title": "Dwelling ends", "why": "On to the plan."})
    assert data["custom"] == {"min": 2, "max": 100, "default": 10}
    assert data["news"] == {"daysAgo": 30, "daysAhead": 3}
    assert [s["at"] for s in data["steps"]] == [None, 0, None]
    assert [(s["url"], s["email"], s["weekdayOnly"]) for s in data["steps"]] == [
        ("", None, False), ("../midnight/", "reply", True), ("", "thanks", False)]
    # every step of the pool goes to the page; the general plan is the steps without general: false
    assert data["general"] == ["late", "midnight"]
    assert [(s["to"], s["after"]) for s in data["steps"]] == [(None, []), ("employer", []), ("helper", ["midnight", "late"])]
    assert data["longHours"] == 60


def test_the_page_script_schedules_with_the_data_python_hands_it():
    """planner.js under Node, on script_data's output: the night and the times arrive as Python read them."""
    plan, _ = load_plan(PATH, OWN)
    when = run_js("planner", """
        const local = (d) => rules.iso(d).slice(0, 16);
        return input.news.map(([y, m, d, h, mi]) => {
          const r = rules.schedule(new Date(y, m - 1, d, h, mi), "tonight", input.plan);
          return r.steps.map((s) => s.id + " " + local(s.date));
        });""", {"plan": script_data(plan, {}), "news": [[2027, 3, 9, 20, 0], [2027, 3, 9, 20, 45], [2027, 3, 12, 10, 0]]},
        tz="America/New_York")
    assert when == [
        ["late 2027-03-09T22:00", "midnight 2027-03-10T07:45"],  # 22:00 is before the night; midnight is in it
        ["late 2027-03-10T07:45", "midnight 2027-03-10T08:15"],  # 22:45 is in it; never two at one minute
        ["late 2027-03-12T12:00", "midnight 2027-03-15T09:05"],  # Saturday morning: weekday only, so Monday
    ]


def test_no_step_ever_lands_at_night_or_a_weekday_only_step_on_a_weekend():
    """Every dwell choice, news at many times over seven weeks across a DST change, in two time zones:
    the example plan's own night and weekend rules hold for every step."""
    bad = run_js("planner", """
        const plan = input.plan, bad = [];
        const night = (d) => plan.night.ranges.some(([s, e]) => s <= d.getHours() * 60 + d.getMinutes() && d.getHours() * 60 + d.getMinutes() < e);
        const choices = [...plan.presets.map((p) => p.id), plan.custom.min, 5, 17, 49, plan.custom.max];
        for (const tz of ["America/New_York", "Europe/London"]) {
          process.env.TZ = tz;  // Node applies a changed TZ at once
          for (let t = Date.UTC(2027, 2, 1); t < Date.UTC(2027, 3, 20); t += 37 * 60000 * 60 / 7) {
            for (const c of choices) {
              for (const s of rules.schedule(new Date(t), c, plan, plan.steps.map((x) => x.id)).steps) {
                const day = s.date.getDay();
                if (night(s.date)) bad.push(`${tz}: ${s.id} at night: ${s.date} (${c})`);
                if (s.weekdayOnly && (day === 0 || day === 6)) bad.push(`${tz}: ${s.id} on a weekend: ${s.date} (${c})`);
                if (s.date < new Date(t)) bad.push(`${tz}: ${s.id} before the news: ${s.date}`);
              }
            }
          }
        }
        return bad.slice(0, 10);""", {"plan": script_data(example_plan(), {})})
    assert bad == []


# --- mistakes in the data file, named with their line (on the tests' example plan)


@pytest.mark.parametrize("old, new, needle, expected", [
    ('    at: "10:00"', '    at: "25:00"', 'at: "25:00"', "is not a time of day"),
    ('    at: "10:00"', '    at: "5pm"', 'at: "5pm"', "'at: 5pm' in the step 'reply' is not a time of day."),
    ("    why: Example reason to reply.", "    tittle: x\n    why: Example reason to reply.", "tittle", "unknown key 'tittle'"),
    ("from: dwelling", "from: tomorrow", "from: tomorrow", "neither 'news' nor 'dwelling'"),
    ("max_hours: 100", "max_hours: 1", "max_hours: 1", "'max_hours' is not larger"),
    ("default_hours: 30", "default_hours: 101", "default_hours: 101", "'default_hours' lies outside"),
    ("default: evening", "default: tonight", "default: tonight", "names no dwell preset"),
    ('move_to: "09:00"', 'move_to: "23:00"', 'move_to: "23:00"', "is itself in the night"),
    ('weekday_time: "09:00"', 'weekday_time: "22:00"', 'weekday_time: "22:00"', "is in the night"),
    ('ends: "08:00"', 'ends: "21:00"', 'ends: "21:00"', "starts and ends at the same time"),
    ("    weekday_only: true", "    weekday_only: maybe", "weekday_only: maybe", "neither true nor false"),
    ("hours: 24", "hours: -3", "hours: -3", "not a whole number"),
    ("weekday: sunday", "weekday: sundae", "weekday: sundae", "is not a day of the week"),
    ("    general: false\n    after: check-in", "    general: maybe\n    after: check-in", "general: maybe", "neither true nor false"),
    ("after: check-in", "after: check-inn", "after: check-inn", "'after: check-inn' in the step 'follow-on' names no step"),
    ("after: check-in", "after: follow-on", "after: follow-on", "comes 'after' itself"),
    ("after: check-in", "after: {a: b}", "after: {a: b}", "should name step ids"),
    ("long_hours: 48", "long_hours: many", "long_hours: many", "not a whole number"),
    ("news_on: [thursday, friday, saturday, sunday]", "news_on: [thursday, fryday]", "news_on: [thursday, fryday]",
     "should list days of the week, not 'fryday'"),
    ("default: evening", "default: weekend", "default: weekend", "offered only on some days"),
])
def test_each_mistake_is_named_with_its_line(old, new, needle, expected):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    [err] = problems(text)
    assert (err.path, err.line) == (PATH, line_of(text, needle)), str(err)
    assert expected in err.problem and err.fix


def test_a_step_and_a_preset_need_exactly_one_way_of_timing():
    both = TEXT.replace('    at: "10:00"\n', '    at: "10:00"\n    hours: 3\n', 1)
    [err] = problems(both)
    assert err.line == line_of(both, "- id: reply") and "not both" in err.problem
    neither = TEXT.replace("    hours: 1\n", "", 1)
    [err] = problems(neither)
    assert err.line == line_of(neither, "- id: rest") and "either 'days' and 'at', or 'hours'" in err.problem
    preset = TEXT.replace("      hours: 24\n", '      hours: 24\n      until: "20:00"\n', 1)
    [err] = problems(preset)
    assert err.line == line_of(preset, "- id: day") and "exactly one" in err.problem


def test_a_misspelled_after_gets_a_suggestion_and_a_circle_is_named():
    [err] = problems(TEXT.replace("after: check-in", "after: check-inn", 1))
    assert err.fix == "did you mean 'check-in'?"
    circle = TEXT.replace("    general: false\n\n", "    general: false\n    after: follow-on\n\n", 1)
    circle = TEXT.replace("    email: update\n", "    email: update\n    after: follow-on\n", 1)
    [err] = problems(circle)
    assert "go in a circle" in err.problem and err.line == line_of(circle, "after: follow-on")


def test_without_any_general_step_the_build_says_the_general_plan_is_empty():
    text = TEXT
    for step in example_plan().general:
        text = text.replace(f"  - id: {step.id}\n", f"  - id: {step.id}\n    general: false\n", 1)
    [err] = problems(text)
    assert "general plan is empty" in err.problem and err.line == line_of(text, "steps:")


def test_the_general_plan_and_the_pool():
    plan = example_plan()
    assert [s.id for s in plan.general] == [s.id for s in plan.steps if s.general]
    assert plan.general and len(plan.general) < len(plan.steps), "the example plan has steps only situations use"
    assert any(s.after for s in plan.steps)


def test_the_general_plan_never_emails_one_person_twice_within_a_day():
    """The build check on the general plan, by who receives each template (emails.yml `to:`)."""
    plan = example_plan()
    emails = [s for s in plan.general if s.email]
    first, second = emails[0], emails[1]
    assert check_general_emails(plan, PATH, {}) == []  # the example's emails are a day apart
    near = TEXT.replace(f"  - id: {second.id}\n", f"  - id: {second.id}\n", 1)
    lines = near.splitlines(keepends=True)
    start = line_of(near, f"- id: {second.id}")
    days = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("days:"))
    lines[days] = lines[days].replace(f"days: {second.days}", f"days: {first.days}")
    near_plan, errors = load_plan(PATH, "".join(lines))
    assert errors == []
    [err] = check_general_emails(near_plan, PATH, {})
    assert err.line == line_of(near, f"- id: {second.id}") and f"'{first.id}' and '{second.id}'" in err.problem
    assert "employer" in err.problem and "general: false" in err.fix
    # to different people, or one of them only for situations: no problem
    assert check_general_emails(near_plan, PATH, {second.email: "helper"}) == []


def test_duplicate_step_id_and_missing_title():
    text = TEXT.replace("id: ask", "id: reply", 1)
    [err] = problems(text)
    assert err.line == line_of(text, "- id: reply", after="- id: reply\n")
    assert f"used twice (first on line {line_of(text, '- id: reply')})" in err.problem
    text = TEXT.replace("    title: Example ask step\n", "", 1)
    [err] = problems(text)
    assert err.line == line_of(text, "- id: ask") and err.problem == "The step 'ask' has no 'title'."


def test_invalid_yaml_and_empty_file():
    [err] = problems(TEXT.replace("  presets:", "  presets: [", 1))
    assert "not valid YAML" in err.problem and err.line > 1
    assert "empty" in problems("")[0].problem


def test_references_to_pages_emails_and_checklists():
    plan = example_plan()
    pages = {s.page for s in plan.steps}
    emails = {s.email for s in plan.steps if s.email}
    lists = {s.checklist for s in plan.steps if s.checklist}
    assert check_references(plan, PATH, pages, emails, lists) == []
    assert check_references(plan, PATH, pages, None, None) == []  # other tools' data absent: not checked
    missing = "second.md"
    errs = check_references(plan, PATH, pages - {missing}, None, None)
    assert [e.line for e in errs] == [s.lines["page"] for s in plan.steps if s.page == missing]
    assert errs[0].line == line_of(TEXT, f"page: {missing}") and "not a page of the guide" in errs[0].problem
    [err] = check_references(plan, PATH, pages, emails - {"ask"}, None)
    assert err.line == line_of(TEXT, "email: ask") and "'ask'" in err.problem and "emails.yml" in err.problem
    [err] = check_references(plan, PATH, pages, None, set())
    assert err.line == line_of(TEXT, "checklist: first-list") and "checklists.yml" in err.problem


def test_an_unknown_kind_of_planner_names_the_page_line():
    center = type("Center", (Component,), {"name": "center"})()  # the settings themselves: tests/test_branding.py
    b = Build([planner.component, device.component, emails.component, checklists.component, center], str(EXAMPLE), str(EXAMPLE / "docs"))
    assert b.load() == []
    [err] = b.check_markers("docs/page.md", "# Page\n\n<!-- planner: huge -->\n")
    assert (err.path, err.line) == ("docs/page.md", 3)
    assert err.problem == "The page asks for a kind of planner 'huge', which doesn't exist."
    assert "<!-- planner -->" in err.fix and "<!-- planner: compact -->" in err.fix


def test_the_strict_build_reports_every_planner_problem_with_file_and_line(tmp_path):
    """The one build: a copy of the example site with a missing page, email template and checklist
    in its plan, two emails to one person within a day in its general plan, and an unknown kind of
    planner on a page: all five reach the author, no traceback."""
    project = copy_project(tmp_path / "p")
    site = project / "tests" / "example"  # where its mkdocs.yml finds the project's config, hooks and theme
    shutil.copytree(EXAMPLE, site)
    plan = example_plan()
    lines = TEXT.splitlines(keepends=True)
    step_page = plan.steps[0]
    step_email = next(s for s in plan.steps if s.email)
    step_list = next(s for s in plan.steps if s.checklist)
    for n, key, old in [(step_page.lines["page"], "page", step_page.page), (step_email.lines["email"], "email", step_email.email),
                        (step_list.lines["checklist"], "checklist", step_list.checklist)]:
        lines[n - 1] = lines[n - 1].replace(f"{key}: {old}", f"{key}: no-such-{key}", 1)
    # and a general step emailing the same person as another within a day (both from the news)
    step_twice = next(s for s in plan.general if s.email and s.at is not None and s is not step_email)
    twice = (f"  - id: {step_twice.id}-again\n    title: Again\n    why: Again.\n    from: news\n"
             f"    days: {step_twice.days}\n    at: \"{step_twice.at}\"\n    when: Again\n    page: {step_twice.page}\n"
             f"    email: {step_twice.email}\n")
    lines.append(twice)
    (site / "docs" / "_data" / "planner.yml").write_text("".join(lines), encoding="utf-8")
    page = site / "docs" / "planner" / "index.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source.replace("<!-- planner -->", "<!-- planner: huge -->", 1), encoding="utf-8")

    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "5 problems" in output, output
    assert (f"{PATH}:{len(TEXT.splitlines()) + 1}: The general plan emails the" in output
            and f"twice within a day: the steps '{step_twice.id}' and '{step_twice.id}-again'" in output), output
    assert f"{PATH}:{step_page.lines['page']}: The step '{step_page.id}' links to 'no-such-page'" in output
    assert f"{PATH}:{step_email.lines['email']}: The step '{step_email.id}' uses the email template 'no-such-email'" in output
    assert f"{PATH}:{step_list.lines['checklist']}: The step '{step_list.id}' uses the checklist 'no-such-checklist'" in output
    line = line_of(source, "<!-- planner -->")
    assert f"docs/planner/index.md:{line}: The page asks for a kind of planner 'huge', which doesn't exist." in output


# --- content: the guide's own plan (shipped, and after a center's edits) renders in full


def url_of(md: str) -> str:
    """Site path of a page from its source path in docs/: 'planner/index.md' -> 'planner/'."""
    stem = PurePosixPath(md).with_suffix("")
    return "".join(p + "/" for p in (stem.parts[:-1] if stem.name == "index" else stem.parts))


def sources(guide) -> dict[str, str]:
    """Each page's site path -> its Markdown source."""
    return {url_of(md.relative_to(guide.docs).as_posix()): md.read_text(encoding="utf-8")
            for md in site_pages(guide.docs)}


def planner_pages(guide, variant: str) -> list[str]:
    """Site paths of the guide's pages with `<!-- planner -->` ('') or `<!-- planner: compact -->`."""
    return [path for path, text in sources(guide).items() if any(m.id == variant for m in find_markers(text, "planner"))]


_parsed: dict = {}


def html(guide, path: str):
    """guide.html(path), parsed once per session."""
    key = (guide.name, path)
    if key not in _parsed:
        _parsed[key] = guide.html(path)
    return _parsed[key]


def resolve(guide, page: str, href: str):
    """The built page a link leads to and its fragment; fails when the file isn't there."""
    target = urlsplit(urljoin("http://site/" + page, href))
    assert target.netloc == "site", f"{page}: {href} leaves the site"
    path = target.path.lstrip("/")
    file = guide.site / path / "index.html" if path == "" or path.endswith("/") else guide.site / path
    assert file.is_file(), f"{page}: the link {href} leads nowhere ({path})"
    return path, target.fragment


def test_the_planner_page_lists_every_step_with_links_that_resolve(guide):
    plan = guide.plan()
    pages = planner_pages(guide, "")
    assert len(pages) == 1, f"the guide should have one full planner page (<!-- planner -->), not {pages}"
    doc = html(guide, pages[0])
    page = pages[0]
    items = doc.select("section.planner--full ol.planner__steps > li")
    # every step of the pool, so the script can show a situation's plan; without it, the general plan
    assert [li["data-step"] for li in items] == [s.id for s in plan.steps]
    assert [li["data-step"] for li in items if not li.has_attr("hidden")] == [s.id for s in plan.general]
    for li, step in zip(items, plan.steps):
        assert li.select_one(".planner__relative").get_text() == step.when
        assert li.h3.get_text() == step.title and step.why in li.get_text()
        links = li.select(".planner__links a")
        assert len(links) == 1 + bool(step.email), step.id
        assert resolve(guide, page, links[0]["href"]) == (url_of(step.page), ""), step.id
        if step.email:
            path, fragment = resolve(guide, page, links[1]["href"])
            assert fragment == f"email-{step.email}", step.id
            assert html(guide, path).find(id=fragment) is not None, f"{step.id}: no #{fragment} on {path}"
    # what needs JavaScript stays hidden without it; the script gets the same steps
    assert "guide-js-only" in doc.select_one("form.planner__form")["class"]
    assert "guide-js-only" in doc.select_one(".planner__actions")["class"]
    data = json.loads(doc.select_one("section[data-planner]")["data-planner"])
    assert [s["id"] for s in data["steps"]] == [s.id for s in plan.steps]
    assert data["general"] == [s.id for s in plan.general]
    # each email step knows who receives it (emails.yml `to:`)
    templates = guide.emails().templates
    assert {s["id"]: s["to"] for s in data["steps"] if s["email"]} == {
        s.id: templates[s.email].to for s in plan.steps if s.email}


def test_a_long_dwell_time_has_a_note_with_the_centers_support(guide):
    """The note planner.js shows when dwelling runs past the plan's long_hours: its words and the
    center's support link (or, without one, its booking page or email) from the guide's own settings.
    The compact planner is a plain form with no script: the note shows on the planner it opens."""
    plan, center = guide.plan(), guide.center()
    for path in planner_pages(guide, "compact"):
        assert html(guide, path).select_one("[data-planner-long]") is None, path
    for path in planner_pages(guide, ""):
        note = html(guide, path).select_one("[data-planner-long]")
        assert note.has_attr("hidden") and "guide-js-only" in note["class"], path
        assert plan.long["note"] in note.get_text(" ", strip=True), path
        expected = center.get("support_url") or center.get("booking_url") or f"mailto:{center['contact_email']}"
        assert note.a["href"] == expected, path
        data = json.loads(html(guide, path).select_one("[data-planner]")["data-planner"])
        assert data["longHours"] == plan.long["hours"]


def situation_plans(guide) -> dict[str, list[str]]:
    """The plans of the guide's situations (docs/_data/situations.yml, once the situations tool has it)."""
    import yaml
    path = guide.docs / "_data" / "situations.yml"
    if not path.exists():
        return {}
    from support import data_text
    data = yaml.safe_load(data_text(guide.docs, "situations.yml")) or {}
    return {s["id"]: s["plan"] for s in data.get("situations") or [] if s.get("plan")}


def test_every_plan_keeps_its_promises_for_news_at_any_time(guide):
    """The guide's own plans (the general one, each situation's, and the whole pool), scheduled by
    planner.js for news at many times over three weeks and every dwell choice: no two entries at one
    minute, one email per person per working day, `after` kept, no step in the night or a
    weekday-only one on a weekend, and no step before the news; planned more than a day after the
    news too, when no step and no entry may come before the moment of planning."""
    plan = guide.plan()
    templates = guide.emails().templates
    recipients = {tid: t.to for tid, t in templates.items()}
    plans = {"general": [s.id for s in plan.general], "pool": [s.id for s in plan.steps], **situation_plans(guide)}
    bad = run_js("planner", """
        const plan = input.plan, bad = [];
        const night = (d) => plan.night.ranges.some(([s, e]) => s <= d.getHours() * 60 + d.getMinutes() && d.getHours() * 60 + d.getMinutes() < e);
        const choices = [...plan.presets.map((p) => p.id), plan.custom.min, 30, plan.custom.max];
        for (const [name, ids] of Object.entries(input.plans)) {
          for (let t = Date.UTC(2027, 2, 1, 5); t < Date.UTC(2027, 2, 22); t += 5 * 3600000 + 50 * 60000) {
            const news = new Date(t);
            for (const [c, now] of choices.flatMap((c) => [[c, news], [c, new Date(t + 29 * 3600000 + 10 * 60000)]])) {
              const r = rules.schedule(news, c, plan, ids, now);
              const all = [...(r.passed ? [] : [{ id: "dwell-end", date: r.until }]), ...r.steps];
              const at = `${name}, news ${rules.iso(news)}, planned ${rules.iso(now)}, ${c}`;
              if (r.passed !== r.until < now) bad.push(`${at}: passed is ${r.passed}`);
              if (r.steps.length !== new Set(ids).size) bad.push(`${at}: ${r.steps.length} steps for ${ids}`);
              all.forEach((a, i) => {
                if (a.from && night(a.date)) bad.push(`${at}: ${a.id} at night`);
                if (a.weekdayOnly && a.date.getDay() % 6 === 0) bad.push(`${at}: ${a.id} on a weekend`);
                if (a.date < news) bad.push(`${at}: ${a.id} before the news`);
                if (a.date < now) bad.push(`${at}: ${a.id} before the moment of planning`);
                for (const dep of a.after || []) {
                  const b = all.find((x) => x.id === dep);
                  if (b && b.date >= a.date) bad.push(`${at}: ${a.id} not after ${dep}`);
                }
                for (const b of all.slice(i + 1)) {
                  if (Math.abs(a.date - b.date) < rules.GAP) bad.push(`${at}: ${a.id} and ${b.id} at the same time`);
                  if (a.email && b.email && a.to === b.to) {
                    const [x, y] = a.date < b.date ? [a, b] : [b, a];
                    if (y.date < rules.workingDayAfter(x.date)) bad.push(`${at}: ${x.id} and ${y.id} to the ${a.to} within a working day`);
                  }
                }
              });
            }
          }
        }
        return bad.slice(0, 10);""", {"plan": script_data(plan, {}, recipients), "plans": plans}, tz="America/Chicago")
    assert bad == []


def test_the_hours_hint_shows_the_plans_own_bounds(guide):
    custom = guide.plan().custom
    [page] = planner_pages(guide, "")
    doc = html(guide, page)
    box = doc.select_one("#planner-hours")
    assert (box["min"], box["max"]) == (str(custom["min_hours"]), str(custom["max_hours"]))
    hint = doc.select_one("#planner-hours-hint").get_text()
    assert hint == fill(guide.words("planner")["hours_hint"], min=custom["min_hours"], max=custom["max_hours"])
    assert doc.select_one("label[for=planner-dwell-custom]").get_text() == custom["label"]


def test_planner_code_loads_once_and_only_where_a_planner_is(guide):
    plan = guide.plan()
    [full] = planner_pages(guide, "")
    compact = planner_pages(guide, "compact")
    for path, text in sources(guide).items():
        if not any(m.id == "" for m in find_markers(text, "planner")):  # no full planner: not a trace of its code
            assert "assets/tools/planner." not in (guide.site / path / "index.html").read_text(encoding="utf-8"), path
            continue
        doc = html(guide, path)
        scripts = doc.select('script[src$="assets/tools/planner.js"]')
        styles = doc.select('link[href$="assets/tools/planner.css"]')
        assert (len(scripts), len(styles)) == (1, 1), path
        assert not doc.select(".planner--compact"), path
    for path in compact:  # a plain form that opens the full planner with the choice: planner/?dwell=<id>
        form = html(guide, path).select_one("form.planner--compact")
        target, anchor = resolve(guide, path, form["action"])
        assert form["method"] == "get" and target == full
        assert not anchor or html(guide, full).select_one(f"#{anchor}"), f"{path}: the form lands on #{anchor}, which isn't there"
        assert not form.select("[data-planner]") and not form.select(".guide-js-only"), "works the same without JavaScript"
        assert [(o["value"], o.get_text()) for o in form.select("select[name=dwell] option")] == [(p.id, p.label) for p in plan.presets]
        assert [o["value"] for o in form.select("option[selected]")] == [plan.default]
        assert form.select_one("button[type=submit]")


def test_the_steps_timing_in_words_names_the_part_of_the_day_the_planner_names(guide):
    """One vocabulary for times of day: a step's `when` line (shown without JavaScript) never names a
    part of the day other than the one its time falls in, in the words the planner's script uses for
    those parts ("{day} afternoon", "El {day} por la tarde": what follows the day's name). Parts as
    CLDR's English day periods: morning to 12:00, afternoon to 18:00, evening to 21:00, then night."""
    says = guide.words("planner")["script"]
    names = {part: says[f"weekday_{part}"].split("{day}")[1].strip().lower() for part in ("morning", "afternoon", "evening", "night")}
    assert len(set(names.values())) == len(names), names

    def part(hhmm: str) -> str:
        minutes = int(hhmm[:2]) * 60 + int(hhmm[3:])
        return "morning" if minutes < 12 * 60 else "afternoon" if minutes < 18 * 60 else "evening" if minutes < 21 * 60 else "night"

    wrong = []
    for step in guide.plan().steps:
        if step.at is None:
            continue
        when, own = step.when.lower(), part(step.at)
        for other, name in names.items():
            if other != own and name in when and names[own] not in when:
                wrong.append(f"{step.id} at {step.at} ({own}): '{step.when}' says '{name}'")
    assert wrong == []


def test_a_plan_over_several_weeks_downloads_as_a_valid_calendar_across_a_clock_change(guide):
    """A situation whose plan runs over weeks (a weekly rhythm, not a countdown from one piece of news),
    scheduled by planner.js for news ten days before a daylight-saving change and written as the .ics the
    page downloads: it parses with icalendar, one event per entry, each with its own UID and a DTSTAMP;
    entries in at least three different weeks, on both sides of the change; and each event's time, read
    back in the student's zone, is the time the planner shows (the steps after the change keep their
    clock time instead of moving an hour)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo
    import icalendar

    plan = guide.plan()
    days = {s.id: s.days for s in plan.steps if s.at}
    long = {name: ids for name, ids in situation_plans(guide).items() if max(days.get(i, 0) for i in ids) >= 14}
    if not long:
        pytest.skip("no situation of this guide plans over several weeks")
    zone = ZoneInfo("America/Chicago")  # clocks go forward on 2027-03-14
    out = run_js("planner", """
        const plan = input.plan, news = new Date(2027, 2, 4, 18, 0), res = {};
        for (const [name, ids] of Object.entries(input.plans)) {
          const r = rules.schedule(news, plan.presets[0].id, plan, ids, news);
          const list = rules.entries(r, plan, {}, "https://x.example/guide/");
          res[name] = { ics: rules.ics(news, list), shown: list.map((e) => [e.id, e.date.getHours() * 60 + e.date.getMinutes()]) };
        }
        return { gap: rules.GAP, plans: res };""", {"plan": script_data(plan, {}, {t: x.to for t, x in guide.emails().templates.items()}),
                         "plans": long}, tz="America/Chicago")
    for name, got in out["plans"].items():
        assert got["ics"].endswith("\r\n") and "\n" not in got["ics"].replace("\r\n", ""), name
        events = icalendar.Calendar.from_ical(got["ics"]).walk("VEVENT")
        assert len(events) == len(got["shown"]), name
        assert len({str(e["UID"]) for e in events}) == len(events) and all("DTSTAMP" in e for e in events), name
        local = [e["DTSTART"].dt.astimezone(zone) for e in events]
        assert [t.hour * 60 + t.minute for t in local] == [m for _, m in got["shown"]], name
        assert len({t.isocalendar()[:2] for t in local}) >= 3, f"{name}: entries in fewer than three weeks"
        assert {t.utcoffset() for t in local} == {timedelta(hours=-6), timedelta(hours=-5)}, f"{name}: not across the change"
        starts = sorted(local)
        assert all(b - a >= timedelta(milliseconds=out["gap"]) for a, b in zip(starts, starts[1:])), f"{name}: two entries too close"
