"""The tools' own words (overrides/text/<language>.yml, guidekit/text.py): read with file:line
errors, escaped in templates, filled in, handed to each script, and never missing."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from markupsafe import Markup

from guidekit.text import Words, fill, fill_html, load_text, script_words
from support import ROOT, soup
from test_site_build import built_pages

TEXT = ROOT / "overrides" / "text"
PARTIALS = ROOT / "overrides"
SCRIPTS = ROOT / "overrides" / "assets" / "tools"


def english() -> dict:
    data, _, errors = load_text("overrides/text/en.yml", (TEXT / "en.yml").read_text(encoding="utf-8"))
    assert not errors, errors
    return data


def test_words_load_by_tool_with_a_script_section():
    data, lines, errors = load_text("t.yml", "planner:\n  title: Plan\n  script:\n    copied: Copied {what}\nemails:\n")
    assert not errors
    assert data == {"planner": {"title": "Plan", "script": {"copied": "Copied {what}"}}, "emails": {}}
    assert lines["planner.script.copied"] == 4


@pytest.mark.parametrize("source, message", [
    ("planner:\n  Title: Plan\n", "t.yml:2: 'planner.Title' is not a valid key."),
    ("planner:\n  title:\n", "t.yml:2: 'planner.title' has no words."),
    ("planner:\n  title: A\n  title: B\n", "t.yml:3: 'planner.title' is written twice."),
    ("planner: [a, b]\n", "t.yml:1: 'planner' is not a set of 'key: words' lines."),
    ("planner:\n  title: A: B\n", "t.yml:2: This is not valid YAML"),
])
def test_a_slip_in_a_words_file_names_the_line(source, message):
    _, _, errors = load_text("t.yml", source)
    assert errors and str(errors[0]).startswith(message), errors


def test_fill_keeps_unknown_placeholders_and_html_fill_escapes_plain_values_only():
    assert fill("{done} of {total}", done=2, total=5) == "2 of 5"
    assert fill("{done} of {gone}", done=1) == "1 of {gone}"
    out = fill_html(Markup.escape("Call {name}, {phone} & more"), name="A <b>", phone=Markup('<a href="tel:1">1</a>'))
    assert out == 'Call A &lt;b&gt;, <a href="tel:1">1</a> &amp; more'


def test_templates_get_escaped_words_and_a_missing_key_names_file_and_key():
    w = Words({"center": {"lead": "Help & hope"}}, "overrides/text/xx.yml")
    assert w.center.lead == "Help &amp; hope"
    with pytest.raises(Exception, match=r"overrides/text/xx.yml has no 'center.gone'"):
        w.center.gone


def test_script_words_are_a_line_of_data_before_the_script():
    line = script_words("planner", {"copied": "Copiado ✓ \"ya\""})
    assert line == '(window.guideText=window.guideText||{})["planner"]={"copied":"Copiado ✓ \\"ya\\""};\n'


def test_every_word_a_template_or_script_asks_for_exists_in_english():
    """Templates ask `words.<tool>.<key>` (or `w.<key>` after `{% set w = words.<tool> %}`); a tool's
    script asks `W.<key>` for its own `script:` words."""
    data = english()
    missing = []
    for path in sorted(PARTIALS.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for tool, key in re.findall(r"\bwords\.(\w+)\.(\w+)", source):
            if key not in data.get(tool, {}):
                missing.append(f"{path.relative_to(ROOT)}: words.{tool}.{key}")
        for tool in re.findall(r"set w = words\.(\w+)", source):
            for key in re.findall(r"\bw\.(\w+)", source):
                if key not in data.get(tool, {}):
                    missing.append(f"{path.relative_to(ROOT)}: words.{tool}.{key}")
    for path in sorted(SCRIPTS.glob("*.js")):
        script = data.get(path.stem, {}).get("script", {})
        for key in re.findall(r"\bW\.(\w+)", path.read_text(encoding="utf-8")):
            if key not in script:
                missing.append(f"{path.relative_to(ROOT)}: W.{key} (overrides/text/en.yml: {path.stem}.script.{key})")
    assert not missing, "words asked for but not in overrides/text/en.yml:\n" + "\n".join(missing)


def test_every_language_file_parses_with_the_same_sections():
    for path in sorted(TEXT.glob("*.yml")):
        data, _, errors = load_text(path.name, path.read_text(encoding="utf-8"))
        assert not errors, errors
        assert set(data) == set(english()), path.name


def test_the_built_scripts_carry_their_words_and_the_words_files_are_not_published(guide):
    """Each tool's script, as this guide's site serves it, starts with its words in the guide's language."""
    data = yaml.safe_load((guide.root / "overrides" / "text" / f"{guide.lang}.yml").read_text(encoding="utf-8"))
    for tool, section in data.items():
        if section and "script" in section:
            built = (guide.site / "assets" / "tools" / f"{tool}.js").read_text(encoding="utf-8")
            first = built.splitlines()[0]
            prefix = f'(window.guideText=window.guideText||{{}})["{tool}"]='
            assert first.startswith(prefix) and first.endswith(";"), tool
            sent = json.loads(first[len(prefix):-1])
            assert sent == {k: str(v).strip() for k, v in section["script"].items()}, tool
    assert not (guide.site / "text").exists()


def _sentences(section, found=None) -> set[str]:
    """Every stretch of words of a words file longer than three words: each value cut at its {placeholders}."""
    found = set() if found is None else found
    for value in section.values():
        if isinstance(value, dict):
            _sentences(value, found)
        else:
            for part in re.split(r"\{\w+\}", str(value)):
                part = " ".join(part.split()).strip(" ,;:·")
                if len(part.split()) > 3:
                    found.add(part)
    return found


def visible_text(page) -> str:
    """What a reader meets on a built page: its text without scripts and styles, and the names and hints
    its controls carry (aria-label, title, placeholder, alt)."""
    doc = soup(page, fresh=True)
    own = doc.html.get("lang") if doc.html else None
    for el in doc.select("script, style, template"):
        el.decompose()
    for el in doc.select("body [lang]"):  # said in another language on purpose, and marked so ("Esta guía en español")
        if el.get("lang") != own:
            el.decompose()
    names = [el[attr] for attr in ("aria-label", "title", "placeholder", "alt") for el in doc.select(f"[{attr}]")]
    return " ".join(" ".join([doc.get_text(" "), *names]).split())


def test_no_page_shows_a_sentence_of_another_languages_words(guide):
    """A page in one language holds none of the tools' words of another (overrides/text/<code>.yml:
    every stretch of more than three words, except one both files share): a Spanish page with an
    English button, heading or hint left over fails, and the other way round."""
    own = {p.stem: load_text(p.name, p.read_text(encoding="utf-8"))[0] for p in sorted(TEXT.glob("*.yml"))}
    mine = _sentences(own[guide.lang])
    foreign = {lang: _sentences(data) - mine for lang, data in own.items() if lang != guide.lang}
    assert foreign and all(foreign.values()), f"no other language's words to look for: {sorted(own)}"
    pages = built_pages(guide.site)
    assert len(pages) > len(guide.pages())  # sheets and the 404 page too
    found, seen = [], set()
    for page in pages:
        text = visible_text(page)
        seen |= {s for s in mine if s in text}
        for lang, sentences in foreign.items():
            found += [f"/{page.relative_to(guide.site).as_posix()}: {lang}: {s!r}" for s in sorted(sentences) if s in text]
    assert len(seen) >= 20, f"the pages show only {len(seen)} of their own words' sentences: is the text read at all?"
    assert not found, f"{guide.lang} pages with another language's words:\n" + "\n".join(found)
