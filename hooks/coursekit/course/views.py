"""What the course's generated pages show, as data for their templates: the course map, the
glossary, the sources, and the heading a module page opens with."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from coursekit.course import glossary
from coursekit.course.model import Course, Page
from coursekit.languages import strings


def heading(course: Course, page: Page) -> str:
    """The Markdown a module page opens with: its full title (the navigation names it briefly:
    "Exercise sheet"), and for a lesson and its guide the module's objectives, written once in
    the lesson."""
    title = f"# {page.meta['title']}\n\n"
    if page.kind == "exercises":
        return title
    lesson = course.module(page.module).lesson(page.lang)
    items = "\n".join(f"    - {objective}" for objective in lesson.meta["objectives"])
    return f'{title}!!! objectives "{strings.t("lesson.objectives", page.lang)}"\n\n{items}\n\n'


def course_map(course: Course, lang: str, link: Callable[[str], str]) -> dict:
    """Every module with its summary, objectives and time; `link(path)` is a page's URL."""
    rows = [
        {"number": m.number, "url": link(f"{m.folder}/index.md"), "exercises": link(f"{m.folder}/exercises.md"),
         "meta": m.lesson(lang).meta}
        for m in course.modules
    ]
    minutes = sum(row["meta"]["duration"] for row in rows)
    return {"rows": rows, "count": len(rows), "hours": round(minutes / 60, 1)}


def not_found(course: Course, lang: str, root: str, others: dict[str, str]) -> dict:
    """The 404 page of `lang`, whose site is at the absolute path `root`; `others` are the other
    languages' roots relative to it (`{"en": "en/"}`)."""
    roots = {code: posixpath.normpath(posixpath.join(root, link)).rstrip("/") + "/" for code, link in others.items()}
    return {
        "title": strings.t("notfound.title", lang), "text": strings.t("notfound.text", lang), "search": strings.t("notfound.search", lang),
        "home": root, "home_name": strings.t("notfound.home", lang),
        "map": f"{root}course-map/", "map_name": strings.t("notfound.map", lang),
        "modules": [{"url": f"{root}{m.folder}/", "name": strings.t("notfound.module", lang, n=m.number, title=m.lesson(lang).meta["title"])}
                    for m in course.modules],
        "roots": roots,
        "others": [{"lang": code, "home": url, "text": strings.t("notfound.other", code)} for code, url in roots.items() if code != lang],
    }


def glossary_entries(terms: list[glossary.Term], lang: str, others: tuple[str, ...]) -> dict:
    """The glossary of `lang`, each term with its names in the `others` languages."""
    return {"terms": glossary.entries(terms, lang, others)}


def tooltips(html: str, terms: list[glossary.Term], lang) -> str:
    """A lesson's HTML with the first use of each term marked with its definition."""
    return glossary.add_tooltips(html, terms, lang.code, lang.spaced)
