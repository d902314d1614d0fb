"""Translation parity: every page has the same skeleton in every language.

The two versions of a page are written to read naturally, not line by line, but what the build,
the quiz and the classroom rely on must match: the front-matter keys (and the values that are
not text), the markers, the number of `##` headings and the exercise blocks, in order. Plain
functions over model.Page data; each difference is reported on the translation, naming the
default language's file it differs from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from coursekit.classroom import exercises
from coursekit.core.errors import ContentError
from coursekit.course import frontmatter, model

# Front-matter values that are not prose: a translation has no reason to change them.
SAME_VALUES = ("duration", "quiz", "hide")

# What to call each exercise block in a message: singular, plural.
_BLOCK_NAMES = {
    "scenario": ("scenario case", "scenario cases"),
    "roleplay": ("role-play", "role-plays"),
    "card": ("role card", "role cards"),
    "game": ("group game", "group games"),
    "reflection": ("reflection", "reflections"),
    "answer": ("answer space", "answer spaces"),
    "model-answer": ("model answer", "model answers"),
}


@dataclass(frozen=True)
class Block:
    """One exercise block as far as parity goes: what it is and where it sits."""

    name: str
    role: str | None  # a card's role
    parent: str | None
    line: int


@dataclass(frozen=True)
class Skeleton:
    page: model.Page
    headings: tuple[int, ...]  # the line of each `##` heading
    blocks: tuple[Block, ...] | None  # None: the blocks do not parse (exercises.check reports why)


def skeleton(page: model.Page) -> Skeleton:
    """The parts of one page that must match its counterpart."""
    constructs, errors = exercises.parse(page.visible, page.path)
    # A block that does not parse, or a card of no known role, is reported by exercises.check.
    unknown_role = any(c.name == "card" and c.options.get("role") not in exercises.ROLES for c in constructs)
    blocks = None if errors or unknown_role else tuple(
        Block(c.name, c.options.get("role") if c.name == "card" else None, c.parent and c.parent.name, c.line)
        for c in constructs
    )
    return Skeleton(page, tuple(_headings(page.visible)), blocks)


def compare(here: Skeleton, there: Skeleton) -> list[ContentError]:
    """Every way `here` (a translation) differs from `there` (the default language's page)."""
    found = [
        _keys(here.page, there.page),
        *(_value(here.page, there.page, key) for key in SAME_VALUES),
        _markers(here.page, there.page),
        _headings_differ(here, there),
        _blocks(here, there),
    ]
    return [ContentError(here.page.path, line, f"differs from {there.page.path}: {what}") for line, what in filter(None, found)]


def check(course: model.Course, default: str) -> list[ContentError]:
    """Compare every page in the default language with each of its translations (a page
    converted into a derived language has the skeleton of its source by construction)."""
    errors = []
    for original in (p for p in course.pages if p.lang == default):
        there = skeleton(original)
        for page in course.pages:
            if page.neutral == original.neutral and page.lang != default and page.converted is None:
                errors += compare(skeleton(page), there)
    return errors


# Helper functions

_HEADING = re.compile(r"^ {0,3}##[ \t]")

Difference = tuple[int, str]  # the line in the translation, and what differs


def _headings(visible: str) -> list[int]:
    """The lines of the `##` headings of a page's text (no front matter, code or comments)."""
    return [number for number, line in enumerate(visible.split("\n"), 1) if _HEADING.match(line)]


def _keys(here: model.Page, there: model.Page) -> Difference | None:
    # Only the optional keys: a required key missing, or an unknown one, is the front matter check's.
    optional = frontmatter.optional(here.kind)
    extra = [k for k in here.meta if k not in there.meta and k in optional]
    lacking = [k for k in there.meta if k not in here.meta and k in optional]
    if not extra and not lacking:
        return None
    parts = [f"{_names(extra)} here only" if extra else "", f"{_names(lacking)} there only" if lacking else ""]
    line = here.lines[(extra[0],)] if extra else 1
    return line, f"front-matter key {', '.join(filter(None, parts))}; expected the same front-matter keys in both languages"


def _value(here: model.Page, there: model.Page, key: str) -> Difference | None:
    if key not in here.meta or key not in there.meta or here.meta[key] == there.meta[key]:
        return None
    if not frontmatter.valid(key, here.meta[key]) or not frontmatter.valid(key, there.meta[key]):
        return None  # the front matter check names the value
    return here.lines[(key,)], (
        f"'{key}' is {here.meta[key]!r} here, {there.meta[key]!r} there; expected the same {key} in both languages"
    )


def _markers(here: model.Page, there: model.Page) -> Difference | None:
    ours, theirs = ([(m.name, m.args) for m in p.markers] for p in (here, there))
    if ours == theirs:
        return None
    extra = list((Counter(ours) - Counter(theirs)).elements())
    lacking = list((Counter(theirs) - Counter(ours)).elements())
    if not extra and not lacking:
        line = next(m.line for m, key in zip(here.markers, theirs) if (m.name, m.args) != key)
        return line, "the markers are in another order; expected the same markers, in the same order, in both languages"
    parts = [
        f"{', '.join(map(_marker, extra))} here only" if extra else "",
        f"{', '.join(map(_marker, lacking))} there only" if lacking else "",
    ]
    line = next((m.line for m in here.markers if (m.name, m.args) in extra), 1)
    return line, f"{', '.join(filter(None, parts))}; expected the same markers, with the same arguments, in both languages"


def _headings_differ(here: Skeleton, there: Skeleton) -> Difference | None:
    if len(here.headings) == len(there.headings):
        return None
    return 1, (
        f"{len(here.headings)} second-level (##) headings here, {len(there.headings)} there; "
        "expected the same ## headings in both languages"
    )


def _blocks(here: Skeleton, there: Skeleton) -> Difference | None:
    if here.blocks is None or there.blocks is None:
        return None  # exercises.check names the fence mistake
    ours, theirs = Counter(b.name for b in here.blocks), Counter(b.name for b in there.blocks)
    if ours != theirs:
        counts = [f"{_count(ours[n], n)} here, {theirs[n]} there" for n in _order(ours, theirs) if ours[n] != theirs[n]]
        return 1, f"{', '.join(counts)}; expected the same exercise blocks in both languages"
    for index, (a, b) in enumerate(zip(here.blocks, there.blocks), 1):
        if (a.name, a.role, a.parent) != (b.name, b.role, b.parent):
            return a.line, (
                f"block {index} is {_describe(a)} here, {_describe(b)} there (line {b.line}); "
                "expected the same exercise blocks, in the same order, in both languages"
            )
    return None


def _order(*counters: Counter) -> list[str]:
    """Block names in a stable order: the known ones as AUTHORING.md lists them, then the rest."""
    names = {n for c in counters for n in c}
    return [n for n in _BLOCK_NAMES if n in names] + sorted(names - set(_BLOCK_NAMES))


def _count(n: int, name: str) -> str:
    singular, plural = _BLOCK_NAMES.get(name, (f"'{name}' block", f"'{name}' blocks"))
    return f"{n} {singular if n == 1 else plural}"


def _describe(block: Block) -> str:
    what = _BLOCK_NAMES.get(block.name, (f"'{block.name}' block",))[0]
    if block.role:
        what = f"{block.role} {what}"
    if block.parent:
        what += f" inside a {_BLOCK_NAMES.get(block.parent, (block.parent,))[0]}"
    return f"an {what}" if what[0] in "aeiou" else f"a {what}"


def _names(keys: list[str]) -> str:
    return ", ".join(f"'{k}'" for k in keys)


def _marker(key: tuple[str, tuple[str, ...]]) -> str:
    name, args = key
    return f"<!-- md:{' '.join((name, *args))} -->"
