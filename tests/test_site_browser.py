"""Browser layer: every page in the system Chromium, served under a sub-path on 127.0.0.1."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support import axe_violations, mark_window, page_paths

PAGES = page_paths()


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_without_errors_or_outside_requests(page, path):
    response = page.goto(path)
    assert response.ok
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    # the page fixture fails the test on any JavaScript error or request leaving 127.0.0.1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_violation(context_factory, path, scheme):
    pg = context_factory(color_scheme=scheme).new_page()
    pg.goto(path)
    pg.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert pg.locator("body").get_attribute("data-md-color-scheme") == expected
    violations = axe_violations(pg)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("path", PAGES)
def test_guidance_is_readable_without_javascript(context_factory, path):
    pg = context_factory(java_script_enabled=False).new_page()
    pg.goto(path)
    article = pg.locator("article")
    assert pg.locator("h1").is_visible()
    text = article.inner_text()
    assert len(text.split()) > 25, f"/{path} shows almost no text without JavaScript"
    for p in article.locator(":scope > p").all()[:5]:
        assert p.is_visible()


def test_instant_navigation_swaps_pages_without_reloading(page):
    page.goto("")
    mark_window(page)
    page.locator("article a[href*='feel-it']").first.click()
    page.wait_for_url("**/after-the-no/feel-it/")
    expect(page.locator("h1")).to_contain_text("Feel it, then set a limit")
    assert page.evaluate("window.__stayed === true"), "the click reloaded the page instead of swapping it"
    page.go_back()
    page.wait_for_url("**/after-the-no/")
    expect(page.locator("h1")).to_contain_text("After a job rejection")
    assert page.evaluate("window.__stayed === true")


def test_palette_toggle_switches_to_dark_and_remembers(page):
    page.goto("")
    page.locator("label[title='Switch to dark mode']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.reload()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
