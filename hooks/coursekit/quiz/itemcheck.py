"""Item-writing checks on a quiz bank (after Haladyna, Downing & Rodriguez 2002): the cues that let a
learner answer without knowing (the key is the longest option, sits in a favourite position, every
true/false answer is the same, the key echoes the prompt) and the flaws that make an item unfair
(all/none of the above, duplicate options or steps, an unmarked negative, blank text).

Plain functions over a bank as quizbank.load_bank returns it; AUTHORING.md, "Item-writing checks",
gives each rule, its reason and its fix.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from coursekit.core import yamlsource

ERROR, WARNING = "error", "warning"
MARKEDLY = 1.25  # a key this many times the longest other option is markedly the longest
NEAR = 0.9  # difflib ratio from which two options read as the same
ONE_KEY = ("single", "scenario")
WITH_OPTIONS = ("single", "multiple", "scenario")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    severity: str  # "error" stops the build, "warning" is shown by CI
    message: str  # "what is wrong (reason); expected how to fix"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def check(bank: dict, lines: dict, path: str, codes: tuple[str, ...]) -> list[Finding]:
    """Every finding in the bank, in line order; `codes` are the languages of its texts."""
    found = [Finding(path, yamlsource.line_of(lines, where), severity, message)
             for where, severity, message, _ in _findings(bank, codes)]
    return sorted(found, key=lambda f: (f.line, f.message))


def stats(bank: dict, codes) -> dict:
    """The numbers behind the checks, for a maintainers' quiz report: the type mix, where the keys
    sit, how long keys are against the other options, the true/false answers, and the findings
    of each question and of the bank as a whole."""
    questions = bank["questions"]
    one_key = [(i, q) for i, q in enumerate(questions) if q["type"] in ONE_KEY and _key(q) is not None]
    findings = list(_findings(bank, codes))
    per_question = []
    for i, question in enumerate(questions):
        entry = {"id": question["id"], "type": question["type"], "findings": [
            m for where, _, m, scope in findings if scope == "question" and where[:2] == ("questions", i)]}
        if i in dict(one_key):
            entry["key"] = _key(question) + 1
            entry["ratio"] = {lang: round(_ratio(question, lang), 2) for lang in codes}
        per_question.append(entry)
    answers = [q["answer"] for q in questions if q["type"] == "truefalse"]
    return {
        "id": bank["id"],
        "questions": len(questions),
        "types": dict(Counter(q["type"] for q in questions)),
        "one_key": len(one_key),
        "positions": dict(sorted(Counter(_key(q) + 1 for _, q in one_key).items())),
        "key_longest": {lang: sum(_longest(q, lang) for _, q in one_key) for lang in codes},
        "key_markedly_longest": {lang: sum(_ratio(q, lang) >= MARKEDLY for _, q in one_key) for lang in codes},
        "mean_ratio": {lang: round(sum(_ratio(q, lang) for _, q in one_key) / len(one_key), 2) if one_key else None
                       for lang in codes},
        "truefalse": {"true": answers.count(True), "false": answers.count(False)},
        "limits": {"key_longest": _longest_limit(sum(bool(_rivals(q)) for _, q in one_key)),
                   "position": _position_limit(len(one_key))},
        "per_question": per_question,
        "bank_findings": [m for _, _, m, scope in findings if scope == "bank"],
    }


# Helper functions


def _findings(bank: dict, codes):
    """(key path, severity, message, "question" or "bank") for every finding."""
    questions = bank["questions"]
    for i, question in enumerate(questions):
        yield from _question_findings(i, question, codes)
    yield from _blank_texts(bank)
    yield from _longest_keys(questions, codes)
    yield from _key_positions(questions)
    yield from _truefalse_balance(questions)


def _question_findings(i: int, question: dict, codes):
    kind = question["type"]
    options = question.get("options", []) if kind in WITH_OPTIONS else []
    for j, option in enumerate(options):
        where = ("questions", i, "options", j)
        later = next((k for k in range(j + 1, len(options)) if not options[k].get("pin")), None)
        if option.get("pin") and option.get("correct"):
            yield ((*where, "pin"), ERROR, _subject(i, question, where) + (
                "a pinned option is correct (a pinned option keeps its place in every attempt, so the place gives "
                "the answer away); expected pin only on an “I’m not sure” option, never on a correct one"), "question")
        if option.get("pin") and later is not None:
            yield ((*where, "pin"), ERROR, _subject(i, question, where) + (
                f"pinned option written before options[{later + 1}], which is not pinned (the paper edition and the "
                "page without JavaScript show the written order, the browser keeps the pinned option last, so the "
                "two would differ); expected pinned options at the end of the list"), "question")
        for lang in codes:
            pattern = _ALL_OR_NONE.get(_family(lang))
            match = pattern and pattern.search(_plain(option["text"][lang]))
            if match:
                yield ((*where, "text", lang), ERROR, _subject(i, question, where) + (
                    f"“{match.group(0)}” is an all- or none-of-the-above option (it can be answered by spotting two "
                    "right options or one wrong one, and it stops making sense once options are shuffled); "
                    "expected an option that says something of its own, or type: multiple for several right answers"),
                    "question")
    yield from _duplicates(i, question, [o["text"] for o in options], "options", "option", codes)
    if kind == "ordering":
        yield from _duplicates(i, question, question["steps"], "steps", "step", codes)
    if kind in WITH_OPTIONS:
        yield from _negative_stem(i, question, codes)
        yield from _clang(i, question, codes)
    if kind in ONE_KEY:
        yield from _markedly_longest(i, question, codes)


def _duplicates(i: int, question: dict, texts: list, field: str, noun: str, codes):
    """An option or step that repeats an earlier one: the first repeat, in the first language that has it."""
    normal = [{lang: _normal(text[lang]) for lang in codes} for text in texts]
    for j in range(len(texts)):
        repeats = ((lang, k, _similarity(normal[j][lang], normal[k][lang])) for lang in codes for k in range(j))
        lang, k, ratio = next((r for r in repeats if r[2] >= NEAR), (None, None, 0))
        if lang is None:
            continue
        where = ("questions", i, field, j)
        at = (*where, "text", lang) if noun == "option" else (*where, lang)
        if ratio == 1:
            reason = ("two identical steps have no order between them, so a right answer can be marked wrong"
                      if noun == "step" else "one of two identical options tests nothing, and if one is right so is the other")
            yield (at, ERROR, _subject(i, question, where) + f"same text as {field}[{k + 1}] in {lang} ({reason}); "
                   f"expected each {noun} to say something different", "question")
        else:
            yield (at, WARNING, _subject(i, question, where) + f"almost the same text as {field}[{k + 1}] in {lang} "
                   f"(similarity {ratio:.2f}: learners cannot tell what the difference is meant to test); "
                   f"expected {noun}s that differ in substance", "question")


def _negative_stem(i: int, question: dict, codes):
    """A negative in the prompt's question (its last sentence), not in the situation set out before it."""
    for lang in codes:
        pattern = _NEGATIVE.get(_family(lang))
        text = _asked(question["prompt"][lang])
        stressed = [(m.start(2), m.end(2)) for m in _EMPHASIS.finditer(text)]
        for match in pattern.finditer(text) if pattern else ():
            if not any(start <= match.start() and match.end() <= end for start, end in stressed):
                where = ("questions", i, "prompt")
                yield ((*where, lang), WARNING, _subject(i, question, where) + (
                    f"negative word “{match.group(0)}” without emphasis (learners skim past a negative and answer the "
                    f"opposite question); expected the negative in bold (**{match.group(0)}**), or the question "
                    "asked the positive way"), "question")
                break


