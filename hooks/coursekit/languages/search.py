"""Search in each language: words, not characters, for languages written without spaces.

Material's search plugin segments Chinese with jieba when it builds the index; the course's
terms join jieba's dictionary so that they stay whole (共情, 委屈奖). jieba's dictionary is
Simplified Chinese, and splits Traditional text badly (服務品質 as 服務品/質): a language
derived by conversion gets the dictionary converted the same way as its pages, made once and
kept in the temporary folder.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import tempfile
from collections.abc import Callable

from coursekit.languages.conversion import Converter
from coursekit.languages.settings import Language


def prepare(terms: list, lang: Language, convert: Converter | None = None) -> None:
    """Give jieba the dictionary of `lang` (converted with `convert` for a derived language) and the course's terms."""
    if lang.code.split("-")[0] != "zh":
        return
    import jieba  # only Chinese builds pay for loading it

    default = pathlib.Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    wanted = _converted(default, convert) if convert else default
    tokenizer, current = jieba.dt, pathlib.Path(jieba.dt.dictionary or default)
    if current != wanted:
        # jieba takes about a second to read a dictionary, and each language's build in a process
        # switches (zh, zh-TW, zh again): each dictionary read is kept as jieba left it.
        if tokenizer.initialized:
            _read[current] = (tokenizer.FREQ, tokenizer.total, tokenizer.user_word_tag_tab)
        jieba.set_dictionary(str(wanted))
        if wanted in _read:
            tokenizer.FREQ, tokenizer.total, tokenizer.user_word_tag_tab = _read[wanted]
            tokenizer.initialized = True
    # Each term once into each dictionary read: jieba adds a word's count to its total every time
    # the word is added, and the cut of every text would drift from one build to the next.
    jieba.initialize()
    known, added = _added.get(wanted, (None, set()))
    if known is not tokenizer.FREQ:
        added = set()
        _added[wanted] = (tokenizer.FREQ, added)
    for name in (term.names[lang.code] for term in terms):
        if name not in added:
            jieba.add_word(name)
            added.add(name)


def subwords(lang: Language) -> Callable[[str], list[str]]:
    """The shorter words inside a word, as jieba's search mode finds them (安全帽: 安全)."""
    if lang.code.split("-")[0] != "zh":
        return lambda word: []
    import jieba

    @functools.cache  # a word is cut once, however often the pages use it
    def inside(word: str) -> list[str]:
        return [w for w in jieba.cut_for_search(word) if w != word and len(w) > 1]

    return inside


# Helper functions

_read: dict[pathlib.Path, tuple[dict, int, dict]] = {}  # each dictionary jieba has read in this process
_added: dict[pathlib.Path, tuple[dict, set[str]]] = {}  # the terms added to it, with the word table they went into


def _converted(default: pathlib.Path, convert: Converter) -> pathlib.Path:
    """jieba's dictionary, converted, one line per word (two Simplified words may make one)."""
    key = hashlib.sha256(f"{default.stat().st_size} {convert.fingerprint}".encode()).hexdigest()[:16]
    path = pathlib.Path(tempfile.gettempdir()) / "coursekit" / f"jieba-{key}.txt"
    if path.exists():
        return path
    words: dict[str, tuple[int, str]] = {}
    for line in convert.once(default.read_text("utf-8")).splitlines():
        word, freq, *tag = line.split(" ")
        if int(freq) > words.get(word, (0, ""))[0]:
            words[word] = (int(freq), " ".join(tag))
    path.parent.mkdir(exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text("".join(f"{w} {f} {t}".rstrip() + "\n" for w, (f, t) in words.items()), "utf-8")
    partial.replace(path)  # whole or not at all, should two builds run at once
    return path
