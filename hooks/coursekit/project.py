"""One reading of a whole course project: its settings in mkdocs.yml, its pages, quiz banks,
sources and terms, and every mistake in them. Every hook of every language's build shares it,
and `mkdocs serve` reads the project again only when one of its files changed.
"""

from __future__ import annotations

import functools
import json
import pathlib
from dataclasses import dataclass, field

from coursekit.classroom import checks as classroom_checks
from coursekit.classroom import runsheet
from coursekit.core import yamlsource
from coursekit.core.errors import ContentError
from coursekit.course import bibliography, glossary, identity, model
from coursekit.languages import files, settings, strings
from coursekit.quality import parity, style
from coursekit.quiz import bank, itemcheck
from coursekit.quiz import settings as quiz_settings

DATA = "_data"  # below the docs dir: sources, terms, the course's own interface text


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
    classroom: runsheet.Settings | None = None
    pass_mark: int = quiz_settings.DEFAULT_PASS_MARK  # percent
    errors: list[ContentError] = field(default_factory=list)  # each stops the build
    warnings: list[ContentError] = field(default_factory=list)  # each stops a --strict build
    advice: list[ContentError] = field(default_factory=list)  # shown, never stops a build: heuristics a person judges

    @property
    def sources_file(self) -> str:
        return self._shown(self.docs / DATA / "sources.yml")

    def _shown(self, path: pathlib.Path) -> str:
        return path.relative_to(self.root).as_posix()


def read(config_file: pathlib.Path, docs: pathlib.Path, extra: dict, uris: tuple[str, ...],
         ui_languages: frozenset[str] | None = None) -> Project:
    """The project whose mkdocs.yml is `config_file`, with docs dir `docs`, the `extra` settings
    of mkdocs.yml and `uris`, the documentation pages MkDocs builds (exclusions applied); read
    again only when one of its files changed."""
    root = config_file.parent
    watched = [config_file, *sorted(p for p in docs.rglob("*") if p.suffix in (".md", ".yml")),
               *sorted((root / bank.FOLDER).glob("*.yml"))]
    state = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in watched if p.is_file())
    return _read(config_file, docs, json.dumps(extra, default=str), uris, ui_languages, state)


# Helper functions


@functools.lru_cache(maxsize=2)
def _read(config_file: pathlib.Path, docs: pathlib.Path, extra_json: str, uris: tuple[str, ...],
          ui_languages: frozenset[str] | None, state: tuple) -> Project:
    extra = json.loads(extra_json)
    root = config_file.parent
    project = Project(root, docs, config_file.name)
    errors = project.errors
    try:
        lines = yamlsource.key_lines(config_file.read_text("utf-8"), config_file.name)
        project.identity = identity.from_extra(extra, config_file.name, lines)
        project.languages = settings.from_extra(extra, config_file.name, lines, ui_languages)
        project.classroom = runsheet.settings(extra, config_file.name, lines)
        project.pass_mark = quiz_settings.pass_mark(extra, config_file.name, lines)
    except ContentError as error:
        errors.append(error)
        return project  # the rest depends on these settings
    langs = project.languages
    codes = langs.codes

    def listed(code: str) -> tuple[str, int]:
        return config_file.name, yamlsource.line_of(lines, ("extra", "languages", code))

    project.texts, text_errors = strings.load(codes, docs / DATA / "strings", root, listed)
    errors += text_errors

    docs_shown = docs.relative_to(root).as_posix()
    errors += files.missing_counterparts(list(uris), codes, docs_shown)
    project.course, page_errors = model.load(docs, root, codes, list(uris))
    errors += page_errors

    sources_file = docs / DATA / "sources.yml"
    if sources_file.exists():
        project.sources, source_errors = bibliography.load(sources_file, project.sources_file, codes)
        errors += source_errors
    errors += bibliography.marker_errors(project.course.pages, project.sources, project.sources_file)
    term_files = [path for path in [docs / DATA / "terms.yml", *sorted(docs.glob("[0-9][0-9]-*/terms.yml"))] if path.exists()]
    project.terms, term_errors = glossary.load(term_files, root, codes)
    errors += term_errors

    names = tuple(lang.name for lang in langs.all)
    errors += bank.editor_schema_errors(root, codes, names)
    project.banks, bank_errors, findings = bank.read_banks(root, codes)
    errors += bank_errors
    for finding in findings:
        (errors if finding.severity == itemcheck.ERROR else project.advice).append(
            ContentError(finding.path, finding.line, finding.message))
    errors += bank.usage_errors(project.course.pages, project.banks)
    project.warnings += [
        ContentError(f"{bank.FOLDER}/{quiz}.yml", 1, f"no lesson uses this quiz; expected `quiz: {quiz}` in a lesson's front matter, or remove the bank")
        for quiz in bank.unused(project.course.pages, project.banks)
    ]

    errors += classroom_checks.check(project.course, root, langs.default.code)
    errors += parity.check(project.course, root, langs.default.code)
    rules, style_errors = style.load(docs / DATA / "style.yml", project._shown(docs / DATA / "style.yml"), codes)
    errors += style_errors
    if rules:
        errors += style.check(rules, project.course, root, style.data_texts([*term_files, sources_file], root, codes))
    return project
