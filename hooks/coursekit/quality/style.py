"""The course's house style, as far as a build can check it: retired names and variant spellings
(`terms`), the pattern of each page kind's title (`titles`) and the shape of a guide's facilitation
notes (`guide_labels`, `guide_activity_heading`), from `<docs>/_data/style.yml`.
A course without that file has no style checks; the rules and their reasons are the course's own
(a course explains them in a page of its own, such as course/STYLE.md).

Scope: the prose of every page (front-matter texts and body), and the texts of the term lists
and the sources' notes. Not prose, so never checked: code spans and fences, markers and other
HTML comments, link targets and URLs, block option lines, and the quotation marks YAML and
admonition titles need as syntax.
"""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass

from coursekit.core import markers, textfile, yamlsource
from coursekit.core import schema as data_schema
from coursekit.core.errors import ContentError
from coursekit.course import model

_KINDS = ("lesson", "exercises", "guide")
SCHEMA = pathlib.Path(__file__).with_name("style.schema.json")


@dataclass(frozen=True)
class Term:
    lang: str
    avoid: re.Pattern
    shown: str  # what the rule avoids, as written
    use: str
    why: str


@dataclass(frozen=True)
class Rules:
    terms: tuple[Term, ...]
    titles: dict  # kind -> lang -> (compiled pattern with a `title` group, template)
    activity: dict  # lang -> compiled pattern of a guide's activity heading, with a `minutes` group
    labels: dict  # lang -> the bold labels a guide's facilitation notes use, in order


def load(path: pathlib.Path, shown: str, codes: tuple[str, ...]) -> tuple[Rules | None, list[ContentError]]:
    """The rules in `path` (None if the course has none), and every mistake in the file."""
    if not path.exists():
        return None, []
    data, lines, errors = data_schema.read(path, shown, data_schema.validator(SCHEMA, codes), codes)
    if errors:
        return None, errors
    data = data or {}
    terms = []
    for i, rule in enumerate(data.get("terms") or []):
        try:
            pattern = re.compile(rule["avoid_regex"]) if "avoid_regex" in rule else re.compile(re.escape(rule["avoid"]))
        except re.error as error:
            errors.append(ContentError(shown, yamlsource.line_of(lines, ("terms", i, "avoid_regex")),
                                       f"terms[{i + 1}].avoid_regex: not a regular expression ({error}); expected a Python regular expression"))
            continue
        terms.append(Term(rule["lang"], pattern, rule.get("avoid", rule.get("avoid_regex")), rule["use"], rule["why"]))
    titles: dict = {}
    for kind, per_lang in (data.get("titles") or {}).items():
        for lang, spec in per_lang.items():
            try:
                titles.setdefault(kind, {})[lang] = (re.compile(spec["pattern"]), spec["template"])
            except re.error as error:
                errors.append(ContentError(shown, yamlsource.line_of(lines, ("titles", kind, lang, "pattern")),
                                           f"titles.{kind}.{lang}.pattern: not a regular expression ({error}); expected a Python regular expression"))
    activity = {}
    for lang, pattern in (data.get("guide_activity_heading") or {}).items():
        try:
            activity[lang] = re.compile(pattern)
        except re.error as error:
            errors.append(ContentError(shown, yamlsource.line_of(lines, ("guide_activity_heading", lang)),
                                       f"guide_activity_heading.{lang}: not a regular expression ({error}); expected a Python regular expression"))
    labels = {lang: tuple(names) for lang, names in (data.get("guide_labels") or {}).items()}
    return Rules(tuple(terms), titles, activity, labels), errors


def schema(codes: tuple[str, ...], names: tuple[str, ...] | None = None) -> dict:
    """The schema of style.yml, for a course in the languages `codes`."""
    return data_schema.made(SCHEMA, codes, names)


def check(rules: Rules, course: model.Course, data_texts: list[tuple[str, int, str, str]]) -> list[ContentError]:
    """Every breach of the rules in the course's pages and in `data_texts`, which are the
    (file, line, language, text) of the term lists and sources' notes."""
    errors = []
    for page in (p for p in course.pages if p.converted is None):  # a converted page is checked as its source
        errors += _page_terms(rules, page)
        errors += _title(rules, course, page)
        if page.kind == "guide":
            errors += _guide(rules, page)
    for path, line, lang, text in data_texts:
        errors += _terms(rules, path, line, lang, text)
    return errors


def data_texts(files: list[pathlib.Path], root: pathlib.Path, codes: tuple[str, ...]) -> list[tuple[str, int, str, str]]:
    """(file, line, language, text) of every text of the term lists and the sources' notes;
    a file that does not read is left out (its own check reports it)."""
    found = []
    for file in files:
        shown = file.relative_to(root).as_posix()
        try:
            data, lines = yamlsource.load(textfile.read(file, shown), shown)
        except ContentError:
            continue
        for i, entry in enumerate(data if isinstance(data, list) else []):
            if not isinstance(entry, dict):
                continue
            for field in (None, "definition", "note"):
                texts = entry if field is None else entry.get(field)
                for code in codes:
                    if isinstance(texts, dict) and isinstance(texts.get(code), str):
                        where = (i, code) if field is None else (i, field, code)
                        found.append((shown, yamlsource.line_of(lines, where), code, texts[code]))
    return found


# Helper functions

_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]+>|https?://\S+")
_OPTION = re.compile(r"^ {4}[a-z-]+: ")
_BLOCK_START = re.compile(r"^ {0,3}/{3,} *[\w-]+")
_ADMONITION = re.compile(r'^(\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s+)"(.*)"\s*$')


