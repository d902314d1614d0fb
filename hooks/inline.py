"""Inline Markdown for text kept in data files (quiz banks, sources, terms): emphasis and links, never HTML."""

from __future__ import annotations

import functools
import html

import markdown
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/", "./", "../")


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
