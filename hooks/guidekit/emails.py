"""Email snippets: load and check docs/_data/emails.yml, and the plain text shown without JavaScript.

The data file holds shared fields (details most emails need, typed once) and templates
(subject and body with {placeholders}). Every problem is reported with its file and line.
Nothing here imports MkDocs; `hooks/components/emails.py` connects it to the build.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import yaml

from .datafile import Reader, compose, did_you_mean, named
from .errors import ContentError
from .markers import MARKER, find_markers

PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
# A page with several templates starts with a list to choose one from, "Choose an email"
# (id "email-choose", like a template's "email-<id>"; so no template may be called "choose").
CHOOSE = "choose"

FIELD_KEYS = {"label", "hint", "required", "example", "long", "autocomplete"}
TEMPLATE_KEYS = {"id", "title", "to", "when", "subject", "greeting", "body", "version_name", "fields", "variants",
                 "situations"}
VARIANT_KEYS = {"name", "subject", "greeting", "body"}
# Who receives a template (`to:`). The planner reads it: no two emails to the same recipient within a working day.
RECIPIENTS = ("employer", "program", "helper", "contact")
TOP_KEYS = {"fields", "templates"}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    hint: str = ""
    required: bool = False
    example: str = ""
    long: bool = False          # a multi-line box instead of a one-line box
    autocomplete: str = ""      # e.g. "name" for the student's own name (WCAG 1.3.5)
    shared: bool = False        # typed once, fills every template (guide.get("fields") in the browser)
    line: int = 0

    @property
    def gap(self) -> str:
        """What stands in the email while the field is empty (and it is required): "[Label]"."""
        return f"[{self.label}]"


@dataclass(frozen=True)
class Version:
    name: str
    subject: str
    body: str
    greeting: str = ""   # the body's first line while the name on it is left empty ("Dear hiring team,")


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    when: str
    fields: tuple[Field, ...]       # the fields its versions use: shared ones first, then its own
    versions: tuple[Version, ...]   # the first is the one shown without JavaScript
    line: int = 0
    to: str = "employer"            # who receives it: one of RECIPIENTS
    situations: tuple = ()          # (optional) the situations it fits, each (id, line); () = any
    situations_line: int = 0        # the line of its 'situations:' key

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def layout(self, text: str, greeting: str = "") -> list[list[dict]]:
        """A subject or body as the browser fills it in: see `layout`."""
        return layout(text, {f.name: f for f in self.fields}, greeting)

    def fill(self, text: str, greeting: str = "", values: dict[str, str] | None = None) -> str:
        """The text filled with `values` by the fill rule: the same as assets/tools/emails.js `fill`
        (tests/test_emails.py runs the script under Node on every template to prove they agree)."""
        return fill_text(self.layout(text, greeting), {f.name: f for f in self.fields}, values or {})

    def fallback(self, text: str, greeting: str = "") -> str:
        """The text as shown without JavaScript: the fill with every field empty, which is what
        assets/tools/emails.js shows before anything is typed. Lines that need an optional field are
        left out (a greeting gives way to its `greeting:`), the others show each field's gap text."""
        return self.fill(text, greeting)

    def spec(self) -> dict:
        """What the browser script needs, as plain JSON-ready data: subjects and bodies already laid out."""
        return {
            "id": self.id,
            "fields": [{"name": f.name, "label": f.label, "gap": f.gap, "shared": f.shared} for f in self.fields],
            "versions": [{"name": v.name, "subject": self.layout(v.subject), "body": self.layout(v.body, v.greeting)}
                         for v in self.versions],
        }


@dataclass(frozen=True)
class EmailLibrary:
    path: str
    templates: dict[str, Template]


def layout(text: str, fields: dict[str, Field], greeting: str = "") -> list[list[dict]]:
    """The text as paragraphs of lines, each line {"needs": [...], "parts": [...]}: the fill rule, as data.

    parts alternate literal text (even places) and field names (odd places). needs names the
    optional fields the line uses: while one of them is empty, the line is left out (so a
    student never sends a blank), or, for the first line of a body with a greeting, replaced
    by it ({"instead": "Dear hiring team,"}: never "Dear ,"). Blank lines only separate
    paragraphs; a paragraph whose lines are all left out goes with its blank line. The browser
    (assets/tools/emails.js `fill`) and Python (`fill_text`) both work from this, so they agree.
    """
    paragraphs: list[list[dict]] = [[]]
    for line in text.split("\n"):
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        parts = PLACEHOLDER.split(line)
        needs = [name for name in dict.fromkeys(parts[1::2]) if not fields[name].required]
        paragraphs[-1].append({"needs": needs, "parts": parts})
    paragraphs = [p for p in paragraphs if p]
    if greeting and paragraphs and paragraphs[0][0]["needs"]:
        paragraphs[0][0]["instead"] = greeting
    return paragraphs


