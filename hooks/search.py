"""Search for learners: instructors' pages (facilitator guides with their model answers, the
instructors' section) stay out of the index, and the index is served in small pieces to the
course's search worker behind Material's search box (coursekit/outputs/searchindex.py)."""

from __future__ import annotations

import json
import pathlib

from coursekit import glue
from coursekit.course import edition, frontmatter, nav
from coursekit.languages import search
from coursekit.outputs import assets, searchindex

# Pages that gather every term or source of the course: below the lesson about it.
_GATHERING = {"glossary.md": 0.5, "sources.md": 0.5}


def on_config(config, **kwargs):
    # Material's search box talks to the course's worker (theme/main.html) only with this hook on.
    config.extra["search_worker"] = assets.SEARCH_WORKER


def on_page_markdown(markdown, *, page, config, files):
    # Material's own switches, in the page's front matter as Material reads them. The page's path
    # says what it is (this runs for every page: no reading of the project).
    neutral = page.file.src_uri
    if frontmatter.kind_of(neutral)[0] == "guide" or neutral in nav.INSTRUCTORS:
        page.meta["search"] = {"exclude": True}
    elif neutral in _GATHERING:
        page.meta["search"] = {"boost": _GATHERING[neutral]}
    return markdown


def on_post_build(*, config):
    site = pathlib.Path(config.site_dir)
    written = site / searchindex.INDEX
    if not written.exists():
        return  # the search plugin is off
    project = glue.project(config)
    subwords = search.subwords(project.languages.get(config.theme["language"]))
    # The packages are read from file:// too, where the worker can fetch nothing: the pieces go inside the settings.
    inline = edition.current() == "packages"
    for path, text in searchindex.split(json.loads(written.read_text("utf-8")), subwords, inline).items():
        (site / path).write_text(text, "utf-8")
