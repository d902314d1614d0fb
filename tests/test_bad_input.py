"""Every content mistake a maintainer can make stops the build with `path:line: what, expected`.

Each case breaks a copy of the real course in one way and checks the exact message. None may
build, and none may print a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_broken

L1 = "course/01-why-complaints"
L3 = "course/03-handling-process"
Q1 = "quizzes/why-complaints.yml"
SOURCES_1 = "barlow-moller-2008 tarp-albrecht-1985 reichheld-sasser-1990 ishikawa-1985 juran-quality asq-glossary"


def replace(path: str, old: str, new: str, count: int = 1):
    def mutate(root: Path):
        file = root / path
        text = file.read_text("utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update the case"
        file.write_text(text.replace(old, new, count), "utf-8")
    return mutate


def regex(path: str, pattern: str, new: str):
    def mutate(root: Path):
        file = root / path
        text, n = re.subn(pattern, new, file.read_text("utf-8"), count=1, flags=re.M)
        assert n, f"{path} no longer matches {pattern!r}: update the case"
        file.write_text(text, "utf-8")
    return mutate


def write(path: str, text: str):
    def mutate(root: Path):
        (root / path).write_text(text, "utf-8")
    return mutate


def delete(path: str):
    def mutate(root: Path):
        (root / path).unlink()
    return mutate


# (case id, how to break the course, the exact message expected)
CASES = [
    ("missing-translation", delete("course/about.en.md"),
     "course/about.zh.md:1: missing translation: 'course/about.en.md' does not exist; expected every page in zh and en"),
    ("no-language-suffix", write("course/extra.md", "---\ntitle: x\nsummary: y\n---\n"),
     "course/extra.md:1: page has no language suffix; expected 'course/extra.zh.md' or 'course/extra.en.md'"),
    ("missing-summary", regex(f"{L1}/index.en.md", r"^summary:.*\n", ""),
     f"{L1}/index.en.md:1: front matter: missing 'summary'; expected one sentence of at most 200 characters (it is also the meta description)"),
    ("duration-not-minutes", regex(f"{L1}/index.en.md", r"^duration:.*$", "duration: an hour"),
     "front matter: 'duration' must be a whole number of minutes; expected a whole number of minutes from 15 to 240"),
    ("unknown-front-matter-key", regex(f"{L1}/index.zh.md", r"^summary:", "sumary:"),
     f"{L1}/index.zh.md:3: front matter: unknown key 'sumary'; expected only title, summary, objectives, duration, quiz"),
    ("front-matter-bad-yaml", regex(f"{L1}/index.zh.md", r"^title: (.*)$", r"title: [\1"),
     f"{L1}/index.zh.md:"),
    ("no-front-matter", write("course/about.en.md", "# About\n\nText.\n"),
     "course/about.en.md:1: no front matter; expected a YAML block between '---' lines at the top of the page"),
    ("objectives-not-a-list", regex(f"{L1}/index.en.md", r"^objectives:\n(  - .*\n)+", "objectives: understand complaints\n"),
     "front matter: 'objectives' must be a list of text items; expected a list of learning objectives"),
    ("unknown-marker", replace("course/course-map.en.md", "<!-- md:course-map -->", "<!-- md:coursemap -->"),
     "course/course-map.en.md:10: unknown marker 'md:coursemap'; expected one of"),
    ("unknown-source", replace("course/sources.en.md", "<!-- md:bibliography -->", "<!-- md:sources covey-1999 -->"),
     "course/sources.en.md:10: unknown source 'covey-1999'; expected an id from course/_data/sources.yml"),
    ("missing-module-page", delete(f"{L1}/guide.zh.md"),
     f"missing translation: '{L1}/guide.zh.md' does not exist; expected every page in zh and en"),
    ("broken-link", replace("course/learners.en.md", "## The order to follow", "## The order to follow\n\nSee [the map](course-mapp.md)."),
     "course/learners.en.md:10: page contains a link 'course-mapp.md', but the target is not found among documentation files; expected a link to a page or heading that exists, written without the language suffix (index.md)"),
    ("broken-anchor", replace("course/index.zh.md", "## 从哪里开始", "## 从哪里开始\n\n见[地图](course-map.md#不存在)。"),
     "course/index.zh.md:27: page contains a link 'course-map.md#不存在', but the doc 'course-map.md' does not contain an anchor '#不存在'"),
    ("duplicate-term", regex("course/_data/terms.yml", r"^- id: complaint-handling$", "- id: complaint"),
     "course/_data/terms.yml:9: duplicate term id 'complaint' (also in course/_data/terms.yml); expected each term once"),
    ("term-missing-language", regex("course/_data/terms.yml", r"^    en: A customer's expression.*\n", ""),
     "course/_data/terms.yml:3: term 'complaint': definition needs every language; expected {zh, en}"),
    ("duplicate-yaml-key", regex("course/_data/sources.yml", r"^  citation: \"Covey", "  id: covey-1989\n  id: again\n  citation: \"Covey"),
     "course/_data/sources.yml:"),
    # Translations: the two versions of a page have the same skeleton (hooks/parity.py).
    ("parity-role-card-missing", regex(f"{L3}/exercises.en.md", r"^/// card \| Shop assistant: Zhou\n(?:(?!///).*\n)*///\n\n", ""),
     f"{L3}/exercises.en.md:1: differs from {L3}/exercises.zh.md: 2 role cards here, 3 there; expected the same exercise blocks in both languages"),
    ("parity-answer-space-added", regex(f"{L1}/exercises.zh.md", r"^(/// answer\n    lines: \d+\n///\n)", r"\1\n\1"),
     f"{L1}/exercises.en.md:1: differs from {L1}/exercises.zh.md: 3 answer spaces here, 4 there; expected the same exercise blocks in both languages"),
    ("parity-blocks-reordered",
     regex(f"{L1}/exercises.en.md", r"^(//// scenario \| The Friday evening call\n[\s\S]*?^////\n)([\s\S]*?)(^//// reflection \|[\s\S]*?^////\n)", r"\3\2\1"),
     f"{L1}/exercises.en.md:12: differs from {L1}/exercises.zh.md: block 1 is a reflection here, a scenario case there (line 12); "
     "expected the same exercise blocks, in the same order, in both languages"),
    ("parity-heading-missing", regex(f"{L1}/index.en.md", r"^## (Key points)$", r"**\1**"),
     f"{L1}/index.en.md:1: differs from {L1}/index.zh.md: 8 second-level (##) headings here, 9 there; expected the same ## headings in both languages"),
    ("parity-front-matter-key", replace("course/about.en.md", "---\ntitle:", "---\nhide: [toc]\ntitle:"),
     "course/about.en.md:2: differs from course/about.zh.md: front-matter key 'hide' here only; expected the same front-matter keys in both languages"),
    ("parity-sources-differ", regex(f"{L1}/index.en.md", r"^(<!-- md:sources [^>]*?) covey-1989 -->", r"\1 -->"),
     f"{L1}/index.en.md:125: differs from {L1}/index.zh.md: <!-- md:sources {SOURCES_1} --> here only, "
     f"<!-- md:sources {SOURCES_1} covey-1989 --> there only; expected the same markers, with the same arguments, in both languages"),
    # Quiz banks
    ("quiz-unknown-bank", regex(f"{L1}/index.en.md", r"^quiz: why-complaints$", "quiz: why-complain"),
     f"{L1}/index.en.md:11: front matter: no quiz bank 'why-complain'; expected one of apology-jetblue, difficult-customers,"),
    ("quiz-single-two-correct", regex(Q1, r"^(      - text:\n          zh: 才两起.*\n.*\n)", r"\1        correct: true\n"),
     f"{Q1}:22: question 1 'silent-majority': 2 correct options; expected exactly one (use type: multiple for select-all-that-apply)"),
    ("quiz-text-missing-language", regex(Q1, r"^  en: Why complaints matter\n", ""),
     f"{Q1}:2: title: missing language 'en'; expected {{zh: …, en: …}}"),
    # Run-sheets
    ("runsheet-minutes-do-not-add-up", regex(f"{L1}/guide.en.md", r"kind: exercise, minutes: 7\}", "kind: exercise, minutes: 9}"),
     f"{L1}/guide.en.md:4: run-sheet: the rows add up to 77 minutes but the lesson's duration is 75 ({L1}/index.en.md:10); "
     "expected the minutes to add up to the duration"),
    ("runsheet-unknown-kind", regex(f"{L1}/guide.zh.md", r"kind: debrief", "kind: discussion"),
     f"{L1}/guide.zh.md:10: run-sheet row 6: kind 'discussion' is unknown; expected one of teach, exercise, role-play, debrief, break"),
    ("runsheet-languages-differ", regex(f"{L1}/guide.en.md", r"kind: debrief, minutes: 8\}", "kind: teach, minutes: 8}"),
     f"{L1}/guide.en.md:4: run-sheet differs from {L1}/guide.zh.md:4 (row 6 is 8 min debrief against 8 min teach); "
     "expected the same rows, with the same kinds and minutes, in every language"),
    # Exercise constructs
    ("exercise-card-unknown-role", regex(f"{L1}/exercises.en.md", r"^    role: staff$", "    role: manager"),
     f"{L1}/exercises.en.md:55: 'card' option 'role: manager' is not valid; expected one of customer, staff, observer"),
    ("exercise-model-answer-on-sheet", regex(f"{L1}/exercises.en.md", r"^(//// reflection)", "/// model-answer\nAn answer.\n///\n\n\\1"),
     f"{L1}/exercises.en.md:79: 'model-answer' is not allowed in an exercise sheet; expected it only in a facilitator guide; learner pages never show answers"),
    ("exercise-block-never-closed", regex(f"{L1}/exercises.zh.md", r"^////\n(?![\s\S]*^////$)", ""),
     f"{L1}/exercises.zh.md:79: 'reflection' block is never closed; expected a closing '////' line"),
    # Site configuration
    ("asset-not-found", replace("mkdocs.yml", "  - assets/quiz.js\n", "  - assets/quizz.js\n"),
     "mkdocs.yml:70: extra_javascript lists 'assets/quizz.js', which is not a file of the site; expected a file under hooks/theme/ or course/"),
    # Links
    ("link-with-language-suffix", replace("course/learners.en.md", "## The order to follow", "## The order to follow\n\nSee [the map](course-map.en.md)."),
     "course/learners.en.md:10: page contains a link 'course-map.en.md', but the target is not found among documentation files; "
     "expected a link to a page or heading that exists, written without the language suffix (index.md)"),
    ("link-to-missing-pdf", replace(f"{L1}/exercises.en.md", "## Reflection", "## Reflection\n\n[Print this](../pdf/sheet.pdf)"),
     f"{L1}/exercises.en.md:77: page contains a link '../pdf/sheet.pdf', but the target 'pdf/sheet.pdf' is not found among documentation files"),
]


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in CASES])
def test_mistake_stops_the_build_with_path_and_line(tmp_path, mutate, expected):
    output = build_broken(tmp_path, mutate)
    assert expected in output, output
    assert re.search(r"^(ERROR|WARNING) +- +[\w./-]+:\d+: ", output, re.M) or re.search(r"^[\w./-]+:\d+: ", output, re.M), output
