"""Glossary tooltips: the first use of a term in a lesson carries its definition, in both languages."""

from __future__ import annotations

import re

from coursekit.course import glossary

TERMS = [
    glossary.Term("complaint", {"zh": "投诉", "en": "complaint"}, {"zh": "不满的表达。", "en": "An expression of dissatisfaction."}),
    glossary.Term("handling", {"zh": "投诉处理", "en": "complaint handling"}, {"zh": "全过程。", "en": "The whole process & its <steps>."}),
    glossary.Term("empathy", {"zh": "共情", "en": "empathy"}, {"zh": "理解对方。", "en": "Feeling with."}),
]


def test_the_first_use_of_each_term_is_marked_and_only_that():
    html = "<p>Complaint handling matters. A complaint is a gift; every complaint counts.</p>"
    out = glossary.add_tooltips(html, TERMS, "en", True)
    # The longest name wins, any case; the definition is escaped for the attribute.
    assert out.count("<abbr") == 2
    assert '<abbr title="The whole process &amp; its &lt;steps>." tabindex="0">Complaint handling</abbr>' in out
    assert '<abbr title="An expression of dissatisfaction." tabindex="0">complaint</abbr> is a gift' in out
    assert out.endswith("every complaint counts.</p>")


def test_english_terms_match_whole_words_only():
    out = glossary.add_tooltips("<p>Complaints and noncomplaint, then complaint.</p>", TERMS, "en", True)
    assert out == '<p>Complaints and noncomplaint, then <abbr title="An expression of dissatisfaction." tabindex="0">complaint</abbr>.</p>'


def test_chinese_terms_match_inside_running_text():
    out = glossary.add_tooltips("<p>每一次投诉处理都需要共情。投诉是礼物。</p>", TERMS, "zh", False)
    assert out == '<p>每一次<abbr title="全过程。" tabindex="0">投诉处理</abbr>都需要<abbr title="理解对方。" tabindex="0">共情</abbr>。<abbr title="不满的表达。" tabindex="0">投诉</abbr>是礼物。</p>'


def test_headings_links_code_and_controls_are_left_alone():
    html = ('<h2 id="x">Empathy</h2><p><a href="#">empathy</a> <code>empathy</code></p>'
            '<label>empathy</label><p>Then empathy.</p>')
    out = glossary.add_tooltips(html, TERMS, "en", True)
    assert out.count("<abbr") == 1 and out.endswith('<p>Then <abbr title="Feeling with." tabindex="0">empathy</abbr>.</p>')
    assert glossary.add_tooltips('<p title="empathy">none</p>', TERMS, "en", True) == '<p title="empathy">none</p>'


def test_a_built_lesson_marks_its_terms(site_dir):
    for folder in ("", "en/"):
        html = (site_dir / folder / "01-why-complaints" / "index.html").read_text("utf-8")
        article = html[html.index('<article'):html.index('</article>')]
        titles = re.findall(r'<abbr title="([^"]+)" tabindex="0">([^<]+)</abbr>', article)
        assert len(titles) >= 3, folder
        words = [word.casefold() for _, word in titles]
        assert len(words) == len(set(words)), f"{folder}: a term marked twice: {words}"
    # The glossary page lists the same definitions it shows as tooltips.
    glossary_page = (site_dir / "en" / "glossary" / "index.html").read_text("utf-8")
    assert "emotional bank account" in glossary_page
