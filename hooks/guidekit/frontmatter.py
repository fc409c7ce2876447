"""Check that every page's front matter carries what the site needs (title, description)."""
from __future__ import annotations

import yaml

from .datafile import LOADER
from .errors import ContentError

REQUIRED = {
    "title": "add a line 'title: Short page title' to the front matter",
    "description": "add a line 'description: One sentence (about 120-160 characters) saying what the page helps with'",
}


def check_front_matter(rel_path: str, source: str) -> list[ContentError]:
    """Return the problems in the YAML front matter of one Markdown page."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return [ContentError(rel_path, 1, "The page has no front matter.",
                             "start the file with '---', a 'title:' line, a 'description:' line, and '---'.")]
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "..."))
    except StopIteration:
        return [ContentError(rel_path, 1, "The front matter is never closed.",
                             "add a line '---' after the last front matter line.")]
    block = "\n".join(lines[1:end])
    try:
        node = yaml.compose(block, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        return [ContentError(rel_path, line, f"The front matter is not valid YAML ({getattr(exc, 'problem', exc)}).",
                             "check the indentation and quote values that contain ':'.")]
    if not isinstance(node, yaml.MappingNode):
        return [ContentError(rel_path, 2, "The front matter is not a list of 'key: value' lines.",
                             "write it as 'title: ...' and 'description: ...' lines.")]
    found = {key.value: value for key, value in node.value}
    errors = []
    for key, fix in REQUIRED.items():
        value = found.get(key)
        if value is None:
            errors.append(ContentError(rel_path, end + 1, f"The front matter has no '{key}'.", fix + "."))
        elif not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            errors.append(ContentError(rel_path, value.start_mark.line + 2, f"'{key}' is empty.", fix + "."))
    return errors
