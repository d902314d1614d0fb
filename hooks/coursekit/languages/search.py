"""Search in each language: words, not characters, for languages written without spaces.

Material's search plugin segments Chinese with jieba when it builds the index; the course's
terms join jieba's dictionary so that they stay whole (共情, 委屈奖).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from coursekit.languages.settings import Language


def prepare(terms: list, lang: Language) -> None:
    if lang.code.split("-")[0] != "zh":
        return
    import jieba  # only Chinese builds pay for loading it

    for term in terms:
        jieba.add_word(term.names[lang.code])


def subwords(lang: Language) -> Callable[[str], list[str]]:
    """The shorter words inside a word, as jieba's search mode finds them (安全帽: 安全)."""
    if lang.code.split("-")[0] != "zh":
        return lambda word: []
    import jieba

    @functools.cache  # a word is cut once, however often the pages use it
    def inside(word: str) -> list[str]:
        return [w for w in jieba.cut_for_search(word) if w != word and len(w) > 1]

    return inside
