"""Front matter of every course page: read it with line numbers and check it by page kind."""

from __future__ import annotations

import re

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError

_FENCE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(\n|\Z)", re.S)
# A module's folder, `01-first-steps`: its two digits give its place in the course.
MODULE_FOLDER = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")
_MODULE_PAGE = re.compile(r"^(?P<module>\d\d-[a-z0-9-]+)/(?P<kind>index|exercises|guide)\.md$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# What each kind of page must and may carry; any other key is a typo to report.
_REQUIRED = {
    "page": ("title", "summary"),
    "lesson": ("title", "summary", "objectives", "duration"),
    "exercises": ("title", "summary"),
    "guide": ("title", "summary", "runsheet"),
}
_OPTIONAL = {"page": ("hide",), "lesson": ("quiz",), "exercises": (), "guide": ()}
_EXPECTED = {
    "title": "a one-line page title",
    "summary": "one sentence of at most 200 characters (it is also the meta description)",
    "objectives": "a list of learning objectives",
    "duration": "a whole number of minutes from 15 to 240",
    "quiz": "the id of a bank in quizzes/, like first-steps",
    "runsheet": "a list of run-sheet rows",
    "hide": "a list of Material elements to hide (navigation, toc, footer)",
}
# What Material's `hide` front matter knows; anything else it ignores without a word.
_HIDE = ("navigation", "toc", "footer", "feedback", "tags", "path")


def valid(key: str, value: object) -> bool:
    """Whether `check` finds nothing wrong with `value` for `key`."""
    return value not in (None, "", []) and _value_problem(key, value) is None


def optional(kind: str) -> tuple[str, ...]:
    """The keys a page of `kind` may leave out (the others `check` reports when missing or unknown)."""
    return _OPTIONAL[kind]


def kind_of(neutral_uri: str) -> tuple[str, str | None]:
    """The page's kind and its module folder: `01-x/guide.md` -> ('guide', '01-x')."""
    match = _MODULE_PAGE.match(neutral_uri)
    if not match:
        return "page", None
    return ("lesson" if match["kind"] == "index" else match["kind"]), match["module"]


def read(text: str, path: str) -> tuple[dict, dict]:
    """The front matter of a page and the line of each key; ContentError if it is absent or broken."""
    match = _FENCE.match(text)
    if not match and re.match(r"---[ \t]*\n", text):
        raise ContentError(path, 1, "front matter is never closed; expected a '---' line after its last key")
    if not match:
        raise ContentError(path, 1, "no front matter; expected a YAML block between '---' lines at the top of the page")
    data, lines = yamlsource.load(match["yaml"] or "", path, first_line=2)
    if not isinstance(data, dict):
        raise ContentError(path, 2, "front matter is not a mapping; expected 'key: value' lines")
    return data, lines


def check(meta: dict, lines: dict, path: str, kind: str) -> list[ContentError]:
    """Every problem with one page's front matter, as path:line errors."""
    errors = []
    allowed = _REQUIRED[kind] + _OPTIONAL[kind]
    for key in meta:
        if key not in allowed:
            errors.append(_error(path, lines, key, f"unknown key '{key}'; expected only {', '.join(allowed)}"))
    for key in _REQUIRED[kind]:
        if key not in meta:
            errors.append(ContentError(path, 1, f"front matter: missing '{key}'; expected {_EXPECTED[key]}"))
        elif meta[key] in (None, "", []) or (isinstance(meta[key], str) and not meta[key].strip()):
            errors.append(_error(path, lines, key, f"'{key}' is empty; expected {_EXPECTED[key]}"))
    for key, value in meta.items():
        problem = _value_problem(key, value)
        if problem:
            # A list's mistake is at its first item that is not text.
            items = [i for i, item in enumerate(value) if not isinstance(item, str) or not item.strip()] if isinstance(value, list) else []
            where = (key, items[0]) if items and key == "objectives" else (key,)
            message = f"front matter: '{key}' {problem}; expected {_EXPECTED.get(key, 'a valid value')}"
            errors.append(ContentError(path, yamlsource.line_of(lines, where), message))
    return errors


# Helper functions


def _value_problem(key: str, value: object) -> str | None:
    if value in (None, "", []):
        return None  # reported as empty
    if key in ("title", "summary") and not isinstance(value, str):
        return "must be text"
    if key == "summary" and len(value.strip()) > 200:
        return f"is {len(value.strip())} characters long"
    if key == "objectives" and not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
        return "must be a list of text items"
    if key == "duration" and (isinstance(value, bool) or not isinstance(value, int)):
        return "must be a whole number of minutes"
    if key == "duration" and not 15 <= value <= 240:
        return f"is {value} minutes"
    if key == "quiz" and not (isinstance(value, str) and _ID.match(value)):
        return "must be a quiz id (lowercase letters, digits and dashes)"
    if key in ("hide", "runsheet") and not isinstance(value, list):
        return "must be a list"
    if key == "hide" and any(item not in _HIDE for item in value):
        return f"lists {next(item for item in value if item not in _HIDE)!r}, which Material cannot hide"
    return None


def _error(path: str, lines: dict, key: str, message: str) -> ContentError:
    return ContentError(path, yamlsource.line_of(lines, (key,)), f"front matter: {message}")
