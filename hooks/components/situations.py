"""Situations: docs/_data/situations.yml into the home page's question, a path for each kind of "no",
the step foot of the guidance pages and a printable path per situation.

Markers an author writes:
- `<!-- situations: start -->` the question and one plain link per situation (the home page): those in
  `first`, then the others inside a <details> named by `more`, then "Not sure";
- `<!-- situations: path -->` the path through the guide (the general one; the chosen one in JS);
- `<!-- situation-sheets -->` links to every situation's printable path (the print index);
- `<!-- situation: <id> -->` a situation page's path, emails and plan (`general` for "Not sure");
- `<!-- only: <id>, <id> -->` … `<!-- end -->` text that fits only those situations: shown to everyone as
  built, hidden by guide.js while another situation is chosen (guidekit/situations.py check_only_blocks).
Markers only the build writes:
- `situations-data`: the situations as JSON for the browser (guide.situationInfo()), on the home page,
  the situation pages and every page with a checklist, an email or the planner;
- `situation-step`: "Step 2 of 8 · Next: ..." at the foot of each page of a path;
- `situation-skip`: nothing to show, but marks a page with a checklist and no step foot (situations.js
  hides the items that don't apply);
A step foot and a checklist load situations.js|css only once a situation is chosen (guide.js does, as
built they show the general path).
Sheets it declares (`sheets`; the print component makes their pages): a printable path per situation
(print/situations/<id>/).
Logic: guidekit/situations.py. Partials: situation*.html. Script and style: assets/tools/situations.js|css
(the choice itself is kept by guide.js, which every page loads).
"""
from __future__ import annotations

import json
import os

from mkdocs.structure.files import File

from guidekit.errors import ContentError
from guidekit.markers import find_all_markers, ids_of
from guidekit.printsheets import Sheet
from guidekit.situations import END, GENERAL, ONLY, Fit, check_only_blocks, check_references, load_situations, script_data
from guidekit.text import fill

from .base import ANY_ID, Component
from .render import render

HOME = "index.md"
EMAILS_PAGE = "emails/index.md"
PLANNER_PAGE = "planner/index.md"
DATA_KIND, STEP_KIND, SKIP_KIND = "situations-data", "situation-step", "situation-skip"
TOOL_KINDS = ("checklist", "checklists-overview", "email", "planner", "situations", "situation")  # pages that carry the data
DATA_FILE = "assets/tools/situations.json"  # the same data, fetched by guide.js once a situation is chosen


def _source(build, name: str) -> str:
    """Where a data file's structure is written, as the author knows it (a translation holds only words)."""
    if build.translation is not None and name in build.translation.data:
        return build.translation.data[name][0]
    return build.rel(build.data_path(name))


def sheet_address(ident: str) -> str:
    """Where a situation's printable path is read."""
    return f"print/situations/{ident}/"


