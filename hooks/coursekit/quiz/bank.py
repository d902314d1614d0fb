"""Quiz banks: load `quizzes/<id>.yml`, check it against the engine's schema (made for the
course's languages) and the rules a schema cannot express, and return it as plain data:
{"id", "title", "questions"} as written; for the build, with the findings of the item-writing
checks (itemcheck.py).

The schema is the engine's `schema.json` with every text field in the course's languages. A
course keeps a copy as `quizzes/quiz.schema.json` for editors (`python -m hooks schema` writes
it); the build stops when that copy is out of date, so editors never check against old rules."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from jsonschema import Draft7Validator, ValidationError

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError, ContentErrors, raise_all
from coursekit.quiz import itemcheck

Bank = dict
FOLDER = "quizzes"
EDITOR_SCHEMA = Path(FOLDER) / "quiz.schema.json"
_ENGINE_SCHEMA = Path(__file__).with_name("schema.json")


def load_banks(root: Path, codes: tuple[str, ...]) -> dict[str, Bank]:
    """Every bank in `root/quizzes` by id, its texts in the languages `codes`; the errors of all
    banks are raised together. (The build also applies the item-writing checks: `read_banks`.)"""
    banks, errors, _ = read_banks(root, codes)
    raise_all(errors)
    return banks


def read_banks(root: Path, codes: tuple[str, ...]) -> tuple[dict[str, Bank], list[ContentError], list[itemcheck.Finding]]:
    """Every bank that is valid by id; the errors of the others (schema and rules); and the findings
    of the item-writing checks on the valid ones, errors and warnings, for the build to tell apart."""
    banks, errors, findings = {}, [], []
    validator = Draft7Validator(schema(codes))
    for path in sorted((root / FOLDER).glob("*.yml")):
        try:
            banks[path.stem], lines, name = _load(path, root, codes, validator)
        except ContentErrors as exc:
            errors += exc.errors
        except ContentError as exc:
            errors.append(exc)
        else:
            findings += itemcheck.check(banks[path.stem], lines, name, codes)
    return banks, errors, findings


def load_bank(path: Path, root: Path, codes: tuple[str, ...], validator: Draft7Validator | None = None) -> Bank:
    """One bank, its id from the file name; raises ContentError(s) naming file, line and question."""
    return _load(path, root, codes, validator or Draft7Validator(schema(codes)))[0]


@functools.cache
def schema(codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """The bank schema for a course in the languages `codes` (named `names`, for editors' hovers)."""
    made = json.loads(_ENGINE_SCHEMA.read_text("utf-8"))
    text = made["definitions"]["text"]
    described = dict(zip(codes, names or codes))
    text["required"] = list(codes)
    text["properties"] = {code: {"type": "string", "minLength": 1, "description": described[code]} for code in codes}
    text["description"] = f"A text in every course language ({', '.join(codes)}); inline Markdown (emphasis, links), never HTML."
    return made


def schema_text(codes: tuple[str, ...], names: tuple[str, ...]) -> str:
    """The editors' copy of the schema, as `quizzes/quiz.schema.json` holds it."""
    return json.dumps(schema(codes, names), ensure_ascii=False, indent=2) + "\n"


def editor_schema_errors(root: Path, codes: tuple[str, ...], names: tuple[str, ...]) -> list[ContentError]:
    """The editors' copy must be the schema the build checks with."""
    path = root / EDITOR_SCHEMA
    if path.exists() and path.read_text("utf-8") != schema_text(codes, names):
        return [ContentError(EDITOR_SCHEMA.as_posix(), 1, "the editors' copy of the quiz schema is out of date (languages or rules changed); "
                             "expected what `python -m hooks schema` writes: run it and commit the file")]
    return []


def usage_errors(pages: list, banks: dict[str, Bank]) -> list[ContentError]:
    """Mistakes in how pages place quizzes. `pages` are the course's pages (modules.Page):
    a lesson's front matter `quiz:` and its `md:quiz` marker must agree and name a bank;
    `md:answer-key` belongs in a guide whose module's lesson has a quiz."""
    errors = []
    placed: dict[tuple[str, str], str] = {}
    for page in pages:
        quiz = page.meta.get("quiz")
        line = yamlsource.line_of(page.lines, ("quiz",))
        found = [m for m in page.markers if m.name == "quiz"]
        problems = []
        if quiz and quiz not in banks:
            problems.append((line, f"front matter: no quiz bank '{quiz}'; expected one of {', '.join(sorted(banks))}"))
        if quiz and (page.lang, quiz) in placed:
            problems.append((line, f"front matter: quiz '{quiz}' is already in {placed[page.lang, quiz]}; expected each quiz in one lesson"))
        if quiz and not found:
            problems.append((line, f"front matter names quiz '{quiz}' but the page has no quiz marker; expected <!-- md:quiz {quiz} -->"))
        for marker in found:
            named = " ".join(marker.args)
            if len(marker.args) != 1:
                problems.append((marker.line, f"quiz marker with {len(marker.args)} ids; expected <!-- md:quiz <id> -->"))
            elif not quiz:
                problems.append((marker.line, f"quiz marker '{named}' but the front matter has no quiz; expected quiz: {named}"))
            elif named != quiz:
                problems.append((marker.line, f"quiz marker '{named}' but the front matter says quiz: {quiz}; expected the same id"))
        problems += [(m.line, "second quiz marker; expected the quiz once per page") for m in found[1:]]
        for marker in (m for m in page.markers if m.name == "answer-key"):
            lesson = next((p for p in pages if p.module == page.module and p.kind == "lesson" and p.lang == page.lang), None)
            if page.kind != "guide":
                problems.append((marker.line, "answer-key marker outside a guide; expected it in a module's guide.<lang>.md"))
            elif lesson is not None and not lesson.meta.get("quiz"):
                problems.append((marker.line, f"answer-key marker but {lesson.path} names no quiz; expected quiz: <id> in its front matter"))
        errors += [ContentError(page.path, at, message) for at, message in problems]
        if quiz:
            placed.setdefault((page.lang, quiz), page.path)
    return errors


def unused(pages: list, banks: dict[str, Bank]) -> list[str]:
    """Banks no page names in its front matter `quiz:`."""
    return sorted(set(banks) - {page.meta.get("quiz") for page in pages})


# Helper functions


_TYPES = ("single", "multiple", "truefalse", "ordering", "scenario")
_ONE_CORRECT = ("single", "scenario")
_KINDS = {"string": "text", "boolean": "true or false", "array": "a list", "object": "a mapping"}
# Inline and reference link targets in Markdown text.
_LINK = re.compile(r"\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)


def _load(path: Path, root: Path, codes: tuple[str, ...], validator: Draft7Validator) -> tuple[Bank, dict, str]:
    """A bank, the line of each of its key paths, and its path as messages name it."""
    name = path.relative_to(root).as_posix()
    data, lines = yamlsource.load(path.read_text(encoding="utf-8"), name)
    errors = [_schema_error(e, validator.schema, data, lines, name, codes) for e in validator.iter_errors(data)]
    # The rules below assume the structure the schema guarantees.
    raise_all(errors or _rule_errors(data, lines, name, codes))
    return {"id": path.stem, **data}, lines, name


def _schema_error(error: ValidationError, schema: dict, data: object, lines: dict, path: str, codes: tuple[str, ...]) -> ContentError:
    where = tuple(error.absolute_path)
    found, kind, value = error.instance, error.validator, error.validator_value
    line = yamlsource.line_of(lines, where)
    shape = _shape(where)
    if kind in ("required", "additionalProperties"):
        required, optional = _fields(schema, data, where)
        expected = _every_language(codes) if shape == "text" else _expected(required, optional)
        noun = "language" if shape == "text" else "field"
        if kind == "required":
            what = f"missing {noun} {_names([k for k in required if k not in found])}; expected {expected}"
        else:
            unknown = [k for k in found if k not in required + optional]
            line = yamlsource.line_of(lines, (*where, unknown[0]))
            what = f"unknown {noun} {_names(unknown)}; expected {expected}"
    elif kind == "type" and value == "object":
        expected = {"bank": "a mapping with title and questions", "text": f"every language, {_every_language(codes)}"}
        what = f"{'empty bank' if found is None and shape == 'bank' else _describe(found)}; expected {expected.get(shape, 'a mapping')}"
    elif kind == "type":
        what = f"{_describe(found)}; expected {_KINDS.get(value, value)}"
    elif kind == "enum":
        what = f"unknown question type {found!r}; expected one of {', '.join(_TYPES)}"
    elif kind == "pattern":
        what = "not lowercase-with-dashes; expected e.g. 'silent-majority'"
    elif kind == "minLength":
        what = "empty text; expected some text"
    elif kind == "minItems" and where[-1:] == ("steps",):
        what = f"{len(found)} given; expected at least {value} steps for an ordering question"
    elif kind == "minItems":
        what = f"{len(found)} given; expected at least {value}"
    elif kind == "contains":
        one = _question(data, where).get("type") in _ONE_CORRECT
        what = f"no correct answer; expected {'exactly' if one else 'at least'} one option with `correct: true`"
    else:  # a rule added to the schema without a message here
        what = f"{error.message}; expected what {EDITOR_SCHEMA.as_posix()} describes"
    return ContentError(path, line, _subject(data, where) + what)


def _rule_errors(data: Bank, lines: dict, path: str, codes: tuple[str, ...]) -> list[ContentError]:
    errors, first = [], {}
    for i, question in enumerate(data["questions"]):
        where = ("questions", i)
        qid = question["id"]
        if qid in first:
            message = f"duplicate question id (first at line {first[qid]}); expected each id once in a bank"
            errors.append(ContentError(path, yamlsource.line_of(lines, (*where, "id")), _subject(data, where) + message))
        first.setdefault(qid, yamlsource.line_of(lines, (*where, "id")))
        correct = [j for j, option in enumerate(question.get("options", [])) if option.get("correct")]
        if question["type"] in _ONE_CORRECT and len(correct) > 1:
            message = f"{len(correct)} correct options; expected exactly one (use type: multiple for select-all-that-apply)"
            line = yamlsource.line_of(lines, (*where, "options", correct[1], "correct"))
            errors.append(ContentError(path, line, _subject(data, where) + message))
    for where, text in texts(data, codes):
        for match in _LINK.finditer(text):
            target = match.group(1) or match.group(2)
            if target is not None and not target.startswith(("https://", "http://")):
                message = f"link to {target!r}; expected an absolute https:// address (quiz text is not resolved like page links)"
                errors.append(ContentError(path, yamlsource.line_of(lines, where), _subject(data, where) + message))
    return errors


def texts(node: object, codes: tuple[str, ...], where: tuple = ()):
    """Every (key path, string) of the texts in `node`, in every language of `codes`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in codes and isinstance(value, str):
                yield (*where, key), value
            else:
                yield from texts(value, codes, (*where, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, codes, (*where, i))


def _every_language(codes: tuple[str, ...]) -> str:
    return "{" + ", ".join(f"{code}: …" for code in codes) + "}"


def _shape(where: tuple) -> str:
    """What kind of mapping the schema expects at `where`."""
    if where == ():
        return "bank"
    if len(where) == 2 and where[0] == "questions":
        return "question"
    if len(where) >= 2 and where[-2] == "options":
        return "option"
    return "text"


def _fields(schema: dict, data: object, where: tuple) -> tuple[list[str], list[str]]:
    """The required and the optional fields of the mapping at `where`, in the schema's order."""
    definitions = schema["definitions"]
    shape = _shape(where)
    if shape == "bank":
        found = schema
    elif shape == "question":
        base = definitions["question"]
        typed = definitions.get(_question(data, where).get("type"), base)
        found = {"required": base["required"] + typed.get("required", []), "properties": typed["properties"]}
    else:
        found = definitions[shape]
    order = list(found["properties"])
    required = sorted(set(found["required"]), key=lambda k: order.index(k) if k in order else len(order))
    return required, [k for k in order if k not in required]


def _question(data: object, where: tuple) -> dict:
    """The question that `where` lies in, or {} outside questions."""
    if where[:1] == ("questions",) and len(where) > 1:
        question = data["questions"][where[1]]
        if isinstance(question, dict):
            return question
    return {}


def _subject(data: object, where: tuple) -> str:
    """Which question and field a message is about: `question 2 'thank-first', options[1].feedback: `."""
    parts = []
    rest = where
    if where[:1] == ("questions",) and len(where) > 1:
        qid = _question(data, where).get("id")
        parts.append(f"question {where[1] + 1}" + (f" {qid!r}" if isinstance(qid, str) else ""))
        rest = where[2:]
    field = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    if field:
        parts.append(field)
    return ", ".join(parts) + ": " if parts else ""


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {value!r}"
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def _names(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _expected(required: list[str], optional: list[str]) -> str:
    return ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "")
