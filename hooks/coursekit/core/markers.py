"""Comment markers that place generated content in a page: `<!-- md:name args -->`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MARKER = re.compile(r"<!--\s*md:(?P<name>[a-z-]+)(?P<args>(?:[ \t]+[^\s>]+)*)[ \t]*-->")

# Every marker the project knows, with the hook that renders it; anything else is a typo.
KNOWN = {
    "course-map": "course",
    "sources": "course",
    "bibliography": "course",
    "glossary": "course",
    "quiz": "quiz",
    "progress": "quiz",
    "answer-key": "quiz",
    "runsheet": "classroom",
    "schedule": "classroom",
    "pdf-links": "classroom",
}


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple[str, ...]
    line: int


def find(text: str) -> list[Marker]:
    """Every marker in a page's full source text, with its line."""
    return [
        Marker(m["name"], tuple(m["args"].split()), text.count("\n", 0, m.start()) + 1)
        for m in MARKER.finditer(text)
    ]


def expand(html: str, name: str, render: Callable[[tuple[str, ...]], str]) -> str:
    """Replace each `name` marker in rendered HTML with what `render(args)` returns."""

    def replace(match: re.Match) -> str:
        if match["name"] != name:
            return match.group(0)
        return render(tuple(match["args"].split()))

    return MARKER.sub(replace, html)
