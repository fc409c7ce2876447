"""A translation of a data file holds only words: the structure lives once, in the default
language's file. No MkDocs in here.

The default language's data file (docs/_data/checklists.yml) has everything: ids, order, pages,
numbers, times, the links between tools, and the words. A translation (docs/es/_data/checklists.yml)
holds the words only, under the same keys, with each list of entries keyed by their ids:

    # docs/_data/checklists.yml                # docs/es/_data/checklists.yml
    checklists:                                 checklists:
      - id: feel-it                               feel-it:
        page: feel-it.md                            title: Siéntelo y luego ponle un límite
        title: Feel it, then set a limit            items:
        items:                                        set-end-time:
          - id: set-end-time                            text: Anota la hora en que termina…
            text: Write down the time…

`overlay` reads both and gives the data file the translated site uses: the original's text with
each translated value put in place of the original's, so the tool reads it exactly as it reads the
original (same lines, same rules). A text with no translation stays in the original language and is
listed (`Unit.missing`); a translation of something the original no longer has is listed as unused;
neither stops the build. What does stop it, with the translation's file:line, is a translation
that would break the guide: a `{placeholder}` that isn't the original's, or a value that is not
words (an id, number, time or page: those live only in the original).

The rule for what is words (a "unit" a translator translates as a whole):
- a text value (not an id or keyword, time, page path, number, true/false or date);
- a list of text lines (the translation may have more or fewer lines);
- a list of entries without ids (e.g. before/after pairs): translated as a whole list, the same
  number of entries with the same keys.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass, field

import yaml

from .datafile import SLUG, compose, line_of
from .errors import ContentError

TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
PAGE = re.compile(r"^[\w./-]+\.md(?:#[\w-]*)?$")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
TEXT_TAG = "tag:yaml.org,2002:str"


def fixed(node: yaml.Node) -> bool:
    """A value that is structure, not words: numbers, true/false, dates, ids and keywords
    (lowercase words with hyphens), times ("09:00"), page paths."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    if node.tag != TEXT_TAG:
        return True
    value = str(node.value).strip()
    return bool(SLUG.match(value) or TIME.match(value) or PAGE.match(value))


