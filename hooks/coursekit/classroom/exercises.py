"""The exercise constructs of sheets and guides: scenario, role-play cards, group game, reflection,
answer space and model answer, written as pymdown-extensions Blocks (`/// name | Title`); and the
`instructors` block, text for instructors on a learner page, which the learner edition leaves out.

`check()` reads a page's source and returns every misuse with its line, because Blocks leaves a
block it cannot parse on the page as plain text and says nothing. `ExercisesExtension` renders
the blocks the same way on screen and on paper (the print styles take it from there).
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.util import HTML_PLACEHOLDER_RE
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError
from coursekit.course import edition, frontmatter
from coursekit.languages import strings

ROLES = ("customer", "staff", "observer")


@dataclass
class Construct:
    """One block as written in the source."""

    name: str
    title: str
    options: dict
    line: int
    fence: int  # how many slashes open (and must close) it
    parent: Construct | None = None
    children: list[Construct] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # the source lines inside it, nested blocks included
    option_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, option: str) -> int:
        return self.option_lines.get(option, self.line)


def parse(text: str, path: str) -> tuple[list[Construct], list[ContentError]]:
    """Every construct of a page in source order (nested ones after their parent), and fence mistakes."""
    found: list[Construct] = []
    errors: list[ContentError] = []
    open_: list[Construct] = []
    lines = text.split("\n")
    number = frontmatter.body_start(lines)
    code_fence = None
    while number < len(lines):
        line = lines[number]
        number += 1
        for block in open_:
            block.body.append(line)
        fence = frontmatter.CODE_FENCE.match(line)
        if code_fence:
            code_fence = None if fence and fence["mark"].startswith(code_fence) else code_fence
            continue
        if fence:
            code_fence = fence["mark"]
            continue
        start, end = _START.match(line), _END.match(line)
        if start:
            parent = open_[-1] if open_ else None
            block = Construct(start["name"], (start["title"] or "").strip(), {}, number, len(start["fence"]), parent)
            if parent and block.fence >= parent.fence:
                errors.append(ContentError(
                    path, number,
                    f"'{block.name}' inside '{parent.name}' (line {parent.line}) opens with {block.fence} slashes; "
                    f"expected the outer block to use more slashes than the blocks it holds ({'/' * (block.fence + 1)} {parent.name})",
                ))
            options = []
            while number < len(lines) and _OPTION.match(lines[number]):
                options.append(lines[number])
                number += 1
            if options:
                block.options, block.option_lines = _options(options, path, number - len(options) + 1, errors)
            (parent.children if parent else found).append(block)
            open_.append(block)
        elif end:
            length = len(end["fence"])
            if not open_:
                errors.append(ContentError(path, number, f"'{'/' * length}' closes no open block; expected it to end a block opened above"))
            elif length != open_[-1].fence:
                block = open_[-1]
                errors.append(ContentError(
                    path, number,
                    f"'{'/' * length}' does not close the '{block.name}' block opened at line {block.line}; expected '{'/' * block.fence}'",
                ))
            else:
                open_.pop().body.pop()  # its own closing fence
    errors += [
        ContentError(path, block.line, f"'{block.name}' block is never closed; expected a closing '{'/' * block.fence}' line")
        for block in open_
    ]
    return _flatten(found), errors


def check(text: str, path: str, kind: str) -> list[ContentError]:
    """Every misuse of the constructs in one page; `kind` is the page kind (lesson, exercises, guide, page)."""
    constructs, errors = parse(text, path)
    for block in constructs:
        rule = _RULES.get(block.name)
        if rule is None:
            errors.append(ContentError(path, block.line, f"unknown block '{block.name}'; expected one of {', '.join(_RULES)}"))
            continue
        errors += _check_block(block, rule, path, kind)
    return errors


class ExercisesExtension(BlocksExtension):
    """The constructs as Markdown blocks, with labels in the page's language."""

    def __init__(self, lang: str):
        self.lang = lang
        super().__init__()

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        for block in (_Scenario, _Roleplay, _Card, _Game, _Reflection, _Answer, _ModelAnswer, _ForInstructors):
            block_mgr.register(block, {"lang": self.lang})


# Helper functions

_START = re.compile(r"^ {0,3}(?P<fence>/{3,}) *(?P<name>[\w-]+) *(?:\|(?P<title>.*))?$")
_END = re.compile(r"^ {0,3}(?P<fence>/{3,}) *$")
_OPTION = re.compile(r"^ {4,}\S")
_TASK = re.compile(r"^\s*[-*+] \[[ xX]\] \S")


@dataclass(frozen=True)
class _Rule:
    parents: tuple[str | None, ...]  # None: at the top level of the page
    options: dict  # name -> (check, what is expected)
    title: bool  # a title is required
    pages: tuple[str, ...] = ("lesson", "exercises", "guide", "page")


