"""The course's sources: one list, cited by id from any page, listed in full on the Sources page."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from coursekit.core import inline, yamlsource
from coursekit.core.errors import ContentError

_FIELDS = {"id", "citation", "note"}


@dataclass(frozen=True)
class Source:
    id: str
    citation: str  # inline Markdown, the same in every language
    note: dict[str, str]  # per language, may be empty
    converted: dict[str, str] = field(default_factory=dict)  # the citation in a derived language (Traditional characters)

    def html(self, lang: str) -> dict[str, str]:
        citation = self.converted.get(lang, self.citation)
        return {"id": self.id, "citation": inline.render(citation), "note": inline.render(self.note.get(lang, ""))}


def load(path: pathlib.Path, shown_as: str, codes: tuple[str, ...]) -> tuple[dict[str, Source], list[ContentError]]:
    """Read sources.yml; return the sources by id and every mistake in it."""
    try:
        data, lines = yamlsource.load(path.read_text("utf-8"), shown_as)
    except ContentError as error:
        return {}, [error]
    if not isinstance(data, list):
        return {}, [ContentError(shown_as, 1, "sources must be a list; expected '- id: ...' entries")]
    sources: dict[str, Source] = {}
    errors = []
    for i, entry in enumerate(data):
        line = yamlsource.line_of(lines, (i,))
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("citation"), str):
            errors.append(ContentError(shown_as, line, "source lacks 'id' or 'citation'; expected both as text"))
            continue
        unknown = set(entry) - _FIELDS
        if unknown:
            errors.append(ContentError(shown_as, line, f"unknown field '{sorted(unknown)[0]}'; expected id, citation, note"))
        note = entry.get("note") or {}
        if note and (not isinstance(note, dict) or set(note) != set(codes)):
            errors.append(ContentError(shown_as, line, f"source '{entry['id']}': note needs every language; expected {{{', '.join(codes)}}}"))
            note = {}
        if entry["id"] in sources:
            errors.append(ContentError(shown_as, line, f"duplicate source id '{entry['id']}'; expected each id once"))
        sources[entry["id"]] = Source(entry["id"], entry["citation"], note)
    return sources, errors


def marker_errors(pages: list, sources: dict[str, Source], shown_as: str) -> list[ContentError]:
    """Every `md:sources` marker id that `sources` (read from `shown_as`) lacks."""
    return [
        ContentError(page.path, m.line, f"unknown source '{arg}'; expected an id from {shown_as}")
        for page in pages
        for m in page.markers
        if m.name == "sources"
        for arg in m.args
        if arg not in sources
    ]
