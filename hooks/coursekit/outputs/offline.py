"""Keep the built site free of third-party URLs, for offline classrooms and mainland China.

Material's bundle can load two scripts from unpkg.com: a ResizeObserver polyfill (for old
browsers) and Mermaid (for diagrams). Point both at the site itself; the polyfill ships with the
theme (hooks/theme/assets/vendor/, MIT licence).
"""

from __future__ import annotations

import pathlib

# What Material's bundle names -> where the site serves it, relative to the site root.
_LOCAL = {
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer-polyfill-1.5.1.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid.min.js",
}


class ThirdPartyLeft(Exception):
    pass


def localise(site_dir: pathlib.Path) -> None:
    """Rewrite Material's bundles in a built site so they load nothing from unpkg.com."""
    for bundle in sorted(site_dir.glob("assets/javascripts/bundle.*.min.js")):
        text = bundle.read_text("utf-8")
        for remote, local in _LOCAL.items():
            # `__md_scope` is the site root as a URL, defined by Material on every page.
            text = text.replace(f'"{remote}"', f'new URL("{local}",__md_scope).href')
        if "unpkg.com" in text:
            raise ThirdPartyLeft(f"{bundle.name} still loads from unpkg.com: Material changed; update hooks/coursekit/outputs/offline.py")
        bundle.write_text(text, "utf-8")
