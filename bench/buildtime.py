"""Build time: RESULTS.md's "Build time (`mkdocs build`, median of interleaved pairs)".

`mkdocs build` of the project against plain Material, wall-clock and CPU time, for the site as it is and
for a copy scaled up to SCALED_PAGES pages in each language with generated pages. Both sides build every
language the project builds (extra.languages), timed together as one build.
"""
from __future__ import annotations

import os
import pathlib
import re
import statistics

import yaml

from report import Report, mark
from sites import copy_project, docs_of, languages, make_plain, run_build
from support import site_pages

TARGET_BUILD_RATIO = 1.5   # a build a center can reason about matters more than its last tenth of a second
SCALED_PAGES = 300


def source_pages(project: pathlib.Path, code: str | None = None) -> list[pathlib.Path]:
    """The Markdown pages of one language's site (the root language's by default; not _data/, nor a
    translation's folder inside docs/: that is another site)."""
    return site_pages(docs_of(project, code or languages(project)[0]))


def markdown_body(md: pathlib.Path) -> str:
    """A page's Markdown without its front matter and markers: realistic text for generated pages."""
    text = md.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---", 1)[1].split("\n", 1)[1]
    lines = [line for line in text.splitlines() if not line.strip().startswith("<!--")
             and not line.startswith("# ")]
    # The generated pages sit one folder down: keep their links to the real pages working.
    return re.sub(r"\]\((?![a-z]+:|#|/)([^)]+\.md(?:#[^)]*)?)\)", r"](../\1)", "\n".join(lines))


# The generated pages' words in each language (any other language gets the English ones: the completeness
# check compares front-matter keys and markers, not words).
GENERATED_WORDS = {
    "en": {"title": "Generated page {n}", "email": "Email {n}",
           "description": "A generated page number {n} for the build-time benchmark, with a checklist and an "
                          "email snippet like the real guidance pages."},
    "es": {"title": "Página generada {n}", "email": "Correo {n}",
           "description": "La página generada número {n} para medir el tiempo de compilación, con una lista y "
                          "un correo de ejemplo como las páginas de orientación reales."},
}


def scale_up(project: pathlib.Path, total_pages: int) -> int:
    """Add generated pages to a copy of the project until each language has about total_pages pages.

    Every language gets the same pages (docs/generated/ and docs/<code>/generated/, the same file names,
    front-matter keys and markers), as the project's completeness check asks of a translation; their text
    is that language's real guidance pages' text. Each carries a checklist marker and, when
    docs/_data/emails.yml exists, an email marker, both naming the guide's own checklists and templates
    (as a larger site would embed them on more pages; a new checklist per page would also add a printable
    sheet per page, which plain Material can't be compared with). They are not in the nav (the nav stays
    the same size in every language and for both builds).
    Returns how many pages were added to each language.
    """
    codes = languages(project)
    root_docs = docs_of(project, codes[0])
    count = max(0, total_pages - len(source_pages(project)))
    checklists_file = root_docs / "_data" / "checklists.yml"   # the ids are the same in every language
    data = yaml.safe_load(checklists_file.read_text(encoding="utf-8")) if checklists_file.exists() else None
    emails_file = root_docs / "_data" / "emails.yml"
    email_ids = []
    if emails_file.exists():
        email_ids = [t["id"] for t in (yaml.safe_load(emails_file.read_text(encoding="utf-8")) or {})
                     .get("templates", []) if isinstance(t, dict) and "id" in t]
    for code in codes:
        docs = docs_of(project, code)
        words = GENERATED_WORDS.get(code, GENERATED_WORDS["en"])
        bodies = [markdown_body(p) for p in source_pages(project, code) if p.parent == docs and p.name != "index.md"]
        (docs / "generated").mkdir()
        for n in range(1, count + 1):
            parts = ["---", "title: " + words["title"].format(n=n),
                     "description: " + words["description"].format(n=n), "---", "",
                     "# " + words["title"].format(n=n), "", bodies[n % len(bodies)], ""]
            if email_ids:
                parts += ["## " + words["email"].format(n=n), "", f"<!-- email: {email_ids[n % len(email_ids)]} -->", ""]
            if data is not None:
                parts += [f"<!-- checklist: {data['checklists'][n % len(data['checklists'])]['id']} -->", ""]
            (docs / "generated" / f"generated-{n:03d}.md").write_text("\n".join(parts), encoding="utf-8")
    return count


