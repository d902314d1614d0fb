"""Every mistake a maintainer can make in a page stops the build with `path:line: what, expected`.

Each case breaks a copy of the real course in one way. The build must stop with exactly the
message given, at the line the change broke, with no other message, no traceback and nothing
written to the site (tests/mistakes.py). Data files, file names and mkdocs.yml:
tests/test_bad_files.py; inputs that look wrong but are not: tests/test_good_input.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mistakes import both, check, delete, insert, regex, replace, write

L1 = "course/01-why-complaints"
L3 = "course/03-handling-process"


def _guide_line(wanted) -> int:
    """The first line of the course's module 1 guide (English) for which `wanted` holds."""
    text = (Path(__file__).parents[1] / L1 / "guide.en.md").read_text("utf-8")
    return next(n for n, line in enumerate(text.split("\n"), 1) if wanted(line))


# Row 7 of that guide's run-sheet, and its activity heading, where a change of the row's minutes shows too.
RUNSHEET_ROW_7 = _guide_line(lambda line: line.startswith("  - ") and "minutes: 7}" in line)
GUIDE_ROW_7 = _guide_line(lambda line: line.startswith("### ") and line.endswith("(7 minutes)"))
SOURCES_1 = "barlow-moller-2008 tarp-albrecht-1985 reichheld-sasser-1990 ishikawa-1985 juran-quality asq-glossary"
LINK = "expected a link to a page or heading that exists, written without the language suffix (index.md)"
MARKER = "; expected '<!-- md:name args -->' on one line, the name in lowercase right after 'md:'"
HEADER = "; expected '/// name | Title', with the ASCII bar '|' before the title"
SAME_MARKERS = "expected the same markers, with the same arguments, in both languages"
SUMMARY = "one sentence of at most 200 characters (it is also the meta description)"
ABOUT = {"zh": "## 写作原则", "en": "## How it was written"}


def in_both(page: str, before: dict, new: dict | str):
    """The same change in the Chinese and the English version of `page`: `new` (per language, or
    one for both) in front of `before` (per language)."""
    return both(*(insert(f"{page}.{lang}.md", before[lang], new if isinstance(new, str) else new[lang]) for lang in ("zh", "en")))


def each(path: str, old: str, new: str, **where):
    """The same replacement in both languages of `path` (written with `{lang}`)."""
    return both(*(replace(path.format(lang=lang), old, new, **where) for lang in ("zh", "en")))


