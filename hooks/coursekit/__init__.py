"""coursekit: the engine that makes a training-course site of a course project.

Packages by concern, each importing only those listed before it (tests/test_engine_layout.py):

    core/        reading helpers: content errors, YAML with lines, markers, inline Markdown
    languages/   the course's languages, which file is in which, interface text per language
    course/      the course model read from the docs dir: pages, modules, front matter,
                 navigation, sources, glossary
    classroom/   exercise blocks, run-sheets and the day plan
    quiz/        quiz banks: loading, checking, rendering
    quality/     checks across the course: translation parity, stale translations
    outputs/     what is made beside the pages: PDFs, joined assets, the offline rewrite
    project.py   one reading of a whole course project, shared by every hook
    scaffold/    new-course and new-module
    cli.py       `python -m hooks ...`
    glue.py      the only module that knows MkDocs (or ProperDocs)
"""

from pathlib import Path

__version__ = "1.0.0"

# The theme override (templates, CSS, JavaScript) the engine renders with; Material's custom_dir.
THEME = Path(__file__).resolve().parent.parent / "theme"
