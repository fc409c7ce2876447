"""A calm guide, not a documentation site (issue #17), checked the way a student meets it: in Chromium
at a phone's 390 x 844 and a laptop's 1280 x 900, from screenshots and what is painted on them.

Behaviour (the tools menu, targets, the checklist's undo, the home page's progress, search that finds
nothing): the tests' example site, whose pages and settings the tests own. Content (the first phone
screen of the home page, "(example settings)"; the chrome on student pages, `chrome_problems`, which
the walk through each guide in test_site_browser.py runs on every page): `guide`, the shipped
guide and a copy with a center's edits; what to expect comes from that guide's own nav and settings.
A screenshot of every screen a test judges is saved next to the test's temporary files, and a failure
names it.
"""
from __future__ import annotations

import pathlib
import re

import pytest
import yaml
from playwright.sync_api import expect

from guidekit.branding import EXAMPLE as EXAMPLE_CENTER
from guidekit.checklists import load_checklists
from support import EXAMPLE, data_text, axe_violations, page_paths, soup
from test_site_build import front_matter, settings_of, url_of

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
TARGET = 44  # CSS px, WCAG 2.5.5 (the bar for every button, field and stand-alone link on phones)


# What a guide's own sources say: its nav, its tools, its steps -----------------------------------

def nav_sections(config: pathlib.Path) -> list[tuple[str, list[tuple[str | None, str]]]]:
    """The nav's top-level sections of a settings file (INHERIT resolved) as (title, [(title or None,
    site path), ...]), in order."""
    sections = []
    settings = settings_of(config)
    nav = settings.get("nav") or []
    words = (settings.get("extra") or {}).get("translations")
    if config.name != "mkdocs.yml" and isinstance(words, dict):  # a translation: mkdocs.yml's nav, its words
        from components.languages import translate_nav
        nav, _ = translate_nav(nav, {str(k).strip(): str(v).strip() for k, v in words.items()})
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, list):
                    pages = []
                    for child in value:
                        if isinstance(child, str) and child.endswith(".md"):
                            pages.append((None, url_of(child)))
                        elif isinstance(child, dict):
                            for sub_title, target in child.items():
                                if isinstance(target, str) and target.endswith(".md"):
                                    pages.append((sub_title, url_of(target)))
                    sections.append((title, pages))
    return sections


TOOL_PAGES = {"checklists/", "emails/", "planner/", "print/"}


def page_title(docs: pathlib.Path, path: str) -> str:
    return str(front_matter(docs, path)["title"])


def tools_of(config: pathlib.Path, docs: pathlib.Path) -> tuple[str, list[tuple[str, str]]]:
    """The nav section holding the tools, and its pages as (name shown, site path): a site's settings
    file and its pages' folder (docs/, or a translation's docs/<code>/)."""
    for title, pages in nav_sections(config):
        if TOOL_PAGES & {path for _, path in pages}:
            return title, [(name or page_title(docs, path), path) for name, path in pages]
    raise AssertionError(f"{config}: no nav section lists the tools {sorted(TOOL_PAGES)}")


def steps_of(config: pathlib.Path, docs: pathlib.Path) -> list[str]:
    """The step pages: the first nav section that isn't the tools."""
    tools_title, _ = tools_of(config, docs)
    title, pages = next((t, p) for t, p in nav_sections(config) if t != tools_title)
    return [path for _, path in pages]


def student_pages(docs: pathlib.Path) -> list[str]:
    """Every page that doesn't choose its own chrome (front matter `hide:`; the counselors' pages do)."""
    return [p for p in page_paths(docs) if "hide" not in front_matter(docs, p)]


def path_starts(config: pathlib.Path, docs: pathlib.Path) -> set[str]:
    """Where a control that starts the path may lead: the first step, or a situation's own page."""
    starts = {steps_of(config, docs)[0]}
    situations = docs / "_data" / "situations.yml"
    if situations.is_file():
        data = yaml.safe_load(data_text(docs, "situations.yml")) or {}
        for s in data.get("situations") or []:
            if s.get("page"):
                starts.add(url_of(s["page"]))
            starts.update(url_of(p) for p in (s.get("steps") or [])[:1])
    return starts


