"""How the bad-input corpus breaks a copy of the course, one mistake at a time, and knows where
the mistake is: each change returns the file and line it broke, so a case asserts that the build
names that very line, not a number copied from a run. `check()` runs one case."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import build_broken

# A content message: after MkDocs' "ERROR   -  " on the first line, or at the start of the others.
_MESSAGE = re.compile(r"^(?:(?:ERROR|WARNING) +- +)?(?P<message>[\w./-]+:\d+: .*)$")


def replace(path: str, old: str, new: str, at: str | None = None, line: int | None = None):
    """Replace the first `old` in `path` by `new`. The mistake is on the line of `at` in `new`
    (its first line if not given), or at `line` when the message belongs to the whole file."""
    return _edit(path, re.escape(old), lambda match: new, at, line)


def regex(path: str, pattern: str, new: str, at: str | None = None, line: int | None = None):
    """As `replace`, for the first match of `pattern` (multi-line mode), `new` a replacement template."""
    return _edit(path, pattern, lambda match: match.expand(new), at, line)


def insert(path: str, before: str, new: str, at: str | None = None):
    """Put `new` in front of the first `before` in `path`."""
    return replace(path, before, new + before, at)


def write(path: str, text: str | bytes, line: int = 1):
    """Write a file (text as UTF-8, bytes as they are); the mistake is at `line`."""
    def change(root: Path) -> tuple[str, int]:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, "utf-8")
        return path, line
    return change


def encode(path: str, encoding: str, old: str | None = None, new: str = ""):
    """Save `path` in another encoding (after replacing `old` by `new`); the mistake is on the
    first line whose bytes differ from its UTF-8."""
    def change(root: Path) -> tuple[str, int]:
        file = root / path
        text = file.read_text("utf-8")
        if old is not None:
            assert old in text, f"{path} no longer contains {old!r}: update the case"
            text = text.replace(old, new, 1)
        file.write_bytes(text.encode(encoding))
        return path, next(n for n, line in enumerate(text.split("\n"), 1) if line.encode(encoding) != line.encode("utf-8"))
    return change


def foreign(path: str, old: str, new: str, encoding: str):
    """Replace `old` by `new` written in another encoding, as a paste from another editor leaves
    it in an otherwise UTF-8 file; the mistake is on the line of `old`."""
    def change(root: Path) -> tuple[str, int]:
        file = root / path
        text = file.read_text("utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update the case"
        start = text.index(old)
        file.write_bytes(text[:start].encode() + new.encode(encoding) + text[start + len(old):].encode())
        return path, text.count("\n", 0, start) + 1
    return change


def move(path: str, to: str, shown: str | None = None, line: int = 1, keep: bool = False):
    """Move (or, with `keep`, copy) a file or folder; the mistake is named at `shown` (the new path if not given)."""
    def change(root: Path) -> tuple[str, int]:
        source = root / path
        if keep:
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / to)
        else:
            shutil.move(source, root / to)
        return shown or to, line
    return change


def delete(path: str, shown: str, line: int = 1):
    def change(root: Path) -> tuple[str, int]:
        (root / path).unlink()
        return shown, line
    return change


def both(*changes):
    """Several changes, each a mistake of its own."""
    def change(root: Path) -> list[tuple[str, int]]:
        return [where for c in changes for where in _places(c(root))]
    return change


def messages(output: str) -> list[str]:
    """Every `path:line: …` message a build printed."""
    return [m["message"] for m in map(_MESSAGE.match, output.splitlines()) if m]


def check(tmp_path: Path, change, expected: str | list[str], also: tuple[str, ...] = (), args: tuple[str, ...] = ()) -> None:
    """Break a copy of the course with `change`: the build must stop with the message `expected`
    at each place `change` broke (one message for all, or one each), with no message but those
    and `also` (each a whole `path:line: …`), no traceback and nothing written to the site."""
    places = []
    output = build_broken(tmp_path, lambda root: places.extend(_places(change(root))), *args)
    wanted = expected if isinstance(expected, list) else [expected] * len(places)
    assert sorted(messages(output)) == sorted([f"{path}:{line}: {message}" for (path, line), message in zip(places, wanted)] + list(also)), output


# Helper functions


def _edit(path: str, pattern: str, replacement, at: str | None, line: int | None):
    def change(root: Path) -> tuple[str, int]:
        file = root / path
        text = file.read_text("utf-8")
        match = re.search(pattern, text, re.M)
        assert match, f"{path} no longer has {pattern!r}: update the case"
        new = replacement(match)
        file.write_text(text[: match.start()] + new + text[match.end():], "utf-8")
        return path, line or text.count("\n", 0, match.start()) + 1 + new[: new.index(at) if at else 0].count("\n")
    return change


def _places(where) -> list[tuple[str, int]]:
    return where if isinstance(where, list) else [where]
