"""The classroom kit: exercise blocks, run-sheets and the course schedule, from the rules (plain
functions, no build) to the real built site and a real browser."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from coursekit.classroom import (
    exercises,
    runsheet,
)
from coursekit.core import pagetext
from coursekit.course import model

LANGS = {"zh": "", "en": "en/"}
P = "course/09-x/exercises.en.md"
COURSE, _ = model.load(ROOT / "course", ROOT, ("zh", "en"))


def page(body: str) -> str:
    """A page with `body`, as exercises.check reads it (core/pagetext.py)."""
    return pagetext.scan(f"---\ntitle: T\nsummary: S\n---\n\n{body}\n", P).visible


ROLEPLAY = """//// roleplay | R
/// card | Customer
    role: customer
Knows, wants.
///

/// card | Staff
    role: staff
Knows, wants.
///

/// card | Observer
    role: observer
- [ ] Restated the complaint
///
////"""


# --- the rules, as plain functions ---------------------------------------------------------------


def test_the_authoring_guide_example_is_valid():
    """Whatever AUTHORING.md shows authors must pass the check."""
    text = (ROOT / "hooks" / "AUTHORING.md").read_text("utf-8")
    example = re.search(r"```markdown\n(.*?)\n```", text[text.index("## Exercise constructs"):], re.S)[1]
    assert exercises.check(example, "AUTHORING.md", "exercises") == []
    names = [(c.name, c.parent and c.parent.name) for c in exercises.parse(example, "AUTHORING.md")[0]]
    assert names == [
        ("scenario", None), ("answer", "scenario"), ("roleplay", None), ("card", "roleplay"), ("card", "roleplay"),
        ("card", "roleplay"), ("game", None), ("reflection", None), ("answer", "reflection"),
    ]


def test_every_page_of_the_course_passes():
    errors = [e for p in COURSE.pages for e in exercises.check(p.visible, p.path, p.kind)]
    assert errors == []


