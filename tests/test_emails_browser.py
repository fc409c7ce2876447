"""Email snippets in the system Chromium: what a student sees, copies, sends and downloads."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from support import axe_violations

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]
HOSTILE = {
    "your_name": "Zoë Ñúñez-O'Brien 😀",
    "interviewer_name": '<img src=x onerror="window.__pwned=1">"Dr" & Co',
    "company": "AT&T #1 100% ? <script>window.__pwned=2</script>",
    "role": "Dev?x=1&y=2#top %0A%20 </textarea>",
}
LONG = ("Ünïcode & <b>bold</b> \"quoted\" #hash %25 ?q= 🙂 " * 60)[:2000]


def widget(page, template_id):
    return page.locator(f'[data-email][aria-labelledby="email-{template_id}"]')


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


def fill_shared(w, values):
    for name, value in values.items():
        w.locator(f'[data-email-field="{name}"]').fill(value)


def test_copy_buttons_put_exactly_the_preview_on_the_clipboard(context_factory):
    page = open_emails(context_factory(permissions=CLIPBOARD).new_page())
    w = widget(page, "feedback-request")
    fill_shared(w, {"your_name": "Sam Rivera", "interviewer_name": "Ms Okafor", "company": "Northwind Health",
                    "role": "Junior Data Analyst", "question": "Was there a gap in my SQL answers?"})
    subject, body = preview(w)
    assert subject == "Feedback on my Junior Data Analyst interview"
    assert body.startswith("Dear Ms Okafor,\n\n") and body.endswith("\nSam Rivera")
    assert "Was there a gap in my SQL answers?" in body
    status = w.locator("[data-email-status]")
    for button, expected, said in [("Copy subject", subject, "Copied subject."),
                                   ("Copy body", body, "Copied body."),
                                   ("Copy subject and body", f"Subject: {subject}\n\n{body}", "Copied email.")]:
        w.get_by_role("button", name=button, exact=True).click()
        expect(status).to_have_text(said)
        assert clipboard(page) == expected
        expect(page.locator(".guide-visually-hidden[role=status]")).to_have_text(said)


def test_open_in_email_app_link_decodes_to_the_preview(page):
    open_emails(page)
    w = widget(page, "gracious-reply")
    fill_shared(w, {"your_name": "Sam", "interviewer_name": "Ms Okafor", "company": "Northwind", "role": "Analyst"})
    subject, body = preview(w)
    href = w.locator("[data-email-mailto]").get_attribute("href")
    assert "%0D%0A%0D%0A" in href, "newlines are sent as CRLF"
    parts = mailto_parts(w)
    assert parts["subject"] == subject
    assert parts["body"].replace("\r\n", "\n") == body
    expect(w.get_by_role("link", name="Open in my email app")).to_be_visible()


def test_hostile_input_stays_literal_everywhere_and_runs_nothing(context_factory):
    page = open_emails(context_factory(permissions=CLIPBOARD).new_page())
    w = widget(page, "keep-in-touch")
    fill_shared(w, {**HOSTILE, "news": LONG, "new_role": "R&D <i>lead</i> ?%#"})
    subject, body = preview(w)
    assert subject == f"A quick update since my {HOSTILE['role']} interview"
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
    assert download.suggested_filename == "keep-in-touch.txt"
    with open(download.path(), encoding="utf-8") as fh:
        assert fh.read() == f"Subject: {subject}\n\n{body}"
    expect(w.locator("[data-email-status]")).to_have_text("Downloaded keep-in-touch.txt.")
    assert page.evaluate("window.__pwned") is None


def test_shared_fields_fill_every_template_and_follow_instant_navigation(page):
    open_emails(page)
    assert page.locator("[data-email]").count() == 5
    widget(page, "thank-helper").locator('[data-email-field="your_name"]').fill("Alex Kim")
    widget(page, "gracious-reply").locator('[data-email-field="company"]').fill("Contoso")
    for w in page.locator("[data-email]").all():
        expect(w.locator('[data-email-field="your_name"]')).to_have_value("Alex Kim")
        assert w.locator("[data-email-body]").text_content().endswith("Alex Kim")
        assert "Contoso" in "".join(preview(w))
    # not written to storage unless the student asks
    stored = page.evaluate("localStorage.getItem(guide.storageKey) || ''")
    assert "Alex Kim" not in stored
    # instant navigation to a page with one embedded snippet keeps the values in memory
    page.evaluate("window.__stayed = true")
    page.locator("article a[href$='ask-for-feedback/']").first.click()
    page.wait_for_url("**/ask-for-feedback/")
    w = widget(page, "feedback-request")
    expect(w.locator('[data-email-field="your_name"]')).to_have_value("Alex Kim")
    assert "Contoso" in w.locator("[data-email-body]").text_content()
    assert page.evaluate("window.__stayed") is True


def test_remember_my_details_saves_only_when_ticked(page):
    open_emails(page)
    w = widget(page, "feedback-follow-up")
    w.locator('[data-email-field="interviewer_name"]').fill("Mr Lee")
    w.get_by_label("Remember my details on this device").check()
    assert "Mr Lee" in page.evaluate("localStorage.getItem(guide.storageKey)")
    for box in page.get_by_label("Remember my details on this device").all():
        expect(box).to_be_checked()
    page.reload()
    expect(widget(page, "keep-in-touch").locator('[data-email-field="interviewer_name"]')).to_have_value("Mr Lee")
    widget(page, "keep-in-touch").get_by_label("Remember my details on this device").uncheck()
    assert "Mr Lee" not in page.evaluate("localStorage.getItem(guide.storageKey)")
    # "Don't save anything" replaces the checkbox with a notice
    page.get_by_label("Don't save anything on this device").check()
    expect(w.locator("[data-email-remember]")).to_be_hidden()
    expect(w.locator("[data-email-nosave]")).to_be_visible()
    expect(w.locator("[data-email-nosave]")).to_contain_text("Nothing is saved on this device")


def test_empty_required_fields_are_marked_and_named(page):
    open_emails(page)
    w = widget(page, "gracious-reply")
    gaps = w.locator("mark.email__gap")
    expect(gaps).to_have_count(4)
    assert set(gaps.all_text_contents()) == {"[Role you applied for]", "[Interviewer's name]",
                                             "[Company or organization]", "[Your name]"}
    assert gaps.first.evaluate("el => getComputedStyle(el).outlineStyle") == "dashed", "not colour alone"
    missing = w.locator("[data-email-missing]")
    expect(missing).to_have_text("Still to fill in: Your name, Interviewer's name, Company or organization, "
                                 "Role you applied for.")
    # an empty optional field leaves its line out rather than sending a blank
    assert "enjoyed learning about" not in w.locator("[data-email-body]").text_content()
    fill_shared(w, {"your_name": "Sam", "interviewer_name": "Ms Okafor", "role": "Analyst"})
    expect(missing).to_have_text("Still to fill in: Company or organization.")
    w.locator('[data-email-field="company"]').fill("Northwind")
    expect(gaps).to_have_count(0)
    expect(missing).to_be_hidden()
    w.locator('[data-email-field="highlight"]').fill("the booking app")
    assert "I enjoyed learning about the booking app." in w.locator("[data-email-body]").text_content()


def test_keyboard_only(context_factory):
    page = open_emails(context_factory(permissions=CLIPBOARD).new_page())
    w = widget(page, "gracious-reply")
    first = w.locator('[data-email-field="your_name"]')
    for _ in range(80):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first box of the first email")
    page.keyboard.type("Kai")
    assert w.locator("[data-email-body]").text_content().endswith("Kai")
    # the version radios are reached with Shift+Tab and switched with the arrow keys
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowRight")
    expect(w.get_by_label("Warmer")).to_be_checked()
    assert "With thanks,\nKai" in w.locator("[data-email-body]").text_content()
    # Tab order reaches every control; Space and Enter press the buttons
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.textContent.trim() || document.activeElement.id"))
        if seen[-1] == "Copy body":
            break
    assert "email-gracious-reply-remember" in seen and "Copy subject" in seen
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus is visible"
    page.keyboard.press("Enter")
    expect(w.locator("[data-email-status]")).to_have_text("Copied body.")
    assert clipboard(page) == w.locator("[data-email-body]").text_content()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(w.locator("[data-email-status]")).to_have_text("Copied subject.")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(w.get_by_label("Remember my details on this device")).to_be_checked()


def test_works_after_arriving_by_instant_navigation(page):
    page.goto("")
    page.evaluate("window.__stayed = true")
    page.locator("article a[href$='emails/']").first.click()
    page.wait_for_url("**/emails/")
    w = widget(page, "feedback-request")
    expect(w.locator("[data-email-field='your_name']")).to_be_visible()
    w.locator("[data-email-field='your_name']").fill("Rin")
    assert w.locator("[data-email-body]").text_content().endswith("Rin")
    assert page.evaluate("window.__stayed") is True
    assert page.evaluate("document.querySelectorAll('[data-email]:not([data-bound])').length") == 0
    # on to a guidance page with one embedded snippet: bound, with the same details
    page.locator("article a[href$='reply-graciously/']").first.click()
    page.wait_for_url("**/reply-graciously/")
    w = widget(page, "gracious-reply")
    expect(w.locator("[data-email-field='your_name']")).to_have_value("Rin")
    expect(w.get_by_role("button", name="Copy body")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_filled_fields_gaps_and_messages(context_factory, scheme):
    page = open_emails(context_factory(color_scheme=scheme, permissions=CLIPBOARD).new_page())
    w = widget(page, "keep-in-touch")
    fill_shared(w, {"your_name": "Sam", "news": "I finished a course."})
    w.get_by_role("button", name="Copy body").click()
    expect(w.locator("[data-email-status]")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_without_javascript_each_email_is_plain_text(context_factory):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto("emails/")
    for w in page.locator("[data-email]").all():
        expect(w.locator("[data-email-body]")).to_be_visible()
        assert "[Your name]" in w.locator("[data-email-body]").inner_text()
        expect(w.locator("button:visible, input:visible, textarea:visible, a:visible")).to_have_count(0)
