"""MkDocs hook: checklists from docs/_data/checklists.yml into the pages.

`<!-- checklist: ID -->` becomes the interactive checklist; `<!-- checklists-overview -->`
becomes the list of all checklists with progress, export and import.
"""
from __future__ import annotations

import os

from mkdocs.utils import get_relative_url

from guidekit.assets import tool_assets
from guidekit.checklists import check_pages, load_checklists
from _shared import fail_on, failing_build, render, source_path
from guidekit.markers import replace_markers, unknown_markers

_build: dict = {}


def on_config(config):
    root = os.path.dirname(config.config_file_path)
    path = os.path.join(config.docs_dir, "_data", "checklists.yml")
    _build["rel"] = os.path.relpath(path, root)
    with failing_build(), open(path, encoding="utf-8") as fh:
        checklists = load_checklists(_build["rel"], fh.read())
    _build["checklists"] = {c.id: c for c in checklists}
    config.extra["checklists"] = list(_build["checklists"].values())  # for other hooks and templates
    return config


def on_files(files, config):
    pages = {f.src_uri for f in files.documentation_pages()}
    fail_on(check_pages(_build["rel"], list(_build["checklists"].values()), pages))
    return files


def on_page_markdown(markdown, page, config, files):
    rel = source_path(page, config)
    if rel is None:
        return markdown
    known = _build["checklists"]
    fail_on(unknown_markers(rel, page.file.content_string, "checklist", known,
                                    lambda cid: f"The page asks for the checklist '{cid}', which doesn't exist.",
                                    f"use one of the ids in {_build['rel']}: {', '.join(sorted(known))}."))
    return markdown


def on_page_content(html, page, config, files):
    known = _build["checklists"]
    used = []

    def checklist(cid):
        used.append(cid)
        return render(config, "partials/checklist.html",
            checklist=known[cid], print_href=get_relative_url(f"print/{cid}/", page.url))

    def overview(_):
        used.append("overview")
        pages = {f.src_uri: f for f in files.documentation_pages()}
        entries = [(c, get_relative_url(pages[c.page].url, page.url)) for c in known.values()]
        return render(config, "partials/checklists-overview.html", entries=entries, page=page)

    html = replace_markers(html, "checklist", checklist)
    html = replace_markers(html, "checklists-overview", overview)
    # Before the content: its stylesheet then applies from the first paint (no layout shift).
    return tool_assets(page.url, "checklists") + html if used else html
