"""The printable sheets: one page per checklist (/print/<id>/) and all of them (/print/all/).

`<!-- print-index -->` lists them. The sheets are generated pages whose own markers
(`print-sheet`, `print-all`) only this component writes. Logic: guidekit/printsheets.py.
Partials: print-sheet.html, print-index.html; page template: overrides/print-sheet.html.
Script and style: assets/tools/print.js|css (loaded by that template).
"""
from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel

from guidekit import printsheets
from guidekit.checklists import in_guide_order

from .base import Component
from .render import qr_svg, render


class Print(Component):
    name = "print"
    needs = ("checklists", "center")
    markers = {"print-index": "the list of sheets"}
    internal = ("print-sheet", "print-all")

    def add_files(self, build, files):
        for checklist in build.data_of(self, "checklists").values():
            files.append(File.generated(build.config, printsheets.sheet_uri(checklist.id),
                                        content=printsheets.sheet_markdown(checklist, build.words(self.name)),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(File.generated(build.config, printsheets.ALL_URI, content=printsheets.all_markdown(build.words(self.name)),
                                    inclusion=InclusionLevel.NOT_IN_NAV))

    def render(self, build, kind, ident, page):
        checklists = build.data_of(self, "checklists")
        if kind == "print-index":
            links = [(c, build.link(page, f"print/{c.id}/")) for c in in_guide_order(checklists.values(), build.config.nav)]
            return render(build, "partials/print-index.html", links=links, all_href=build.link(page, "print/all/"))
        if kind == "print-sheet":
            return self._sheet(build, checklists[ident], "h1")
        return "\n".join(self._sheet(build, c, "h2") for c in in_guide_order(checklists.values(), build.config.nav))

    def _sheet(self, build, checklist, heading):
        url = printsheets.live_url(build.config.site_url or "", build.page(checklist.page).url)
        return render(build, "partials/print-sheet.html",
                      checklist=checklist, heading=heading, center=build.data_of(self, "center"), live_url=url,
                      shown_url=printsheets.display_url(url),
                      qr=qr_svg(url, build.words(self.name)["qr_title"]))


component = Print()
