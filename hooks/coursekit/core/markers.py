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

# The markers that take arguments: a quiz id (its count is checked with the quiz), source ids.
ARGUMENTS = ("quiz", "sources")


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple[str, ...]
    line: int

    def problem(self) -> str | None:
        """What is wrong with the marker itself, or None."""
        if self.name not in KNOWN:
            return f"unknown marker 'md:{self.name}'; expected one of {', '.join(sorted(KNOWN))}"
        if self.name not in ARGUMENTS and self.args:
            return f"'md:{self.name}' takes no arguments; expected '<!-- md:{self.name} -->'"
        if self.name == "sources" and not self.args:
            return "'md:sources' names no source; expected '<!-- md:sources id id … -->' with ids from the sources file"
        return None


def expand(html: str, name: str, render: Callable[[tuple[str, ...]], str]) -> str:
    """Replace each `name` marker in rendered HTML with what `render(args)` returns. A comment is
    read as core/pagetext.py reads it in the source: a marker inside another comment is not one."""

    def replace(match: re.Match) -> str:
        marker = MARKER.fullmatch(match.group(0))
        if not marker or marker["name"] != name:
            return match.group(0)
        return render(tuple(marker["args"].split()))

    return _COMMENT.sub(replace, html)


# Helper functions

_COMMENT = re.compile(r"<!--.*?-->", re.S)
