"""The sitemap as MkDocs compresses it, without the build date in the gzip header: nothing
reads that stamp, and with it two builds of one commit on different days would differ."""

from __future__ import annotations

import gzip
import pathlib


def recompress(site_dir: pathlib.Path) -> None:
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        pathlib.Path(f"{sitemap}.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))
