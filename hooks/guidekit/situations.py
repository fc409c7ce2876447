"""Situations: load and check docs/_data/situations.yml; no MkDocs in here.

A situation is the kind of "no" a student got (an automated email, silence, a withdrawn offer...):
which guidance pages to read in which order, which emails and plan steps fit, and which checklist
items don't apply. `general` is the path for "Not sure, or something else". Every list entry keeps
its line, so a misspelt page, email, plan step, checklist or item id is reported at that line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .datafile import SLUG, Reader, compose, did_you_mean, line_of, named
from .errors import ContentError
from .markers import ids_of

GENERAL = "general"  # the id of the "Not sure, or something else" path (no situation may take it)
TOP_KEYS = ("question", "first", "more", "general", "situations")
GENERAL_KEYS = ("title", "description", "page", "steps")
SITUATION_KEYS = ("id", "title", "short", "description", "page", "steps", "emails", "versions", "plan", "skip")


@dataclass(frozen=True)
class Ref:
    """An id or page named in a list, with the line it is on."""
    value: str
    line: int


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    short: str                 # "Your situation: <short>"
    description: str
    page: str                  # its page inside docs/, e.g. situations/silence.md
    steps: tuple[Ref, ...]     # guidance pages, in order
    emails: tuple[Ref, ...]    # email template ids, shown first on the emails page
    plan: tuple[Ref, ...]      # planner step ids, in order
    skip: dict = field(default_factory=dict, compare=False)  # checklist id -> (Ref of it, (Ref of item, ...))
    line: int = 0
    page_line: int = 0
    versions: dict = field(default_factory=dict, compare=False)  # email template id -> (Ref of it, version number from 1)

    @property
    def step_pages(self) -> list[str]:
        return [r.value for r in self.steps]


@dataclass(frozen=True)
class Situations:
    question: str
    general: Situation          # id GENERAL; no emails, plan or skip of its own (the tools' general order)
    situations: dict[str, Situation]
    first: tuple[str, ...] = ()  # the situations the home page shows first (all of them when empty)
    more: str = ""               # the name of the others' group on the home page ("Other kinds of no")

    def all(self) -> list[Situation]:
        """Every situation and then the general path."""
        return [*self.situations.values(), self.general]

    def home_groups(self) -> tuple[list[Situation], list[Situation]]:
        """The home page's two groups: the situations shown first (in `first`'s order; every one when
        `first` is empty), and the others in the file's order (behind `more`)."""
        if not self.first:
            return list(self.situations.values()), []
        return ([self.situations[i] for i in self.first],
                [s for s in self.situations.values() if s.id not in self.first])


def _refs(r: Reader, key: str, required: bool, what: str, example: str, slug: bool) -> tuple[Ref, ...]:
    """A list of ids or page paths under `key`, each with its line."""
    node = r.items.get(key)
    if not required and (node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))):
        return ()
    entries = r.sequence(key, required, fix=f"write the {what} as a list, e.g. '{key}: [{example}]'.")
    return _entries(r, key, entries, what, example, slug)


def _entries(r: Reader, key: str, entries: list, what: str, example: str, slug: bool) -> tuple[Ref, ...]:
    """Each entry one id or page, each at most once."""
    out, seen = [], {}
    one = what[:-1]  # "pages" -> "page"
    for entry in entries:
        if not isinstance(entry, yaml.ScalarNode) or not str(entry.value).strip():
            r.fail(line_of(entry), f"An entry of '{key}' in {r.where} is not a single {one}.",
                   f"write one {one} per entry, e.g. '{key}: [{example}]'.")
            continue
        value = str(entry.value).strip()
        if slug and not SLUG.match(value):
            r.fail(line_of(entry), f"'{value}' in '{key}' of {r.where} is not a valid id.",
                   "use lowercase letters, digits and single hyphens, as the id is written in its own file.")
            continue
        if value in seen:
            r.fail(line_of(entry), f"'{value}' is listed twice in '{key}' of {r.where} (first on line {seen[value]}).",
                   "keep one of the two.")
            continue
        seen[value] = line_of(entry)
        out.append(Ref(value, line_of(entry)))
    return tuple(out)


