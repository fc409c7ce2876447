"""Email snippets in the system Chromium: what a student sees, copies, sends and downloads.

Behaviour tests on the example site (tests/example): its templates (docs/_data/emails.yml there, owned
by these tests) are ask (every shared field, an optional question, a Warmer variant), thanks (no company,
nothing of its own) and update (a required news field of its own), all on emails/, and ask alone on
second/. A center's edits to the guide's own emails can't change what these tests see.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from support import axe_violations, mark_window

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]
HOSTILE = {
    "your_name": "Zoë Ñúñez-O'Brien 😀",
    "interviewer_name": '<img src=x onerror="window.__pwned=1">"Dr" & Co',
    "company": "AT&T #1 100% ? <script>window.__pwned=2</script>",
    "role": "Dev?x=1&y=2#top %0A%20 </textarea>",
}
LONG = ("Ünïcode & <b>bold</b> \"quoted\" #hash %25 ?q= 🙂 " * 60)[:2000]

SHARED = ["your_name", "interviewer_name", "company", "role"]
TEMPLATES = ["ask", "thanks", "update"]  # on the example emails/ page, in order
SINGLE = "second/"                       # an example page with one email: ask


def widget(page, template_id):
    return page.locator(f'[data-email][aria-labelledby="email-{template_id}"]')


def details(page):
    """The "Your details" block: on a page with several emails, the shared fields are typed there."""
    return page.locator("[data-email-details]")


def box(w, name):
    """The box for one of an email's fields: in the email, or (a shared field) in "Your details"."""
    own = w.locator(f'[data-email-field="{name}"]')
    return own if own.count() else details(w.page).locator(f'[data-email-field="{name}"]')


def open_emails(page, path="emails/"):
    page.goto(path)
    expect(page.locator("[data-email][data-bound]").first).to_be_visible()
    return page


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


def test_copy_buttons_put_exactly_the_preview_on_the_clipboard_and_a_variant_switches(example_context_factory):
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page())
    w = widget(page, "ask")
    fill(w, {"your_name": "Sam Rivera", "interviewer_name": "Ms Okafor", "company": "Northwind Health",
             "role": "Junior Data Analyst", "question": "Was there a gap in my SQL answers?"})
    subject, body = preview(w)
    assert subject == "Question about Junior Data Analyst"
    assert body.startswith("Dear Ms Okafor,\n\nThank you for considering me for Junior Data Analyst at Northwind Health.")
    assert body.endswith("\nSam Rivera")
    assert "One question, if I may: Was there a gap in my SQL answers?" in body
    status = w.locator("[data-email-status]")
    for button, expected, said in [("Copy subject", subject, "Copied subject."),
                                   ("Copy body", body, "Copied body."),
                                   ("Copy subject and body", f"Subject: {subject}\n\n{body}", "Copied email.")]:
        w.get_by_role("button", name=button, exact=True).click()
        expect(status).to_have_text(said)
        assert clipboard(page) == expected
        expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(said)
    # the Warmer version: its own body, the template's subject, and the copy and the link follow
    w.get_by_label("Warmer").check()
    warmer = w.locator("[data-email-body]").text_content()
    assert warmer.startswith("Dear Ms Okafor,\n\nIt was a real pleasure to talk about Junior Data Analyst at Northwind Health.")
    assert warmer.endswith("Warm wishes,\nSam Rivera") and preview(w)[0] == subject
    w.get_by_role("button", name="Copy body", exact=True).click()
    expect(status).to_have_text("Copied body.")
    assert clipboard(page) == warmer
    assert mailto_parts(w)["body"].replace("\r\n", "\n") == warmer
    w.get_by_label("Short").check()
    assert preview(w) == (subject, body)


def test_open_in_email_app_link_decodes_to_the_preview(example_page):
    page = open_emails(example_page)
    w = widget(page, "thanks")
    fill(w, {"your_name": "Sam", "interviewer_name": "Ms Okafor", "role": "Analyst"})
    subject, body = preview(w)
    href = w.locator("[data-email-mailto]").get_attribute("href")
    assert "%0D%0A%0D%0A" in href, "newlines are sent as CRLF"
    parts = mailto_parts(w)
    assert parts["subject"] == subject == "Thank you: Analyst"
    assert parts["body"].replace("\r\n", "\n") == body
    expect(w.get_by_role("link", name="Open in my email app")).to_be_visible()


