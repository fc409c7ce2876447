"""MkDocs hook: every page must have a title and a meta description in its front matter."""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from guidekit.errors import ContentErrors, raise_if_any
from guidekit.frontmatter import check_front_matter


def on_files(files, config):
    root = os.path.dirname(config.config_file_path)
    errors = []
    for file in files.documentation_pages():
        rel = os.path.relpath(file.abs_src_path, root)
        errors += check_front_matter(rel, file.content_string)
    try:
        raise_if_any(errors)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    return files
