"""The certificate of completion on "My progress", in a real browser: offered only once every quiz
of the course is passed at the pass mark of mkdocs.yml, and printed on one page with the
learner's name, the course, its modules and classroom hours, and the date, in the page's language."""

from __future__ import annotations

import json
import math
import re
import subprocess

import pytest
import yaml
from test_a11y import AXE, TAGS

from conftest import ROOT
from coursekit.course import model
from coursekit.quiz import bank as quizbank

BANKS = quizbank.load_banks(ROOT, ("zh", "en"))
COURSE, _ = model.load(ROOT / "course", ROOT, ("zh", "en"))
QUIZZES = [m.lesson("en").meta["quiz"] for m in COURSE.modules if m.lesson("en").meta.get("quiz")]
PASS_MARK = yaml.safe_load(re.search(r"^  course:\n(?:    .*\n)+", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[0])["course"]["pass_mark"]
PROGRESS = {"en": "en/progress/", "zh": "progress/"}


def store(page, scores: dict[str, int]) -> None:
    for quiz, best in scores.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"customer-complaints/v1/quiz/{quiz}", json.dumps({"answers": {}, "best": best})])


def lowest_pass(quiz: str) -> int:
    return math.ceil(PASS_MARK * len(BANKS[quiz]["questions"]) / 100)


def offered(page) -> bool:
    return page.locator("[data-certificate-form]").is_visible()


def test_the_certificate_is_offered_only_once_every_quiz_is_passed(page, site_url):
    page.goto(f"{site_url}{PROGRESS['en']}")
    assert not offered(page) and page.locator("[data-certificate-locked]").is_visible()
    assert f"{PASS_MARK}%" in page.locator("[data-certificate-locked]").inner_text()
    passed = {quiz: lowest_pass(quiz) for quiz in QUIZZES}
    store(page, {**passed, QUIZZES[-1]: lowest_pass(QUIZZES[-1]) - 1})  # one quiz just below the mark
    page.reload()
    assert not offered(page)
    store(page, passed)  # every quiz exactly at the mark
    page.reload()
    assert offered(page) and not page.locator("[data-certificate-locked]").is_visible()


@pytest.mark.parametrize("lang", PROGRESS)
def test_the_certificate_prints_on_one_page_with_the_name_course_and_hours(page, site_url, tmp_path, lang):
    page.goto(f"{site_url}{PROGRESS[lang]}")
    store(page, {quiz: len(BANKS[quiz]["questions"]) for quiz in QUIZZES})
    page.reload()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.locator("[data-certificate-form] button[type=submit]")
    button.click()
    assert page.evaluate("window.__printed") == 0  # no name, no certificate
    page.get_by_label(re.compile("Your name|你的姓名")).fill("Li Mei")
    button.click()
    assert page.evaluate("window.__printed") == 1
    path = tmp_path / "certificate.pdf"
    path.write_bytes(page.pdf(format="A4"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    hours = round(sum(m.lesson(lang).meta["duration"] for m in COURSE.modules) / 60, 1)
    title = {"en": "HandlingCustomerComplaints", "zh": "客户投诉处理实务"}[lang]
    statement = {"en": "notthe result of an examination", "zh": "这不是考试成绩"}[lang].replace(" ", "")
    assert "LiMei" in text and title in text and f"{hours:g}" in text and statement in text, text
    assert all(re.sub(r"\s+", "", m.lesson(lang).meta["title"]) in text for m in COURSE.modules)
    year = page.evaluate("new Date().getFullYear()")
    assert str(year) in text
    assert "My progress" not in text and "我的学习进度" not in text  # the certificate alone
    # after printing, the page is the page again
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.body.classList.contains('course-certificate-printing')")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", PROGRESS)
def test_the_offered_certificate_has_no_axe_violations(browser, site_url, lang, scheme):
    """My progress with the certificate's form showing (test_a11y checks it locked)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}{PROGRESS[lang]}")
    store(page, {quiz: len(BANKS[quiz]["questions"]) for quiz in QUIZZES})
    page.reload()
    assert offered(page)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))", TAGS)
    context.close()
    assert not violations, violations
