"""The presenter view of a module: slides for the projector made from the module's own pages, in
the order of its run-sheet, each with speaker notes from the guide.

- The lesson gives a title slide (the objectives), one slide per `##` section and the key points
  (the section before the quiz). A section shows what its `slide` blocks mark, one slide each;
  without them, its `###` headings, or else the first sentence of its first paragraphs.
- The exercise sheet gives one slide per exercise: its situation and questions, without the
  answer spaces; a role-play lists its roles.
- The guide gives the notes: for each run-sheet activity, the `###` section of the guide whose
  heading begins with the activity's name, with the activity's clock time and minutes.

Slides go to activities in run-sheet order: the lesson's to the `teach` activities in proportion
to their minutes, each exercise to the activity from the previous exercise's on whose name shares
the most words with the exercise and its section (or else the first of the kind it is run as).
An activity left without a slide gets a slide of its own.
"""

from __future__ import annotations

import functools
import html as _html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from coursekit.classroom import runsheet

# How each kind of exercise is run, by the run-sheet's kinds, for exercises whose name matches no activity.
RUN_AS = {"scenario": ("exercise",), "game": ("exercise", "role-play"), "roleplay": ("role-play",),
          "reflection": ("debrief", "exercise")}


@dataclass
class Slide:
    kind: str  # title, section, key-points, exercise or activity
    title: str
    body: str  # HTML
    activity: int  # the run-sheet row it belongs to


@dataclass(frozen=True)
class Activity:
    row: runsheet.Row
    end: str  # HH:MM
    notes: str  # HTML from the guide


def keep(lang: str, folder: str, kind: str, html: str) -> None:
    """Keep a module page's rendered HTML for its presenter view, written when the build ends."""
    _kept[(lang, folder, kind)] = html
    _fresh.add((lang, folder))


def kept(lang: str, folder: str) -> dict[str, str] | None:
    """The lesson, sheet and guide HTML of a module kept by this build, or None if one is missing."""
    pages = {kind: _kept.get((lang, folder, kind)) for kind in ("lesson", "exercises", "guide")}
    return pages if all(pages.values()) else None


def fresh(lang: str) -> set[str]:
    """The modules of `lang` with a page kept since the last call: the presenter views to write.
    A preview under `mkdocs serve` builds the saved page only, and the other views are as they were."""
    found = {folder for code, folder in _fresh if code == lang}
    _fresh.difference_update((lang, folder) for folder in found)
    return found


def deck(lesson: str, sheet: str, guide: str, rows: list[runsheet.Row], objectives: str) -> tuple[list[Slide], list[Activity]]:
    """The slides of a module in run-sheet order, and its activities with their notes, from the
    rendered HTML of its lesson, exercise sheet and guide. `objectives` is the title slide's body."""
    # The slides page sits below the module's folder: links go from where the pages are.
    lesson, sheet, guide = _rebase(lesson, "../"), _rebase(sheet, "../exercises/"), _rebase(guide, "../guide/")
    title = _text(next((e.html for e in _elements(lesson) if e.tag == "h1"), ""))
    taught = _lesson_slides(lesson)
    exercises = _exercise_slides(sheet)
    slides = [Slide("title", title, objectives, 0)]
    teach = [i for i, row in enumerate(rows) if row.kind == "teach"] or [0]
    slides += _share(taught, teach, rows)
    slides += _match(exercises, rows, max(s.activity for s in slides))
    covered = {s.activity for s in slides}
    slides += [Slide("activity", row.activity, "", i) for i, row in enumerate(rows) if i not in covered]
    slides.sort(key=lambda s: s.activity)  # stable: each activity's slides keep their order
    notes = _notes(guide)
    activities = [Activity(row, runsheet.end_of([row]), next((html for heading, html in notes if heading.startswith(_words_of(row.activity))), ""))
                  for row in rows]
    return slides, activities


# Helper functions

