"""Build layer: the strict build's HTML, read with a real HTML parser."""
from __future__ import annotations

import posixpath
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest

from support import ROOT, page_paths, soup

PAGES = page_paths()
REQUIRED_PAGES = ["", "feel-it/", "ask-for-feedback/", "analyse/", "update-materials/", "reply-graciously/",
                  "be-kind/", "keep-going/", "carry-forward/", "checklists/", "print/", "emails/", "planner/",
                  "privacy/"]


def test_the_public_urls_exist(site):
    for path in REQUIRED_PAGES:
        assert (site / path / "index.html").is_file(), f"/{path} was not built"


def test_every_page_is_reachable_from_the_navigation(site):
    nav = soup(site / "index.html").select("nav.md-nav--primary a.md-nav__link[href]")
    linked = {posixpath.normpath(urlsplit(a["href"]).path).lstrip("./") for a in nav}
    linked = {"" if p in ("", ".") else p.rstrip("/") + "/" for p in linked}
    missing = [p for p in PAGES if p not in linked]
    assert not missing, f"pages not in the navigation: {missing}"


def _targets(site):
    for path in PAGES:
        doc = soup(site / path / "index.html")
        yield path, doc


def test_no_broken_internal_link_or_anchor(site):
    ids = {}
    for path, doc in _targets(site):
        ids[path] = {el["id"] for el in doc.select("[id]")}
    broken = []
    for path, doc in _targets(site):
        base = "http://x/" + path
        for a in doc.select("a[href]"):
            href = a["href"]
            if href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            url = urlsplit(urljoin(base, href))
            if url.netloc != "x":
                continue
            target = url.path[1:]
            if target.endswith("index.html"):
                target = target[: -len("index.html")]
            if target in ids:
                if url.fragment and url.fragment not in ids[target]:
                    broken.append(f"/{path}: {href} (no #{url.fragment})")
            elif not (site / target).exists():
                broken.append(f"/{path}: {href}")
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_title_description_lang_and_one_h1(site, path):
    doc = soup(site / path / "index.html")
    assert doc.html.get("lang") == "en"
    assert doc.title and doc.title.get_text(strip=True)
    desc = doc.select_one('meta[name="description"]')
    assert desc and len(desc["content"].strip()) >= 50, "meta description missing or too short"
    assert len(doc.select("h1")) == 1


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_third_parties(site, path):
    doc = soup(site / path / "index.html")
    refs = [el.get("src") or el.get("href") for el in doc.select("script[src], link[href]:not([rel~=canonical]):not([rel~=alternate]), img[src], iframe, source[src], video, audio")]
    outside = [r for r in refs if r and (urlsplit(r).scheme in ("http", "https") or r.startswith("//"))]
    assert not outside, f"/{path} loads third-party resources: {outside}"


def test_guide_has_no_sentence_from_the_source_article():
    tool = ROOT.parent / "shared" / "tools" / "source_overlap.py"
    if not tool.exists():
        pytest.skip("../shared/tools/source_overlap.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
