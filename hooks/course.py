"""The course's structure in the site: the navigation, each module page's title and objectives,
the course map, glossary and sources, and glossary tooltips in lessons."""

from __future__ import annotations

from coursekit import glue
from coursekit.core import markers
from coursekit.course import nav, views
from coursekit.languages import search


def on_config(config, **kwargs):
    project = glue.project(config)
    config.nav = nav.nav(project.course, config.theme["language"])
    lang = config.theme["language"]
    search.prepare(project.terms, project.languages.get(lang), project.converters.get(lang))


def on_page_markdown(markdown, *, page, config, files):
    info = glue.project(config).course.page(page.file.src_uri, config.theme["language"])
    page.meta["description"] = info.meta["summary"]
    if not info.module:
        return markdown
    return views.heading(glue.project(config).course, info) + markdown


def on_page_content(html, *, page, config, files):
    project, lang = glue.project(config), config.theme["language"]
    if project.course.page(page.file.src_uri, lang).kind == "lesson":
        # Before the markers bring in their lists: a source's note is not the lesson's text.
        html = views.tooltips(html, project.terms, project.languages.get(lang))
    env = glue.env(config.theme)
    sources = project.sources

    def listed(ids):
        return glue.render(env, "sources", lang, sources=[sources[i].html(lang) for i in ids])

    html = markers.expand(html, "sources", listed)
    html = markers.expand(html, "bibliography", lambda _: listed(list(sources)))
    html = markers.expand(html, "course-map", lambda _: glue.render(
        env, "course-map", lang, **views.course_map(project.course, lang, glue.linker(files, page))))
    html = markers.expand(html, "glossary", lambda _: glue.render(
        env, "glossary", lang, **views.glossary_entries(project.terms, lang, project.languages.alongside(lang))))
    return html


def on_template_context(context, *, template_name, config):
    if template_name != "404.html":
        return context
    project, lang = glue.project(config), config.theme["language"]
    others = {alt["lang"]: alt["link"] for alt in config.extra.get("alternate") or []}
    context["notfound"] = views.not_found(project.course, lang, context["base_url"], others or {lang: ""})
    return context
