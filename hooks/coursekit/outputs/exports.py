"""The quiz exports, part of the instructors' downloads: every bank as Moodle XML
(coursekit/outputs/moodle.py) and as GIFT (coursekit/outputs/gift.py) in each language, in
`<language's site>/quiz-exports/`, linked from the bank's facilitator guide.

A text Moodle cannot take (a control character, which XML 1.0 cannot hold) stops the export at
its line in the bank.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError
from coursekit.course import model
from coursekit.quiz import bank as quizbank

FOLDER = "quiz-exports"  # below each language's site root
FORMATS = {"moodle": ".moodle.xml", "gift": ".gift.txt"}
# What XML 1.0 cannot hold, and so neither can Moodle's question bank.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def file_name(quiz: str, lang: str, kind: str) -> str:
    return f"{quiz}.{lang}{FORMATS[kind]}"


def links(course: model.Course, page: model.Page, relative: Callable[[str], str], t: Callable[..., str]) -> list[dict]:
    """A guide's downloads of its module's quiz, in each format."""
    quiz = course.module(page.module).lesson(page.lang).meta.get("quiz")
    if not quiz:
        return []
    return [{"url": relative(f"{FOLDER}/{file_name(quiz, page.lang, kind)}"), "label": t(f"export.{kind}")} for kind in FORMATS]


def errors(banks: dict, root: pathlib.Path, codes: tuple[str, ...]) -> list[ContentError]:
    """Every text of the banks that Moodle could not import, at its line."""
    found = []
    for quiz, data in banks.items():
        bad = [(where, text) for where, text in quizbank.texts(data, codes) if _UNSAFE.search(text)]
        if not bad:
            continue
        path = f"{quizbank.FOLDER}/{quiz}.yml"
        _, lines = yamlsource.load((root / path).read_text("utf-8"), path)
        for where, text in bad:
            char = _UNSAFE.search(text).group(0)
            message = f"text has the control character U+{ord(char):04X}, which Moodle XML and GIFT cannot carry; expected plain text (remove the escape)"
            found.append(ContentError(path, yamlsource.line_of(lines, where), message))
    return found


def category(course: str, quiz: str) -> str:
    """The question bank category of a quiz, below the Moodle course's own: `$course$/top/Course/Quiz`
    (a slash in a name is written twice, as Moodle reads it)."""
    return "/".join(["$course$", "top", *(name.replace("/", "//") for name in (course, quiz))])


def header(bank: dict, lang: str, kind: str, t: Callable[..., str]) -> str:
    """What the file says about itself: where it comes from, and how it scores."""
    lines = [t("export.header", title=bank["title"][lang], path=f"{quizbank.FOLDER}/{bank['id']}.yml", n=len(bank["questions"]))]
    if any(q["type"] == "multiple" for q in bank["questions"]):
        lines.append(t("export.multiple"))
    skipped = [q["id"] for q in bank["questions"] if q["type"] == "ordering"]
    if kind == "gift" and skipped:
        lines.append(t("export.skipped", ids=", ".join(skipped), n=len(skipped)))
    return "\n".join(lines)


def question_html(shown: dict, t: Callable[..., str]) -> str:
    """The question text: a scenario's customer's words, then the prompt."""
    prompt = f"<p>{shown['prompt']}</p>"
    if shown.get("customer"):
        return f"<p><strong>{t('quiz.customer')}</strong> {shown['customer']}</p>{prompt}"
    return prompt


def weights(question: dict) -> list[float]:
    """Each option's grade in percent: the one right option 100; in a select-all question each
    right option an equal share and each wrong one -100, so a wrong pick cancels the question."""
    right = [bool(option.get("correct")) for option in question["options"]]
    if question["type"] != "multiple":
        return [100.0 if r else 0.0 for r in right]
    return [100 / right.count(True) if r else -100.0 for r in right]


def fraction(weight: float) -> str:
    """A grade as Moodle writes it: at most five decimals (33.33333), which it sums to 100 %."""
    return f"{weight:.5f}".rstrip("0").rstrip(".")
