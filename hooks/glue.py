"""What every hook shares with MkDocs: stopping the build on content errors, and rendering a
theme partial in the page's language."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme

import strings
from errors import ContentError, ContentErrors, raise_all


def stop(errors: list[ContentError]) -> None:
    """Stop the build with every content error as a `path:line: ...` line, and no traceback."""
    try:
        raise_all(errors)
    except ContentErrors as error:
        raise PluginError(str(error)) from None


def render(env: Environment, name: str, lang: str, **context) -> str:
    """The theme partial `partials/<name>.html`, with `t(key)` giving interface text in `lang`."""
    return env.get_template(f"partials/{name}.html").render(t=lambda key, **v: strings.t(key, lang, **v), **context)


def env(theme: Theme) -> Environment:
    """The theme's Jinja environment, made once per build: MkDocs' `get_env()` makes a new one,
    which compiles every template again, on each call."""
    if _envs.get(id(theme), (None,))[0] is not theme:
        if len(_envs) >= 4:  # older builds (each language's build has a theme of its own)
            _envs.clear()
        _envs[id(theme)] = (theme, theme.get_env())
    return _envs[id(theme)][1]


_envs: dict[int, tuple[Theme, Environment]] = {}
