"""The quiz in a real browser (Debian's Chromium through Playwright), on the real built course:
keyboard-only use, feedback, score, progress across reloads, languages and instant navigation,
garbage in localStorage, and reading the answers with JavaScript off."""

from __future__ import annotations

import json

import pytest
from test_quiz_build import lessons_with_quiz
from test_quiz_render import Tree

from conftest import ROOT
from coursekit.core import inline
from coursekit.languages import strings
from coursekit.quiz import bank as quizbank

LABELS = {lang: strings.group("quiz", lang) for lang in ("zh", "en")}
BANKS = quizbank.load_banks(ROOT, ("zh", "en"))
# The first lesson whose quiz has every question type, so that every kind of control is driven.
FOLDER, QUIZ = next((folder, quiz) for folder, quiz in lessons_with_quiz().items()
                    if {x["type"] for x in BANKS[quiz]["questions"]} == {"single", "multiple", "truefalse", "ordering", "scenario"})
BANK = BANKS[QUIZ]
QUESTIONS = BANK["questions"]
TOTAL = len(QUESTIONS)
KEY = f"customer-complaints/v1/quiz/{QUIZ}"
LESSON = {"zh": f"{FOLDER}/", "en": f"en/{FOLDER}/"}


def plain(markdown: str) -> str:
    """What the learner reads of a text written in Markdown."""
    return "".join(Tree(inline.render(markdown)).text)


def correct(question: dict) -> list[int]:
    """The answer as option indexes, or for ordering the step indexes in order."""
    if question["type"] == "truefalse":
        return [0 if question["answer"] else 1]
    if question["type"] == "ordering":
        return list(range(len(question["steps"])))
    return [i for i, option in enumerate(question["options"]) if option.get("correct")]


def wrong_with_feedback(question: dict) -> int | None:
    options = question.get("options", [])
    return next((i for i, o in enumerate(options) if not o.get("correct") and "feedback" in o), None)


def q(page, question: dict):
    return page.locator(f"#quiz-{QUIZ}-{question['id']}")


def score(page) -> str:
    return page.locator(".quiz__score").inner_text().replace("\n", " ")


def expected_score(lang: str, n: int, best: int) -> str:
    t = LABELS[lang]
    return f"{t['score'].format(score=n, total=TOTAL)} {t['best'].format(best=best, total=TOTAL)}"


def answer_by_pointer(page, question: dict, given: list[int]):
    box = q(page, question)
    if question["type"] == "ordering":
        raise ValueError("ordering is answered by keyboard in these tests")
    for i in given:
        box.locator(f"input[value='{i}']").check()
    box.locator("[data-action=check]").click()


def open_lesson(page, site_url, lang="zh"):
    page.goto(site_url + LESSON[lang])
    page.wait_for_selector(".quiz.quiz--js")


def tab_until(page, predicate: str, limit: int = 80, key: str = "Tab"):
    """Press Tab until `predicate` (JavaScript over `el`, the focused element) holds."""
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"Tab never reached: {predicate}")


def inside(question: dict, selector: str) -> str:
    return f"el.matches({json.dumps(selector)}) && el.closest('.quiz-q')?.dataset.question === {json.dumps(question['id'])}"


def answer_by_keyboard(page, question: dict):
    if question["type"] == "ordering":
        for step in range(len(question["steps"])):
            tab_until(page, inside(question, "button[data-move='-1']") + f" && el.closest('li').dataset.step === '{step}'")
            position = page.evaluate("[...document.activeElement.closest('ol').children].indexOf(document.activeElement.closest('li'))")
            for _ in range(position - step):
                page.keyboard.press("Enter")
    elif question["type"] == "multiple":
        tab_until(page, inside(question, "input[value='0']"))
        for i in range(len(question["options"])):
            if i in correct(question):
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    else:
        tab_until(page, inside(question, "input"))
        page.keyboard.press("Space")
        for _ in range(correct(question)[0]):
            page.keyboard.press("ArrowDown")
    tab_until(page, inside(question, "[data-action=check]"))
    page.keyboard.press("Enter")


def test_a_whole_quiz_by_keyboard_alone(page, site_url):
    page.goto(site_url + LESSON["zh"] + "#" + "自我检测")
    page.wait_for_selector(".quiz.quiz--js")
    for question in QUESTIONS:
        answer_by_keyboard(page, question)
        box = q(page, question)
        assert box.locator(".quiz-q__result").inner_text() == f"✓ {LABELS['zh']['right']}", question["id"]
        assert box.locator(".quiz-q__explanation").is_visible()
        # the focus stays in the quiz, on the way to the next question
        assert page.evaluate("document.activeElement.dataset.action") == "retry"
    assert score(page) == expected_score("zh", TOTAL, TOTAL)


