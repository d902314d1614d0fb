"""One reading of a whole course project: its settings in mkdocs.yml, its pages, quiz banks,
sources and terms, and every mistake in them. Every hook of every language's build shares it,
and `mkdocs serve` reads the project again only when one of its files changed.
"""

from __future__ import annotations

import dataclasses
import pathlib
from dataclasses import dataclass, field

from coursekit.classroom import checks as classroom_checks
from coursekit.classroom import runsheet
from coursekit.core import textfile, yamlsource
from coursekit.core.errors import ContentError
from coursekit.course import bibliography, glossary, identity, layout, model
from coursekit.languages import conversion, files, settings, strings
from coursekit.outputs import exports
from coursekit.quality import parity, schemas, style
from coursekit.quiz import bank, itemcheck
from coursekit.quiz import settings as quiz_settings

DATA = layout.DATA


@dataclass
class Project:
    root: pathlib.Path
    docs: pathlib.Path
    config_name: str  # mkdocs.yml, as messages name it
    identity: identity.Identity | None = None
    languages: settings.Languages | None = None
    texts: dict = field(default_factory=dict)  # language -> interface text key -> text
    course: model.Course = field(default_factory=lambda: model.Course([], []))
    sources: dict = field(default_factory=dict)
    terms: list = field(default_factory=list)
    banks: dict = field(default_factory=dict)
    term_files: list = field(default_factory=list)  # the course's terms.yml and each module's
    classroom: runsheet.Settings | None = None
    pass_mark: int = quiz_settings.DEFAULT_PASS_MARK  # percent
    converters: dict = field(default_factory=dict)  # derived language -> conversion.Converter
    errors: list[ContentError] = field(default_factory=list)  # each stops the build
    config_lines: dict = field(default_factory=dict)  # the line of every key path of mkdocs.yml
    advice: list[ContentError] = field(default_factory=list)  # shown, never stops a build: heuristics a person judges

    @property
    def sources_file(self) -> str:
        return self._shown(self.docs / DATA / "sources.yml")

    def _shown(self, path: pathlib.Path) -> str:
        return path.relative_to(self.root).as_posix()

    def converted_sources(self, code: str) -> list[tuple[str, str]]:
        """(path, text) of every file the build converts into the derived language `code`: the
        pages that have no written page in it, the interface text, terms, sources, quiz banks."""
        source = self.languages.get(code).source
        paths = [self.root / page.path for page in self.course.pages if page.lang == code and page.converted is not None]
        paths += [strings.shipped_file(source), self.docs / DATA / "strings" / f"{source}.yml", *self.term_files,
                  self.docs / DATA / "sources.yml", *sorted((self.root / bank.FOLDER).glob("*.yml"))]
        return [(self._shown(path) if path.is_relative_to(self.root) else f"(engine) {path.name}", path.read_text("utf-8"))
                for path in paths if path.is_file()]


def read(config_file: pathlib.Path, docs: pathlib.Path, extra: dict, uris: tuple[str, ...],
         ui_languages: frozenset[str] | None = None) -> Project:
    """The project whose mkdocs.yml is `config_file`, with docs dir `docs`, the `extra` settings
    of mkdocs.yml and `uris`, the documentation pages MkDocs builds (exclusions applied); read
    again only when one of its files changed."""
    root = config_file.parent
    watched = [config_file, *sorted(p for p in docs.rglob("*") if p.suffix in (".md", ".yml")),
               *sorted((root / bank.FOLDER).glob("*.yml"))]
    state = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in watched if p.is_file())
    # Not keyed by `extra`: it comes from mkdocs.yml (in `state`), and each language's build
    # adds keys of its own to it (the language switch, the scripts' settings).
    key = (config_file, docs, uris, ui_languages, state)
    if key not in _readings:
        _readings.clear()  # the one reading kept is the latest
        _readings[key] = _read(config_file, docs, extra, uris, ui_languages)
    return _readings[key]


def read_folder(root: pathlib.Path) -> Project:
    """The project in the folder `root`, read without the site generator, for a maintainer's
    command: every page with a language suffix, outside `_data/`."""
    config = yamlsource.settings((root / "mkdocs.yml").read_text("utf-8"))
    docs = (root / config.get("docs_dir", "docs")).resolve()
    uris = tuple(sorted(
        path.relative_to(docs).as_posix() for path in docs.rglob("*.md")
        if files.split(path.relative_to(docs).as_posix()) and DATA not in path.relative_to(docs).parts
    ))
    return read(root.resolve() / "mkdocs.yml", docs, config.get("extra") or {}, uris)


# Helper functions

_readings: dict[tuple, Project] = {}