# (case id, page kind, body, the exact message; the line counts the 5 lines of front matter and blank)
BAD_BLOCKS = [
    ("unknown-name", "exercises", "/// senario | A\ntext\n///",
     f"{P}:6: unknown block 'senario'; expected one of scenario, roleplay, card, game, reflection, answer, model-answer, slide"),
    ("card-outside-roleplay", "exercises", "/// card | A\n    role: staff\ntext\n///",
     f"{P}:6: 'card' is at the top level; expected it inside 'roleplay'"),
    ("one-card", "exercises", "//// roleplay | R\n/// card | A\n    role: staff\nx\n///\n////",
     f"{P}:6: 'roleplay' holds 1 card(s); expected two or more 'card' blocks (customer, staff, observer)"),
    ("two-observers", "exercises", ROLEPLAY.replace("    role: staff", "    role: observer\n- [ ] x"),
     f"{P}:18: a second observer card in the role-play (first at line 12); expected at most one"),
    ("observer-without-checklist", "exercises", ROLEPLAY.replace("- [ ] Restated the complaint", "Watch them."),
     f"{P}:17: the observer card has no checklist; expected a task list of what to watch for, lines like '- [ ] Listened before answering'"),
    ("unknown-role", "exercises", ROLEPLAY.replace("role: staff", "role: clerk"),
     f"{P}:13: 'card' option 'role: clerk' is not valid; expected one of customer, staff, observer"),
    ("answer-too-many-lines", "exercises", "/// answer\n    lines: 21\n///",
     f"{P}:7: 'answer' option 'lines: 21' is not valid; expected a whole number from 1 to 20"),
    ("answer-lines-as-words", "exercises", "/// answer\n    lines: six\n///",
     f"{P}:7: 'answer' option 'lines: six' is not valid; expected a whole number from 1 to 20"),
    ("answer-without-lines", "exercises", "/// answer\n///",
     f"{P}:6: 'answer' lacks 'lines'; expected option lines right below the header:\n    lines: …"),
    ("unknown-option", "exercises", "/// answer\n    lines: 4\n    rows: 4\n///",
     f"{P}:8: 'answer' has unknown option 'rows'; expected options: lines"),
    ("game-missing-options", "exercises", "/// game | G\n    players: 8\nRules.\n///",
     f"{P}:6: 'game' lacks 'group', 'minutes', 'rounds'; expected option lines right below the header:"),
    ("game-bool", "exercises", "/// game | G\n    players: 8\n    group: true\n    minutes: 15\n    rounds: 2\nRules.\n///",
     f"{P}:8: 'game' option 'group: True' is not valid; expected a whole number of people per group, 2 or more"),
    ("missing-title", "exercises", "//// scenario\nText.\n////",
     f"{P}:6: 'scenario' has no title; expected '//// scenario | Title'"),
    ("model-answer-on-sheet", "exercises", "/// model-answer | A\nThe answer.\n///",
     f"{P}:6: 'model-answer' is not allowed in an exercise sheet; expected it only in a facilitator guide; learner pages never show answers"),
    ("model-answer-in-lesson", "lesson", "/// model-answer\nThe answer.\n///",
     f"{P}:6: 'model-answer' is not allowed in a lesson; expected it only in a facilitator guide"),
    ("answer-in-guide", "guide", "/// answer\n    lines: 3\n///",
     f"{P}:6: 'answer' is not allowed in a facilitator guide; expected it only in an exercise sheet"),
    ("answer-in-card", "exercises",
     "///// roleplay | R\n//// card | A\n    role: customer\nx\n/// answer\n    lines: 2\n///\n////\n//// card | B\n    role: staff\ny\n////\n/////",
     f"{P}:10: 'answer' is inside 'card' (line 7); expected it at the top level or inside 'scenario' or inside 'reflection' or inside 'game'"),
    ("same-slashes-when-nested", "exercises", "/// scenario | S\nText.\n/// answer\n    lines: 3\n///\n///",
     f"{P}:8: 'answer' inside 'scenario' (line 6) opens with 3 slashes; expected the outer block to use more slashes than the blocks it holds (//// scenario)"),
    ("unclosed", "exercises", "//// scenario | S\nText.\n/// answer\n    lines: 3\n///\n",
     f"{P}:6: 'scenario' block is never closed; expected a closing '////' line"),
    ("stray-closer", "exercises", "Text.\n\n///",
     f"{P}:8: '///' closes no open block; expected it to end a block opened above"),
    ("wrong-closer", "exercises", "//// scenario | S\nText.\n///\n////",
     f"{P}:8: '///' does not close the 'scenario' block opened at line 6; expected '////'"),
    ("slide-on-sheet", "exercises", "/// slide\nA line.\n///",
     f"{P}:6: 'slide' is not allowed in an exercise sheet; expected it only in a lesson"),
    ("slide-in-scenario", "lesson", "//// scenario | S\nText.\n/// slide\nA line.\n///\n////",
     f"{P}:8: 'slide' is inside 'scenario' (line 6); expected it at the top level"),
    ("options-not-a-mapping", "exercises", "/// answer\n    - 3\n///",
     f"{P}:7: block options are not 'name: value' lines; expected e.g. '    lines: 6'"),
]


@pytest.mark.parametrize("kind, body, expected", [pytest.param(k, b, e, id=i) for i, k, b, e in BAD_BLOCKS])
def test_misused_block_is_reported_with_its_line(kind, body, expected):
    messages = [str(e) for e in exercises.check(page(body), P, kind)]
    assert any(expected in m for m in messages), messages


def test_blocks_in_code_fences_are_left_alone():
    body = "```markdown\n/// senario | not a block\n```\n\n~~~\n////\n~~~"
    assert exercises.check(page(body), P, "exercises") == []


def test_run_sheet_rows_get_start_times_from_the_session_start():
    rows = runsheet.timed([{"activity": "a", "kind": "teach", "minutes": 10}, {"activity": "b", "kind": "break", "minutes": 25}], 9 * 60 + 50)
    assert [(r.start, r.minutes) for r in rows] == [("09:50", 10), ("10:00", 25)]
    assert runsheet.end_of(rows) == "10:25"


def test_a_module_runs_in_its_slot_of_the_day_plan():
    plan = runsheet.Settings(start=9 * 60, end=17 * 60 + 30, pause=15, lunch_after=11 * 60 + 30, lunch=60)
    days = runsheet.day_plan(COURSE, plan, "zh")
    for number, day in enumerate(days, 1):
        for slot in (s for s in day if s.module):
            assert runsheet.slot_of(COURSE, plan, "zh", slot.module.folder) == (number, _minutes(slot.start))
    assert runsheet.slot_of(COURSE, plan, "zh", COURSE.modules[1].folder)[1] > plan.start