def interleaved(project: pathlib.Path, plain: pathlib.Path, out: pathlib.Path, pairs: int):
    """Build both `pairs` times, alternating which goes first; return (project times, plain times).
    The project keeps nothing between builds, so every build is as a first build on a fresh machine."""
    run_build(project, out / "warm-a")
    run_build(plain, out / "warm-b")   # warm the file cache and Python's bytecode first
    ours, theirs = [], []
    for i in range(pairs):
        order = [("ours", project), ("plain", plain)]
        for name, proj in order[i % 2:] + order[:i % 2]:
            (ours if name == "ours" else theirs).append(run_build(proj, out / name))
    return ours, theirs


def measure(report: Report, work: pathlib.Path, pairs: int):
    """Copy, scale up and build both sites in `work`, `pairs` times each; add the build-time table."""
    rows = []
    load_before = os.getloadavg()[0]
    for label, size in (("as is", None), ("scaled up", SCALED_PAGES)):
        project = copy_project(work / f"build-{size or 'real'}")
        added = scale_up(project, size) if size else 0
        plain = make_plain(project, work / f"build-{size or 'real'}-plain")
        codes = languages(project)
        per_language = len(source_pages(project))
        n_pages = sum(len(source_pages(project, code)) for code in codes)
        size_text = f"{per_language} pages × {len(codes)} languages" if len(codes) > 1 else f"{n_pages} pages"
        out = work / f"build-{size or 'real'}-out"
        ours, theirs = interleaved(project, plain, out, pairs)
        wall_o, wall_p = (statistics.median(t for t, _ in runs) for runs in (ours, theirs))
        cpu_o, cpu_p = (statistics.median(c for _, c in runs) for runs in (ours, theirs))
        report.figure(f"Build time ratio, {label} ({size_text})",
                      f"{wall_o / wall_p:.3f} wall, {cpu_o / cpu_p:.3f} CPU",
                      f"≤ {TARGET_BUILD_RATIO:.2f}", mark(max(wall_o / wall_p, cpu_o / cpu_p) <= TARGET_BUILD_RATIO))
        rows.append([f"{label}: {size_text}" + (f" ({', '.join(codes)})" if len(codes) > 1 else "")
                     + (f", {added} generated in each" if added else ""),
                     f"{wall_o:.2f} s", f"{wall_p:.2f} s", f"**{wall_o / wall_p:.3f}**",
                     f"{cpu_o:.2f} s", f"{cpu_p:.2f} s", f"{cpu_o / cpu_p:.3f}",
                     f"{(cpu_o - cpu_p) / n_pages * 1000:.1f} ms", f"≤ {TARGET_BUILD_RATIO:.2f}",
                     f"wall {mark(wall_o / wall_p <= TARGET_BUILD_RATIO)}, CPU {mark(cpu_o / cpu_p <= TARGET_BUILD_RATIO)}"])
        print(f"  {label}: project wall {[round(t, 2) for t, _ in ours]}, plain wall {[round(t, 2) for t, _ in theirs]}",
              flush=True)
    report.heading("Build time (`mkdocs build`, median of interleaved pairs)")
    report.note("Both sides build every language the project builds (mkdocs.yml's `extra.languages`), and a "
                "\"build\" is all of them together, timed as one: the project's `mkdocs build` builds the root "
                "language at the site's root and each other language from `mkdocs.<code>.yml` into `/<code>/` in the "
                "same process; plain Material builds the same Markdown from one minimal config per language "
                "(docs/ without the translations' folders, then each translation's docs_dir into `/<code>/`), one "
                "after the other in one process too (bench/plainbuild.py), so each side starts Python once. "
                f"{pairs} pairs after one warm-up build each, rotating which build goes first; each build is a "
                "fresh process (`python -m mkdocs build` for the project, as an author runs it), non-strict, into "
                "an empty folder. Neither side keeps anything between builds (the hooks keep no cache), so each "
                "build is what an author or a fresh CI runner gets. Wall-clock time is what the brief asks for; the CPU "
                "time of the build process (user + system) is shown beside it because it suffers much less when "
                f"other work shares the machine (load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} "
                f"after, on {os.cpu_count()} CPUs). The scaled-up copy adds the same generated pages to every "
                "language (`docs/generated/` and `docs/<code>/generated/`: the same file names, front matter and "
                "markers, each language's own text), each with a "
                "checklist marker (and an email marker when `docs/_data/emails.yml` exists) naming the guide's "
                "own checklists and templates, so the project still generates one printable sheet per checklist "
                "and not one per page; they are not in the nav, so the nav stays the same size in every language "
                "and for both builds. \"Added per page\" is (project − plain) CPU time ÷ pages of every language: "
                "if it stays flat from the site as is to the scaled-up copy, the hooks' cost grows linearly.")
    report.table(["Content", "Project (wall)", "Plain (wall)", "Ratio (wall)", "Project (CPU)", "Plain (CPU)",
                  "Ratio (CPU)", "Added per page", "Target", ""], rows)