def _clang(i: int, question: dict, codes):
    """A correct option that repeats the prompt's distinctive words when no other option does."""
    options = [o for o in question["options"] if not o.get("pin")]
    for lang in codes:
        terms = _terms(question["prompt"][lang], lang)
        shared = [_echo(terms, o["text"][lang], lang) for o in options]
        for j, option in enumerate(options):
            others = [s for k, s in enumerate(shared) if k != j]
            if option.get("correct") and len(shared[j]) >= 2 and not any(others):
                where = ("questions", i, "options", question["options"].index(option))
                words = ", ".join(f"“{w}”" for w in shared[j])
                yield ((*where, "text", lang), WARNING, _subject(i, question, where) + (
                    f"the correct option repeats the prompt's words {words} in {lang} and no other option does "
                    "(a learner can match words instead of judging); expected those words in other options too, "
                    "or the correct option put in other words"), "question")


def _markedly_longest(i: int, question: dict, codes):
    key = _key(question)
    if key is None or not _rivals(question):
        return
    marked = [lang for lang in codes if _ratio(question, lang) >= MARKEDLY]
    if marked:
        where = ("questions", i, "options", key)
        sizes = "; ".join(f"{lang}: {_length(question['options'][key]['text'][lang], lang)} {_unit(lang)}, "
                          f"{_ratio(question, lang):.1f}× the longest other option" for lang in marked)
        yield ((*where, "text", marked[0]), WARNING, _subject(i, question, where) + (
            f"the correct option is markedly the longest ({sizes}) (learners who do not know pick the longest "
            "option); expected the other options as long and as specific as the correct one, or a shorter correct "
            "one"), "question")


