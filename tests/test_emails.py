"""Email snippets: the data checks (unit), the built HTML (build layer), and one broken build.

- Unit tests: the loader's rules and messages on small data strings these tests own.
- Content tests take `guide` (the shipped guide, its Spanish version, and a copy after a center's
  typical edits) and read what to expect from that guide's own emails.yml, pages and words: every
  template renders where a page asks for it, fills with its example values without leftovers, and
  pages with several templates ask the shared fields once.
- Behaviour (typing, copying, sending, remembering) is tested in the browser on the example site
  (tests/example, its emails.yml owned by the tests): test_emails_browser.py.

The fill rule is laid out as data in guidekit/emails.py (`layout`) and applied by
assets/tools/emails.js (tests/js/emails.test.mjs); here, under Node, the script and the text shown
without JavaScript are checked to agree on every template.
"""
from __future__ import annotations

import json
import re
import shutil
import textwrap

import pytest

from guidekit.emails import PLACEHOLDER, add_headings, parse_emails
from guidekit.markers import find_markers
from support import EXAMPLE, build, copy_project, run_js, site_pages

REL = "docs/_data/emails.yml"

GOOD = textwrap.dedent("""\
    fields:
      your_name:
        label: Your name
        required: true
    templates:
      - id: hello
        title: Say hello
        to: contact
        when: Any time.
        subject: Hello from {your_name}
        body: |
          Hi {friend},

          {extra}

          Bye, {your_name}
        fields:
          friend:
            label: Friend's name
            required: true
          extra:
            label: Something else
    """)


def parse(text):
    return parse_emails(text, REL)


def messages(text):
    return [str(e) for e in parse(text)[1]]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def example_library():
    library, errors = parse_emails((EXAMPLE / "docs" / "_data" / "emails.yml").read_text(encoding="utf-8"), REL)
    assert errors == []
    return library


# ---- unit: the rules, on data the tests own ----

def test_a_good_file_parses_into_templates_with_fields_in_order():
    library, errors = parse(GOOD)
    assert errors == []
    hello = library.templates["hello"]
    assert [f.name for f in hello.fields] == ["your_name", "friend", "extra"]
    assert hello.field("your_name").shared and not hello.field("friend").shared
    assert hello.fallback(hello.versions[0].subject) == "Hello from [Your name]"
    spec = hello.spec()
    assert spec["fields"][0] == {"name": "your_name", "label": "Your name", "gap": "[Your name]", "shared": True}
    assert hello.to == "contact"
    assert spec["versions"][0]["body"] == [
        [{"needs": [], "parts": ["Hi ", "friend", ","]}],
        [{"needs": ["extra"], "parts": ["", "extra", ""]}],
        [{"needs": [], "parts": ["Bye, ", "your_name", ""]}],
    ]


def test_without_javascript_an_empty_optional_field_leaves_its_line_out():
    library, errors = parse(GOOD.replace("Bye, {your_name}", "Bye,\n      {your_name}\n      PS {extra}\n\n\n\n      Ciao"))
    assert errors == []
    hello = library.templates["hello"]
    assert hello.fallback(hello.versions[0].body) == "Hi [Friend's name],\n\nBye,\n[Your name]\n\nCiao"


def test_placeholder_used_but_not_defined_names_its_line_and_the_closest_field():
    text = GOOD.replace("Bye, {your_name}", "Bye, {yuor_name}")
    assert messages(text) == [
        f"{REL}:{line_of(text, '{yuor_name}')}: The body of template 'hello' uses {{yuor_name}}, which is not "
        "a defined field. Fix: did you mean '{your_name}'?"]


def test_field_defined_but_unused_names_the_field():
    text = GOOD.replace("      {extra}\n\n", "")
    assert messages(text) == [
        f"{REL}:{line_of(text, 'extra:')}: The field 'extra' in template 'hello' is defined but never used. "
        "Fix: use {extra} in its subject or body, or remove the field."]


def test_shared_field_no_template_uses():
    text = GOOD.replace("fields:\n  your_name:", "fields:\n  company:\n    label: Company\n  your_name:", 1)
    [err] = parse(text)[1]
    assert err.line == line_of(text, "company:") and "'company'" in err.problem


