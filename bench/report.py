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

    def text(self) -> str:
        return "\n\n".join(self.parts[:1] + [self.summary_table()] + self.parts[1:]) + "\n"