def shot(page, tmp_path: pathlib.Path, name: str) -> pathlib.Path:
    """A screenshot of the page as tmp_path/<name>.png; `name` may be a page's address ('' for home)."""
    out = tmp_path / f"{name.strip('/').replace('/', '-') or 'home'}.png"
    page.screenshot(path=str(out))
    return out


def site_path(page, base: str) -> str:
    """The page's address inside the site ('' for the home page), without query or fragment."""
    url = page.url.split("#")[0].split("?")[0]
    assert url.startswith(base), url
    return url[len(base):]


# In the page: what is painted, and how big ---------------------------------------------------------

MEASURE = r"""
(minimum) => {
  const problems = [];
  const shown = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 2 && r.height > 2 && s.visibility !== "hidden" && !el.closest(".guide-visually-hidden, [hidden]");
  };
  const union = (rects) => {
    const l = Math.min(...rects.map((r) => r.left)), t = Math.min(...rects.map((r) => r.top));
    const r = Math.max(...rects.map((x) => x.right)), b = Math.max(...rects.map((x) => x.bottom));
    return { width: r - l, height: b - t };
  };
  const block = "p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, div, section, nav, address";
  const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
  for (const root of document.querySelectorAll("article.md-content__inner, .md-footer")) {
    for (const el of root.querySelectorAll("a[href], button, input, select, textarea, summary")) {
      if (!shown(el)) continue;
      let size = el.getBoundingClientRect();
      if (el.matches("a")) {
        const parent = el.parentElement.closest(block);
        if (parent && text(parent) !== text(el)) continue;  // a link inside a sentence
      }
      if (el.matches("input[type=checkbox], input[type=radio]") && el.labels.length) {
        size = union([el, ...el.labels].filter(shown).map((x) => x.getBoundingClientRect()));
      }
      if (size.width < minimum - 0.5 || size.height < minimum - 0.5) {
        const name = (el.getAttribute("aria-label") || text(el) || el.name || el.id || el.type || "").slice(0, 60);
        problems.push(`<${el.tagName.toLowerCase()}> "${name}" is ${Math.round(size.width)}x${Math.round(size.height)} px`);
      }
    }
  }
  return problems;
}
"""

PAINTED = r"""
(el) => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (hit === el || el.contains(hit));
}
"""


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_colour(css: str) -> tuple[float, float, float, float]:
    numbers = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def contrast(fg_css: str, bg_css: str) -> float:
    *fg, alpha = parse_colour(fg_css)
    *bg, _ = parse_colour(bg_css)
    fg = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg)]
    high, low = sorted([luminance(tuple(fg)), luminance(tuple(bg))], reverse=True)
    return (high + 0.05) / (low + 0.05)


# Content: the home page's first phone screen, student pages without documentation chrome ----------

