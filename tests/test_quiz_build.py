"""Quizzes in the built course: lessons, answer keys in guides, the progress pages, and the
mistakes in placing a quiz that stop the build with `path:line:` and no traceback."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_quiz_render import Tree

from conftest import ROOT, build_broken
from coursekit.course import frontmatter
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
    index = json.loads((site_dir / LANGS[lang] / "search" / "search_index.json").read_text("utf-8"))
    text = "\n".join(d["title"] + " " + d["text"] for d in index["docs"]).replace("\u200b", "")
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
    lessons = {d["location"].split("#")[0] for d in index["docs"]}
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
     "ERROR   -  quizzes/spare-quiz.yml:1: no lesson uses this quiz; expected `quiz: spare-quiz` in a lesson's "
     "front matter, or remove the bank"),
]


@pytest.mark.parametrize("change, expected", [pytest.param(c, e, id=i) for i, c, e in CASES])
def test_quiz_mistake_stops_the_build(tmp_path, change, expected):
    assert expected in build_broken(tmp_path, change)
