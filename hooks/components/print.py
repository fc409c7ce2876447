"""The printable sheets: every tool declares its own (Component.sheets); this component makes them all.

For each declared sheet (guidekit/printsheets.Sheet) it adds a page (template overrides/print-sheet.html:
no site chrome, out of search) holding one marker that only it writes, `<!-- sheet: <address> -->`, and
renders that marker: the tool's body of the sheet around the sheet's foot (partials/sheet-foot.html:
the center's contacts, the QR code and address of the live page, help at any hour); a packet, each of
its sheets in turn. Its own sheets: one per checklist (print/<id>/) and all of them (print/all/), which
`<!-- print-index -->` lists. Logic: guidekit/printsheets.py. Partials: print-sheet.html,
print-index.html, sheet-foot.html. Script and style: assets/tools/print.js|css (loaded by the page template).
"""
from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel

from guidekit.checklists import in_guide_order
from guidekit.errors import ContentError
from guidekit import printsheets
from guidekit.printsheets import Sheet, page_markdown
from guidekit.text import fill

from .base import Component
from .render import render

SHEET = "sheet"  # the marker of a sheet's page: <!-- sheet: print/feel-it/ -->
ALL = "print/all/"


def sheet_address(checklist_id: str) -> str:
    """Where a checklist's sheet is read."""
    return f"print/{checklist_id}/"


class Print(Component):
    name = "print"
    needs = ("checklists", "center")
    markers = {"print-index": "the list of sheets"}
    internal = (SHEET,)

    def sheets(self, build):
        w, center = build.words(self.name), build.data_of(self, "center")

        def sheet(c):
            def body(foot, heading):
                return render(build, "partials/print-sheet.html", checklist=c, heading=heading, center=center, foot=foot)
            return Sheet(sheet_address(c.id), fill(w["sheet_title"], title=c.title),
                         fill(w["sheet_description"], title=c.title, why=c.why), body, live=c.page)

        checklists = build.data_of(self, "checklists").values()
        each = {c.id: sheet(c) for c in checklists}
        packet = Sheet(ALL, w["all_title"], w["all_description"],
                       parts=tuple(each[c.id] for c in in_guide_order(checklists, build.config.nav)))
        return [*each.values(), packet]

    def add_files(self, build, files):
        """A page for every sheet of every tool, in the order of the tools and of their sheets."""
        self._sheets, self._clashes = {}, []
        for component in build.components:
            for sheet in component.sheets(build):
                if sheet.address in self._sheets:
                    self._clashes.append((component, sheet.address))
                    continue
                self._sheets[sheet.address] = sheet
                files.append(File.generated(build.config, sheet.uri, inclusion=InclusionLevel.NOT_IN_NAV,
                                            content=page_markdown(sheet.title, sheet.description,
                                                                  f"<!-- {SHEET}: {sheet.address} -->", packet=bool(sheet.parts))))

    def check(self, build, pages):
        """Two sheets at one address (a checklist with the id 'all', say): at the checklist, or in the data
        file of the tool that declared the second."""
        checklists = build.data_of(self, "checklists").values()
        at = {sheet_address(c.id): (build.rel(build.data_path("checklists.yml")), c.line) for c in checklists}
        return [ContentError(*at.get(address, (build.rel(build.data_path(tool.data)) if tool.data else "mkdocs.yml", 1)),
                             f"Two printable sheets of the guide would be at {address}.",
                             "give this one another id: its sheet's address comes from it.")
                for tool, address in self._clashes]

    def render(self, build, kind, ident, page):
        if kind == "print-index":
            checklists = in_guide_order(build.data_of(self, "checklists").values(), build.config.nav)
            links = [(c, build.link(page, sheet_address(c.id))) for c in checklists]
            return render(build, "partials/print-index.html", links=links, all_href=build.link(page, ALL))
        sheet = self._sheets[ident]
        if sheet.parts:
            return "\n".join(self._sheet(build, part, "h2") for part in sheet.parts)
        return self._sheet(build, sheet, "h1")

    def _sheet(self, build, sheet, heading):
        """A sheet's body with its foot: the QR code and address of its live page."""
        w = build.words(self.name)
        foot = printsheets.foot(build.config.site_url or "", build.page(sheet.live).url, sheet.online or w["online"], w["qr_title"])
        return sheet.body(foot, heading)


component = Print()
