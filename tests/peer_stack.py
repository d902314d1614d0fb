"""The peer stack: what a course author would use instead of this engine, for the benchmark.

Material for MkDocs with mkdocs-static-i18n for the languages (the same `*.zh.md` / `*.en.md`
files side by side) and mkdocs-quiz for the quizzes, the exercise blocks written as Material's
plain admonitions. `environment()` makes its virtual environment, apart from the project's;
`convert()` writes a course project in that stack's format, with the same text on every page:

- each marker becomes what an author would write by hand in its place: the quiz as mkdocs-quiz
  questions, sources, run-sheet, course map, schedule and glossary as Markdown lists and tables,
  the answer key as a list; the PDF links and the progress page have no equivalent and go;
- each `///` block becomes an admonition titled as the block (a game's options as a line of
  text, an answer space as an empty admonition); the module pages open with their title and
  objectives, as the hooks' pages do;
- the glossary's terms become abbreviations (Material's tooltips), appended to each lesson from a
  snippet (Material's documented way), and a jieba user dictionary for Chinese search;
- the navigation is the one the engine builds, given per language, so both builds render the
  same navigation on every page.

mkdocs-quiz has no ordering question: an ordering question becomes a single choice between the
right order and two wrong ones. The interactive answer spaces, card layout, print styles and
everything else the theme override adds have no equivalent either.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import yaml

import conftest  # noqa: F401  (puts the engine on sys.path, as for the tests: the navigation is the engine's)

# The peer's own packages. mkdocs-static-i18n's `material` extra allows Material below 9.7.2.
PEER = ("mkdocs-static-i18n[material]==1.3.1", "mkdocs-material==9.7.1", "mkdocs-quiz==1.7.1")
# Pinned to this project's versions, so that the two builds differ by the stack, not by these.
SHARED = ("mkdocs", "Markdown", "pymdown-extensions", "jieba")

MARKER = re.compile(r"^\s*<!--\s*md:(?P<name>[a-z-]+)(?P<args>[^>]*?)\s*-->\s*$")
_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.S)
_START = re.compile(r"^ {0,3}(?P<fence>/{3,}) *(?P<name>[\w-]+) *(?:\|(?P<title>.*))?$")
_END = re.compile(r"^ {0,3}/{3,} *$")
_OPTION = re.compile(r"^ {4,}(?P<key>[\w-]+):\s*(?P<value>.*)$")
ADMONITION = {"scenario": "example", "roleplay": "example", "card": "note", "game": "tip",
              "reflection": "question", "answer": "note", "model-answer": "success"}
# The few labels the converted pages need, written by hand as an author would.
LABELS = {
    "zh": {"objectives": "学习目标", "answer": "作答", "true": "对", "false": "错", "start": "开始", "activity": "活动",
           "kind": "类型", "minutes": "分钟", "total": "合计", "module": "单元", "summary": "简介", "exercises": "练习",
           "answer_key": "答案", "order": "正确的顺序是？"},
    "en": {"objectives": "Learning objectives", "answer": "Your answer", "true": "True", "false": "False", "start": "Start",
           "activity": "Activity", "kind": "Kind", "minutes": "Minutes", "total": "Total", "module": "Module",
           "summary": "Summary", "exercises": "Exercises", "answer_key": "Answer key", "order": "Which is the right order?"},
}
_EXTENSIONS = re.compile(r"^markdown_extensions:[^\n]*\n(?:(?:[ #][^\n]*)?\n)*", re.M)


def environment(cache: Path, log=print) -> Path:
    """The Python of the peer stack's virtual environment under `cache`, made once per set of pins."""
    pins = [*PEER, *(f"{name}=={version(name)}" for name in SHARED)]
    folder = cache / ("peer-" + hashlib.sha256("\n".join(pins).encode()).hexdigest()[:12])
    python = folder / "bin" / "python"
    done = folder / "pins.txt"
    if done.exists() and done.read_text() == "\n".join(pins):
        return python
    log(f"peer stack: making its virtual environment in {folder} ({', '.join(pins)})")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
                               capture_output=True, text=True)
    if installed.returncode != 0:
        raise SystemExit("peer stack: pip could not install it:\n" + installed.stderr[-3000:])
    done.write_text("\n".join(pins))
    return python


