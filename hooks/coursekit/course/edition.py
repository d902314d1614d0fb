"""Which edition of the course a build makes, set by COURSE_EDITION in the environment:

- `full` (the default): every page, the instructors' section with it;
- `learner`: the site without the instructors' pages (the facilitator guides with their model
  answers and answer keys, `instructors/`), their PDFs and the quiz exports, to publish where
  learners read;
- `packages`: the learner edition made to work without a web server (pages as `.html` files, the
  search index as a script), which coursekit/outputs/packages.py zips as SCORM 1.2 packages and
  offline bundles.
"""

from __future__ import annotations

import os

from coursekit.course import frontmatter

EDITIONS = ("full", "learner", "packages")
VARIABLE = "COURSE_EDITION"


class UnknownEdition(Exception):
    pass


def current() -> str:
    value = os.environ.get(VARIABLE) or "full"
    if value not in EDITIONS:
        raise UnknownEdition(f"{VARIABLE}={value!r} is not an edition of the course; expected one of {', '.join(EDITIONS)} (or unset, for full)")
    return value


def for_learners() -> bool:
    """Whether this build leaves out what only instructors see."""
    return current() != "full"


def instructors_only(neutral: str) -> bool:
    """A page only the full edition has: a facilitator guide, or a page of the instructors' section."""
    return frontmatter.kind_of(neutral)[0] == "guide" or neutral.startswith("instructors/")
