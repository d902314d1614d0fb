"""The course's own stylesheets and scripts as browsers get them: minified, the screen
stylesheets joined into one file and the scripts into another, each named by its content
(`assets/course.1a2b3c4d.min.css`), so a browser never runs a new page with an old script.

mkdocs.yml lists the sources in `extra_css` and `extra_javascript` (hooks/theme/assets/); they
stay separate there, one file per part of the course. The print stylesheet stays a file of its
own (linked for print only, and used by the PDF pack), minified in place. rcssmin and rjsmin do
the minifying.
"""

from __future__ import annotations

import hashlib

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# Minified in place, not joined: linked with media="print" (main.html) and used by the PDF pack.
PRINT_CSS = "assets/print.css"


@event_priority(-100)  # after every hook that adds files, so all sources are there
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    config.extra_css = [_join(files, config, [str(s) for s in config.extra_css], "css", rcssmin.cssmin)]
    config.extra_javascript = [_join(files, config, [str(s) for s in config.extra_javascript], "js", rjsmin.jsmin)]
    source = _source(files, PRINT_CSS)
    files.remove(source)
    files.append(File.generated(config, PRINT_CSS, content=rcssmin.cssmin(_read(source))))
    return files


# Helper functions


def _join(files: Files, config: MkDocsConfig, sources: list[str], kind: str, minify) -> str:
    parts = []
    for path in sources:
        source = _source(files, path)
        # One file per source in the bundle, in the listed order; a comment names each.
        parts.append(f"/* {path} */\n{minify(_read(source))}")
        files.remove(source)
    text = (";\n" if kind == "js" else "\n").join(parts) + "\n"
    name = f"assets/course.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.{kind}"
    files.append(File.generated(config, name, content=text))
    return name


def _source(files: Files, path: str) -> File:
    source = files.get_file_from_path(path)
    if source is None:
        raise PluginError(f"mkdocs.yml: '{path}' is not a file of the site; expected a path under hooks/theme/ or course/")
    return source


def _read(file: File) -> str:
    return file.content_string
