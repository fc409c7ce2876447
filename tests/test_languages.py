"""The guide in several languages (hooks/components/languages.py, hooks/guidekit/languages.py).

Unit tests of the rule that compares a translation with its original; build tests on the example
site, whose one build writes English at the root and Spanish under /es/; and copies of the example
broken on purpose (a missing item, template, text key, page or marker; a wrong setting) or with
Spanish turned off. Ids and pages come from the example's data, not from this file.
"""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from guidekit.csp import inline_scripts, script_hash
from guidekit.languages import Languages, Pair, alternates, compare_yaml, load_languages, relative_url
from guidekit.translations import fixed, overlay
from support import EXAMPLE, data_text, build, example_project, page_paths, soup

DOCS = EXAMPLE / "docs"
ES = DOCS / "es"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of a file that contains `needle`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# The rule, without a build -------------------------------------------------------------------

def test_the_setting_is_checked_with_its_line():
    langs, errors = load_languages(["en", "es", "es", "EN!"], "en", ("mkdocs.yml", 7), lambda code: code == "es")
    assert langs.codes == ("en", "es")
    assert [str(e).split(" Fix:")[0] for e in errors] == [
        "mkdocs.yml:7: extra.languages lists 'es' twice.",
        "mkdocs.yml:7: extra.languages has 'EN!', which is not a language code."]
    _, errors = load_languages(["es", "en"], "en", ("mkdocs.yml", 3), lambda code: True)
    assert "starts with 'es', but the site's language (theme.language) is 'en'" in str(errors[0])
    _, errors = load_languages(["en", "fr"], "en", ("mkdocs.yml", 3), lambda code: False)
    assert str(errors[0]).startswith("mkdocs.yml:3: extra.languages lists 'fr', but there is no mkdocs.fr.yml")
    assert load_languages(None, "en", ("mkdocs.yml", 1), lambda code: False) == (Languages(("en",)), [])


def test_each_page_links_to_itself_in_every_language():
    langs = Languages(("en", "es"))
    assert relative_url("es/feel-it/", "feel-it/") == "../es/feel-it/"
    assert relative_url("feel-it/", "es/feel-it/") == "../../feel-it/"
    assert relative_url("es/", "") == "es/" and relative_url("", "es/") == "../"
    assert relative_url("es/a.html", "a.html") == "es/a.html"  # use_directory_urls: false
    en, es = alternates(langs, "es", "situations/silence/", "https://x.example/guide/")
    assert (en["href"], en["url"], en["current"]) == ("../../../situations/silence/",
                                                       "https://x.example/guide/situations/silence/", False)
    assert (es["href"], es["url"], es["current"]) == ("./", "https://x.example/guide/es/situations/silence/", True)
    assert [a["name"] for a in alternates(langs, "en", "", "")] == ["English", "Español"]


ORIGINAL = """\
checklists:
  - id: feel-it
    title: Feel it
    items:
      - id: name-it
        text: Name the feeling
      - id: let-it-out
        text: "Let it out, {name}"
    page: feel-it.md
    hours: 24
    lines: [One, Two]
    pairs:
      - before: Angry
        after: Calm
"""
WORDS = """\
checklists:
  feel-it:
    title: Siéntelo
    items:
      name-it:
        text: Nombra lo que sientes
    lines: [Una]
    pairs:
      - before: Enojo
        after: Calma
"""


def overlaid(words: str, original: str = ORIGINAL):
    return overlay(original, "docs/_data/checklists.yml", words, "docs/es/_data/checklists.yml", "Spanish")


def test_a_translation_holds_words_by_id_and_what_it_lacks_stays_in_the_original():
    result = overlaid(WORDS)
    assert result.errors == [] and result.unused == []
    data = yaml.safe_load(result.text)["checklists"][0]
    assert (data["title"], [i["text"] for i in data["items"]]) == ("Siéntelo", ["Nombra lo que sientes", "Let it out, {name}"])
    assert (data["page"], data["hours"], data["lines"], data["pairs"]) == ("feel-it.md", 24, ["Una"], [{"before": "Enojo", "after": "Calma"}])
    assert [u.dotted for u in result.missing] == ["checklists.feel-it.items.let-it-out.text"]
    # every line of the original keeps its number, so the tool's own messages name the right line
    assert len(result.text.splitlines()) == len(ORIGINAL.splitlines())
    assert result.where(line_in(ORIGINAL, "Feel it")) == line_in(WORDS, "Siéntelo")


