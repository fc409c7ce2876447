"""Browser layer: the built sites in the system Chromium, served under a sub-path on 127.0.0.1.

Content (`guide`: the shipped guide in each language and a copy with a center's edits): one walk
through every page and tool meets no axe violation (light and dark), no refusal by the Content
Security Policy, no JavaScript error, no request elsewhere and no failed load; and every page reads
without JavaScript. Behaviour
(instant navigation, the colour toggle, the 404 page): the example site, whose pages and settings
the tests own.
"""
from __future__ import annotations

import pathlib

import pytest
from playwright.sync_api import expect

from conftest import watch_context
from support import AXE_COLOUR_RULES, axe_run, axe_source, mark_window, soup, words
from test_branding import example_center
from test_csp_browser import (follow, pages_with, record_violations, search, site_path, title_of, use_a_checklist,
                              use_an_email, use_the_planner)
from test_design_browser import LAPTOP, chrome_problems, student_pages, title_problem
from test_site_build import built_pages


def heading(site: pathlib.Path, path: str) -> str:
    """The h1 of a built page as readers see it (without the permalink sign)."""
    h1 = soup(site / path / "index.html", fresh=True).h1
    for link in h1.select("a.headerlink"):
        link.decompose()
    return h1.get_text(strip=True)


# Content: every page of every guide ------------------------------------------------------------

