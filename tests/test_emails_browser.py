"""Email snippets in the system Chromium: what a student sees, chooses, copies, sends and downloads.

Behaviour tests on the example site (tests/example): its templates (docs/_data/emails.yml there, owned
by these tests) are ask (every shared field, an optional question, a Warmer variant with its own
greeting), thanks (no company, nothing of its own) and update (a required news field of its own), all
on emails/, and ask alone on second/. Names are optional there as in the guide; company, role and news
are required. A center's edits to the guide's own emails can't change what these tests see.
(Every email of the shipped guide with its names left blank: tests/test_emails.py, under Node.)

Every check of what a student sees runs in English and in Spanish (`example_lang`: the example site's
Spanish pages under es/, their own emails.yml and words): what to expect comes from that language's
data (titles, labels, gaps, greetings, versions) and words, never from wording written here.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from guidekit.emails import PLACEHOLDER, parse_emails
from guidekit.text import fill as fill_words
from support import EXAMPLE, axe_violations, data_text, mark_window, words

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]
HOSTILE = {
    "your_name": "Zoë Ñúñez-O'Brien 😀",
    "interviewer_name": '<img src=x onerror="window.__pwned=1">"Dr" & Co',
    "company": "AT&T #1 100% ? <script>window.__pwned=2</script>",
    "role": "Dev?x=1&y=2#top %0A%20 </textarea>",
}
LONG = ("Ünïcode & <b>bold</b> \"quoted\" #hash %25 ?q= 🙂 " * 60)[:2000]

TEMPLATES = ["ask", "thanks", "update"]  # on the example emails/ page, in order
SINGLE = "second/"                       # an example page with one email: ask
FULL = {"your_name": "Sam Rivera", "interviewer_name": "Ms Okafor", "company": "Northwind Health",
        "role": "Junior Data Analyst"}
SENTINEL = "(clipboard before)"


class Example:
    """The example site in one language as these tests read it: where its pages are, its emails
    (its own docs/_data/emails.yml) and the words a reader sees (overrides/text/<lang>.yml)."""

    def __init__(self, site):
        self.lang, self.url = site.lang, site.url
        self.prefix = "" if site.lang == "en" else f"{site.lang}/"  # under the example's base URL
        path = site.docs / "_data" / "emails.yml"
        self.library, errors = parse_emails(data_text(site.docs, "emails.yml"), str(path))
        assert not errors, errors
        self.W = words("emails", site.lang)
        self.S = self.W["script"]
        self.device = words("device", site.lang)

    def t(self, tid):
        return self.library.templates[tid]

    def label(self, tid, name):
        return self.t(tid).field(name).label

    def labels(self, tid, *names):
        """'Company, Role': the labels of the gaps, as emails.js lists them."""
        return ", ".join(self.label(tid, n) for n in names)

    def replaced(self, tid, values, version=0):
        """(subject, body) with every placeholder replaced by its value (all fields typed): the data's
        own text, read without the fill rule."""
        t = self.t(tid)
        v = t.versions[version]
        return tuple(re.sub(r"\n\s*\n", "\n\n", PLACEHOLDER.sub(lambda m: values[m[1]], text)).strip("\n")
                     for text in (v.subject, v.body))


@pytest.fixture(scope="session")
def ex(example_lang):
    """The example emails in the language under test (made once per language)."""
    return Example(example_lang)


def widget(page, template_id):
    return page.locator(f'[data-email][aria-labelledby="email-{template_id}"]')


def choose_list(page):
    return page.locator("[data-email-choose]")


def box(w, name):
    return w.locator(f'[data-email-field="{name}"]')


def open_emails(page, ex, path="emails/"):
    page.goto(ex.prefix + path)
    expect(page.locator("[data-email][data-bound]").first).to_be_attached()
    return page


def pick(page, template_id):
    """Choose an email from the list, as a student does; returns it."""
    choose_list(page).locator(f'a[href$="#email-{template_id}"]').click()
    w = widget(page, template_id)
    expect(w).to_be_visible()
    return w


def more(w):
    """Open "More" (the other actions and versions) if it is closed."""
    details = w.locator("details.email__more")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def preview(w):
    """The subject and body exactly as the preview shows them."""
    return w.locator("[data-email-subject]").text_content(), w.locator("[data-email-body]").text_content()


def mailto_parts(w):
    href = w.locator("[data-email-mailto]").get_attribute("href")
    url = urlsplit(href)
    assert url.scheme == "mailto" and url.path == ""
    assert "\n" not in href and " " not in href and "#" not in href
    params = {}
    for pair in url.query.split("&"):  # RFC 6068: hfields separated by '&', values percent-encoded
        key, _, value = pair.partition("=")
        params[key] = unquote(value)
    assert set(params) == {"subject", "body"}
    return params


def clipboard(page):
    return page.evaluate("navigator.clipboard.readText()")


def fill(w, values):
    for name, value in values.items():
        box(w, name).fill(value)


def status_region(page):
    return page.locator(".guide-visually-hidden[role=status]")


# ---- choose, fill in, check

def test_the_page_lists_the_emails_and_shows_the_chosen_one_alone(example_page, ex):
    W = ex.W
    page = open_emails(example_page, ex)
    links = choose_list(page).locator("[data-email-choose-item] a")
    expect(links).to_have_count(len(TEMPLATES))
    for a, tid in zip(links.all(), TEMPLATES):
        assert a.evaluate("a => a.hash") == f"#email-{tid}"
        expect(a).to_contain_text(widget(page, tid).locator(".email__when").text_content())
    expect(page.locator("[data-email]:visible")).to_have_count(0)
    expect(page.locator("h2.email__title:visible")).to_have_count(0)
    expect(choose_list(page).locator("[data-email-choose-more]")).to_be_hidden()  # no situation: one list
    mark_window(page)
    w = pick(page, "update")
    expect(page.locator("[data-email]:visible")).to_have_count(1)
    title = re.compile("^" + re.escape(ex.t("update").title))
    expect(page.get_by_role("heading", name=title)).to_be_focused()
    expect(page.get_by_role("heading", name=title)).to_be_in_viewport()
    expect(choose_list(page)).to_be_hidden()
    assert page.url.endswith("#email-update")
    # back to the list, and on to another
    w.get_by_role("link", name=W["back"]).click()
    expect(choose_list(page)).to_be_visible()
    expect(page.get_by_role("heading", name=W["choose_title"])).to_be_focused()
    expect(page.locator("[data-email]:visible")).to_have_count(0)
    pick(page, "thanks")
    expect(page.locator("[data-email]:visible")).to_have_count(1)
    assert page.evaluate("window.__stayed") is True


def test_a_link_to_an_email_opens_it_alone(example_page, ex):
    """The planner and the guidance pages link to emails/#email-<id>."""
    page = example_page
    page.goto(ex.prefix + "emails/#email-update")
    expect(widget(page, "update")).to_be_visible()
    expect(page.locator("[data-email]:visible")).to_have_count(1)
    page.reload()
    expect(widget(page, "update")).to_be_visible()
    # by instant navigation too
    page.goto(ex.prefix)
    mark_window(page)
    page.evaluate("""() => { const a = document.createElement('a'); a.href = 'emails/#email-thanks';
                          a.textContent = 'to thanks'; document.querySelector('article').append(a); }""")
    page.get_by_role("link", name="to thanks").click()
    page.wait_for_url(f"**/example-guide/{ex.prefix}emails/#email-thanks")
    expect(widget(page, "thanks")).to_be_visible()
    expect(page.locator("[data-email]:visible")).to_have_count(1)
    assert page.evaluate("window.__stayed") is True


