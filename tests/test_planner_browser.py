"""Dwell-time planner in Chromium: page times equal .ics times across DST, RFC 5545 details,
schedule rules (run through the page's own planner.js), bad input, keyboard, instant navigation, axe."""
from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from support import axe_violations, mark_window

COMPANY = "Smith, Jones; & Co\\ Ltd"
INTERVIEWER = "Zoë Ångström-Nuñez 🙂👩🏽‍💼"
HOSTILE = "<img src=x onerror=alert(1)>"

# (time zone, locale, when the news came, the DST change the plan must cross)
DST_CASES = [
    ("America/New_York", "en-US", "2027-03-12T16:00", "2027-03-14"),
    ("America/New_York", "en-US", "2027-11-05T15:30", "2027-11-07"),
    ("Europe/London", "en-GB", "2027-03-26T16:00", "2027-03-28"),
    ("Europe/London", "en-GB", "2027-10-29T15:30", "2027-10-31"),
]


def clean(ctx):
    assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
    assert not ctx.watch.errors, f"JavaScript errors: {ctx.watch.errors}"


def open_planner(context_factory, now="2027-03-10T15:00:00Z", path="planner/", **kwargs):
    kwargs.setdefault("timezone_id", "America/New_York")
    kwargs.setdefault("locale", "en-US")
    ctx = context_factory(accept_downloads=True, **kwargs)
    pg = ctx.new_page()
    pg.clock.set_fixed_time(datetime.fromisoformat(now.replace("Z", "+00:00")))
    pg.goto(path)
    pg.wait_for_load_state("networkidle")
    return ctx, pg


def shown(dt: datetime, locale: str) -> str:
    """How Chromium's Intl formats a local time in the planner (weekday, day, month, time)."""
    if locale == "en-US":
        return f"{dt:%A}, {dt:%B} {dt.day} at {dt.hour % 12 or 12}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}"
    return f"{dt:%A} {dt.day} {dt:%B} at {dt.hour}:{dt:%M}"


def text_of(locator) -> str:
    return locator.inner_text().replace("\u202f", " ").replace("\xa0", " ")


