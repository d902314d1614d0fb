"""Keep the built site free of third-party URLs, for offline classrooms and mainland China.

Material's bundle can load two scripts from unpkg.com: a ResizeObserver polyfill (for old
browsers) and Mermaid (for diagrams, which this course does not use). Point both at the site
itself; the polyfill ships with the theme (hooks/theme/assets/vendor/, MIT licence).
"""

from __future__ import annotations

import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# What Material's bundle names -> where the site serves it, relative to the site root.
_LOCAL = {
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer-polyfill-1.5.1.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid.min.js",
}


def on_post_build(*, config: MkDocsConfig) -> None:
    bundles = list(pathlib.Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        text = bundle.read_text("utf-8")
        for remote, local in _LOCAL.items():
            # `__md_scope` is the site root as a URL, defined by Material on every page.
            text = text.replace(f'"{remote}"', f'new URL("{local}",__md_scope).href')
        if "unpkg.com" in text:
            raise PluginError(f"{bundle.name} still loads from unpkg.com: Material changed; update hooks/offline.py")
        bundle.write_text(text, "utf-8")