def _count(low: int, high: int | None = None):
    def check(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= (high or value)

    return check


_TOP = (None,)
_RULES = {
    "scenario": _Rule(_TOP, {}, True),
    "roleplay": _Rule(_TOP, {}, True),
    "card": _Rule(("roleplay",), {"role": (lambda v: v in ROLES, f"one of {', '.join(ROLES)}")}, True),
    "game": _Rule(_TOP, {
        "players": (_count(2), "a whole number of people, 2 or more"),
        "group": (_count(2), "a whole number of people per group, 2 or more"),
        "minutes": (_count(1, 240), "a whole number of minutes per round"),
        "rounds": (_count(1, 20), "a whole number of rounds"),
    }, True),
    "reflection": _Rule(_TOP, {}, True),
    # Answers are kept in the browser per module and question number, so only the sheet has them.
    "answer": _Rule((None, "scenario", "reflection", "game"), {"lines": (_count(1, 20), "a whole number from 1 to 20")}, False,
                    ("exercises",)),
    # Learner pages never show answers.
    "model-answer": _Rule(_TOP, {}, False, ("guide",)),
    # What a learner page says to instructors (a link to their section): gone from the learner edition.
    "instructors": _Rule(_TOP, {}, False, ("lesson", "exercises", "page")),
}
_PAGE_NAMES = {"lesson": "a lesson", "exercises": "an exercise sheet", "guide": "a facilitator guide", "page": "a site page"}


def _check_block(block: Construct, rule: _Rule, path: str, kind: str) -> list[ContentError]:
    errors = []

    def error(message: str, line: int = block.line) -> None:
        errors.append(ContentError(path, line, message))

    if kind not in rule.pages:
        where = " or ".join(_PAGE_NAMES[p] for p in rule.pages)
        why = "; learner pages never show answers" if block.name == "model-answer" else ""
        error(f"'{block.name}' is not allowed in {_PAGE_NAMES[kind]}; expected it only in {where}{why}")
    parent = block.parent.name if block.parent else None
    if parent not in rule.parents and not (block.parent and block.parent.name not in _RULES):
        inside = f"inside '{parent}' (line {block.parent.line})" if parent else "at the top level"
        allowed = " or ".join(f"inside '{p}'" if p else "at the top level" for p in rule.parents)
        error(f"'{block.name}' is {inside}; expected it {allowed}")
    if rule.title and not block.title:
        error(f"'{block.name}' has no title; expected '{'/' * block.fence} {block.name} | Title'")
    for name, value in block.options.items():
        if name not in rule.options:
            allowed = ", ".join(rule.options) or "none"
            error(f"'{block.name}' has unknown option '{name}'; expected options: {allowed}", block.line_of(name))
        elif not rule.options[name][0](value):
            error(f"'{block.name}' option '{name}: {value}' is not valid; expected {rule.options[name][1]}", block.line_of(name))
    missing = [name for name in rule.options if name not in block.options]
    if missing:
        lines = "".join(f"\n    {name}: …" for name in missing)
        error(f"'{block.name}' lacks {', '.join(repr(m) for m in missing)}; expected option lines right below the header:{lines}")
    if block.name == "roleplay":
        cards = [c for c in block.children if c.name == "card"]
        observers = [c for c in cards if c.options.get("role") == "observer"]
        if len(cards) < 2:
            error(f"'roleplay' holds {len(cards)} card(s); expected two or more 'card' blocks (customer, staff, observer)")
        for extra in observers[1:]:
            error(f"a second observer card in the role-play (first at line {observers[0].line}); expected at most one", extra.line)
    if block.name == "card" and block.options.get("role") == "observer" and not any(_TASK.match(line) for line in block.body):
        error("the observer card has no checklist; expected a task list of what to watch for, lines like '- [ ] Listened before answering'")
    return errors


def _options(lines: list[str], path: str, first: int, errors: list[ContentError]) -> tuple[dict, dict[str, int]]:
    """A block's option lines as data, with the line of each option."""
    try:
        data, where = yamlsource.load(textwrap.dedent("\n".join(lines)), path, first_line=first)
    except ContentError as error:
        errors.append(error)
        return {}, {}
    if not isinstance(data, dict):
        errors.append(ContentError(path, first, "block options are not 'name: value' lines; expected e.g. '    lines: 6'"))
        return {}, {}
    return data, {key: yamlsource.line_of(where, (key,)) for key in data}


def _flatten(blocks: list[Construct]) -> list[Construct]:
    return [item for block in blocks for item in (block, *_flatten(block.children))]


# The blocks as Markdown renders them. Each is a <section> (the answer space a <div>) whose
# header says what kind of exercise it is; the content goes below the header.


class _Exercise(Block):
    NAME = ""
    ARGUMENT = None
    KIND = ""  # the strings.yml key of the label above the title
    HEADING = "h3"

    def t(self, key: str, **values: object) -> str:
        return strings.t(key, self.config["lang"], **values)

    def on_create(self, parent: etree.Element) -> etree.Element:
        section = etree.SubElement(parent, "section", {"class": f"course-block course-{self.NAME}"})
        header = etree.SubElement(section, "header", {"class": "course-block__head"})
        etree.SubElement(header, "p", {"class": "course-block__kind"}).text = self.t(self.kind())
        if self.argument:
            etree.SubElement(header, self.HEADING, {"class": "course-block__title"}).text = self.argument
        return section

    def kind(self) -> str:
        return self.KIND


class _Scenario(_Exercise):
    NAME, KIND = "scenario", "exercise.scenario"


class _Roleplay(_Exercise):
    NAME, KIND = "roleplay", "exercise.roleplay"


class _Reflection(_Exercise):
    NAME, KIND = "reflection", "exercise.reflection"


class _ModelAnswer(_Exercise):
    NAME, KIND = "model-answer", "exercise.model-answer"


class _Card(_Exercise):
    """A cut-out role card: the role on top, then what that person knows and wants."""

    NAME, HEADING = "card", "h4"
    OPTIONS = {"role": ("customer", None)}

    def kind(self) -> str:
        return f"card.{self.options['role']}"

    def on_create(self, parent: etree.Element) -> etree.Element:
        section = super().on_create(parent)
        section.set("class", f"course-card course-card--{self.options['role']}")
        return section

    def on_inline_end(self, block: etree.Element) -> None:
        """Name each checklist box by its item: pymdownx.tasklist leaves the box as raw HTML without
        a name, which screen readers announce as a bare "checkbox". Build it again, named."""
        for item in block.iter("li"):
            placeholder = HTML_PLACEHOLDER_RE.match(item.text or "")
            if "task-list-item" not in item.get("class", "") or not placeholder:
                continue
            stashed = self.md.htmlStash.rawHtmlBlocks[int(placeholder[1])]
            item.text = item.text[placeholder.end():]
            box = etree.Element("label", {"class": "task-list-control"})
            attributes = {"type": "checkbox", "disabled": "disabled", "aria-label": "".join(item.itertext()).strip()}
            if "checked" in stashed:
                attributes["checked"] = "checked"
            etree.SubElement(box, "input", attributes)
            etree.SubElement(box, "span", {"class": "task-list-indicator"}).text = ""
            box.tail, item.text = " " + item.text, None
            item.insert(0, box)


class _Game(_Exercise):
    """The group game, its numbers set out above the rules."""

    NAME, KIND = "game", "exercise.game"
    OPTIONS = {name: (1, None) for name in ("players", "group", "minutes", "rounds")}

    def on_create(self, parent: etree.Element) -> etree.Element:
        section = super().on_create(parent)
        facts = etree.SubElement(section, "dl", {"class": "course-game__facts"})
        for name in ("players", "group", "minutes", "rounds"):
            item = etree.SubElement(facts, "div")
            etree.SubElement(item, "dt").text = self.t(f"game.{name}")
            etree.SubElement(item, "dd").text = self.t(f"game.{name}.value", n=self.options[name])
        return section


class _Answer(_Exercise):
    """Space to answer: a text box that keeps what was typed (classroom.js), ruled lines on paper."""

    NAME = "answer"
    OPTIONS = {"lines": (5, None)}

    def on_create(self, parent: etree.Element) -> etree.Element:
        number = self.tracker["count"] = self.tracker.get("count", 0) + 1
        lines = self.options["lines"]
        space = etree.SubElement(parent, "div", {"class": "course-answer"})
        box_id = f"course-answer-{number}"
        label = etree.SubElement(space, "label", {"class": "course-answer__label", "for": box_id})
        label.text = self.argument or self.t("answer.label", n=number)
        etree.SubElement(space, "textarea", {
            "class": "course-answer__box", "id": box_id, "rows": str(lines), "data-course-answer": str(number),
        }).text = ""
        ruled = etree.SubElement(space, "div", {"class": "course-answer__lines", "aria-hidden": "true"})
        for _ in range(lines):
            etree.SubElement(ruled, "div", {"class": "course-answer__line"}).text = ""
        return space


class _ForInstructors(Block):
    """Text for instructors on a learner page: as written in the full edition, gone (with its links
    to the instructors' pages, which that edition leaves out) from the learner edition."""

    NAME = "instructors"
    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "div", {"class": "course-instructors"})

    def on_end(self, block: etree.Element) -> None:
        if edition.for_learners():
            block.clear()
