"""Materials for counselors: the appointment guide and the workshop plan (docs/_data/counselors.yml),
a printable handout of every email template (docs/_data/emails.yml), and a poster for the office.

`<!-- counselors: appointment|workshop -->` shows an outline on a page of the "For counselors"
section; `<!-- counselors-index -->` lists every printable material. Each material is also a
generated sheet (print/counselors/<id>/, print/emails/<id>/, print/emails/all/, print/poster/) with
the sheet rules of the checklists: no site chrome, the center's name, a QR code to the live page.
Logic: guidekit/counselors.py. Partials: counselors-*.html. Style: assets/tools/counselors.css (the outlines' pages), assets/tools/print.css (sheets).
"""
from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel

from guidekit import printsheets
from guidekit.errors import ContentError
from guidekit.counselors import OUTLINES, check_links, handout_lines, load_counselors
from guidekit.text import fill

from .base import Component
from .render import qr_svg, render

PAGES = {"appointment": "counselors/appointment.md", "workshop": "counselors/workshop.md"}
EMAILS_PAGE = "emails/index.md"


def kit(outlines) -> list[dict]:
    """Every printable sheet an outline brings besides itself, in the order the lists show them:
    id (its address under print/counselors/), what it shows (kind), its outline, the worksheet it is
    (if one), its title, the most printed pages it may take, the page its QR code leads to (relative
    to docs/), and who it is for ('staff', 'students', 'facilitator')."""
    out = []
    for o in outlines.values():
        def add(ident, kind, title, pages, target, audience, item=None):
            out.append(dict(id=ident, kind=kind, outline=o.id, item=item, title=title, pages=pages, target=target,
                            audience=audience))
        if o.note:
            add(f"{o.id}-note", "note", o.note.title, o.note.pages, PAGES[o.id], "staff")
        if o.guide:
            add(f"{o.id}-guide", "guide", o.guide.title, o.guide.pages, PAGES[o.id], "facilitator")
        if o.board:
            add(f"{o.id}-board", "board", o.board.title, o.board.pages, PAGES[o.id], "staff")
        for ws in o.worksheets:
            section = next(s for s in o.sections if s.id == ws.id)
            add(f"{o.id}-worksheet-{ws.id}", "worksheet", ws.title, 1, section.links[0] if section.links else PAGES[o.id],
                "students", ws)
        if o.worksheets:
            add(f"{o.id}-answers", "answers", None, o.key_pages, PAGES[o.id], "facilitator")
        if o.evaluation:
            add(f"{o.id}-evaluation", "evaluation", o.evaluation.title, o.evaluation.pages,
                f"print/counselors/{o.id}-evaluation.md", "students")
            add(f"{o.id}-tally", "tally", o.evaluation.tally.title, o.evaluation.tally.pages, PAGES[o.id], "staff")
    return out


def _uri(kind: str, ident: str = "") -> str:
    return {"outline": f"print/counselors/{ident}.md", "email": f"print/emails/{ident}.md",
            "emails": "print/emails/all.md", "poster": "print/poster.md"}[kind]