def _prose(page: model.Page):
    """(line, text) of the page's prose: its front-matter texts, then its text (core/pagetext.py:
    no code, no comments) without markers, link targets and block options."""
    for key in ("title", "summary"):
        if isinstance(page.meta.get(key), str):
            yield yamlsource.line_of(page.lines, (key,)), page.meta[key]
    for i, objective in enumerate(page.meta.get("objectives") or []):
        if isinstance(objective, str):
            yield yamlsource.line_of(page.lines, ("objectives", i)), objective
    for i, row in enumerate(page.meta.get("runsheet") or []):
        if isinstance(row, dict) and isinstance(row.get("activity"), str):
            yield yamlsource.line_of(page.lines, ("runsheet", i)), row["activity"]
    options = False
    for number, line in enumerate(markers.MARKER.sub("", page.visible).split("\n"), 1):
        if _BLOCK_START.match(line):
            options = True
        elif options and _OPTION.match(line):
            continue
        else:
            options = False
        line = _ADMONITION.sub(r"\1\2", line)
        yield number, _LINK_TARGET.sub("", line)


def _page_terms(rules: Rules, page: model.Page) -> list[ContentError]:
    """The terms to avoid in a page, looked for again only when the page or the terms changed:
    `mkdocs serve` reads and checks the whole project on every save."""
    key = (rules.terms, page.lang, page.visible, page.meta)
    seen = _checked_pages.get(page.path)
    if seen is None or seen[0] != key:
        seen = _checked_pages[page.path] = (key, [
            error for line, prose in _prose(page) for error in _terms(rules, page.path, line, page.lang, prose)])
    return seen[1]


_checked_pages: dict[str, tuple[tuple, list[ContentError]]] = {}


def _terms(rules: Rules, path: str, line: int, lang: str, text: str) -> list[ContentError]:
    return [
        ContentError(path, line, f"style: '{match.group(0)}' ({term.shown}); expected {term.use}: {term.why}")
        for term in rules.terms if term.lang == lang
        for match in [term.avoid.search(text)] if match
    ]


def _title(rules: Rules, course: model.Course, page: model.Page) -> list[ContentError]:
    spec = rules.titles.get(page.kind, {}).get(page.lang)
    title = page.meta.get("title")
    if not spec or not isinstance(title, str) or page.kind not in _KINDS:
        return []
    pattern, template = spec
    lesson = course.module(page.module).pages.get("lesson", {}).get(page.lang)
    lesson_title = lesson.meta.get("title") if lesson else None
    if page.kind != "lesson" and not isinstance(lesson_title, str):
        return []  # no lesson title to compare with: the lesson's own check says why
    match = pattern.fullmatch(title)
    if match and (page.kind == "lesson" or "title" not in pattern.groupindex or match["title"] == lesson_title):
        return []
    expected = template.format(title=lesson_title) if isinstance(lesson_title, str) and "{title}" in template else template
    return [ContentError(page.path, yamlsource.line_of(page.lines, ("title",)),
                         f"style: the {page.kind} title '{title}' does not follow the course's pattern; expected '{expected}'")]


_H3 = re.compile(r"^### ")
_LABEL = re.compile(r"^\s*[-*] (\*\*[^*]+[:：]\*\*)")  # a bullet that opens with a bold label


def _guide(rules: Rules, page: model.Page) -> list[ContentError]:
    """A guide's facilitation notes: one activity heading per run-sheet row, each ending with that
    row's minutes, and the notes' bold labels the course's own, in their order."""
    heading, labels = rules.activity.get(page.lang), rules.labels.get(page.lang)
    rows = page.meta.get("runsheet")
    errors, found, unmatched, order = [], [], [], {label: i for i, label in enumerate(labels or ())}
    last, inside = -1, False  # inside an activity's notes: from its heading to the next heading
    # The page's text without front matter, code and comments (core/pagetext.py).
    for number, line in enumerate(page.visible.split("\n"), 1):
        if line.startswith("#"):
            last, match = -1, heading.fullmatch(line.rstrip()) if heading and _H3.match(line) else None
            inside = bool(match)
            if match:
                found.append((number, int(match["minutes"])))
            elif heading and _H3.match(line):
                unmatched.append((number, line.rstrip()))
            continue
        label = _LABEL.match(line)
        if labels and label and inside:
            if label[1] not in order:
                errors.append(ContentError(page.path, number, f"style: the label {label[1]} is not one of the course's; expected one of {', '.join(labels)}"))
            elif order[label[1]] < last:
                errors.append(ContentError(page.path, number, f"style: the label {label[1]} comes after a later one; expected the order {', '.join(labels)}"))
            else:
                last = order[label[1]]
    if heading and isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
        minutes = [r.get("minutes") for r in rows]
        if len(found) < len(minutes) and unmatched:  # most likely its minutes are mistyped
            number, text = unmatched[0]
            errors.append(ContentError(page.path, number, f"style: the heading '{text}' is not an activity heading as the course writes them, "
                                                         f"and a run-sheet row has no heading; expected one like '{heading.pattern}'"))
        elif [m for _, m in found] != minutes:
            # At the first heading that differs, or else the first row without a heading.
            line = next((n for (n, m), want in zip(found, minutes) if m != want), None) \
                or (found[len(minutes)][0] if len(found) > len(minutes) else yamlsource.line_of(page.lines, ("runsheet", len(found))))
            errors.append(ContentError(page.path, line, f"style: the activity headings give {[m for _, m in found]} minutes, the run-sheet {minutes}; "
                                                       f"expected one heading per run-sheet row ending with its minutes, like '{heading.pattern}'"))
    return errors
