"""The copies of the engine's data-file schemas that a course keeps for editors, made for its
languages: the quiz banks' in `quizzes/`, the others beside the files they describe in
`<docs>/_data/`. `python -m hooks schema` writes them; the build stops when a copy a course
keeps is out of date, so an editor never checks a file against old rules."""

from __future__ import annotations

import pathlib

from coursekit.core import schema as data_schema
from coursekit.core import textfile
from coursekit.core.errors import ContentError
from coursekit.course import bibliography, glossary
from coursekit.languages import strings
from coursekit.quality import style
from coursekit.quiz import bank


def copies(data: str, codes: tuple[str, ...], names: tuple[str, ...]) -> dict[str, dict]:
    """Each editors' copy (its path in the course, `data` being the docs dir's `_data` folder) and its schema."""
    return {
        bank.EDITOR_SCHEMA.as_posix(): bank.schema(codes, names),
        f"{data}/terms.schema.json": glossary.schema(codes, names),
        f"{data}/sources.schema.json": bibliography.schema(codes, names),
        f"{data}/style.schema.json": style.schema(codes, names),
        f"{data}/strings.schema.json": strings.schema(),
    }


def write(root: pathlib.Path, data: str, codes: tuple[str, ...], names: tuple[str, ...]) -> list[pathlib.Path]:
    written = []
    for name, made in copies(data, codes, names).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data_schema.editor_text(made), "utf-8")
        written.append(target)
    return written


def stale(root: pathlib.Path, data: str, codes: tuple[str, ...], names: tuple[str, ...]) -> list[ContentError]:
    errors = []
    for name, made in copies(data, codes, names).items():
        try:
            current = (root / name).exists() and textfile.read(root / name, name) == data_schema.editor_text(made)
        except ContentError as error:
            errors.append(error)
            continue
        if (root / name).exists() and not current:
            errors.append(ContentError(name, 1, f"the editors' copy of the {_WHAT[pathlib.Path(name).name]} schema is out of date "
                                                "(languages or rules changed); expected what `python -m hooks schema` writes: run it and commit the file"))
    return errors


# Helper functions

_WHAT = {"quiz.schema.json": "quiz", "terms.schema.json": "terms", "sources.schema.json": "sources",
         "style.schema.json": "style", "strings.schema.json": "interface text"}
