"""Page weight: RESULTS.md's "Page weight (gzip, per page)" and "The project's own JS and CSS (gzip, per tool)".

Every built page's HTML plus the stylesheets and scripts it loads, gzipped, against the same page built by
plain Material, in every language the project builds (/es/feel-it/ against plain Material's /es/feel-it/);
and every file the project publishes in assets/tools/, gzipped on its own.
"""
from __future__ import annotations

import gzip
import pathlib
from urllib.parse import urlsplit

from report import Report, kb, mark
from sites import GZIP_LEVEL, ROOT, built_pages, languages, make_plain, run_build, soup, tool_page_urls

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


def language_of(url: str, codes: list[str]) -> tuple[str, str]:
    """(language, the URL inside that language's site) of a site-relative URL: 'es/feel-it/' -> ('es', 'feel-it/')."""
    for code in codes[1:]:
        if url.startswith(code + "/"):
            return code, url[len(code) + 1:]
    return codes[0], url


def measure(report: Report, work: pathlib.Path):
    """Build the project and plain Material (every language) into `work`; add both weight tables to the report."""
    project_site, plain_site = work / "weight-project", work / "weight-plain"
    run_build(ROOT, project_site)
    run_build(make_plain(ROOT, work / "plain"), plain_site)
    codes = languages(ROOT)
    tools = tool_page_urls(ROOT)   # the same pages in every language (the completeness check sees to that)

    rows, worst, worst_in = [], {}, {}     # kind: (ratio, url); (language, kind): (ratio, url)
    plain_pages = built_pages(plain_site)
    project_pages = built_pages(project_site)
    order = sorted(project_pages, key=lambda u: codes.index(language_of(u, codes)[0]))  # by language, then URL
    for url in order:
        path = project_pages[url]
        code, inner = language_of(url, codes)
        is_tool = any(inner.startswith(t) for t in tools)
        kind = "tool" if is_tool else "guidance"
        target = TARGET_TOOL_RATIO if is_tool else TARGET_GUIDE_RATIO
        html, total = page_weight(project_site, path)
        if url not in plain_pages:  # a generated sheet (print/..., print/situations/...): nothing to compare with
            rows.append([f"/{url}", code, "sheet", kb(html), kb(total), "—", "—", "—",
                         "n/a (generated page, no plain counterpart)"])
            continue
        _, p_total = page_weight(plain_site, plain_pages[url])
        ratio = total / p_total
        worst[kind] = max(worst.get(kind, (0, "")), (ratio, url))
        worst_in[code, kind] = max(worst_in.get((code, kind), (0, "")), (ratio, url))
        rows.append([f"/{url}", code, kind, kb(html), kb(total), kb(p_total), f"{ratio:.3f}", f"≤ {target:.2f}",
                     mark(ratio <= target)])
    report.heading("Page weight (gzip, per page)")
    material_css = {side: sum(gz(p.read_bytes()) for p in (site / "assets" / "stylesheets").glob("*.css"))
                    for side, site in (("project", project_site), ("plain", plain_site))}
    per_language = "; ".join(f"{code}: " + ", ".join(f"{kind} {r:.3f} (/{u})" for (c, kind), (r, u) in worst_in.items()
                                                     if c == code) for code in codes)
    report.note(f"gzip -{GZIP_LEVEL} bytes of each page's HTML plus every same-origin stylesheet and script it "
                "loads (`<link rel=stylesheet>`, `<script src>`, including those inside the content), "
                "against the same Markdown built by plain Material. Every language the project builds is "
                f"measured ({', '.join(codes)}): the root language's pages against plain Material's, and each "
                "translation's (`/es/...`) against the same page of plain Material's `/es/`, built from that "
                "language's Markdown with its own minimal config (both sides give Material its language "
                "selector, `extra.alternate`). Tool pages: the nav's \"Tools\" section "
                "and the pages under it, in every language; every other page counts as guidance (the situation "
                "pages and the counselors' pages too). Sheets: pages the build generates (the printable sheets "
                "and paths under print/), which plain Material doesn't have. The Summary shows the highest ratio "
                f"of each kind over every language; the highest in each language: {per_language}. "
                "Material's stylesheets (main and palette), which every page loads: "
                f"{kb(material_css['project'])} as the project publishes them, trimmed to the rules its written "
                "pages and scripts can use (hooks/guidekit/styles.py; tests/test_styles_browser.py checks that every "
                f"element is styled as with the whole files), {kb(material_css['plain'])} as plain Material "
                "publishes them. 1 KB = 1024 bytes.")
    report.table(["Page", "Language", "Kind", "HTML", "Page total", "Plain Material", "Ratio", "Target", ""], rows)
    for kind, target in (("guidance", TARGET_GUIDE_RATIO), ("tool", TARGET_TOOL_RATIO)):
        if kind in worst:
            ratio, url = worst[kind]
            report.figure(f"Page weight ratio, {kind} pages (highest{', every language' if len(codes) > 1 else ''})",
                          f"{ratio:.3f} (/{url})", f"≤ {target:.2f}", mark(ratio <= target))

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