def test_wrong_then_right_answers_show_their_own_feedback(page, site_url):
    question = next(x for x in QUESTIONS if x["type"] in ("single", "scenario") and wrong_with_feedback(x) is not None)
    wrong, right = wrong_with_feedback(question), correct(question)[0]
    open_lesson(page, site_url)
    box = q(page, question)
    answer_by_pointer(page, question, [wrong])
    assert box.locator(".quiz-q__result").inner_text() == "✗ 不正确"
    feedback = box.locator(".quiz-q__feedback")
    assert feedback.nth(wrong).is_visible()
    assert plain(question["options"][wrong]["feedback"]["zh"]) in feedback.nth(wrong).inner_text()
    assert "✗ 不正确" in feedback.nth(wrong).inner_text()
    assert feedback.nth(right).is_hidden()
    assert box.locator(".quiz-q__explanation").is_visible()
    assert score(page) == expected_score("zh", 0, 0)

    box.locator("[data-action=retry]").click()
    assert box.locator(".quiz-q__explanation").is_hidden()
    assert feedback.nth(wrong).is_hidden()
    answer_by_pointer(page, question, [right])
    assert box.locator(".quiz-q__result").inner_text() == "✓ 正确"
    assert feedback.nth(right).is_visible() and "✓ 正确" in feedback.nth(right).inner_text()
    if "feedback" in question["options"][right]:
        assert plain(question["options"][right]["feedback"]["zh"]) in feedback.nth(right).inner_text()
    assert feedback.nth(wrong).is_hidden()
    assert score(page) == expected_score("zh", 1, 1)


def test_progress_survives_reload_and_switching_language(page, site_url):
    choice = [x for x in QUESTIONS if x["type"] != "ordering"][:3]
    open_lesson(page, site_url)
    answer_by_pointer(page, choice[0], correct(choice[0]))
    answer_by_pointer(page, choice[1], correct(choice[1]))
    wrong = [i for i in range(len(q(page, choice[2]).locator("input").all())) if i not in correct(choice[2])][:1]
    answer_by_pointer(page, choice[2], wrong)
    assert score(page) == expected_score("zh", 2, 2)
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
    assert stored == {"answers": {choice[0]["id"]: correct(choice[0]), choice[1]["id"]: correct(choice[1]),
                                  choice[2]["id"]: wrong}, "best": 2}

    page.reload()
    page.wait_for_selector(".quiz.quiz--js")
    assert score(page) == expected_score("zh", 2, 2)
    assert q(page, choice[2]).locator(".quiz-q__result").inner_text() == "✗ 不正确"

    for lang in ("en", "zh"):
        open_lesson(page, site_url, lang)
        assert score(page) == expected_score(lang, 2, 2)
        first = q(page, choice[0])
        assert first.locator(".quiz-q__result").inner_text() == f"✓ {LABELS[lang]['right']}"
        assert [first.locator(f"input[value='{i}']").is_checked() for i in correct(choice[0])] == [True] * len(correct(choice[0]))
        assert first.locator("input").first.is_disabled()

    page.goto(site_url + "en/progress/")
    cells = page.locator("[data-progress]")
    assert page.locator(f"[data-progress='{QUIZ}']").inner_text() == f"2 / {TOTAL}"
    others = [c.inner_text() for c in cells.all() if c.get_attribute("data-progress") != QUIZ]
    assert others and set(others) == {LABELS["en"]["not_started"]}


def test_quiz_works_after_instant_navigation_away_and_back(page, site_url):
    question = next(x for x in QUESTIONS if x["type"] != "ordering")
    open_lesson(page, site_url)
    answer_by_pointer(page, question, correct(question))
    page.evaluate("window.stillTheSamePage = true")

    page.locator(".md-nav--primary a[href$='progress/']").first.click()
    # Material's anchor tracking may carry a #fragment along; the page is what counts.
    page.wait_for_url(lambda url: url.split("#")[0].endswith("/progress/"))
    assert page.evaluate("window.stillTheSamePage"), "navigation reloaded the page: instant navigation is off"
    # Instant navigation changes the URL before it swaps the content in.
    page.wait_for_function(f"document.querySelector('[data-progress={QUIZ}]')?.textContent === '1 / {TOTAL}'")

    page.go_back()
    page.wait_for_url(lambda url: url.split("#")[0].endswith(f"/{FOLDER}/"))
    page.wait_for_selector(".quiz.quiz--js")
    assert page.evaluate("window.stillTheSamePage")
    assert score(page) == expected_score("zh", 1, 1)
    box = q(page, question)
    box.locator("[data-action=retry]").click()
    assert box.locator(".quiz-q__result").inner_text() == ""
    answer_by_pointer(page, question, correct(question))
    assert box.locator(".quiz-q__result").inner_text() == "✓ 正确"
    # checked once, not once per visit
    assert page.locator(f"#quiz-{QUIZ}").count() == 1
    assert score(page) == expected_score("zh", 1, 1)


