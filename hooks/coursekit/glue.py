"""The one module of the engine that knows the site generator: MkDocs, or ProperDocs, its
maintained fork, which answers to the same `mkdocs.*` imports when it runs. The rest of the
engine takes and returns plain data; the event files call it through here.
"""

from __future__ import annotations

import logging
import os
import pathlib
import re
import shutil
import tempfile
import time
from collections.abc import Callable

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.commands.build import build as _build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url

from coursekit import project as _project
from coursekit.core import yamlsource
from coursekit.core.errors import ContentError, ContentErrors, raise_all
from coursekit.course import edition
from coursekit.course import preview as preview_files
from coursekit.languages import files as language_files
from coursekit.languages import search as word_search
from coursekit.languages import strings
from coursekit.outputs import bundle, scorm
from coursekit.quiz import bank as quiz_bank

__all__ = ["PluginError", "event_priority", "File", "Files"]

# Both generators log a build's progress, and a page's broken links, under their own names.
_BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")
_PAGE_LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages")
# MkDocs' serve command logs under this name: the preview's own progress goes with it.
_serve_log = logging.getLogger("mkdocs.commands.serve")

# Advice (item-writing warnings) is shown as MkDocs shows a warning, but outside the `mkdocs.*` and
# `properdocs.*` loggers, whose warnings `--strict` counts: a heuristic must not fail a valid build.
_advice_log = logging.getLogger("coursekit.advice")
_advice_log.propagate = False
if not _advice_log.handlers:
    _advice_log.addHandler(logging.StreamHandler())
    _advice_log.handlers[0].setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
# The configuration of the build whose advice was shown.
_reported: list = [None]
# Each build's config, with its reading of the project.
_builds: dict[int, tuple[object, _project.Project]] = {}
# The languages being built, innermost last: the default build runs first and starts the others.
_building: list[str] = []
# The language a preview under `mkdocs serve` builds alone, and the live-reload server whose
# whole-site build follows it (see `preview`).
_previewing: list[str] = []
_catching_up: list = []
# The page each language-neutral path of the current build was read from, for messages.
_real_pages: dict[str, object] = {}
# What the generator found wrong in the current build's pages (links), to stop before writing.
_page_problems: list[ContentError] = []


def project(config) -> _project.Project:
    """The course project of this build, read once for every hook and every language; a content
    mistake in it stops the build, listing every mistake as `path:line: ...`.

    Every hook asks on every page: the files are looked at on a build's first call only (each
    language's build, and each rebuild under `mkdocs serve`, has a config of its own)."""
    try:
        edition.current()
    except edition.UnknownEdition as error:
        raise PluginError(str(error)) from None
    seen, result = _builds.get(id(config), (None, None))
    if seen is not config:
        result = _project.read(
            pathlib.Path(config.config_file_path).resolve(), pathlib.Path(config.docs_dir).resolve(), dict(config.extra),
            _page_uris(config), _ui_languages(config.theme),
        )
        while len(_builds) >= 8:  # the oldest builds' (a build and its languages' stay)
            del _builds[next(iter(_builds))]
        _builds[id(config)] = (config, result)
    if not _building and _reported[0] is not config:  # once a build, though every hook asks
        _reported[0] = config
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
        raise PluginError(f"{name}:{yamlsource.line_of(result.config_lines, ('plugins',))}: the packages edition needs Material's offline plugin; "
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
    if _previewing:
        return  # a preview builds one language; the whole site is built after it
    _building.append(code)
    pages = dict(_real_pages)
    # Material's search plugin is one object for every build of the process (MkDocs keeps a plugin
    # that has `on_startup`), and this language is built inside the default one, before the default
    # one indexes its pages: its settings and index must not stay in the plugin.
    search = config.plugins.get("material/search")
    kept = (dict(search.config), search.search_index) if search else None
    try:
        _build(_config(config, os.path.join(config.site_dir, folder), site_url))
    finally:
        _building.pop()
        _real_pages.clear()
        _real_pages.update(pages)
        if search:
            search.config.update(kept[0])
            search.search_index = kept[1]
        # jieba too is one for the process: the default language's pages are cut with its dictionary.
        outer, lang = project(config), config.theme["language"]
        word_search.prepare(outer.terms, outer.languages.get(lang), outer.converters.get(lang))


def preview(server, config, builder: Callable[[], None]):
    """Under `mkdocs serve`, a saved page is shown within a second: its language's changed pages
    are built and the browsers reloaded, then the whole site is built aside, with every check and
    language of `mkdocs build`, and put in place. Any other change, and every build after a failed
    one, builds the whole site first, as MkDocs does."""
    watching = _Preview(server, config, builder)
    server.builder = watching.build
    server.set_app(watching.noted(server.get_app()))
    # MkDocs polls the watched files every 0.5 s, a quarter of a second on average before a
    # rebuild starts; the course's few hundred files take a few milliseconds to look at.
    for poller in (server.observer, *server.observer.emitters):
        poller._timeout = 0.1
    return server


def give_way() -> None:
    """In the whole-site build that follows a preview, at each page: stop if a newer save waits,
    so that its page is shown first again (the whole site is built after it)."""
    if _catching_up and _catching_up[-1]._want_rebuild:
        raise _GaveWay


def compiled_once(env: Environment) -> Environment:
    """Templates compiled once per machine, not once per build: each language's build, each
    rebuild under `mkdocs serve` and each `mkdocs build` has an environment of its own. Jinja's
    own cache, in the temporary folder as jieba keeps its dictionary; it compiles a template
    again when the template, Jinja or Python changed."""
    if env.bytecode_cache is None:
        folder = pathlib.Path(tempfile.gettempdir()) / "coursekit" / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def language_pages(files: Files, config, code: str) -> Files:
    """The site's files with only the pages of language `code`, each served without its suffix
    (`about.en.md` as `about.md`), so links are written once for every language; in the learner
    edition, without the instructors' pages. A derived language's page without a file of its own
    is its source page, converted."""
    course = project(config).course
    docs = pathlib.Path(os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path))).as_posix()
    converted = {p.path: p for p in course.pages if p.lang == code and p.converted is not None}
    kept = [f for f in files if not f.is_documentation_page()]
    _real_pages.clear()
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
        _real_pages[parts[0]] = course.page(parts[0], code)
        kept.append(page)
    return Files(kept)


