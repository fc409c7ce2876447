"""Checklists: load and validate docs/_data/checklists.yml; no MkDocs in here.

Each checklist and each item has an explicit id: saved ticks follow ids, so an author can
reword or reorder items without losing what students ticked.
"""
from __future__ import annotations

from dataclasses import dataclass

from .datafile import Reader, compose, named
from .errors import ContentError

CHECKLIST_KEYS = {"id", "page", "title", "why", "items"}
ITEM_KEYS = {"id", "text"}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    line: int


@dataclass(frozen=True)
class Checklist:
    id: str
    page: str    # the guidance page it belongs to, e.g. "feel-it.md"
    title: str
    why: str
    items: tuple[Item, ...]
    line: int
    page_line: int


def load_checklists(rel_path: str, source: str) -> tuple[list[Checklist], list[ContentError]]:
    """Parse and validate the checklist file; the checklists and every problem found."""
    root, errors = compose(rel_path, source)
    if root is None and not errors:
        errors.append(ContentError(rel_path, 1, "The file is empty.", "start it with 'checklists:' and a list of checklists."))
    if errors:
        return [], errors
    top = Reader(root, rel_path, errors, "the file", ("checklists",))
    lists = top.sequence("checklists", fix="start the file with 'checklists:' followed by entries that begin with '  - id:'.")
    if errors:
        return [], errors
    result, seen = [], {}
    for node in lists:
        checklist = _checklist(rel_path, node, seen, errors)
        if checklist:
            result.append(checklist)
    return (result if not errors else []), errors


def _checklist(rel_path, node, seen, errors) -> Checklist | None:
    r = Reader(node, rel_path, errors, named(node, "the checklist '{}'", "a checklist"), CHECKLIST_KEYS)
    if not r.ok:
        return None
    cid = r.ident("id")
    if cid is not None:
        r.once("id", seen, f"The checklist id '{cid}' is used twice", "give each checklist its own id.")
    title = r.text("title", fix="add 'title: What this checklist is about'.")
    why = r.text("why", fix="add 'why: One line on why these steps matter'.")
    page = r.text("page", fix="add 'page: file-name.md', the guidance page this checklist belongs to.")
    cid = cid or "?"
    items = _items(r, cid)
    return Checklist(cid, page or "", title or "", why or "", tuple(items), r.line, r.at("page"))


def _items(checklist: Reader, cid: str) -> list[Item]:
    entries = checklist.sequence("items", fix="add 'items:' and under it lines like '  - id: item-id' and '    text: What to do'.")
    items, seen = [], {}
    for entry in entries:
        r = Reader(entry, checklist.path, checklist.errors,
                   named(entry, f"the item '{{}}' of '{cid}'", f"an item of '{cid}'"), ITEM_KEYS)
        if not r.ok:
            continue
        iid = r.ident("id")
        if iid is not None:
            r.once("id", seen, f"The item id '{iid}' is used twice in '{cid}'", "give each item in a checklist its own id.")
        body = r.text("text", fix="write what to do after 'text:'.")
        if iid and body:
            items.append(Item(iid, body, r.line))
    return items


def check_pages(rel_path: str, checklists: list[Checklist], pages: set[str]) -> list[ContentError]:
    """Every checklist must name a page that exists (paths relative to docs/)."""
    return [ContentError(rel_path, c.page_line, f"The checklist '{c.id}' belongs to '{c.page}', which doesn't exist.",
                         f"use the file name of a page in docs/, e.g. '{sorted(pages)[0] if pages else 'feel-it.md'}'.")
            for c in checklists if c.page and c.page not in pages]


def menu_pages(nav) -> list[str]:
    """The pages of mkdocs.yml's `nav:` (as written there: 'feel-it.md', {'Home': 'index.md'}, sections of
    them), in the menu's order."""
    out: list[str] = []

    def walk(item):
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)
    walk(nav or [])
    return out


def in_guide_order(checklists, nav) -> list:
    """The checklists in the order the guide's menu shows their pages (the order a student meets them);
    those whose page the menu doesn't list come after, in the data file's order."""
    order = {page: i for i, page in reversed(list(enumerate(menu_pages(nav))))}
    listed = list(checklists)
    return sorted(listed, key=lambda c: (order.get(c.page, len(order)), listed.index(c)))
