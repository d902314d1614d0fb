"""The course as data: its pages and modules, read from the docs dir and checked.

`load()` reads every page of every language once, so a content mistake anywhere stops the
build before any page is written, with all mistakes listed together.
"""

from __future__ import annotations

import copy
import functools
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field

import frontmatter
import languages
import markers
import strings
from errors import ContentError

# Site pages in the order the navigation shows them; a page that does not exist is left out.
_START = ("learners.md", "course-map.md")
_REFERENCE = ("glossary.md", "sources.md", "about.md")
_INSTRUCTORS = ("instructors/index.md", "instructors/schedule.md")


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


@dataclass
class Module:
    folder: str  # 01-why-complaints
    number: int
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)  # kind -> lang -> page

    def lesson(self, lang: str) -> Page:
        return self.pages["lesson"][lang]


@dataclass
class Course:
    pages: list[Page]
    modules: list[Module]
    _once: dict[str, list] = field(default_factory=dict, repr=False, compare=False)

    def module(self, folder: str) -> Module:
        return next(m for m in self.modules if m.folder == folder)

    def page(self, neutral: str, lang: str) -> Page | None:
        return self._index.get((neutral, lang))

    def once(self, key: str, compute: Callable[[], list]) -> list:
        """`compute()` the first time for this reading of the course, a copy of it after that:
        every language's build checks the same files, so a check runs once per build."""
        if key not in self._once:
            self._once[key] = compute()
        return list(self._once[key])

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], Page]:
        return {(p.neutral, p.lang): p for p in self.pages}


def load(docs_dir: pathlib.Path, project_root: pathlib.Path, codes: tuple[str, ...]) -> tuple[Course, list[ContentError]]:
    """Read and check every page; return the course, a copy of its own to change, and every mistake found."""
    course, errors = shared(docs_dir, project_root, codes)
    return copy.deepcopy(course), errors


def shared(docs_dir: pathlib.Path, project_root: pathlib.Path, codes: tuple[str, ...]) -> tuple[Course, list[ContentError]]:
    """`load()` for the hooks: the pages are read once for each state of the docs dir (a saved
    file under `mkdocs serve` changes it), and the same course is shared by the hooks of every
    language's build. Read it, never change it."""
    state = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(docs_dir.rglob("*.md")))
    course, errors = _read(docs_dir, project_root, codes, state)
    return course, list(errors)


def nav(course: Course, lang: str) -> list:
    """The navigation of one language: learner path first, instructors' section last."""
    exists = {p.neutral for p in course.pages if p.lang == lang}
    listed = {"index.md", *_START, *_REFERENCE, *_INSTRUCTORS, "progress.md"}
    complete = [m for m in course.modules if len(m.pages) == 3]
    learn = [
        {
            f"{m.number} · {m.lesson(lang).meta['title']}": [
                {strings.t("nav.lesson", lang): f"{m.folder}/index.md"},
                {strings.t("nav.exercises", lang): f"{m.folder}/exercises.md"},
            ]
        }
        for m in complete
    ]
    guides = [{f"{m.number} · {m.lesson(lang).meta['title']}": f"{m.folder}/guide.md"} for m in complete]
    others = sorted(p for p in exists if p not in listed and not frontmatter.kind_of(p)[1])
    return [
        *[p for p in ("index.md",) if p in exists],
        {strings.t("nav.start", lang): [p for p in _START if p in exists]},
        {strings.t("nav.modules", lang): learn},
        *[p for p in ("progress.md",) if p in exists],
        {strings.t("nav.reference", lang): [p for p in _REFERENCE if p in exists] + others},
        {strings.t("nav.instructors", lang): [p for p in _INSTRUCTORS if p in exists] + [{strings.t("nav.guides", lang): guides}]},
    ]


# Helper functions


@functools.lru_cache(maxsize=2)
def _read(docs_dir: pathlib.Path, project_root: pathlib.Path, codes: tuple[str, ...], state: tuple) -> tuple[Course, list[ContentError]]:
    errors: list[ContentError] = []
    pages = []
    for source in sorted(docs_dir.rglob("*.md")):
        uri = source.relative_to(docs_dir).as_posix()
        parts = languages.split(uri)
        if parts is None or parts[1] not in codes:
            continue  # reported by the language check
        path = source.relative_to(project_root).as_posix()
        text = source.read_text("utf-8")
        kind, module = frontmatter.kind_of(parts[0])
        try:
            meta, lines = frontmatter.read(text, path)
        except ContentError as error:
            errors.append(error)
            continue
        errors += frontmatter.check(meta, lines, path, kind)
        found = markers.find(text)
        errors += [
            ContentError(path, m.line, f"unknown marker 'md:{m.name}'; expected one of {', '.join(sorted(markers.KNOWN))}")
            for m in found
            if m.name not in markers.KNOWN
        ]
        pages.append(Page(parts[0], parts[1], path, kind, module, meta, lines, found))

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



def _file_of(kind: str) -> str:
    return "index" if kind == "lesson" else kind
