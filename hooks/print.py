"""MkDocs hook: printable checklist sheets generated from docs/_data/checklists.yml.

Adds /print/<checklist-id>/ for every checklist and /print/all/ (one sheet per checklist);
`<!-- print-index -->` on docs/print/index.md lists them. Runs after hooks/checklists.py,
which loads the checklist data into config.extra.checklists.
"""
from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from _shared import render
from guidekit import printsheets
from guidekit.markers import replace_markers

def on_files(files, config):
    checklists = config.extra["checklists"]
    for checklist in checklists:
        files.append(File.generated(config, printsheets.sheet_uri(checklist.id),
                                    content=printsheets.sheet_markdown(checklist),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, printsheets.ALL_URI, content=printsheets.all_markdown(),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_content(html, page, config, files):
    checklists = {c.id: c for c in config.extra["checklists"]}
    center = config.extra.get("career_center") or {}
    pages = {f.src_uri: f for f in files.documentation_pages()}

    def sheet(checklist, heading):
        url = printsheets.live_url(config.site_url or "", pages[checklist.page].url)
        return render(config, "partials/print-sheet.html",
            checklist=checklist, heading=heading, center=center, live_url=url,
            shown_url=printsheets.display_url(url), qr=printsheets.qr_svg(url))

    def index(_):
        links = [(c, get_relative_url(f"print/{c.id}/", page.url)) for c in checklists.values()]
        return render(config, "partials/print-index.html",
            links=links, all_href=get_relative_url("print/all/", page.url))

    html = replace_markers(html, "print-sheet", lambda cid: sheet(checklists[cid], "h1"))
    html = replace_markers(html, "print-all", lambda _: "\n".join(sheet(c, "h2") for c in checklists.values()))
    return replace_markers(html, "print-index", index)
