"""Checklists: loading and validating the data (unit tests on small texts the tests own, file:line
exact), one strict build proving an error reaches the build output, and the built HTML of the guide
(shipped and after a center's edits), checked against that guide's own data."""
from __future__ import annotations

import shutil
from urllib.parse import urljoin

from components import checklists as checklists_component
from components.base import Build
from guidekit.checklists import check_pages, load_checklists
from support import EXAMPLE, build, copy_project

PATH = "docs/_data/checklists.yml"

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
SECOND = """\
  - id: other
    page: other.md
    title: Other
    why: Because.
    items:
      - id: one
        text: Another thing
"""


def page_url(md: str) -> str:
    """The site-relative URL of a page given by its path in docs/: 'a.md' -> 'a/', 'b/index.md' -> 'b/'."""
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem.rstrip("/") + "/" if stem else ""


# ---- Loading and validating (unit) ----

def errors_of(source: str) -> list[str]:
    loaded, errors = load_checklists(PATH, source)
    assert errors and not loaded
    return [str(e) for e in errors]


def test_good_sample_loads():
    [c], errors = load_checklists("x.yml", GOOD)
    assert not errors
    assert (c.id, c.page, c.title, c.why) == ("feel-it", "feel-it.md", "Feel it", "Because.")
    assert [(i.id, i.text, i.line) for i in c.items] == [("one", "First thing", 7), ("two", "Second thing", 9)]


def test_an_item_id_may_repeat_in_another_checklist():
    loaded, errors = load_checklists("x.yml", GOOD + SECOND)
    assert not errors and [c.id for c in loaded] == ["feel-it", "other"]


def test_unit_errors_name_the_line():
    assert errors_of(GOOD.replace("id: two", "id: one")) == [
        f"{PATH}:9: The item id 'one' is used twice in 'feel-it' (first on line 7). "
        "Fix: give each item in a checklist its own id."]
    assert errors_of(GOOD + SECOND.replace("id: other", "id: feel-it")) == [
        f"{PATH}:11: The checklist id 'feel-it' is used twice (first on line 2). Fix: give each checklist its own id."]
    assert errors_of(GOOD.replace("    title: Feel it\n", ""))[0].startswith(f"{PATH}:2: The checklist 'feel-it' has no 'title'.")
    assert errors_of(GOOD.replace("text: Second thing", "text: ''"))[0].startswith(f"{PATH}:10: 'text' in the item 'two' of 'feel-it' is empty.")
    assert errors_of(GOOD.replace("text: Second thing", "text:"))[0].startswith(f"{PATH}:10: 'text' in the item 'two' of 'feel-it' is empty.")
    assert errors_of(GOOD.replace("    why:", "    wyh:"))[0].startswith(
        f"{PATH}:5: The checklist 'feel-it' has an unknown key 'wyh'. Fix: did you mean 'why'?")
    assert errors_of(GOOD.replace("id: one", "id: One Thing"))[0].startswith(f"{PATH}:7: 'id: One Thing' in an item of 'feel-it' is not a valid id.")
    assert errors_of("checklists: []\n")[0].startswith(f"{PATH}:1: 'checklists' in the file has no entries. Fix: start the file with 'checklists:'")


def test_malformed_yaml_names_the_line_and_how_to_fix_it():
    [err] = errors_of(GOOD.replace("      - id: two\n", "      - id: two\n   oops: [\n"))
    assert err.startswith(f"{PATH}:10: This is not valid YAML") and "Fix:" in err


def test_a_checklist_for_a_page_that_does_not_exist_names_its_page_line():
    loaded, _ = load_checklists(PATH, GOOD + SECOND)
    [err] = [str(e) for e in check_pages(PATH, loaded, {"feel-it.md", "index.md"})]
    assert err.startswith(f"{PATH}:12: The checklist 'other' belongs to 'other.md', which doesn't exist. Fix: use the file name of a page")
    assert check_pages(PATH, loaded, {"feel-it.md", "other.md"}) == []


def test_a_page_asking_for_an_unknown_checklist_names_its_line():
    b = Build([checklists_component.component], str(EXAMPLE), str(EXAMPLE / "docs"))
    assert b.load() == []
    [err] = [str(e) for e in b.check_markers("docs/be-kind.md", "# Be kind\n\nText.\n\n<!-- checklist: be-nice -->\n")]
    assert err.startswith("docs/be-kind.md:5: The page asks for the checklist 'be-nice', which doesn't exist.")


# ---- The one build: an error in the data file reaches the strict build's output ----

