"""Dwell-time planner: its data file is checked with file:line errors, and the build renders it.

The scheduling rules themselves live in assets/tools/planner.js: tests/js/planner.test.mjs checks
them under Node, tests/test_planner_browser.py in the page. Here: the data Python hands that script.
"""
from __future__ import annotations

import json

import pytest

from guidekit.planner import check_references, in_night, load_plan, night_ranges, script_data
from support import DOCS, build, built_file, copy_project, page_paths, run_js, soup

DATA = DOCS / "_data" / "planner.yml"
PATH = "docs/_data/planner.yml"
TEXT = DATA.read_text(encoding="utf-8")


def line_of(text: str, needle: str, after: str = "") -> int:
    """1-based line of the first `needle` (after the first `after`, if given)."""
    start = text.index(after) + len(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


def problems(text: str):
    plan, errors = load_plan(PATH, text)
    assert plan is None and errors
    return errors


def test_the_real_data_loads_with_every_step_needed():
    plan, errors = load_plan(PATH, TEXT)
    assert errors == []
    ids = [s.id for s in plan.steps]
    assert {"gracious-reply", "feedback-request", "no-reply-follow-up", "analyse", "update-materials",
            "be-kind", "back-to-applications"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert {p.id for p in plan.presets} >= {"evening", "day", "weekend"}
    assert all(s.weekday_only for s in plan.steps if s.email), "professional emails must fall on weekdays"
    data = script_data(plan, {"be-kind": "../be-kind/"})
    assert data["custom"] == {"min": 1, "max": 336, "default": 48}
    assert next(p for p in data["presets"] if p["id"] == "weekend")["weekday"] == 0  # Sunday, as JS counts
    assert next(s for s in data["steps"] if s["id"] == "be-kind")["url"] == "../be-kind/"


# A plan owned by these tests (the shipped one is the center's to change).
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
    weekday_only: true
"""


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
    data = script_data(plan, {})
    assert data["night"] == {"ranges": [[0, 375], [1350, 1440]], "moveTo": 465}
    assert data["weekdayTime"] == 545
    assert [p.get("until") for p in data["presets"]] == [1200, 1080]
    assert [s["at"] for s in data["steps"]] == [None, 0]


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
        ["late 2027-03-10T07:45", "midnight 2027-03-10T07:45"],  # 22:45 is in it
        ["late 2027-03-12T12:00", "midnight 2027-03-15T09:05"],  # Saturday morning: weekday only, so Monday
    ]


@pytest.mark.parametrize("old, new, needle, expected", [
    ('    at: "10:00"', '    at: "25:00"', 'at: "25:00"', "is not a time of day"),
    ("    why: A calm", "    tittle: x\n    why: A calm", "tittle", "unknown key 'tittle'"),
    ("from: dwelling", "from: tomorrow", "from: tomorrow", "neither 'news' nor 'dwelling'"),
    ("max_hours: 336", "max_hours: 1", "max_hours: 1", "'max_hours' is not larger"),
    ("default: evening", "default: tonight", "default: tonight", "names no dwell preset"),
    ('move_to: "09:00"', 'move_to: "23:00"', 'move_to: "23:00"', "is itself in the night"),
    ("    weekday_only: true", "    weekday_only: maybe", "weekday_only: maybe", "neither true nor false"),
    ("hours: 24", "hours: -3", "hours: -3", "not a whole number"),
])
def test_each_mistake_is_named_with_its_line(old, new, needle, expected):
    text = TEXT.replace(old, new, 1)
    [err] = problems(text)
    assert (err.path, err.line) == (PATH, line_of(text, needle)), str(err)
    assert expected in err.problem and err.fix


def test_a_step_needs_exactly_one_way_of_timing():
    both = TEXT.replace('    at: "10:00"\n', '    at: "10:00"\n    hours: 3\n', 1)
    [err] = problems(both)
    assert err.line == line_of(both, "- id: gracious-reply") and "not both" in err.problem
    neither = TEXT.replace("    hours: 1\n", "", 1)
    [err] = problems(neither)
    assert err.line == line_of(neither, "- id: be-kind") and "either 'days' and 'at', or 'hours'" in err.problem


def test_duplicate_step_id_and_missing_title():
    text = TEXT.replace("id: feedback-request", "id: gracious-reply", 1)
    [err] = problems(text)
    assert err.line == line_of(text, "- id: gracious-reply", after="- id: gracious-reply\n")
    assert f"used twice (first on line {line_of(text, '- id: gracious-reply')})" in err.problem
    text = TEXT.replace("    title: Ask for feedback\n", "", 1)
    [err] = problems(text)
    assert err.line == line_of(text, "- id: feedback-request") and "The step 'feedback-request' has no 'title'." == err.problem


def test_invalid_yaml_and_empty_file():
    [err] = problems(TEXT.replace("  presets:", "  presets: [", 1))
    assert "not valid YAML" in err.problem and err.line > 1
    assert "empty" in problems("")[0].problem


def test_references_to_pages_emails_and_checklists():
    plan, _ = load_plan(PATH, TEXT)
    pages = {s.page for s in plan.steps}
    assert check_references(plan, PATH, pages, None, None) == []  # other tools' data absent: not checked
    [err] = check_references(plan, PATH, pages - {"analyse.md"}, None, None)
    assert err.line == line_of(TEXT, "page: analyse.md") and "not a page of the guide" in err.problem
    emails = {"gracious-reply", "feedback-request"}
    [err] = check_references(plan, PATH, pages, emails, None)
    assert err.line == line_of(TEXT, "email: feedback-follow-up") and "emails.yml" in err.problem
    [err] = check_references(plan, PATH, pages, None, {"be-kind", "analyse", "keep-going"})
    assert err.line == line_of(TEXT, "checklist: update-materials")


# --- the build


def _broken_build(tmp_path, edit):
    project = copy_project(tmp_path / "p")
    edit(project)
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


def test_build_names_file_and_line_for_bad_data(tmp_path):
    def edit(project):
        data = project / "docs" / "_data" / "planner.yml"
        data.write_text(TEXT.replace("page: analyse.md", "page: analysis.md").replace("checklist: keep-going", "checklist: keep-on"))
    output = _broken_build(tmp_path, edit)
    assert "2 problems" in output
    assert f"{PATH}:{line_of(TEXT, 'page: analyse.md')}: The step 'analyse' links to 'analysis.md'" in output
    assert f"{PATH}:{line_of(TEXT, 'checklist: keep-going')}: The step 'back-to-applications' uses the checklist 'keep-on'" in output


def test_build_names_the_line_of_a_bad_time(tmp_path):
    def edit(project):
        (project / "docs" / "_data" / "planner.yml").write_text(TEXT.replace('at: "17:00"', 'at: "5pm"', 1))
    output = _broken_build(tmp_path, edit)
    line = line_of(TEXT, 'at: "17:00"')
    assert f"{PATH}:{line}: 'at: 5pm' in the step 'analyse' is not a time of day." in output


def test_build_names_the_page_line_of_an_unknown_marker(tmp_path):
    def edit(project):
        page = project / "docs" / "planner" / "index.md"
        page.write_text(page.read_text().replace("<!-- planner -->", "<!-- planner: huge -->"))
    output = _broken_build(tmp_path, edit)
    line = line_of((DOCS / "planner" / "index.md").read_text(), "<!-- planner -->")
    assert f"docs/planner/index.md:{line}: The page asks for a kind of planner 'huge', which doesn't exist." in output


def test_build_reports_a_missing_data_file_at_the_marker(tmp_path):
    output = _broken_build(tmp_path, lambda project: (project / "docs" / "_data" / "planner.yml").unlink())
    assert "docs/_data/planner.yml:1: The planner data file docs/_data/planner.yml is missing." in output


def test_build_checks_email_ids_against_the_email_templates(tmp_path):
    def edit(project):
        data = project / "docs" / "_data" / "planner.yml"
        data.write_text(data.read_text().replace("email: feedback-follow-up", "email: no-such-email"))
    output = _broken_build(tmp_path, edit)
    assert (f"{PATH}:{line_of(TEXT, 'email: feedback-follow-up')}: The step 'no-reply-follow-up' "
            "uses the email template 'no-such-email'") in output


def test_email_steps_link_to_their_template(site):
    links = {a["href"] for a in soup(built_file(site, "planner/")).select(".planner__links a")}
    assert {"../emails/#email-gracious-reply", "../emails/#email-feedback-request",
            "../emails/#email-feedback-follow-up"} <= links


def test_planner_page_lists_every_step_without_javascript(site):
    plan, _ = load_plan(PATH, TEXT)
    doc = soup(built_file(site, "planner/"))
    items = doc.select("section.planner--full ol.planner__steps > li")
    assert [li["data-step"] for li in items] == [s.id for s in plan.steps]
    for li, step in zip(items, plan.steps):
        assert li.select_one(".planner__relative").get_text() == step.when
        assert li.h3.get_text() == step.title and step.why in li.get_text()
        assert li.select_one(".planner__links a")["href"].startswith("../")
    # what needs JavaScript stays hidden without it
    assert "guide-js-only" in doc.select_one("form.planner__form")["class"]
    assert "guide-js-only" in doc.select_one(".planner__actions")["class"]
    data = json.loads(doc.select_one("section[data-planner]")["data-planner"])
    assert [s["id"] for s in data["steps"]] == [s.id for s in plan.steps]


def test_email_links_point_at_the_email_page(site):
    anchored = (DOCS / "_data" / "emails.yml").exists()
    links = [a["href"] for a in soup(built_file(site, "planner/")).select(".planner__links a")
             if a.get_text() == "Email template"]
    assert len(links) == 3
    assert all(h.startswith("../emails/") and (("#email-" in h) == anchored) for h in links)


def test_planner_code_loads_once_and_only_where_a_planner_is(site):
    for path in page_paths():
        doc = soup(built_file(site, path))
        scripts = doc.select('script[src$="assets/tools/planner.js"]')
        styles = doc.select('link[href$="assets/tools/planner.css"]')
        expected = 1 if path in ("planner/", "feel-it/") else 0
        assert (len(scripts), len(styles)) == (expected, expected), path
    compact = soup(built_file(site, "feel-it/")).select_one("section.planner--compact")
    assert compact.select_one("a.md-button")["href"] == "../planner/"
    assert [o["value"] for o in compact.select("option")] == ["evening", "day", "weekend"]
