"""The course's languages, from `extra.languages` of mkdocs.yml: one, two or more; the first is
the default, built at the site root, each other one below it (`en/`, `zh-tw/`).

A language is written (its pages are files of their own) or derived: `from: zh, convert: s2twp`
makes it of another language's text at build time (languages/conversion.py), so it never drifts;
its site name and description are converted too unless it gives its own.

Plain data and functions, so the rules hold whatever engine builds the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError

# A language code as BCP 47 writes it for the web: `en`, `zh`, `zh-TW`, `pt-BR`.
CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# Scripts written without spaces between words: terms are matched without word boundaries.
_UNSPACED = ("zh", "ja", "th", "lo", "km", "my")
_FIELDS = ("name", "site_name", "site_description")
_OPTIONAL = ("search", "from", "convert")
# What a derived language need not write: it is converted from its source language's.
_CONVERTED = ("site_name", "site_description")


@dataclass(frozen=True)
class Language:
    code: str  # as written in mkdocs.yml and in file suffixes: zh, en, zh-TW
    name: str  # in the language itself, for the switch: 简体中文, English
    site_name: str
    site_description: str
    search: dict = field(default_factory=dict)  # Material search plugin settings for this language
    source: str | None = None  # a derived language: the language it is converted from ...
    convert: str | None = None  # ... and the OpenCC configuration that converts it (s2twp)

    @property
    def folder(self) -> str:
        """Where the language's site lives below the default one's root: `zh-tw`."""
        return self.code.lower()

    @property
    def spaced(self) -> bool:
        """Whether words are separated by spaces (English) or not (Chinese, Japanese)."""
        return self.code.split("-")[0] not in _UNSPACED


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]

    @property
    def default(self) -> Language:
        return self.all[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.all)

    @property
    def written(self) -> tuple[str, ...]:
        """The languages whose pages and texts are written, not derived by conversion."""
        return tuple(lang.code for lang in self.all if not lang.source)

    @property
    def derived(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.all if lang.source)

    def get(self, code: str) -> Language:
        return next(lang for lang in self.all if lang.code == code)

    def root(self, code: str) -> str:
        """Where a language's site lives, relative to the default one's root: '' or 'en/'."""
        return "" if code == self.default.code else f"{self.get(code).folder}/"

    def alongside(self, code: str) -> tuple[str, ...]:
        """The other languages a page in `code` names things in (the glossary): not the same
        language in other characters (zh beside zh-TW)."""
        kin = {code, self.get(code).source}
        return tuple(lang.code for lang in self.all if lang.code not in kin and lang.source not in kin)

    def others(self, code: str) -> tuple[Language, ...]:
        return tuple(lang for lang in self.all if lang.code != code)


def from_extra(extra: dict, path: str, lines: dict | None = None, ui_languages: frozenset[str] | None = None) -> Languages:
    """Read `extra.languages` of mkdocs.yml (at `path`, with the line of each key in `lines`);
    `ui_languages` are the codes the theme has interface text for."""
    lines = lines or {}

    def error(where: tuple, message: str) -> ContentError:
        return ContentError(path, yamlsource.line_of(lines, ("extra", "languages", *where)), message)

    table = extra.get("languages")
    example = "{zh: {name: 简体中文, site_name: …, site_description: …}, en: {…}}"
    if not isinstance(table, dict) or not table:
        raise error((), f"extra.languages must name at least one language; expected a mapping of language codes, like {example}")
    langs = []
    for code, spec in table.items():
        if not isinstance(code, str) or not CODE.match(code):
            raise error((code,), f"extra.languages: {code!r} is not a language code; expected a code like en, zh or zh-TW")
        if not isinstance(spec, dict):
            raise error((code,), f"extra.languages.{code} is not a mapping; expected {', '.join(_FIELDS)}")
        unknown = [key for key in spec if key not in _FIELDS + _OPTIONAL]
        if unknown:
            raise error((code, unknown[0]), f"extra.languages.{code} has unknown key '{unknown[0]}'; expected only {', '.join(_FIELDS + _OPTIONAL)}")
        needed = [key for key in _FIELDS if not ("from" in spec and key in _CONVERTED and key not in spec)]
        missing = [key for key in needed if not isinstance(spec.get(key), str) or not spec[key].strip()]
        if missing:
            raise error((code,), f"extra.languages.{code} lacks {', '.join(missing)}; expected all of {', '.join(needed)} as text")
        if ("from" in spec) != ("convert" in spec):
            raise error((code, "from" if "from" in spec else "convert"),
                        f"extra.languages.{code} has only one of from and convert; expected both, like {{from: zh, convert: s2twp}}")
        if ui_languages is not None and code not in ui_languages:
            some = ", ".join(sorted(ui_languages)[:8])
            raise error((code,), f"extra.languages: the theme has no interface text for '{code}'; expected one of its languages, e.g. {some} …")
        search = spec.get("search", {})
        if not isinstance(search, dict):
            raise error((code, "search"), f"extra.languages.{code}.search is not a mapping; expected search plugin settings, like {{lang: [en]}}")
        langs.append(Language(code, spec["name"].strip(), spec.get("site_name", "").strip(), spec.get("site_description", "").strip(),
                              search, spec.get("from"), spec.get("convert")))
    written = [lang.code for lang in langs if not lang.source]
    for lang in langs:
        if lang.source and lang.source not in written:
            raise error((lang.code, "from"), f"extra.languages.{lang.code}.from is {lang.source!r}; expected a written language of "
                                             f"this course: {', '.join(written) or 'none is listed'}")
        if lang.source and lang.code == langs[0].code:
            raise error((lang.code,), f"extra.languages: the default language '{lang.code}' is derived; expected a written language first")
    folders = [lang.folder for lang in langs]
    for lang in langs:
        if folders.count(lang.folder) > 1:
            raise error((lang.code,), f"extra.languages: '{lang.code}' is listed twice (codes differ only in case); expected each language once")
    return Languages(tuple(langs))
