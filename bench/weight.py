"""Page weight: RESULTS.md's "Page weight (gzip, per page)" and "The project's own JS and CSS (gzip, per tool)".

Every built page's HTML plus the stylesheets and scripts it loads, gzipped, against the same page built by
plain Material; and every file the project publishes in assets/tools/, gzipped on its own.
"""
from __future__ import annotations

import gzip
import pathlib
from urllib.parse import urlsplit

from report import Report, kb, mark
from sites import GZIP_LEVEL, ROOT, built_pages, make_plain, run_build, soup, tool_page_urls

TARGET_GUIDE_RATIO = 1.08
TARGET_TOOL_RATIO = 1.15
TARGET_OWN_BYTES = 16 * 1024    # the project's own JS+CSS, gzipped, all tools together


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


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
        if url.path.startswith("/"):  # the 404 page's links are absolute: under the site's own path, if it has one
            parts = url.path.lstrip("/").split("/")
            options = [site.joinpath(*parts[i:]) for i in range(len(parts))]
            target = next((t for t in options if t.is_file()), options[0])
        else:
            target = page.parent / url.path
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


def measure(report: Report, work: pathlib.Path):
    """Build the project and plain Material into `work`; add both weight tables to the report."""
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
        if url not in plain_pages:  # a generated sheet (print/..., print/situations/...): nothing to compare with
            rows.append([f"/{url}", "sheet", kb(html), kb(total), "—", "—", "—",
                         "n/a (generated page, no plain counterpart)"])
            continue
        _, p_total = page_weight(plain_site, plain_pages[url])
        ratio = total / p_total
        worst[kind] = max(worst.get(kind, (0, "")), (ratio, url))
        rows.append([f"/{url}", kind, kb(html), kb(total), kb(p_total), f"{ratio:.3f}", f"≤ {target:.2f}",
                     mark(ratio <= target)])
    report.heading("Page weight (gzip, per page)")
    report.note(f"gzip -{GZIP_LEVEL} bytes of each page's HTML plus every same-origin stylesheet and script it "
                "loads (`<link rel=stylesheet>`, `<script src>`, including those inside the content), "
                "against the same Markdown built by plain Material. Tool pages: the nav's \"Tools\" section "
                "and the pages under it; every other page counts as guidance (the situation pages and the "
                "counselors' pages too). Sheets: pages the build generates (the printable sheets and paths "
                "under print/), which plain Material doesn't have. "
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
