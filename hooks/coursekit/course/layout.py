"""The files of a docs dir and what each is to the engine: module folders (`NN-slug`, each number
once), pages (`.md`), and the data files it reads (`_data/*.yml`, a module's `terms.yml`). A file
named almost right would be published as it is, or read as something else, with no word said:
each gets one message that names the right name. A module folder that is misnamed or whose number
is taken is left out of the course, so its pages raise no further messages of their own.
"""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass

from coursekit.core.errors import ContentError
from coursekit.course import frontmatter

DATA = "_data"  # below the docs dir: sources, terms, style rules, the course's own interface text
DATA_FILES = ("sources.yml", "terms.yml", "style.yml")
MODULE_DATA = ("terms.yml",)


@dataclass(frozen=True)
class Layout:
    modules: tuple[str, ...]  # the module folders the course is made of, in order
    left_out: tuple[str, ...]  # folders whose pages are not read (each has its message)
    misnamed: tuple[str, ...]  # the pages meant by files named almost right (`about.en.md` for `about.en.MD`)
    errors: tuple[ContentError, ...]


def check(docs: pathlib.Path, root: pathlib.Path, codes: tuple[str, ...]) -> Layout:
    shown = docs.relative_to(root).as_posix()
    errors: list[ContentError] = []
    misnamed = []
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        relative = path.relative_to(docs)
        problem = _file_problem(relative, codes)
        if problem:
            errors.append(ContentError(path.relative_to(root).as_posix(), 1, problem))
        if relative.suffix.lower() in _MARKDOWN and relative.suffix != ".md":
            misnamed.append(relative.with_suffix(".md").as_posix())
    folders = sorted(p.name for p in docs.iterdir() if p.is_dir() and _holds_module(p))
    numbered = [name for name in folders if frontmatter.MODULE_FOLDER.match(name)]
    modules, left_out = [], []
    for name in folders:
        first = f"{shown}/{name}/{_first_page(docs / name)}"
        sharing = [other for other in numbered if other[:2] == name[:2] and other != name]
        if name not in numbered:
            errors.append(ContentError(first, 1, f"module folder '{name}' is not named NN-slug; expected two digits, a dash and a "
                                                 f"lowercase slug, like '{_suggest(name)}' (its pages are not read until then)"))
        elif sharing:
            errors.append(ContentError(first, 1, f"module number {name[:2]} is also {', '.join(f'{shown}/{s}' for s in sharing)}'s; "
                                                 "expected each module folder its own number (their pages are not read until then)"))
        else:
            modules.append(name)
            continue
        left_out.append(name)
    return Layout(tuple(modules), tuple(left_out), tuple(misnamed), tuple(errors))


# Helper functions

# What MkDocs reads as a page besides `.md` (mkdocs.utils.markdown_extensions); any case.
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_PAGE = re.compile(r"^(index|exercises|guide)\.[^.]+\.md$")


def _file_problem(relative: pathlib.Path, codes: tuple[str, ...]) -> str | None:
    name, parts = relative.name, relative.parts
    suffix = relative.suffix
    if suffix.lower() in _MARKDOWN and suffix != ".md":
        return f"page file ends in '{suffix}'; expected '.md', as in '{relative.with_suffix('.md').name}' (the engine reads only .md pages)"
    if suffix.lower() == ".yaml":
        return f"data file ends in '{suffix}'; expected '.yml', as in '{relative.with_suffix('.yml').name}' (the engine reads only .yml files)"
    if suffix != ".yml":
        return None
    if parts[0] == DATA and len(parts) == 2 and name not in DATA_FILES:
        return f"'{name}' is not a data file the engine reads; expected one of {', '.join(DATA_FILES)} (quiz banks go in quizzes/)"
    if parts[0] == DATA and len(parts) == 3 and parts[1] == "strings" and relative.stem not in codes:
        return (f"interface text for '{relative.stem}', which is not a language of this course; "
                f"expected {' or '.join(f'{c}.yml' for c in codes)}, or '{relative.stem}' added to extra.languages in mkdocs.yml")
    if parts[0] != DATA and len(parts) == 2 and frontmatter.MODULE_FOLDER.match(parts[0]) and name not in MODULE_DATA:
        return f"'{name}' is not a file the engine reads in a module folder; expected terms.yml (quiz banks go in quizzes/)"
    return None


def _holds_module(folder: pathlib.Path) -> bool:
    """A folder of module pages: numbered, or holding an exercise sheet or a guide."""
    if folder.name.startswith((DATA, ".")):
        return False
    pages = [p.name for p in folder.glob("*.md") if _PAGE.match(p.name)]
    return bool(pages) and (folder.name[:1].isdigit() or any(not p.startswith("index.") for p in pages))


def _first_page(folder: pathlib.Path) -> str:
    return sorted((p.name for p in folder.glob("*.md") if _PAGE.match(p.name)), key=lambda n: (not n.startswith("index."), n))[0]


def _suggest(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    number = re.match(r"^(\d+)-?", slug)
    if number:
        return f"{int(number[1]):02d}-{slug[number.end():] or 'slug'}"
    return f"NN-{slug or 'slug'}"
