"""Text in a derived language, made at build time from its source language's: OpenCC (`s2twp`:
Traditional characters and Taiwan's phrases) plus the course's phrase table, so a derived
edition never drifts from the text it is made of and nothing converted is ever committed.

The phrase table, `<docs>/_data/conversion/<code>.yml`, corrects what OpenCC gets wrong in the
course's own vocabulary, each entry with its reason:

    quotes:
      - {zh: “”, zh-TW: 「」, why: Taiwan quotes with corner brackets}
    phrases:
      - {zh: 质量, zh-TW: 品質, why: Taiwan says 品質 for quality; 質量 is mass}
    watch:
      - {word: 專案, why: OpenCC makes every 项目 a 專案, wrong for an item in an assessment}

Quotation marks change in pairs, so an apostrophe (it’s) stays. A phrase is matched in the source text before OpenCC runs, longest first, and its text is set
aside so that OpenCC neither changes it nor reads a word across its edges. `watch` lists words
OpenCC writes that are often wrong; the conversion report (`report()`) shows every place OpenCC
wrote one, and every word it converted as a phrase rather than character by character, in
context, for a reviewer to confirm or to correct through the table.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError

FOLDER = "conversion"  # below the docs dir's _data/
# Phrases are set aside as characters of Supplementary Private Use Area-A, which no course text
# holds and OpenCC passes through as they are.
_SET_ASIDE = 0xF0000


@dataclass(frozen=True)
class Phrase:
    source: str  # as the source language writes it
    target: str  # as the derived language must read
    why: str
    line: int


@dataclass(frozen=True)
class Watched:
    word: str  # as OpenCC writes it in the derived language
    why: str
    line: int


@dataclass(frozen=True)
class Table:
    path: str  # as messages name it
    phrases: tuple[Phrase, ...] = ()
    watch: tuple[Watched, ...] = ()
    quotes: tuple[Phrase, ...] = ()  # an opening and a closing mark, and what they become


class Converter:
    """Converts text from `source` to `target` with the OpenCC configuration `config` and `table`."""

    def __init__(self, source: str, target: str, config: str, table: Table):
        self.source, self.target, self.config, self.table = source, target, config, table
        self._opencc = _opencc(config)
        self._done = _remembered(target, config, table)
        self._index = {phrase.source: i for i, phrase in enumerate(table.phrases)}
        self._pattern = re.compile("|".join(re.escape(s) for s in sorted(self._index, key=len, reverse=True))) if self._index else None

    def __call__(self, text: str) -> str:
        # `mkdocs serve` reads the project again on every save: a text unchanged is not converted again.
        if text not in self._done:
            self._done[text] = self.once(text)
        return self._done[text]

    def once(self, text: str) -> str:
        """`text` converted and not remembered (jieba's whole dictionary)."""
        return self.restore(self._opencc.convert(self.set_aside(self.quote(text))))

    def quote(self, text: str) -> str:
        """`text` with each pair of quotation marks of the table changed; a closing mark
        followed by a letter is an apostrophe (it’s), and stays. A quotation of several
        paragraphs leaves marks without their pair on a line (each paragraph opens, only the last
        closes): they change one by one, a closing mark only where no Latin letter touches it
        (customers’ stays)."""
        for pair in self.table.quotes:
            (o, c), (o2, c2) = pair.source, pair.target
            text = re.sub(f"{re.escape(o)}([^{re.escape(o)}\n]*?){re.escape(c)}(?![A-Za-z])", lambda m: f"{o2}{m[1]}{c2}", text)
            text = re.sub(f"(?<![A-Za-z]){re.escape(c)}(?![A-Za-z])", c2, text.replace(o, o2))
        return text

    @functools.cached_property
    def fingerprint(self) -> str:
        """What the conversion depends on: OpenCC's version and configuration, and the phrases."""
        import opencc

        phrases = "".join(f"{p.source}\t{p.target}\n" for p in self.table.phrases + self.table.quotes)
        return hashlib.sha256(f"{opencc.__version__} {self.config}\n{phrases}".encode()).hexdigest()

    def set_aside(self, text: str) -> str:
        """`text` with each phrase of the table replaced by a character that stands for it."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: chr(_SET_ASIDE + self._index[m.group(0)]), text)

    def phrases_in(self, text: str) -> list[str]:
        """The phrases of the table that `text` holds, each time it holds one."""
        return [m.group(0) for m in self._pattern.finditer(text)] if self._pattern else []

    def restore(self, text: str) -> str:
        """The phrases' reviewed text where `set_aside` left their characters."""
        return re.sub(r"[\U000F0000-\U000FFFFD]", lambda m: self.table.phrases[ord(m.group(0)) - _SET_ASIDE].target, text)

    def by_character(self, text: str) -> str:
        """What OpenCC makes of `text` one character at a time, without its phrases."""
        return "".join(_one(self.config, ch) for ch in text)

    def texts(self, node: object) -> object:
        """`node` (YAML data) with a `target` text beside every `source` text of a mapping that
        has none: `{zh: …, en: …}` gains `zh-TW: …`."""
        if isinstance(node, list):
            return [self.texts(value) for value in node]
        if not isinstance(node, dict):
            return node
        out = {key: self.texts(value) for key, value in node.items()}
        if isinstance(node.get(self.source), str) and self.target not in node:
            out[self.target] = self(node[self.source])
        return out


def load(path: pathlib.Path, shown: str, source: str, target: str) -> tuple[Table, list[ContentError]]:
    """The phrase table at `path` (an empty one if the course has none), and every mistake in it."""
    if not path.exists():
        return Table(shown), []
    try:
        data, lines = yamlsource.load(path.read_text("utf-8"), shown)
    except ContentError as error:
        return Table(shown), [error]
    if not isinstance(data, dict) or set(data) - {"phrases", "watch", "quotes"}:
        return Table(shown), [ContentError(shown, 1, "a phrase table is a mapping of `quotes:`, `phrases:` and `watch:`; expected only those lists")]
    errors: list[ContentError] = []
    quotes = []
    for i, entry in enumerate(data.get("quotes") or []):
        line = yamlsource.line_of(lines, ("quotes", i))
        if not _texts(entry, (source, target, "why")) or len(entry[source]) != 2 or len(entry[target]) != 2:
            errors.append(ContentError(shown, line, f"quotes {i + 1} is not valid; expected {{{source}: “”, {target}: 「」, why: …}}, "
                                                    "an opening and a closing mark each"))
        else:
            quotes.append(Phrase(entry[source], entry[target], entry["why"], line))
    phrases, seen = [], {}
    for i, entry in enumerate(data.get("phrases") or []):
        line = yamlsource.line_of(lines, ("phrases", i))
        if not _texts(entry, (source, target, "why")):
            errors.append(ContentError(shown, line, f"phrase {i + 1} is not valid; expected {{{source}: …, {target}: …, why: …}}, each a text"))
        elif entry[source] in seen:
            first = seen[entry[source]]
            errors.append(ContentError(shown, line, f"phrase '{entry[source]}' is listed twice (first at line {first}); expected each phrase once"))
        else:
            seen[entry[source]] = line
            phrases.append(Phrase(entry[source], entry[target], entry["why"], line))
    watch = []
    for i, entry in enumerate(data.get("watch") or []):
        line = yamlsource.line_of(lines, ("watch", i))
        if not _texts(entry, ("word", "why")):
            errors.append(ContentError(shown, line, f"watch entry {i + 1} is not valid; expected {{word: …, why: …}}, each a text"))
        else:
            watch.append(Watched(entry["word"], entry["why"], line))
    return Table(shown, tuple(phrases), tuple(watch), tuple(quotes)), errors


def converter(source: str, target: str, config: str, table: Table) -> Converter:
    """A converter; ValueError if OpenCC has no configuration `config`."""
    try:
        return Converter(source, target, config, table)
    except RuntimeError:
        raise ValueError(f"OpenCC has no configuration '{config}'") from None


# The conversion report


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    source: str  # OpenCC's word, as the source language writes it
    target: str  # ... and as OpenCC converted it
    context: str  # the converted text around it
    watched: Watched | None  # the watch entry it matches; None for a phrase OpenCC chose


@dataclass(frozen=True)
class Report:
    converter: Converter
    findings: tuple[Finding, ...]
    uses: Counter  # phrase (its source text) -> how many times the table replaced it
    lines: int

    def text(self) -> str:
        """The report as a reviewer reads it, in plain text."""
        c, table = self.converter, self.converter.table
        watched = [f for f in self.findings if f.watched]
        out = [f"Conversion report: {c.source} -> {c.target}, OpenCC {c.config} and {table.path}, over {self.lines} lines.", ""]
        out.append(f"Watched words OpenCC wrote ({len(watched)}): confirm each, or add a phrase to {table.path}")
        out += [f"  {f.path}:{f.line}: {f.source} -> {f.target} ({f.watched.word}: {f.watched.why}): …{f.context}…" for f in watched]
        out += ["", "Words OpenCC converted as phrases, not character by character: check each reads right"]
        groups: dict[tuple[str, str], list[Finding]] = {}
        for f in self.findings:
            if not f.watched:
                groups.setdefault((f.source, f.target), []).append(f)
        for (source, target), found in sorted(groups.items()):
            first = found[0]
            out.append(f"  {source} -> {target} ×{len(found)}, first at {first.path}:{first.line}: …{first.context}…")
        unused = [p for p in table.phrases if not self.uses.get(p.source)]
        out += ["", f"The phrase table: {len(table.phrases)} phrases, {sum(self.uses.values())} replacements"]
        out += [f"  unused: {p.source} -> {p.target} ({table.path}:{p.line})" for p in unused]
        return "\n".join(out) + "\n"


def report(c: Converter, sources: Iterable[tuple[str, str]]) -> Report:
    """The conversion report over `sources`, (path, text) of every file the build converts.

    A word OpenCC converted as a phrase is where its output differs from the text converted one
    character at a time; it is shown widened to the words jieba finds in the source around it."""
    import jieba  # only the report needs it here

    located = [(path, number, line) for path, text in sources for number, line in enumerate(text.split("\n"), 1)]
    uses = Counter(phrase for _, _, line in located for phrase in c.phrases_in(line))
    findings = []
    for path, number, line in located:
        aside = c.set_aside(c.quote(line))
        converted = c._opencc.convert(aside)
        if not aside.strip():
            continue
        back = _back(c.by_character(aside), converted)  # converted position -> source position
        words = [(start, end) for _, start, end in jieba.tokenize(aside)]

        def finding(start: int, end: int, watched: Watched | None) -> Finding:
            """The finding for the converted text [start, end), widened to whole source words."""
            first, last = back[start], back[end - 1] + 1
            first = min([first, *(a for a, b in words if a < first < b)])
            last = max([last, *(b for a, b in words if a < last < b)])
            begin = next(j for j, i in enumerate(back) if i >= first)
            stop = max(j for j, i in enumerate(back) if i < last) + 1
            return Finding(path, number, c.restore(aside[first:last]), c.restore(converted[begin:stop]),
                           c.restore(converted[max(0, begin - 8): stop + 8]), watched)

        for watched in c.table.watch:
            findings += [finding(m.start(), m.end(), watched) for m in re.finditer(re.escape(watched.word), converted)]
        findings += [finding(j1, j2, None) for j1, j2 in _phrases(c.by_character(aside), converted)]
    return Report(c, tuple(findings), uses, len(located))


# Helper functions


def _remembered(target: str, config: str, table: Table) -> dict[str, str]:
    """The texts converted into `target` in this process with `config` and `table`; those
    converted with an earlier table are let go."""
    key = (config, table)
    if _REMEMBERED.get(target, (None,))[0] != key:
        _REMEMBERED[target] = (key, {})
    return _REMEMBERED[target][1]


_REMEMBERED: dict[str, tuple[tuple[str, Table], dict[str, str]]] = {}


def _texts(entry: object, keys: tuple[str, ...]) -> bool:
    return isinstance(entry, dict) and set(entry) == set(keys) and all(isinstance(entry[k], str) and entry[k].strip() for k in keys)


@functools.cache
def _opencc(config: str):
    import opencc  # only a course with a derived language needs it

    return opencc.OpenCC(config)


@functools.cache
def _one(config: str, ch: str) -> str:
    return _opencc(config).convert(ch)


def _phrases(by_character: str, converted: str) -> list[tuple[int, int]]:
    """The spans of `converted` where it differs from the text converted character by character."""
    return [(j1, j2) for tag, _, _, j1, j2 in _opcodes(by_character, converted) if tag != "equal" and j2 > j1]


def _opcodes(by_character: str, converted: str) -> list[tuple[str, int, int, int, int]]:
    """How `converted` lines up with `by_character`: one character for one, where it can."""
    if len(by_character) != len(converted):
        return SequenceMatcher(None, by_character, converted, autojunk=False).get_opcodes()
    same = [a == b for a, b in zip(by_character, converted)]
    runs, start = [], 0
    for i in range(1, len(same) + 1):
        if i == len(same) or same[i] != same[start]:
            runs.append(("equal" if same[start] else "replace", start, i, start, i))
            start = i
    return runs


def _back(by_character: str, converted: str) -> list[int]:
    """For each position of `converted`, the position of the source character it came from
    (the two texts are one character for one, but where a phrase changed the length)."""
    back = []
    for _, i1, i2, j1, j2 in _opcodes(by_character, converted):
        back += [min(i1 + (k - j1) * max(i2 - i1, 1) // max(j2 - j1, 1), max(i2 - 1, i1)) for k in range(j1, j2)]
    return back