def fill_text(paragraphs: list[list[dict]], fields: dict[str, Field], values: dict[str, str]) -> str:
    """A laid-out text filled with values: the fill rule (assets/tools/emails.js `fill`, in Python).

    A line is kept when every optional field it needs is filled, else its `instead` text stands
    (the greeting) or it is left out; an empty required field shows its gap text ("[Label]")."""
    def value(name):
        v = values.get(name)
        return v.strip() if isinstance(v, str) else ""

    out = []
    for paragraph in paragraphs:
        lines = []
        for line in paragraph:
            if all(value(n) for n in line["needs"]):
                lines.append("".join((value(p) or fields[p].gap) if i % 2 else p for i, p in enumerate(line["parts"])))
            elif line.get("instead"):
                lines.append(line["instead"])
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def _field(parent: Reader, name: str, node, shared: bool) -> Field | None:
    line = parent.keys[name]
    if not FIELD_NAME.match(name):
        parent.fail(line, f"The field name '{name}' can't be used in a placeholder.",
                    "use lower-case letters, digits and '_', starting with a letter, e.g. 'interviewer_name'.")
        return None
    r = Reader(node, parent.path, parent.errors, f"field '{name}'", FIELD_KEYS, line=line)
    if not r.ok:
        return None
    label = r.text("label") or ""
    hint, example, auto = (r.text(key, required=False, blank=True) or "" for key in ("hint", "example", "autocomplete"))
    return Field(name, label, hint, r.flag("required"), example, r.flag("long"), auto, shared, line)


def _fields(parent: Reader, where: str, shared: bool) -> dict[str, Field]:
    """The fields under `fields:` (none if the key is missing or empty), in the file's order."""
    node = parent.items.get("fields")
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return {}
    r = Reader(node, parent.path, parent.errors, where)
    return {name: f for name, value in r.items.items() if (f := _field(r, name, value, shared))}


def _uses(reader: Reader, text: str, first_line: int, known: dict[str, Field], what: str,
          template_id: str) -> list[str]:
    """Placeholders in text, reporting undefined ones with the line they are on."""
    used = []
    for offset, line in enumerate(text.split("\n")):
        for m in PLACEHOLDER.finditer(line):
            name = m[1]
            if name not in known:
                close = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f"did you mean '{{{close[0]}}}'?" if close else \
                    f"add '{name}:' under the template's 'fields:' (with a label), or remove '{{{name}}}'."
                reader.fail(first_line + offset,
                            f"The {what} of template '{template_id}' uses {{{name}}}, which is not a defined field.",
                            hint)
            else:
                used.append(name)
        if "{" in PLACEHOLDER.sub("", line) or "}" in PLACEHOLDER.sub("", line):
            reader.fail(first_line + offset, f"The {what} of template '{template_id}' has a stray '{{' or '}}'.",
                        "write placeholders as {field_name}, with both braces.")
    return used


def _check_greeting(r: Reader, vr: Reader, body: str, bline: int, known: dict[str, Field], greeting: str,
                    greetings: dict[int, list]) -> None:
    """A body whose first line names an optional field (the greeting, "Dear {interviewer_name},") needs a
    `greeting:` to stand while that field is empty; else the email would start with no greeting."""
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return
    optional = [n for n in PLACEHOLDER.findall(lines[first]) if n in known and not known[n].required]
    if not optional:
        return
    for entry in greetings.values():
        if entry[0] is vr or ("greeting" not in vr.items and entry[0] is r):
            entry[1] = True
    if not greeting:
        r.fail(bline + first, f"The body of {vr.where} starts with the optional field {{{optional[0]}}} "
               "and has no greeting for when it's left empty.",
               "add a line such as 'greeting: Dear hiring team,' (or 'Hello,') to the template: "
               "the email starts with it while the name is empty.")


