"""The dwell-time planner's data (docs/_data/planner.yml): load it, check it, hand it to the page.

Every problem becomes a ContentError naming the file and line (from yaml.compose node marks).
The scheduling itself runs in the student's browser (assets/tools/planner.js), in their time zone;
this module makes sure the rules it receives are complete and sensible, and hands them over in a form
the script uses as is: times of day as minutes after midnight, the night as ranges that never wrap
past midnight (night_ranges, which the checks here use too). So each rule is written once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .datafile import SLUG, Reader, compose, did_you_mean, named
from .errors import ContentError

WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")  # JS Date order
STARTS = ("news", "dwelling")


@dataclass(frozen=True)
class Preset:
    id: str
    label: str
    hours: int | None = None  # a fixed stretch from the news, or
    until: str | None = None    # the next "HH:MM" after the news,
    weekday: int | None = None  # optionally on this day (0 = Sunday)
    news_on: tuple[int, ...] | None = None  # offered only when the news came on these days (0 = Sunday)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    why: str
    start: str  # "news" or "dwelling"
    when: str   # the timing in words, for the page without JavaScript
    page: str   # guidance page, relative to docs/
    line: int
    days: int = 0
    at: str | None = None
    hours: int | None = None
    email: str | None = None
    checklist: str | None = None
    weekday_only: bool = False
    general: bool = True         # in the general plan; False: only in the situations that list it
    after: tuple[str, ...] = ()  # never before these steps (those in the same plan)
    lines: dict = field(default_factory=dict, compare=False)  # key -> line, for later checks
    situations: tuple = ()       # (optional) the situations it fits, each (id, line); () = any


@dataclass(frozen=True)
class Plan:
    presets: list[Preset]
    default: str
    end: dict        # title, why: the calendar entry for the end of dwelling (time for one small step)
    custom: dict     # label, min_hours, max_hours, default_hours
    news: dict       # max_days_ago, max_days_ahead
    night: dict      # starts, ends, move_to
    weekday_time: str
    steps: list[Step]
    long: dict = field(default_factory=dict)  # hours, note: said when dwelling lasts longer than `hours`

    @property
    def general(self) -> list[Step]:
        """The general plan ("not sure / something else"): the steps without `general: false`, in file order."""
        return [s for s in self.steps if s.general]


DAY_MINUTES = 24 * 60


def minutes(hhmm: str) -> int:
    """"HH:MM" as minutes after midnight."""
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def night_ranges(night: dict) -> list[list[int]]:
    """The night as [start, end) minute-of-day ranges that never wrap past midnight.

    A night from "21:00" to "08:00" is [[0, 480], [1260, 1440]]. planner.js receives these ranges
    and only asks whether a time lies in one of them: the wrap-around is worked out here, once.
    """
    start, end = minutes(night["starts"]), minutes(night["ends"])
    ranges = [[start, end]] if start < end else [[0, end], [start, DAY_MINUTES]]
    return [r for r in ranges if r[0] < r[1]]


def in_night(hhmm: str, night: dict) -> bool:
    t = minutes(hhmm)
    return any(start <= t < end for start, end in night_ranges(night))


def _preset(node, path, errors, seen: dict[str, int]) -> Preset | None:
    r = Reader(node, path, errors, "a dwell preset", ("id", "label", "hours", "until", "weekday", "news_on"))
    pid, label = r.ident("id"), r.text("label")
    if pid and not r.once("id", seen, f"The dwell preset id '{pid}' is used twice", "give each preset its own id."):
        pid = None
    hours = r.number("hours", 1, 24 * 60, required=False)
    until = r.time("until", required=False)
    weekday = r.text("weekday", required=False)
    if ("hours" in r.items) == ("until" in r.items):
        r.fail(r.line, f"The dwell preset '{pid}' needs either 'hours' or 'until' (exactly one).",
               "write 'hours: 24' for a fixed stretch, or 'until: \"20:00\"' for a time of day.")
    if weekday is not None and weekday.lower() not in WEEKDAYS:
        r.fail(r.at("weekday"), f"'weekday: {weekday}' is not a day of the week.", "write the day in full, e.g. 'sunday'.")
        weekday = None
    if weekday is not None and "until" not in r.items:
        r.fail(r.at("weekday"), f"The dwell preset '{pid}' has a 'weekday' but no 'until' time.", "add 'until: \"20:00\"' (or remove 'weekday').")
    news_on = _weekdays(r, "news_on", pid)
    if pid is None or label is None:
        return None
    return Preset(pid, label, hours, until, WEEKDAYS.index(weekday.lower()) if weekday else None, news_on)


def _weekdays(r: Reader, key: str, pid) -> tuple[int, ...] | None:
    """A list of days of the week, e.g. 'news_on: [thursday, friday, saturday, sunday]', as JS day numbers."""
    node = r.items.get(key)
    if node is None:
        return None
    values = node.value if isinstance(node, yaml.SequenceNode) else [node]
    days = [str(v.value).strip().lower() if isinstance(v, yaml.ScalarNode) else "" for v in values]
    wrong = [d for d in days if d not in WEEKDAYS]
    if wrong or not days:
        r.fail(r.at(key), f"'{key}' in the dwell preset '{pid}' should list days of the week, not '{', '.join(wrong)}'.",
               f"write the days in full, e.g. '{key}: [thursday, friday, saturday, sunday]'.")
        return None
    return tuple(WEEKDAYS.index(d) for d in days)


STEP_KEYS = ("id", "title", "why", "from", "days", "at", "hours", "when", "page", "email", "checklist", "weekday_only",
             "general", "after", "situations")


def _idents(r: Reader, key: str) -> tuple[str, ...]:
    """One id or a list of ids, e.g. 'after: update-materials' or 'after: [a, b]'."""
    node = r.items.get(key)
    if node is None:
        return ()
    values = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for v in values:
        text = str(v.value).strip() if isinstance(v, yaml.ScalarNode) else ""
        if not SLUG.match(text):
            r.fail(r.at(key), f"'{key}' in {r.where} should name step ids, e.g. '{key}: update-materials'.",
                   f"write one step id, or several in brackets: '{key}: [reply-and-feedback, feedback-request]'.")
            return ()
        out.append(text)
    return tuple(out)


def _step(node, path, errors, seen: dict[str, int]) -> Step | None:
    r = Reader(node, path, errors, named(node, "the step '{}'", "a plan step"), STEP_KEYS)
    sid = r.ident("id")
    if sid and not r.once("id", seen, f"The step id '{sid}' is used twice", "give each step its own id."):
        sid = None
    values = {key: r.text(key) for key in ("title", "why", "when", "page")}
    start = r.text("from", fix="add 'from: news' or 'from: dwelling' (what the timing counts from).")
    if start is not None and start not in STARTS:
        r.fail(r.at("from"), f"'from: {start}' in {r.where} is neither 'news' nor 'dwelling'.",
               "write 'from: news' (counts from when the news came) or 'from: dwelling' (from the end of dwelling).")
        start = None
    days = r.number("days", 0, 60, required=False)
    at = r.time("at", required=False)
    hours = r.number("hours", 0, 24 * 60, required=False)
    if ("at" in r.items) == ("hours" in r.items):
        r.fail(r.line, f"{r.Where} needs either 'days' and 'at', or 'hours' (not both, not neither).",
               "write e.g. 'days: 1' and 'at: \"10:00\"' (the next day at 10:00), or 'hours: 2'.")
    elif "days" in r.items and "hours" in r.items:
        r.fail(r.at("days"), f"{r.Where} has 'days' together with 'hours'.", "count in hours only (e.g. 'hours: 48'), or use 'days' with 'at'.")
    email = r.ident("email", required=False)
    checklist = r.ident("checklist", required=False)
    weekday_only = r.flag("weekday_only")
    general = r.flag("general") if "general" in r.items else True
    after = _idents(r, "after")
    fits = r.idents("situations", "after-interview, final-round")
    if sid is None or start is None or None in values.values():
        return None
    return Step(sid, values["title"], values["why"], start, values["when"], values["page"], r.line,
                days=days or 0, at=at, hours=hours, email=email, checklist=checklist, weekday_only=weekday_only,
                general=general, after=after, situations=fits,
                lines={key: r.at(key) for key in ("page", "email", "checklist", "after")} | {"situations": r.keys.get("situations", 0)})


def load_plan(path: str, text: str) -> tuple[Plan | None, list[ContentError]]:
    """Parse planner.yml; return the plan (None if unusable) and every problem found."""
    errors: list[ContentError] = []
    root, errors = compose(path, text)
    if errors:
        return None, errors
    if root is None:
        return None, [ContentError(path, 1, "The file is empty.", "restore it from the project's history (git checkout).")]
    top = Reader(root, path, errors, "the planner file", ("dwell", "news", "night", "weekday_time", "steps"))
    if errors:
        return None, errors

    dwell = top.child("dwell", "the 'dwell' section", ("default", "end_title", "end_why", "presets", "custom", "long_hours", "long_note"))
    end = {"title": dwell.text("end_title"), "why": dwell.text("end_why")}
    long = {"hours": dwell.number("long_hours", 1, 24 * 60), "note": dwell.text("long_note")}
    preset_ids: dict[str, int] = {}  # id -> line, to report a repeated id
    presets = [p for p in (_preset(n, path, errors, preset_ids) for n in dwell.sequence("presets")) if p]
    default = dwell.ident("default")
    custom_r = dwell.child("custom", "the 'custom' dwell choice", ("label", "min_hours", "max_hours", "default_hours"))
    custom = {"label": custom_r.text("label"),
              **{key: custom_r.number(key, 1, 24 * 60) for key in ("min_hours", "max_hours", "default_hours")}}
    if None not in custom.values():
        if custom["min_hours"] >= custom["max_hours"]:
            custom_r.fail(custom_r.at("max_hours"), "'max_hours' is not larger than 'min_hours'.", "make max_hours larger than min_hours.")
        elif not custom["min_hours"] <= custom["default_hours"] <= custom["max_hours"]:
            custom_r.fail(custom_r.at("default_hours"), "'default_hours' lies outside min_hours to max_hours.",
                          "choose a default between the two bounds.")
    news_r = top.child("news", "the 'news' section", ("max_days_ago", "max_days_ahead"))
    news = {"max_days_ago": news_r.number("max_days_ago", 1, 3650),
            "max_days_ahead": news_r.number("max_days_ahead", 0, 365)}
    night_r = top.child("night", "the 'night' section", ("starts", "ends", "move_to"))
    night = {key: night_r.time(key) for key in ("starts", "ends", "move_to")}
    weekday_time = top.time("weekday_time")
    if None not in night.values():
        if night["starts"] == night["ends"]:
            night_r.fail(night_r.at("ends"), "The night starts and ends at the same time.", "give the night a length, e.g. starts \"21:00\", ends \"08:00\".")
        else:
            if in_night(night["move_to"], night):
                night_r.fail(night_r.at("move_to"), f"'move_to: {night['move_to']}' is itself in the night.",
                             "choose a morning time after 'ends'.")
            if weekday_time and in_night(weekday_time, night):
                top.fail(top.at("weekday_time"), f"'weekday_time: {weekday_time}' is in the night.", "choose a daytime, e.g. \"09:00\".")

    step_ids: dict[str, int] = {}
    steps = [s for s in (_step(n, path, errors, step_ids) for n in top.sequence("steps")) if s]

    ids = [p.id for p in presets]
    if default and ids and default not in ids:
        dwell.fail(dwell.at("default"), f"'default: {default}' names no dwell preset.", f"use one of: {', '.join(ids)}.")
    elif default and any(p.id == default and p.news_on is not None for p in presets):
        dwell.fail(dwell.at("default"), f"'default: {default}' names a preset offered only on some days ('news_on').",
                   f"choose a preset offered every day: {', '.join(p.id for p in presets if p.news_on is None)}.")
    errors += _check_after(steps, path)
    if steps and not any(s.general for s in steps) and not errors:
        errors.append(ContentError(path, top.keys.get("steps", 1), "Every step is marked 'general: false', so the general plan is empty.",
                                   "remove 'general: false' from the steps every student should see."))
    if errors:
        return None, errors
    return Plan(presets, default, end, custom, news, night, weekday_time, steps, long), []


def _check_after(steps: list[Step], path: str) -> list[ContentError]:
    """`after` names other steps of the file, and never in a circle (a step can't wait for itself)."""
    errors = []
    by_id = {s.id: s for s in steps}
    for step in steps:
        for other in step.after:
            if other == step.id:
                errors.append(ContentError(path, step.lines["after"], f"The step '{step.id}' comes 'after' itself.",
                                           "name another step, or remove the 'after' line."))
            elif other not in by_id:
                errors.append(ContentError(path, step.lines["after"], f"'after: {other}' in the step '{step.id}' names no step of this file.",
                                           did_you_mean(other, by_id)))
    if errors:
        return errors
    for step in steps:  # a circle: following 'after' from a step leads back to it
        seen, todo = set(), list(step.after)
        while todo:
            other = todo.pop()
            if other == step.id:
                errors.append(ContentError(path, step.lines["after"], f"The steps' 'after' lines go in a circle back to '{step.id}'.",
                                           "remove one 'after' line so that one of these steps comes first."))
                break
            if other not in seen:
                seen.add(other)
                todo += by_id[other].after
        if errors:
            break
    return errors


def nominal(step: Step) -> int:
    """Minutes from the step's starting point, as written (days and time of day, or hours)."""
    return step.days * DAY_MINUTES + minutes(step.at) if step.at is not None else (step.hours or 0) * 60


def check_general_emails(plan: Plan, path: str, recipients: dict[str, str]) -> list[ContentError]:
    """The general plan never writes twice to the same person within a working day.

    `recipients` maps each email template id to who receives it (emails.yml `to:`; employer when unsaid).
    Steps counted from the same moment are compared as written; in the browser, planner.js also keeps
    emails to one recipient at least a working day apart, for every plan (tests/js/planner.test.mjs).
    """
    errors = []
    emails = [s for s in plan.general if s.email]
    for i, later in enumerate(emails):
        for earlier in emails[:i]:
            to = recipients.get(later.email, "employer")
            if earlier.start == later.start and to == recipients.get(earlier.email, "employer") \
                    and abs(nominal(later) - nominal(earlier)) < DAY_MINUTES:
                errors.append(ContentError(
                    path, later.line, f"The general plan emails the {to} twice within a day: the steps '{earlier.id}' and '{later.id}'.",
                    "send one email that does both (one step), mark one of them 'general: false' (then only situations that "
                    "list it use it), or plan them at least a working day apart (e.g. 'days: 2')."))
                break
    return errors


def check_references(plan: Plan, path: str, pages: set[str], emails: set[str] | None,
                     checklists: set[str] | None) -> list[ContentError]:
    """Steps must link to existing guidance pages; tools must exist where their data is known.

    `emails` / `checklists` are the ids those tools loaded, or None when a tool isn't in the build.
    """
    errors = []
    for step in plan.steps:
        if step.page not in pages:
            errors.append(ContentError(path, step.lines["page"], f"The step '{step.id}' links to '{step.page}', which is not a page of the guide.",
                                       "name a Markdown file in docs/, e.g. 'reply-graciously.md'."))
        if step.email and emails is not None and step.email not in emails:
            errors.append(ContentError(path, step.lines["email"], f"The step '{step.id}' uses the email template '{step.email}', which docs/_data/emails.yml does not define.",
                                       "use the id of a template in docs/_data/emails.yml, or remove the 'email' line."))
        if step.checklist and checklists is not None and step.checklist not in checklists:
            errors.append(ContentError(path, step.lines["checklist"], f"The step '{step.id}' uses the checklist '{step.checklist}', which docs/_data/checklists.yml does not define.",
                                       "use the id of a checklist in docs/_data/checklists.yml, or remove the 'checklist' line."))
    return errors


def script_data(plan: Plan, urls: dict[str, str], recipients: dict[str, str] | None = None) -> dict:
    """What planner.js needs to schedule: the rules and every step of the pool (its text, `urls[step.id]`
    as its link, who its email goes to from `recipients`), and the general plan's step ids.

    Times of day are minutes after midnight; the night is its non-wrapping ranges (night_ranges).
    """
    presets = []
    for p in plan.presets:
        rule = {"hours": p.hours} if p.hours is not None else {"until": minutes(p.until), "weekday": p.weekday}
        presets.append({"id": p.id, "label": p.label, **rule, "newsOn": list(p.news_on) if p.news_on is not None else None})
    return {
        "presets": presets,
        "default": plan.default,
        "end": plan.end,
        "custom": {"min": plan.custom["min_hours"], "max": plan.custom["max_hours"], "default": plan.custom["default_hours"]},
        "news": {"daysAgo": plan.news["max_days_ago"], "daysAhead": plan.news["max_days_ahead"]},
        "night": {"ranges": night_ranges(plan.night), "moveTo": minutes(plan.night["move_to"])},
        "weekdayTime": minutes(plan.weekday_time),
        "longHours": plan.long["hours"],
        "general": [s.id for s in plan.general],
        "steps": [{"id": s.id, "title": s.title, "why": s.why, "from": s.start, "days": s.days,
                   "at": minutes(s.at) if s.at is not None else None,
                   "hours": s.hours, "weekdayOnly": s.weekday_only, "email": s.email,
                   "to": (recipients or {}).get(s.email, "employer") if s.email else None,
                   "after": list(s.after), "url": urls.get(s.id, "")} for s in plan.steps],
    }
