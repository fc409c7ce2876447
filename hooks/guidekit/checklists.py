"""Checklists: load and validate docs/_data/checklists.yml; no MkDocs in here.

Each checklist and each item has an explicit id: saved ticks follow ids, so an author can
reword or reorder items without losing what students ticked.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from .datafile import SLUG, SLUG_FIX, compose, line_of, mapping, text
from .errors import ContentError, raise_if_any

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


def load_checklists(rel_path: str, source: str) -> list[Checklist]:
    """Parse and validate the checklist file; raise ContentErrors listing every problem."""
    errors: list[ContentError] = []
    root, errors = compose(rel_path, source)
    if root is None and not errors:
        errors.append(ContentError(rel_path, 1, "The file is empty.", "start it with 'checklists:' and a list of checklists."))
    if errors:
        raise_if_any(errors)
    top = mapping(root)
    lists = top.get("checklists") if top else None
    if not isinstance(lists, yaml.SequenceNode) or not lists.value:
        raise_if_any([ContentError(rel_path, line_of(lists or root), "There is no list of checklists.",
                                   "start the file with 'checklists:' followed by entries that begin with '  - id:'.")])
    result, seen = [], {}
    for node in lists.value:
        checklist = _checklist(rel_path, node, seen, errors)
        if checklist:
            result.append(checklist)
    raise_if_any(errors)
    return result


def _checklist(rel_path, node, seen, errors) -> Checklist | None:
    where = line_of(node)
    fields = mapping(node)
    if fields is None:
        errors.append(ContentError(rel_path, where, "This checklist entry is not a set of 'key: value' lines.",
                                   "write it as '- id: ...' followed by 'page:', 'title:', 'why:' and 'items:'."))
        return None
    for key, value in fields.items():
        if key not in CHECKLIST_KEYS:
            errors.append(ContentError(rel_path, line_of(value), f"Unknown key '{key}' in a checklist.",
                                       f"use only {', '.join(sorted(CHECKLIST_KEYS))} (check the spelling)."))
    cid = text(fields.get("id"))
    if not cid:
        errors.append(ContentError(rel_path, where, "A checklist has no 'id'.",
                                   "add 'id: page-name', the guidance page's file name without '.md'."))
        cid = "?"
    elif not SLUG.match(cid):
        errors.append(ContentError(rel_path, line_of(fields["id"]), f"The checklist id '{cid}' is not a valid id.", SLUG_FIX + "."))
    elif cid in seen:
        errors.append(ContentError(rel_path, line_of(fields["id"]), f"The checklist id '{cid}' is used twice (first on line {seen[cid]}).",
                                   "give each checklist its own id."))
    else:
        seen[cid] = line_of(fields["id"])
    values = {}
    for key, fix in (("title", "add 'title: What this checklist is about'"),
                     ("why", "add 'why: One line on why these steps matter'"),
                     ("page", "add 'page: file-name.md', the guidance page this checklist belongs to")):
        values[key] = text(fields.get(key))
        if not values[key]:
            where_key = line_of(fields[key]) if key in fields else where
            errors.append(ContentError(rel_path, where_key, f"The checklist '{cid}' has no {key}.", fix + "."))
    items = _items(rel_path, cid, fields.get("items"), where, errors)
    return Checklist(cid, values["page"] or "", values["title"] or "", values["why"] or "", tuple(items), where,
                     line_of(fields["page"]) if "page" in fields else where)


def _items(rel_path, cid, node, where, errors) -> list[Item]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        errors.append(ContentError(rel_path, line_of(node) if node else where, f"The checklist '{cid}' has no items.",
                                   "add 'items:' and under it lines like '  - id: item-id' and '    text: What to do'."))
        return []
    items, seen = [], {}
    for entry in node.value:
        fields = mapping(entry)
        line = line_of(entry)
        if fields is None:
            errors.append(ContentError(rel_path, line, f"An item of '{cid}' is not written as 'id:' and 'text:'.",
                                       "write each item as '- id: item-id' with 'text: What to do' on the next line."))
            continue
        for key, value in fields.items():
            if key not in ITEM_KEYS:
                errors.append(ContentError(rel_path, line_of(value), f"Unknown key '{key}' in an item of '{cid}'.",
                                           "an item has only 'id' and 'text'."))
        iid, body = text(fields.get("id")), text(fields.get("text"))
        if not iid:
            errors.append(ContentError(rel_path, line, f"An item of '{cid}' has no id.",
                                       "add 'id: short-name'; keep it unchanged when you reword the text, so saved ticks stay."))
        elif not SLUG.match(iid):
            errors.append(ContentError(rel_path, line_of(fields["id"]), f"The item id '{iid}' is not a valid id.", SLUG_FIX + "."))
        elif iid in seen:
            errors.append(ContentError(rel_path, line_of(fields["id"]),
                                       f"The item id '{iid}' is used twice in '{cid}' (first on line {seen[iid]}).",
                                       "give each item in a checklist its own id."))
        else:
            seen[iid] = line_of(fields["id"])
        if not body:
            errors.append(ContentError(rel_path, line_of(fields["text"]) if "text" in fields else line,
                                       f"The item '{iid or '?'}' of '{cid}' is empty.", "write what to do after 'text:'."))
        if iid and body:
            items.append(Item(iid, body, line))
    return items


def check_pages(rel_path: str, checklists: list[Checklist], pages: set[str]) -> list[ContentError]:
    """Every checklist must name a page that exists (paths relative to docs/)."""
    return [ContentError(rel_path, c.page_line, f"The checklist '{c.id}' belongs to '{c.page}', which doesn't exist.",
                         f"use the file name of a page in docs/, e.g. '{sorted(pages)[0] if pages else 'feel-it.md'}'.")
            for c in checklists if c.page and c.page not in pages]
