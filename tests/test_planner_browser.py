"""Dwell-time planner in Chromium, on the tests' example site (tests/example): page times equal
.ics times across DST in the student's time zone, RFC 5545 details, bad input next to its field and
no stale plan, the chosen situation's plan, labels true to their dates, controls and notes only when
they apply, phone-sized actions, keyboard, copy, print, remembered details, the compact planner
(a plain form that opens the planner with the choice made), instant navigation, no JavaScript, axe.
Every expectation comes from the example plan (tests/example/docs/_data/planner.yml), which the tests
own; the scheduling rules themselves are unit-tested in tests/js/planner.test.mjs.

Each test runs in English and in Spanish (`example_lang`, fixture `P`): the Spanish pages (es/) with
their own plan and emails (docs/es/_data/) and words (overrides/text/es.yml), in a Spanish browser
(es-ES), except London's DST cases, read in an English browser: the page's language still writes the
dates (Intl), which these tests spell out themselves (weekday and month names) to check it.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from guidekit.markers import find_markers
from guidekit.emails import parse_emails
from guidekit.planner import load_plan
from guidekit.text import fill
from support import EXAMPLE, data_text, axe_violations, mark_window, site_pages, squash, words

STEPS = ".planner__step:not([hidden])"                             # the steps of the plan on show
WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre"]


def planner_path(docs, variant: str) -> str:
    """Site path of the example page holding `<!-- planner -->` ('') or `<!-- planner: compact -->`."""
    [md] = [p for p in site_pages(docs) if any(m.id == variant for m in find_markers(p.read_text(encoding="utf-8"), "planner"))]
    stem = md.relative_to(docs).with_suffix("")
    return "".join(part + "/" for part in (stem.parts[:-1] if stem.name == "index" else stem.parts))


class Planner:
    """The example planner in one language, as these tests read it: its own plan and emails (the
    example's docs/_data/ or docs/<lang>/_data/), the words it says (overrides/text/<lang>.yml), its
    pages (under <lang>/ for a translation) and the browser locale a student of that language has."""

    def __init__(self, site):
        self.lang, self.docs, self.url = site.lang, site.docs, site.root.url if hasattr(site, "root") else site.url
        self.prefix = "" if site.lang == "en" else f"{site.lang}/"
        self.plan, errors = load_plan("docs/_data/planner.yml", data_text(site.docs, "planner.yml"))
        assert not errors, errors
        self.presets = {p.id: p for p in self.plan.presets}
        self.default = self.presets[self.plan.default]
        self.weekly = next(p for p in self.plan.presets if p.weekday is not None)  # "until Sunday 20:00" and the like
        self.hourly = next(p for p in self.plan.presets if p.hours is not None)    # a fixed number of hours
        self.custom = self.plan.custom
        self.email_steps = {s.id for s in self.plan.steps if s.email}
        library, errors = parse_emails(data_text(site.docs, "emails.yml"), "docs/_data/emails.yml")
        assert not errors, errors
        self.recipients = {tid: t.to for tid, t in library.templates.items()}
        self.general = self.plan.general                                      # the plan shown when no situation is chosen
        self.words = words("planner", site.lang)                             # what the page and its script say
        self.says = self.words["script"]
        self.device = words("device", site.lang)
        self.full = self.prefix + planner_path(site.docs, "")
        self.compact = self.prefix + planner_path(site.docs, "compact")
        self.heading = next(line[2:].strip() for line in (site.docs / planner_path(site.docs, "") / "index.md")
                            .read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        self.locale = {"en": "en-US", "es": "es-ES"}[site.lang]               # the browser's language
        bounds = fill(self.says["hours_range"], min=self.custom["min_hours"], max=self.custom["max_hours"])
        self.bad_input = {
            "news": [
                (_days_from_now(-self.plan.news["max_days_ago"] - 1), self.counted("news_too_old", days=self.plan.news["max_days_ago"])),
                (_days_from_now(self.plan.news["max_days_ahead"] + 1), self.counted("news_too_far", days=self.plan.news["max_days_ahead"])),
                ("2027-03-14T02:30", self.says["news_skipped_hour"]),  # the hour New York skips
                ("", self.says["news_format"]),
            ],
            "hours": [("", bounds), (str(self.custom["min_hours"] - 1), bounds), (str(self.custom["max_hours"] + 1), bounds),
                      ("2.5", bounds)],
        }
        self.actions = [self.words["add_to_calendar"], self.words["copy_plan"], self.words["print_plan"]]

    def counted(self, key: str, **values) -> str:
        """Words with a number in them, in the number's CLDR plural form (Babel's reading, apart from the browser's Intl)."""
        from babel.core import Locale
        [n] = values.values()
        form = Locale.parse(self.lang).plural_form(n)
        return fill(self.says.get(f"{key}_{form}", self.says[f"{key}_other"]), **values)

    def zone_name(self, tz: str) -> str:
        """The time zone's generic name in the page's language, as CLDR has it (Babel: "Eastern Time")."""
        from babel.dates import get_timezone_name
        return get_timezone_name(tz, "long", zone_variant="generic", locale=self.lang)

    def label(self, when: datetime, now: datetime) -> str:
        """What a step's words should say for `when`, read at `now`: this test's own reading of the words
        (today or tomorrow and the part of the day; the weekday within the week; else in how many days)."""
        ahead = (when.date() - now.date()).days
        part = ("early" if when.hour < 5 else "morning" if when.hour < 12 else "afternoon" if when.hour < 18
                else "evening" if when.hour < 21 else "night")
        if ahead in (0, 1):
            return self.says[f"{('today', 'tomorrow')[ahead]}_{part}"]
        if 1 < ahead < 7:
            return fill(self.says[f"weekday_{part}"], day=self.weekday(when))
        return f"In {ahead} days" if self.lang == "en" else f"Dentro de {ahead} días"

    def shown(self, dt: datetime, locale: str | None = None) -> str:
        """How a local time reads in the planner (weekday, day, month, time): in the page's language, in the
        browser's regional form of it (en-US: 12-hour) or, when the browser speaks another, the page's own."""
        locale = locale or self.locale
        if locale.split("-")[0] != self.lang:
            locale = self.lang
        if locale == "en-US":
            return f"{dt:%A}, {dt:%B} {dt.day} at {dt.hour % 12 or 12}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}"
        if locale in ("en-GB", "en"):
            return f"{dt:%A} {dt.day} {dt:%B} at {dt.hour}:{dt:%M}"
        assert locale in ("es", "es-ES"), locale
        return f"{WEEKDAYS_ES[dt.weekday()]}, {dt.day} de {MONTHS_ES[dt.month - 1]}, {dt.hour}:{dt:%M}"

    def weekday(self, dt: datetime) -> str:
        return f"{dt:%A}" if self.lang == "en" else WEEKDAYS_ES[dt.weekday()]

    def until_text(self, dt: datetime, locale: str | None = None) -> str:
        """The 'dwell until' sentence for a local time."""
        return fill(self.says["until"], date=self.shown(dt, locale))


@pytest.fixture(scope="session")
def P(example_lang):
    """The example planner in English, then in Spanish (made once per language)."""
    return Planner(example_lang)


COMPANY = "Smith, Jones; & Co\\ Ltd"
INTERVIEWER = "Zoë Ångström-Nuñez 🙂👩🏽‍💼"
HOSTILE = "<img src=x onerror=alert(1)>"
NOW = "2027-03-10T15:00:00Z"  # a Wednesday: 10:00 in New York
FRIDAY = "2027-03-12T15:00:00Z"  # 10:00 in New York: "the weekend" is offered for news on a Friday
NEW_YORK = ZoneInfo("America/New_York")

# (time zone, locale, when the news came, the DST change the plan must cross)
DST_CASES = [
    ("America/New_York", "en-US", "2027-03-12T16:00", "2027-03-14"),
    ("America/New_York", "en-US", "2027-11-05T15:30", "2027-11-07"),
    ("Europe/London", "en-GB", "2027-03-26T16:00", "2027-03-28"),
    ("Europe/London", "en-GB", "2027-10-29T15:30", "2027-10-31"),
]


def later(when: datetime, hours: int) -> datetime:
    """`hours` real (elapsed) hours after `when`, in its time zone."""
    return (when.astimezone(timezone.utc) + timedelta(hours=hours)).astimezone(when.tzinfo)


def dwell_end(news: datetime, preset) -> datetime:
    """When dwelling ends for a preset, in news's time zone: the test's own reading of the example plan."""
    if preset.hours is not None:
        return later(news, preset.hours)
    hour, minute = map(int, preset.until.split(":"))
    for i in range(9):
        day = news.date() + timedelta(days=i)
        end = datetime(day.year, day.month, day.day, hour, minute, tzinfo=news.tzinfo)
        if end > news and (preset.weekday is None or day.isoweekday() % 7 == preset.weekday):
            return end
    raise AssertionError(preset)


def local(text: str, zone=NEW_YORK) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(zone) if text.endswith("Z") else \
        datetime.fromisoformat(text).replace(tzinfo=zone)


def clean(ctx):
    assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
    assert not ctx.watch.errors, f"JavaScript errors: {ctx.watch.errors}"


def open_planner(context_factory, P, now=NOW, path=None, **kwargs):
    path = P.full if path is None else path
    kwargs.setdefault("timezone_id", "America/New_York")
    kwargs.setdefault("locale", P.locale)
    ctx = context_factory(accept_downloads=True, **kwargs)
    pg = ctx.new_page()
    pg.clock.set_fixed_time(datetime.fromisoformat(now.replace("Z", "+00:00")))
    pg.goto(path)
    pg.wait_for_load_state("networkidle")
    return ctx, pg


def text_of(locator) -> str:
    return locator.inner_text().replace("\u202f", " ").replace("\xa0", " ")


def download_ics(pg, P) -> bytes:
    pg.evaluate("""() => { const make = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__icsType = blob.type; return make(blob); }; }""")
    with pg.expect_download() as info:
        pg.get_by_role("button", name=P.words["add_to_calendar"]).click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    assert pg.evaluate("window.__icsType").startswith("text/calendar")
    with open(download.path(), "rb") as handle:
        return handle.read()


@pytest.mark.each_language
@pytest.mark.browser
@pytest.mark.parametrize("tz, locale, news, dst_day", DST_CASES)
def test_page_times_equal_ics_times_across_a_dst_change(example_context_factory, P, tz, locale, news, dst_day):
    if P.lang != "en":  # a student of the page's language in New York; in London, an English browser (dates in Spanish still)
        locale = {"en-US": P.locale}.get(locale, locale)
    ctx, pg = open_planner(example_context_factory, P, now=news[:10] + "T23:00:00Z", timezone_id=tz, locale=locale)
    pg.fill("#planner-news", news)
    pg.get_by_label(P.weekly.label, exact=True).check()
    pg.fill("#planner-company", COMPANY)
    pg.fill("#planner-interviewer", INTERVIEWER)
    raw = download_ics(pg, P)
    zone = ZoneInfo(tz)
    zone_line = text_of(pg.locator("[data-planner-zone]"))
    assert tz not in zone_line, "the time zone in words the student knows, not its id"
    if tz == "America/New_York":  # CLDR's name; London's differs between CLDR versions ("British Time", "United Kingdom Time")
        assert P.zone_name(tz) in zone_line, zone_line

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
    assert len(events) == 1 + len(P.general) == 1 + pg.locator(STEPS).count()
    assert len({str(e["UID"]) for e in events}) == len(events)
    starts = {}
    for event in events:
        assert event.get("DTSTAMP") is not None and event.get("UID")
        assert event.walk("VALARM"), "each event carries a reminder"
        start = event.decoded("DTSTART")
        assert start.utcoffset() == timedelta(0), "times are written in UTC"
        starts[str(event["UID"]).split("-2027")[0]] = start
    assert set(starts) == {"dwell-end"} | {s.id for s in P.general}
    assert str(next(e for e in events if str(e["UID"]).startswith("dwell-end-"))["SUMMARY"]) == P.plan.end["title"]
    titles = {s.id: s.title for s in P.plan.steps}  # the summaries in the page's language, from its own plan
    whys = {s.id: s.why for s in P.plan.steps}

    # the end of dwelling: the weekly preset's time, on the DST day itself
    until = starts["dwell-end"].astimezone(zone)
    assert until == dwell_end(local(news, zone), P.weekly) and until.strftime("%Y-%m-%d") == dst_day
    assert text_of(pg.locator("[data-planner-until]")) == P.until_text(until, locale)

    offsets = set()
    for li in pg.locator(STEPS).all():
        step = li.get_attribute("data-step")
        time = li.locator("time")
        on_page = datetime.fromisoformat(time.get_attribute("datetime"))
        assert on_page == starts[step], step
        assert on_page.utcoffset() == starts[step].astimezone(zone).utcoffset(), step
        assert text_of(time) == P.shown(starts[step].astimezone(zone), locale)
        offsets.add(on_page.utcoffset())
        event = next(e for e in events if str(e["UID"]).startswith(step + "-"))
        summary = str(event["SUMMARY"])
        title = li.locator("h3").inner_text()
        assert title == titles[step]
        assert summary == (f"{title} ({COMPANY}, {INTERVIEWER})" if step in P.email_steps else title)
        # its description: the step's why from this language's plan, and a link to this language's page
        assert str(event["DESCRIPTION"]).startswith(whys[step]), step
        assert str(event["URL"]).startswith(P.url + P.prefix) and str(event["URL"]) in str(event["DESCRIPTION"]), step
    news_offset = local(news, zone).utcoffset()
    assert offsets | {news_offset} != {news_offset} and len(offsets | {news_offset}) == 2, "the plan must cross the DST change"
    clean(ctx)


def expect_error(pg, field: str, text: str):
    box = pg.locator(f"#planner-{field}")
    error = pg.locator(f"#planner-{field}-error")
    expect(error).to_be_visible()
    expect(error).to_have_text(text)
    expect(box).to_have_attribute("aria-invalid", "true")
    assert f"planner-{field}-error" in box.get_attribute("aria-describedby").split()


def _days_from_now(days: int) -> str:
    return (local(NOW) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def expect_no_plan(pg, P):
    """While an input is wrong: the plan says so, shows no dates, and its actions wait."""
    expect(pg.locator("[data-planner-invalid]")).to_be_visible()
    expect(pg.locator(f"{STEPS} time")).to_have_count(0)
    expect(pg.locator("[data-planner-until]")).to_be_hidden()
    expect(pg.locator(f"{STEPS} .planner__relative")).to_have_text([s.when for s in P.general])
    for name in P.actions:
        expect(pg.get_by_role("button", name=name)).to_be_disabled()


@pytest.mark.browser
@pytest.mark.parametrize("field", ["news", "hours"])
def test_bad_input_gets_a_message_next_to_the_field_and_no_stale_plan(example_context_factory, P, field):
    """Each bad value in turn, on one page: the message by the field, the typed value kept, and no
    plan with old dates (its calendar, copy and print wait); putting it right clears the message and
    brings the plan back. Hours bounds are the example plan's own."""
    ctx, pg = open_planner(example_context_factory, P)
    news = "2027-03-10T09:00"  # an hour before the page's clock: both numbers of hours end later than now
    good, fixed = P.custom["default_hours"], P.custom["min_hours"] + 1
    assert good != fixed
    for value, message in P.bad_input[field]:
        pg.fill("#planner-news", news)
        pg.get_by_label(P.custom["label"], exact=True).check()
        pg.fill("#planner-hours", str(good))
        expect(pg.locator("[data-planner-until]")).to_have_text(P.until_text(later(local(news), good)))
        expect(pg.locator("[data-planner-invalid]")).to_be_hidden()
        pg.fill(f"#planner-{field}", value)
        expect_error(pg, field, message)
        assert pg.locator(f"#planner-{field}").input_value() == value  # nothing typed is lost
        expect_no_plan(pg, P)
        pg.fill("#planner-news", news)
        pg.fill("#planner-hours", str(fixed))
        expect(pg.locator(f"#planner-{field}-error")).to_be_hidden()
        assert pg.locator(f"#planner-{field}").get_attribute("aria-invalid") is None
        expect(pg.locator("[data-planner-until]")).to_have_text(P.until_text(later(local(news), fixed)))
        expect(pg.locator(f"{STEPS} time")).to_have_count(len(P.general))
        for name in P.actions:
            expect(pg.get_by_role("button", name=name)).to_be_enabled()
    clean(ctx)


def step_times(pg) -> dict[str, datetime]:
    """The steps on show, by id, at their dates on the page (in date order)."""
    return {li.get_attribute("data-step"): datetime.fromisoformat(li.locator("time").get_attribute("datetime")).astimezone(NEW_YORK)
            for li in pg.locator(STEPS).all()}


def working_day_after(when: datetime) -> datetime:
    """The same time of day on the next Monday-to-Friday after `when`'s day: the test's own reading."""
    day = when.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, when.hour, when.minute, tzinfo=when.tzinfo)


@pytest.mark.browser
def test_the_plan_follows_the_chosen_situation(example_context_factory, P):
    """guide.situationInfo() (the situations tool's) names a plan: the planner shows those steps of the
    pool, dated by the same rules and kept apart; no situation (or none the planner knows): the general plan."""
    ctx, pg = open_planner(example_context_factory, P)
    pool_only = [s for s in P.plan.steps if not s.general]
    chosen = [pool_only[-1].id, *[s.id for s in P.general[:2]], *[s.id for s in pool_only[:-1]]]
    pg.fill("#planner-news", "2027-03-11T15:00")  # a Thursday
    assert list(step_times(pg)) != chosen
    pg.evaluate("""ids => { guide.situationInfo = () => ({ title: "Example", plan: ids }); guide.set("test", {}); }""", chosen)
    expect(pg.locator(STEPS)).to_have_count(len(chosen))
    times = step_times(pg)
    assert set(times) == set(chosen) and list(times.values()) == sorted(times.values())
    assert len(set(times.values())) == len(times), "never two steps at one minute"
    by_id = {s.id: s for s in P.plan.steps}
    to = {s.id: P.recipients[s.email] for s in P.plan.steps if s.email}
    same = [(a, b) for a in chosen for b in chosen if a in to and b in to and a != b and to[a] == to[b] and times[a] < times[b]]
    assert same, "the example situation should write to the same person twice"
    for a, b in same:
        assert times[b] >= working_day_after(times[a]), (a, b)
    for step in chosen:
        for before in by_id[step].after:
            if before in times:
                assert times[before] < times[step], (before, step)
    raw = download_ics(pg, P)
    uids = {str(e["UID"]).split("-2027")[0] for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    assert uids == {"dwell-end", *chosen}
    # a plan naming no step the planner knows, or no situation: the general plan
    pg.evaluate("""() => { guide.situationInfo = () => ({ plan: ["no-such-step"] }); guide.set("test", {}); }""")
    expect(pg.locator(STEPS)).to_have_count(len(P.general))
    pg.evaluate("""() => { guide.situationInfo = () => null; guide.set("test", {}); }""")
    assert list(step_times(pg)) == sorted(step_times(pg), key=step_times(pg).get)
    assert set(step_times(pg)) == {s.id for s in P.general}
    clean(ctx)


@pytest.mark.each_language
@pytest.mark.browser
def test_labels_name_the_real_day_for_news_early_on_a_friday(example_context_factory, P):
    """News on a Friday at 05:50, read ten minutes later: each step's words name its own day and part of
    the day (the test's reading: today, tomorrow, or the weekday within a week)."""
    ctx, pg = open_planner(example_context_factory, P, now="2027-03-12T11:00:00Z")  # 06:00 in New York
    pg.fill("#planner-news", "2027-03-12T05:50")
    expect(pg.locator(f"{STEPS} time")).to_have_count(len(P.general))
    now = local("2027-03-12T06:00")
    for li in pg.locator(STEPS).all():
        when = datetime.fromisoformat(li.locator("time").get_attribute("datetime")).astimezone(NEW_YORK)
        label = li.locator(".planner__relative").inner_text()
        ahead = (when.date() - now.date()).days
        assert 0 <= ahead < 7 and label == P.label(when, now), (li.get_attribute("data-step"), when, label)
    clean(ctx)


# The issues' moments, local times: news yesterday at 6 pm planned at 11:45 pm; news at 5:50 am planned at
# 2 pm on a Friday; news on Saturday night planned on Monday morning (across New York's spring change).
MOMENTS = [("2027-03-11T18:00", "2027-03-12T23:45"), ("2027-03-12T05:50", "2027-03-12T14:00"),
           ("2027-03-13T22:30", "2027-03-15T08:20")]


def offered(preset, news: datetime) -> bool:
    """The test's reading of when a preset is offered: on its news_on days, and one that ends at a time of
    day only while that time is to come on the news's day (a weekday's: in the news's week)."""
    if preset.news_on is not None and news.isoweekday() % 7 not in preset.news_on:
        return False
    return preset.until is None or (dwell_end(news, preset).date() - news.date()).days < (1 if preset.weekday is None else 7)


@pytest.mark.each_language
@pytest.mark.browser
@pytest.mark.parametrize("tz", ["America/New_York", "Europe/London"])
@pytest.mark.parametrize("news_at, now_at", MOMENTS)
def test_a_plan_made_later_starts_now_with_words_true_now(example_context_factory, P, tz, news_at, now_at):
    """The student plans after the news: no step on the page and no event in the .ics (parsed by
    icalendar) before that moment; each step's words true for that moment; the choice it starts with
    fits the time since the news; a time before the first step that has passed is said plainly and is
    no calendar event."""
    zone = ZoneInfo(tz)
    news, now = local(news_at, zone), local(now_at, zone)
    ctx, pg = open_planner(example_context_factory, P, now=now.astimezone(timezone.utc).isoformat(), timezone_id=tz)
    pg.fill("#planner-news", news_at)
    expect(pg.locator(f"{STEPS} time")).to_have_count(len(P.general))
    # the choice it starts with: the plan's default, else the first offered preset still to come and not long
    long = timedelta(hours=P.plan.long["hours"])
    fits = [p for p in P.plan.presets if offered(p, news) and dwell_end(news, p) >= now and dwell_end(news, p) - news <= long]
    fits.sort(key=lambda p: p.id != P.plan.default)
    chosen = fits[0] if fits else next((p for p in sorted(P.plan.presets, key=lambda p: p.id != P.plan.default) if offered(p, news)))
    # when none fits, none is ticked: the plan's default (or the first offered), whose time has passed
    expect(pg.locator("input[name=dwell]:checked")).to_have_count(1 if fits else 0)
    if fits:
        expect(pg.locator(f"#planner-dwell-{chosen.id}")).to_be_checked()
    for preset in P.plan.presets:
        expect(pg.locator(f"#planner-dwell-{preset.id}")).to_be_visible() if offered(preset, news) else \
            expect(pg.locator(f"#planner-dwell-{preset.id}")).to_be_hidden()
    passed = dwell_end(news, chosen) < now
    line = text_of(pg.locator("[data-planner-until]"))
    assert line == (P.says["passed"] if passed else P.until_text(dwell_end(news, chosen))), line
    for li in pg.locator(STEPS).all():
        when = datetime.fromisoformat(li.locator("time").get_attribute("datetime")).astimezone(zone)
        assert when >= now, (li.get_attribute("data-step"), when)
        assert li.locator(".planner__relative").inner_text() == P.label(when, now), (li.get_attribute("data-step"), when)
    events = icalendar.Calendar.from_ical(download_ics(pg, P)).walk("VEVENT")
    starts = {str(e["UID"]).split("-2027")[0]: e.decoded("DTSTART") for e in events}
    assert all(start >= now for start in starts.values()), starts
    assert ("dwell-end" in starts) == (not passed)
    assert set(starts) - {"dwell-end"} == {s.id for s in P.general}
    # the copied plan says the same
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    pg.get_by_role("button", name=P.words["copy_plan"]).click()
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert line in copied and tz not in copied.splitlines()[0]
    # the page left open for 40 minutes: the file made then holds nothing before then
    later = now + timedelta(minutes=40)
    pg.clock.set_fixed_time(later.astimezone(timezone.utc))
    events = icalendar.Calendar.from_ical(download_ics(pg, P)).walk("VEVENT")
    assert all(e.decoded("DTSTART") >= later for e in events), [e.decoded("DTSTART") for e in events]
    clean(ctx)


@pytest.mark.browser
def test_controls_that_dont_apply_stay_hidden_and_the_notes_come_when_they_apply(example_context_factory, P):
    """The hours box only with the hours choice; the long-dwell note (with the center's support link) only
    when dwelling runs past the plan's long_hours; after the calendar download, how to add the file."""
    ctx, pg = open_planner(example_context_factory, P)
    # news on a Wednesday: a preset offered only on other days (the weekend) is not offered
    pg.fill("#planner-news", "2027-03-10T09:00")
    for preset in P.plan.presets:
        offered = preset.news_on is None
        expect(pg.get_by_label(preset.label, exact=True)).to_be_visible() if offered else \
            expect(pg.get_by_label(preset.label, exact=True)).to_be_hidden()
    pg.fill("#planner-news", "2027-03-12T09:00")  # a Friday: the weekly preset is offered, and runs past long_hours
    hours = pg.locator("#planner-hours")
    for preset in P.plan.presets:
        pg.get_by_label(preset.label, exact=True).check()
        expect(hours).to_be_hidden()
        long = dwell_end(local("2027-03-12T09:00"), preset) - local("2027-03-12T09:00") > timedelta(hours=P.plan.long["hours"])
        expect(pg.locator("[data-planner-long]")).to_be_visible() if long else expect(pg.locator("[data-planner-long]")).to_be_hidden()
    pg.get_by_label(P.custom["label"], exact=True).check()
    expect(hours).to_be_visible()
    pg.fill("#planner-hours", str(P.plan.long["hours"]))
    expect(pg.locator("[data-planner-long]")).to_be_hidden()
    pg.fill("#planner-hours", str(P.plan.long["hours"] + 1))
    note = pg.locator("[data-planner-long]")
    expect(note).to_be_visible()
    expect(note).to_contain_text(P.plan.long["note"])
    from support import center_settings
    expect(note.get_by_role("link")).to_have_attribute("href", center_settings(EXAMPLE)["support_url"])
    help_line = pg.locator("[data-planner-ics-help]")
    expect(help_line).to_be_hidden()
    download_ics(pg, P)
    expect(help_line).to_be_visible()
    expect(help_line).to_have_text(f"{P.words['ics_help_lead']} {P.words['ics_help']}")
    clean(ctx)


@pytest.mark.browser
def test_on_a_phone_the_actions_are_full_width_large_and_apart(example_context_factory, P):
    ctx, pg = open_planner(example_context_factory, P, viewport={"width": 390, "height": 844})
    boxes = [pg.get_by_role("button", name=name).bounding_box() for name in P.actions]
    column = pg.locator(".planner__plan").bounding_box()
    for box in boxes:
        assert box["height"] >= 44 and box["width"] >= 44
        assert abs(box["width"] - column["width"]) < 1, "full width on a phone"
    for upper, lower in zip(boxes, boxes[1:]):
        assert lower["y"] - (upper["y"] + upper["height"]) >= 8, "a gap between buttons"
    pg.goto(P.compact)
    for control in ("select", "button[type=submit]"):
        assert pg.locator(f"form.planner--compact {control}").bounding_box()["height"] >= 44, control
    clean(ctx)


@pytest.mark.browser
def test_keyboard_only_choose_download_and_copy_with_typed_text_kept_as_text(example_context_factory, P):
    ctx, pg = open_planner(example_context_factory, P)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])

    def tab_to(selector: str, limit: int = 80):
        for _ in range(limit):
            pg.keyboard.press("Tab")
            if pg.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#planner-news")
    # typed, not picked: month, day, year, then hour, minute, AM. The box's order is Chromium's own (its
    # interface language, English here), not the page's: the Spanish page's box takes the same keys.
    pg.keyboard.type("03102027")
    pg.keyboard.press("ArrowRight")
    pg.keyboard.type("0900A")
    expect(pg.locator("#planner-news")).to_have_value("2027-03-10T09:00")
    news = local("2027-03-10T09:00")
    expect(pg.locator("[data-planner-until]")).to_have_text(P.until_text(dwell_end(news, P.default)))
    tab_to("input[name=dwell]:checked")
    choices = [p.id for p in P.plan.presets] + ["custom"]
    following = choices[choices.index(P.default.id) + 1]
    pg.keyboard.press("ArrowDown")  # the default -> the choice below it
    expect(pg.locator(f"#planner-dwell-{following}")).to_be_checked()
    if following in P.presets:
        expect(pg.locator("[data-planner-until]")).to_have_text(P.until_text(dwell_end(news, P.presets[following])))
    tab_to("#planner-company")
    pg.keyboard.type(HOSTILE)
    tab_to("[data-planner-ics]")
    outline = pg.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    with pg.expect_download() as info:
        pg.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".ics")
    tab_to("[data-planner-copy]")
    pg.keyboard.press("Enter")
    expect(pg.locator("[role=status][aria-live=polite]")).to_have_text(P.says["copied"])
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert pg.locator("[data-planner-until]").inner_text() in copied
    for step in P.general:
        assert (f"{step.title} ({HOSTILE})" if step.email else step.title) in copied
    assert pg.locator("img[src=x]").count() == 0, "typed text must stay text"
    clean(ctx)


