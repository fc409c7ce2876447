"""The component build (hooks/components/base.py): one marker grammar, one data-file policy,
declared needs. Unit tests on the tests' example data; one strict build proves the wiring."""
from __future__ import annotations

import shutil

import pytest

from components import checklists, device, emails, planner
from components.base import Build, Component, ordered
from support import EXAMPLE, build, copy_project, site_pages

# The center's settings come from mkdocs.yml (tests/test_branding.py); here a stand-in of that name.
CENTER = type("Center", (Component,), {"name": "center"})()
TOOLS = [planner.component, device.component, emails.component, checklists.component, CENTER]  # not in order of needs


def example_build(tmp_path=None, drop: str | None = None) -> Build:
    root = EXAMPLE
    if tmp_path is not None:
        root = tmp_path / "example"
        shutil.copytree(EXAMPLE, root)
        if drop:
            (root / "docs" / "_data" / drop).unlink()
    return Build(list(TOOLS), str(root), str(root / "docs"))


def problems(source: str) -> list[str]:
    b = example_build()
    assert b.load() == []
    return [str(e) for e in b.check_markers("docs/page.md", source)]


def test_components_run_after_those_they_need():
    names = [c.name for c in ordered(list(TOOLS))]
    assert names.index("planner") > names.index("emails") and names.index("planner") > names.index("checklists")


def test_a_component_reading_data_it_did_not_declare_is_a_programming_error():
    b = example_build()
    b.load()
    with pytest.raises(RuntimeError, match="without declaring it"):
        b.data_of(checklists.component, "emails")


def test_a_need_that_is_not_registered_is_a_programming_error():
    class Lonely(Component):
        name, needs = "lonely", ("nowhere",)
    with pytest.raises(RuntimeError, match="needs 'nowhere'"):
        ordered([Lonely()])


def test_known_markers_pass():
    assert problems("<!-- checklist: first-list -->\n\n<!-- email: ask -->\n\n<!-- planner: compact -->\n\n"
                    "<!-- device-controls -->\n") == []


def test_a_misspelt_kind_names_the_line_and_suggests_the_kind():
    [err] = problems("# T\n\n<!-- checklsit: first-list -->\n")
    assert err == ("docs/page.md:3: '<!-- checklsit: first-list -->' is not a marker the guide knows. "
                   "Fix: did you mean '<!-- checklist: first-list -->'?")


def test_an_unknown_id_suggests_the_closest_and_where_ids_live():
    [err] = problems("<!-- checklist: first-lsit -->\n")
    assert err.startswith("docs/page.md:1: The page asks for the checklist 'first-lsit', which doesn't exist.")
    assert "did you mean 'first-list'" in err and "docs/_data/checklists.yml" in err


def test_an_unknown_variant_suggests_the_closest():
    [err] = problems("\n<!-- planner: compakt -->\n")
    assert err.startswith("docs/page.md:2: The page asks for a kind of planner 'compakt'") and "did you mean 'compact'" in err


def test_a_missing_id_or_an_id_where_none_is_taken():
    assert "doesn't say which" in problems("<!-- email -->\n")[0]
    assert "takes no id" in problems("<!-- device-controls: x -->\n")[0]


def test_a_one_word_comment_is_just_a_comment_but_a_close_one_is_flagged():
    assert problems("<!-- draft -->\n\n<!-- TODO: tidy up -->\n") == []
    assert "did you mean '<!-- checklist -->'" in problems("<!-- checklst -->\n")[0]


def test_markers_the_build_writes_cannot_be_written_by_authors():
    assert "the build writes itself" in problems("<!-- email-choose -->\n")[0]


def test_a_marker_must_stand_on_its_own_line():
    [err] = problems("See <!-- email: ask --> here.\n")
    assert "shares its line with other text" in err


def test_page_rules_of_a_component():
    errs = problems("<!-- email: ask -->\n\n<!-- email: ask -->\n\n<!-- planner -->\n\n<!-- planner: compact -->\n")
    assert [e.split(": ", 1)[0] for e in errs] == ["docs/page.md:3", "docs/page.md:7"]
    assert "shown twice" in errs[0] and "second planner marker" in errs[1]


@pytest.mark.parametrize("name", ["checklists.yml", "emails.yml", "planner.yml"])
def test_a_missing_data_file_is_one_clear_error(tmp_path, name):
    errors = [str(e) for e in example_build(tmp_path, drop=name).load()]
    assert errors == [f"docs/_data/{name}:1: The {name[:-4]} data file docs/_data/{name} is missing. "
                      f"Fix: restore it (git checkout -- docs/_data/{name}); the {name[:-4]} tool needs it."]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_strict_build_fails_on_a_misspelt_marker_with_file_and_line(tmp_path, lang):
    """In an English page, and in a translation's (built by the same build from docs/<code>/)."""
    project = copy_project(tmp_path / "p")
    docs = project / "docs" if lang == "en" else project / "docs" / lang
    page = next(p for p in site_pages(docs) if "<!-- checklist: " in p.read_text())
    text = page.read_text()
    page.write_text(text.replace("<!-- checklist: ", "<!-- checklsit: ", 1))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "<!-- checklist: " in t)
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    rel = page.relative_to(project).as_posix()
    assert f"{rel}:{line}: '<!-- checklsit: " in output and "did you mean '<!-- checklist: " in output


def test_the_tools_section_is_the_first_nav_section_holding_a_tools_page():
    from types import SimpleNamespace as NS
    from components.pages import find_tools_section
    page = lambda src, url: NS(file=NS(src_uri=src), url=url, children=None)  # noqa: E731
    sub = NS(title="More", children=[page("x.md", "x/")])                      # a subsection: no address
    tools = NS(title="Tools", children=[page("checklists/index.md", "checklists/"), sub, page("planner/index.md", "planner/")])
    nav = [page("index.md", ""), NS(title="Steps", children=[page("a.md", "a/")]), tools,
           NS(title="Also", children=[page("emails/index.md", "emails/")])]
    section, entries = find_tools_section(nav)
    assert section is tools and [e.url for e in entries] == ["checklists/", "planner/"]
    assert find_tools_section(nav[:2]) == (None, [])
