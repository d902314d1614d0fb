"""Less work on each build and rebuild: the theme's templates compiled once per process, and under
`mkdocs serve` a saved page shown first, the whole site built after it (coursekit/glue.py)."""

from __future__ import annotations

from coursekit import glue


def on_env(env, *, config, files):
    return glue.compiled_once(env)


def on_serve(server, *, config, builder):
    return glue.preview(server, config, builder)


def on_page_markdown(markdown, *, page, config, files):
    glue.give_way()
    return markdown


def on_post_page(output, *, page, config):
    glue.give_way()
    return output
