/* Email snippets: fill in, preview, copy, open in the email app, download.
 * Enhances the plain-text emails rendered by partials/email.html. Typed text is only
 * ever set with textContent/value. Shared details (your_name, interviewer_name,
 * company, role) live in guide.get("fields"), saved only when prefs.rememberFields.
 * On a page with several emails they are typed once, in the "Your details" block.
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

  const own = {};     // template-only values, this visit only: {"template.field": text}
  const chosen = {};  // chosen version per template id
  const all = (sel, root) => (root || document).querySelectorAll(sel);
  const BOXES = "[data-email][data-bound] [data-email-field], [data-email-details] [data-email-field]";

  // Where a field's value lives: [store, key]. Without a spec (a box in "Your details"), it is shared.
  function slot(spec, name) {
    return spec && !spec.byName[name].shared ? [own, spec.id + "." + name] : [guide.get("fields"), name];
  }
  function raw(spec, name) {
    const [store, key] = slot(spec, name);
    return typeof store[key] === "string" ? store[key] : "";
  }
  // A box's [spec, field name]: the email it is in, if any.
  const field = (input) => [(input.closest("[data-email]") || {}).email, input.dataset.emailField];

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

  function update(w) {
    const spec = w.email;
    const version = spec.versions[chosen[spec.id] || 0];
    const missing = new Set(), values = {};
    for (const f of spec.fields) values[f.name] = raw(spec, f.name);
    w.subject = show(w.querySelector("[data-email-subject]"), fill(version.subject, spec, values, missing));
    w.body = show(w.querySelector("[data-email-body]"), fill(version.body, spec, values, missing));
    w.querySelector("[data-email-mailto]").href = mailto(w.subject, w.body);
    // "Still to fill in": a field whose box is not in this email links to it (in "Your details").
    // Rebuilt only when it changes, so a click on a link is not lost to a redraw.
    const gaps = spec.fields.filter((f) => missing.has(f.name)), nodes = [];
    const note = w.querySelector("[data-email-missing]"), key = gaps.map((f) => f.name).join();
    if (note.dataset.gaps === key) return;
    note.dataset.gaps = key;
    gaps.forEach((f, i) => {
      nodes.push(i ? ", " : "Still to fill in: ");
      const box = w.querySelector('[data-email-field="' + f.name + '"]') ? null
        : document.querySelector('[data-email-details] [data-email-field="' + f.name + '"]');
      if (!box) return nodes.push(f.label);
      const a = document.createElement("a");
      a.href = "#" + box.id;
      a.target = "_self";  // keeps Material's instant navigation out of it; onClick does the jump
      a.textContent = f.label;
      nodes.push(a);
    });
    note.hidden = !gaps.length;
    note.replaceChildren(...nodes, gaps.length ? "." : "");
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
  }

  function bind(root) {
    const fresh = all("[data-email]:not([data-bound])", root);
    for (const w of fresh) {
      w.dataset.bound = "";
      w.email = index(JSON.parse(w.dataset.email));
    }
    if (fresh.length) refresh();
  }

  function say(w, text) {
    const status = w.querySelector("[data-email-status]");
    status.hidden = false;
    status.textContent = text;
    guide.announce(text);
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
      guide.announce(input.checked ? "Your details will be remembered on this device."
        : "Your details will be forgotten when you close this tab.");
    }
  }

  function onClick(e) {
    const jump = e.target.closest && e.target.closest("[data-email-missing] a, .email__details-link a");
    if (jump) {  // to a box in "Your details" (or the block's first), shown with its label and focused
      const target = document.getElementById(jump.hash.slice(1));
      const box = target.matches("input, textarea") ? target
        : target.closest("[data-email-details]").querySelector("[data-email-field]");
      e.preventDefault();
      history.replaceState(history.state, "", jump.hash);
      (box === target ? box : target).scrollIntoView({ block: box === target ? "center" : "start" });
      box.focus({ preventScroll: true });
      return;
    }
    const btn = e.target.closest && e.target.closest("[data-email-copy], [data-email-download]");
    const w = btn && btn.closest("[data-email][data-bound]");
    if (!w) return;
    const whole = "Subject: " + w.subject + "\n\n" + w.body;
    if (btn.dataset.emailDownload !== undefined) {
      guide.download(w.email.id + ".txt", "text/plain;charset=utf-8", whole);
      say(w, "Downloaded " + w.email.id + ".txt.");
      return;
    }
    const what = btn.dataset.emailCopy;
    const text = what === "subject" ? w.subject : what === "body" ? w.body : whole;
    const done = () => say(w, "Copied " + what + ".");
    const failed = () => say(w, "Couldn't copy here. Select the text in the preview and copy it yourself.");
    try { navigator.clipboard.writeText(text).then(done, failed); } catch (err) { failed(); }
  }

  function start() {
    document.addEventListener("input", onInput);
    document.addEventListener("change", onInput);
    document.addEventListener("click", onClick);
    guide.onChange(refresh);
    guide.onPage(bind);
  }

  if (window.guide) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
