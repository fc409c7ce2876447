"""Browser figures: RESULTS.md's "Browser figures (system Chromium, median of 50)".

How long each tool takes to react to one interaction (a checklist click, a keystroke in an email
snippet, a change of plan), timed inside the page in headless system Chromium, on the first built page
that has the tool, in the root language (English): the translations run the same scripts.
"""
from __future__ import annotations

import pathlib
import statistics

from report import Report, mark
from sites import CHROME_ARGS, ROOT, SiteServer, built_pages, chromium_path, languages, soup, tool_page_urls

TARGET_INTERACTION_MS = 16.0    # one frame at 60 Hz
SAMPLES = 50                    # interaction samples per figure (after WARMUP unmeasured ones)
WARMUP = 5

# Each runs in the page: N timed samples of one interaction, measured with performance.now().
CHECKLIST_JS = """async ([n, warm]) => {
  const box = document.querySelector('[data-checklist] input[data-item]');
  if (!box) return null;
  const setItem = Storage.prototype.setItem;
  let written = null;
  Storage.prototype.setItem = function (k, v) {
    const r = setItem.call(this, k, v);
    if (written) { const w = written; written = null; w(performance.now()); }
    return r;
  };
  const times = [];
  try {
    for (let i = 0; i < n + warm; i++) {
      const saved = new Promise((resolve) => { written = resolve; setTimeout(() => resolve(NaN), 1000); });
      const t0 = performance.now();
      box.click();                       // fires input and change, as a real click does
      const t1 = await saved;            // the moment localStorage.setItem returned
      if (i >= warm) times.push(t1 - t0);
    }
  } finally { Storage.prototype.setItem = setItem; }
  return times;
}"""

# Wait for the first mutation inside `watch` (ignoring `ignore`) after `act()`.
OBSERVE_JS = """
  const measure = (root, watchSel, ignoreSel, act) => new Promise((resolve) => {
    let t0;
    const mo = new MutationObserver((records) => {
      const hit = records.some((r) => {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        return el && (!watchSel || el.closest(watchSel)) && !(ignoreSel && el.closest(ignoreSel));
      });
      if (hit) { const t1 = performance.now(); mo.disconnect(); resolve(t1 - t0); }
    });
    mo.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { mo.disconnect(); resolve(NaN); }, 1000);
    t0 = performance.now();
    act();
  });
"""

EMAIL_JS = """async ([n, warm]) => {""" + OBSERVE_JS + """
  const root = document.querySelector('[data-email]');
  if (!root) return null;
  const field = root.querySelector('[data-email-field="your_name"]') || root.querySelector('input[data-email-field], textarea[data-email-field]');
  if (!field) return null;
  const times = [];
  for (let i = 0; i < n + warm; i++) {
    const ch = 'abcdefghij'[i % 10];
    const t = await measure(root, '[data-email-subject], [data-email-body]', null, () => {
      field.value = (field.value.length > 40 ? '' : field.value) + ch;   // what a keystroke does to the field
      field.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: ch}));
    });
    if (i >= warm) times.push(t);
  }
  return times;
}"""

PLANNER_JS = """async ([n, warm]) => {""" + OBSERVE_JS + """
  const root = [...document.querySelectorAll('[data-planner]')].find((el) => el.querySelector('form')) ||
               document.querySelector('[data-planner]');
  if (!root) return null;             // the full planner; planner.js has already dated its start (now)
  const radios = [...root.querySelectorAll('input[type="radio"]')].filter((r) => r.value !== 'custom');
  const select = root.querySelector('select');
  if (radios.length < 2 && !select) return null;
  const times = [];
  for (let i = 0; i < n + warm; i++) {
    const t = await measure(root, null, 'form', () => {
      if (radios.length >= 2) radios[i % radios.length].click();
      else { select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
             select.dispatchEvent(new Event('input', {bubbles: true}));
             select.dispatchEvent(new Event('change', {bubbles: true})); }
    });
    if (i >= warm) times.push(t);
  }
  return times;
}"""

