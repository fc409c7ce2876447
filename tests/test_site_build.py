"""Build layer: the strict build's HTML, read with a real HTML parser.

Content tests: each takes `guide` (the shipped guide, and a copy with a center's typical edits) and reads
what to expect from that guide's own pages, nav and settings, so a center's edits keep them green.
"""
from __future__ import annotations

import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from guidekit.datafile import to_python
from support import example_project, ROOT, soup


# Reading a guide's sources -------------------------------------------------------------------

def config_of(root: Path) -> dict:
    """mkdocs.yml's top-level settings as written (a value with a tag, such as site_url's !ENV, left out);
    root may also be a settings file itself (a translation's mkdocs.<code>.yml: only what it sets)."""
    node = yaml.compose((root if root.is_file() else root / "mkdocs.yml").read_text(encoding="utf-8"))
    return {k.value: to_python(v) for k, v in node.value if not v.tag.startswith("!")}


def settings_of(path: Path) -> dict:
    """A settings file's top-level settings as MkDocs reads them: with INHERIT, the parent's first and
    this file's over them (mappings merged key by key, anything else replaced), tagged values left out.
    path: a settings file, or the folder of a mkdocs.yml."""
    path = path if path.is_file() else path / "mkdocs.yml"
    own = config_of(path)
    parent = own.pop("INHERIT", None)
    if not parent:
        return own

    def merge(base, over):
        if isinstance(base, dict) and isinstance(over, dict):
            return {**base, **{k: merge(base[k], v) if k in base else v for k, v in over.items()}}
        return over
    return merge(settings_of((path.parent / parent).resolve()), own)


def url_of(src: str) -> str:
    """The site path of a Markdown file inside docs/: 'index.md' -> '', 'checklists/index.md' -> 'checklists/'."""
    stem = posixpath.splitext(src)[0]
    parts = stem.split("/")
    parts = parts[:-1] if parts[-1] == "index" else parts
    return "".join(p + "/" for p in parts)


def nav_paths(root: Path) -> list[str]:
    """The site path of every page listed in mkdocs.yml's nav (or that of the settings file given, or
    the one it INHERITs when it sets none), in order (links to other sites left out)."""
    from guidekit.checklists import menu_pages
    return [url_of(entry) for entry in menu_pages(settings_of(root).get("nav"))
            if entry.endswith(".md") and "://" not in entry]


def source_of(docs: Path, path: str) -> Path:
    """The Markdown file a site path was built from."""
    flat = docs / (path.rstrip("/") + ".md") if path else docs / "index.md"
    return flat if flat.is_file() else docs / path / "index.md"


