"""Print-grade layout of the classroom pack, read from the PDFs themselves (pdfplumber's text
positions, fonts and drawn shapes): no page ends on a heading or a bare label, every question
is on the page of its answer space, a block is split only when it is longer than a page, no page
is more than half empty unless what follows starts a page by design, and the pack's contents page
gives the page numbers its footers show."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from test_classroom import COURSE
from test_pdf import LANGS, built, kinds, normal, pdf

from coursekit.outputs import pdf as pdfpack

# A4 in points, and the page margins of print.css (16 mm above, 18 mm below).
TOP, BOTTOM = 16 / 25.4 * 72, 841.89 - 18 / 25.4 * 72
HEIGHT = BOTTOM - TOP
ANSWER_GREY = (0.466667, 0.466667, 0.466667)  # the ruled answer lines (.6pt #777)
CARD_EDGE = (0.2, 0.2, 0.2)  # the dashed cutting line around a role card (#333)
EPSILON = 2.5


@dataclass
class Line:
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    colour: tuple

    @property
    def heading(self) -> bool:
        """Set as a heading (h1-h4: bold, 10.5 pt and up) or as a block's kind label (bold, small, in its tint)."""
        grey = len(set(self.colour)) == 1
        return self.bold and (self.size >= 10.4 or (self.size <= 8.5 and not grey))


@dataclass
class Box:
    """A block as drawn on one page: the outline of its coloured rule or cutting line."""

    top: float
    bottom: float
    colour: tuple


@dataclass
class Sheet:
    lines: list[Line] = field(default_factory=list)  # between the running head and the footer
    rules: list[float] = field(default_factory=list)  # where each ruled answer line is drawn
    boxes: list[Box] = field(default_factory=list)
    ink: float = TOP  # the lowest mark on the page's content area
    footer: list[tuple[float, str]] = field(default_factory=list)  # (x, text) below the content area

    @property
    def text(self) -> str:
        return normal("".join(line.text for line in self.lines))


@cache
def pages(path: Path) -> tuple[Sheet, ...]:
    result = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            sheet = Sheet()
            for line in page.extract_text_lines(return_chars=True):
                chars = [c for c in line["chars"] if c["text"].strip()]
                if not chars:
                    continue
                if line["top"] >= BOTTOM:
                    sheet.footer.append((line["x0"], line["text"]))
                    continue
                if line["bottom"] <= TOP:
                    continue  # the running head
                sheet.lines.append(Line(line["top"], line["bottom"], line["text"], max(c["size"] for c in chars),
                                        all("Bold" in c["fontname"] for c in chars), tuple(chars[0]["non_stroking_color"] or (0,))))
            # each ruled line is drawn as two shapes with the same top
            rules = {round(r["top"], 1) for r in page.rects if tuple(r["non_stroking_color"] or ()) == ANSWER_GREY and r["width"] > 200}
            sheet.rules = sorted(rules)
            seen = set()
            for curve in page.curves:
                if curve["width"] < 400 or curve["height"] < 8:
                    continue
                key = (round(curve["top"]), round(curve["bottom"]))
                if key not in seen:
                    seen.add(key)
                    sheet.boxes.append(Box(curve["top"], curve["bottom"], tuple(curve["non_stroking_color"] or ())))
            marks = [line.bottom for line in sheet.lines] + sheet.rules + [box.bottom for box in sheet.boxes]
            sheet.ink = max([m for m in marks if m < BOTTOM + EPSILON] or [TOP])
            result.append(sheet)
    return tuple(result)


def documents() -> list[tuple[str, str, str]]:
    """(language, module folder, kind) of every PDF of a document of its own."""
    return [(lang, m.folder, kind) for lang in LANGS for m in COURSE.modules for kind in kinds(m)]


def path_of(site: Path, lang: str, folder: str, kind: str) -> Path:
    return pdf(site, lang, pdfpack.file_name(folder, kind, lang))


def by_design(site: Path, lang: str, folder: str) -> set[str]:
    """The headings (as `normal` text) that start a page on purpose: those introducing role cards."""
    sheet = built(site, lang, f"{folder}/exercises").read_text("utf-8")
    found = re.findall(r'<h2 [^>]*class="[^"]*course-cards-start[^"]*"[^>]*>(.*?)<a class="headerlink"', sheet, re.S)
    return {normal(html.unescape(re.sub(r"<[^>]+>", "", h))) for h in found}


def starts_by_design(sheet: Sheet, headings: set[str]) -> bool:
    return bool(sheet.lines) and normal(sheet.lines[0].text) in headings


def holds_cards(sheet: Sheet) -> bool:
    """A page of role cards: each role-play ends its page, so the cards can be cut and handed out."""
    return any(box.colour == CARD_EDGE for box in sheet.boxes)


@pytest.mark.parametrize("lang, folder, kind", documents())
def test_no_page_ends_on_a_heading_or_a_bare_label(site_dir, lang, folder, kind):
    sheets = pages(path_of(site_dir, lang, folder, kind))
    for number, sheet in enumerate(sheets[:-1], 1):
        last = sheet.lines[-1] if sheet.lines else None
        if last and sheet.rules and sheet.rules[-1] > last.bottom:
            continue  # the page ends on answer lines
        assert last is None or not last.heading, f"{folder} {kind} ({lang}) page {number} ends on {last.text!r}"