def parse_emails(source: str, rel: str) -> tuple[EmailLibrary, list[ContentError]]:
    """Read the email data from YAML text; return the library and every problem found."""
    library = EmailLibrary(rel, {})
    root, errors = compose(rel, source)
    if errors:
        return library, errors
    if root is None:
        return library, [ContentError(rel, 1, "The file is empty.",
                                      "add 'fields:' and 'templates:' as described in the guide's README.")]
    top = Reader(root, rel, errors, "the file", TOP_KEYS)
    if not top.ok:
        return library, errors
    shared = _fields(top, "the shared 'fields'", shared=True)
    shared_used: set[str] = set()
    nodes = top.sequence("templates", fix="add 'templates:' followed by entries starting with '- id:'.")
    if not nodes:
        return library, errors

    templates: dict[str, Template] = {}
    seen: dict[str, int] = {}
    for node in nodes:
        what = named(node, "template '{}'", "a template")
        r = Reader(node, rel, errors, what, TEMPLATE_KEYS)
        if not r.ok:
            continue
        tid = r.ident("id") or ""
        if tid == CHOOSE:
            r.fail(r.at("id"), f"The id '{CHOOSE}' is taken by the \"Choose an email\" list.",
                   "give the template another id.")
        if tid and not r.once("id", seen, f"The id '{tid}' is used twice",
                              "give each template its own id; pages show a template by its id."):
            tid = ""  # keep the first template of that id
        title, when = r.text("title") or "", r.text("when") or ""
        to = r.text("to", fix=f"add a line 'to: employer' (who receives it: {', '.join(RECIPIENTS)}).") or ""
        if to and to not in RECIPIENTS:
            r.fail(r.at("to"), f"'to: {to}' in {what} is not a kind of recipient.", did_you_mean(to, RECIPIENTS))
        fits = r.idents("situations", "after-interview, final-round")
        own = _fields(r, f"the 'fields' of {what}", shared=False)
        for name, f in own.items():
            if name in shared:
                r.fail(f.line, f"The field '{name}' in {what} is already a shared field (line {shared[name].line}).",
                       f"remove it here; the shared '{name}' fills every template.")
        known = {**shared, **{n: f for n, f in own.items() if n not in shared}}

        used: list[str] = []
        versions: list[Version] = []
        raw = [(r, r.text("version_name", required=False, blank=True) or "")]  # "" shows as words.emails.version_standard
        for item in r.sequence("variants", required=False, fix="start each variant with '- name:'."):
            vr = Reader(item, rel, errors, f"a variant of {what}", VARIANT_KEYS)
            if vr.ok:
                vname = vr.text("name") or ""
                vr.where = f"the '{vname}' variant of {what}"
                raw.append((vr, vname))
        main_subject = main_greeting = ""
        greetings: dict[int, list] = {}   # a greeting written in the file (by its line) -> [reader, used?]
        for vr, vname in raw:
            if vr is not r and "subject" not in vr.items:
                subject, sline = main_subject, 0   # a variant without a subject keeps the template's
            else:
                subject = vr.text("subject", raw=True) or ""
                sline = vr.text_line("subject") if "subject" in vr.items else 0
            body = vr.text("body", raw=True) or ""
            bline = vr.text_line("body")
            greeting = main_greeting
            if "greeting" in vr.items:
                greeting = vr.text("greeting") or ""
                if "{" in greeting or "}" in greeting:
                    r.fail(vr.at("greeting"), f"The greeting of {vr.where} uses a {{placeholder}}.",
                           "write it without one, e.g. 'Dear hiring team,': it stands while the name is left empty.")
                    greeting = ""
                elif greeting:
                    greetings[vr.at("greeting")] = [vr, False]
            if vr is r:
                main_subject, main_greeting = subject, greeting
            if sline:
                names = _uses(r, subject, sline, known, "subject", tid)
                for name in names:
                    if not known[name].required:
                        r.fail(sline, f"The subject of {vr.where} uses the optional field {{{name}}}.",
                               f"add 'required: true' to '{name}' or take it out of the subject "
                               "(an empty optional field leaves its whole line out).")
                used += names
            used += _uses(r, body, bline, known, "body", tid)
            _check_greeting(r, vr, body, bline, known, greeting, greetings)
            versions.append(Version(vname, subject.strip(), body.strip("\n"), greeting))

        for gline, (gr, needed) in greetings.items():
            if not needed:
                r.fail(gline, f"The greeting of {gr.where} is never used: the first line of its body names no optional field.",
                       "remove the 'greeting:' line, or start the body with a line such as 'Dear {interviewer_name},'.")

        for name, f in own.items():
            if name not in shared and name not in used:
                r.fail(f.line, f"The field '{name}' in {what} is defined but never used.",
                       f"use {{{name}}} in its subject or body, or remove the field.")
        shared_used.update(n for n in used if n in shared)
        # The form lists the shared fields first, then the template's own, each in the file's order.
        order = [f for f in [*shared.values(), *own.values()] if f.name in used and known[f.name] is f]
        if tid:
            templates[tid] = Template(tid, title, when, tuple(order), tuple(versions), r.line, to,
                                      fits, r.keys.get("situations", 0))

    for name, f in shared.items():
        if name not in shared_used:
            top.fail(f.line, f"The shared field '{name}' is defined but no template uses it.",
                     f"use {{{name}}} in a template, or remove the field.")
    return EmailLibrary(rel, templates), errors


def add_headings(markdown: str, library: EmailLibrary) -> str:
    """Put a '## Title' heading (id email-<id>) before each email marker, so it shows in the table of contents.

    On a page with more than one template, a `<!-- email-choose -->` marker goes before the first
    heading: the place for the "Choose an email" list (each template's title and when, linked to it).
    """
    shown = [m for m in find_markers(markdown, "email") if m.id in library.templates]
    if not shown:
        return markdown
    out = []
    for line in markdown.split("\n"):
        m = MARKER.fullmatch(line.strip()) if "<!--" in line else None
        if m and m["kind"] == "email" and m["id"] in library.templates:
            if len(shown) > 1 and m["id"] == shown[0].id:
                out += [f"<!-- email-{CHOOSE} -->", ""]
            out += [f"## {library.templates[m['id']].title} {{#email-{m['id']} .email__title}}", ""]
        out.append(line)
    return "\n".join(out)