def watch_page_logs() -> None:
    """Take MkDocs' own warnings about a page's links as the content mistakes they are: named by
    the file a maintainer edits and the link's line, and kept to stop the build before anything
    is written (`stop_for_page_problems`). `mkdocs build -q` sets the generator's logger to ERROR,
    which drops a warning before any handler (or `--strict`) sees it: the page loggers keep
    WARNING, so a broken link stops the build whatever the verbosity."""
    if not _building:
        _page_problems.clear()  # left by a build that stopped on something else (`mkdocs serve` builds again)
    for name in _PAGE_LOGGERS:
        pages_log = logging.getLogger(name)
        pages_log.setLevel(min(pages_log.getEffectiveLevel(), logging.WARNING))
        if not any(isinstance(f, _PageProblems) for f in pages_log.filters):
            pages_log.addFilter(_PageProblems())


def stop_for_page_problems(config, files: Files) -> None:
    """Stop the build, before it writes anything, if a page has a broken link or anchor. MkDocs
    checks anchors only after writing the pages: they are checked here first (they are known
    once every page is rendered, which is when the `env` event comes)."""
    level = config.validation.links.anchors
    if level >= logging.WARNING:
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.validate_anchor_links(files=files, log_level=level)
    problems = list(_page_problems)
    _page_problems.clear()
    stop(problems)


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
        _envs[id(theme)] = (theme, compiled_once(theme.get_env()))
    return _envs[id(theme)][1]


_envs: dict[int, tuple[Theme, Environment]] = {}


# Helper functions


def _config(config, site_dir: str, site_url: str | None):
    """The configuration of another build of the same mkdocs.yml, into `site_dir`."""
    return load_config(config.config_file_path, site_dir=site_dir, site_url=site_url, strict=config.strict,
                       use_directory_urls=config.use_directory_urls)