def ident(node: yaml.Node) -> str | None:
    """The id of a list entry (its `id:` value), or None."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "id" and isinstance(v, yaml.ScalarNode):
                return str(v.value).strip()
    return None


def _python(node: yaml.Node):
    return yaml.safe_load(yaml.serialize(node))


@dataclass
class Unit:
    """One piece of words of the original: where it is (`key`, e.g. ('checklists', 'feel-it',
    'items', 'let-it-out', 'text')), its node in the original, and its translation (if any)."""
    key: tuple[str, ...]
    node: yaml.Node
    translated: object = None          # the translation's value (str or list), None: not translated
    translated_line: int = 0
    translated_end: int = 0            # the last line of the translation's value
    outdated: str = ""                 # why the translation is out of date ('' when it isn't)

    @property
    def original(self):
        return _python(self.node) if not isinstance(self.node, yaml.ScalarNode) else str(self.node.value).strip()

    @property
    def line(self) -> int:
        return line_of(self.node)

    @property
    def missing(self) -> bool:
        return self.translated is None

    @property
    def dotted(self) -> str:
        return ".".join(self.key)


def units(root: yaml.Node) -> list[Unit]:
    """Every unit of words in a data file (the module's rule), in the file's order."""
    found: list[Unit] = []

    def walk(node, key):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) != "id" or not key or ident(node) is None:
                    walk(v, key + (str(k.value),))
        elif isinstance(node, yaml.SequenceNode):
            entries = node.value
            if entries and all(ident(n) for n in entries):
                for n in entries:
                    walk(n, key + (ident(n),))
            elif not entries or all(fixed(n) for n in entries):
                return
            else:
                found.append(Unit(key, node))
        elif isinstance(node, yaml.ScalarNode) and not fixed(node) and str(node.value).strip():
            found.append(Unit(key, node))

    walk(root, ())
    return found


def _leaves(node: yaml.Node, key=()):
    """The translation's values by key: (key, node) for each value that is not a mapping."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _leaves(v, key + (str(k.value),))
    else:
        yield key, node


@dataclass
class Overlay:
    """The result of `overlay`: the text the tool reads, every unit, and what is left over."""
    text: str
    units: list[Unit]
    unused: list[tuple[str, int]] = field(default_factory=list)   # (dotted key, line in the translation)
    errors: list[ContentError] = field(default_factory=list)

    @property
    def missing(self) -> list[Unit]:
        return [u for u in self.units if u.missing]

    def where(self, line: int) -> int | None:
        """The translation's line of the unit that covers the original's `line` (None: not translated)."""
        for u in self.units:
            if not u.missing and u.node.start_mark.line + 1 <= line <= u.node.end_mark.line + 1:
                return u.translated_line
        return None


def _placeholders(original: str, translated: str, shown: str, line: int) -> str | None:
    """The problem when a translation's {placeholders} are not the original's (None when they are)."""
    ours, theirs = set(PLACEHOLDER.findall(original)), set(PLACEHOLDER.findall(translated))
    if ours == theirs:
        return None
    lacks = ", ".join("{" + p + "}" for p in sorted(ours - theirs))
    extra = ", ".join("{" + p + "}" for p in sorted(theirs - ours))
    said = "; ".join(s for s in (f"lacks {lacks}" if lacks else "",
                                 f"has {extra}, which the original doesn't" if extra else "") if s)
    return f"'{shown}' {said} (the original's line {line})."


PLACEHOLDER_FIX = ("keep every {placeholder} of the original exactly as it is written there (in English); "
                   "translate only the words around them.")


def _check(unit: Unit, node: yaml.Node, path: str) -> tuple[object, list[ContentError], str]:
    """A translation's value for one unit: (value or None, problems that stop the build, why it is
    out of date and not used: '' when it is used)."""
    line, shown, original = line_of(node), unit.dotted, unit.node

    def fail(problem, fix):
        return None, [ContentError(path, line, problem, fix)], ""

    if isinstance(original, yaml.ScalarNode):
        if not isinstance(node, yaml.ScalarNode) or node.tag != TEXT_TAG:
            return fail(f"'{shown}' should be words (the original, line {unit.line}, has words there).",
                        "write the translated words after the key, in quotes if they contain ': '.")
        value = str(node.value).strip()
        if not value:
            return None, [], ""  # empty: not translated yet
        problem = _placeholders(str(original.value), value, shown, unit.line)
        return (None, [ContentError(path, line, problem, PLACEHOLDER_FIX)], "") if problem else (value, [], "")
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return fail(f"'{shown}' should be a list, as in the original (line {unit.line}).",
                    "write each entry on its own line starting with '- '.")
    if all(isinstance(n, yaml.ScalarNode) for n in original.value):  # lines of words
        if not all(isinstance(n, yaml.ScalarNode) and str(n.value).strip() for n in node.value):
            return fail(f"'{shown}' should be a list of lines of words, as in the original (line {unit.line}).",
                        "write each line on its own line starting with '- '.")
        problem = _placeholders(" ".join(str(n.value) for n in original.value),
                                " ".join(str(n.value) for n in node.value), shown, unit.line)
        if problem:
            return None, [ContentError(path, line, problem, PLACEHOLDER_FIX)], ""
        return [str(n.value).strip() for n in node.value], [], ""
    # entries without ids, translated as a whole list: the same entries with the same keys
    if len(node.value) != len(original.value):
        return None, [], f"the original now has {len(original.value)} entries, the translation {len(node.value)}"
    errors: list[ContentError] = []
    for a, b in zip(original.value, node.value):
        if isinstance(a, yaml.ScalarNode) and isinstance(b, yaml.ScalarNode) and not fixed(a):
            problem = _placeholders(str(a.value), str(b.value), shown, line_of(a))
            if problem:
                errors.append(ContentError(path, line_of(b), problem, PLACEHOLDER_FIX))
            continue
        if not (isinstance(a, yaml.MappingNode) and isinstance(b, yaml.MappingNode)):
            return None, [], "the entries are written another way than in the original"
        theirs = {str(k.value): v for k, v in b.value}
        if set(theirs) != {str(k.value) for k, _ in a.value}:
            return None, [], f"an entry's keys are not the original's (line {line_of(a)})"
        for k, va in a.value:
            vb = theirs[str(k.value)]
            if fixed(va):
                if not isinstance(vb, yaml.ScalarNode) or str(va.value).strip() != str(vb.value).strip():
                    errors.append(ContentError(path, line_of(vb), f"'{k.value}: {vb.value}' in '{shown}' is not words: "
                                               f"the original has '{va.value}' (line {line_of(va)}).",
                                               f"write '{va.value}': ids, numbers and pages stay as in the original."))
            elif isinstance(va, yaml.ScalarNode) and isinstance(vb, yaml.ScalarNode):
                problem = _placeholders(str(va.value), str(vb.value), f"{shown}.{k.value}", line_of(va))
                if problem:
                    errors.append(ContentError(path, line_of(vb), problem, PLACEHOLDER_FIX))
    return (None if errors else _python(node)), errors, ""


def overlay(original_text: str, original_path: str, translated_text: str | None, translated_path: str,
            language: str, times: tuple[list[float] | None, list[float] | None] = (None, None)) -> Overlay:
    """The original data file with the translation's words put in (see the module's doc).
    `times`: when each line of the original and of the translation was last changed (line_times),
    to find translations older than their original's words; (None, None): not known."""
    root, errors = compose(original_path, original_text)
    if root is None or errors:
        return Overlay(original_text, [], errors=[])  # the original's own build reports it
    found = units(root)
    by_key = {u.key: u for u in found}
    result = Overlay(original_text, found)
    if translated_text is None:
        return result
    troot, errors = compose(translated_path, translated_text)
    if errors:
        result.errors = errors
        return result
    if troot is None or (isinstance(troot, yaml.ScalarNode) and not str(troot.value).strip()):
        return result
    if not isinstance(troot, yaml.MappingNode):
        result.errors = [ContentError(translated_path, 1, "The file is not a set of 'key: words' lines.",
                                      f"write it as the original's keys with the words translated (see the top of "
                                      f"{translated_path}).")]
        return result
    for key, node in _leaves(troot):
        unit = by_key.get(key)
        if unit is None:
            if _structure(root, key):
                result.errors.append(ContentError(translated_path, line_of(node),
                                                  f"'{'.'.join(key)}: {node.value}' is not words: ids, pages, numbers, "
                                                  f"times and order live only in {original_path}.",
                                                  "remove this line (change it in the original if it must change)."))
            else:
                result.unused.append((".".join(key), line_of(node)))
            continue
        value, problems, stale = _check(unit, node, translated_path)
        result.errors += problems
        unit.translated_line, unit.translated_end = line_of(node), last_line(node)
        if value is not None:
            unit.translated = value
        elif stale:
            unit.outdated = f"{stale}: the original is shown"
    for unit in found:
        if not unit.missing:
            unit.outdated = newer(times, (line_of(unit.node), last_line(unit.node)),
                                  (unit.translated_line, unit.translated_end))
    result.text = splice(original_text, [u for u in found if not u.missing])
    return result


def last_line(node: yaml.Node) -> int:
    """The last line a value takes (a block value's node ends at the start of the line after it)."""
    return node.end_mark.line + (0 if node.end_mark.column == 0 else 1)


def newer(times, original: tuple[int, int], translated: tuple[int, int]) -> str:
    """Why a translation is out of date: its original's lines were changed after its own ('' when
    they weren't, or when that isn't known)."""
    ours, theirs = times
    if not ours or not theirs:
        return ""
    changed = max(ours[original[0] - 1:original[1]] or [0])
    written = max(theirs[translated[0] - 1:translated[1]] or [0])
    if changed <= written:
        return ""
    when = lambda t: time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))
    return f"the original was changed on {when(changed)} UTC, after this translation ({when(written)} UTC)"


