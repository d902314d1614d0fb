"""`mkdocs build` as a maintainer runs it, without paying for Python's start-up and the
generator's imports on each of the suite's few hundred builds.

A server process imports the generator and the libraries every build needs (not the engine:
each build imports the hooks of its own project), builds nothing, then forks one child per build.
The child is a fresh copy of that never-used process: it takes the build's folder, environment
and output files, and runs the generator exactly as `python -m mkdocs` does, so no state of
one build (the engine's caches, jieba's dictionary, Material's search plugin) reaches another.
tests/test_generator.py shows a build's output through the server is that of a process of its own.

Run as `python tests/generator.py GENERATOR`: it reads one request a line on standard input and
answers each with the build's exit status.
"""

from __future__ import annotations

import importlib
import json
import os
import runpy
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# Loaded once by the server: the generator's modules and the libraries that builds import
# (none of them builds or prints anything on import; not `GENERATOR.__main__`, which each build runs anew).
_GENERATOR_MODULES = ("commands.build", "config.defaults", "structure.pages", "contrib.search")
_LIBRARIES = ("click", "jinja2", "markdown", "pymdownx.blocks", "pymdownx.superfences", "pygments.formatters.html",
              "yaml", "jsonschema", "jieba", "opencc", "segno", "babel.dates", "weasyprint")
_idle: dict[str, list[subprocess.Popen]] = {}
_lock = threading.Lock()


def run(generator: str, args: list[str], cwd: Path, env: dict, timeout: float) -> subprocess.CompletedProcess:
    """`python -m GENERATOR *args` in `cwd` with exactly `env`, its output captured as text, as
    `subprocess.run(..., capture_output=True, text=True)` gives it. Builds may run in parallel
    (one server each)."""
    server, command = _take(generator), [sys.executable, "-m", generator, *args]
    with tempfile.TemporaryDirectory(prefix="build-output-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        request = {"args": args, "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        answer = _answer(server, timeout, command)
        # Decoded as subprocess decodes text: the locale's encoding, universal newlines.
        with open(out) as stdout, open(err) as stderr:
            result = subprocess.CompletedProcess(command, answer, stdout.read(), stderr.read())
    with _lock:
        _idle[generator].append(server)
    return result


# Helper functions


def _take(generator: str) -> subprocess.Popen:
    with _lock:
        idle = _idle.setdefault(generator, [])
        if idle:
            return idle.pop()
    return subprocess.Popen(
        [sys.executable, __file__, generator], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True,
    )


def _answer(server: subprocess.Popen, timeout: float, command: list[str]) -> int:
    """The exit status the server sends back; past `timeout`, the server and its build are ended."""
    answer: list[str] = []
    reader = threading.Thread(target=lambda: answer.append(server.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not answer:
        os.killpg(server.pid, 9)
        raise subprocess.TimeoutExpired(command, timeout)
    if not answer[0]:
        raise RuntimeError(f"the build server stopped (exit status {server.wait()}): see its standard error above")
    return json.loads(answer[0])


def _serve(generator: str) -> dict:
    """Preload, then fork a child per request and answer with its exit status. Returns only in
    a child, with its request."""
    for name in [f"{generator}.{module}" for module in _GENERATOR_MODULES] + list(_LIBRARIES):
        importlib.import_module(name)
    answers = os.fdopen(os.dup(1), "w")
    for line in sys.stdin:
        child = os.fork()
        if child == 0:
            answers.close()
            return json.loads(line)
        answers.write(f"{os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])}\n")
        answers.flush()
    sys.exit(0)


def _become(request: dict) -> None:
    """In the child: the build's folder, environment and output files, as a new process has them."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                            (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):
        opened = os.open(path, flags, 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    # `python -m` puts the working folder first on the import path, where this script's folder was.
    sys.path[0] = os.getcwd()
    sys.argv = ["-m", *request["args"]]


if __name__ == "__main__":
    generator = sys.argv[1]
    _become(_serve(generator))
    # What `python -m GENERATOR` does; an exit or an exception ends the child as it would end that process.
    runpy.run_module(generator, run_name="__main__", alter_sys=True)
