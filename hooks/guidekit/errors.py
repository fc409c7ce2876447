"""Content errors that name the file, the line and what to fix."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    path: str  # relative to the project root, e.g. "docs/_data/checklists.yml"
    line: int  # 1-based
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem} Fix: {self.fix}"


class ContentErrors(Exception):
    """One or more content errors, reported together so an author can fix them in one go."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the guide's content:"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])


def raise_if_any(errors: list[ContentError]) -> None:
    if errors:
        raise ContentErrors(errors)