def versions(python: Path) -> str:
    """What the peer environment runs, for the report."""
    names = ["mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-quiz", *SHARED[1:]]
    code = "import sys; from importlib.metadata import version; print(', '.join(f'{n} {version(n)}' for n in sys.argv[1:]))"
    return subprocess.run([str(python), "-c", code, *names], capture_output=True, text=True, check=True).stdout.strip()


def convert(project: Path, target: Path) -> None:
    """Write the course project at `project` (mkdocs.yml, course/, quizzes/) as a peer project in `target`."""
    from mkdocs.config import load_config

    from coursekit import glue
    from coursekit.course import nav

    config = load_config(str(project / "mkdocs.yml"))
    course = glue.project(config)
    docs = Path(config.docs_dir)
    codes = course.languages.written  # no conversion in the peer stack: the languages written by hand
    banks = {path.stem: yaml.safe_load(path.read_text("utf-8")) for path in sorted((project / "quizzes").glob("*.yml"))}
    sources = {s["id"]: s for s in yaml.safe_load((docs / "_data" / "sources.yml").read_text("utf-8")) or []}
    terms = [t for path in [docs / "_data" / "terms.yml", *sorted(docs.glob("*/terms.yml"))] if path.exists()
             for t in yaml.safe_load(path.read_text("utf-8")) or []]
    start = (config.extra.get("classroom") or {}).get("start", "09:00")
    writer = _Writer(course.course, banks, sources, terms, codes, start)
    out = target / "docs"
    for page in (p for p in course.course.pages if p.lang in codes):
        text = (project / page.path).read_text("utf-8")
        dest = out / (project / page.path).resolve().relative_to(docs.resolve())
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(writer.page(page, text), "utf-8")
    includes = target / "includes"
    includes.mkdir(parents=True, exist_ok=True)
    for code in codes:
        # One definition a paragraph: written as one block, Python-Markdown tests the rest of the
        # block again after each definition (0.15 s a lesson with 330 terms, instead of 0.01 s).
        (includes / f"abbreviations.{code}.md").write_text(
            "".join(f"*[{t[code]}]: {_line(t['definition'][code])}\n\n" for t in terms), "utf-8")
    zh = next((c for c in codes if c.split("-")[0] == "zh"), None)
    if zh:
        (target / "jieba-user.txt").write_text("".join(f"{t[zh]}\n" for t in terms), "utf-8")
    (target / "mkdocs.yml").write_text(_config(project, config, course, {c: nav.nav(course.course, c) for c in codes}, bool(zh)), "utf-8")


# Helper functions


