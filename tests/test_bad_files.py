"""Mistakes in the files around the pages stop the build at their own line: a file saved in
another encoding, data files (terms, sources, style rules, interface text, quiz banks) that break
their schema or the rules of data text, files and folders named almost right, and mkdocs.yml.

As in tests/test_bad_input.py, each case knows the line it broke; the build must give exactly
the message there and no other, with no traceback and nothing written to the site.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, run_build
from mistakes import both, check, encode, foreign, move, regex, replace, write

L1 = "course/01-why-complaints"
Q1 = "quizzes/why-complaints.yml"
TERMS = "course/_data/terms.yml"
SOURCES = "course/_data/sources.yml"
STYLE = "course/_data/style.yml"
UTF8 = "expected UTF-8: save the file as UTF-8, not GBK, GB18030 or ANSI"
DATA_LINK = "expected an absolute https:// address (a data file's text is not resolved like a page's links)"
ONLY_MD = "(the engine reads only .md pages)"

CASES = [
    # Encodings: every file the engine reads goes through core/textfile.py.
    ("page-in-gb18030", encode("course/about.zh.md", "gb18030"), f"not UTF-8 (byte 0xb9); {UTF8}"),
    ("page-in-windows-1252", encode("course/about.en.md", "cp1252", "About this course", "About this café course"), f"not UTF-8 (byte 0xe9); {UTF8}"),
    ("page-in-utf-16", encode("course/about.en.md", "utf-16"), f"not UTF-8 (byte 0xff); {UTF8}"),
    ("bank-in-gb18030", encode(Q1, "gb18030"), f"not UTF-8 (byte 0xcb); {UTF8}"),
    ("bank-with-a-windows-1252-dash", foreign(Q1, "Why complaints matter", "Why complaints matter — a note", "cp1252"),
     f"not UTF-8 (byte 0x97); {UTF8}"),
    ("terms-in-gb18030", encode(TERMS, "gb18030"), f"not UTF-8 (byte 0xcb); {UTF8}"),
    ("module-terms-in-gb18030", encode(f"{L1}/terms.yml", "gb18030"), f"not UTF-8 (byte 0xc3); {UTF8}"),
    ("sources-with-a-windows-1252-letter", foreign(SOURCES, "Møller", "Møller", "cp1252"), f"not UTF-8 (byte 0xf8); {UTF8}"),
    ("style-in-gb18030", encode(STYLE, "gb18030"), f"not UTF-8 (byte 0xa1); {UTF8}"),
    ("interface-text-in-windows-1252", write("course/_data/strings/en.yml", "quiz.check: Check – now\n".encode("cp1252")),
     f"not UTF-8 (byte 0x96); {UTF8}"),
    # Terms
    ("term-name-a-number", replace(TERMS, "  zh: 投诉\n", "  zh: 12315\n"), "term 1 'complaint', zh: a number; expected text"),
    ("term-name-blank", replace(TERMS, "  en: complaint\n", "  en: ' '\n"),
     "term 1 'complaint', en: empty text; expected the term as written in that language"),
    ("term-definition-lacks-a-language", regex(TERMS, r"^    en: A customer's expression.*\n", "", line=7),
     "term 1 'complaint', definition: missing language 'en'; expected {zh: …, en: …}"),
    ("term-unknown-field", replace(TERMS, "  definition:\n    zh: 顾客", "  defintion:\n    zh: 顾客"),
     "term 1 'complaint': unknown field 'defintion'; expected id, zh, en, definition",
     (f"{TERMS}:4: term 1 'complaint': missing field 'definition'; expected id, zh, en, definition",)),
    ("term-id-not-an-id", replace(TERMS, "- id: complaint\n", "- id: Complaint\n"),
     "term 1 'Complaint', id: not lowercase-with-dashes; expected e.g. 'internal-customer'"),
    ("duplicate-term", replace(TERMS, "- id: complaint-handling", "- id: complaint"),
     f"duplicate term id 'complaint' (also in {TERMS}); expected each term once"),
    ("terms-not-a-list", write(f"{L1}/terms.yml", "tqm: Total Quality Management\n"), "not a list of terms; expected entries '- id: …' with the term in every language and its definition"),
    ("term-definition-with-html", replace(TERMS, "en: A customer's expression", "en: A <b>customer's</b> expression"),
     "term 1 'complaint', definition.en: raw HTML '<b>'; expected inline Markdown (*emphasis*, **bold**, [a link](https://…)), never HTML"),
    # Sources
    ("source-without-citation", regex(SOURCES, r"^  citation: \"Covey.*\n", "", line=10),
     "source 2 'covey-1989': missing field 'citation'; expected id, citation (optional: note)"),
    ("source-citation-with-html", replace(SOURCES, "*A Complaint Is a Gift*", "<i>A Complaint Is a Gift</i>"),
     "source 1 'barlow-moller-2008', citation: raw HTML '<i>'; expected inline Markdown (*emphasis*, **bold**, [a link](https://…)), never HTML"),
    ("source-note-http-link", replace(SOURCES, "condenses it to three steps", "condenses it to [three steps](http://example.org/gift)"),
     f"source 1 'barlow-moller-2008', note.en: link to 'http://example.org/gift'; {DATA_LINK}"),
    ("duplicate-source", replace(SOURCES, "- id: covey-1989", "- id: barlow-moller-2008"),
     "duplicate source id 'barlow-moller-2008'; expected each id once"),
    ("source-note-lacks-a-language", regex(SOURCES, r"^    zh: 投诉是免费.*\n", "", line=7),
     "source 1 'barlow-moller-2008', note: missing language 'zh'; expected {zh: …, en: …}"),
    ("sources-file-missing", lambda root: ((root / SOURCES).unlink(), (f"{L1}/index.en.md", 125))[1],
     f"the page cites sources, but {SOURCES} does not exist; expected that file, listing every source the course cites"),
    # Style rules
    ("style-comma-in-unquoted-text", replace(STYLE, 'why: "British usage, as everywhere else in the course."', "why: British usage, as everywhere else"),
     "terms[32]: unknown field 'as everywhere else'; expected lang, use, why (optional: avoid, avoid_regex) "
     "(inside {…} a comma ends a text that is not in quotes: put the whole text in quotes)"),
    ("style-avoid-and-avoid-regex", replace(STYLE, "{lang: zh, avoid: 讲师手册,", "{lang: zh, avoid: 讲师手册, avoid_regex: 手册,"),
     "terms[1]: neither or both of avoid and avoid_regex; expected one of them"),
    ("style-bad-regular-expression", replace(STYLE, r"avoid_regex: '\b[Pp]articipants?\b'", r"avoid_regex: '\b[Pparticipants?\b'"),
     "terms[17].avoid_regex: not a regular expression (unterminated character set at position 2); expected a Python regular expression"),
    ("style-unknown-section", replace(STYLE, "titles:\n", "titels:\n"),
     "unknown field 'titels'; expected only terms, titles, guide_labels, guide_activity_heading"),
    ("style-language-not-of-the-course", replace(STYLE, "{lang: zh, avoid: 讲师手册,", "{lang: ja, avoid: 讲师手册,"),
     "terms[1].lang: text 'ja'; expected one of zh, en, zh-TW"),
    ("style-activity-heading-without-minutes", replace(STYLE, r"en: '### .+ \((?P<minutes>\d+) minutes\)'", r"en: '### .+ \(\d+ minutes\)'"),
     "guide_activity_heading.en: no (?P<minutes>…) group; expected a Python regular expression with one"),
    ("style-activity-heading-bad-regular-expression", replace(STYLE, r"en: '### .+ \((?P<minutes>\d+) minutes\)'", r"en: '### .+ \((?P<minutes>\d+ minutes\)'"),
     "guide_activity_heading.en: not a regular expression (missing ), unterminated subpattern at position 9); expected a Python regular expression"),
    ("style-label-not-bold", replace(STYLE, '"**Watch for:**"', '"Watch for:"'),
     "guide_labels.en[2]: not a bold label; expected e.g. '**What to do:**', the colon inside the bold"),
    ("style-labels-empty", replace(STYLE, '  zh: ["**做什么：**", "**留意：**", "**冷场时：**", "**有人抢话时：**"]', "  zh: []"),
     "guide_labels.zh: 0 given; expected at least 1"),
    # Interface text
    ("interface-text-unknown-key", write("course/_data/strings/en.yml", "quiz.chek: Check\n"),
     "unknown interface text key 'quiz.chek'; expected keys of the engine's strings/en.yml"),
    ("interface-text-not-text", write("course/_data/strings/en.yml", "quiz.check: [Check]\n"),
     "quiz.check: not text; expected the text, or {one: …, other: …} for a text that depends on a number"),
    ("interface-text-for-another-language", write("course/_data/strings/fr.yml", "quiz.check: Vérifier\n"),
     "interface text for 'fr', which is not a language of this course; expected zh.yml or en.yml or zh-TW.yml, or 'fr' added to extra.languages in mkdocs.yml"),
    # Editors' copies of the schemas
    ("editors-schema-copy-stale", replace("course/_data/terms.schema.json", '"Course terms"', '"Terms"', line=1),
     "the editors' copy of the terms schema is out of date (languages or rules changed); expected what `python -m hooks schema` "
     "writes: run it and commit the file"),
    # Quiz text (the bank's own schema cases are tests/bad_banks/, in tests/test_quiz_bank.py)
    ("quiz-text-with-html", replace(Q1, "en: Why complaints matter", "en: Why <b>complaints</b> matter"),
     "title.en: raw HTML '<b>'; expected inline Markdown (*emphasis*, **bold**, [a link](https://…)), never HTML"),
    ("quiz-text-http-link", replace(Q1, "en: Why complaints matter", "en: Why [complaints](http://example.org) matter"),
     f"title.en: link to 'http://example.org'; {DATA_LINK}"),
    ("quiz-text-undefined-reference", replace(Q1, "en: Why complaints matter", "en: Why [complaints][tarp] matter"),
     "title.en: reference link '[complaints][tarp]' has no definition; expected a line '[tarp]: <address>' for it, or an inline link [complaints](<address>)"),
    ("quiz-text-only-spaces", replace(Q1, "en: Why complaints matter", "en: '   '"), "title.en: empty text; expected some text"),
    ("quiz-text-a-number", replace(Q1, "en: Why complaints matter", "en: 2024"), "title.en: a number; expected text"),
    ("quiz-bank-named-yaml", move(Q1, "quizzes/why-complaints.yaml"),
     "quiz bank ends in '.yaml'; expected 'why-complaints.yml' (the engine reads .yml banks)",
     (f"{L1}/index.en.md:11: front matter: no quiz bank 'why-complaints'; expected one of apology-jetblue, difficult-customers, "
      "four-principles, handling-process, managers-view, practice-lab, standards-metrics, written-online",
      f"{L1}/index.zh.md:11: front matter: no quiz bank 'why-complaints'; expected one of apology-jetblue, difficult-customers, "
      "four-principles, handling-process, managers-view, practice-lab, standards-metrics, written-online")),
    ("quiz-bank-name-not-an-id", move(Q1, "quizzes/spare_Bank.yml", keep=True),
     "quiz bank file name 'spare_Bank' is not lowercase-with-dashes; expected a name like first-steps.yml: it is the quiz id a lesson's `quiz:` names"),
    ("quiz-bank-unused", move(Q1, "quizzes/spare-bank.yml", keep=True),
     "no lesson uses this quiz; expected `quiz: spare-bank` in a lesson's front matter, or remove the bank"),
    # File and folder names
    ("two-modules-one-number", move(L1, "course/01-again", keep=True, shown="course/01-again/index.en.md"),
     "module number 01 is also course/01-why-complaints's; expected each module folder its own number (their pages are not read until then)",
     ("course/01-why-complaints/index.en.md:1: module number 01 is also course/01-again's; expected each module folder its own number "
      "(their pages are not read until then)",)),
    ("module-folder-not-nn-slug", move("course/09-standards-metrics", "course/9-standards-metrics", shown="course/9-standards-metrics/index.en.md"),
     "module folder '9-standards-metrics' is not named NN-slug; expected two digits, a dash and a lowercase slug, like "
     "'09-standards-metrics' (its pages are not read until then)"),
    ("module-folder-in-capitals", move("course/09-standards-metrics", "course/09-Standards_Metrics", shown="course/09-Standards_Metrics/index.en.md"),
     "module folder '09-Standards_Metrics' is not named NN-slug; expected two digits, a dash and a lowercase slug, like "
     "'09-standards-metrics' (its pages are not read until then)"),
    ("page-ending-in-capital-md", move("course/about.en.md", "course/about.en.MD"),
     f"page file ends in '.MD'; expected '.md', as in 'about.en.md' {ONLY_MD}"),
    ("page-ending-in-markdown", move("course/about.en.md", "course/about.en.markdown"),
     f"page file ends in '.markdown'; expected '.md', as in 'about.en.md' {ONLY_MD}"),
    ("language-suffix-in-capitals", move("course/about.en.md", "course/about.EN.md"),
     "language suffix 'EN' is not written as the course writes it; expected 'course/about.en.md' (as in extra.languages of mkdocs.yml)"),
    ("page-in-a-language-the-course-lacks", move("course/about.en.md", "course/about.fr.md", keep=True),
     "page is in 'fr', which is not a language of this course; expected 'course/about.zh.md' or 'course/about.en.md' or 'course/about.zh-TW.md', "
     "or 'fr' added to extra.languages in mkdocs.yml"),
    ("page-without-language-suffix", write("course/extra.md", "---\ntitle: x\nsummary: y\n---\n"),
     "page has no language suffix; expected 'course/extra.zh.md' or 'course/extra.en.md' or 'course/extra.zh-TW.md'"),
    ("terms-file-named-yaml", move(f"{L1}/terms.yml", f"{L1}/terms.yaml"),
     "data file ends in '.yaml'; expected '.yml', as in 'terms.yml' (the engine reads only .yml files)"),
    ("data-file-the-engine-does-not-read", move(TERMS, "course/_data/glossary.yml", keep=True),
     "'glossary.yml' is not a data file the engine reads; expected one of sources.yml, terms.yml, style.yml (quiz banks go in quizzes/)"),
    ("bank-in-a-module-folder", move(Q1, f"{L1}/quiz.yml", keep=True),
     "'quiz.yml' is not a file the engine reads in a module folder; expected terms.yml (quiz banks go in quizzes/)"),
    # mkdocs.yml
    ("classroom-time-out-of-range", replace("mkdocs.yml", 'start: "09:00"', 'start: "25:00"'),
     "extra.classroom.start is '25:00'; expected a 24-hour time in quotes, like \"09:00\""),
    ("classroom-time-not-quoted", replace("mkdocs.yml", 'end: "17:30"', "end: 17:30"),
     "extra.classroom.end is 17:30 without quotes, which YAML reads as the number 1050; expected a 24-hour time in quotes, like \"09:00\""),
    ("lunch-after-the-day", replace("mkdocs.yml", 'after: "11:30"', 'after: "18:00"'),
     "extra.classroom.lunch.after is '18:00', outside the day (09:00 to 17:30); expected a time between start and end"),
    ("day-shorter-than-a-module", both(replace("mkdocs.yml", 'end: "17:30"', 'end: "10:00"'), replace("mkdocs.yml", 'after: "11:30"', 'after: "09:30"')),
     ["extra.classroom: the day from 09:00 to 10:00 is 60 minutes, shorter than module 02-four-principles (90 minutes, "
      "course/02-four-principles/index.zh.md:10); expected a day long enough for the longest module"]),
    ("break-negative", replace("mkdocs.yml", "break: 15", "break: -5"),
     "extra.classroom.break is -5; expected a whole number of minutes from 0 to 240"),
    ("lunch-not-a-mapping", replace("mkdocs.yml", 'lunch: {after: "11:30", minutes: 60}', "lunch: 60"),
     'extra.classroom.lunch is not valid; expected {after: "11:30", minutes: 60}'),
    ("language-lacks-site-name", regex("mkdocs.yml", r"^(    en:\n      name: English\n)      site_name: Handling Customer Complaints\n", r"\1"),
     "extra.languages.en lacks site_name; expected all of name, site_name, site_description as text"),
    ("language-unknown-key", replace("mkdocs.yml", "      name: English\n", "      nam: English\n"),
     "extra.languages.en has unknown key 'nam'; expected only name, site_name, site_description, search, from, convert"),
    ("course-id-not-an-id", replace("mkdocs.yml", "id: customer-complaints", "id: Customer Complaints"),
     "extra.course.id is 'Customer Complaints'; expected lowercase letters, digits and dashes, like workplace-safety"),
    ("pass-mark-out-of-range", replace("mkdocs.yml", "pass_mark: 80", "pass_mark: 180"),
     "extra.course.pass_mark is 180; expected a whole percentage from 1 to 100, like 80"),
    ("asset-not-found", replace("mkdocs.yml", "  - assets/quiz.js\n", "  - assets/quizz.js\n"),
     "extra_javascript lists 'assets/quizz.js', which is not a file of the site; expected a file under hooks/theme/ or course/"),
]


@pytest.mark.parametrize("change, expected, also", [pytest.param(c, e, (a or [()])[0], id=i) for i, c, e, *a in CASES])
def test_a_mistake_stops_the_build_at_its_line(tmp_path, change, expected, also):
    check(tmp_path, change, expected, also)


def test_a_mkdocs_yml_not_in_utf8_is_named_by_mkdocs_before_the_engine_runs(tmp_path):
    """MkDocs reads mkdocs.yml before any hook: the engine cannot word this one. MkDocs names the
    file and the byte, without a traceback, and builds nothing (AUTHORING.md says so)."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_bytes(config.read_text("utf-8").encode("gb18030"))
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "error parsing the configuration file" in output and "mkdocs.yml" in output, output
    assert not (tmp_path / "site").exists()


def test_a_mkdocs_yml_with_a_byte_order_mark_builds(tmp_path):
    """What Windows Notepad writes: MkDocs reads it, and so does the engine (core/textfile.py)."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text("\ufeff" + config.read_text("utf-8"), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_m_hooks_schema_writes_the_copies_the_build_checks(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "course/_data/terms.schema.json").unlink()
    replace("course/_data/sources.schema.json", '"Course sources"', '"Sources"')(project)
    result = subprocess.run([sys.executable, "-m", "hooks", "schema"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in ("terms", "sources", "style", "strings"):
        assert (project / f"course/_data/{name}.schema.json").read_bytes() == (ROOT / f"course/_data/{name}.schema.json").read_bytes()
