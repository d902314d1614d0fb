"""Self-check quizzes in pages: the quiz of a lesson (`<!-- md:quiz <id> -->`), the answer key
in a guide (`<!-- md:answer-key -->`) and the learner's progress page (`<!-- md:progress -->`).

The quiz and the answer key are placed after Material's search plugin has indexed the page:
their options, feedback and explanations would give the answers away in search results (and
double the search index, at the cost of build time). The heading above a quiz is searchable.

MkDocs glue only: quizbank.py loads and checks the banks, quizrender.py turns them into HTML.
"""

from __future__ import annotations

import logging
import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import glue
import markers
import modules
import quizbank
import quizrender
from errors import ContentError, ContentErrors

# Under "mkdocs." so that a warning counts for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.hooks.quiz")

_banks: dict[str, quizbank.Bank]
_course: modules.Course


def on_config(config: MkDocsConfig) -> None:
    global _banks, _course
    root = pathlib.Path(config.config_file_path).parent
    # Mistakes in the pages themselves are course.py's to report; here only the quizzes count.
    _course, _ = modules.shared(pathlib.Path(config.docs_dir), root, tuple(config.extra["languages"]))
    try:
        _banks = quizbank.load_banks(root)
    except (ContentError, ContentErrors) as error:
        raise PluginError(str(error)) from None
    glue.stop(quizbank.usage_errors(_course.pages, _banks))
    for quiz in quizbank.unused(_course.pages, _banks):
        log.warning(f"quizzes/{quiz}.yml:1: no lesson uses this quiz; expected `quiz: {quiz}` in a lesson's front matter, or remove the bank")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = config.theme["language"]
    return markers.expand(html, "progress", lambda _: quizrender.render_progress(_progress(lang, page, files), lang))


@event_priority(-50)  # after the search plugin's on_page_context, which indexes page.content
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    lang = config.theme["language"]
    info = _course.page(page.file.src_uri, lang)
    if info is not None and page.content:
        html = markers.expand(page.content, "quiz", lambda ids: quizrender.render_quiz(_banks[ids[0]], lang))
        page.content = markers.expand(html, "answer-key", lambda _: quizrender.render_answer_key(_banks[_module_quiz(info)], lang))
    return context


# Helper functions


def _module_quiz(page: modules.Page) -> str:
    return _course.module(page.module).lesson(page.lang).meta["quiz"]


def _progress(lang: str, page: Page, files: Files) -> list[tuple[quizbank.Bank, str, str]]:
    """Every quiz of the course in module order, with the link to and the title of its lesson."""
    lessons = [m.lesson(lang) for m in _course.modules]
    return [
        (_banks[lesson.meta["quiz"]], get_relative_url(files.get_file_from_path(lesson.neutral).url, page.url), lesson.meta["title"])
        for lesson in lessons
        if lesson.meta.get("quiz")
    ]
