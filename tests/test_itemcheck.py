"""Item-writing checks (coursekit/quiz/itemcheck.py): each check fires on a small flawed bank with its
exact message at the exact line, a good bank passes, and so do every real bank in quizzes/ and the
starter bank a new course gets. test_quiz_build.py runs them in a real build."""

from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT
from coursekit.core import yamlsource
from coursekit.quiz import bank as quizbank
from coursekit.quiz import itemcheck
from coursekit.scaffold import newcourse

PATH = "quizzes/test.yml"
LANGS = ("zh", "en")


def bank(*questions: str) -> str:
    """A bank around question snippets; the first question starts at line 3."""
    return "title: {zh: 测试, en: Test}\nquestions:\n" + "".join(textwrap.dedent(q) for q in questions)


def found(text: str) -> list[tuple[str, str]]:
    data, lines = yamlsource.load(text, PATH)
    return [(f.severity, str(f)) for f in itemcheck.check({"id": "test", **data}, lines, PATH, LANGS)]


# Questions that pass every check on their own: the key is never the longest option.
LISTEN = """\
  - id: listen
    type: single
    prompt: {zh: 顾客很生气，你先做什么？, en: "The customer is angry. What do you do first?"}
    options:
      - text: {zh: 先解释公司规定, en: Explain the policy}
        feedback: {zh: 太早了。, en: Too soon.}
      - text: {zh: 先听顾客说完, en: Hear them out}
        correct: true
        feedback: {zh: 对。, en: Right.}
      - text: {zh: 马上转给主管, en: Pass it upstairs}
        feedback: {zh: 推走了。, en: A brush-off.}
    explanation: {zh: 先听。, en: Listen first.}
"""
PARCEL = """\
  - id: parcel
    type: scenario
    customer: {zh: “包裹又晚了！”, en: "“My parcel is late again!”"}
    prompt: {zh: 你怎么回应？, en: "How do you reply?"}
    options:
      - text: {zh: “对不起，我这就去查。”, en: "“Sorry, I’m checking now.”"}
        correct: true
        feedback: {zh: 对。, en: Right.}
      - text: {zh: “那是快递公司的问题。”, en: "“That’s the courier’s fault.”"}
        feedback: {zh: 推卸。, en: Blame.}
    explanation: {zh: 先道歉再行动。, en: Apologise, then act.}
"""
GOOD = bank(LISTEN, PARCEL, """\
  - id: counts
    type: multiple
    prompt: {zh: 哪些算投诉？, en: Which count as complaints?}
    options:
      - text: {zh: 电话里的抱怨, en: An angry call}
        correct: true
      - text: {zh: 一条差评, en: A bad review}
        correct: true
      - text: {zh: 一个点赞, en: A like}
    explanation: {zh: 不满的表达都算。, en: Any dissatisfaction counts.}
  - id: thank
    type: truefalse
    prompt: {zh: 听完以后要感谢顾客。, en: Thank the customer once you have listened.}
    answer: true
    explanation: {zh: 感谢表明重视。, en: Thanks show you care.}
  - id: blame
    type: truefalse
    prompt: {zh: 复盘要找出该受罚的人。, en: A review should find someone to punish.}
    answer: false
    explanation: {zh: 找的是流程。, en: Look at the process.}
  - id: steps
    type: ordering
    prompt: {zh: 排列步骤。, en: Put the steps in order.}
    steps:
      - {zh: 倾听, en: Listen}
      - {zh: 道歉, en: Apologise}
      - {zh: 行动, en: Act}
    explanation: {zh: 先听后做。, en: Listen, then act.}
  - id: unsure
    type: single
    prompt: {zh: 谁负责回复客人？, en: Who answers the guest?}
    options:
      - text: {zh: 工程部的师傅, en: The maintenance team}
        feedback: {zh: 他们只管修。, en: They only fix it.}
      - text: {zh: 值班的经理, en: The duty manager}
        feedback: {zh: 不必升级。, en: No need to escalate.}
      - text: {zh: 接待的前台, en: The receptionist}
        correct: true
        feedback: {zh: 首问负责。, en: First-contact ownership.}
      - text: {zh: 我不确定, en: I’m not sure, yet}
        pin: last
        feedback: {zh: 看看首问负责制。, en: See first-contact ownership.}
    explanation: {zh: 首问负责。, en: First-contact ownership.}
""")


def test_a_good_bank_has_no_findings():
    assert found(GOOD) == []


def test_a_finding_reads_path_line_message():
    finding = itemcheck.Finding("quizzes/x.yml", 7, itemcheck.WARNING, "question 1 'a': what; expected how")
    assert str(finding) == "quizzes/x.yml:7: question 1 'a': what; expected how"


