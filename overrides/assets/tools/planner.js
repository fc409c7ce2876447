/* The dwell-time planner: dates the plan's steps in the student's own time zone, from the moment the
 * student plans (never a step or calendar entry before it), and exports
 * them as an .ics file, as text and on paper. The compact entry point elsewhere is a plain form that
 * opens this page as planner/?dwell=<id>; the form here starts from that choice. Markup and data come from hooks/components/planner.py
 * (partials/planner.html, rules in docs/_data/planner.yml, handed over by
 * guidekit/planner.py script_data: times of day as minutes after midnight, the night as ranges
 * that never wrap past midnight). Loaded only on planner pages.
 *
 * The page carries every step of the pool; the plan shown is the chosen situation's
 * (guide.situationInfo().plan, from the situations tool) or else the general plan.
 *
 * The first half is plain functions (which plan, scheduling, words for dates, input checks, the
 * calendar file): under Node this file exports them instead of touching a page, for the tests in
 * tests/js/. Those that say something take the words (`W`: the planner's script words from
 * overrides/text/<language>.yml) as a parameter; dates and weekdays are written by Intl. */
(() => {
  "use strict";

  const HOUR = 36e5, DAY = 864e5;
  const pad = (n) => String(n).padStart(2, "0");
  const weekend = (day) => day % 6 === 0;
  const minuteOfDay = (d) => d.getHours() * 60 + d.getMinutes();

  /** The first local time `t` (minutes after midnight) at or after `from` (strictly after if `strict`)
   *  on a day `ok` accepts. */
  function next(from, t, ok = () => true, strict = false) {
    for (let i = 0; i < 9; i++) {
      const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + i, Math.floor(t / 60), t % 60);
      if ((strict ? d > from : d >= from) && ok(d.getDay())) return d;
    }
  }

  /** In the night: the local time lies in one of the night's [start, end) minute ranges. */
  function inNight(d, night) {
    const t = minuteOfDay(d);
    return night.ranges.some(([s, e]) => s <= t && t < e);
  }

  /** When the time before the first step ends (dwelling): choice is a preset id or a number of hours. */
  function dwellEnd(news, choice, plan) {
    const p = typeof choice === "number" ? { hours: choice } : plan.presets.find((x) => x.id === choice);
    if (!p) throw new RangeError("no dwell preset " + choice);
    if (p.hours != null) return new Date(+news + p.hours * HOUR);
    return next(news, p.until, (day) => p.weekday == null || day === p.weekday, true);
  }

  /** Whether a preset is offered for news at `news`: on the days its `newsOn` lists (e.g. "the weekend" from
   *  Thursday to Sunday), and a preset that ends at a time of day only while that time is still to come on the
   *  news's day ("Tonight" at 21:00 is not offered for news at 22:00: it would be tomorrow night), or for a
   *  weekday, in the news's week (on a Sunday evening the weekend is over: its next "Sunday 20:00" would be a
   *  week away). */
  function offered(p, news, plan) {
    if (p.newsOn && !p.newsOn.includes(news.getDay())) return false;
    return p.until == null || daysBetween(news, dwellEnd(news, p.id, plan)) < (p.weekday == null ? 1 : 7);
  }

  /** The choice to start with for news at `news`, planned at `now`: the plan's default, or else the first
   *  offered preset whose end is still to come and not long (the plan's longHours); when none is, the plan's
   *  default or else the first offered preset (whose time has then passed: the plan starts now). */
  function defaultChoice(news, plan, now = news) {
    const fits = (p) => offered(p, news, plan) && dwellEnd(news, p.id, plan) >= now &&
      dwellEnd(news, p.id, plan) - news <= plan.longHours * HOUR;
    const order = [...plan.presets.filter((p) => p.id === plan.default), ...plan.presets.filter((p) => p.id !== plan.default)];
    return (order.find(fits) || order.find((p) => offered(p, news, plan)) || order[0]).id;
  }

  /** The first quarter hour at or after `d`: where a plan made at `d` may start (offsets are whole quarter hours). */
  const QUARTER = 15 * 60000;
  const quarter = (d) => new Date(Math.ceil(+d / QUARTER) * QUARTER);

  /** A date moved out of the night (to the morning) and, for weekday-only steps, off the weekend. */
  function settle(d, s, plan) {
    if (inNight(d, plan.night)) d = next(d, plan.night.moveTo);
    if (s.weekdayOnly && weekend(d.getDay())) d = next(d, plan.weekdayTime, (day) => !weekend(day));
    return d;
  }

  /** The step's date by its own rule: counted from the news or the end of dwelling, then settled; a date
   *  before `start` (the moment of planning) becomes `start`, settled. */
  function ruled(s, news, until, plan, start) {
    const base = s.from === "news" ? news : until;
    const d = s.at != null  // 0 is midnight
      ? next(s.days ? new Date(base.getFullYear(), base.getMonth(), base.getDate() + s.days) : base, s.at, undefined, !s.days)
      : new Date(+base + s.hours * HOUR);
    return settle(d < start ? new Date(+start) : d, s, plan);
  }

  /** Calendar entries (the end of dwelling and every step) stay at least this far apart: never two at one minute. */
  const GAP = 30 * 60000;

  /** The same time of day on the next working day (Monday to Friday) after `d`'s day: the earliest a
   *  second email to the same person may go, so no one gets two emails within a working day. */
  function workingDayAfter(d) {
    return next(new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1), minuteOfDay(d), (day) => !weekend(day));
  }

  /** Two emails to the same person within a working day of each other. */
  const tooSoon = (a, b) => (a <= b ? b < workingDayAfter(a) : a < workingDayAfter(b));

  /** The step ids of the plan to show: the chosen situation's `plan` when it names steps of the pool,
   *  else the general plan. `info` is guide.situationInfo()'s answer (or null). */
  function planIds(plan, info) {
    const known = new Set(plan.steps.map((s) => s.id));
    const ids = info && Array.isArray(info.plan) ? info.plan.filter((id) => known.has(id)) : [];
    return ids.length ? [...new Set(ids)] : plan.general;
  }

  /** {until, passed, steps: [{...step, date}]} in date order, for the steps `ids` (the general plan when left
   *  out), planned at `now` (the news, when left out). The plan starts now: when the time before the first
   *  step has already ended by `now` (`passed`), the steps that count from it count from the first quarter
   *  hour at or after `now` instead, and the end is no entry of the plan; no step comes before that
   *  quarter hour. Each step's date follows its rule (night-time steps move to the morning, weekday-only
   *  steps off the weekend), then moves later, never earlier, until: it comes after the steps it is
   *  `after`, no other entry (nor the end of dwelling) lies within GAP of it, and no other email to the
   *  same person lies within a working day of it. Local dates, so daylight-saving changes are handled. */
  function schedule(news, choice, plan, ids = plan.general || plan.steps.map((s) => s.id), now = news) {
    const until = dwellEnd(news, choice, plan);
    const start = quarter(now), passed = until < now;
    const from = passed ? start : until;
    const byId = new Map(plan.steps.map((s) => [s.id, s]));
    const chosen = ids.map((id) => byId.get(id)).filter(Boolean);
    const inPlan = new Set(chosen.map((s) => s.id));
    const pending = chosen.map((s, i) => ({ s, i, date: ruled(s, news, from, plan, start) }));
    const placed = passed ? [] : [{ s: { id: "dwell-end" }, date: until }];
    const done = new Map();
    while (pending.length) {
      // the earliest step whose `after` steps are all placed (`after` never goes in a circle: the build checks)
      const ready = pending.filter((p) => (p.s.after || []).every((a) => !inPlan.has(a) || done.has(a)));
      const p = (ready.length ? ready : pending).reduce((a, b) => (b.date < a.date || (+b.date === +a.date && b.i < a.i) ? b : a));
      pending.splice(pending.indexOf(p), 1);
      let d = p.date;
      for (let moved = true, n = 0; moved && n < 500; n++) {
        moved = false;
        const later = (t) => { if (t > d) { d = settle(t, p.s, plan); moved = true; } };
        for (const a of p.s.after || []) if (done.has(a)) later(new Date(+done.get(a) + GAP));
        for (const q of placed) {
          if (Math.abs(d - q.date) < GAP) later(new Date(+q.date + GAP));
          if (p.s.email && q.s.email && (p.s.to || "employer") === (q.s.to || "employer") && tooSoon(q.date, d)) later(workingDayAfter(q.date));
        }
      }
      placed.push({ s: p.s, date: d });
      done.set(p.s.id, d);
    }
    const steps = placed.slice(passed ? 0 : 1).map((q) => Object.assign({}, q.s, { date: q.date }));
    return { until, passed, steps: steps.sort((a, b) => a.date - b.date) };
  }

  // --- Words for a date, true to the date as the student reads it: "Tonight", "Tomorrow morning",
  // "Monday morning", "In 10 days" (the words: W.today_night, W.weekday_morning...; the count by
  // Intl.RelativeTimeFormat). A plan holds nothing before the moment it was made, so there are no words
  // for a past day. Parts of the day end at these minutes after midnight: one vocabulary for the words
  // here and the `when` lines of planner.yml (as in CLDR's English day periods: 5 pm is afternoon).
  const PARTS = [[5 * 60, "early"], [12 * 60, "morning"], [18 * 60, "afternoon"], [21 * 60, "evening"], [24 * 60, "night"]];
  const partOfDay = (d) => PARTS.find(([end]) => minuteOfDay(d) < end)[1];
  /** guide.fill, also under Node; a value ending in a full stop right before one ("9:00 p.m." + ".") gives one. */
  const fill = (text, values) => String(text).replace(/\{(\w+)\}(\.?)/g, (m, k, stop) => {
    if (!(k in values)) return m;
    const value = String(values[k]);
    return stop && value.endsWith(".") ? value : value + stop;
  });
  const formats = new Map();
  /** An Intl formatter (`Kind`: Intl.DateTimeFormat, Intl.PluralRules...) for `lang` (a BCP 47 tag), made once. */
  function format(lang, options, Kind = Intl.DateTimeFormat) {
    const key = Kind.name + lang + JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Kind(lang, options));
    return formats.get(key);
  }
  /** Words that depend on the number `values[name]`: `W[key + "_" + its CLDR plural category in `lang`]` (e.g.
   *  news_too_old_one), else `W[key + "_other"]`, filled with `values`. */
  const plural = (W, key, name, values, lang) =>
    fill(W[`${key}_${format(lang, {}, Intl.PluralRules).select(values[name])}`] || W[`${key}_other`], values);
  /** The name of weekday `day` (0 = Sunday) in `lang`: a Sunday of January 2027 plus `day`, read in UTC (a
   *  format keeps the time zone it was made in; the local day is already known). */
  const weekday = (day, lang) => format(lang, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2027, 0, 3 + day));
  /** Calendar days from a's day to b's day (local; a day across a DST change still counts one). */
  const daysBetween = (a, b) => Math.round((new Date(b.getFullYear(), b.getMonth(), b.getDate()) -
    new Date(a.getFullYear(), a.getMonth(), a.getDate())) / DAY);
  const capital = (text, lang) => text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);

  /** How a date (never before `now`) is called, seen from `now`: today or tomorrow and the part of the day,
   *  the weekday's name (in `lang`) within the coming week, else in how many days (Intl.RelativeTimeFormat).
   *  `W`: the planner's script words. */
  function relative(d, W, now = new Date(), lang = "en") {
    const ahead = daysBetween(now, d), part = partOfDay(d);
    if (ahead === 0 || ahead === 1) return W[`${ahead ? "tomorrow" : "today"}_${part}`];
    if (ahead > 1 && ahead < 7) return fill(W[`weekday_${part}`], { day: weekday(d.getDay(), lang) });
    return capital(format(lang, { numeric: "auto" }, Intl.RelativeTimeFormat).format(ahead, "day"), lang);
  }

  /** The typed "when the news came" as a Date, or {error} (in the words `W`). */
  function parseNews(value, plan, W, now = new Date(), lang = "en") {
    const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)/.exec(value.trim());
    if (!m) return { error: W.news_format };
    const [y, mo, d, h, mi] = m.slice(1).map(Number);
    const date = new Date(y, mo - 1, d, h, mi);
    if (h > 23 || mi > 59) return { error: W.news_no_time };
    if (date.getMonth() !== mo - 1 || date.getDate() !== d) return { error: W.news_no_date };
    if (date.getHours() !== h || date.getMinutes() !== mi) return { error: W.news_skipped_hour };
    if (date < now - plan.news.daysAgo * DAY) return { error: plural(W, "news_too_old", "days", { days: plan.news.daysAgo }, lang) };
    if (date > +now + plan.news.daysAhead * DAY) return { error: plural(W, "news_too_far", "days", { days: plan.news.daysAhead }, lang) };
    return { date };
  }

  function parseHours(value, plan, W) {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < plan.custom.min || n > plan.custom.max) {
      return { error: fill(W.hours_range, { min: plan.custom.min, max: plan.custom.max }) };
    }
    return { hours: n };
  }

  const local = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  function iso(d) {
    const o = -d.getTimezoneOffset();
    return `${local(d)}${o < 0 ? "-" : "+"}${pad(Math.abs(o) / 60 | 0)}:${pad(Math.abs(o) % 60)}`;
  }
  /** A date as the page shows it: weekday, day, month and time, written by Intl in `lang`. */
  const show = (d, lang) => format(lang, { weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" }).format(d);
  /** The student's time zone in words they know, in `lang` ("Eastern Time", "hora oriental"): CLDR's generic
   *  name as Intl writes it, else its specific one, else the zone's id. */
  function zone(lang, d = new Date()) {
    for (const timeZoneName of ["longGeneric", "long"]) {
      try {
        const name = format(lang, { timeZoneName }).formatToParts(d).find((x) => x.type === "timeZoneName");
        if (name && !/^GMT[+-]|^UTC[+-]/.test(name.value)) return name.value;
      } catch (e) { /* an older browser: the next form */ }
    }
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  /** The line over the plan: when the first small step comes, or that its time has passed. */
  const untilText = (result, W, lang) => (result.passed ? W.passed : fill(W.until, { date: show(result.until, lang) }));

  // --- RFC 5545 calendar file: CRLF, lines folded at 75 octets, TEXT escaped, times in UTC.
  const enc = new TextEncoder();
  function fold(line) {
    let out = "", n = 0;
    for (const ch of line) {  // whole code points, so a UTF-8 sequence is never split
      const b = enc.encode(ch).length;
      if (n + b > 75) { out += "\r\n "; n = 1; }
      out += ch; n += b;
    }
    return out;
  }
  const esc = (t) => String(t).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  const utc = (d) => d.toISOString().replace(/[-:]|\.\d+/g, "");

  /** Entries for the file and the text copy: the end of dwelling (time for one small step; none once it
   *  has passed), then each step (links resolved against `base`). */
  function entries(result, plan, fields, base) {
    const who = [fields.company, fields.interviewer_name].filter(Boolean).join(", ");
    return [...(result.passed ? [] : [{ id: "dwell-end", title: plan.end.title, why: plan.end.why, date: result.until }]),
      ...result.steps.map((s) => ({ id: s.id, title: s.title + (s.email && who ? ` (${who})` : ""), why: s.why, date: s.date,
        url: new URL(s.url, base).href }))];
  }

  function ics(news, list) {
    const stamp = utc(new Date());
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//After the No//Dwell-time planner//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    for (const e of list) {
      lines.push("BEGIN:VEVENT", `UID:${e.id}-${utc(news)}@after-the-no.planner`, "DTSTAMP:" + stamp,
        "DTSTART:" + utc(e.date), "DTEND:" + utc(new Date(+e.date + 18e5)), "SUMMARY:" + esc(e.title),
        "DESCRIPTION:" + esc(e.url ? `${e.why}\n${e.url}` : e.why));
      if (e.url) lines.push("URL:" + e.url);
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc(e.title), "TRIGGER:-PT15M", "END:VALARM", "END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function asText(result, list, W, lang) {
    return [fill(W.text_title, { zone: zone(lang) }), untilText(result, W, lang), "",
      ...list.filter((e) => e.url).map((e) => `${show(e.date, lang)}: ${e.title}\n  ${e.why}\n  ${e.url}`)].join("\n");
  }

  const rules = { schedule, dwellEnd, offered, defaultChoice, planIds, relative, daysBetween, workingDayAfter, GAP, parseNews,
    parseHours, entries, ics, fold, iso, asText, show, zone, untilText, fill };
  if (typeof window === "undefined") {  // Node: node --test tests/js/
    module.exports = rules;
    return;
  }
  if (window.guidePlanner) return;
  const W = guide.words("planner");

  /** The locale for dates and times: the page's language (guide.lang()), in the reader's own regional
   *  form when the browser's language is a form of it (en-GB on an English page: 24-hour times). */
  function locale() {
    const lang = guide.lang(), base = (tag) => String(tag).split("-")[0].toLowerCase();
    return (navigator.languages || [navigator.language]).find((tag) => tag && base(tag) === base(lang)) || lang;
  }

  // --- Page widgets. Typed values live in guide.get("planner") / guide.get("fields"): in memory
  // for this visit, written to the device only when the student ticks "Remember my details".
  const state = () => guide.get("planner");

  function say(input, res) {
    const err = document.getElementById(input.id + "-error");
    err.hidden = !res.error;
    err.textContent = res.error || "";
    if (res.error) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return !res.error;
  }

  /** The chosen situation's entry (guide.situationInfo, from the situations tool), or null. */
  const situation = () => {
    try { return window.guide && typeof guide.situationInfo === "function" ? guide.situationInfo() : null; } catch (e) { return null; }
  };
  const longDwell = (news, until, plan) => until - news > plan.longHours * HOUR;

  function full(box, plan) {
    const form = box.querySelector("form"), el = form.elements, st = state(), fields = guide.get("fields");  // for the start
    const until = box.querySelector("[data-planner-until]"), list = box.querySelector("ol");
    const invalid = box.querySelector("[data-planner-invalid]"), long = box.querySelector("[data-planner-long]");
    const hoursBox = box.querySelector(".planner__hours"), help = box.querySelector("[data-planner-ics-help]");
    const actions = [...box.querySelectorAll(".planner__actions button")], zoneLine = box.querySelector("[data-planner-zone]");
    const items = new Map([...list.querySelectorAll("li[data-step]")].map((li) => [li.dataset.step, li]));
    const words = new Map([...items].map(([id, li]) => [id, li.querySelector(".planner__relative").textContent]));
    // The compact entry point on another page is a plain form: planner/?dwell=<id> (and &news=, &hours=).
    const asked = new URLSearchParams(location.search);
    const pick = (name, ok) => (asked.has(name) && ok(asked.get(name)) ? asked.get(name) : null);
    el.news.value = pick("news", (v) => !parseNews(v, plan, W).error) || st.news || local(new Date());
    // the student's own choice (from the compact form, or made here); without one, the choice that fits
    // the time since the news (defaultChoice), worked out again whenever the news or the time changes
    let chosen = pick("dwell", (v) => v === "custom" || plan.presets.some((p) => p.id === v)) || st.dwell || null;
    const choices = new Map();  // a choice's value -> its radio and label
    for (const input of form.querySelectorAll("input[name=dwell]")) choices.set(input.value, input.closest(".planner__choice"));
    el.hours.value = pick("hours", (v) => !parseHours(v, plan, W).error) || st.hours || plan.custom.default;
    el.company.value = fields.company || "";
    el.interviewer_name.value = fields.interviewer_name || "";
    el.remember.checked = guide.get("prefs").rememberFields === true;
    let last = null;  // the plan on show; null while an input is wrong (no stale plan, no stale file)

    /** Show the steps `ids` (in `order`); without dates, each with its timing in words. */
    function showSteps(ids, dated) {
      for (const [id, li] of items) li.hidden = !ids.includes(id);
      for (const id of ids) {
        const li = items.get(id), s = dated && dated.get(id);
        let time = li.querySelector("time");  // created here: an empty <time> isn't valid HTML
        if (s) {
          if (!time) li.querySelector(".planner__when").append(" ", time = document.createElement("time"));
          time.dateTime = iso(s.date);
          time.textContent = show(s.date, locale());
          li.querySelector(".planner__relative").textContent = relative(s.date, W, last.now, locale());
        } else {
          if (time) { time.previousSibling.remove(); time.remove(); }
          li.querySelector(".planner__relative").textContent = words.get(id);
        }
        list.append(li);
      }
    }

    /** The presets offered for this news (the others hidden), and the choice: the student's own while it
     *  is offered, else the one that fits the time since the news; none is ticked when every one's time
     *  has passed (a "Tonight" ticked the next day would read as this night). The choice to plan with. */
    function choose(news, now) {
      for (const p of plan.presets) choices.get(p.id).hidden = news ? !offered(p, news, plan) : false;
      const mine = chosen && (chosen === "custom" || !choices.get(chosen).hidden) ? chosen : null;
      const choice = mine || (news ? defaultChoice(news, plan, now) : plan.default);
      const over = !mine && news && dwellEnd(news, choice, plan) < now;
      for (const radio of form.querySelectorAll("input[name=dwell]")) radio.checked = !over && radio.value === choice;
      return choice;
    }

    function update(ev) {
      const now = new Date();
      if (ev && ev.target === el.hours) el.dwell.value = "custom";
      if (ev && (ev.target === el.hours || ev.target.name === "dwell")) chosen = el.dwell.value;
      if (ev && ev.target === el.remember) {
        guide.get("prefs").rememberFields = el.remember.checked;
        guide.announce(el.remember.checked ? W.remembered : W.forgotten);
      }
      const news = parseNews(el.news.value, plan, W, now, locale());
      const choice = choose(news.date, now);
      // fresh sections each time: "Clear everything" replaces them
      Object.assign(state(), { news: el.news.value, dwell: chosen || undefined, hours: el.hours.value });
      Object.assign(guide.get("fields"), { company: el.company.value, interviewer_name: el.interviewer_name.value });
      guide.save();
      const custom = choice === "custom";
      hoursBox.hidden = !custom;
      const hours = custom ? parseHours(el.hours.value, plan, W) : {};
      const ok = [say(el.news, news), say(el.hours, hours)].every(Boolean);  // both messages
      const ids = planIds(plan, situation());
      last = ok ? { news: news.date, now, result: schedule(news.date, custom ? hours.hours : choice, plan, ids, now) } : null;
      invalid.hidden = ok;
      until.hidden = !ok;
      long.hidden = !ok || !longDwell(last.news, last.result.until, plan);
      for (const button of actions) button.disabled = !ok;
      if (!ok) help.hidden = true;
      until.textContent = ok ? untilText(last.result, W, locale()) : "";
      zoneLine.textContent = fill(W.zone, { zone: zone(locale(), now) });
      showSteps(ok ? last.result.steps.map((s) => s.id) : ids, ok && new Map(last.result.steps.map((s) => [s.id, s])));
    }

    const exported = () => entries(last.result, plan, guide.get("fields"), location.href);
    // the file and the copy are made from a plan made at the click: nothing in them is already past
    box.querySelector("[data-planner-ics]").addEventListener("click", () => {
      update();
      if (!last) return;
      guide.download(W.ics_file, "text/calendar;charset=utf-8", ics(last.news, exported()));
      help.hidden = false;
      guide.announce(fill(W.downloading, { help: help.textContent.trim() }));
    });
    box.querySelector("[data-planner-copy]").addEventListener("click", () => {
      update();
      if (!last) return;
      navigator.clipboard.writeText(asText(last.result, exported(), W, locale())).then(
        () => guide.announce(W.copied),
        () => guide.announce(W.copy_failed));
    });
    box.querySelector("[data-planner-print]").addEventListener("click", () => { if (last) window.print(); });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (ev) => ev.preventDefault());
    refreshers.push(() => box.isConnected && update());  // the situation changed, or the time did
    update();
  }

  // Re-plan when the chosen situation changes (guide.onChange), when the page comes back into view, and
  // at each quarter hour while it is in view: the plan starts at the next quarter hour, and "This morning"
  // must stay true. Pages left behind drop out.
  const refreshers = [];
  const refresh = () => {
    for (let i = refreshers.length - 1; i >= 0; i--) if (refreshers[i]() === false) refreshers.splice(i, 1);
  };
  guide.onChange(refresh);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
  let shown = quarter(new Date()).getTime();
  setInterval(() => {
    const q = quarter(new Date()).getTime();
    if (q !== shown && !document.hidden) { shown = q; refresh(); }
  }, 20000);

  function bind(root) {
    for (const box of root.querySelectorAll("[data-planner]:not([data-bound])")) {  // rules: hooks/components/planner.py
      box.dataset.bound = "";
      const plan = JSON.parse(box.dataset.planner);
      full(box, plan);
    }
  }

  window.guidePlanner = rules;
  guide.onPage(bind);
})();
