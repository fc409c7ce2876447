"""The dwell-time planner: docs/_data/planner.yml into a dated plan of next steps.

`<!-- planner -->` is the full planner; `<!-- planner: compact -->` a short entry point: a plain form
that opens the full planner with the chosen dwell time (planner/?dwell=<id>), loading no planner
script or style itself. Its steps link to guidance pages, email templates and checklists, so it needs those tools'
data. Logic: guidekit/planner.py (the scheduling runs in the browser: assets/tools/planner.js).
Partial: planner.html. Script and style: assets/tools/planner.js|css.
"""
from __future__ import annotations

import json

from guidekit.errors import ContentError
from guidekit.planner import check_general_emails, check_references, load_plan, script_data

from .base import Component
from .render import render

PLANNER_PAGE = "planner/index.md"
EMAILS_PAGE = "emails/index.md"    # each template is anchored #email-<id> there


class Planner(Component):
    name = "planner"
    data = "planner.yml"
    needs = ("emails", "checklists", "center")  # center: the support link when dwelling runs long
    markers = {"planner": "a kind of planner"}
    assets = ("planner",)

    def load(self, path, text):
        return load_plan(path, text)

    def check(self, build, pages):
        plan = build.data_of(self, self.name)
        emails, checklists = build.data_of(self, "emails"), build.data_of(self, "checklists")
        path = build.rel(build.data_path(self.data))
        errors = check_references(plan, path, pages, set(emails.templates), set(checklists))
        self.recipients = recipients(emails)
        errors += check_general_emails(plan, path, self.recipients)
        self.titles = {step.page: build.title(step.page) for step in plan.steps if step.page in pages}
        return errors

    def variants(self, build, kind):
        return ("", "compact")

    def assets_for(self, kind, ident):
        return () if ident == "compact" else self.assets

    def check_page(self, build, path, markers):
        return [ContentError(path, m.line, "The page has a second planner marker.", "keep one planner marker per page.")
                for m in markers[1:]]

    def render(self, build, kind, ident, page):
        plan = build.data_of(self, self.name)
        planner_url = build.link(page, PLANNER_PAGE)
        if ident == "compact":
            return render(build, "partials/planner.html", compact=True, plan=plan, planner_url=planner_url)
        emails = build.link(page, EMAILS_PAGE)
        steps = []
        for step in plan.steps:
            email_url = emails + f"#email-{step.email}" if step.email and emails else None
            steps.append({"step": step, "url": build.link(page, step.page), "title": self.titles[step.page],
                          "email_url": email_url})
        data = script_data(plan, {s["step"].id: s["url"] for s in steps}, self.recipients)
        return render(build, "partials/planner.html", center=build.data_of(self, "center"),
                      compact=False, plan=plan, steps=steps,
                      data_json=json.dumps(data, ensure_ascii=False))  # an attribute value, escaped by the partial


def recipients(emails) -> dict[str, str]:
    """Who each email template goes to (emails.yml `to:`)."""
    return {tid: t.to for tid, t in emails.templates.items()}


component = Planner()
