"""Every classroom-kit mistake in a course: run-sheets, exercise blocks, and markers placed in
pages where they do not belong."""

from __future__ import annotations

from coursekit.classroom import exercises, runsheet
from coursekit.core.errors import ContentError
from coursekit.course import model

# Markers the classroom kit renders, and the page kinds they may appear in (None: any page).
MARKERS = {"runsheet": ("guide",), "schedule": None, "pdf-links": None}


def check(course: model.Course, default: str) -> list[ContentError]:
    errors = runsheet.check(course, default)
    for page in course.pages:
        errors += exercises.check(page.visible, page.path, page.kind)
        errors += _marker_errors(page)
    return errors


# Helper functions


def _marker_errors(page: model.Page) -> list[ContentError]:
    errors = []
    for marker in (m for m in page.markers if m.name in MARKERS):
        kinds = MARKERS[marker.name]
        if kinds and page.kind not in kinds:
            errors.append(ContentError(page.path, marker.line, f"'md:{marker.name}' is not allowed here; expected it only in a {' or '.join(kinds)} page"))
    return errors
