"""Fixtures: one strict build per session, served on 127.0.0.1, driven in the system Chromium."""
from __future__ import annotations

import os
import pathlib
import shutil
import tempfile
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from support import (EXAMPLE, PREFIX, ROOT, Guide, SitesServer, build, center_edits, browser_path, copy_project,
                     shared_site, storage_key)

IN_CI = bool(os.environ.get("CI"))


def pytest_configure(config):
    """The process that runs the tests (pytest-xdist's controller, when `make test` spreads them over
    the machine's cores) serves the sites they build once per run (`shared`), from one folder."""
    if not hasattr(config, "workerinput"):
        config.sites = SitesServer(pathlib.Path(tempfile.mkdtemp(prefix="after-the-no-sites-")))


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput") and hasattr(config, "sites"):
        config.sites.close()
        shutil.rmtree(config.sites.root, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist: each worker builds into, and is served from, the controller's folder."""
    node.workerinput["sites"] = [str(node.config.sites.root), node.config.sites.port]


def shared(request, name: str, make):
    """The site built once per run under /<name>/ (support.shared_site)."""
    config = request.config
    root, port = (config.workerinput["sites"] if hasattr(config, "workerinput")
                  else (config.sites.root, config.sites.port))
    return shared_site(pathlib.Path(root), port, name, make)


@pytest.fixture(scope="session")
def server(request):
    """The real site, built strictly with site_url set to where it is served (a sub-path on 127.0.0.1).

    Material's instant navigation only swaps pages whose URL is in sitemap.xml, as on GitHub Pages.
    """
    return shared(request, PREFIX.strip("/"), lambda out, url: (build(ROOT, out, site_url=url), None))


@pytest.fixture(scope="session")
def site(server):
    return server.site


@pytest.fixture(scope="session")
def example(request):
    """The tests' example site (tests/example: its own pages, data and settings), served under its
    own sub-path. Behaviour tests run here, so a center's edits to its content can't break them.
    The same build writes its Spanish version into /es/ (`example_es`)."""
    srv = shared(request, "example-guide", lambda out, url: (build(EXAMPLE, out, site_url=url), None))
    srv.lang, srv.docs = "en", EXAMPLE / "docs"
    return srv


class Translation:
    """A translated site built by the root site's build into its /<code>/ folder (components/languages.py):
    its url, built site, docs folder and language code, as `example` has them; `root` is that site."""

    def __init__(self, root, lang: str, docs):
        self.root, self.lang, self.docs = root, lang, docs
        self.url, self.site = f"{root.url}{lang}/", root.site / lang

    def __repr__(self):
        return f"Translation({self.lang}, {self.url})"


@pytest.fixture(scope="session")
def example_es(example):
    """The example site in Spanish (tests/example/mkdocs.es.yml and docs/es/: the same pages and ids),
    served at example.url + 'es/'."""
    return Translation(example, "es", EXAMPLE / "docs" / "es")


def pytest_generate_tests(metafunc):
    """`example_lang`: English, and Spanish too for a test marked `each_language` (see example_lang)."""
    own = any("example_lang" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize"))
    if "example_lang" in metafunc.fixturenames and not own:  # (a test may choose its languages itself)
        each = metafunc.definition.get_closest_marker("each_language") is not None
        metafunc.parametrize("example_lang", ["en", "es"] if each else ["en"], indirect=True, scope="session")


@pytest.fixture(scope="session")
def example_lang(request, example):
    """The example site in a language (.url, .site, .docs, .lang): English, and for a test marked
    `each_language` Spanish too. Behaviour is the same in every language (one script, one set of
    templates, the words from overrides/text/<lang>.yml and docs/<lang>/); a test is marked where
    the language changes what a student sees beyond the words swapped in: dates, times and plurals
    in that language's forms, greetings and lists of names built from its words, longer labels that
    must still fit, a page in that language's own 404 or print."""
    return example if request.param == "en" else request.getfixturevalue("example_es")


@pytest.fixture(scope="session")
def edited(request):
    """The guide after a center's typical edits (support.center_edits), built strictly and served."""
    def make(out, url):
        project = copy_project(out.parent / "careers-guide-project")
        center_edits(project)
        return build(project, out, site_url=url), str(project)

    srv = shared(request, "careers-guide", make)
    srv.project = pathlib.Path(srv.info)
    return srv


def _guide(request, name: str) -> Guide:
    if name == "shipped":
        srv = request.getfixturevalue("server")
        return Guide("shipped", ROOT, srv.site, srv.url)
    if name == "shipped-es":
        srv = request.getfixturevalue("server")
        return Guide("shipped-es", ROOT, srv.site / "es", srv.url + "es/", lang="es")
    srv = request.getfixturevalue("edited")
    return Guide("center-edits", srv.project, srv.site, srv.url)


@pytest.fixture(scope="session", params=["shipped", "shipped-es", "center-edits"])
def guide(request):
    """Content tests run on the shipped guide, on its Spanish version (built by the same build into
    /es/, from docs/es/) and on a copy with a center's typical edits."""
    return _guide(request, request.param)


@pytest.fixture(scope="session", params=["shipped", "shipped-es"])
def shipped_guide(request):
    """The shipped guide in each language, for content checks that a center's typical edits (its
    settings, a reworded checklist, an added email and page) don't reach: once per language."""
    return _guide(request, request.param)


@pytest.fixture(scope="session")
def browser():
    path = browser_path()
    if not path:
        if IN_CI:
            pytest.fail("No system Chromium found: install Debian's 'chromium' package (make test does).")
        pytest.skip("No system Chromium found (apt-get install chromium); browser tests skipped outside CI.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])  # no host but this machine
        yield b
        b.close()


class Watch:
    """What a page did that a user would notice or that must never happen."""

    def __init__(self):
        self.errors: list[str] = []
        self.outside: list[str] = []


def watch_context(context) -> Watch:
    """Listen to what the context's pages do. Requests are only listened to, not intercepted: an
    intercepted context has no HTTP cache, and every page would fetch and compile Material's scripts
    afresh. Chromium itself (browser()) resolves no host but 127.0.0.1, so a request elsewhere fails
    at once and is recorded here; one the page's security policy refused never left the page."""
    w = Watch()

    def ended(r):
        elsewhere = not (r.url.startswith(("data:", "blob:")) or urlsplit(r.url).hostname == "127.0.0.1")
        if elsewhere and r.failure != "csp":
            w.outside.append(r.url)

    context.on("requestfinished", ended)
    context.on("requestfailed", ended)
    context.on("weberror", lambda e: w.errors.append(f"page error: {e.error}"))
    context.on("console", lambda m: w.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    return w


@contextmanager
def _contexts(browser, url):
    """make(**kwargs): a watched browser context on url; all are closed afterwards."""
    made = []

    def make(**kwargs):
        ctx = browser.new_context(base_url=url, **kwargs)
        ctx.watch = watch_context(ctx)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@contextmanager
def _watched_page(make):
    """A fresh page; the test fails if it reached outside 127.0.0.1 or raised a JS error."""
    ctx = make()
    pg = ctx.new_page()
    pg.watch = ctx.watch
    yield pg
    assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
    assert not ctx.watch.errors, f"JavaScript errors: {ctx.watch.errors}"


@pytest.fixture
def context_factory(browser, server):
    with _contexts(browser, server.url) as make:
        yield make


@pytest.fixture
def example_context_factory(browser, example):
    with _contexts(browser, example.url) as make:
        yield make


@pytest.fixture
def example_page(example_context_factory):
    """A fresh browser page on the example site; fails the test on a request off 127.0.0.1 or a JS error."""
    with _watched_page(example_context_factory) as pg:
        yield pg


@pytest.fixture
def lang_context_factory(browser, example_lang):
    """make(**kwargs): watched browser contexts on the example site in the language under test."""
    with _contexts(browser, example_lang.url) as make:
        yield make


@pytest.fixture
def lang_page(lang_context_factory):
    """A fresh page on the example site in the language under test; fails the test on a request off
    127.0.0.1 or a JS error."""
    with _watched_page(lang_context_factory) as pg:
        yield pg


@pytest.fixture
def page(context_factory):
    """A fresh browser page on the shipped site; fails the test on a request off 127.0.0.1 or a JS error."""
    with _watched_page(context_factory) as pg:
        yield pg


@contextmanager
def _checked_contexts(browser, url):
    made = []
    with _contexts(browser, url) as make:
        def checked(**kwargs):
            made.append(ctx := make(**kwargs))
            return ctx
        yield checked
        for ctx in made:
            assert not ctx.watch.outside, f"requests left 127.0.0.1: {ctx.watch.outside}"
            assert not ctx.watch.errors, f"JavaScript errors: {ctx.watch.errors}"


@pytest.fixture
def guide_context(browser, guide):
    """make(**kwargs): a browser context on the guide under test (shipped or a center's edit); fails the
    test on an off-site request or a JS error."""
    with _checked_contexts(browser, guide.url) as make:
        yield make


@pytest.fixture
def shipped_context(browser, shipped_guide):
    """guide_context for the shipped guide in each language (`shipped_guide`)."""
    with _checked_contexts(browser, shipped_guide.url) as make:
        yield make


@pytest.fixture
def key(example):
    """The example site's storage key."""
    return storage_key(example.url)
