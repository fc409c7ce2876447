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
OUTLINE_KEYS = ("title", "minutes", "slack", "intro", "pages", "sections", "answer_key", "question_key", "note",
                "outcomes", "script", "guide", "board", "worksheets", "evaluation", "key_pages")
KEYS = ("answer_key", "question_key")  # the before/after lists a worksheet may draw on
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
    question_key: tuple[tuple[str, str], ...] = ()  # (vague question, specific one), for an activity
    note: "Note | None" = None                # the appointment's note template
    outcomes: tuple["Entry", ...] = ()        # what a student can do at the end (id, text)
    script: tuple["Said", ...] = ()           # the talk, in the facilitator's words
    guide: "Guide | None" = None              # the facilitator's guide sheet
    board: "Board | None" = None              # the board plan sheet
    worksheets: tuple["Worksheet", ...] = ()  # a student worksheet per activity (no answers)
    evaluation: "Evaluation | None" = None    # the evaluation form and its tally sheet
    key_pages: int = 1                        # the most printed pages the answer key sheet may take

    @property
    def planned(self) -> int:
        return self.minutes - self.slack


@dataclass(frozen=True)
class Entry:
    id: str
    text: str


@dataclass(frozen=True)
class Said:
    id: str
    say: str
    links: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class NoteField:
    id: str
    label: str
    hint: str
    lines: int
    numbered: bool


@dataclass(frozen=True)
class Note:
    title: str
    intro: str
    pages: int
    fields: tuple[NoteField, ...]


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    title: str
    intro: str
    pages: int
    content_note: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Board:
    title: str
    intro: str
    pages: int
    panels: tuple[Part, ...]


@dataclass(frozen=True)
class Worksheet:
    id: str                    # the activity's section id
    title: str                 # the activity's title
    intro: str
    tasks: tuple[str, ...]
    lines: int                 # blank lines to write on under each task
    key: str                   # the before/after list it draws on ('answer_key' or 'question_key')
    key_intro: str
    drafts: tuple[str, ...]    # that list's "before" lines: never its answers


@dataclass(frozen=True)
class Tally:
    title: str
    intro: str
    pages: int


@dataclass(frozen=True)
class Evaluation:
    title: str
    intro: str
    pages: int
    scale: int                 # the confidence scale runs 1..scale
    low: str
    high: str
    ask: str
    before: str
    after: str
    questions: tuple[Entry, ...]
    tally: Tally


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


def _entries(r: Reader, key: str, where: str, allowed, required: bool = True):
    """The entries of a list of 'id: ...' mappings, as Readers, each id once."""
    seen: dict[str, int] = {}
    out = []
    for node in r.sequence(key, required=required, fix=f"write '{key}:' and under it entries starting with '- id: ...'."):
        e = Reader(node, r.path, r.errors, named(node, f"the {where} '{{}}'", f"an entry of '{key}'"), allowed)
        if not e.ok:
            continue
        eid = e.ident("id")
        if eid and e.once("id", seen, f"The {where} id '{eid}' is used twice", "give each its own id."):
            out.append((eid, e))
    return out


def _pairs(o: Reader, oid: str, key: str) -> tuple[tuple[str, str], ...]:
    out = []
    for node in o.sequence(key, required=False, fix="write '- before: ...' and 'after: ...' lines."):
        k = Reader(node, o.path, o.errors, f"an entry of the '{oid}' {key.replace('_', ' ')}", ("before", "after"))
        before, after = k.text("before"), k.text("after")
        if before and after:
            out.append((before, after))
    return tuple(out)


def _note(o: Reader) -> Note | None:
    if "note" not in o.items:
        return None
    n = o.child("note", "the note template", ("title", "intro", "pages", "fields"))
    fields = []
    for fid, f in _entries(n, "fields", "note field", ("id", "label", "hint", "lines", "numbered")):
        label, lines = f.text("label"), f.number("lines", 1, 12)
        hint = f.text("hint", required=False) or ""
        if label and lines:
            fields.append(NoteField(fid, label, hint, lines, f.flag("numbered")))
    title, intro, pages = n.text("title"), n.text("intro"), n.number("pages", 1, 4)
    return Note(title, intro, pages, tuple(fields)) if None not in (title, intro, pages) else None


def _parts(r: Reader, key: str, where: str, list_key: str) -> tuple[Part, ...]:
    out = []
    for pid, p in _entries(r, key, where, ("id", "title", list_key)):
        title, items = p.text("title"), _texts(p, list_key, required=True)
        if title and items:
            out.append(Part(pid, title, items))
    return tuple(out)


def _guide(o: Reader) -> Guide | None:
    if "guide" not in o.items:
        return None
    g = o.child("guide", "the facilitator's guide", ("title", "intro", "pages", "content_note", "parts"))
    title, intro, pages, note = g.text("title"), g.text("intro"), g.number("pages", 1, 4), g.text("content_note")
    parts = _parts(g, "parts", "part", "items")
    return Guide(title, intro, pages, note, parts) if None not in (title, intro, pages, note) else None


