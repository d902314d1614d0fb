"""Every file of a course the engine reads comes through here: pages, quiz banks, data files,
interface text, mkdocs.yml. One encoding, UTF-8, checked once, so a file saved in another one
(GB18030 or Windows-1252, what Chinese and Western editions of Windows editors often write) is
named at its first foreign byte instead of failing somewhere with a bare UnicodeDecodeError.

A byte-order mark at the top is tolerated, as MkDocs tolerates it in pages (`utf-8-sig`), and
Windows line ends read as plain ones.
"""

from __future__ import annotations

import codecs
import pathlib

from coursekit.core.errors import ContentError


def read(path: pathlib.Path, shown: str) -> str:
    """The text of the file at `path` (named `shown` in messages); ContentError if it is not UTF-8."""
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ContentError(shown, line, f"not UTF-8 (byte 0x{data[error.start]:02x}); "
                                        "expected UTF-8: save the file as UTF-8, not GBK, GB18030 or ANSI") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
