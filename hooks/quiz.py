"""Self-check quizzes in pages: the quiz of a lesson (`<!-- md:quiz <id> -->`), the answer key
in a guide (`<!-- md:answer-key -->`) and the learner's progress page (`<!-- md:progress -->`);
and, after each language's build of the full edition, every bank as Moodle XML and GIFT for the
instructors' downloads (coursekit/outputs/exports.py).

The quiz and the answer key are placed after Material's search plugin has indexed the page:
their options, feedback and explanations would give the answers away in search results (and
double the search index, at the cost of build time). The heading above a quiz is searchable.
"""

from __future__ import annotations

import pathlib

from coursekit import glue
from coursekit.core import markers
from coursekit.course import edition
from coursekit.languages import strings
from coursekit.outputs import exports, gift, moodle
from coursekit.quiz import render, views


def on_page_content(html, *, page, config, files):
    project, lang = glue.project(config), config.theme["language"]
    return markers.expand(html, "progress", lambda _: render.render_progress(
        views.progress(project.course, project.banks, lang, glue.linker(files, page)), lang))


@glue.event_priority(-50)  # after the search plugin's on_page_context, which indexes page.content
def on_page_context(context, *, page, config, nav):
    project, lang = glue.project(config), config.theme["language"]
    info = project.course.page(page.file.src_uri, lang)
    if info is None or not page.content:
        return context
    banks = project.banks
    html = markers.expand(page.content, "quiz", lambda ids: render.render_quiz(banks[ids[0]], lang))
    page.content = markers.expand(html, "answer-key", lambda _: render.render_answer_key(banks[views.module_quiz(project.course, info)], lang))
    return context


def on_post_build(*, config):
    if edition.for_learners():
        return
    project, lang = glue.project(config), config.theme["language"]
    glue.stop(exports.errors(project.banks, project.root, project.languages.codes))
    out = pathlib.Path(config.site_dir) / exports.FOLDER
    out.mkdir(parents=True, exist_ok=True)

    def t(key, **values):
        return strings.t(key, lang, **values)

    for quiz, bank in project.banks.items():
        category = exports.category(config.site_name, bank["title"][lang])
        for kind, export in (("moodle", moodle.export), ("gift", gift.export)):
            (out / exports.file_name(quiz, lang, kind)).write_text(export(bank, lang, category, t), "utf-8")