SITUATION = """(emails, id) => {
  guide.situationInfo = () => emails ? {id, title: "An example situation", short: "example situation", emails} : null;
  guide.set("prefs", guide.get("prefs"));  // any change: the tools redraw
}"""


def test_the_chosen_situations_emails_come_first_and_the_rest_under_more_emails(example_page, ex):
    W, S = ex.W, ex.S
    page = open_emails(example_page, ex)
    order = lambda sel: [a.evaluate("a => a.hash") for a in choose_list(page).locator(f"{sel} a").all()]
    page.evaluate(SITUATION, ["update", "thanks", "not-on-this-page"])
    expect(choose_list(page).locator("[data-email-choose-for]")).to_have_text(
        fill_words(S["for_situation"], situation="example situation"))
    assert order("[data-email-choose-list]") == ["#email-update", "#email-thanks"]
    expect(choose_list(page).get_by_role("heading", name=W["more_emails"])).to_be_visible()
    assert order("[data-email-choose-rest]") == ["#email-ask"]
    pick(page, "ask")  # one from "More emails" works like the others
    widget(page, "ask").get_by_role("link", name=W["back"]).click()
    # a template that names the situations it fits (tests/example/docs/_data/emails.yml: 'thanks') is left
    # out of "More emails" for another situation, and kept there for one it names
    library, _ = parse_emails((EXAMPLE / "docs" / "_data" / "emails.yml").read_text(encoding="utf-8"), "e.yml")
    fitted = next(t for t in library.templates.values() if t.situations)
    others = [t for t in TEMPLATES if t != fitted.id]
    page.evaluate("([emails, id]) => (" + SITUATION + ")(emails, id)", [[others[0]], "not-" + fitted.situations[0][0]])
    expect(choose_list(page).locator(f'[data-email-choose-item="{fitted.id}"]')).to_be_hidden()
    page.evaluate("([emails, id]) => (" + SITUATION + ")(emails, id)", [[others[0]], fitted.situations[0][0]])
    assert f"#email-{fitted.id}" in order("[data-email-choose-rest]")
    expect(choose_list(page).locator(f'[data-email-choose-item="{fitted.id}"]')).to_be_visible()
    page.evaluate(SITUATION, None)  # back to none: the file's order, one list
    assert order("[data-email-choose-list]") == [f"#email-{t}" for t in TEMPLATES]
    expect(choose_list(page).get_by_role("heading", name=W["more_emails"])).to_be_hidden()
    expect(choose_list(page).locator("[data-email-choose-for]")).to_be_hidden()


