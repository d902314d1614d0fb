"""Self-check quizzes in pages: the quiz of a lesson (`<!-- md:quiz <id> -->`), the answer key
in a guide (`<!-- md:answer-key -->`) and the learner's progress page (`<!-- md:progress -->`), with
the certificate of completion below the progress table.

The quiz and the answer key are placed after Material's search plugin has indexed the page:
their options, feedback and explanations would give the answers away in search results (and
double the search index, at the cost of build time). The heading above a quiz is searchable.
"""

from __future__ import annotations

from coursekit import glue
from coursekit.core import markers
from coursekit.quiz import render, views


def on_page_content(html, *, page, config, files):
    project, lang = glue.project(config), config.theme["language"]

    def progress(_):
        table = render.render_progress(views.progress(project.course, project.banks, lang, glue.linker(files, page)), lang)
        return table + glue.render(glue.env(config.theme), "certificate", lang, course=config.site_name, pass_mark=project.pass_mark,
                                   **views.certificate(project.course, project.banks, lang))

    return markers.expand(html, "progress", progress)


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
