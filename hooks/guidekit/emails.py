"""Email snippets: load and check docs/_data/emails.yml, and the plain text shown without JavaScript.

The data file holds shared fields (details most emails need, typed once) and templates
(subject and body with {placeholders}). Every problem is reported with its file and line.
Nothing here imports MkDocs; the hook `hooks/emails.py` connects it to the build.
"""
from __future__ import annotations

import difflib
import pathlib
import re
from dataclasses import dataclass

import yaml

from .errors import ContentError, raise_if_any
from .markers import MARKER, find_markers

PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
TEMPLATE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# A page with several templates asks for the shared fields once, in a "Your details" block
# (id "email-details", like a template's "email-<id>"; so no template may be called "details").
DETAILS = "details"

FIELD_KEYS = {"label", "hint", "required", "example", "long", "autocomplete"}
TEMPLATE_KEYS = {"id", "title", "when", "subject", "body", "version_name", "fields", "variants"}
VARIANT_KEYS = {"name", "subject", "body"}
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


@dataclass(frozen=True)
class Version:
    name: str
    subject: str
    body: str


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    when: str
    fields: tuple[Field, ...]       # the fields its versions use: shared ones first, then its own
    versions: tuple[Version, ...]   # the first is the one shown without JavaScript
    line: int = 0

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def fallback(self, text: str) -> str:
        """The text as shown without JavaScript: every placeholder as [Label]."""
        return PLACEHOLDER.sub(lambda m: f"[{self.field(m[1]).label}]", text)

    def spec(self) -> dict:
        """What the browser script needs, as plain JSON-ready data."""
        return {
            "id": self.id,
            "fields": [{"name": f.name, "label": f.label, "required": f.required, "shared": f.shared}
                       for f in self.fields],
            "versions": [{"name": v.name, "subject": v.subject, "body": v.body} for v in self.versions],
        }


@dataclass(frozen=True)
class EmailLibrary:
    path: str
    templates: dict[str, Template]


def placeholders(text: str) -> list[str]:
    return [m[1] for m in PLACEHOLDER.finditer(text)]


class _Reader:
    """Walks the composed YAML, collecting ContentErrors with line numbers."""

    def __init__(self, rel: str):
        self.rel = rel
        self.errors: list[ContentError] = []

    def error(self, node_or_line, problem: str, fix: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.errors.append(ContentError(self.rel, line, problem[:1].upper() + problem[1:], fix))

    def mapping(self, node, what: str, allowed: set[str]) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} should be a set of 'key: value' lines.", "check the indentation.")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in out:
                self.error(key, f"'{name}' appears twice in {what} (first on line {out[name][0].start_mark.line + 1}).",
                           "keep one of them.")
            elif name not in allowed:
                close = difflib.get_close_matches(name, sorted(allowed), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"use only: {', '.join(sorted(allowed))}."
                self.error(key, f"{what} has an unknown key '{name}'.", hint)
            else:
                out[name] = (key, value)
        return out

    def text(self, entries, key: str, what: str, *, required: bool, parent=None) -> tuple[str, int]:
        """A text value and the line it starts on; reports a missing or empty required value."""
        if key not in entries:
            if required:
                self.error(parent, f"{what} has no '{key}'.", f"add a line '{key}: ...'.")
            return "", 0
        keynode, node = entries[key]
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"'{key}' in {what} should be text.", "write it as plain text on the same line.")
            return "", keynode.start_mark.line + 1
        value = str(node.value).rstrip()
        if required and not value.strip():
            self.error(keynode, f"'{key}' in {what} is empty.", f"write the {key} after '{key}:'.")
        # A block scalar ('|') starts on the line after the key; its text lines follow one by one.
        first = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
        return value, first

    def flag(self, entries, key: str, what: str) -> bool:
        if key not in entries:
            return False
        node = entries[key][1]
        word = str(node.value).lower() if isinstance(node, yaml.ScalarNode) else ""
        if word not in ("true", "false", "yes", "no"):
            self.error(node, f"'{key}' in {what} should be true or false.", f"write '{key}: true' or '{key}: false'.")
            return False
        return word in ("true", "yes")

    def field(self, keynode, node, shared: bool) -> Field | None:
        name = str(keynode.value)
        what = f"field '{name}'"
        if not FIELD_NAME.match(name):
            self.error(keynode, f"The field name '{name}' can't be used in a placeholder.",
                       "use lower-case letters, digits and '_', starting with a letter, e.g. 'interviewer_name'.")
            return None
        entries = self.mapping(node, what, FIELD_KEYS)
        if entries is None:
            return None
        label, _ = self.text(entries, "label", what, required=True, parent=keynode)
        hint, _ = self.text(entries, "hint", what, required=False)
        example, _ = self.text(entries, "example", what, required=False)
        auto, _ = self.text(entries, "autocomplete", what, required=False)
        return Field(name, label.strip(), hint.strip(), self.flag(entries, "required", what), example.strip(),
                     self.flag(entries, "long", what), auto.strip(), shared, keynode.start_mark.line + 1)

    def fields(self, node, shared: bool) -> dict[str, Field]:
        out: dict[str, Field] = {}
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return out
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "'fields' should list one field name per line, each followed by its settings.",
                       "see the example at the top of the file.")
            return out
        seen: dict[str, int] = {}
        for keynode, value in node.value:
            name = str(keynode.value)
            if name in seen:
                self.error(keynode, f"The field '{name}' is defined twice (first on line {seen[name]}).",
                           "keep one definition.")
                continue
            seen[name] = keynode.start_mark.line + 1
            f = self.field(keynode, value, shared)
            if f:
                out[name] = f
        return out


