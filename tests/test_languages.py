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
from support import EXAMPLE, build, copy_project, page_paths, soup

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
        text: Let it out
    page: feel-it.md
"""


def compared(translated: str, original: str = ORIGINAL) -> list[str]:
    pair = Pair("docs/_data/checklists.yml", "docs/es/_data/checklists.yml")
    return [str(e) for e in compare_yaml(original, translated, pair, "Spanish")]


def test_a_missing_item_names_the_translation_and_the_originals_line():
    translated = ORIGINAL.replace("      - id: let-it-out\n        text: Let it out\n", "").replace("Feel it", "Siéntelo")
    assert compared(translated) == [
        "docs/es/_data/checklists.yml:5: The checklist 'feel-it' has no item 'let-it-out' "
        "(docs/_data/checklists.yml:7 has it). Fix: add it, translated, with the same id."]


def test_text_is_free_but_ids_pages_numbers_and_placeholders_are_not():
    assert compared(ORIGINAL.replace("Name the feeling", "Nombra lo que sientes").replace("Let it out", "Desahógate")) == []
    wrong = ORIGINAL.replace("page: feel-it.md", "page: sientelo.md").replace("id: name-it", "id: nombralo")
    said = compared(wrong)
    assert any("'page: sientelo.md' in the checklist 'feel-it' differs from the original 'feel-it.md'" in s for s in said)
    assert any("has no item 'name-it'" in s for s in said) and any("has the item 'nombralo', which the original doesn't" in s for s in said)
    email = "subject: 'Thanks: {role} at {company}'\nsteps: [first.md, second.md]\nhours: 24\nlines: [One, Two]\n"
    assert compared("subject: 'Gracias: {role} en {company}'\nsteps: [first.md, second.md]\nhours: 24\nlines: [Una]\n",
                    email) == []
    said = compared("subject: 'Gracias: {puesto}'\nsteps: [second.md, first.md]\nhours: 12\nlines: [Una]\nextra: 1\n", email)
    assert len(said) == 4, said
    assert "lacks {company}, {role}; has {puesto}, which the original doesn't" in said[0]
    assert "'steps' in the file is [second.md, first.md], but the original has [first.md, second.md]" in said[1]
    assert "'hours: 12' in the file differs from the original '24'" in said[2]
    assert "has 'extra', which the original doesn't have" in said[3]


def test_entries_in_another_order_are_named():
    swapped = ORIGINAL.replace("      - id: name-it\n        text: Name the feeling\n", "") + \
        "      - id: name-it\n        text: Name the feeling\n"
    swapped = swapped.replace("    page: feel-it.md\n", "").replace("    title: Feel it\n", "    title: Feel it\n    page: feel-it.md\n")
    [said] = compared(swapped)
    assert "The items of the checklist 'feel-it' are in another order than in the original" in said
    assert "name-it, let-it-out" in said


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
    copy_project(tmp_path / "p")  # the parts tests/example INHERITs from, at the same relative place
    project = tmp_path / "p" / "tests" / "example"
    shutil.copytree(EXAMPLE, project)
    return project


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


def test_an_incomplete_translation_fails_the_build_naming_each_file_and_line(tmp_path):
    project = example_copy(tmp_path)
    es = project / "docs" / "es"
    data = yaml.safe_load((DOCS / "_data" / "checklists.yml").read_text(encoding="utf-8"))
    checklist, item = data["checklists"][0], data["checklists"][0]["items"][-1]
    path = es / "_data" / "checklists.yml"
    edit(path, block(path.read_text(encoding="utf-8"), f"      - id: {item['id']}", "      "), "")
    template = yaml.safe_load((DOCS / "_data" / "emails.yml").read_text(encoding="utf-8"))["templates"][-1]["id"]
    emails = es / "_data" / "emails.yml"
    edit(emails, block(emails.read_text(encoding="utf-8"), f"  - id: {template}", "  "), "")
    page = page_paths(DOCS)[-1]
    md = next(p for p in (page + "index.md", page.rstrip("/") + ".md") if (DOCS / p).is_file())
    (es / md).unlink()
    marked = next(p for p in sorted(DOCS.glob("*.md")) if "<!-- checklist:" in p.read_text(encoding="utf-8"))
    marker = next(line for line in marked.read_text(encoding="utf-8").splitlines() if line.startswith("<!-- checklist:"))
    edit(es / marked.name, marker + "\n", "")
    words = project.parent.parent / "overrides" / "text" / "es.yml"  # the copy's own words
    lines = words.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("checklists:")) + 1
    while lines[at].lstrip().startswith("#"):
        at += 1
    key = lines[at].split(":")[0].strip()
    del lines[at]
    words.write_text("".join(lines), encoding="utf-8")

    result = build(project, tmp_path / "site", quiet=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said
    assert (f"docs/es/_data/checklists.yml:{line_of(path, 'items:') + 1}: The checklist '{checklist['id']}' has no item "
            f"'{item['id']}' (docs/_data/checklists.yml:{line_of(DOCS / '_data' / 'checklists.yml', '- id: ' + item['id'])} "
            "has it). Fix: add it, translated, with the same id.") in said
    assert f"has no template '{template}' (docs/_data/emails.yml:" in said
    assert f"docs/es/{md}:1: The page docs/{md} has no Spanish version" in said
    assert (f"docs/es/{marked.name}:1: The page lacks the marker '{marker}' "
            f"(docs/{marked.name}:{line_of(marked, marker)} has it)") in said
    assert f"overrides/text/es.yml:{at + 1}: 'checklists' has no '{key}' (../../overrides/text/en.yml:" in said
    assert not (tmp_path / "site" / "es" / "index.html").exists()


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