def line_times(path: str) -> list[float] | None:
    """When each line of a file was last changed, by git (a line not committed yet: now); None
    outside a git checkout, or for a file git doesn't track. A shallow clone gives its lines the
    time of its one commit, so nothing there counts as changed after anything else."""
    try:
        done = subprocess.run(["git", "blame", "--porcelain", "--", os.path.basename(path)],
                              cwd=os.path.dirname(os.path.abspath(path)), capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    times: dict[str, float] = {}
    lines: list[float] = []
    commit = None
    for line in done.stdout.splitlines():
        if line.startswith("\t"):
            lines.append(times.get(commit, time.time()))
        elif line.startswith("committer-time "):
            times[commit] = float(line.split()[1])
        else:
            head = line.split()
            if head and len(head[0]) == 40 and all(c in "0123456789abcdef" for c in head[0]):
                commit = head[0]
                if set(commit) == {"0"}:
                    times[commit] = time.time()  # not committed yet
    return lines


def _structure(root: yaml.Node, key: tuple[str, ...]) -> bool:
    """Whether `key` names a value of the original that is structure (an id, page, number, time…)."""
    node = root
    for part in key:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if str(k.value) == part), None)
        elif isinstance(node, yaml.SequenceNode):
            node = next((n for n in node.value if ident(n) == part), None)
        else:
            return False
        if node is None:
            return False
    return fixed(node) or (isinstance(node, yaml.SequenceNode) and bool(node.value) and all(fixed(n) for n in node.value))


