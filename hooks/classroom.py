"""The classroom kit: exercise blocks, the guides' run-sheets, the day plan, the
print button and the PDF pack.

MkDocs glue only; the rules live in exercises.py, runsheet.py and pdfpack.py. The PDFs are
built after each language's build when the environment has COURSE_PDF=1 (the published site,
CI, the tests); without it the pages do not link to them, so `mkdocs serve` stays quick.
"""

from __future__ import annotations

import os
import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import exercises
import glue
import markers
import modules
import pdfpack
import quizbank
import quizrender
import runsheet
import strings
from errors import ContentError, ContentErrors

_course: modules.Course
_plan: runsheet.Settings
# Markers this hook renders, and the page kinds they may appear in (None: any page).
_MARKERS = {"runsheet": ("guide",), "schedule": None, "pdf-links": None}


def on_config(config: MkDocsConfig) -> None:
    global _course, _plan
    root = pathlib.Path(config.config_file_path).parent
    codes = tuple(config.extra["languages"])
    _course, _ = modules.shared(pathlib.Path(config.docs_dir), root, codes)
    errors = _course.once("classroom", lambda: _check(_course, root, codes[0]))
    try:
        _plan = runsheet.settings(config.extra, os.path.basename(config.config_file_path))
    except ContentError as error:
        errors.append(error)
    glue.stop(errors)
    config.markdown_extensions.append(exercises.ExercisesExtension(config.theme["language"]))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = config.theme["language"]
    env = glue.env(config.theme)
    info = _course.page(page.file.src_uri, lang)
    html = markers.expand(html, "runsheet", lambda _: glue.render(env, "runsheet", lang, **_runsheet(info)))
    html = markers.expand(html, "schedule", lambda _: glue.render(env, "schedule", lang, **_schedule(lang, page, files)))
    html = markers.expand(html, "pdf-links", lambda _: glue.render(env, "pdf-links", lang, pdfs=_pack_links(lang, page)))
    if info is None or info.kind not in ("exercises", "guide"):
        return html
    return glue.render(env, "classroom-page", lang, content=html, kind=info.kind, module=info.module, pdfs=_page_links(info, page))


def on_post_build(*, config: MkDocsConfig) -> None:
    if not _pdf_enabled():
        return
    lang = config.theme["language"]
    root = pathlib.Path(config.config_file_path).parent
    try:
        pdfpack.require_cjk_font()
        banks = quizbank.load_banks(root)
    except (pdfpack.MissingFont, ContentError, ContentErrors) as error:
        raise PluginError(str(error)) from None
    pdfpack.build(
        pdfpack.Pack(
            lang=lang,
            title=f"{config.site_name} · {strings.t('pdf.pack', lang)}",
            out=pathlib.Path(config.site_dir, pdfpack.FOLDER),
            name=pdfpack.pack_name(lang),
            documents=_documents(config, lang, banks),
            stylesheets=[pathlib.Path(config.site_dir, path) for path in [*config.extra_css, pdfpack.PRINT_CSS]],
            site_dir=pathlib.Path(config.site_dir),
            site_url=config.site_url or pathlib.Path(config.site_dir).as_uri() + "/",
        ),
        glue.env(config.theme),
        lambda key, **values: strings.t(key, lang, **values),
    )


# Helper functions


def _check(course: modules.Course, root: pathlib.Path, default: str) -> list[ContentError]:
    errors = runsheet.check(course, default)
    for page in course.pages:
        errors += exercises.check((root / page.path).read_text("utf-8"), page.path, page.kind)
        errors += _marker_errors(page)
    return errors


def _pdf_enabled() -> bool:
    return os.environ.get("COURSE_PDF") == "1"


def _runsheet(info: modules.Page) -> dict:
    rows = runsheet.timed(info.meta["runsheet"], _plan.start)
    return {"rows": rows, "end": runsheet.end_of(rows), "total": sum(row.minutes for row in rows)}