def test_hostile_input_stays_literal_everywhere_and_runs_nothing(example_context_factory):
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page())
    w = widget(page, "update")
    fill(w, {**HOSTILE, "news": LONG, "new_role": "R&D <i>lead</i> ?%#"})
    subject, body = preview(w)
    assert subject == f"An update since my {HOSTILE['role']} interview"
    for value in [*HOSTILE.values(), LONG, "R&D <i>lead</i> ?%#"]:
        assert value in subject + body
    assert page.evaluate("window.__pwned") is None
    assert w.locator(".email__preview img, .email__preview script, .email__preview i, .email__preview b").count() == 0
    # every template on the page shows the shared values as text
    for other in page.locator("[data-email]").all():
        assert HOSTILE["your_name"] in other.locator("[data-email-body]").text_content()
    # clipboard
    w.get_by_role("button", name="Copy subject and body").click()
    expect(w.locator("[data-email-status]")).to_have_text("Copied email.")
    assert clipboard(page) == f"Subject: {subject}\n\n{body}"
    # mailto
    parts = mailto_parts(w)
    assert (parts["subject"], parts["body"].replace("\r\n", "\n")) == (subject, body)
    # the .txt file
    with page.expect_download() as info:
        w.get_by_role("button", name="Download as .txt").click()
    download = info.value
    assert download.suggested_filename == "update.txt"
    with open(download.path(), encoding="utf-8") as fh:
        assert fh.read() == f"Subject: {subject}\n\n{body}"
    expect(w.locator("[data-email-status]")).to_have_text("Downloaded update.txt.")
    assert page.evaluate("window.__pwned") is None


def test_shared_fields_are_typed_once_and_fill_every_template_and_follow_instant_navigation(example_page):
    page = open_emails(example_page)
    expect(page.locator("[data-email]")).to_have_count(len(TEMPLATES))
    expect(details(page)).to_be_visible()
    for name in SHARED:
        expect(page.locator(f'[data-email-field="{name}"]')).to_have_count(1)
        expect(details(page).locator(f'[data-email-field="{name}"]')).to_be_visible()
    expect(page.get_by_label("Remember my details on this device")).to_have_count(1)
    details(page).get_by_label("Your name").fill("Alex Kim")
    details(page).get_by_label("Company").fill("Contoso")
    for w in page.locator("[data-email]").all():
        assert w.locator("[data-email-body]").text_content().endswith("Alex Kim")
        expect(w.locator(".email__gap", has_text="[Your name]")).to_have_count(0)
    for tid in ("ask", "update"):  # the templates that use {company}
        assert "Contoso" in "".join(preview(widget(page, tid)))
    # not written to storage unless the student asks
    stored = page.evaluate("localStorage.getItem(guide.storageKey) || ''")
    assert "Alex Kim" not in stored
    # instant navigation to a page with one embedded snippet keeps the values in memory
    mark_window(page)
    page.locator(f"article a[href$='{SINGLE}']").first.click()
    page.wait_for_url(f"**/{SINGLE}")
    w = widget(page, "ask")
    expect(details(page)).to_have_count(0)
    expect(w.locator('[data-email-field="your_name"]')).to_have_value("Alex Kim")
    assert "Contoso" in w.locator("[data-email-body]").text_content()
    assert page.evaluate("window.__stayed") is True
    # typed in the email itself on a page with one, a shared value still goes everywhere
    w.locator('[data-email-field="role"]').fill("Analyst")
    page.go_back()
    page.wait_for_url("**/emails/")
    expect(details(page).get_by_label("Role", exact=True)).to_have_value("Analyst")
    assert "Analyst" in widget(page, "thanks").locator("[data-email-body]").text_content()
    assert page.evaluate("window.__stayed") is True


def test_each_template_links_back_to_your_details(example_page):
    page = open_emails(example_page)
    links = page.get_by_role("link", name="Edit your details")
    expect(links).to_have_count(len(TEMPLATES))
    for w in page.locator("[data-email]").all():
        expect(w.get_by_role("link", name="Edit your details")).to_have_attribute("href", re.compile(r"/emails/#email-details$"))
    mark_window(page)
    widget(page, TEMPLATES[-1]).get_by_role("link", name="Edit your details").click()
    page.wait_for_url("**/emails/#email-details")
    expect(details(page).get_by_role("heading", name="Your details")).to_be_in_viewport()
    expect(details(page).get_by_label("Your name")).to_be_focused()  # ready to type
    assert page.evaluate("window.__stayed") is True


