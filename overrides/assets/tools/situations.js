/* Situations: the path, the step foot and the checklists follow the student's situation.
 * The choice itself lives in guide.js (guide.situation(), guide.setSituation(id), guide.situationInfo();
 * landing on a situation's page chooses it). Loaded on the home page (the question and the path), and by
 * guide.js on a step page or a checklist once a situation is chosen;
 * Material re-runs it on instant navigation, hence the guard. */
(() => {
  "use strict";
  if (window.guideSituations) return;
  window.guideSituations = true;
  const guide = window.guide;
  const W = guide.words("situations");

  /** Words with their {placeholders} filled by text or elements, for append/replaceChildren (text
   *  goes in as text, never as HTML). */
  function parts(words, values) {
    return String(words).split(/(\{\w+\})/).filter(Boolean)
      .map((part) => { const m = /^\{(\w+)\}$/.exec(part); return m && m[1] in values ? values[m[1]] : part; });
  }

  function link(url, text) {
    const a = document.createElement("a");
    a.href = guide.root + url;
    a.textContent = text;
    return a;
  }

  function changeLink() {
    const a = link("#guide-start", W.change);
    a.setAttribute("aria-label", W.change_label);
    return a;
  }

  /** The home page's question: mark the chosen answer. */
  function renderStart(doc) {
    const id = guide.situation();
    for (const a of doc.querySelectorAll("[data-situation-choice]")) {
      const on = a.dataset.situationChoice === id && id !== "";
      a.classList.toggle("guide-start__link--chosen", on);
      if (on) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      const group = a.closest("details");  // "Other kinds of no": open it when it holds the chosen one
      if (on && group) group.open = true;
      let tag = a.querySelector(".guide-start__chosen");
      if (on && !tag) {
        tag = document.createElement("span");
        tag.className = "guide-start__chosen";
        tag.textContent = W.chosen;
        a.prepend(tag);
      } else if (!on && tag) tag.remove();
    }
  }

  /** The path (home page): the chosen situation's steps, or the general ones. */
  function renderPath(doc, data, info) {
    const path = info || data.general;
    for (const box of doc.querySelectorAll("[data-situation-path]")) {
      const list = box.querySelector("[data-situation-path-steps]");
      // Reuse each step's item (what other tools added to it, such as progress, stays with it);
      // items the chosen path leaves out are kept aside for when it changes again.
      if (!list.guideItems) {
        list.guideItems = new Map();
        for (const li of list.children) {
          const a = li.querySelector("a[href]");
          if (a) list.guideItems.set(new URL(a.getAttribute("href"), location.href).pathname, li);
        }
      }
      list.replaceChildren(...path.steps.map((url) => {
        const key = new URL(guide.root + url, location.href).pathname;
        let li = list.guideItems.get(key);
        if (!li) {
          li = document.createElement("li");
          li.append(link(url, data.pages[url] || url));
          list.guideItems.set(key, li);
        }
        return li;
      }));
      const label = box.querySelector("[data-situation-path-for]");
      label.hidden = !info;
      if (info) {
        const name = document.createElement("strong");
        name.textContent = info.short;
        label.replaceChildren(...parts(W.path_for, { situation: name, change: changeLink() }));
      }
    }
  }

  /** "Step 2 of 6 · Next: ..." at the foot of a guidance page, on the chosen path. */
  function renderStep(doc, data, info) {
    const path = info || data.general;
    for (const foot of doc.querySelectorAll("[data-situation-step]")) {
      const text = foot.querySelector(".guide-step__text");
      const here = path.steps.indexOf(foot.dataset.situationStep);
      text.hidden = here < 0 && !info;
      if (here >= 0) {
        const next = path.steps[here + 1], where = { n: here + 1, total: path.steps.length };
        text.replaceChildren(...(next ? parts(W.step_next, { ...where, link: link(next, data.pages[next] || next) })
          : parts(W.step_last, { ...where, link: link("", W.back_to_start) })));
      } else if (info) {
        text.replaceChildren(...parts(W.off_path, { situation: info.short, link: link(info.url, W.back_to_path) }));
      }
    }
  }

  /** Checklist items that don't apply to the chosen situation: hidden, with a button to show them all.
   *  Ticks are never touched. */
  function renderChecklists(doc, info) {
    for (const section of doc.querySelectorAll("[data-checklist]")) {
      const skip = (info && info.skip && info.skip[section.dataset.checklist]) || [];
      const rows = [...section.querySelectorAll("input[data-item]")]
        .filter((box) => skip.includes(box.dataset.item)).map((box) => box.closest("li"));
      let bar = section.querySelector(".guide-checklist__skipped");
      if (!rows.length) {
        for (const li of section.querySelectorAll("li[hidden]")) li.hidden = false;
        if (bar) bar.remove();
        delete section.dataset.showAll;
        continue;
      }
      if (!bar) {
        bar = document.createElement("p");
        bar.className = "guide-checklist__skipped";
        bar.setAttribute("data-search-exclude", "");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button guide-button";
        button.setAttribute("data-show-all", "");
        bar.append(document.createElement("span"), " ", button);
        section.querySelector("ul").after(bar);
      }
      const all = section.dataset.showAll === "1";
      for (const li of section.querySelectorAll("li")) li.hidden = !all && rows.includes(li);
      const n = rows.length;
      const said = guide.plural(W, all ? "shown" : "hidden", n);
      bar.firstChild.textContent = guide.fill(said, { n, situation: info.short });
      const button = bar.querySelector("[data-show-all]");
      button.textContent = all ? W.hide_skipped : W.show_all;
      button.setAttribute("aria-expanded", String(all));
    }
    doc.dispatchEvent(new Event("guide:checklist-items"));  // checklists.js counts the items shown
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-checklist] [data-show-all]");
    if (!button) return;
    const section = button.closest("[data-checklist]");
    section.dataset.showAll = section.dataset.showAll === "1" ? "0" : "1";
    renderChecklists(document, guide.situationInfo());
    button.focus();
  });

  function renderAll() {
    const data = guide.situations();
    if (!data) return;
    const info = guide.situationInfo();
    renderStart(document);
    renderPath(document, data, info);
    renderStep(document, data, info);
    renderChecklists(document, info);
  }

  guide.onChange(renderAll);
  guide.onPage(renderAll);
})();
