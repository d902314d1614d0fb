"""The quiz in a real browser (Debian's Chromium through Playwright), on the real built course:
keyboard-only use, feedback, score, progress across reloads, languages and instant navigation,
garbage in localStorage, progress saved before options were shuffled, options in a new order on
each attempt, the solution, Reset, moving steps by keyboard, print, and reading the answers with
JavaScript off."""

from __future__ import annotations

import copy
import json

import pytest
from test_quiz_build import lessons_with_quiz
from test_quiz_render import Tree

from conftest import ROOT
from coursekit.core import inline
from coursekit.languages import strings
from coursekit.quiz import bank as quizbank
from coursekit.quiz import render as quizrender

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
ORDERING = next(x for x in QUESTIONS if x["type"] == "ordering")
SOLVED = list(range(len(ORDERING["steps"])))
# A one-answer question with three or more options, each with feedback.
CHOICE = next(x for x in QUESTIONS if x["type"] in ("single", "scenario") and len(x["options"]) >= 3
              and all("feedback" in o for o in x["options"]))


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


def shown_order(page, question: dict) -> list[int]:
    """The written indexes of the options, or of the steps, in the order the page shows them."""
    box = q(page, question)
    if question["type"] == "ordering":
        return [int(li.get_attribute("data-step")) for li in box.locator("[data-step]").all()]
    return [int(i.get_attribute("value")) for i in box.locator("input").all()]


def feedback_of(page, question: dict, index: int):
    """The feedback of the option written at `index`, wherever it is shown."""
    return q(page, question).locator(f"li:has(> label > input[value='{index}']) .quiz-q__feedback")


def answer_by_keyboard(page, question: dict):
    if question["type"] == "ordering":
        # One step's buttons are Tab stops; the arrow keys go to the others, Enter moves a step.
        tab_until(page, inside(question, "button[data-move='-1']"))
        for step in range(len(question["steps"])):
            order = shown_order(page, question)
            here = page.evaluate("[...document.activeElement.closest('ol').children].indexOf(document.activeElement.closest('li'))")
            for _ in range(abs(order.index(step) - here)):
                page.keyboard.press("ArrowDown" if order.index(step) > here else "ArrowUp")
            for _ in range(order.index(step) - step):
                page.keyboard.press("Enter")
    elif question["type"] == "multiple":
        tab_until(page, inside(question, "input"))
        for i in shown_order(page, question):
            if i in correct(question):
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    else:
        tab_until(page, inside(question, "input"))
        page.keyboard.press("Space")
        for _ in range(shown_order(page, question).index(correct(question)[0])):
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
    assert feedback_of(page, question, wrong).is_visible()
    assert plain(question["options"][wrong]["feedback"]["zh"]) in feedback_of(page, question, wrong).inner_text()
    assert "✗ 不正确" in feedback_of(page, question, wrong).inner_text()
    assert feedback_of(page, question, right).is_hidden()
    assert box.locator(".quiz-q__explanation").is_visible()
    assert score(page) == expected_score("zh", 0, 0)

    box.locator("[data-action=retry]").click()
    assert box.locator(".quiz-q__explanation").is_hidden()
    assert feedback_of(page, question, wrong).is_hidden()
    answer_by_pointer(page, question, [right])
    assert box.locator(".quiz-q__result").inner_text() == "✓ 正确"
    assert feedback_of(page, question, right).is_visible() and "✓ 正确" in feedback_of(page, question, right).inner_text()
    if "feedback" in question["options"][right]:
        assert plain(question["options"][right]["feedback"]["zh"]) in feedback_of(page, question, right).inner_text()
    assert feedback_of(page, question, wrong).is_hidden()
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
    # Options and steps stand in the order the paper edition prints, which is on the page for print.
    assert [int(i.get_attribute("value")) for i in page.locator(f"#quiz-{QUIZ}-{first['id']} input").all()] == \
        list(range(len(first["options"])))
    steps = [plain(ORDERING["steps"][int(li.get_attribute("data-step"))]["en"])
             for li in page.locator(f"#quiz-{QUIZ}-{ORDERING['id']} [data-step]").all()]
    paper = page.locator(f"#quiz-{QUIZ}-{ORDERING['id']} .quiz-paper__choices li")
    assert [line.split(". ", 1)[1] for line in paper.all_text_contents()] == steps
    assert page.locator(".quiz-paper__choices:visible").count() == 0
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


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))


