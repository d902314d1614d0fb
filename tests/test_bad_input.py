"""Every content mistake a maintainer can make stops the build with `path:line: what, expected`.

Each case breaks a copy of the real course in one way and checks the exact message. None may
build, and none may print a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build

L1 = "course/01-why-complaints"


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
]


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in CASES])
def test_mistake_stops_the_build_with_path_and_line(tmp_path, mutate, expected):
    project = copy_project(tmp_path / "project")
    mutate(project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build succeeded despite the mistake:\n{output}"
    assert "Traceback" not in output, output
    assert expected in output, output
    assert re.search(r"^(ERROR|WARNING) +- +[\w./-]+:\d+: ", output, re.M) or re.search(r"^[\w./-]+:\d+: ", output, re.M), output
