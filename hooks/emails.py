"""MkDocs hook: email snippets. Reads docs/_data/emails.yml once per build and expands
`<!-- email: id -->` markers into fill-in email widgets (partials/email.html). On a page with
several, the shared fields are asked once, in a "Your details" block (partials/email-details.html).

The logic lives in guidekit/emails.py; this module only connects it to MkDocs events.
"""
from __future__ import annotations

import os
import pathlib

from _shared import fail_on, failing_build, render
from guidekit.assets import tool_assets
from guidekit.emails import DETAILS, EmailLibrary, add_headings, check_markers, details_fields, load_emails
from guidekit.markers import find_markers, replace_markers

_library = EmailLibrary("", {})


def on_config(config):
    global _library
    root = pathlib.Path(config.config_file_path).parent
    path = pathlib.Path(config.docs_dir) / "_data" / "emails.yml"
    with failing_build():
        _library = load_emails(path, os.path.relpath(path, root))
    config.extra["email_templates"] = _library.templates  # for other hooks (the planner links to them)
    return config


def on_files(files, config):
    """Check every page's email markers, so all wrong ids are reported together."""
    root = os.path.dirname(config.config_file_path)
    errors = []
    for file in files.documentation_pages():
        if file.abs_src_path is None:  # generated pages (e.g. printable sheets) have no markers
            continue
        errors += check_markers(file.content_string, os.path.relpath(file.abs_src_path, root), _library)[1]
    fail_on(errors)
    return files


def on_page_markdown(markdown, page, config, files):
    return add_headings(markdown, _library)


def on_page_content(html, page, config, files):
    ids = [m.id for m in find_markers(html, "email")]
    if not ids:
        return html
    # add_headings marks the place of the "Your details" block on a page with several templates.
    details = f"email-{DETAILS}" if find_markers(html, f"email-{DETAILS}") else ""

    def render_details(_id: str) -> str:
        return render(config, "partials/email-details.html", id=details, fields=details_fields(_library, ids))

    def render_email(template_id: str) -> str:
        return render(config, "partials/email.html", template=_library.templates[template_id], details=details)

    html = replace_markers(html, f"email-{DETAILS}", render_details)
    return tool_assets(page.url, "emails") + replace_markers(html, "email", render_email)
