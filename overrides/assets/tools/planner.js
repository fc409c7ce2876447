/* The dwell-time planner: dates the plan's steps in the student's own time zone, and exports
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

  /** When dwelling ends: choice is a preset id or a number of hours. */
  function dwellEnd(news, choice, plan) {
    const p = typeof choice === "number" ? { hours: choice } : plan.presets.find((x) => x.id === choice);
    if (!p) throw new RangeError("no dwell preset " + choice);
    if (p.hours != null) return new Date(+news + p.hours * HOUR);
    return next(news, p.until, (day) => p.weekday == null || day === p.weekday, true);
  }

  /** A date moved out of the night (to the morning) and, for weekday-only steps, off the weekend. */
  function settle(d, s, plan) {
    if (inNight(d, plan.night)) d = next(d, plan.night.moveTo);
    if (s.weekdayOnly && weekend(d.getDay())) d = next(d, plan.weekdayTime, (day) => !weekend(day));
    return d;
  }

  /** The step's date by its own rule: counted from the news or the end of dwelling, then settled. */
  function ruled(s, news, until, plan) {
    const base = s.from === "news" ? news : until;
    const d = s.at != null  // 0 is midnight
      ? next(s.days ? new Date(base.getFullYear(), base.getMonth(), base.getDate() + s.days) : base, s.at, undefined, !s.days)
      : new Date(+base + s.hours * HOUR);
    return settle(d, s, plan);
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

  /** {until, steps: [{...step, date}]} in date order, for the steps `ids` (the general plan when left out).
   *  Each step's date follows its rule (night-time steps move to the morning, weekday-only steps off the
   *  weekend), then moves later, never earlier, until: it comes after the steps it is `after`, no other
   *  entry (nor the end of dwelling) lies within GAP of it, and no other email to the same person lies
   *  within a working day of it. Local dates, so daylight-saving changes are handled. */
  function schedule(news, choice, plan, ids = plan.general || plan.steps.map((s) => s.id)) {
    const until = dwellEnd(news, choice, plan);
    const byId = new Map(plan.steps.map((s) => [s.id, s]));
    const chosen = ids.map((id) => byId.get(id)).filter(Boolean);
    const inPlan = new Set(chosen.map((s) => s.id));
    const pending = chosen.map((s, i) => ({ s, i, date: ruled(s, news, until, plan) }));
    const placed = [{ s: { id: "dwell-end" }, date: until }];
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
    const steps = placed.slice(1).map((q) => Object.assign({}, q.s, { date: q.date }));
    return { until, steps: steps.sort((a, b) => a.date - b.date) };
  }

  // --- Words for a date, true to the date: "Tonight", "Tomorrow morning", "Monday morning",
  // "10 days after the news" (the words: W.today_night, W.weekday_morning...). Parts of the day end
  // at these minutes after midnight.
  const PARTS = [[5 * 60, "early"], [12 * 60, "morning"], [17 * 60, "afternoon"], [21 * 60, "evening"], [24 * 60, "night"]];
  /** The words for each part of a day: today (0), tomorrow (1), yesterday (-1), and a day within the week. */
  const said = (W) => ({
    0: { early: W.today_early, morning: W.today_morning, afternoon: W.today_afternoon, evening: W.today_evening, night: W.today_night },
    1: { early: W.tomorrow_early, morning: W.tomorrow_morning, afternoon: W.tomorrow_afternoon, evening: W.tomorrow_evening, night: W.tomorrow_night },
    "-1": { early: W.yesterday_early, morning: W.yesterday_morning, afternoon: W.yesterday_afternoon, evening: W.yesterday_evening, night: W.yesterday_night },
    week: { early: W.weekday_early, morning: W.weekday_morning, afternoon: W.weekday_afternoon, evening: W.weekday_evening, night: W.weekday_night },
  });
  const partOfDay = (d) => PARTS.find(([end]) => minuteOfDay(d) < end)[1];
  const fill = (text, values) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));  // guide.fill, also under Node
  const formats = new Map();
  /** An Intl.DateTimeFormat for `lang` (a BCP 47 tag), made once. */
  function format(lang, options) {
    const key = lang + JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(lang, options));
    return formats.get(key);
  }
  /** The name of weekday `day` (0 = Sunday) in `lang`: a Sunday of January 2027 plus `day`, read in UTC (a
   *  format keeps the time zone it was made in; the local day is already known). */
  const weekday = (day, lang) => format(lang, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2027, 0, 3 + day));
  /** Calendar days from a's day to b's day (local; a day across a DST change still counts one). */
  const daysBetween = (a, b) => Math.round((new Date(b.getFullYear(), b.getMonth(), b.getDate()) -
    new Date(a.getFullYear(), a.getMonth(), a.getDate())) / DAY);

  /** How a date is called, seen from `now`: by name within the coming week (the weekday's name in
   *  `lang`), else counted from the news. `W`: the planner's script words. */
  function relative(d, news, W, now = new Date(), lang = "en") {
    const ahead = daysBetween(now, d), part = partOfDay(d), words = said(W);
    if (words[ahead]) return words[ahead][part];
    if (ahead > 1 && ahead < 7) return fill(words.week[part], { day: weekday(d.getDay(), lang) });
    const n = daysBetween(news, d);
    return n === 0 ? W.news_day : n === 1 ? W.news_day_after : fill(W.news_days_after, { n });
  }

  /** The typed "when the news came" as a Date, or {error} (in the words `W`). */
  function parseNews(value, plan, W, now = new Date()) {
    const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)/.exec(value.trim());
    if (!m) return { error: W.news_format };
    const [y, mo, d, h, mi] = m.slice(1).map(Number);
    const date = new Date(y, mo - 1, d, h, mi);
    if (h > 23 || mi > 59) return { error: W.news_no_time };
    if (date.getMonth() !== mo - 1 || date.getDate() !== d) return { error: W.news_no_date };
    if (date.getHours() !== h || date.getMinutes() !== mi) return { error: W.news_skipped_hour };
    if (date < now - plan.news.daysAgo * DAY) return { error: fill(W.news_too_old, { days: plan.news.daysAgo }) };
    if (date > +now + plan.news.daysAhead * DAY) return { error: fill(W.news_too_far, { days: plan.news.daysAhead }) };
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
  const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  const untilText = (d, W, lang) => fill(W.until, { date: show(d, lang) });

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

  /** Entries for the file and the text copy: the end of dwelling, then each step (links resolved against `base`). */
  function entries(result, plan, fields, base) {
    const who = [fields.company, fields.interviewer_name].filter(Boolean).join(", ");
    return [{ id: "dwell-end", title: plan.end.title, why: plan.end.why, date: result.until },
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
    return [fill(W.text_title, { zone: zone() }), untilText(result.until, W, lang), "",
      ...list.slice(1).map((e) => `${show(e.date, lang)}: ${e.title}\n  ${e.why}\n  ${e.url}`)].join("\n");
  }

  const rules = { schedule, dwellEnd, planIds, relative, daysBetween, workingDayAfter, GAP, parseNews, parseHours, entries, ics, fold, iso, asText, show };
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
    const actions = [...box.querySelectorAll(".planner__actions button")];
    const items = new Map([...list.querySelectorAll("li[data-step]")].map((li) => [li.dataset.step, li]));
    const words = new Map([...items].map(([id, li]) => [id, li.querySelector(".planner__relative").textContent]));
    // The compact entry point on another page is a plain form: planner/?dwell=<id> (and &news=, &hours=).
    const asked = new URLSearchParams(location.search);
    const pick = (name, ok) => (asked.has(name) && ok(asked.get(name)) ? asked.get(name) : null);
    el.news.value = pick("news", (v) => !parseNews(v, plan, W).error) || st.news || local(new Date());
    el.dwell.value = pick("dwell", (v) => v === "custom" || plan.presets.some((p) => p.id === v)) || st.dwell || plan.default;
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
          li.querySelector(".planner__relative").textContent = relative(s.date, last.news, W, new Date(), locale());
        } else {
          if (time) { time.previousSibling.remove(); time.remove(); }
          li.querySelector(".planner__relative").textContent = words.get(id);
        }
        list.append(li);
      }
    }

    function update(ev) {
      if (ev && ev.target === el.hours) el.dwell.value = "custom";
      if (ev && ev.target === el.remember) {
        guide.get("prefs").rememberFields = el.remember.checked;
        guide.announce(el.remember.checked ? W.remembered : W.forgotten);
      }
      // fresh sections each time: "Clear everything" replaces them
      Object.assign(state(), { news: el.news.value, dwell: el.dwell.value, hours: el.hours.value });
      Object.assign(guide.get("fields"), { company: el.company.value, interviewer_name: el.interviewer_name.value });
      guide.save();
      const news = parseNews(el.news.value, plan, W);
      const custom = el.dwell.value === "custom";
      hoursBox.hidden = !custom;
      const hours = custom ? parseHours(el.hours.value, plan, W) : {};
      const ok = [say(el.news, news), say(el.hours, hours)].every(Boolean);  // both messages
      const ids = planIds(plan, situation());
      last = ok ? { news: news.date, result: schedule(news.date, custom ? hours.hours : el.dwell.value, plan, ids) } : null;
      invalid.hidden = ok;
      until.hidden = !ok;
      long.hidden = !ok || !longDwell(last.news, last.result.until, plan);
      for (const button of actions) button.disabled = !ok;
      if (!ok) help.hidden = true;
      until.textContent = ok ? untilText(last.result.until, W, locale()) : "";
      showSteps(ok ? last.result.steps.map((s) => s.id) : ids, ok && new Map(last.result.steps.map((s) => [s.id, s])));
    }

    const exported = () => entries(last.result, plan, guide.get("fields"), location.href);
    box.querySelector("[data-planner-ics]").addEventListener("click", () => {
      if (!last) return;
      guide.download(W.ics_file, "text/calendar;charset=utf-8", ics(last.news, exported()));
      help.hidden = false;
      guide.announce(fill(W.downloading, { help: help.textContent.trim() }));
    });
    box.querySelector("[data-planner-copy]").addEventListener("click", () => {
      if (!last) return;
      navigator.clipboard.writeText(asText(last.result, exported(), W, locale())).then(
        () => guide.announce(W.copied),
        () => guide.announce(W.copy_failed));
    });
    box.querySelector("[data-planner-print]").addEventListener("click", () => { if (last) window.print(); });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (ev) => ev.preventDefault());
    box.querySelector("[data-planner-zone]").textContent = fill(W.zone, { zone: zone() });
    refreshers.push(() => box.isConnected && update());  // the situation changed, or the day did
    update();
  }

  // Re-plan when the chosen situation changes (guide.onChange) or the page comes back into view
  // on another day ("Tomorrow morning" must stay true). Pages left behind drop out.
  const refreshers = [];
  const refresh = () => {
    for (let i = refreshers.length - 1; i >= 0; i--) if (refreshers[i]() === false) refreshers.splice(i, 1);
  };
  guide.onChange(refresh);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });

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