def test_a_walk_through_the_whole_guide_meets_no_violation_refusal_or_error(browser, guide, tmp_path):
    """One walk through the guide as a student makes it collects everything that must never happen:
    an axe-core violation, a refusal by the Content Security Policy, a JavaScript error, a request
    to another site, a file that fails to load.

    From the home page, every Markdown page is swapped in by instant navigation (the home page's
    policy stays in force while each page's inline scripts run again), home last: each has its
    title and one h1, and passes axe in the light scheme (every WCAG A and AA rule); then the
    student turns the page dark with the header's toggle, and it passes axe's colour rules in the
    dark scheme, with a bold title at AA contrast (not again on a translation, whose colours and
    markup are its original's: it is walked in light alone). A situation's page chooses its
    situation on the way, as landing on it does. At 1280 px, every student page reads as one
    column, without documentation chrome (chrome_problems). Then the tools are used (a checklist
    ticked, an email filled in, copied and downloaded, a plan and its .ics, a search and its
    result); every other file the build wrote (printable sheets) is loaded afresh; the 404 page,
    at depth, passes axe (in dark too, where the system asks for dark, on an original) and leads
    home; the language switch leads to the other language."""
    markdown, student = guide.pages(), set(student_pages(guide.docs))
    built = [site_path(guide.site, p) for p in built_pages(guide.site)]
    others = [p for p in built if p not in markdown and p != "404.html"]
    both = guide.lang == "en"  # both schemes on an original; a translation has its colours and markup
    problems, failed, visited = [], [], []

    def context(scheme):
        ctx = browser.new_context(base_url=guide.url, color_scheme=scheme, accept_downloads=True, viewport=LAPTOP,
                                  permissions=["clipboard-read", "clipboard-write"])
        ctx.add_init_script(axe_source())
        ctx.watch, ctx.violations = watch_context(ctx), record_violations(ctx)
        ctx.on("response", lambda r: failed.append(f"{r.status} {r.url}")
               if r.status >= 400 and "/no/such/page/" not in r.url else None)
        ctx.on("requestfailed", lambda r: failed.append(f"failed {r.url} ({r.failure})")
               if "127.0.0.1" in r.url and r.failure != "net::ERR_ABORTED" else None)
        return ctx

    def check(page, path, scheme, rules=None):
        where = path or "(home)"
        expected = "slate" if scheme == "dark" else "default"
        if page.locator("body").get_attribute("data-md-color-scheme") != expected:
            problems.append(f"/{where}: not in the {scheme} scheme")
        problems.extend(f"/{where} ({scheme}): {v}" for v in axe_run(page, rules))

    def toggle(page, scheme):
        """The header's light/dark switch, clicked in the page (Material keeps the scheme across pages;
        a click from outside would wait for the icon to stand still each time)."""
        page.evaluate("document.querySelector('form[data-md-component=palette] label:not([hidden])').click()")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
        return scheme

    contexts = [light := context("light")]
    try:
        page = light.new_page()
        page.goto("")
        mark_window(page)
        scheme = "light"
        for path in markdown[1:] + markdown[:1]:  # every page, by instant navigation, home last
            follow(page, guide.url, path, title_of(guide.site, path))
            if page.locator("h1").count() != 1:
                problems.append(f"/{path or '(home)'}: {page.locator('h1').count()} h1 elements")
            if page.locator("[data-situation-page]:not([data-situation-page=''])").count():
                expect(page.locator(".guide-situation-line")).to_be_visible()  # chosen by landing on its page
            if path in student:
                problems.extend(chrome_problems(page, path, tmp_path))  # in light; the layout is the same in dark
            for turn in range(2 if both else 1):  # the scheme the page came in, then the other (pages alternate)
                if turn:
                    scheme = toggle(page, "dark" if scheme == "light" else "light")
                if scheme == "light":
                    check(page, path, "light")
                else:
                    check(page, path, "dark", AXE_COLOUR_RULES)
                    if path in student:
                        problems.extend(f"{p} (dark)" for p in title_problem(page, path))
            visited.append(path)
        if scheme == "dark":
            scheme = toggle(page, "light")
        tools = [(pages_with(guide, "[data-checklist]"), use_a_checklist),
                 (pages_with(guide, "[data-email]"), use_an_email),
                 (pages_with(guide, ".planner--full"), use_the_planner)]
        for paths, use in tools:
            assert paths, f"no page of the guide shows the tool {use.__name__} needs"
            follow(page, guide.url, paths[0], title_of(guide.site, paths[0]))
            use(page)
        search(page, guide.site, guide.url)
        assert page.evaluate("window.__stayed === true"), "a click reloaded the page instead of swapping it"
        for path in others:  # each loaded afresh, with its own copy of the same policy
            response = page.goto(path)
            if not response.ok:
                problems.append(f"/{path}: HTTP {response.status}")
            visited.append(path)
        assert page.goto("no/such/page/").status == 404  # the server answers with the 404 page (support._Handler)
        check(page, "404.html", "light")
        mark_window(page)
        page.locator("a.md-header__button.md-logo").click()  # from the 404 page, instant navigation home
        page.wait_for_url(guide.url)
        visited.append("404.html")
        switch = page.locator(".md-header .md-select__link[hreflang]")
        if switch.count():  # and over to the guide's other language
            page.locator(".md-header .md-select").hover()
            target = switch.first.evaluate("a => a.href")
            switch.first.click()
            page.wait_for_url(target)
        page.wait_for_load_state("networkidle")

        if both:  # a system that asks for dark gets it from the first page it loads
            contexts.append(dark := context("dark"))
            page = dark.new_page()
            assert page.goto("no/such/page/").status == 404
            check(page, "404.html", "dark", AXE_COLOUR_RULES)
            page.wait_for_load_state("networkidle")
    finally:
        for ctx in contexts:
            ctx.close()
    assert not problems, "\n".join(problems)
    assert sorted(visited) == sorted(built), "the walk missed some of the files the build wrote"
    for ctx in contexts:
        assert not ctx.violations, "\n".join(ctx.violations)
        assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
        # Chromium reports the 404 page's own status on the console; nothing else may appear there
        assert not [e for e in ctx.watch.errors if "status of 404" not in e], ctx.watch.errors
    assert not failed, "\n".join(failed)


# Whether an element is seen, as Playwright's is_visible() judges it, for many elements in one call.
SEEN = "(p.checkVisibility({visibilityProperty: true}) && p.getBoundingClientRect().width > 0 && p.getBoundingClientRect().height > 0)"


