"""Material's stylesheets are published trimmed to what the site can use (hooks/guidekit/styles.py):
the rules, on small stylesheets the tests own; the published site, on the guide under test."""
from __future__ import annotations

import gzip
import pathlib
import re

import pytest

import material
from guidekit.styles import Usage, parse, trim
from support import build, example_project, soup

MATERIAL_CSS = material.__path__[0] + "/templates/assets/stylesheets"


def usage(page: str, script: str = "", **settings) -> Usage:
    u = Usage(**settings)
    u.add_page(page)
    u.add_script(script)
    return u


def rules_of(css: str) -> list[str]:
    return re.findall(r"[^{}]+\{[^{}]*\}", css)


def test_a_rule_stays_when_the_page_or_a_script_has_its_classes_and_elements():
    css = (".used{color:red}.unused{color:blue}.used .unused{color:green}.made-by-script{margin:0}"
           "mark{background:yellow}kbd{border:1px solid}.used>p{padding:0}")
    u = usage('<div class="used other"><p>Hi</p></div>', 'x("div",{class:"made-by-script"});x("mark",null)')
    out = trim({"main": css}, u)["main"]
    assert out == ".used{color:red}.made-by-script{margin:0}mark{background:yellow}.used>p{padding:0}"


def test_a_selector_list_keeps_only_the_selectors_that_can_match():
    out = trim({"m": ".a,.b,.c p,.c kbd{color:red}"}, usage('<div class="c"><p></p></div><i class="a"></i>'))["m"]
    assert out == ".a,.c p{color:red}"


def test_is_where_and_has_need_one_choice_and_not_is_ignored():
    css = ".x :is(.a,.b){color:red}.x :where(.b,.c){color:blue}.x:not(.gone){color:green}.y:has(.z){margin:0}"
    out = trim({"m": css}, usage('<div class="x"><span class="a"></span></div><div class="y"></div>'))["m"]
    assert out == ".x :is(.a,.b){color:red}.x:not(.gone){color:green}"


def test_media_blocks_keep_their_kept_rules_and_vanish_when_empty_other_at_rules_stay():
    css = ("@media screen{.a{color:red}.b{color:blue}}@media print{.b{display:none}}"
           "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}"
           "@font-face{font-family:x;src:url(x.woff)}@supports (display:grid){@media screen{.a{display:grid}}}")
    out = trim({"m": css}, usage('<div class="a"></div>'))["m"]
    assert out == ("@media screen{.a{color:red}}@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}"
                   "@font-face{font-family:x;src:url(x.woff)}@supports (display:grid){@media screen{.a{display:grid}}}")


def test_only_the_palette_colours_the_pages_use_stay():
    css = "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}[data-md-color-primary=red]{--md-primary-fg-color:red}"
    main = ".md-header{background-color:var(--md-primary-fg-color)}"
    page = '<body data-md-color-scheme="default" data-md-color-primary="indigo"><header class="md-header"></header>'
    out = trim({"palette": css, "main": main}, usage(page))
    # the palette's custom property stays because the other stylesheet reads it
    assert out == {"palette": "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}", "main": main}


def test_custom_properties_nothing_reads_go_and_so_do_those_only_they_read():
    css = (":root{--icon-bug:url(bug.svg);--icon-note:url(note.svg);--bug-colour:var(--deep);--deep:red;--kept:1px}"
           ".note:before{mask-image:var(--icon-note)}.bug:before{mask-image:var(--icon-bug);color:var(--bug-colour)}")
    u = usage('<div class="note"></div>', 'e.style.setProperty("--kept","2px")')
    out = trim({"m": css}, u)["m"]
    assert out == ":root{--icon-note:url(note.svg);--kept:1px}.note:before{mask-image:var(--icon-note)}"
    # a property the tools' own (untrimmed) stylesheet reads stays
    u.add_stylesheet(".tool{color:var(--bug-colour)}")
    assert "--bug-colour:var(--deep);--deep:red" in trim({"m": css}, u)["m"]


def test_classes_of_features_the_site_lacks_go_even_when_materials_script_names_them():
    css = ".md-tooltip2{position:absolute}.md-tag{color:red}.md-search-result__meta{color:grey}.tabbed-button{margin:0}"
    script = ('x("div",{class:"md-tooltip2"});x("span",{class:`md-tag ${a}`});x("div",{class:"md-search-result__meta"});'
              'x("button",{class:"tabbed-button"})')
    assert trim({"m": css}, usage("<div></div>", script))["m"] == ".md-search-result__meta{color:grey}"
    with_features = usage('<div class="tabbed-set"></div>', script, features={"content.tooltips"}, tagged=True)
    assert trim({"m": css}, with_features)["m"] == css


def test_a_class_a_script_builds_from_a_prefix_stays():
    css = ".md-source__fact--stars{margin:0}.md-source__fact--forks{margin:0}.md-source{display:block}"
    script = 'x("li",{class:`md-source__fact md-source__fact--${t}`})'
    assert trim({"m": css}, usage('<a class="md-source"></a>', script))["m"] == css
    assert trim({"m": css}, usage("<a></a>", script))["m"] == ""


