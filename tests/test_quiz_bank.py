"""Quiz banks: loading, the schema, and every content mistake with its exact message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from jsonschema import Draft7Validator

from conftest import ROOT
from coursekit.core.errors import ContentError, ContentErrors
from coursekit.core.markers import Marker
from coursekit.quiz import bank as quizbank

CODES = ("zh", "en")
BAD = ROOT / "tests" / "bad_banks"

# A bank with every question type, in the format AUTHORING.md gives.
GOOD = """\
# yaml-language-server: $schema=./quiz.schema.json
title: {zh: 测试测验, en: Test quiz}
questions:
  - id: silent-majority
    type: single
    prompt: {zh: 大多数不满的顾客会怎么做？, en: "What do most unhappy customers do?"}
    options:
      - text: {zh: 投诉, en: Complain}
        feedback: {zh: 只有少数人投诉。, en: Only a few do.}
      - text: {zh: 默默离开, en: Leave *without a word*}
        correct: true
        feedback: {zh: 对。, en: Right.}
    explanation: {zh: 投诉者只是冰山一角。, en: "See [TARP](https://example.org/tarp)."}
  - id: what-counts
    type: multiple
    prompt: {zh: 哪些算投诉？, en: Which count as complaints}
    options:
      - text: {zh: 电话抱怨, en: An angry call}
        correct: true
      - text: {zh: 差评, en: A bad review}
        correct: true
      - text: {zh: 点赞, en: A like}
    explanation: {zh: 不满的表达都算。, en: Any dissatisfaction counts.}
  - id: thank-first
    type: truefalse
    prompt: {zh: 应先感谢顾客。, en: Thank the customer first.}
    answer: true
    if_true: {zh: 对。, en: Yes.}
    if_false: {zh: 感谢能缓和情绪。, en: Thanks calm things down.}
    explanation: {zh: 感谢表明重视。, en: Thanks show you care.}
  - id: steps-order
    type: ordering
    prompt: {zh: 排列步骤。, en: Put the steps in order.}
    steps:
      - {zh: 倾听, en: Listen}
      - {zh: 道歉, en: Apologise}
      - {zh: 提出方案, en: Offer options}
      - {zh: 跟进, en: Follow up}
    explanation: {zh: 先听后做。, en: Listen before acting.}
  - id: angry-caller
    type: scenario
    customer: {zh: “这是我第三次打电话了！”, en: “This is the third time I've called!”}
    prompt: {zh: 你怎么回应？, en: "How do you reply?"}
    options:
      - text: {zh: “请您冷静。”, en: “Please calm down.”}
        feedback: {zh: 这会激怒对方。, en: This inflames things.}
      - text: {zh: “真抱歉让您打了三次。”, en: “I'm sorry you had to call three times.”}
        correct: true
    explanation: {zh: 先承认感受。, en: Acknowledge the feeling first.}
"""

# Every bad bank in tests/bad_banks/ with the exact message the build stops with.
EXPECTED = {
    "yaml-syntax.yml":
        "tests/bad_banks/yaml-syntax.yml:5: invalid YAML: expected ',' or '}', but got ']'; expected valid YAML",
    "duplicate-key.yml":
        "tests/bad_banks/duplicate-key.yml:7: duplicate key 'answer' (first at line 6); expected each key once",
    "empty-file.yml":
        "tests/bad_banks/empty-file.yml:1: empty bank; expected a mapping with title and questions",
    "missing-title.yml":
        "tests/bad_banks/missing-title.yml:1: missing field 'title'; expected title, questions",
    "no-questions.yml":
        "tests/bad_banks/no-questions.yml:2: questions: 0 given; expected at least 1",
    "unknown-field.yml":
        "tests/bad_banks/unknown-field.yml:6: question 1 'silent-majority': unknown field 'hint'; "
        "expected id, type, prompt, options, explanation",
    "options-on-truefalse.yml":
        "tests/bad_banks/options-on-truefalse.yml:3: question 1 'thank-first': missing field 'answer'; "
        "expected id, type, prompt, answer, explanation (optional: if_true, if_false)\n"
        "tests/bad_banks/options-on-truefalse.yml:6: question 1 'thank-first': unknown field 'options'; "
        "expected id, type, prompt, answer, explanation (optional: if_true, if_false)",
    "missing-explanation.yml":
        "tests/bad_banks/missing-explanation.yml:3: question 1 'thank-first': missing field 'explanation'; "
        "expected id, type, prompt, answer, explanation (optional: if_true, if_false)",
    "missing-customer.yml":
        "tests/bad_banks/missing-customer.yml:8: question 2 'angry-caller': missing field 'customer'; "
        "expected id, type, customer, prompt, options, explanation",
    "missing-language.yml":
        "tests/bad_banks/missing-language.yml:5: question 1 'silent-majority', prompt: missing language 'en'; "
        "expected {zh: …, en: …}",
    "unknown-language.yml":
        "tests/bad_banks/unknown-language.yml:5: question 1 'thank-first', prompt: unknown language 'fr'; "
        "expected {zh: …, en: …}",
    "text-not-bilingual.yml":
        "tests/bad_banks/text-not-bilingual.yml:5: question 1 'thank-first', prompt: text 'Thank the customer first.'; "
        "expected every language, {zh: …, en: …}",
    "empty-text.yml":
        "tests/bad_banks/empty-text.yml:7: question 1 'thank-first', explanation.en: empty text; expected some text",
    "unknown-type.yml":
        "tests/bad_banks/unknown-type.yml:4: question 1 'essay', type: unknown question type 'essay'; "
        "expected one of single, multiple, truefalse, ordering, scenario",
    "bad-id.yml":
        "tests/bad_banks/bad-id.yml:3: question 1 'Thank First', id: not lowercase-with-dashes; "
        "expected e.g. 'silent-majority'",
    "answer-not-boolean.yml":
        "tests/bad_banks/answer-not-boolean.yml:6: question 1 'thank-first', answer: text 'false'; expected true or false",
    "no-correct.yml":
        "tests/bad_banks/no-correct.yml:6: question 1 'silent-majority', options: no correct answer; "
        "expected exactly one option with `correct: true`",
    "multiple-no-correct.yml":
        "tests/bad_banks/multiple-no-correct.yml:6: question 1 'what-counts', options: no correct answer; "
        "expected at least one option with `correct: true`",
    "single-two-correct.yml":
        "tests/bad_banks/single-two-correct.yml:10: question 1 'silent-majority': 2 correct options; "
        "expected exactly one (use type: multiple for select-all-that-apply)",
    "scenario-two-correct.yml":
        "tests/bad_banks/scenario-two-correct.yml:12: question 1 'angry-caller': 2 correct options; "
        "expected exactly one (use type: multiple for select-all-that-apply)",
    "one-option.yml":
        "tests/bad_banks/one-option.yml:6: question 1 'silent-majority', options: 1 given; expected at least 2",
    "ordering-two-steps.yml":
        "tests/bad_banks/ordering-two-steps.yml:6: question 1 'steps-order', steps: 2 given; "
        "expected at least 3 steps for an ordering question",
    "duplicate-ids.yml":
        "tests/bad_banks/duplicate-ids.yml:8: question 2 'thank-first': duplicate question id (first at line 3); "
        "expected each id once in a bank",
    "bad-links.yml":
        "tests/bad_banks/bad-links.yml:7: question 1 'thank-first', explanation.en: link to "
        "'../03-handling-process/index.md'; expected an absolute https:// address (a data file's text is not resolved like a page's links)\n"
        "tests/bad_banks/bad-links.yml:7: question 1 'thank-first', explanation.zh: link to 'javascript:alert(1)'; "
        "expected an absolute https:// address (a data file's text is not resolved like a page's links)",
}


@pytest.fixture
def project(tmp_path) -> Path:
    """A project root with the good bank."""
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "test-quiz.yml").write_text(GOOD, "utf-8")
    return tmp_path


def test_the_schema_is_a_valid_json_schema():
    Draft7Validator.check_schema(quizbank.schema(CODES))


def test_the_editors_copy_of_the_schema_is_the_one_the_build_checks_with():
    assert json.loads((ROOT / quizbank.EDITOR_SCHEMA).read_text("utf-8")) == quizbank.schema(CODES, ("简体中文", "English"))


def test_a_good_bank_loads_as_written(project):
    bank = quizbank.load_bank(project / "quizzes" / "test-quiz.yml", project, CODES)
    assert bank["id"] == "test-quiz"
    assert bank["title"] == {"zh": "测试测验", "en": "Test quiz"}
    assert [q["type"] for q in bank["questions"]] == ["single", "multiple", "truefalse", "ordering", "scenario"]
    assert bank["questions"][3]["steps"][0] == {"zh": "倾听", "en": "Listen"}


def test_a_question_mark_in_a_flow_mapping_is_text(project):
    """`{en: How do you reply?}` is how a maintainer writes a question: libyaml reads it as text."""
    path = project / "quizzes" / "test-quiz.yml"
    path.write_text(GOOD.replace("{zh: 测试测验, en: Test quiz}", "{zh: 你怎么回应？, en: How do you reply?}"), "utf-8")
    assert quizbank.load_bank(path, project, CODES)["title"] == {"zh": "你怎么回应？", "en": "How do you reply?"}


def test_load_banks_finds_every_bank_by_id(project):
    assert list(quizbank.load_banks(project, CODES)) == ["test-quiz"]


def test_the_real_banks_are_valid():
    banks = quizbank.load_banks(ROOT, CODES)
    assert banks, "no quiz banks in quizzes/"
    for bank in banks.values():
        assert bank["questions"]


def test_every_bad_bank_has_its_expected_message():
    assert sorted(p.name for p in BAD.glob("*.yml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_bank(name):
    with pytest.raises((ContentError, ContentErrors)) as caught:
        quizbank.load_bank(BAD / name, ROOT, CODES)
    assert str(caught.value) == EXPECTED[name]


def test_load_banks_reports_the_mistakes_of_all_banks_together(project):
    for name in ("no-correct.yml", "bad-id.yml"):
        shutil.copy(BAD / name, project / "quizzes" / name)
    with pytest.raises(ContentErrors) as caught:
        quizbank.load_banks(project, CODES)
    assert [e.path for e in caught.value.errors] == ["quizzes/bad-id.yml", "quizzes/no-correct.yml"]


# How pages use quizzes: lessons' front matter and markers, guides' answer keys.


def page(path, kind="lesson", quiz=None, markers=(), module="01-x", lang="zh"):
    meta = {"title": "t"} | ({"quiz": quiz} if quiz else {})
    return SimpleNamespace(
        path=path, kind=kind, module=module, lang=lang, meta=meta, lines={("quiz",): 6},
        markers=[Marker(name, tuple(args), line) for name, args, line in markers],
    )


BANKS = {"why-complaints": {}, "four-principles": {}}
LESSON = "course/01-x/index.zh.md"
GUIDE = "course/01-x/guide.zh.md"


@pytest.mark.parametrize("pages, expected", [
    ([page(LESSON, quiz="why-complaints", markers=[("quiz", ["why-complaints"], 40)])], []),
    ([page(LESSON, quiz="why-complaint", markers=[("quiz", ["why-complaint"], 40)])],
     [f"{LESSON}:6: front matter: no quiz bank 'why-complaint'; expected one of four-principles, why-complaints"]),
    ([page(LESSON, quiz="why-complaints")],
     [f"{LESSON}:6: front matter names quiz 'why-complaints' but the page has no quiz marker; "
      "expected <!-- md:quiz why-complaints -->"]),
    ([page(LESSON, markers=[("quiz", ["why-complaints"], 40)])],
     [f"{LESSON}:40: quiz marker 'why-complaints' but the front matter has no quiz; expected quiz: why-complaints"]),
    ([page(LESSON, quiz="why-complaints", markers=[("quiz", ["four-principles"], 40)])],
     [f"{LESSON}:40: quiz marker 'four-principles' but the front matter says quiz: why-complaints; expected the same id"]),
    ([page(LESSON, quiz="why-complaints", markers=[("quiz", [], 40)])],
     [f"{LESSON}:40: quiz marker with 0 ids; expected <!-- md:quiz <id> -->"]),
    ([page(LESSON, quiz="why-complaints", markers=[("quiz", ["why-complaints"], 40), ("quiz", ["why-complaints"], 50)])],
     [f"{LESSON}:50: second quiz marker; expected the quiz once per page"]),
    ([page(LESSON, quiz="why-complaints", markers=[("quiz", ["why-complaints"], 40)]),
      page("course/02-y/index.zh.md", quiz="why-complaints", module="02-y", markers=[("quiz", ["why-complaints"], 30)])],
     ["course/02-y/index.zh.md:6: front matter: quiz 'why-complaints' is already in course/01-x/index.zh.md; "
      "expected each quiz in one lesson"]),
    ([page(LESSON), page(GUIDE, kind="guide", markers=[("answer-key", [], 90)])],
     [f"{GUIDE}:90: answer-key marker but {LESSON} names no quiz; expected quiz: <id> in its front matter"]),
    ([page("course/about.zh.md", kind="page", module=None, markers=[("answer-key", [], 9)])],
     ["course/about.zh.md:9: answer-key marker outside a guide; expected it in a module's guide.<lang>.md"]),
], ids=["fine", "unknown-quiz", "no-marker", "marker-without-quiz", "marker-differs", "marker-without-id",
        "two-markers", "quiz-in-two-lessons", "answer-key-without-quiz", "answer-key-outside-guide"])
def test_usage_errors(pages, expected):
    assert [str(e) for e in quizbank.usage_errors(pages, BANKS)] == expected


def test_unused_banks_are_the_ones_no_lesson_names():
    pages = [page(LESSON, quiz="why-complaints"), page("course/01-x/index.en.md", quiz="why-complaints", lang="en")]
    assert quizbank.unused(pages, BANKS) == ["four-principles"]