def result(page, question: dict) -> str:
    return q(page, question).locator(".quiz-q__result").inner_text()


def test_options_come_in_a_new_order_on_each_attempt_with_the_same_feedback(page, site_url):
    wrong, key = wrong_with_feedback(CHOICE), correct(CHOICE)[0]
    said = plain(CHOICE["options"][wrong]["feedback"]["zh"])
    open_lesson(page, site_url)
    box = q(page, CHOICE)
    orders = [shown_order(page, CHOICE)]
    for _ in range(8):
        answer_by_pointer(page, CHOICE, [wrong])
        assert result(page, CHOICE) == "✗ 不正确"
        assert said in feedback_of(page, CHOICE, wrong).inner_text()
        assert box.locator(".quiz-q__feedback:visible").count() == 1
        box.locator("[data-action=retry]").click()
        orders.append(shown_order(page, CHOICE))
        assert sorted(orders[-1]) == list(range(len(CHOICE["options"])))
        assert orders[-1] != orders[-2], "a new attempt showed the options in the order just shown"
    assert len({order.index(key) for order in orders}) > 1, f"the key kept its place: {orders}"
    # Answers and scores follow the option, wherever it is shown.
    answer_by_pointer(page, CHOICE, [key])
    assert result(page, CHOICE) == "✓ 正确"
    assert stored(page)["answers"] == {CHOICE["id"]: [key]}
    assert score(page) == expected_score("zh", 1, 1)


def test_ordering_starts_scrambled_and_every_attempt_scrambles_it_anew(page, site_url):
    for _ in range(3):
        open_lesson(page, site_url)
        assert shown_order(page, ORDERING) != SOLVED
    box = q(page, ORDERING)
    orders = [shown_order(page, ORDERING)]
    for _ in range(6):
        box.locator("[data-action=check]").click()
        assert result(page, ORDERING) == "✗ 不正确"
        box.locator("[data-action=retry]").click()
        orders.append(shown_order(page, ORDERING))
        assert orders[-1] not in (SOLVED, orders[-2]), orders


def test_reset_restores_the_starting_state_of_every_question_ordering_included(page, site_url):
    open_lesson(page, site_url)
    answer_by_keyboard(page, ORDERING)
    assert shown_order(page, ORDERING) == SOLVED and result(page, ORDERING) == "✓ 正确"
    answer_by_pointer(page, CHOICE, correct(CHOICE))
    assert score(page) == expected_score("zh", 2, 2)

    page.locator("[data-action=reset]").click()
    assert shown_order(page, ORDERING) != SOLVED
    assert page.locator(".quiz input:checked").count() == 0
    assert page.locator(".quiz-q__result").all_inner_texts() == [""] * TOTAL
    assert page.locator(".quiz [data-action=check]:visible").count() == TOTAL
    assert page.locator(".quiz :is([data-action=retry], [data-action=solution]):visible").count() == 0
    assert q(page, ORDERING).locator("[data-move][disabled]").count() == 0
    assert score(page) == expected_score("zh", 0, 2)
    assert stored(page) == {"answers": {}, "best": 2}


def test_show_the_solution_after_a_first_attempt_which_then_does_not_count(page, site_url):
    wrong, key = wrong_with_feedback(CHOICE), correct(CHOICE)[0]
    t = LABELS["zh"]
    open_lesson(page, site_url)
    box = q(page, CHOICE)
    solution = box.locator("[data-action=solution]")
    assert solution.is_hidden(), "the solution is offered before any attempt"
    answer_by_pointer(page, CHOICE, [wrong])
    solution.click()
    assert result(page, CHOICE) == t["solution_shown"]
    assert box.locator(f"input[value='{key}']").is_checked() and not box.locator(f"input[value='{wrong}']").is_checked()
    assert box.locator("input:checked").count() == 1
    shown = feedback_of(page, CHOICE, key)
    assert shown.is_visible() and shown.inner_text().startswith("✓ 正确")
    assert plain(CHOICE["options"][key]["feedback"]["zh"]) in shown.inner_text()
    assert feedback_of(page, CHOICE, wrong).is_hidden()
    assert box.locator(".quiz-q__explanation").is_visible()
    assert page.evaluate("document.activeElement.dataset.action") == "retry"
    assert score(page) == expected_score("zh", 0, 0)

    # Right after seeing the solution: marked right, not counted, also after a reload.
    box.locator("[data-action=retry]").click()
    assert solution.is_visible()
    answer_by_pointer(page, CHOICE, [key])
    assert result(page, CHOICE) == f"✓ 正确 {t['not_counted']}"
    assert score(page) == expected_score("zh", 0, 0)
    assert stored(page) == {"answers": {CHOICE["id"]: [key]}, "best": 0, "shown": [CHOICE["id"]]}
    page.reload()
    page.wait_for_selector(".quiz.quiz--js")
    assert result(page, CHOICE) == f"✓ 正确 {t['not_counted']}"
    assert score(page) == expected_score("zh", 0, 0)

    # Starting over makes it count again.
    page.locator("[data-action=reset]").click()
    assert solution.is_hidden()
    answer_by_pointer(page, CHOICE, [key])
    assert result(page, CHOICE) == "✓ 正确" and solution.is_hidden()
    assert score(page) == expected_score("zh", 1, 1)


