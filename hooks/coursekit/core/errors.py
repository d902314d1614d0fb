"""Content mistakes a maintainer can make, reported as `path:line: what is wrong, what is expected`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError(Exception):
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """Several content errors found in one pass, so a maintainer fixes them all at once."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def raise_all(errors: list[ContentError]) -> None:
    """Raise the collected errors, if any, in file and line order."""
    if errors:
        raise ContentErrors(sorted(set(errors), key=lambda e: (e.path, e.line, e.message)))

