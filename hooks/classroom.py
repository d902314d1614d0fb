"""The classroom kit in the site: exercise blocks, the guides' run-sheets, the day plan, the
print button, the presenter view of each module and the PDF pack.

The PDFs are built after each language's build when the environment has COURSE_PDF=1 (the
published site, CI, the tests); without it the pages do not link to them, so `mkdocs serve`
stays quick.
"""

from __future__ import annotations

import pathlib

from coursekit import glue
from coursekit.classroom import exercises, presenter, views
from coursekit.core import markers
from coursekit.languages import strings
from coursekit.outputs import exports, pack, pdf, qr


def on_config(config, **kwargs):
    glue.project(config)
    config.markdown_extensions.append(exercises.ExercisesExtension(config.theme["language"]))


def on_page_content(html, *, page, config, files):
    project, lang = glue.project(config), config.theme["language"]
    env = glue.env(config.theme)
    info = project.course.page(page.file.src_uri, lang)

    def relative(url):
        return glue.relative(url, page)

    html = markers.expand(html, "runsheet", lambda _: glue.render(env, "runsheet", lang, **views.runsheet_view(project.course, info, project.classroom)))
    html = markers.expand(html, "schedule", lambda _: glue.render(
        env, "schedule", lang, **views.schedule_view(project.course, project.classroom, lang, glue.linker(files, page))))
    html = markers.expand(html, "pdf-links", lambda _: glue.render(
        env, "pdf-links", lang, pdfs=pack.pack_links(project.course, lang, relative) if pdf.enabled() else []))
    if info is not None and info.module:
        presenter.keep(lang, info.module, info.kind, html)
    if info is None or info.kind not in ("exercises", "guide"):
        return html
    pdfs = pack.page_links(project.course, info, relative) if pdf.enabled() else []
    if info.kind == "guide":
        pdfs += exports.links(project.course, info, relative, lambda key: strings.t(key, lang))
    lesson = qr.code(config.site_url, glue.page_url(config, f"{info.module}/index.md")[0]) if info.kind == "exercises" else None
    return glue.render(env, "classroom-page", lang, content=html, kind=info.kind, module=info.module, pdfs=pdfs, qr=lesson, qr_kind="lesson")


def on_post_build(*, config):
    project, lang = glue.project(config), config.theme["language"]
    site = pathlib.Path(config.site_dir)
    env = glue.env(config.theme)
    fresh = presenter.fresh(lang)
    for module in project.course.modules:
        pages = presenter.kept(lang, module.folder)
        if pages and module.folder in fresh:
            path = site / views.SLIDES.format(folder=module.folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            # The same slides in each language, as the site's language switch links pages.
            languages = [{**alt, "href": f"../../{alt['link']}{module.folder}/slides/"} for alt in config.extra["alternate"]]
            path.write_text(glue.render(env, "presenter", lang, languages=languages,
                                        **views.presenter_view(project.course, module, lang, project.classroom, pages)), "utf-8")
    if not pdf.enabled():
        return
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
            documents=pack.documents(project.course, project.banks, lang, lambda neutral: glue.page_url(config, neutral), config.site_url),
            stylesheets=[site / path for path in [*config.extra_css, pdf.PRINT_CSS]],
            site_dir=site,
            site_url=config.site_url or site.as_uri() + "/",
        ),
        env,
        lambda key, **values: strings.t(key, lang, **values),
    )