def _skip(r: Reader) -> dict:
    """skip: {checklist id: [item id, ...]}."""
    node = r.items.get("skip")
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return {}
    sr = Reader(node, r.path, r.errors, f"'skip' of {r.where}")
    out = {}
    for checklist, value in sr.items.items():
        where = Ref(checklist, sr.keys[checklist])
        if not isinstance(value, yaml.SequenceNode):
            sr.fail(where.line, f"'{checklist}' in 'skip' of {r.where} is not a list of item ids.",
                    f"write '{checklist}: [item-id, other-item-id]'.")
            continue
        out[checklist] = (where, _entries(r, f"skip: {checklist}", value.value, "item ids", "item-id", slug=True))
    return out


def _versions(r: Reader) -> dict:
    """versions: {email template id: the number of its version that fits (1 = its main version)}."""
    node = r.items.get("versions")
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return {}
    if not isinstance(node, yaml.MappingNode):
        r.fail(line_of(node), f"'versions' of {r.where} is not a list of emails and versions.",
               "write 'versions: {gracious-reply: 3}' (the email's id, then which of its versions: 1 is its main one).")
        return {}
    out = {}
    for key, value in node.value:
        tid = str(key.value).strip()
        number = str(value.value).strip() if isinstance(value, yaml.ScalarNode) else ""
        if not number.isdigit() or int(number) < 1:
            r.fail(line_of(value), f"The version of '{tid}' in 'versions' of {r.where} is not a number from 1.",
                   f"write '{tid}: 2' for its second version (1 is its main one, 2 its first variant, and so on).")
            continue
        out[tid] = (Ref(tid, line_of(key)), int(number))
    return out


def _situation(node, path, errors, seen: dict[str, int], pages: dict[str, int]) -> Situation | None:
    r = Reader(node, path, errors, named(node, "the situation '{}'", "a situation"), SITUATION_KEYS)
    if not r.ok:
        return None
    sid = r.ident("id")
    if sid == GENERAL:
        r.fail(r.at("id"), f"The id '{GENERAL}' is taken by the 'general' path (Not sure, or something else).",
               "give the situation another id.")
        sid = None
    elif sid is not None and not r.once("id", seen, f"The situation id '{sid}' is used twice",
                                        "give each situation its own id."):
        sid = None
    values = {key: r.text(key, fix=fix) for key, fix in (
        ("title", "add 'title: A \"no\" after the final round'."),
        ("short", "add 'short: after the final round', shown as 'Your situation: after the final round'."),
        ("description", "add 'description: One line on when this fits'."),
        ("page", "add 'page: situations/<id>.md', the page that says what is different."))}
    page = _page(r, values["page"], pages)
    steps = _refs(r, "steps", True, "pages", "feel-it.md, reply-graciously.md", slug=False)
    emails = _refs(r, "emails", False, "template ids", "gracious-reply", slug=True)
    plan = _refs(r, "plan", False, "step ids", "be-kind, analyse", slug=True)
    skip = _skip(r)
    versions = _versions(r)
    if sid is None or None in values.values() or page is None:
        return None
    return Situation(sid, values["title"], values["short"], values["description"], page, steps, emails, plan,
                     skip, r.line, r.at("page"), versions)


def _page(r: Reader, page: str | None, pages: dict[str, int]) -> str | None:
    """A situation's own page: one page per situation."""
    if page is None:
        return None
    if page in pages:
        r.fail(r.at("page"), f"The page '{page}' already belongs to another situation (line {pages[page]}).",
               "give each situation a page of its own.")
        return None
    pages[page] = r.at("page")
    return page


