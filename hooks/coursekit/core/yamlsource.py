"""YAML that remembers where each value came from, for `path:line:` messages."""

from __future__ import annotations

import yaml

from coursekit.core.errors import ContentError

Where = tuple  # a key path into the data, e.g. ("questions", 2, "options")

# libyaml's parser is several times faster and gives nodes the same marks. Where it rejects a
# text, PyYAML's own parser is asked again, so a mistake is reported in the same words on
# every machine (PyYAML without libyaml falls back to the pure-Python loader).
_Fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str, path: str, first_line: int = 1) -> tuple[object, dict[Where, int]]:
    """Parse YAML text; return the data and the line of every key path.

    `first_line` is the file line of the text's first line (front matter starts at 2).
    Syntax errors and duplicate keys raise ContentError at the offending line.
    """
    node, lines = _compose(text, path, first_line)
    if node is None:
        return None, lines
    try:
        data = _Fast(text).construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        raise ContentError(path, line, f"invalid YAML value: {getattr(exc, 'problem', exc)}") from None
    return data, lines


def key_lines(text: str, path: str) -> dict[Where, int]:
    """The line of every key path of a YAML text whose tags only its own program knows
    (`!ENV` in mkdocs.yml): the structure, without making values of it."""
    return _compose(text, path, 1)[1]


def settings(text: str) -> dict:
    """mkdocs.yml as data for a command that runs without MkDocs: tags only MkDocs knows
    (`!ENV`, `!!python/...`) read as nothing."""
    return yaml.load(text, Loader=_Tolerant) or {}


def line_of(lines: dict[Where, int], where: Where) -> int:
    """The line of `where`, or of its nearest enclosing value that has one."""
    while where not in lines and where:
        where = where[:-1]
    return lines.get(where, 1)


# Helper functions


class _Tolerant(yaml.SafeLoader):
    pass


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _compose(text: str, path: str, first_line: int) -> tuple[yaml.Node | None, dict[Where, int]]:
    try:
        node = yaml.compose(text, Loader=_Fast)
    except yaml.YAMLError as fast_exc:
        exc = _pure_error(text) or fast_exc
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc)
        opened = _OPENED.get(getattr(exc, "context", None))
        context = getattr(exc, "context_mark", None)
        if opened and context and first_line + context.line != line:
            # A bracket or quotation mark left open: the mistake is where it opens, not where YAML gives up.
            problem, line = f"{opened} opened on this line is not closed ({problem}, line {line})", first_line + context.line
        raise ContentError(path, line, f"invalid YAML: {problem}; expected valid YAML") from None
    if node is None:
        return None, {(): first_line}
    found: dict[Where, int] = {}
    _index(node, (), first_line, path, found)
    return node, found


_OPENED = {"while parsing a flow sequence": "the '['", "while parsing a flow mapping": "the '{'",
           "while scanning a quoted scalar": "the quotation mark"}


def _pure_error(text: str) -> yaml.YAMLError | None:
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return exc
    return None


def _index(node: yaml.Node, where: Where, first: int, path: str, lines: dict[Where, int]) -> None:
    lines[where] = first + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            name = key.value
            line = first + key.start_mark.line
            if name in seen:
                raise ContentError(
                    path, line, f"duplicate key '{name}' (first at line {seen[name]}); expected each key once"
                )
            seen[name] = line
            _index(value, (*where, name), first, path, lines)
            lines[(*where, name)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*where, i), first, path, lines)
