"""Quality gates in the build: two builds of one commit are byte-identical.

(Translation parity and every other content check run when the project is read, before any page
is written: coursekit/project.py.)
"""

from __future__ import annotations

import pathlib

from coursekit.outputs import sitemap


def on_post_build(*, config):
    sitemap.recompress(pathlib.Path(config.site_dir))