_kept: dict[tuple[str, str, str], str] = {}
_fresh: set[tuple[str, str]] = set()


@dataclass
class _Element:
    tag: str
    attrs: dict
    html: str  # the element's outer HTML
    children: tuple[_Element, ...] = ()  # the elements inside it, read in the same pass

    @property
    def inner(self) -> str:
        return self.html[self.html.index(">") + 1:self.html.rindex("</")] if self.html.endswith(">") and "</" in self.html else ""

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _Tree(HTMLParser):
    """The elements of an HTML fragment, each with its outer HTML and the elements inside it, in
    one pass (text between elements is dropped)."""

    _VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.found = text, []
        self._open: list[tuple[str, dict, int, list[_Element]]] = []  # tag, attributes, start, children so far
        self._offsets = [0]
        for line in text.split("\n"):
            self._offsets.append(self._offsets[-1] + len(line) + 1)
        self.feed(text)
        self.close()

    def _here(self) -> int:
        line, column = self.getpos()
        return self._offsets[line - 1] + column

    def _add(self, element: _Element) -> None:
        (self._open[-1][3] if self._open else self.found).append(element)

    def _tag_end(self) -> int:
        return self.text.index(">", self._here()) + 1

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            self._add(_Element(tag, dict(attrs), self.text[self._here():self._tag_end()]))
        else:
            self._open.append((tag, dict(attrs), self._here(), []))

    def handle_startendtag(self, tag, attrs):
        self._add(_Element(tag, dict(attrs), self.text[self._here():self._tag_end()]))

    def handle_comment(self, data):  # a marker: <!-- md:quiz ... -->
        self._add(_Element("!--", {}, f"<!--{data}-->"))

    def handle_endtag(self, tag):
        if tag in self._VOID or not self._open:
            return
        name, attrs, start, children = self._open.pop()
        self._add(_Element(name, attrs, self.text[start:self._tag_end()], tuple(children)))


@functools.lru_cache(maxsize=64)  # the lesson is looked into for its title and for its sections
def _elements(html: str) -> tuple[_Element, ...]:
    """The top-level elements of an HTML fragment."""
    return tuple(_Tree(html).found)


_RELATIVE = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|[#/])([^"]*)"')


def _rebase(html: str, prefix: str) -> str:
    return _RELATIVE.sub(lambda m: f'{m[1]}="{prefix}{m[2]}"', html)


def _text(html: str) -> str:
    """The text of an HTML fragment, without a heading's permalink."""
    html = re.sub(r'<a class="headerlink".*?</a>', "", html, flags=re.S)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", "", html))).strip()


def _sections(html: str, tag: str) -> list[tuple[str, list[_Element]]]:
    """The fragment cut at each `tag` heading: (heading text, the elements below it)."""
    sections: list[tuple[str, list[_Element]]] = []
    for element in _elements(html):
        if element.tag == tag:
            sections.append((_text(element.html), []))
        elif sections:
            sections[-1][1].append(element)
    return sections


def _lesson_slides(html: str) -> list[Slide]:
    sections = _sections(html, "h2")
    # The quiz and the sources sections end the lesson; the section just before them holds its key points.
    end = next((i for i, (_, body) in enumerate(sections) if any("md:quiz" in e.html or "md:sources" in e.html for e in body)), len(sections))
    slides = []
    for number, (title, body) in enumerate(sections[:end]):
        if number == end - 1 and any(e.tag == "ul" for e in body):
            slides.append(Slide("key-points", title, "".join(e.html for e in body if e.tag == "ul"), 0))
            continue
        marked = [e for e in body if "course-slide" in e.classes]
        if marked:
            slides += [Slide("section", e.attrs.get("data-title") or title, e.inner, 0) for e in marked]
        else:
            slides.append(Slide("section", title, _default_body(body), 0))
    return slides


def _default_body(body: list[_Element]) -> str:
    """A section's slide without marks: its `###` headings, or the first sentence of its first paragraphs."""
    headings = [_text(e.html) for e in body if e.tag == "h3"]
    points = headings or [_first_sentence(_text(e.html)) for e in body if e.tag == "p"][:3]
    return "<ul>" + "".join(f"<li>{_html.escape(point)}</li>" for point in points if point) + "</ul>"


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?。！？])(?:\s|$|(?<=[。！？]))", text)
    return match[1] if match else text


