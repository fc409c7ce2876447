// The planner's rules (overrides/assets/tools/planner.js) under Node: node --test tests/js/
// Example data owned by these tests, in the form guidekit/planner.py script_data hands the page:
// times of day as minutes after midnight, the night as ranges that never wrap past midnight.
// The words the script says come from overrides/text/<lang>.yml: tests/test_js_units.py writes them as
// JSON to the file GUIDE_WORDS names, and runs these tests once per language (GUIDE_LANG: en, es), so the
// labels are read in each language with the weekdays Intl writes in it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

process.env.TZ = "America/New_York";  // Node applies a changed TZ at once; some tests switch it
const { schedule, dwellEnd, offered, defaultChoice, planIds, relative, workingDayAfter, GAP, parseNews, parseHours, entries, ics, fold, iso,
  show, asText, zone, untilText } =
  createRequire(import.meta.url)("../../overrides/assets/tools/planner.js");
if (!process.env.GUIDE_WORDS) throw new Error("run through pytest tests/test_js_units.py: it writes the words (overrides/text/en.yml) to the file GUIDE_WORDS names");
const W = JSON.parse(readFileSync(process.env.GUIDE_WORDS, "utf8")).planner.script;
const LANG = process.env.GUIDE_LANG || "en";
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => String(values[k]));
/** A sentence with a number in it, as a pattern that matches it with any number (the words' own reading). */
const saying = (text) => new RegExp("^" + text.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "\\d+") + "$");

const hhmm = (h, m = 0) => h * 60 + m;
const PLAN = {
  presets: [
    { id: "tonight", label: "Tonight", until: hhmm(20), weekday: null },
    { id: "day", label: "A day", hours: 24 },
    { id: "sunday", label: "Until Sunday", until: hhmm(18), weekday: 0, newsOn: [4, 5, 6, 0] },
  ],
  default: "tonight",
  longHours: 60,
  end: { title: "Dwelling ends", why: "On to the plan." },
  custom: { min: 2, max: 100, default: 10 },
  news: { daysAgo: 30, daysAhead: 3 },
  night: { ranges: [[0, hhmm(7)], [hhmm(22), 1440]], moveTo: hhmm(8, 30) },  // 22:00 to 07:00
  weekdayTime: hhmm(9, 15),
  steps: [],
};
const step = (over) => ({ id: "s", title: "Step", why: "Why", from: "news", days: 0, at: null, hours: null,
  weekdayOnly: false, email: null, url: "step/", ...over });
const plan = (steps, over = {}) => ({ ...PLAN, steps: steps.map(step), ...over });

/** A local time, as "YYYY-MM-DDTHH:MM". */
const local = (d) => iso(d).slice(0, 16);
const at = (text) => {
  const [y, mo, d, h, mi] = text.split(/[-T:]/).map(Number);
  return new Date(y, mo - 1, d, h, mi);
};
/** Local times of each step of a plan whose news came at `news`. */
function when(news, choice, p, ids) {
  const r = schedule(at(news), choice, p, ids);
  return { until: local(r.until), ...Object.fromEntries(r.steps.map((s) => [s.id, local(s.date)])) };
}

// --- the night

test("a step in the night after midnight moves to the morning time the same day", () => {
  const p = plan([{ id: "a", hours: 1 }]);
  assert.equal(when("2027-03-09T02:00", 2, p).a, "2027-03-09T08:30");  // 03:00: night
});

test("a step in the night before midnight moves to the next morning", () => {
  const p = plan([{ id: "a", hours: 1 }]);
  assert.equal(when("2027-03-09T21:30", 2, p).a, "2027-03-10T08:30");  // 22:30: night
});

test("the night's start is in it, its end is not", () => {
  const p = plan([{ id: "a", hours: 1 }, { id: "b", hours: 2 }]);
  const r = when("2027-03-09T05:00", 20, p);  // a at 06:00 (night), b at 07:00 (morning)
  assert.equal(r.a, "2027-03-09T08:30");
  assert.equal(r.b, "2027-03-09T07:00");
  assert.equal(when("2027-03-09T21:00", 2, plan([{ id: "a", hours: 1 }])).a, "2027-03-10T08:30");  // 22:00 sharp
  assert.equal(when("2027-03-09T20:59", 2, plan([{ id: "a", hours: 1 }])).a, "2027-03-09T21:59");
});

test("a night that does not cross midnight is one range; midnight is a time like any other", () => {
  const early = { ranges: [[hhmm(1), hhmm(5)]], moveTo: hhmm(6) };
  const p = plan([{ id: "midnight", days: 1, at: 0 }, { id: "three", days: 1, at: hhmm(3) }], { night: early });
  const r = when("2027-03-09T12:00", 2, p);
  assert.equal(r.midnight, "2027-03-10T00:00");  // at: 0 is a time, not "no time"
  assert.equal(r.three, "2027-03-10T06:00");
  // under the usual night, a step at midnight moves to the morning
  assert.equal(when("2027-03-09T12:00", 2, plan([{ id: "m", days: 1, at: 0 }])).m, "2027-03-10T08:30");
});

