"""Inline Markdown for text kept in data files (quiz banks, sources, terms): emphasis and links, never HTML."""

from __future__ import annotations

import functools
import html
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


def convert(text: str) -> str:
    """`render` without its shortcut for plain text: always through Markdown."""
    out = _renderer().reset().convert(html.escape(text, quote=False))
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


# Helper functions


class _SafeLinks(Treeprocessor):
    """Keep `javascript:` and other script-bearing URLs out of links."""

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if ":" in href.split("/")[0] and not href.startswith(_SAFE_SCHEMES):
                link.set("href", "#")
