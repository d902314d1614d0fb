"""Classroom timing: a module's run-sheet (from its guide's front matter) and the course's day plan.

Plain functions over the course data and the `extra.classroom` settings of mkdocs.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError
from coursekit.course import model

KINDS = ("teach", "exercise", "role-play", "debrief", "break")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_ROW_KEYS = ("activity", "kind", "minutes")


@dataclass(frozen=True)
class Settings:
    """`extra.classroom` of mkdocs.yml: when a day starts and ends, and the pauses between modules."""

    start: int  # minutes after midnight
    end: int
    pause: int  # minutes between two modules
    lunch_after: int  # the first pause at or after this time is lunch
    lunch: int  # minutes


@dataclass(frozen=True)
class Row:
    start: str  # HH:MM
    activity: str
    kind: str
    minutes: int
    offset: int = 0  # minutes after the module's start


@dataclass(frozen=True)
class Slot:
    """One line of the day plan: a module, a break or lunch."""

    start: str
    kind: str  # module, break or lunch
    minutes: int
    module: model.Module | None = None


DEFAULTS = {"start": "09:00", "end": "17:30", "break": 15, "lunch": {"after": "11:30", "minutes": 60}}


def settings(extra: dict, path: str, lines: dict | None = None) -> Settings:
    """Read `extra.classroom` of mkdocs.yml (at `path`, the line of each key in `lines`); every
    key has a default (DEFAULTS)."""
    lines = lines or {}

    def at(*where: str) -> int:
        return yamlsource.line_of(lines, ("extra", "classroom", *where))

    given = extra.get("classroom") or {}
    if not isinstance(given, dict):
        raise ContentError(path, at(), "extra.classroom is not a mapping; expected keys start, end, break, lunch")
    unknown = [key for key in given if key not in DEFAULTS]
    if unknown:
        raise ContentError(path, at(unknown[0]), f"extra.classroom has unknown key '{unknown[0]}'; expected only {', '.join(DEFAULTS)}")
    lunch = given.get("lunch", DEFAULTS["lunch"])
    if not isinstance(lunch, dict) or set(lunch) != {"after", "minutes"}:
        raise ContentError(path, at("lunch"), 'extra.classroom.lunch is not valid; expected {after: "11:30", minutes: 60}')
    result = Settings(
        start=_clock(given.get("start", DEFAULTS["start"]), "start", path, at("start")),
        end=_clock(given.get("end", DEFAULTS["end"]), "end", path, at("end")),
        pause=_minutes(given.get("break", DEFAULTS["break"]), "break", path, at("break")),
        lunch_after=_clock(lunch["after"], "lunch.after", path, at("lunch", "after")),
        lunch=_minutes(lunch["minutes"], "lunch.minutes", path, at("lunch", "minutes")),
    )
    if result.end <= result.start:
        raise ContentError(path, at("end"), "extra.classroom.end is not after start; expected a day that ends after it begins")
    if not result.start <= result.lunch_after < result.end:
        raise ContentError(path, at("lunch", "after"), f"extra.classroom.lunch.after is {lunch['after']!r}, outside the day "
                                                       f"({_format(result.start)} to {_format(result.end)}); expected a time between start and end")
    return result


def day_errors(course: model.Course, plan: Settings, default: str, path: str, lines: dict) -> list[ContentError]:
    """A module longer than the classroom day would run past its end on the schedule."""
    lessons = [m.pages.get("lesson", {}).get(default) for m in course.modules]
    timed = [lesson for lesson in lessons if lesson and isinstance(lesson.meta.get("duration"), int)]
    if not timed:
        return []
    longest = max(timed, key=lambda lesson: lesson.meta["duration"])
    day = plan.end - plan.start
    if longest.meta["duration"] <= day:
        return []
    return [ContentError(path, yamlsource.line_of(lines, ("extra", "classroom", "end")),
                         f"extra.classroom: the day from {_format(plan.start)} to {_format(plan.end)} is {day} minutes, shorter than module "
                         f"{longest.module} ({longest.meta['duration']} minutes, {longest.path}:{yamlsource.line_of(longest.lines, ('duration',))}); "
                         "expected a day long enough for the longest module")]


def timed(runsheet: list[dict], start: int) -> list[Row]:
    """The rows of a checked run-sheet with the time each one starts."""
    rows, clock = [], start
    for row in runsheet:
        rows.append(Row(_format(clock), row["activity"], row["kind"], row["minutes"], clock - start))
        clock += row["minutes"]
    return rows


def end_of(rows: list[Row]) -> str:
    return _format(_parse(rows[-1].start) + rows[-1].minutes) if rows else ""


def check(course: model.Course, default: str) -> list[ContentError]:
    """Every run-sheet mistake: malformed rows, a total that is not the lesson's duration, languages that
    differ (reported on the translation, naming the `default` language's guide)."""
    errors = []
    for module in course.modules:
        guides = module.pages.get("guide", {})
        lessons = module.pages.get("lesson", {})
        for lang, guide in guides.items():
            row_errors = _row_errors(guide)
            errors += row_errors
            lesson = lessons.get(lang)
            rows = guide.meta.get("runsheet")
            if row_errors or not rows or not isinstance(rows, list) or not lesson or not isinstance(lesson.meta.get("duration"), int):
                continue
            total = sum(row["minutes"] for row in guide.meta["runsheet"])
            if total != lesson.meta["duration"]:
                errors.append(ContentError(
                    guide.path, guide.lines[("runsheet",)],
                    f"run-sheet: the rows add up to {total} minutes but the lesson's duration is {lesson.meta['duration']} "
                    f"({lesson.path}:{lesson.lines[('duration',)]}); expected the minutes to add up to the duration",
                ))
        errors += _parity_errors(sorted(guides.values(), key=lambda guide: guide.lang != default))
    return errors


def day_plan(course: model.Course, plan: Settings, lang: str) -> list[list[Slot]]:
    """The modules in order, with breaks and lunch between them, split into days that end by `plan.end`."""
    days: list[list[Slot]] = []
    day: list[Slot] = []
    clock, lunched = plan.start, False
    for module in course.modules:
        minutes = module.lesson(lang).meta["duration"]
        if day:
            pause_kind = "lunch" if not lunched and clock >= plan.lunch_after else "break"
            pause = plan.lunch if pause_kind == "lunch" else plan.pause
            if clock + pause + minutes > plan.end:
                days.append(day)
                day, clock, lunched = [], plan.start, False
            else:
                day.append(Slot(_format(clock), pause_kind, pause))
                clock += pause
                lunched = lunched or pause_kind == "lunch"
        day.append(Slot(_format(clock), "module", minutes, module))
        clock += minutes
    return [*days, day] if day else days


def slot_of(course: model.Course, plan: Settings, lang: str, folder: str) -> tuple[int, int]:
    """When a module is taught by the day plan: (day number from 1, start in minutes after midnight)."""
    for number, day in enumerate(day_plan(course, plan, lang), 1):
        for slot in day:
            if slot.module and slot.module.folder == folder:
                return number, _parse(slot.start)
    raise KeyError(folder)


# Helper functions


def _row_errors(guide: model.Page) -> list[ContentError]:
    runsheet = guide.meta.get("runsheet")
    if not isinstance(runsheet, list) or not runsheet:
        return []  # reported by the front matter check
    errors = []
    for index, row in enumerate(runsheet):
        line = yamlsource.line_of(guide.lines, ("runsheet", index))
        where = f"run-sheet row {index + 1}"
        if not isinstance(row, dict):
            errors.append(ContentError(guide.path, line, f"{where} is not a mapping; expected {{activity: …, kind: teach, minutes: 10}}"))
            continue
        unknown = [key for key in row if key not in _ROW_KEYS]
        missing = [key for key in _ROW_KEYS if key not in row]
        if unknown or missing:
            problem = "; ".join(filter(None, [
                missing and f"lacks {', '.join(missing)}", unknown and f"has unknown key(s) {', '.join(map(str, unknown))}",
            ]))
            errors.append(ContentError(guide.path, line, f"{where} {problem}; expected exactly activity, kind and minutes"))
            continue
        if not isinstance(row["activity"], str) or not row["activity"].strip():
            errors.append(ContentError(guide.path, line, f"{where}: 'activity' is empty or not text; expected what happens, in a few words"))
        if row["kind"] not in KINDS:
            errors.append(ContentError(guide.path, line, f"{where}: kind '{row['kind']}' is unknown; expected one of {', '.join(KINDS)}"))
        minutes = row["minutes"]
        if not _is_minutes(minutes):
            errors.append(ContentError(guide.path, line, f"{where}: minutes '{minutes}' is not valid; expected a whole number above 0"))
    return errors


def _parity_errors(guides: list[model.Page]) -> list[ContentError]:
    """The run-sheets of all languages must have the same rows' kinds and minutes as the first one."""
    errors = []
    first, *others = guides
    shape = _shape(first)
    for other in others:
        theirs = _shape(other)
        if shape is None or theirs is None or theirs == shape:
            continue
        differs = next((i for i, (a, b) in enumerate(zip(shape, theirs)) if a != b), None)
        where = ("runsheet",) if len(shape) != len(theirs) or differs is None else ("runsheet", differs)
        detail = f"{len(theirs)} rows here, {len(shape)} there" if len(where) == 1 else \
            f"row {differs + 1} is {theirs[differs][1]} min {theirs[differs][0]} here, {shape[differs][1]} min {shape[differs][0]} there"
        errors.append(ContentError(
            other.path, yamlsource.line_of(other.lines, where),
            f"run-sheet differs from {first.path}:{yamlsource.line_of(first.lines, where)} ({detail}); "
            "expected the same rows, with the same kinds and minutes, in every language",
        ))
    return errors


def _shape(guide: model.Page) -> list[tuple[str, int]] | None:
    runsheet = guide.meta.get("runsheet")
    if not runsheet or not isinstance(runsheet, list) or not all(isinstance(row, dict) for row in runsheet):
        return None
    if any(row.get("kind") not in KINDS or not _is_minutes(row.get("minutes")) for row in runsheet):
        return None  # the row check names the row
    return [(row.get("kind"), row.get("minutes")) for row in runsheet]


def _is_minutes(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _clock(value: object, key: str, path: str, line: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # YAML 1.1 reads an unquoted 17:30 as sixty-based: 17 * 60 + 30.
        shown = f"{value // 60}:{value % 60:02d} without quotes, which YAML reads as the number {value}"
        raise ContentError(path, line, f'extra.classroom.{key} is {shown}; expected a 24-hour time in quotes, like "09:00"')
    if not isinstance(value, str) or not _TIME.match(value):
        raise ContentError(path, line, f'extra.classroom.{key} is {value!r}; expected a 24-hour time in quotes, like "09:00"')
    return _parse(value)


def _minutes(value: object, key: str, path: str, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 240:
        raise ContentError(path, line, f"extra.classroom.{key} is {value!r}; expected a whole number of minutes from 0 to 240")
    return value


def _parse(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _format(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
