"""Build time: RESULTS.md's "Build time (`mkdocs build`, median of interleaved pairs)".

`mkdocs build` of the project against plain Material, wall-clock and CPU time, for the site as it is and
for a copy scaled up to SCALED_PAGES pages with generated pages.
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import re
import statistics
import tempfile

import yaml

from report import Report, mark
from sites import copy_project, make_plain, run_build

# TODO(languages): once mkdocs.yml lists `extra.languages` (branch es-infra: each language after the first
# is built from mkdocs.<code>.yml and docs/<code>/ into /<code>/ by the same `mkdocs build`, at on_post_build),
# the plain side must build the same Markdown of every language too: make_plain for each mkdocs.<code>.yml
# (its docs_dir), timed together with the root build, and scale_up must add pages to every language's docs.
# Until then the project builds one language and so does plain Material: the comparison is like for like.
TARGET_BUILD_RATIO = 1.25
SCALED_PAGES = 300


def source_pages(project: pathlib.Path) -> list[pathlib.Path]:
    docs = project / "docs"
    return [p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("_")]


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
    existing = source_pages(project)
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
        parts = ["---", f"title: Generated page {n}",
                 f"description: A generated page number {n} for the build-time benchmark, with a checklist "
                 "and an email snippet like the real guidance pages.", "---", "", f"# Generated page {n}", "",
                 bodies[n % len(bodies)], ""]
        if email_ids:
            parts += [f"## Email {n}", "", f"<!-- email: {email_ids[n % len(email_ids)]} -->", ""]
        if data is not None:
            parts += [f"<!-- checklist: {data['checklists'][n % len(data['checklists'])]['id']} -->", ""]
        (docs / "generated" / f"generated-{n:03d}.md").write_text("\n".join(parts), encoding="utf-8")
    return count


@contextlib.contextmanager
def no_template_cache(work: pathlib.Path):
    """A build that finds no compiled templates kept by an earlier one (hooks/components/render.py keeps
    them in Jinja's folder in the temporary folder): as a first build, or one on a fresh CI machine."""
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = tempfile.mkdtemp(dir=work)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TMPDIR")
        else:
            os.environ["TMPDIR"] = before


def interleaved(project: pathlib.Path, plain: pathlib.Path, out: pathlib.Path, pairs: int):
    """Build both `pairs` times, alternating which goes first, and the project `pairs` times more without
    its kept compiled templates; return (project times, plain times, project first-build times)."""
    run_build(project, out / "warm-a")
    run_build(plain, out / "warm-b")   # warm the file cache and Python's bytecode first
    ours, theirs, first = [], [], []
    for i in range(pairs):
        order = [("ours", project), ("plain", plain), ("first", project)]
        for name, proj in order[i % 3:] + order[:i % 3]:
            if name == "first":
                with no_template_cache(out):
                    first.append(run_build(proj, out / name))
            else:
                (ours if name == "ours" else theirs).append(run_build(proj, out / name))
    return ours, theirs, first


def measure(report: Report, work: pathlib.Path, pairs: int):
    """Copy, scale up and build both sites in `work`, `pairs` times each; add the build-time table."""
    rows = []
    load_before = os.getloadavg()[0]
    for label, size in (("as is", None), ("scaled up", SCALED_PAGES)):
        project = copy_project(work / f"build-{size or 'real'}")
        added = scale_up(project, size) if size else 0
        plain = make_plain(project, work / f"build-{size or 'real'}-plain")
        n_pages = len(source_pages(project))
        out = work / f"build-{size or 'real'}-out"
        ours, theirs, first = interleaved(project, plain, out, pairs)
        wall_o, wall_p, wall_f = (statistics.median(t for t, _ in runs) for runs in (ours, theirs, first))
        cpu_o, cpu_p, cpu_f = (statistics.median(c for _, c in runs) for runs in (ours, theirs, first))
        report.figure(f"Build time ratio, {label} ({n_pages} pages)",
                      f"{wall_o / wall_p:.3f} wall, {cpu_o / cpu_p:.3f} CPU (first build: {wall_f / wall_p:.3f} wall)",
                      f"≤ {TARGET_BUILD_RATIO:.2f}", mark(max(wall_o / wall_p, cpu_o / cpu_p) <= TARGET_BUILD_RATIO))
        rows.append([f"{label}: {n_pages} pages" + (f" ({added} generated)" if added else ""),
                     f"{wall_o:.2f} s", f"{wall_p:.2f} s", f"**{wall_o / wall_p:.3f}**",
                     f"{cpu_o:.2f} s", f"{cpu_p:.2f} s", f"{cpu_o / cpu_p:.3f}",
                     f"{wall_f:.2f} s, {cpu_f:.2f} s CPU", f"{wall_f / wall_p:.3f}, {cpu_f / cpu_p:.3f} CPU",
                     f"{(cpu_o - cpu_p) / n_pages * 1000:.1f} ms", f"≤ {TARGET_BUILD_RATIO:.2f}",
                     f"wall {mark(wall_o / wall_p <= TARGET_BUILD_RATIO)}, CPU {mark(cpu_o / cpu_p <= TARGET_BUILD_RATIO)}"])
        print(f"  {label}: project wall {[round(t, 2) for t, _ in ours]}, plain wall {[round(t, 2) for t, _ in theirs]}, "
              f"project first-build wall {[round(t, 2) for t, _ in first]}", flush=True)
    report.heading("Build time (`mkdocs build`, median of interleaved pairs)")
    report.note(f"{pairs} pairs after one warm-up build each, rotating which build goes first; each build is a "
                "fresh `python -m mkdocs build` process (as an author runs it), non-strict, into an empty "
                "folder. The hooks keep compiled templates between builds (Jinja's bytecode cache in the "
                "temporary folder, hooks/components/render.py), so after the warm-up these are the builds an "
                "author runs again and again; \"First build\" is the project built without them (as on a fresh "
                "machine or CI runner: every template compiled, as plain Material always does), "
                f"{pairs} more builds in the same rotation. Wall-clock time is what the brief asks for; the CPU time of the build process "
                "(user + system) is shown beside it because it suffers much less when other work shares the "
                f"machine (load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on "
                f"{os.cpu_count()} CPUs). The scaled-up copy adds generated pages with a checklist marker each "
                "(and an email marker each when `docs/_data/emails.yml` exists), naming the guide's own "
                "checklists and templates, so the project still generates one printable sheet per checklist "
                "and not one per page; they are not in the nav, so the nav stays the same size for both builds. "
                "\"Added per page\" is (project − plain) CPU time ÷ pages: if it stays flat while the page "
                "count grows twentyfold, the hooks' cost grows linearly.")
    report.table(["Content", "Project (wall)", "Plain (wall)", "Ratio (wall)", "Project (CPU)", "Plain (CPU)",
                  "Ratio (CPU)", "First build", "Ratio, first build", "Added per page", "Target", ""], rows)
