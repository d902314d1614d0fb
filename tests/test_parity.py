"""Translation parity (coursekit/quality/parity.py) on the real course and on broken copies of it, and the
report of translations that may be stale (coursekit/quality/staleness.py) on a small git history."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from coursekit.course import model
from coursekit.quality import (
    parity,
    staleness,
)

CODES = ("zh", "en")
M2 = "course/02-four-principles"


def check(root: Path) -> list[str]:
    course, errors = model.load(root / "course", root, CODES)
    assert not errors, errors
    return [str(e) for e in parity.check(course, CODES[0])]


def test_every_translation_has_the_same_skeleton_as_its_chinese_page():
    assert check(ROOT) == []


def test_the_skeleton_covers_what_the_classroom_and_the_quiz_rely_on():
    """The real pages have something to compare: a lesson's quiz marker, a sheet's cards and answer spaces."""
    course, _ = model.load(ROOT / "course", ROOT, CODES)
    lesson = parity.skeleton(course.page("02-four-principles/index.md", "en"))
    sheet = parity.skeleton(course.page("02-four-principles/exercises.md", "en"))
    assert "quiz" in [m.name for m in lesson.page.markers] and len(lesson.headings) >= 4
    names = [b.name for b in sheet.blocks]
    assert names.count("card") >= 3 and "answer" in names and "scenario" in names


def edit(path: str, pattern: str, new: str, count: int = 1):
    def mutate(root: Path):
        file = root / path
        text, n = re.subn(pattern, new, file.read_text("utf-8"), count=count, flags=re.M)
        assert n, f"{path} no longer matches {pattern!r}: update the case"
        file.write_text(text, "utf-8")
    return mutate


def swap_blocks(path: str):
    """Swap the first scenario case with the first reflection: the order differs, the counts do not."""
    def mutate(root: Path):
        file = root / path
        text = file.read_text("utf-8")
        whole = [m.group(0) for m in re.finditer(r"^(////+) (scenario|reflection) \|.*?\n\1$", text, flags=re.S | re.M)]
        scenario = next(b for b in whole if " scenario |" in b.split("\n")[0])
        reflection = next(b for b in whole if " reflection |" in b.split("\n")[0])
        file.write_text(text.replace(scenario, "\0").replace(reflection, scenario).replace("\0", reflection), "utf-8")
    return mutate


CASES = [
    ("one-card-fewer", edit(f"{M2}/exercises.en.md", r"^/// card \| .*\n    role: staff\n(?:(?!///).*\n)*///\n", ""),
     f"{M2}/exercises.en.md:1: differs from {M2}/exercises.zh.md: "),
    ("extra-answer-space", edit(f"{M2}/exercises.zh.md", r"^(/// answer\n    lines: \d+\n///\n)", r"\1\n\1"),
     " answer spaces here, "),
    ("blocks-in-another-order", swap_blocks(f"{M2}/exercises.en.md"),
     f"differs from {M2}/exercises.zh.md: block 1 is a reflection here, a scenario case there (line "),
    ("heading-dropped", edit(f"{M2}/index.en.md", r"^## (.*)$", r"### \1"),
     f"{M2}/index.en.md:1: differs from {M2}/index.zh.md: "),
    ("front-matter-key-missing", edit(f"{M2}/index.en.md", r"^quiz:.*\n", ""),
     f"{M2}/index.en.md:1: differs from {M2}/index.zh.md: front-matter key 'quiz' there only; expected the same front-matter keys in both languages"),
    ("quiz-marker-missing", edit(f"{M2}/index.en.md", r"^<!-- md:quiz four-principles -->\n", ""),
     f"{M2}/index.en.md:1: differs from {M2}/index.zh.md: <!-- md:quiz four-principles --> there only; expected the same markers, with the same arguments, in both languages"),
    ("sources-differ", edit(f"{M2}/index.en.md", r"^(<!-- md:sources [^>]*?) -->", r"\1 covey-1989 -->"),
     " covey-1989 --> here only, <!-- md:sources "),
    ("duration-differs", edit(f"{M2}/index.en.md", r"^duration: \d+", "duration: 15"),
     f"{M2}/index.en.md:"),
]


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in CASES])
def test_a_difference_between_the_languages_is_reported_on_the_translation(tmp_path, mutate, expected):
    shutil.copytree(ROOT / "course", tmp_path / "course")
    mutate(tmp_path)
    errors = check(tmp_path)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{M2}/") and ".en.md:" in errors[0] and ".zh.md: " in errors[0], errors
    assert expected in errors[0], errors


def test_counts_name_each_kind_of_block_that_differs(tmp_path):
    shutil.copytree(ROOT / "course", tmp_path / "course")
    sheet = tmp_path / M2 / "exercises.en.md"
    text = sheet.read_text("utf-8")
    sheet.write_text(text.replace("\n/// card |", "\n/// note |\n///\n\n/// card |", 1)
                     .replace("/// answer\n", "/// reflection | Extra\n///\n\n/// answer\n", 1), "utf-8")
    errors = check(tmp_path)
    assert errors == [
        f"{M2}/exercises.en.md:1: differs from {M2}/exercises.zh.md: "
        f"{_reflections(text) + 1} reflections here, {_reflections(text)} there, 1 'note' block here, 0 there; "
        "expected the same exercise blocks in both languages"
    ]


def _reflections(text: str) -> int:
    return len(re.findall(r"^/+ reflection \|", text, flags=re.M))


def test_the_exact_message_for_a_missing_role_card(tmp_path):
    shutil.copytree(ROOT / "course", tmp_path / "course")
    edit(f"{M2}/exercises.en.md", r"^/// card \| .*\n    role: staff\n(?:(?!///).*\n)*///\n", "")(tmp_path)
    zh = (ROOT / M2 / "exercises.zh.md").read_text("utf-8").count("/// card |")
    assert check(tmp_path) == [
        f"{M2}/exercises.en.md:1: differs from {M2}/exercises.zh.md: {zh - 1} role cards here, {zh} there; "
        "expected the same exercise blocks in both languages"
    ]


def test_headings_in_code_and_front_matter_do_not_count(tmp_path):
    shutil.copytree(ROOT / "course", tmp_path / "course")
    edit(f"{M2}/index.en.md", r"\A---\n", "---\n# ## not a heading\n")(tmp_path)
    edit(f"{M2}/index.en.md", r"^## ", "```text\n## in a code sample\n```\n\n## ")(tmp_path)
    assert check(tmp_path) == []


# Staleness: which translations changed before their counterpart


def git(repo: Path, *args: str, date: str = "2025-01-01T12:00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def history(tmp_path) -> Path:
    """A project whose two pages were written on 1 January; then the Chinese lesson changed twice."""
    repo = tmp_path / "repo"
    (repo / "course" / "01-x").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    for name in ("about.zh.md", "about.en.md", "01-x/index.zh.md", "01-x/index.en.md"):
        (repo / "course" / name).write_text(f"---\ntitle: {name}\n---\n", "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "both languages")
    for day in ("2025-02-03", "2025-03-04"):
        with (repo / "course" / "01-x" / "index.zh.md").open("a", encoding="utf-8") as page:
            page.write(f"{day}\n")
        git(repo, "commit", "-q", "-am", f"zh on {day}", date=f"{day}T09:00:00")
    return repo


def test_a_translation_older_than_its_counterpart_is_listed_with_both_dates(history):
    found = [str(s) for s in staleness.report(history, "course", CODES)]
    hashes = git(history, "log", "--format=%h").split()
    assert found == [
        f"course/01-x/index.en.md: may be stale: it last changed on 2025-01-01 ({hashes[2]}), "
        f"but course/01-x/index.zh.md changed on 2025-03-04 ({hashes[0]}), 2 commits since then"
    ]


def test_uncommitted_changes_count_as_the_latest(history):
    (history / "course" / "about.en.md").write_text("---\ntitle: changed\n---\n", "utf-8")
    found = [str(s) for s in staleness.report(history, "course", CODES)]
    assert found[0].startswith("course/01-x/index.en.md: may be stale")
    assert "course/about.zh.md: may be stale: it last changed on 2025-01-01 (" in found[1]
    assert found[1].endswith("but course/about.en.md has uncommitted changes")
    # Bringing the translation up to date, in one commit with the other, clears it.
    (history / "course" / "about.zh.md").write_text("---\ntitle: changed too\n---\n", "utf-8")
    git(history, "commit", "-q", "-am", "both", date="2025-04-01T09:00:00")
    assert [s.page.path for s in staleness.report(history, "course", CODES)] == ["course/01-x/index.en.md"]


def test_the_command_prints_the_report_and_github_warnings(history):
    command = [sys.executable, str(ROOT / "hooks"), "staleness"]
    plain = subprocess.run(command, cwd=history, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.splitlines()[-1] == "1 translation(s) may be stale."
    assert plain.stdout.startswith("course/01-x/index.en.md: may be stale: it last changed on 2025-01-01")
    actions = subprocess.run(command, cwd=history, capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert actions.stdout.startswith("::warning file=course/01-x/index.en.md,title=Translation may be stale::course/01-x/index.en.md: ")


def test_a_shallow_clone_is_refused_rather_than_reported_as_fresh(history, tmp_path):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history}", str(shallow))
    result = subprocess.run([sys.executable, str(ROOT / "hooks"), "staleness"], cwd=shallow, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "staleness: the clone is shallow; expected the full history (actions/checkout with fetch-depth: 0)\n"


def test_the_workflow_shows_the_report_from_the_full_history():
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8")
    test_job = workflow.split("\n  build:")[0]
    assert "fetch-depth: 0" in test_job
    steps = test_job.split("- name: ")
    assert "bash .ci/run" in steps[-2] and ".venv/bin/python -m hooks staleness || true" in steps[-1]
