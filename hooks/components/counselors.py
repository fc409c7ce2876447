"""Materials for counselors: the appointment guide and the workshop plan (docs/_data/counselors.yml),
a printable handout of every email template (docs/_data/emails.yml), and a poster for the office.

`<!-- counselors: appointment|workshop -->` shows an outline on a page of the "For counselors"
section; `<!-- counselors-index -->` lists every printable material. Each material is a printable
sheet it declares (`sheets`: print/counselors/<id>/, print/emails/<id>/, print/emails/all/, print/poster/);
the print component makes their pages, with the sheet rules of the checklists: no site chrome, the
center's name, a QR code to the live page.
Logic: guidekit/counselors.py. Partials: counselors-*.html. Style: assets/tools/counselors.css (the outlines' pages), assets/tools/print.css (sheets).
"""
from __future__ import annotations

from guidekit.errors import ContentError
from guidekit.counselors import OUTLINES, check_links, handout_lines, load_counselors
from guidekit.printsheets import Sheet
from guidekit.text import fill

from .base import Component
from .render import render

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


def address(kind: str, ident: str = "") -> str:
    """Where a material's sheet is read: an outline's or a kit sheet's, an email handout's, all handouts', the poster's."""
    return {"outline": f"print/counselors/{ident}/", "email": f"print/emails/{ident}/",
            "emails": "print/emails/all/", "poster": "print/poster/"}[kind]


class Counselors(Component):
    name = "counselors"
    data = "counselors.yml"
    needs = ("center", "emails")
    markers = {"counselors": "the counselors' outline", "counselors-index": "the list of counselors' materials"}
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

    def sheets(self, build):
        """Each outline, each sheet of its kit, each email template as a handout, all handouts, the poster."""
        outlines, center = build.data_of(self, self.name), build.data_of(self, "center")
        w = build.words(self.name)

        def outline(o):
            def body(foot, heading):  # on paper, the student pages of each section by title (no links)
                return render(build, "partials/counselors-outline.html", outline=o, center=center,
                              links=self._links(build, None, o), foot=foot)
            return Sheet(address("outline", o.id), fill(w["outline_page_title"], title=o.title),
                         fill(w["outline_page_description"], title=o.title), body, live=PAGES[o.id], online=w["outline_online"])

        def material(m):
            o = outlines[m["outline"]]

            def body(foot, heading):
                return render(build, "partials/counselors-material.html", m=m, o=o, center=center,
                              links={s.id: [build.title(p) for p in s.links] for s in o.script}, foot=foot)
            return Sheet(address("outline", m["id"]), fill(w["outline_page_title"], title=m["title"]),
                         fill(w[f"{'student' if m['audience'] == 'students' else 'material'}_page_description"], title=m["title"]),
                         body, live=m["target"], online=w[f"online_{m['kind']}"])

        def handout(t):
            def body(foot, heading):
                return render(build, "partials/counselors-email.html", template=t, heading=heading,
                              lines=handout_lines(t), center=center, foot=foot)
            return Sheet(address("email", t.id), fill(w["handout_page_title"], title=t.title),
                         fill(w["handout_page_description"], title=t.title), body, live=EMAILS_PAGE, online=w["handout_online"])

        def poster(foot, heading):
            return render(build, "partials/counselors-poster.html", center=center, foot=foot)

        handouts = [handout(t) for t in build.data_of(self, "emails").templates.values()]
        return [*map(outline, outlines.values()), *map(material, self._kit(build)), *handouts,
                Sheet(address("emails"), w["handouts_page_title"], w["handouts_page_description"], parts=tuple(handouts)),
                Sheet(address("poster"), w["poster_page_title"], w["poster_page_description"], poster, live="index.md")]

    def render(self, build, kind, ident, page):
        outlines, center = build.data_of(self, self.name), build.data_of(self, "center")
        if kind == "counselors":
            return render(build, "partials/counselors-outline.html", outline=outlines[ident], center=center,
                          links=self._links(build, page, outlines[ident]), foot=None,
                          print_href=build.link(page, address("outline", ident)))
        return render(build, "partials/counselors-index.html", items=self.materials(build, page))

    def materials(self, build, page) -> list[tuple[str, str, str]]:
        """(title, link, what it is) for every printable material, from the page's point of view."""
        outlines, emails = build.data_of(self, self.name), build.data_of(self, "emails").templates
        w = build.words(self.name)
        out = [(o.title, build.link(page, address("outline", o.id)),
                fill(w["outline_what_other" if o.pages > 1 else "outline_what_one"], minutes=o.minutes, pages=o.pages))
               for o in outlines.values()]
        out += [(m["title"], build.link(page, address("outline", m["id"])),
                 fill(w[f"audience_{m['audience']}"], what=w["one_page"] if m["pages"] == 1 else fill(w["handouts_what"], n=m["pages"])))
                for m in self._kit(build)]
        out += [(fill(w["handout_title"], title=t.title), build.link(page, address("email", t.id)), w["one_page"])
                for t in emails.values()]
        out.append((w["handouts_title"], build.link(page, address("emails")), fill(w["handouts_what"], n=len(emails)) if len(emails) > 1 else w["one_page"]))
        out.append((w["poster_title"], build.link(page, address("poster")), w["one_page"]))
        return out

    def _kit(self, build) -> list[dict]:
        """kit(), with the answer key's title in the site's words."""
        w = build.words(self.name)
        return [{**m, "title": m["title"] or fill(w["answers_title"], title=build.data_of(self, self.name)[m["outline"]].title)}
                for m in kit(build.data_of(self, self.name))]

    def _links(self, build, page, outline):
        """(link from `page`, title) of each section's student pages; on paper (no page), titles alone."""
        return {s.id: [(build.link(page, p) if page else None, build.title(p)) for p in s.links] for s in outline.sections}


component = Counselors()