def test_copy_email_copies_the_body_alone_and_says_so_on_the_button(example_context_factory, ex):
    W, S = ex.W, ex.S
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    w = pick(page, "ask")
    values = {**FULL, "question": "Was there a gap in my SQL answers?"}
    fill(w, values)
    subject, body = preview(w)
    assert (subject, body) == ex.replaced("ask", values)
    assert body.endswith("\nSam Rivera") and "Was there a gap in my SQL answers?" in body
    copy = w.get_by_role("button", name=W["copy_email"])
    copy.click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    assert clipboard(page) == body and not clipboard(page).startswith(fill_words(S["file_subject"], subject=""))
    expect(status_region(page)).to_contain_text(S["email_copied"])
    expect(w.get_by_role("button", name=W["copy_email"])).to_be_visible(timeout=6000)  # and back again
    # the subject, separately, under More
    more(w).get_by_role("button", name=W["copy_subject"]).click()
    assert clipboard(page) == subject
    # the Warmer version (under More): its own body, the template's subject; the copy and the link follow
    short, warm = (v.name for v in ex.t("ask").versions)
    w.get_by_label(warm).check()
    warmer = w.locator("[data-email-body]").text_content()
    assert warmer == ex.replaced("ask", values, 1)[1] != body
    assert warmer.endswith("\nSam Rivera") and preview(w)[0] == subject
    w.get_by_role("button", name=W["copy_email"]).click()
    assert clipboard(page) == warmer
    assert mailto_parts(w)["body"].replace("\r\n", "\n") == warmer
    w.get_by_label(short).check()
    assert preview(w) == (subject, body)


def test_open_in_email_app_link_decodes_to_the_preview(example_page, ex):
    W = ex.W
    page = open_emails(example_page, ex)
    w = pick(page, "thanks")
    values = {"your_name": "Sam", "interviewer_name": "Ms Okafor", "role": "Analyst"}
    fill(w, values)
    subject, body = preview(w)
    href = w.locator("[data-email-mailto]").get_attribute("href")
    assert "%0D%0A%0D%0A" in href, "newlines are sent as CRLF"
    parts = mailto_parts(w)
    assert parts["subject"] == subject == ex.replaced("thanks", values)[0]
    assert parts["body"].replace("\r\n", "\n") == body
    expect(more(w).get_by_role("link", name=W["open_app"])).to_be_visible()


# ---- emails without a name; gaps asked about before anything is handed over

