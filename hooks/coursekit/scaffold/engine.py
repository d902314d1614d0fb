"""The engine as a course carries it: a copy of `hooks/` with a record of what was copied.

`hooks/ENGINE.json` names the engine's version and holds a fingerprint (SHA-256) of every
engine file. An update replaces exactly those files, and refuses when one of them was edited in
the course, so a course's copy never drifts from the engine without anyone noticing.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

MANIFEST = "ENGINE.json"
# The engine's event files, in the order mkdocs.yml lists them (`hooks:`).
EVENT_FILES = ("i18n.py", "course.py", "classroom.py", "offline.py", "quiz.py", "quality.py", "assets.py", "search.py")
# Below hooks/: what the engine is made of, besides the event files.
_PARTS = ("__main__.py", "README.md", "AUTHORING.md", "requirements.txt", "coursekit", "theme")


class EngineError(Exception):
    """A reason to stop that the person running the command can act on."""


@dataclass(frozen=True)
class Update:
    old: str
    new: str
    added: list[str]
    changed: list[str]
    removed: list[str]


def files(hooks: pathlib.Path) -> list[str]:
    """The engine's files below `hooks`, as paths relative to it."""
    found = [name for name in EVENT_FILES if (hooks / name).is_file()]
    for part in _PARTS:
        path = hooks / part
        if path.is_file():
            found.append(part)
        elif path.is_dir():
            found += sorted(p.relative_to(hooks).as_posix() for p in path.rglob("*")
                            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    return found


def copy(source: pathlib.Path, hooks: pathlib.Path, origin: str) -> None:
    """Copy the engine at `source` (a hooks/ folder) into `hooks`, with its manifest."""
    names = files(source)
    for name in names:
        target = hooks / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
    manifest = {"engine": "coursekit", "version": _version(source), "from": origin,
                "files": {name: _digest(hooks / name) for name in names}}
    (hooks / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")


def update(hooks: pathlib.Path, source: str) -> Update:
    """Replace the engine in `hooks` with the one at `source`: a folder that holds hooks/ (an
    engine checkout) or a git URL."""
    manifest_path = hooks / MANIFEST
    if not manifest_path.exists():
        raise EngineError(f"{manifest_path}: no engine manifest; expected a course made by `python -m hooks new-course`")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    edited = [name for name, digest in manifest["files"].items() if (hooks / name).exists() and _digest(hooks / name) != digest]
    if edited:
        listed = "\n  ".join(edited)
        raise EngineError(f"engine files were edited in this course, so an update would lose those edits:\n  {listed}\n"
                          "expected them unchanged: move the change into the engine's repository, or undo it (git checkout hooks/)")
    with tempfile.TemporaryDirectory() as scratch:
        engine = _fetch(source, pathlib.Path(scratch))
        old = set(manifest["files"])
        new = set(files(engine))
        changed = sorted(n for n in old & new if _digest(engine / n) != manifest["files"][n])
        for name in sorted(old - new):
            (hooks / name).unlink(missing_ok=True)
        copy(engine, hooks, source)
    return Update(manifest["version"], json.loads(manifest_path.read_text("utf-8"))["version"], sorted(new - old), changed, sorted(old - new))


# Helper functions


def _digest(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _version(hooks: pathlib.Path) -> str:
    for line in (hooks / "coursekit" / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise EngineError(f"{hooks}: no coursekit/__init__.py with a __version__; expected an engine's hooks/ folder")


def _fetch(source: str, scratch: pathlib.Path) -> pathlib.Path:
    """The hooks/ folder of the engine at `source`."""
    folder = pathlib.Path(source).expanduser()
    if not folder.exists():
        clone = scratch / "engine"
        result = subprocess.run(["git", "clone", "--quiet", "--depth", "1", source, str(clone)], capture_output=True, text=True)
        if result.returncode:
            raise EngineError(f"{source}: neither a folder nor a git repository that could be cloned ({result.stderr.strip()})")
        folder = clone
    hooks = folder / "hooks" if (folder / "hooks" / "coursekit").is_dir() else folder
    if not (hooks / "coursekit").is_dir():
        raise EngineError(f"{source}: no engine there; expected a folder holding hooks/coursekit/")
    return hooks