// --- weekends

test("a weekday-only step on a weekend moves to Monday at the weekday time; other steps stay", () => {
  const p = plan([
    { id: "sat", days: 1, at: hhmm(10), weekdayOnly: true },  // news on Friday 12 March 2027
    { id: "sun", days: 2, at: hhmm(10), weekdayOnly: true },
    { id: "free", days: 1, at: hhmm(10) },
    { id: "fri", days: 0, at: hhmm(16), weekdayOnly: true },
  ]);
  const r = when("2027-03-12T12:00", 2, p);
  assert.equal(r.sat, "2027-03-15T09:15");
  assert.equal(r.sun, "2027-03-15T09:45");  // not the same minute as 'sat': the gap later
  assert.equal(r.free, "2027-03-13T10:00");
  assert.equal(r.fri, "2027-03-12T16:00");
});

test("a weekday-only step in Friday's night moves out of the night, then off the weekend", () => {
  const p = plan([{ id: "a", hours: 2, weekdayOnly: true }]);
  assert.equal(when("2027-03-12T21:30", 2, p).a, "2027-03-15T09:15");
});

// --- dwelling and order

test("dwelling ends at a preset time, on a preset day, or after a number of hours", () => {
  assert.equal(local(dwellEnd(at("2027-03-09T11:00"), "tonight", PLAN)), "2027-03-09T20:00");
  assert.equal(local(dwellEnd(at("2027-03-09T20:00"), "tonight", PLAN)), "2027-03-10T20:00");  // strictly after
  assert.equal(local(dwellEnd(at("2027-03-09T11:00"), "sunday", PLAN)), "2027-03-14T18:00");
  assert.equal(local(dwellEnd(at("2027-03-14T17:00"), "sunday", PLAN)), "2027-03-14T18:00");
  assert.equal(local(dwellEnd(at("2027-03-09T11:00"), "day", PLAN)), "2027-03-10T11:00");
  assert.equal(local(dwellEnd(at("2027-03-09T11:00"), 5, PLAN)), "2027-03-09T16:00");
  assert.throws(() => dwellEnd(at("2027-03-09T11:00"), "forever", PLAN), RangeError);
});

test("steps count from the news or from the end of dwelling, and come back in date order", () => {
  const p = plan([
    { id: "late", from: "dwelling", days: 2, at: hhmm(10) },
    { id: "soon", from: "news", hours: 1 },
    { id: "after", from: "dwelling", hours: 1 },
  ]);
  const r = schedule(at("2027-03-09T11:00"), "tonight", p);
  assert.deepEqual(r.steps.map((s) => s.id), ["soon", "after", "late"]);
  assert.deepEqual(r.steps.map((s) => local(s.date)), ["2027-03-09T12:00", "2027-03-09T21:00", "2027-03-11T10:00"]);
});

// --- daylight saving

test("across the spring change in New York: hours are elapsed hours, times of day stay local", () => {
  process.env.TZ = "America/New_York";  // clocks go forward on Sunday 14 March 2027, 02:00 -> 03:00
  const p = plan([{ id: "next", days: 1, at: hhmm(10) }, { id: "hours", hours: 24 }]);
  const r = schedule(at("2027-03-13T12:00"), 30, p);
  assert.equal(local(r.until), "2027-03-14T19:00");  // 30 real hours, one of them skipped
  const [next, hours] = r.steps;
  assert.equal(iso(next.date), "2027-03-14T10:00-04:00");
  assert.equal(iso(hours.date), "2027-03-14T13:00-04:00");
  assert.equal(iso(at("2027-03-13T12:00")), "2027-03-13T12:00-05:00");
  assert.equal(local(dwellEnd(at("2027-03-12T16:00"), "sunday", PLAN)), "2027-03-14T18:00");
});

test("across the autumn change in New York and the spring change in London", () => {
  process.env.TZ = "America/New_York";  // clocks go back on Sunday 7 November 2027
  let r = schedule(at("2027-11-06T12:00"), 30, plan([{ id: "next", days: 1, at: hhmm(10) }]));
  assert.equal(local(r.until), "2027-11-07T17:00");
  assert.equal(iso(r.steps[0].date), "2027-11-07T10:00-05:00");
  process.env.TZ = "Europe/London";  // clocks go forward on Sunday 28 March 2027, 01:00 -> 02:00
  try {
    r = schedule(at("2027-03-27T12:00"), 30, plan([{ id: "next", days: 1, at: hhmm(10) }]));
    assert.equal(local(r.until), "2027-03-28T19:00");
    assert.equal(iso(r.steps[0].date), "2027-03-28T10:00+01:00");
    assert.equal(iso(at("2027-03-27T12:00")), "2027-03-27T12:00+00:00");
  } finally {
    process.env.TZ = "America/New_York";
  }
});

