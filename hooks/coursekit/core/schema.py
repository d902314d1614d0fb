"""Data files checked against a JSON Schema, each mistake at its own line in a maintainer's words.

Every kind of data file (quiz banks, terms, sources, style rules, interface text) has a schema
beside the code that reads it, written for any languages: a property, a required name or an enum
value `<language>` stands for each language of the course (`for_languages`). Made for a course,
the schema is also the copy editors check the file against as it is typed (the YAML language
server's `# yaml-language-server: $schema=…`), so the build and the editor agree. A schema node
may word its own message with `errorMessage` or `patternErrorMessage`, the keywords those editors
show; every other mistake is worded here from what the schema expects.
"""

from __future__ import annotations

import functools
import json
import pathlib
from collections.abc import Callable

from jsonschema import Draft7Validator, ValidationError

from coursekit.core import textfile, yamlsource
from coursekit.core.errors import ContentError

LANGUAGE = "<language>"
# Which entry and field a message is about, from the data and the key path: "term 3 'empathy', definition.en: ".
Subject = Callable[[object, tuple], str]
# A file's own wording of a schema error, or None for the wording below.
Explain = Callable[[ValidationError, object], "str | None"]


@functools.cache
def made(template: pathlib.Path, codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """The engine's schema file `template`, made for a course in the languages `codes` (named `names`)."""
    return for_languages(json.loads(textfile.read(template, template.name)), codes, names)


@functools.cache
def validator(template: pathlib.Path, codes: tuple[str, ...]) -> Draft7Validator:
    return Draft7Validator(made(template, codes))


def for_languages(template: dict, codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """`template` with every `<language>` property, required name and enum value made one per
    language in `codes` (each property described by its language's name, for editors' hovers)."""
    described = dict(zip(codes, names or codes))

    def expand(node: object) -> object:
        if isinstance(node, list):
            return [item for value in node for item in (codes if value == LANGUAGE else [expand(value)])]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "properties" and LANGUAGE in value:
                each = expand(value[LANGUAGE])
                out[key] = {}
                for name, sub in value.items():
                    out[key].update({code: {**each, "description": described[code]} for code in codes} if name == LANGUAGE else {name: expand(sub)})
            else:
                out[key] = expand(value)
        return out

    return expand(template)


def read(path: pathlib.Path, shown: str, validator: Draft7Validator, codes: tuple[str, ...],
         subject: Subject | None = None, explain: Explain | None = None) -> tuple[object, dict, list[ContentError]]:
    """A data file read (UTF-8), parsed (YAML, with the line of every key path) and checked
    against `validator`'s schema: its data, the line of each key path, and every mistake, each
    at its line. With a mistake the data is None: what the schema promises does not hold."""
    try:
        data, lines = yamlsource.load(textfile.read(path, shown), shown)
    except ContentError as error:
        return None, {}, [error]
    errors = check(data, lines, shown, validator, codes, subject, explain)
    return (None if errors else data), lines, errors


def check(data: object, lines: dict, shown: str, validator: Draft7Validator, codes: tuple[str, ...],
          subject: Subject | None = None, explain: Explain | None = None) -> list[ContentError]:
    errors = []
    for error in validator.iter_errors(data):
        where = tuple(error.absolute_path)
        line = yamlsource.line_of(lines, where)
        if error.validator == "additionalProperties":
            line = yamlsource.line_of(lines, (*where, unknown_keys(error)[0]))
        what = (explain and explain(error, data)) or message(error, codes)
        errors.append(ContentError(shown, line, (subject or path_subject)(data, where) + what))
    return errors


def message(error: ValidationError, codes: tuple[str, ...]) -> str:
    """What is wrong and what is expected, from the schema node that rejected the value."""
    found, kind, value, node = error.instance, error.validator, error.validator_value, error.schema
    own = (node.get("patternErrorMessage") if kind == "pattern" else None) or node.get("errorMessage")
    if own:
        return own
    texts = bool(codes) and set(node.get("properties", {})) == set(codes)  # a text in every language
    every = "{" + ", ".join(f"{code}: …" for code in codes) + "}"
    if kind == "required":
        missing = [k for k in value if not isinstance(found, dict) or k not in found]
        return f"missing {'language' if texts else 'field'} {names(missing)}; expected {every if texts else fields(node)}"
    if kind == "additionalProperties":
        return f"unknown {'language' if texts else 'field'} {names(unknown_keys(error))}; expected {every if texts else fields(node)}{comma_hint(error)}"
    if kind == "type" and texts:
        return f"{describe(found)}; expected every language, {every}"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        return f"{describe(found)}; expected {' or '.join(_KINDS.get(v, v) for v in wanted)}"
    if kind == "enum":
        return f"{describe(found)}; expected one of {', '.join(map(str, value))}"
    if kind == "minLength":
        return "empty text; expected some text"
    if kind == "minItems":
        return f"{len(found)} given; expected at least {value}"
    return f"{error.message}; expected what the schema describes"


def path_subject(data: object, where: tuple) -> str:
    """`terms[3].lang: `: the key path, list positions counted from 1."""
    field = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
    return f"{field}: " if field else ""


def entry_subject(noun: str, at: tuple = ()) -> Subject:
    """Name the entries of the list at key path `at` by position and id: `question 2 'thank-first', options[1].feedback: `."""

    def subject(data: object, where: tuple) -> str:
        if where[: len(at)] != at or len(where) <= len(at) or not isinstance(where[len(at)], int):
            return path_subject(data, where)
        index = where[len(at)]
        entry = data
        for key in (*at, index):
            entry = entry[key]
        ident = entry.get("id") if isinstance(entry, dict) else None
        named = f"{noun} {index + 1}" + (f" {ident!r}" if isinstance(ident, str) else "")
        rest = path_subject(data, where[len(at) + 1:])
        return f"{named}, {rest}" if rest else f"{named}: "

    return subject


def fields(node: dict) -> str:
    """The fields of a mapping the schema describes: the required ones, then the optional ones."""
    order = list(node.get("properties", {}))
    required = sorted(set(node.get("required", [])), key=lambda k: order.index(k) if k in order else len(order))
    optional = [k for k in order if k not in required]
    return ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "") if required else f"only {', '.join(optional)}"


def comma_hint(error: ValidationError) -> str:
    """Why a key made of words with no value appears: inside `{…}` a comma ends an unquoted text."""
    unknown = unknown_keys(error)
    if unknown and all(error.instance[key] is None and " " in str(key) for key in unknown):
        return " (inside {…} a comma ends a text that is not in quotes: put the whole text in quotes)"
    return ""


def unknown_keys(error: ValidationError) -> list[str]:
    known = error.schema.get("properties", {})
    return [key for key in error.instance if key not in known]


def describe(value: object) -> str:
    """A value as a message names it: `text 'fr'`, `a number`, `nothing`."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {value!r}"
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def names(keys: list) -> str:
    return ", ".join(f"'{k}'" for k in keys)


def editor_text(schema: dict) -> str:
    """A schema as its editors' copy holds it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# Helper functions

_KINDS = {"string": "text", "boolean": "true or false", "array": "a list", "object": "a mapping", "integer": "a whole number",
          "number": "a number", "null": "nothing"}

