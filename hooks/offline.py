"""Nothing from a third-party host: Material's bundle loads its optional scripts from the site
itself (coursekit/outputs/offline.py), for offline classrooms and mainland China. In the packages
edition, the site is then zipped as offline bundles and SCORM packages (coursekit/outputs/bundle.py, scorm.py)."""

from __future__ import annotations

import pathlib

from coursekit import glue
from coursekit.outputs import offline


@glue.event_priority(-200)  # after Material's offline plugin has written the search index as a script
def on_post_build(*, config):
    try:
        offline.localise(pathlib.Path(config.site_dir))
    except offline.ThirdPartyLeft as error:
        raise glue.PluginError(str(error)) from None
    glue.write_packages(config)