class Situations(Component):
    name = "situations"
    data = "situations.yml"
    needs = ("checklists", "emails", "planner", "center")
    ids_in_data = ("situation",)
    markers = {"situations": "the situations block", "situation": "the situation",
               "situation-sheets": "the list of printable paths",
               ONLY: "the situations the text fits", END: "the end of an 'only' block"}
    internal = (STEP_KIND, SKIP_KIND)
    wrappers = (ONLY, END)  # <div class="guide-only"> and </div> around the Markdown between them
    assets = ("situations",)

    def load(self, path, text):
        return load_situations(path, text)

    def assets_for(self, kind, ident):
        """The question and the path (home page) need situations.js (and the question home.css, the home
        page's look); a situation page only the situations' style
        (guide.js chooses the situation on landing); a step foot or a checklist need situations.js only
        once a situation is chosen (as built they show the general path): guide.js loads it then."""
        if kind in (STEP_KIND, SKIP_KIND, ONLY, END, "situation-sheets"):
            return ()  # an `only` block: guide.js, on every page; the list of sheets (the print index): links
        if kind == "situations":  # the home page's look comes with its question
            return (*self.assets, "home.css") if ident == "start" else self.assets
        return ("situations.css",)

    def _all(self, build):
        return build.data_of(self, self.name)

    def check(self, build, pages):
        data, rel = self._all(build), build.rel(build.data_path(self.data))
        checklists = build.data_of(self, "checklists")
        emails, plan = build.data_of(self, "emails"), build.data_of(self, "planner")
        emails_file, plan_file = (_source(build, name) for name in ("emails.yml", "planner.yml"))
        errors = check_references(data, rel, pages, {t.id: len(t.versions) for t in emails.templates.values()}, {s.id for s in plan.steps},
                                  {c.id: {i.id for i in c.items} for c in checklists.values()},
                                  email_fits={t.id: Fit(emails_file, t.situations_line, t.situations)
                                              for t in emails.templates.values() if t.situations},
                                  step_fits={s.id: Fit(plan_file, s.lines["situations"], s.situations)
                                             for s in plan.steps if s.situations},
                                  step_emails={s.id: s.email for s in plan.steps if s.email})
        for s in data.all():
            file = build.page(s.page)
            if file is None or file.abs_src_path is None:
                continue
            found = find_all_markers(file.content_string)
            where = build.rel(file.abs_src_path)
            if not any(m.kind == "situation" and m.id == s.id for m in found):
                errors.append(ContentError(where, 1, f"The page of the situation '{s.id}' doesn't show its path.",
                                           f"add a line '<!-- situation: {s.id} -->' (with a blank line before and after)."))
            if not any(m.kind == "center" and m.id == "urgent" for m in found):
                errors.append(ContentError(where, 1, f"The page of the situation '{s.id}' doesn't show where to get help at any hour.",
                                           "add a line '<!-- center: urgent -->' after the first paragraph "
                                           "(students land on this page straight from the home page)."))
        if errors:
            return errors
        # Once per build, for markdown() and the data's renderer: the pages of any path, the situations' pages.
        self.step_pages = {p for s in data.all() for p in s.step_pages}
        self.data_pages = {s.page for s in data.all()}
        self.urls = {f.src_uri: f.url for f in build.files.documentation_pages()}
        steps = self.step_pages
        self.titles = {self.urls[p]: build.title(p) for p in steps | self.data_pages}
        self.json = json.dumps(script_data(data, self.urls, self.titles), ensure_ascii=False, separators=(",", ":"))
        build.files.append(File.generated(build.config, DATA_FILE, content=self.json))
        return []

    def variants(self, build, kind):
        if kind == ONLY:
            return ANY_ID  # a list of ids: check_page
        if kind in (END, "situation-sheets"):
            return ("",)
        if kind == "situations":
            return ("start", "path")
        return [*self._all(build).situations, GENERAL]

    def check_page(self, build, path, markers):
        errors = [ContentError(path, m.line, "The page has a second situation marker.", "keep one per page.")
                  for m in [m for m in markers if m.kind == "situation"][1:]]
        blocks = [m for m in markers if m.kind in (ONLY, END)]
        if blocks:
            with open(os.path.join(build.root, path), encoding="utf-8") as fh:
                source = fh.read()
            errors += check_only_blocks(path, source, blocks, list(self._all(build).situations))
        return errors

    def markdown(self, build, page, markdown):
        if page.file.abs_src_path is None:  # a generated page (a sheet) carries only what the build wrote
            return markdown
        src = page.file.src_uri
        kinds = {m.kind for m in find_all_markers(markdown)}
        add = []
        if src in self.step_pages:
            add.append(f"<!-- {STEP_KIND} -->")
        elif "checklist" in kinds:
            add.append(f"<!-- {SKIP_KIND} -->")
        if src == HOME or src in self.data_pages or kinds & set(TOOL_KINDS):
            add.append(f"<!-- {DATA_KIND} -->")
        return markdown + "".join(f"\n\n{marker}\n" for marker in add)

    # Rendering --------------------------------------------------------------------------------

    def render(self, build, kind, ident, page):
        data = self._all(build)
        if kind == ONLY:
            return f'<div class="guide-only" data-guide-only="{" ".join(ids_of(ident))}">'
        if kind == END:
            return "</div>"
        if kind == SKIP_KIND:
            return ""
        if kind == STEP_KIND:
            return self._step(build, page)
        if kind == "situation":
            return render(build, "partials/situation.html", **self._context(build, page, self._get(data, ident)),
                          print_href=build.link(page, sheet_address(ident)))
        if kind == "situation-sheets":
            entries = [(s, build.link(page, sheet_address(s.id))) for s in data.all()]
            return render(build, "partials/situations-sheets.html", entries=entries)
        if ident == "start":
            first, more = data.home_groups()
            entry = lambda s: (s, build.link(page, s.page))  # noqa: E731
            return render(build, "partials/situations-start.html", question=data.question,
                          entries=[entry(s) for s in first], more=[entry(s) for s in more], more_title=data.more,
                          general_entry=entry(data.general), general=GENERAL)
        return render(build, "partials/situations-path.html", steps=self._steps(build, page, data.general),
                      home_href=build.link(page, HOME))

    @staticmethod
    def _get(data, ident):
        return data.general if ident == GENERAL else data.situations[ident]

    def _steps(self, build, page, s):
        return [(build.link(page, p), self.titles[self.urls[p]], self.urls[p]) for p in s.step_pages]

    def _context(self, build, page, s) -> dict:
        """A situation's path, emails (by title) and plan steps (by title), linked from `page`."""
        templates = build.data_of(self, "emails").templates
        plan = {step.id: step for step in build.data_of(self, "planner").steps}
        emails_href, planner_href = build.link(page, EMAILS_PAGE), build.link(page, PLANNER_PAGE)
        emails = [(templates[r.value], f"{emails_href}#email-{r.value}" if emails_href else None) for r in s.emails]
        return {"situation": s, "general": s.id == GENERAL, "steps": self._steps(build, page, s), "emails": emails,
                "plan": [plan[r.value] for r in s.plan], "emails_href": emails_href, "planner_href": planner_href,
                "home_href": build.link(page, HOME)}

    def sheets(self, build):
        """Each situation's path on one page, with its emails and plan (the general one too)."""
        words, center = build.words(self.name), build.data_of(self, "center")

        def sheet(s):
            def body(foot, heading):  # on paper only titles: links as from the situation's page, unused
                return render(build, "partials/situation-sheet.html", **self._context(build, build.page(s.page), s),
                              center=center, foot=foot)
            return Sheet(sheet_address(s.id), fill(words["sheet_page_title"], title=s.title),
                         fill(words["sheet_page_description"], title=s.title, description=s.description),
                         body, live=s.page, online=words["sheet_online"])
        return [sheet(s) for s in self._all(build).all()]

    def _step(self, build, page):
        """The foot of a page of the general path: where it stands and what comes next (JS follows the
        chosen situation). A page on no general step gets an empty foot that JS may fill."""
        steps = self._steps(build, page, self._all(build).general)
        here = next((i for i, (_, _, url) in enumerate(steps) if url == page.url), None)
        return render(build, "partials/situation-step.html", steps=steps, here=here, url=page.url,
                      home_href=build.link(page, HOME))


class SituationData(Component):
    """`situations-data` (written by Situations.markdown): the situations as JSON for guide.js, on every
    page whose tools follow the situation. A component of its own, without assets: the emails page and
    the planner read the situation through guide.js and need none of situations.js.

    In the page itself on the home page and the situation pages (where a situation is chosen); elsewhere
    only the address of assets/tools/situations.json, which guide.js fetches once a situation is chosen
    (with none chosen, the pages as built already show the general path, emails and plan)."""
    name = "situation-data"
    needs = ("situations",)
    internal = (DATA_KIND,)

    def _inline(self, build, page) -> bool:
        return page.file.src_uri == HOME or page.file.src_uri in component.data_pages

    def render_key(self, build, kind, ident, page):
        """The data in the page, or the link to the data file: the same wherever it is the same."""
        return () if self._inline(build, page) else build.link(page, DATA_FILE)

    def render(self, build, kind, ident, page):
        if self._inline(build, page):
            return render(build, "partials/situations-data.html", data_json=component.json)
        return render(build, "partials/situations-data.html", data_src=build.link(page, DATA_FILE))


component = Situations()
data = SituationData()
