"""The tools' own words (buttons, labels, headings, status and script messages), one file per
language: overrides/text/<language>.yml, sections by tool.

    checklists:                  # a tool's section: words its partials and Python use
      untick_all: Untick all
      script:                    # words its script (assets/tools/checklists.js) shows
        progress: "{done} of {total} done"

A `{name}` in a value is a placeholder filled where the words are used (Jinja: the `fill` filter;
Python: `fill()`; scripts: `guide.fill()`). Templates read the words as `words.<tool>.<key>`,
already HTML-escaped; a key that doesn't exist stops the build and names it.
"""
from __future__ import annotations

import json
import re
from typing import Any

import yaml
from markupsafe import Markup, escape

from .datafile import compose, line_of
from .errors import ContentError

KEY = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
SCRIPT = "script"


def load_text(rel_path: str, source: str) -> tuple[dict | None, dict[str, int], list[ContentError]]:
    """The words as {tool: {key: str, 'script': {key: str}}}, each key's line ('tool.key' -> line),
    and every problem (file:line)."""
    root, errors = compose(rel_path, source)
    lines: dict[str, int] = {}
    if root is None:
        return None, lines, errors
    if not isinstance(root, yaml.MappingNode):
        return None, lines, [ContentError(rel_path, 1, "The file is not a list of tool sections.",
                                          "start each section with a tool's name and a colon, e.g. 'checklists:'.")]

    def words(node, prefix: str, depth: int) -> dict:
        out: dict[str, Any] = {}
        if isinstance(node, yaml.ScalarNode) and node.value in ("", None):
            return out  # an empty section
        if not isinstance(node, yaml.MappingNode):
            errors.append(ContentError(rel_path, line_of(node), f"'{prefix}' is not a set of 'key: words' lines.",
                                       "indent each 'key: words' line under it."))
            return out
        for k, v in node.value:
            key = str(k.value)
            name = f"{prefix}.{key}"
            if not KEY.match(key):
                errors.append(ContentError(rel_path, line_of(k), f"'{name}' is not a valid key.",
                                           "use lowercase letters, digits and underscores, e.g. 'copy_email'."))
                continue
            if key in out:
                errors.append(ContentError(rel_path, line_of(k), f"'{name}' is written twice.", "keep one of the two lines."))
                continue
            lines[name] = line_of(k)
            if key == SCRIPT and depth == 1:
                out[key] = words(v, name, 2)
            elif isinstance(v, yaml.ScalarNode) and str(v.value).strip():
                out[key] = str(v.value).strip()
            else:
                errors.append(ContentError(rel_path, line_of(v), f"'{name}' has no words.",
                                           f"write the words after '{key}:' (in quotes if they contain ': ')."))
        return out

    data = {}
    for k, v in root.value:
        tool = str(k.value)
        if not KEY.match(tool):
            errors.append(ContentError(rel_path, line_of(k), f"'{tool}' is not a valid section name.",
                                       "use a tool's name, e.g. 'checklists'."))
            continue
        lines[tool] = line_of(k)
        data[tool] = words(v, tool, 1)
    return data, lines, errors


def fill(words: str, **values) -> str:
    """Words with their {placeholders} filled in (plain text in, plain text out); an unknown
    placeholder stays as written."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], words)


def fill_html(words, **values) -> Markup:
    """The Jinja filter: escaped words with placeholders filled; plain values are escaped, values
    marked safe (`| safe`, e.g. a link) go in as they are."""
    words = words if isinstance(words, Markup) else escape(words)
    return Markup(PLACEHOLDER.sub(lambda m: str(escape(values[m[1]])) if m[1] in values else m[0], str(words)))


class MissingWords(Exception):
    """A template asked for words the language's text file doesn't have (a programming or editing slip)."""


class Words:
    """What templates see as `words`: `words.checklists.untick_all` is the HTML-escaped words; a key
    that doesn't exist stops the build, naming the file and the key."""

    error: type[Exception] = MissingWords  # what a missing key raises (the build's own error class)

    def __init__(self, data: dict, source: str, prefix: str = ""):
        self._data, self._source, self._prefix = data, source, prefix

    def __getattr__(self, key: str):
        if key.startswith("__"):
            raise AttributeError(key)
        name = f"{self._prefix}{key}"
        if key not in self._data:
            raise self.error(f"{self._source} has no '{name}'. Fix: add '{key}:' under '{self._prefix[:-1] or name}' "
                               f"(overrides/text/en.yml has the English words).")
        value = self._data[key]
        return type(self)(value, self._source, name + ".") if isinstance(value, dict) else escape(value)

    __getitem__ = __getattr__

    def __contains__(self, key: str) -> bool:
        return key in self._data


def script_words(tool: str, words: dict) -> str:
    """The line put before a tool's script: its words, as data (`guideText.<tool>`)."""
    data = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    return f"(window.guideText=window.guideText||{{}})[{json.dumps(tool)}]={data};\n"


def merge_words(original: dict, translated: dict, original_lines: dict[str, int], translated_lines: dict[str, int],
                translated_path: str) -> tuple[dict, list[tuple[str, str, int]], list[ContentError]]:
    """A translation's words with the original's standing in for what it lacks: (the words, each
    key it lacks as (key, the original's words, their line), problems). A problem is a translated
    value whose {placeholders} are not the original's (the script would show a raw '{name}')."""
    missing: list[tuple[str, str, int]] = []
    errors: list[ContentError] = []

    def merge(o: dict, t: dict, prefix: str) -> dict:
        out = {}
        for key, value in o.items():
            name = f"{prefix}{key}"
            theirs = t.get(key) if isinstance(t, dict) else None
            if isinstance(value, dict):
                out[key] = merge(value, theirs if isinstance(theirs, dict) else {}, name + ".")
            elif not isinstance(theirs, str):
                out[key] = value
                missing.append((name, value, original_lines.get(name, 1)))
            elif set(PLACEHOLDER.findall(value)) != set(PLACEHOLDER.findall(theirs)):
                out[key] = value
                errors.append(ContentError(translated_path, translated_lines.get(name, 1),
                                           f"'{name}' has the placeholders {sorted(set(PLACEHOLDER.findall(theirs)))}, "
                                           f"but the original has {sorted(set(PLACEHOLDER.findall(value)))}.",
                                           "keep every {placeholder} of the original exactly as it is written there; "
                                           "translate only the words around them."))
            else:
                out[key] = theirs
        return out

    return merge(original, translated, ""), missing, errors
