"""Which language a source file belongs to, and which pages lack their counterpart.

Plain functions over paths and settings, so the rules hold whatever engine builds the site.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from errors import ContentError

# The languages being built, innermost last: the default build runs first and starts the others.
building: list[str] = []

_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2}(?:-[A-Za-z]+)?)\.md$")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    site_name: str
    site_description: str
    search: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Languages:
    """The course's languages; the first is the default, built at the site root."""

    all: tuple[Language, ...]

    @property
    def default(self) -> Language:
        return self.all[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.all)

    def get(self, code: str) -> Language:
        return next(lang for lang in self.all if lang.code == code)

    def root(self, code: str) -> str:
        """Where a language's site lives, relative to the default one's root."""
        return "" if code == self.default.code else f"{code}/"


def from_extra(extra: dict, path: str) -> Languages:
    """Read `extra.languages` of mkdocs.yml."""
    table = extra.get("languages")
    if not isinstance(table, dict) or len(table) < 2:
        raise ContentError(path, 1, "extra.languages must name at least two languages; expected zh and en")
    langs = []
    for code, spec in table.items():
        missing = [key for key in ("name", "site_name", "site_description") if not spec.get(key)]
        if missing:
            raise ContentError(path, 1, f"extra.languages.{code} lacks {', '.join(missing)}; expected all three")
        langs.append(Language(code, spec["name"], spec["site_name"], spec["site_description"], spec.get("search", {})))
    return Languages(tuple(langs))


def split(src_uri: str) -> tuple[str, str] | None:
    """`01-x/index.zh.md` -> (`01-x/index.md`, `zh`); None for a file with no language suffix."""
    match = _SUFFIX.match(src_uri)
    if not match:
        return None
    return f"{match['stem']}.md", match["lang"]


def missing_counterparts(src_uris: list[str], codes: tuple[str, ...], docs_dir: str) -> list[ContentError]:
    """Every Markdown page must exist in every language, with a known language suffix."""
    errors = []
    pages: dict[str, set[str]] = {}
    for uri in src_uris:
        parts = split(uri)
        where = posixpath.join(docs_dir, uri)
        if parts is None or parts[1] not in codes:
            stem = posixpath.join(docs_dir, uri[: -len(".md")])
            expected = " or ".join(f"'{stem}.{c}.md'" for c in codes)
            errors.append(ContentError(where, 1, f"page has no language suffix; expected {expected}"))
            continue
        pages.setdefault(parts[0], set()).add(parts[1])
    for neutral, present in pages.items():
        stem = posixpath.join(docs_dir, neutral[: -len(".md")])
        for code in codes:
            if code not in present:
                have = sorted(present)[0]
                errors.append(ContentError(
                    f"{stem}.{have}.md", 1,
                    f"missing translation: '{stem}.{code}.md' does not exist; expected every page in {' and '.join(codes)}",
                ))
    return errors
