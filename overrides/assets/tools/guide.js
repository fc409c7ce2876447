/* Shared by every tool on the site: what is saved on this device (one versioned,
 * namespaced localStorage key), the "don't save" choice, the clear-all control,
 * a polite status region, and a once-only hook into Material's page swaps. */
(() => {
  "use strict";
  if (window.guide) return;

  const VERSION = 1;
  const scope = (window.__md_scope || new URL(".", location)).pathname;
  // {version, checklists: {id: {itemId: true}}, prefs: {rememberFields}, fields: {your_name, ...}, ...}
  const KEY = scope + ".after-the-no";
  const NOSAVE = scope + ".after-the-no.nosave";  // "1" when the student chose not to save
  // Sections holding what the student typed; written only when they ask to remember their details.
  const PERSONAL = ["fields", "planner"];
  const events = new EventTarget();
  let state = { version: VERSION };
  let saving = true;
  let notice = "";

  const storage = () => { try { return window.localStorage; } catch (e) { return null; } };

  function load() {
    const s = storage();
    if (!s) {
      notice = "This browser doesn't let the site save anything, so your progress lasts until you close this tab.";
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
      notice = "What this site had saved on this device couldn't be read, so it starts fresh. You can carry on; new changes are saved.";
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
      showNotice("Your browser wouldn't let the site save (storage full or blocked). Changes last until you close this tab.");
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

  function bindDeviceControls(root) {
    for (const box of root.querySelectorAll("[data-guide-device]:not([data-bound])")) {
      box.dataset.bound = "";
      const toggle = box.querySelector("[data-guide-nosave]");
      toggle.checked = !saving;
      box.querySelector("[data-guide-clear]").addEventListener("click", () => {
        if (!window.confirm("Clear everything this site saved on this device? Your ticks and the details you typed will be removed.")) return;
        guide.clear();
        announce("Everything saved on this device was cleared.");
      });
      toggle.addEventListener("change", () => {
        guide.setSaving(!toggle.checked);
        announce(toggle.checked ? "Nothing will be saved on this device." : "Your progress will be saved on this device.");
      });
    }
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
  };

  const pageHandlers = [];
  let ready = false;
  function pageView() {
    ready = true;
    if (notice) showNotice(notice);
    bindDeviceControls(document);
    for (const fn of pageHandlers) fn(document);
  }

  // Print collapsed blocks open, then put them back as they were.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    opened.forEach((el) => { el.open = true; });
  });
  window.addEventListener("afterprint", () => { opened.forEach((el) => { el.open = false; }); opened = []; });

  load();
  region = document.createElement("div");
  region.className = "guide-visually-hidden";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  document.body.append(region);
  if (window.document$) window.document$.subscribe(pageView);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pageView);
  else pageView();
})();
