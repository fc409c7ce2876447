"""The Content Security Policy: the plain functions of guidekit/csp.py on fixture HTML, then what the
build writes (the same policy first in every page's head, with the hashes of the templates' inline
scripts and not those of a page's own). The browser side: test_csp_browser.py."""
from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys

import pytest

from guidekit.csp import (DIRECTIVES, REFERRER, inline_scripts, meta_tags, other_sites, policy, runs_as_script,
                          script_hash, template_scripts, with_policy)
from support import example_project, build, soup
from test_site_build import built_pages

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>T</title>
<script>var a = 1;</script>
<script src="x.js"></script>
<script type="application/json" id="__config">{"b": 2}</script>
<!-- <script>commented out</script> -->
</head>
<body><script type="module">import "./m.js";</script><SCRIPT type="text/javascript">var c = 3</SCRIPT>
<article>{content}</article>
<script>var d = "</scr" + "ipt>";</script>
</body>
</html>"""


def b64sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# Finding and hashing inline scripts ------------------------------------------------------------

def test_only_scripts_a_browser_runs_are_found_in_order():
    found = inline_scripts(PAGE.replace("{content}", ""))
    assert found == ["var a = 1;", 'import "./m.js";', "var c = 3", 'var d = "</scr" + "ipt>";']


@pytest.mark.parametrize("attrs, runs", [({}, True), ({"type": "module"}, True), ({"type": " Text/JavaScript "}, True),
                                         ({"type": "application/json"}, False), ({"type": "text/plain"}, False),
                                         ({"type": "application/ld+json"}, False), ({"type": ""}, True),
                                         ({"language": "javascript"}, True), ({"language": "vbscript"}, False)])
def test_what_counts_as_script(attrs, runs):
    assert runs_as_script(attrs) is runs


def test_a_hash_is_the_sha256_of_the_text_with_line_ends_as_the_parser_makes_them():
    assert script_hash("var a = 1;") == f"'sha256-{b64sha256('var a = 1;')}'"
    assert script_hash("a();\r\nb();\rc();") == script_hash("a();\nb();\nc();")
    assert script_hash("é") == f"'sha256-{b64sha256('é')}'"  # UTF-8 bytes


def test_scripts_in_the_content_are_told_apart_from_the_templates():
    content = '<p>Hi</p><script>window.injected = 1</script>'
    page = PAGE.replace("{content}", content)
    hashes, refused = template_scripts(page, content)
    assert refused == ["window.injected = 1"]
    assert script_hash("window.injected = 1") not in hashes
    assert hashes == {script_hash(s) for s in inline_scripts(PAGE.replace("{content}", ""))}


def test_a_content_script_that_equals_a_template_script_does_not_unlist_it():
    content = "<script>var a = 1;</script>"
    hashes, refused = template_scripts(PAGE.replace("{content}", content), content)
    assert script_hash("var a = 1;") in hashes and refused == ["var a = 1;"]


@pytest.mark.parametrize("html, expected", [
    ('<img src="https://tracker.example.org/p.gif" alt="">', [("img", "https://tracker.example.org/p.gif")]),
    ("<script src='//cdn.example.net/x.js'></script>", [("script", "//cdn.example.net/x.js")]),
    ('<iframe src="https://video.example.com/embed/1"></iframe>', [("iframe", "https://video.example.com/embed/1")]),
    ('<img src="../assets/logo.svg" alt=""><script src="/after-the-no/x.js"></script>', []),
    ('<img src="https://guide.example.edu/after-the-no/logo.svg" alt="">', []),    # the site itself
    ('<img src="data:image/gif;base64,R0lGOD" alt="">', []),
    ('<a href="https://example.edu/book">Book</a>', []),                           # a link is not a load
    ('<!-- <img src="https://old.example.org/x.png"> -->', []),
    ("<pre><code>&lt;script src=\"https://x.example.org/a.js\"&gt;</code></pre>", []),
])
def test_loads_from_other_sites_are_found(html, expected):
    assert other_sites(html, "https://guide.example.edu") == expected


# The policy and where it goes ------------------------------------------------------------------

def test_the_policy_has_every_directive_and_only_the_given_hashes_for_scripts():
    hashes = {script_hash("b()"), script_hash("a()")}
    text = policy(hashes)
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert list(directives) == [name for name, _ in DIRECTIVES]
    assert directives["script-src"].split() == ["'self'", *sorted(hashes)]
    for name in ("default-src", "connect-src", "base-uri", "form-action"):
        assert directives[name] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in text
    assert "*" not in text and "http" not in text
    assert policy(hashes) == policy(sorted(hashes, reverse=True))  # stable from build to build


def test_the_tags_go_first_in_the_head_after_the_charset_and_are_not_repeated():
    page = PAGE.replace("{content}", "")
    csp = policy({script_hash("var a = 1;")})
    once = with_policy(page, csp)
    head = once[once.index("<head>"):once.index("</head>")]
    charset, tags = head.index('<meta charset="utf-8">'), head.index(meta_tags(csp))
    assert charset < tags < head.index("<script")
    assert with_policy(once, csp) == once
    assert with_policy(once, policy(set())) == with_policy(page, policy(set()))
    assert once.replace("\n" + meta_tags(csp), "", 1) == page


def test_the_tags_are_html_with_the_policy_readable_in_them():
    parsed = soup_of(with_policy(PAGE.replace("{content}", ""), policy({script_hash("x")})))
    metas = parsed.head.find_all("meta")
    assert metas[1]["http-equiv"] == "Content-Security-Policy" and metas[1]["content"] == policy({script_hash("x")})
    assert metas[2]["name"] == "referrer" and metas[2]["content"] == REFERRER
    assert "&#x27;" not in meta_tags(policy({script_hash("x")}))


@pytest.mark.parametrize("page", ["<!DOCTYPE html>\n<p>No head</p>", "<p>Not even a doctype</p>",
                                  '<html><HEAD lang="x"><script>a()</script></HEAD></html>'])
def test_pages_without_the_usual_head_get_the_tags_before_any_content(page):
    out = with_policy(page, policy(set()))
    parsed = soup_of(out)
    assert out.index("Content-Security-Policy") < min(i for i in (out.find("<p>"), out.find("<script>")) if i >= 0)
    assert parsed.find("meta", attrs={"http-equiv": "Content-Security-Policy"})


def soup_of(html: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


# What the build writes -------------------------------------------------------------------------

def policies(site) -> dict[str, str]:
    found = {}
    for path in built_pages(site):
        metas = soup(path).head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, f"{path}: {len(metas)} policies"
        found[str(path.relative_to(site))] = metas[0]["content"]
    return found


def test_every_page_carries_one_policy_before_any_script_and_it_is_the_same_everywhere(guide):
    found = policies(guide.site)
    assert len(set(found.values())) == 1, "pages carry different policies (instant navigation keeps the first)"
    for path in built_pages(guide.site):
        head = soup(path).head
        tags = head.find_all(True)
        csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert all(tags.index(csp) < tags.index(s) for s in head.find_all(["script", "base", "link"])), path
        assert head.find("meta", attrs={"name": "referrer"})["content"] == REFERRER, path


def test_the_policy_lists_exactly_the_inline_scripts_of_the_whole_site(guide):
    csp = next(iter(policies(guide.site).values()))
    listed = {s for s in dict(p.split(" ", 1) for p in csp.split("; "))["script-src"].split() if s.startswith("'sha256-")}
    written = {script_hash(s) for path in built_pages(guide.site) for s in inline_scripts(path.read_text(encoding="utf-8"))}
    assert listed == written


def test_a_pages_own_script_is_left_out_and_the_build_says_where(tmp_path):
    project = example_project(tmp_path / "p")
    md = next(p for p in sorted((project / "docs").glob("*.md")) if p.name != "index.md")
    lines = md.read_text(encoding="utf-8").splitlines()
    md.write_text("\n".join(lines + ["", "<script>window.own = 1</script>", "",
                                     '<iframe src="https://video.example.org/embed/1"></iframe>', ""]), encoding="utf-8")
    strict = build(project, tmp_path / "strict", quiet=False)
    assert strict.returncode != 0
    said = strict.stdout + strict.stderr
    assert f"docs/{md.name}:{len(lines) + 2}:" in said and f"docs/{md.name}:{len(lines) + 4}:" in said
    assert "video.example.org" in said
    out = tmp_path / "site"
    assert build(project, out, strict=False).returncode == 0
    csp = next(iter(policies(out).values()))
    assert script_hash("window.own = 1") not in csp
    assert "window.own = 1" in (out / md.stem / "index.html").read_text(encoding="utf-8")


def test_every_page_is_written_once_with_the_whole_sites_policy(tmp_path):
    """MkDocs writes 404.html before any page, and the policy goes into it then (csp.post_template):
    every page then finds every hash listed already, so the build writes no page a second time to add
    a late one (it says how many it wrote again, at debug level). On the example site, both languages."""
    project = example_project(tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v", "-f", str(project / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line for line in (result.stdout + result.stderr).splitlines() if "written again" in line]
    assert len(said) == 2 and all(" 0 HTML files written again" in line for line in said), said
