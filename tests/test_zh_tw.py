"""The Traditional Chinese (Taiwan) edition, made of the Simplified Chinese at build time: the
phrase table's corrections in the built pages, no Simplified-only character left, a page written
by hand in place of its conversion, and the conversion report."""

from __future__ import annotations

import html
import json
import pathlib
import re
import subprocess
import sys

import opencc
import pytest

from conftest import ROOT, copy_project, run_build
from coursekit import project
from coursekit.core.errors import ContentError
from coursekit.languages import conversion, settings
from coursekit.outputs import searchindex

PROJECT = project.read_folder(ROOT)
CONVERT = PROJECT.converters["zh-TW"]
TABLE = ROOT / "course" / "_data" / "conversion" / "zh-TW.yml"


def site_text(site: pathlib.Path, root: str) -> str:
    """The text of every HTML page of one language's site (its own folder, not the others'), and
    the titles of its elements (the glossary's tooltips), less the language switch's own names."""
    out = []
    for path in sorted((site / root).rglob("*.html")):
        if not root and path.relative_to(site).parts[0] in ("en", "zh-tw"):
            continue
        page = re.sub(r'<a [^>]*class="md-select__link"[^>]*>.*?</a>', "", path.read_text("utf-8"), flags=re.S)
        # Text in another language, marked as such (the 404 page points to the other editions in their own words).
        page = re.sub(r'<(\w+) [^>]*\blang="(?!zh-TW)[^"]*"[^>]*>.*?</\1>', "", page, flags=re.S) if root else page
        titles = re.findall(r'title="([^"]*)"', page)
        out.append(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)) + " ".join(titles)))
    return "\n".join(out)


@pytest.fixture(scope="module")
def zh_tw(site_dir) -> str:
    return site_text(site_dir, "zh-tw/")


def test_the_issues_words_read_as_taiwan_writes_them(zh_tw):
    for word in ("品質", "回饋", "帳戶", "權限", "發布", "項目"):
        assert word in zh_tw, word
    for word in ("質量", "反饋", "賬戶", "賬", "許可權", "釋出", "引數", "擴充套件", "點明瞭", "不瞭解決", "“", "”"):
        assert word not in zh_tw, word
    assert "「" in zh_tw and "『" in zh_tw


def test_every_correction_of_the_phrase_table_is_in_the_built_pages(site_dir, zh_tw):
    """Each phrase the Simplified site shows is shown as the table says in the Taiwan site."""
    zh = site_text(site_dir, "")
    shown = [phrase for phrase in CONVERT.table.phrases if phrase.source in zh]
    assert len(shown) > 60
    missing = [f"{p.source} -> {p.target} (line {p.line})" for p in shown if p.target not in zh_tw]
    assert not missing, missing


def test_no_simplified_only_character_is_left(site_dir, zh_tw, tmp_path):
    """OpenCC's own character table: a character it converts, and that is not also one of its own
    Traditional forms (发 -> 發 髮; but 后 -> 後 后), is Simplified only."""
    share = pathlib.Path(opencc.__file__).parent / "clib"
    dumped = tmp_path / "STCharacters.txt"
    subprocess.run([str(share / "bin" / "opencc_dict"), "-i", str(share / "share" / "opencc" / "STCharacters.ocd2"),
                    "-o", str(dumped), "-f", "ocd2", "-t", "text"], check=True)
    # 群 -> 羣 in the table, but Taiwan's variants make it 群 again: only what s2twp changes counts.
    s2twp = opencc.OpenCC("s2twp")
    simplified = set()
    for line in dumped.read_text("utf-8").splitlines():
        character, forms = line.split("\t")
        if character not in forms.split(" ") and s2twp.convert(character) != character:
            simplified.add(character)
    assert len(simplified) > 2000 and "发" in simplified and "后" not in simplified
    text = zh_tw + " ".join(d["title"] + d["text"] for d in searchindex.documents(site_dir / "zh-tw" / "search"))
    left = {ch: text[max(0, text.index(ch) - 10): text.index(ch) + 10] for ch in set(text) & simplified}
    assert not left, left
    assert "发" in site_text(site_dir, "")  # the check sees Simplified text where there is some