class _Writer:
    """One course page in the peer's Markdown."""

    def __init__(self, course, banks: dict, sources: dict, terms: list, codes: tuple, start: str):
        self.course, self.banks, self.sources, self.terms, self.codes, self.start = course, banks, sources, terms, codes, start

    def page(self, page, text: str) -> str:
        match = _FRONT.match(text)
        body = text[match.end():] if match else text
        lang, label = page.lang, LABELS.get(page.lang.split("-")[0], LABELS["en"])
        front = {"title": page.meta["title"], "description": page.meta["summary"]}
        if "hide" in page.meta:
            front["hide"] = page.meta["hide"]
        lines = []
        for line in _admonitions(body, label).split("\n"):
            found = MARKER.match(line)
            lines.append(self.marker(found["name"], found["args"].split(), page, label) if found else line)
        body = "\n".join(lines)
        if page.module:
            lesson = self.course.module(page.module).lesson(lang)
            head = f"# {page.meta['title']}\n\n"
            if page.kind != "exercises":
                head += f'!!! abstract "{label["objectives"]}"\n\n' + "".join(f"    - {o}\n" for o in lesson.meta["objectives"]) + "\n"
            body = head + body
        if page.kind == "lesson":
            body += f'\n\n--8<-- "includes/abbreviations.{lang}.md"\n'
        return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n" + body

    def marker(self, name: str, args: list[str], page, label: dict) -> str:
        lang = page.lang
        if name == "quiz":
            return self.quiz(self.banks[args[0]], lang, label) + "\n\n<!-- mkdocs-quiz results -->"
        if name in ("sources", "bibliography"):
            ids = args if name == "sources" else list(self.sources)
            return "\n".join(f"- {self.source(self.sources[i], lang)}" for i in ids)
        if name == "runsheet":
            return self.runsheet(page.meta["runsheet"], label)
        if name == "answer-key":
            quiz = self.course.module(page.module).lesson(lang).meta.get("quiz")
            return self.answer_key(self.banks[quiz], lang, label) if quiz else ""
        if name in ("course-map", "schedule"):
            up = "../" * page.neutral.count("/")
            rows = []
            for m in self.course.modules:
                meta = m.lesson(lang).meta
                summary = f" {meta['summary']} [{label['exercises']}]({up}{m.folder}/exercises.md) |" if name == "course-map" else ""
                rows.append(f"| [{m.number} · {meta['title']}]({up}{m.folder}/index.md) |{summary} {meta['duration']} |")
            head = [label["module"], *([label["summary"]] if name == "course-map" else []), label["minutes"]]
            return "\n".join(["| " + " | ".join(head) + " |", "|" + " --- |" * (len(head) - 1) + " ---: |", *rows])
        if name == "glossary":
            others = [c for c in self.codes if c != lang]
            return "\n\n".join(f"{t[lang]} ({' / '.join(t[o] for o in others)})\n:   {_line(t['definition'][lang])}" for t in self.terms)
        if name in ("pdf-links", "progress"):
            return ""  # no PDFs in either benchmark build; no progress page in the peer stack
        raise SystemExit(f"{page.path}: the marker md:{name} has no peer equivalent yet; teach tests/peer_stack.py to write one")

    def quiz(self, bank: dict, lang: str, label: dict) -> str:
        out = []
        for q in bank["questions"]:
            head = ([f"> {_line(q['customer'][lang])}", ""] if "customer" in q else []) + [_line(q["prompt"][lang]), ""]
            if q["type"] == "truefalse":
                options = [(label["true"], q["answer"] is True, q["if_true"][lang]), (label["false"], q["answer"] is False, q["if_false"][lang])]
            elif q["type"] == "ordering":
                steps = [_line(s[lang]) for s in q["steps"]]
                head[-2] += " " + label["order"]
                options = [(" → ".join(s), i == 0, None) for i, s in enumerate([steps, steps[::-1], steps[1:] + steps[:1]])]
            else:
                options = [(o["text"][lang], bool(o.get("correct")), o.get("feedback", {}).get(lang)) for o in q["options"]]
            answers = []
            for text, correct, feedback in options:
                answers.append(f"- [{'x' if correct else ' '}] {_line(text)}")
                if feedback:
                    answers.append(f"> {_line(feedback)}")
            out.append("<quiz>\n" + "\n".join(head + answers) + f"\n\n{_line(q['explanation'][lang])}\n</quiz>")
        return "\n\n".join(out)

    def answer_key(self, bank: dict, lang: str, label: dict) -> str:
        items = []
        for q in bank["questions"]:
            if q["type"] == "truefalse":
                key = label["true"] if q["answer"] else label["false"]
            elif q["type"] == "ordering":
                key = " → ".join(_line(s[lang]) for s in q["steps"])
            else:
                key = "; ".join(_line(o["text"][lang]) for o in q["options"] if o.get("correct"))
            items.append(f"1. {_line(q['prompt'][lang])}  \n   **{key}**  \n   {_line(q['explanation'][lang])}")
        return f"**{bank['title'][lang]} · {label['answer_key']}**\n\n" + "\n".join(items)

    def runsheet(self, rows: list, label: dict) -> str:
        hours, minutes = map(int, self.start.split(":"))
        at, lines = hours * 60 + minutes, []
        for row in rows:
            lines.append(f"| {at // 60:02d}:{at % 60:02d} | {row['activity']} | {row['kind']} | {row['minutes']} |")
            at += row["minutes"]
        total = sum(row["minutes"] for row in rows)
        head = f"| {label['start']} | {label['activity']} | {label['kind']} | {label['minutes']} |"
        return "\n".join([head, "| --- | --- | --- | ---: |", *lines, f"| | **{label['total']}** | | **{total}** |"])

    def source(self, source: dict, lang: str) -> str:
        note = (source.get("note") or {}).get(lang)
        return source["citation"] + (f" — {_line(note)}" if note else "")