def load_situations(path: str, text: str) -> tuple[Situations | None, list[ContentError]]:
    """Parse situations.yml; return the situations (None if unusable) and every problem found."""
    root, errors = compose(path, text)
    if errors:
        return None, errors
    if root is None:
        return None, [ContentError(path, 1, "The file is empty.",
                                   "restore it from the project's history (git checkout -- " + path + ").")]
    top = Reader(root, path, errors, "the situations file", TOP_KEYS)
    if not top.ok:
        return None, errors
    question = top.text("question", fix="add 'question: What kind of \"no\" did you get?', the home page's question.")
    pages: dict[str, int] = {}
    g = top.child("general", "the 'general' path", GENERAL_KEYS)
    general_values = {key: g.text(key, fix=fix) for key, fix in (
        ("title", "add 'title: Not sure, or something else'."),
        ("description", "add 'description: One line on when this fits'."),
        ("page", "add 'page: situations/not-sure.md', the page of the general path."))}
    general_page = _page(g, general_values["page"], pages)
    general_steps = _refs(g, "steps", True, "pages", "feel-it.md, reply-graciously.md", slug=False)
    seen: dict[str, int] = {}
    situations = [s for s in (_situation(n, path, errors, seen, pages)
                              for n in top.sequence("situations", fix="add 'situations:' and entries starting with '- id:'."))
                  if s]
    first = _refs(top, "first", False, "situation ids", "automated, silence", slug=True)
    more = top.text("more", required=bool(first),
                    fix="add 'more: Other kinds of \"no\"', the name of the situations not in 'first' on the home page.")
    for ref in first:
        if ref.value not in seen and ref.value != GENERAL:
            top.fail(ref.line, f"'first' names the situation '{ref.value}', which the file doesn't define.",
                     _fix(ref.value, seen, "a situation id"))
        elif ref.value == GENERAL:
            top.fail(ref.line, f"'first' can't name '{GENERAL}': the home page always shows it last.",
                     "remove it from 'first'.")
    if errors or question is None or general_page is None:
        return None, errors
    general = Situation(GENERAL, general_values["title"], general_values["title"], general_values["description"],
                        general_page, general_steps, (), (), {}, g.line, g.at("page"))
    return Situations(question, general, {s.id: s for s in situations},
                      tuple(r.value for r in first), more or ""), []


@dataclass(frozen=True)
class Fit:
    """An email template's or plan step's optional `situations:` list: the situations it fits, written
    in `path` at `line`, each (id, line). Only a situation in it may offer the template or step."""
    path: str
    line: int
    ids: tuple[tuple[str, int], ...]

    def fits(self, sid: str) -> bool:
        return any(value == sid for value, _ in self.ids)


