#!/usr/bin/env python3
"""Benchmark: what the project adds on top of plain Material for MkDocs.

Run with `make bench` (or `.venv/bin/python bench/run.py [--only weight,build,browser,lighthouse]`).
Prints one table per figure and writes them all to bench/RESULTS.md. Not part of the tests:
nothing here passes or fails a build; the "Target" column says where a figure stands.

"Plain Material" is the same docs/ built with a minimal mkdocs.yml: the project's theme settings
without custom_dir, `font: false`, the same markdown_extensions, plugins, nav and extra, and no
hooks, extra_css or extra_javascript. Markers such as `<!-- checklist: feel-it -->` then stay
invisible HTML comments.

Everything is discovered, not listed: every built page, every file in overrides/assets/tools/
(grouped by name: guide, checklists, emails, ...), the tool pages from the nav's "Tools" section,
and each browser figure runs only where its tool's markup is on a page.
"""
from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import os
import pathlib
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit

import yaml

BENCH = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))
import support  # noqa: E402
from support import ROOT, SiteServer, build, chromium_path, copy_project, soup  # noqa: E402

RESULTS = BENCH / "RESULTS.md"
REPORTS = BENCH / "reports"          # full Lighthouse reports of the last run (not committed)
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
GZIP_LEVEL = 6                  # what most web servers use
TARGET_GUIDE_RATIO = 1.08
TARGET_TOOL_RATIO = 1.15
TARGET_OWN_BYTES = 16 * 1024    # the project's own JS+CSS, gzipped, all tools together
TARGET_BUILD_RATIO = 1.25
TARGET_INTERACTION_MS = 16.0    # one frame at 60 Hz
TARGET_LIGHTHOUSE = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
SCALED_PAGES = 300
SAMPLES = 50                    # interaction samples per figure (after WARMUP unmeasured ones)
WARMUP = 5


def mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("pass" if ok else "MISS")


def kb(n: int | float) -> str:
    return f"{n / 1024:.1f} KB"


