"""Build each course language as a site of its own: the default at the root, the others below it.

MkDocs builds the default language (zh). When it is done, this hook builds every other
language from the same mkdocs.yml into `<site_dir>/<code>/`. Each build sees only the pages
of its language, with the suffix dropped (`index.zh.md` is served as `index.md`), so links
are written once for both languages, and each language gets its own search index, 404 page,
sitemap, `<html lang>` and Material UI language.
"""

from __future__ import annotations

import logging
import os
import re

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import glue
import languages
import strings
from errors import ContentError, line_of

# The file each language-neutral page of the current build was read from, for messages.
_real_paths: dict[str, str] = {}


@event_priority(100)  # before Material's search plugin reads its language settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pages_log = logging.getLogger("mkdocs.structure.pages")
    if not any(isinstance(f, _NameTheRealFile) for f in pages_log.filters):
        pages_log.addFilter(_NameTheRealFile())
    langs = _languages(config)
    code = languages.building[-1] if languages.building else langs.default.code
    lang = langs.get(code)
    config.site_name = lang.site_name
    config.site_description = lang.site_description
    config.theme["language"] = code
    for scheme in config.theme.get("palette") or []:
        target = "dark" if scheme.get("scheme") == "default" else "light"
        scheme.setdefault("toggle", {})["name"] = strings.t(f"palette.to-{target}", code)
    search = config.plugins.get("material/search")
    if search is not None:
        for key, value in lang.search.items():
            search.config[key] = value

    # The switch links to the same page in the other language: roots relative to this site's root.
    here = langs.root(code)
    base_url = (config.site_url or "")[: len(config.site_url or "") - len(here)] if here else config.site_url
    config.extra["alternate"] = [
        {
            "name": other.name,
            "lang": other.code,
            "link": _relative_root(here, langs.root(other.code)),
            "site_url": f"{base_url or ''}{langs.root(other.code)}",
        }
        for other in langs.all
    ]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    langs = _languages(config)
    code = config.theme["language"]
    docs = os.path.relpath(config.docs_dir, _project_root(config))
    pages = [f for f in files if f.is_documentation_page()]
    if code == langs.default.code:
        glue.stop(languages.missing_counterparts([f.src_uri for f in pages], langs.codes, docs))

    kept = [f for f in files if not f.is_documentation_page()]
    _real_paths.clear()
    for source in pages:
        neutral, page_lang = languages.split(source.src_uri)
        if page_lang != code:
            continue
        page = File(neutral, config.docs_dir, config.site_dir, config.use_directory_urls)
        page.abs_src_path = source.abs_src_path
        page.edit_uri = source.src_uri
        page.inclusion = source.inclusion
        _real_paths[neutral] = os.path.join(docs, source.src_uri)
        kept.append(page)
    return Files(kept)


def on_post_build(*, config: MkDocsConfig) -> None:
    if languages.building:
        return  # only the default language's build starts the others
    langs = _languages(config)
    for lang in langs.all[1:]:
        other = load_config(
            config.config_file_path,
            site_dir=os.path.join(config.site_dir, lang.code),
            site_url=f"{config.site_url or ''}{langs.root(lang.code)}" if config.site_url else None,
            strict=config.strict,
            use_directory_urls=config.use_directory_urls,
        )
        languages.building.append(lang.code)
        try:
            build(other)
        finally:
            languages.building.pop()


# Helper functions


class _NameTheRealFile(logging.Filter):
    """MkDocs names a page by its language-neutral path ('about.md'); name the file a maintainer
    edits and the line of the link instead: 'course/about.en.md:12: ...'."""

    _DOC = re.compile(r"^Doc file '(?P<uri>[^']+)' contains (?P<what>.*?'(?P<link>[^']+)'.*)$", re.S)

    def filter(self, record: logging.LogRecord) -> bool:
        match = self._DOC.match(record.getMessage())
        path = match and _real_paths.get(match["uri"])
        if path:
            what = match["what"].rstrip(".")
            record.msg = f"{path}:{line_of(path, match['link'])}: page contains {what}; {_EXPECTED_LINK}"
            record.args = ()
        return True


_EXPECTED_LINK = "expected a link to a page or heading that exists, written without the language suffix (index.md)"


def _languages(config: MkDocsConfig) -> languages.Languages:
    try:
        return languages.from_extra(config.extra, os.path.basename(config.config_file_path))
    except ContentError as error:
        raise PluginError(str(error)) from None


def _relative_root(here: str, there: str) -> str:
    """The path from one language's root to another's, e.g. '' -> 'en/', 'en/' -> '../'."""
    up = "../" * here.count("/")
    return f"{up}{there}"


def _project_root(config: MkDocsConfig) -> str:
    return os.path.dirname(config.config_file_path)