// --- what the student types

test("the news must be a real local time within the plan's bounds", () => {
  const now = at("2027-03-10T10:00");
  const err = (v) => parseNews(v, PLAN, W, now).error || "ok";
  assert.equal(err("2027-03-09T11:00"), "ok");
  assert.equal(local(parseNews("2027-03-09 11:00", PLAN, W, now).date), "2027-03-09T11:00");
  assert.equal(err(""), W.news_format);
  assert.equal(err("2027-02-30T10:00"), W.news_no_date);
  assert.equal(err("2027-03-09T24:10"), W.news_no_time);
  assert.equal(err("2027-03-14T02:30"), W.news_skipped_hour);  // New York's skipped hour
  assert.equal(err("2027-02-07T09:00"), fill(W.news_too_old_other, { days: 30 }));
  assert.equal(err("2027-02-09T09:00"), "ok");
  assert.equal(err("2027-03-13T11:00"), fill(W.news_too_far_other, { days: 3 }));
  // the number's plural form is CLDR's (Intl.PluralRules), not a test of our own for 1
  const one = { ...PLAN, news: { daysAgo: 1, daysAhead: 1 } };
  assert.equal(parseNews("2027-03-08T09:00", one, W, now, LANG).error, fill(W.news_too_old_one, { days: 1 }));
  assert.equal(parseNews("2027-03-11T11:00", one, W, now, LANG).error, fill(W.news_too_far_one, { days: 1 }));
  assert.notEqual(W.news_too_old_one, W.news_too_old_other);
  assert.equal(new Set(["", "2027-02-30T10:00", "2027-03-09T24:10", "2027-03-14T02:30", "2027-02-07T09:00", "2027-03-13T11:00"].map(err)).size, 6,
    "each problem has its own message");
});

test("custom hours are whole numbers within the plan's bounds", () => {
  for (const ok of ["2", "100", " 7 "]) assert.deepEqual(parseHours(ok, PLAN, W), { hours: Number(ok) }, ok);
  for (const bad of ["", "1", "101", "2.5", "-3", "1e2", "ten"]) {
    assert.equal(parseHours(bad, PLAN, W).error, fill(W.hours_range, { min: 2, max: 100 }), bad);
  }
});

// --- the calendar file (RFC 5545)

test("the calendar file: CRLF, folded at 75 octets, TEXT escaped, UTC times, UID and DTSTAMP", () => {
  const p = plan([{ id: "reply", title: "Reply; kindly, now", hours: 3, email: "reply", why: "A long why ".repeat(12) + "ü😀" }]);
  const news = at("2027-03-09T11:00");
  const list = entries(schedule(news, 2, p), p, { company: "Smith, Jones\\Co", interviewer_name: "" }, "https://example.org/guide/");
  assert.equal(list[1].title, "Reply; kindly, now (Smith, Jones\\Co)");
  assert.equal(list[1].url, "https://example.org/guide/step/");
  const raw = ics(news, list);
  assert.ok(raw.endsWith("\r\n") && !raw.replace(/\r\n/g, "").includes("\n"));
  const lines = raw.split("\r\n").slice(0, -1);
  for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75, line);
  const text = raw.replace(/\r\n /g, "");
  assert.match(text, /^SUMMARY:Reply\\; kindly\\, now \(Smith\\, Jones\\\\Co\)$/m);
  assert.match(text, /^DTSTART:20270309T190000Z$/m);  // 14:00 in New York, in UTC
  assert.match(text, /^UID:reply-20270309T160000Z@after-the-no\.planner$/m);
  assert.equal(text.match(/^DTSTAMP:\d{8}T\d{6}Z$/gm).length, 2);
  assert.match(text, /ü😀\\nhttps:\/\/example\.org\/guide\/step\//);
});

test("folding never splits a character", () => {
  const folded = fold("DESCRIPTION:" + "😀".repeat(40));
  for (const line of folded.split("\r\n")) {
    assert.ok(Buffer.byteLength(line) <= 75);
    assert.ok(!line.includes("\uFFFD") && Buffer.from(line).toString() === line);
  }
  assert.equal(folded.replace(/\r\n /g, ""), "DESCRIPTION:" + "😀".repeat(40));
});

// --- a plan from the pool, spacing, one email per person per working day, `after`