def _schedule(lang: str, page: Page, files: Files) -> dict:
    def slot(s: runsheet.Slot) -> dict:
        if not s.module:
            return {"start": s.start, "kind": s.kind, "minutes": s.minutes}
        guide = files.get_file_from_path(f"{s.module.folder}/guide.md")
        return {"start": s.start, "kind": s.kind, "minutes": s.minutes, "module": s.module,
                "title": s.module.lesson(lang).meta["title"], "url": get_relative_url(guide.url, page.url)}

    days = [[slot(s) for s in day] for day in runsheet.day_plan(_course, _plan, lang)]
    minutes = sum(m.lesson(lang).meta["duration"] for m in _course.modules)
    return {"days": days, "count": len(_course.modules), "minutes": minutes}


def _page_links(info: modules.Page, page: Page) -> list[dict]:
    """A sheet links to its own PDF; a guide to everything an instructor prints for the module."""
    if not _pdf_enabled():
        return []
    kinds = ("exercises",) if info.kind == "exercises" else _module_kinds(_course.module(info.module), info.lang)
    return [_link(pdfpack.file_name(info.module, kind, info.lang), f"classroom.pdf.{kind}", info.lang, page) for kind in kinds]


def _pack_links(lang: str, page: Page) -> list[dict]:
    if not _pdf_enabled():
        return []
    return [_link(pdfpack.pack_name(lang), "classroom.pdf.pack", lang, page)] + [
        _link(pdfpack.file_name(m.folder, kind, lang), f"classroom.pdf.{kind}", lang, page, m)
        for m in _course.modules
        for kind in _module_kinds(m, lang)
    ]


def _link(name: str, label: str, lang: str, page: Page, module: modules.Module | None = None) -> dict:
    text = strings.t(label, lang)
    if module:
        text = f"{strings.t('pdf.module', lang, n=module.number, title=module.lesson(lang).meta['title'])} · {text}"
    return {"url": get_relative_url(f"{pdfpack.FOLDER}/{name}", page.url), "label": text}


def _module_kinds(module: modules.Module, lang: str) -> tuple[str, ...]:
    return ("guide", "exercises", "quiz") if module.lesson(lang).meta.get("quiz") else ("guide", "exercises")


def _documents(config: MkDocsConfig, lang: str, banks: dict) -> list[pdfpack.Document]:
    """What goes into the pack, in order: the day plan, then per module its guide, sheet and quiz paper."""

    def page(neutral: str) -> tuple[str, pathlib.Path]:
        built = File(neutral, config.docs_dir, config.site_dir, config.use_directory_urls)
        return built.url, pathlib.Path(built.abs_dest_path)

    documents = []
    schedule = _course.page("instructors/schedule.md", lang)
    if schedule:
        url, path = page(schedule.neutral)
        documents.append(pdfpack.Document("schedule", None, strings.t("pdf.schedule", lang), pdfpack.article(path), url))
    for module in _course.modules:
        heading = strings.t("pdf.module", lang, n=module.number, title=module.lesson(lang).meta["title"])
        for kind in _module_kinds(module, lang):
            name = pdfpack.file_name(module.folder, kind, lang)
            label = f"{heading} · {strings.t(f'pdf.{kind}', lang)}"
            if kind == "quiz":
                lesson_url, _ = page(f"{module.folder}/index.md")
                content = quizrender.render_paper(banks[module.lesson(lang).meta["quiz"]], lang)
                documents.append(pdfpack.Document(kind, name, label, content, lesson_url, strings.t("pdf.quiz", lang)))
            else:
                url, path = page(f"{module.folder}/{kind}.md")
                documents.append(pdfpack.Document(kind, name, label, pdfpack.article(path), url))
    return documents


def _marker_errors(page: modules.Page) -> list[ContentError]:
    errors = []
    for marker in (m for m in page.markers if m.name in _MARKERS):
        kinds = _MARKERS[marker.name]
        if kinds and page.kind not in kinds:
            errors.append(ContentError(page.path, marker.line, f"'md:{marker.name}' is not allowed here; expected it only in a {' or '.join(kinds)} page"))
        if marker.args:
            errors.append(ContentError(page.path, marker.line, f"'md:{marker.name}' takes no arguments; expected '<!-- md:{marker.name} -->'"))
    return errors

