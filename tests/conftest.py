"""Shared fixtures: the real course built once, served on localhost, and a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
# The engine, as the hooks import it.
sys.path.insert(0, str(ROOT / "hooks"))
# The site generator the build-level tests run: MkDocs, or ProperDocs (its maintained fork) when
# COURSE_GENERATOR=properdocs (.ci/run runs those tests under both).
GENERATOR = os.environ.get("COURSE_GENERATOR", "mkdocs")
MKDOCS = [sys.executable, "-m", GENERATOR]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PROJECT_PARTS = ("mkdocs.yml", "hooks", "course", "quizzes")


def run_build(project: Path, site: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project folder, as a maintainer runs it.

    Not `--quiet`: it drops warnings before `--strict` counts them, so a broken link would pass.
    """
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site), *extra],
        cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def copy_project(dest: Path) -> Path:
    """A copy of the course project that a test may break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def build_broken(tmp_path: Path, change, *extra: str) -> str:
    """Build a copy of the course after `change(project)`; it must stop, with no traceback and
    nothing written to the site. Its output."""
    project = copy_project(tmp_path / "project")
    change(project)
    site = tmp_path / "site"
    result = run_build(project, site, *extra)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build succeeded despite the mistake:\n{output}"
    assert "Traceback" not in output, output
    written = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not written, f"the build wrote {len(written)} file(s) despite the mistake, e.g. {written[:3]}:\n{output}"
    return output


@pytest.fixture(scope="session")
def port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, port) -> Path:
    """The real course, built once for the whole test session, for the server's address."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site, env={"SITE_URL": f"http://127.0.0.1:{port}/", "COURSE_PDF": "1"})
    assert result.returncode == 0, f"the course does not build:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def site_url(site_dir, port) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page that fails the test if anything is requested from another origin."""
    context = browser.new_context()
    page = context.new_page()
    origin = urlsplit(site_url).netloc
    foreign: list[str] = []

    def check(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != origin:
            foreign.append(request.url)

    page.on("request", check)
    yield page
    context.close()
    assert not foreign, f"requests left the site's origin: {foreign}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