def _board(o: Reader) -> Board | None:
    if "board" not in o.items:
        return None
    b = o.child("board", "the board plan", ("title", "intro", "pages", "panels"))
    title, intro, pages = b.text("title"), b.text("intro"), b.number("pages", 1, 4)
    panels = _parts(b, "panels", "panel", "lines")
    return Board(title, intro, pages, panels) if None not in (title, intro, pages) else None


def _evaluation(o: Reader) -> Evaluation | None:
    if "evaluation" not in o.items:
        return None
    e = o.child("evaluation", "the evaluation form", ("title", "intro", "pages", "scale", "low", "high", "ask",
                                                       "before", "after", "questions", "tally"))
    words = {k: e.text(k) for k in ("title", "intro", "low", "high", "ask", "before", "after")}
    pages, scale = e.number("pages", 1, 2), e.number("scale", 2, 10)
    questions = tuple(Entry(qid, text) for qid, q in _entries(e, "questions", "question", ("id", "text"))
                      if (text := q.text("text")))
    t = e.child("tally", "the tally sheet", ("title", "intro", "pages"))
    tally = (t.text("title"), t.text("intro"), t.number("pages", 1, 2))
    if None in (*words.values(), pages, scale, *tally):
        return None
    return Evaluation(words["title"], words["intro"], pages, scale, words["low"], words["high"], words["ask"],
                      words["before"], words["after"], questions, Tally(*tally))


def _worksheets(o: Reader, oid: str, sections, keys: dict) -> tuple[Worksheet, ...]:
    out = []
    titles = {s.id: s.title for s in sections}
    for wid, w in _entries(o, "worksheets", "worksheet", ("id", "intro", "tasks", "lines", "key", "key_intro"),
                           required=False):
        intro, tasks, lines = w.text("intro"), _texts(w, "tasks", required=True), w.number("lines", 1, 12)
        key, key_intro = w.text("key"), w.text("key_intro")
        named_key = key
        key = key.replace("-", "_") if key else key  # written 'answer-key' (an id, so a translation never touches it)
        if wid not in titles:
            w.fail(w.at("id"), f"The worksheet '{wid}' is not a section of the '{oid}' outline.",
                   f"use the id of the activity's section: {', '.join(titles)}.")
            continue
        if key and (key not in KEYS or not keys.get(key)):
            w.fail(w.at("key"), f"'key: {named_key}' in the worksheet '{wid}' is not a before/after list of the '{oid}' outline.",
                   f"name one with entries: {', '.join(k.replace('_', '-') for k in KEYS if keys.get(k)) or 'add answer_key: first'}.")
            continue
        if None not in (intro, lines, key, key_intro) and tasks:
            out.append(Worksheet(wid, titles[wid], intro, tasks, lines, key, key_intro,
                                 tuple(before for before, _ in keys[key])))
    return tuple(out)


def _outline(oid: str, r: Reader) -> Outline | None:
    o = r.child(oid, f"the '{oid}' outline", OUTLINE_KEYS)
    title, minutes, intro = o.text("title"), o.number("minutes", 5, 480), o.text("intro")
    pages = o.number("pages", 1, 4)
    slack = o.number("slack", 1, 120, required=False) if "slack" in o.items else 0
    seen: dict[str, int] = {}
    sections = [s for s in (_section(n, r.path, r.errors, seen) for n in o.sequence("sections")) if s]
    keys = {k: _pairs(o, oid, k) for k in KEYS}
    outcomes = tuple(Entry(eid, text) for eid, e in _entries(o, "outcomes", "outcome", ("id", "text"), required=False)
                     if (text := e.text("text")))
    script = tuple(Said(sid, say, _texts(s, "pages"), s.line)
                   for sid, s in _entries(o, "script", "script part", ("id", "say", "pages"), required=False)
                   if (say := s.text("say")))
    key_pages = o.number("key_pages", 1, 4) if "key_pages" in o.items else 1
    extras = dict(key_pages=key_pages or 1, question_key=keys["question_key"], note=_note(o), outcomes=outcomes, script=script, guide=_guide(o),
                  board=_board(o), worksheets=_worksheets(o, oid, sections, keys), evaluation=_evaluation(o))
    if extras["evaluation"] and not outcomes:
        o.fail(o.at("evaluation"), f"The '{oid}' evaluation form asks about the outcomes, and the outline has none.",
               "add 'outcomes:' (what a student can do at the end) with '- id: ...' and 'text: ...' entries.")
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
    return Outline(oid, title, minutes, slack, intro, pages, tuple(sections), keys["answer_key"], o.line,
                   {s.id: s.line for s in sections}, **extras)


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
    return [ContentError(path, s.line, f"The {kind} '{s.id}' links to '{link}', which is not a page of the guide.",
                         "name a Markdown file in docs/, e.g. 'feel-it.md'.")
            for o in outlines.values() for kind, parts in (("section", o.sections), ("script part", o.script))
            for s in parts for link in s.links if link not in pages]


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
