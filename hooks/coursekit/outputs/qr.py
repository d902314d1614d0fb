"""QR codes on paper: a printed exercise sheet or quiz paper links to its lesson or quiz online,
in the same language. Made at build time by segno (pure Python); nothing is asked of any service.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import segno


def code(site_url: str | None, url: str) -> dict | None:
    """The QR code of page `url` (relative to the site's root) published at `site_url`, as an SVG
    data URI with the address it holds, whole and in the parts it may wrap between; None when the
    build has no site_url to point at."""
    if not site_url:
        return None
    address = urljoin(site_url, url)
    # Printed, the address may wrap only after a slash: wrapped at a hyphen, it would read as a hyphenated word.
    parts = [part for part in re.findall(r"[^/]*/*", address) if part]
    # The default quiet zone of four modules: without it, phone cameras often fail to read the code.
    return {"url": address, "parts": parts, "image": segno.make(address, error="m").svg_data_uri(scale=1)}
