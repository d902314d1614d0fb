"""The maintainers' quiz report, `python -m hooks quiz-report`: the item-writing checks' findings
and the numbers behind them, per bank, for the course's banks and for flawed ones."""

from __future__ import annotations

import subprocess
import sys

from test_quiz_build import BANK_FILE, FLAWED

from conftest import ROOT, copy_project
from coursekit.quiz import bank as quizbank


def quiz_report(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks", "quiz-report"], cwd=project, capture_output=True, text=True, timeout=120)


def test_the_report_on_the_courses_banks():
    result = quiz_report(ROOT)
    assert result.returncode == 0 and not result.stderr, result.stderr
    out = result.stdout
    banks = quizbank.load_banks(ROOT, ("zh", "en"))
    assert out.endswith(f"\n{len(banks)} banks: 0 errors, 0 warnings\n")
    assert out.count("  no findings\n") == len(banks)
    handling = out[out.index("quizzes/handling-process.yml: "):].split("\n\n")[0].splitlines()
    questions = banks["handling-process"]["questions"]
    assert handling[0] == f"quizzes/handling-process.yml: {len(questions)} questions (ordering 1, scenario 1, truefalse 3, single 3, multiple 1)"
    assert handling[1] == "  keys of the 4 single and scenario questions by position: 2: 1, 3: 2, 4: 1 (at most 2 in one)"
    assert handling[2].startswith("  key longer than every other option: zh 1; en 0 (at most 1); markedly, 1.25× or more: zh 0; en 0")
    assert handling[4] == "  true/false answers: true 1, false 2"
    rows = [line.split() for line in handling[6:6 + len(questions)]]
    assert [row[1] for row in rows] == [q["id"] for q in questions]
    assert rows[1][:4] == ["2", "explain-before-asking", "scenario", "2"]  # the key's written position
    assert all(0.5 < float(r) < 1.25 for row in rows if len(row) == 6 for r in row[4:])


def test_the_report_on_flawed_banks_names_each_finding_at_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / BANK_FILE).write_text(FLAWED, "utf-8")
    (project / "quizzes" / "broken.yml").write_text("title: {zh: 坏, en: Broken}\nquestions: []\n", "utf-8")
    result = quiz_report(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    out = result.stdout
    assert out.startswith("error: quizzes/broken.yml:2: questions: 0 given; expected at least 1\n")
    assert f"  error: {BANK_FILE}:8: question 1 'first-step', options[2]: “All of the above” is an all- or none-of-the-above" in out
    assert f"  error: {BANK_FILE}:24: question 4 'policy-first', answer: all 3 true/false answers in the bank are false" in out
    assert f"  warning: {BANK_FILE}:28: question 5 'not-first', prompt: negative word “not” without emphasis" in out
    assert f"{BANK_FILE}: 5 questions (single 2, truefalse 3)\n" in out
    assert "  true/false answers: true 0, false 3\n" in out
    assert out.endswith(" banks: 4 errors, 1 warning (errors stop the build; warnings are shown by it, see hooks/AUTHORING.md)\n")


def test_the_report_outside_a_course_says_so(tmp_path):
    (tmp_path / "hooks").symlink_to(ROOT / "hooks")
    result = quiz_report(tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"quiz-report: {tmp_path / 'mkdocs.yml'}: no mkdocs.yml here; expected to be run in a course folder\n"