def test_remember_my_details_saves_only_when_ticked(example_page):
    page = open_emails(example_page)
    d = details(page)
    d.get_by_label("Contact's name").fill("Mr Lee")
    d.get_by_label("Remember my details on this device").check()
    assert "Mr Lee" in page.evaluate("localStorage.getItem(guide.storageKey)")
    page.reload()
    expect(d.get_by_label("Contact's name")).to_have_value("Mr Lee")
    expect(d.get_by_label("Remember my details on this device")).to_be_checked()
    # the page with one email shows the same choice inside it
    page.goto(SINGLE)
    w = widget(page, "ask")
    expect(w.get_by_label("Remember my details on this device")).to_be_checked()
    expect(w.get_by_label("Contact's name")).to_have_value("Mr Lee")
    w.get_by_label("Remember my details on this device").uncheck()
    assert "Mr Lee" not in page.evaluate("localStorage.getItem(guide.storageKey)")
    # "Don't save anything" replaces the checkbox with a notice
    open_emails(page)
    expect(d.get_by_label("Remember my details on this device")).not_to_be_checked()
    page.get_by_label("Don't save anything on this device").check()
    expect(d.locator("[data-email-remember]")).to_be_hidden()
    expect(d.locator("[data-email-nosave]")).to_be_visible()
    expect(d.locator("[data-email-nosave]")).to_contain_text("Nothing is saved on this device")


def test_empty_required_fields_are_marked_and_named(example_page):
    page = open_emails(example_page)
    w = widget(page, "ask")
    gaps = w.locator("mark.email__gap")
    expect(gaps).to_have_count(5)  # {role} is in the subject and the body
    assert set(gaps.all_text_contents()) == {"[Role]", "[Contact's name]", "[Company]", "[Your name]"}
    assert gaps.first.evaluate("el => getComputedStyle(el).outlineStyle") == "dashed", "not colour alone"
    missing = w.locator("[data-email-missing]")
    expect(missing).to_have_text("Still to fill in: Your name, Contact's name, Company, Role.")
    # an empty optional field leaves its line out rather than sending a blank
    assert "One question, if I may" not in w.locator("[data-email-body]").text_content()
    fill(w, {"your_name": "Sam", "interviewer_name": "Ms Okafor", "role": "Analyst"})
    expect(missing).to_have_text("Still to fill in: Company.")
    # a shared field is typed in "Your details": the message links to its box there
    link = missing.get_by_role("link", name="Company")
    expect(link).to_have_attribute("href", re.compile(r"#email-details-company$"))
    link.click()
    company = details(page).get_by_label("Company")
    expect(company).to_be_focused()
    label = details(page).locator('label[for="email-details-company"]')
    header = page.locator(".md-header").bounding_box()
    assert label.bounding_box()["y"] >= header["y"] + header["height"], "the label is not under the header"
    page.keyboard.type("Northwind")
    expect(gaps).to_have_count(0)
    expect(missing).to_be_hidden()
    w.locator('[data-email-field="question"]').fill("Was there a gap?")
    assert "\n\nOne question, if I may: Was there a gap?\n\n" in w.locator("[data-email-body]").text_content()
    # a missing field of the email's own is named, not linked (its box is right there)
    u = widget(page, "update")
    expect(u.locator("[data-email-missing]")).to_have_text("Still to fill in: Your news.")
    expect(u.locator("[data-email-missing] a")).to_have_count(0)
    # on a page with one email, nothing to link to: the boxes are in it
    page.goto(SINGLE)
    w = widget(page, "ask")
    expect(w.locator("[data-email-missing]")).to_have_text("Still to fill in: Your name, Contact's name, Company, Role.")
    expect(w.locator("[data-email-missing] a")).to_have_count(0)


def focused(page):
    return page.evaluate("document.activeElement.textContent.trim() || document.activeElement.id")


def tab_until(page, target, most=20):
    """Press Tab until the focused element's text (or id) is target; what was passed on the way."""
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == target:
            return seen
    pytest.fail(f"Tab never reached {target!r}; passed {seen}")


