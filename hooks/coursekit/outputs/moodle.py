"""A quiz bank in one language as Moodle XML, the format Moodle's question bank imports
(Question bank → Import → Moodle XML format), with every question type the course has:

- single and scenario → `multichoice`, one answer (the scenario's customer's words open the
  question text); multiple → `multichoice` with several answers, each right option worth an equal
  share and each wrong one -100 %, so a wrong pick cancels the question as on the site (Moodle
  still gives part marks for some of the right options and none of the wrong);
- truefalse → `truefalse`, with the feedback of each answer;
- ordering → `ordering` (in Moodle core since 4.4; the qtype_ordering plugin before), all or nothing.

Per-option feedback goes with each answer and the explanation is the general feedback. A question
with a pinned option ("I'm not sure") is not shuffled, since Moodle cannot keep one option last.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from coursekit.outputs import exports
from coursekit.quiz import render


def export(bank: dict, lang: str, category: str, t) -> str:
    """The Moodle XML file of `bank` in `lang`, its questions in the category `category`."""
    view = render.localized(bank, lang)
    quiz = etree.Element("quiz")
    quiz.append(etree.Comment(" " + exports.header(bank, lang, "moodle", t).replace("--", "—") + " "))
    _category(etree.SubElement(quiz, "question", type="category"), category)
    for question, shown in zip(bank["questions"], view["questions"]):
        _question(quiz, question, shown, t)
    etree.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(quiz, encoding="unicode") + "\n"


# Helper functions

_TYPES = {"single": "multichoice", "scenario": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "ordering": "ordering"}


def _category(question: etree.Element, path: str) -> None:
    _text(etree.SubElement(question, "category"), path)


def _question(quiz: etree.Element, question: dict, shown: dict, t) -> None:
    element = etree.SubElement(quiz, "question", type=_TYPES[question["type"]])
    _text(etree.SubElement(element, "name"), question["id"])
    _text(etree.SubElement(element, "questiontext", format="html"), exports.question_html(shown, t))
    _text(etree.SubElement(element, "generalfeedback", format="html"), shown["explanation"])
    for name, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", question["id"])):
        etree.SubElement(element, name).text = value
    if question["type"] == "ordering":
        for name, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                            ("gradingtype", "ALL_OR_NOTHING"), ("showgrading", "SHOW"), ("numberingstyle", "none")):
            etree.SubElement(element, name).text = value
        for position, step in enumerate(shown["order"], 1):
            _text(etree.SubElement(element, "answer", fraction=str(position), format="html"), step["text"])
        return
    if question["type"] == "truefalse":
        for option, word in zip(shown["options"], ("true", "false")):
            answer = etree.SubElement(element, "answer", fraction=exports.fraction(100 if option["correct"] else 0), format="moodle_auto_format")
            _text(answer, word)
            _text(etree.SubElement(answer, "feedback", format="html"), option["feedback"] or "")
        return
    etree.SubElement(element, "single").text = "false" if question["type"] == "multiple" else "true"
    pinned = any(option.get("pin") for option in question["options"])
    etree.SubElement(element, "shuffleanswers").text = "0" if pinned else "1"
    etree.SubElement(element, "answernumbering").text = "abc"
    for option, weight in zip(shown["options"], exports.weights(question)):
        answer = etree.SubElement(element, "answer", fraction=exports.fraction(weight), format="html")
        _text(answer, option["text"])
        _text(etree.SubElement(answer, "feedback", format="html"), option["feedback"] or "")


def _text(parent: etree.Element, value: str) -> None:
    etree.SubElement(parent, "text").text = str(value)
