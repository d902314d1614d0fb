"""The course's quiz settings from `extra.course` of mkdocs.yml: the pass mark, the share of a
quiz's questions a learner must get right for it to count as passed (completion marks, the
certificate, an LMS's passed or failed)."""

from __future__ import annotations

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError

DEFAULT_PASS_MARK = 80  # percent


def pass_mark(extra: dict, path: str, lines: dict) -> int:
    course = extra.get("course") if isinstance(extra.get("course"), dict) else {}
    value = course.get("pass_mark", DEFAULT_PASS_MARK)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 100:
        raise ContentError(path, yamlsource.line_of(lines, ("extra", "course", "pass_mark")),
                           f"extra.course.pass_mark is {value!r}; expected a whole percentage from 1 to 100, like 80")
    return value


def passed(best: int, total: int, mark: int) -> bool:
    """Whether a best score of `best` out of `total` questions reaches the pass mark."""
    return total > 0 and best * 100 >= mark * total
