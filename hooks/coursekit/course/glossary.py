"""The course's bilingual term list: the glossary page, the search dictionary, tooltips in lessons."""

from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError

# Text inside these elements is left alone: a tooltip there would be noise or break markup.
_SKIP = ("a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "th", "textarea", "legend")
_TAG = re.compile(r"(<[^>]+>)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]  # language -> the term in it
    definition: dict[str, str]


def load(files: list[pathlib.Path], root: pathlib.Path, codes: tuple[str, ...]) -> tuple[list[Term], list[ContentError]]:
    """Read every terms file; return the terms in file order and every mistake found."""
    terms: list[Term] = []
    errors: list[ContentError] = []
    seen: dict[str, str] = {}
    for file in files:
        path = file.relative_to(root).as_posix()
        try:
            data, lines = yamlsource.load(file.read_text("utf-8"), path)
        except ContentError as error:
            errors.append(error)
            continue
        for i, entry in enumerate(data or []):
            line = yamlsource.line_of(lines, (i,))
            problem = _problem(entry, codes)
            if problem:
                errors.append(ContentError(path, line, problem))
                continue
            if entry["id"] in seen:
                errors.append(ContentError(path, line, f"duplicate term id '{entry['id']}' (also in {seen[entry['id']]}); expected each term once"))
                continue
            seen[entry["id"]] = path
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


def _problem(entry: object, codes: tuple[str, ...]) -> str | None:
    fields = ("id", *codes, "definition")
    if not isinstance(entry, dict):
        return f"term is not a mapping; expected {', '.join(fields)}"
    unknown = [k for k in entry if k not in fields]
    if unknown:
        return f"unknown field '{unknown[0]}'; expected only {', '.join(fields)}"
    missing = [k for k in fields if not entry.get(k)]
    if missing:
        return f"term lacks '{missing[0]}'; expected {', '.join(fields)}"
    definition = entry["definition"]
    if not isinstance(definition, dict) or any(not definition.get(c) for c in codes):
        return f"term '{entry['id']}': definition needs every language; expected {{{', '.join(codes)}}}"
    return None


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
    # Focusable, so that a keyboard brings up Material's tooltip too (which screen readers then read).
    return f'<abbr title="{title}" tabindex="0">{word}</abbr>'
