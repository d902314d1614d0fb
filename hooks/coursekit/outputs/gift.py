"""A quiz bank in one language in GIFT, the plain-text format Moodle imports (Question bank →
Import → GIFT format) and many other systems read:

- single and scenario → one `=` answer among `~` ones (the scenario's customer's words open the
  question text); multiple → weighted answers (`~%50%`, `~%-100%`), as in the Moodle XML file;
- truefalse → `{TRUE#…#…}`: the first feedback is shown for the wrong answer, the second for the
  right one;
- ordering has no form in Moodle core's GIFT import, so those questions are left out, and the
  file's header names them: the Moodle XML file of the same bank has them.

Texts are HTML (`[html]`), with GIFT's special characters escaped; the explanation is the
general feedback (`####`).
"""

from __future__ import annotations

import re

from coursekit.outputs import exports
from coursekit.quiz import render

_SPECIAL = re.compile(r"([\\~=#{}:])")


def export(bank: dict, lang: str, category: str, t) -> str:
    """The GIFT file of `bank` in `lang`, its questions in the category `category`."""
    view = render.localized(bank, lang)
    comment = "".join(f"// {line}\n" for line in exports.header(bank, lang, "gift", t).splitlines())
    parts = [f"{comment}\n$CATEGORY: {category}\n"]
    for question, shown in zip(bank["questions"], view["questions"]):
        if question["type"] != "ordering":
            parts.append(_question(question, shown, t))
    return "\n".join(parts)


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped, on one line (a blank line ends a question)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split("\n")))


# Helper functions


def _question(question: dict, shown: dict, t) -> str:
    head = f"::{escape(question['id'])}::[html]{escape(exports.question_html(shown, t))} {{"
    explanation = f"\n####[html]{escape(shown['explanation'])}"
    if question["type"] == "truefalse":
        given, other = (shown["options"][0], shown["options"][1]) if question["answer"] else (shown["options"][1], shown["options"][0])
        answer = "TRUE" if question["answer"] else "FALSE"
        return f"{head}{answer}#{escape(other['feedback'] or '')}#{escape(given['feedback'] or '')}{explanation}\n}}\n"
    lines = []
    for option, weight in zip(shown["options"], exports.weights(question)):
        if question["type"] == "multiple":
            mark = f"~%{exports.fraction(weight)}%"
        else:
            mark = "=" if option["correct"] else "~"
        lines.append(f"\t{mark}{escape(option['text'])}#{escape(option['feedback'] or '')}")
    return head + "\n" + "\n".join(lines) + explanation + "\n}\n"