class Report:
    """Markdown tables and notes, printed as they are made and written to RESULTS.md at the end."""

    def __init__(self):
        self.parts: list[str] = []
        self.summary: list[list[object]] = []   # [figure, measured, target, mark], shown first in RESULTS.md

    def figure(self, name: str, measured: str, target: str, verdict: str):
        self.summary.append([name, measured, target, verdict])

    def heading(self, text: str):
        self.add(f"## {text}")

    def note(self, text: str):
        self.add(text)

    def table(self, header: list[str], rows: list[list[object]]):
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
        self.add("\n".join(lines))

    def add(self, block: str):
        self.parts.append(block)
        print(block + "\n", flush=True)

    def summary_table(self) -> str:
        lines = ["## Summary", "| Figure | Measured | Target | |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in self.summary]
        return "\n".join(lines[:1]) + "\n\n" + "\n".join(lines[1:])

    def text(self) -> str:
        return "\n\n".join(self.parts[:1] + [self.summary_table()] + self.parts[1:]) + "\n"


# ---------------------------------------------------------------------------------------------
# Projects: the real one, and plain Material built from the same Markdown

def load_config(project: pathlib.Path) -> dict:
    from mkdocs.utils.yaml import get_yaml_loader  # understands !ENV and !relative
    with open(project / "mkdocs.yml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=get_yaml_loader())


def make_plain(src: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """A copy of src's docs/ with a minimal mkdocs.yml: Material as it comes, no project code."""
    cfg = load_config(src)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "docs", dest / "docs")
    theme = {k: v for k, v in cfg["theme"].items() if k not in ("custom_dir", "logo", "favicon")}
    theme["font"] = False
    plain = {"site_name": cfg["site_name"], "theme": theme}
    for key in ("site_description", "site_url", "copyright", "plugins", "markdown_extensions", "nav",
                "exclude_docs", "extra", "use_directory_urls"):
        if key in cfg:
            plain[key] = cfg[key]
    if isinstance(plain.get("site_url"), (list, tuple)):  # an !ENV tag with nothing set
        plain["site_url"] = plain["site_url"][-1]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def tool_page_urls(project: pathlib.Path) -> list[str]:
    """Site-relative URLs of the pages in the nav's "Tools" section (e.g. 'checklists/')."""
    def walk(items, inside):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        yield from walk(value, inside or str(title).strip().lower() == "tools")
                    elif inside:
                        yield value
            elif inside:
                yield item
    urls = []
    for src in walk(load_config(project).get("nav"), False):
        if isinstance(src, str) and src.endswith(".md"):
            stem = src[:-3]
            urls.append(stem[: -len("index")] if stem.endswith("index") else stem + "/")
    return urls


def run_build(project: pathlib.Path, out: pathlib.Path, site_url: str | None = None) -> tuple[float, float]:
    """Build into an empty folder; return (wall-clock seconds, CPU seconds of the build process)."""
    if out.exists():
        shutil.rmtree(out)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = build(project, out, strict=False, site_url=site_url)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"mkdocs build of {project} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# ---------------------------------------------------------------------------------------------
# Page weight

def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def built_pages(site: pathlib.Path) -> dict[str, pathlib.Path]:
    """Every built HTML page, by site-relative URL ('' for the home page, '404.html' for Material's)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = path
    return pages


def loaded_assets(site: pathlib.Path, page: pathlib.Path) -> list[pathlib.Path]:
    """Same-origin stylesheets and scripts the page loads, wherever they sit in its HTML."""
    doc = soup(page)
    refs = [el["href"] for el in doc.select("link[href]") if "stylesheet" in (el.get("rel") or [])]
    refs += [el["src"] for el in doc.select("script[src]")]
    found = []
    for ref in refs:
        url = urlsplit(ref)
        if url.scheme or url.netloc or not url.path:
            continue
        target = (site / url.path.lstrip("/")) if url.path.startswith("/") else (page.parent / url.path)
        target = target.resolve()
        if target.is_file() and site.resolve() in target.parents and target not in found:
            found.append(target)
    return found


def page_weight(site: pathlib.Path, page: pathlib.Path) -> tuple[int, int]:
    """(gzip bytes of the HTML, gzip bytes of the HTML plus its CSS and JS)."""
    html = gz(page.read_bytes())
    return html, html + sum(gz(a.read_bytes()) for a in loaded_assets(site, page))


def own_assets(site: pathlib.Path) -> dict[str, dict[str, int]]:
    """gzip bytes of each tool file as published (assets/tools/ of the built site, minified), by tool name."""
    tools: dict[str, dict[str, int]] = {}
    for path in sorted((site / "assets" / "tools").iterdir()):
        if path.is_file():
            tool, _, kind = path.name.partition(".")
            tools.setdefault(tool, {})[kind] = tools.get(tool, {}).get(kind, 0) + gz(path.read_bytes())
    return tools


def bench_weight(report: Report, work: pathlib.Path):
    project_site, plain_site = work / "weight-project", work / "weight-plain"
    run_build(ROOT, project_site)
    run_build(make_plain(ROOT, work / "plain"), plain_site)
    tools = tool_page_urls(ROOT)

    rows, worst = [], {}     # kind: (ratio, url)
    plain_pages = built_pages(plain_site)
    for url, path in built_pages(project_site).items():
        is_tool = any(url.startswith(t) for t in tools)
        kind = "tool" if is_tool else "guidance"
        target = TARGET_TOOL_RATIO if is_tool else TARGET_GUIDE_RATIO
        html, total = page_weight(project_site, path)
        if url in plain_pages:
            p_html, p_total = page_weight(plain_site, plain_pages[url])
            ratio = total / p_total
            worst[kind] = max(worst.get(kind, (0, "")), (ratio, url))
            rows.append([f"/{url}", kind, kb(html), kb(total), kb(p_total), f"{ratio:.3f}", f"≤ {target:.2f}",
                         mark(ratio <= target)])
        else:
            rows.append([f"/{url}", kind, kb(html), kb(total), "—", "—", f"≤ {target:.2f}",
                         "n/a (generated page, no plain counterpart)"])
    report.heading("Page weight (gzip, per page)")
    report.note(f"gzip -{GZIP_LEVEL} bytes of each page's HTML plus every same-origin stylesheet and script it "
                "loads (`<link rel=stylesheet>`, `<script src>`, including those inside the content), "
                "against the same Markdown built by plain Material. Tool pages: the nav's \"Tools\" section "
                "and the pages under it; every other page counts as guidance. "
                "1 KB = 1024 bytes.")
    report.table(["Page", "Kind", "HTML", "Page total", "Plain Material", "Ratio", "Target", ""], rows)
    for kind, target in (("guidance", TARGET_GUIDE_RATIO), ("tool", TARGET_TOOL_RATIO)):
        if kind in worst:
            ratio, url = worst[kind]
            report.figure(f"Page weight ratio, {kind} pages (highest)", f"{ratio:.3f} (/{url})", f"≤ {target:.2f}",
                          mark(ratio <= target))

    assets = own_assets(project_site)
    rows, total = [], 0
    for tool, kinds in assets.items():
        sub = sum(kinds.values())
        total += sub
        rows.append([tool, kb(kinds.get("js", 0)), kb(kinds.get("css", 0)),
                     ", ".join(f"{k} {kb(v)}" for k, v in kinds.items() if k not in ("js", "css")) or "—",
                     kb(sub)])
    rows.append(["**all tools**", kb(sum(k.get("js", 0) for k in assets.values())),
                 kb(sum(k.get("css", 0) for k in assets.values())), "", f"**{kb(total)}**"])
    report.heading("The project's own JS and CSS (gzip, per tool)")
    report.note(f"Every file of `overrides/assets/tools/` as published in `assets/tools/` (minified by "
                f"hooks/minify.py), each gzipped on its own (as served). Target: all "
                f"together under {kb(TARGET_OWN_BYTES)} — **{mark(total < TARGET_OWN_BYTES)}** "
                f"({total:,} bytes).")
    report.table(["Tool", "JS", "CSS", "Other", "Total"], rows)
    report.figure("Project's own JS+CSS, gzip, all tools", f"{total:,} bytes ({kb(total)})",
                  f"< {kb(TARGET_OWN_BYTES)}", mark(total < TARGET_OWN_BYTES))
    return {"worst": worst, "own_total": total}


# ---------------------------------------------------------------------------------------------
# Build time

def markdown_body(md: pathlib.Path) -> str:
    """A page's Markdown without its front matter and markers: realistic text for generated pages."""
    text = md.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---", 1)[1].split("\n", 1)[1]
    lines = [line for line in text.splitlines() if not line.strip().startswith("<!--")
             and not line.startswith("# ")]
    # The generated pages sit one folder down: keep their links to the real pages working.
    return re.sub(r"\]\((?![a-z]+:|#|/)([^)]+\.md(?:#[^)]*)?)\)", r"](../\1)", "\n".join(lines))


def scale_up(project: pathlib.Path, total_pages: int) -> int:
    """Add generated pages to a copy of the project until it has about total_pages pages.

    Each carries a checklist marker and, when docs/_data/emails.yml exists, an email marker, both
    naming the guide's own checklists and templates (as a larger site would embed them on more pages;
    a new checklist per page would also add a printable sheet per page, which plain Material can't
    be compared with); the text is the real guidance pages' text.
    Returns how many pages were added.
    """
    docs = project / "docs"
    existing = [p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("_")]
    bodies = [markdown_body(p) for p in sorted(existing) if p.parent == docs and p.name != "index.md"]
    count = max(0, total_pages - len(existing))
    checklists_file = docs / "_data" / "checklists.yml"
    data = yaml.safe_load(checklists_file.read_text(encoding="utf-8")) if checklists_file.exists() else None
    emails_file = docs / "_data" / "emails.yml"
    email_ids = []
    if emails_file.exists():
        email_ids = [t["id"] for t in (yaml.safe_load(emails_file.read_text(encoding="utf-8")) or {})
                     .get("templates", []) if isinstance(t, dict) and "id" in t]
    (docs / "generated").mkdir()
    for n in range(1, count + 1):
        cid = f"generated-{n:03d}"
        parts = ["---", f"title: Generated page {n}",
                 f"description: A generated page number {n} for the build-time benchmark, with a checklist "
                 "and an email snippet like the real guidance pages.", "---", "", f"# Generated page {n}", "",
                 bodies[n % len(bodies)], ""]
        if email_ids:
            parts += [f"## Email {n}", "", f"<!-- email: {email_ids[n % len(email_ids)]} -->", ""]
        if data is not None:
            parts += [f"<!-- checklist: {data['checklists'][n % len(data['checklists'])]['id']} -->", ""]
        (docs / "generated" / f"{cid}.md").write_text("\n".join(parts), encoding="utf-8")
    return count


def interleaved(project: pathlib.Path, plain: pathlib.Path, out: pathlib.Path, pairs: int):
    """Build both `pairs` times, alternating which goes first; return (project times, plain times)."""
    run_build(project, out / "warm-a")
    run_build(plain, out / "warm-b")   # warm the file cache and Python's bytecode first
    ours, theirs = [], []
    for i in range(pairs):
        order = [("ours", project), ("plain", plain)]
        for name, proj in (order if i % 2 == 0 else order[::-1]):
            (ours if name == "ours" else theirs).append(run_build(proj, out / name))
    return ours, theirs


def bench_build(report: Report, work: pathlib.Path, pairs: int):
    rows, figures = [], {}
    load_before = os.getloadavg()[0]
    for label, size in (("as is", None), ("scaled up", SCALED_PAGES)):
        project = copy_project(work / f"build-{size or 'real'}")
        added = scale_up(project, size) if size else 0
        plain = make_plain(project, work / f"build-{size or 'real'}-plain")
        n_pages = len(source_pages(project))
        ours, theirs = interleaved(project, plain, work / f"build-{size or 'real'}-out", pairs)
        wall_o, wall_p = (statistics.median(t for t, _ in runs) for runs in (ours, theirs))
        cpu_o, cpu_p = (statistics.median(c for _, c in runs) for runs in (ours, theirs))
        figures[label] = (wall_o / wall_p, cpu_o / cpu_p)
        report.figure(f"Build time ratio, {label} ({n_pages} pages)",
                      f"{wall_o / wall_p:.3f} wall, {cpu_o / cpu_p:.3f} CPU", f"≤ {TARGET_BUILD_RATIO:.2f}",
                      mark(max(wall_o / wall_p, cpu_o / cpu_p) <= TARGET_BUILD_RATIO))
        rows.append([f"{label}: {n_pages} pages" + (f" ({added} generated)" if added else ""),
                     f"{wall_o:.2f} s", f"{wall_p:.2f} s", f"**{wall_o / wall_p:.3f}**",
                     f"{cpu_o:.2f} s", f"{cpu_p:.2f} s", f"{cpu_o / cpu_p:.3f}",
                     f"{(cpu_o - cpu_p) / n_pages * 1000:.1f} ms", f"≤ {TARGET_BUILD_RATIO:.2f}",
                     f"wall {mark(wall_o / wall_p <= TARGET_BUILD_RATIO)}, CPU {mark(cpu_o / cpu_p <= TARGET_BUILD_RATIO)}"])
        print(f"  {label}: project wall {[round(t, 2) for t, _ in ours]}, plain wall {[round(t, 2) for t, _ in theirs]}",
              flush=True)
    report.heading("Build time (`mkdocs build`, median of interleaved pairs)")
    report.note(f"{pairs} pairs after one warm-up build each, alternating which build goes first; each build is a "
                "fresh `python -m mkdocs build` process (as an author runs it), non-strict, into an empty "
                "folder. Wall-clock time is what the brief asks for; the CPU time of the build process "
                "(user + system) is shown beside it because it suffers much less when other work shares the "
                f"machine (load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on "
                f"{os.cpu_count()} CPUs). The scaled-up copy adds generated pages with a checklist marker each "
                "(and an email marker each when `docs/_data/emails.yml` exists), naming the guide's own "
                "checklists and templates, so the project still generates one printable sheet per checklist "
                "and not one per page; they are not in the nav, so the nav stays the same size for both builds. "
                "\"Added per page\" is (project − plain) CPU time ÷ pages: if it stays flat while the page "
                "count grows twentyfold, the hooks' cost grows linearly.")
    report.table(["Content", "Project (wall)", "Plain (wall)", "Ratio (wall)", "Project (CPU)", "Plain (CPU)",
                  "Ratio (CPU)", "Added per page", "Target", ""], rows)
    return figures


def source_pages(project: pathlib.Path) -> list[pathlib.Path]:
    docs = project / "docs"
    return [p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("_")]


# ---------------------------------------------------------------------------------------------
# Browser figures

# Each runs in the page: N timed samples of one interaction, measured with performance.now().
CHECKLIST_JS = """async ([n, warm]) => {
  const box = document.querySelector('[data-checklist] input[data-item]');
  if (!box) return null;
  const setItem = Storage.prototype.setItem;
  let written = null;
  Storage.prototype.setItem = function (k, v) {
    const r = setItem.call(this, k, v);
    if (written) { const w = written; written = null; w(performance.now()); }
    return r;
  };
  const times = [];
  try {
    for (let i = 0; i < n + warm; i++) {
      const saved = new Promise((resolve) => { written = resolve; setTimeout(() => resolve(NaN), 1000); });
      const t0 = performance.now();
      box.click();                       // fires input and change, as a real click does
      const t1 = await saved;            // the moment localStorage.setItem returned
      if (i >= warm) times.push(t1 - t0);
    }
  } finally { Storage.prototype.setItem = setItem; }
  return times;
}"""

# Wait for the first mutation inside `watch` (ignoring `ignore`) after `act()`.
OBSERVE_JS = """
  const measure = (root, watchSel, ignoreSel, act) => new Promise((resolve) => {
    let t0;
    const mo = new MutationObserver((records) => {
      const hit = records.some((r) => {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        return el && (!watchSel || el.closest(watchSel)) && !(ignoreSel && el.closest(ignoreSel));
      });
      if (hit) { const t1 = performance.now(); mo.disconnect(); resolve(t1 - t0); }
    });
    mo.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { mo.disconnect(); resolve(NaN); }, 1000);
    t0 = performance.now();
    act();
  });
"""

EMAIL_JS = """async ([n, warm]) => {""" + OBSERVE_JS + """
  const root = document.querySelector('[data-email]');
  if (!root) return null;
  const field = root.querySelector('[data-email-field="your_name"]') || root.querySelector('input[data-email-field], textarea[data-email-field]');
  if (!field) return null;
  const times = [];
  for (let i = 0; i < n + warm; i++) {
    const ch = 'abcdefghij'[i % 10];
    const t = await measure(root, '[data-email-subject], [data-email-body]', null, () => {
      field.value = (field.value.length > 40 ? '' : field.value) + ch;   // what a keystroke does to the field
      field.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: ch}));
    });
    if (i >= warm) times.push(t);
  }
  return times;
}"""

PLANNER_JS = """async ([n, warm]) => {""" + OBSERVE_JS + """
  const root = [...document.querySelectorAll('[data-planner]')].find((el) => el.querySelector('form')) ||
               document.querySelector('[data-planner]');
  if (!root) return null;
  for (const input of root.querySelectorAll('input[type="datetime-local"], input[type="date"]')) {
    if (!input.value) {                  // a plan needs a start: fill an empty date once, before timing
      input.value = input.type === 'date' ? '2026-03-02' : '2026-03-02T18:30';
      input.dispatchEvent(new Event('input', {bubbles: true}));
      input.dispatchEvent(new Event('change', {bubbles: true}));
    }
  }
  const radios = [...root.querySelectorAll('input[type="radio"]')].filter((r) => r.value !== 'custom');
  const select = root.querySelector('select');
  if (radios.length < 2 && !select) return null;
  const times = [];
  for (let i = 0; i < n + warm; i++) {
    const t = await measure(root, null, 'form', () => {
      if (radios.length >= 2) radios[i % radios.length].click();
      else { select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
             select.dispatchEvent(new Event('input', {bubbles: true}));
             select.dispatchEvent(new Event('change', {bubbles: true})); }
    });
    if (i >= warm) times.push(t);
  }
  return times;
}"""

FIGURES = [
    ("Checkbox click → saved state (localStorage write)", "[data-checklist] input[data-item]", CHECKLIST_JS,
     "checklists"),
    ("Keystroke → email preview updated", "[data-email] [data-email-field]", EMAIL_JS, "emails"),
    ("Input change → new plan", "[data-planner] input, [data-planner] select", PLANNER_JS, "planner"),
]


def first_page_with(site: pathlib.Path, selector: str, prefer: list[str]) -> str | None:
    pages = built_pages(site)
    order = [u for u in prefer if u in pages] + [u for u in pages if u not in prefer]
    for url in order:
        if soup(pages[url]).select_one(selector):
            return url
    return None


def bench_browser(report: Report, site: pathlib.Path, server: SiteServer):
    report.heading(f"Browser figures (system Chromium, median of {SAMPLES})")
    path = chromium_path()
    if not path:
        report.note("Skipped: no system Chromium found (`apt-get install chromium`).")
        return {}
    from playwright.sync_api import sync_playwright
    tools = tool_page_urls(ROOT)
    rows, figures = [], {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROME_ARGS)
        try:
            for name, selector, script, tool in FIGURES:
                url = first_page_with(site, selector, [t for t in tools if tool in t])
                if url is None:
                    rows.append([name, "—", "—", "—", f"< {TARGET_INTERACTION_MS:.0f} ms",
                                 f"skipped: no page has the {tool} tool yet"])
                    continue
                context = browser.new_context()
                page = context.new_page()
                page.goto(server.url + url)
                page.wait_for_load_state("load")
                page.wait_for_timeout(300)  # let guide.js and the tool script bind
                times = page.evaluate(script, [SAMPLES, WARMUP])
                context.close()
                if not times:
                    rows.append([name, f"/{url}", "—", "—", f"< {TARGET_INTERACTION_MS:.0f} ms",
                                 "skipped: the widget's controls were not found"])
                    continue
                good = [t for t in times if t == t]  # NaN: no update within 1 s
                if len(good) < len(times):
                    rows.append([name, f"/{url}", "—", "—", f"< {TARGET_INTERACTION_MS:.0f} ms",
                                 f"MISS: no update seen within 1 s in {len(times) - len(good)} of {len(times)}"])
                    continue
                med = statistics.median(good)
                p90 = sorted(good)[int(len(good) * 0.9) - 1]
                figures[name] = med
                ms = lambda t: f"{t:.2f} ms" if t >= 0.1 else "< 0.1 ms"  # noqa: E731 (the clock's tick)
                rows.append([name, f"/{url}", ms(med), ms(p90),
                             f"< {TARGET_INTERACTION_MS:.0f} ms", mark(med < TARGET_INTERACTION_MS)])
        finally:
            browser.close()
    report.note("Measured in the page with `performance.now()`: just before the event is dispatched, and when "
                "the result exists (inside the `localStorage.setItem` call; the first DOM mutation in the "
                "email preview; the first DOM mutation in the plan outside its form). A keystroke is the "
                "field's value changed by one character plus an `input` event; a plan change is a click on "
                f"the next dwell-time choice. {WARMUP} unmeasured warm-up samples first. Headless, no CPU "
                "throttling. Chromium's `performance.now()` ticks in 0.1 ms steps on a page that is not "
                "cross-origin isolated, so anything faster shows as < 0.1 ms.")
    report.table(["Interaction", "Page", "Median", "90th pct", "Target", ""], rows)
    for name, url, median, _, target, verdict in rows:
        report.figure(name, f"{median} ({url})" if median != "—" else "—", target, verdict)
    return figures


# ---------------------------------------------------------------------------------------------
# Lighthouse

class _GzipHandler(support._Handler):
    """Serve as GitHub Pages does: text files gzipped when the browser accepts gzip."""

    TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def do_GET(self):
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and ctype.startswith(self.TEXT)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def gzip_server(site: pathlib.Path) -> SiteServer:
    """support.SiteServer (127.0.0.1, under the same sub-path) with gzip, like GitHub Pages."""
    server = SiteServer(site)
    server.httpd.RequestHandlerClass = functools.partial(_GzipHandler, directory=str(site))
    return server


def lighthouse_problem() -> str | None:
    if not LIGHTHOUSE.exists():
        return ("bench/node_modules has no lighthouse: run `npm ci --prefix bench --ignore-scripts` "
                "(make bench does) — it needs Node.js and npm.")
    if not chromium_path():
        return "no system Chromium (apt-get install chromium)."
    return None


def lighthouse_once(url: str, out: pathlib.Path) -> tuple[dict | None, str]:
    """One Lighthouse run; (its JSON report, "") or (None, why it failed)."""
    import json
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           "--form-factor=mobile", "--only-categories=" + ",".join(TARGET_LIGHTHOUSE), "--no-enable-error-reporting",
           "--chrome-flags=" + " ".join(["--headless=new", *CHROME_ARGS])]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    try:
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None, "failed: Lighthouse took over 300 s"
    if result.returncode or not out.exists():
        return None, "failed: " + " / ".join((result.stderr or result.stdout).strip().splitlines()[-3:])
    return json.loads(out.read_text(encoding="utf-8")), ""


def lighthouse(url: str, out: pathlib.Path, runs: int) -> tuple[list[str], str]:
    """Run Lighthouse `runs` times and keep the run with the median performance score, as Lighthouse's
    docs advise against variance; return (the four scores as text, verdict with what fell short)."""
    reports = []
    for i in range(runs):
        data, why = lighthouse_once(url, out.with_name(f"{out.stem}-{i + 1}.json"))
        if data is None:
            return ["—"] * len(TARGET_LIGHTHOUSE), why
        reports.append(data)
    perf = lambda d: d["categories"]["performance"]["score"] or 0  # noqa: E731
    reports.sort(key=perf)
    data = reports[len(reports) // 2]
    scores, below = [], []
    for cat, target in TARGET_LIGHTHOUSE.items():
        score = data["categories"][cat]["score"]
        value = None if score is None else round(score * 100)
        scores.append("—" if value is None else str(value))
        if value is None or value < target:
            failing = [f"{a['title']} {a.get('displayValue', '')}".strip()
                       for ref in data["categories"][cat]["auditRefs"]
                       if ref["weight"] and (a := data["audits"][ref["id"]])["score"] is not None and a["score"] < 1]
            below.append(cat + (" (" + "; ".join(failing[:5]) + ")" if failing else ""))
    if runs > 1:
        scores[0] += f" ({round(perf(reports[0]) * 100)}–{round(perf(reports[-1]) * 100)})"
    return scores, mark(not below) + (": " + ", ".join(below) if below else "")


def bench_lighthouse(report: Report, work: pathlib.Path, site: pathlib.Path, server: SiteServer, runs: int):
    report.heading("Lighthouse 12.2.3 (mobile profile, system Chromium)")
    problem = lighthouse_problem()
    if problem:
        report.note(f"Not run: {problem}")
        return {}
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir()
    rows, figures = [], {}
    for url in [""] + tool_page_urls(ROOT):
        name = url.strip("/").replace("/", "-") or "home"
        if not (site / url / "index.html").exists():
            rows.append([f"/{url}", *["—"] * len(TARGET_LIGHTHOUSE), "skipped: page not built"])
            continue
        scores, verdict = lighthouse(server.url + url, REPORTS / f"lighthouse-{name}.json", runs)
        figures[url] = scores
        rows.append([f"/{url}", *scores, verdict])
    # For reference: the same home page built by plain Material, served the same way.
    plain_site = work / "lighthouse-plain-site"
    with gzip_server(plain_site) as plain_server:
        run_build(make_plain(ROOT, work / "lighthouse-plain"), plain_site, site_url=plain_server.url)
        scores, _ = lighthouse(plain_server.url, REPORTS / "lighthouse-plain-home.json", runs)
    rows.append(["/ built by plain Material (reference)", *scores, ""])
    report.note("`lighthouse URL --form-factor=mobile` (Lighthouse's default simulated slow-4G throttling and "
                f"4× CPU slowdown), {runs} runs per page, the run with the median performance score shown "
                "(the range of the performance score in brackets), against the site built for and served from "
                f"`{server.url}` by Python's http.server with gzip, as GitHub Pages serves it; Chromium flags "
                f"`--headless=new {' '.join(CHROME_ARGS)}`. Lighthouse runs one page at a time; other work on "
                "this shared machine can lower the performance score.")
    report.table(["Page", *[f"{c} (≥ {t})" for c, t in TARGET_LIGHTHOUSE.items()], ""], rows)
    for page, *scores, verdict in rows:
        if verdict:
            report.figure(f"Lighthouse {page} (perf / a11y / best pr. / SEO)", " / ".join(scores),
                          " / ".join(str(t) for t in TARGET_LIGHTHOUSE.values()), verdict.split(":")[0])
    return figures


# ---------------------------------------------------------------------------------------------

def versions() -> str:
    import importlib.metadata as md
    chromium = chromium_path()
    chrome = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip() if chromium else "none"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return (f"Commit `{commit or '?'}`, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, MkDocs {md.version('mkdocs')}, "
            f"Material {md.version('mkdocs-material')}, pymdown-extensions {md.version('pymdown-extensions')}, "
            f"{chrome}.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="weight,build,browser,lighthouse",
                        help="comma-separated sections (default: all)")
    parser.add_argument("--pairs", type=int, default=5, help="build pairs per size (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    started = time.perf_counter()
    report = Report()
    report.add("# Benchmark results\n\nWritten by `make bench` (bench/run.py); rerun it as features land. "
               + versions())
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = pathlib.Path(tmp)
        if "weight" in only:
            bench_weight(report, work)
        if "build" in only:
            bench_build(report, work, args.pairs)
        if only & {"browser", "lighthouse"}:
            out = work / "served"
            with gzip_server(out) as server:
                run_build(ROOT, out, site_url=server.url)
                if "browser" in only:
                    bench_browser(report, out, server)
                if "lighthouse" in only:
                    bench_lighthouse(report, work, out, server, args.lighthouse_runs)
    report.note(f"`make bench` ran for {time.perf_counter() - started:.0f} s (sections: {', '.join(sorted(only))}).")
    print(report.summary_table() + "\n")
    if not args.no_write:
        RESULTS.write_text(report.text(), encoding="utf-8")
        print(f"Written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