@pytest.mark.browser
def test_details_are_saved_only_when_the_student_asks(example_context_factory, P):
    ctx, pg = open_planner(example_context_factory, P)
    pg.fill("#planner-company", "Acme")
    pg.fill("#planner-news", "2027-03-09T11:00")
    stored = lambda: pg.evaluate("localStorage.getItem(guide.storageKey) || ''")  # noqa: E731
    assert "Acme" not in stored() and "2027-03-09T11:00" not in stored()
    pg.get_by_label(P.words["remember_label"]).check()
    assert "Acme" in stored() and "2027-03-09T11:00" in stored()
    pg.reload()
    expect(pg.locator("#planner-company")).to_have_value("Acme")
    expect(pg.locator("#planner-news")).to_have_value("2027-03-09T11:00")
    pg.get_by_label(P.words["remember_label"]).uncheck()
    assert "Acme" not in stored() and "2027-03-09" not in stored()
    # "Clear everything" on the same page: the planner keeps working with fresh sections
    pg.on("dialog", lambda dialog: dialog.accept())
    pg.get_by_role("button", name=P.device["clear"]).click()
    pg.get_by_label(P.words["remember_label"]).check()
    pg.fill("#planner-company", "Beta")
    assert "Beta" in stored()
    clean(ctx)


