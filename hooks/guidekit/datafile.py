"""Read a YAML data file keeping line numbers, so every error can say file:line and what to fix.

A tool's loader: `root, errors = compose(path, text)`, then `Reader(root, path, errors, "the file",
KEYS)` and its `text`, `ident`, `time`, `number`, `flag`, `child` and `sequence` for each value.
"""
from __future__ import annotations

import difflib
import re
from typing import Any

import yaml

from .errors import ContentError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_FIX = "use lowercase letters, digits and single hyphens, e.g. 'send-thank-you'"
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one made reading the data
# files most of the hooks' build time on a large site. Nodes and their line numbers are the same.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(rel_path: str, text: str) -> tuple[yaml.Node | None, list[ContentError]]:
    """Parse YAML into nodes (which know their line); a syntax error becomes a ContentError."""
    try:
        return yaml.compose(text, Loader=LOADER), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [ContentError(rel_path, line, f"This is not valid YAML ({problem}).",
                                   "check the indentation and the '-' and ':' on this line and the one above; "
                                   "put text that contains ': ' or starts with a quote in quotes.")]


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def to_python(node: yaml.Node) -> Any:
    return yaml.safe_load(yaml.serialize(node))


def did_you_mean(name: str, allowed) -> str:
    """The fix for an unknown name: the closest allowed one, or the whole list."""
    close = difflib.get_close_matches(name, sorted(allowed), n=1)
    return f"did you mean '{close[0]}'?" if close else f"use one of: {_listed(allowed)} (check the spelling)."


def _listed(names) -> str:
    """Names for a message: in the file's order when given as a tuple or list, sorted when a set."""
    return ", ".join(sorted(names) if isinstance(names, (set, frozenset)) else names)