def test_the_course_run_sheets_match_their_lessons():
    assert runsheet.check(COURSE, "zh") == []


def _course_with_guide(lang: str, edit) -> model.Course:
    course, _ = model.load(ROOT / "course", ROOT, ("zh", "en"))
    guide = course.modules[0].pages["guide"][lang]
    edit(guide.meta["runsheet"])
    return course


def test_run_sheet_total_must_match_the_duration():
    course = _course_with_guide("en", lambda rows: rows[0].update(minutes=rows[0]["minutes"] + 5))
    module = course.modules[0]
    guide, lesson = module.pages["guide"]["en"], module.lesson("en")
    duration = lesson.meta["duration"]
    messages = [str(e) for e in runsheet.check(course, "zh")]
    assert (
        f"{guide.path}:{guide.lines[('runsheet',)]}: run-sheet: the rows add up to {duration + 5} minutes but the lesson's "
        f"duration is {duration} ({lesson.path}:{lesson.lines[('duration',)]}); expected the minutes to add up to the duration"
    ) in messages


def test_run_sheets_must_agree_between_languages():
    def swap(rows):
        rows[0]["minutes"] += 5
        rows[1]["minutes"] -= 5

    course = _course_with_guide("en", swap)
    zh, en = course.modules[0].pages["guide"]["zh"], course.modules[0].pages["guide"]["en"]
    messages = [str(e) for e in runsheet.check(course, "zh")]
    assert any(
        m.startswith(f"{en.path}:{en.lines[('runsheet', 0)]}: run-sheet differs from {zh.path}:{zh.lines[('runsheet', 0)]} (row 1 is")
        and m.endswith("expected the same rows, with the same kinds and minutes, in every language")
        for m in messages
    ), messages


@pytest.mark.parametrize("row, expected", [
    ({"activity": "x", "kind": "lecture", "minutes": 5}, "run-sheet row 1: kind 'lecture' is unknown; expected one of teach, exercise, role-play, debrief, break"),
    ({"activity": "x", "kind": "teach", "minutes": "10"}, "run-sheet row 1: minutes '10' is not valid; expected a whole number above 0"),
    ({"activity": "x", "kind": "teach"}, "run-sheet row 1 lacks minutes; expected exactly activity, kind and minutes"),
])
def test_malformed_run_sheet_row_is_reported(row, expected):
    course = _course_with_guide("zh", lambda rows: rows.__setitem__(0, row))
    guide = course.modules[0].pages["guide"]["zh"]
    assert f"{guide.path}:{guide.lines[('runsheet', 0)]}: {expected}" in [str(e) for e in runsheet.check(course, "zh")]


@pytest.mark.parametrize("classroom, expected", [
    ({"start": 540}, 'extra.classroom.start is 9:00 without quotes, which YAML reads as the number 540; expected a 24-hour time in quotes, like "09:00"'),
    ({"start": "9am"}, "extra.classroom.start is '9am'"),
    ({"lunch": 60}, 'extra.classroom.lunch is not valid; expected {after: "11:30", minutes: 60}'),
    ({"breaks": 15}, "extra.classroom has unknown key 'breaks'; expected only start, end, break, lunch"),
    ({"start": "18:00"}, "extra.classroom.end is not after start"),
])
def test_bad_classroom_settings_are_reported(classroom, expected):
    with pytest.raises(Exception) as caught:
        runsheet.settings({"classroom": classroom}, "mkdocs.yml")
    assert str(caught.value).startswith("mkdocs.yml:1: ") and expected in str(caught.value)


def test_day_plan_puts_lunch_at_midday_and_moves_what_does_not_fit():
    plan = runsheet.Settings(start=9 * 60, end=17 * 60, pause=15, lunch_after=11 * 60 + 30, lunch=60)
    days = runsheet.day_plan(COURSE, plan, "en")
    assert [s.module for day in days for s in day if s.module] == COURSE.modules
    for day in days:
        assert day[0].start == "09:00" and day[0].kind == "module" and day[-1].kind == "module"
        assert [s.kind for s in day].count("lunch") <= 1
        end = day[-1]
        assert _minutes(end.start) + end.minutes <= 17 * 60
        for before, after in zip(day, day[1:]):
            assert _minutes(before.start) + before.minutes == _minutes(after.start)
            assert (before.kind == "module") != (after.kind == "module")
            if after.kind == "lunch":
                assert _minutes(after.start) >= 11 * 60 + 30
    assert len(days) >= 2  # the course is longer than one such day


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