@pytest.mark.browser
def test_the_compact_form_opens_the_planner_with_the_choice_made(example_context_factory, P):
    """The compact planner is a plain form on a step page that loads no planner code: choose there,
    submit, and the planner opens with that choice and a dated plan; then instant navigation away and
    back still leaves one working planner, bound once."""
    ctx, pg = open_planner(example_context_factory, P, now=FRIDAY, path=P.compact)
    now = local(FRIDAY)
    assert pg.evaluate("[...document.querySelectorAll('script[src], link[rel=stylesheet]')]"
                       ".filter(el => (el.src || el.href).includes('/assets/tools/planner.')).length") == 0
    assert pg.evaluate("window.guidePlanner === undefined")
    compact = pg.locator("form.planner--compact")
    expect(compact.get_by_label(P.words["compact_question"])).to_have_value(P.default.id)
    compact.get_by_label(P.words["compact_question"]).select_option(P.weekly.id)
    compact.get_by_role("button", name=P.words["compact_submit"]).click()
    pg.wait_for_url(f"**/example-guide/{P.full}?dwell={P.weekly.id}*")
    expect(pg.locator(f"#planner-dwell-{P.weekly.id}")).to_be_checked()
    expect(pg.locator("[data-planner-until]")).to_have_text(P.until_text(dwell_end(now, P.weekly)))
    expect(pg.locator(f"{STEPS} time")).to_have_count(len(P.general))
    # the long-dwell note (and its support link) shows on the planner when the choice runs long
    long = dwell_end(now, P.weekly) - now > timedelta(hours=P.plan.long["hours"])
    expect(pg.locator("[data-planner-long]")).to_be_visible() if long else expect(pg.locator("[data-planner-long]")).to_be_hidden()
    # a choice the plan doesn't know is ignored: the planner starts as it would have
    pg.goto(f"{P.full}?dwell=no-such-choice&news=soon")
    expect(pg.locator(f"#planner-dwell-{P.default.id}")).to_be_checked()
    expect(pg.locator("#planner-news-error")).to_be_hidden()
    # instant navigation away and back again: still one working planner, bound once
    pg.goto(P.compact)
    compact.get_by_role("button", name=P.words["compact_submit"]).click()
    pg.wait_for_url(f"**/example-guide/{P.full}?dwell={P.default.id}*")
    mark_window(pg)
    pg.locator(f"{STEPS} .planner__links a").first.click()
    pg.wait_for_load_state("networkidle")
    pg.go_back()
    pg.wait_for_url(f"**/example-guide/{P.full}?dwell={P.default.id}*")
    pg.get_by_label(P.hourly.label, exact=True).check()
    expect(pg.locator("[data-planner-until]")).to_have_text(P.until_text(dwell_end(now, P.hourly)))
    assert pg.evaluate("document.querySelectorAll('[data-planner][data-bound]').length") == 1
    assert pg.evaluate("window.__stayed === true"), "the links reloaded the page instead of swapping it"
    clean(ctx)