def _longest_keys(questions: list, codes):
    one_key = [(i, q) for i, q in enumerate(questions) if q["type"] in ONE_KEY and _key(q) is not None and _rivals(q)]
    limit = _longest_limit(len(one_key))
    for lang in codes:
        longest = [(i, q) for i, q in one_key if _longest(q, lang)]
        if len(longest) > limit:
            i, question = longest[limit]
            where = ("questions", i, "options", _key(question))
            numbers = ", ".join(str(n + 1) for n, _ in longest)
            yield ((*where, "text", lang), ERROR, _subject(i, question, where) + (
                f"the correct option is the longest in {len(longest)} of the bank's {len(one_key)} single and scenario "
                f"questions in {lang} (questions {numbers}) (a learner who always picks the longest option scores "
                f"well without knowing anything); expected at most {limit}: lengthen the other options or shorten "
                "the correct one in some of them"), "bank")
            return


def _longest_limit(count: int) -> int:
    """How many of `count` single and scenario questions may have the longest option as key: a third."""
    return count // 3


def _position_limit(count: int) -> int:
    """How many of `count` keys may sit in one position: 40%, and 2 in a bank with 5 or fewer."""
    return 2 if count <= 5 else int(count * 0.4)


def _key_positions(questions: list):
    one_key = [(i, q) for i, q in enumerate(questions) if q["type"] in ONE_KEY and _key(q) is not None]
    limit = _position_limit(len(one_key))
    by_position: dict[int, list] = {}
    for i, question in one_key:
        by_position.setdefault(_key(question), []).append((i, question))
    for position, found in sorted(by_position.items()):
        if len(found) > limit:
            i, question = found[limit]
            where = ("questions", i, "options", position)
            numbers = ", ".join(str(n + 1) for n, _ in found)
            yield ((*where, "correct"), ERROR, _subject(i, question, where) + (
                f"{len(found)} of the bank's {len(one_key)} single and scenario questions have their correct option "
                f"in position {position + 1} (questions {numbers}) (readers of the paper edition and of the page "
                f"without JavaScript learn where the answer usually is); expected at most {limit} in one position: "
                "move some correct options to a position that has fewer"), "bank")


def _truefalse_balance(questions: list):
    found = [(i, q) for i, q in enumerate(questions) if q["type"] == "truefalse"]
    answers = {q["answer"] for _, q in found}
    if len(found) >= 2 and len(answers) == 1:
        i, question = found[-1]
        answer = "true" if answers.pop() else "false"
        numbers = ", ".join(str(n + 1) for n, _ in found)
        every = "both" if len(found) == 2 else f"all {len(found)}"
        where = ("questions", i, "answer")
        yield (where, ERROR if len(found) >= 3 else WARNING, _subject(i, question, where) + (
            f"{every} true/false answers in the bank are {answer} (questions {numbers}) (a learner who always "
            f"answers {answer} gets them all right); expected at least one true statement and one false one"), "bank")


def _blank_texts(bank: dict):
    for where, text in _texts(bank, ()):
        if not text.strip():
            inside = where[:1] == ("questions",)
            subject = _subject(where[1], bank["questions"][where[1]], where) if inside else _field(where) + ": "
            yield (where, ERROR, subject + "only whitespace; expected some text", "question")


def _texts(node: object, where: tuple):
    """Every (key path, string) in `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, (*where, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _texts(value, (*where, n))
    elif isinstance(node, str):
        yield where, node


def _subject(i: int, question: dict, where: tuple) -> str:
    """Which question and field a message is about: `question 2 'thank-first', options[1]: `."""
    head = f"question {i + 1}" + (f" {question['id']!r}" if isinstance(question.get("id"), str) else "")
    field = _field(where[2:])
    return f"{head}, {field}: " if field else f"{head}: "


def _field(where: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")


def _asked(prompt: str) -> str:
    """The sentence of a prompt that asks the question: its last, without a closing "(Select all…)"."""
    text = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", prompt.strip())
    sentences = [s for s in _SENTENCE.findall(text) if any(c.isalnum() for c in s)]
    return sentences[-1] if sentences else text


def _key(question: dict) -> int | None:
    """The index of the one correct option, if there is exactly one."""
    correct = [j for j, o in enumerate(question.get("options", [])) if o.get("correct")]
    return correct[0] if len(correct) == 1 else None


def _rivals(question: dict) -> list:
    return [o for o in question["options"] if not o.get("correct") and not o.get("pin")]


def _ratio(question: dict, lang: str) -> float:
    """The key's length against the longest other (unpinned) option."""
    key = _length(question["options"][_key(question)]["text"][lang], lang)
    longest = max((_length(o["text"][lang], lang) for o in _rivals(question)), default=0)
    return key / longest if longest else 0.0