def check_references(data: Situations, path: str, pages: set[str], emails: "set[str] | dict[str, int] | None",
                     plan: set[str] | None, checklists: dict[str, set[str]] | None,
                     email_fits: dict[str, Fit] | None = None, step_fits: dict[str, Fit] | None = None,
                     step_emails: dict[str, str] | None = None) -> list[ContentError]:
    """Every page, email, plan step, checklist and item a situation names must exist (None: that tool's
    data is unknown, so its ids go unchecked). A template or step that says which situations it fits
    (`email_fits` by template id, `step_fits` by step id) names real situations, and no other situation
    offers it, in its `emails:` or `plan:` (nor a plan step that sends that template: `step_emails`).
    `emails` may give each template's number of versions (checks a situation's `versions`)."""
    errors = _check_fits(data, path, email_fits or {}, step_fits or {}, step_emails or {})
    guidance = sorted(p for p in pages if not p.startswith("situations/"))

    def unknown(line, problem, fix):
        errors.append(ContentError(path, line, problem, fix))

    for s in data.all():
        where = "the general path" if s.id == GENERAL else f"the situation '{s.id}'"
        if s.page not in pages:
            unknown(s.page_line, f"The page '{s.page}' of {where} doesn't exist.",
                    f"write the page docs/{s.page} (title, description, '<!-- situation: {s.id} -->'), or fix the path.")
        for ref in s.steps:
            if ref.value not in pages:
                unknown(ref.line, f"The step '{ref.value}' of {where} is not a page of the guide.",
                        _fix(ref.value, guidance, "the file name of a guidance page in docs/"))
        if emails is not None:
            for ref in s.emails:
                if ref.value not in emails:
                    unknown(ref.line, f"{where[:1].upper() + where[1:]} lists the email template '{ref.value}', "
                            "which docs/_data/emails.yml doesn't define.", _fix(ref.value, emails, "a template id"))
        if emails is not None:
            for tid, (ref, number) in s.versions.items():
                if tid not in emails:
                    unknown(ref.line, f"{where[:1].upper() + where[1:]} picks a version of the email '{tid}', "
                            "which docs/_data/emails.yml doesn't define.", _fix(tid, emails, "a template id"))
                elif isinstance(emails, dict) and number > emails[tid]:
                    unknown(ref.line, f"{where[:1].upper() + where[1:]} picks version {number} of the email '{tid}', "
                            f"which has {emails[tid]}.", f"write a number from 1 to {emails[tid]} "
                            "(1 is its main version, then its variants in the order emails.yml lists them).")
        if plan is not None:
            for ref in s.plan:
                if ref.value not in plan:
                    unknown(ref.line, f"{where[:1].upper() + where[1:]} lists the plan step '{ref.value}', "
                            "which docs/_data/planner.yml doesn't define.", _fix(ref.value, plan, "a step id"))
        if checklists is not None:
            for cid, (ref, items) in s.skip.items():
                if cid not in checklists:
                    unknown(ref.line, f"{where[:1].upper() + where[1:]} skips items of the checklist '{cid}', "
                            "which docs/_data/checklists.yml doesn't define.", _fix(cid, checklists, "a checklist id"))
                    continue
                for item in items:
                    if item.value not in checklists[cid]:
                        unknown(item.line, f"The checklist '{cid}' has no item '{item.value}' (skipped by {where}).",
                                _fix(item.value, checklists[cid], f"an item id of '{cid}'"))
    return errors


def _check_fits(data: Situations, path: str, email_fits: dict[str, Fit], step_fits: dict[str, Fit],
                step_emails: dict[str, str]) -> list[ContentError]:
    errors: list[ContentError] = []
    known = sorted(data.situations)
    for kind, fits in (("email template", email_fits), ("plan step", step_fits)):
        for ident, fit in fits.items():
            for value, line in fit.ids:
                if value not in data.situations:
                    errors.append(ContentError(fit.path, line, f"The 'situations' of the {kind} '{ident}' name '{value}', "
                                               f"which {path} doesn't define.", _fix(value, known, "a situation id")))

    def misfit(s: Situation, ref: Ref, kind: str, ident: str, fit: Fit, via: str = "") -> None:
        offers = f"offers the {kind} '{ident}'" + (f" (its plan step '{via}' sends it)" if via else "")
        errors.append(ContentError(
            path, ref.line, f"The situation '{s.id}' {offers}, but {fit.path}:{fit.line} says that {kind} fits only: "
            f"{', '.join(v for v, _ in fit.ids)}.",
            f"take '{via or ident}' out of this situation's '{'plan' if via or kind == 'plan step' else 'emails'}', "
            f"or, if it does fit, add '{s.id}' to the 'situations' of '{ident}' ({fit.path}:{fit.line})."))

    for s in data.situations.values():
        for ref in s.emails:
            if ref.value in email_fits and not email_fits[ref.value].fits(s.id):
                misfit(s, ref, "email template", ref.value, email_fits[ref.value])
        for ref in s.plan:
            if ref.value in step_fits and not step_fits[ref.value].fits(s.id):
                misfit(s, ref, "plan step", ref.value, step_fits[ref.value])
            email = step_emails.get(ref.value)
            if email in email_fits and not email_fits[email].fits(s.id):
                misfit(s, ref, "email template", email, email_fits[email], via=ref.value)
    return errors


def _fix(name: str, allowed, what: str) -> str:
    hint = did_you_mean(name, sorted(allowed))
    return hint if hint.startswith("did you mean") else f"use {what}: {', '.join(sorted(allowed))}."