def test_duplicate_id_names_the_second_and_the_first():
    text = GOOD + GOOD.split("templates:\n")[1]
    assert messages(text) == [
        f"{REL}:{line_of(text, '- id: hello', 2)}: The id 'hello' is used twice "
        f"(first on line {line_of(text, '- id: hello')}). Fix: give each template its own id; pages show a template by its id."]


@pytest.mark.parametrize("empty", ["''", ""])
def test_empty_subject_names_its_line(empty):
    text = GOOD.replace("subject: Hello from {your_name}", f"subject: {empty}")
    assert messages(text) == [f"{REL}:{line_of(text, 'subject:')}: 'subject' in template 'hello' is empty. "
                              "Fix: write the subject after 'subject:'."]


def test_optional_field_in_subject_stray_brace_and_typo_in_key():
    text = GOOD.replace("Hello from {your_name}", "Hello {extra}").replace("Hi {friend},", "Hi {friend,")
    text = text.replace("    when: Any time.", "    wen: Any time.")
    problems = {e.line: e for e in parse(text)[1]}
    assert "optional field {extra}" in problems[line_of(text, "subject:")].problem
    assert "stray" in problems[line_of(text, "Hi {friend,")].problem
    assert "did you mean 'when'" in problems[line_of(text, "wen:")].fix


NAMELESS = GOOD.replace("      friend:\n        label: Friend's name\n        required: true",
                        "      friend:\n        label: Friend's name")


def test_a_body_starting_with_an_optional_name_needs_a_greeting_which_stands_while_it_is_empty():
    assert messages(NAMELESS) == [
        f"{REL}:{line_of(NAMELESS, 'Hi {friend},')}: The body of template 'hello' starts with the optional field "
        "{friend} and has no greeting for when it's left empty. Fix: add a line such as 'greeting: Dear hiring team,' "
        "(or 'Hello,') to the template: the email starts with it while the name is empty."]
    text = NAMELESS.replace("    when: Any time.", "    when: Any time.\n    greeting: Hello there,")
    library, errors = parse(text)
    assert errors == []
    hello = library.templates["hello"]
    v = hello.versions[0]
    assert v.greeting == "Hello there,"
    assert hello.fallback(v.body, v.greeting) == "Hello there,\n\nBye, [Your name]"
    assert hello.fill(v.body, v.greeting, {"friend": "Ana", "your_name": "Sam"}) == "Hi Ana,\n\nBye, Sam"
    assert hello.spec()["versions"][0]["body"][0] == [{"needs": ["friend"], "parts": ["Hi ", "friend", ","],
                                                       "instead": "Hello there,"}]


def test_a_greeting_is_plain_text_and_only_where_a_name_can_be_blank():
    text = GOOD.replace("    when: Any time.", "    when: Any time.\n    greeting: Hi {your_name},")
    [err] = parse(text)[1]
    assert err.line == line_of(text, "greeting:") and "placeholder" in err.problem
    text = GOOD.replace("    when: Any time.", "    when: Any time.\n    greeting: Hello,")
    [err] = parse(text)[1]  # GOOD's first line names a required field: the greeting would never show
    assert err.line == line_of(text, "greeting:") and "never used" in err.problem


@pytest.mark.parametrize("line, problem, fix", [
    ("", "template 'hello' has no 'to'.", "add a line 'to: employer' (who receives it: employer, program, helper, contact)."),
    ("    to: employr\n", "'to: employr' in template 'hello' is not a kind of recipient.", "did you mean 'employer'?"),
    ("    to: boss\n", "'to: boss' in template 'hello' is not a kind of recipient.",
     "use one of: employer, program, helper, contact (check the spelling)."),
])
def test_to_says_who_receives_it_and_is_checked(line, problem, fix):
    text = GOOD.replace("    to: contact\n", line)
    [err] = parse(text)[1]
    assert (err.line, err.problem, err.fix) == (line_of(text, "id: hello"), problem[:1].upper() + problem[1:], fix) or \
        (err.line, err.problem, err.fix) == (line_of(text, "to:"), problem[:1].upper() + problem[1:], fix)


