"""The one module of the engine that knows the site generator: MkDocs, or ProperDocs, its
maintained fork, which answers to the same `mkdocs.*` imports when it runs. The rest of the
engine takes and returns plain data; the event files call it through here.
"""

from __future__ import annotations

import logging
import os
import pathlib
import re
from collections.abc import Callable

from jinja2 import Environment
from mkdocs.commands.build import build as _build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url

from coursekit import project as _project
from coursekit.core.errors import ContentError, ContentErrors, line_of, raise_all
from coursekit.course import edition
from coursekit.languages import files as language_files
from coursekit.languages import strings
from coursekit.outputs import bundle, scorm

__all__ = ["PluginError", "event_priority", "File", "Files"]

# Both generators log a page's broken links under their own name.
_PAGE_LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages")
# Under "mkdocs." so that a warning counts for `--strict` (ProperDocs counts mkdocs.* too).
log = logging.getLogger("mkdocs.hooks.coursekit")

# Advice (item-writing warnings) is shown as MkDocs shows a warning, but outside the `mkdocs.*` and
# `properdocs.*` loggers, whose warnings `--strict` counts: a heuristic must not fail a valid build.
_advice_log = logging.getLogger("coursekit.advice")
_advice_log.propagate = False
if not _advice_log.handlers:
    _advice_log.addHandler(logging.StreamHandler())
    _advice_log.handlers[0].setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
# The configuration of the build whose warnings were shown.
_reported: list = [None]
# The languages being built, innermost last: the default build runs first and starts the others.
_building: list[str] = []
# The project of each build's configuration, by id: hooks ask for it hundreds of times a build.
_projects: dict[int, tuple[object, _project.Project]] = {}
# The file each language-neutral page of the current build was read from, for messages.
_real_paths: dict[str, str] = {}


def project(config) -> _project.Project:
    """The course project of this build, read once for every hook and every language; a content
    mistake in it stops the build, listing every mistake as `path:line: ...`."""
    try:
        edition.current()
    except edition.UnknownEdition as error:
        raise PluginError(str(error)) from None
    known = _projects.get(id(config))
    if known and known[0] is config:
        result = known[1]
    else:
        result = _project.read(
            pathlib.Path(config.config_file_path).resolve(), pathlib.Path(config.docs_dir).resolve(), dict(config.extra),
            _page_uris(config), _ui_languages(config.theme),
        )
        if len(_projects) > 8:  # `mkdocs serve` makes a configuration per rebuild
            _projects.clear()
        _projects[id(config)] = (config, result)
    if not _building and _reported[0] is not config:  # once a build, though every hook asks
        _reported[0] = config
        for warning in result.warnings:
            log.warning(str(warning))
        for advice in result.advice:
            _advice_log.warning(str(advice))
    stop(result.errors)
    strings.use(result.texts)
    return result


def prepare_packages(config, result: _project.Project) -> dict[str, str] | None:
    """For the packages edition: Material's offline plugin on, with the vendored iframe-worker shim
    as its polyfill, instant navigation off, and a stop if the course's quiz progress could outgrow SCORM's suspend_data.
    The folder of each language's site in the packages; None in the other editions."""
    if edition.current() != "packages":
        return None
    offline = config.plugins.get("material/offline")
    if offline is None:
        name = os.path.basename(config.config_file_path)
        raise PluginError(f"{name}:{line_of(config.config_file_path, 'plugins:')}: the packages edition needs Material's offline plugin; "
                          "expected '- offline: {enabled: false}' under plugins (the engine turns it on for this edition)")
    offline.config.enabled = True
    config.extra["polyfills"] = [bundle.SHIM]
    # Material's instant navigation cannot load pages from file://, and with it on there, its
    # `document$` completes before the page has loaded, so no course script would run.
    config.theme["features"] = [f for f in config.theme.get("features", []) if not f.startswith("navigation.instant")]
    langs = result.languages
    if not _building:
        stop(scorm.capacity_errors(result.banks, scorm.quizzes(result.course, result.banks, langs.default.code), result.root))
    return {lang.code: bundle.folder(result.identity.id, langs, lang.code) for lang in langs.all}


def write_packages(config) -> None:
    """After the last language of the packages edition: each language's offline bundle and SCORM
    package, and one SCORM package of every language."""
    if _building or edition.current() != "packages":
        return
    result, site = project(config), pathlib.Path(config.site_dir)
    langs, course_id = result.languages, result.identity.id
    for lang in langs.all:
        bundle.write(site, langs, lang.code, course_id)
        settings = {"quizzes": scorm.quizzes(result.course, result.banks, lang.code), "passMark": result.pass_mark}
        scorm.write(site, langs, (lang.code,), course_id, lang.site_name, settings, f"{course_id}-scorm12-{lang.folder}")
    if len(langs.all) > 1:
        default = langs.default
        settings = {"quizzes": scorm.quizzes(result.course, result.banks, default.code), "passMark": result.pass_mark}
        scorm.write(site, langs, langs.codes, course_id, default.site_name, settings, f"{course_id}-scorm12")


def stop(errors: list[ContentError]) -> None:
    """Stop the build with every content error as a `path:line: ...` line, and no traceback."""
    try:
        raise_all(errors)
    except ContentErrors as error:
        raise PluginError(str(error)) from None


