/* Email snippets: fill in, preview, copy, open in the email app, download.
 * Enhances the plain-text emails rendered by partials/email.html. Typed text is only
 * ever set with textContent/value. Shared details (your_name, interviewer_name,
 * company, role) live in guide.get("fields"), saved only when prefs.rememberFields.
 * On a page with several emails they are typed once, in the "Your details" block. */
(() => {
  "use strict";
  if (window.guideEmails) return;
  window.guideEmails = true;

  const PH = /\{([a-z][a-z0-9_]*)\}/g;
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
  const value = (spec, name) => raw(spec, name).trim();
  // A box's [spec, field name]: the email it is in, if any.
  const field = (input) => [(input.closest("[data-email]") || {}).email, input.dataset.emailField];

  // Text -> lines of parts [text, isGap]. A line using an empty optional field is left out;
  // an empty required field shows as a [Label] gap; blank lines never pile up.
  function fill(text, spec, missing) {
    const lines = [];
    for (const line of text.split("\n")) {
      const names = Array.from(line.matchAll(PH), (m) => m[1]);
      if (names.some((n) => !spec.byName[n].required && !value(spec, n))) continue;
      if (!line.trim() && (!lines.length || !lines[lines.length - 1].length)) continue;
      const parts = [];
      let last = 0;
      for (const m of line.matchAll(PH)) {
        const v = value(spec, m[1]);
        const label = spec.byName[m[1]].label;
        parts.push([line.slice(last, m.index)], v ? [v] : ["[" + label + "]", true]);
        if (!v) missing.add(label);
        last = m.index + m[0].length;
      }
      parts.push([line.slice(last)]);
      lines.push(parts.filter((p) => p[0]));
    }
    while (lines.length && !lines[lines.length - 1].length) lines.pop();
    return lines;
  }

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
    return lines.map((parts) => parts.map((p) => p[0]).join("")).join("\n");
  }

  const enc = (s) => encodeURIComponent(s).replace(/%0A/g, "%0D%0A");

  function update(w) {
    const spec = w.email;
    const version = spec.versions[chosen[spec.id] || 0];
    const missing = new Set();
    w.subject = show(w.querySelector("[data-email-subject]"), fill(version.subject, spec, missing));
    w.body = show(w.querySelector("[data-email-body]"), fill(version.body, spec, missing));
    w.querySelector("[data-email-mailto]").href = "mailto:?subject=" + enc(w.subject) + "&body=" + enc(w.body);
    // "Still to fill in": a field whose box is not in this email links to it (in "Your details").
    // Rebuilt only when it changes, so a click on a link is not lost to a redraw.
    const gaps = spec.fields.filter((f) => missing.has(f.label)), nodes = [];
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
      w.email = JSON.parse(w.dataset.email);
      w.email.byName = {};
      for (const f of w.email.fields) w.email.byName[f.name] = f;
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
