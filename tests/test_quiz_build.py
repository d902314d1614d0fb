"""Quizzes in the built course: lessons, answer keys in guides, the progress pages, and the
mistakes in placing a quiz that stop the build with `path:line:` and no traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_quiz_render import Tree

from conftest import ROOT, build_broken, copy_project, run_build
from coursekit.course import frontmatter
from coursekit.outputs import searchindex
from coursekit.quiz import bank as quizbank

LANGS = {"zh": "", "en": "en/"}


def lessons_with_quiz() -> dict[str, str]:
    """Module folder -> quiz id, from the lessons' front matter."""
    found = {}
    for lesson in sorted((ROOT / "course").glob("[0-9][0-9]-*/index.zh.md")):
        meta, _ = frontmatter.read(lesson.read_text("utf-8"), lesson.name)
        if meta.get("quiz"):
            found[lesson.parent.name] = meta["quiz"]
    return found


def test_every_lesson_shows_its_quiz_in_both_languages(site_dir):
    banks = quizbank.load_banks(ROOT, ("zh", "en"))
    assert lessons_with_quiz()
    for folder, quiz in lessons_with_quiz().items():
        for lang, prefix in LANGS.items():
            html = (site_dir / prefix / folder / "index.html").read_text("utf-8")
            tree = Tree(html)
            assert [a["data-quiz"] for a in tree.all("section") if "data-quiz" in a] == [quiz]
            assert len(tree.all("li", **{"class": "quiz-q"})) == len(banks[quiz]["questions"])
            assert banks[quiz]["questions"][0]["id"] in html
            assert "<!-- md:quiz" not in html
            # a block of its own, not inside a paragraph
            assert not re.search(r"<p>\s*<section", html)