test("the plan is the situation's when it names steps of the pool, else the general plan", () => {
  const p = plan([{ id: "a" }, { id: "b" }, { id: "c" }], { general: ["a", "b"] });
  assert.deepEqual(planIds(p, null), ["a", "b"]);
  assert.deepEqual(planIds(p, { title: "No plan" }), ["a", "b"]);
  assert.deepEqual(planIds(p, { plan: [] }), ["a", "b"]);
  assert.deepEqual(planIds(p, { plan: ["c", "a"] }), ["c", "a"]);
  assert.deepEqual(planIds(p, { plan: ["c", "nope", "c"] }), ["c"]);  // unknown ids and repeats dropped
  assert.deepEqual(planIds(p, { plan: ["nope"] }), ["a", "b"]);
  const r = schedule(at("2027-03-09T11:00"), 2, p, ["c"]);
  assert.deepEqual(r.steps.map((s) => s.id), ["c"]);
});

test("no two entries at the same minute: later ones move on by the gap, the end of dwelling included", () => {
  const p = plan([{ id: "a", hours: 1 }, { id: "b", hours: 1 }, { id: "c", hours: 3 }]);
  const r = when("2027-03-09T11:00", 3, p);  // dwelling ends at 14:00, like c
  assert.equal(r.until, "2027-03-09T14:00");
  assert.equal(r.a, "2027-03-09T12:00");
  assert.equal(r.b, "2027-03-09T12:30");
  assert.equal(r.c, "2027-03-09T14:30");
  assert.equal(GAP, 30 * 60000);
});

test("a step moved by the gap into the night goes on to the morning", () => {
  const p = plan([{ id: "a", days: 0, at: hhmm(21, 45) }, { id: "b", days: 0, at: hhmm(21, 45) }]);
  const r = when("2027-03-09T11:00", 2, p);
  assert.equal(r.a, "2027-03-09T21:45");
  assert.equal(r.b, "2027-03-10T08:30");  // 22:15 is night
});

test("a second email to the same person waits a working day; other people and other steps don't", () => {
  const p = plan([
    { id: "reply", days: 1, at: hhmm(10), weekdayOnly: true, email: "r", to: "employer" },
    { id: "ask", days: 1, at: hhmm(10), weekdayOnly: true, email: "a" },  // no `to`: the employer
    { id: "thank", days: 1, at: hhmm(10), weekdayOnly: true, email: "t", to: "helper" },
    { id: "walk", days: 1, at: hhmm(10) },
  ]);
  const fri = when("2027-03-11T12:00", 2, p);  // Thursday's news: Friday 10:00
  assert.equal(fri.reply, "2027-03-12T10:00");
  assert.equal(fri.ask, "2027-03-15T10:00");   // Monday, not Friday or the weekend
  assert.equal(fri.thank, "2027-03-12T10:30"); // someone else: only the gap
  assert.equal(fri.walk, "2027-03-12T11:00");
  assert.equal(local(workingDayAfter(at("2027-03-12T16:00"))), "2027-03-15T16:00");
  assert.equal(local(workingDayAfter(at("2027-03-09T10:00"))), "2027-03-10T10:00");
});

test("a step never comes before the steps it is `after`, when they are in the plan", () => {
  const p = plan([
    { id: "update", from: "dwelling", days: 4, at: hhmm(17) },
    { id: "apply", from: "dwelling", days: 2, at: hhmm(10), after: ["update"] },
  ]);
  const r = when("2027-03-09T11:00", "tonight", p);
  assert.equal(r.update, "2027-03-13T17:00");
  assert.equal(r.apply, "2027-03-13T17:30");
  assert.deepEqual(schedule(at("2027-03-09T11:00"), "tonight", p).steps.map((s) => s.id), ["update", "apply"]);
  assert.equal(when("2027-03-09T11:00", "tonight", p, ["apply"]).apply, "2027-03-11T10:00");  // alone: its own time
});

// --- words for dates, checked by a reading of the words written apart from the planner's: each label
// is looked up among the words (which day and part of the day it names), then checked against the date.