def line_in(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_translation_that_would_break_the_guide_names_its_line():
    words = WORDS.replace("Nombra lo que sientes", "Nombra {nombre}") + "    hours: 12\n"
    said = [str(e) for e in overlaid(words).errors]
    assert said[0].startswith(f"docs/es/_data/checklists.yml:{line_in(words, 'Nombra')}: 'checklists.feel-it.items.name-it.text' "
                              "has {nombre}, which the original doesn't")
    assert said[1].startswith(f"docs/es/_data/checklists.yml:{line_in(words, 'hours')}: 'checklists.feel-it.hours: 12' is not "
                              "words: ids, pages, numbers, times and order live only in docs/_data/checklists.yml.")
    assert len(said) == 2


def test_what_the_original_no_longer_has_or_has_changed_never_stops_the_build():
    original = ORIGINAL.replace("      - id: name-it\n        text: Name the feeling\n", "") + "      - before: Sad\n        after: Fine\n"
    result = overlaid(WORDS, original)
    assert result.errors == []
    assert result.unused == [("checklists.feel-it.items.name-it.text", line_in(WORDS, "Nombra"))]
    [pairs] = [u for u in result.units if u.key[-1] == "pairs"]
    assert pairs.missing and "2 entries" in pairs.outdated  # out of date: shown in the original, listed as such


# The example site, built in both languages ---------------------------------------------------

def test_both_languages_are_built_each_in_its_language(example, example_es):
    pages = page_paths(DOCS)
    assert pages == page_paths(ES) and "" in pages
    for path in pages:
        assert soup(example.site / path / "index.html").html["lang"] == "en", path
        assert soup(example_es.site / path / "index.html").html["lang"] == "es", path
    assert "_data" not in {p.name for p in example_es.site.iterdir()}, "the Spanish data files were published"


def selector(html) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in html.select(".md-select .md-select__link")}


def test_the_selector_links_every_page_to_itself_in_the_other_language(example, example_es):
    for path in page_paths(DOCS):
        for site, url in ((example.site, example.url), (example_es.site, example_es.url)):
            links = selector(soup(site / path / "index.html"))
            here = url + path
            assert {lang: urljoin(here, href) for lang, href in links.items()} == \
                {"en": example.url + path, "es": example_es.url + path}, here
    for site in (example.site, example_es.site):  # the 404 page, served at any depth, links to each home
        links = selector(soup(site / "404.html"))
        assert links == {"en": urlsplit(example.url).path, "es": urlsplit(example_es.url).path}


def test_sitemaps_carry_each_pages_versions_and_heads_carry_none(example, example_es):
    for site, own in ((example.site, "en"), (example_es.site, "es")):
        urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", SITEMAP)
        assert len(urls) >= len(page_paths(DOCS))
        for url in urls:
            loc = url.find("s:loc", SITEMAP).text
            links = {x.get("hreflang"): x.get("href") for x in url.findall("x:link", SITEMAP)}
            path = loc[len(example.url if own == "en" else example_es.url):]
            assert links == {"en": example.url + path, "es": example_es.url + path, "x-default": example.url + path}, loc
            assert links[own] == loc
        # Material fetches '<href>/sitemap.xml' for each <link rel="alternate"> in a page's head
        for html in site.rglob("*.html"):
            assert not soup(html).select("head link[rel~=alternate]"), html


def test_spanish_shares_the_saved_state_of_the_english_site(example, example_es):
    root = urlsplit(example.url).path
    scopes = {html: re.search(r'__md_scope=new URL\("([^"]*)"', html.read_text(encoding="utf-8"))
              for html in example_es.site.rglob("*.html")}
    assert all(scopes[example_es.site / p / "index.html"] for p in page_paths(ES))  # (printable sheets have no scripts)
    assert {m[1] for m in scopes.values() if m} == {root}


def policy(html: Path) -> set[str]:
    meta = soup(html).select_one('meta[http-equiv="Content-Security-Policy"]')
    script = dict(p.split(" ", 1) for p in meta["content"].split("; "))["script-src"]
    return {s for s in script.split() if s.startswith("'sha256-")}


def test_each_language_has_its_own_policy_of_its_own_pages(example, example_es):
    english = [p for p in example.site.rglob("*.html") if example_es.site not in p.parents]
    spanish = sorted(example_es.site.rglob("*.html"))
    for pages in (english, spanish):
        written = {script_hash(s) for p in pages for s in inline_scripts(p.read_text(encoding="utf-8"))}
        policies = {frozenset(policy(p)) for p in pages}
        assert policies == {frozenset(written)}


