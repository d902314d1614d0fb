"""The course as data: its pages and modules, read from the docs dir and checked.

`load()` reads every page of every language at once, so a content mistake anywhere stops the
build before any page is written, with all mistakes listed together.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field

from coursekit.core import inline, markers, pagetext, textfile
from coursekit.core.errors import ContentError
from coursekit.course import frontmatter
from coursekit.languages import files


@dataclass
class Page:
    neutral: str  # language-neutral path in the docs dir: 01-x/index.md
    lang: str
    path: str  # the source file, relative to the project root
    kind: str
    module: str | None
    meta: dict
    lines: dict
    markers: list[markers.Marker]
    visible: str  # the source as the engine reads it for structure (core/pagetext.py)
    # A page of a derived language with no file of its own: its text, converted from the page
    # at `path` line for line (so messages name that file and line). None for a written page.
    converted: str | None = None


@dataclass
class Module:
    folder: str  # 01-first-steps
    number: int
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)  # kind -> lang -> page

    def lesson(self, lang: str) -> Page:
        return self.pages["lesson"][lang]


@dataclass
class Course:
    pages: list[Page]
    modules: list[Module]

    def module(self, folder: str) -> Module:
        return next(m for m in self.modules if m.folder == folder)

    def page(self, neutral: str, lang: str) -> Page | None:
        return self._index.get((neutral, lang))

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], Page]:
        return {(p.neutral, p.lang): p for p in self.pages}


def load(docs_dir: pathlib.Path, project_root: pathlib.Path, codes: tuple[str, ...],
         uris: list[str] | None = None,
         derived: dict[str, tuple[str, Callable[[str], str]]] | None = None) -> tuple[Course, list[ContentError]]:
    """Read and check the pages `uris` of the docs dir (by default every Markdown file in it);
    return the course and every mistake found. A page without a language suffix of the course
    is left out: languages.files.missing_counterparts reports it. `derived` maps a derived
    language to its source language and converter: each source page without a written page in
    the derived language is converted into one."""
    if uris is None:
        uris = [path.relative_to(docs_dir).as_posix() for path in sorted(docs_dir.rglob("*.md"))]
    derived = derived or {}
    errors: list[ContentError] = []
    pages = []
    written = {files.split(uri) for uri in uris}
    for uri in sorted(uris):
        parts = files.split(uri)
        if parts is None or parts[1] not in codes:
            continue
        source = docs_dir / uri
        path = source.relative_to(project_root).as_posix()
        try:
            text = textfile.read(source, path)
        except ContentError as error:
            errors.append(error)
            continue
        page = _page(parts[0], parts[1], path, text, errors)
        if page is None:
            continue
        pages.append(page)
        for code, (of, convert) in derived.items():
            if of == page.lang and (page.neutral, code) not in written:
                # Its mistakes are the source page's, reported there already.
                text_there = convert(text)
                there = _page(page.neutral, code, path, text_there, [])
                if there is not None:
                    there.converted = text_there
                    pages.append(there)

    modules: dict[str, Module] = {}
    for page in pages:
        if page.module:
            module = modules.setdefault(page.module, Module(page.module, int(page.module[:2])))
            module.pages.setdefault(page.kind, {})[page.lang] = page
    for module in modules.values():
        some = next(iter(next(iter(module.pages.values())).values()))
        folder = (docs_dir / module.folder).relative_to(project_root).as_posix()
        for kind in ("lesson", "exercises", "guide"):
            if kind not in module.pages:
                errors.append(ContentError(
                    some.path, 1, f"module {module.folder} has no {kind} page; expected {folder}/{_file_of(kind)}.{some.lang}.md"
                ))
    return Course(pages, sorted(modules.values(), key=lambda m: m.folder)), errors


# Helper functions


def _page(neutral: str, lang: str, path: str, text: str, errors: list[ContentError]) -> Page | None:
    """The page `neutral` in `lang` whose source, read from `path`, is `text`; its mistakes go to
    `errors`. `mkdocs serve` reads the project again on every save: a page whose text did not
    change is not parsed and checked again."""
    key = (neutral, lang, path)
    if _pages.get(key, (None,))[0] != text:
        found: list[ContentError] = []
        _pages[key] = (text, _parsed(neutral, lang, path, text, found), tuple(found))
    _, page, found = _pages[key]
    errors += found
    # A copy: a reader may change what it was given (a test edits a run-sheet), and the next reading must not see it.
    return dataclasses.replace(page, meta=copy.deepcopy(page.meta), lines=dict(page.lines), markers=list(page.markers)) if page else None


_pages: dict[tuple[str, str, str], tuple[str, Page | None, tuple[ContentError, ...]]] = {}


def _parsed(neutral: str, lang: str, path: str, text: str, errors: list[ContentError]) -> Page | None:
    kind, module = frontmatter.kind_of(neutral)
    try:
        meta, lines = frontmatter.read(text, path)
    except ContentError as error:
        errors.append(error)
        return None
    errors += frontmatter.check(meta, lines, path, kind)
    scanned = pagetext.scan(text, path)
    errors += scanned.errors
    errors += [ContentError(path, m.line, m.problem()) for m in scanned.markers if m.problem()]
    errors += [ContentError(path, scanned.visible.count("\n", 0, at) + 1, problem) for at, problem in inline.references(scanned.visible)]
    return Page(neutral, lang, path, kind, module, meta, lines, list(scanned.markers), scanned.visible)


def _file_of(kind: str) -> str:
    return "index" if kind == "lesson" else kind