def _exercise_slides(html: str) -> list[tuple[Slide, str, str]]:
    """One slide per exercise of the sheet, with its kind and the words to match it to an activity by."""
    slides = []
    part = ""
    for element in _elements(html):
        if element.tag == "h2":
            part = _text(element.html)
        if element.tag != "section" or "course-block" not in element.classes:
            continue
        kind = element.classes[1].removeprefix("course-")
        inside = element.children
        if kind == "roleplay":
            roles = [_heading(card) for card in inside if card.tag == "section"]
            body = "<ul>" + "".join(f"<li>{_html.escape(role)}</li>" for role in roles) + "</ul>"
        else:
            body = "".join(_without_answers(e) for e in inside if e.tag != "header")
        heading = _heading(element)
        slides.append((Slide("exercise", heading, body, 0), kind, f"{part} {heading}"))
    return slides


def _heading(block: _Element) -> str:
    """The title in a block's or a role card's header (every one has one), without its kind's label."""
    header = next((e for e in block.children if e.tag == "header"), None)
    return next((_text(h.html) for h in header.children if re.fullmatch(r"h\d", h.tag)), "") if header else ""


def _without_answers(element: _Element) -> str:
    if "course-answer" in element.classes:
        return ""
    if "course-question" in element.classes:
        return "".join(_without_answers(e) for e in element.children)
    return element.html


def _share(slides: list[Slide], teach: list[int], rows: list[runsheet.Row]) -> list[Slide]:
    """The lesson's slides over the teaching activities, in order, in proportion to their minutes."""
    total = sum(rows[i].minutes for i in teach) if rows else 1
    done, result = 0, []
    for index, slide in enumerate(slides):
        at = (index + 0.5) / len(slides) * total
        while done < len(teach) - 1 and at >= sum(rows[i].minutes for i in teach[:done + 1]):
            done += 1
        slide.activity = teach[done]
        result.append(slide)
    return result


def _match(exercises: list[tuple[Slide, str, str]], rows: list[runsheet.Row], after: int) -> list[Slide]:
    current, result = after, []
    for slide, kind, words in exercises:
        later = [i for i, row in enumerate(rows) if i >= current and row.kind != "teach"] or [current]
        scores = {i: len(_words(words) & _words(rows[i].activity)) for i in later}
        best = max(later, key=lambda i: (scores[i], -i))
        if scores[best] == 0:
            best = next((i for i in later if rows[i].kind in RUN_AS.get(kind, ())), later[0])
        slide.activity = current = best
        result.append(slide)
    return result


def _words(text: str) -> set[str]:
    """Words of three letters or more, and pairs of Chinese or Japanese characters."""
    text = text.lower()
    latin = set(re.findall(r"[a-z]{3,}", text))
    cjk = re.findall(r"[\u3040-\u9fff]+", text)
    return latin | {run[i:i + 2] for run in cjk for i in range(len(run) - 1)}


def _words_of(activity: str) -> str:
    return _text(_html.escape(activity))


def _notes(html: str) -> list[tuple[str, str]]:
    """Every `###` section of the guide: (heading text, its HTML up to the next heading)."""
    notes, current = [], None
    for element in _elements(html):
        if element.tag == "h3":
            current = [_text(element.html), ""]
            notes.append(current)
        elif element.tag == "h2":
            current = None
        elif current is not None:
            current[1] += element.html
    return [(heading, body) for heading, body in notes]