# --- the built site -------------------------------------------------------------------------------


class Page(HTMLParser):
    """A built page: its HTML, the text of its table rows and its links."""

    def __init__(self, path: Path):
        super().__init__()
        self.html = path.read_text("utf-8")
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None
        self.feed(self.html)

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def paragraphs(self, part: str) -> list[str]:
        """Whole paragraphs and list items of the blocks with class `part`, whitespace removed."""
        return paragraphs(self.html, part)


def paragraphs(html: str, part: str) -> list[str]:
    chunks = re.findall(rf'<section class="[^"]*\b{re.escape(part)}\b[^"]*">(.*?)</section>', html, re.S)
    found = []
    for chunk in chunks:
        for p in re.findall(r"<(?:p|li)\b[^>]*>(.*?)</(?:p|li)>", chunk, re.S):
            p = re.split(r"<[uo]l\b", p)[0]  # a list item's own text, not the list nested in it
            text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", p))
            if len(text) >= 30:
                found.append(text)
    return found


def built(site: Path, lang: str, path: str) -> Path:
    return site / LANGS[lang] / path / "index.html"


@pytest.mark.parametrize("lang", LANGS)
def test_every_module_has_a_sheet_and_a_guide(site_dir, lang):
    assert len(COURSE.modules) >= 1
    for module in COURSE.modules:
        sheet = Page(built(site_dir, lang, f"{module.folder}/exercises"))
        guide = Page(built(site_dir, lang, f"{module.folder}/guide"))
        assert f'data-course-module="{module.folder}"' in sheet.html
        assert "course-sheet--exercises" in sheet.html and "course-sheet--guide" in guide.html
        assert "data-course-print" in sheet.html and "data-course-print" in guide.html
        # every box of an observer's checklist is named by its item, for screen readers
        boxes = re.findall(r'<label class="task-list-control"><input [^>]*>', sheet.html)
        assert boxes and all(re.search(r'aria-label="[^"]+"', box) for box in boxes), module.folder
        # the guide opens with the lesson's objectives and has its run-sheet and answers
        objectives = module.lesson(lang).meta["objectives"]
        assert all(o in guide.html for o in objectives)
        assert "course-runsheet" in guide.html and guide.paragraphs("course-model-answer")


@pytest.mark.parametrize("lang", LANGS)
def test_learner_pages_contain_no_answers(site_dir, lang):
    for module in COURSE.modules:
        guide = Page(built(site_dir, lang, f"{module.folder}/guide"))
        answers = guide.paragraphs("course-model-answer")
        assert answers, f"{module.folder}: no model answers found in the guide"
        for learner in ("exercises", ""):
            path = built(site_dir, lang, f"{module.folder}/{learner}".rstrip("/"))
            html = path.read_text("utf-8")
            text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))
            assert "course-model-answer" not in html and "quiz-key" not in html, path
            leaked = [a for a in answers if a in text]
            assert not leaked, f"{path} shows model answers: {leaked[:2]}"


@pytest.mark.parametrize("lang", LANGS)
def test_run_sheets_run_at_their_modules_times_in_the_schedule(site_dir, lang):
    """Each guide's run-sheet starts when the day plan has its module start (module 2 not at the
    start of the day), with the minutes since the module began beside each clock time."""
    schedule = _schedule_starts(site_dir, lang)
    assert len(set(schedule.values())) > 1
    for module in COURSE.modules:
        guide = Page(built(site_dir, lang, f"{module.folder}/guide"))
        rows = [r for r in guide.rows if r and re.fullmatch(r"\d\d:\d\d", r[0])]
        assert rows, module.folder
        first = clock = _minutes(schedule[module.folder])
        for row in rows:
            assert _minutes(row[0]) == clock, (module.folder, row)
            assert re.sub(r"\D", "", row[1]) == str(clock - first), (module.folder, row)
            clock += int(row[-1])
        total = [r for r in guide.rows if r and r[0] and not re.fullmatch(r"\d\d:\d\d", r[0]) and r[-1].isdigit()]
        duration = module.lesson(lang).meta["duration"]
        assert int(total[-1][-1]) == clock - first == duration, module.folder
        assert runsheet.end_of(runsheet.timed(module.pages["guide"][lang].meta["runsheet"], first)) in total[-1][0]


