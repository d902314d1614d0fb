"""Interface text of the hooks and their templates, from strings.yml, in the page's language."""

from __future__ import annotations

import functools
import pathlib

import yaml


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    return yaml.safe_load((pathlib.Path(__file__).parent / "strings.yml").read_text("utf-8"))


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` fields filled in; an unknown key is a bug."""
    return _table()[key][lang].format(**values)


def group(prefix: str, lang: str) -> dict:
    """Every text under `prefix.` in `lang`, nested by the dots in its key: for templates."""
    out: dict = {}
    for key, texts in _table().items():
        if key.startswith(f"{prefix}."):
            *parents, leaf = key[len(prefix) + 1 :].split(".")
            node = out
            for parent in parents:
                node = node.setdefault(parent, {})
            node[leaf] = texts[lang]
    return out
