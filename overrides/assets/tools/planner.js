/* The dwell-time planner: dates the plan's steps in the student's own time zone, and exports
 * them as an .ics file, as text and on paper. Markup and data come from hooks/components/planner.py
 * (partials/planner.html, rules in docs/_data/planner.yml, handed over by
 * guidekit/planner.py script_data: times of day as minutes after midnight, the night as ranges
 * that never wrap past midnight). Loaded only on planner pages.
 *
 * The first half is plain functions (scheduling, input checks, the calendar file): under Node
 * this file exports them instead of touching a page, for the tests in tests/js/. */
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

  /** {until, steps: [{...step, date}]} in date order. Night-time steps move to the morning,
   *  weekday-only steps off the weekend. Local dates, so daylight-saving changes are handled. */
  function schedule(news, choice, plan) {
    const until = dwellEnd(news, choice, plan);
    const steps = plan.steps.map((s) => {
      const base = s.from === "news" ? news : until;
      let d = s.at != null  // 0 is midnight
        ? next(s.days ? new Date(base.getFullYear(), base.getMonth(), base.getDate() + s.days) : base, s.at, undefined, !s.days)
        : new Date(+base + s.hours * HOUR);
      if (inNight(d, plan.night)) d = next(d, plan.night.moveTo);
      if (s.weekdayOnly && weekend(d.getDay())) d = next(d, plan.weekdayTime, (day) => !weekend(day));
      return Object.assign({}, s, { date: d });
    });
    return { until, steps: steps.sort((a, b) => a.date - b.date) };
  }

  /** The typed "when the news came" as a Date, or {error}. */
  function parseNews(value, plan, now = new Date()) {
    const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)/.exec(value.trim());
    if (!m) return { error: "Enter the date and time the news came, for example 2027-03-12 16:30." };
    const [y, mo, d, h, mi] = m.slice(1).map(Number);
    const date = new Date(y, mo - 1, d, h, mi);
    if (h > 23 || mi > 59) return { error: "There is no such time. Use a 24-hour time from 00:00 to 23:59." };
    if (date.getMonth() !== mo - 1 || date.getDate() !== d) return { error: "There is no such date. Check the day and the month." };
    if (date.getHours() !== h || date.getMinutes() !== mi) {
      return { error: "That time doesn't exist here on that day (the clocks went forward). Choose a time an hour later." };
    }
    if (date < now - plan.news.daysAgo * DAY) return { error: `That is more than ${plan.news.daysAgo} days ago. Check the year and month; the planner is for recent news.` };
    if (date > +now + plan.news.daysAhead * DAY) return { error: `That is more than ${plan.news.daysAhead} days from now. Check the date.` };
    return { date };
  }

  function parseHours(value, plan) {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < plan.custom.min || n > plan.custom.max) {
      return { error: `Enter a whole number of hours from ${plan.custom.min} to ${plan.custom.max}.` };
    }
    return { hours: n };
  }

  const local = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  function iso(d) {
    const o = -d.getTimezoneOffset();
    return `${local(d)}${o < 0 ? "-" : "+"}${pad(Math.abs(o) / 60 | 0)}:${pad(Math.abs(o) % 60)}`;
  }
  let fmt;
  const show = (d) => (fmt = fmt || new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" })).format(d);
  const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  const untilText = (d) => `You'll let yourself dwell until ${show(d)}.`;

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

  function asText(result, list) {
    return [`My plan (times in ${zone()})`, untilText(result.until), "",
      ...list.slice(1).map((e) => `${show(e.date)}: ${e.title}\n  ${e.why}\n  ${e.url}`)].join("\n");
  }

  const rules = { schedule, dwellEnd, parseNews, parseHours, entries, ics, fold, iso, asText };
  if (typeof window === "undefined") {  // Node: node --test tests/js/
    module.exports = rules;
    return;
  }
  if (window.guidePlanner) return;

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

  function full(box, plan) {
    const form = box.querySelector("form"), el = form.elements, st = state(), fields = guide.get("fields");  // for the start
    const until = box.querySelector("[data-planner-until]"), list = box.querySelector("ol");
    el.news.value = st.news || local(new Date());
    el.dwell.value = st.dwell || plan.default;
    el.hours.value = st.hours || plan.custom.default;
    el.company.value = fields.company || "";
    el.interviewer_name.value = fields.interviewer_name || "";
    el.remember.checked = guide.get("prefs").rememberFields === true;
    let last = null;  // the last good plan: kept while an input is wrong

    function update(ev) {
      if (ev && ev.target === el.hours) el.dwell.value = "custom";
      if (ev && ev.target === el.remember) {
        guide.get("prefs").rememberFields = el.remember.checked;
        guide.announce(el.remember.checked ? "Your details will be remembered on this device." : "Your details will be forgotten when you leave.");
      }
      // fresh sections each time: "Clear everything" replaces them
      Object.assign(state(), { news: el.news.value, dwell: el.dwell.value, hours: el.hours.value });
      Object.assign(guide.get("fields"), { company: el.company.value, interviewer_name: el.interviewer_name.value });
      guide.save();
      const news = parseNews(el.news.value, plan);
      const custom = el.dwell.value === "custom";
      const hours = custom ? parseHours(el.hours.value, plan) : {};
      if (![say(el.news, news), say(el.hours, hours)].every(Boolean)) return;  // both messages, then stop
      last = { news: news.date, result: schedule(news.date, custom ? hours.hours : el.dwell.value, plan) };
      until.textContent = untilText(last.result.until);
      for (const s of last.result.steps) {
        const li = list.querySelector(`[data-step="${s.id}"]`);
        let time = li.querySelector("time");  // created here: an empty <time> isn't valid HTML
        if (!time) li.querySelector(".planner__when").prepend(time = document.createElement("time"), " ");
        time.dateTime = iso(s.date);
        time.textContent = show(s.date);
        list.append(li);
      }
    }

    const exported = () => entries(last.result, plan, guide.get("fields"), location.href);
    box.querySelector("[data-planner-ics]").addEventListener("click", () => {
      guide.download("after-the-no-plan.ics", "text/calendar;charset=utf-8", ics(last.news, exported()));
      guide.announce("The calendar file is downloading. Open it to add the plan to your calendar.");
    });
    box.querySelector("[data-planner-copy]").addEventListener("click", () => {
      navigator.clipboard.writeText(asText(last.result, exported())).then(
        () => guide.announce("Plan copied."),
        () => guide.announce("Copying didn't work in this browser. Select the plan and copy it by hand."));
    });
    box.querySelector("[data-planner-print]").addEventListener("click", () => window.print());
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (ev) => ev.preventDefault());
    box.querySelector("[data-planner-zone]").textContent = `Times are in your time zone, ${zone()}.`;
    update();
  }

  function compact(box, plan) {
    const select = box.querySelector("select"), out = box.querySelector("[data-planner-until]");
    select.value = plan.presets.some((p) => p.id === state().dwell) ? state().dwell : plan.default;
    const update = () => {
      state().dwell = select.value;
      guide.save();
      out.textContent = untilText(dwellEnd(new Date(), select.value, plan));
    };
    select.addEventListener("change", update);
    update();
  }

  function bind(root) {
    for (const box of root.querySelectorAll("[data-planner]:not([data-bound])")) {  // rules: hooks/components/planner.py
      box.dataset.bound = "";
      const plan = JSON.parse(box.dataset.planner);
      (box.classList.contains("planner--compact") ? compact : full)(box, plan);
    }
  }

  window.guidePlanner = rules;
  guide.onPage(bind);
})();