def test_what_was_typed_before_the_script_ran_is_kept(example_context_factory, ex):
    """A field holding text before the emails' script runs (the browser refills a form after Back, or
    Material swaps a page in while the script catches up): the script takes the text in, the preview
    shows it, nothing is wiped."""
    page = example_context_factory().new_page()

    def held(route):   # the script arrives, but runs only when the test says so
        original = route.fetch().text()
        route.fulfill(body="window.__runEmails = () => {\n" + original + "\n};", content_type="text/javascript")

    page.route("**/assets/tools/emails.js", held)
    page.goto(ex.prefix + "emails/")
    w = widget(page, "update")
    expect(page.locator("[data-email][data-bound]")).to_have_count(0)
    box(w, "company").evaluate("(el, text) => { el.value = text; }", "Northwind")   # as a browser refills it: no event
    page.evaluate("window.__runEmails()")
    expect(page.locator("[data-email][data-bound]").first).to_be_attached()
    expect(box(w, "company")).to_have_value("Northwind")
    expect(w.locator("[data-email-subject], [data-email-body]").filter(has_text="Northwind")).not_to_have_count(0)


@pytest.mark.each_language
def test_a_blank_name_gives_the_greeting_everywhere_and_leaves_nothing_to_fill(example_context_factory, ex):
    """Only the required fields typed: the preview, the clipboard and the mailto link start with the
    template's greeting, never "Dear ," (nor "Estimado/a :"), with no [gap] or {placeholder} anywhere."""
    W, S = ex.W, ex.S
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    required = {"company": "Northwind", "role": "Analyst", "news": "I finished a course."}
    for tid in TEMPLATES:
        w = pick(page, tid)
        for name in ("company", "role", "news"):
            if box(w, name).count():
                box(w, name).fill(required[name])
        t = ex.t(tid)
        for n, version in enumerate(w.locator("[data-email-version]").all() or [None]):
            if version is not None:
                more(w)
                version.check()
            v = t.versions[n]
            first = t.layout(v.body, v.greeting)[0][0]
            bare = "".join(first["parts"][::2])  # the first line without its name: "Dear ,"
            subject, body = preview(w)
            expect(w.locator("mark.email__gap")).to_have_count(0)
            expect(w.locator("[data-email-missing]")).to_be_hidden()
            w.get_by_role("button", name=W["copy_email"]).click()
            expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
            copied, parts = clipboard(page), mailto_parts(w)
            for text in (subject, body, copied, parts["subject"], parts["body"]):
                assert not re.search(r"[\[\]{}]|\w [,:]", text, re.M) and bare not in text, (tid, text)
            assert copied == body == parts["body"].replace("\r\n", "\n")
            assert v.greeting and body.startswith(v.greeting + "\n\n"), (tid, body)
        w.get_by_role("link", name=W["back"]).click()
    # a name typed is used, and taken out again it gives way to the greeting
    w = pick(page, "ask")
    short = ex.t("ask").versions[0]
    more(w).get_by_label(short.name).check()
    box(w, "interviewer_name").fill("Ms Okafor")
    named = ex.t("ask").layout(short.body)[0][0]["parts"]  # ["Dear ", "interviewer_name", ","]
    assert preview(w)[1].startswith(named[0] + "Ms Okafor" + named[2] + "\n\n")
    box(w, "interviewer_name").fill("   ")
    assert preview(w)[1].startswith(short.greeting + "\n\n")