def test_keyboard_only(example_context_factory):
    page = open_emails(example_context_factory(permissions=CLIPBOARD).new_page())
    w = widget(page, "ask")  # the first email on the page
    tab_until(page, "email-details-your_name", most=80)
    page.keyboard.type("Kai")
    assert w.locator("[data-email-body]").text_content().endswith("Kai")
    # on through "Your details" to the first email: its link back, then its versions (arrow keys)
    seen = tab_until(page, "email-ask-v0")
    assert [s for s in seen if s.startswith("email-details-") or s == "Edit your details"] == [
        "email-details-interviewer_name", "email-details-company", "email-details-role",
        "email-details-remember", "Edit your details"]
    page.keyboard.press("ArrowRight")
    expect(w.get_by_label("Warmer")).to_be_checked()
    assert "Warm wishes,\nKai" in w.locator("[data-email-body]").text_content()
    # Tab order reaches every control; Space and Enter press the buttons
    seen = tab_until(page, "Copy body")
    assert seen[0] == "email-ask-question" and "Copy subject" in seen
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus is visible"
    page.keyboard.press("Enter")
    expect(w.locator("[data-email-status]")).to_have_text("Copied body.")
    assert clipboard(page) == w.locator("[data-email-body]").text_content()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(w.locator("[data-email-status]")).to_have_text("Copied subject.")
    # back to a missing shared field from the "Still to fill in" message, with Enter
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "Role"
    page.keyboard.press("Enter")
    expect(details(page).get_by_label("Role", exact=True)).to_be_focused()
    page.keyboard.type("Analyst")
    assert "Analyst" in w.locator("[data-email-subject]").text_content()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_label("Remember my details on this device")).to_be_checked()


def test_works_after_arriving_by_instant_navigation(example_page):
    page = example_page
    page.goto("")
    mark_window(page)
    page.locator("article a[href$='emails/']").first.click()
    page.wait_for_url("**/emails/")
    w = widget(page, "ask")
    expect(w).to_have_attribute("data-bound", "")  # the script took it over (a box typed in before is reset)
    expect(details(page).locator("[data-email-field='your_name']")).to_be_visible()
    expect(w.get_by_role("link", name="Edit your details")).to_be_visible()
    details(page).locator("[data-email-field='your_name']").fill("Rin")
    assert w.locator("[data-email-body]").text_content().endswith("Rin")
    assert page.evaluate("window.__stayed") is True
    assert page.evaluate("document.querySelectorAll('[data-email]:not([data-bound])').length") == 0
    # on to a guidance page with one embedded snippet: bound, with the same details
    page.locator(f"article a[href$='{SINGLE}']").first.click()
    page.wait_for_url(f"**/{SINGLE}")
    w = widget(page, "ask")
    expect(w.locator("[data-email-field='your_name']")).to_have_value("Rin")
    expect(w.get_by_role("button", name="Copy body")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_filled_fields_gaps_and_messages(example_context_factory, scheme):
    page = open_emails(example_context_factory(color_scheme=scheme, permissions=CLIPBOARD).new_page())
    w = widget(page, "update")
    fill(w, {"your_name": "Sam", "news": "I finished a course."})
    w.get_by_role("button", name="Copy body").click()
    expect(w.locator("[data-email-status]")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_without_javascript_each_email_is_plain_text(example_context_factory):
    page = example_context_factory(java_script_enabled=False).new_page()
    page.goto("emails/")
    expect(details(page)).to_be_hidden()
    expect(page.locator("a:visible", has_text="Edit your details")).to_have_count(0)
    expect(page.locator("[data-email]")).to_have_count(len(TEMPLATES))
    for w in page.locator("[data-email]").all():
        expect(w.locator("[data-email-body]")).to_be_visible()
        assert "[Your name]" in w.locator("[data-email-body]").inner_text()
        expect(w.locator("button:visible, input:visible, textarea:visible, a:visible")).to_have_count(0)


def test_printing_leaves_out_the_boxes_and_buttons_and_keeps_the_emails(example_page):
    page = open_emails(example_page)
    details(page).get_by_label("Your name").fill("Sam")
    page.emulate_media(media="print")
    expect(details(page)).to_be_hidden()
    for w in page.locator("[data-email]").all():
        expect(w.locator(".email__form")).to_be_hidden()
        expect(w.locator(".email__actions")).to_be_hidden()
        expect(w.locator("[data-email-body]")).to_be_visible()
        assert w.locator("[data-email-body]").text_content().endswith("Sam")