# (case id, how to break the course, the message at each broken line[, other messages the build must give])
CASES = [
    # Front matter
    ("no-front-matter", write("course/about.en.md", "# About\n\nText.\n"),
     "no front matter; expected a YAML block between '---' lines at the top of the page"),
    ("front-matter-never-closed", write("course/about.en.md", "---\ntitle: About\nsummary: What it is.\n\n# About\n"),
     "front matter is never closed; expected a '---' line after its last key"),
    ("missing-summary", regex(f"{L1}/index.en.md", r"^summary:.*\n", "", line=1),
     f"front matter: missing 'summary'; expected {SUMMARY}"),
    ("empty-summary", regex("course/about.zh.md", r"^summary:.*$", "summary:"),
     f"front matter: 'summary' is empty; expected {SUMMARY}"),
    ("unknown-front-matter-key", replace(f"{L1}/index.zh.md", "\nsummary:", "\nsumary:", at="sumary"),
     "front matter: unknown key 'sumary'; expected only title, summary, objectives, duration, quiz",
     (f"{L1}/index.zh.md:1: front matter: missing 'summary'; expected {SUMMARY}",)),
    ("front-matter-bad-yaml", regex(f"{L1}/index.zh.md", r"^title: (.*)$", r"title: [\1"),
     "invalid YAML: the '[' opened on this line is not closed (expected ',' or ']', but got ':', line 3); expected valid YAML"),
    ("duration-not-minutes", replace(f"{L1}/index.en.md", "duration: 75", "duration: an hour"),
     "front matter: 'duration' must be a whole number of minutes; expected a whole number of minutes from 15 to 240"),
    ("objective-not-text", regex(f"{L1}/index.en.md", r"^  - Explain in your own words.*$", "  - {explain: why}"),
     "front matter: 'objectives' must be a list of text items; expected a list of learning objectives"),
    ("hide-unknown-element", each("course/about.{lang}.md", "---\ntitle:", "---\nhide: [tocc]\ntitle:", at="hide"),
     "front matter: 'hide' lists 'tocc', which Material cannot hide; expected a list of Material elements to hide (navigation, toc, footer)"),
    ("empty-runsheet", regex(f"{L1}/guide.en.md", r"^runsheet:\n(  - .*\n)+", "runsheet:\n"),
     "front matter: 'runsheet' is empty; expected a list of run-sheet rows"),
    # Markers
    ("unknown-marker", each("course/course-map.{lang}.md", "<!-- md:course-map -->", "<!-- md:coursemap -->"),
     "unknown marker 'md:coursemap'; expected one of answer-key, bibliography, course-map, glossary, pdf-links, progress, "
     "quiz, runsheet, schedule, sources"),
    ("marker-runs-on", replace(f"{L1}/index.en.md", "<!-- md:quiz why-complaints -->", "<!-- md:quiz why-complaints ->"),
     "marker '<!-- md:quiz why-complaints ->' runs on into the next comment: its '-->' is missing or mistyped" + MARKER),
    ("marker-space-after-colon", replace(f"{L1}/index.en.md", "<!-- md:quiz why-complaints -->", "<!-- md: quiz why-complaints -->"),
     "marker '<!-- md: quiz why-complaints -->' does not have the name right after 'md:'" + MARKER),
    ("marker-name-in-capitals", replace("course/course-map.zh.md", "<!-- md:course-map -->", "<!-- md:Course-Map -->"),
     "marker '<!-- md:Course-Map -->' has a name that is not lowercase letters and dashes" + MARKER),
    ("marker-over-two-lines", replace(f"{L1}/index.en.md", " covey-1989 -->", "\n  covey-1989 -->", line=125),
     f"marker '{('<!-- md:sources ' + SOURCES_1)[:59]}…' is split over lines" + MARKER),
    ("marker-never-closed", replace("course/course-map.en.md", "<!-- md:course-map -->", "<!-- md:course-map"),
     "marker '<!-- md:course-map' is never closed" + MARKER),
    ("comment-never-closed", insert("course/about.en.md", "## How it was written", "<!-- a draft, parked\n\n"),
     "'<!--' opens a comment that is never closed; expected '-->' where the comment ends"),
    ("marker-takes-no-arguments", each("course/course-map.{lang}.md", "<!-- md:course-map -->", "<!-- md:course-map all -->"),
     "'md:course-map' takes no arguments; expected '<!-- md:course-map -->'"),
    ("sources-marker-without-ids", in_both("course/about", ABOUT, "<!-- md:sources -->\n\n"),
     "'md:sources' names no source; expected '<!-- md:sources id id … -->' with ids from the sources file"),
    ("unknown-source", each("course/sources.{lang}.md", "<!-- md:bibliography -->", "<!-- md:sources covey-1999 -->"),
     "unknown source 'covey-1999'; expected an id from course/_data/sources.yml"),
    ("runsheet-marker-in-a-lesson", in_both(f"{L1}/index", {"zh": "## 要点", "en": "## Key points"}, "<!-- md:runsheet -->\n\n"),
     "'md:runsheet' is not allowed here; expected it only in a guide page"),
    ("quiz-marker-without-quiz", in_both("course/about", ABOUT, "<!-- md:quiz why-complaints -->\n\n"),
     "quiz marker 'why-complaints' but the front matter has no quiz; expected quiz: why-complaints"),
    ("marker-in-a-sentence", each("course/course-map.{lang}.md", "<!-- md:course-map -->", "All modules: <!-- md:course-map -->"),
     "marker '<!-- md:course-map -->' shares its line with other text; expected it on a line of its own (it becomes a block of the page)"),
    # Code fences and comments
    ("code-fence-never-closed", insert("course/about.en.md", "## How it was written", "```text\nan example\n\n"),
     "code fence '```' is never closed; expected a line '```' after the code"),
    ("tilde-fence-never-closed", insert("course/about.zh.md", "## 写作原则", "~~~~\n示例\n~~~\n\n"),
     "code fence '~~~~' is never closed; expected a line '~~~~' after the code"),
    # Links
    ("broken-link", insert("course/learners.en.md", "The modules build on", "See [the map](course-mapp.md).\n\n"),
     f"page contains a link 'course-mapp.md', but the target is not found among documentation files; {LINK}"),
    ("broken-anchor", insert("course/index.zh.md", "## 从哪里开始", "见[地图](course-map.md#不存在)。\n\n"),
     f"page contains a link 'course-map.md#不存在', but the doc 'course-map.md' does not contain an anchor '#不存在'; {LINK}"),
    ("link-with-language-suffix", insert("course/learners.en.md", "The modules build on", "See [the map](course-map.en.md).\n\n"),
     f"page contains a link 'course-map.en.md', but the target is not found among documentation files; {LINK}"),
    ("link-to-missing-pdf", insert(f"{L1}/exercises.en.md", "## Reflection", "[Print this](../pdf/sheet.pdf)\n\n"),
     f"page contains a link '../pdf/sheet.pdf', but the target 'pdf/sheet.pdf' is not found among documentation files; {LINK}"),
    ("reference-link-without-definition", insert("course/about.en.md", "## How it was written", "See [the course map][map].\n\n"),
     "reference link '[the course map][map]' has no definition; expected a line '[map]: <address>' for it, or an inline link "
     "[the course map](<address>)"),
    ("footnote-without-definition", insert("course/about.zh.md", "## 写作原则", "事实均已核对[^1]。\n\n"),
     "footnote '[^1]' has no definition; expected a line '[^1]: …' with the note"),
    # Translations: the two versions of a page have the same skeleton (coursekit/quality/parity.py).
    ("missing-translation", delete("course/about.en.md", shown="course/about.zh.md"),
     "missing translation: 'course/about.en.md' does not exist; expected every page in zh and en"),
    ("parity-front-matter-key", replace("course/about.en.md", "---\ntitle:", "---\nhide: [toc]\ntitle:", at="hide"),
     "differs from course/about.zh.md: front-matter key 'hide' here only; expected the same front-matter keys in both languages"),
    ("parity-sources-differ", replace(f"{L1}/index.en.md", " covey-1989 -->", " -->"),
     f"differs from {L1}/index.zh.md: <!-- md:sources {SOURCES_1} --> here only, <!-- md:sources {SOURCES_1} covey-1989 --> "
     f"there only; {SAME_MARKERS}"),
    ("parity-heading-missing", replace(f"{L1}/index.en.md", "## Key points", "**Key points**", line=1),
     f"differs from {L1}/index.zh.md: 8 second-level (##) headings here, 9 there; expected the same ## headings in both languages"),
    ("parity-role-card-missing", regex(f"{L3}/exercises.en.md", r"^/// card \| Shop assistant: Zhou\n(?:(?!///).*\n)*///\n\n", "", line=1),
     f"differs from {L3}/exercises.zh.md: 2 role cards here, 3 there; expected the same exercise blocks in both languages"),
    # A guide's facilitation notes (the course's house style, course/_data/style.yml)
    ("guide-label-out-of-order", replace(f"{L1}/guide.en.md", "- **If the group is quiet:** Give an example", "- **What to do:** Give an example"),
     "style: the label **What to do:** comes after a later one; expected the order **What to do:**, **Watch for:**, "
     "**If the group is quiet:**, **If someone dominates:**"),
    ("guide-label-not-the-courses", replace(f"{L1}/guide.zh.md", "- **留意：**", "- **注意：**"),
     "style: the label **注意：** is not one of the course's; expected one of **做什么：**, **留意：**, **冷场时：**, **有人抢话时：**"),
    ("guide-activity-minutes-differ", replace(f"{L1}/guide.en.md", "### A complaint is a gift; the silent customers (10 minutes)",
                                              "### A complaint is a gift; the silent customers (12 minutes)"),
     "style: the activity headings give [10, 12, 10, 15, 15, 8, 7] minutes, the run-sheet [10, 10, 10, 15, 15, 8, 7]; "
     "expected one heading per run-sheet row ending with its minutes, like '### .+ \\((?P<minutes>\\d+) minutes\\)'"),
    ("guide-activity-minutes-mistyped", replace(f"{L1}/guide.zh.md", "（15 分钟）", "（15 分）"),
     "style: the heading '### 情景案例：大促缺货与酒店退房（15 分）' is not an activity heading as the course writes them, and a run-sheet row "
     "has no heading; expected one like '### .+（(?P<minutes>\\d+) 分钟）'"),
    ("guide-activity-heading-missing", regex(f"{L1}/guide.en.md", r"^### Quiz and review \(7 minutes\)\n", "", line=RUNSHEET_ROW_7),
     "style: the activity headings give [10, 10, 10, 15, 15, 8] minutes, the run-sheet [10, 10, 10, 15, 15, 8, 7]; "
     "expected one heading per run-sheet row ending with its minutes, like '### .+ \\((?P<minutes>\\d+) minutes\\)'",
     # The heading's notes now follow the previous activity's, so their labels are out of order there.
     tuple(f"{L1}/guide.en.md:{GUIDE_ROW_7 + n}: style: the label {label} comes after a later one; expected the order "
           "**What to do:**, **Watch for:**, **If the group is quiet:**, **If someone dominates:**" for n, label in ((1, "**What to do:**"), (2, "**Watch for:**")))),
    # Run-sheets
    ("runsheet-minutes-do-not-add-up", replace(f"{L1}/guide.en.md", "kind: exercise, minutes: 7}", "kind: exercise, minutes: 9}"),
     f"run-sheet differs from {L1}/guide.zh.md:11 (row 7 is 9 min exercise here, 7 min exercise there); "
     "expected the same rows, with the same kinds and minutes, in every language",
     (f"{L1}/guide.en.md:4: run-sheet: the rows add up to 77 minutes but the lesson's duration is 75 ({L1}/index.en.md:10); "
      "expected the minutes to add up to the duration",
      # The guide's heading for that row still gives the old minutes (the house style checks them).
      f"{L1}/guide.en.md:{GUIDE_ROW_7}: style: the activity headings give [10, 10, 10, 15, 15, 8, 7] minutes, the run-sheet "
      "[10, 10, 10, 15, 15, 8, 9]; expected one heading per run-sheet row ending with its minutes, like '### .+ \\((?P<minutes>\\d+) minutes\\)'")),
    ("runsheet-unknown-kind", replace(f"{L1}/guide.zh.md", "kind: debrief", "kind: discussion"),
     "run-sheet row 6: kind 'discussion' is unknown; expected one of teach, exercise, role-play, debrief, break"),
    ("runsheet-languages-differ", replace(f"{L1}/guide.en.md", "kind: debrief, minutes: 8}", "kind: teach, minutes: 8}"),
     f"run-sheet differs from {L1}/guide.zh.md:10 (row 6 is 8 min teach here, 8 min debrief there); "
     "expected the same rows, with the same kinds and minutes, in every language"),
    # Exercise constructs
    ("card-unknown-role", replace(f"{L1}/exercises.en.md", "    role: staff", "    role: manager"),
     "'card' option 'role: manager' is not valid; expected one of customer, staff, observer"),
    ("model-answer-on-sheet", in_both(f"{L1}/exercises", {"zh": "//// reflection", "en": "//// reflection"},
                                      {"zh": "/// model-answer\n答案。\n///\n\n", "en": "/// model-answer\nAn answer.\n///\n\n"}),
     "'model-answer' is not allowed in an exercise sheet; expected it only in a facilitator guide; learner pages never show answers"),
    ("block-never-closed", regex(f"{L1}/exercises.zh.md", r"^(//// reflection \|[^\n]*\n(?:.*\n)*?)////\n", r"\1"),
     "'reflection' block is never closed; expected a closing '////' line"),
    ("option-indented-with-a-tab", replace(f"{L1}/exercises.en.md", "    role: staff", "\trole: staff"),
     "option line 'role: staff' is indented with a tab; expected four spaces before it"),
    ("options-after-a-blank-line", replace(f"{L1}/exercises.en.md", "/// card | Observer\n    role: observer", "/// card | Observer\n\n    role: observer",
                                           at="    role"),
     "option line 'role: observer' follows a blank line; expected the options right below the block's first line"),
    ("full-width-bar-in-header", replace(f"{L1}/exercises.en.md", "//// scenario | The Friday", "//// scenario ｜ The Friday"),
     "'//// scenario ｜ The Friday evening call' has the full-width '｜' where '|' belongs" + HEADER),
    ("colon-in-header", replace(f"{L1}/exercises.en.md", "/// card | Observer", "/// card: Observer"),
     "'/// card: Observer' has a colon where '|' belongs" + HEADER),
    ("title-without-bar", replace(f"{L1}/exercises.en.md", "/// card | Observer", "/// card Observer"),
     "'/// card Observer' has a title without '|' before it" + HEADER),
]


@pytest.mark.parametrize("change, expected, also", [pytest.param(c, e, (a or [()])[0], id=i) for i, c, e, *a in CASES])
def test_a_mistake_stops_the_build_at_its_line(tmp_path, change, expected, also):
    check(tmp_path, change, expected, also)


@pytest.mark.parametrize("verbosity", ["-q", None, "-v"])
def test_whatever_the_verbosity_a_broken_link_stops_the_build(tmp_path, verbosity):
    """`mkdocs build -q` once dropped MkDocs' link warnings before --strict counted them."""
    check(tmp_path, insert("course/learners.en.md", "The modules build on", "See [the map](course-mapp.md).\n\n"),
          f"page contains a link 'course-mapp.md', but the target is not found among documentation files; {LINK}",
          args=(verbosity,) if verbosity else ())