def download_ics(pg) -> bytes:
    pg.evaluate("""() => { const make = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__icsType = blob.type; return make(blob); }; }""")
    with pg.expect_download() as info:
        pg.get_by_role("button", name="Add to my calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    assert pg.evaluate("window.__icsType").startswith("text/calendar")
    with open(download.path(), "rb") as handle:
        return handle.read()


@pytest.mark.browser
@pytest.mark.parametrize("tz, locale, news, dst_day", DST_CASES)
def test_page_times_equal_ics_times_across_a_dst_change(context_factory, tz, locale, news, dst_day):
    ctx, pg = open_planner(context_factory, now=news[:10] + "T23:00:00Z", timezone_id=tz, locale=locale)
    pg.fill("#planner-news", news)
    pg.get_by_label("The weekend").check()
    pg.fill("#planner-company", COMPANY)
    pg.fill("#planner-interviewer", INTERVIEWER)
    raw = download_ics(pg)
    zone = ZoneInfo(tz)

    # RFC 5545 on the wire: CRLF only, every line at most 75 octets and whole UTF-8 (no split sequence)
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")
    assert any(line.startswith(b" ") for line in lines), "the long lines of this plan should be folded"
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert "Smith\\, Jones\\; & Co\\\\ Ltd" in unfolded  # TEXT escaping, backslash first

    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == 1 + pg.locator(".planner__step").count()
    assert len({str(e["UID"]) for e in events}) == len(events)
    starts = {}
    for event in events:
        assert event.get("DTSTAMP") is not None and event.get("UID")
        assert event.walk("VALARM"), "each event carries a reminder"
        start = event.decoded("DTSTART")
        assert start.utcoffset() == timedelta(0), "times are written in UTC"
        starts[str(event["UID"]).split("-2027")[0]] = start

    # the end of dwelling: Sunday 20:00 local, on the DST day itself
    until = starts["dwell-end"].astimezone(zone)
    assert (until.strftime("%Y-%m-%d"), until.hour, until.minute) == (dst_day, 20, 0)
    assert shown(until, locale) in text_of(pg.locator("[data-planner-until]"))

    offsets = set()
    for li in pg.locator(".planner__step").all():
        step = li.get_attribute("data-step")
        time = li.locator("time")
        on_page = datetime.fromisoformat(time.get_attribute("datetime"))
        assert on_page == starts[step], step
        assert on_page.utcoffset() == starts[step].astimezone(zone).utcoffset(), step
        assert text_of(time) == shown(starts[step].astimezone(zone), locale)
        offsets.add(on_page.utcoffset())
        summary = str(next(e for e in events if str(e["UID"]).startswith(step + "-"))["SUMMARY"])
        title = li.locator("h3").inner_text()
        expected = f"{title} ({COMPANY}, {INTERVIEWER})" if step in ("gracious-reply", "feedback-request", "no-reply-follow-up") else title
        assert summary == expected
    news_offset = datetime.fromisoformat(news).replace(tzinfo=zone).utcoffset()
    assert offsets | {news_offset} != {news_offset} and len(offsets | {news_offset}) == 2, "the plan must cross the DST change"
    clean(ctx)


def run_schedule(pg, news: str, choice) -> dict:
    """Call the page's own scheduler; returns local ISO times keyed by step id (and 'until')."""
    return pg.evaluate("""([news, choice]) => {
        const plan = JSON.parse(document.querySelector("[data-planner]").dataset.planner);
        const [d, t] = news.split("T"), [y, m, day] = d.split("-").map(Number), [h, mi] = t.split(":").map(Number);
        const r = guidePlanner.schedule(new Date(y, m - 1, day, h, mi), choice, plan);
        const local = (x) => x.toLocaleString("sv-SE").slice(0, 16).replace(" ", "T");
        return {until: local(r.until), order: r.steps.map(s => s.id),
                ...Object.fromEntries(r.steps.map(s => [s.id, local(s.date)]))};
    }""", [news, choice])


@pytest.mark.browser
def test_schedule_rules_night_weekend_and_custom_hours(context_factory):
    ctx, pg = open_planner(context_factory)
    # Friday 22:30: "this evening" has passed, so dwelling runs to Saturday 21:00
    r = run_schedule(pg, "2027-03-12T22:30", "evening")
    assert r["until"] == "2027-03-13T21:00"
    assert r["be-kind"] == "2027-03-14T09:00"           # 22:00 is night: the next morning, a Sunday (not weekday-only)
    assert r["gracious-reply"] == "2027-03-15T09:00"    # Saturday 10:00, weekday-only: Monday 09:00
    assert r["feedback-request"] == "2027-03-15T09:00"  # Sunday 10:00 likewise
    assert r["analyse"] == "2027-03-16T17:00"           # three days after dwelling ends, at 17:00
    assert r["order"] == sorted(r["order"], key=lambda s: r[s])
    # a weekday news date needs no shifting
    r = run_schedule(pg, "2027-03-09T11:00", "day")
    assert (r["until"], r["gracious-reply"], r["be-kind"]) == ("2027-03-10T11:00", "2027-03-10T10:00", "2027-03-10T12:00")
    # "the weekend" from Sunday 19:00 ends at 20:00 the same evening
    assert run_schedule(pg, "2027-03-07T19:00", "weekend")["until"] == "2027-03-07T20:00"
    # custom hours are real elapsed hours, also across the spring-forward night
    assert run_schedule(pg, "2027-03-13T12:00", 30)["until"] == "2027-03-14T19:00"
    # a night-time step lands at the morning time the same day when it falls after midnight
    assert run_schedule(pg, "2027-03-09T02:00", 1)["be-kind"] == "2027-03-09T09:00"
    clean(ctx)


@pytest.mark.browser
@pytest.mark.parametrize("tz", ["America/New_York", "Europe/London"])
def test_no_step_ever_lands_at_night_or_an_email_on_a_weekend(context_factory, tz):
    ctx, pg = open_planner(context_factory, timezone_id=tz)
    bad = pg.evaluate("""() => {
        const plan = JSON.parse(document.querySelector("[data-planner]").dataset.planner), bad = [];
        const choices = [...plan.presets.map(p => p.id), plan.custom.min, 5, 17, 49, plan.custom.max];
        for (let t = Date.UTC(2027, 2, 1); t < Date.UTC(2027, 3, 20); t += 37 * 60000 * 60 / 7) {
          for (const c of choices) {
            const r = guidePlanner.schedule(new Date(t), c, plan);
            for (const s of r.steps) {
              const h = s.date.getHours(), day = s.date.getDay();
              if (h >= 21 || h < 8) bad.push(`${s.id} at night: ${s.date} (${c})`);
              if (s.weekdayOnly && (day === 0 || day === 6)) bad.push(`${s.id} on a weekend: ${s.date} (${c})`);
              if (s.date < new Date(t)) bad.push(`${s.id} before the news: ${s.date}`);
            }
          }
        }
        return bad.slice(0, 10);
    }""")
    assert bad == []
    clean(ctx)


@pytest.mark.browser
def test_news_bounds_and_impossible_times(context_factory):
    ctx, pg = open_planner(context_factory, now="2027-03-10T15:00:00Z")
    check = "v => { const p = JSON.parse(document.querySelector('[data-planner]').dataset.planner); return guidePlanner.parseNews(v, p).error || 'ok'; }"
    assert pg.evaluate(check, "2027-03-10T09:00") == "ok"
    assert "more than 60 days ago" in pg.evaluate(check, "2027-01-05T09:00")
    assert pg.evaluate(check, "2027-01-10T09:00") == "ok"
    assert "days from now" in pg.evaluate(check, "2027-03-18T09:00")
    assert "no such date" in pg.evaluate(check, "2027-02-30T09:00")
    assert "no such time" in pg.evaluate(check, "2027-03-09T24:10")  # typed where no date picker exists
    assert "clocks went forward" in pg.evaluate(check, "2027-03-14T02:30")  # skipped hour in New York
    assert "Enter the date" in pg.evaluate(check, "")
    clean(ctx)


def expect_error(pg, field: str, text: str):
    box = pg.locator(f"#planner-{field}")
    error = pg.locator(f"#planner-{field}-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(text)
    expect(box).to_have_attribute("aria-invalid", "true")
    assert f"planner-{field}-error" in box.get_attribute("aria-describedby").split()


@pytest.mark.browser
@pytest.mark.parametrize("field, value, message", [
    ("news", "2026-01-01T10:00", "more than 60 days ago"),
    ("news", "2028-01-01T10:00", "days from now"),
    ("news", "2027-03-14T02:30", "clocks went forward"),
    ("news", "", "Enter the date and time"),
    ("hours", "", "whole number of hours from 1 to 336"),
    ("hours", "0", "from 1 to 336"),
    ("hours", "337", "from 1 to 336"),
    ("hours", "2.5", "whole number"),
])
def test_bad_input_gets_a_message_and_keeps_the_last_good_plan(context_factory, field, value, message):
    ctx, pg = open_planner(context_factory)
    pg.fill("#planner-news", "2027-03-09T11:00")
    pg.get_by_label("A number of hours I choose").check()
    pg.fill("#planner-hours", "30")
    until = pg.locator("[data-planner-until]").inner_text()
    first_time = pg.locator(".planner__step time").first.inner_text()
    pg.fill(f"#planner-{field}", value)
    expect_error(pg, field, message)
    assert pg.locator(f"#planner-{field}").input_value() == value  # nothing typed is lost
    assert pg.locator("[data-planner-until]").inner_text() == until
    assert pg.locator(".planner__step time").first.inner_text() == first_time
    # putting it right clears the message and the plan follows
    pg.fill("#planner-news", "2027-03-09T11:00")
    pg.fill("#planner-hours", "24")
    expect(pg.locator(f"#planner-{field}-error")).to_be_hidden()
    assert pg.locator(f"#planner-{field}").get_attribute("aria-invalid") is None
    expect(pg.locator("[data-planner-until]")).to_contain_text("Wednesday, March 10 at 11:00 AM")
    clean(ctx)


@pytest.mark.browser
def test_keyboard_only_choose_download_and_copy(context_factory):
    ctx, pg = open_planner(context_factory)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])

    def tab_to(selector: str, limit: int = 80):
        for _ in range(limit):
            pg.keyboard.press("Tab")
            if pg.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#planner-news")
    pg.keyboard.type("03092027")  # month, day, year, then hour, minute, AM: typed, not picked
    pg.keyboard.press("ArrowRight")
    pg.keyboard.type("1100A")
    expect(pg.locator("#planner-news")).to_have_value("2027-03-09T11:00")
    expect(pg.locator("[data-planner-until]")).to_contain_text("until Tuesday, March 9 at 9:00 PM")
    tab_to("input[name=dwell]:checked")
    pg.keyboard.press("ArrowDown")  # this evening -> 24 hours
    expect(pg.locator("#planner-dwell-day")).to_be_checked()
    tab_to("#planner-company")
    pg.keyboard.type("Acme")
    tab_to("[data-planner-ics]")
    outline = pg.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    with pg.expect_download() as info:
        pg.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".ics")
    tab_to("[data-planner-copy]")
    pg.keyboard.press("Enter")
    expect(pg.locator("[role=status][aria-live=polite]")).to_have_text("Plan copied.")
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert "(Acme)" in copied and pg.locator("[data-planner-until]").inner_text() in copied
    for title in pg.locator(".planner__step h3").all_inner_texts():
        assert title in copied
    clean(ctx)