def building() -> str | None:
    """The language whose build is running, when it is not the default one."""
    return _building[-1] if _building else None


def build_language(config, code: str, folder: str, site_url: str | None) -> None:
    """Build the course again in language `code`, into `<site_dir>/<folder>/`."""
    other = load_config(
        config.config_file_path,
        site_dir=os.path.join(config.site_dir, folder),
        site_url=site_url,
        strict=config.strict,
        use_directory_urls=config.use_directory_urls,
    )
    _building.append(code)
    try:
        _build(other)
    finally:
        _building.pop()


def language_pages(files: Files, config, code: str) -> Files:
    """The site's files with only the pages of language `code`, each served without its suffix
    (`about.en.md` as `about.md`), so links are written once for every language; in the learner
    edition, without the instructors' pages. A derived language's page without a file of its own
    is its source page, converted."""
    docs = pathlib.Path(os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path))).as_posix()
    converted = {p.path: p for p in project(config).course.pages if p.lang == code and p.converted is not None}
    kept = [f for f in files if not f.is_documentation_page()]
    _real_paths.clear()
    for source in (f for f in files if f.is_documentation_page()):
        parts = language_files.split(source.src_uri)
        real = f"{docs}/{source.src_uri}"
        if not parts or (parts[1] != code and real not in converted):
            continue
        if edition.for_learners() and edition.instructors_only(parts[0]):
            continue
        page = File(parts[0], config.docs_dir, config.site_dir, config.use_directory_urls)
        if real in converted:
            page.content_string = converted[real].converted
        else:
            page.abs_src_path = source.abs_src_path
        page.edit_uri = source.src_uri
        page.inclusion = source.inclusion
        _real_paths[parts[0]] = real
        kept.append(page)
    return Files(kept)


def name_real_files() -> None:
    """Have MkDocs' own link warnings name the file a maintainer edits, and the link's line."""
    for name in _PAGE_LOGGERS:
        pages_log = logging.getLogger(name)
        if not any(isinstance(f, _NameTheRealFile) for f in pages_log.filters):
            pages_log.addFilter(_NameTheRealFile())


def linker(files: Files, page) -> Callable[[str], str]:
    """`link(neutral path)`: the URL of that page or file relative to `page`."""
    return lambda path: get_relative_url(files.get_file_from_path(path).url, page.url)


def relative(url: str, page) -> str:
    return get_relative_url(url, page.url)


def page_url(config, neutral: str) -> tuple[str, pathlib.Path]:
    """Where a page of this build is served and written: (url, path of its HTML file)."""
    built = File(neutral, config.docs_dir, config.site_dir, config.use_directory_urls)
    return built.url, pathlib.Path(built.abs_dest_path)


def generated(config, path: str, content: str | bytes) -> File:
    return File.generated(config, path, content=content)


def render(env: Environment, name: str, lang: str, **context) -> str:
    """The theme partial `partials/<name>.html`, with `t(key)` giving interface text in `lang`."""
    return env.get_template(f"partials/{name}.html").render(t=lambda key, **v: strings.t(key, lang, **v), **context)


def env(theme: Theme) -> Environment:
    """The theme's Jinja environment, made once per build: MkDocs' `get_env()` makes a new one,
    which compiles every template again, on each call."""
    if _envs.get(id(theme), (None,))[0] is not theme:
        if len(_envs) >= 8:  # older builds (each language's build has a theme of its own)
            _envs.clear()
        _envs[id(theme)] = (theme, theme.get_env())
    return _envs[id(theme)][1]


_envs: dict[int, tuple[Theme, Environment]] = {}


# Helper functions


def _page_uris(config) -> tuple[str, ...]:
    """The documentation pages MkDocs will build, its exclusions (`exclude_docs`) applied."""
    return tuple(sorted(f.src_uri for f in get_files(config) if f.is_documentation_page() and not f.inclusion.is_excluded()))


def _ui_languages(theme: Theme) -> frozenset[str]:
    return frozenset(p.stem for folder in theme.dirs for p in pathlib.Path(folder, "partials", "languages").glob("*.html"))


class _NameTheRealFile(logging.Filter):
    """MkDocs names a page by its language-neutral path ('about.md'); name the file a maintainer
    edits and the line of the link instead: 'course/about.en.md:12: ...'."""

    _DOC = re.compile(r"^Doc file '(?P<uri>[^']+)' contains (?P<what>.*?'(?P<link>[^']+)'.*)$", re.S)
    _EXPECTED = "expected a link to a page or heading that exists, written without the language suffix (index.md)"
    _LEARNER = "; the learner edition has no instructors' pages: put what links to them in a '/// instructors' block"

    def filter(self, record: logging.LogRecord) -> bool:
        match = self._DOC.match(record.getMessage())
        path = match and _real_paths.get(match["uri"])
        if path:
            what = match["what"].rstrip(".")
            expected = self._EXPECTED + (self._LEARNER if edition.for_learners() else "")
            record.msg = f"{path}:{line_of(path, match['link'])}: page contains {what}; {expected}"
            record.args = ()
        return True