def test_bad_yaml_and_missing_value():
    [err] = parse("templates:\n  - id: [oops\n")[1]
    assert err.path == REL and "YAML" in err.problem
    [err] = parse(GOOD.replace("title: Say hello", "title:"))[1]
    assert f"{REL}:7:" in str(err)


def test_choose_is_not_a_template_id():
    text = GOOD.replace("id: hello", "id: choose")
    [err] = parse(text)[1]
    assert err.line == line_of(text, "id: choose") and "Choose an email" in err.problem


def test_a_page_asking_for_an_unknown_template_names_its_line_and_the_closest_id():
    from components import emails
    from components.base import Build
    b = Build([emails.component], str(EXAMPLE), str(EXAMPLE / "docs"))
    assert b.load() == []
    assert [str(e) for e in b.check_markers("docs/page.md", "# A page\n\n<!-- email: updaet -->\n")] == [
        "docs/page.md:3: The page asks for the email template 'updaet', which doesn't exist. "
        f"Fix: did you mean 'update' (in {REL})?"]


def test_each_marker_gets_a_heading_for_the_table_of_contents():
    library = parse(GOOD)[0]
    out = add_headings("Intro\n\n<!-- email: hello -->\n", library)
    assert out == "Intro\n\n## Say hello {#email-hello .email__title}\n\n<!-- email: hello -->\n"


def test_a_page_with_several_templates_gets_one_list_to_choose_from_before_the_first():
    second = GOOD.split("templates:\n")[1].replace("id: hello", "id: bye").replace("title: Say hello", "title: Say bye")
    library, errors = parse(GOOD + second)
    assert errors == []
    out = add_headings("Intro\n\n<!-- email: bye -->\n\n<!-- email: hello -->\n", library)
    assert out == ("Intro\n\n<!-- email-choose -->\n\n## Say bye {#email-bye .email__title}\n\n<!-- email: bye -->\n\n"
                   "## Say hello {#email-hello .email__title}\n\n<!-- email: hello -->\n")


# ---- the text shown without JavaScript is what the page's script shows before anything is typed

FILL = """
    return input.map(({spec, values}) => {
      rules.index(spec);
      return spec.versions.map((v) => {
        const empty = [v.subject, v.body].map((t) => rules.text(rules.fill(t, spec, {})));
        const missing = new Set();
        const filled = [v.subject, v.body].map((t) => rules.text(rules.fill(t, spec, values, missing)));
        return {empty, filled, missing: [...missing]};
      });
    });"""


def fill_in_node(specs_and_values):
    """emails.js under Node: for each (spec, values), per version: the text with nothing typed, and
    with values typed (and the fields still missing)."""
    return run_js("emails", FILL, [{"spec": s, "values": v} for s, v in specs_and_values])


def test_the_script_with_nothing_typed_shows_the_text_shown_without_javascript(guide):
    """For every template and version of this guide, and the tests' own: emails.js under Node on
    Template.spec() agrees with Python's fill (Template.fill) with nothing typed, with only the
    required fields typed (every name and other optional field blank), and with everything typed."""
    templates = [*guide.emails().templates.values(), *parse(GOOD)[0].templates.values(),
                 *parse(NAMELESS.replace("    when: Any time.", "    when: Any time.\n    greeting: Hello,"))[0].templates.values()]
    cases = [(t, values) for t in templates for values in ({}, required_values(t), example_values(t))]
    shown = fill_in_node([(t.spec(), values) for t, values in cases])
    for (t, values), versions in zip(cases, shown):
        assert [v["empty"] for v in versions] == [[t.fallback(v.subject), t.fallback(v.body, v.greeting)]
                                                  for v in t.versions], t.id
        assert [v["filled"] for v in versions] == [[t.fill(v.subject, v.greeting, values), t.fill(v.body, v.greeting, values)]
                                                   for v in t.versions], (t.id, values)


