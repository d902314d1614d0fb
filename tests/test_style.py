"""The house style the build checks (coursekit/quality/style.py, rules in course/_data/style.yml):
retired names, page-title patterns, and the guides' activity headings and labels. Each breach
stops the build at its line; what is not prose (code, comments, links, block options) is never
checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_broken, copy_project, run_build

M2 = "course/02-four-principles"


def replace(path: str, old: str, new: str):
    def mutate(root: Path):
        file = root / path
        text = file.read_text("utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update the case"
        file.write_text(text.replace(old, new, 1), "utf-8")
    return mutate


def line_of(root: Path, path: str, text: str) -> int:
    return next(n for n, line in enumerate((root / path).read_text("utf-8").splitlines(), 1) if text in line)


CASES = [
    ("retired-name", f"{M2}/guide.zh.md", "## 准备与材料", "## 准备与材料\n\n请提前读一遍讲师手册。", "请提前读一遍讲师手册。",
     "style: '讲师手册' (讲师手册); expected 讲师指南: The facilitator guide has one name"),
    ("retired-name-regex", f"{M2}/index.en.md", "## Key points", "## Key points\n\nAsk the participants first.", "Ask the participants first.",
     "style: 'participants' (\\b[Pp]articipants?\\b); expected learner:"),
    ("title-pattern", f"{M2}/exercises.en.md", "title: \"Exercise sheet: ", "title: \"Exercises: ", "title: \"Exercises: ",
     "style: the exercises title 'Exercises: "),
    ("guide-label", f"{M2}/guide.en.md", "- **Watch for:**", "- **Look out for:**", "- **Look out for:**",
     "style: the label **Look out for:** is not one of the course's; expected one of **What to do:**, **Watch for:**"),
]


@pytest.mark.parametrize("path, old, new, where, expected", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_a_breach_of_the_house_style_stops_the_build_at_its_line(tmp_path, path, old, new, where, expected):
    project = copy_project(tmp_path / "project")
    replace(path, old, new)(project)
    line = line_of(project, path, where)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert f"{path}:{line}: {expected}" in output, output


def test_an_activity_heading_whose_minutes_differ_from_the_run_sheet_stops_the_build(tmp_path):
    output = build_broken(tmp_path, replace(f"{M2}/guide.en.md", "(15 minutes)", "(12 minutes)"))
    assert "the activity headings give" in output and "expected one heading per run-sheet row ending with its minutes" in output, output


def test_what_is_not_prose_is_not_checked(tmp_path):
    """Retired names in code, comments, link targets and block options are left alone."""
    project = copy_project(tmp_path / "project")
    replace(f"{M2}/index.zh.md", "## 要点", "## 要点\n\n`讲师手册` <!-- 讲师手册 --> [链接](https://example.org/讲师手册)\n\n```\n讲师手册\n```")(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