def test_kept_rules_are_written_exactly_as_they_were():
    css = '.a::before{content:"{;}";background:url("data:image/svg+xml;charset=utf-8,<svg/>")}/* note */.a{color:red}'
    assert trim({"m": css}, usage('<i class="a"></i>'))["m"] == css.replace("/* note */", "")


def test_a_stylesheet_that_cannot_be_read_is_an_error_not_a_guess():
    for broken in (".a{color:red", ".a{color:red}}", "@media screen{.a{color:red}"):
        with pytest.raises(ValueError):
            parse(broken)


# The published site ----------------------------------------------------------------------------------

def published_stylesheets(site):
    return sorted((site / "assets" / "stylesheets").glob("*.css"))


def test_the_published_stylesheets_are_trimmed_and_every_page_loads_them(guide):
    """Every page of the guide under test links Material's stylesheets by their trimmed names, and those
    files exist: smaller than Material's, still with the rules every page's own markup needs."""
    site = guide.site
    css = {p.name: p.read_text(encoding="utf-8") for p in published_stylesheets(site)}
    assert {n.split(".")[0] for n in css} == {"main", "palette"}, css.keys()
    originals = {p.name.split(".")[0]: p.read_bytes() for p in pathlib.Path(MATERIAL_CSS).glob("*.min.css")}
    for name, text in css.items():
        full = originals[name.split(".")[0]]
        assert len(gzip.compress(text.encode())) < 0.75 * len(gzip.compress(full)), name
    others = [d for d in site.iterdir() if (d / "assets" / "stylesheets").is_dir()]   # another language's site
    pages = [p for p in site.rglob("*.html") if not any(o in p.parents for o in others)
             and p.relative_to(site).parts[0] != "print"]   # the printable sheets have their own style
    assert pages
    for page in pages:
        links = [l["href"] for l in soup(page).select('link[rel=stylesheet][href*="assets/stylesheets/"]')]
        assert sorted(link.rsplit("/", 1)[1] for link in links) == sorted(css), page
    main = next(t for n, t in css.items() if n.startswith("main"))
    for needed in (".md-header", ".md-search", ".md-typeset .admonition", ".md-nav__link"):
        assert needed in main, needed


def test_a_page_using_something_new_gets_its_styles(tmp_path):
    """Build, build again, then add an admonition type no page had: its rules are published, and every
    page of the site (rebuilt into the same folder, as `mkdocs serve` and an author do) links to
    stylesheets that exist, under Material's own names. (On the tests' example site: it uses every tool.)"""
    project = example_project(tmp_path / "project")
    out = tmp_path / "site"

    def linked() -> tuple[set[str], str]:
        """Every page's stylesheets exist where it links them; the names the home page links, and its main."""
        for page in out.rglob("*.html"):
            for link in soup(page).select('link[rel=stylesheet][href*="assets/stylesheets/"]'):
                href = link["href"]
                if href.startswith("/"):   # the 404 page's links start at the site's path (/after-the-no/...)
                    parts = href.strip("/").split("/")
                    found = any(out.joinpath(*parts[i:]).is_file() for i in range(len(parts)))
                else:
                    found = (page.parent / href).is_file()
                assert found, f"{page} links to {href}, which isn't published"
        home = {link["href"] for link in soup(out / "index.html").select('link[rel=stylesheet][href*="stylesheets/"]')}
        main = next(out / href for href in home if "/main." in href)
        return home, main.read_text(encoding="utf-8")

    for _ in range(2):
        result = build(project, out, strict=False)
        assert result.returncode == 0, result.stderr
        before, main = linked()
        assert ".bug" not in main
    privacy = project / "docs" / "privacy.md"
    privacy.write_text(privacy.read_text(encoding="utf-8") + '\n!!! bug "A new kind of box"\n    Its own colour.\n',
                       encoding="utf-8")
    result = build(project, out, strict=False)
    assert result.returncode == 0, result.stderr
    after, main = linked()
    assert ".md-typeset .admonition.bug" in main and "--md-admonition-icon--bug" in main
    assert after == before


def test_a_build_keeps_nothing_and_gives_the_same_site_whether_or_not_one_ran_before(tmp_path):
    """Two builds from empty temporary folders, and one more after the first into its own output, write
    the same bytes; no build leaves anything in its temporary folder (nothing kept between builds).
    (On the tests' example site, in both its languages: it uses every tool.)"""
    project = example_project(tmp_path / "project")
    temps = [tmp_path / "tmp1", tmp_path / "tmp2"]
    for t in temps:
        t.mkdir()

    def built(out, temp):
        result = build(project, out, env={"TMPDIR": str(temp)})
        assert result.returncode == 0, result.stderr
        return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first = built(tmp_path / "a", temps[0])
    again = built(tmp_path / "a", temps[0])
    fresh = built(tmp_path / "b", temps[1])
    assert first.keys() == again.keys() == fresh.keys()
    differ = [str(p) for p in first if not first[p] == again[p] == fresh[p]]
    assert not differ, differ[:10]
    assert not [p for t in temps for p in t.iterdir()], "a build kept files in its temporary folder"
