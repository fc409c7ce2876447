"""The email snippets: docs/_data/emails.yml into fill-in email builders.

`<!-- email: id -->` shows one template, under a heading of its title (so it is in the table of
contents). A page with several starts with a list to choose one from, "Choose an email", placed
before the first (the internal marker `<!-- email-choose -->`): with JavaScript, the page then shows
the chosen email alone. Logic: guidekit/emails.py. Partials: email.html, email-choose.html,
email-fields.html. Script and style: assets/tools/emails.js|css.
"""
from __future__ import annotations

from guidekit.emails import CHOOSE, add_headings, parse_emails
from guidekit.errors import ContentError
from guidekit.markers import find_markers

from .base import Component
from .render import render

CHOOSE_KIND = f"email-{CHOOSE}"


class Emails(Component):
    name = "emails"
    data = "emails.yml"
    ids_in_data = ("email",)
    markers = {"email": "the email template"}
    internal = (CHOOSE_KIND,)
    assets = ("emails",)

    def load(self, path, text):
        return parse_emails(text, path)

    def variants(self, build, kind):
        return build.data_of(self, self.name).templates.keys()

    def check_page(self, build, path, markers):
        seen, errors = set(), []
        for m in markers:
            if m.id in seen:
                errors.append(_twice(path, m))
            seen.add(m.id)
        return errors

    def markdown(self, build, page, markdown):
        return add_headings(markdown, build.data_of(self, self.name))

    def render_key(self, build, kind, ident, page):
        """An email reads its page only for whether the page has a "Choose an email" list."""
        return None if kind == CHOOSE_KIND else _has_list(page)

    def render(self, build, kind, ident, page):
        library = build.data_of(self, self.name)
        if kind == CHOOSE_KIND:
            ids = [m.id for m in find_markers(page.markdown or "", "email") if m.id in library.templates]
            return render(build, "partials/email-choose.html", id=CHOOSE_KIND,
                          templates=[library.templates[i] for i in ids])
        choose = CHOOSE_KIND if _has_list(page) else ""
        return render(build, "partials/email.html", template=library.templates[ident], choose=choose)


def _has_list(page) -> bool:
    markdown = page.markdown or ""
    return CHOOSE_KIND in markdown and bool(find_markers(markdown, CHOOSE_KIND))


def _twice(path, m):
    return ContentError(path, m.line, f"The email template '{m.id}' is shown twice on this page.", "keep one marker for it.")


component = Emails()
