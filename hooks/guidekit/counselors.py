"""Materials for counselors (docs/_data/counselors.yml): the appointment guide and the workshop plan.

Each is a timed outline: sections with minutes, points (a point may carry a sub-list: numbered
steps, or bulleted items), questions to ask, the student pages it draws on, and (for the
appointment's coping section) where the center's urgent-help contacts go. An outline may leave
minutes unplanned (`slack`). The workshop also has an answer key for its rewriting activity.
No MkDocs in here.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from .datafile import Reader, compose, named
from .errors import ContentError

OUTLINES = ("appointment", "workshop")
OUTLINE_KEYS = ("title", "minutes", "slack", "intro", "pages", "sections", "answer_key")
SECTION_KEYS = ("id", "title", "minutes", "points", "questions", "pages", "urgent")
POINT_KEYS = ("text", "steps", "items")
POINT_FIX = ("write it as plain text after '- ', or as 'text: ...' with a 'steps:' list (numbered) "
             "or an 'items:' list (bulleted) under it.")


@dataclass(frozen=True)
class Point:
    text: str
    sub: tuple[str, ...] = ()  # a list under it
    numbered: bool = False     # the list is steps in order ('steps:'), not bulleted items ('items:')


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    minutes: int
    points: tuple[Point, ...]
    questions: tuple[str, ...]
    links: tuple[str, ...]    # student pages, relative to docs/
    urgent: bool              # show the center's urgent-help and counseling contacts here
    line: int


@dataclass(frozen=True)
class Outline:
    id: str                   # "appointment" or "workshop"
    title: str
    minutes: int              # the whole session; the sections and the slack must add up to it
    slack: int                # minutes left unplanned (a part that runs long, the counselor's notes); 0: none
    intro: str
    pages: int                # the most printed pages it may take (A4 and US Letter)
    sections: tuple[Section, ...]
    answer_key: tuple[tuple[str, str], ...]  # (first draft, rewritten), for an activity
    line: int
    link_lines: dict

    @property
    def planned(self) -> int:
        return self.minutes - self.slack


def _texts(r: Reader, key: str, required: bool = False) -> tuple[str, ...]:
    out = []
    for node in r.sequence(key, required=required, fix=f"write '{key}:' and under it lines starting with '- '."):
        value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if not value:
            r.fail(node.start_mark.line + 1, f"An entry of '{key}' in {r.where} is empty or not plain text.",
                   "write it as plain text after '- '.")
            continue
        out.append(value)
    return tuple(out)


def _points(r: Reader) -> tuple[Point, ...]:
    """A section's points: plain text, or 'text:' with 'steps:' or 'items:' under it."""
    out = []
    for node in r.sequence("points", fix="write 'points:' and under it lines starting with '- '."):
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value).strip()
            if value:
                out.append(Point(value))
            else:
                r.fail(line, f"An entry of 'points' in {r.where} is empty or not plain text.", POINT_FIX)
            continue
        if not isinstance(node, yaml.MappingNode):
            r.fail(line, f"An entry of 'points' in {r.where} is a list, not a point.", POINT_FIX)
            continue
        p = Reader(node, r.path, r.errors, f"a point of {r.where}", POINT_KEYS)
        text = p.text("text", fix="add 'text: ...' (the point's own words) above its list.")
        lists = [k for k in ("steps", "items") if k in p.items]
        if len(lists) != 1:
            p.fail(p.line, f"A point of {r.where} has {'both' if lists else 'neither'} 'steps' {'and' if lists else 'nor'} 'items'.",
                   "give it one list: 'steps:' (numbered, in order) or 'items:' (bulleted); or write the point as plain text.")
            continue
        sub = _texts(p, lists[0], required=True)
        if text and sub:
            out.append(Point(text, sub, lists[0] == "steps"))
    return tuple(out)


def _section(node, path, errors, seen) -> Section | None:
    r = Reader(node, path, errors, named(node, "the section '{}'", "a section"), SECTION_KEYS)
    if not r.ok:
        return None
    sid = r.ident("id")
    if sid and not r.once("id", seen, f"The section id '{sid}' is used twice", "give each section its own id."):
        sid = None
    title = r.text("title")
    minutes = r.number("minutes", 1, 240)
    points = _points(r)
    questions = _texts(r, "questions")
    links = _texts(r, "pages")
    urgent = r.flag("urgent")
    if None in (sid, title, minutes):
        return None
    return Section(sid, title, minutes, points, questions, links, urgent, r.line)


