"""Checklists: the data file, its validation (file:line in the build output) and the built HTML."""
from __future__ import annotations

import pytest

from guidekit.checklists import load_checklists
from support import DOCS, build, copy_project, soup

DATA = DOCS / "_data" / "checklists.yml"
GUIDANCE = ["feel-it", "ask-for-feedback", "analyse", "update-materials", "reply-graciously", "be-kind", "keep-going"]

GOOD = """\
checklists:
  - id: feel-it
    page: feel-it.md
    title: Feel it
    why: Because.
    items:
      - id: one
        text: First thing
      - id: two
        text: Second thing
"""


def test_the_real_data_loads_with_one_checklist_per_guidance_page():
    loaded, errors = load_checklists("docs/_data/checklists.yml", DATA.read_text())
    assert not errors
    checklists = {c.id: c for c in loaded}
    for page in GUIDANCE:
        assert page in checklists, f"no checklist for {page}"
        assert 4 <= len(checklists[page].items) <= 8
        assert checklists[page].page == f"{page}.md"


@pytest.mark.parametrize("page", GUIDANCE)
def test_each_guidance_page_shows_its_checklist_as_a_labelled_list(site, page):
    doc = soup(site / page / "index.html")
    section = doc.select_one(f"section#checklist-{page}[data-checklist='{page}']")
    assert section is not None
    boxes = section.select("input[type=checkbox][data-item]")
    assert 4 <= len(boxes) <= 8
    for box in boxes:
        label = section.select_one(f"label[for='{box['id']}']")
        assert label and label.get_text(strip=True)


def test_overview_lists_every_checklist_with_a_link(site):
    doc = soup(site / "checklists" / "index.html")
    entries = doc.select("[data-checklist-overview] [data-overview]")
    assert [e["data-overview"] for e in entries] == GUIDANCE
    for entry in entries:
        assert entry.select_one("a")["href"].endswith(f"#checklist-{entry['data-overview']}")


def errors_of(source: str) -> list[str]:
    loaded, errors = load_checklists("docs/_data/checklists.yml", source)
    assert errors and not loaded
    return [str(e) for e in errors]


def test_good_sample_loads():
    [c], errors = load_checklists("x.yml", GOOD)
    assert not errors
    assert [i.id for i in c.items] == ["one", "two"]


def test_unit_errors_name_the_line():
    assert errors_of(GOOD.replace("id: two", "id: one")) == [
        "docs/_data/checklists.yml:9: The item id 'one' is used twice in 'feel-it' (first on line 7). "
        "Fix: give each item in a checklist its own id."]
    assert errors_of(GOOD.replace("    title: Feel it\n", ""))[0].startswith("docs/_data/checklists.yml:2: The checklist 'feel-it' has no 'title'.")
    assert errors_of(GOOD.replace("text: Second thing", "text: ''"))[0].startswith("docs/_data/checklists.yml:10: 'text' in the item 'two' of 'feel-it' is empty.")
    assert errors_of(GOOD.replace("    why:", "    wyh:"))[0].startswith(
        "docs/_data/checklists.yml:5: The checklist 'feel-it' has an unknown key 'wyh'. Fix: did you mean 'why'?")
    assert errors_of(GOOD.replace("id: one", "id: One Thing"))[0].startswith("docs/_data/checklists.yml:7: 'id: One Thing' in an item of 'feel-it' is not a valid id.")
    assert errors_of("checklists: []\n")[0].startswith("docs/_data/checklists.yml:1: 'checklists' in the file has no entries. Fix: start the file with 'checklists:'")


def _break(tmp_path, old: str, new: str, target: str = "_data/checklists.yml"):
    project = copy_project(tmp_path / "p")
    path = project / "docs" / target
    source = path.read_text()
    assert old in source
    path.write_text(source.replace(old, new, 1))
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    return output


def line_of(text: str, target: str = "_data/checklists.yml") -> int:
    lines = (DOCS / target).read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_build_error_duplicate_checklist_id(tmp_path):
    out = _break(tmp_path, "  - id: analyse\n", "  - id: feel-it\n")
    assert f"docs/_data/checklists.yml:{line_of('  - id: analyse')}: The checklist id 'feel-it' is used twice" in out


def test_build_error_duplicate_item_id(tmp_path):
    out = _break(tmp_path, "id: let-it-out", "id: set-end-time")
    assert f"docs/_data/checklists.yml:{line_of('id: let-it-out')}: The item id 'set-end-time' is used twice" in out


def test_build_error_empty_item(tmp_path):
    out = _break(tmp_path, "text: Tell one person you trust what happened", "text:")
    assert f"docs/_data/checklists.yml:{line_of('text: Tell one person you trust')}: 'text' in the item 'tell-someone' of 'feel-it' is empty." in out


def test_build_error_missing_title(tmp_path):
    out = _break(tmp_path, "    title: Feel it, then set a limit\n", "")
    assert f"docs/_data/checklists.yml:{line_of('  - id: feel-it')}: The checklist 'feel-it' has no 'title'." in out


def test_build_error_malformed_yaml(tmp_path):
    out = _break(tmp_path, "      - id: let-it-out\n", "      - id: let-it-out\n   oops: [\n")
    assert f"docs/_data/checklists.yml:" in out and "is not valid YAML" in out and "Fix:" in out


def test_build_error_unknown_page(tmp_path):
    out = _break(tmp_path, "page: analyse.md", "page: analyze.md")
    assert f"docs/_data/checklists.yml:{line_of('page: analyse.md')}: The checklist 'analyse' belongs to 'analyze.md'" in out


def test_build_error_unknown_checklist_in_a_page(tmp_path):
    out = _break(tmp_path, "<!-- checklist: be-kind -->", "<!-- checklist: be-nice -->", "be-kind.md")
    assert (f"docs/be-kind.md:{line_of('<!-- checklist: be-kind -->', 'be-kind.md')}: "
            "The page asks for the checklist 'be-nice', which doesn't exist.") in out
