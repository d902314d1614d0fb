"""The course's sources: one list, cited by id from any page, listed in full on the Sources page."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from coursekit.core import inline, yamlsource
from coursekit.core import schema as data_schema
from coursekit.core.errors import ContentError

SCHEMA = pathlib.Path(__file__).with_name("sources.schema.json")


@dataclass(frozen=True)
class Source:
    id: str
    citation: str  # inline Markdown, the same in every language
    note: dict[str, str]  # per language, may be empty
    converted: dict[str, str] = field(default_factory=dict)  # the citation in a derived language (Traditional characters)

    def html(self, lang: str) -> dict[str, str]:
        citation = self.converted.get(lang, self.citation)
        return {"id": self.id, "citation": inline.render(citation), "note": inline.render(self.note.get(lang, ""))}


def schema(codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """The schema of sources.yml, for a course in the languages `codes`."""
    return data_schema.made(SCHEMA, codes, names)


def load(path: pathlib.Path, shown_as: str, codes: tuple[str, ...]) -> tuple[dict[str, Source], list[ContentError]]:
    """Read sources.yml; return the sources by id and every mistake in it."""
    data, lines, errors = data_schema.read(path, shown_as, data_schema.validator(SCHEMA, codes), codes, _SUBJECT)
    sources: dict[str, Source] = {}
    for i, entry in enumerate(data or []):
        if entry["id"] in sources:
            errors.append(ContentError(shown_as, yamlsource.line_of(lines, (i, "id")), f"duplicate source id '{entry['id']}'; expected each id once"))
        texts = [((i, "citation"), entry["citation"]), *(((i, "note", code), text) for code, text in entry.get("note", {}).items())]
        errors += [ContentError(shown_as, yamlsource.line_of(lines, where), _SUBJECT(data, where) + problem)
                   for where, text in texts for problem in inline.problems(text)]
        sources[entry["id"]] = Source(entry["id"], entry["citation"], entry.get("note", {}))
    return sources, errors


def marker_errors(pages: list, sources: dict[str, Source], shown_as: str, exists: bool = True) -> list[ContentError]:
    """Every `md:sources` marker id that `sources` (read from `shown_as`) lacks; if the file does
    not `exist`, one message at the first marker."""
    cited = [(page, m) for page in pages for m in page.markers if m.name == "sources" and m.args]
    if not exists:
        return [ContentError(page.path, m.line, f"the page cites sources, but {shown_as} does not exist; expected that file, "
                                                "listing every source the course cites") for page, m in cited[:1]]
    return [
        ContentError(page.path, m.line, f"unknown source '{arg}'; expected an id from {shown_as}")
        for page, m in cited
        for arg in m.args
        if arg not in sources
    ]


# Helper functions

_SUBJECT = data_schema.entry_subject("source")
