"""The report every figure goes into: Markdown tables and notes for bench/RESULTS.md, plus the Summary
table at its top, and the small formatting helpers the figures share."""
from __future__ import annotations


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

    KEPT = "Sections this run didn't measure are kept from an earlier run ("

    def keep_from(self, previous: str) -> None:
        """Keep what an earlier report (RESULTS.md's text) measured and this run didn't: its other sections,
        and its Summary rows for figures this run has none of, marked as from that earlier run."""
        blocks = previous.split("\n\n## ")
        head, sections = blocks[0], ["## " + b.strip("\n") for b in blocks[1:]]
        mine = {p for p in self.parts if p.startswith("## ")}
        names = {row[0].split(" (")[0] for row in self.summary}  # "Build time ratio, as is (25 pages)": any size
        runs = [line for line in head.splitlines() if line.startswith("Written by")]
        when = runs[0].split("; rerun it as features land. ", 1)[-1].split(";")[0] if runs else "an earlier run"
        older = [line for line in previous.splitlines() if line.startswith(self.KEPT)]
        if older:  # the earlier report kept its sections from a run before it: name that run, not the later one
            when = older[0][len(self.KEPT):].split("), as are", 1)[0]
        kept: list[str] = []
        for section in sections:
            title = section.split("\n", 1)[0]
            if title == "## Summary":
                for line in section.splitlines()[3:]:
                    cells = [c.strip() for c in line.strip().strip("|").split("|")]
                    if line.startswith("| ") and cells[0].split(" (")[0] not in names:
                        mark = cells[3] if cells[3].endswith("(earlier run)") else f"{cells[3]} (earlier run)"
                        self.summary.append([cells[0], cells[1], cells[2], mark])
            elif title not in mine and not section.startswith("`make bench` ran"):
                kept.append(section.rsplit("\n\n`make bench` ran for", 1)[0])
        if kept:
            at = len(self.parts) - (1 if self.parts[-1].startswith("`make bench` ran") else 0)
            self.parts[at:at] = kept
            self.parts.insert(1, f"{self.KEPT}{when}), as are their rows in the Summary.")

    def text(self) -> str:
        return "\n\n".join(self.parts[:1] + [self.summary_table()] + self.parts[1:]) + "\n"