def _longest(question: dict, lang: str) -> bool:
    key = _length(question["options"][_key(question)]["text"][lang], lang)
    return all(key > _length(o["text"][lang], lang) for o in _rivals(question))


def _family(lang: str) -> str:
    return lang.split("-")[0].lower()


def _unit(lang: str) -> str:
    return "characters" if _family(lang) in _CHARACTERS else "words"


def _length(text: str, lang: str) -> int:
    """Characters (not spaces or punctuation) in Chinese, Japanese and Korean; words elsewhere."""
    plain = _plain(text)
    if _family(lang) in _CHARACTERS:
        return sum(1 for c in plain if not c.isspace() and not unicodedata.category(c).startswith(("P", "S")))
    return len(_WORD.findall(plain))


def _plain(text: str) -> str:
    """The text a reader sees: link texts without their targets, no emphasis markers."""
    return re.sub(r"[*`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))


def _similarity(a: str, b: str) -> float:
    """difflib's ratio where it can reach NEAR: the bound the lengths set, then difflib's quick one,
    rule out most pairs first (as difflib.get_close_matches does)."""
    if 2 * min(len(a), len(b)) < NEAR * (len(a) + len(b)):
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.ratio() if matcher.quick_ratio() >= NEAR else 0.0


def _normal(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", _plain(text)).casefold() if c.isalnum())


def _terms(text: str, lang: str) -> set[str]:
    """The distinctive words of a text: content words in English, two-character runs in Chinese."""
    plain = unicodedata.normalize("NFKC", _plain(text)).casefold()
    if _family(lang) in _CHARACTERS:
        runs = re.findall(r"[\u4e00-\u9fff]+", plain)
        return {r[n:n + 2] for r in runs for n in range(len(r) - 1) if not set(r[n:n + 2]) & _ZH_COMMON}
    words = {_stem(w) for w in _WORD.findall(plain)}
    return {w for w in words if len(w) >= 4 and w not in _EN_COMMON}


def _echo(terms: set[str], option: str, lang: str) -> list[str]:
    """The prompt's distinctive words (`terms`) that the option repeats. In Chinese, where words are not
    spaced, each run of the option's characters covered by the prompt's two-character terms counts as one."""
    if _family(lang) not in _CHARACTERS:
        return sorted(terms & _terms(option, lang))
    plain = unicodedata.normalize("NFKC", _plain(option)).casefold()
    covered = {m for n in range(len(plain) - 1) if plain[n:n + 2] in terms for m in (n, n + 1)}
    return sorted(set("".join(c if n in covered else " " for n, c in enumerate(plain)).split()))


def _stem(word: str) -> str:
    word = re.sub(r"[’']s$", "", word)
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_CHARACTERS = ("zh", "ja", "ko")
_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")
_SENTENCE = re.compile(r"[^.!?。！？]+[.!?。！？]*[”’\"]?")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_ALL_OR_NONE = {
    "zh": re.compile(r"以上(?:都|皆|均|全)不?(?:是|对|正确|错)|以上皆非|以上全部|(?:都|皆)不?对(?![\u4e00-\u9fff])"),
    "en": re.compile(r"\b(?:all|none|both|any|neither)\s+of\s+(?:the\s+)?(?:above|these|them)\b|\ball\s+the\s+above\b", re.I),
}
_NEGATIVE = {
    "zh": re.compile(r"不属于|不是|不正确|错误的是|不应该|不应|不该|不能|不宜|不包括"),
    "en": re.compile(r"\b(?:not|never|except|cannot)\b|\b[^\W_]+n[’']t\b", re.I),
}
_ZH_COMMON = set("的了是在我你他她它们这那哪个一不有和与或就都也要会能吗呢吧啊么什怎样些最把被给让向从到对于为着过很还再又更")
_EN_COMMON = {
    "about", "after", "again", "also", "been", "before", "being", "best", "both", "cannot", "could", "does", "doing",
    "done", "each", "even", "every", "from", "have", "having", "here", "into", "just", "like", "more", "most",
    "much", "must", "only", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "very", "want", "were", "what", "when",
    "where", "which", "while", "will", "with", "would", "your", "you’re", "you're", "yourself",
}

