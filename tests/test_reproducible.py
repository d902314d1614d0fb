"""Two builds of the same commit are byte-identical, the PDFs included.

The second build pretends to run on another day (SOURCE_DATE_EPOCH, which MkDocs takes as the
build date), so anything stamped with the build date shows up as a difference. No file is
excluded: MkDocs' sitemap.xml.gz carried the build date in its gzip header, and hooks/quality.py
writes it without one.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import copy_project, run_build

ANOTHER_DAY = {"SOURCE_DATE_EPOCH": "1000000000"}  # 9 September 2001


def build_twice(project: Path, out: Path, env: dict) -> tuple[Path, Path]:
    """Two builds of one snapshot of the project, side by side (CI has two cores)."""
    sites = out / "a", out / "b"
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda job: run_build(project, job[0], env=job[1]), [(sites[0], env), (sites[1], {**env, **ANOTHER_DAY})]))
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
    return sites


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is in one site only or whose bytes differ, as paths relative to the site."""
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    others = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return sorted((files ^ others) | {f for f in files & others if (a / f).read_bytes() != (b / f).read_bytes()})


def test_two_builds_of_the_course_with_its_pdfs_are_byte_identical(tmp_path):
    project = copy_project(tmp_path / "project")
    a, b = build_twice(project, tmp_path, {"COURSE_PDF": "1"})
    assert len(list(a.rglob("*.pdf"))) >= 40  # both languages' classroom packs were part of it
    assert differences(a, b) == []


def test_the_comparison_finds_a_build_date(tmp_path):
    """A deliberately broken copy: without quality.py's fix, sitemap.xml.gz carries the build date."""
    project = copy_project(tmp_path / "project")
    quality = project / "hooks" / "quality.py"
    text, n = re.subn(r"^def on_post_build\(", "def _not_a_hook(", quality.read_text("utf-8"), flags=re.M)
    assert n == 1, "hooks/quality.py no longer has on_post_build: update this test"
    quality.write_text(text, "utf-8")
    a, b = build_twice(project, tmp_path, {})
    assert differences(a, b) == ["en/sitemap.xml.gz", "sitemap.xml.gz", "zh-tw/sitemap.xml.gz"]
