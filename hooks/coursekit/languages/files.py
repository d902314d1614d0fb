"""Which language a source file belongs to (`about.en.md` is English), and which pages lack a
counterpart in one of the course's languages."""

from __future__ import annotations

import posixpath
import re

from coursekit.core.errors import ContentError

_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")
_ANY_CASE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")


def split(src_uri: str) -> tuple[str, str] | None:
    """`01-x/index.zh.md` -> (`01-x/index.md`, `zh`); None for a file with no language suffix."""
    match = _SUFFIX.match(src_uri)
    if not match:
        return None
    return f"{match['stem']}.md", match["lang"]


def missing_counterparts(src_uris: list[str], codes: tuple[str, ...], docs_dir: str,
                         derived: tuple[str, ...] = ()) -> list[ContentError]:
    """Every Markdown page must exist in every written language `codes`, with a known language
    suffix; a page of a `derived` language (written by hand where conversion is not good
    enough) needs its source page too."""
    errors = []
    pages: dict[str, set[str]] = {}
    for uri in src_uris:
        parts = split(uri)
        where = posixpath.join(docs_dir, uri)
        if parts is None or parts[1] not in codes + derived:
            stem = posixpath.join(docs_dir, (parts[0] if parts else uri)[: -len(".md")])
            expected = " or ".join(f"'{stem}.{c}.md'" for c in codes + derived)
            cased = _ANY_CASE.match(uri)
            meant = cased and next((c for c in codes + derived if c.lower() == cased["lang"].lower()), None)
            if meant:
                shown = posixpath.join(docs_dir, cased["stem"])
                errors.append(ContentError(where, 1, f"language suffix '{cased['lang']}' is not written as the course writes it; "
                                                     f"expected '{shown}.{meant}.md' (as in extra.languages of mkdocs.yml)"))
                pages.setdefault(f"{cased['stem']}.md", set()).add(meant)  # its translation is there, misnamed
            elif parts is None:
                errors.append(ContentError(where, 1, f"page has no language suffix; expected {expected}"))
            else:
                errors.append(ContentError(where, 1, f"page is in '{parts[1]}', which is not a language of this course; "
                                                     f"expected {expected}, or '{parts[1]}' added to extra.languages in mkdocs.yml"))
            continue
        pages.setdefault(parts[0], set()).add(parts[1])
    for neutral, present in pages.items():
        stem = posixpath.join(docs_dir, neutral[: -len(".md")])
        for code in codes:
            if code not in present:
                have = sorted(present)[0]
                errors.append(ContentError(
                    f"{stem}.{have}.md", 1,
                    f"missing translation: '{stem}.{code}.md' does not exist; expected every page in {_list(codes)}",
                ))
    return errors


def _list(codes: tuple[str, ...]) -> str:
    return codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} and {codes[-1]}"
