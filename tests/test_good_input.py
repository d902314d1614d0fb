"""Inputs that look like mistakes but are not: a byte-order mark or Windows line ends (what
Windows editors write), a marker or a heading shown in code, a draft parked in a comment, a
reference link or a footnote with its definition. The checks must raise no alarm on them: each
case is read as the build reads a project (coursekit/project.py), and one build of the course
with all of them at once must succeed and show each as Markdown does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from coursekit import project
from coursekit.core import yamlsource
from mistakes import both, insert, replace

ABOUT = {"zh": "## 写作原则", "en": "## How it was written"}


def in_both(text: str):
    return both(*(insert(f"course/about.{lang}.md", ABOUT[lang], text) for lang in ("zh", "en")))


def bom(path: str):
    def change(root: Path):
        file = root / path
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
        return path, 1
    return change


def crlf(path: str):
    def change(root: Path):
        file = root / path
        file.write_bytes(file.read_bytes().replace(b"\n", b"\r\n"))
        return path, 1
    return change


CASES = [
    ("page-with-byte-order-mark", bom("course/about.en.md")),
    ("bank-with-byte-order-mark", bom("quizzes/why-complaints.yml")),
    ("terms-with-byte-order-mark", bom("course/_data/terms.yml")),
    ("page-with-windows-line-ends", crlf("course/about.zh.md")),
    ("guide-with-windows-line-ends", crlf("course/01-why-complaints/guide.en.md")),
    ("bank-with-windows-line-ends", crlf("quizzes/why-complaints.yml")),
    ("marker-in-a-code-fence", in_both("```markdown\n<!-- md:quiz spotting-hazards -->\n<!-- md:sources nobody-2020 -->\n```\n\n")),
    ("marker-in-inline-code", in_both("Write `<!-- md:quiz <id> -->` where the quiz goes.\n\n")),
    ("block-in-a-code-fence", in_both("~~~text\n/// senario | not a block\n///\n~~~\n\n")),
    ("heading-in-a-code-fence-in-one-language", insert("course/about.en.md", ABOUT["en"], "````markdown\n```\n## Key points\n```\n````\n\n")),
    ("heading-in-a-comment-in-one-language", insert("course/about.en.md", ABOUT["en"], "<!--\n## A draft section\nparked for later\n-->\n\n")),
    ("marker-in-a-parked-draft", insert("course/about.zh.md", ABOUT["zh"], "<!-- 草稿：<!-- md:sources covey-1989 -->\n\n")),
    ("comment-inside-a-paragraph", insert("course/about.en.md", ABOUT["en"], "A sentence <!-- a note to reviewers --> goes on.\n\n")),
    ("reference-link-with-its-definition", insert("course/about.en.md", ABOUT["en"], "See [the map][map].\n\n[map]: course-map.md\n\n")),
    ("footnote-with-its-definition", insert("course/about.zh.md", ABOUT["zh"], "事实均已核对[^checked]。\n\n[^checked]: 见参考来源页。\n\n")),
    ("autolink-in-quiz-text", replace("quizzes/why-complaints.yml", "en: Why complaints matter", "en: Why complaints matter <https://example.org/>")),
    ("autolink-in-a-source-note", replace("course/_data/sources.yml", "condenses it to three steps", "condenses it to three steps (<https://example.org/gift>)")),
    ("quoted-comma-in-a-flow-mapping", replace("course/_data/style.yml", 'why: One name for sticky notes.', 'why: "One name, for sticky notes."')),
    ("module-terms-with-only-comments", lambda root: ((root / "course/01-why-complaints/terms.yml").write_text("# none yet\n", "utf-8"), ("", 1))[1]),
]


def read(root: Path) -> list[str]:
    """The content errors of the project at `root`, read as the build reads it."""
    config = yamlsource.settings((root / "mkdocs.yml").read_text("utf-8-sig"))
    docs = root / "course"
    uris = tuple(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if "_data" not in p.parts and p.name != "STYLE.md"))
    return [str(e) for e in project.read((root / "mkdocs.yml").resolve(), docs.resolve(), config["extra"], uris, None).errors]


@pytest.mark.parametrize("change", [pytest.param(c, id=i) for i, c in CASES])
def test_no_false_alarm(tmp_path, change):
    root = copy_project(tmp_path / "project")
    change(root)
    assert read(root) == []


def test_the_course_with_every_such_input_at_once_builds_and_reads_as_markdown_does(tmp_path):
    root = copy_project(tmp_path / "project")
    for _, change in CASES:
        change(root)
    site = tmp_path / "site"
    result = run_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    en = (site / "en" / "about" / "index.html").read_text("utf-8")
    zh = (site / "about" / "index.html").read_text("utf-8")
    assert "&lt;!-- md:quiz spotting-hazards --&gt;" in en and "&lt;!-- md:quiz &lt;id&gt; --&gt;" in en  # shown as code
    assert "A draft section" not in re.sub(r"<!--.*?-->", "", en, flags=re.S)  # a comment stays hidden
    assert 'href="../course-map/"' in en  # the reference link resolves
    assert 'class="footnote"' in zh and "见参考来源页。" in zh
    assert "<h1" in en and "About this course" in en  # the page with a byte-order mark keeps its front matter
    sources = (site / "en" / "sources" / "index.html").read_text("utf-8")
    assert '<a href="https://example.org/gift">https://example.org/gift</a>' in sources  # an autolink in data text is a link