@pytest.mark.each_language
def test_with_a_required_field_empty_copy_and_open_ask_first_and_name_what_is_missing(example_context_factory, ex):
    W, S = ex.W, ex.S
    company, role = ex.label("ask", "company"), ex.label("ask", "role")
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
    w = pick(page, "ask")
    gaps = w.locator("mark.email__gap")
    expect(gaps).to_have_count(3)  # {role} is in the subject and the body; {company} in the body
    assert set(gaps.all_text_contents()) == {ex.t("ask").field("role").gap, ex.t("ask").field("company").gap}
    assert gaps.first.evaluate("el => getComputedStyle(el).outlineStyle") == "dashed", "not colour alone"
    expect(w.locator("[data-email-missing]")).to_have_text(fill_words(S["still_to_fill"], fields=ex.labels("ask", "company", "role")))
    # Copy email: nothing copied; a question next to the button names the gaps, and is announced
    copy = w.get_by_role("button", name=W["copy_email"])
    copy.click()
    ask = w.locator("[data-email-ask]")
    expect(ask).to_be_visible()
    expect(ask).to_have_text(re.compile(re.escape(fill_words(S["gaps_email"], fields=ex.labels("ask", "company", "role")))))
    assert ask.evaluate("(el, b) => b.nextElementSibling === el", copy.element_handle())
    expect(status_region(page)).to_contain_text(ex.labels("ask", "company", "role"))
    assert clipboard(page) == SENTINEL
    # "as it is" copies it with its gaps, and focus goes back to the button
    ask.get_by_role("button", name=S["anyway_copy"]).click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_focused()
    assert clipboard(page) == preview(w)[1] and ex.t("ask").field("company").gap in clipboard(page)
    expect(ask).to_be_hidden()
    # Open in my email app: no email app opens; the question sits next to the link
    opened = []
    page.on("framenavigated", lambda frame: opened.append(frame.url))
    link = more(w).get_by_role("link", name=W["open_app"])
    link.click()
    expect(ask).to_be_visible()
    assert ask.evaluate("(el, b) => b.nextElementSibling === el", link.element_handle())
    expect(ask.get_by_role("link", name=S["anyway_open"])).to_have_attribute("href", link.get_attribute("href"))
    assert not any(u.startswith("mailto:") for u in opened)
    # a name of a gap leads to its box
    ask.get_by_role("link", name=company).click()
    expect(box(w, "company")).to_be_focused()
    page.keyboard.type("Northwind")
    expect(ask).to_contain_text(fill_words(S["gaps_email"], fields=role))
    expect(ask.get_by_role("link", name=company)).to_have_count(0)
    box(w, "role").fill("Analyst")
    expect(ask).to_be_hidden()  # nothing left to ask about
    expect(gaps).to_have_count(0)
    expect(w.locator("[data-email-missing]")).to_be_hidden()
    page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
    w.get_by_role("button", name=W["copy_email"]).click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    assert clipboard(page) == preview(w)[1]
    # an empty optional field leaves its line out rather than sending a blank
    [asked] = [line for line in ex.t("ask").versions[0].body.splitlines() if "{question}" in line]
    assert asked.replace("{question}", "").strip() not in preview(w)[1]
    box(w, "question").fill("Was there a gap?")
    assert "\n\n" + asked.replace("{question}", "Was there a gap?") + "\n\n" in preview(w)[1]


def test_hostile_input_stays_literal_everywhere_and_runs_nothing(example_context_factory, ex):
    W, S = ex.W, ex.S
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    w = pick(page, "update")
    values = {**HOSTILE, "news": LONG, "new_role": "R&D <i>lead</i> ?%#"}
    fill(w, values)
    subject, body = preview(w)
    assert subject == ex.replaced("update", values)[0]
    for value in [*HOSTILE.values(), LONG, "R&D <i>lead</i> ?%#"]:
        assert value in subject + body
    assert page.evaluate("window.__pwned") is None
    assert w.locator(".email__preview img, .email__preview script, .email__preview i, .email__preview b").count() == 0
    for other in page.locator("[data-email]").all():  # the shared values fill every email, as text
        assert HOSTILE["your_name"] in other.locator("[data-email-body]").text_content()
    w.get_by_role("button", name=W["copy_email"]).click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    assert clipboard(page) == body
    more(w).get_by_role("button", name=W["copy_subject"]).click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    assert clipboard(page) == subject
    parts = mailto_parts(w)
    assert (parts["subject"], parts["body"].replace("\r\n", "\n")) == (subject, body)
    with page.expect_download() as info:
        w.get_by_role("button", name=W["download"]).click()
    download = info.value
    assert download.suggested_filename == "update.txt"
    with open(download.path(), encoding="utf-8") as fh:
        assert fh.read() == fill_words(S["file_subject"], subject=subject) + f"\n\n{body}"
    expect(w.locator("[data-email-status]")).to_have_text(fill_words(S["downloaded"], file="update.txt"))
    assert page.evaluate("window.__pwned") is None


# ---- details typed once, remembered only when asked