const DAY_NAMES = {  // written here, apart from Intl, to check what the planner writes with it
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  es: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
}[LANG];
/** "In 10 days" as this language says it: written here, apart from Intl.RelativeTimeFormat. */
const IN_DAYS = { en: /^In (\d+) days$/, es: /^Dentro de (\d+) días$/ }[LANG];
const PART_NAMES = ["early", "morning", "afternoon", "evening", "night"];
const dayNumber = (d) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5;
function part(d) {  // CLDR's English day periods: 5 pm is afternoon, evening from 6 pm
  const h = d.getHours();
  return h < 5 ? "early" : h < 12 ? "morning" : h < 18 ? "afternoon" : h < 21 ? "evening" : "night";
}
/** What a label says: {ahead, part} (a named day), {weekday, part}, {n} (in n days), or null. */
function reading(label) {
  for (const [name, ahead] of [["today", 0], ["tomorrow", 1]]) {
    for (const p of PART_NAMES) if (label === W[`${name}_${p}`]) return { ahead, part: p };
  }
  for (const [i, day] of DAY_NAMES.entries()) {
    for (const p of PART_NAMES) if (label === fill(W[`weekday_${p}`], { day })) return { weekday: i, part: p };
  }
  const m = IN_DAYS.exec(label);
  return m ? { n: Number(m[1]) } : null;
}
/** Whether `label` is true of `d`, read at `now` (a label for a moment already gone is never true). */
function truthful(label, d, now) {
  const ahead = dayNumber(d) - dayNumber(now), said = reading(label);
  if (!said || d < now) return false;
  if ("ahead" in said) return said.ahead === ahead && said.part === part(d);
  if ("weekday" in said) return said.weekday === d.getDay() && ahead >= 2 && ahead <= 6 && said.part === part(d);
  return said.n === ahead && ahead >= 7;
}

test("the reading of the words: true and untrue labels", () => {
  const fri = at("2027-03-12T05:50");
  assert.ok(truthful(fill(W.weekday_morning, { day: DAY_NAMES[1] }), at("2027-03-15T09:00"), fri));
  assert.ok(!truthful(W.tomorrow_morning, at("2027-03-15T09:00"), fri));  // the lie of issue 17
  assert.ok(truthful(W.today_night, at("2027-03-12T21:00"), fri));
  assert.ok(!truthful(W.today_night, at("2027-03-13T21:00"), fri));
  assert.ok(!truthful(W.today_morning, at("2027-03-12T10:00"), at("2027-03-12T14:00")));  // "This morning · 10:00 AM" at 2 pm
  assert.ok(truthful(W.today_afternoon, at("2027-03-12T17:00"), fri));  // 5 pm: afternoon, as the plan's `when` lines say
  assert.ok(truthful(LANG === "en" ? "In 10 days" : "Dentro de 10 días", at("2027-03-22T09:00"), fri));
  assert.ok(!truthful(LANG === "en" ? "In 3 days" : "Dentro de 3 días", at("2027-03-15T09:00"), fri));  // named, not counted
  assert.ok(!truthful("Someday", at("2027-03-15T09:00"), fri));
  // every word for a day and a part of it is its own, so a label names one day and part; none for a past day
  const labels = ["today", "tomorrow", "weekday"].flatMap((d) => PART_NAMES.map((p) => W[`${d}_${p}`]));
  assert.equal(new Set(labels).size, labels.length);
  assert.deepEqual(Object.keys(W).filter((k) => /^yesterday|news_day/.test(k)), []);
});

// A pool like the guide's: emails to two people, steps from the news and from dwelling, `after`.
const POOL = plan([
  { id: "reply", days: 1, at: hhmm(10), weekdayOnly: true, email: "reply", to: "employer" },
  { id: "ask", days: 2, at: hhmm(10), weekdayOnly: true, email: "ask", to: "employer", after: ["reply"] },
  { id: "both", days: 1, at: hhmm(10), weekdayOnly: true, email: "both" },
  { id: "thank", days: 0, at: hhmm(16), weekdayOnly: true, email: "thank", to: "helper" },
  { id: "kind", from: "dwelling", hours: 1 },
  { id: "review", from: "dwelling", days: 3, at: hhmm(17) },
  { id: "update", from: "dwelling", days: 4, at: hhmm(17), after: ["review"] },
  { id: "apply", from: "dwelling", days: 2, at: hhmm(10), after: ["update"] },
  { id: "follow", days: 9, at: hhmm(10), weekdayOnly: true, email: "follow", after: ["ask", "both"] },
  { id: "late", from: "dwelling", hours: 13 },
]);
const PLANS = [POOL.steps.map((s) => s.id), ["both", "kind", "review", "update", "apply", "follow"],
  ["ask", "reply", "both", "follow"], ["apply", "update", "kind", "late", "thank"]];
// News on each day of a week (Mon 8 to Sun 14 March 2027, across New York's DST change) at these times,
// Friday early morning and Saturday night among them; read just after the news, and days later.
const TIMES = ["05:50", "09:00", "13:30", "17:00", "20:59", "23:30"];