def test_every_email_with_only_its_required_fields_typed_hands_over_no_gap_and_no_bare_greeting(guide):
    """Every template and version of this guide, as emails.js fills it (what the preview shows, the
    copy buttons copy and the mailto: link carries: tests/test_emails_browser.py shows they agree)
    with only its required fields typed (their examples), every name left blank: no [gap], no
    {placeholder}, no greeting left without its name ('Dear ,', 'Hola, :'); the greeting for
    everyone instead, when the first line needs a name."""
    templates = list(guide.emails().templates.values())
    shown = fill_in_node([(t.spec(), required_values(t)) for t in templates])
    for t, versions in zip(templates, shown):
        for v, out in zip(t.versions, versions):
            subject, body = out["filled"]
            first = t.layout(v.body, v.greeting)[0][0]
            bare = "".join(first["parts"][::2])
            for text in (subject, body):
                assert not re.search(r"[\[\]{}]", text) and bare not in text, (t.id, v.name, text)
            assert not out["missing"], (t.id, v.name, out["missing"])
            if first["needs"]:
                assert body.startswith(v.greeting + "\n\n"), (t.id, v.name, body)


# ---- content: every template of the guide, on the pages that ask for it ----

def email_pages(guide) -> dict[str, list[str]]:
    """Site path of each page that shows emails -> the template ids its markers ask for, in order."""
    pages = {}
    for md in site_pages(guide.docs):
        rel = md.relative_to(guide.docs)
        if rel.parts[0].startswith("_"):
            continue
        ids = [m.id for m in find_markers(md.read_text(encoding="utf-8"), "email")]
        if ids:
            stem = rel.with_suffix("")
            parts = stem.parts[:-1] if stem.name == "index" else stem.parts
            pages["".join(p + "/" for p in parts)] = ids
    return pages


def example_values(template) -> dict[str, str]:
    """A value for every field: its example, or one made from its label."""
    return {f.name: f.example or f"Example {f.label}" for f in template.fields}


def required_values(template) -> dict[str, str]:
    """A value for the required fields only: every name (and every other optional field) left blank."""
    return {name: value for name, value in example_values(template).items() if template.field(name).required}


def test_every_template_is_complete_and_its_subject_needs_no_optional_field(guide):
    library = guide.emails()
    assert library.templates
    for t in library.templates.values():
        assert t.title and t.when and t.versions, t.id
        for v in t.versions:
            assert v.subject and v.body, (t.id, v.name)
            assert "{" not in t.fallback(v.subject + v.body), "every placeholder has a [Label] without JavaScript"
            assert all(not line["needs"] for paragraph in t.layout(v.subject) for line in paragraph), \
                f"the subject of {t.id} ({v.name}) would vanish while an optional field is empty"
        shared = [f for f in t.fields if f.shared]
        assert t.fields[:len(shared)] == tuple(shared), "the shared fields come first"
        assert [f.line for f in shared] == sorted(f.line for f in shared), "in the data file's order"


def test_every_template_with_every_name_left_blank_reads_naturally(guide):
    """A student with no name to write to (or who leaves their own out): only the required fields typed.
    Every version starts with its greeting, never "Dear ,", and no gap or placeholder is left."""
    for t in guide.emails().templates.values():
        values = required_values(t)
        for v in t.versions:
            subject, body = t.fill(v.subject, v.greeting, values), t.fill(v.body, v.greeting, values)
            whole = subject + "\n" + body
            assert not any(f.gap in whole for f in t.fields) and not re.search(r"[{}]", whole), (t.id, v.name)
            assert not re.search(r" [,.;:!?]| $|^ ", whole, re.M), f"a blank left a stray space: {t.id} ({v.name})"
            first = t.layout(v.body, v.greeting)[0][0]
            bare = "".join(first["parts"][::2])  # the first line without its fields, e.g. "Dear ,"
            assert bare not in whole, (t.id, v.name)
            if first["needs"]:
                assert body.split("\n")[0] == v.greeting, (t.id, v.name)
            assert {t.fill(v.body, v.greeting, {**values, f.name: f.example or "Someone"}).split("\n")[0]
                    for f in t.fields if not f.required and f.name in first["parts"][1::2]} - {v.greeting}, \
                "with the name typed, the greeting names them"


def test_every_template_says_who_receives_it(guide):
    from guidekit.emails import RECIPIENTS
    assert all(t.to in RECIPIENTS for t in guide.emails().templates.values())


