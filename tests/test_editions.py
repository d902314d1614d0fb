"""The learner edition (COURSE_EDITION=learner), built once: no instructors' page, no link to one,
no search entry, sitemap entry or navigation entry for one, no instructor PDF and no quiz export,
checked over every built file; and an unknown edition stops the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build

# What only instructors get: the guides, the instructors' section, their PDFs (guides, quiz papers)
# and the quiz exports. (The learner edition's combined PDF holds the exercise sheets only.)
INSTRUCTOR = re.compile(r"(?:\d\d-[a-z0-9-]+/guide(?:/|\.html\b)|instructors/|-(?:guide|quiz)-[a-zA-Z-]+\.pdf|quiz-exports/|\.moodle\.xml|\.gift\.txt)")


@pytest.fixture(scope="module")
def learner(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("learner")
    result = run_build(ROOT, site, env={"COURSE_EDITION": "learner", "COURSE_PDF": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_no_instructor_file_is_built(learner):
    files = [p.relative_to(learner).as_posix() for p in learner.rglob("*") if p.is_file()]
    assert any(f.endswith("01-why-complaints/index.html") for f in files)
    assert any(f.endswith("01-why-complaints-exercises-zh.pdf") for f in files), "the learners' PDFs are kept"
    assert not [f for f in files if INSTRUCTOR.search(f)]


def test_no_built_file_points_at_an_instructor_page(learner):
    for path in sorted(learner.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".js") and path.is_file():
            found = INSTRUCTOR.search(path.read_text("utf-8", errors="replace"))
            assert not found, f"{path.relative_to(learner)} points at {found.group(0)!r}"


@pytest.mark.parametrize("root, words", [("", "讲师请先看"), ("en/", "Instructors should begin"), ("zh-tw/", "講師請先看")])
def test_the_learner_home_page_leaves_out_its_words_for_instructors(learner, site_dir, root, words):
    assert words in (site_dir / root / "index.html").read_text("utf-8")
    home = (learner / root / "index.html").read_text("utf-8")
    assert words not in home
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S).group(0)
    assert "讲师" not in nav and "講師" not in nav and "For instructors" not in nav


def test_the_full_edition_keeps_the_instructors(site_dir):
    home = (site_dir / "index.html").read_text("utf-8")
    assert re.search(r'class="course-instructors">\s*<p>.*?href="instructors/"', home, re.S)
    assert (site_dir / "01-why-complaints" / "guide" / "index.html").exists()


def test_an_unknown_edition_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_build(project, tmp_path / "site", env={"COURSE_EDITION": "teachers"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "COURSE_EDITION='teachers' is not an edition of the course; expected one of full, learner, packages (or unset, for full)" in output


def test_a_learner_page_linking_to_instructors_outside_the_block_stops_the_learner_build(tmp_path):
    project = copy_project(tmp_path / "project")
    for lang in ("zh", "en"):
        page = project / "course" / f"index.{lang}.md"
        text = page.read_text("utf-8")
        assert "/// instructors\n" in text
        page.write_text(re.sub(r"/// instructors\n(.*?)\n///\n", r"\1\n", text, flags=re.S), "utf-8")
    line = next(n for n, row in enumerate((project / "course" / "index.zh.md").read_text("utf-8").splitlines(), 1) if "instructors/index.md" in row)
    result = run_build(project, tmp_path / "site", env={"COURSE_EDITION": "learner"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    # The default language is built first, and stops the build.
    assert (f"course/index.zh.md:{line}: page contains a link 'instructors/index.md', but the target is not found" in output
            and "the learner edition has no instructors' pages: put what links to them in a '/// instructors' block" in output), output
