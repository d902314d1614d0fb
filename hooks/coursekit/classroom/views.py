"""What the classroom pages show, as data for their templates: a guide's run-sheet with its
clock times, the course's day plan, and a module's presenter view."""

from __future__ import annotations

import html
from collections.abc import Callable

from coursekit.classroom import presenter, runsheet
from coursekit.course import model
from coursekit.languages import strings

# Where a module's presenter view is written, below its language's site root.
SLIDES = "{folder}/slides/index.html"


def runsheet_view(course: model.Course, page: model.Page, plan: runsheet.Settings) -> dict:
    """The guide's run-sheet at the clock times of its module's slot in the day plan."""
    day, start = runsheet.slot_of(course, plan, page.lang, page.module)
    rows = runsheet.timed(page.meta["runsheet"], start)
    return {"rows": rows, "day": day, "start": rows[0].start, "end": runsheet.end_of(rows), "total": sum(row.minutes for row in rows)}


def schedule_view(course: model.Course, plan: runsheet.Settings, lang: str, link: Callable[[str], str]) -> dict:
    def slot(s: runsheet.Slot) -> dict:
        if not s.module:
            return {"start": s.start, "kind": s.kind, "minutes": s.minutes}
        return {"start": s.start, "kind": s.kind, "minutes": s.minutes, "module": s.module,
                "title": s.module.lesson(lang).meta["title"], "url": link(f"{s.module.folder}/guide.md")}

    days = [[slot(s) for s in day] for day in runsheet.day_plan(course, plan, lang)]
    minutes = sum(m.lesson(lang).meta["duration"] for m in course.modules)
    return {"days": days, "count": len(course.modules), "minutes": minutes}


def presenter_view(course: model.Course, module: model.Module, lang: str, plan: runsheet.Settings, pages: dict[str, str]) -> dict:
    """A module's slides and their speaker notes, from its kept pages (presenter.keep), at the
    clock times of its slot in the day plan."""
    guide = module.pages["guide"][lang]
    _, start = runsheet.slot_of(course, plan, lang, module.folder)
    rows = runsheet.timed(guide.meta["runsheet"], start)
    lesson = module.lesson(lang)
    objectives = "<ul>" + "".join(f"<li>{html.escape(o)}</li>" for o in lesson.meta["objectives"]) + "</ul>"
    slides, activities = presenter.deck(pages["lesson"], pages["exercises"], pages["guide"], rows, objectives)
    return {"slides": slides, "activities": activities, "language": lang,
            "heading": strings.t("pdf.module", lang, n=module.number, title=lesson.meta["title"])}
