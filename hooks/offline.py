"""Nothing from a third-party host: Material's bundle loads its optional scripts from the site
itself (coursekit/outputs/offline.py), for offline classrooms and mainland China."""

from __future__ import annotations

import pathlib

from coursekit import glue
from coursekit.outputs import offline


def on_post_build(*, config):
    try:
        offline.localise(pathlib.Path(config.site_dir))
    except offline.ThirdPartyLeft as error:
        raise glue.PluginError(str(error)) from None
