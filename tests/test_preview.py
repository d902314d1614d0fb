"""`mkdocs serve` while a maintainer writes: a mistake prints its `path:line:` message, and the
preview serves the page again as soon as the file is fixed. While the build is broken MkDocs
holds every page request until a build succeeds (its livereload server serves only a whole
site); README.md says so."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path, PurePosixPath

import pytest

from conftest import MKDOCS, copy_project
from coursekit.outputs import searchindex

PAGE = "course/about.en.md"
MESSAGE = f"{PAGE}:1: front matter: missing 'summary'; expected one sentence of at most 200 characters (it is also the meta description)"


class Preview:
    """`mkdocs serve` of a project on a free port, its output collected as it comes."""

    def __init__(self, project: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0, timeout: float = 300) -> int:
        """Wait until the output, from line `after` on, holds `text`; the number of lines read so far."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in self.output[after:]):
                return len(self.output)
            assert self.process.poll() is None, "\n".join(self.output)
            time.sleep(0.2)
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(self.output))

    def search_index(self, root: str) -> list[dict]:
        """The sections of the search index served below `root`, read piece by piece as the site has it."""
        return searchindex.documents(PurePosixPath(root) / "search", lambda path: self.get(str(path), timeout=60))

    def get(self, path: str, timeout: float) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as response:
            return response.read().decode("utf-8")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def preview(tmp_path):
    running = Preview(copy_project(tmp_path / "project"))
    yield running
    running.stop()


def test_a_mistake_is_printed_and_the_preview_recovers_when_the_file_is_fixed(preview, tmp_path):
    preview.wait_for("Serving on")
    assert "About this course" in preview.get("/en/about/", timeout=60)
    page = tmp_path / "project" / PAGE
    good = page.read_text("utf-8")

    page.write_text(good.replace("summary: ", "sumary: ", 1).replace("\nsumary: ", "\n# summary: ", 1), "utf-8")
    seen = preview.wait_for(MESSAGE, timeout=120)
    assert not any("Traceback" in line for line in preview.output), "\n".join(preview.output)
    with pytest.raises(OSError):  # MkDocs holds the request while the build is broken
        preview.get("/en/about/", timeout=5)

    page.write_text(good.replace("# About this course", "# About this course, fixed", 1), "utf-8")
    preview.wait_for("Reloading browsers", after=seen, timeout=120)
    assert "About this course, fixed" in preview.get("/en/about/", timeout=60)


ANCHORED = "See [what this course is](about.md#about-this-course).\n"


def test_a_saved_page_is_shown_first_and_the_whole_site_follows_as_strict_as_a_build(tmp_path):
    """The preview (hooks/rebuild.py): a saved page is built alone and shown, then the whole site
    is built aside with every check. A mistake only the whole site shows (another page's link to a
    heading the save renamed) still stops it, and page requests wait until it is fixed."""
    project = copy_project(tmp_path / "project")
    home = project / "course" / "index.en.md"
    home.write_text(home.read_text("utf-8").rstrip() + "\n\n" + ANCHORED, "utf-8")
    running = Preview(project)
    try:
        running.wait_for("Serving on")
        whole = running.search_index("/en/")
        page = project / PAGE
        good = page.read_text("utf-8")

        seen = len(running.output)
        page.write_text(good.replace("## Where", "A sentence the preview shows first.\n\n## Where", 1), "utf-8")
        seen = running.wait_for("the saved page first", after=seen, timeout=120)
        assert "A sentence the preview shows first." in running.get("/en/about/", timeout=60)
        # Saved again while the whole site is being built: that build gives way to the new preview.
        page.write_text(good.replace("## Where", "A sentence the preview shows first.\n\nAnd a second one.\n\n## Where", 1), "utf-8")
        seen = running.wait_for("the saved page first", after=seen, timeout=120)
        assert "And a second one." in running.get("/en/about/", timeout=60)
        running.wait_for("The whole site is built again", after=seen, timeout=300)
        index = running.search_index("/en/")
        text = " ".join(doc["text"] for doc in index)
        assert "A sentence the preview shows first." in text and "And a second one." in text
        assert [doc["location"] for doc in index] == [doc["location"] for doc in whole]  # every page, not the one built first
        assert "A sentence the preview shows first." not in " ".join(doc["text"] for doc in running.search_index("/"))

        seen = len(running.output)
        page.write_text(good.replace("About this course", "What this course is"), "utf-8")
        seen = running.wait_for("the saved page first", after=seen, timeout=120)
        assert "What this course is" in running.get("/en/about/", timeout=60)
        running.wait_for("course/index.en.md:", after=seen, timeout=300)
        assert any("about-this-course" in line for line in running.output[seen:]), "\n".join(running.output[seen:])
        assert not any("The whole site is built again" in line for line in running.output[seen:])
        with pytest.raises(OSError):  # held, as after any failed build
            running.get("/en/about/", timeout=5)

        seen = len(running.output)
        home.write_text(home.read_text("utf-8").replace(ANCHORED, "See [what this course is](about.md#what-this-course-is).\n"), "utf-8")
        running.wait_for("Reloading browsers", after=seen, timeout=300)
        assert "What this course is" in running.get("/en/about/", timeout=60)
    finally:
        running.stop()