def script_data(data: Situations, url: dict[str, str], titles: dict[str, str]) -> dict:
    """What the browser needs (guide.situationInfo(), situations.js): `url[src]` is a page's URL from the
    site root ('feel-it/'), `titles[url]` its title (for the path and 'Next: ...')."""
    def steps(s):
        return [url[p] for p in s.step_pages if p in url]
    return {
        "pages": {url[p]: titles[url[p]] for s in data.all() for p in s.step_pages if p in url},
        "general": {"title": data.general.title, "url": url.get(data.general.page, ""), "steps": steps(data.general)},
        "situations": {s.id: {"id": s.id, "title": s.title, "short": s.short, "url": url.get(s.page, ""), "steps": steps(s),
                              "emails": [r.value for r in s.emails], "plan": [r.value for r in s.plan],
                              "versions": {tid: number - 1 for tid, (_, number) in s.versions.items()},
                              "skip": {cid: [i.value for i in items] for cid, (_, items) in s.skip.items()}}
                       for s in data.situations.values()},
    }


# Text that fits only some situations ------------------------------------------------------------
# A page marks it with a block: `<!-- only: final-round, after-interview -->`, the text, `<!-- end -->`
# (each marker on a line of its own, with a blank line before and after). Without JavaScript or with
# no situation chosen, the block shows, so its words must hold for everyone ("If someone wrote to
# you, ..."); guide.js hides it while a situation it doesn't name is chosen.
ONLY, END = "only", "end"


def check_only_blocks(path: str, source: str, markers: list, known: list[str]) -> list[ContentError]:
    """The `only` blocks of one page (markers: its `only` and `end` markers, in order): known
    situation ids, each block closed by `<!-- end -->` at the same indent, none inside another, each
    marker alone between blank lines (so Markdown keeps the block's text as blocks of its own)."""
    lines = source.splitlines()
    errors: list[ContentError] = []
    example = ", ".join(known[:2])
    indent = lambda m: len(lines[m.line - 1]) - len(lines[m.line - 1].lstrip())
    for m in markers:
        above = lines[m.line - 2].strip() if m.line >= 2 else ""
        below = lines[m.line].strip() if m.line < len(lines) else ""
        if above or below:
            errors.append(ContentError(path, m.line, f"'<!-- {m.kind}{': ' + m.id if m.id else ''} -->' touches the text "
                                       f"{'above' if above else 'below'} it.",
                                       "leave a blank line before and after it (to mark one item of a list, "
                                       "put that item in a list of its own between the markers)."))
    opened = None
    for m in markers:
        if m.kind == ONLY:
            if opened is not None:
                errors.append(ContentError(path, m.line, "An 'only' block starts inside another one "
                                           f"(line {opened.line}).", f"close that one first with '<!-- {END} -->'."))
            opened = m
            ids = ids_of(m.id)
            if not ids:
                errors.append(ContentError(path, m.line, "'<!-- only -->' doesn't say which situations the text fits.",
                                           f"write the situations' ids, e.g. '<!-- only: {example} -->' "
                                           "(ids from docs/_data/situations.yml)."))
            for ident in ids:
                if ident == GENERAL:
                    errors.append(ContentError(path, m.line, f"'{GENERAL}' in '<!-- only -->' is the \"Not sure\" path, which "
                                               "shows every block.", f"remove '{GENERAL}'; name the situations the text fits."))
                elif ident not in known:
                    errors.append(ContentError(path, m.line, f"'<!-- only -->' names the situation '{ident}', which "
                                               "docs/_data/situations.yml doesn't have.", did_you_mean(ident, known)))
        else:
            if opened is None:
                errors.append(ContentError(path, m.line, f"'<!-- {END} -->' closes no 'only' block.",
                                           f"remove it, or start the block above with '<!-- only: {example} -->'."))
            elif indent(m) != indent(opened):
                errors.append(ContentError(path, m.line, f"'<!-- {END} -->' is indented differently from its "
                                           f"'only' (line {opened.line}).", "indent both markers the same."))
            opened = None
    if opened is not None:
        errors.append(ContentError(path, opened.line, "The 'only' block has no end.",
                                   f"add a line '<!-- {END} -->' after the text it marks (with a blank line before and after)."))
    return errors