# (case id, bank, the exact findings as (severity, "path:line: message"))
CASES = [
    ("key-markedly-longest", bank(LISTEN, PARCEL, """\
  - id: apology
    type: single
    prompt: {zh: 哪句道歉最好？, en: Which apology is best?}
    options:
      - text: {zh: 给您带来不便了, en: Sorry for any inconvenience}
        feedback: {zh: 套话。, en: A stock phrase.}
      - text: {zh: 让您白等了一上午，真对不起，我现在就去查, en: "Sorry you waited all morning, I’m checking now"}
        correct: true
        feedback: {zh: 具体。, en: Specific.}
    explanation: {zh: 说具体的事。, en: Name the specific thing.}
"""), [
        ("warning", f"{PATH}:32: question 3 'apology', options[2]: the correct option is markedly the longest "
         "(zh: 18 characters, 2.6× the longest other option; en: 8 words, 2.0× the longest other option) "
         "(learners who do not know pick the longest option); expected the other options as long and as "
         "specific as the correct one, or a shorter correct one"),
    ]),
    ("key-usually-longest", bank(PARCEL.replace("“对不起，我这就去查。”", "“对不起，我这就去查记录。”"), LISTEN), [
        ("error", f"{PATH}:8: question 1 'parcel', options[1]: the correct option is the longest in 1 of the bank's 2 "
         "single and scenario questions in zh (questions 1) (a learner who always picks the longest option scores "
         "well without knowing anything); expected at most 0: lengthen the other options or shorten the correct "
         "one in some of them"),
    ]),
    ("key-position-small-bank", bank(PARCEL, PARCEL.replace("id: parcel", "id: parcel-2"),
                                     PARCEL.replace("id: parcel", "id: parcel-3")), [
        ("error", f"{PATH}:31: question 3 'parcel-3', options[1]: 3 of the bank's 3 single and scenario questions "
         "have their correct option in position 1 (questions 1, 2, 3) (readers of the paper edition and of the page "
         "without JavaScript learn where the answer usually is); expected at most 2 in one position: move some "
         "correct options to a position that has fewer"),
    ]),
    ("key-position-six-questions", bank(*[LISTEN.replace("id: listen", f"id: listen-{n}") for n in range(3)],
                                        *[PARCEL.replace("id: parcel", f"id: parcel-{n}") for n in range(3)]), [
        ("error", f"{PATH}:34: question 3 'listen-2', options[2]: 3 of the bank's 6 single and scenario questions "
         "have their correct option in position 2 (questions 1, 2, 3) (readers of the paper edition and of the page "
         "without JavaScript learn where the answer usually is); expected at most 2 in one position: move some "
         "correct options to a position that has fewer"),
        ("error", f"{PATH}:67: question 6 'parcel-2', options[1]: 3 of the bank's 6 single and scenario questions "
         "have their correct option in position 1 (questions 4, 5, 6) (readers of the paper edition and of the page "
         "without JavaScript learn where the answer usually is); expected at most 2 in one position: move some "
         "correct options to a position that has fewer"),
    ]),
    ("truefalse-two-the-same", bank("""\
  - id: a
    type: truefalse
    prompt: {zh: 道歉就是认错。, en: An apology admits all the blame.}
    answer: false
    explanation: {zh: 为经历道歉。, en: Apologise for the experience.}
  - id: b
    type: truefalse
    prompt: {zh: 结果好就够了。, en: A good outcome is all that matters.}
    answer: false
    explanation: {zh: 接诉也要满意。, en: The intake matters too.}
"""), [
        ("warning", f"{PATH}:11: question 2 'b', answer: both true/false answers in the bank are false (questions 1, 2) "
         "(a learner who always answers false gets them all right); expected at least one true statement and one "
         "false one"),
    ]),
    ("truefalse-three-the-same", bank(*[f"""\
  - id: t{n}
    type: truefalse
    prompt: {{zh: 陈述{n}。, en: Statement {n}.}}
    answer: true
    explanation: {{zh: 说明。, en: Why.}}
""" for n in range(3)]), [
        ("error", f"{PATH}:16: question 3 't2', answer: all 3 true/false answers in the bank are true (questions 1, 2, 3) "
         "(a learner who always answers true gets them all right); expected at least one true statement and one "
         "false one"),
    ]),
    ("all-of-the-above", bank("""\
  - id: counts
    type: multiple
    prompt: {zh: 哪些算投诉？, en: Which count as complaints?}
    options:
      - text: {zh: 电话里的抱怨, en: An angry call}
        correct: true
      - text: {zh: 一条差评, en: A bad review}
        correct: true
      - text: {zh: 以上都是, en: All of the above}
        correct: true
    explanation: {zh: 都算。, en: All count.}
"""), [
        ("error", f"{PATH}:11: question 1 'counts', options[3]: “All of the above” is an all- or none-of-the-above "
         "option (it can be answered by spotting two right options or one wrong one, and it stops making sense once "
         "options are shuffled); expected an option that says something of its own, or type: multiple for several "
         "right answers"),
        ("error", f"{PATH}:11: question 1 'counts', options[3]: “以上都是” is an all- or none-of-the-above option "
         "(it can be answered by spotting two right options or one wrong one, and it stops making sense once options "
         "are shuffled); expected an option that says something of its own, or type: multiple for several right answers"),
    ]),
    ("none-of-these-in-chinese-prose", bank(LISTEN.replace("马上转给主管, en: Pass it upstairs", "两种说法都不对, en: None of these")), [
        ("error", f"{PATH}:12: question 1 'listen', options[3]: “None of these” is an all- or none-of-the-above option "
         "(it can be answered by spotting two right options or one wrong one, and it stops making sense once options "
         "are shuffled); expected an option that says something of its own, or type: multiple for several right answers"),
        ("error", f"{PATH}:12: question 1 'listen', options[3]: “都不对” is an all- or none-of-the-above option "
         "(it can be answered by spotting two right options or one wrong one, and it stops making sense once options "
         "are shuffled); expected an option that says something of its own, or type: multiple for several right answers"),
    ]),
    ("duplicate-option", bank(LISTEN.replace("马上转给主管, en: Pass it upstairs", "先解释公司规定！, en: Pass it upstairs")), [
        ("error", f"{PATH}:12: question 1 'listen', options[3]: same text as options[1] in zh (one of two identical "
         "options tests nothing, and if one is right so is the other); expected each option to say something different"),
    ]),
    ("near-duplicate-option", bank(LISTEN.replace("en: Pass it upstairs", "en: Explain the policy now")), [
        ("warning", f"{PATH}:12: question 1 'listen', options[3]: almost the same text as options[1] in en "
         "(similarity 0.91: learners cannot tell what the difference is meant to test); expected options that differ "
         "in substance"),
    ]),
    ("duplicate-step", bank("""\
  - id: steps
    type: ordering
    prompt: {zh: 排列步骤。, en: Put the steps in order.}
    steps:
      - {zh: 倾听, en: Listen}
      - {zh: 道歉, en: Apologise}
      - {zh: 倾听。, en: Listen again}
    explanation: {zh: 先听后做。, en: Listen, then act.}
"""), [
        ("error", f"{PATH}:9: question 1 'steps', steps[3]: same text as steps[1] in zh (two identical steps have no "
         "order between them, so a right answer can be marked wrong); expected each step to say something different"),
    ]),
    ("negative-stem", bank(LISTEN.replace("{zh: 顾客很生气，你先做什么？, en: \"The customer is angry. What do you do first?\"}",
                                          "{zh: 顾客很生气，哪一项不是好的第一步？, en: \"The customer is angry. Which is not a good first move?\"}")), [
        ("warning", f"{PATH}:5: question 1 'listen', prompt: negative word “not” without emphasis (learners skim past "
         "a negative and answer the opposite question); expected the negative in bold (**not**), or the question "
         "asked the positive way"),
        ("warning", f"{PATH}:5: question 1 'listen', prompt: negative word “不是” without emphasis (learners skim past "
         "a negative and answer the opposite question); expected the negative in bold (**不是**), or the question "
         "asked the positive way"),
    ]),
    ("negative-stem-contraction", bank(LISTEN.replace("What do you do first?", "Which move doesn’t help?")), [
        ("warning", f"{PATH}:5: question 1 'listen', prompt: negative word “doesn’t” without emphasis (learners skim "
         "past a negative and answer the opposite question); expected the negative in bold (**doesn’t**), or the "
         "question asked the positive way"),
    ]),
    ("clang", bank(LISTEN.replace("en: Hear them out", "en: Calm the angry customer")
                   .replace("en: Explain the policy", "en: Explain the refund policy")
                   .replace("en: Pass it upstairs", "en: Pass it further upstairs")), [
        ("warning", f"{PATH}:9: question 1 'listen', options[2]: the correct option repeats the prompt's words “angry”, "
         "“customer” in en and no other option does (a learner can match words instead of judging); expected those "
         "words in other options too, or the correct option put in other words"),
    ]),
    ("clang-in-chinese", bank(LISTEN.replace("先听顾客说完", "让生气的顾客先说完").replace("先解释公司规定", "先把公司的规定解释清楚")
                              .replace("马上转给主管", "马上把电话转给主管")), [
        ("warning", f"{PATH}:9: question 1 'listen', options[2]: the correct option repeats the prompt's words “生气”, "
         "“顾客” in zh and no other option does (a learner can match words instead of judging); expected those "
         "words in other options too, or the correct option put in other words"),
    ]),
    ("blank-text", bank(PARCEL.replace("explanation: {zh: 先道歉再行动。", "explanation: {zh: \"  \"")), [
        ("error", f"{PATH}:13: question 1 'parcel', explanation.zh: only whitespace; expected some text"),
    ]),
    ("pin-on-the-key", bank(LISTEN.replace("        correct: true\n", "        correct: true\n        pin: last\n")
                            .replace("先听顾客说完, en: Hear them out", "我不确定, en: Not sure")
                            .replace("马上转给主管, en: Pass it upstairs", "再问问同事, en: Ask a colleague")), [
        ("error", f"{PATH}:11: question 1 'listen', options[2]: a pinned option is correct (a pinned option keeps its "
         "place in every attempt, so the place gives the answer away); expected pin only on an “I’m not sure” option, "
         "never on a correct one"),
        ("error", f"{PATH}:11: question 1 'listen', options[2]: pinned option written before options[3], which is not "
         "pinned (the paper edition and the page without JavaScript show the written order, the browser keeps the "
         "pinned option last, so the two would differ); expected pinned options at the end of the list"),
    ]),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_check_fires_with_its_message_at_its_line(text, expected):
    assert found(text) == expected


def test_emphasis_and_context_keep_a_negative_stem_quiet():
    stressed = LISTEN.replace("{zh: 顾客很生气，你先做什么？, en: \"The customer is angry. What do you do first?\"}",
                              "{zh: 顾客说他不能再等了。哪一项**不是**好的第一步？, en: \"The customer can't wait any longer. Which is *not* a good first move?\"}")
    assert found(bank(stressed, PARCEL)) == []


def test_pinned_options_are_left_out_of_positions_and_lengths():
    pinned = PARCEL.replace("        feedback: {zh: 推卸。, en: Blame.}\n", "        feedback: {zh: 推卸。, en: Blame.}\n"
                            "      - text: {zh: 我不确定该怎么说才好, en: I’m really not sure what I would say}\n"
                            "        pin: last\n")
    assert found(bank(pinned, LISTEN)) == []
    question = yamlsource.load(bank(pinned), PATH)[0]["questions"][0]
    assert itemcheck._ratio(question, "en") == 1.0


def test_stats_give_the_numbers_of_a_report():
    data, _ = yamlsource.load(GOOD, PATH)
    stats = itemcheck.stats({"id": "test", **data}, LANGS)
    assert stats["types"] == {"single": 2, "scenario": 1, "multiple": 1, "truefalse": 2, "ordering": 1}
    assert stats["one_key"] == 3
    assert stats["positions"] == {1: 1, 2: 1, 3: 1}
    assert stats["key_longest"] == {"zh": 0, "en": 0}
    assert stats["truefalse"] == {"true": 1, "false": 1}
    assert stats["per_question"][0] == {"id": "listen", "type": "single", "findings": [], "key": 2,
                                        "ratio": {"zh": round(6 / 7, 2), "en": 1.0}}
    assert stats["bank_findings"] == []


def test_stats_keep_bank_findings_apart_from_a_question_s():
    for (_, text, expected), scope in ((CASES[0], "per_question"), (CASES[1], "bank_findings")):
        data, _ = yamlsource.load(text, PATH)
        stats = itemcheck.stats({"id": "test", **data}, LANGS)
        messages = [m for q in stats["per_question"] for m in q["findings"]]
        assert (messages if scope == "per_question" else stats["bank_findings"]) == [
            e.split(": ", 1)[1] for _, e in expected]
        assert (stats["bank_findings"] if scope == "per_question" else messages) == []


REAL = sorted((ROOT / "quizzes").glob("*.yml"))


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_bank_passes_every_check(path):
    name = path.relative_to(ROOT).as_posix()
    data, lines = yamlsource.load(path.read_text("utf-8"), name)
    assert [str(f) for f in itemcheck.check({"id": path.stem, **data}, lines, name, LANGS)] == []


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_bank_keeps_the_shape_the_course_needs(path):
    """Six or more questions of three or more types, a scenario among them; module 3 keeps its ordering question."""
    questions = yamlsource.load(path.read_text("utf-8"), path.name)[0]["questions"]
    types = {q["type"] for q in questions}
    assert len(questions) >= 6 and len(types) >= 3 and "scenario" in types
    assert path.stem != "handling-process" or "ordering" in types


@pytest.mark.parametrize("languages", [["en", "zh"], ["zh"], ["en", "ja"]])
def test_the_starter_bank_of_a_new_course_passes_every_check(tmp_path, languages):
    """`new-course` and `new-module` write it, in English where the engine has no text of a language."""
    made = newcourse.new_course(tmp_path / "course", languages, "Test")
    banks, errors, findings = quizbank.read_banks(made.root, tuple(languages))
    assert banks and not errors
    assert [str(f) for f in findings] == []
