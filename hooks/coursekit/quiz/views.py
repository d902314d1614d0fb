"""Which quiz a page shows: a guide's answer key is its module's quiz; the progress page lists
every quiz of the course in module order."""

from __future__ import annotations

from collections.abc import Callable

from coursekit.course.model import Course, Page


def module_quiz(course: Course, page: Page) -> str:
    return course.module(page.module).lesson(page.lang).meta["quiz"]


def passing(course: Course, banks: dict, lang: str, url: Callable[[str], str]) -> list[list]:
    """For the check marks of passed modules: each lesson with a quiz, as [its URL from the site's
    root, the quiz id, its number of questions]."""
    lessons = [m.lesson(lang) for m in course.modules]
    return [[url(lesson.neutral), lesson.meta["quiz"], len(banks[lesson.meta["quiz"]]["questions"])] for lesson in lessons if lesson.meta.get("quiz")]


def progress(course: Course, banks: dict, lang: str, link: Callable[[str], str]) -> list[tuple[dict, str, str]]:
    """Every quiz of the course in module order, with the link to and the title of its lesson."""
    lessons = [m.lesson(lang) for m in course.modules]
    return [(banks[lesson.meta["quiz"]], link(lesson.neutral), lesson.meta["title"]) for lesson in lessons if lesson.meta.get("quiz")]