def test_every_template_is_shown_on_a_page(guide):
    shown = {i for ids in email_pages(guide).values() for i in ids}
    unseen = sorted(set(guide.emails().templates) - shown)
    assert not unseen, f"no page shows {unseen}: add '<!-- email: id -->' to a page (emails/index.md lists them all)"


def test_every_email_renders_as_plain_text_where_a_page_asks_for_it(guide):
    library = guide.emails()
    for path, ids in email_pages(guide).items():
        doc = guide.html(path)
        widgets = doc.select("[data-email]")
        assert [w["aria-labelledby"] for w in widgets] == [f"email-{i}" for i in ids], path
        toc = doc.select(".md-nav--secondary a")
        for tid, w in zip(ids, widgets):
            heading = doc.select_one("#" + w["aria-labelledby"])
            title = "".join(heading.find_all(string=True, recursive=False)).strip()  # without the permalink
            assert heading.name == "h2" and title == library.templates[tid].title
            assert not toc or f"#email-{tid}" in {a["href"] for a in toc}, "the table of contents lists it"
            assert "{" not in w.select_one(".email__preview").get_text()
            for el in w.select("[data-email-js], .email__actions, .email__form"):
                assert "guide-js-only" in el["class"], "controls that need JavaScript show only with it"
        for field in doc.select("article input[type=text], article textarea"):
            assert doc.select_one(f'label[for="{field["id"]}"]'), "every box has a label"
            for hint in field.get("aria-describedby", "").split():
                assert doc.select_one("#" + hint)
        ids_on_page = [el["id"] for el in doc.select("article [id]")]
        assert len(ids_on_page) == len(set(ids_on_page)), f"ids are unique on {path}"


def test_search_finds_each_email_by_its_subject_and_body_under_its_heading(guide):
    """The search index has each email under its own heading (a result opens at it): when to send it,
    and its subject and body as the page shows them without JavaScript; not the form or its buttons.
    The written page keeps no trace of what search skipped."""
    from test_checklists import search_entries
    entries = search_entries(guide)
    w = guide.words("emails")
    library = guide.emails()
    for path, ids in email_pages(guide).items():
        for tid in ids:
            t = library.templates[tid]
            entry = entries.get(f"{path}#email-{tid}")
            assert entry and entry["title"] == t.title, (path, tid)
            v = t.versions[0]
            for said in (t.when, t.fallback(v.subject), t.fallback(v.body, v.greeting)):
                assert " ".join(said.split()) in entry["text"], (path, tid, said)
            for control in (w["copy_email"], w["fill_in"], w["check_it"], w["remember"]):
                assert control not in entry["text"], (path, tid, control)
            assert not [loc for loc in entries if loc.startswith(f"{path}#email-{tid}-")], "no result for the form's steps"
        assert "data-search-" not in str(guide.html(path).select_one("article")), path


def test_every_built_email_shows_its_script_text_and_fills_with_example_values(guide):
    """Before anything is typed, the script shows what the page shows without JavaScript; with every
    field filled (by its example), each version is its text with each placeholder replaced: no gap,
    nothing still to fill in, no brace left."""
    library = guide.emails()
    widgets = [(path, w) for path in email_pages(guide) for w in guide.html(path).select("[data-email]")]
    templates = [library.templates[w["aria-labelledby"].removeprefix("email-")] for _, w in widgets]
    values = [example_values(t) for t in templates]
    shown = fill_in_node([(json.loads(w["data-email"]), v) for (_, w), v in zip(widgets, values)])
    for (path, w), t, vals, versions in zip(widgets, templates, values, shown):
        without_js = [w.select_one("[data-email-subject]").get_text(), w.select_one("[data-email-body]").get_text()]
        assert without_js == versions[0]["empty"], (path, t.id)
        for version, result in zip(t.versions, versions):
            assert result["missing"] == [], (t.id, version.name)
            expected = [re.sub(r"\n\s*\n", "\n\n", PLACEHOLDER.sub(lambda m: vals[m[1]], text))
                        for text in (version.subject, version.body)]
            assert result["filled"] == expected, (t.id, version.name)
            assert not any(f.gap in "".join(result["filled"]) for f in t.fields)