test("for news at any time of any day: every label is true of its date, no two entries share a minute, " +
  "one email per person per working day, and `after` holds", () => {
  let checked = 0;
  for (const tz of ["America/New_York", "Europe/London"]) {
    process.env.TZ = tz;
    try {
      for (let day = 8; day <= 14; day++) {
        for (const time of TIMES) {
          const news = at(`2027-03-${String(day).padStart(2, "0")}T${time}`);
          for (const choice of ["tonight", "day", "sunday", 2, 50]) {
            for (const ids of PLANS) {
              const r = schedule(news, choice, POOL, ids);
              assert.deepEqual(r.steps.map((s) => s.id).sort(), [...ids].sort());
              const all = [{ id: "dwell-end", date: r.until }, ...r.steps];
              const where = `${tz} news ${local(news)} (${DAY_NAMES[news.getDay()]}), ${choice}, [${ids}]`;
              for (const [i, a] of all.entries()) {
                for (const b of all.slice(i + 1)) {
                  assert.ok(Math.abs(a.date - b.date) >= GAP, `${where}: ${a.id} and ${b.id} at ${local(a.date)} / ${local(b.date)}`);
                  if (a.email && b.email && (a.to || "employer") === (b.to || "employer")) {
                    const [x, y] = a.date < b.date ? [a, b] : [b, a];
                    assert.ok(y.date >= workingDayAfter(x.date), `${where}: ${x.id} ${local(x.date)} and ${y.id} ${local(y.date)} within a working day`);
                  }
                }
                for (const dep of a.after || []) {
                  const before = all.find((s) => s.id === dep);
                  if (before) assert.ok(before.date < a.date, `${where}: ${a.id} before ${dep}`);
                }
                if (a.weekdayOnly) assert.ok(![0, 6].includes(a.date.getDay()), `${where}: ${a.id} on a weekend`);
              }
              // planned and read just after the news, and days later: nothing before the moment of planning
              for (const now of [new Date(+news + 10 * 60000), new Date(+news + 3 * 864e5 + 5 * 36e5)]) {
                const later = schedule(news, choice, POOL, ids, now);
                assert.deepEqual(later.steps.map((s) => s.id).sort(), [...ids].sort());
                assert.equal(later.passed, r.until < now, where);
                for (const s of [...(later.passed ? [] : [{ id: "dwell-end", date: later.until }]), ...later.steps]) {
                  assert.ok(s.date >= now, `${where}, planned ${local(now)}: ${s.id} at ${local(s.date)}`);
                  if (s.weekdayOnly) assert.ok(![0, 6].includes(s.date.getDay()), `${where}: ${s.id} on a weekend`);
                  const label = relative(s.date, W, now, LANG);
                  assert.ok(truthful(label, s.date, now), `${where}, read ${local(now)}: "${label}" for ${s.id} at ${local(s.date)}`);
                  checked++;
                }
              }
            }
          }
        }
      }
    } finally {
      process.env.TZ = "America/New_York";
    }
  }
  assert.ok(checked > 10000, `${checked} labels checked`);
});

test("Friday 05:50 and Saturday night: the words the issue found untrue are now true", () => {
  const p = plan([{ id: "reply", days: 1, at: hhmm(10), weekdayOnly: true, email: "r" },
    { id: "kind", from: "dwelling", hours: 1 }], { weekdayTime: hhmm(9) });
  const fri = at("2027-03-12T05:50");
  const r = schedule(fri, "tonight", p);
  const said = Object.fromEntries([["until", r.until], ...r.steps.map((s) => [s.id, s.date])].map(([id, d]) => [id, relative(d, W, fri, LANG)]));
  assert.deepEqual(said, { until: W.today_evening, kind: W.today_night, reply: fill(W.weekday_morning, { day: DAY_NAMES[1] }) });
  const sat = at("2027-03-13T23:30");
  const r2 = schedule(sat, "tonight", p);
  assert.equal(local(r2.until), "2027-03-14T20:00");
  assert.deepEqual(r2.steps.map((s) => [s.id, relative(s.date, W, sat, LANG)]), [["kind", W.tomorrow_night], ["reply", fill(W.weekday_morning, { day: DAY_NAMES[1] })]]);
});

test("weekdays are named by Intl in the language asked for, whatever the time zone", () => {
  const fri = at("2027-03-12T05:50");
  const monday = at("2027-03-15T09:00");
  assert.equal(relative(monday, W, fri, LANG), fill(W.weekday_morning, { day: DAY_NAMES[1] }));
  assert.equal(relative(monday, { ...W, weekday_morning: "El {day} por la mañana" }, fri, "es"), "El lunes por la mañana");
  // dates on the page and in the copied plan: Intl in the page's language, never English words of our own
  assert.match(show(monday, "es"), /^lunes, 15 de marzo.*9:00/);
  assert.match(show(monday, "en-US"), /^Monday, March 15.*9:00/);
  const p = plan([{ id: "a", hours: 3 }]), r = schedule(fri, 2, p);
  const text = asText(r, entries(r, p, {}, "https://example.org/"), W, "es");
  assert.ok(text.startsWith(fill(W.text_title, { zone: "hora oriental" })), text);  // the zone in words, not America/New_York
  assert.ok(text.includes(untilText(r, W, "es")) && text.includes("viernes, 12 de marzo"), text);
  process.env.TZ = "Pacific/Kiritimati";  // UTC+14: the weekday is the local one still
  try {
    const fri2 = at("2027-03-12T05:50"), mon2 = at("2027-03-15T09:00");
    assert.equal(relative(mon2, W, fri2, LANG), fill(W.weekday_morning, { day: DAY_NAMES[1] }));
  } finally {
    process.env.TZ = "America/New_York";
  }
});