def test_every_guide_with_the_marker_shows_the_answer_key_of_its_lesson(site_dir):
    banks = quizbank.load_banks(ROOT, ("zh", "en"))
    shown = 0
    for folder, quiz in lessons_with_quiz().items():
        for lang, prefix in LANGS.items():
            if "<!-- md:answer-key -->" not in (ROOT / "course" / folder / f"guide.{lang}.md").read_text("utf-8"):
                continue
            html = (site_dir / prefix / folder / "guide" / "index.html").read_text("utf-8")
            assert "<!-- md:answer-key" not in html
            assert html.count('class="quiz-key__prompt"') == len(banks[quiz]["questions"])
            shown += 1
    assert shown


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_lessons_but_not_the_answers(site_dir, lang):
    """The quiz and the answer key stay out of the search index: their feedback and explanations
    would give the answers away in results. The lesson text around them is indexed."""
    docs = searchindex.documents(site_dir / LANGS[lang] / "search")
    text = "\n".join(d["title"] + " " + d["text"] for d in docs).replace("\u200b", "")
    banks = quizbank.load_banks(ROOT, ("zh", "en"))
    answers = [
        option["feedback"][lang]
        for quiz in lessons_with_quiz().values()
        for question in banks[quiz]["questions"]
        for option in question.get("options", [])
        if option.get("feedback")
    ] + [question["explanation"][lang] for quiz in lessons_with_quiz().values() for question in banks[quiz]["questions"]]
    assert len(answers) > 50
    # Whole texts, compared without markup: the index holds text, the bank Markdown.
    plain = [re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", a) for a in answers]
    # A sentence the lessons say too may be found, from the lesson.
    pages = " ".join(p.read_text("utf-8") for p in (ROOT / "course").rglob(f"*.{lang}.md"))
    leaked = [a for a in plain if a in text and a not in pages]
    assert not leaked, f"{len(leaked)} answers in the search index, e.g. {leaked[:2]}"
    lessons = {d["location"].split("#")[0] for d in docs}
    assert all(f"{folder}/" in lessons for folder in lessons_with_quiz())


@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_lists_every_quiz_with_a_working_link(site_dir, lang):
    page = site_dir / LANGS[lang] / "progress" / "index.html"
    html = page.read_text("utf-8")
    tree = Tree(html[html.index('<div class="quiz-progress"'):html.index("</table>")])
    cells = tree.all("td")
    listed = [c["data-progress"] for c in cells if "data-progress" in c]
    assert listed == list(lessons_with_quiz().values())
    links = [a["href"] for a in tree.all("a")]
    assert len(links) == len(listed)
    for href in links:
        assert (page.parent / href / "index.html").resolve().exists(), href


def _edit(path: str, old: str, new: str):
    def change(project: Path):
        file = project / path
        text = file.read_text("utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update the case"
        file.write_text(text.replace(old, new, 1), "utf-8")
    return change


def _line(path: str, needle: str) -> int:
    return next(i for i, line in enumerate((ROOT / path).read_text("utf-8").splitlines(), 1) if needle in line)


L1 = "course/01-why-complaints/index.zh.md"
G1 = "course/01-why-complaints/guide.en.md"
CASES = [
    ("bad-bank", lambda p: shutil.copy(ROOT / "tests/bad_banks/single-two-correct.yml", p / "quizzes/why-complaints.yml"),
     "quizzes/why-complaints.yml:10: question 1 'silent-majority': 2 correct options; "
     "expected exactly one (use type: multiple for select-all-that-apply)"),
    ("unknown-quiz", _edit(L1, "quiz: why-complaints", "quiz: why-complaint"),
     f"{L1}:{_line(L1, 'quiz: why-complaints')}: front matter: no quiz bank 'why-complaint'; expected one of "),
    ("marker-differs", _edit(L1, "<!-- md:quiz why-complaints -->", "<!-- md:quiz four-principles -->"),
     f"{L1}:{_line(L1, '<!-- md:quiz')}: quiz marker 'four-principles' but the front matter says quiz: why-complaints; "
     "expected the same id"),
    ("no-marker", _edit(L1, "<!-- md:quiz why-complaints -->", ""),
     f"{L1}:{_line(L1, 'quiz: why-complaints')}: front matter names quiz 'why-complaints' but the page has no quiz marker; "
     "expected <!-- md:quiz why-complaints -->"),
    ("marker-without-quiz", _edit(L1, "quiz: why-complaints\n", ""),
     f"{L1}:{_line(L1, '<!-- md:quiz') - 1}: quiz marker 'why-complaints' but the front matter has no quiz; "
     "expected quiz: why-complaints"),
    ("unused-bank", lambda p: shutil.copy(p / "quizzes/why-complaints.yml", p / "quizzes/spare-quiz.yml"),
     "WARNING -  quizzes/spare-quiz.yml:1: no lesson uses this quiz; expected `quiz: spare-quiz` in a lesson's "
     "front matter, or remove the bank"),
]


@pytest.mark.parametrize("change, expected", [pytest.param(c, e, id=i) for i, c, e in CASES])
def test_quiz_mistake_stops_the_build(tmp_path, change, expected):
    assert expected in build_broken(tmp_path, change)


# The item-writing checks in the build: an error stops it at its line, a warning is shown once and
# does not fail `--strict`. Each check on its own is tested in test_itemcheck.py.

FLAWED = """\
title: {zh: 测试, en: Test}
questions:
  - id: first-step
    type: single
    prompt: {zh: 顾客很生气，你先做什么？, en: "The customer is angry. What do you do first?"}
    options:
      - text: {zh: 先把公司的规定解释清楚, en: Explain the company policy first}
      - text: {zh: 以上都是, en: All of the above}
        correct: true
    explanation: {zh: 先听。, en: Listen first.}
  - id: refund-first
    type: truefalse
    prompt: {zh: 先退款再道歉。, en: "Refund first, apologise later."}
    answer: false
    explanation: {zh: 先道歉。, en: Apologise first.}
  - id: blame-first
    type: truefalse
    prompt: {zh: 先找出该负责的人。, en: Find who is to blame first.}
    answer: false
    explanation: {zh: 先解决问题。, en: Fix the problem first.}
  - id: policy-first
    type: truefalse
    prompt: {zh: 先讲清公司规定。, en: Explain the policy first.}
    answer: false
    explanation: {zh: 先听。, en: Listen first.}
  - id: not-first
    type: single
    prompt: {zh: 顾客来电投诉时，你先做什么？, en: "A customer rings to complain. What do you not do first?"}
    options:
      - text: {zh: 认真听完顾客的话, en: Hear the customer out in full}
        correct: true
      - text: {zh: 马上转给值班经理, en: Pass the call to the duty manager}
    explanation: {zh: 先听。, en: Listen first.}
"""
BANK_FILE = "quizzes/why-complaints.yml"  # the bank of the first lesson: replaced, it stays in use


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_an_item_writing_error_stops_the_build_at_its_line_and_a_warning_is_shown_too(tmp_path):
    output = build_broken(tmp_path, lambda p: (p / BANK_FILE).write_text(FLAWED, "utf-8"))
    assert (f"{BANK_FILE}:{_line_of(FLAWED, 'All of the above')}: question 1 'first-step', options[2]: "
            "“All of the above” is an all- or none-of-the-above option") in output
    last_answer = [n for n, line in enumerate(FLAWED.splitlines(), 1) if "answer: false" in line][-1]
    assert (f"{BANK_FILE}:{last_answer}: question 4 'policy-first', answer: all 3 true/false "
            "answers in the bank are false (questions 2, 3, 4)") in output
    assert re.search(rf"^WARNING +-  {BANK_FILE}:{_line_of(FLAWED, 'What do you not do first')}: question 5 'not-first', "
                     "prompt: negative word “not” without emphasis", output, re.M), output


def test_an_item_writing_warning_is_shown_once_and_does_not_fail_a_strict_build(tmp_path):
    """A warning is a heuristic a person judges: shown in the build's log (and so in CI's), once
    for all the languages built, and valid content still builds with --strict."""
    project = copy_project(tmp_path / "project")
    bank = project / BANK_FILE
    text = bank.read_text("utf-8")
    asked = "which reading makes most sense?"
    assert asked in text, f"{BANK_FILE} no longer asks {asked!r}: update the case"
    bank.write_text(text.replace(asked, "which reading does not make sense?", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warning = (f"WARNING -  {BANK_FILE}:{_line_of(text, asked)}: question 1 'silent-majority', prompt: negative word “not” "
               "without emphasis (learners skim past a negative and answer the opposite question); expected the negative "
               "in bold (**not**), or the question asked the positive way\n")
    assert output.count(warning) == 1, output
