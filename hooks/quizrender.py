"""A quiz bank as HTML in one language: the interactive quiz, the paper edition, the answer key,
and the learner's progress table. Plain functions over the data `quizbank` returns."""

from __future__ import annotations

import random
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

import inline
from quizbank import Bank

LABELS = {
    "zh": {
        "best_head": "最好成绩",
        "question": "第 {n} 题",
        "hint": {
            "single": "单选",
            "multiple": "多选：选出所有正确的选项",
            "truefalse": "判断对错",
            "ordering": "排序",
            "scenario": "情景：选出最好的回应",
        },
        "true": "对",
        "false": "错",
        "customer": "顾客说：",
        "check": "检查",
        "retry": "再试一次",
        "reset": "全部重做",
        "right": "正确",
        "wrong": "不正确",
        "choose": "请先作答。",
        "moved": "已移到第 {n} 位",
        "up": "上移",
        "down": "下移",
        "score": "得分：{score} / {total}",
        "best": "最好成绩：{best} / {total}",
        "show_answer": "查看答案与解析",
        "correct_answer": "（正确答案）",
        "correct_order": "正确顺序：",
        "explanation": "解析：",
        "answer_key": "答案",
        "name_line": "姓名：＿＿＿＿＿＿　日期：＿＿＿＿＿＿",
        "lesson": "课程",
        "not_started": "未开始",
    },
    "en": {
        "best_head": "Best score",
        "question": "Question {n}",
        "hint": {
            "single": "Choose one",
            "multiple": "Select all that apply",
            "truefalse": "True or false",
            "ordering": "Put in order",
            "scenario": "Scenario: choose the best reply",
        },
        "true": "True",
        "false": "False",
        "customer": "The customer says:",
        "check": "Check",
        "retry": "Try again",
        "reset": "Start over",
        "right": "Correct",
        "wrong": "Incorrect",
        "choose": "Choose an answer first.",
        "moved": "Moved to position {n}",
        "up": "Move up",
        "down": "Move down",
        "score": "Score: {score} / {total}",
        "best": "Best: {best} / {total}",
        "show_answer": "Show the answer",
        "correct_answer": "(correct answer)",
        "correct_order": "Correct order:",
        "explanation": "Explanation:",
        "answer_key": "Answer key",
        "name_line": "Name: ____________   Date: ____________",
        "lesson": "Lesson",
        "not_started": "Not started",
    },
}


def render_quiz(bank: Bank, lang: str) -> str:
    """The interactive quiz; without JavaScript it reads as questions with answers in <details>."""
    return _render("quiz.html", bank, lang)


def render_paper(bank: Bank, lang: str) -> str:
    """The printable question sheet: lettered options, shuffled steps to number, no answers."""
    return _render("quiz-paper.html", bank, lang)


def render_answer_key(bank: Bank, lang: str) -> str:
    """The answer key: correct answers by the paper's letters, per-option feedback, explanations."""
    return _render("quiz-answer-key.html", bank, lang)


def render_progress(quizzes: list[tuple[Bank, str, str]], lang: str) -> str:
    """The learner's best score per quiz, from (bank, lesson url, lesson title); filled in by quiz.js."""
    rows = [
        {"id": bank["id"], "total": len(bank["questions"]), "url": url, "lesson": lesson}
        for bank, url, lesson in quizzes
    ]
    return _ENV.get_template("partials/quiz-progress.html").render(rows=rows, t=LABELS[lang])


# Helper functions

# The theme's own templates, without MkDocs, so the classroom kit can render banks too.
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "theme"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _render(template: str, bank: Bank, lang: str) -> str:
    return _ENV.get_template(f"partials/{template}").render(quiz=_localize(bank, lang), t=LABELS[lang])


def _localize(bank: Bank, lang: str) -> dict:
    """The bank in one language, its texts as safe HTML, in the shape the templates use."""
    labels = LABELS[lang]
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
