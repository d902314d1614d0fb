"""The course's structure: checked front matter, the navigation, lesson objectives, course map and sources.

MkDocs glue only; the rules live in modules.py, frontmatter.py and bibliography.py.
"""

from __future__ import annotations

import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import jieba

import bibliography
import glue
import glossary
import markers
import modules
import strings
from errors import ContentError

_course: modules.Course
_sources: dict[str, bibliography.Source]
_terms: list[glossary.Term]


def on_config(config: MkDocsConfig) -> None:
    global _course, _sources, _terms
    root = pathlib.Path(config.config_file_path).parent
    docs = pathlib.Path(config.docs_dir)
    codes = tuple(config.extra["languages"])
    _course, errors = modules.shared(docs, root, codes)
    _sources, source_errors = bibliography.load(
        docs / "_data" / "sources.yml", (docs / "_data" / "sources.yml").relative_to(root).as_posix(), codes
    )
    errors += source_errors
    _terms, term_errors = glossary.load([docs / "_data" / "terms.yml", *sorted(docs.glob("[0-9][0-9]-*/terms.yml"))], root, codes)
    errors += term_errors
    errors += [
        ContentError(page.path, m.line, f"unknown source '{arg}'; expected an id from course/_data/sources.yml")
        for page in _course.pages
        for m in page.markers
        if m.name == "sources"
        for arg in m.args
        if arg not in _sources
    ]
    glue.stop(errors)
    config.nav = modules.nav(_course, config.theme["language"])
    # Material's search segments Chinese with jieba: keep the course's terms whole (共情, 委屈奖).
    for term in _terms:
        jieba.add_word(term.names["zh"])


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    info = _course.page(page.file.src_uri, config.theme["language"])
    page.meta["description"] = info.meta["summary"]
    if not info.module:
        return markdown
    # The nav names module pages briefly ("Exercise sheet"); the page itself carries its full title.
    heading = f"# {info.meta['title']}\n\n"
    if info.kind == "exercises":
        return heading + markdown
    # A lesson and its guide open with the module's objectives, written once in the lesson.
    lesson = _course.module(info.module).lesson(info.lang)
    items = "\n".join(f"    - {objective}" for objective in lesson.meta["objectives"])
    return f'{heading}!!! objectives "{strings.t("lesson.objectives", info.lang)}"\n\n{items}\n\n{markdown}'


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = config.theme["language"]
    env = glue.env(config.theme)
    html = markers.expand(html, "sources", lambda ids: glue.render(env, "sources", lang, sources=[_sources[i].html(lang) for i in ids]))
    html = markers.expand(
        html, "bibliography", lambda _: glue.render(env, "sources", lang, sources=[s.html(lang) for s in _sources.values()])
    )
    html = markers.expand(html, "course-map", lambda _: glue.render(env, "course-map", lang, **_course_map(lang, page, files)))
    other = next(code for code in config.extra["languages"] if code != lang)
    html = markers.expand(html, "glossary", lambda _: glue.render(env, "glossary", lang, terms=glossary.entries(_terms, lang, other)))
    if _course.page(page.file.src_uri, lang).kind == "lesson":
        html = glossary.add_tooltips(html, _terms, lang)
    return html


# Helper functions


def _course_map(lang: str, page: Page, files: Files) -> dict:
    def link(path: str) -> str:
        return get_relative_url(files.get_file_from_path(path).url, page.url)

    rows = [
        {"number": m.number, "url": link(f"{m.folder}/index.md"), "exercises": link(f"{m.folder}/exercises.md"),
         "meta": m.lesson(lang).meta}
        for m in _course.modules
    ]
    minutes = sum(row["meta"]["duration"] for row in rows)
    return {"rows": rows, "count": len(rows), "hours": round(minutes / 60, 1)}