def front_matter(docs: Path, path: str) -> dict:
    text = source_of(docs, path).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of a build, generated ones (printable sheets, 404) included; not those of a
    translation the same build wrote into a folder of its own (site/<code>/, a site with its own
    sitemap.xml): that guide is tested as itself."""
    nested = {d for d in site.iterdir() if d.is_dir() and (d / "sitemap.xml").is_file()}
    return sorted(p for p in site.rglob("*.html") if not nested & set(p.parents))


# Pages and navigation -------------------------------------------------------------------------

def test_every_page_and_nav_entry_is_built_at_its_address(guide):
    nav = nav_paths(guide.config_file)
    assert nav, f"{guide.config_file.name} has no nav"
    missing = [p for p in dict.fromkeys(nav + guide.pages()) if not (guide.site / p / "index.html").is_file()]
    assert not missing, f"not built: {missing}"


def test_every_page_is_reachable_from_the_navigation(guide):
    not_listed = sorted(set(guide.pages()) - set(nav_paths(guide.config_file)))
    assert not not_listed, f"pages not in {guide.config_file.name}'s nav: {not_listed}"
    nav = guide.html("").select("nav.md-nav--primary a.md-nav__link[href]")
    linked = {posixpath.normpath(urlsplit(a["href"]).path).lstrip("./") for a in nav}
    linked = {"" if p in ("", ".") else p.rstrip("/") + "/" for p in linked}
    missing = [p for p in guide.pages() if p not in linked]
    assert not missing, f"pages not linked from the built navigation: {missing}"


def test_no_broken_internal_link_or_anchor(guide):
    """Every link of every page leads to a file the build wrote and, with a #fragment, to an id on that
    page; links to another language's pages (the language switch) are followed into that language's
    site (guide.top_site: the whole build) and checked the same way."""
    ids: dict[Path, set[str]] = {}
    broken, followed = [], 0
    languages = (settings_of(guide.root).get("extra") or {}).get("languages") or []
    host = urlsplit(guide.url).netloc
    for path in guide.pages():
        here = guide.url + path
        for a in guide.html(path).select("a[href]"):
            href = a["href"]
            if href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            url = urlsplit(urljoin(here, href))
            if url.netloc != host:
                continue
            full = url._replace(query="", fragment="").geturl()
            if not full.startswith(guide.top_url):
                broken.append(f"/{path}: {href} (outside the site)")
                continue
            file = guide.top_site / full[len(guide.top_url):]
            if file.is_dir() or full.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"/{path}: {href}")
                continue
            first = full[len(guide.top_url):].split("/")[0]
            followed += (first if first in languages[1:] else languages[0] if languages else guide.lang) != guide.lang
            if url.fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = {el["id"] for el in soup(file).select("[id]")}
                if url.fragment not in ids[file]:
                    broken.append(f"/{path}: {href} (no #{url.fragment})")
    assert not broken, "broken links:\n" + "\n".join(broken)
    if len(languages) > 1:  # every page's language switch leads to each other language's version
        assert followed >= len(guide.pages()) * (len(languages) - 1), f"only {followed} links to another language"


def test_every_page_has_its_title_description_lang_and_one_h1(guide):
    """What a page needs, whatever its length: a title, its front matter's description, the site's
    language and one h1 (a center's two-sentence page is fine)."""
    lang = (settings_of(guide.config_file).get("theme") or {}).get("language", "en")
    assert lang == guide.lang, f"{guide.config_file.name} sets theme.language {lang!r}, the guide is {guide.lang!r}"
    problems = []
    for path in guide.pages():
        doc = guide.html(path)
        meta = front_matter(guide.docs, path)
        desc = doc.select_one('meta[name="description"]')
        if doc.html.get("lang") != lang:
            problems.append(f"/{path}: lang={doc.html.get('lang')!r}, expected {lang!r}")
        if not (doc.title and doc.title.get_text(strip=True)):
            problems.append(f"/{path}: no <title>")
        if not (desc and desc["content"].strip() and desc["content"] == str(meta.get("description", "")).strip()):
            problems.append(f"/{path}: meta description {desc and desc['content']!r} is not the front matter's")
        if len(doc.select("h1")) != 1:
            problems.append(f"/{path}: {len(doc.select('h1'))} h1 elements")
    assert not problems, "\n".join(problems)


def test_no_page_loads_anything_from_another_site(guide):
    """Every built page, generated ones included (404.html refers to the site by its full address)."""
    own = urlsplit(guide.url).netloc
    found = []
    for page in built_pages(guide.site):
        doc = soup(page)
        refs = [el.get("src") or el.get("href") for el in doc.select(
            "script[src], link[href]:not([rel~=canonical]):not([rel~=alternate]), img[src], iframe, source[src], video, audio")]
        outside = [r for r in refs if r and (urlsplit(r).scheme in ("http", "https") or r.startswith("//"))
                   and urlsplit(r).netloc != own]
        if outside:
            found.append(f"/{page.relative_to(guide.site).as_posix()}: {outside}")
    assert not found, "pages load third-party resources:\n" + "\n".join(found)


def test_guide_has_no_sentence_from_the_source_article():
    tool = ROOT.parent / "shared" / "tools" / "source_overlap.py"
    if not tool.exists():
        pytest.skip("Skipped on purpose: this check compares the guide's wording with the article it is based on, "
                    "and that article and its checker live only in the project team's workspace "
                    "(../shared/ beside the repository), not in the repository or a center's copy.")
    result = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_each_colour_toggle_is_named_in_the_words_after_what_it_switches_to(guide):
    """theme.palette carries no names: each toggle says, in the build's language, the scheme the next
    palette switches to (Material's light/dark pair, or a three-way light/dark/system list)."""
    from components.pages import name_toggles
    w = guide.words("guide")
    pair = [{"scheme": "default", "toggle": {"icon": "a"}}, {"scheme": "slate", "toggle": {"icon": "b"}}]
    name_toggles(pair, w)
    assert [p["toggle"]["name"] for p in pair] == [w["dark_mode"], w["light_mode"]]
    three = [{"media": "(prefers-color-scheme)", "toggle": {}}, {"scheme": "default", "toggle": {}},
             {"scheme": "slate", "toggle": {}}]
    name_toggles(three, w)
    assert [p["toggle"]["name"] for p in three] == [w["light_mode"], w["dark_mode"], w["system_mode"]]
    titles = {label["title"] for label in guide.html("").select("form[data-md-component=palette] label[title]")}
    assert titles == {w["dark_mode"], w["light_mode"]}


def test_a_link_to_a_missing_anchor_stops_the_strict_build_and_links_to_the_tools_do_not(tmp_path):
    """The tools' ids are in the pages when MkDocs reads them (markers are expanded in the Markdown), so
    `validation: anchors: warn` checks every link to a checklist or an email, and a wrong one stops the
    strict build (the example site: its own pages and checklists)."""
    from support import build
    project = example_project(tmp_path / "p")
    lists = yaml.safe_load((project / "docs" / "_data" / "checklists.yml").read_text(encoding="utf-8"))["checklists"]
    page = project / "docs" / lists[0]["page"]
    page.write_text(page.read_text(encoding="utf-8") + f"\n[The list](#checklist-{lists[0]['id']})\n", encoding="utf-8")
    result = build(project, tmp_path / "ok", quiet=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "anchor" not in result.stdout + result.stderr
    page.write_text(page.read_text(encoding="utf-8") + "\n[Nowhere](#checklist-no-such-list)\n", encoding="utf-8")
    result = build(project, tmp_path / "broken", quiet=False)
    assert result.returncode != 0 and "#checklist-no-such-list" in result.stdout + result.stderr