def test_shared_details_typed_in_one_email_fill_the_others_and_follow_instant_navigation(example_page, ex):
    W = ex.W
    page = open_emails(example_page, ex)
    w = pick(page, "ask")
    fill(w, {"your_name": "Alex Kim", "company": "Contoso"})
    expect(page.get_by_label(W["remember"]).locator("visible=true")).to_have_count(1)
    assert "Alex Kim" not in page.evaluate("localStorage.getItem(guide.storageKey) || ''"), "not stored unless asked"
    w.get_by_role("link", name=W["back"]).click()
    u = pick(page, "update")
    expect(box(u, "your_name")).to_have_value("Alex Kim")
    expect(box(u, "company")).to_have_value("Contoso")
    assert preview(u)[1].endswith("Alex Kim") and "Contoso" in preview(u)[1]
    # instant navigation to a page with one email keeps the values in memory
    mark_window(page)
    page.locator(f"article a[href$='{SINGLE}']").first.click()
    page.wait_for_url(f"**/example-guide/{ex.prefix}{SINGLE}")
    s = widget(page, "ask")
    expect(choose_list(page)).to_have_count(0)
    expect(s.get_by_role("link", name=W["back"])).to_have_count(0)
    expect(box(s, "your_name")).to_have_value("Alex Kim")
    assert "Contoso" in preview(s)[1]
    box(s, "role").fill("Analyst")
    page.go_back()
    page.wait_for_url(f"**/example-guide/{ex.prefix}emails/**")
    t = widget(page, "thanks")
    assert "Analyst" in preview(t)[0]
    assert page.evaluate("window.__stayed") is True


def test_remember_my_details_saves_only_when_ticked(example_page, ex):
    W, contact = ex.W, ex.label("ask", "interviewer_name")
    page = open_emails(example_page, ex)
    w = pick(page, "ask")
    w.get_by_label(contact).fill("Mr Lee")
    w.get_by_label(W["remember"]).check()
    assert "Mr Lee" in page.evaluate("localStorage.getItem(guide.storageKey)")
    page.reload()
    w = widget(page, "ask")  # still chosen: the address names it
    expect(w.get_by_label(contact)).to_have_value("Mr Lee")
    expect(w.get_by_label(W["remember"])).to_be_checked()
    page.goto(ex.prefix + SINGLE)
    w = widget(page, "ask")
    expect(w.get_by_label(W["remember"])).to_be_checked()
    expect(w.get_by_label(contact)).to_have_value("Mr Lee")
    w.get_by_label(W["remember"]).uncheck()
    assert "Mr Lee" not in page.evaluate("localStorage.getItem(guide.storageKey)")
    # "Don't save anything" replaces the checkbox with a notice
    open_emails(page, ex)
    w = pick(page, "thanks")
    expect(w.get_by_label(W["remember"])).not_to_be_checked()
    page.get_by_label(ex.device["nosave"]).check()
    expect(w.locator("[data-email-remember]")).to_be_hidden()
    expect(w.locator("[data-email-nosave]")).to_have_text(W["nosave"])


# ---- keyboard, targets, axe, no JavaScript, print

def focused(page):
    return page.evaluate("(document.activeElement.textContent || '').trim() || document.activeElement.id")


def tab_until(page, target, most=40):
    """Press Tab until the focused element's text (or id) is target; what was passed on the way."""
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == target or seen[-1].startswith(target):
            return seen
    pytest.fail(f"Tab never reached {target!r}; passed {seen}")


def test_keyboard_only(example_context_factory, ex):
    W, S = ex.W, ex.S
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    tab_until(page, ex.t("ask").title, most=80)  # the first email in the list
    page.keyboard.press("Enter")
    w = widget(page, "ask")
    expect(w).to_be_visible()
    seen = tab_until(page, "email-ask-your_name")
    assert W["back"] in seen[:2]  # (after the heading's permalink, if the theme shows one)
    page.keyboard.type("Kai")
    assert preview(w)[1].endswith("Kai")
    for name, value in [("interviewer_name", ""), ("company", "Acme"), ("role", "Analyst")]:
        tab_until(page, f"email-ask-{name}")
        page.keyboard.type(value)
    seen = tab_until(page, W["copy_email"])
    assert "email-ask-question" in seen and "email-ask-remember" in seen
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is visible"
    page.keyboard.press("Enter")
    expect(w.get_by_role("button", name=S["copied"])).to_be_focused()
    assert clipboard(page) == preview(w)[1]
    page.keyboard.press("Tab")
    assert focused(page).startswith(W["more"])
    page.keyboard.press("Enter")  # opens More: the versions (arrow keys) and the other actions
    page.keyboard.press("Tab")
    assert focused(page) == "email-ask-v0"
    page.keyboard.press("ArrowRight")
    warm = ex.t("ask").versions[1]
    expect(w.get_by_label(warm.name)).to_be_checked()
    signed = warm.body.rstrip("\n").splitlines()
    assert "\n".join([*signed[-2:-1], "Kai"]) in preview(w)[1] and signed[-1] == "{your_name}"
    page.keyboard.press("Tab")
    assert focused(page) == W["copy_subject"]
    page.keyboard.press("Space")
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    assert clipboard(page) == preview(w)[0]