def splice(text: str, done: list[Unit]) -> str:
    """`text` with each unit's value replaced by its translation, written so that every line of the
    original keeps its number (a one-line JSON value, then the lines the original value took)."""
    parts, at = [], 0
    for u in sorted(done, key=lambda u: u.node.start_mark.index):
        start, end = u.node.start_mark.index, u.node.end_mark.index
        span = text[start:end].rstrip()  # a block value's node runs on to the next key: keep what follows it
        end = start + len(span)
        value = json.dumps(u.translated, ensure_ascii=False)
        if not isinstance(u.node, yaml.ScalarNode):
            value = " " + value  # a list may start at its key's own indentation ('- ' under 'key:'): not a flow value's
        parts += [text[at:start], value, "\n" * span.count("\n")]
        at = end
    parts.append(text[at:])
    return "".join(parts)


# Words shown in the original language on a translated site -----------------------------------

class Untranslated(str):
    """Words shown in the original language on a translated site (not translated yet). They are
    plain text to Python and to JSON; in a template (Jinja escapes them through __html__) they come
    marked with their language, so a screen reader switches its voice: <span lang="en">…</span>.
    Only for text in an element's content, never inside an attribute (a template that puts data
    words in an attribute writes them `| string`)."""

    def __new__(cls, text: str, lang: str = "en"):
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __html__(self) -> str:
        from markupsafe import escape
        return f'<span lang="{self.lang}">{escape(str(self))}</span>'


def mark(value, texts: set[str], lang: str):
    """`value` (a tool's loaded data: dataclasses, dicts, lists, tuples) with every string that is
    one of `texts` (words not translated yet) made Untranslated, in place where it can be."""
    if isinstance(value, str):
        return Untranslated(value, lang) if type(value) is str and value.strip() in texts else value
    if isinstance(value, list):
        value[:] = [mark(v, texts, lang) for v in value]
        return value
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(mark(v, texts, lang) for v in value)
    if isinstance(value, dict):
        for k in list(value):
            value[k] = mark(value[k], texts, lang)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            object.__setattr__(value, f.name, mark(getattr(value, f.name), texts, lang))
    return value


def missing_texts(units_: list[Unit]) -> set[str]:
    """The original's words of every unit not translated: each text, and each line of a list."""
    found: set[str] = set()
    for u in units_:
        if not u.missing:
            continue
        value = u.original
        if isinstance(value, str):
            found.add(value)
        else:
            for entry in value:
                if isinstance(entry, str):
                    found.add(entry.strip())
                elif isinstance(entry, dict):
                    found.update(str(v).strip() for v in entry.values() if isinstance(v, str))
    return found


def _lines(value) -> list[str]:
    if isinstance(value, str):
        return value.splitlines()
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100000).splitlines()


# What a translated site lacks: the report -------------------------------------------------------

