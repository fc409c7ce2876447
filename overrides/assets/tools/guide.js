/* On every page, so kept small: what is saved on this device (one versioned, namespaced
 * localStorage key), the "don't save" choice, a polite status region, the chosen situation's line,
 * the header's Tools menu, and a once-only hook into Material's page swaps. A tool's own code loads
 * only on the pages that show it (the clear-all control: device.js; situations: situations.js, on a
 * step page only once a situation is chosen). */
(() => {
  "use strict";
  if (window.guide) return;

  const VERSION = 1;
  const scope = (window.__md_scope || new URL(".", location)).pathname;
  // {version, checklists: {id: {itemId: true}}, prefs: {rememberFields}, fields: {your_name, ...},
  //  situation: {id, short}, ...}
  const KEY = scope + ".after-the-no";
  const NOSAVE = scope + ".after-the-no.nosave";  // "1" when the student chose not to save
  // This language's own site: every language saves under the first one's scope (a tick is the same
  // tick in both), but its links and scripts are its own: where this script is, two folders up
  // (<site>/assets/tools/guide.js), so the site works under any path it is copied to. Switching
  // language loads a page afresh, so this holds.
  const me = document.currentScript && document.currentScript.src;
  const own = document.querySelector(".md-select__link[aria-current='true'][data-guide-prefix]");
  const site = me ? new URL("../../", me).pathname : scope + (own ? own.dataset.guidePrefix : "");
  // Sections holding what the student typed; written only when they ask to remember their details.
  const PERSONAL = ["fields", "planner"];
  const events = new EventTarget();
  // Every word a script shows comes from overrides/text/<language>.yml: the build writes each
  // tool's `script:` words in front of its file as window.guideText.<tool>.
  const words = (tool) => (window.guideText && window.guideText[tool]) || {};
  const fill = (text, values) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  /** Words with {placeholders} filled by text or DOM nodes, as a list for el.replaceChildren(...). */
  const fillNodes = (text, values) => String(text).split(/(\{\w+\})/).filter(Boolean)
    .map((part) => { const k = part.slice(1, -1); return /^\{\w+\}$/.test(part) && k in values ? values[k] : part; });
  const W = words("guide");
  let state = { version: VERSION };
  let saving = true;
  let notice = "";

  const storage = () => { try { return window.localStorage; } catch (e) { return null; } };

  function load() {
    const s = storage();
    if (!s) {
      notice = W.storage_blocked;
      return;
    }
    try {
      if (s.getItem(NOSAVE) === "1") { saving = false; return; }
      const raw = s.getItem(KEY);
      if (raw === null) return;
      const data = JSON.parse(raw);
      if (!data || typeof data !== "object" || Array.isArray(data) || data.version !== VERSION) {
        throw new Error("unknown format");
      }
      state = data;
    } catch (e) {
      notice = W.storage_unreadable;
      try { s.removeItem(KEY); } catch (e2) { /* nothing more to do */ }
    }
  }

  function write() {
    const s = storage();
    if (!saving || !s) return;  // no storage at all: the notice from load() already says so
    try {
      const out = Object.assign({}, state);
      if (!(state.prefs && state.prefs.rememberFields)) for (const name of PERSONAL) delete out[name];
      s.setItem(KEY, JSON.stringify(out));
    } catch (e) {
      showNotice(W.storage_failed);
    }
  }

  function showNotice(text) {
    notice = text;
    const host = document.querySelector(".md-content__inner");
    if (!host || !notice) return;
    let el = host.querySelector(".guide-notice");
    if (!el) {
      el = document.createElement("p");
      el.className = "guide-notice";
      el.setAttribute("role", "status");
      host.prepend(el);
    }
    el.textContent = notice;
  }

  let region;
  function announce(text) {
    if (!region) return;
    region.textContent = "";
    setTimeout(() => { region.textContent = text; }, 50);
  }

  // The student's situation (docs/_data/situations.yml): its id, and its short name for the line at the
  // top of every page (pages without the situations' data still show it). The data travels in a data
  // attribute of #guide-situations, written by hooks/components/situations.py.
  // Pages where no situation is chosen yet carry it (home page, situation pages); elsewhere only the
  // address of assets/tools/situations.json (data-situations-src), fetched once a situation is chosen,
  // then kept for the visit; the tools hear of it through guide.onChange.
  let situationsEl = null;
  let known = null;  // the data, once read or fetched
  let fetching = false;
  function situationsOnPage() {
    const el = document.getElementById("guide-situations");
    if (el !== situationsEl) {
      situationsEl = el;
      try { if (el && el.dataset.situations) known = JSON.parse(el.dataset.situations); } catch (e) { /* keep what we had */ }
    }
    if (!el) return null;
    if (known) return known;
    if (el.dataset.situationsSrc && chosen() && !fetching) {
      fetching = true;
      fetch(el.dataset.situationsSrc).then((r) => (r.ok ? r.json() : Promise.reject(r.status))).then((data) => {
        known = data;
        syncSituation();
        events.dispatchEvent(new Event("change"));
      }, () => { fetching = false; });
    }
    return null;
  }
  const chosen = () => (state.situation && typeof state.situation.id === "string" ? state.situation.id : "");

  /** Keep the saved choice in step with this page's data: a new short name, or a situation that's gone. */
  function syncSituation() {
    const data = situationsOnPage();
    const id = chosen();
    if (!data || !id) return;
    const entry = data.situations && data.situations[id];
    if (!entry) { delete state.situation; write(); }
    else if (entry.short !== state.situation.short) { state.situation.short = entry.short; write(); }
  }

  /** "Your situation: <short> · change" at the top of the page; on the chosen situation's own page,
   *  "Saved as your situation · change" (or that it lasts for this visit when nothing is saved). */
  function renderSituationLine() {
    const host = document.querySelector(".md-content__inner");
    if (!host) return;
    let line = host.querySelector(".guide-situation-line");
    const id = chosen();
    if (!id) { if (line) line.remove(); return; }
    if (!line) {
      line = document.createElement("p");
      line.className = "guide-situation-line";
      line.setAttribute("data-search-exclude", "");
      const notice = host.querySelector(".guide-notice");
      if (notice) notice.after(line); else host.prepend(line);
    }
    const own = document.querySelector(`[data-situation-page="${CSS.escape(id)}"]`);
    const change = document.createElement("a");
    change.href = site + "#guide-start";
    change.textContent = W.change;
    change.setAttribute("aria-label", W.change_label);
    let parts;
    if (own) parts = [saving && storage() ? W.situation_saved : W.situation_this_visit];
    else {
      const name = document.createElement("strong");
      name.textContent = state.situation.short || id;
      parts = fillNodes(W.situation_line, { situation: name });
    }
    line.replaceChildren(...parts, " \u00b7 ", change);
  }

  /** Text that fits only some situations (`<!-- only: ... -->` blocks, hooks/components/situations.py):
   *  hidden while another situation is chosen; with none chosen (or without JavaScript) it shows. */
  function renderOnly() {
    const id = chosen();
    for (const block of document.querySelectorAll("[data-guide-only]")) {
      block.hidden = !!id && !block.dataset.guideOnly.split(" ").includes(id);
    }
  }

  /** Landing on a situation's page chooses it; the "Not sure" page clears the choice. */
  function chooseOnLanding() {
    const page = document.querySelector("[data-situation-page]");
    if (!page) return;
    const id = page.dataset.situationPage;
    if (guide.situation() === id) return;
    guide.setSituation(id);
    const info = guide.situationInfo();
    guide.announce(info ? fill(W.situation_chosen, { situation: info.short }) : W.situation_none);
  }

  const guide = window.guide = {
    /** The saved section `name` (an object), created on first use. */
    get(name) {
      if (!state[name] || typeof state[name] !== "object") state[name] = {};
      return state[name];
    },
    /** Replace section `name` and save it. */
    set(name, value) { state[name] = value; write(); events.dispatchEvent(new Event("change")); },
    save() { write(); },
    saving: () => saving,
    setSaving(on) {
      saving = on;
      const s = storage();
      try {
        if (on) { s.removeItem(NOSAVE); write(); }
        else { s.setItem(NOSAVE, "1"); s.removeItem(KEY); }
      } catch (e) { /* storage unavailable: the choice holds for this visit */ }
      events.dispatchEvent(new Event("change"));
    },
    clear() {
      state = { version: VERSION };
      try { storage().removeItem(KEY); } catch (e) { /* nothing saved anyway */ }
      events.dispatchEvent(new Event("change"));
    },
    /** Call fn() whenever saved state changes (clear-all, switch, another widget). */
    onChange(fn) { events.addEventListener("change", fn); },
    announce,
    /** A tool's words in the page's language ({key: text}), e.g. guide.words("checklists").close. */
    words,
    /** Words with their {placeholders} filled: guide.fill("{done} of {total}", {done: 2, total: 5}). */
    fill,
    /** The page's language for Intl (dates, weekdays, numbers): <html lang>. */
    lang: () => document.documentElement.lang || "en",
    /** The words for a count, by the language's plural rules (CLDR, through Intl.PluralRules): from
     *  W[`${key}_one`], W[`${key}_other`] (and `_many`, `_few`… where a language has them). */
    plural(W, key, n) {
      const form = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
      return W[`${key}_${form}`] ?? W[`${key}_other`];
    },
    /** Offer text as a file download (built on this device; nothing is uploaded). */
    download(filename, type, text) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type }));
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    },
    /** Run fn(document) on every page view, including Material's instant page swaps. */
    onPage(fn) { pageHandlers.push(fn); if (ready) fn(document); },
    storageKey: KEY,
    /** The chosen situation's id, or "" (none chosen: the general path). */
    situation: chosen,
    /** Choose a situation ("" clears the choice); saved like ticks, then guide.onChange handlers run. */
    setSituation(id) {
      if (!id) delete state.situation;
      else {
        const data = situationsOnPage();
        const entry = data && data.situations && data.situations[id];
        state.situation = { id, short: entry ? entry.short : (state.situation && state.situation.id === id ? state.situation.short : "") };
      }
      write();
      events.dispatchEvent(new Event("change"));
    },
    /** The chosen situation's entry in this page's data ({title, short, url, steps, emails, plan, skip}),
     *  or null: none chosen, or a page without the situations' data. */
    situationInfo() {
      const data = situationsOnPage();
      const id = chosen();
      return (id && data && data.situations && data.situations[id]) || null;
    },
    /** This page's situations data ({pages, general, situations}), or null. */
    situations: situationsOnPage,
    /** This language's site root path ('/after-the-no/', '/after-the-no/es/'), for links built in scripts. */
    root: site,
  };

  /** A step page or a checklist follows the chosen situation through situations.js: the page doesn't
   *  load it (nothing to change on the general path), so load it here once a situation is chosen. */
  let situationsAsked = false;
  function needSituations() {
    if (situationsAsked || window.guideSituations || !chosen()
      || !document.querySelector("[data-situation-step], [data-checklist]")) return;
    situationsAsked = true;
    const base = site + "assets/tools/situations.";
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = base + "css";
    const script = document.createElement("script");
    script.src = base + "js";
    document.head.append(style, script);
  }

  // The header's Tools menu (partials/tools-nav.html), a <details> that works without JavaScript:
  // closed when a tool opens (Material swaps pages and keeps the header), on Escape and on a tap
  // outside it; the current tool is marked.
  const menus = "details[data-guide-tools]";
  document.addEventListener("click", (event) => {
    const menu = event.target.closest(menus);
    for (const open of document.querySelectorAll(menus + "[open]")) if (open !== menu) open.open = false;
    if (menu && event.target.closest("a")) menu.open = false;
  });
  document.addEventListener("keydown", (event) => {
    const menu = event.key === "Escape" && event.target.closest && event.target.closest(menus + "[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  function markCurrent() {
    for (const link of document.querySelectorAll(".guide-tools__link")) {
      if (new URL(link.href, location.href).pathname === location.pathname) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }

  /** The guide's own links, for print (guide.css prints other sites' addresses after their links). */
  function markOwnLinks() {
    for (const a of document.querySelectorAll(".md-typeset a[href], .md-banner a[href]")) {
      if (a.origin === location.origin) a.dataset.guideOwn = "";
    }
  }

  const pageHandlers = [];
  let ready = false;
  function pageView() {
    ready = true;
    if (notice) showNotice(notice);
    chooseOnLanding();
    syncSituation();
    renderSituationLine();
    renderOnly();
    markCurrent();
    markOwnLinks();
    needSituations();
    for (const fn of pageHandlers) fn(document);
  }

  // Print collapsed blocks open, then put them back as they were.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    markOwnLinks();
    opened = [...document.querySelectorAll("details:not([open])")];
    opened.forEach((el) => { el.open = true; });
  });
  window.addEventListener("afterprint", () => { opened.forEach((el) => { el.open = false; }); opened = []; });

  load();
  events.addEventListener("change", () => { if (ready) { renderSituationLine(); renderOnly(); needSituations(); } });
  region = document.createElement("div");
  region.className = "guide-visually-hidden";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  document.body.append(region);
  if (window.document$) window.document$.subscribe(pageView);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pageView);
  else pageView();
})();