def test_the_taiwan_site_is_a_site_of_its_own(site_dir):
    home = (site_dir / "zh-tw" / "index.html").read_text("utf-8")
    assert '<html lang="zh-TW"' in home and "<title>客戶投訴處理實務" in home
    assert re.search(r'<a href="[^"]*" hreflang="zh-TW" lang="zh-TW"[^>]*>\s*繁體中文\s*</a>', home)
    index = json.loads((site_dir / "zh-tw" / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"] and "「" in index["config"]["separator"]
    text = " ".join(d["text"] for d in searchindex.documents(site_dir / "zh-tw" / "search"))
    # jieba, given the converted dictionary, keeps Traditional words whole.
    assert "\u200b品質\u200b" in text and "\u200b課程\u200b" in text and "\u200b投訴\u200b" in text
    # The glossary names each term in English beside it, not in Simplified characters.
    glossary = (site_dir / "zh-tw" / "glossary" / "index.html").read_text("utf-8")
    assert "委屈獎" in glossary and "委屈奖" not in glossary and 'lang="en"' in glossary
    assert (site_dir / "zh-tw" / "404.html").exists()
    assert 'hreflang="zh-TW"' in (site_dir / "sitemap.xml").read_text("utf-8")


def test_a_phrase_keeps_opencc_from_reading_across_a_word_boundary():
    raw = opencc.OpenCC("s2twp")
    assert raw.convert("补偿代替不了解决问题") == "補償代替不瞭解決問題"  # what OpenCC alone does
    assert CONVERT("补偿代替不了解决问题") == "補償代替不了解決問題"
    assert CONVERT("服务质量和客户反馈") == "服務品質和客戶回饋"
    assert CONVERT("他说：“客人说‘it’s fine’就好。”") == "他說：「客人說『it’s fine』就好。」"
    # A quotation of several paragraphs opens each one and closes only the last.
    assert CONVERT("“第一段。\n\n“第二段。”") == "「第一段。\n\n「第二段。」"
    assert CONVERT("“第一段。\n\n第二段。”") == "「第一段。\n\n第二段。」"
    assert CONVERT("顾客说 customers’ voice") == "顧客說 customers’ voice"


def test_a_mistake_in_the_phrase_table_stops_at_its_line(tmp_path):
    table = tmp_path / "zh-TW.yml"
    table.write_text("phrases:\n  - {zh: 质量, zh-TW: 品質, why: quality}\n  - {zh: 反馈, zh-TW: 回饋}\n"
                     "  - {zh: 质量, zh-TW: 質量, why: twice}\nwatch:\n  - {word: 專案}\n", "utf-8")
    _, errors = conversion.load(table, "course/_data/conversion/zh-TW.yml", "zh", "zh-TW")
    assert [str(e) for e in errors] == [
        "course/_data/conversion/zh-TW.yml:3: phrase 2 is not valid; expected {zh: …, zh-TW: …, why: …}, each a text",
        "course/_data/conversion/zh-TW.yml:4: phrase '质量' is listed twice (first at line 2); expected each phrase once",
        "course/_data/conversion/zh-TW.yml:6: watch entry 1 is not valid; expected {word: …, why: …}, each a text",
    ]


def test_a_derived_language_names_a_written_one():
    extra = {"languages": {"zh": {"name": "简体中文", "site_name": "课程", "site_description": "课程"},
                           "zh-TW": {"name": "繁體中文", "from": "zh-CN", "convert": "s2twp"}}}
    lines = {("extra", "languages", "zh-TW", "from"): 9}
    with pytest.raises(ContentError) as error:
        settings.from_extra(extra, "mkdocs.yml", lines)
    assert str(error.value) == "mkdocs.yml:9: extra.languages.zh-TW.from is 'zh-CN'; expected a written language of this course: zh"


def test_the_conversion_report_lists_the_watched_words_in_context():
    result = subprocess.run([sys.executable, "-m", "hooks", "conversion-report"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert report.startswith("Conversion report: zh -> zh-TW, OpenCC s2twp and course/_data/conversion/zh-TW.yml")
    assert re.search(r"^Watched words OpenCC wrote \(\d+\)", report, re.M)
    # A watched word, where it is, what it was, and the text around it.
    assert re.search(r"^  course/\S+\.zh\.md:\d+: \S+ -> \S*乾\S* \(乾: .+\): ….+…$", report, re.M), report[:2000]
    assert re.search(r"^  信息 -> 資訊 ×\d+, first at \S+:\d+: …", report, re.M)
    assert re.search(rf"^The phrase table: {len(CONVERT.table.phrases)} phrases, \d+ replacements", report, re.M)
    assert "conversion-report" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_a_page_written_by_hand_replaces_its_conversion_and_parity_checks_it(tmp_path):
    copy = copy_project(tmp_path / "project")
    about = copy / "course" / "about.zh-TW.md"
    written = CONVERT((copy / "course" / "about.zh.md").read_text("utf-8")).replace("## ", "## 手寫 ", 1)
    about.write_text(written, "utf-8")
    course = project.read_folder(copy)
    assert course.errors == []
    page = course.course.page("about.md", "zh-TW")
    assert page.path == "course/about.zh-TW.md" and page.converted is None
    result = run_build(copy, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "手寫" in (tmp_path / "site" / "zh-tw" / "about" / "index.html").read_text("utf-8")
    assert "手寫" not in (tmp_path / "site" / "about" / "index.html").read_text("utf-8")
    # Like any translation, it keeps its source's skeleton.
    about.write_text(written + "\n## 多出來的一節\n", "utf-8")
    errors = [str(e) for e in project.read_folder(copy).errors]
    assert any(e.startswith("course/about.zh-TW.md:1: differs from course/about.zh.md: ") and "second-level (##) headings" in e
               for e in errors), errors


def test_the_maintainers_commands_write_only_the_written_languages(tmp_path):
    """new-module writes no zh-TW files, schema keeps the build's schema, quiz-report reads the banks."""
    copy = copy_project(tmp_path / "project")
    schema = copy / "quizzes" / "quiz.schema.json"
    before = schema.read_text("utf-8")
    hooks = [sys.executable, "-m", "hooks"]
    subprocess.run([*hooks, "schema"], cwd=copy, check=True, capture_output=True)
    assert schema.read_text("utf-8") == before and "zh-TW" not in before
    made = subprocess.run([*hooks, "new-module", "10-new-topic", "--title", "新主题"], cwd=copy, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert "index.zh.md" in made.stdout and "index.en.md" in made.stdout and "zh-TW" not in made.stdout
    assert "zh-TW" not in (copy / "quizzes" / "new-topic.yml").read_text("utf-8")
    course = project.read_folder(copy)
    # (The starter pages do not follow this course's house style; none asks for a zh-TW file.)
    assert not [e for e in course.errors if "zh-TW" in str(e) or "style:" not in e.message], course.errors
    assert course.course.page("10-new-topic/index.md", "zh-TW").converted.startswith("---")
    report = subprocess.run([*hooks, "quiz-report"], cwd=copy, capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr


def test_the_default_language_is_cut_the_same_after_the_derived_ones_build():
    """jieba is one for the process: after a build of zh-TW with its converted dictionary, and on
    every rebuild under `mkdocs serve`, the Simplified pages are cut with the same dictionary and
    counts as in the first build (a term added twice would change both)."""
    import jieba

    from coursekit.languages import search

    langs = PROJECT.languages
    text = "投诉处理过程中，先处理心情再处理事情；服务补救要说到做到。"

    def cut() -> tuple[int, list[str]]:
        return jieba.dt.total, jieba.lcut(text)

    search.prepare(PROJECT.terms, langs.get("zh"))
    first = cut()
    search.prepare(PROJECT.terms, langs.get("zh-TW"), CONVERT)
    assert "服務品質" in jieba.lcut(CONVERT("服务质量很重要"))
    search.prepare(PROJECT.terms, langs.get("zh"))
    search.prepare(PROJECT.terms, langs.get("zh"))
    assert cut() == first
