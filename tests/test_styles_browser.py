"""The trimmed stylesheets style every screen as Material's whole ones do (hooks/guidekit/styles.py).

The shipped guide in each language is opened twice in Chromium: as published,
and with Material's whole stylesheets served in place of the trimmed ones. Every element's computed
style (and its ::before, ::after and ::marker), every property but custom properties (those nothing
reads are what the trim removes), must be the same, on the pages a student meets and in the states
Material's and the tools' scripts create: the drawer, the Tools menu, search with results, a
checklist ticked, a focused link, dark and light, phone and laptop. Pixels are not compared:
Chromium's anti-aliasing of a rounded corner can differ by 1/255 between two identical styles.
"""
from __future__ import annotations

import pathlib

import material
from test_design_browser import LAPTOP, PHONE, page_title, steps_of, tools_of

WHOLE = pathlib.Path(material.__path__[0]) / "templates" / "assets" / "stylesheets"

# What paints an element: its computed values of these (reading all ~370 properties of every element
# takes seconds a page).
# (Not margin-left: Chromium reports an auto margin, e.g. Material's centred .md-grid, as 0px or as its
# used value depending on when it is asked; where the element's box starts, which STYLES also reads, is
# what a reader sees.)
PAINT = ["display", "visibility", "position", "top", "left", "width", "height", "margin-top",
         "padding-top", "padding-left", "padding-bottom", "color", "background-color", "background-image",
         "border-top-width", "border-left-width", "border-top-color", "border-left-color", "border-radius",
         "box-shadow", "outline-style", "outline-color", "outline-width", "font-family", "font-size", "font-weight",
         "line-height", "text-decoration-line", "text-align", "white-space", "opacity", "transform", "z-index",
         "overflow-x", "overflow-y", "mask-image", "content", "cursor", "flex-direction", "gap", "list-style-type",
         "border-bottom-width", "border-bottom-color", "margin-bottom", "padding-right", "font-style",
         "text-transform", "letter-spacing", "fill", "max-width", "min-height", "align-items", "justify-content",
         "vertical-align", "filter", "backdrop-filter", "background-size", "mask-size", "transition-property"]

# Every element's computed style (and where its box starts) as one fingerprint per element and
# pseudo-element, keyed by its place.
STYLES = """props => {
  const out = {};
  const hash = s => { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; };
  const where = el => { const parts = []; for (; el && el.nodeType === 1; el = el.parentElement) {
    let n = 1; for (let s = el.previousElementSibling; s; s = s.previousElementSibling) n++;
    parts.unshift(el.tagName.toLowerCase() + ':' + n); } return parts.join('>'); };
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of ['', '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo || null);
      let s = '';
      if (pseudo && cs.content === 'none') s = 'none';
      else for (const p of props) s += p + ':' + cs.getPropertyValue(p) + ';';
      if (!pseudo) s += 'box-left:' + Math.round(el.getBoundingClientRect().left + scrollX) + ';';
      out[where(el) + pseudo] = hash(s);
    }
  }
  return out;
}"""

DETAIL = """key => {
  const [path, pseudo] = key.split('::');
  let el = document.documentElement;
  for (const part of path.split('>').slice(1)) el = el.children[+part.split(':')[1] - 1];
  const cs = getComputedStyle(el, pseudo ? '::' + pseudo : null), o = {};
  for (let i = 0; i < cs.length; i++) if (!cs[i].startsWith('--')) o[cs[i]] = cs.getPropertyValue(cs[i]);
  return {what: el.outerHTML.slice(0, 120), style: o};
}"""


def whole_stylesheets(route):
    """Serve Material's whole stylesheet for a trimmed one (main.<hash>.min.css -> Material's main)."""
    name = route.request.url.rsplit("/", 1)[1].split(".")[0]
    whole = next(WHOLE.glob(f"{name}.*.min.css"), None)
    return route.fulfill(path=str(whole)) if whole else route.continue_()


def open_search(page, viewport, word):
    if viewport is PHONE:
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(word)
    page.locator(".md-search-result__item").first.wait_for()


def open_drawer(page, viewport, word):
    if viewport is PHONE:
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(300)


