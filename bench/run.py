#!/usr/bin/env python3
"""Benchmark: what the project adds on top of plain Material for MkDocs.

Run with `make bench` (or `.venv/bin/python bench/run.py [--only weight,build,browser,lighthouse]
[--out FILE | --no-write]`). Prints one table per figure and writes them all to bench/RESULTS.md (or to
FILE with --out); a run of some sections (--only) keeps the other sections of the file it rewrites. Not part of the tests: nothing here passes or fails a build; the "Target" column
says where a figure stands.

"Plain Material" is the same docs/ built with a minimal mkdocs.yml: the project's theme settings
without custom_dir, `font: false`, the same markdown_extensions, plugins, nav and extra, and no
hooks, extra_css or extra_javascript. Markers such as `<!-- checklist: feel-it -->` then stay
invisible HTML comments. Both sides build every language the project builds (extra.languages):
plain Material builds docs/ without the translations' folders, then each translation from its own
minimal mkdocs.<code>.yml into /<code>/ (sites.make_plain, plainbuild.py); page weight measures
every language's pages and build time times all the languages together.

Everything is discovered, not listed: every built page, every file in overrides/assets/tools/
(grouped by name: guide, checklists, emails, ...), the tool pages from the nav's "Tools" section,
and each browser figure runs only where its tool's markup is on a page.

One module per section of RESULTS.md (and per --only name):
  weight.py      page weight per page, and the project's own JS and CSS        (--only weight)
  buildtime.py   `mkdocs build` time, as is and scaled up                       (--only build)
  browser.py     interaction times in Chromium ("Browser figures")              (--only browser)
  lighthouse.py  Lighthouse scores                                              (--only lighthouse)
with sites.py (building, listing and serving the project and plain Material) and report.py (the
tables, and the Summary at the top). This file parses the options and puts the report together.
"""
from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

import browser
import buildtime
import lighthouse
import weight
from report import Report
from sites import ROOT, chromium_path, gzip_server, run_build

RESULTS = pathlib.Path(__file__).resolve().parent / "RESULTS.md"
SECTIONS = "weight,build,browser,lighthouse"


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
    parser.add_argument("--only", default=SECTIONS, help=f"comma-separated sections out of {SECTIONS} (default: all)")
    parser.add_argument("--pairs", type=int, default=5, help="build pairs per size (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--out", type=pathlib.Path, default=RESULTS,
                        help="where to write the report (default bench/RESULTS.md)")
    parser.add_argument("--no-write", action="store_true", help="print only; write no report file")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    unknown = only - set(SECTIONS.split(","))
    if unknown:
        parser.error(f"unknown section(s) in --only: {', '.join(sorted(unknown))} (choose from {SECTIONS})")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    started = time.perf_counter()
    report = Report()
    report.add("# Benchmark results\n\nWritten by `make bench` (bench/run.py); rerun it as features land. "
               + versions())
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = pathlib.Path(tmp)
        if "weight" in only:
            weight.measure(report, work)
        if "build" in only:
            buildtime.measure(report, work, args.pairs)
        if only & {"browser", "lighthouse"}:
            out = work / "served"
            with gzip_server(out) as server:
                run_build(ROOT, out, site_url=server.url)
                if "browser" in only:
                    browser.measure(report, out, server)
                if "lighthouse" in only:
                    lighthouse.measure(report, work, out, server, args.lighthouse_runs)
    report.note(f"`make bench` ran for {time.perf_counter() - started:.0f} s (sections: {', '.join(sorted(only))}).")
    print(report.summary_table() + "\n")
    if not args.no_write:
        out_file = args.out.resolve()
        if only != set(SECTIONS.split(",")) and out_file.is_file():  # a partial run keeps the other figures
            report.keep_from(out_file.read_text(encoding="utf-8"))
        out_file.write_text(report.text(), encoding="utf-8")
        shown = out_file.relative_to(ROOT) if ROOT in out_file.parents else out_file
        print(f"Written to {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
