"""The course's own stylesheets and scripts as browsers get them: minified, the screen
stylesheets joined into one file and the scripts into another, each named by its content
(`assets/course.1a2b3c4d.min.css`), so a browser never runs a new page with an old script.

mkdocs.yml lists the sources in `extra_css` and `extra_javascript` (hooks/theme/assets/); they
stay separate there, one file per part of the course. The print stylesheet stays a file of its
own (linked for print only, and used by the PDF pack), minified in place, and so does the search
worker. rcssmin and rjsmin do
the minifying.
"""

from __future__ import annotations

import hashlib

import rcssmin
import rjsmin

from coursekit.core.errors import ContentError

# mkdocs.yml's lists of sources, and what each is joined as.
LISTS = {"extra_css": ".css", "extra_javascript": ".js"}
_MINIFY = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# The search worker Material's search box talks to (theme/main.html): a file of its own, as a
# worker script must be.
SEARCH_WORKER = "assets/search-worker.js"


def join(sources: list[tuple[str, str]], suffix: str) -> tuple[str, str]:
    """(path, text) sources as one minified file: its content-named path and its text. One part
    per source, in the listed order, each named by a comment."""
    parts = [f"/* {path} */\n{_MINIFY[suffix](text)}" for path, text in sources]
    text = (";\n" if suffix == ".js" else "\n").join(parts) + "\n"
    return f"assets/course.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min{suffix}", text


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text)


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text)


def missing(config_name: str, line: int, key: str, path: str) -> ContentError:
    return ContentError(config_name, line, f"{key} lists '{path}', which is not a file of the site; expected a file under hooks/theme/ or course/")
