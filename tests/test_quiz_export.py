"""The quiz exports of the built site: every bank as Moodle XML, read with lxml against the
structure Moodle's XML import reads, and as GIFT, read with an independent parser from PyPI
(pygiftparserrgmf); questions, options, keys and feedback compared with the bank."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from pygiftparser import parser as gift_parser

from conftest import ROOT, copy_project, run_build
from coursekit.core import inline
from coursekit.languages import strings
from coursekit.quiz import bank as quizbank

LANGS = ("zh", "en")
BANKS = quizbank.load_banks(ROOT, LANGS)
CASES = [(quiz, lang) for quiz in sorted(BANKS) for lang in LANGS]
TYPES = {"single": "multichoice", "scenario": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "ordering": "ordering"}
# What Moodle's XML import reads of each question, by type (qformat_xml; qtype_ordering for ordering).
REQUIRED = {
    "multichoice": ["name/text", "questiontext/text", "generalfeedback/text", "defaultgrade", "single", "shuffleanswers", "answernumbering", "answer"],
    "truefalse": ["name/text", "questiontext/text", "generalfeedback/text", "defaultgrade", "answer"],
    "ordering": ["name/text", "questiontext/text", "generalfeedback/text", "defaultgrade", "layouttype", "selecttype", "selectcount", "gradingtype", "answer"],
}


def folder(site_dir, lang):
    return site_dir / ("" if lang == "zh" else "en") / "quiz-exports"


def html_of(text: str) -> str:
    return inline.render(text)


def question_text(question: dict, lang: str) -> str:
    prompt = f"<p>{html_of(question['prompt'][lang])}</p>"
    if question["type"] == "scenario":
        return f"<p><strong>{strings.t('quiz.customer', lang)}</strong> {html_of(question['customer'][lang])}</p>{prompt}"
    return prompt


def grades(question: dict) -> list[float]:
    right = [bool(o.get("correct")) for o in question["options"]]
    if question["type"] != "multiple":
        return [100.0 if r else 0.0 for r in right]
    return [round(100 / right.count(True), 5) if r else -100.0 for r in right]


@pytest.mark.parametrize("quiz, lang", CASES)
def test_moodle_xml_has_every_question_as_the_bank_says(site_dir, quiz, lang):
    bank = BANKS[quiz]
    tree = etree.parse(str(folder(site_dir, lang) / f"{quiz}.{lang}.moodle.xml"), etree.XMLParser(resolve_entities=False))
    root = tree.getroot()
    assert root.tag == "quiz"
    category, *questions = root.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == f"$course$/top/{site_name(lang)}/{bank['title'][lang]}"
    assert len(questions) == len(bank["questions"])
    for element, question in zip(questions, bank["questions"]):
        kind = TYPES[question["type"]]
        assert element.get("type") == kind
        for path in REQUIRED[kind]:
            assert element.find(path) is not None, f"{quiz} {question['id']}: no <{path}>"
        assert element.findtext("name/text") == question["id"]
        assert element.findtext("questiontext/text") == question_text(question, lang)
        assert element.find("questiontext").get("format") == "html"
        assert element.findtext("generalfeedback/text") == html_of(question["explanation"][lang])
        answers = element.findall("answer")
        if question["type"] == "ordering":
            assert [a.findtext("text") for a in answers] == [html_of(step[lang]) for step in question["steps"]]
            assert [a.get("fraction") for a in answers] == [str(n) for n in range(1, len(answers) + 1)]
            assert element.findtext("gradingtype") == "ALL_OR_NOTHING"
        elif question["type"] == "truefalse":
            by_word = {a.findtext("text"): a for a in answers}
            assert set(by_word) == {"true", "false"}
            assert by_word["true" if question["answer"] else "false"].get("fraction") == "100"
            assert by_word["false" if question["answer"] else "true"].get("fraction") == "0"
            assert by_word["true"].findtext("feedback/text") == html_of(question["if_true"][lang])
            assert by_word["false"].findtext("feedback/text") == html_of(question["if_false"][lang])
        else:
            assert element.findtext("single") == ("false" if question["type"] == "multiple" else "true")
            assert [a.findtext("text") for a in answers] == [html_of(o["text"][lang]) for o in question["options"]]
            assert [a.findtext("feedback/text") for a in answers] == [html_of(o["feedback"][lang]) if "feedback" in o else "" for o in question["options"]]
            fractions = [float(a.get("fraction")) for a in answers]
            assert fractions == pytest.approx(grades(question), abs=1e-5)
            # Moodle refuses a multiple-answer question whose right options do not add up to 100 %.
            assert round(sum(f for f in fractions if f > 0), 2) == 100
            pinned = any(o.get("pin") for o in question["options"])
            assert element.findtext("shuffleanswers") == ("0" if pinned else "1")


@pytest.mark.parametrize("quiz, lang", CASES)
def test_gift_read_by_an_independent_parser_matches_the_bank(site_dir, quiz, lang):
    bank = BANKS[quiz]
    text = (folder(site_dir, lang) / f"{quiz}.{lang}.gift.txt").read_text("utf-8")
    parsed = gift_parser.parse(text).questions
    kept = [q for q in bank["questions"] if q["type"] != "ordering"]
    assert [q.name for q in parsed] == [q["id"] for q in kept]
    for read, question in zip(parsed, kept):
        assert read.category == f"$course$/top/{site_name(lang)}/{bank['title'][lang]}"
        assert read.text == "[html]" + question_text(question, lang)
        options = read.answer.options
        # The parser leaves the general feedback (####) on the last feedback, still escaped.
        *_, last = options
        last_feedback, _, general = last.feedback.partition(" ####[html]")
        assert unescape(general) == html_of(question["explanation"][lang])
        if question["type"] == "truefalse":
            assert type(read.answer).__name__ == "TrueFalse"
            assert options[0].text == ("True" if question["answer"] else "False")
            wrong, right = unescape(last_feedback).split("#")
            chosen, other = ("if_true", "if_false") if question["answer"] else ("if_false", "if_true")
            assert (right, wrong) == (html_of(question[chosen][lang]), html_of(question[other][lang]))
            continue
        expected = "MultipleChoiceCheckbox" if question["type"] == "multiple" else "MultipleChoiceRadio"
        assert type(read.answer).__name__ == expected
        # The parser's grammar knows whole-number weights only (~%50%); a decimal one, which Moodle
        # reads (~%33.33333%), it leaves at the start of the option's text with a weight of 0.
        weights, texts = [], []
        for option in options:
            decimal = re.match(r"%(-?\d+\.\d+)%", option.text)
            weights.append(float(decimal[1]) if decimal else option.percentage * 100)
            texts.append(unescape(option.text[decimal.end():] if decimal else option.text))
        assert texts == [html_of(o["text"][lang]) for o in question["options"]]
        feedback = [unescape(o.feedback) for o in options[:-1]] + [unescape(last_feedback)]
        assert feedback == [html_of(o["feedback"][lang]) if "feedback" in o else "" for o in question["options"]]
        assert weights == pytest.approx(grades(question), abs=1e-3)
    skipped = [q["id"] for q in bank["questions"] if q["type"] == "ordering"]
    header = "".join(line for line in text.splitlines() if line.startswith("//"))
    for qid in skipped:
        assert qid in header, f"the header does not name the left-out ordering question {qid}"


def test_each_guide_offers_its_quiz_in_both_formats(site_dir):
    guide = (site_dir / "en" / "03-handling-process" / "guide" / "index.html").read_text("utf-8")
    links = re.findall(r'<a class="md-button" href="([^"]+)" download>([^<]+)</a>', guide)
    assert ("../../quiz-exports/handling-process.en.moodle.xml", "Quiz for Moodle (XML)") in links
    assert ("../../quiz-exports/handling-process.en.gift.txt", "Quiz for Moodle (GIFT)") in links


def test_a_text_moodle_cannot_carry_stops_the_export(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "quizzes" / "why-complaints.yml"
    lines = path.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("en:") and i > 5)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f'{indent}en: "A bell\\x07 rings"'
    path.write_text("\n".join(lines), "utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert (f"quizzes/why-complaints.yml:{at + 1}: text has the control character U+0007, which Moodle XML and GIFT cannot carry; "
            "expected plain text (remove the escape)") in output, output


# Helper functions


def site_name(lang: str) -> str:
    return {"zh": "客户投诉处理实务", "en": "Handling Customer Complaints"}[lang]


def unescape(text: str) -> str:
    """GIFT's escapes undone, as Moodle reads them."""
    return re.sub(r"\\([\\~=#{}:])", r"\1", text.strip())