FIGURES = [
    ("Checkbox click → saved state (localStorage write)", "[data-checklist] input[data-item]", CHECKLIST_JS,
     "checklists"),
    ("Keystroke → email preview updated", "[data-email] [data-email-field]", EMAIL_JS, "emails"),
    ("Input change → new plan", "[data-planner] input, [data-planner] select", PLANNER_JS, "planner"),
]


def first_page_with(site: pathlib.Path, selector: str, prefer: list[str]) -> str | None:
    """The first page of the root language's site (not a translation's, in /<code>/) that has `selector`."""
    others = tuple(code + "/" for code in languages(ROOT)[1:])
    pages = {u: p for u, p in built_pages(site).items() if not (others and u.startswith(others))}
    order = [u for u in prefer if u in pages] + [u for u in pages if u not in prefer]
    for url in order:
        if soup(pages[url]).select_one(selector):
            return url
    return None


def measure(report: Report, site: pathlib.Path, server: SiteServer):
    """Open each figure's page of `site`, served by `server` (already running), and time its interaction."""
    report.heading(f"Browser figures (system Chromium, median of {SAMPLES})")
    path = chromium_path()
    if not path:
        report.note("Skipped: no system Chromium found (`apt-get install chromium`).")
        return
    from playwright.sync_api import sync_playwright
    tools = tool_page_urls(ROOT)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROME_ARGS)
        try:
            for name, selector, script, tool in FIGURES:
                url = first_page_with(site, selector, [t for t in tools if tool in t])
                if url is None:
                    rows.append([name, "—", "—", "—", f"< {TARGET_INTERACTION_MS:.0f} ms",
                                 f"skipped: no page has the {tool} tool yet"])
                    continue
                context = browser.new_context()
                page = context.new_page()
                page.goto(server.url + url)
                page.wait_for_load_state("load")
                page.wait_for_timeout(300)  # let guide.js and the tool script bind
                times = page.evaluate(script, [SAMPLES, WARMUP])
                context.close()
                if not times:
                    rows.append([name, f"/{url}", "—", "—", f"< {TARGET_INTERACTION_MS:.0f} ms",
                                 "skipped: the widget's controls were not found"])
                    continue
                good = [t for t in times if t == t]  # NaN: no update within 1 s
                if len(good) < len(times):
                    rows.append([name, f"/{url}", "—", "—", f"< {TARGET_INTERACTION_MS:.0f} ms",
                                 f"MISS: no update seen within 1 s in {len(times) - len(good)} of {len(times)}"])
                    continue
                med = statistics.median(good)
                p90 = sorted(good)[int(len(good) * 0.9) - 1]
                ms = lambda t: f"{t:.2f} ms" if t >= 0.1 else "< 0.1 ms"  # noqa: E731 (the clock's tick)
                rows.append([name, f"/{url}", ms(med), ms(p90),
                             f"< {TARGET_INTERACTION_MS:.0f} ms", mark(med < TARGET_INTERACTION_MS)])
        finally:
            browser.close()
    report.note("Measured in the page with `performance.now()`: just before the event is dispatched, and when "
                "the result exists (inside the `localStorage.setItem` call; the first DOM mutation in the "
                "email preview; the first DOM mutation in the plan outside its form). A keystroke is the "
                "field's value changed by one character plus an `input` event; a plan change is a click on "
                f"the next dwell-time choice. {WARMUP} unmeasured warm-up samples first. Headless, no CPU "
                "throttling. Chromium's `performance.now()` ticks in 0.1 ms steps on a page that is not "
                "cross-origin isolated, so anything faster shows as < 0.1 ms.")
    report.table(["Interaction", "Page", "Median", "90th pct", "Target", ""], rows)
    for name, url, median, _, target, verdict in rows:
        report.figure(name, f"{median} ({url})" if median != "—" else "—", target, verdict)