def test_guidance_is_readable_without_javascript(browser, guide):
    """Without JavaScript every page shows its heading and all its paragraphs (a short page is fine)."""
    ctx = browser.new_context(base_url=guide.url, java_script_enabled=False)
    problems = []
    try:
        page = ctx.new_page()
        for path in guide.pages():
            page.goto(path)
            if not page.locator("h1").is_visible():
                problems.append(f"/{path}: the heading is hidden")
            article = page.locator("article")
            hidden = article.evaluate(f"a => [...a.querySelectorAll(':scope > p')].flatMap((p, i) => {SEEN} ? [] : [i])")
            if hidden:
                problems.append(f"/{path}: paragraphs {hidden} are hidden without JavaScript")
            heading_text = page.locator("h1").inner_text()
            if not article.inner_text().replace(heading_text, "", 1).strip():
                problems.append(f"/{path}: shows nothing but its heading without JavaScript")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


# Behaviour: the example site ------------------------------------------------------------------

def test_instant_navigation_swaps_pages_without_reloading(example_page, example_lang):
    page = example_page
    page.goto(example_lang.url)
    mark_window(page)
    page.locator("article a[href$='/first/']").first.click()
    page.wait_for_url(example_lang.url + "first/")
    expect(page.locator("h1")).to_contain_text(heading(example_lang.site, "first/"))
    assert page.evaluate("window.__stayed === true"), "the click reloaded the page instead of swapping it"
    page.go_back()
    page.wait_for_url(example_lang.url)
    expect(page.locator("h1")).to_contain_text(heading(example_lang.site, ""))
    assert page.evaluate("window.__stayed === true")


def test_palette_toggle_switches_to_dark_and_remembers(example_page, example_lang):
    page = example_page
    page.goto(example_lang.url)
    page.locator(f"label[title='{words('guide', example_lang.lang)['dark_mode']}']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.reload()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.mark.each_language
def test_the_404_page_works_at_any_depth(example_context_factory, example, example_lang):
    """GitHub Pages answers any unknown address with 404.html: its styles, scripts and links must
    work from any depth below the sub-path (a translation's own 404.html too, in its language)."""
    ctx = example_context_factory()
    page = ctx.new_page()
    body = (example_lang.site / "404.html").read_bytes()
    page.route("**/no/such/page/", lambda r: r.fulfill(status=404, body=body, content_type="text/html"))
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "/no/such/" not in r.url else None)
    assert page.goto("no/such/page/").status == 404
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", example_lang.lang)
    rgb = "rgb({}, {}, {})".format(*(int(example_center().primary_color[i:i + 2], 16) for i in (1, 3, 5)))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == rgb
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(example_lang.url)
    expect(page.locator("h1")).to_contain_text(heading(example_lang.site, ""))
    assert not failed, failed
    assert not ctx.watch.outside, ctx.watch.outside
    # Chromium reports the page's own 404 status on the console; nothing else may appear there
    assert not [e for e in ctx.watch.errors if "status of 404" not in e], ctx.watch.errors


def test_a_request_to_another_site_is_caught_and_goes_nowhere(example_context_factory, example):
    """What every browser test relies on: a request to another site (here from a page without the
    guide's security policy, which would refuse it first) is recorded by the watch, and Chromium
    resolves no host but 127.0.0.1, so it never leaves the machine."""
    ctx = example_context_factory()
    page = ctx.new_page()  # a blank page: no policy
    # this machine's own server by another name: it would answer, were any name but 127.0.0.1 resolved
    elsewhere = example.url.replace("127.0.0.1", "localhost") + "assets/images/favicon.png"
    assert (example.site / "assets/images/favicon.png").is_file()
    page.set_content(f'<img alt="" src="{elsewhere}">')
    page.wait_for_load_state("networkidle")
    assert ctx.watch.outside == [elsewhere]
    assert page.evaluate("document.images[0].complete && document.images[0].naturalWidth === 0"), \
        "a request to another host name reached a server"
