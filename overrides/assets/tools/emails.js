/* Email snippets: fill in, preview, copy, open in the email app, download.
 * Enhances the plain-text emails rendered by partials/email.html. Typed text is only
 * ever set with textContent/value. Shared details (your_name, interviewer_name,
 * company, role) live in guide.get("fields"), saved only when prefs.rememberFields. */
(() => {
  "use strict";
  if (window.guideEmails) return;
  window.guideEmails = true;

  const PH = /\{([a-z][a-z0-9_]*)\}/g;
  const own = {};     // template-only values, this visit only: {"template.field": text}
  const chosen = {};  // chosen version per template id
  const all = (sel, root) => (root || document).querySelectorAll(sel);

  function raw(spec, name) {
    const v = spec.byName[name].shared ? guide.get("fields")[name] : own[spec.id + "." + name];
    return typeof v === "string" ? v : "";
  }
  const value = (spec, name) => raw(spec, name).trim();

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
    const note = w.querySelector("[data-email-missing]");
    note.hidden = !missing.size;
    const labels = spec.fields.filter((f) => missing.has(f.label)).map((f) => f.label);
    note.textContent = labels.length ? "Still to fill in: " + labels.join(", ") + "." : "";
  }

  function syncInputs(w) {
    for (const input of all("[data-email-field]", w)) {
      const name = input.dataset.emailField;
      const v = raw(w.email, name);
      if (input.value !== v) input.value = v;
    }
    const i = chosen[w.email.id] || 0;
    const radio = w.querySelector('[data-email-version][value="' + i + '"]');
    if (radio) radio.checked = true;
    const on = guide.saving();
    w.querySelector("[data-email-remember]").hidden = !on;
    w.querySelector("[data-email-nosave]").hidden = on;
    w.querySelector("[data-email-remember-box]").checked = guide.get("prefs").rememberFields === true;
  }

  function refresh() {
    for (const w of all("[data-email][data-bound]")) { syncInputs(w); update(w); }
  }

  function bind(root) {
    for (const w of all("[data-email]:not([data-bound])", root)) {
      w.dataset.bound = "";
      w.email = JSON.parse(w.dataset.email);
      w.email.byName = {};
      for (const f of w.email.fields) w.email.byName[f.name] = f;
      for (const el of all("[data-email-js]", w)) el.hidden = false;
      syncInputs(w);
      update(w);
    }
  }

  function say(w, text) {
    const status = w.querySelector("[data-email-status]");
    status.hidden = false;
    status.textContent = text;
    guide.announce(text);
  }

  function onInput(e) {
    const input = e.target;
    const w = input.closest && input.closest("[data-email][data-bound]");
    if (!w) return;
    const spec = w.email;
    if (input.matches("[data-email-field]")) {
      const name = input.dataset.emailField;
      if (spec.byName[name].shared) { guide.get("fields")[name] = input.value; guide.save(); }
      else own[spec.id + "." + name] = input.value;
      refresh();
    } else if (input.matches("[data-email-version]")) {
      chosen[spec.id] = Number(input.value);
      update(w);
    } else if (input.matches("[data-email-remember-box]") && e.type === "change") {
      guide.get("prefs").rememberFields = input.checked;
      guide.save();
      refresh();
      guide.announce(input.checked ? "Your details will be remembered on this device."
        : "Your details will be forgotten when you close this tab.");
    }
  }

  function onClick(e) {
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
