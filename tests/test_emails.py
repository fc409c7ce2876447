"""Email snippets: the data checks (unit), the build's errors and the built HTML (build layer).

The fill rule is laid out as data in guidekit/emails.py (`layout`) and applied by
assets/tools/emails.js (tests/js/emails.test.mjs); here, under Node, the script and the text shown
without JavaScript are checked to agree on every template.
"""
from __future__ import annotations

import json
import textwrap

import pytest

from guidekit.emails import add_headings, details_fields, parse_emails
from support import DOCS, build, copy_project, page_paths, run_js, soup

DATA = DOCS / "_data" / "emails.yml"
REL = "docs/_data/emails.yml"
IDS = {"feedback-request", "gracious-reply", "feedback-follow-up", "keep-in-touch", "thank-helper"}
SHARED = ["your_name", "interviewer_name", "company", "role"]

GOOD = textwrap.dedent("""\
    fields:
      your_name:
        label: Your name
        required: true
    templates:
      - id: hello
        title: Say hello
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


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


# ---- unit: the real data and the rules ----

def test_the_real_data_loads_with_all_templates():
    library, errors = parse_emails(DATA.read_text(), REL)
    assert not errors
    assert IDS <= set(library.templates)
    for t in library.templates.values():
        assert t.title and t.when and t.versions
        for v in t.versions:
            assert v.subject and v.body
            assert "{" not in t.fallback(v.subject + v.body), "every placeholder has a [Label] without JavaScript"
        shared = [f.name for f in t.fields if f.shared]
        assert shared == [n for n in ("your_name", "interviewer_name", "company", "role") if n in shared]
    assert any(len(t.versions) > 1 for t in library.templates.values()), "at least one warmer variant"


def test_a_good_file_parses_into_templates_with_fields_in_order():
    library, errors = parse(GOOD)
    assert errors == []
    hello = library.templates["hello"]
    assert [f.name for f in hello.fields] == ["your_name", "friend", "extra"]
    assert hello.field("your_name").shared and not hello.field("friend").shared
    assert hello.fallback(hello.versions[0].subject) == "Hello from [Your name]"
    spec = hello.spec()
    assert spec["fields"][0] == {"name": "your_name", "label": "Your name", "gap": "[Your name]", "shared": True}
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


# ---- the text shown without JavaScript is what the page's script shows before anything is typed

FILL_EMPTY = """
    return input.map((spec) => {
      rules.index(spec);
      return spec.versions.map((v) => [v.subject, v.body].map((t) => rules.text(rules.fill(t, spec, {}))));
    });"""


def test_the_script_with_nothing_typed_shows_the_text_shown_without_javascript():
    """For every shipped template and version, and the tests' own: emails.js under Node on Template.spec()."""
    templates = [*parse_emails(DATA.read_text(), REL)[0].templates.values(), *parse(GOOD)[0].templates.values()]
    shown = run_js("emails", FILL_EMPTY, [t.spec() for t in templates])
    for t, versions in zip(templates, shown):
        assert versions == [[t.fallback(v.subject), t.fallback(v.body)] for v in t.versions], t.id


def test_placeholder_used_but_not_defined_names_its_line():
    text = GOOD.replace("Bye, {your_name}", "Bye, {yuor_name}")
    [err] = parse(text)[1]
    assert (err.path, err.line) == (REL, line_of(text, "{yuor_name}"))
    assert "{yuor_name}" in err.problem and "your_name" in err.fix


def test_field_defined_but_unused_names_the_field():
    text = GOOD.replace("      {extra}\n\n", "")
    [err] = parse(text)[1]
    assert err.line == line_of(text, "extra:") and "never used" in err.problem


def test_shared_field_no_template_uses():
    text = GOOD.replace("fields:\n  your_name:", "fields:\n  company:\n    label: Company\n  your_name:", 1)
    [err] = parse(text)[1]
    assert err.line == 2 and "'company'" in err.problem


def test_duplicate_id_names_the_second_and_the_first():
    second = GOOD.split("templates:\n")[1]
    text = GOOD + second
    errors = parse(text)[1]
    assert [e.line for e in errors] == [line_of(text, "- id: hello", 2)]
    assert "used twice (first on line 6)" in errors[0].problem


def test_empty_subject_names_its_line():
    text = GOOD.replace("subject: Hello from {your_name}", "subject: ''")
    errors = parse(text)[1]
    assert any(e.line == line_of(text, "subject:") and "'subject'" in e.problem and "empty" in e.problem
               for e in errors)


def test_optional_field_in_subject_stray_brace_and_typo_in_key():
    text = GOOD.replace("Hello from {your_name}", "Hello {extra}").replace("Hi {friend},", "Hi {friend,")
    text = text.replace("    when: Any time.", "    wen: Any time.")
    problems = {e.line: e for e in parse(text)[1]}
    assert "optional field {extra}" in problems[line_of(text, "subject:")].problem
    assert "stray" in problems[line_of(text, "Hi {friend,")].problem
    assert "did you mean 'when'" in problems[line_of(text, "wen:")].fix


def test_bad_yaml_and_missing_file():
    [err] = parse("templates:\n  - id: [oops\n")[1]
    assert err.path == REL and "YAML" in err.problem
    [err] = parse(GOOD.replace("title: Say hello", "title:"))[1]
    assert f"{REL}:7:" in str(err)


def test_each_marker_gets_a_heading_for_the_table_of_contents():
    library = parse(GOOD)[0]
    out = add_headings("Intro\n\n<!-- email: hello -->\n", library)
    assert out == "Intro\n\n## Say hello {#email-hello}\n\n<!-- email: hello -->\n"


def test_a_page_with_several_templates_gets_one_details_block_before_the_first():
    second = GOOD.split("templates:\n")[1].replace("id: hello", "id: bye").replace("title: Say hello", "title: Say bye")
    library, errors = parse(GOOD + second)
    assert errors == []
    out = add_headings("Intro\n\n<!-- email: bye -->\n\n<!-- email: hello -->\n", library)
    assert out == ("Intro\n\n<!-- email-details -->\n\n## Say bye {#email-bye}\n\n<!-- email: bye -->\n\n"
                   "## Say hello {#email-hello}\n\n<!-- email: hello -->\n")


def test_the_details_block_asks_for_the_shared_fields_the_templates_use_in_file_order():
    library = parse_emails(DATA.read_text(), REL)[0]
    assert [f.name for f in details_fields(library, sorted(IDS))] == SHARED
    assert [f.name for f in details_fields(library, ["thank-helper"])] == ["your_name", "company", "role"]


def test_details_is_not_a_template_id():
    text = GOOD.replace("id: hello", "id: details")
    [err] = parse(text)[1]
    assert err.line == line_of(text, "id: details") and "Your details" in err.problem


# ---- build: each data error fails the build with file:line, never a traceback ----

def _broken_build(tmp_path, edit, rel=REL):
    project = copy_project(tmp_path / "p")
    path = project / rel
    text = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should fail"
    assert "Traceback" not in output
    return text, output


def test_build_fails_on_undefined_placeholder(tmp_path):
    text, out = _broken_build(tmp_path, lambda t: t.replace("      Dear {interviewer_name},\n\n      Thank you again",
                                                            "      Dear {interviewr_name},\n\n      Thank you again", 1))
    assert f"{REL}:{line_of(text, '{interviewr_name}')}: The body of template 'feedback-request' uses {{interviewr_name}}" in out
    assert "did you mean '{interviewer_name}'?" in out


def test_build_fails_on_unused_field(tmp_path):
    text, out = _broken_build(tmp_path, lambda t: t.replace("      Thank you especially for {help}.\n\n", ""))
    assert f"{REL}:{line_of(text, '      help:')}: The field 'help' in template 'thank-helper' is defined but never used." in out


def test_build_fails_on_duplicate_id(tmp_path):
    text, out = _broken_build(tmp_path, lambda t: t.replace("- id: keep-in-touch", "- id: feedback-request"))
    first = line_of(text, "- id: feedback-request")
    second = line_of(text, "- id: feedback-request", 2)
    assert f"{REL}:{second}: The id 'feedback-request' is used twice (first on line {first})." in out


def test_build_fails_on_empty_subject(tmp_path):
    text, out = _broken_build(tmp_path, lambda t: t.replace("subject: Thank you for your help with {company}",
                                                            "subject:"))
    assert f"{REL}:{line_of(text, '    subject:', 5)}: 'subject' in template 'thank-helper' is empty." in out


def test_build_fails_on_unknown_template_in_a_page(tmp_path):
    page = "docs/ask-for-feedback.md"
    text, out = _broken_build(tmp_path, lambda t: t.replace("<!-- email: feedback-request -->",
                                                            "<!-- email: feedback-requets -->"), rel=page)
    assert f"{page}:{line_of(text, 'feedback-requets')}: The page asks for the email template 'feedback-requets', which doesn't exist." in out


# ---- build: the HTML a visitor gets ----

def test_emails_page_shows_every_template_as_plain_text(site):
    doc = soup(site / "emails" / "index.html")
    widgets = doc.select("[data-email]")
    assert {w["aria-labelledby"].removeprefix("email-") for w in widgets} == IDS
    toc = {a["href"] for a in doc.select(".md-nav--secondary a")}
    assert {f"#email-{i}" for i in IDS} <= toc
    for w in widgets:
        assert doc.select_one("#" + w["aria-labelledby"]).name == "h2"
        assert "[Your name]" in w.select_one("[data-email-body]").get_text()
        assert "{" not in w.select_one(".email__preview").get_text()
        for el in w.select("[data-email-js], .email__actions, .email__form"):
            assert "guide-js-only" in el["class"], "controls that need JavaScript show only with it"
    assert "guide-js-only" in doc.select_one("[data-email-details]")["class"], "without JavaScript there is nothing to type"
    for field in doc.select("article input[type=text], article textarea"):
        assert doc.select_one(f'label[for="{field["id"]}"]'), "every box has a label"
        for hint in field.get("aria-describedby", "").split():
            assert doc.select_one("#" + hint)
    ids = [el["id"] for el in doc.select("article [id]")]
    assert len(ids) == len(set(ids)), "ids are unique"


def test_emails_page_asks_for_the_shared_details_once_before_the_first_email(site):
    doc = soup(site / "emails" / "index.html")
    [details] = doc.select("[data-email-details]")
    assert details.select_one("h2").get_text() == "Your details"
    assert details["aria-labelledby"] == details.select_one("h2")["id"] == "email-details"
    for name in SHARED:
        [box] = doc.select(f'[data-email-field="{name}"]')
        assert box.find_parent(attrs={"data-email-details": True}) is details, name
    assert [box["id"] for box in doc.select("[data-email-remember-box]")] == ["email-details-remember"]
    assert len(doc.select("[data-email-nosave]")) == 1
    # the block stands before the first email's heading; each email links back to it
    first = doc.select_one("[data-email]")["aria-labelledby"]
    assert details.find_next("h2", id=first) is not None
    for w in doc.select("[data-email]"):
        [link] = w.select('a[href="#email-details"]')
        assert link.get_text() == "Edit your details"
        assert "guide-js-only" in link.find_parent(class_="email__form")["class"], "the link shows only with JavaScript"
        own = {f["name"] for f in json.loads(w["data-email"])["fields"] if not f["shared"]}
        assert {box["data-email-field"] for box in w.select("[data-email-field]")} == own


@pytest.mark.parametrize("path,template_id", [("ask-for-feedback", "feedback-request"),
                                              ("reply-graciously", "gracious-reply")])
def test_a_page_with_one_email_keeps_the_shared_fields_in_it(site, path, template_id):
    doc = soup(site / path / "index.html")
    assert doc.select("[data-email-details]") == [] and doc.select('a[href="#email-details"]') == []
    [w] = doc.select("[data-email]")
    assert w["aria-labelledby"] == f"email-{template_id}"
    names = [box["data-email-field"] for box in w.select("[data-email-field]")]
    assert names[:4] == SHARED and len(names) == 5
    assert len(w.select("[data-email-remember-box]")) == 1


@pytest.mark.parametrize("path", ["emails/", "ask-for-feedback/", "reply-graciously/"])
def test_each_built_email_shows_what_its_script_shows_before_anything_is_typed(site, path):
    widgets = soup(site / path / "index.html").select("[data-email]")
    assert widgets
    shown = run_js("emails", FILL_EMPTY, [json.loads(w["data-email"]) for w in widgets])
    for w, versions in zip(widgets, shown):
        without_js = [w.select_one("[data-email-subject]").get_text(), w.select_one("[data-email-body]").get_text()]
        assert without_js == versions[0], w["aria-labelledby"]


def test_email_code_loads_only_on_pages_with_snippets(site):
    expected = {"emails/": 5, "ask-for-feedback/": 1, "reply-graciously/": 1}
    for path in page_paths():
        doc = soup(site / path / "index.html")
        scripts = [s for s in doc.select("script[src]") if s["src"].endswith("assets/tools/emails.js")]
        styles = [s for s in doc.select("link[href]") if s["href"].endswith("assets/tools/emails.css")]
        count = expected.get(path, 0)
        assert len(doc.select("[data-email]")) == count, path
        assert len(scripts) == len(styles) == (1 if count else 0), path


def test_email_assets_stay_under_5_kb_gzipped(site):
    import gzip
    js = (site / "assets" / "tools" / "emails.js").read_bytes()
    css = (site / "assets" / "tools" / "emails.css").read_bytes()
    size = len(gzip.compress(js, 9)) + len(gzip.compress(css, 9))
    assert size < 5 * 1024, f"emails.js + emails.css are {size} bytes gzipped"
