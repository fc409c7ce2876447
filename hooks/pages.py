"""MkDocs hook: every page must have a title and a meta description in its front matter (escaped for the <meta> tag)."""
from __future__ import annotations

import os

from markupsafe import Markup
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


def on_page_context(context, page, config, nav):
    # Material writes the description into <meta content="..."> unescaped: a quote in it (Every "no"
    # teaches...) ended the attribute and broke the tag. Escape it as templates render the page;
    # Markup, so a template that escapes it again (`| e`) doesn't double it.
    description = page.meta.get("description")
    if isinstance(description, str) and not isinstance(description, Markup):
        page.meta["description"] = Markup.escape(description)
    return context
