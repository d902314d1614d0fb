"""The classroom kit in the site: exercise blocks, the guides' run-sheets, the day plan, the
print button and the PDF pack.

The PDFs are built after each language's build when the environment has COURSE_PDF=1 (the
published site, CI, the tests); without it the pages do not link to them, so `mkdocs serve`
stays quick.
"""

from __future__ import annotations

import pathlib

from coursekit import glue
from coursekit.classroom import exercises, views
from coursekit.core import markers
from coursekit.languages import strings
from coursekit.outputs import exports, pack, pdf


def on_config(config, **kwargs):
    glue.project(config)
    config.markdown_extensions.append(exercises.ExercisesExtension(config.theme["language"]))


def on_page_content(html, *, page, config, files):
    project, lang = glue.project(config), config.theme["language"]
    env = glue.env(config.theme)
    info = project.course.page(page.file.src_uri, lang)

    def relative(url):
        return glue.relative(url, page)

    html = markers.expand(html, "runsheet", lambda _: glue.render(env, "runsheet", lang, **views.runsheet_view(info, project.classroom)))
    html = markers.expand(html, "schedule", lambda _: glue.render(
        env, "schedule", lang, **views.schedule_view(project.course, project.classroom, lang, glue.linker(files, page))))
    html = markers.expand(html, "pdf-links", lambda _: glue.render(
        env, "pdf-links", lang, pdfs=pack.pack_links(project.course, lang, relative) if pdf.enabled() else []))
    if info is None or info.kind not in ("exercises", "guide"):
        return html
    pdfs = pack.page_links(project.course, info, relative) if pdf.enabled() else []
    if info.kind == "guide":
        pdfs += exports.links(project.course, info, relative, lambda key: strings.t(key, lang))
    return glue.render(env, "classroom-page", lang, content=html, kind=info.kind, module=info.module, pdfs=pdfs)


def on_post_build(*, config):
    if not pdf.enabled():
        return
    project, lang = glue.project(config), config.theme["language"]
    site = pathlib.Path(config.site_dir)
    try:
        pdf.require_font(lang)
    except pdf.MissingFont as error:
        raise glue.PluginError(str(error)) from None
    pdf.build(
        pdf.Pack(
            lang=lang,
            title=f"{config.site_name} · {strings.t('pdf.pack', lang)}",
            out=site / pdf.FOLDER,
            name=pdf.pack_name(lang),
            documents=pack.documents(project.course, project.banks, lang, lambda neutral: glue.page_url(config, neutral)),
            stylesheets=[site / path for path in [*config.extra_css, pdf.PRINT_CSS]],
            site_dir=site,
            site_url=config.site_url or site.as_uri() + "/",
        ),
        glue.env(config.theme),
        lambda key, **values: strings.t(key, lang, **values),
    )