class _Preview:
    """`mkdocs serve`'s builder (see `preview`). It uses the live-reload server's own state: the
    epoch the browsers see (`_visible_epoch`), the one being built (`_wanted_epoch`, page requests
    wait while they differ) and whether a newer save waits (`_want_rebuild`)."""

    def __init__(self, server, config, builder: Callable[[], None]) -> None:
        self.server, self.rebuild, self.config = server, builder, config
        self.watched = [pathlib.Path(p) for p in (config.docs_dir, config.config_file_path, *config.watch)]
        self.seen = preview_files.state(self.watched)
        self.known: _project.Project | None = project(config)
        self.served = 0.0  # when the server last served a page or file (time.monotonic)

    def noted(self, app: Callable) -> Callable:
        """The server's WSGI application `app`, noting when it serves a page or a file (not the
        browsers' waiting for a reload)."""

        def serve(environ, start_response):
            if environ.get("PATH_INFO", "").startswith("/livereload/"):
                return app(environ, start_response)
            body = list(app(environ, start_response))
            self.served = time.monotonic()
            return body

        return serve

    def build(self) -> None:
        before, self.seen = self.seen, preview_files.state(self.watched)
        known = self.known
        self.known = None  # until a build succeeds
        shown = known and preview_files.first(
            before, self.seen, pathlib.Path(self.config.docs_dir), known.root / quiz_bank.FOLDER, known.course,
            known.languages.default.code)
        if not shown:
            self.rebuild()
            self.known = project(_reported[0])
            return
        started = time.process_time()
        read = self._quick(known, *shown)
        with self.server._epoch_cond:
            self.server._visible_epoch = self.server._wanted_epoch
            self.server._epoch_cond.notify_all()
        _serve_log.info(f"Reloading browsers: the saved {'page' if len(shown[1]) == 1 else 'pages'} first "
                        f"({time.process_time() - started:.2f} s of CPU), then the whole site")
        self._reloaded(time.monotonic())
        try:
            self.known = self._whole_site()
        except _GaveWay:
            self.known = read
            _serve_log.info("The whole site gives way to a newer save, and is built after it")
        except Exception:
            with self.server._epoch_cond:  # page requests wait, as after any failed build
                self.server._wanted_epoch = self.server._visible_epoch + 1
            raise

    def _reloaded(self, since: float) -> None:
        """Wait until the browsers have fetched the reloaded page and what it loads (nothing served
        for 0.3 s; 2 s at most): the whole-site build would slow them, sharing Python's one lock."""
        while time.monotonic() - since < 2 and time.monotonic() - max(since, self.served) < 0.3:
            time.sleep(0.05)

    def _quick(self, known: _project.Project, code: str, pages: list[str]) -> _project.Project:
        langs = known.languages
        config = _config(self.config, self.config.site_dir, self.config.site_url)
        if code != langs.default.code:
            config = _config(config, os.path.join(config.site_dir, langs.get(code).folder), f"{config.site_url}{langs.root(code)}")
            _building.append(code)
        for neutral in pages:  # MkDocs' dirty build writes the pages whose HTML is older than their source
            page_url(config, neutral)[1].unlink(missing_ok=True)
        _previewing.append(code)
        quiet = _NotDirty()
        for name in _BUILD_LOGGERS:
            logging.getLogger(name).addFilter(quiet)
        try:
            _build(config, serve_url=self.config.site_url, dirty=True)
        finally:
            for name in _BUILD_LOGGERS:
                logging.getLogger(name).removeFilter(quiet)
            _previewing.clear()
            if code != langs.default.code:
                _building.pop()
        return _builds[id(config)][1]

    def _whole_site(self) -> _project.Project:
        site = pathlib.Path(self.config.site_dir)
        aside = pathlib.Path(tempfile.mkdtemp(prefix=f"{site.name}-next-", dir=site.parent))
        _catching_up.append(self.server)
        try:
            config = _config(self.config, str(aside), self.config.site_url)
            _build(config, serve_url=self.config.site_url)
            built = {path.relative_to(aside) for path in aside.rglob("*") if path.is_file()}
            for path in sorted(built):
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                os.replace(aside / path, site / path)
            for path in [p for p in site.rglob("*") if p.is_file() and p.relative_to(site) not in built]:
                path.unlink()
        finally:
            _catching_up.clear()
            shutil.rmtree(aside, ignore_errors=True)
        _serve_log.info("The whole site is built again, every check passed")
        return project(config)


class _GaveWay(Exception):
    """Not a BuildError: MkDocs passes it on as it is, and nothing is logged as an error."""


class _NotDirty(logging.Filter):
    """A preview build is dirty on purpose: MkDocs' warning about it must not stop it (--strict)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _page_uris(config) -> tuple[str, ...]:
    """The documentation pages MkDocs will build, its exclusions (`exclude_docs`) applied."""
    return tuple(sorted(f.src_uri for f in get_files(config) if f.is_documentation_page() and not f.inclusion.is_excluded()))


def _ui_languages(theme: Theme) -> frozenset[str]:
    return frozenset(p.stem for folder in theme.dirs for p in pathlib.Path(folder, "partials", "languages").glob("*.html"))


class _PageProblems(logging.Filter):
    """MkDocs names a page by its language-neutral path ('about.md'): keep the message as a
    content error of the file a maintainer edits, at the line of the link: 'course/about.en.md:12: ...'."""

    _DOC = re.compile(r"^Doc file '(?P<uri>[^']+)' contains (?P<what>.*?'(?P<link>[^']+)'.*)$", re.S)
    _EXPECTED = "expected a link to a page or heading that exists, written without the language suffix (index.md)"
    _LEARNER = "; the learner edition has no instructors' pages: put what links to them in a '/// instructors' block"

    def filter(self, record: logging.LogRecord) -> bool:
        match = self._DOC.match(record.getMessage())
        page = match and _real_pages.get(match["uri"])
        if not page or record.levelno < logging.WARNING:
            return True
        what = match["what"].rstrip(".")
        expected = self._EXPECTED + (self._LEARNER if edition.for_learners() else "")
        _page_problems.append(ContentError(page.path, _link_line(page.visible, match["link"]), f"page contains {what}; {expected}"))
        return False


def _link_line(visible: str, link: str) -> int:
    """The line of a link in a page's text: written as a link target, or else anywhere."""
    for written in (f"]({link}", f"]: {link}", f"<{link}>", link):
        at = visible.find(written)
        if at >= 0:
            return visible.count("\n", 0, at) + 1
    return 1