@pytest.mark.browser
def test_typed_text_stays_text(context_factory):
    ctx, pg = open_planner(context_factory)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    pg.fill("#planner-company", HOSTILE)
    pg.get_by_role("button", name="Copy the plan as text").click()
    expect(pg.locator("[role=status][aria-live=polite]")).to_have_text("Plan copied.")
    assert f"({HOSTILE})" in pg.evaluate("navigator.clipboard.readText()")
    assert pg.locator("img[src=x]").count() == 0
    clean(ctx)


@pytest.mark.browser
def test_details_are_saved_only_when_the_student_asks(context_factory):
    ctx, pg = open_planner(context_factory)
    pg.fill("#planner-company", "Acme")
    pg.fill("#planner-news", "2027-03-09T11:00")
    stored = lambda: pg.evaluate("localStorage.getItem(guide.storageKey) || ''")  # noqa: E731
    assert "Acme" not in stored() and "2027-03-09T11:00" not in stored()
    pg.get_by_label("Remember my details on this device").check()
    assert "Acme" in stored() and "2027-03-09T11:00" in stored()
    pg.reload()
    expect(pg.locator("#planner-company")).to_have_value("Acme")
    expect(pg.locator("#planner-news")).to_have_value("2027-03-09T11:00")
    pg.get_by_label("Remember my details on this device").uncheck()
    assert "Acme" not in stored() and "2027-03-09" not in stored()
    # "Clear everything" on the same page: the planner keeps working with fresh sections
    pg.on("dialog", lambda dialog: dialog.accept())
    pg.get_by_role("button", name="Clear everything saved on this device").click()
    pg.get_by_label("Remember my details on this device").check()
    pg.fill("#planner-company", "Beta")
    assert "Beta" in stored()
    clean(ctx)


