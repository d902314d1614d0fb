"""The maintainers' quiz report, `python -m hooks quiz-report`: for each bank the findings of the
item-writing checks (the build's errors and warnings) and the numbers behind them (itemcheck.stats):
the mix of question types, where the keys sit, how long each key is against the longest other
option, and the true/false answers."""

from __future__ import annotations

from pathlib import Path

from coursekit.quiz import bank, itemcheck


def report(root: Path, codes: tuple[str, ...]) -> tuple[str, int]:
    """The report on every bank of the course at `root`, and how many errors it found."""
    banks, errors, findings = bank.read_banks(root, codes)
    lines = [f"error: {error}" for error in errors]
    for quiz, data in banks.items():
        path = f"{bank.FOLDER}/{quiz}.yml"
        lines += ["", *_numbers(path, itemcheck.stats(data, codes), codes)]
        lines += [f"  {f.severity}: {f}" for f in findings if f.path == path] or ["  no findings"]
    count = len(errors) + sum(f.severity == itemcheck.ERROR for f in findings)
    warnings = sum(f.severity == itemcheck.WARNING for f in findings)
    lines += ["", f"{len(banks)} banks: {_count(count, 'error')}, {_count(warnings, 'warning')}"
              + (" (errors stop the build; warnings are shown by it, see hooks/AUTHORING.md)" if count or warnings else "")]
    return "\n".join(lines).lstrip("\n") + "\n", count


def main(root: Path, codes: tuple[str, ...]) -> int:
    text, errors = report(root, codes)
    print(text, end="")
    return 1 if errors else 0


# Helper functions


def _numbers(path: str, stats: dict, codes: tuple[str, ...]) -> list[str]:
    limits, one_key = stats["limits"], stats["one_key"]
    each = "; ".join(f"{lang} {stats['key_longest'][lang]}" for lang in codes)
    markedly = "; ".join(f"{lang} {stats['key_markedly_longest'][lang]}" for lang in codes)
    lines = [
        f"{path}: {_count(stats['questions'], 'question')} ({', '.join(f'{k} {n}' for k, n in stats['types'].items())})",
        f"  keys of the {one_key} single and scenario questions by position: "
        + (", ".join(f"{p}: {n}" for p, n in stats["positions"].items()) or "none") + f" (at most {limits['position']} in one)",
        f"  key longer than every other option: {each} (at most {limits['key_longest']}); "
        f"markedly, {itemcheck.MARKEDLY}× or more: {markedly}",
        "  key against the longest other option, mean: "
        + "; ".join(f"{lang} {_ratio(stats['mean_ratio'][lang])}" for lang in codes),
        f"  true/false answers: true {stats['truefalse']['true']}, false {stats['truefalse']['false']}",
    ]
    width = max(len(q["id"]) for q in stats["per_question"])
    lines.append((f"    {'#':>2}  {'question':<{width}}  {'type':<9} key  " + "  ".join(f"{lang:<5}" for lang in codes)).rstrip())
    for n, question in enumerate(stats["per_question"], 1):
        ratios = "  ".join(f"{_ratio(question['ratio'][lang]):<5}" for lang in codes) if "ratio" in question else ""
        lines.append(f"    {n:>2}  {question['id']:<{width}}  {question['type']:<9} {question.get('key', ''):<3}  {ratios}".rstrip())
    return lines


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
