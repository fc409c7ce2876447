"""A built site works wherever it is copied: a center may serve site/ from its own web server under
another path than site_url. Every page of every language, opened there with a situation chosen (so
the scripts a situation brings load too), makes no request that fails. The 404 pages are left out:
GitHub Pages serves them at any depth from the site's root path, so their addresses start there, as
Material's own do."""
from __future__ import annotations

import pytest
import yaml

from support import EXAMPLE, SiteServer, build, page_paths
from conftest import watch_context

pytestmark = pytest.mark.browser


def test_the_site_served_under_another_path_loads_everything_it_asks_for(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("relocated")
    result = build(EXAMPLE, out, site_url="https://careers.example.org/published-here/")
    assert result.returncode == 0, result.stdout + result.stderr
    situations = yaml.safe_load((EXAMPLE / "docs" / "_data" / "situations.yml").read_text(encoding="utf-8"))
    first = situations["situations"][0]["page"].removesuffix(".md") + "/"
    with SiteServer(out, "/moved/elsewhere/") as srv:
        ctx = browser.new_context()
        watch = watch_context(ctx)
        failed: list[str] = []
        # a request cut short by the next page (net::ERR_ABORTED) is no failure; one answered 404 is
        ctx.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})") if r.failure != "net::ERR_ABORTED" else None)
        ctx.on("response", lambda r: failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        page = ctx.new_page()
        for lang, docs in (("", EXAMPLE / "docs"), ("es/", EXAMPLE / "docs" / "es")):
            page.goto(srv.url + lang + first)          # a situation's page: it becomes the chosen one
            page.wait_for_load_state("networkidle")    # what the scripts fetch later (search, sitemap) too
            assert page.evaluate("() => window.guide.situation()")
            loaded = 0
            for path in page_paths(docs):
                page.goto(srv.url + lang + path)
                loaded += page.evaluate("() => !!window.guideSituations")
            page.wait_for_load_state("networkidle")
            assert loaded, "no page loaded the situations' script"
        ctx.close()
    assert not failed, failed
    assert not watch.errors, watch.errors