def open_tools(page, viewport, word):
    menu = page.locator(".guide-tools-menu__button")
    if menu.is_visible():
        menu.click()


def tick_and_focus(page, viewport, word):
    box = page.locator(".guide-checklist input[type=checkbox]").first
    if box.count():
        box.check()
    page.keyboard.press("Tab")   # the first focusable thing shows its focus ring


def hover_a_link(page, viewport, word):
    page.locator("article a[href]").first.hover()


STATES = {"open search": open_search, "hover a link": hover_a_link, "open the drawer": open_drawer, "open the Tools menu": open_tools,
          "tick and focus": tick_and_focus}


def pages_of(guide) -> tuple[list[tuple[str, str | None]], str]:
    """(page, state): the home page, a step page in every state, each tool page, a situation page, 404;
    and that step page."""
    steps = steps_of(guide.config_file, guide.docs)
    _, tools = tools_of(guide.config_file, guide.docs)
    sources = {s: guide.docs / (s.strip("/") + ".md") for s in steps}
    step = next((s for s, md in sources.items() if md.exists() and "<!-- checklist" in md.read_text(encoding="utf-8")),
                steps[0])
    situation = next(iter(sorted(p for p in guide.pages() if p.startswith("situations/"))), None)
    shown = [("", None), *((step, state) for state in STATES), *((path, None) for _, path in tools)]
    return shown + ([(situation, None)] if situation else []) + [("404.html", None)], step


def look(pages, url, state, viewport, word) -> list[dict]:
    """Load url in both pages, bring them to the state, and read their styles once both have settled.
    Settling can take a while on a loaded machine (search starts up, the header finds its height...),
    so a disagreement is looked at again, then on a fresh load: a rule the trim lost shows every time."""
    for page in pages:
        page.goto(url)
        page.wait_for_load_state("load")
        if state:
            STATES[state](page, viewport, word)
    for _ in range(10):  # up to 3 s, only while they disagree
        pages[0].wait_for_timeout(300)
        styles = [page.evaluate(STYLES, PAINT) for page in pages]
        if styles[0] == styles[1]:
            break
    return styles


# The shipped guide in each language (each trimmed for its own pages) at one screen and scheme: between
# them, both screens and both schemes. (A center's typical edits, a colour and a page of plain text, add
# no element or state these pages lack.)
VIEWS = {"shipped": (PHONE, "dark"), "shipped-es": (LAPTOP, "light")}


def test_trimmed_stylesheets_style_every_element_as_the_whole_ones(shipped_guide, shipped_context):
    guide, guide_context = shipped_guide, shipped_context
    viewport, scheme = VIEWS[guide.name]
    options = dict(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    trimmed, whole = guide_context(**options), guide_context(**options)
    whole.route("**/assets/stylesheets/*.min.css", whole_stylesheets)
    pages = [ctx.new_page() for ctx in (trimmed, whole)]
    loaded = []
    pages[1].on("response", lambda r: loaded.append(r.url) if "/assets/stylesheets/" in r.url else None)
    shown, step = pages_of(guide)
    word = max(page_title(guide.docs, step).split(), key=len)   # a word search finds in the guide's language
    for path, state in shown:
        for _ in range(2):   # a second load when the first two disagree (see look())
            styles = look(pages, guide.url + path, state, viewport, word)
            if styles[0] == styles[1]:
                break
        where = f"/{path} ({state or 'as loaded'}, {viewport['width']} px, {scheme})"
        assert styles[0].keys() == styles[1].keys(), f"{where}: the pages differ"
        different = [key for key in styles[0] if styles[0][key] != styles[1][key]]
        if different:
            a, b = (page.evaluate(DETAIL, different[0]) for page in pages)
            changed = {p: (b["style"].get(p), a["style"].get(p)) for p in a["style"] if a["style"][p] != b["style"].get(p)}
            raise AssertionError(f"{where}: {len(different)} elements styled differently with the trimmed stylesheets, "
                                 f"e.g. {a['what']!r}{different[0].partition('::')[1:]}: whole -> trimmed {changed}")
    assert loaded, "Material's whole stylesheets were never served in place of the trimmed ones"