@pytest.mark.each_language
@pytest.mark.browser
def test_printed_plan_fits_one_page_and_holds_only_the_plan(example_context_factory, P):
    from pypdf import PdfReader
    ctx, pg = open_planner(example_context_factory, P, now=FRIDAY)
    pg.fill("#planner-company", COMPANY)
    pg.get_by_label(P.weekly.label, exact=True).check()
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(pg.pdf(format=paper)))
        assert len(pdf.pages) == 1, paper
        text = pdf.pages[0].extract_text()
        assert P.words["plan_title"] in text and squash(P.says["until"].split("{date}")[0]) in squash(text)
        assert P.words["form_title"] not in text and P.words["add_to_calendar"] not in text
        assert P.heading not in text and P.device["title"] not in text  # the page's own heading, the device controls
        # on paper the dates, not words such as "Tomorrow morning" that stop being true the next day
        for label in pg.locator(f"{STEPS} .planner__relative").all_inner_texts():
            assert label not in text, (paper, label)
    # a situation's plan of every step of the pool still fits one sheet
    pg.evaluate("ids => { guide.situationInfo = () => ({ plan: ids }); guide.set('test', {}); }", [s.id for s in P.plan.steps])
    expect(pg.locator(STEPS)).to_have_count(len(P.plan.steps))
    for paper in ("A4", "Letter"):
        assert len(PdfReader(io.BytesIO(pg.pdf(format=paper))).pages) == 1, paper
    clean(ctx)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_an_error_then_a_plan_with_its_notes_showing(example_context_factory, P, scheme):
    ctx, pg = open_planner(example_context_factory, P, color_scheme=scheme)
    pg.get_by_label(P.custom["label"], exact=True).check()
    pg.fill("#planner-hours", str(P.custom["max_hours"] + 1))
    expect(pg.locator("#planner-hours-error")).to_be_visible()
    expect(pg.locator("[data-planner-invalid]")).to_be_visible()
    violations = axe_violations(pg)
    assert not violations, "\n".join(violations)
    # a plan again, with the long-dwell note and the calendar help showing, on a phone
    pg.set_viewport_size({"width": 390, "height": 844})
    pg.fill("#planner-hours", str(P.plan.long["hours"] + 1))
    expect(pg.locator("[data-planner-long]")).to_be_visible()
    download_ics(pg, P)
    expect(pg.locator("[data-planner-ics-help]")).to_be_visible()
    violations = axe_violations(pg)
    assert not violations, "\n".join(violations)
    clean(ctx)


