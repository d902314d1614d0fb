"""The course's bilingual term list: the glossary page, the search dictionary, tooltips in lessons."""

from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass

from coursekit.core import inline, yamlsource
from coursekit.core import schema as data_schema
from coursekit.core.errors import ContentError

SCHEMA = pathlib.Path(__file__).with_name("terms.schema.json")

# Text inside these elements is left alone: a tooltip there would be noise or break markup.
_SKIP = ("a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "th", "textarea", "legend")
_TAG = re.compile(r"(<[^>]+>)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]  # language -> the term in it
    definition: dict[str, str]


def schema(codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """The schema of a terms file, for a course in the languages `codes`."""
    return data_schema.made(SCHEMA, codes, names)


def load(files: list[pathlib.Path], root: pathlib.Path, codes: tuple[str, ...]) -> tuple[list[Term], list[ContentError]]:
    """Read every terms file; return the terms in file order and every mistake found."""
    terms: list[Term] = []
    errors: list[ContentError] = []
    seen: dict[str, str] = {}
    validator = data_schema.validator(SCHEMA, codes)
    for file in files:
        path = file.relative_to(root).as_posix()
        data, lines, problems = data_schema.read(file, path, validator, codes, _SUBJECT)
        errors += problems
        for i, entry in enumerate(data or []):
            line = yamlsource.line_of(lines, (i,))
            if entry["id"] in seen:
                errors.append(ContentError(path, line, f"duplicate term id '{entry['id']}' (also in {seen[entry['id']]}); expected each term once"))
                continue
            seen[entry["id"]] = path
            for code in codes:
                errors += [ContentError(path, yamlsource.line_of(lines, (i, "definition", code)), _SUBJECT(data, (i, "definition", code)) + problem)
                           for problem in inline.problems(entry["definition"][code])]
            terms.append(Term(entry["id"], {c: entry[c] for c in codes}, entry["definition"]))
    return terms, errors


def entries(terms: list[Term], lang: str, others: tuple[str, ...]) -> list[dict]:
    """The glossary of one language, alphabetical (Chinese by code point, which groups shared
    characters), each term with its names in the `others` languages."""
    rows = [{"id": t.id, "term": t.names[lang], "others": [(o, t.names[o]) for o in others], "definition": t.definition[lang]}
            for t in terms]
    return sorted(rows, key=lambda r: r["term"].casefold())


def add_tooltips(html: str, terms: list[Term], lang: str, spaced: bool) -> str:
    """Mark the first use of each term on a page with its definition (Material shows it as a
    tooltip). In a `spaced` language (English) a term matches whole words in any case; in
    Chinese or Japanese, anywhere."""
    if not terms:
        return html
    fold = str.casefold if spaced else str
    text = fold(html)
    # Only the terms the page contains go into the pattern: a course has hundreds, a page a few.
    names = {fold(t.names[lang]): t.definition[lang] for t in terms}
    # The cost of finding them stays level as the term list grows. Chinese: one pass of a
    # pattern of every term, whose first characters let the regex engine skip most of the page.
    # Other languages: a term is looked for only if every word of it is a word of the page.
    if not spaced:
        found = {m.group(0) for m in _every_term(tuple(names)).finditer(text)}
    else:
        words = set(_WORD.findall(text))
        found = {name for name, parts in _words_of(tuple(names)) if words.issuperset(parts) and name in text}
    pending = {name: names[name] for name in found}
    if not pending:
        return html
    boundary = r"(?<![A-Za-z0-9])({})(?![A-Za-z0-9])" if spaced else "({})"
    pattern = re.compile(boundary.format(_alternatives(pending)), re.I if spaced else 0)
    skipping: list[str] = []
    out = []
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            _track(piece, skipping)
            out.append(piece)
        elif skipping or not piece.strip() or not pending:
            out.append(piece)
        else:
            out.append(pattern.sub(lambda m: _first_use(m, pending, fold), piece))
    return "".join(out)


# Helper functions

_SUBJECT = data_schema.entry_subject("term")

@functools.lru_cache(maxsize=4)
def _every_term(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(_alternatives(names))


def _alternatives(names) -> str:
    """The names as regex alternatives, the longest first, so a longer term wins over a shorter one inside it."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def _words_of(names: tuple[str, ...]) -> list[tuple[str, frozenset[str]]]:
    return [(name, frozenset(_WORD.findall(name))) for name in names]


def _track(tag: str, skipping: list[str]) -> None:
    name = re.match(r"</?([a-zA-Z0-9]+)", tag)
    if not name or tag.endswith("/>"):
        return
    name = name[1].lower()
    if name not in _SKIP:
        return
    if tag.startswith("</"):
        if name in skipping:
            skipping.remove(name)
    else:
        skipping.append(name)


def _first_use(match: re.Match, pending: dict[str, str], fold) -> str:
    word = match.group(0)
    definition = pending.pop(fold(word), None)
    if definition is None:
        return word  # marked earlier on the page
    title = definition.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return f'<abbr title="{title}">{word}</abbr>'
