"""Quiz banks as HTML: the interactive quiz, the paper edition, the answer key, the progress table."""

from __future__ import annotations

import copy
import gzip
import re
from html.parser import HTMLParser

import pytest
import yaml
from test_quiz_bank import GOOD

from conftest import ROOT
from coursekit.languages import strings
from coursekit.quiz import render as quizrender

BANK = {"id": "test-quiz", **yaml.safe_load(GOOD)}
ASSETS = ROOT / "hooks" / "theme" / "assets"


class Tree(HTMLParser):
    """The start tags of a fragment, with their attributes, and its text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


@pytest.mark.parametrize("lang, other", [("zh", "en"), ("en", "zh")])
def test_quiz_speaks_the_page_language_only(lang, other):
    html = quizrender.render_quiz(BANK, lang)
    for question in BANK["questions"][1:]:  # the first has Markdown, checked below
        assert question["explanation"][lang] in html
        assert question["explanation"][other] not in html
    assert strings.t("quiz.check", lang) in html


def test_quiz_is_accessible_html():
    tree = Tree(quizrender.render_quiz(BANK, "en"))
    questions = tree.all("li", **{"class": "quiz-q"})
    assert [q["data-question"] for q in questions] == [q["id"] for q in BANK["questions"]]
    assert len(tree.all("fieldset")) == len(tree.all("legend")) == len(questions)
    # every input sits in a label, every button is a real button that submits nothing
    html = quizrender.render_quiz(BANK, "en")
    assert html.count("<input") == html.count("<label><input") == 2 + 3 + 2 + 2
    assert all(b.get("type") == "button" for b in tree.all("button"))
    assert len(tree.all("p", **{"aria-live": "polite"})) == len(questions) + 1
    assert all(a.get("aria-label", "").startswith(("Move up: ", "Move down: ")) for a in tree.all("button") if "data-move" in a)
    ids = [a["id"] for _, a in tree.tags if "id" in a]
    assert len(ids) == len(set(ids))
    # the scenario's customer describes its question
    assert tree.all("fieldset", **{"aria-describedby": "quiz-test-quiz-angry-caller-customer"})


def test_quiz_without_javascript_has_the_answers_in_details():
    html = quizrender.render_quiz(BANK, "en")
    tree = Tree(html)
    assert len(tree.all("details", **{"class": "quiz-q__answer"})) == len(BANK["questions"])
    # controls that need JavaScript start hidden; quiz.js shows them
    assert '<p class="quiz-q__actions" hidden>' in html
    assert '<div class="quiz__footer" hidden>' in html
    after_details = html.split("<details", 1)[1]
    assert "Leave <em>without a word</em> <strong>(correct answer)</strong>" in after_details


def test_inline_markdown_is_rendered():
    html = quizrender.render_quiz(BANK, "en")
    assert "Leave <em>without a word</em>" in html
    assert '<a href="https://example.org/tarp">TARP</a>' in html


def test_true_false_offers_true_and_false_with_the_right_one_marked():
    tree = Tree(quizrender.render_quiz(BANK, "zh"))
    radios = tree.all("input", name="quiz-test-quiz-thank-first")
    assert ["data-correct" in r for r in radios] == [True, False]
    assert "对" in tree.text and "错" in tree.text


def test_ordering_shows_the_steps_shuffled_the_same_way_every_build():
    first = Tree(quizrender.render_quiz(BANK, "en"))
    steps = [int(a["data-step"]) for a in first.all("li") if "data-step" in a]
    assert sorted(steps) == [0, 1, 2, 3]
    assert steps != [0, 1, 2, 3]
    again = Tree(quizrender.render_quiz(copy.deepcopy(BANK), "zh"))
    assert [int(a["data-step"]) for a in again.all("li") if "data-step" in a] == steps


def test_paper_edition_has_lettered_choices_and_no_answers():
    html = quizrender.render_paper(BANK, "en")
    assert "A. Complain" in html and "B. Leave <em>without a word</em>" in html
    assert "data-correct" not in html
    for question in BANK["questions"]:
        assert question["explanation"]["en"] not in html
        for option in question.get("options", []):
            if "feedback" in option:
                assert option["feedback"]["en"] not in html
    assert "“This is the third time I&rsquo;ve called!”" in html


def test_answer_key_gives_answers_by_the_papers_letters():
    paper = Tree(quizrender.render_paper(BANK, "en"))
    key = quizrender.render_answer_key(BANK, "en")
    assert "B. Leave <em>without a word</em> <strong>(correct answer)</strong>" in key
    assert "Only a few do." in key and "Thanks calm things down." in key
    for question in BANK["questions"][1:]:
        assert question["explanation"]["en"] in key
    assert 'See <a href="https://example.org/tarp">TARP</a>.' in key
    # the correct order numbered 1…n, each step with the letter it carries on paper
    letters = {text: line.split(".")[0][-1] for line in paper.text for text in ("Listen", "Apologise", "Offer options", "Follow up")
               if line.strip().endswith(f". {text}")}
    order = "".join(f"<li>({letters[s]}) {s}</li>\n" for s in ("Listen", "Apologise", "Offer options", "Follow up"))
    assert f'<ol class="quiz-answer__order">\n{order}</ol>' in key


def test_a_pinned_option_keeps_its_written_index_and_is_marked_for_the_script():
    bank = copy.deepcopy(BANK)
    bank["questions"][0]["options"].append({"text": {"zh": "我不确定", "en": "I’m not sure"}, "pin": True})
    html = quizrender.render_quiz(bank, "en")
    assert html.count("<li data-pin>") == 1
    assert '<li data-pin><label><input type="radio" name="quiz-test-quiz-silent-majority" value="2">' in html


def test_each_question_carries_its_choices_as_on_paper_for_print():
    def choices(html: str) -> list[str]:
        return re.findall(r'<ul class="quiz-paper__choices">.*?</ul>', html, re.S)

    on_paper = choices(quizrender.render_paper(BANK, "en"))
    assert len(on_paper) == len(BANK["questions"]) and "B. Leave <em>without a word</em>" in on_paper[0]
    assert choices(quizrender.render_quiz(BANK, "en")) == on_paper


def test_progress_lists_every_quiz_with_its_lesson():
    html = quizrender.render_progress([(BANK, "../01-x/", "Why <complaints>")], "zh")
    tree = Tree(html)
    assert tree.all("td", **{"data-progress": "test-quiz", "data-total": "5"})
    assert tree.all("a", href="../01-x/")
    assert "Why &lt;complaints&gt;" in html
    assert 'data-not-started="未开始"' in html


HOSTILE = {
    "id": "hostile",
    "title": {"zh": "<script>alert(1)</script>", "en": "<script>alert(1)</script>"},
    "questions": [
        {
            "id": "q", "type": "scenario",
            "customer": {"zh": "<img src=x onerror=alert(1)>", "en": "<img src=x onerror=alert(1)>"},
            "prompt": {"zh": "<b onmouseover=alert(1)>hi</b>", "en": "<b onmouseover=alert(1)>hi</b>"},
            "options": [
                {"text": {"zh": "<script>alert(2)</script>", "en": "<script>alert(2)</script>"}, "correct": True,
                 "feedback": {"zh": "[x](javascript:alert(3))", "en": "[x](javascript:alert(3))"}},
                {"text": {"zh": '"><svg onload=alert(4)>', "en": '"><svg onload=alert(4)>'}},
            ],
            "explanation": {"zh": "<iframe src=//evil>", "en": "<iframe src=//evil>"},
        },
        {
            "id": "o", "type": "ordering", "prompt": {"zh": "p", "en": "p"},
            "steps": [{"zh": f'<img src=x onerror=alert({i})>"', "en": f'<img src=x onerror=alert({i})>"'} for i in range(3)],
            "explanation": {"zh": "e", "en": "e"},
        },
    ],
}


@pytest.mark.parametrize("render", [quizrender.render_quiz, quizrender.render_paper, quizrender.render_answer_key])
def test_no_quiz_text_can_inject_markup_or_script(render):
    html = render(HOSTILE, "en")
    tags = {tag for tag, _ in Tree(html).tags}
    assert not tags & {"script", "img", "iframe", "svg", "b"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html
    assert not any(k.startswith("on") for _, attrs in Tree(html).tags for k in attrs)


def test_quiz_script_and_styles_fit_the_budget():
    size = sum(len(gzip.compress((ASSETS / name).read_bytes(), 9)) for name in ("quiz.js", "quiz.css"))
    assert size <= 8192, f"quiz.js + quiz.css are {size} bytes gzipped; the budget is 8192"


def test_the_plain_text_shortcut_gives_what_markdown_gives():
    """inline.render skips Markdown for text without markup: on every text of the real banks,
    terms and sources, and on texts made to tempt it, it gives what Markdown gives."""
    from coursekit.core import inline
    from coursekit.quiz import bank as quizbank

    texts: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            texts.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(quizbank.load_banks(ROOT, ("zh", "en")))
    for path in [ROOT / "course/_data/sources.yml", ROOT / "course/_data/terms.yml", *ROOT.glob("course/*/terms.yml")]:
        walk(yaml.safe_load(path.read_text("utf-8")))
    tempting = [
        "", " lead", "trail ", "two  spaces", "1. Listen", "12) Apologise", "# Title", "> quote", "- item", "+ item",
        "a -- b", "wait...", "\"quoted\" and 'single'", "x<y & z>w", "*em* _em_", "[link](http://x)", "`code`",
        "line\nbreak", "tab\there", "Question 3. Then 4) steps", "it's", "50% off = fair?", "顾客说：“我要退款！”",
        "A: b", "~ tilde", "| pipe", "==mark==", "!not an image", "(aside)", "https://example.org/plain",
        "mail me at a@b.c", "----", "***", "1.5 million", "C++ and C#", "&amp;", "\\*not em\\*",
    ]
    shortcut = [t for t in [*texts, *tempting] if inline.render(t) != inline.convert(t)]
    assert len(texts) > 500 and not shortcut
