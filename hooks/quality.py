"""Quality gates in the build: every translation has the same skeleton as its default-language
page, and two builds of one commit are byte-identical.

MkDocs glue only; the rules live in parity.py. The parity check runs once, in the default
language's build, before any page is written: the other languages' builds read the same files.
"""

from __future__ import annotations

import gzip
import pathlib

from mkdocs.config.defaults import MkDocsConfig

import glue
import languages
import modules
import parity


def on_config(config: MkDocsConfig) -> None:
    if languages.building:
        return
    root = pathlib.Path(config.config_file_path).parent
    codes = tuple(config.extra["languages"])
    # Mistakes in the pages themselves are course.py's to report; here only the differences count.
    course, _ = modules.shared(pathlib.Path(config.docs_dir), root, codes)
    glue.stop(parity.check(course, root, codes[0]))


def on_post_build(*, config: MkDocsConfig) -> None:
    # MkDocs stamps sitemap.xml.gz with the build date; nothing reads that stamp, and with it two
    # builds of one commit on different days would differ.
    sitemap = pathlib.Path(config.site_dir, "sitemap.xml")
    if sitemap.exists():
        pathlib.Path(f"{sitemap}.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))
