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
import os

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import glue
import pdfpack
from errors import ContentError, line_of


@event_priority(-100)  # after every hook that adds files, so all sources are there
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    lists = {"extra_css": (".css", rcssmin.cssmin), "extra_javascript": (".js", rjsmin.jsmin)}
    sources = {key: [str(s) for s in config[key]] for key in lists}
    glue.stop([_missing(config, key, path) for key, paths in sources.items() for path in paths
               if files.get_file_from_path(path) is None])
    for key, (suffix, minify) in lists.items():
        if sources[key]:
            config[key] = [_join(files, config, sources[key], suffix, minify)]
    printed = files.get_file_from_path(pdfpack.PRINT_CSS)
    if printed is not None:
        files.remove(printed)
        files.append(File.generated(config, pdfpack.PRINT_CSS, content=rcssmin.cssmin(printed.content_string)))
    return files


# Helper functions


def _join(files: Files, config: MkDocsConfig, paths: list[str], suffix: str, minify) -> str:
    parts = []
    for path in paths:
        source = files.get_file_from_path(path)
        # One part per source, in the listed order, each named by a comment.
        parts.append(f"/* {path} */\n{minify(source.content_string)}")
        files.remove(source)
    text = (";\n" if suffix == ".js" else "\n").join(parts) + "\n"
    name = f"assets/course.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min{suffix}"
    files.append(File.generated(config, name, content=text))
    return name


def _missing(config: MkDocsConfig, key: str, path: str) -> ContentError:
    return ContentError(os.path.basename(config.config_file_path), line_of(config.config_file_path, path),
                        f"{key} lists '{path}', which is not a file of the site; expected a file under hooks/theme/ or course/")
