"""Inline Markdown for text kept in data files (quiz banks, sources, terms): emphasis and links, never HTML."""

from __future__ import annotations

import functools
import re

import markdown
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/", "./", "../")
# Text with none of these is plain text to Markdown and smarty: nothing to emphasise, link,
# escape or make typographic, no line or block structure, no surrounding space to trim.
_MARKUP = re.compile(r"""[\\`*_\[\]()<>&!'"\n\t]|--|\.\.|^\s|\s$|^(?:[#>+=|~:-]|\d+[.)])|  """)


@functools.cache
def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["smarty"])
    # Raw HTML in data would reach the page unescaped: drop both raw-HTML paths.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe-links", 0)
    return md


@functools.cache  # the same quiz text is rendered for the lesson, the answer key and the paper
def render(text: str) -> str:
    """`*A* and [b](c)` -> `<em>A</em> and <a href="c">b</a>`; any HTML in `text` comes out escaped."""
    if not _MARKUP.search(text):
        return text  # what Markdown would return for it, several hundred times faster
    return convert(text)


def problems(text: str) -> list[str]:
    """What in a data text would not reach the page as written: raw HTML (shown as escaped tags),
    a link that is not an absolute https:// address (data text is not resolved like a page's
    links), a reference link without its definition (shown as brackets)."""
    tag = _HTML.search(text)
    found = [f"raw HTML {tag.group(0)!r}; expected inline Markdown (*emphasis*, **bold**, [a link](https://…)), never HTML"] if tag else []
    for link in _LINK.finditer(text):
        target = next(t for t in link.groups() if t is not None)
        if not target.startswith("https://"):
            found.append(f"link to {target!r}; expected an absolute https:// address (a data file's text is not resolved like a page's links)")
    return found + [problem for _, problem in references(text)]


def references(text: str) -> list[tuple[int, str]]:
    """Where Markdown would show brackets instead of a link or a footnote, and why: a reference
    link (`[text][label]`, `[text][]`) or a footnote (`[^1]`) with no definition in `text`."""
    defined = {_label(d[1]) for d in _DEFINITION.finditer(text)}
    found = []
    for reference in _REFERENCE.finditer(text):
        label = reference["ref"] or reference["text"]
        if _label(label) not in defined:
            found.append((reference.start(), f"reference link {reference.group(0)!r} has no definition; "
                                             f"expected a line '[{label}]: <address>' for it, or an inline link [{reference['text']}](<address>)"))
    for note in _FOOTNOTE.finditer(text):
        if _label(f"^{note['id']}") not in defined:
            found.append((note.start(), f"footnote '[^{note['id']}]' has no definition; expected a line '[^{note['id']}]: …' with the note"))
    return found


def convert(text: str) -> str:
    """`render` without its shortcut for plain text: always through Markdown."""
    # Not escaped first: with both raw-HTML paths gone, Markdown escapes a tag itself, and an
    # autolink (<https://…>) stays a link.
    out = _renderer().reset().convert(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


# Helper functions

_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
# Targets of inline links, autolinks and reference definitions.
_LINK = re.compile(r"\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)|<([a-z][a-z0-9+.-]*:[^<>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M | re.I)
_DEFINITION = re.compile(r"^\s*\[([^\]]+)\]:", re.M)
_REFERENCE = re.compile(r"(?<!\\)\[(?P<text>[^\]^][^\]]*)\]\[(?P<ref>[^\]]*)\]")
_FOOTNOTE = re.compile(r"(?<!\\)\[\^(?P<id>[^\]\s]+)\](?!:)")


def _label(label: str) -> str:
    """A reference label as Markdown matches it: case and runs of spaces do not count."""
    return " ".join(label.split()).casefold()



class _SafeLinks(Treeprocessor):
    """Keep `javascript:` and other script-bearing URLs out of links."""

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if ":" in href.split("/")[0] and not href.startswith(_SAFE_SCHEMES):
                link.set("href", "#")