def test_the_first_phone_screen_of_the_home_page_starts_the_path(browser, guide, tmp_path):
    """On a 390 x 844 screen, without scrolling: a control at least 44 px each way, painted (nothing
    over it), that leads to the path's first step or a situation's page. (The layout is the same in
    both colour schemes; the walk in test_site_browser.py checks each scheme's contrast.)"""
    scheme = "light"
    starts = path_starts(guide.config_file, guide.docs)
    ctx = browser.new_context(base_url=guide.url, viewport=PHONE, color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto("")
        page.wait_for_load_state("networkidle")
        picture = shot(page, tmp_path, f"home-phone-{scheme}")
        found = []
        for control in page.locator("article a[href], article button").all():
            box = control.bounding_box()
            if not box or box["y"] < 0 or box["y"] + box["height"] > PHONE["height"]:
                continue
            href = control.get_attribute("href")
            full = page.evaluate("h => new URL(h, location.href).href.split('#')[0]", href) if href else ""
            path = full[len(guide.url):] if full.startswith(guide.url) else None
            if path in starts and box["width"] >= TARGET and box["height"] >= TARGET and control.evaluate(PAINTED):
                found.append(control.inner_text())
        assert found, (f"the first phone screen of the home page has no control of {TARGET} px or more "
                       f"leading to {sorted(starts)} (see {picture})")
        h1 = page.locator("article h1")
        expect(h1).to_be_in_viewport()
    finally:
        ctx.close()


def title_problem(page, path: str) -> list[str]:
    """The page's title, unless it is bold and reads at AA contrast (4.5:1)."""
    h1 = page.locator("article h1")
    weight = int(h1.evaluate("el => getComputedStyle(el).fontWeight"))
    ratio = contrast(h1.evaluate("el => getComputedStyle(el).color"),
                     page.evaluate("getComputedStyle(document.body).backgroundColor"))
    if weight < 600 or ratio < 4.5:
        return [f"/{path}: title weight {weight}, contrast {ratio:.1f}:1 (wanted bold, 4.5:1 or more)"]
    return []


CHROME = {"the navigation tree": ".md-sidebar--primary", "the table of contents": ".md-sidebar--secondary",
          "a heading permalink": "article .headerlink", "the Previous/Next bar": ".md-footer__link"}


def chrome_problems(page, path: str, tmp_path: pathlib.Path) -> list[str]:
    """A student page at 1280 px (LAPTOP) reads as one column: no navigation tree, no table of
    contents, no heading permalinks, no Previous/Next bar; its title bold and at AA contrast. Run on
    every student page (student_pages) by the walk through each guide in test_site_browser.py."""
    problems = []
    for what, selector in CHROME.items():
        if any(el.is_visible() for el in page.locator(selector).all()):
            problems.append(f"/{path}: shows {what} (see {shot(page, tmp_path, path)})")
    column = page.locator("article.md-content__inner").bounding_box()
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-content__inner')).fontSize)")
    if column["width"] > 45 * font:
        problems.append(f"/{path}: the text column is {column['width']:.0f} px wide, over 45 em")
    return problems + title_problem(page, path)


def test_example_settings_are_marked_only_while_in_use(guide):
    """'(example settings)' follows the center's name while the shipped example name or email is in use."""
    c = guide.center()
    in_use = any(c.get(key) == value for key, value in EXAMPLE_CENTER.items())
    footer = guide.html("").select_one(".guide-footer").get_text(" ", strip=True)
    assert (guide.words("center")["example_mark"] in footer) == in_use, footer


# Behaviour: the example site --------------------------------------------------------------------

def settings_file(site) -> pathlib.Path:
    """The example site's settings file in the language of `site` (example_lang: .lang, .docs)."""
    return EXAMPLE / ("mkdocs.yml" if site.lang == "en" else f"mkdocs.{site.lang}.yml")


def example_tools(site) -> tuple[str, list[tuple[str, str]]]:
    return tools_of(settings_file(site), site.docs)


def example_steps(site) -> list[str]:
    return steps_of(settings_file(site), site.docs)


STEPS = steps_of(EXAMPLE / "mkdocs.yml", EXAMPLE / "docs")  # (as many in every language: the build checks)


@pytest.mark.parametrize("n", range(len(STEPS)), ids=[s.strip("/") for s in STEPS])
def test_every_tool_is_two_taps_from_a_step_page_on_a_phone(example_context_factory, example_lang, n, tmp_path):
    """From a step page, scrolled anywhere: tap the tools' menu in the header, tap the tool. The
    menu is closed on the tool's page; the drawer still holds the whole menu."""
    TOOLS_TITLE, TOOLS = example_tools(example_lang)
    step = example_steps(example_lang)[n]
    ctx = example_context_factory(viewport=PHONE, has_touch=True)
    page = ctx.new_page()
    for name, path in TOOLS:
        page.goto(example_lang.url + step)
        page.wait_for_load_state("networkidle")
        page.mouse.wheel(0, 100000)  # wherever the student has read to
        page.wait_for_timeout(100)
        menu = page.locator(".md-header").get_by_text(TOOLS_TITLE, exact=True)
        assert menu.is_visible(), f"no '{TOOLS_TITLE}' in the header of /{step} (see {shot(page, tmp_path, 'no-menu')})"
        menu.tap()                                                       # tap 1
        link = page.locator(".md-header").get_by_role("link", name=name, exact=True)
        expect(link).to_be_in_viewport()
        picture = shot(page, tmp_path, f"menu-{step.strip('/')}")
        box = link.bounding_box()
        assert box["height"] >= TARGET and box["width"] >= TARGET, f"'{name}' is {box} (see {picture})"
        link.tap()                                                       # tap 2
        page.wait_for_url(example_lang.url + path)
        expect(page.locator("article h1")).to_be_visible()
        expect(link).not_to_be_visible()  # the menu closed behind the student
    page.goto(example_lang.url + step)
    page.locator("label.md-header__button[for=__drawer]").tap()
    expect(page.locator(".md-sidebar--primary nav.md-nav--primary")).to_be_in_viewport()
    assert not ctx.watch.errors, ctx.watch.errors


def test_tools_menu_keyboard_and_axe(example_context_factory, example_lang):
    """The menu is a native disclosure: Enter opens it, Escape closes it and returns focus; axe finds
    nothing with it open, at either size."""
    TOOLS_TITLE, TOOLS = example_tools(example_lang)
    ctx = example_context_factory(viewport=PHONE)
    page = ctx.new_page()
    page.goto(example_lang.url + example_steps(example_lang)[0])
    summary = page.locator(".md-header summary", has_text=TOOLS_TITLE)
    summary.focus()
    page.keyboard.press("Enter")
    first = page.locator(".md-header").get_by_role("link", name=TOOLS[0][0], exact=True)
    expect(first).to_be_visible()
    assert not axe_violations(page)
    first.focus()
    page.keyboard.press("Escape")
    expect(first).not_to_be_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.set_viewport_size(LAPTOP)
    page.reload()  # settled, not halfway through the header's transitions
    expect(page.locator(".md-header").get_by_role("link", name=TOOLS[0][0], exact=True)).to_be_visible()
    assert not axe_violations(page)


@pytest.mark.each_language
def test_phone_targets_are_at_least_44px(example_context_factory, example_lang, tmp_path):
    """On a 390 px phone, on every page, every button, form control and stand-alone link in the
    content and the footer is at least 44 x 44 px (a tick box with its label; links inside a sentence
    excepted). Checked with a checklist item ticked, so controls shown only then are measured too.
    (The same pages in every language: the build checks; a longer Spanish label must fit too.)"""
    page = example_context_factory(viewport=PHONE).new_page()
    problems = []
    for path in page_paths(example_lang.docs):
        page.goto(example_lang.url + path)
        for box in page.locator("[data-checklist] input[data-item]").all()[:1]:
            box.check()
        small = page.evaluate(MEASURE, TARGET)
        if small:
            problems.append(f"/{path} at 390 px (see {shot(page, tmp_path, path)}):\n" + "\n".join(small))
    assert not problems, "\n".join(problems)


def test_untick_all_offers_undo(example_page, example_lang):
    """Clearing a checklist is quiet and reversible: 'Untick all' shows only while something is
    ticked, and 'Undo' (focused at once) brings back exactly the ticks that were there."""
    lists = load_checklists("x", data_text(example_lang.docs, "checklists.yml"))[0]
    first = lists[0]
    page = example_page
    page.goto(example_lang.url + url_of(first.page))
    section = page.locator(f"#checklist-{first.id}")
    reset = section.locator("[data-reset]")
    expect(reset).to_be_hidden()
    boxes = section.locator("input[data-item]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    expect(reset).to_be_visible()
    reset.click()
    for i in range(boxes.count()):
        expect(boxes.nth(i)).not_to_be_checked()
    undo = section.locator("[data-undo]")
    expect(undo).to_be_focused()
    undo.click()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).not_to_be_checked()
    expect(boxes.nth(2)).to_be_checked()
    expect(undo).to_be_hidden()
    page.reload()
    expect(boxes.nth(2)).to_be_checked()  # the undone state was saved
    background = reset.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent"), f"'Untick all' looks like a main action ({background})"


@pytest.mark.each_language
def test_home_cards_show_each_steps_checklist_progress(example_page, example_lang):
    """The path's cards on the home page show how much of each step's checklist is ticked."""
    lists = load_checklists("x", data_text(example_lang.docs, "checklists.yml"))[0]
    first = lists[0]
    page = example_page
    page.goto(example_lang.url + url_of(first.page))
    page.locator(f"#checklist-{first.id} input[data-item]").first.check()
    page.goto(example_lang.url)
    card = page.locator(".guide-path li", has=page.locator(f"a[href$='{url_of(first.page)}']")).first
    badge = card.locator(".guide-path__progress")
    expect(badge).to_be_visible()
    numbers = re.findall(r"\d+", badge.inner_text())
    assert numbers[:2] == ["1", str(len(first.items))], badge.inner_text()
    page.goto(example_lang.url + url_of(first.page))
    for box in page.locator(f"#checklist-{first.id} input[data-item]").all():
        box.check()
    page.goto(example_lang.url)
    expect(badge).to_have_class(re.compile("guide-path__progress--done"))
    card.click()  # the whole card is the link
    page.wait_for_url(example_lang.url + url_of(first.page))


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_search_that_finds_nothing_offers_people(example_context_factory, example_lang, viewport, tmp_path):
    """A search with no result shows the center's contacts and the urgent line; one that finds
    something doesn't. Contacts come from the example settings."""
    center = settings_of(settings_file(example_lang))["extra"]["career_center"]
    step = example_steps(example_lang)[0]
    ctx = example_context_factory(viewport=viewport)
    page = ctx.new_page()
    page.goto(example_lang.url + step)
    page.wait_for_load_state("networkidle")
    # the built page says "initializing" there until the search index is read
    initial = soup(example_lang.site / step / "index.html").select_one(".md-search-result__meta").get_text(strip=True)
    page.locator("label.md-header__button[for=__search]").click() if viewport is PHONE else page.locator(".md-search__input").click()
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() !== t", arg=initial)
    page.locator(".md-search__input").press_sequentially("qqxzzv")  # typed: Material searches on key presses
    help_box = page.locator(".guide-search-help")
    expect(help_box).to_be_visible()
    picture = shot(page, tmp_path, "search-none")
    expect(help_box.locator(f"a[href='mailto:{center['contact_email']}']")).to_be_visible()
    expect(help_box.locator(".guide-urgent-line")).to_be_visible()
    assert not axe_violations(page), picture
    word = max(page_title(example_lang.docs, step).split(), key=len)
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially(word)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(help_box).to_be_hidden()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_single_column_is_centred_on_wide_screens_and_fills_a_phone(example_context_factory, example_lang, viewport, tmp_path):
    """At 1280 px the one column of a step page stands in the middle (as much room on each side, not
    half the screen empty on the right); on a 390 px phone it fills the width, with nothing wider."""
    ctx = example_context_factory(viewport=viewport)
    page = ctx.new_page()
    page.goto("es/first/" if example_lang.lang == "es" else "first/")
    box = page.locator("article.md-content__inner").bounding_box()
    left, right = box["x"], viewport["width"] - (box["x"] + box["width"])
    where = shot(page, tmp_path, f"column-{viewport['width']}")
    if viewport is LAPTOP:
        assert abs(left - right) < 0.05 * viewport["width"], f"the column leaves {left:.0f} px left, {right:.0f} px right (see {where})"
    else:
        assert box["width"] > 0.85 * viewport["width"], f"the column is {box['width']:.0f} px wide on a phone (see {where})"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], f"wider than the phone (see {where})"