def _uses(reader: _Reader, text: str, first_line: int, known: dict[str, Field], what: str,
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
                reader.error(first_line + offset,
                             f"The {what} of template '{template_id}' uses {{{name}}}, which is not a defined field.",
                             hint)
            else:
                used.append(name)
        if "{" in PLACEHOLDER.sub("", line) or "}" in PLACEHOLDER.sub("", line):
            reader.error(first_line + offset, f"The {what} of template '{template_id}' has a stray '{{' or '}}'.",
                         "write placeholders as {field_name}, with both braces.")
    return used


def parse_emails(source: str, rel: str) -> tuple[EmailLibrary, list[ContentError]]:
    """Read the email data from YAML text; return the library and every problem found."""
    reader = _Reader(rel)
    library = EmailLibrary(rel, {})
    try:
        root = yaml.compose(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reader.error(mark.line + 1 if mark else 1, f"The file is not valid YAML ({getattr(exc, 'problem', exc)}).",
                     "check the indentation, and put text containing ': ' or '#' in quotes or after '|'.")
        return library, reader.errors
    if root is None:
        reader.error(1, "The file is empty.", "add 'fields:' and 'templates:' as described in the guide's README.")
        return library, reader.errors
    top = reader.mapping(root, "the file", TOP_KEYS)
    if top is None:
        return library, reader.errors
    shared = reader.fields(top.get("fields", (None, None))[1], shared=True)
    shared_used: set[str] = set()
    if "templates" not in top or not isinstance(top["templates"][1], yaml.SequenceNode):
        reader.error(top["templates"][1] if "templates" in top else 1,
                     "There is no list of templates.", "add 'templates:' followed by entries starting with '- id:'.")
        return library, reader.errors

    templates: dict[str, Template] = {}
    for node in top["templates"][1].value:
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        named = [v.value for k, v in pairs if k.value == "id" and isinstance(v, yaml.ScalarNode) and str(v.value).strip()]
        what = f"template '{str(named[0]).strip()}'" if named else "a template"
        entries = reader.mapping(node, what, TEMPLATE_KEYS)
        if entries is None:
            continue
        tid = reader.text(entries, "id", what, required=True, parent=node)[0].strip()
        if tid and not TEMPLATE_ID.match(tid):
            reader.error(entries["id"][1], f"The id '{tid}' can't be used in a marker.",
                         "use lower-case letters, digits and hyphens, e.g. 'feedback-request'.")
        elif tid == DETAILS:
            reader.error(entries["id"][1], f"The id '{DETAILS}' is taken by the \"Your details\" block.",
                         "give the template another id.")
        if tid in templates:
            reader.error(entries["id"][1], f"The id '{tid}' is used twice (first on line {templates[tid].line}).",
                         "give each template its own id; pages show a template by its id.")
        title, _ = reader.text(entries, "title", what, required=True, parent=node)
        when, _ = reader.text(entries, "when", what, required=True, parent=node)
        own = reader.fields(entries.get("fields", (None, None))[1], shared=False)
        for name, f in own.items():
            if name in shared:
                reader.error(f.line, f"The field '{name}' in {what} is already a shared field (line {shared[name].line}).",
                             f"remove it here; the shared '{name}' fills every template.")
        known = {**shared, **{n: f for n, f in own.items() if n not in shared}}

        used: list[str] = []
        versions: list[Version] = []
        main_name, _ = reader.text(entries, "version_name", what, required=False)
        raw = [(entries, node, main_name.strip() or "Standard", what)]
        if "variants" in entries:
            vnode = entries["variants"][1]
            if not isinstance(vnode, yaml.SequenceNode):
                reader.error(vnode, f"'variants' in {what} should be a list.", "start each variant with '- name:'.")
            else:
                for item in vnode.value:
                    ventries = reader.mapping(item, f"a variant of {what}", VARIANT_KEYS)
                    if ventries is not None:
                        vname, _ = reader.text(ventries, "name", f"a variant of {what}", required=True, parent=item)
                        raw.append((ventries, item, vname.strip(), f"the '{vname.strip()}' variant of {what}"))
        main_subject = ""
        for ventries, vparent, vname, vwhat in raw:
            if ventries is not entries and "subject" not in ventries:
                subject, sline = main_subject, 0   # a variant without a subject keeps the template's
            else:
                subject, sline = reader.text(ventries, "subject", vwhat, required=True, parent=vparent)
            body, bline = reader.text(ventries, "body", vwhat, required=True, parent=vparent)
            if ventries is entries:
                main_subject = subject
            if sline:
                names = _uses(reader, subject, sline, known, "subject", tid)
                for name in names:
                    if not known[name].required:
                        reader.error(sline, f"The subject of {vwhat} uses the optional field {{{name}}}.",
                                     f"add 'required: true' to '{name}' or take it out of the subject "
                                     "(an empty optional field leaves its whole line out).")
                used += names
            used += _uses(reader, body, bline, known, "body", tid)
            versions.append(Version(vname, subject.strip(), body.strip("\n")))

        for name, f in own.items():
            if name not in shared and name not in used:
                reader.error(f.line, f"The field '{name}' in {what} is defined but never used.",
                             f"use {{{name}}} in its subject or body, or remove the field.")
        shared_used.update(n for n in used if n in shared)
        # The form lists the shared fields first, then the template's own, each in the file's order.
        order = [f for f in [*shared.values(), *own.values()] if f.name in used and known[f.name] is f]
        if tid and tid not in templates:
            templates[tid] = Template(tid, title.strip(), when.strip(), tuple(order),
                                      tuple(versions), node.start_mark.line + 1)

    for name, f in shared.items():
        if name not in shared_used:
            reader.error(f.line, f"The shared field '{name}' is defined but no template uses it.",
                         f"use {{{name}}} in a template, or remove the field.")
    return EmailLibrary(rel, templates), reader.errors


def load_emails(path: pathlib.Path, rel: str) -> EmailLibrary:
    """Load and check the email data file; raise ContentErrors listing every problem."""
    if not path.is_file():
        return EmailLibrary(rel, {})
    library, errors = parse_emails(path.read_text(encoding="utf-8"), rel)
    raise_if_any(errors)
    return library


def check_markers(source: str, rel: str, library: EmailLibrary) -> tuple[list[str], list[ContentError]]:
    """The template ids a page's `<!-- email: id -->` markers name, and their problems (with the page's lines)."""
    ids, errors = [], []
    lines = source.splitlines()
    for marker in find_markers(source, "email"):
        if not MARKER.fullmatch(lines[marker.line - 1].strip()):
            errors.append(ContentError(rel, marker.line, "The email marker shares its line with other text.",
                                       "put '<!-- email: id -->' on a line of its own, with a blank line before and after."))
        elif marker.id not in library.templates:
            known = ", ".join(sorted(library.templates)) or "none yet"
            errors.append(ContentError(rel, marker.line, f"There is no email template '{marker.id}'.",
                                       f"use one of the ids in {library.path} ({known}), or add a template with that id."))
        elif marker.id in ids:
            errors.append(ContentError(rel, marker.line, f"The email template '{marker.id}' is shown twice on this page.",
                                       "keep one marker for it."))
        else:
            ids.append(marker.id)
    return ids, errors


def add_headings(markdown: str, library: EmailLibrary) -> str:
    """Put a '## Title' heading (id email-<id>) before each email marker, so it shows in the table of contents.

    On a page with more than one template, a `<!-- email-details -->` marker goes before the first
    heading: the place for the "Your details" block, where the shared fields are typed once.
    """
    shown = [m for m in find_markers(markdown, "email") if m.id in library.templates]
    out = []
    for line in markdown.split("\n"):
        m = MARKER.fullmatch(line.strip())
        if m and m["kind"] == "email" and m["id"] in library.templates:
            if len(shown) > 1 and m["id"] == shown[0].id:
                out += [f"<!-- email-{DETAILS} -->", ""]
            out += [f"## {library.templates[m['id']].title} {{#email-{m['id']}}}", ""]
        out.append(line)
    return "\n".join(out)


def details_fields(library: EmailLibrary, ids: list[str]) -> list[Field]:
    """The shared fields the given templates use, in the data file's order: what a "Your details" block asks for."""
    used = {f.name: f for tid in ids for f in library.templates[tid].fields if f.shared}
    return sorted(used.values(), key=lambda f: f.line)
