"""Build each course language as a site of its own: the default at the root, the others below it.

MkDocs builds the default language. When it is done, this hook builds every other language
from the same mkdocs.yml into `<site_dir>/<folder>/` (`en/`, `zh-tw/`). Each build sees only the
pages of its language, with the suffix dropped (`index.zh.md` is served as `index.md`), so links
are written once for every language, and each language gets its own search index, 404 page,
sitemap, `<html lang>` and Material UI language.
"""

from __future__ import annotations

from coursekit import glue
from coursekit.course import identity
from coursekit.languages import alternates, strings
from coursekit.quiz import views


@glue.event_priority(100)  # before Material's search plugin reads its language settings
def on_config(config, **kwargs):
    glue.name_real_files()
    langs = glue.project(config).languages
    lang = langs.get(glue.building() or langs.default.code)
    config.site_name = lang.site_name
    config.site_description = lang.site_description
    config.theme["language"] = lang.code
    for scheme in config.theme.get("palette") or []:
        target = "dark" if scheme.get("scheme") == "default" else "light"
        scheme.setdefault("toggle", {})["name"] = strings.t(f"palette.to-{target}", lang.code)
    if "toc" in config.mdx_configs and config.mdx_configs["toc"].get("permalink"):
        config.mdx_configs["toc"]["permalink_title"] = strings.t("heading.permalink", lang.code)
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.update(alternates.search_settings(lang))
    project = glue.project(config)
    # The packages edition: its sites side by side in folders of their own.
    folders = glue.prepare_packages(config, project)
    # The language switch, and the sitemap's hreflang alternates.
    config.extra["alternate"] = alternates.links(langs, lang.code, config.site_url, folders)
    # What the course's scripts need to know: where they keep progress, the quizzes that mark a module passed, and their words.
    quizzes = views.passing(project.course, project.banks, lang.code, lambda neutral: glue.page_url(config, neutral)[0])
    config.extra["coursekit"] = identity.browser_settings(project.identity, project.pass_mark, lang.code, quizzes)
    return config


def on_files(files, *, config):
    return glue.language_pages(files, config, config.theme["language"])


@glue.event_priority(-50)  # after this language's own post_build steps, which then find jieba with its dictionary
def on_post_build(*, config):
    if glue.building():
        return  # only the default language's build starts the others
    langs = glue.project(config).languages
    for lang in langs.others(langs.default.code):
        site_url = f"{config.site_url}{langs.root(lang.code)}" if config.site_url else None
        glue.build_language(config, lang.code, lang.folder, site_url)