// --- a plan that starts now: the moment the student plans, not the moment the news came

/** The entries of a plan as the calendar gets them, with the times the .ics file gives them. */
function calendar(news, r, p) {
  const list = entries(r, p, {}, "https://example.org/");
  const raw = ics(news, list).replace(/\r\n /g, "");
  const starts = [...raw.matchAll(/^DTSTART:(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/gm)]
    .map(([, y, mo, d, h, mi, sec]) => new Date(Date.UTC(+y, mo - 1, +d, +h, +mi, +sec)));
  return { list, starts };
}

// The issues' moments: news yesterday at 6 pm planned at 11:45 pm; news at 5:50 am planned at 2 pm on a
// Friday; news on Saturday night planned on Monday morning (across New York's spring change).
const MOMENTS = [
  ["2027-03-11T18:00", "2027-03-12T23:45"],
  ["2027-03-12T05:50", "2027-03-12T14:00"],
  ["2027-03-13T22:30", "2027-03-15T08:20"],
];

test("a plan made later than the news: no entry and no calendar event before the moment of planning, every word true", () => {
  for (const tz of ["America/New_York", "Europe/London"]) {
    process.env.TZ = tz;
    try {
      for (const [newsAt, nowAt] of MOMENTS) {
        const news = at(newsAt), now = at(nowAt);
        for (const choice of [defaultChoice(news, POOL, now), ...POOL.presets.map((p) => p.id), 2, 50]) {
          for (const ids of PLANS) {
            const r = schedule(news, choice, POOL, ids, now), where = `${tz} news ${newsAt}, planned ${nowAt}, ${choice}`;
            assert.deepEqual(r.steps.map((s) => s.id).sort(), [...ids].sort(), where);
            const { list, starts } = calendar(news, r, POOL);
            assert.equal(starts.length, list.length);
            for (const d of starts) assert.ok(d >= now, `${where}: an event at ${local(d)}`);
            for (const e of list) {
              assert.ok(e.date >= now, `${where}: ${e.id} at ${local(e.date)}`);
              const label = relative(e.date, W, now, LANG);
              assert.ok(truthful(label, e.date, now), `${where}: "${label}" for ${e.id} at ${local(e.date)}`);
            }
            // its time before the first step is over: said so, and no entry for it
            assert.equal(list.some((e) => e.id === "dwell-end"), !r.passed, where);
            assert.equal(untilText(r, W, LANG), r.passed ? W.passed : untilText({ ...r, passed: false }, W, LANG), where);
          }
        }
      }
    } finally {
      process.env.TZ = "America/New_York";
    }
  }
});

test("at 2 pm a step due that morning moves to the present, and says so truly", () => {
  const p = plan([{ id: "morning", days: 0, at: hhmm(10) }, { id: "reply", days: 0, at: hhmm(10), weekdayOnly: true, email: "r" }]);
  const news = at("2027-03-12T05:50"), now = at("2027-03-12T14:07");  // a Friday
  const r = schedule(news, 2, p, undefined, now);
  assert.deepEqual(r.steps.map((s) => [s.id, local(s.date), relative(s.date, W, now, LANG)]),
    [["morning", "2027-03-12T14:15", W.today_afternoon], ["reply", "2027-03-12T14:45", W.today_afternoon]]);  // the next quarter hour, then the gap
  assert.ok(r.passed);  // two hours from 05:50
  // late at night: the next morning; an email on a Friday night: Monday
  const late = schedule(news, 2, p, undefined, at("2027-03-12T23:45"));
  assert.deepEqual(late.steps.map((s) => [s.id, local(s.date)]), [["morning", "2027-03-13T08:30"], ["reply", "2027-03-15T09:15"]]);
});

test("steps counted from the end of the time before the first step count from now once it has passed", () => {
  const p = plan([{ id: "kind", from: "dwelling", hours: 1 }, { id: "review", from: "dwelling", days: 3, at: hhmm(17) }]);
  const news = at("2027-03-08T09:00");  // a Monday; "tonight" ended at 20:00
  const before = schedule(news, "tonight", p, undefined, at("2027-03-08T19:00"));
  assert.ok(!before.passed);
  assert.deepEqual(before.steps.map((s) => local(s.date)), ["2027-03-08T21:00", "2027-03-11T17:00"]);
  const after = schedule(news, "tonight", p, undefined, at("2027-03-10T12:10"));
  assert.ok(after.passed);
  assert.deepEqual(after.steps.map((s) => local(s.date)), ["2027-03-10T13:15", "2027-03-13T17:00"]);
  assert.equal(untilText(after, W, LANG), W.passed);
  assert.deepEqual(entries(after, p, {}, "https://example.org/").map((e) => e.id), ["kind", "review"]);
  assert.ok(!asText(after, entries(after, p, {}, "https://example.org/"), W, LANG).includes(p.end.title));
});

test("the weekend is offered only for news from Thursday to Sunday (not once it is over)", () => {
  const sunday = PLAN.presets.find((p) => p.id === "sunday");
  const days = { "2027-03-08T10:00": false, "2027-03-09T10:00": false, "2027-03-10T23:00": false, "2027-03-11T00:00": true,
    "2027-03-12T10:00": true, "2027-03-13T23:30": true, "2027-03-14T17:00": true, "2027-03-14T18:30": false };
  for (const [news, ok] of Object.entries(days)) assert.equal(offered(sunday, at(news), PLAN), ok, news);
  for (const p of PLAN.presets.filter((x) => !x.newsOn)) assert.ok(offered(p, at("2027-03-08T10:00"), PLAN), p.id);
  // "Tonight" (20:00) only while tonight's 20:00 is still to come: after it, it would be tomorrow night
  const tonight = PLAN.presets.find((p) => p.id === "tonight");
  assert.ok(offered(tonight, at("2027-03-08T00:30"), PLAN) && offered(tonight, at("2027-03-08T19:59"), PLAN));
  assert.ok(!offered(tonight, at("2027-03-08T20:00"), PLAN) && !offered(tonight, at("2027-03-08T22:00"), PLAN));
  assert.equal(defaultChoice(at("2027-03-08T22:00"), PLAN), "day");  // news late at night: a day, not "tonight" tomorrow
});

test("the choice to start with fits the time since the news", () => {
  const fri = at("2027-03-12T05:50");
  assert.equal(defaultChoice(fri, PLAN, at("2027-03-12T14:00")), "tonight");  // 20:00 is still to come
  assert.equal(defaultChoice(at("2027-03-08T18:00"), PLAN, at("2027-03-09T12:00")), "day");  // Monday: tonight is over, a day is not
  assert.equal(defaultChoice(at("2027-03-08T18:00"), PLAN, at("2027-03-09T23:45")), "tonight");  // all over: the plan's own, said plainly
  assert.ok(schedule(at("2027-03-08T18:00"), "tonight", PLAN, [], at("2027-03-09T23:45")).passed);
  // Thursday 18:00, planned Friday 23:45: "until Sunday" is still to come, but longer than longHours from the news
  assert.equal(defaultChoice(at("2027-03-11T18:00"), PLAN, at("2027-03-12T23:45")), "tonight");
  assert.equal(defaultChoice(at("2027-03-11T18:00"), { ...PLAN, longHours: 100 }, at("2027-03-12T23:45")), "sunday");
});

test("dates in Spanish end a sentence with one full stop (9:00 p.m., not 9:00 p.m..)", () => {
  const r = schedule(at("2027-03-12T12:00"), "tonight", PLAN, []);
  for (const lang of ["es-MX", "es-US", "es", "en-US", "en-GB", LANG]) {
    const line = untilText(r, W, lang);
    assert.ok(!/\.\./.test(line), `${lang}: ${line}`);
    assert.ok(line.includes(show(r.until, lang).replace(/\.$/, "")), `${lang}: ${line}`);
  }
  assert.match(show(r.until, "es-MX"), /p\.\s?m\.$/);  // the case that doubled the stop
});

test("the time zone is named in words the student knows, in the page's language", () => {
  const names = { "America/New_York": { en: "Eastern Time", es: "hora oriental" } };  // CLDR's, written here apart from Intl
  assert.equal(zone("en", at("2027-03-12T12:00")), names["America/New_York"].en);
  assert.equal(zone("es", at("2027-03-12T12:00")), names["America/New_York"].es);
  process.env.TZ = "Europe/London";
  try {
    for (const lang of ["en", "es"]) assert.ok(!/London|Europe|GMT|UTC/.test(zone(lang)), zone(lang));
  } finally {
    process.env.TZ = "America/New_York";
  }
});

test("beyond the coming week a step's day is counted from now, by Intl in the page's language", () => {
  const now = at("2027-03-12T14:00");
  assert.equal(relative(at("2027-03-22T10:00"), W, now, "en"), "In 10 days");
  assert.equal(relative(at("2027-03-22T10:00"), W, now, "es"), "Dentro de 10 días");
  assert.equal(relative(at("2027-03-19T10:00"), W, now, LANG), LANG === "en" ? "In 7 days" : "Dentro de 7 días");
});
