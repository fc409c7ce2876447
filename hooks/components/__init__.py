"""One component per tool; the build (base.Build) runs them. Add a tool: write its module here
with a Component subclass and `component = ...`, and list it in COMPONENTS."""
from __future__ import annotations

from . import center, checklists, counselors, csp, device, emails, languages, pages, planner, print as print_, situations, styles, text

# languages first: it keeps docs/<code>/ out of the files before any other component reads them.
COMPONENTS = [languages.component, text.component, pages.component, center.component, device.component, checklists.component,
              print_.component, emails.component, planner.component, counselors.component,
              situations.component,
              situations.data, styles.component, csp.component]