def named(node: yaml.Node, known: str, unknown: str, key: str = "id") -> str:
    """How messages call a mapping entry: `known` with its id filled in ("the step '{}'"), or `unknown`
    when it has no valid id yet (that gets its own message)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.ScalarNode) and SLUG.match(str(v.value).strip()):
                return known.format(str(v.value).strip())
    return unknown


class Reader:
    """Reads one YAML mapping node, recording problems with the line of the key or value at fault.

    `where` names the mapping in messages ("the step 'analyse'"); `allowed` lists its keys
    (None: any key). Unknown keys get a did-you-mean hint; a key written twice is reported
    and its first value kept. Problems go to the shared `errors` list, so one pass reports all.
    """

    def __init__(self, node, path: str, errors: list[ContentError], where: str, allowed=None, *,
                 line: int | None = None):
        self.path, self.errors, self.where = path, errors, where
        self.mark = node.start_mark
        self.line = line or line_of(node)  # where problems of the whole entry are reported
        self.items: dict[str, yaml.Node] = {}
        self.keys: dict[str, int] = {}  # key -> the line of the key itself
        self.ok = isinstance(node, yaml.MappingNode)  # False: reported, and there is nothing to read
        if not self.ok:
            shape = f" ({_listed(allowed)})" if allowed else ""
            self.fail(self.line, f"{self.Where} is not a set of 'key: value' lines.",
                      f"write it as indented 'key: value' lines{shape}; check the indentation.")
            return
        for key, value in node.value:
            name = str(key.value)
            if name in self.items:
                self.fail(line_of(key), f"{self.Where} has '{name}' twice (first on line {self.keys[name]}).",
                          "keep one of the two lines.")
            elif allowed is not None and name not in allowed:
                self.fail(line_of(key), f"{self.Where} has an unknown key '{name}'.", did_you_mean(name, allowed))
            else:
                self.items[name], self.keys[name] = value, line_of(key)

    @property
    def Where(self) -> str:  # at the start of a sentence
        return self.where[:1].upper() + self.where[1:]

    def fail(self, line: int, problem: str, fix: str) -> None:
        self.errors.append(ContentError(self.path, line, problem[:1].upper() + problem[1:], fix))

    def at(self, key: str) -> int:
        node = self.items.get(key)
        return line_of(node) if node is not None else self.line

    def node(self, key: str, required: bool, fix: str):
        node = self.items.get(key)
        if node is None and required:
            self.fail(self.line, f"{self.Where} has no '{key}'.", fix)
        return node

    def text(self, key: str, required: bool = True, fix: str = "", *, blank: bool = False,
             raw: bool = False) -> str | None:
        """A text value, stripped (raw: only trailing space removed, to keep its lines).

        A missing key is a problem when required; an empty value is one unless blank=True.
        """
        node = self.node(key, required, fix or f"add a line '{key}: ...'.")
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.fail(self.at(key), f"'{key}' in {self.where} should be plain text.",
                      fix or "write it as plain text after the key.")
            return None
        value = str(node.value).rstrip() if raw else str(node.value).strip()
        if not value.strip() and not blank:
            self.fail(self.at(key), f"'{key}' in {self.where} is empty.", fix or f"write the {key} after '{key}:'.")
            return None
        return value

    def text_line(self, key: str) -> int:
        """The line a text value's first line is on: a block scalar ('|', '>') starts below its key."""
        node = self.items.get(key)
        if node is None:
            return self.line
        return line_of(node) + (1 if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") else 0)

    def once(self, key: str, seen: dict[str, int], problem: str, fix: str) -> bool:
        """Check that this entry's `key` value (an id) is new in `seen` (value -> line); report a repeat."""
        value = self.text(key, required=False, blank=True)
        if value in seen:
            self.fail(self.at(key), f"{problem} (first on line {seen[value]}).", fix)
            return False
        seen[value] = self.at(key)
        return True

    def _matching(self, key: str, pattern: re.Pattern, required: bool, example: str, what: str, fix: str) -> str | None:
        value = self.text(key, required, f"add a line '{key}: {example}'.")
        if value is not None and not pattern.match(value):
            self.fail(self.at(key), f"'{key}: {value}' in {self.where} is not {what}.", fix)
            return None
        return value

    def ident(self, key: str, required: bool = True) -> str | None:
        return self._matching(key, SLUG, required, "some-id", "a valid id", SLUG_FIX + ".")

    def time(self, key: str, required: bool = True) -> str | None:
        return self._matching(key, TIME, required, '"09:00"', "a time of day",
                              'write it on a 24-hour clock in quotes, from "00:00" to "23:59", e.g. "09:30".')

    def number(self, key: str, low: int, high: int, required: bool = True) -> int | None:
        value = self.text(key, required, f"add a line '{key}: <whole number from {low} to {high}>'.")
        if value is None:
            return None
        if not re.fullmatch(r"\d+", value) or not low <= int(value) <= high:
            self.fail(self.at(key), f"'{key}: {value}' in {self.where} is not a whole number from {low} to {high}.",
                      f"write a whole number from {low} to {high}.")
            return None
        return int(value)

    def flag(self, key: str) -> bool:
        """true/false (or yes/no); a missing line is false."""
        node = self.items.get(key)
        if node is None:
            return False
        word = str(node.value).strip().lower() if isinstance(node, yaml.ScalarNode) else ""
        if word not in ("true", "false", "yes", "no"):
            shown = f"{key}: {word}" if word else key
            self.fail(self.at(key), f"'{shown}' in {self.where} is neither true nor false.",
                      f"write '{key}: true' or '{key}: false', or leave the line out.")
            return False
        return word in ("true", "yes")

    def child(self, key: str, where: str, allowed=None) -> "Reader":
        node = self.node(key, True, f"add the '{key}:' section (see the comments in the file).")
        if node is None:  # already reported; read an empty section so the rest is still checked
            node = yaml.MappingNode("tag:yaml.org,2002:map", [], self.mark)
        return Reader(node, self.path, self.errors, where, allowed)

    def idents(self, key: str, example: str) -> tuple[tuple[str, int], ...]:
        """An optional list of ids under `key`, each (id, its line): e.g. 'situations: [silence, automated]'.
        A missing or empty key is (); a repeated or invalid id is reported at its line."""
        node = self.items.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.fail(self.at(key), f"'{key}' in {self.where} is not a list of ids.", f"write '{key}: [{example}]'.")
            return ()
        out, seen = [], {}
        for entry in node.value:
            value = str(entry.value).strip() if isinstance(entry, yaml.ScalarNode) else ""
            if not SLUG.match(value):
                self.fail(line_of(entry), f"An entry of '{key}' in {self.where} is not an id.", f"write '{key}: [{example}]'.")
            elif value in seen:
                self.fail(line_of(entry), f"'{value}' is listed twice in '{key}' of {self.where} (first on line {seen[value]}).",
                          "keep one of the two.")
            else:
                seen[value] = line_of(entry)
                out.append((value, line_of(entry)))
        return tuple(out)

    def sequence(self, key: str, required: bool = True, fix: str = "") -> list:
        """The entries of a list; a required list must have at least one."""
        node = self.node(key, required, fix or f"add the '{key}:' list (see the comments in the file).")
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode) or (required and not node.value):
            wrong = "has no entries" if isinstance(node, yaml.SequenceNode) else "is not a list of entries"
            self.fail(self.at(key), f"'{key}' in {self.where} {wrong}.",
                      fix or "start each entry on its own line with '- id: ...'.")
            return []
        return node.value