def _outline(oid: str, r: Reader) -> Outline | None:
    o = r.child(oid, f"the '{oid}' outline", OUTLINE_KEYS)
    title, minutes, intro = o.text("title"), o.number("minutes", 5, 480), o.text("intro")
    pages = o.number("pages", 1, 4)
    slack = o.number("slack", 1, 120, required=False) if "slack" in o.items else 0
    seen: dict[str, int] = {}
    sections = [s for s in (_section(n, r.path, r.errors, seen) for n in o.sequence("sections")) if s]
    key = []
    for node in o.sequence("answer_key", required=False, fix="write '- before: ...' and 'after: ...' lines."):
        k = Reader(node, r.path, r.errors, f"an answer of the '{oid}' answer key", ("before", "after"))
        before, after = k.text("before"), k.text("after")
        if before and after:
            key.append((before, after))
    if None in (title, minutes, intro, pages, slack):
        return None
    total = sum(s.minutes for s in sections)
    if sections and not slack and total != minutes:
        o.fail(o.at("minutes"), f"The '{oid}' sections add up to {total} minutes, not {minutes}.",
               f"make the sections' minutes add up to {minutes}, or change 'minutes:'.")
    elif sections and total + slack != minutes:
        o.fail(o.at("slack"), f"The '{oid}' sections add up to {total} minutes; with {slack} minutes of slack "
               f"that makes {total + slack}, not {minutes}.",
               f"make the sections' minutes and 'slack:' add up to {minutes} (slack: {minutes - total} "
               f"fits these sections), or change 'minutes:'." if total < minutes else
               f"make the sections' minutes and 'slack:' add up to {minutes}, or change 'minutes:'.")
    return Outline(oid, title, minutes, slack, intro, pages, tuple(sections), tuple(key), o.line,
                   {s.id: s.line for s in sections})


def load_counselors(path: str, text: str) -> tuple[dict[str, Outline] | None, list[ContentError]]:
    root, errors = compose(path, text)
    if errors:
        return None, errors
    if root is None:
        return None, [ContentError(path, 1, "The file is empty.", "restore it from the project's history (git checkout).")]
    top = Reader(root, path, errors, "the counselors file", OUTLINES)
    if not top.ok:
        return None, errors
    outlines = {oid: _outline(oid, top) for oid in OUTLINES}
    if errors or None in outlines.values():
        return None, errors
    return outlines, []


def check_links(outlines: dict[str, Outline], path: str, pages: set[str]) -> list[ContentError]:
    """Every page a section draws on must be a page of the guide."""
    return [ContentError(path, s.line, f"The section '{s.id}' links to '{link}', which is not a page of the guide.",
                         "name a Markdown file in docs/, e.g. 'feel-it.md'.")
            for o in outlines.values() for s in o.sections for link in s.links if link not in pages]


def handout_lines(template) -> dict:
    """An email template (its first version) for paper: the subject and each body line as parts,
    ("text", words) or ("field", label) for a blank to fill in by hand; a line that uses an optional
    field is marked optional (a greeting with a name gives its no-name greeting as the other choice),
    and a blank entry separates paragraphs. Built on the fill rule's own
    layout (Template.layout), so paper, screen and the text without JavaScript split lines alike."""

    def parts(line: dict) -> list[tuple[str, str]]:
        return [("field", template.field(p).label) if i % 2 else ("text", p)
                for i, p in enumerate(line["parts"]) if p or i % 2]

    version = template.versions[0]
    subject = [part for paragraph in template.layout(version.subject) for line in paragraph for part in parts(line)]
    body = []
    for n, paragraph in enumerate(template.layout(version.body, version.greeting)):
        if n:
            body.append({"parts": [], "blank": True, "optional": False})
        body += [{"parts": parts(line), "blank": False, "optional": bool(line["needs"]) and not line.get("instead"),
                  "instead": line.get("instead", "")} for line in paragraph]
    return {"subject": subject, "body": body}