@dataclass
class Translation:
    """One translated site's state, for the build (which reads its data through `overlay`) and for
    the translator's report: what shows in the original language, what is out of date, what is unused."""
    code: str                       # 'es'
    language: str                   # 'Spanish', for messages
    original_lang: str              # 'en'
    original_docs: str              # the original's docs folder (absolute)
    data: dict[str, tuple[str, str, Overlay]] = field(default_factory=dict)  # file name -> (original, translation, overlay)
    pages: list[tuple[str, str]] = field(default_factory=list)        # (page, original file) shown untranslated
    stale_pages: list[tuple[str, str, str]] = field(default_factory=list)  # (translation file, original file, why)
    words: list[tuple[str, str, str, int]] = field(default_factory=list)  # (words file, key, original words, its line)
    settings: list[tuple[str, str, str]] = field(default_factory=list)  # (file, which setting, original words)
    setting_texts: set[str] = field(default_factory=set)  # those words, to mark where they show

    def counts(self) -> tuple[int, int]:
        """(to translate, outdated)."""
        missing = sum(1 for *_, o in self.data.values() for u in o.units if u.missing and not u.outdated)
        missing += len(self.pages) + len(self.words) + len(self.settings)
        stale = sum(1 for *_, o in self.data.values() for u in o.units if u.outdated) + len(self.stale_pages)
        return missing, stale

    def summary(self) -> str:
        missing, stale = self.counts()
        unused = sum(len(o.unused) for *_, o in self.data.values())
        parts = [f"{missing} to translate", f"{stale} outdated"] + ([f"{unused} unused"] if unused else [])
        return f"{self.code}: " + ", ".join(parts)

    def report(self) -> str:
        """The translator's report: each text to translate with its original words and where it goes."""
        out = [f"Translation report: {self.language} ({self.code})", "", self.summary(), "",
               "Until a text is translated, the site shows it in the original language, marked as such.",
               "Write each translation in the file and under the key named; keep every {placeholder}.", ""]
        for name, (original, translated, o) in self.data.items():
            todo = [u for u in o.units if u.missing or u.outdated]
            if not todo and not o.unused:
                continue
            out += [f"== {translated} (the words of {original})", ""]
            for u in todo:
                status = f"OUTDATED: {u.outdated}; {translated}:{u.translated_line}" if u.outdated else "TO TRANSLATE"
                out += [f"- {u.dotted}   [{status}]", f"  used at {original}:{u.line}", "  original:"]
                out += [f"    {line}" for line in _lines(u.original)]
                if u.translated is not None:
                    out += ["  translation now:"] + [f"    {line}" for line in _lines(u.translated)]
                out.append("")
            for key, line in o.unused:
                out += [f"- {key}   [UNUSED: the original has no such text any more; {translated}:{line}]", ""]
        if self.words:
            out += ["== The tools' words", ""]
            for file, key, words, line in self.words:
                out += [f"- {key}   [TO TRANSLATE] in {file} (the original: line {line})", f"    {words}", ""]
        if self.settings:
            out += [f"== Settings: under 'translations:' in {self.settings[0][0]}, each original, a colon, its translation", ""]
            for file, key, value in self.settings:
                out += [f"- {value}   [TO TRANSLATE] ({key})", ""]
        if self.pages or self.stale_pages:
            out += ["== Pages", ""]
            out += [f"- {page}   [TO TRANSLATE] copy {original} there and translate it" for page, original in self.pages]
            out += [f"- {page}   [OUTDATED] {why} (the original: {original})" for page, original, why in self.stale_pages]
            out.append("")
        return "\n".join(out).rstrip() + "\n"


def file_times(folder: str) -> dict[str, float] | None:
    """When each file under `folder` was last changed, by git (absolute path -> time; a file changed
    and not committed yet: now); None outside a git checkout."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)
    try:
        top = git("rev-parse", "--show-toplevel")
        if top.returncode != 0:
            return None
        root = top.stdout.strip()
        log = git("log", "--format=%x00%ct", "--name-only", "--", ".")
        status = git("status", "--porcelain", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    times: dict[str, float] = {}
    when = 0.0
    for line in log.stdout.splitlines():
        if line.startswith("\0"):
            when = float(line[1:])
        elif line.strip():
            times.setdefault(os.path.normpath(os.path.join(root, line.strip())), when)
    now = time.time()
    for line in status.stdout.splitlines():
        times[os.path.normpath(os.path.join(root, line[3:].strip().strip('"')))] = now
    return times
