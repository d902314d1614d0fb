"""A quiz bank as HTML in one language: the interactive quiz, the paper edition, the answer key,
and the learner's progress table. Plain functions over the data `quizbank` returns."""

from __future__ import annotations

import random

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from coursekit import THEME
from coursekit.core import inline
from coursekit.languages import strings
from coursekit.quiz.bank import Bank


def render_quiz(bank: Bank, lang: str) -> str:
    """The interactive quiz; without JavaScript it reads as questions with answers in <details>."""
    return _render("quiz.html", bank, lang)


def render_paper(bank: Bank, lang: str) -> str:
    """The printable question sheet: lettered options, shuffled steps to number, no answers."""
    return _render("quiz-paper.html", bank, lang)


def render_answer_key(bank: Bank, lang: str) -> str:
    """The answer key: correct answers by the paper's letters, per-option feedback, explanations."""
    return _render("quiz-answer-key.html", bank, lang)


def localized(bank: Bank, lang: str) -> dict:
    """The bank in one language as the templates use it (and the quiz exports): texts as safe HTML,
    a true/false question as its two options, an ordering question's steps in the paper's order."""
    return _localize(bank, lang)


def render_progress(quizzes: list[tuple[Bank, str, str]], lang: str) -> str:
    """The learner's best score per quiz, from (bank, lesson url, lesson title); filled in by quiz.js."""
    rows = [
        {"id": bank["id"], "total": len(bank["questions"]), "url": url, "lesson": lesson}
        for bank, url, lesson in quizzes
    ]
    return _ENV.get_template("partials/quiz-progress.html").render(rows=rows, t=strings.group("quiz", lang))


# Helper functions

# The theme's own templates, without MkDocs, so the classroom kit can render banks too.
_ENV = Environment(
    loader=FileSystemLoader(THEME), autoescape=True, trim_blocks=True, lstrip_blocks=True
)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOCALIZED: dict[tuple[int, str], tuple[Bank, dict]] = {}


def _render(template: str, bank: Bank, lang: str) -> str:
    return _ENV.get_template(f"partials/{template}").render(quiz=_localize(bank, lang), t=strings.group("quiz", lang))


def _localize(bank: Bank, lang: str) -> dict:
    """The bank in one language, its texts as safe HTML, in the shape the templates use; made
    once per bank and language (the quiz, the answer key and the paper edition share it)."""
    key = (id(bank), lang)
    if key not in _LOCALIZED or _LOCALIZED[key][0] is not bank:
        if len(_LOCALIZED) > 4096:  # banks changed under `mkdocs serve`: forget the old ones
            _LOCALIZED.clear()
        _LOCALIZED[key] = (bank, _view(bank, lang))
    return _LOCALIZED[key][1]


def _view(bank: Bank, lang: str) -> dict:
    labels = strings.group("quiz", lang)
    questions = []
    for number, question in enumerate(bank["questions"], 1):
        text = {key: _inline(question[key][lang]) for key in ("prompt", "customer", "explanation") if key in question}
        view = {"id": question["id"], "type": question["type"], "number": number, **text}
        if question["type"] == "truefalse":
            options = [
                {"text": {lang: labels["true"]}, "correct": question["answer"], "feedback": question.get("if_true")},
                {"text": {lang: labels["false"]}, "correct": not question["answer"], "feedback": question.get("if_false")},
            ]
        else:
            options = question.get("options", [])
        view["options"] = [
            {
                "letter": _LETTERS[i],
                "text": _inline(option["text"][lang]),
                "correct": bool(option.get("correct")),
                "pin": bool(option.get("pin")),
                "feedback": option.get("feedback") and _inline(option["feedback"][lang]),
            }
            for i, option in enumerate(options)
        ]
        if question["type"] == "ordering":
            shown = _shuffled(len(question["steps"]), f"{bank['id']}/{question['id']}")
            view["steps"] = [
                {"index": step, "letter": _LETTERS[at], "text": _inline(question["steps"][step][lang])}
                for at, step in enumerate(shown)
            ]
            view["order"] = sorted(view["steps"], key=lambda step: step["index"])
        questions.append(view)
    return {"id": bank["id"], "title": _inline(bank["title"][lang]), "questions": questions}


def _shuffled(count: int, seed: str) -> list[int]:
    """Step indexes in an order that is stable between builds and never already the answer."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order[1:] + order[:1] if order == sorted(order) else order


def _inline(text: str) -> Markup:
    # inline.render escapes any HTML in the text, so its output is safe to mark as such.
    return Markup(inline.render(text))