GARBAGE = {
    "customer-complaints/v1/quiz/four-principles": json.dumps({"answers": [1, 2], "best": "lots"}),
    "customer-complaints/v1/quiz/handling-process": "null",
    "customer-complaints/v1/quiz/difficult-customers": json.dumps({"answers": None, "best": 3}),
}


@pytest.mark.parametrize("stored", [
    "{not json",
    "null",
    "42",
    json.dumps({"answers": [1, 2], "best": "lots"}),
    json.dumps({"answers": {QUESTIONS[0]["id"]: [99], QUESTIONS[1]["id"]: "x", "gone": [0]}, "best": 1e9}),
    json.dumps({"answers": {QUESTIONS[0]["id"]: [0, 1], QUESTIONS[-1]["id"]: [0, 0, 0]}, "best": -5}),
])
def test_garbage_in_storage_is_ignored_and_replaced(page, site_url, stored):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_lesson(page, site_url)
    for key, value in {**GARBAGE, KEY: stored}.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    page.reload()
    page.wait_for_selector(".quiz.quiz--js")
    assert score(page) in (expected_score("zh", 0, 0), expected_score("zh", 0, TOTAL))
    question = next(x for x in QUESTIONS if x["type"] != "ordering")
    answer_by_pointer(page, question, correct(question))
    assert q(page, question).locator(".quiz-q__result").inner_text() == "✓ 正确"
    replaced = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
    assert replaced["answers"] == {question["id"]: correct(question)}
    page.goto(site_url + "progress/")
    page.wait_for_selector(f"[data-progress='{QUIZ}']")
    assert page.locator("[data-progress='four-principles']").inner_text() == LABELS["zh"]["not_started"]
    assert not errors


def test_progress_saved_under_the_courses_former_id_is_carried_over_once(page, site_url):
    """Before the course had an id of its own, progress was saved under `complaints-course/v1/`:
    the first visit moves it to the course's own keys, quizzes and answer spaces alike."""
    first = QUESTIONS[0]
    old = {"answers": {first["id"]: correct(first)}, "best": 1}
    sheet = f"customer-complaints/v1/answers/{FOLDER}/1"
    page.goto(site_url + "about/")
    page.evaluate("""([quiz, answer, state]) => {
        localStorage.clear();
        localStorage.setItem("complaints-course/v1/quiz/" + quiz, state);
        localStorage.setItem("complaints-course/v1/answers/" + answer, "what I wrote last year");
        localStorage.setItem("other-course/v1/quiz/" + quiz, "theirs");
    }""", [QUIZ, f"{FOLDER}/1", json.dumps(old)])
    open_lesson(page, site_url)
    assert score(page) == expected_score("zh", 1, 1)
    assert q(page, first).locator(".quiz-q__result").inner_text() == "✓ 正确"
    stored = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    assert json.loads(stored[KEY]) == old
    assert stored[sheet] == "what I wrote last year"
    assert not [key for key in stored if key.startswith("complaints-course/")]
    assert stored[f"other-course/v1/quiz/{QUIZ}"] == "theirs"  # another course's progress is not ours to move
    page.goto(site_url + f"{FOLDER}/exercises/")
    assert page.locator("textarea[data-course-answer='1']").input_value() == "what I wrote last year"


def test_without_javascript_the_answers_are_in_collapsed_details(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + LESSON["en"])
    details = page.locator(".quiz-q__answer")
    assert details.count() == TOTAL
    assert page.locator("[data-action=check]").first.is_hidden()
    n, first = next((n, x) for n, x in enumerate(QUESTIONS) if "options" in x)
    answer = details.nth(n)
    assert answer.get_attribute("open") is None
    answer.locator("summary").click()
    assert answer.locator(".quiz-answer").is_visible()
    text = answer.inner_text()
    assert LABELS["en"]["correct_answer"] in text
    assert plain(first["options"][correct(first)[0]]["text"]["en"]) in text
    assert plain(first["explanation"]["en"]) in text
    context.close()


def test_quiz_fits_a_phone_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + LESSON["zh"])
    page.wait_for_selector(".quiz.quiz--js")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator(".quiz").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    context.close()
