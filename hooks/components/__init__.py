"""One component per tool; the build (base.Build) runs them. Add a tool: write its module here
with a Component subclass and `component = ...`, and list it in COMPONENTS."""
from __future__ import annotations

from . import text, center, checklists, counselors, csp, device, emails, pages, planner, print as print_, situations

COMPONENTS = [text.component, pages.component, center.component, device.component, checklists.component,
              print_.component, emails.component, planner.component, counselors.component,
              situations.component, situations.sheets,
              situations.data, csp.component]