@pytest.mark.browser
def test_planner_works_after_instant_navigation_from_the_compact_entry(context_factory):
    ctx, pg = open_planner(context_factory, path="feel-it/")
    compact = pg.locator("section.planner--compact")
    expect(compact.locator("[data-planner-until]")).to_contain_text("until Wednesday, March 10 at 9:00 PM")
    compact.get_by_label("How long will you let yourself feel it?").select_option("weekend")
    expect(compact.locator("[data-planner-until]")).to_contain_text("until Sunday, March 14 at 8:00 PM")
    mark_window(pg)
    compact.get_by_role("link", name="Plan your next steps with dates").click()
    pg.wait_for_url("**/after-the-no/planner/")
    expect(pg.locator("#planner-dwell-weekend")).to_be_checked()
    expect(pg.locator("[data-planner-until]")).to_contain_text("until Sunday, March 14 at 8:00 PM")
    expect(pg.locator(".planner__step time").first).to_be_visible()
    assert pg.evaluate("window.__stayed === true"), "the click reloaded the page instead of swapping it"
    # away and back again: still one working planner, bound once
    pg.go_back()
    pg.wait_for_url("**/after-the-no/feel-it/")
    pg.go_forward()
    pg.wait_for_url("**/after-the-no/planner/")
    pg.get_by_label("24 hours").check()
    expect(pg.locator("[data-planner-until]")).to_contain_text("until Thursday, March 11 at 10:00 AM")
    assert pg.evaluate("document.querySelectorAll('[data-planner][data-bound]').length") == 1
    clean(ctx)


@pytest.mark.browser
def test_printed_plan_fits_one_page_and_holds_only_the_plan(context_factory):
    from pypdf import PdfReader
    ctx, pg = open_planner(context_factory)
    pg.fill("#planner-company", COMPANY)
    pg.get_by_label("The weekend").check()
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(pg.pdf(format=paper)))
        assert len(pdf.pages) == 1, paper
        text = pdf.pages[0].extract_text()
        assert "Your plan" in text and "dwell until" in text
        assert "Make your plan" not in text and "Using the plan" not in text and "Saved on this device" not in text
    clean(ctx)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_a_plan_and_an_error_showing(context_factory, scheme):
    ctx, pg = open_planner(context_factory, color_scheme=scheme)
    pg.get_by_label("A number of hours I choose").check()
    pg.fill("#planner-hours", "999")
    expect(pg.locator("#planner-hours-error")).to_be_visible()
    violations = axe_violations(pg)
    assert not violations, "\n".join(violations)
    clean(ctx)


@pytest.mark.browser
def test_without_javascript_the_steps_show_with_their_timing_in_words(context_factory):
    pg = context_factory(java_script_enabled=False).new_page()
    pg.goto("planner/")
    expect(pg.locator(".planner__step").first).to_be_visible()
    expect(pg.locator(".planner__relative").first).to_have_text("The morning after the news")
    expect(pg.locator("form.planner__form")).to_be_hidden()
    expect(pg.locator(".planner__actions")).to_be_hidden()
    data = json.loads(pg.locator("[data-planner]").get_attribute("data-planner"))
    assert pg.locator(".planner__step").count() == len(data["steps"])
