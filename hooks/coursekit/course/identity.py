"""Who the course is, from `extra.course` of mkdocs.yml: an id that names the learners' saved
progress in their browsers (`<id>/v1/...`), so two courses on one origin never share it, and
the ids it had before, whose progress is carried over once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError
from coursekit.languages import strings

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Identity:
    id: str
    former_ids: tuple[str, ...] = ()


def from_extra(extra: dict, path: str, lines: dict) -> Identity:
    course = extra.get("course")
    if not isinstance(course, dict):
        raise ContentError(path, yamlsource.line_of(lines, ("extra", "course")),
                           "no course identity; expected extra.course with an id, like {id: workplace-safety} (it names the learners' saved progress)")
    for key in course:
        if key not in ("id", "former_ids", "pass_mark"):
            raise ContentError(path, yamlsource.line_of(lines, ("extra", "course", key)),
                               f"extra.course has unknown key '{key}'; expected only id, former_ids and pass_mark")
    if not isinstance(course.get("id"), str) or not _ID.match(course["id"]):
        raise ContentError(path, yamlsource.line_of(lines, ("extra", "course", "id")),
                           f"extra.course.id is {course.get('id')!r}; expected lowercase letters, digits and dashes, like workplace-safety")
    former = course.get("former_ids", [])
    if not isinstance(former, list) or not all(isinstance(i, str) and _ID.match(i) for i in former):
        raise ContentError(path, yamlsource.line_of(lines, ("extra", "course", "former_ids")),
                           "extra.course.former_ids is not a list of ids; expected e.g. [old-course-id]")
    return Identity(course["id"], tuple(former))


def browser_settings(identity: Identity, pass_mark: int, lang: str, quizzes: list) -> dict:
    """What the course's scripts are told on every page: where they keep progress, the pass mark
    (percent), the lessons' quizzes (for the check marks of passed modules), and their words."""
    return {"id": identity.id, "formerIds": list(identity.former_ids), "passMark": pass_mark, "quizzes": quizzes,
            "t": strings.group("js", lang)}