def test_files_the_translation_lacks_come_from_the_original_docs(example, example_es):
    logo = next(p for p in (DOCS / "assets").iterdir())
    assert not (ES / "assets").exists()
    assert (example_es.site / "assets" / logo.name).read_bytes() == logo.read_bytes()
    img = soup(example_es.site / "first" / "index.html").select_one(f"img[src$='{logo.name}']")
    assert img is not None and urljoin(example_es.url + "first/", img["src"]) == example_es.url + f"assets/{logo.name}"


def test_the_english_site_has_only_english_pages(example, example_es):
    index = (example.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"es/' not in index.replace(" ", "")
    sitemap = (example.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{example_es.url}" not in sitemap


# Copies of the example, broken on purpose ----------------------------------------------------

def example_copy(tmp_path: Path) -> Path:
    return example_project(tmp_path / "p")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def block(text: str, start: str, indent: str) -> str:
    """The lines of a YAML list entry that starts with the line `start`, up to the next entry of its indent."""
    lines = text.splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if line.rstrip() == start)
    j = i + 1
    while j < len(lines) and not lines[j].startswith(indent + "- ") and (lines[j].startswith(indent + " ") or not lines[j].strip()):
        j += 1
    return "".join(lines[i:j])


def test_an_incomplete_translation_builds_showing_the_original_marked_and_listed(tmp_path):
    """What the Spanish lacks (an item, an email template, a page, a marker, a words key) shows in
    English, marked lang="en", and is listed in the translator's report; the strict build passes."""
    project = example_copy(tmp_path)
    es = project / "docs" / "es"
    data = yaml.safe_load(data_text(DOCS, "checklists.yml"))
    checklist, item = data["checklists"][0], data["checklists"][0]["items"][-1]
    path = es / "_data" / "checklists.yml"
    edit(path, block(path.read_text(encoding="utf-8"), f"      {item['id']}:", "      "), "")
    template = yaml.safe_load(data_text(DOCS, "emails.yml"))["templates"][-1]
    emails = es / "_data" / "emails.yml"
    edit(emails, block(emails.read_text(encoding="utf-8"), f"  {template['id']}:", "  "), "")
    page = page_paths(DOCS)[-1]
    md = next(p for p in (page + "index.md", page.rstrip("/") + ".md") if (DOCS / p).is_file())
    (es / md).unlink()
    other = f"<!-- checklist: {data['checklists'][1]['id']} -->"
    marked = next(p for p in sorted(DOCS.glob("*.md")) if other in p.read_text(encoding="utf-8"))
    marker = next(line for line in marked.read_text(encoding="utf-8").splitlines() if line == other)
    edit(es / marked.name, marker + "\n", "")
    words = project.parent.parent / "overrides" / "text" / "es.yml"  # the copy's own words
    lines = words.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("checklists:")) + 1
    while lines[at].lstrip().startswith("#"):
        at += 1
    key = lines[at].split(":")[0].strip()
    del lines[at]
    words.write_text("".join(lines), encoding="utf-8")

    site = tmp_path / "site"
    result = build(project, site, quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "es: " in said and " to translate, 1 outdated" in said
    report = (site / "es" / "translation-report.txt").read_text(encoding="utf-8")
    assert f"checklists.{checklist['id']}.items.{item['id']}.text   [TO TRANSLATE]" in report
    assert f"templates.{template['id']}.title   [TO TRANSLATE]" in report
    assert f"{md}   [TO TRANSLATE]" in report
    assert f"checklists.{key}   [TO TRANSLATE]" in report
    assert f"lacks the marker '{marker}'" in report  # the page is out of date: listed, shown as it is

    shown = soup(site / "es" / checklist["page"].replace(".md", "") / "index.html")
    label = next(l for l in shown.select(f"#checklist-{checklist['id']} label") if l.get_text(strip=True) == item["text"])
    assert label.find("span", lang="en") is not None, label
    untranslated = soup(site / "es" / page / "index.html")
    assert untranslated.select_one(".guide-untranslated") is not None
    assert untranslated.select_one("div[lang=en] h1") is not None
    assert not [tag for tag in soup(site / "es" / "emails" / "index.html").find_all(True)
                if any("<span" in str(v) for v in tag.attrs.values())], "words marked inside an attribute"


def git(project: Path, *args: str, when: str = "2026-01-01T10:00:00Z") -> None:
    import os
    import subprocess
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_a_translation_older_than_its_original_is_kept_and_listed_as_outdated(tmp_path):
    """In a git checkout (as on GitHub), a text or page whose English changed after its Spanish was
    written still shows its Spanish, and the report lists it as outdated, with both versions."""
    project = example_copy(tmp_path)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "first")
    data = yaml.safe_load(data_text(DOCS, "checklists.yml"))
    checklist, item = data["checklists"][0], data["checklists"][0]["items"][0]
    edit(project / "docs" / "_data" / "checklists.yml", f"text: {item['text']}", f"text: {item['text']}, reworded")
    page = next(p for p in sorted(DOCS.glob("*.md")) if p.name != "index.md")
    (project / "docs" / page.name).write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    git(project, "commit", "-qam", "reworded", when="2026-02-01T10:00:00Z")

    site = tmp_path / "site"
    result = build(project, site, quiet=False)
    assert result.returncode == 0, result.stdout + result.stderr
    report = (site / "es" / "translation-report.txt").read_text(encoding="utf-8")
    entry = report.split(f"- checklists.{checklist['id']}.items.{item['id']}.text   [OUTDATED: the original was changed on "
                         "2026-02-01 10:00 UTC, after this translation (2026-01-01 10:00 UTC)")[1].split("\n- ")[0]
    spanish = yaml.safe_load((ES / "_data" / "checklists.yml").read_text(encoding="utf-8"))  # its words
    kept = spanish["checklists"][checklist["id"]]["items"][item["id"]]["text"]
    assert f"{item['text']}, reworded" in entry and kept in entry
    assert f"- docs/es/{page.name}   [OUTDATED] the original was changed on 2026-02-01" in report
    shown = soup(site / "es" / checklist["page"].replace(".md", "") / "index.html")
    assert kept in [l.get_text(strip=True) for l in shown.select(f"#checklist-{checklist['id']} label")]