@pytest.mark.parametrize("lang, folder", [(lang, m.folder) for lang in LANGS for m in COURSE.modules])
def test_every_answer_space_is_whole_and_on_the_page_of_its_question(site_dir, lang, folder):
    """The ruled lines of each answer space, in order, as the sheet has them: a space split over
    two pages would show as two; and above the first line of each, on its page, its question."""
    sheet_html = built(site_dir, lang, f"{folder}/exercises").read_text("utf-8")
    expected = [len(re.findall(r'class="course-answer__line"', space))
                for space in re.findall(r'class="course-answer__lines">(.*?)</div>\s*<div [^>]*class="course-answer__typed"', sheet_html, re.S)]
    assert expected and all(expected)
    groups = []  # (page index, first rule, count)
    for index, sheet in enumerate(pages(path_of(site_dir, lang, folder, "exercises"))):
        previous = None
        for rule in sheet.rules:
            if previous is not None and abs(rule - previous - 22.6) < EPSILON:
                groups[-1][2] += 1
            else:
                groups.append([index, rule, 1])
            previous = rule
    assert [g[2] for g in groups] == expected, f"{folder} ({lang}): answer spaces as printed {[g[2] for g in groups]}, as written {expected}"
    sheets = pages(path_of(site_dir, lang, folder, "exercises"))
    for number, (index, first, _) in enumerate(groups, 1):
        before = [g for g in groups if g[0] == index and g[1] < first]
        floor = before[-1][1] + before[-1][2] * 22.6 if before else TOP  # below the space before it
        question = [line for line in sheets[index].lines if floor < line.bottom < first + EPSILON]
        assert question, f"{folder} ({lang}): answer space {number} starts page {index + 1} without its question"


@pytest.mark.parametrize("lang, folder, kind", documents())
def test_a_block_is_split_only_when_it_is_long(site_dir, lang, folder, kind):
    """A role card or a block of less than half a page is never split: kept whole, it cannot leave
    more than half a page empty. A longer block may run on to the next page, between its parts
    (the other tests keep its header, each question and each answer space whole)."""
    sheets = pages(path_of(site_dir, lang, folder, kind))
    for index, (sheet, following) in enumerate(zip(sheets, sheets[1:]), 1):
        for box in (b for b in sheet.boxes if b.bottom >= BOTTOM - EPSILON):
            rest = next((b for b in following.boxes if b.top <= TOP + EPSILON and b.colour == box.colour), None)
            if rest is None:
                continue
            height = (box.bottom - box.top) + (rest.bottom - rest.top)
            assert box.colour != CARD_EDGE, f"{folder} {kind} ({lang}): a role card is split after page {index}"
            assert height >= HEIGHT / 2, f"{folder} {kind} ({lang}): a block of {height:.0f} pt is split after page {index} (half a page is {HEIGHT / 2:.0f} pt)"


@pytest.mark.parametrize("lang, folder, kind", documents())
def test_no_page_is_more_than_half_empty_unless_a_page_starts_by_design(site_dir, lang, folder, kind):
    sheets = pages(path_of(site_dir, lang, folder, kind))
    headings = by_design(site_dir, lang, folder) if kind == "exercises" else set()
    for number, (sheet, following) in enumerate(zip(sheets, sheets[1:]), 1):
        if holds_cards(sheet) or starts_by_design(following, headings):
            continue
        used = (sheet.ink - TOP) / HEIGHT
        assert used >= 0.5, f"{folder} {kind} ({lang}) page {number} is {100 - 100 * used:.0f}% empty, before {following.lines[0].text!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_pack_numbers_its_pages_on_and_its_contents_give_those_numbers(site_dir, lang):
    path = pdf(site_dir, lang, pdfpack.pack_name(lang))
    sheets = pages(path)
    footers = [re.findall(r"(\d+) / (\d+)", " ".join(text for _, text in sheet.footer)) for sheet in sheets]
    for number, found in enumerate(footers, 1):
        assert found and found[-1] == (str(number), str(len(sheets))), (number, found)  # the pack's number, on the right
    def rows(sheet: Sheet) -> list[tuple[str, int]]:
        return [(line.text, int(m[1])) for line in sheet.lines if (m := re.search(r"\s(\d+)$", line.text))]

    # the contents run from the first page to the page before the first document (the schedule)
    contents = [row for sheet in sheets[:rows(sheets[0])[0][1] - 1] for row in rows(sheet)]
    assert len(contents) == 1 + sum(len(kinds(m)) for m in COURSE.modules), contents  # the course schedule, then every module's
    starts = [start for _, start in contents]
    assert starts == sorted(starts) and starts[0] > 1
    for (label, start), end in zip(contents, [*starts[1:], len(sheets) + 1]):
        first = sheets[start - 1]
        title = normal(re.sub(r"\s\d+$", "", label))
        assert first.text.startswith(title[:20]), f"contents: {label!r} on page {start}, which begins {first.lines[0].text!r}"
        # each page of the document shows, on the left, its place in the document
        for offset, found in enumerate(footers[start - 1:end - 1], 1):
            assert len(found) == 2 and found[0] == (str(offset), str(end - start)), (label, offset, found)
