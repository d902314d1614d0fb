"""What `mkdocs serve` shows first after a save: the pages of one language whose sources changed.

A saved page is built again in its own language; a saved quiz bank, the pages of the module whose
lesson has that quiz, in the default language. Anything else (a page added or removed, the course's
data, mkdocs.yml, the engine, pages of two languages at once) needs the whole site first.
"""

from __future__ import annotations

import pathlib

from coursekit.course.model import Course
from coursekit.languages import files

State = dict[pathlib.Path, tuple[int, int]]


def state(paths: list[pathlib.Path]) -> State:
    """Every file below `paths` (or the file itself) with its modification time and size."""
    found: State = {}
    for path in paths:
        for file in (path.rglob("*") if path.is_dir() else [path]):
            if file.is_file():
                stat = file.stat()
                found[file] = (stat.st_mtime_ns, stat.st_size)
    return found


def first(before: State, after: State, docs: pathlib.Path, banks: pathlib.Path, course: Course,
          default: str) -> tuple[str, list[str]] | None:
    """(language, the language-neutral pages to build first) for a save of pages of one language
    or of quiz banks; None when the whole site must be built first."""
    changed = [path for path in before.keys() | after.keys() if before.get(path) != after.get(path)]
    if not changed or any(path not in before or path not in after for path in changed):
        return None
    found: dict[str, list[str]] = {}
    for path in changed:
        shown = _shown(path, docs, banks, course, default)
        if shown is None:
            return None
        found.setdefault(shown[0], []).extend(shown[1])
    if len(found) != 1:
        return None
    ((lang, pages),) = found.items()
    return lang, sorted(set(pages))


# Helper functions


def _shown(path: pathlib.Path, docs: pathlib.Path, banks: pathlib.Path, course: Course,
           default: str) -> tuple[str, list[str]] | None:
    if path.suffix == ".yml" and path.parent == banks:
        modules = [m for m in course.modules if m.pages.get("lesson", {}).get(default) and m.lesson(default).meta.get("quiz") == path.stem]
        return default, [langs[default].neutral for m in modules for langs in m.pages.values() if default in langs]
    if path.suffix != ".md" or not path.is_relative_to(docs):
        return None
    parts = files.split(path.relative_to(docs).as_posix())
    if parts is None or course.page(*parts) is None:
        return None
    return parts[1], [parts[0]]