@pytest.mark.each_language
@pytest.mark.browser
def test_without_javascript_the_steps_show_with_their_timing_in_words(example_context_factory, P):
    ctx = example_context_factory(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(P.full)
    assert pg.evaluate("document.documentElement.lang") == P.lang
    expect(pg.locator(".planner__step:visible")).to_have_count(len(P.general))  # the general plan
    expect(pg.locator(".planner__step:visible h3")).to_have_text([s.title for s in P.general])
    expect(pg.locator(".planner__step:visible .planner__relative")).to_have_text([s.when for s in P.general])
    expect(pg.locator("[data-planner-long]")).to_be_hidden()
    expect(pg.locator("form.planner__form")).to_be_hidden()
    expect(pg.locator(".planner__actions")).to_be_hidden()
    # the compact planner: the same plain form, which opens the planner (its steps in words)
    pg.goto(P.compact)
    compact = pg.locator("form.planner--compact")
    compact.get_by_label(P.words["compact_question"]).select_option(P.weekly.id)
    compact.get_by_role("button", name=P.words["compact_submit"]).click()
    pg.wait_for_url(f"**/example-guide/{P.full}?dwell={P.weekly.id}*")
    expect(pg.locator(".planner__step:visible")).to_have_count(len(P.general))
    clean(ctx)
