/* Email snippets: choose, fill in, check; then copy, open in the email app or download.
 * Enhances the plain-text emails rendered by partials/email.html. Typed text is only
 * ever set with textContent/value. Shared details (your_name, interviewer_name,
 * company, role) live in guide.get("fields"), saved only when prefs.rememberFields:
 * typed in one email, they fill every other. On a page with several emails
 * (partials/email-choose.html) the page shows the chosen one alone: the chosen
 * situation's emails are listed first (guide.situationInfo, when there is one).
 *
 * The first part is plain functions (the fill rule, the mailto: link): under Node this file
 * exports them instead of touching a page, for the tests in tests/js/ and tests/test_emails.py. */
(() => {
  "use strict";

  /** A template's spec (guidekit/emails.py Template.spec) with its fields also by name. */
  function index(spec) {
    spec.byName = {};
    for (const f of spec.fields) spec.byName[f.name] = f;
    return spec;
  }

  /** A subject or body, laid out by guidekit/emails.py `layout` (paragraphs of lines, each line
   *  {needs, parts, instead?}), filled with `values` ({field name: typed text}): lines of parts
   *  [text, isGap]. A line is kept only when every optional field it `needs` is filled; otherwise
   *  its `instead` text stands (the greeting: "Dear hiring team," for a blank name, never "Dear ,")
   *  or it is left out. A required field still empty shows its gap text ("[Label]") and its name
   *  goes into `missing`; kept paragraphs are one blank line apart. Python's twin: fill_text. */
  function fill(paragraphs, spec, values, missing = new Set()) {
    const value = (name) => (typeof values[name] === "string" ? values[name].trim() : "");
    const lines = [];
    for (const paragraph of paragraphs) {
      const kept = paragraph.map((line) => (line.needs.every(value) ? line.parts : line.instead ? [line.instead] : null))
        .filter(Boolean);
      if (kept.length && lines.length) lines.push([]);
      for (const parts of kept) {
        lines.push(parts.map((part, i) => {
          if (i % 2 === 0) return [part];  // text; the odd places are field names
          if (value(part)) return [value(part)];
          missing.add(part);
          return [spec.byName[part].gap, true];
        }).filter((p) => p[0]));
      }
    }
    return lines;
  }

  const text = (lines) => lines.map((parts) => parts.map((p) => p[0]).join("")).join("\n");
  const enc = (s) => encodeURIComponent(s).replace(/%0A/g, "%0D%0A");
  /** RFC 6068: subject and body percent-encoded, newlines as %0D%0A. */
  const mailto = (subject, body) => "mailto:?subject=" + enc(subject) + "&body=" + enc(body);

  const rules = { index, fill, text, mailto };
  if (typeof window === "undefined") {  // Node
    module.exports = rules;
    return;
  }
  if (window.guideEmails) return;
  window.guideEmails = rules;

  let W = {};         // the words (overrides/text, emails.script), once guide.js is there: start()
  const own = {};     // template-only values, this visit only: {"template.field": text}
  const chosen = {};  // chosen version per template id
  const all = (sel, root) => (root || document).querySelectorAll(sel);
  const BOXES = "[data-email][data-bound] [data-email-field]";
  const LIST = "[data-email-choose][data-bound]";

  // Where a field's value lives: [store, key]; shared ones fill every email (and the planner).
  function slot(spec, name) {
    return spec.byName[name].shared ? [guide.get("fields"), name] : [own, spec.id + "." + name];
  }
  function raw(spec, name) {
    const [store, key] = slot(spec, name);
    return typeof store[key] === "string" ? store[key] : "";
  }
  const field = (input) => [input.closest("[data-email]").email, input.dataset.emailField];

  function show(el, lines) {
    const nodes = [];
    lines.forEach((parts, i) => {
      if (i) nodes.push("\n");
      for (const [text, gap] of parts) {
        if (!gap) { nodes.push(text); continue; }
        const mark = document.createElement("mark");
        mark.className = "email__gap";
        mark.textContent = text;
        nodes.push(mark);
      }
    });
    el.replaceChildren(...nodes);  // strings become text nodes
    return text(lines);
  }

  /** Words with {name} standing for some nodes (the links of gapLinks): the parts, for append(). */
  function around(words, name, nodes) {
    const [before, after = ""] = words.split("{" + name + "}");
    return [before, ...nodes, after].filter((part) => part !== "");
  }

  /** "Company, Role": each label a link to its box (focused by onClick). */
  function gapLinks(w, gaps) {
    const nodes = [];
    gaps.forEach((f, i) => {
      if (i) nodes.push(", ");
      const box = w.querySelector('[data-email-field="' + f.name + '"]');
      const a = document.createElement("a");
      a.href = "#" + box.id;
      a.target = "_self";  // keeps Material's instant navigation out of it; onClick does the jump
      a.dataset.emailJump = "";
      a.textContent = f.label;
      nodes.push(a);
    });
    return nodes;
  }

  function update(w) {
    const spec = w.email;
    const version = spec.versions[chosen[spec.id] || 0];
    const missing = new Set(), inSubject = new Set(), values = {};
    for (const f of spec.fields) values[f.name] = raw(spec, f.name);
    w.subject = show(w.querySelector("[data-email-subject]"), fill(version.subject, spec, values, inSubject));
    w.body = show(w.querySelector("[data-email-body]"), fill(version.body, spec, values, missing));
    w.querySelector("[data-email-mailto]").href = mailto(w.subject, w.body);
    w.gaps = spec.fields.filter((f) => missing.has(f.name) || inSubject.has(f.name));
    w.subjectGaps = spec.fields.filter((f) => inSubject.has(f.name));
    // "Still to fill in": rebuilt only when it changes, so a click on a link is not lost to a redraw.
    const note = w.querySelector("[data-email-missing]"), key = w.gaps.map((f) => f.name).join();
    if (note.dataset.gaps === key) return;
    note.dataset.gaps = key;
    note.hidden = !w.gaps.length;
    note.replaceChildren(...(w.gaps.length ? around(W.still_to_fill, "fields", gapLinks(w, w.gaps)) : []));
    if (w.asking) ask(w, gapsFor(w, w.asking).length ? w.asking : null);
  }

  /** The gaps an action would hand over: the subject's for "Copy subject", else the whole email's. */
  const gapsFor = (w, el) => (action(el) === "subject" ? w.subjectGaps : w.gaps);

  // What "as it is" does, per action: the words of its button.
  const ACTIONS = { copy: "anyway_copy", subject: "anyway_subject", open: "anyway_open", download: "anyway_download" };
  const action = (el) => (el.dataset.emailCopy === "subject" ? "subject" : el.dataset.emailCopy ? "copy"
    : el.matches("[data-email-mailto]") ? "open" : "download");

  /** Ask before handing over an email with gaps: a message right after the control `el` that
   *  names what is missing (linked to the boxes) and offers to go ahead; null closes it. */
  function ask(w, el) {
    const box = w.querySelector("[data-email-ask]");
    w.asking = el;
    w.classList.toggle("is-asking", !!el);
    if (!el) { box.hidden = true; box.replaceChildren(); return; }
    const what = action(el), label = W[ACTIONS[what]], gaps = gapsFor(w, el);
    const go = document.createElement(what === "open" ? "a" : "button");
    go.className = "md-button guide-button";
    go.textContent = label;
    go.dataset.emailAnyway = what;
    if (what === "open") go.href = w.querySelector("[data-email-mailto]").href;
    else go.type = "button";
    const p = document.createElement("p");
    p.append(...around(what === "subject" ? W.gaps_subject : W.gaps_email, "fields", gapLinks(w, gaps)));
    box.replaceChildren(p, go);
    el.after(box);
    box.hidden = false;
    guide.announce(p.textContent);
  }

  // --- "Choose an email": the chosen situation's emails first, and the chosen email alone.
  function situation() {
    try { return window.guide.situationInfo ? guide.situationInfo() : null; } catch (e) { return null; }
  }

  function order(list) {
    const items = [...all("[data-email-choose-item]", list)].sort((a, b) => a.dataset.order - b.dataset.order);
    const info = situation(), ids = info && Array.isArray(info.emails) ? info.emails : [];
    const first = ids.map((id) => items.find((li) => li.dataset.emailChooseItem === id)).filter(Boolean);
    // "More emails" leaves out a template that says which situations it fits (emails.yml `situations:`)
    // when the chosen one isn't among them.
    const fits = (li) => !info || !info.id || !li.dataset.emailFits || li.dataset.emailFits.split(" ").includes(info.id);
    const rest = first.length ? items.filter((li) => !first.includes(li)) : [];
    for (const li of items) li.hidden = rest.includes(li) && !fits(li);  // kept in place, for the next redraw
    list.querySelector("[data-email-choose-list]").replaceChildren(...(first.length ? first : items));
    list.querySelector("[data-email-choose-rest]").replaceChildren(...rest);
    list.querySelector("[data-email-choose-rest]").hidden = list.querySelector("[data-email-choose-more]").hidden =
      !rest.some((li) => !li.hidden);
    const intro = list.querySelector("[data-email-choose-for]");
    intro.hidden = !first.length;
    intro.textContent = first.length ? guide.fill(W.for_situation, { situation: info.short || info.title || "" }) : "";
  }

  /** Show the email `id` alone (and hide the list), or the list alone (id ""). */
  function choose(list, id, focus) {
    const known = id && document.querySelector('[data-email][aria-labelledby="email-' + id + '"]');
    id = known ? id : "";
    list.dataset.chosen = id;
    list.classList.toggle("is-picked", !!id);
    for (const el of all(".email__title, [data-email]")) {
      const of = el.matches("[data-email]") ? el.getAttribute("aria-labelledby") : el.id;
      el.classList.toggle("is-chosen", of === "email-" + id);
    }
    for (const a of all("[data-email-choose-item] a", list)) {
      if (a.hash === "#email-" + id) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
    if (!focus) return;
    history.replaceState(history.state, "", "#" + (id ? "email-" + id : list.getAttribute("aria-labelledby")));
    const target = document.getElementById(id ? "email-" + id : list.getAttribute("aria-labelledby"));
    if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  function fromHash() {
    const list = document.querySelector(LIST);
    const id = location.hash.startsWith("#email-") ? decodeURIComponent(location.hash.slice(7)) : "";
    if (list && document.querySelector('[data-email][aria-labelledby="email-' + id + '"]')) choose(list, id, true);
  }

  // Boxes, choices and previews of the whole page from the stored values.
  function refresh() {
    for (const input of all(BOXES)) {
      const v = raw(...field(input));
      if (input.value !== v) input.value = v;
    }
    const on = guide.saving();
    for (const el of all("[data-email-remember]")) el.hidden = !on;
    for (const el of all("[data-email-nosave]")) el.hidden = on;
    for (const box of all("[data-email-remember-box]")) box.checked = guide.get("prefs").rememberFields === true;
    for (const w of all("[data-email][data-bound]")) {
      const radio = w.querySelector('[data-email-version][value="' + (chosen[w.email.id] || 0) + '"]');
      if (radio) radio.checked = true;
      update(w);
    }
    for (const list of all(LIST)) order(list);
  }

  function bind(root) {
    const fresh = all("[data-email]:not([data-bound])", root);
    for (const w of fresh) {
      w.dataset.bound = "";
      w.email = index(JSON.parse(w.dataset.email));
      // Typed before the script ran (a slow phone, or the browser refilling the form after Back):
      // kept, not wiped by the refresh below.
      for (const input of w.querySelectorAll("[data-email-field]")) {
        const [store, key] = slot(w.email, input.dataset.emailField);
        if (input.value && input.value !== store[key]) store[key] = input.value;
      }
    }
    for (const list of all("[data-email-choose]:not([data-bound])", root)) {
      list.dataset.bound = "";
      all("[data-email-choose-item]", list).forEach((li, i) => { li.dataset.order = i; });
      choose(list, "", false);
    }
    if (fresh.length) refresh();
    fromHash();
  }

  function say(w, text) {
    const status = w.querySelector("[data-email-status]");
    status.hidden = false;
    status.textContent = text;
    guide.announce(text);
  }

  /** The button itself says it worked ("Copied ✓") for a moment; a screen reader hears it too. */
  function undone(btn) {
    clearTimeout(btn.doneTimer);
    btn.textContent = btn.dataset.label;
    btn.classList.remove("is-done");
  }
  function confirm(btn, label, words) {
    for (const other of btn.closest("[data-email]").querySelectorAll(".is-done")) undone(other);
    if (!btn.dataset.label) btn.dataset.label = btn.textContent;
    btn.textContent = label;
    btn.classList.add("is-done");
    guide.announce(words);
    btn.doneTimer = setTimeout(() => undone(btn), 3000);
  }

  function onInput(e) {
    const input = e.target;
    if (!input.matches || !input.matches(BOXES + ", [data-email-version], [data-email-remember-box]")) return;
    if (input.matches("[data-email-field]")) {
      const [store, key] = slot(...field(input));
      store[key] = input.value;
      if (store !== own) guide.save();
      refresh();
    } else if (input.matches("[data-email-version]")) {
      const w = input.closest("[data-email]");
      chosen[w.email.id] = Number(input.value);
      update(w);
    } else if (e.type === "change") {
      guide.get("prefs").rememberFields = input.checked;
      guide.save();
      refresh();
      guide.announce(input.checked ? W.remembered : W.forgotten);
    }
  }

  /** Hand the email over: copy (the body alone), subject, open (the link itself does it) or download.
   *  From the "as it is" button of a question, focus goes back to the control that asked. */
  function hand(w, what, btn) {
    const origin = w.asking;
    if (what === "open") return setTimeout(() => { ask(w, null); if (origin) origin.focus(); });
    ask(w, null);
    if (origin && btn !== origin) origin.focus();
    if (what === "download") {
      const file = w.email.id + ".txt";
      guide.download(file, "text/plain;charset=utf-8", guide.fill(W.file_subject, { subject: w.subject }) + "\n\n" + w.body);
      say(w, guide.fill(W.downloaded, { file }));
      return;
    }
    const main = w.querySelector(what === "subject" ? '[data-email-copy="subject"]' : '[data-email-copy="body"]');
    const done = () => {
      w.querySelector("[data-email-status]").hidden = true;
      confirm(main, W.copied, what === "subject" ? W.subject_copied : W.email_copied);
    };
    const failed = () => say(w, W.copy_failed);
    try { navigator.clipboard.writeText(what === "subject" ? w.subject : w.body).then(done, failed); } catch (err) { failed(); }
  }

  function onClick(e) {
    const el = e.target.closest && e.target.closest("a, button");
    if (!el) return;
    const list = document.querySelector(LIST);
    if (list && el.closest("[data-email-choose-item]")) {
      e.preventDefault();
      return choose(list, el.hash.slice(7), true);
    }
    if (list && el.matches("[data-email-back]")) {
      e.preventDefault();
      return choose(list, "", true);
    }
    if (el.matches("[data-email-jump]")) {  // to a box named in "Still to fill in": shown with its label and focused
      const box = document.getElementById(el.hash.slice(1));
      e.preventDefault();
      box.closest(".email__field").scrollIntoView({ block: "center" });
      box.focus({ preventScroll: true });
      return;
    }
    const w = el.closest("[data-email][data-bound]");
    if (!w) return;
    if (el.matches("[data-email-anyway]")) {
      if (el.dataset.emailAnyway !== "open") e.preventDefault();
      return hand(w, el.dataset.emailAnyway, el);
    }
    if (!el.matches("[data-email-copy], [data-email-download], [data-email-mailto]")) return;
    if (gapsFor(w, el).length) {  // ask first, and say what is missing
      e.preventDefault();
      return ask(w, el);
    }
    hand(w, action(el), el);
  }

  function start() {
    W = guide.words("emails");
    document.addEventListener("input", onInput);
    document.addEventListener("change", onInput);
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", fromHash);
    guide.onChange(refresh);
    guide.onPage(bind);
  }

  if (window.guide) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