def _schedule_starts(site: Path, lang: str) -> dict[str, str]:
    """Each module's start time as the built course schedule shows it."""
    html = built(site, lang, "instructors/schedule").read_text("utf-8")
    return {folder: start for start, folder in re.findall(r"<tr><td>(\d\d:\d\d)</td><td><a href=\"[./]*(\d\d-[a-z0-9-]+)/guide/\"", html)}


def test_another_day_start_moves_the_schedule_and_every_run_sheet(site_dir, tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert '    start: "09:00"\n' in text
    config.write_text(text.replace('    start: "09:00"\n', '    start: "08:15"\n'), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        before, after = _schedule_starts(site_dir, lang), _schedule_starts(tmp_path / "site", lang)
        assert before.keys() == after.keys() == {m.folder for m in COURSE.modules}
        first, second = (m.folder for m in COURSE.modules[:2])
        assert after[first] == "08:15" and _minutes(after[second]) == _minutes(before[second]) - 45
        assert after != before
        for folder in after:  # lunch stays after 11:30, so later modules move by other amounts
            guide = Page(built(tmp_path / "site", lang, f"{folder}/guide"))
            assert next(r for r in guide.rows if r and re.fullmatch(r"\d\d:\d\d", r[0]))[0] == after[folder]


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_lists_every_module_with_breaks(site_dir, lang):
    schedule = Page(built(site_dir, lang, "instructors/schedule"))
    tables = "".join(re.findall(r'<div class="md-typeset__table course-schedule">\s*<table>.*?</table>', schedule.html, re.S))
    linked = re.findall(r'href="([^"]+)"', tables)
    assert [h.split("/")[-3] for h in linked] == [m.folder for m in COURSE.modules]
    times = [r for r in schedule.rows if r and re.fullmatch(r"\d\d:\d\d", r[0])]
    assert any(r[1] in ("午餐", "Lunch") for r in times) and any(r[1] in ("休息", "Break") for r in times)
    for href in linked:
        assert (built(site_dir, lang, "instructors/schedule").parent / href / "index.html").resolve().exists()


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_and_guides_link_to_their_pdfs(site_dir, lang):
    for module in COURSE.modules:
        for kind, expected in (("exercises", {"exercises"}), ("guide", {"guide", "exercises", "quiz"})):
            path = built(site_dir, lang, f"{module.folder}/{kind}")
            pdfs = [h for h in Page(path).links if h.endswith(".pdf")]
            assert {re.search(r"-(exercises|guide|quiz)-\w+\.pdf$", h)[1] for h in pdfs} == expected, path
            for href in pdfs:
                assert (path.parent / href).resolve().is_file(), href
    schedule = built(site_dir, lang, "instructors/schedule")
    pdfs = [h for h in Page(schedule).links if h.endswith(".pdf")]
    assert any(f"classroom-pack-{lang}.pdf" in h for h in pdfs)
    assert all((schedule.parent / h).resolve().is_file() for h in pdfs)


def test_a_wrong_run_sheet_total_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    guide = project / "course/01-why-complaints/guide.zh.md"
    text = guide.read_text("utf-8")
    text, n = re.subn(r"(minutes: )(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1}", text, count=1)
    assert n == 1
    guide.write_text(text, "utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    line = text.split("\n").index("runsheet:") + 1
    assert re.search(
        rf"course/01-why-complaints/guide\.zh\.md:{line}: run-sheet: the rows add up to \d+ minutes but the lesson's duration is \d+ "
        r"\(course/01-why-complaints/index\.zh\.md:\d+\); expected the minutes to add up to the duration", output,
    ), output


def test_a_misused_block_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    sheet = project / "course/01-why-complaints/exercises.en.md"
    text = sheet.read_text("utf-8")
    assert "    lines: " in text
    sheet.write_text(re.sub(r"    lines: \d+", "    lines: 30", text, count=1), "utf-8")
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("    lines: "))) + 1
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (
        f"course/01-why-complaints/exercises.en.md:{line}: 'answer' option 'lines: 30' is not valid; expected a whole number from 1 to 20"
    ) in output, output


# --- in the browser -------------------------------------------------------------------------------


def test_answers_are_kept_across_reload_language_and_instant_navigation(page, site_url):
    module = COURSE.modules[0].folder
    page.goto(f"{site_url}en/{module}/exercises/")
    box = page.locator("textarea[data-course-answer='1']")
    label = page.locator(f"label[for='{box.get_attribute('id')}']")
    assert label.count() == 1 and label.inner_text().strip()
    box.fill("Thank him first, then restate.")
    stored = page.evaluate(f"localStorage.getItem('customer-complaints/v1/answers/{module}/1')")
    assert stored == "Thank him first, then restate."

    page.goto(f"{site_url}{module}/exercises/")  # the Chinese sheet: same module, same question
    assert page.locator("textarea[data-course-answer='1']").input_value() == "Thank him first, then restate."

    # Material's instant navigation: to the lesson and back through the footer links, without a reload
    page.evaluate("window.__same_page = true")
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_function(f"location.pathname.endsWith('/{module}/') && !document.querySelector('[data-course-answer]')")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_function(f"location.pathname.endsWith('/{module}/exercises/')")
    page.locator("textarea[data-course-answer='1']").wait_for()
    assert page.evaluate("window.__same_page") is True
    assert page.locator("textarea[data-course-answer='1']").input_value() == "Thank him first, then restate."
    page.locator("textarea[data-course-answer='2']").fill("second")
    assert page.evaluate(f"localStorage.getItem('customer-complaints/v1/answers/{module}/2')") == "second"


def test_print_shows_ruled_lines_and_hides_the_screen_parts(page, site_url):
    page.goto(f"{site_url}en/{COURSE.modules[0].folder}/exercises/")
    page.emulate_media(media="print")
    visible = lambda selector: page.eval_on_selector(selector, "e => getComputedStyle(e).display !== 'none' && !!e.offsetParent")  # noqa: E731
    assert visible(".course-answer__lines") and visible(".course-qr")
    assert not visible(".course-answer__box")
    assert not visible(".course-toolbar")
    assert not visible(".md-sidebar--primary") and not visible(".md-header")
    # the role cards' page starts at the heading that introduces them, which goes with them
    assert page.eval_on_selector("h2.course-cards-start", "e => getComputedStyle(e).breakBefore") == "page"
    assert page.eval_on_selector("h2.course-cards-start ~ .course-roleplay", "e => getComputedStyle(e).breakBefore") == "auto"
    assert page.eval_on_selector(".course-roleplay", "e => getComputedStyle(e).breakAfter") == "page"
    assert page.eval_on_selector(".course-card", "e => getComputedStyle(e).borderTopStyle") == "dashed"
    page.emulate_media(media="screen")
    assert visible(".course-answer__box") and not visible(".course-answer__lines") and visible(".course-toolbar")
    assert not visible(".course-qr")  # for paper only


def test_print_button_prints(page, site_url):
    page.goto(f"{site_url}{COURSE.modules[0].folder}/guide/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed") == 1


def test_typed_answers_print_in_place_of_their_lines(page, site_url, tmp_path):
    """Printing a sheet prints what the learner typed where they typed it, ruled lines elsewhere."""
    page.goto(f"{site_url}en/{COURSE.modules[0].folder}/exercises/")
    page.locator("textarea[data-course-answer='1']").fill("Thank him first,\nthen restate the order.")
    page.locator("textarea[data-course-answer='2']").fill("   ")  # only spaces: nothing typed
    page.emulate_media(media="print")
    shown = "(s, e) => getComputedStyle(document.querySelector(s)).display !== 'none'"
    first, second = ".course-answer:has([data-course-answer='1'])", ".course-answer:has([data-course-answer='2'])"
    assert page.evaluate(shown, f"{first} .course-answer__typed") and not page.evaluate(shown, f"{first} .course-answer__lines")
    assert page.evaluate(shown, f"{second} .course-answer__lines") and not page.evaluate(shown, f"{second} .course-answer__typed")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(page.pdf(format="A4"))
    printed = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Thank him first," in printed and "then restate the order." in printed
    page.emulate_media(media="screen")
    assert not page.evaluate(shown, f"{first} .course-answer__typed")
