"""The search index as learners' browsers fetch it: in small pieces, so that the first query of
a course of a hundred modules costs a few tens of kilobytes, not the whole index.

Material's search plugin writes `search/search_index.json`, every section's text segmented
(jieba puts U+200B between Chinese words), and its browser code fetches all of it on every
page. From that same file this module writes, for the course's own search worker
(theme/assets/search-worker.js):

- `search/search_index.json`: Material's settings only (the search box and the highlighting on
  the page that opens read them), plus where the pieces are;
- `search/pages.json`: every page's address, title and boost (Material's `search.boost`);
- `search/terms-<n>.json`: the words, each with the sections that hold it (page, section,
  whether in its title, how much in its text: 0 to 10). A word lives in the piece of its first character (of its first two
  in spaced scripts), so the worker fetches the pieces of a query's characters and with them
  the words it may be made of: Chinese queries are cut into the index's own words, as jieba
  cut the pages;
- `search/text-<n>-<m>.json`: section m of page n (anchor, title, text), fetched for the teaser
  of a result, and `search/page-<n>.json` the anchors and titles of all the page's sections, to
  list the other sections that match.
"""

from __future__ import annotations

import html
import json
import math
import pathlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

FOLDER = "search"
INDEX = f"{FOLDER}/search_index.json"
# A piece of the word list holds about this many bytes of JSON before compression.
_PIECE_BYTES = 12_000
# Scripts written without spaces: their words were cut at build time, and queries are cut into
# the same words. Keep in step with UNSPACED in search-worker.js.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(?:p|li|dd|dt|tr|h\d|pre|blockquote)>")


def split(index: dict, subwords: Callable[[str], list[str]] = lambda word: [], inline: bool = False) -> dict[str, str]:
    """Material's search index (as parsed JSON) as the files of the sharded index, by path.
    `subwords(word)` are the shorter words a word written without spaces holds (安全帽: 安全),
    indexed with it, so that 安全 finds the page too. `inline`: every piece inside the settings
    (`config.files`, by name), for sites read from file://, where Material hands the settings to
    the worker from the offline plugin's script and the worker can fetch nothing."""
    config, docs = index["config"], index["docs"]
    separator = cuts(config["separator"])
    pages: list[list[str]] = []
    sections: list[list] = []  # per page: [anchor, title]
    texts: dict[str, list] = {}
    postings: dict[str, list[int]] = {}
    counted: list[tuple[int, int, dict, int]] = []
    number: dict[str, int] = {}
    for doc in docs:
        url, _, anchor = doc["location"].partition("#")
        if url not in number:
            number[url] = len(pages)
            pages.append([url, _plain(doc["title"]), doc.get("boost", 1)])
            sections.append([])
        page, section = number[url], len(sections[number[url]])
        sections[page].append([anchor, _plain(doc["title"])])
        texts[f"text-{page}-{section}.json"] = [anchor, _plain(doc["title"]), _teaser_text(doc["text"])]
        counts: dict[str, list[int]] = {}
        for field, text in ((0, _plain(doc["title"])), (1, html.unescape(_TAG.sub(" ", doc["text"])))):
            for word, times in Counter(words(text, separator)).items():  # each word of a section looked at once
                for each in [word, *(subwords(word) if _UNSPACED.match(word) else ())]:
                    counts.setdefault(each, [0, 0])[field] += times
        counted.append((page, section, counts, sum(c[1] for c in counts.values())))
    average = max(1, sum(length for *_, length in counted) / max(1, len(counted)))
    for page, section, counts, length in counted:
        for word, (in_title, in_text) in counts.items():
            postings.setdefault(word, []).extend((page, section, min(in_title, 1), _weight(in_text, length / average)))
    size = sum(len(w) * 3 + 6 * len(p) for w, p in postings.items())
    pieces = 1 << max(0, math.ceil(math.log2(max(1, size / _PIECE_BYTES))))
    shards: list[dict[str, list[int]]] = [{} for _ in range(pieces)]
    for word in sorted(postings):
        shards[piece(word, pieces)][word] = postings[word]
    files = {"pages.json": pages, **{f"terms-{n}.json": shard for n, shard in enumerate(shards)},
             **{f"page-{n}.json": page for n, page in enumerate(sections)}, **texts}
    settings = {**config, "pieces": pieces, "sections": sum(map(len, sections)), **({"files": files} if inline else {})}
    written = {INDEX: _json({"config": settings, "docs": []})}
    if not inline:
        written.update({f"{FOLDER}/{name}": _json(value) for name, value in files.items()})
    return written


def documents(folder: pathlib.PurePath, read: Callable[[pathlib.PurePath], str] | None = None) -> list[dict]:
    """The sections of the index written in `folder` (a language's `search/`), as Material's
    index lists them: location, title, text (as text, word cuts kept); `read` gives a piece's
    text (a served site's, say)."""

    def piece(name: str):
        path = folder / name
        return json.loads(read(path) if read else pathlib.Path(path).read_text("utf-8"))

    docs = []
    for n, (url, *_) in enumerate(piece("pages.json")):
        for m, (anchor, title) in enumerate(piece(f"page-{n}.json")):
            text = piece(f"text-{n}-{m}.json")[2]
            docs.append({"location": f"{url}#{anchor}" if anchor else url, "title": title, "text": text})
    return docs


def cuts(separator: str) -> re.Pattern:
    """Where words end: the language's separator, and U+200B, where jieba cut Han text in any
    language (Material's separator for Japanese does not have it)."""
    return re.compile(f"(?:{separator})|\u200b")


def words(text: str, separator: re.Pattern) -> list[str]:
    """The words of a text as the index keeps them: NFKC, lower case, cut at the separator."""
    return [w for w in separator.split(unicodedata.normalize("NFKC", text).lower()) if w and not w.isspace()]


def piece(word: str, pieces: int) -> int:
    """The piece a word lives in: FNV-1a of its key, over code points, as the worker computes it."""
    key = word[:1] if _UNSPACED.match(word) else word[:2]
    h = 0x811C9DC5
    for char in key:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return h % pieces


# Helper functions


def _weight(count: int, relative_length: float) -> int:
    """How much a word counts in a section's text, 0 to 10: BM25's saturation of its count
    (k1 = 1.2), against the section's length (b = 0.5), so that a word in a short section counts
    more than the same count in a long one."""
    k1, b = 1.2, 0.5
    return round(10 * count / (count + k1 * (1 - b + b * relative_length))) if count else 0


def _plain(markup: str) -> str:
    """A title as text, its word cuts kept (the worker marks whole words with them)."""
    return html.unescape(_TAG.sub("", markup)).strip(" \u200b")


def _teaser_text(markup: str) -> str:
    """A section's text for result teasers: blocks kept apart by a newline, word cuts kept."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", markup)))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip(" \u200b"))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