def test_strict_build_reports_a_data_error_with_file_and_line(tmp_path):
    """On a copy of the example site (with the project parts it inherits from)."""
    copy_project(tmp_path)
    site = tmp_path / "tests" / "example"
    shutil.copytree(EXAMPLE, site)
    data = site / "docs" / "_data" / "checklists.yml"
    text = data.read_text(encoding="utf-8")
    loaded, errors = load_checklists(PATH, text)
    assert not errors
    c = next(c for c in loaded if len(c.items) >= 2)
    first, second = c.items[0], c.items[1]
    lines = text.splitlines(keepends=True)
    assert f"id: {second.id}" in lines[second.line - 1]
    lines[second.line - 1] = lines[second.line - 1].replace(f"id: {second.id}", f"id: {first.id}")
    data.write_text("".join(lines), encoding="utf-8")
    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"{PATH}:{second.line}: The item id '{first.id}' is used twice in '{c.id}' (first on line {first.line})." in output


# ---- Content: the built guide shows what its data holds (shipped, and after a center's edits) ----

def test_every_checklist_shows_on_its_page_with_all_its_items_labelled(guide):
    lists = guide.checklists()
    assert lists, "the guide has no checklists"
    for c in lists:
        doc = guide.html(page_url(c.page))
        section = doc.select_one(f"section#checklist-{c.id}[data-checklist='{c.id}']")
        assert section is not None, f"{c.page} doesn't show the checklist '{c.id}'"
        assert c.title in section.select_one("h2").get_text()
        boxes = section.select("input[type=checkbox][data-item]")
        assert [b["data-item"] for b in boxes] == [i.id for i in c.items]
        for box, entry in zip(boxes, c.items):
            label = section.select_one(f"label[for='{box['id']}']")
            assert label and label.get_text(strip=True) == entry.text


def test_overview_lists_every_checklist_with_a_link_to_it(guide):
    from guidekit.checklists import in_guide_order  # in the order of the guide's menu
    from test_branding import settings_of
    lists = in_guide_order(guide.checklists(), settings_of(guide.root / "mkdocs.yml")["nav"])
    overviews = [p for p in guide.pages() if "data-checklist-overview" in (guide.site / p / "index.html").read_text(encoding="utf-8")
                 and guide.html(p).select_one("[data-checklist-overview]")]
    assert overviews, "no page shows the checklists overview"
    for path in overviews:
        entries = guide.html(path).select("[data-checklist-overview] [data-overview]")
        assert [e["data-overview"] for e in entries] == [c.id for c in lists]
        for entry, c in zip(entries, lists):
            assert entry["data-items"].split() == [i.id for i in c.items]
            href = entry.select_one("a")["href"]
            assert urljoin(guide.url + path, href) == f"{guide.url}{page_url(c.page)}#checklist-{c.id}"


def search_entries(guide) -> dict[str, dict]:
    """The guide's search index (Material's search_index.json): location -> entry, its title and text
    as plain words (tags out, entities decoded, spaces collapsed)."""
    import html
    import json
    import re
    docs = json.loads((guide.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def words(text: str) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    return {d["location"]: {"title": words(d["title"]), "text": words(d["text"])} for d in docs}


def test_search_finds_each_checklist_by_its_items_and_opens_at_it(guide):
    """The search index has each checklist under its own heading: why it helps and every item,
    not the buttons and the link around them; the written page keeps no trace of what search skipped."""
    entries = search_entries(guide)
    w = guide.words("checklists")
    for c in guide.checklists():
        entry = entries.get(f"{page_url(c.page)}#checklist-{c.id}-title")
        assert entry, f"search has no result for the checklist '{c.id}'"
        assert c.title in entry["title"]
        for said in [c.why, *(i.text for i in c.items)]:
            assert " ".join(said.split()) in entry["text"], (c.id, said)
        for button in (w["untick_all"], w["undo"], w["print_link"]):
            assert button not in entry["text"], (c.id, button)
        assert "data-search-" not in str(guide.html(page_url(c.page)).select_one(f"#checklist-{c.id}"))


def test_checklists_follow_the_menus_order_and_unlisted_pages_come_last():
    from types import SimpleNamespace as C
    from guidekit.checklists import in_guide_order, menu_pages
    nav = [{"Home": "index.md"}, {"Steps": ["b.md", {"A page": "a.md"}]}, "c.md"]
    assert menu_pages(nav) == ["index.md", "b.md", "a.md", "c.md"]
    lists = [C(id="a", page="a.md"), C(id="x", page="x.md"), C(id="c", page="c.md"), C(id="b", page="b.md"),
             C(id="y", page="y.md")]
    assert [c.id for c in in_guide_order(lists, nav)] == ["b", "a", "c", "x", "y"]