def test_each_email_asks_for_its_own_fields_and_a_page_with_several_starts_with_a_list_of_them(guide):
    """Each email holds the boxes for every field it uses (shared ones fill the others when typed);
    a page with several lists them first, each title linked to its email with its "when"."""
    library, W = guide.emails(), guide.words("emails")
    for path, ids in email_pages(guide).items():
        doc = guide.html(path)
        widgets = doc.select("[data-email]")
        for tid, w in zip(ids, widgets):
            t = library.templates[tid]
            assert [box["data-email-field"] for box in w.select("[data-email-field]")] == [f.name for f in t.fields]
            assert len(w.select("[data-email-remember-box]")) == len(w.select("[data-email-nosave]")) == 1
            main = [b for b in w.select(".email__actions button, .email__actions a") if not b.find_parent("details")]
            assert [b.get_text(strip=True) for b in main] == [W["copy_email"]], "one main action; the rest under More"
            assert w.select_one(".email__actions details > summary").get_text(strip=True).startswith(W["more"])
            assert bool(w.select('[data-email-version]')) == (len(t.versions) > 1)
        lists = doc.select("[data-email-choose]")
        back = doc.select("[data-email-back]")
        if len(ids) == 1:
            assert lists == [] and back == [], path
            continue
        [nav] = lists
        assert nav.find_next("h2", id=widgets[0]["aria-labelledby"]) is not None, "before the first email"
        links = nav.select("[data-email-choose-item] a")
        assert [a["href"] for a in links] == [f"#email-{i}" for i in ids], path
        for tid, a in zip(ids, links):
            t = library.templates[tid]
            assert [a.select_one(".email-choose__title").get_text(), a.select_one(".email-choose__when").get_text()] == \
                [t.title, t.when]
        assert len(back) == len(ids) and all(b["href"] == "#" + nav["aria-labelledby"] for b in back)
        assert all("guide-js-only" in b.find_parent("p")["class"] for b in back), "the way back needs JavaScript"


def test_email_code_loads_only_on_pages_with_snippets(guide):
    shown = email_pages(guide)
    for path in guide.pages():
        if path not in shown:  # most pages: a look at the text is enough
            text = (guide.site / path / "index.html").read_text(encoding="utf-8")
            assert "data-email" not in text and "assets/tools/emails." not in text, path
            continue
        doc = guide.html(path)
        scripts = [s for s in doc.select("script[src]") if s["src"].endswith("assets/tools/emails.js")]
        styles = [s for s in doc.select("link[href]") if s["href"].endswith("assets/tools/emails.css")]
        count = len(shown.get(path, []))
        assert len(doc.select("[data-email]")) == count, path
        assert len(scripts) == len(styles) == (1 if count else 0), path


def test_email_assets_stay_under_6_kb_gzipped(site):
    """A budget: 5 KB held the fill-in and copy; choosing an email (by situation), asking before
    handing over gaps and the "More" actions took it just past that."""
    import gzip
    js = (site / "assets" / "tools" / "emails.js").read_bytes()
    css = (site / "assets" / "tools" / "emails.css").read_bytes()
    size = len(gzip.compress(js, 9)) + len(gzip.compress(css, 9))
    assert size < 6 * 1024, f"emails.js + emails.css are {size} bytes gzipped"


# ---- one strict build: a data error reaches its output with file:line, never a traceback ----

def test_the_build_fails_on_a_data_error_with_file_and_line(tmp_path):
    """The example site, in a copy of the project (its mkdocs.yml inherits the project's)."""
    project = copy_project(tmp_path / "p")
    site = project / "tests" / "example"
    shutil.copytree(EXAMPLE, site)
    data = site / "docs" / "_data" / "emails.yml"
    template, name = next((t, f.name) for t in example_library().templates.values() for f in t.fields if not f.shared)
    text = data.read_text(encoding="utf-8").replace("{" + name + "}", "{" + name + "x}", 1)
    data.write_text(text, encoding="utf-8")
    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should fail"
    assert "Traceback" not in output
    assert (f"{REL}:{line_of(text, '{' + name + 'x}')}: The body of template '{template.id}' uses {{{name}x}}, "
            f"which is not a defined field. Fix: did you mean '{{{name}}}'?") in output
