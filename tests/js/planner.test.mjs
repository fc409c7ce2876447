// The planner's rules (overrides/assets/tools/planner.js) under Node: node --test tests/js/
// Example data owned by these tests, in the form guidekit/planner.py script_data hands the page:
// times of day as minutes after midnight, the night as ranges that never wrap past midnight.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

process.env.TZ = "America/New_York";  // Node applies a changed TZ at once; some tests switch it
const { schedule, dwellEnd, parseNews, parseHours, entries, ics, fold, iso } =
  createRequire(import.meta.url)("../../overrides/assets/tools/planner.js");

const hhmm = (h, m = 0) => h * 60 + m;
const PLAN = {
  presets: [
    { id: "tonight", label: "Tonight", until: hhmm(20), weekday: null },
    { id: "day", label: "A day", hours: 24 },
    { id: "sunday", label: "Until Sunday", until: hhmm(18), weekday: 0 },
  ],
  default: "tonight",
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
function when(news, choice, p) {
  const r = schedule(at(news), choice, p);
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
  const r = when("2027-03-09T05:00", 2, p);  // a at 06:00 (night), b at 07:00 (morning)
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
  assert.equal(r.sun, "2027-03-15T09:15");
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
  const err = (v) => parseNews(v, PLAN, now).error || "ok";
  assert.equal(err("2027-03-09T11:00"), "ok");
  assert.equal(local(parseNews("2027-03-09 11:00", PLAN, now).date), "2027-03-09T11:00");
  assert.match(err(""), /Enter the date and time/);
  assert.match(err("2027-02-30T10:00"), /no such date/);
  assert.match(err("2027-03-09T24:10"), /no such time/);
  assert.match(err("2027-03-14T02:30"), /clocks went forward/);  // New York's skipped hour
  assert.match(err("2027-02-07T09:00"), /more than 30 days ago/);
  assert.equal(err("2027-02-09T09:00"), "ok");
  assert.match(err("2027-03-13T11:00"), /more than 3 days from now/);
});

test("custom hours are whole numbers within the plan's bounds", () => {
  for (const ok of ["2", "100", " 7 "]) assert.deepEqual(parseHours(ok, PLAN), { hours: Number(ok) }, ok);
  for (const bad of ["", "1", "101", "2.5", "-3", "1e2", "ten"]) {
    assert.equal(parseHours(bad, PLAN).error, "Enter a whole number of hours from 2 to 100.", bad);
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