def _read(config_file: pathlib.Path, docs: pathlib.Path, extra: dict, uris: tuple[str, ...],
          ui_languages: frozenset[str] | None) -> Project:
    root = config_file.parent
    project = Project(root, docs, config_file.name)
    errors = project.errors
    try:
        lines = project.config_lines = yamlsource.key_lines(textfile.read(config_file, config_file.name), config_file.name)
        project.identity = identity.from_extra(extra, config_file.name, lines)
        project.languages = settings.from_extra(extra, config_file.name, lines, ui_languages)
        project.classroom = runsheet.settings(extra, config_file.name, lines)
        project.pass_mark = quiz_settings.pass_mark(extra, config_file.name, lines)
    except ContentError as error:
        errors.append(error)
        return project  # the rest depends on these settings
    def listed(code: str) -> tuple[str, int]:
        return config_file.name, yamlsource.line_of(lines, ("extra", "languages", code))

    project.converters, conversion_errors = _converters(project, lines)
    errors += conversion_errors
    if len(project.converters) < len(project.languages.derived):
        return project  # a language that cannot be made
    langs = project.languages
    codes, written = langs.codes, langs.written
    derived = {code: (c.source, c) for code, c in project.converters.items()}

    project.texts, text_errors = strings.load(codes, docs / DATA / "strings", root, listed, derived)
    errors += text_errors

    docs_shown = docs.relative_to(root).as_posix()
    found = layout.check(docs, root, codes)
    errors += found.errors
    uris = [uri for uri in uris if uri.split("/")[0] not in found.left_out and uri.endswith(".md")]
    errors += files.missing_counterparts([*uris, *found.misnamed], written, docs_shown, tuple(derived))
    project.course, page_errors = model.load(docs, root, codes, uris, derived)
    errors += page_errors

    # The course's data is written in the written languages and converted into the derived ones.
    sources_file = docs / DATA / "sources.yml"
    source_errors = []
    if sources_file.exists():
        project.sources, source_errors = bibliography.load(sources_file, project.sources_file, written)
        errors += source_errors
    if not source_errors:  # a file that does not read has its own messages
        errors += bibliography.marker_errors(project.course.pages, project.sources, project.sources_file, sources_file.exists())
    term_files = project.term_files = [path for path in [docs / DATA / "terms.yml", *(docs / m / "terms.yml" for m in found.modules)] if path.exists()]
    project.terms, term_errors = glossary.load(term_files, root, written)
    errors += term_errors

    names = tuple(langs.get(code).name for code in written)
    errors += schemas.stale(root, f"{docs_shown}/{DATA}", written, names)
    banks, bank_errors, findings = bank.read_banks(root, written)
    errors += bank_errors
    for finding in findings:
        (errors if finding.severity == itemcheck.ERROR else project.advice).append(
            ContentError(finding.path, finding.line, finding.message))
    project.banks = {quiz: data for quiz, data in banks.items() if data is not None}
    for c in project.converters.values():
        project.banks = {quiz: c.texts(data) for quiz, data in project.banks.items()}
        project.sources = {id: dataclasses.replace(source, note=c.texts(source.note), converted={**source.converted, c.target: c(source.citation)})
                           for id, source in project.sources.items()}
        project.terms = [dataclasses.replace(term, names=c.texts(term.names), definition=c.texts(term.definition)) for term in project.terms]
    errors += exports.errors(project.banks, root, codes)
    errors += bank.usage_errors(project.course.pages, banks)
    if not found.left_out:  # pages not read may name the bank
        errors += [
            ContentError(f"{bank.FOLDER}/{quiz}.yml", 1, f"no lesson uses this quiz; expected `quiz: {quiz}` in a lesson's front matter, or remove the bank")
            for quiz in bank.unused(project.course.pages, banks)
        ]

    errors += classroom_checks.check(project.course, langs.default.code)
    errors += runsheet.day_errors(project.course, project.classroom, langs.default.code, config_file.name, lines)
    errors += parity.check(project.course, langs.default.code)
    rules, style_errors = style.load(docs / DATA / "style.yml", project._shown(docs / DATA / "style.yml"), codes)
    errors += style_errors
    if rules:
        errors += style.check(rules, project.course, style.data_texts([p for p in [*term_files, sources_file] if p.exists()], root, codes))
    return project


def _converters(project: Project, lines: dict) -> tuple[dict[str, conversion.Converter], list[ContentError]]:
    """A converter for each derived language, with the course's phrase table; the derived
    languages' site names and descriptions, where they give none, converted."""
    langs, errors, made = project.languages, [], {}
    for lang in langs.derived:
        table_file = project.docs / DATA / conversion.FOLDER / f"{lang.code}.yml"
        table, table_errors = conversion.load(table_file, project._shown(table_file), lang.source, lang.code)
        errors += table_errors
        try:
            made[lang.code] = conversion.converter(lang.source, lang.code, lang.convert, table)
        except ValueError as error:
            errors.append(ContentError(project.config_name, yamlsource.line_of(lines, ("extra", "languages", lang.code, "convert")),
                                       f"extra.languages.{lang.code}.convert: {error}; expected one of s2twp, s2tw, s2hk, s2t (OpenCC's configurations)"))
    source_of = {lang.code: langs.get(lang.source) for lang in langs.derived}
    project.languages = settings.Languages(tuple(
        dataclasses.replace(lang, site_name=lang.site_name or made[lang.code](source_of[lang.code].site_name),
                            site_description=lang.site_description or made[lang.code](source_of[lang.code].site_description))
        if lang.code in made else lang
        for lang in langs.all
    ))
    return made, errors