def test_show_the_solution_of_an_ordering_question(page, site_url):
    open_lesson(page, site_url)
    box = q(page, ORDERING)
    box.locator("[data-action=check]").click()
    assert result(page, ORDERING) == "✗ 不正确"
    box.locator("[data-action=solution]").click()
    assert shown_order(page, ORDERING) == SOLVED
    assert [li.get_attribute("data-mark") for li in box.locator("[data-step]").all()] == ["right"] * len(SOLVED)
    assert result(page, ORDERING) == LABELS["zh"]["solution_shown"]
    page.reload()
    page.wait_for_selector(".quiz.quiz--js")
    assert shown_order(page, ORDERING) == SOLVED and result(page, ORDERING) == LABELS["zh"]["solution_shown"]
    assert score(page) == expected_score("zh", 0, 0)


def test_ordering_by_keyboard_ends_say_they_are_ends_and_the_focus_stays_on_the_moved_step(page, site_url):
    t = LABELS["zh"]
    open_lesson(page, site_url)
    box = q(page, ORDERING)
    count = len(SOLVED)

    def ends() -> list[tuple[str, str]]:
        return [(li.locator("[data-move='-1']").get_attribute("aria-disabled"), li.locator("[data-move='1']").get_attribute("aria-disabled"))
                for li in box.locator("[data-step]").all()]

    def focused_at() -> int:
        return page.evaluate("[...document.activeElement.closest('ol').children].indexOf(document.activeElement.closest('li'))")

    assert ends() == [("true", "false")] + [("false", "false")] * (count - 2) + [("false", "true")]
    first = plain(ORDERING["steps"][shown_order(page, ORDERING)[0]]["zh"])
    assert box.get_by_role("button", name=f"{t['up']}: {first}").is_disabled()  # as a screen reader hears it
    before = shown_order(page, ORDERING)
    box.locator("[data-move='-1']").first.focus()
    page.keyboard.press("Enter")
    assert shown_order(page, ORDERING) == before

    # Two Tab stops for the whole list, not two per step.
    tab_until(page, inside(ORDERING, "button[data-move='-1']"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.move") == "1" and focused_at() == 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "check"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")

    # The arrow keys go from step to step; Enter moves the step, and the focus goes with it.
    page.keyboard.press("End")
    assert focused_at() == count - 1
    last = shown_order(page, ORDERING)[-1]
    for n in range(count - 1, 0, -1):
        page.keyboard.press("Enter")
        assert shown_order(page, ORDERING).index(last) == n - 1 and focused_at() == n - 1
        assert result(page, ORDERING) == t["moved"].format(n=n)
    page.keyboard.press("Enter")  # already first: nothing moves
    assert shown_order(page, ORDERING)[0] == last and focused_at() == 0
    assert ends()[0] == ("true", "false")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused_at() == 2 and page.evaluate("document.activeElement.dataset.move") == "-1"
    page.keyboard.press("Home")
    assert focused_at() == 0


def test_a_printed_lesson_shows_the_questions_as_on_the_paper_edition(page, site_url):
    open_lesson(page, site_url, "en")
    answer_by_pointer(page, CHOICE, [wrong_with_feedback(CHOICE)])  # feedback and explanation on screen
    page.emulate_media(media="print")
    quiz = page.locator(".quiz")
    for control in ("button", "input", ".quiz-q__feedback", ".quiz-q__explanation", ".quiz-q__answer", ".quiz__score",
                    ".quiz-q__result", ".quiz-q__keys"):
        assert quiz.locator(f"{control}:visible").count() == 0, f"{control} is printed"
    text = quiz.inner_text()
    assert plain(CHOICE["options"][0]["text"]["en"]) in text and f"A. {plain(CHOICE['options'][0]['text']['en'])}" in text
    answers = [CHOICE["explanation"]["en"], *(o["feedback"]["en"] for o in CHOICE["options"]), LABELS["en"]["correct_answer"]]
    assert not [a for a in answers if plain(a) in text]
    # In the written order, lettered as on paper, whatever order the screen showed.
    lines = [line.strip().lstrip("○☐＿ ") for line in text.splitlines()]
    written = [f"{letter}. {plain(o['text']['en'])}" for letter, o in zip("ABCDEFGH", CHOICE["options"])]
    assert [line for line in lines if line in written] == written
    page.emulate_media(media="screen")
    assert quiz.locator(".quiz-paper__choices:visible").count() == 0


def test_progress_saved_before_options_were_shuffled_is_still_read(page, site_url):
    """Saved as {answers: {question: [written indexes]}, best} before options came shuffled: the same
    options are chosen, wherever they are shown now, and the value is written back as it was."""
    choice = next(x for x in QUESTIONS if x["type"] in ("single", "scenario") and correct(x)[0] != 0)
    multiple = next(x for x in QUESTIONS if x["type"] == "multiple")
    old = {"answers": {choice["id"]: correct(choice), multiple["id"]: correct(multiple), ORDERING["id"]: SOLVED}, "best": 3}
    page.goto(site_url + "about/")
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [KEY, json.dumps(old)])
    open_lesson(page, site_url)
    for question in (choice, multiple):
        box = q(page, question)
        assert sorted(int(i.get_attribute("value")) for i in box.locator("input:checked").all()) == correct(question)
        assert result(page, question) == "✓ 正确"
    assert shown_order(page, ORDERING) == SOLVED and result(page, ORDERING) == "✓ 正确"
    assert score(page) == expected_score("zh", 3, 3)
    assert stored(page) == old