class Counselors(Component):
    name = "counselors"
    data = "counselors.yml"
    needs = ("center", "emails")
    markers = {"counselors": "the counselors' outline", "counselors-index": "the list of counselors' materials"}
    internal = ("counselors-sheet", "counselors-material", "counselors-email", "counselors-emails", "counselors-poster")
    assets = ("counselors.css",)

    def assets_for(self, kind, ident):
        return self.assets if kind == "counselors" else ()  # the outlines' web pages; sheets bring print.css

    def load(self, path, text):
        return load_counselors(path, text)

    def check(self, build, pages):
        rel = build.rel(build.data_path(self.data))
        missing = [ContentError(rel, 1, f"The counselors' {oid} outline has no page: docs/{src} is missing.",
                                f"restore docs/{src} (git checkout -- docs/{src}); its sheet's QR code leads there.")
                   for oid, src in PAGES.items() if src not in pages]
        if "index.md" not in pages or EMAILS_PAGE not in pages:
            missing.append(ContentError(rel, 1, f"The email handouts and the poster lead to index.md and {EMAILS_PAGE}, and one is missing.",
                                        f"restore docs/index.md and docs/{EMAILS_PAGE}."))
        return missing + check_links(build.data_of(self, self.name), rel, pages)

    def variants(self, build, kind):
        return OUTLINES if kind == "counselors" else ("",)

    def add_files(self, build, files):
        def add(uri, title, description, marker):
            files.append(File.generated(build.config, uri, content=printsheets.page_markdown(title, description, marker),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        w = build.words(self.name)
        for o in build.data_of(self, self.name).values():
            add(_uri("outline", o.id), fill(w["outline_page_title"], title=o.title), fill(w["outline_page_description"], title=o.title),
                f"<!-- counselors-sheet: {o.id} -->")
        for m in self._kit(build):
            add(_uri("outline", m["id"]), fill(w["outline_page_title"], title=m["title"]),
                fill(w[f"{'student' if m['audience'] == 'students' else 'material'}_page_description"], title=m["title"]),
                f"<!-- counselors-material: {m['id']} -->")
        for t in build.data_of(self, "emails").templates.values():
            add(_uri("email", t.id), fill(w["handout_page_title"], title=t.title),
                fill(w["handout_page_description"], title=t.title), f"<!-- counselors-email: {t.id} -->")
        add(_uri("emails"), w["handouts_page_title"], w["handouts_page_description"], "<!-- counselors-emails -->")
        add(_uri("poster"), w["poster_page_title"], w["poster_page_description"], "<!-- counselors-poster -->")

    def render(self, build, kind, ident, page):
        outlines, center = build.data_of(self, self.name), build.data_of(self, "center")
        if kind == "counselors":
            return render(build, "partials/counselors-outline.html", outline=outlines[ident], center=center,
                          links=self._links(build, page, outlines[ident]), sheet=None,
                          print_href=build.link(page, f"print/counselors/{ident}/"))
        if kind == "counselors-index":
            return render(build, "partials/counselors-index.html", items=self.materials(build, page))
        if kind == "counselors-sheet":
            o = outlines[ident]
            return render(build, "partials/counselors-outline.html", outline=o, center=center,
                          links=self._links(build, page, o), sheet=self._foot(build, PAGES[o.id]))
        if kind == "counselors-material":
            m = next(m for m in self._kit(build) if m["id"] == ident)
            o = outlines[m["outline"]]
            return render(build, "partials/counselors-material.html", m=m, o=o, center=center,
                          links={s.id: [build.title(p) for p in s.links] for s in o.script},
                          **self._foot(build, m["target"]))
        emails = build.data_of(self, "emails").templates
        if kind == "counselors-email":
            return self._handout(build, emails[ident], "h1")
        if kind == "counselors-emails":
            return "\n".join(self._handout(build, t, "h2") for t in emails.values())
        return render(build, "partials/counselors-poster.html", center=center, **self._foot(build, "index.md"))

    def materials(self, build, page) -> list[tuple[str, str, str]]:
        """(title, link, what it is) for every printable material, from the page's point of view."""
        outlines, emails = build.data_of(self, self.name), build.data_of(self, "emails").templates
        w = build.words(self.name)
        out = [(o.title, build.link(page, f"print/counselors/{o.id}/"),
                fill(w["outline_what_other" if o.pages > 1 else "outline_what_one"], minutes=o.minutes, pages=o.pages))
               for o in outlines.values()]
        out += [(m["title"], build.link(page, f"print/counselors/{m['id']}/"),
                 fill(w[f"audience_{m['audience']}"], what=w["one_page"] if m["pages"] == 1 else fill(w["handouts_what"], n=m["pages"])))
                for m in self._kit(build)]
        out += [(fill(w["handout_title"], title=t.title), build.link(page, f"print/emails/{t.id}/"), w["one_page"])
                for t in emails.values()]
        out.append((w["handouts_title"], build.link(page, "print/emails/all/"), fill(w["handouts_what"], n=len(emails)) if len(emails) > 1 else w["one_page"]))
        out.append((w["poster_title"], build.link(page, "print/poster/"), w["one_page"]))
        return out

    def _kit(self, build) -> list[dict]:
        """kit(), with the answer key's title in the site's words."""
        w = build.words(self.name)
        return [{**m, "title": m["title"] or fill(w["answers_title"], title=build.data_of(self, self.name)[m["outline"]].title)}
                for m in kit(build.data_of(self, self.name))]

    def _links(self, build, page, outline):
        return {s.id: [(build.link(page, p), build.title(p)) for p in s.links] for s in outline.sections}

    def _foot(self, build, target: str) -> dict:
        url = printsheets.live_url(build.config.site_url or "", build.page(target).url)
        return {"live_url": url, "shown_url": printsheets.display_url(url), "qr": qr_svg(url, build.words("print")["qr_title"])}

    def _handout(self, build, template, heading):
        return render(build, "partials/counselors-email.html", template=template, heading=heading,
                      lines=handout_lines(template), center=build.data_of(self, "center"),
                      **self._foot(build, EMAILS_PAGE))


component = Counselors()
