"""Translations that may be stale: pages whose counterpart changed in a later commit.

A report for maintainers, not a gate: a later change to one language may be a typo fix that needs
no translation. Run from the project folder:

    .venv/bin/python -m hooks staleness

It reads the git history once. A page with uncommitted changes counts as changed last.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from dataclasses import dataclass

from coursekit.core import yamlsource
from coursekit.languages.files import split


@dataclass(frozen=True)
class Change:
    """The last change to one file: its commit (short hash and date), or none if uncommitted."""

    path: str
    commit: str
    date: str
    order: int  # 0 for the newest change; uncommitted changes are -1

    def __str__(self) -> str:
        return f"changed on {self.date} ({self.commit})" if self.commit else "has uncommitted changes"


@dataclass(frozen=True)
class Stale:
    page: Change  # the version that changed earlier
    newer: Change
    commits: int  # commits that changed the newer version since

    def __str__(self) -> str:
        since = f", {self.commits} commit{'s' if self.commits != 1 else ''} since then" if self.commits else ""
        return (
            f"{self.page.path}: may be stale: it last {self.page}, "
            f"but {self.newer.path} {self.newer}{since}"
        )


class NoHistory(Exception):
    """The history needed for the report is not there (no git, not a repository, a shallow clone)."""


def report(root: pathlib.Path, docs: str, codes: tuple[str, ...]) -> list[Stale]:
    """Every page whose versions in the default language (codes[0]) and in a translation last
    changed in different commits; the one that changed earlier may be stale."""
    history = _history(root, docs)
    uncommitted = _uncommitted(root, docs)
    files = sorted(p.relative_to(root).as_posix() for p in (root / docs).rglob("*.md"))
    versions: dict[str, dict[str, str]] = {}
    for path in files:
        parts = split(path)
        if parts and parts[1] in codes:
            versions.setdefault(parts[0], {})[parts[1]] = path

    def last(path: str) -> Change:
        if path in uncommitted:
            return Change(path, "", "", -1)
        order, commit, date = next(((i, c, d) for i, (c, d, paths) in enumerate(history) if path in paths), (len(history), "", "never"))
        return Change(path, commit, date, order)

    found = []
    for pages in versions.values():
        if codes[0] not in pages:
            continue  # a missing translation stops the build; nothing to compare here
        original = last(pages[codes[0]])
        for code in codes[1:]:
            if code not in pages:
                continue
            translation = last(pages[code])
            if translation.order == original.order:
                continue
            older, newer = sorted((original, translation), key=lambda c: c.order, reverse=True)
            commits = sum(1 for _, _, paths in history[max(newer.order, 0):older.order] if newer.path in paths)
            found.append(Stale(older, newer, commits))
    return sorted(found, key=lambda s: s.page.path)


def main(root: pathlib.Path) -> int:
    config = yamlsource.settings((root / "mkdocs.yml").read_text("utf-8"))
    try:
        found = report(root, config.get("docs_dir", "docs"), tuple(config["extra"]["languages"]))
    except NoHistory as error:
        print(f"staleness: {error}", file=sys.stderr)
        return 2
    # In GitHub Actions each line becomes a warning annotation on the file.
    prefix = "::warning file={path},title=Translation may be stale::" if os.environ.get("GITHUB_ACTIONS") == "true" else ""
    for stale in found:
        print(prefix.format(path=stale.page.path) + str(stale))
    print(f"{len(found)} translation(s) may be stale." if found else "No translation is older than its counterpart.")
    return 0


# Helper functions


def _git(root: pathlib.Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        raise NoHistory("git is not installed; expected git, to read when each page last changed") from None
    if result.returncode:
        raise NoHistory(f"git {args[0]} failed: {result.stderr.strip()}; expected a git repository with its history")
    return result.stdout


def _history(root: pathlib.Path, docs: str) -> list[tuple[str, str, set[str]]]:
    """The commits that changed the docs dir, newest first: (short hash, date, paths changed)."""
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise NoHistory("the clone is shallow; expected the full history (actions/checkout with fetch-depth: 0)")
    commits = []
    for entry in _git(root, "log", "--topo-order", "--format=%x00%h %cs", "--name-only", "--", docs).split("\0")[1:]:
        head, *paths = entry.strip("\n").split("\n")
        commit, date = head.split()
        commits.append((commit, date, {p for p in paths if p}))
    return commits


def _uncommitted(root: pathlib.Path, docs: str) -> set[str]:
    lines = _git(root, "status", "--porcelain", "--untracked-files=all", "--", docs).splitlines()
    return {line[3:].split(" -> ")[-1] for line in lines}
