"""What of a page's Markdown source the engine reads for structure (markers, `##` headings,
exercise blocks, prose), and what it passes over as Markdown does: the front matter, fenced and
inline code, and HTML comments other than markers. Authors show markers in code and park drafts
in comments; neither is real. Every reader of a page's structure reads one `scan()` of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coursekit.core import markers
from coursekit.core.errors import ContentError


@dataclass(frozen=True)
class Scan:
    visible: str  # the source with what is not text blanked, every character where it was
    markers: tuple[markers.Marker, ...]
    errors: tuple[ContentError, ...]  # unclosed fences and comments, malformed markers


def scan(text: str, path: str) -> Scan:
    """The text, the markers and the mistakes that hide or break them, of one page's source."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    body = body_start(lines)
    blank(0, min(starts[body], len(chars)))
    errors: list[ContentError] = []
    fence = None  # (line index, fence) of an open code fence
    for index in range(body, len(lines)):
        if fence is None:
            opened = _FENCE_OPEN.match(lines[index])
            fence = opened and (index, opened["fence"])
        elif (close := _FENCE_CLOSE.match(lines[index])) and close["fence"][0] == fence[1][0] and len(close["fence"]) >= len(fence[1]):
            blank(starts[fence[0]], min(starts[index + 1], len(chars)))
            fence = None
    if fence:
        # Markdown shows an unclosed fence, and all that follows it, as text: so does the scan.
        errors.append(ContentError(path, fence[0] + 1, f"code fence '{fence[1]}' is never closed; expected a line '{fence[1]}' after the code"))
    for span in _CODE_SPAN.finditer("".join(chars)):
        blank(span.start(), span.end())
    found = []
    visible = "".join(chars)
    at = visible.find("<!--")
    while at >= 0:
        end = visible.find("-->", at + 4)
        comment = visible[at:] if end < 0 else visible[at:end + 3]
        line = visible.count("\n", 0, at) + 1
        whole = markers.MARKER.fullmatch(comment)
        meant = None if whole else _MEANT.match(comment, 4)
        if whole:
            found.append(markers.Marker(whole["name"], tuple(whole["args"].split()), line))
            before = visible[visible.rfind("\n", 0, at) + 1:at]
            after = visible[at + len(comment):].split("\n", 1)[0]
            if before.strip() or after.strip():
                errors.append(ContentError(path, line, f"marker '{comment}' shares its line with other text; "
                                                       "expected it on a line of its own (it becomes a block of the page)"))
        elif meant:  # a mistyped marker: reported, and read as the marker it was meant to be
            errors.append(ContentError(path, line, _mistyped(comment, end >= 0)))
            whole = end >= 0 and "<!--" not in comment[4:]  # closed at last: its arguments run to the end
            args = comment[meant.start("args"):-3] if whole else meant["args"]
            found.append(markers.Marker(meant["name"].lower(), tuple(a for a in args.split() if not _DASHES.fullmatch(a)), line))
            if not whole:
                comment = comment[:meant.end()]  # what follows it on later lines is read on its own
        elif end < 0:
            errors.append(ContentError(path, line, "'<!--' opens a comment that is never closed; expected '-->' where the comment ends"))
        else:
            blank(at, at + len(comment))
        at = visible.find("<!--", at + len(comment))
    return Scan("".join(chars), tuple(found), tuple(errors))


def body_start(lines: list[str]) -> int:
    """The index of a page's first line after its front matter."""
    if lines and _FRONT_MATTER_FENCE.match(lines[0]):
        for index in range(1, len(lines)):
            if _FRONT_MATTER_FENCE.match(lines[index]):
                return index + 1
    return 0


# Helper functions

_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[^`]*$")
_FENCE_CLOSE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*$")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
# What an author meant as a marker: `md:` (or `md：`, `md :`), then a name, on the comment's first line.
_MEANT = re.compile(r"\s*md\s*[:：]\s*(?P<name>[A-Za-z][\w-]*)(?P<args>[^\n<]*?)(?:-->|$)", re.I | re.M)
_DASHES = re.compile(r"-*>?")


def _mistyped(comment: str, closed: bool) -> str:
    shown = comment.split("\n")[0]
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    body = comment[4:]
    if not closed:
        why = "is never closed"
    elif "<!--" in body:
        why = "runs on into the next comment: its '-->' is missing or mistyped"
    elif "\n" in body:
        why = "is split over lines"
    elif not re.match(r"\s*md:\S", body):
        why = "does not have the name right after 'md:'"
    else:
        why = "has a name that is not lowercase letters and dashes"
    return f"marker '{shown}' {why}; expected '<!-- md:name args -->' on one line, the name in lowercase right after 'md:'"