def small_targets(page):
    """Visible buttons, boxes, "More" and stand-alone links (not links inside a sentence) in the page's
    emails and list smaller than 44 x 44 px; a radio or checkbox counts by its label row."""
    return page.evaluate("""() => {
      const out = [];
      const scope = [...document.querySelectorAll('[data-email], [data-email-choose]')];
      for (const el of scope.flatMap((s) => [...s.querySelectorAll('button, a, input, textarea, summary')])) {
        if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
        if (el.matches('a') && el.closest('p') && el.closest('p').textContent.trim() !== el.textContent.trim()) continue;
        const target = el.matches('[type=radio], [type=checkbox]') ? el.parentElement : el;
        const r = target.getBoundingClientRect();
        if (r.width < 44 || r.height < 44) out.push(`${el.outerHTML.slice(0, 80)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
      return out;
    }""")


def test_targets_are_at_least_44_px_on_a_phone_and_hints_are_body_size(example_context_factory, ex):
    W = ex.W
    page = open_emails(example_context_factory(viewport={"width": 390, "height": 844}, permissions=CLIPBOARD).new_page(), ex)
    assert small_targets(page) == []
    w = pick(page, "ask")
    more(w)
    w.get_by_role("button", name=W["copy_email"]).click()
    expect(w.locator("[data-email-ask]")).to_be_visible()
    assert small_targets(page) == []
    body = page.evaluate("getComputedStyle(document.querySelector('article.md-typeset > p')).fontSize")
    for hint in w.locator(".email__hint").all():
        assert hint.evaluate("el => getComputedStyle(el).fontSize") == body
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing runs off the side"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_list_and_on_an_email_with_gaps_asked_about_and_more_open(example_context_factory, ex, scheme):
    W = ex.W
    page = open_emails(example_context_factory(color_scheme=scheme, permissions=CLIPBOARD).new_page(), ex)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    w = pick(page, "update")
    fill(w, {"your_name": "Sam", "news": "I finished a course."})
    more(w)
    w.get_by_role("button", name=W["copy_email"]).click()
    expect(w.locator("[data-email-ask]")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.each_language
def test_without_javascript_each_email_is_plain_text_after_a_list_of_links(example_context_factory, ex):
    page = example_context_factory(java_script_enabled=False).new_page()
    page.goto(ex.prefix + "emails/")
    assert page.evaluate("document.documentElement.lang") == ex.lang
    links = choose_list(page).locator("a:visible")
    expect(links).to_have_count(len(TEMPLATES))
    expect(page.locator("[data-email]")).to_have_count(len(TEMPLATES))
    for w, a in zip(page.locator("[data-email]").all(), links.all()):
        expect(w).to_be_visible()
        assert a.evaluate("a => a.hash") == "#" + w.get_attribute("aria-labelledby")
        t = ex.t(w.get_attribute("aria-labelledby").removeprefix("email-"))
        text = w.locator("[data-email-body]").inner_text()
        assert text == t.fallback(t.versions[0].body, t.versions[0].greeting)
        if any(f.required and "{" + f.name + "}" in t.versions[0].body for f in t.fields):
            assert re.search(r"\[[^\]]+\]", text), "the gaps show as [placeholders]"
        assert not re.search(r"^\S+ [,:]", text, re.M), "no 'Dear ,'"
        expect(w.locator("button:visible, input:visible, textarea:visible, a:visible, summary:visible")).to_have_count(0)


def test_printing_keeps_the_chosen_email_and_leaves_out_the_boxes_and_buttons(example_page, ex):
    page = open_emails(example_page, ex)
    w = pick(page, "ask")
    fill(w, {"your_name": "Sam"})
    page.emulate_media(media="print")
    expect(choose_list(page)).to_be_hidden()
    expect(w.locator(".email__form")).to_be_hidden()
    expect(w.locator(".email__actions")).to_be_hidden()
    expect(w.locator("[data-email-body]")).to_be_visible()
    assert preview(w)[1].endswith("Sam")


def test_copy_subject_asks_only_about_the_subjects_own_gaps(example_context_factory, ex):
    W, S = ex.W, ex.S
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    w = pick(page, "update")
    fill(w, {"company": "Northwind", "role": "Analyst"})  # the news, in the body alone, still empty
    more(w).get_by_role("button", name=W["copy_subject"]).click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    assert clipboard(page) == preview(w)[0] == ex.replaced("update", {"role": "Analyst"} | {n: "" for n in ("company", "news", "new_role", "your_name", "interviewer_name")})[0]
    expect(w.locator("[data-email-ask]")).to_be_hidden()
    w.get_by_role("button", name=W["copy_email"]).click()
    expect(w.locator("[data-email-ask]")).to_contain_text(fill_words(S["gaps_email"], fields=ex.labels("update", "news")))
    box(w, "role").fill("")
    expect(w.locator("[data-email-ask]")).to_contain_text(fill_words(S["gaps_email"], fields=ex.labels("update", "role", "news")))
    box(w, "role").fill("Analyst")
    box(w, "news").fill("I finished a course.")
    expect(w.locator("[data-email-ask]")).to_be_hidden()


def test_copy_email_asks_only_about_the_bodys_own_gaps(example_context_factory, ex):
    """A required field used only in the subject ("thanks": the role) is no gap for "Copy email",
    which copies the body alone; "Copy subject" still asks about it."""
    W, S = ex.W, ex.S
    t = ex.t("thanks")
    assert "{role}" in t.versions[0].subject and "{role}" not in t.versions[0].body
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page(), ex)
    w = pick(page, "thanks")
    w.get_by_role("button", name=W["copy_email"]).click()
    expect(w.get_by_role("button", name=S["copied"])).to_be_visible()
    expect(w.locator("[data-email-ask]")).to_be_hidden()
    assert clipboard(page) == preview(w)[1]
    more(w).get_by_role("button", name=W["copy_subject"]).click()
    expect(w.locator("[data-email-ask]")).to_contain_text(fill_words(S["gaps_subject"], fields=ex.labels("thanks", "role")))