def test_a_pinned_option_stays_last_on_every_attempt(page, site_url):
    """No bank of the course pins an option, so the lesson is served with a copy of its quiz that
    does, rendered by the engine."""
    bank = copy.deepcopy(BANK)
    question = next(x for x in bank["questions"] if x["id"] == CHOICE["id"])
    question["options"].append({"text": {"zh": "我不确定", "en": "I’m not sure"}, "pin": True,
                                "feedback": {"zh": "回头看看第4步。", "en": "Look at step 4 again."}})
    pinned = len(question["options"]) - 1

    def serve(route):
        response = route.fetch()
        html = response.text()
        start = html.index('<section class="quiz"')
        end = html.index("</section>", start) + len("</section>")
        route.fulfill(response=response, body=html[:start] + quizrender.render_quiz(bank, "zh") + html[end:])

    page.route(site_url + LESSON["zh"], serve)
    open_lesson(page, site_url)
    box = q(page, question)
    orders = [shown_order(page, question)]
    for _ in range(5):
        answer_by_pointer(page, question, [pinned])
        assert "回头看看第4步。" in feedback_of(page, question, pinned).inner_text()
        box.locator("[data-action=retry]").click()
        orders.append(shown_order(page, question))
    assert all(order[-1] == pinned for order in orders), orders
    assert len({tuple(order) for order in orders}) > 1


def test_the_answer_key_numbers_the_correct_order_with_each_steps_paper_letter(page, site_url):
    """`1. (H) Listen and restate`: marking a paper is a lookup, not a conversion, and the guide
    numbers the list (Material letters a list inside a list)."""
    paper = Tree(quizrender.render_paper(BANK, "en")).text
    letter = {plain(step["en"]): next(line.split(".")[0].strip()[-1] for line in paper if line.endswith(f". {plain(step['en'])}"))
              for step in ORDERING["steps"]}
    page.goto(site_url + f"en/{FOLDER}/guide/")
    order = page.locator(".quiz-key__questions > li").nth(QUESTIONS.index(ORDERING)).locator(".quiz-answer__order")
    assert order.evaluate("ol => getComputedStyle(ol).listStyleType") == "decimal"
    assert order.locator("li").all_inner_texts() == [f"({letter[plain(s['en'])]}) {plain(s['en'])}" for s in ORDERING["steps"]]
