"""The Content Security Policy in Chromium: the whole guide runs under it without one refusal, and it
refuses what the site didn't ship.

The walk through every guide (test_site_browser.py, with the helpers here: it swaps in every page by
instant navigation, uses the tools, loads every other file afresh) records every
`securitypolicyviolation` event (`record_violations`); there must be none. A copy of the example site with a
script written into a page's Markdown proves the policy bites: the script doesn't run, and the
browser reports it. Pages and tools are found by the markup the build writes, never by wording.
"""
from __future__ import annotations

import re
from pathlib import Path

import icalendar
from playwright.sync_api import expect

from conftest import watch_context
from support import example_project, SiteServer, build, mark_window, soup

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation([e.effectiveDirective, e.blockedURI, `${e.sourceFile}:${e.lineNumber}`,
                         e.sample, location.pathname].join(" | "));
}, true);
"""


def record_violations(ctx) -> list[str]:
    """Every Content Security Policy violation any page of the context reports, as text."""
    found: list[str] = []
    ctx.expose_function("__cspViolation", lambda text: found.append(text))
    ctx.add_init_script(REPORT_VIOLATIONS)
    return found


def site_path(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def title_of(site: Path, path: str) -> str:
    return soup(site / path / "index.html").title.get_text()


def pages_with(guide, selector: str) -> list[str]:
    """The guide's pages whose built HTML holds an element matching `selector`."""
    return [p for p in guide.pages() if soup(guide.site / p / "index.html").select_one(selector)]


def follow(page, url: str, path: str, title: str) -> None:
    """Click a link to `path`, as a student does; Material swaps the page in without reloading."""
    page.evaluate("""href => {
        document.getElementById("csp-tour")?.remove();
        const a = Object.assign(document.createElement("a"), {id: "csp-tour", href, textContent: "next page"});
        Object.assign(a.style, {position: "fixed", top: "0", left: "0", zIndex: "10000", background: "#fff"});
        document.body.append(a);
    }""", url + path)
    page.locator("#csp-tour").click()
    page.wait_for_url(url + path)
    expect(page).to_have_title(title)
    page.evaluate('document.getElementById("csp-tour")?.remove()')  # the page as the student sees it


def use_a_checklist(page) -> None:
    box = page.locator("[data-checklist] input[data-item]").first
    box.check()
    expect(box).to_be_checked()
    expect(page.locator("[data-checklist] [data-progress]").first).not_to_be_empty()


def use_an_email(page) -> None:
    widget = page.locator("[data-email]:visible").first
    if not widget.count():
        page.locator("[data-email-choose] a[href^='#']").first.click()
        widget = page.locator("[data-email]:visible").first
    fields = widget.locator("[data-email-field]:visible")
    for i in range(fields.count()):
        fields.nth(i).fill(f"Sam Rivera {i}")
    widget.locator("[data-email-copy='body']").click()
    expect(widget.locator("[data-email-body]")).to_contain_text("Sam Rivera")
    body = widget.locator("[data-email-body]").text_content()
    assert page.evaluate("navigator.clipboard.readText()") == body
    widget.locator("details.email__more > summary").click()
    with page.expect_download() as info:
        widget.locator("[data-email-download]").click()
    assert Path(info.value.path()).read_text(encoding="utf-8").strip()


def use_the_planner(page) -> None:
    planner = page.locator(".planner--full")
    two_hours_ago = page.evaluate("""() => { const d = new Date(Date.now() - 2 * 3600e3);
        d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); }""")
    planner.locator("input[name='news']").fill(two_hours_ago)
    planner.locator("input[name='dwell']").first.check()
    with page.expect_download() as info:
        planner.locator("[data-planner-ics]").click()
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    assert calendar.walk("VEVENT")


def search(page, site: Path, url: str) -> None:
    """Search for a word of a page's heading; open the first result (instant navigation again)."""
    word = max(re.findall(r"\w+", soup(site / "index.html").h1.get_text()), key=len)
    page.locator("input.md-search__input").click()
    page.keyboard.type(word.lower())
    result = page.locator(".md-search-result__item a, a.md-search-result__link").first
    expect(result).to_be_visible()
    result.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(url)


INJECTED = """

<script>window.__injected = "inline";</script>

<script src="https://embed.example.org/widget.js"></script>

<img src="https://tracker.example.org/pixel.gif" alt="">
"""


def test_a_script_written_into_a_page_does_not_run_and_is_reported(browser, tmp_path):
    """A page's Markdown gets an inline script, a third-party script and a third-party image: the build
    warns (so a strict build stops), and in the browser none of them runs or loads, and each refusal
    is reported as a violation."""
    project = example_project(tmp_path / "p")
    page_md = next(p for p in sorted((project / "docs").glob("*.md")) if p.name != "index.md")
    page_md.write_text(page_md.read_text(encoding="utf-8") + INJECTED, encoding="utf-8")
    path = page_md.stem + "/"
    out = tmp_path / "site"
    server = SiteServer(out, "/injected/")
    strict = build(project, tmp_path / "strict", site_url=server.url, quiet=False)
    assert strict.returncode != 0, "a strict build let a page's own script through without a word"
    assert f"docs/{page_md.name}" in strict.stdout + strict.stderr
    result = build(project, out, site_url=server.url, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    with server:
        ctx = browser.new_context(base_url=server.url)
        watch = watch_context(ctx)
        violations = record_violations(ctx)
        try:
            page = ctx.new_page()
            page.goto("")
            mark_window(page)
            follow(page, server.url, path, title_of(out, path))  # swapped in: the home page's policy
            assert page.evaluate("window.__injected") is None, "the injected script ran after instant navigation"
            assert page.evaluate("window.__stayed === true")
            page.goto(path)  # loaded afresh: the page's own policy
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__injected") is None, "the injected script ran"
            assert page.evaluate("document.documentElement.classList.contains('guide-js')"), \
                "the templates' own inline script didn't run"
        finally:
            ctx.close()
    inline = [v for v in violations if v.startswith("script-src-elem | inline")]
    assert len(inline) >= 2, violations  # once swapped in, once loaded
    assert any("embed.example.org" in v for v in violations if v.startswith("script-src-elem")), violations
    assert any("tracker.example.org" in v for v in violations if v.startswith("img-src")), violations
    assert not watch.outside, f"a refused request still left 127.0.0.1: {watch.outside}"