def test_an_email_opens_with_the_version_that_fits_the_chosen_situation(example_page, ex, example_lang):
    """A situation that names a version of an email (situations.yml `versions`) gets that version first
    on a page that shows the email; with no situation, the main version; the student can still switch."""
    from guidekit.situations import load_situations
    data = load_situations("situations.yml", data_text(example_lang.docs, "situations.yml"))[0]
    s, (tid, (_, number)) = next((s, next(iter(s.versions.items()))) for s in data.situations.values() if s.versions)
    page_md = SINGLE if tid == "ask" else None
    assert page_md, "the example's situation picks a version of 'ask', the email on second/"
    open_emails(example_page, ex, SINGLE)
    w = widget(example_page, tid)
    main_body = preview(w)[1]
    expect(more(w).locator("[data-email-version]").nth(0)).to_be_checked()
    example_page.goto(ex.prefix + s.page[:-3] + "/")  # landing on the situation's page chooses it
    open_emails(example_page, ex, SINGLE)
    w = widget(example_page, tid)
    expect(more(w).locator("[data-email-version]").nth(number - 1)).to_be_checked()
    fitting = preview(w)[1]
    assert fitting != main_body
    first_line = ex.t(tid).versions[number - 1].body.splitlines()[2]  # the line after the greeting
    assert first_line.split("{")[0].strip() in fitting
    more(w).locator("[data-email-version]").nth(0).check()
    assert preview(w)[1] == main_body


@pytest.mark.each_language
def test_a_label_that_already_says_optional_says_it_once(example_page, ex):
    """The example's 'update' has an optional field whose label ends with the optional word itself
    ((optional)): the form doesn't add a second one."""
    word = ex.W["optional"]
    f = next(f for f in ex.t("update").fields if not f.required and word.lower() in f.label.lower())
    w = pick(open_emails(example_page, ex), "update")
    label = w.locator(f'label[for$="-{f.name}"]')
    expect(label).to_be_visible()
    assert label.text_content().lower().count(word.lower()) == 1, label.text_content()
    other = next(g for g in ex.t("update").fields if not g.required and word.lower() not in g.label.lower())
    assert w.locator(f'label[for$="-{other.name}"]').text_content().lower().count(word.lower()) == 1
