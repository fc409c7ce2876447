"""MkDocs hook: the dwell-time planner.

`<!-- planner -->` becomes the full planner, `<!-- planner: compact -->` a short entry point
linking to it. The data (docs/_data/planner.yml) is read and checked once per build in
guidekit.planner; the widget is rendered by overrides/partials/planner.html and brought to
life by assets/tools/planner.js, which is loaded only on pages that have a planner.
"""
from __future__ import annotations

import json
import os

from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from guidekit.assets import tool_assets
from _shared import fail_on, render, source_path
from guidekit.errors import ContentError
from guidekit.markers import find_markers, replace_markers
from guidekit.planner import check_references, load_plan, script_data

DATA = "planner.yml"               # in docs/_data/
VARIANTS = ("", "compact")
PLANNER_PAGE = "planner/index.md"
EMAILS_PAGE = "emails/index.md"    # each template is anchored #email-<id> there

_build: dict = {}  # what one build has read: plan, page titles


def _data_file(config, name: str) -> tuple[str, str | None]:
    """(path relative to the project, text or None when the file does not exist)."""
    path = os.path.join(config.docs_dir, "_data", name)
    rel = os.path.relpath(path, os.path.dirname(config.config_file_path))
    try:
        with open(path, encoding="utf-8") as handle:
            return rel, handle.read()
    except FileNotFoundError:
        return rel, None


def on_files(files, config):
    _build.clear()
    rel, text = _data_file(config, DATA)
    if text is None:
        return files  # a page asking for the planner reports the missing file
    plan, errors = load_plan(rel, text)
    if plan:
        pages = {f.src_uri for f in files.documentation_pages()}
        # The email and checklist hooks (listed before this one) loaded and checked their data.
        emails = config.extra.get("email_templates")
        checklists = config.extra.get("checklists")
        errors += check_references(plan, rel, pages,
                                   set(emails) if emails is not None else None,
                                   {c.id for c in checklists} if checklists is not None else None)
        _build.update(plan=plan, has_emails=emails is not None, path=rel, titles={
            step.page: get_data(files.get_file_from_path(step.page).content_string)[1].get("title", step.page)
            for step in plan.steps if step.page in pages})
    fail_on(errors)
    return files


def on_page_markdown(markdown, page, config, files):
    markers = find_markers(page.file.content_string, "planner")
    if not markers:
        return markdown
    rel = source_path(page, config)
    errors = [ContentError(rel, m.line, f"'<!-- planner: {m.id} -->' is not a kind of planner.",
                           "write '<!-- planner -->' for the full planner or '<!-- planner: compact -->' for the short one.")
              for m in markers if m.id not in VARIANTS]
    errors += [ContentError(rel, m.line, "The page has a second planner marker.", "keep one planner marker per page.")
               for m in markers[1:]]
    if "plan" not in _build:
        errors.append(ContentError(rel, markers[0].line, f"The planner has no data: docs/_data/{DATA} is missing.",
                                   f"restore docs/_data/{DATA} (git checkout) or remove the marker."))
    fail_on(errors)
    return markdown


def _link(files, page, src: str) -> str | None:
    target = files.get_file_from_path(src)
    return get_relative_url(target.url, page.url) if target else None


def _render(variant: str, page, config, files) -> str:
    plan = _build["plan"]
    emails = _link(files, page, EMAILS_PAGE)
    steps = []
    for step in plan.steps:
        email_url = None
        if step.email and emails:
            email_url = emails + (f"#email-{step.email}" if _build["has_emails"] else "")
        steps.append({"step": step, "url": _link(files, page, step.page), "title": _build["titles"][step.page],
                      "email_url": email_url})
    data = script_data(plan, {s["step"].id: s["url"] for s in steps})
    return render(config, "partials/planner.html",
        compact=variant == "compact", plan=plan, steps=steps, planner_url=_link(files, page, PLANNER_PAGE),
        data_json=json.dumps(data, ensure_ascii=False))  # an attribute value, escaped by the partial


def on_page_content(html_text, page, config, files):
    if "plan" not in _build:
        return html_text
    found = []

    def expand(variant: str) -> str:
        found.append(variant)
        return _render(variant, page, config, files)

    html_text = replace_markers(html_text, "planner", expand)
    return html_text + tool_assets(page.url, "planner") if found else html_text
