"""The project is read, and checked, once per build: every hook asks for it on every page, and
each language's build asks again, so reading it on each call cost more than the checks themselves
(BENCHMARKS.md). A changed file is still read again, as `mkdocs serve` needs."""

from __future__ import annotations

from mkdocs.config import load_config

from conftest import copy_project
from coursekit import glue
from coursekit import project as reading


def test_every_call_of_a_build_and_every_language_share_one_reading(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"))
    readings = []
    real = reading._read
    monkeypatch.setattr(reading, "_read", lambda *args: readings.append(args) or real(*args))
    first = glue.project(config)
    # What hooks/i18n.py writes into extra before the other hooks ask for the project.
    config.extra["alternate"] = [{"name": "English", "lang": "en", "link": "en/"}]
    config.extra["coursekit"] = {"course": "changed by the hook"}
    assert glue.project(config) is first
    # Each language's build loads the config again (glue.build_language), as `mkdocs serve` does.
    assert glue.project(load_config(str(project / "mkdocs.yml"))) is first
    assert len(readings) == 1


def test_a_changed_page_is_read_again(tmp_path):
    project = copy_project(tmp_path / "project")
    first = glue.project(load_config(str(project / "mkdocs.yml")))
    page = project / "course" / "about.en.md"
    page.write_text(page.read_text("utf-8").replace("---\n\n", "---\n\nChanged.\n\n", 1), "utf-8")
    again = glue.project(load_config(str(project / "mkdocs.yml")))
    assert again is not first
    assert not again.errors


def test_the_files_are_looked_at_once_per_build_config(tmp_path, monkeypatch):
    """Each of the ~400 hook calls of a build once listed the docs folder and looked at every
    file's state to find the reading; a build's config now finds it at once."""
    project = copy_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"))
    listings = []
    real = glue._page_uris
    monkeypatch.setattr(glue, "_page_uris", lambda config: listings.append(config) or real(config))
    for _ in range(50):
        glue.project(config)
    assert len(listings) == 1
    glue.project(load_config(str(project / "mkdocs.yml")))
    assert len(listings) == 2
