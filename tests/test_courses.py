"""The engine makes other courses too: a fixture course on another subject in other language
sets, a course written by `new-course` (which passes its own CI), and `new-module` and
`update-engine` on it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, run_build

FIXTURE = ROOT / "tests" / "fixtures" / "safety"
HOOKS = ROOT / "hooks"
PAGES = ["index", "learners", "course-map", "glossary", "sources", "about", "progress", "instructors/index", "instructors/schedule"]
MODULES = ["01-spotting-hazards", "02-reporting-incidents"]


def with_engine(course: Path, dest: Path) -> Path:
    """A copy of the course folder `course` with this repository's engine as its hooks/."""
    shutil.copytree(course, dest, ignore=shutil.ignore_patterns("hooks", "site", ".venv"))
    shutil.copytree(HOOKS, dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def english_only(project: Path) -> Path:
    """The fixture in one language: Japanese dropped from mkdocs.yml, its pages and its texts."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"\n    ja:\n(?:      .*\n)+", "\n", text), "utf-8")
    for page in project.rglob("*.ja.md"):
        page.unlink()
    shutil.rmtree(project / "course" / "_data" / "strings")
    for data in [*(project / "quizzes").glob("*.yml"), *(project / "course" / "_data").glob("*.yml")]:
        data.write_text(re.sub(r"^ *ja: .*\n", "", data.read_text("utf-8"), flags=re.M), "utf-8")
    run([sys.executable, "-m", "hooks", "schema"], project)
    return project


def run(command: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    project = with_engine(FIXTURE, tmp_path_factory.mktemp("fixture") / "safety")
    site = project / "site"
    result = run_build(project, site, env={"COURSE_PDF": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    project = english_only(with_engine(FIXTURE, tmp_path_factory.mktemp("english") / "safety"))
    site = project / "site"
    result = run_build(project, site, env={"COURSE_PDF": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.parametrize("lang, root", [("en", ""), ("ja", "ja/")])
def test_the_fixture_course_builds_every_page_type_in_both_languages(fixture_site, lang, root):
    for page in PAGES + [f"{m}/{kind}" for m in MODULES for kind in ("index", "exercises", "guide")]:
        path = fixture_site / root / (page.removesuffix("index") + "/index.html").lstrip("/").replace("//", "/")
        html = path.read_text("utf-8")
        assert f'<html lang="{lang}"' in html, path
        assert "complaint" not in html.lower() and "投诉" not in html, path
    lesson = (fixture_site / root / MODULES[0] / "index.html").read_text("utf-8")
    assert 'class="quiz"' in lesson and 'data-quiz="spotting-hazards"' in lesson
    sheet = (fixture_site / root / MODULES[0] / "exercises" / "index.html").read_text("utf-8")
    assert "course-card--observer" in sheet and "course-answer__box" in sheet
    guide = (fixture_site / root / MODULES[0] / "guide" / "index.html").read_text("utf-8")
    assert "course-runsheet" in guide and "quiz-key" in guide


def test_the_fixture_search_cuts_japanese_into_words(fixture_site):
    """Material's Japanese separator does not split at jieba's cuts (U+200B): the index's words
    are the cut ones all the same, as the search worker cuts a query."""
    words = {w for piece in (fixture_site / "ja" / "search").glob("terms-*.json") for w in json.loads(piece.read_text("utf-8"))}
    assert {"安全", "職場", "報告"} <= words
    assert not [w for w in words if "\u200b" in w]
    assert (fixture_site / "ja" / "404.html").read_text("utf-8").count("<h1>ページが見つかりません</h1>") == 1


def test_the_fixture_speaks_japanese_in_its_interface(fixture_site):
    ja = re.sub(r"\s*<\s*", "<", re.sub(r">\s+", ">", (fixture_site / "ja" / MODULES[0] / "exercises" / "index.html").read_text("utf-8")))
    texts = yaml.safe_load((FIXTURE / "course" / "_data" / "strings" / "ja.yml").read_text("utf-8"))
    assert f">{texts['classroom.print']}</button>" in ja
    assert f">{texts['nav.exercises']}<" in ja
    assert ">English<" in ja and ">日本語<" in ja  # the language switch
    settings = json.loads(re.search(r'<script id="__coursekit" type="application/json">(.*?)</script>', ja).group(1))
    assert settings["id"] == "workplace-safety"


def test_the_fixture_pdfs_are_set_in_the_font_of_their_language(fixture_site):
    for lang, root, font in (("en", "", None), ("ja", "ja/", "notosanscjkjp")):
        pdfs = sorted((fixture_site / root / "pdf").glob("*.pdf"))
        assert len(pdfs) == 2 * 3 + 1, pdfs  # per module a guide, a sheet and a quiz paper; the pack
        if font:
            fonts = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True).stdout
            assert font in fonts.replace("-", "").lower(), fonts
        text = PdfReader(pdfs[0]).pages[0].extract_text()
        assert text.strip()


def test_a_one_language_course_builds_with_no_language_switch(english_site):
    assert not (english_site / "ja").exists()
    for page in ("index.html", f"{MODULES[1]}/index.html"):
        html = (english_site / page).read_text("utf-8")
        assert '<html lang="en"' in html and "md-select__link" not in html and 'hreflang="ja"' not in html
    assert "xhtml:link" not in (english_site / "sitemap.xml").read_text("utf-8")
    assert len(list((english_site / "pdf").glob("*.pdf"))) == 7


def test_a_language_without_interface_text_stops_the_build_naming_the_keys(tmp_path):
    project = with_engine(FIXTURE, tmp_path / "safety")
    shutil.rmtree(project / "course" / "_data" / "strings")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    line = next(n for n, text in enumerate((project / "mkdocs.yml").read_text("utf-8").splitlines(), 1) if text == "    ja:")
    assert re.search(rf"mkdocs\.yml:{line}: the engine has no interface text for 'ja' \(\d+ key\(s\): palette\.to-dark, ", output), output
    assert "expected course/_data/strings/ja.yml with every key of the engine's strings/en.yml" in output


def test_a_course_text_with_the_wrong_fields_stops_the_build_at_its_line(tmp_path):
    project = with_engine(FIXTURE, tmp_path / "safety")
    strings = project / "course" / "_data" / "strings" / "ja.yml"
    text = strings.read_text("utf-8")
    assert "{minutes}" in text
    strings.write_text(text.replace("{minutes}", "{minute}", 1), "utf-8")
    line = next(n for n, t in enumerate(strings.read_text("utf-8").splitlines(), 1) if "{minute}" in t)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(rf"course/_data/strings/ja\.yml:{line}: '[\w.-]+' has the fields \{{minute\}}; expected \{{minutes\}}", output), output


# new-course, new-module, update-engine


def new_course(where: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks", "new-course", str(where), *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("made") / "kitchen"
    result = new_course(where, "--languages", "zh,en", "--title", "Kitchen hygiene")
    assert result.returncode == 0, result.stderr
    return where


def test_new_course_writes_a_course_that_builds(made, tmp_path):
    assert json.loads((made / "hooks" / "ENGINE.json").read_text("utf-8"))["files"]
    result = run_build(made, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "en" / "01-getting-started" / "index.html").exists()
    assert '<html lang="zh"' in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_new_course_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me", "utf-8")
    result = new_course(tmp_path, "--title", "X")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"new-course: {tmp_path}: the folder is not empty; expected a new or empty folder, so nothing of yours is overwritten\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_new_module_adds_a_module_that_builds_and_passes_parity(made, tmp_path):
    course = shutil.copytree(made, tmp_path / "course")
    result = run([sys.executable, "-m", "hooks", "new-module", "02-hand-washing", "--title", "Hand washing"], course)
    assert "course/02-hand-washing/index.zh.md" in result.stdout and "quizzes/hand-washing.yml" in result.stdout
    built = run_build(course, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Hand washing" in (tmp_path / "site" / "en" / "02-hand-washing" / "index.html").read_text("utf-8")
    again = subprocess.run([sys.executable, "-m", "hooks", "new-module", "02-other"], cwd=course, capture_output=True, text=True)
    assert again.returncode == 2
    assert again.stderr == "new-module: course/02-hand-washing: module number 02 is taken; expected a number no other module has\n"
    bad = subprocess.run([sys.executable, "-m", "hooks", "new-module", "3-x"], cwd=course, capture_output=True, text=True)
    assert bad.returncode == 2 and "expected two digits, a dash and a lowercase slug" in bad.stderr


def test_update_engine_refuses_when_the_course_edited_the_engine(made, tmp_path):
    course = shutil.copytree(made, tmp_path / "course")
    quiz = course / "hooks" / "quiz.py"
    quiz.write_text(quiz.read_text("utf-8") + "\n# a local change\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks", "update-engine", str(ROOT)], cwd=course, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "engine files were edited in this course, so an update would lose those edits:\n  quiz.py\n" in result.stderr
    assert "# a local change" in quiz.read_text("utf-8")


def test_update_engine_replaces_the_engine_and_nothing_else(made, tmp_path):
    course = shutil.copytree(made, tmp_path / "course")
    lesson = course / "course" / "01-getting-started" / "index.en.md"
    lesson.write_text(lesson.read_text("utf-8") + "\nMy own words.\n", "utf-8")
    manifest = json.loads((course / "hooks" / "ENGINE.json").read_text("utf-8"))
    stale = course / "hooks" / "coursekit" / "core" / "markers.py"
    stale.unlink()  # as if the course had an older engine without this file's current version
    manifest["files"].pop("coursekit/core/markers.py")
    (course / "hooks" / "ENGINE.json").write_text(json.dumps(manifest), "utf-8")
    result = run([sys.executable, "-m", "hooks", "update-engine", str(ROOT)], course)
    assert "1 added" in result.stdout
    assert stale.read_text("utf-8") == (HOOKS / "coursekit" / "core" / "markers.py").read_text("utf-8")
    assert "My own words." in lesson.read_text("utf-8")


def test_a_new_course_passes_its_own_ci(made, tmp_path):
    """The new course's .ci/run, as its CI runs it: a virtual environment of its own, then a
    strict build with the PDFs."""
    course = shutil.copytree(made, tmp_path / "course")
    result = subprocess.run(["bash", ".ci/run"], cwd=course, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (course / "site" / "pdf").is_dir() and (course / "site" / "en" / "pdf").is_dir()