def _admonitions(body: str, label: dict) -> str:
    """`///` blocks as nested admonitions: a header opens one titled as the block, its option lines
    go (a game's become a line of text), its content is indented one level deeper."""
    out, depth, lines, i = [], 0, body.split("\n"), 0
    while i < len(lines):
        line, pad = lines[i], "    " * depth
        start = _START.match(line)
        if start:
            options = []
            while i + 1 < len(lines) and _OPTION.match(lines[i + 1]):
                i += 1
                options.append(_OPTION.match(lines[i]))
            title = (start["title"] or "").strip() or (label["answer"] if start["name"] == "answer" else start["name"])
            out += [f'{pad}!!! {ADMONITION.get(start["name"], "note")} "{title}"', ""]
            if start["name"] == "game":
                out += [f"{pad}    " + " · ".join(f"{o['key']}: {o['value']}" for o in options), ""]
            depth += 1
        elif _END.match(line) and depth:
            depth -= 1
            out.append("")
        else:
            out.append(pad + line if line.strip() else "")
        i += 1
    return "\n".join(out)


def _line(text) -> str:
    return " ".join(str(text).split())


def _config(project: Path, config, course, navs: dict, chinese: bool) -> str:
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        raw = yaml_load(f)
    langs = course.languages
    theme = {k: raw["theme"][k] for k in ("name", "language", "font", "icon", "features", "palette") if k in raw["theme"]}
    # mkdocs-static-i18n warns that its language switch cannot keep the page under instant
    # navigation, and a warning stops a strict build: an author would drop the feature.
    theme["features"] = [f for f in theme.get("features", []) if not f.startswith("navigation.instant")]
    search = next(({**(p[name] or {})} for p in raw.get("plugins", []) if isinstance(p, dict)
                   for name in p if name in ("search", "material/search")), {})
    if chinese:
        search["jieba_dict_user"] = "jieba-user.txt"
    languages = [
        {"locale": lang.code, "name": lang.name, "default": lang.code == langs.default.code, "build": True,
         "site_name": lang.site_name, "site_description": lang.site_description, "nav": navs[lang.code]}
        for lang in langs.all if lang.code in navs
    ]
    data = {
        "site_name": langs.default.site_name,
        "site_description": langs.default.site_description,
        "site_url": config.site_url,
        "docs_dir": "docs",
        "strict": True,
        "validation": raw.get("validation", {}),
        "copyright": raw.get("copyright"),
        "theme": theme,
        "plugins": [{"search": search}, {"i18n": {"docs_structure": "suffix", "languages": languages}}, "mkdocs_quiz"],
        "extra": {"generator": raw.get("extra", {}).get("generator", True)},
    }
    extensions = _EXTENSIONS.search((project / "mkdocs.yml").read_text("utf-8"))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "\n" + (extensions[0] if extensions else "")
