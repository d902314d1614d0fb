"""The navigation of one language, made from the course: the learner's path first, the
reference pages, the instructors' section last (none in the learner edition). A site page the
course does not have is left out, and so is a section left empty."""

from __future__ import annotations

from coursekit.course import edition, frontmatter
from coursekit.course.model import Course
from coursekit.languages import strings

# The engine's site pages, in the order the navigation shows them (new-course writes them all).
START = ("learners.md", "course-map.md")
REFERENCE = ("glossary.md", "sources.md", "about.md")
INSTRUCTORS = ("instructors/index.md", "instructors/schedule.md")


def nav(course: Course, lang: str) -> list:
    exists = {p.neutral for p in course.pages if p.lang == lang and not (edition.for_learners() and edition.instructors_only(p.neutral))}
    listed = {"index.md", *START, *REFERENCE, *INSTRUCTORS, "progress.md"}
    complete = [m for m in course.modules if len(m.pages) == 3]
    learn = [
        {
            f"{m.number} · {m.lesson(lang).meta['title']}": [
                {strings.t("nav.lesson", lang): f"{m.folder}/index.md"},
                {strings.t("nav.exercises", lang): f"{m.folder}/exercises.md"},
            ]
        }
        for m in complete
    ]
    guides = [{f"{m.number} · {m.lesson(lang).meta['title']}": f"{m.folder}/guide.md"} for m in complete if f"{m.folder}/guide.md" in exists]
    others = sorted(p for p in exists if p not in listed and not frontmatter.kind_of(p)[1])
    sections = [
        *[p for p in ("index.md",) if p in exists],
        {strings.t("nav.start", lang): [p for p in START if p in exists]},
        {strings.t("nav.modules", lang): learn},
        *[p for p in ("progress.md",) if p in exists],
        {strings.t("nav.reference", lang): [p for p in REFERENCE if p in exists] + others},
        {strings.t("nav.instructors", lang): [p for p in INSTRUCTORS if p in exists] + ([{strings.t("nav.guides", lang): guides}] if guides else [])},
    ]
    return [s for s in sections if not isinstance(s, dict) or next(iter(s.values()))]
