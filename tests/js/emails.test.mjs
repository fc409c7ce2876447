// The email fill rule (overrides/assets/tools/emails.js) under Node: node --test tests/js/
// Example templates owned by these tests, laid out as guidekit/emails.py `layout` hands them to the
// page: paragraphs of lines, each {needs: [optional fields], parts: [text, field, text, ...]}.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const { index, fill, text, mailto } = createRequire(import.meta.url)("../../overrides/assets/tools/emails.js");

const line = (needs, ...parts) => ({ needs, parts });
const SPEC = index({
  id: "hello",
  fields: [
    { name: "your_name", label: "Your name", gap: "[Your name]", shared: true },
    { name: "friend", label: "Friend", gap: "[Friend]", shared: false },
    { name: "extra", label: "Something else", gap: "[Something else]", shared: false },
    { name: "ps", label: "A PS", gap: "[A PS]", shared: false },
  ],
  versions: [{
    name: "Standard",
    subject: [[line([], "Hello from ", "your_name", "")]],
    body: [
      [line([], "Hi ", "friend", ",")],
      [line(["extra"], "", "extra", "")],                    // a paragraph of one optional line
      [line([], "Bye,"), line([], "", "your_name", ""), line(["ps"], "PS: ", "ps", " (", "friend", ")")],
    ],
  }],
});
const [V] = SPEC.versions;
const body = (values, missing) => text(fill(V.body, SPEC, values, missing));

test("with nothing typed: required fields show their gap, lines needing an optional field are left out", () => {
  const missing = new Set();
  assert.equal(body({}, missing), "Hi [Friend],\n\nBye,\n[Your name]");
  assert.deepEqual([...missing].sort(), ["friend", "your_name"]);
  assert.equal(text(fill(V.subject, SPEC, {})), "Hello from [Your name]");
});

test("gaps are marked as gaps; typed text and the template's own text are not", () => {
  assert.deepEqual(fill(V.body, SPEC, { friend: "Ana" })[0], [["Hi "], ["Ana"], [","]]);
  assert.deepEqual(fill(V.body, SPEC, {})[0], [["Hi "], ["[Friend]", true], [","]]);
});

test("an empty optional field leaves out its line only; a paragraph left empty leaves no extra blank line", () => {
  const values = { your_name: "Sam", friend: "Ana" };
  assert.equal(body(values), "Hi Ana,\n\nBye,\nSam");
  assert.equal(body({ ...values, extra: "How are you?" }), "Hi Ana,\n\nHow are you?\n\nBye,\nSam");
  assert.equal(body({ ...values, ps: "See you" }), "Hi Ana,\n\nBye,\nSam\nPS: See you (Ana)");
});

test("a line with an optional field left in still shows gaps for empty required fields on it", () => {
  const missing = new Set();
  assert.equal(body({ ps: "See you" }, missing), "Hi [Friend],\n\nBye,\n[Your name]\nPS: See you ([Friend])");
  assert.deepEqual([...missing].sort(), ["friend", "your_name"]);
});

test("values are trimmed, and a value of only spaces counts as empty", () => {
  const missing = new Set();
  assert.equal(body({ your_name: "  Sam \n", friend: "   ", extra: " \t " }, missing), "Hi [Friend],\n\nBye,\nSam");
  assert.deepEqual([...missing], ["friend"]);
});

test("typed text is never read as a placeholder or as markup", () => {
  const values = { friend: "{your_name} <b>&amp;</b>", your_name: "[Friend]" };
  assert.equal(body(values), "Hi {your_name} <b>&amp;</b>,\n\nBye,\n[Friend]");
});

test("the mailto: link percent-encodes subject and body, with CRLF line ends (RFC 6068)", () => {
  const link = mailto("Hi & bye? #1", "Line 1\nLine 2 100%");
  assert.equal(link, "mailto:?subject=Hi%20%26%20bye%3F%20%231&body=Line%201%0D%0ALine%202%20100%25");
  const url = new URL(link);
  assert.equal(decodeURIComponent(url.search.split("&body=")[1]), "Line 1\r\nLine 2 100%");
});

test("a blank name gives the greeting line instead, never 'Dear ,'; a typed name is used", () => {
  const spec = index({
    id: "hi",
    fields: [
      { name: "their_name", label: "Their name", gap: "[Their name]", shared: true },
      { name: "company", label: "Company", gap: "[Company]", shared: true },
    ],
    versions: [],
  });
  const laid = [[line(["their_name"], "Dear ", "their_name", ",")], [line([], "Thanks, ", "company", ".")]];
  laid[0][0].instead = "Dear hiring team,";
  assert.equal(text(fill(laid, spec, { company: "Acme" })), "Dear hiring team,\n\nThanks, Acme.");
  assert.equal(text(fill(laid, spec, { company: "Acme", their_name: "  " })), "Dear hiring team,\n\nThanks, Acme.");
  assert.equal(text(fill(laid, spec, { company: "Acme", their_name: "Ms Lee" })), "Dear Ms Lee,\n\nThanks, Acme.");
  assert.deepEqual(fill(laid, spec, {})[0], [["Dear hiring team,"]], "the greeting is text, not a gap");
});
