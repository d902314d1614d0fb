"""Quiz banks: load `quizzes/<id>.yml`, check it against the engine's schema (made for the
course's languages) and the rules a schema cannot express, and return it as plain data:
{"id", "title", "questions"} as written; for the build, with the findings of the item-writing
checks (itemcheck.py).

The schema is the engine's `schema.json` with every text field in the course's languages. A
course keeps a copy as `quizzes/quiz.schema.json` for editors (quality/schemas.py)."""

from __future__ import annotations

import re
from pathlib import Path

from jsonschema import Draft7Validator, ValidationError

from coursekit.core import inline, yamlsource
from coursekit.core import schema as data_schema
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


def read_banks(root: Path, codes: tuple[str, ...]) -> tuple[dict[str, Bank | None], list[ContentError], list[itemcheck.Finding]]:
    """Every bank by id (None for one with mistakes); the mistakes of all of them (schema and rules);
    and the findings of the item-writing checks on the valid ones, errors and warnings, for the
    build to tell apart."""
    banks: dict[str, Bank | None] = {}
    errors: list[ContentError] = []
    findings: list[itemcheck.Finding] = []
    validator = data_schema.validator(_ENGINE_SCHEMA, codes)
    for path in sorted((root / FOLDER).glob("*.yaml")):
        shown = path.relative_to(root).as_posix()
        errors.append(ContentError(shown, 1, f"quiz bank ends in '.yaml'; expected '{path.stem}.yml' (the engine reads .yml banks)"))
    for path in sorted((root / FOLDER).glob("*.yml")):
        if not _ID.match(path.stem):
            shown = path.relative_to(root).as_posix()
            errors.append(ContentError(shown, 1, f"quiz bank file name '{path.stem}' is not lowercase-with-dashes; "
                                                 "expected a name like first-steps.yml: it is the quiz id a lesson's `quiz:` names"))
            continue
        banks[path.stem], bank_errors, bank_findings = _checked(path, root, codes, validator)
        errors += bank_errors
        findings += bank_findings
    return banks, errors, findings


def load_bank(path: Path, root: Path, codes: tuple[str, ...], validator: Draft7Validator | None = None) -> Bank:
    """One bank, its id from the file name; raises ContentError(s) naming file, line and question."""
    return _load(path, root, codes, validator or data_schema.validator(_ENGINE_SCHEMA, codes))[0]


def schema(codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """The bank schema for a course in the languages `codes` (named `names`, for editors' hovers)."""
    return data_schema.made(_ENGINE_SCHEMA, codes, names)


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
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ONE_CORRECT = ("single", "scenario")
_subject = data_schema.entry_subject("question", ("questions",))


def _checked(path: Path, root: Path, codes: tuple[str, ...], validator) -> tuple[Bank | None, list[ContentError], list[itemcheck.Finding]]:
    """A bank read and checked once per state of its file: `mkdocs serve` reads the project again
    on every save, and a save seldom changes a bank."""
    stat = path.stat()
    key = (root, codes, stat.st_mtime_ns, stat.st_size)
    if _checked_banks.get(path, (None,))[0] != key:
        try:
            bank, lines, name = _load(path, root, codes, validator)
        except ContentErrors as exc:
            result = (None, exc.errors, [])
        except ContentError as exc:
            result = (None, [exc], [])
        else:
            result = (bank, [], itemcheck.check(bank, lines, name, codes))
        _checked_banks[path] = (key, result)
    return _checked_banks[path][1]


_checked_banks: dict[Path, tuple[tuple, tuple]] = {}


def _load(path: Path, root: Path, codes: tuple[str, ...], validator: Draft7Validator) -> tuple[Bank, dict, str]:
    """A bank, the line of each of its key paths, and its path as messages name it."""
    name = path.relative_to(root).as_posix()
    data, lines, errors = data_schema.read(path, name, validator, codes, _subject, lambda error, data: _explain(error, data, validator.schema))
    # The rules below assume the structure the schema guarantees.
    raise_all(errors or _rule_errors(data, lines, name, codes))
    return {"id": path.stem, **data}, lines, name


def _explain(error: ValidationError, data: object, schema: dict) -> str | None:
    """The bank's own wording, where a question's type decides what is expected (`schema` is the whole bank schema)."""
    where = tuple(error.absolute_path)
    found, kind, value = error.instance, error.validator, error.validator_value
    shape = _shape(where)
    if kind in ("required", "additionalProperties") and shape != "text":
        node = _fields(schema, data, where)
        if kind == "required":
            return f"missing field {data_schema.names([k for k in node['required'] if k not in found])}; expected {data_schema.fields(node)}"
        unknown = [k for k in found if k not in node["properties"]]
        return f"unknown field {data_schema.names(unknown)}; expected {data_schema.fields(node)}{data_schema.comma_hint(error)}"
    if kind == "type" and value == "object" and shape == "bank":
        return f"{'empty bank' if found is None else data_schema.describe(found)}; expected a mapping with title and questions"
    if kind == "type" and value == "object" and shape != "text":
        return f"{data_schema.describe(found)}; expected a mapping"
    if kind == "enum" and where[-1:] == ("type",):
        return f"unknown question type {found!r}; expected one of {', '.join(_TYPES)}"
    if kind == "minItems" and where[-1:] == ("steps",):
        return f"{len(found)} given; expected at least {value} steps for an ordering question"
    if kind == "contains":
        one = _question(data, where).get("type") in _ONE_CORRECT
        return f"no correct answer; expected {'exactly' if one else 'at least'} one option with `correct: true`"
    return None


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
        errors += [ContentError(path, yamlsource.line_of(lines, where), _subject(data, where) + problem) for problem in inline.problems(text)]
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


def _shape(where: tuple) -> str:
    """What kind of mapping the schema expects at `where`."""
    if where == ():
        return "bank"
    if len(where) == 2 and where[0] == "questions":
        return "question"
    if len(where) >= 2 and where[-2] == "options":
        return "option"
    return "text"


def _fields(schema: dict, data: object, where: tuple) -> dict:
    """The fields the mapping at `where` has (`required`, `properties`): a question's, those of its type too."""
    definitions = schema["definitions"]
    shape = _shape(where)
    if shape == "bank":
        return schema
    if shape == "question":
        base = definitions["question"]
        typed = definitions.get(_question(data, where).get("type"), base)
        return {"required": base["required"] + typed.get("required", []), "properties": typed["properties"]}
    return definitions[shape]


def _question(data: object, where: tuple) -> dict:
    """The question that `where` lies in, or {} outside questions."""
    if where[:1] == ("questions",) and len(where) > 1:
        question = data["questions"][where[1]]
        if isinstance(question, dict):
            return question
    return {}
