"""The course's stylesheets and scripts served minified, joined into one content-named file each
(coursekit/outputs/assets.py); the print stylesheet and the search worker minified in place."""

from __future__ import annotations

import os

from coursekit import glue
from coursekit.core.errors import line_of
from coursekit.outputs import assets, pdf


@glue.event_priority(-100)  # after every hook that adds files, so all sources are there
def on_files(files, *, config):
    name = os.path.basename(config.config_file_path)
    lists = {key: [str(path) for path in config[key]] for key in assets.LISTS}
    glue.stop([assets.missing(name, line_of(config.config_file_path, path), key, path)
               for key, paths in lists.items() for path in paths if files.get_file_from_path(path) is None])
    for key, paths in lists.items():
        if not paths:
            continue
        sources = [files.get_file_from_path(path) for path in paths]
        joined, text = assets.join([(path, source.content_string) for path, source in zip(paths, sources)], assets.LISTS[key])
        for source in sources:
            files.remove(source)
        files.append(glue.generated(config, joined, text))
        config[key] = [joined]
    for path, minify in ((pdf.PRINT_CSS, assets.minify_css), (assets.SEARCH_WORKER, assets.minify_js)):
        source = files.get_file_from_path(path)
        if source is not None:
            files.remove(source)
            files.append(glue.generated(config, path, minify(source.content_string)))
    return files
