"""The checklists tool: docs/_data/checklists.yml into interactive checklists.

`<!-- checklist: id -->` shows one checklist; `<!-- checklists-overview -->` lists them all with
progress, export and import; `<!-- checklists-progress -->` (the home page) hands the browser which
page holds which checklist, so the steps' cards show their progress. Logic: guidekit/checklists.py.
Partials: checklist.html, checklists-overview.html, checklists-progress.html. Script and style:
assets/tools/checklists.js|css.
"""
from __future__ import annotations

from guidekit.checklists import check_pages, in_guide_order, load_checklists

from .base import Component
from .print import sheet_address
from .render import render


class Checklists(Component):
    name = "checklists"
    data = "checklists.yml"
    ids_in_data = ("checklist",)
    markers = {"checklist": "the checklist", "checklists-overview": "the overview",
               "checklists-progress": "the steps' progress"}
    assets = ("checklists",)

    def load(self, path, text):
        checklists, errors = load_checklists(path, text)
        return {c.id: c for c in checklists}, errors

    def check(self, build, pages):
        return check_pages(build.rel(build.data_path(self.data)), list(build.data_of(self, self.name).values()), pages)

    def variants(self, build, kind):
        return build.data_of(self, self.name).keys() if kind == "checklist" else ("",)

    def render_key(self, build, kind, ident, page):
        """A checklist reads its page only for the link to its printable sheet."""
        return build.link(page, sheet_address(ident)) if kind == "checklist" else None

    def render(self, build, kind, ident, page):
        known = build.data_of(self, self.name)
        if kind == "checklist":
            return render(build, "partials/checklist.html", checklist=known[ident],
                          print_href=build.link(page, sheet_address(ident)))
        entries = [(c, build.link(page, c.page)) for c in known.values() if build.page(c.page)]
        if kind == "checklists-progress":
            return render(build, "partials/checklists-progress.html", pages=[
                {"href": href, "id": c.id, "items": [i.id for i in c.items]} for c, href in entries])
        order = {c.id: i for i, c in enumerate(in_guide_order(known.values(), build.config.nav))}
        return render(build, "partials/checklists-overview.html", page=page,
                      entries=sorted(entries, key=lambda entry: order[entry[0].id]))  # as the guide's menu has them


component = Checklists()
