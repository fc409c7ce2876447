"""Read a YAML data file keeping line numbers, so every error can say file:line and what to fix."""
from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import ContentError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_FIX = "use lowercase letters, digits and single hyphens, e.g. 'send-thank-you'"
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


def mapping(node: yaml.Node) -> dict[str, yaml.Node] | None:
    """A mapping node as {key: value node}, or None if it isn't a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return {k.value: v for k, v in node.value}


def text(node: yaml.Node | None) -> str | None:
    """The stripped text of a scalar node; None if missing or not a plain value."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        return None
    return str(node.value).strip()


def to_python(node: yaml.Node) -> Any:
    return yaml.safe_load(yaml.serialize(node))
