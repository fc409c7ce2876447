/* Checklists: saved ticks (by item id), progress, "Untick all" with undo, overview, the steps'
 * progress on the home page's path, export and import.
 * Loaded only on pages with a checklist; Material re-runs it on instant navigation, hence the guard. */
(() => {
  "use strict";
  if (window.guideChecklists) return;
  window.guideChecklists = true;
  const guide = window.guide;
  const W = guide.words("checklists");
  const FILE_APP = "after-the-no";
  const ticks = () => guide.get("checklists");
  const label = (done, total) => guide.fill(W.progress, { done, total });

  function count(id, itemIds) {
    const saved = ticks()[id] || {};
    return itemIds.filter((item) => saved[item]).length;
  }

  /** The items of a checklist that apply to the chosen situation (all of them when none is chosen). */
  function applying(id, itemIds) {
    const info = guide.situationInfo();
    const skip = (info && info.skip && info.skip[id]) || [];
    return itemIds.filter((item) => !skip.includes(item));
  }

  function render(section) {
    const id = section.dataset.checklist;
    const saved = ticks()[id] || {};
    const boxes = [...section.querySelectorAll("input[data-item]")];
    for (const box of boxes) box.checked = !!saved[box.dataset.item];
    const progress = section.querySelector("[data-progress]");
    // Progress counts the items shown: those a situation hides (situations.js) don't apply just now.
    const shown = boxes.filter((b) => !b.closest("li").hidden).map((b) => b.dataset.item);
    const done = count(id, boxes.map((b) => b.dataset.item));
    progress.textContent = label(count(id, shown), shown.length);
    // "Untick all" only while something is ticked; right after it, "Undo" in its place.
    const undo = section.querySelector("[data-undo]");
    if (undo) undo.hidden = !(id in undoable);
    section.querySelector("[data-reset]").hidden = done === 0 || (id in undoable);
  }

  // Ticks just cleared by "Untick all", by checklist id, until the next tick or page.
  let undoable = {};

  /** The path's cards on the home page: each step's ticks, from the pages' checklists. */
  function renderPath(data) {
    let pages;
    try { pages = JSON.parse(data.dataset.checklistPages); } catch (e) { return; }
    const byPath = {};
    for (const entry of pages) {
      const path = new URL(entry.href, location.href).pathname;
      (byPath[path] = byPath[path] || []).push(entry);
    }
    for (const li of document.querySelectorAll("ol.guide-path > li, .guide-path > ol > li")) {
      const link = li.querySelector("a[href]");
      const entries = link && byPath[new URL(link.getAttribute("href"), location.href).pathname];
      if (!entries) continue;
      let done = 0, total = 0;
      for (const e of entries) {  // the items that apply to the chosen situation, as on the step's page
        const items = applying(e.id, e.items);
        done += count(e.id, items);
        total += items.length;
      }
      let badge = li.querySelector(".guide-path__progress");
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "guide-path__progress";
        li.append(badge);
      }
      // Nothing ticked yet: how long the checklist is, not a row of zeros.
      badge.textContent = guide.fill(done ? W.path_done : guide.plural(W, "path_items", total), { done, total });
      badge.classList.toggle("guide-path__progress--done", total > 0 && done === total);
    }
  }

  function renderOverview(list) {
    for (const li of list.querySelectorAll("[data-overview]")) {
      const items = applying(li.dataset.overview, li.dataset.items.split(" "));
      li.querySelector("[data-progress]").textContent = label(count(li.dataset.overview, items), items.length);
    }
  }

  function renderAll() {
    document.querySelectorAll("[data-checklist]").forEach(render);
    document.querySelectorAll("[data-checklist-overview]").forEach(renderOverview);
    document.querySelectorAll("[data-checklist-pages]").forEach(renderPath);
  }

  // One delegated listener per event for the whole site: binding can never double up.
  document.addEventListener("change", (event) => {
    const box = event.target.closest("[data-checklist] input[data-item]");
    if (box) {
      const section = box.closest("[data-checklist]");
      const id = section.dataset.checklist;
      const known = [...section.querySelectorAll("input[data-item]")].map((b) => b.dataset.item);
      const saved = {};
      // Keep only items that still exist: a removed item's tick is dropped quietly.
      for (const item of known) {
        if (item === box.dataset.item ? box.checked : (ticks()[id] || {})[item]) saved[item] = true;
      }
      ticks()[id] = saved;
      delete undoable[id];
      guide.save();
      render(section);
      guide.announce(section.querySelector("[data-progress]").textContent);
      return;
    }
    const file = event.target.closest("[data-import]");
    if (file && file.files.length) importFile(file);
  });

  document.addEventListener("click", (event) => {
    const reset = event.target.closest("[data-checklist] [data-reset]");
    const undo = event.target.closest("[data-checklist] [data-undo]");
    if (reset) {
      const section = reset.closest("[data-checklist]");
      const id = section.dataset.checklist;
      undoable[id] = ticks()[id] || {};
      delete ticks()[id];
      guide.save();
      render(section);
      section.querySelector("[data-undo]").focus();  // the button just pressed is gone: Undo takes its place
      guide.announce(guide.fill(W.unticked, { progress: section.querySelector("[data-progress]").textContent }));
    } else if (undo) {
      const section = undo.closest("[data-checklist]");
      const id = section.dataset.checklist;
      ticks()[id] = undoable[id];
      delete undoable[id];
      guide.save();
      render(section);
      const first = section.querySelector("input[data-item]");
      if (first) first.focus();
      guide.announce(guide.fill(W.ticks_back, { progress: section.querySelector("[data-progress]").textContent }));
    } else if (event.target.closest("[data-export]")) {
      const data = JSON.stringify({ app: FILE_APP, version: 1, checklists: ticks() }, null, 2);
      guide.download("after-the-no-progress.json", "application/json", data);
      guide.announce(W.exported);
    }
  });

  function importFile(input) {
    const message = document.getElementById(input.getAttribute("aria-describedby"));
    const fail = (text) => {
      input.setAttribute("aria-invalid", "true");
      const error = document.createElement("strong");  // said first, not shown by colour alone
      error.textContent = W.error;
      message.replaceChildren(error, " ", text);
      message.classList.add("guide-transfer__message--error");
    };
    input.files[0].text().then((raw) => {
      let data;
      try { data = JSON.parse(raw); } catch (e) { data = null; }
      const lists = data && data.app === FILE_APP && data.checklists;
      if (!lists || typeof lists !== "object" || Array.isArray(lists)) {
        fail(W.import_wrong);
        return;
      }
      const clean = {};
      for (const [id, items] of Object.entries(lists)) {
        if (!items || typeof items !== "object") continue;
        clean[id] = {};
        for (const [item, on] of Object.entries(items)) if (on === true) clean[id][item] = true;
      }
      guide.set("checklists", clean);
      input.removeAttribute("aria-invalid");
      message.classList.remove("guide-transfer__message--error");
      message.textContent = W.imported;
      guide.announce(message.textContent);
      input.value = "";
    }, () => fail(W.import_unreadable));
  }

  guide.onChange(renderAll);
  document.addEventListener("guide:checklist-items", renderAll);  // situations.js hid or showed items
  guide.onPage(() => { undoable = {}; renderAll(); });  // nothing to bind per page: the listeners above are delegated
})();
