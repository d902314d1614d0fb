"""The classroom pack: which PDFs a module has, what the combined pack holds and in what
order, and the download links that sheets, guides and the schedule show."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from coursekit.course import edition, model
from coursekit.languages import strings
from coursekit.outputs import pdf
from coursekit.quiz import render


def kinds(module: model.Module, lang: str) -> tuple[str, ...]:
    """What an instructor prints for a module: its guide, its sheet and, if it has one, its quiz
    paper; in the learner edition, its sheet only."""
    if edition.for_learners():
        return ("exercises",)
    return ("guide", "exercises", "quiz") if module.lesson(lang).meta.get("quiz") else ("guide", "exercises")


def page_links(course: model.Course, page: model.Page, relative: Callable[[str], str]) -> list[dict]:
    """A sheet links to its own PDF; a guide to everything an instructor prints for the module."""
    chosen = ("exercises",) if page.kind == "exercises" else kinds(course.module(page.module), page.lang)
    return [_link(pdf.file_name(page.module, kind, page.lang), f"classroom.pdf.{kind}", page.lang, relative) for kind in chosen]


def pack_links(course: model.Course, lang: str, relative: Callable[[str], str]) -> list[dict]:
    """The combined pack, then every module's PDFs."""
    return [_link(pdf.pack_name(lang), "classroom.pdf.pack", lang, relative)] + [
        _link(pdf.file_name(m.folder, kind, lang), f"classroom.pdf.{kind}", lang, relative, m)
        for m in course.modules
        for kind in kinds(m, lang)
    ]


def documents(course: model.Course, banks: dict, lang: str, built: Callable[[str], tuple[str, pathlib.Path]]) -> list[pdf.Document]:
    """What goes into the pack, in order: the day plan, then per module its guide, sheet and quiz
    paper. `built(neutral path)` is where a page was built: (url, HTML file)."""
    documents = []
    schedule = course.page("instructors/schedule.md", lang)
    if schedule and not edition.for_learners():
        url, path = built(schedule.neutral)
        documents.append(pdf.Document("schedule", None, strings.t("pdf.schedule", lang), pdf.article(path), url))
    for module in course.modules:
        heading = strings.t("pdf.module", lang, n=module.number, title=module.lesson(lang).meta["title"])
        for kind in kinds(module, lang):
            name = pdf.file_name(module.folder, kind, lang)
            label = f"{heading} · {strings.t(f'pdf.{kind}', lang)}"
            if kind == "quiz":
                lesson_url, _ = built(f"{module.folder}/index.md")
                content = render.render_paper(banks[module.lesson(lang).meta["quiz"]], lang)
                documents.append(pdf.Document(kind, name, label, content, lesson_url, strings.t("pdf.quiz", lang)))
            else:
                url, path = built(f"{module.folder}/{kind}.md")
                documents.append(pdf.Document(kind, name, label, pdf.article(path), url))
    return documents


# Helper functions


def _link(name: str, label: str, lang: str, relative: Callable[[str], str], module: model.Module | None = None) -> dict:
    text = strings.t(label, lang)
    if module:
        text = f"{strings.t('pdf.module', lang, n=module.number, title=module.lesson(lang).meta['title'])} · {text}"
    return {"url": relative(f"{pdf.FOLDER}/{name}"), "label": text}
