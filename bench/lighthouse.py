"""Lighthouse: RESULTS.md's "Lighthouse 12.2.3 (mobile profile, system Chromium)".

Lighthouse's four scores (performance, accessibility, best practices, SEO) for the home page and every
tool page, served with gzip as GitHub Pages serves them, and for plain Material's home page as a
reference. Needs bench/node_modules (`npm ci --prefix bench --ignore-scripts`; `make bench` runs it).
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

from report import Report, mark
from sites import CHROME_ARGS, ROOT, SiteServer, chromium_path, gzip_server, make_plain, run_build, tool_page_urls

BENCH = pathlib.Path(__file__).resolve().parent
REPORTS = BENCH / "reports"          # full Lighthouse reports of the last run (not committed)
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
TARGET_LIGHTHOUSE = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_problem() -> str | None:
    if not LIGHTHOUSE.exists():
        return ("bench/node_modules has no lighthouse: run `npm ci --prefix bench --ignore-scripts` "
                "(make bench does) — it needs Node.js and npm.")
    if not chromium_path():
        return "no system Chromium (apt-get install chromium)."
    return None


def lighthouse_once(url: str, out: pathlib.Path) -> tuple[dict | None, str]:
    """One Lighthouse run; (its JSON report, "") or (None, why it failed)."""
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


def lighthouse_median(url: str, out: pathlib.Path, runs: int) -> tuple[list[str], str]:
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


def measure(report: Report, work: pathlib.Path, site: pathlib.Path, server: SiteServer, runs: int):
    """Lighthouse the home page and every tool page of `site`, served by `server` (already running), `runs`
    times each; then plain Material's home page for reference (built and served in `work`)."""
    report.heading("Lighthouse 12.2.3 (mobile profile, system Chromium)")
    problem = lighthouse_problem()
    if problem:
        report.note(f"Not run: {problem}")
        return
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir()
    rows = []
    for url in [""] + tool_page_urls(ROOT):
        name = url.strip("/").replace("/", "-") or "home"
        if not (site / url / "index.html").exists():
            rows.append([f"/{url}", *["—"] * len(TARGET_LIGHTHOUSE), "skipped: page not built"])
            continue
        scores, verdict = lighthouse_median(server.url + url, REPORTS / f"lighthouse-{name}.json", runs)
        rows.append([f"/{url}", *scores, verdict])
    # For reference: the same home page built by plain Material, served the same way.
    plain_site = work / "lighthouse-plain-site"
    with gzip_server(plain_site) as plain_server:
        run_build(make_plain(ROOT, work / "lighthouse-plain"), plain_site, site_url=plain_server.url)
        scores, _ = lighthouse_median(plain_server.url, REPORTS / "lighthouse-plain-home.json", runs)
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
