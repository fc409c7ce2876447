"""Material's stylesheets, trimmed to the rules this site can use.

Material ships one stylesheet for every feature it has (code blocks, content tabs, diagrams, tags,
version selectors, annotations, a palette of 21 colours...); a guide uses a few of them. Every page
loads the whole file: about 25 KB gzipped, more than the guide's own scripts and styles together.
Once the site is written, the build knows what it can use:

- the classes, elements and palette colours in its pages (every HTML file of the site);
- the classes and elements Material's script and the tools' scripts create (the words of their
  string literals: `x("div",{class:"md-search-result__meta"})`, `classList.add("js")`), except
  those of Material's features this site doesn't have (FAMILIES: e.g. the copy button of code
  blocks when no page has a code block, tooltips when no `content.tooltips`-like feature is on);
- the custom properties (`--md-...`) any kept rule, style or script reads.

A rule is kept if one of its selectors can match with those: every class and element it names is
used (`:not(...)` is ignored, `:is(...)`/`:where(...)`/`:has(...)` need one of their choices), and a
`[data-md-color-*=...]` colour is one of the site's. `@media`/`@supports` blocks keep their kept
rules; every other at-rule is kept whole. A declaration of a custom property nothing reads goes
(the icons of admonition types no page has...). Kept rules are written as they were: only whole
rules and declarations go. When something reads a class from elsewhere (another site's script, a
page added after the build), it is not on this list: the rule is gone.

Plain functions, no MkDocs: hooks/components/styles.py connects them to the build.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable


# --- reading a page and a script -----------------------------------------------------------------

# (Each pattern starts with its literal text: scanning hundreds of pages, that is what makes it quick.)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_CLASS_ATTR_SINGLE = re.compile(r"class='([^']*)'")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_COLOUR = re.compile(r'data-md-color-(?:scheme|primary|accent)="([^"]*)"')
_STYLE_ATTR = re.compile(r'style="([^"]*)"')
_PREVIEW_LINK = re.compile(r"<a\b[^>]*\sdata-preview\b")
# A string literal of a script ("...", '...', `...`): the words that can be a class or an element.
_LITERAL = re.compile(r'"((?:\\.|[^"\\\n])*)"|\'((?:\\.|[^\'\\\n])*)\'|`([^`]*)`')
_WORD = re.compile(r"-?[A-Za-z_][\w-]*")
_DYNAMIC = re.compile(r"([A-Za-z_][\w-]*(?:--|__))\$\{")   # `md-tag--${x}`: any class after that prefix
_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")

# Material features whose markup only Material's script creates, and when a site can have it. A class
# of one of these families that no page has is kept only when its condition holds.
TOOLTIP_FEATURES = {"content.tooltips", "content.footnote.tooltips", "navigation.instant.preview",
                    "content.code.annotate"}


def _any_class(prefix: str) -> Callable[["Usage"], bool]:
    return lambda u: any(c.startswith(prefix) for c in u.classes)


FAMILIES: list[tuple[str, str, Callable[["Usage"], bool]]] = [
    # (class prefix, what it is, when the site can have it)
    ("md-annotation", "code annotations", lambda u: bool({"annotate", "highlight"} & u.classes)),
    ("md-code__", "code blocks' buttons", lambda u: "highlight" in u.classes),
    ("md-tooltip", "tooltips", lambda u: bool(TOOLTIP_FEATURES & u.features) or u.preview_links
        or bool({"annotate", "highlight"} & u.classes)),
    ("md-source__", "the repository's facts", _any_class("md-source")),
    ("md-tag", "tags", lambda u: u.tagged or any(c.startswith("md-tag") for c in u.classes)),
    ("md-version", "the version selector", lambda u: u.versioned),
    ("mermaid", "diagrams", lambda u: "mermaid" in u.classes),
    ("tabbed-", "content tabs", _any_class("tabbed-")),
]


@dataclass
class Usage:
    """What the written site can show: filled page by page (add_page), then by the scripts (add_script)."""
    features: set[str] = field(default_factory=set)      # theme.features
    versioned: bool = False                              # extra.version (Material's version selector)
    tagged: bool = False                                 # a page has tags
    classes: set[str] = field(default_factory=set)       # in the pages
    tags: set[str] = field(default_factory=set)          # elements in the pages and created by scripts
    colours: set[str] = field(default_factory=set)       # data-md-color-* values in the pages
    preview_links: bool = False                          # <a data-preview>: Material's instant previews
    script_classes: set[str] = field(default_factory=set)
    script_prefixes: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)    # custom properties read outside the trimmed files
    _class_lists: set[str] = field(default_factory=set)  # class="..." values as found, until settle()
    _elements: set[str] = field(default_factory=set)

    def add_page(self, html: str, source: str | None = None) -> None:
        """A written page (its whole HTML), called for every page, so kept to two scans. What only an
        author's own HTML in the Markdown `source` can bring is looked for there (a page's own style=""
        attributes or <style> would be refused by the Content Security Policy anyway)."""
        self._class_lists.update(_CLASS_ATTR.findall(html))
        self._elements.update(_TAG.findall(html))
        if not self.colours:   # the palette is the same on every page
            self.colours.update(_COLOUR.findall(html))
        rare = html if source is None else source
        if "class='" in rare:
            self._class_lists.update(_CLASS_ATTR_SINGLE.findall(rare))
        if not self.preview_links and "data-preview" in rare:
            self.preview_links = bool(_PREVIEW_LINK.search(rare))
        if source is None and ('style="' in html or "var(" in html):   # a page the build didn't write itself
            self.properties.update(_PROPERTY.findall(" ".join(_STYLE_ATTR.findall(html))))
            self.properties.update(_VAR.findall(html))

    def settle(self) -> None:
        """Fold what add_page collected as it came into `classes` and `tags`."""
        for names in self._class_lists:
            self.classes.update(names.split())
        self.tags.update(e.lower() for e in self._elements)
        self._class_lists.clear()
        self._elements.clear()

    def add_script(self, text: str) -> None:
        words, prefixes, properties = _read_script(text)
        self.script_classes |= words
        self.tags |= {w.lower() for w in words}
        self.script_prefixes |= prefixes
        self.properties |= properties

    def add_stylesheet(self, text: str) -> None:
        """A stylesheet that stays whole (the tools' own): the custom properties it reads."""
        self.properties.update(_VAR.findall(text))

    def uses_class(self, name: str) -> bool:
        if name in self.classes:
            return True
        if name in self.script_classes or any(name.startswith(p) for p in self.script_prefixes):
            family = next((f for f in FAMILIES if name.startswith(f[0])), None)
            return family is None or family[2](self)
        return False


@functools.lru_cache(maxsize=32)   # Material's script is the same in every language's build
def _read_script(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A script's words that can be classes or elements, class prefixes it completes, custom properties."""
    words = {word for literal in _LITERAL.findall(text) for word in "".join(literal).split() if _WORD.fullmatch(word)}
    return frozenset(words), frozenset(_DYNAMIC.findall(text)), frozenset(_PROPERTY.findall(text))


# --- reading a stylesheet --------------------------------------------------------------------------

_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/|[{};]|[^{};"\'/]+|/', re.S)
_GROUP = re.compile(r"@(?:-\w+-)?(?:media|supports|container|layer|document)\b")
_KEYFRAME = re.compile(r"^(?:from|to|[\d.]+%)(?:\s*,\s*(?:from|to|[\d.]+%))*$")


@dataclass
class Rule:
    prelude: str                       # selectors, or an at-rule's prelude
    body: str | list["Rule"] | None    # declarations; the rules of a group; None for `@import ...;`


@functools.lru_cache(maxsize=8)   # the same files in every language's build (rules are never changed in place)
def parse(css: str) -> list[Rule]:
    """A stylesheet as rules and groups (@media, @supports...), comments dropped; text kept as written."""
    tokens = _TOKEN.findall(css)
    at = 0

    def block(nested: bool) -> list[Rule]:
        nonlocal at
        rules, text = [], ""
        while at < len(tokens):
            token = tokens[at]
            at += 1
            if token.startswith("/*"):
                continue
            if token == "{":
                prelude, text = text.strip(), ""
                if _GROUP.match(prelude):
                    rules.append(Rule(prelude, block(True)))
                    continue
                depth, body = 1, ""
                while True:
                    if at >= len(tokens):
                        raise ValueError("a block is never closed")
                    token = tokens[at]
                    at += 1
                    depth += {"{": 1, "}": -1}.get(token, 0)
                    if depth == 0:
                        break
                    if not token.startswith("/*"):
                        body += token
                rules.append(Rule(prelude, body))
            elif token == "}":
                if not nested:
                    raise ValueError("a '}' closes nothing")
                if text.strip():
                    raise ValueError(f"unexpected text {text.strip()[:40]!r}")
                return rules
            elif token == ";":
                rules.append(Rule(text.strip(), None))
                text = ""
            else:
                text += token
        if nested:
            raise ValueError("a block is never closed")
        if text.strip():
            raise ValueError(f"unexpected text {text.strip()[:40]!r}")
        return rules

    return block(False)


def write(rules: Iterable[Rule]) -> str:
    out = []
    for rule in rules:
        if rule.body is None:
            out.append(rule.prelude + ";")
        elif isinstance(rule.body, list):
            out.append(rule.prelude + "{" + write(rule.body) + "}")
        else:
            out.append(rule.prelude + "{" + rule.body + "}")
    return "".join(out)


def split_top(text: str, sep: str = ",") -> list[str]:
    """Split at `sep` outside brackets and strings."""
    parts, depth, current, quote = [], 0, [], None
    for ch in text:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


# --- can a selector match? --------------------------------------------------------------------------

_FUNCTION = re.compile(r":(is|where|has|matches|-webkit-any|-moz-any|not|nth-child|nth-last-child|nth-of-type|"
                       r"nth-last-of-type|lang|dir|host|host-context|slotted|state|part|cue|highlight)\(", re.I)
_CHOICES = {"is", "where", "has", "matches", "-webkit-any", "-moz-any"}
_ATTRIBUTE = re.compile(r"\[([^\]]*)\]")
_COLOUR_ATTRIBUTE = re.compile(r"""^\s*data-md-color-(?:scheme|primary|accent)\s*=\s*["']?([^"'\s]*)["']?\s*$""")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_PSEUDO = re.compile(r"::?[\w-]+")
_ELEMENT = re.compile(r"(?<![\w-])([a-zA-Z][\w-]*)")


def choices(selector: str) -> list[str]:
    """The selector with each :is()/:where()/:has() choice spelled out and :not()/:nth-child()... left out."""
    m = _FUNCTION.search(selector)
    if not m:
        return [selector]
    depth, end = 1, m.end()
    while depth:
        if end >= len(selector):
            return [selector[:m.start()]]   # unbalanced: judge what comes before
        depth += {"(": 1, ")": -1}.get(selector[end], 0)
        end += 1
    inner, head, tail = selector[m.end():end - 1], selector[:m.start()], selector[end:]
    if m.group(1).lower() not in _CHOICES:
        return choices(head + tail)
    joint = " " if m.group(1).lower() == "has" else ""
    return [c for choice in split_top(inner) for c in choices(head + joint + choice.strip() + joint + tail)]


def can_match(selector: str, usage: Usage) -> bool:
    for choice in choices(selector):
        attributes = _ATTRIBUTE.findall(choice)
        bare = _ATTRIBUTE.sub("", choice)
        if not all(usage.uses_class(c) for c in _CLASS.findall(bare)):
            continue
        elements = _ELEMENT.findall(_CLASS.sub("", _PSEUDO.sub("", bare)))
        if not all(e.lower() in usage.tags for e in elements):
            continue
        colours = [m.group(1) for m in map(_COLOUR_ATTRIBUTE.match, attributes) if m]
        if not all(c in usage.colours for c in colours):
            continue
        return True
    return False


# --- trimming -----------------------------------------------------------------------------------------

def _keep_rules(rules: list[Rule], usage: Usage) -> list[Rule]:
    kept = []
    for rule in rules:
        if isinstance(rule.body, list):
            inner = _keep_rules(rule.body, usage)
            if inner:
                kept.append(Rule(rule.prelude, inner))
        elif rule.body is None or rule.prelude.startswith("@") or _KEYFRAME.match(rule.prelude):
            kept.append(rule)
        else:
            selectors = [s for s in split_top(rule.prelude) if can_match(s, usage)]
            if selectors:
                kept.append(Rule(",".join(selectors), rule.body))
    return kept


def _drop_unread_properties(rules: list[Rule], read: set[str]) -> tuple[list[Rule], bool]:
    kept, dropped = [], False
    for rule in rules:
        if isinstance(rule.body, list):
            inner, gone = _drop_unread_properties(rule.body, read)
            dropped |= gone
            if inner:
                kept.append(Rule(rule.prelude, inner))
            continue
        if rule.body is None or rule.prelude.startswith("@"):   # @font-face, @keyframes...: as they are
            kept.append(rule)
            continue
        declarations = split_top(rule.body, ";")
        useful = [d for d in declarations
                  if not (d.strip().startswith("--") and d.split(":", 1)[0].strip() not in read)]
        if len(useful) != len(declarations):
            dropped = True
        body = ";".join(d for d in useful if d.strip())
        if body:
            kept.append(Rule(rule.prelude, body))
        else:
            dropped = True
    return kept, dropped


def trim(stylesheets: dict[str, str], usage: Usage) -> dict[str, str]:
    """Each stylesheet (name: text) with only the rules the site can use (see the module's docstring).
    Trimmed together: one file's custom properties (the palette's colours) are read by another."""
    usage.settle()
    kept = {name: _keep_rules(parse(css), usage) for name, css in stylesheets.items()}
    while True:   # a property only a dropped declaration read goes too
        read = usage.properties | {p for rules in kept.values() for p in _VAR.findall(write(rules))}
        dropped = False
        for name, rules in kept.items():
            kept[name], gone = _drop_unread_properties(rules, read)
            dropped |= gone
        if not dropped:
            return {name: write(rules) for name, rules in kept.items()}