def test_a_translation_that_breaks_the_guide_stops_the_build_at_its_line(tmp_path):
    project = example_copy(tmp_path)
    path = project / "docs" / "es" / "_data" / "emails.yml"
    text = path.read_text(encoding="utf-8")
    subject = next(line for line in text.splitlines() if "subject:" in line and "{" in line)
    broken = subject.split("{")[0] + "{puesto}" + "\n"
    edit(path, subject + "\n", broken if broken.strip().endswith("}") else broken)
    result = build(project, tmp_path / "site", quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert f"docs/es/_data/emails.yml:{line_of(path, '{puesto}')}: " in said and "{puesto}, which the original doesn't" in said


def test_translations_hold_only_words():
    """Every words file (the guide's and the example's) holds only words: no id, number, time, page or
    order. The example's each translate a text its original still has; the guide's may hold a few
    that no longer do (a center removed an item in English): the translator's report lists them."""
    for root in (Path("docs"), DOCS):
        root = Path(__file__).resolve().parent.parent / root if not root.is_absolute() else root
        for words in sorted((root / "es" / "_data").glob("*.yml")):
            original = root / "_data" / words.name
            result = overlay(original.read_text(encoding="utf-8"), str(original), words.read_text(encoding="utf-8"),
                             str(words), "Spanish")
            assert result.errors == [], (words, result.errors)
            assert root != DOCS or result.unused == [], (words, result.unused)
            node = yaml.compose(words.read_text(encoding="utf-8"))
            leaves = [n for n in _scalars(node)]
            assert leaves and not [n.value for n in leaves if fixed(n)], words


def _scalars(node):
    if isinstance(node, yaml.MappingNode):
        for _, v in node.value:
            yield from _scalars(v)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            yield from _scalars(v)
    else:
        yield node


def test_a_spanish_page_with_a_broken_link_fails_a_strict_build(tmp_path):
    project = example_copy(tmp_path)
    page = project / "docs" / "es" / "first.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Roto](no-such-page.md)\n", encoding="utf-8")
    result = build(project, tmp_path / "site", quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "no-such-page.md" in said and "Traceback" not in said
    assert build(project, tmp_path / "lax", strict=False).returncode == 0


def test_a_wrong_language_setting_names_its_line(tmp_path):
    project = example_copy(tmp_path)
    config = project / "mkdocs.yml"
    edit(config, "languages: [en, es]", "languages: [en, es, fr]")
    result = build(project, tmp_path / "site", quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert f"mkdocs.yml:{line_of(config, 'languages:')}: extra.languages lists 'fr', but there is no mkdocs.fr.yml" in said
    edit(config, "languages: [en, es, fr]", "languages: [en, es]")
    edit(project / "mkdocs.es.yml", "  language: es", "  language: fr")
    result = build(project, tmp_path / "site", quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert f"mkdocs.es.yml:{line_of(project / 'mkdocs.es.yml', 'language: fr')}: theme.language is 'fr'" in said
    edit(project / "mkdocs.es.yml", "  language: fr", "  language: es")
    shutil.rmtree(project / "docs" / "es")
    result = build(project, tmp_path / "site", quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert (f"mkdocs.yml:{line_of(config, 'languages:')}: extra.languages lists 'es', but its pages' folder docs/es/ "
            "(docs_dir in mkdocs.es.yml) doesn't exist.") in said


def test_each_home_page_offers_the_guide_in_the_other_language_in_that_language(example, example_es):
    """`<!-- languages -->` on the home page: a link to the other language's home, in its own words."""
    from support import words
    for here, there in ((example, example_es), (example_es, example)):
        links = soup(here.site / "index.html").select(".guide-languages a")
        other = "es" if here is example else "en"
        assert [(a["lang"], a["hreflang"], a.get_text(strip=True)) for a in links] == [
            (other, other, words("guide", other)["also_in"])]
        assert urljoin(here.url, links[0]["href"]) == there.url


def test_the_page_for_a_missing_address_says_it_in_every_language(example, example_es):
    """GitHub Pages serves the root 404.html for every missing address, /es/... too: it tells a Spanish
    reader, in Spanish, that the page doesn't exist and links to the Spanish start, before the urgent help."""
    from support import words
    page = soup(example.site / "404.html")
    spanish = page.select('article [lang="es"]')
    assert [s.find("h2").get_text(strip=True) for s in spanish] == [words("guide", "es")["not_found_title"]]
    link = spanish[0].find("a")
    assert link.get_text(strip=True) == words("guide", "es")["not_found_link"]
    assert urljoin(example.url + "404.html", link["href"]) == example_es.url
    urgent = page.select_one("article .guide-urgent")
    assert urgent is not None and spanish[0].sourceline < urgent.sourceline
    assert not soup(example_es.site / "404.html").select('article [lang="en"]')   # only the root's is served


def test_spanish_turned_off_leaves_an_english_site_with_no_trace_of_it(tmp_path):
    project = example_copy(tmp_path)
    edit(project / "mkdocs.yml", "languages: [en, es]", "languages: [en]")
    out = tmp_path / "site"
    url = "http://127.0.0.1:9/example-guide/"
    result = build(project, out, site_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (out / "es").exists()
    for html in out.rglob("*.html"):
        page = soup(html)
        assert not page.select(".md-select, [hreflang]"), html
        here = url + html.relative_to(out).as_posix()
        for element in page.find_all(True):
            for attr in ("href", "src", "action"):
                if element.get(attr):
                    target = urljoin(here, element[attr])
                    assert not target.startswith(url + "es/"), (html, element[attr])
    assert "hreflang" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "languages.js" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_mkdocs_serve_builds_both_languages_and_rebuilds_on_a_spanish_edit(tmp_path):
    """`mkdocs serve` builds into a folder of its own: Spanish is served under /es/, and an edit in
    docs/es/ (inside docs/, which serve watches) or in mkdocs.es.yml brings a rebuild."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    project = example_copy(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/served/"}
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
                             cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def h1(path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/served/{path}", timeout=5) as r:
                return soup_of(r.read().decode("utf-8")).h1.get_text()
        except OSError:
            return None

    def until(check, seconds=90):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if check():
                return True
            time.sleep(0.5)
        return False

    try:
        page = project / "docs" / "es" / "first.md"
        title = next(line[2:] for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        assert until(lambda: h1("es/first/") == title), "the Spanish site was not served under /es/"
        assert h1("first/") != title
        page.write_text(page.read_text(encoding="utf-8").replace(f"# {title}", "# Editado mientras se sirve"), encoding="utf-8")
        assert until(lambda: h1("es/first/") == "Editado mientras se sirve"), "an edit in docs/es/ brought no rebuild"
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def soup_of(html: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


# The guide after a center's edits, made in English only (support.center_edits) ----------------

def to_translate(report: str) -> set[str]:
    """What a translator's report (translation-report.txt) lists as still to translate."""
    return {line[2:].split("   [TO TRANSLATE]")[0] for line in report.splitlines() if "   [TO TRANSLATE]" in line}


def test_a_centers_english_edits_show_in_english_on_the_spanish_site_marked_and_listed(edited, server):
    """The strict build passed (the fixture asserts it); on the Spanish site, what the center added in
    English shows in English, marked lang="en", and the translator's report lists it, and nothing
    else that the guide it was copied from didn't list already."""
    from support import NEW_PAGE
    project, site = edited.project, edited.site / "es"
    checklists = yaml.safe_load((project / "docs" / "_data" / "checklists.yml").read_text(encoding="utf-8"))["checklists"]
    added = next(i for i in checklists[0]["items"] if i["id"] == "center-added-item")
    emails = (project / "docs" / "_data" / "emails.yml").read_text(encoding="utf-8")
    template = yaml.safe_load(emails)["templates"][-1]
    units = overlay(emails, "e", None, "w", "Spanish").units
    center = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0].replace("!ENV", ""))
    expected = {f"checklists.{checklists[0]['id']}.items.{added['id']}.text", NEW_PAGE,
                *(u.dotted for u in units if u.key[:2] == ("templates", template["id"])),
                center["extra"]["career_center"]["name"]}
    report = (site / "translation-report.txt").read_text(encoding="utf-8")
    listed = to_translate(report)
    already = to_translate((server.site / "es" / "translation-report.txt").read_text(encoding="utf-8"))
    assert expected <= listed and listed - expected <= already, (expected - listed, listed - expected - already)

    page = soup(site / checklists[0]["page"].replace(".md", "") / "index.html")
    label = next(l for l in page.select(f"#checklist-{checklists[0]['id']} label") if l.get_text(strip=True) == added["text"])
    assert label.find("span", lang="en") is not None
    sheet = soup(site / "print" / "emails" / template["id"] / "index.html")  # a template no page shows yet: its sheet
    assert sheet.select_one("h1 span[lang=en]").get_text(strip=True) == template["title"]
    assert sheet.select_one(".handout[lang=en]") is not None
    new = soup(site / NEW_PAGE.replace(".md", "") / "index.html")
    assert new.select_one(".guide-untranslated") and new.select_one("div[lang=en] h1")
    name = center["extra"]["career_center"]["name"]
    assert all(s.find_parent(lang="en") or s.parent.get("lang") == "en"
               for s in page.find_all(string=lambda text: text and name in text))


def test_the_spanish_site_shows_no_english_from_the_centers_settings(server):
    """With the shipped example settings (a center's own may wait for their translation): every text
    setting of the center shows only in Spanish on every Spanish page, and nothing is left to translate."""
    import pytest
    from components.languages import CENTER_WORDS
    from guidekit.branding import EXAMPLE
    from support import ROOT, center_settings
    english = center_settings(ROOT)
    if english.get("name") != EXAMPLE["name"]:
        pytest.skip("holds for the shipped example settings only")
    spanish = center_settings(ROOT, "es")
    lines = {line.strip() for key in CENTER_WORDS if english.get(key) for line in str(english[key]).splitlines()}
    translated = {line for key in CENTER_WORDS if spanish.get(key) for line in str(spanish[key]).splitlines()}
    leaking = {line for line in lines if line not in translated}
    assert leaking, "the example settings have words the Spanish site says otherwise"
    report = (server.site / "es" / "translation-report.txt").read_text(encoding="utf-8")
    assert "[TO TRANSLATE]" not in report, report
    for html in sorted((server.site / "es").rglob("*.html")):
        text = soup(html).get_text(" ")
        assert not [line for line in leaking if line in text], html


def test_a_translated_front_matter_list_of_entries_is_compared_by_id():
    """A page's front matter with a list of entries with ids (compare_yaml, as the build compares a
    translated page's front matter with its original's): an entry missing from the translation is
    named, by its id and the original's line, and an entry the original lacks is named too."""
    original = "steps:\n  - id: first\n    title: Breathe\n  - id: second\n    title: Write it down\n"
    translated = "steps:\n  - id: first\n    title: Respira\n  - id: third\n    title: Otro\n"
    problems = [e.problem for e in compare_yaml(original, translated, Pair("a.md", "es/a.md"), "es")]
    assert any("'second'" in p and "a.md:4" in p for p in problems), problems
    assert any("'third'" in p for p in problems), problems
