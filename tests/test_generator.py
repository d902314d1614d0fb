"""The suite's builds (tests/generator.py: one preloaded server, a forked child per build) give
what a maintainer sees from `mkdocs build` in a process of its own, whatever the builds before."""

from __future__ import annotations

import os
import re
import subprocess

from conftest import MKDOCS, copy_project, run_build
from mistakes import insert, replace

ARGS = ["build", "--strict", "--config-file", "mkdocs.yml", "--site-dir"]
# A mistake found when the project is read, and one found only once every page is built (MkDocs'
# link check, after the engine's search words and Material's search plugin have run).
READ = replace("mkdocs.yml", "pass_mark: 80", "pass_mark: 180")
LINK = insert("course/learners.en.md", "The modules build on", "See [the map](course-mapp.md).\n\n")


def test_a_build_through_the_server_prints_what_its_own_process_prints(tmp_path):
    projects = {}
    for name, change in (("read", READ), ("link", LINK)):
        projects[name] = copy_project(tmp_path / name)
        change(projects[name])
    alone = {name: _alone(project, tmp_path / f"{name}-site") for name, project in projects.items()}
    # Each case after the other, and the link case again, through the same servers.
    for name in ("link", "read", "link"):
        served = run_build(projects[name], tmp_path / f"{name}-site")
        assert (served.returncode, served.stdout, _timeless(served.stderr)) == alone[name], name
        assert not (tmp_path / f"{name}-site").exists()
    assert "mkdocs.yml:" in alone["read"][2] and "course/learners.en.md:" in alone["link"][2]


# Helper functions


def _alone(project, site) -> tuple[int, str, str]:
    result = subprocess.run([*MKDOCS, *ARGS, str(site)], cwd=project, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0, result.stdout + result.stderr
    return result.returncode, result.stdout, _timeless(result.stderr)


def _timeless(output: str) -> str:
    """Without what differs from one run to the next: jieba's "Loading model cost 1.4 seconds"."""
    return re.sub(r"\b\d+\.\d+ seconds\b", "N seconds", output)
