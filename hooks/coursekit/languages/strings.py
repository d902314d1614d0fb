"""Interface text of the engine and its templates, in the page's language.

The engine ships every key in the languages under `strings/` (`zh.yml`, `en.yml`). A course adds
a language the engine lacks, or rewords single keys, in `<docs_dir>/_data/strings/<code>.yml`;
`check()` stops the build when a course language lacks keys, naming them. A derived language
(zh-TW) has its source language's texts converted, the course's own file over them.
"""

from __future__ import annotations

import functools
import pathlib
import string
from collections.abc import Callable

from jsonschema import Draft7Validator, ValidationError

from coursekit.core import schema as data_schema
from coursekit.core import textfile, yamlsource
from coursekit.core.errors import ContentError

_ENGINE = pathlib.Path(__file__).parent / "strings"
SCHEMA = pathlib.Path(__file__).with_name("strings.schema.json")
# The table in use: language -> key -> text, set by use() for the course being built.
_table: dict[str, dict[str, str]] = {}


def load(codes: tuple[str, ...], course_dir: pathlib.Path, root: pathlib.Path,
         listed: Callable[[str], tuple[str, int]],
         derived: dict[str, tuple[str, Callable[[str], str]]] | None = None) -> tuple[dict[str, dict[str, str]], list[ContentError]]:
    """The texts of every course language (the engine's, then the course's own over them),
    and every language that lacks keys or words them wrongly. `listed(code)` is the file and
    line where the course lists the language (for a language the course has no text for).
    `derived` gives a derived language its source language and converter."""
    reference = shipped("en")
    derived = derived or {}
    table, errors = {}, []
    for code in sorted(codes, key=lambda c: c in derived):  # a source language before those made of it
        if code in derived:
            source, convert = derived[code]
            texts = {key: _converted(text, convert) for key, text in table[source].items()}
        else:
            texts = dict(shipped(code))
        own = course_dir / f"{code}.yml"
        shown = own.relative_to(root).as_posix() if own.is_relative_to(root) else str(own)
        problems = []
        if own.exists():
            data, lines, problems = data_schema.read(own, shown, validator(), (), explain=_explain)
            errors += problems
            for key, text in (data or {}).items():
                problem = _fields_problem(key, text, reference)
                if problem:
                    errors.append(ContentError(shown, yamlsource.line_of(lines, (key,)), problem))
                else:
                    texts[key] = text
        missing = [key for key in reference if key not in texts]
        if missing and not problems:  # a file that does not read has its own messages
            keys = f"{len(missing)} key(s): {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}"
            if own.exists():
                errors.append(ContentError(shown, 1, f"interface text for '{code}' lacks {keys}; expected every key of the engine's strings/en.yml"))
            else:
                errors.append(ContentError(*listed(code), f"the engine has no interface text for '{code}' ({keys}); "
                                                          f"expected {shown} with every key of the engine's strings/en.yml"))
        table[code] = texts
    return {code: table[code] for code in codes}, errors


def use(table: dict[str, dict[str, str]]) -> None:
    """Make `table` the one `t()` and `group()` read (the course being built)."""
    _table.clear()
    _table.update(table)


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` fields filled in; an unknown key is a bug.
    A text that depends on a number is a mapping `{one: …, other: …}`, chosen by `n`."""
    text = _texts(lang)[key]
    if isinstance(text, dict):
        text = text["one"] if values.get("n") == 1 and "one" in text else text["other"]
    return text.format(**values)


def group(prefix: str, lang: str) -> dict:
    """Every text under `prefix.` in `lang`, nested by the dots in its key: for templates."""
    out: dict = {}
    for key, text in _texts(lang).items():
        if key.startswith(f"{prefix}."):
            *parents, leaf = key[len(prefix) + 1 :].split(".")
            node = out
            for parent in parents:
                node = node.setdefault(parent, {})
            node[leaf] = text
    return out


# Helper functions


def schema() -> dict:
    """The schema of a course's interface text file: the engine's keys, each a text or {one, other}."""
    made = data_schema.made(SCHEMA, ())
    return {**made, "properties": {key: {"$ref": "#/definitions/text"} for key in shipped("en")}}


@functools.cache
def validator() -> Draft7Validator:
    return Draft7Validator(schema())


def _explain(error: ValidationError, data: object) -> str | None:
    if error.validator == "additionalProperties":
        return f"unknown interface text key {data_schema.names(data_schema.unknown_keys(error))}; expected keys of the engine's strings/en.yml"
    if error.validator == "type" and not error.absolute_path:
        return "interface text is not a mapping; expected 'key: text' lines, as in the engine's strings/en.yml"
    return None


def _fields_problem(key: str, text: object, reference: dict) -> str | None:
    """Whether a course's text for `key` has the {fields} of the engine's English."""
    english = reference[key]
    forms = text if isinstance(text, dict) else {"other": text}
    wanted = fields(english["other"] if isinstance(english, dict) else english)
    if fields(forms["other"]) != wanted or not fields(forms.get("one", "")) <= wanted:
        def named(names: set[str]) -> str:
            return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"

        return f"'{key}' has the fields {named(fields(forms['other']))}; expected {named(wanted)}, as in the engine's strings/en.yml"
    return None


def _converted(text: str | dict, convert: Callable[[str], str]) -> str | dict:
    return {form: convert(value) for form, value in text.items()} if isinstance(text, dict) else convert(text)


def fields(text: str) -> set[str]:
    """The `{name}` fields of a text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def shipped_file(code: str) -> pathlib.Path:
    return _ENGINE / f"{code}.yml"


def _texts(lang: str) -> dict[str, str]:
    return _table.get(lang) or shipped(lang)


@functools.cache
def shipped(code: str) -> dict[str, str]:
    """The interface text the engine ships in language `code` ({} if none)."""
    path = shipped_file(code)
    if not path.exists():
        return {}
    data, _ = yamlsource.load(textfile.read(path, path.name), path.name)
    return data
