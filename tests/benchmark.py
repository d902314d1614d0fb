"""Benchmark: build speed against the peer stack, where the time goes, live reload, page weight
and Lighthouse scores.

    /work/main/.venv/bin/python tests/benchmark.py [--sizes 10,50,99] [--skip-lighthouse]
        [--lighthouse-runs 3] [--report FILE] [--keep]

Everything is measured in one run, so the figures compare with each other:

1. The peer stack, what a course author would use instead (tests/peer_stack.py): Material for
   MkDocs with mkdocs-static-i18n and mkdocs-quiz, in a virtual environment of its own, made once
   and kept in the system's temporary folder (`course-bench/`) for later runs.
2. For each size N (at most 99: a module number has two digits), a synthetic course of N modules (lesson with quiz, quiz bank, exercise sheet,
   facilitator guide and module terms, in Chinese and English, of about the real modules' length)
   plus the real course's site pages, in a temporary folder with this project's mkdocs.yml and
   hooks/; and the same course converted to the peer stack. Both are built alternately, each
   `mkdocs build` in a process of its own: wall time, CPU time and peak memory (ru_maxrss from
   wait4); the time inside each plugin's and hook's events, inside MkDocs' Markdown and template
   work, and inside the engine's phases (reading the project and each of its checks, the
   exercise blocks, the quiz, tooltips and partials), each exclusive of what it calls that is
   timed too; page and search index weights.
3. The real course, built from a snapshot of this folder, with the hooks and converted to the
   peer stack: build times; gzipped bytes and requests per page type, loaded in Chromium
   (Playwright) from a local server that gzips like a static host, and the peer's lessons beside.
4. `mkdocs serve` of the real course and of the largest synthetic one, in Chromium: the time from
   saving a lesson, sheet, guide or bank to the page showing the change, and to the whole site
   built again.
5. Lighthouse (npm devDependency, Debian's Chromium, mobile profile) on the home page, a lesson
   with a quiz and an exercise sheet: the four category scores and what costs points.
6. The targets of the issue, each marked met or not.

The run is meant to fit in ten minutes on a quiet 2-core machine; a busy one takes longer
(the report gives the load average after each build). Compare the ratios within one run.

Not collected by pytest (its name does not start with test_): timings are never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import itertools
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import peer_stack
import rcssmin
import rjsmin
import yaml

from conftest import copy_project  # the same copy the tests break on purpose

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync",
]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
ENV.pop("COURSE_PDF", None)  # the PDF pack is not part of these builds (as under `mkdocs serve`)
GZIP_LEVEL = 6  # what nginx and most static hosts use
BUDGET = 600  # seconds: a run should fit in ten minutes on the 2-core machine
PEER_CACHE = Path(tempfile.gettempdir()) / "course-bench"  # the peer's virtual environment, kept between runs

# The engine's phases the runner times, as `module:attribute` (a method as `module:Class.method`).
# Each is timed exclusive of the others it calls, so the rows add up; what the engine no longer
# has is reported, not skipped.
PHASES = {
    "project: stat of its files, per call": "coursekit.project:read",
    "project: settings and the rest of the reading": "coursekit.project:_read",
    "pages: front matter, markers, blocks checked": "coursekit.course.model:load",
    "quiz banks: YAML, schema, rules": "coursekit.quiz.bank:read_banks",
    "quiz banks: item-writing checks": "coursekit.quiz.itemcheck:check",
    "sources": "coursekit.course.bibliography:load",
    "terms": "coursekit.course.glossary:load",
    "interface text": "coursekit.languages.strings:load",
    "classroom checks": "coursekit.classroom.checks:check",
    "translation parity": "coursekit.quality.parity:check",
    "house style": "coursekit.quality.style:check",
    "jieba's dictionary and the course's terms": "coursekit.languages.search:prepare",
    "exercise blocks: fence tests": "pymdownx.blocks:BlocksProcessor.test",
    "exercise blocks: options": "pymdownx.blocks:BlocksProcessor.split_header",
    "exercise blocks: tree": "pymdownx.blocks:BlocksTreeprocessor.run",
    "quiz HTML": "coursekit.quiz.render:render_quiz",
    "answer key HTML": "coursekit.quiz.render:render_answer_key",
    "glossary tooltips": "coursekit.course.views:tooltips",
    "theme partials (run-sheets, sources, maps, pages)": "coursekit.glue:render",
}

# The phases that read the project and check it: a mistake in any stops the build.
READING = ("project: settings and the rest of the reading", "pages: front matter, markers, blocks checked",
           "quiz banks: YAML, schema, rules", "quiz banks: item-writing checks", "sources", "terms", "interface text",
           "classroom checks", "translation parity", "house style")
BLOCKS = ("exercise blocks: fence tests", "exercise blocks: options", "exercise blocks: tree")
RENDERING = ("quiz HTML", "answer key HTML", "glossary tooltips", "theme partials (run-sheets, sources, maps, pages)")
JIEBA = "jieba's dictionary and the course's terms"


def _phases(*labels: str):
    keys = {f"phase: {label}" for label in labels}
    return lambda key: key in keys


# The parts of a build, compared between ours and the peer's; what none of them holds is shown as the rest.
PARTS = (
    ("the engine: reading the project and its checks", _phases(*READING)),
    ("the engine: seeing whether the project changed (each time a hook asks for it)", _phases("project: stat of its files, per call")),
    ("jieba's dictionary (ours: in the course hook; the peer's: in the search plugin's configuration)",
     lambda key: key in (f"phase: {JIEBA}", "material/search config")),
    ("Material's search plugin: indexing, writing the index", lambda key: key.startswith("material/search ") and key != "material/search config"),
    ("the exercise blocks: pymdown Blocks' fence tests, options, tree", _phases(*BLOCKS)),
    ("the engine: quiz, answer key, tooltips, theme partials", _phases(*RENDERING)),
    ("our hooks' events, the rest", lambda key: key.startswith("hooks/")),
    ("mkdocs-quiz's events", lambda key: key.startswith("mkdocs_quiz ")),
    ("mkdocs-static-i18n's events", lambda key: key.startswith("i18n ")),
    ("MkDocs: reading and converting the Markdown", lambda key: key == "mkdocs: Markdown"),
    ("MkDocs: the page template and writing the file", lambda key: key == "mkdocs: template and write"),
    ("MkDocs: the rest of the build (files, navigation, static files)", lambda key: key == "mkdocs build"),
)

# Runs one or more MkDocs builds in one Python process, exactly as `mkdocs build` does, and
# writes how long each took and how long each plugin/hook event and engine phase took, exclusive
# of nested ones and of nested builds (the i18n hooks build the other languages inside the
# default language's post_build).
RUNNER = r'''
import collections, importlib, json, logging, os, sys, time
import mkdocs.commands.build as B
import mkdocs.plugins as P
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
stack, spent, calls = [], collections.defaultdict(float), collections.Counter()

def timed(key, fn, *args, **kwargs):
    stack.append([time.perf_counter(), 0.0])
    try:
        return fn(*args, **kwargs)
    finally:
        start, nested = stack.pop()
        took = time.perf_counter() - start
        spent[key] += took - nested
        if stack:
            stack[-1][1] += took

def run_event(self, name, item=None, **kwargs):
    for method in self.events[name]:
        self._current_plugin = origin = self._event_origins.get(method, "<unknown>")
        key = f"{origin} {name}"
        result = timed(key, method, item, **kwargs) if item is not None else timed(key, method, **kwargs)
        if result is not None:
            item = result
    self._current_plugin = None
    return item

P.PluginCollection.run_event = run_event
plain_build, populate, build_page = B.build, B._populate_page, B._build_page
B.build = lambda *a, **k: timed("mkdocs build", plain_build, *a, **k)
# MkDocs' own work per page, the events inside excluded: reading and converting the Markdown;
# rendering the theme's template around it and writing the file.
B._populate_page = lambda *a, **k: timed("mkdocs: Markdown", populate, *a, **k)
B._build_page = lambda *a, **k: timed("mkdocs: template and write", build_page, *a, **k)

def phase(label, target):
    module, _, path = target.partition(":")
    try:
        owner = importlib.import_module(module)
    except ImportError:
        return "absent"  # a build without the engine (the peer's)
    *parents, name = path.split(".")
    for part in parents:
        owner = getattr(owner, part, None)
    original = getattr(owner, name, None)
    if original is None:
        return "missing"
    key = "phase: " + label

    def wrapper(*args, **kwargs):
        calls[key] += 1
        return timed(key, original, *args, **kwargs)

    setattr(owner, name, wrapper)
    return "timed"

sys.path.insert(0, os.path.join(os.getcwd(), "hooks"))  # the project's engine, as its hooks import it
phases = {label: phase(label, target) for label, target in json.loads(sys.argv[2]).items()}
out = {"builds": [], "events": spent, "calls": calls, "phases": phases}
for path in sys.argv[3:]:
    start = time.perf_counter()
    config = load_config(path)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        B.build(config)
    finally:
        config.plugins.on_shutdown()
    out["builds"].append(time.perf_counter() - start)
with open(sys.argv[1], "w") as f:
    json.dump(out, f)
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,99", help=f"numbers of modules, comma-separated, at most {MAX_MODULES}")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="runs per page, the median counts; runs after the first only while the 10-minute budget lasts")
    parser.add_argument("--report", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    sizes = sorted({int(n) for n in args.sizes.split(",")})
    if sizes[-1] > MAX_MODULES:
        parser.error(f"a course has at most {MAX_MODULES} modules (two-digit NN, each number once)")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="course-bench-"))
    report = Report()
    try:
        peer = peer_stack.environment(PEER_CACHE, log)
        report.machine(machine(peer))
        results = []
        # The first search query is measured at the largest size up to 100 modules.
        search_at = max([n for n in sizes if n <= 100] or sizes[:1])
        searches = []
        for n in sizes:
            log(f"N={n}: generating, and converting to the peer stack")
            project = make_synthetic(work / f"n{n}", n)
            peer_stack.convert(project, work / f"n{n}-peer")
            results.append(measure_builds(project, work / f"n{n}-peer", peer, n, repeats=_repeats(n), search=n == search_at))
            searches = results[-1].pop("searches", None) or searches
            for site in (project / "site", work / f"n{n}-peer" / "site"):  # hundreds of megabytes of HTML at N=99
                shutil.rmtree(site, ignore_errors=True)
        real = snapshot_real(work / "real", work / "real-peer", peer)
        if real:
            results.append(real["builds"])
        report.builds(results)
        report.breakdown(results)
        report.phases(results)
        report.search(searches)
        derived = measure_derived(real["ours"]) if real else {}
        report.languages(derived)
        weights = measure_weight(real["ours"], real["peer"]) if real else None
        report.weight(weights)
        report.differences(results, weights)
        # At the largest size each save waits for a whole-site build of a minute or more: one save
        # there, every kind on the real course.
        serve = [measure_serve(project, label, every) for project, label, every in
                 ([(real["ours"], real["builds"]["label"], True)] if real else []) + [(work / f"n{sizes[-1]}", f"N={sizes[-1]}", False)]]
        report.serve(serve)
        scores = []
        if not args.skip_lighthouse and weights:
            scores = run_lighthouse(real["ours"] / "site", weights["lighthouse"], work, args.lighthouse_runs, deadline=started + BUDGET)
            report.lighthouse(scores)
        seconds = time.perf_counter() - started
        report.elapsed(seconds)
        report.targets(results, serve, weights, scores, seconds, searches, derived)
        text = report.text()
        print(text)
        if args.report:
            args.report.write_text(text, "utf-8")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _repeats(n: int) -> int:
    """Alternating pairs of builds (ours, the peer's) per size: two where builds are short and noise is large."""
    return 2 if n <= 20 else 1


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The machine


def machine(peer: Path) -> dict:
    def first(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "jieba", "playwright"):
        try:
            from importlib.metadata import version
            versions[dist] = version(dist)
        except Exception:
            versions[dist] = "?"
    lighthouse = ROOT / "node_modules" / "lighthouse" / "package.json"
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": f"{mem} MB",
        "os": first(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "peer stack": peer_stack.versions(peer),
        "chromium": first([CHROMIUM, "--version"]).strip(),
        "node": first(["node", "--version"]),
        "lighthouse": json.loads(lighthouse.read_text())["version"] if lighthouse.exists() else "not installed",
        "commit": first(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cs"])
        + (" (with changes not committed)" if first(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]) != "?" else ""),
        "load": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


# ---------------------------------------------------------------------------------------------
# The synthetic course


def make_synthetic(folder: Path, n: int) -> Path:
    """A project folder: this project's mkdocs.yml and hooks/, the real site pages, N modules."""
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", folder / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "quizzes").mkdir()
    for schema in (ROOT / "quizzes").glob("*.json"):
        shutil.copy2(schema, folder / "quizzes" / schema.name)
    docs = folder / "course"
    real_docs = ROOT / "course"
    real_modules = sorted(p.name for p in real_docs.iterdir() if p.is_dir() and re.match(r"\d\d-", p.name))
    folders = [module_folder(k, n) for k in range(1, n + 1)]
    # The site pages link to real modules: point each at the synthetic module in its place.
    renamed = {old: folders[min(i, n - 1)] for i, old in enumerate(real_modules)}
    for source in real_docs.rglob("*"):
        rel = source.relative_to(real_docs)
        if rel.parts[0] in real_modules or source.is_dir():
            continue
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            text = source.read_text("utf-8")
            for old, new in renamed.items():
                text = text.replace(f"{old}/", f"{new}/")
            target.write_text(text, "utf-8")
        else:
            shutil.copy2(source, target)
    core_terms = yaml.safe_load((real_docs / "_data" / "terms.yml").read_text("utf-8")) or []
    sources = [s["id"] for s in yaml.safe_load((real_docs / "_data" / "sources.yml").read_text("utf-8"))]
    for k, name in enumerate(folders, 1):
        Module(k, n, name, folders, core_terms, sources).write(docs, folder / "quizzes")
    return folder


def module_folder(k: int, n: int) -> str:
    """`NN-slug`, as AUTHORING.md asks. NN has two digits and the build stops on a number taken
    twice, so a course has at most 99 modules (MAX_MODULES)."""
    return f"{k:02d}-m{k:03d}"


MAX_MODULES = 99


ZH_CLAUSES = [
    "顾客打来电话时往往已经等了很久", "先让对方把话说完再回应", "一句真诚的道歉胜过十句解释",
    "把顾客的原话复述一遍", "确认自己理解的和对方说的是同一件事", "不要急着说明公司的规定",
    "先处理心情，再处理事情", "给出一个具体的时间和下一步", "答应的事情一定要按时做到",
    "内部的同事同样是我们的顾客", "投诉背后往往藏着一条改进线索", "沉默的顾客比投诉的顾客更让人担心",
    "情绪激动的顾客需要的是被听见", "在电话里要比当面更注意语气", "记录下每一次投诉的时间和经过",
    "主管要在现场支持一线员工", "遇到辱骂时可以请上级介入", "问题解决后再打一次电话回访",
    "把同样的问题从流程上堵住", "不要把责任推给其他部门", "说“不过”之前先想一想",
    "用顾客听得懂的话说明原因", "先谢谢顾客愿意告诉我们", "给顾客两个可以选择的方案",
    "承诺之前先确认自己做得到", "团队每周一起复盘典型投诉", "把处理结果告诉提出问题的同事",
    "顾客在意的常常不是钱而是被尊重", "越是小事越要当场解决", "在门店里要先把顾客请到安静的地方",
    "网上的差评同样需要及时回应", "回复要具体，不要用套话", "道歉的时候不要附加条件",
    "把顾客的期待和我们能做的对齐", "处理慢了，小问题也会变成大问题", "员工受了委屈也要有人倾听",
    "好的流程让每个人都知道下一步找谁", "复杂的投诉要指定一位负责人跟到底", "数据要说明来源和年代",
    "培训时让学员把句子说出口",
]
EN_SENTENCES = [
    "By the time a customer rings, they have often been waiting for a long while.",
    "Let the other person finish before you answer.",
    "One sincere apology does more than ten explanations.",
    "Restate the problem in the customer's own words and check you have it right.",
    "Resist the urge to start with company policy.",
    "Deal with the feelings first, then with the facts.",
    "Give a specific time and a concrete next step.",
    "Whatever you promise, deliver it when you said you would.",
    "Colleagues in other departments are customers too.",
    "Behind most complaints there is a clue to something that can be improved.",
    "The customers who leave in silence are more worrying than the ones who complain.",
    "An angry customer mostly needs to feel heard.",
    "On the phone your tone matters even more than face to face.",
    "Write down when each complaint came in and what happened next.",
    "Managers should back up front-line staff on the spot.",
    "If a customer becomes abusive, ask a supervisor to step in.",
    "Once the problem is fixed, call back to check it stayed fixed.",
    "Close the gap in the process so the same problem does not come back.",
    "Do not pass the blame to another department.",
    "Think twice before the word “but”.",
    "Explain the reason in words the customer understands.",
    "Thank the customer for taking the trouble to tell you.",
    "Offer two options the customer can choose between.",
    "Before you promise anything, make sure you can do it.",
    "Once a week the team reviews a typical complaint together.",
    "Tell the colleague who raised the issue how it was resolved.",
    "What customers care about is often respect rather than money.",
    "The smaller the issue, the more it should be settled on the spot.",
    "In a shop, first take the customer somewhere quieter.",
    "A bad online review deserves a prompt reply as well.",
    "Make the reply specific; stock phrases make things worse.",
    "An apology with conditions attached is not an apology.",
    "Match what the customer expects with what you can actually do.",
    "Handled slowly, a small problem turns into a big one.",
    "Staff who have been treated unfairly need someone to listen to them too.",
    "A good process means everyone knows whom to turn to next.",
    "A complicated complaint needs one named owner who sees it through.",
    "Say where a figure comes from and how old it is.",
    "In training, have people say the sentences out loud.",
    "A calm voice slows the conversation down for both sides.",
]
ZH_NAMES = ["陈", "林", "王", "周", "刘", "孙", "吴", "郑", "赵", "何"]
EN_NAMES = ["Chen", "Lin", "Wang", "Zhou", "Liu", "Sun", "Wu", "Zheng", "Zhao", "He"]
# Two-character words for module terms (4-character compounds), and English words for theirs.
ZH_WORDS = [
    "回访", "承诺", "致歉", "倾听", "升级", "转交", "复盘", "记录", "安抚", "跟进", "解释", "补偿",
    "排查", "预警", "交接", "授权", "确认", "回应", "说明", "改进", "协调", "督办", "答复", "核实",
    "登记", "归档", "提醒", "约定", "分流", "评估", "反馈", "追踪", "澄清", "调解", "核对", "备案",
    "沟通", "闭环", "示范", "观察",
]
EN_ADJ = [
    "prompt", "warm", "clear", "firm", "honest", "early", "calm", "named", "joint", "open", "direct",
    "quiet", "shared", "second", "fair", "plain", "rapid", "steady", "visible", "written", "timely",
    "agreed", "personal", "daily", "weekly", "local", "formal", "brief", "careful", "gentle",
    "practical", "frontline", "internal", "external", "polite", "patient", "candid", "concrete",
    "fresh", "single",
]
EN_NOUN = [
    "callback", "apology", "handover", "promise", "check", "review", "record", "remedy", "follow-up",
    "escalation", "explanation", "offer", "summary", "reminder", "log", "briefing", "owner", "deadline",
    "update", "debrief", "script", "pause", "question", "answer", "ticket", "visit", "reply", "note",
    "signal", "option", "plan", "step", "report", "talk", "welcome", "closing", "restatement",
    "timeline", "agreement", "estimate",
]


class Module:
    """One synthetic module, written the way AUTHORING.md asks, of about the real modules' size."""

    # Bytes per page (UTF-8), close to the real modules' median in each language.
    SIZES = {"lesson": 10_000, "exercises": 6_000, "guide": 14_000}

    def __init__(self, k: int, n: int, folder: str, folders: list[str], core_terms: list, sources: list[str]):
        self.k, self.n, self.folder, self.folders = k, n, folder, folders
        self.quiz = f"quiz-m{k:03d}"
        self.core = core_terms
        self.sources = sources
        self.terms = []
        for j in range(3):
            # Term i is a pair of words, the second shifted by i // 40: unique for the first
            # 1600 terms, and without a number (the house style spaces Chinese from digits).
            i = 3 * (k - 1) + j
            a, b = i % len(ZH_WORDS), (i % len(ZH_WORDS) + i // len(ZH_WORDS) + 1) % len(ZH_WORDS)
            self.terms.append({"id": f"m{k:03d}-t{j}", "zh": ZH_WORDS[a] + ZH_WORDS[b], "en": f"{EN_ADJ[a]} {EN_NOUN[b]}"})

    def write(self, docs: Path, quizzes: Path) -> None:
        folder = docs / self.folder
        folder.mkdir()
        for lang in ("zh", "en"):
            rnd = random.Random(f"{self.k}")  # the same structure in both languages
            (folder / f"index.{lang}.md").write_text(self.lesson(lang, rnd), "utf-8")
            (folder / f"exercises.{lang}.md").write_text(self.exercises(lang, rnd), "utf-8")
            (folder / f"guide.{lang}.md").write_text(self.guide(lang, rnd), "utf-8")
        terms = [{**t, "definition": {"zh": self.sentence("zh", random.Random(t["id"]), 2),
                                      "en": self.sentence("en", random.Random(t["id"]), 2)}} for t in self.terms]
        (folder / "terms.yml").write_text(_yaml(terms), "utf-8")
        header = "# yaml-language-server: $schema=./quiz.schema.json\n"
        (quizzes / f"{self.quiz}.yml").write_text(header + _yaml(self.bank()), "utf-8")

    # Text

    def sentence(self, lang: str, rnd: random.Random, parts: int = 3) -> str:
        if lang == "zh":
            return "，".join(rnd.choice(ZH_CLAUSES) for _ in range(parts)) + "。"
        return " ".join(rnd.choice(EN_SENTENCES) for _ in range(max(1, parts - 1)))

    def paragraph(self, lang: str, rnd: random.Random, sentences: int = 4, terms: bool = False) -> str:
        text = [self.sentence(lang, rnd) for _ in range(sentences)]
        if terms:  # the module's own terms and a core term, so tooltips and search see them
            words = [t[lang] for t in self.terms] + [rnd.choice(self.core)[lang]]
            text.insert(1, ("本单元要用到" + "、".join(words) + "这几个概念。") if lang == "zh"
                        else f"This module relies on the ideas of {', '.join(words[:-1])} and {words[-1]}.")
        return ("" if lang == "zh" else " ").join(text)

    def fill(self, lang: str, rnd: random.Random, parts: list[str], size: int) -> list[str]:
        """Add paragraphs until the page reaches about `size` bytes."""
        while len("\n\n".join(parts).encode()) < size:
            parts.insert(-3 if len(parts) > 3 else len(parts), self.paragraph(lang, rnd))
        return parts

    def title(self, lang: str) -> str:
        return f"第 {self.k} 单元的投诉情境" if lang == "zh" else f"Complaint situations, part {self.k}"

    def link(self, lang: str) -> str:
        other = self.folders[self.k % self.n]
        text = "下一单元" if lang == "zh" else "the next module"
        return f"[{text}](../{other}/index.md)"

    # Pages

    def lesson(self, lang: str, rnd: random.Random) -> str:
        zh = lang == "zh"
        front = {
            "title": self.title(lang),
            "summary": self.sentence(lang, rnd, 2)[:190],
            "objectives": [self.sentence(lang, rnd, 2) for _ in range(4)],
            "duration": 75,
            "quiz": self.quiz,
        }
        people = ZH_NAMES if zh else EN_NAMES
        story = "开场故事：" + rnd.choice(people) + "经理的一通电话" if zh else f"Opening story: a call for {rnd.choice(people)}"
        body = [self.paragraph(lang, rnd, 3, terms=True), f'!!! example "{story}"\n    ' + self.paragraph(lang, rnd, 5)]
        heads_zh = ["投诉是一份礼物", "先听后说", "内部顾客", "把承诺做到", "每个岗位的基本功"]
        heads_en = ["A complaint is a gift", "Listen before you speak", "Internal customers", "Keep your promises", "A skill for every role"]
        for i, head in enumerate(heads_zh if zh else heads_en):
            body.append(f"## {head}")
            body.append(self.paragraph(lang, rnd, 4))
            if i == 1:
                cols = ("听到的话", "背后的信息", "可以改进的地方") if zh else ("What you hear", "What it tells you", "What to improve")
                rows = [f"| {self.sentence(lang, rnd, 1)} | {self.sentence(lang, rnd, 1)} | {self.sentence(lang, rnd, 1)} |" for _ in range(4)]
                body.append("\n".join([f"| {' | '.join(cols)} |", "| --- | --- | --- |", *rows]))
            if i == 2:
                tip = "说出口的句子" if zh else "Sentences to say out loud"
                body.append(f'!!! tip "{tip}"\n\n' + "\n".join(f"    - “{self.sentence(lang, rnd, 1)}”" for _ in range(3)))
            if i == 3:
                body.append(self.paragraph(lang, rnd, 2) + (" 详见" if zh else " See ") + self.link(lang) + ("。" if zh else "."))
        body.append("## 要点" if zh else "## Key points")
        body.append("\n".join(f"- {self.sentence(lang, rnd, 2)}" for _ in range(5)))
        body.append("## 自我检测" if zh else "## Check yourself")
        body.append(f"<!-- md:quiz {self.quiz} -->")
        body.append("## 参考来源" if zh else "## Sources")
        body.append(f"<!-- md:sources {' '.join(random.Random(self.k).sample(self.sources, 3))} -->")
        return _page(front, self.fill(lang, rnd, body, self.SIZES["lesson"]))

    def exercises(self, lang: str, rnd: random.Random) -> str:
        zh = lang == "zh"
        front = {"title": ("练习单：" if zh else "Exercise sheet: ") + self.title(lang), "summary": self.sentence(lang, rnd, 2)[:190]}
        body = [self.paragraph(lang, rnd, 2)]
        for case in (1, 2):
            body.append(f"## 情景案例{'一二'[case - 1]}" if zh else f"## Case {case}")
            body.append(self.paragraph(lang, rnd, 1))
            questions = "\n".join(f"{q}. {self.sentence(lang, rnd, 1)}" for q in (1, 2, 3))
            body.append(f"//// scenario | {self.sentence(lang, rnd, 1)[:30]}\n{self.paragraph(lang, rnd, 3)}\n\n"
                        f"{self.paragraph(lang, rnd, 2)}\n\n{questions}\n\n/// answer\n    lines: 8\n///\n////")
        body.append("## 角色扮演" if zh else "## Role-play")
        body.append(self.paragraph(lang, rnd, 1))
        card = "customer", "staff", "observer"
        names = ("顾客：", "员工：", "观察员") if zh else ("Customer: ", "Staff member: ", "Observer")
        cards = []
        for role, name in zip(card, names):
            who = name + (rnd.choice(ZH_NAMES if zh else EN_NAMES) if role != "observer" else "")
            if role == "observer":
                text = self.sentence(lang, rnd, 2) + "\n\n" + "\n".join(f"- [ ] {self.sentence(lang, rnd, 1)}" for _ in range(6))
            else:
                text = self.paragraph(lang, rnd, 2) + "  \n" + self.paragraph(lang, rnd, 2)
            cards.append(f"/// card | {who}\n    role: {role}\n{text}\n///")
        body.append(f"//// roleplay | {self.sentence(lang, rnd, 1)[:30]}\n" + "\n\n".join(cards) + "\n////")
        body.append("## 小组游戏" if zh else "## Group game")
        body.append(f"/// game | {'两两对练' if zh else 'Pairs practice'}\n    players: 8\n    group: 2\n    minutes: 15\n    rounds: 2\n"
                    f"{self.paragraph(lang, rnd, 3)}\n///")
        body.append("## 反思" if zh else "## Reflection")
        questions = "\n".join(f"{q}. {self.sentence(lang, rnd, 1)}" for q in (1, 2, 3))
        body.append(f"//// reflection | {'反思' if zh else 'Reflection'}\n{questions}\n\n/// answer\n    lines: 10\n///\n////")
        return _page(front, self.fill(lang, rnd, body, self.SIZES["exercises"]))

    def guide(self, lang: str, rnd: random.Random) -> str:
        zh = lang == "zh"
        rows = [("teach", 10), ("teach", 10), ("exercise", 15), ("role-play", 15), ("debrief", 15), ("exercise", 10)]
        front = {
            "title": ("讲师指南：" if zh else "Facilitator guide: ") + self.title(lang),
            "summary": self.sentence(lang, rnd, 2)[:190],
            "runsheet": [{"activity": self.sentence(lang, rnd, 1)[:24].rstrip("。."), "kind": kind, "minutes": m} for kind, m in rows],
        }
        body = ["## 准备与材料" if zh else "## Preparation and materials",
                "\n".join(f"- **{self.sentence(lang, rnd, 1)[:8]}**：{self.sentence(lang, rnd, 2)}" if zh else
                          f"- **{self.sentence(lang, rnd, 1)[:12]}**: {self.sentence(lang, rnd, 2)}" for _ in range(5)),
                "## 时间安排" if zh else "## Run-sheet", "<!-- md:runsheet -->", self.paragraph(lang, rnd, 2),
                "## 引导要点" if zh else "## Facilitation notes"]
        # The course's house style (course/_data/style.yml): its labels, in order, and headings ending with the minutes.
        labels = ("做什么：", "留意：", "冷场时：", "有人抢话时：") if zh else ("What to do:", "Watch for:", "If the group is quiet:", "If someone dominates:")
        for (kind, minutes) in rows:
            body.append(f"### {self.sentence(lang, rnd, 1)[:20].rstrip('。.，,')}（{minutes} 分钟）" if zh
                        else f"### {self.sentence(lang, rnd, 1)[:40].rstrip('.,')} ({minutes} minutes)")
            body.append("\n".join(f"- **{label}**{'' if zh else ' '}{self.paragraph(lang, rnd, 2)}" for label in labels))
        body.append("## 讨论题" if zh else "## Discussion prompts")
        body.append("\n".join(f"{q}. {self.sentence(lang, rnd, 2)}" for q in range(1, 7)))
        body.append("## 参考答案" if zh else "## Model answers")
        for q in range(1, 7):
            body.append(f"/// model-answer | {'问题' if zh else 'Question'} {q}\n{self.paragraph(lang, rnd, 3)}\n\n{self.paragraph(lang, rnd, 2)}\n///")
        body.append("## 测验答案" if zh else "## Quiz answer key")
        body.append("<!-- md:answer-key -->")
        body.append(self.paragraph(lang, rnd, 2))
        return _page(front, self.fill(lang, rnd, body, self.SIZES["guide"]))

    def bank(self) -> dict:
        rnd = random.Random(self.quiz)

        def text(parts: int = 2) -> dict:
            seed = rnd.random()
            return {"zh": self.sentence("zh", random.Random(seed), parts), "en": self.sentence("en", random.Random(seed), parts)}

        def distinct(count: int) -> list[dict]:
            """`count` different texts, shortest first in each language (the item checks stop a
            bank with two options alike, or whose correct option is the longest)."""
            zh = sorted(rnd.sample(ZH_CLAUSES, count), key=len)
            en = sorted(rnd.sample(EN_SENTENCES, count), key=lambda t: len(t.split()))
            return [{"zh": f"{z}。", "en": e} for z, e in zip(zh, en)]

        def options(correct: set[int], count: int = 4) -> list:
            texts = distinct(count)  # the correct options take the shortest texts
            order = sorted(correct) + [i for i in range(count) if i not in correct]
            return [{"text": texts[order.index(i)], **({"correct": True} if i in correct else {}), "feedback": text()} for i in range(count)]

        questions = []
        for i, kind in enumerate(["single", "multiple", "truefalse", "ordering", "scenario", "single", "multiple", "truefalse"]):
            q = {"id": f"q{i + 1}-{kind}", "type": kind}
            if kind == "scenario":
                q["customer"] = text(2)
            q["prompt"] = text(2)
            if kind in ("single", "scenario"):
                q["options"] = options({i % 4})
            elif kind == "multiple":
                q["options"] = options({0, 2}, 5)
            elif kind == "truefalse":
                q.update(answer=i % 2 == 0, if_true=text(), if_false=text())
            else:
                q["steps"] = distinct(4)
            q["explanation"] = text(3)
            questions.append(q)
        return {"title": {"zh": self.title("zh"), "en": self.title("en")}, "questions": questions}


def _page(front: dict, body: list[str]) -> str:
    return "---\n" + _yaml(front) + "---\n\n" + "\n\n".join(body) + "\n"


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=1000)


# ---------------------------------------------------------------------------------------------
# Builds


def load_yaml_config(path: Path) -> dict:
    from mkdocs.utils.yaml import yaml_load
    with open(path, encoding="utf-8") as f:
        return yaml_load(f)


def run_build(project: Path, python: Path | str, label: str, config: str = "mkdocs.yml") -> dict:
    """One `mkdocs build` of `project` in a process of its own, run by `python`: wall, CPU, peak
    memory, the runner's timings, and what the site weighs."""
    runner = project / "_runner.py"
    runner.write_text(RUNNER, "utf-8")
    out = project / f"_{label}.json"
    logfile = project / f"_{label}.log"
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    with open(logfile, "w") as logf:
        start = time.perf_counter()
        proc = subprocess.Popen([str(python), str(runner), str(out), json.dumps(PHASES), config], cwd=project, env=ENV,
                                stdout=logf, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{label} build failed in {project}:\n" + logfile.read_text()[-4000:])
    data = json.loads(out.read_text())
    html = [p for p in site.rglob("*.html") if p.name != "404.html"]
    lesson = next(site.glob("01-*/index.html"), None)
    return {
        "indexes": search_indexes(project),
        "load": float(Path("/proc/loadavg").read_text().split()[0]),
        "lesson_gz": _gz(lesson) if lesson else 0,
        "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
        "inproc": sum(data["builds"]), "events": data["events"], "calls": data["calls"], "phases": data["phases"],
        "pages": len(html), "html": sum(p.stat().st_size for p in html),
    }


def search_indexes(project: Path) -> dict[str, int]:
    """Per language, the gzipped bytes of its whole search index: Material's file, or, for ours,
    every piece of it (a query fetches a few); where a language's site has none (the peer's), the
    one at the root that every language shares."""
    site = project / "site"
    codes = [code for code, spec in load_yaml_config(ROOT / "mkdocs.yml")["extra"]["languages"].items() if "from" not in spec]
    found = {}
    for i, code in enumerate(codes):
        own = site / ("" if i == 0 else code.lower()) / "search"
        folder = own if (own / "search_index.json").exists() else site / "search"
        found[code] = sum(_gz(path) for path in folder.glob("*.json")) if folder.exists() else 0
    return found


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL))


def measure_builds(project: Path, peer_project: Path, peer: Path, n: int, repeats: int, label: str | None = None,
                   search: bool = False) -> dict:
    """Our build and the peer's of the same course, alternately, `repeats` pairs; the best of each;
    with `search`, the first search query on our first build's site (the next build deletes it)."""
    runs = {"ours": [], "peer": []}
    # The peer stack has no conversion: both build the written languages only (zh-TW's cost is measured apart).
    builds = {"ours": (project, sys.executable, "ours", written_config(project)), "peer": (peer_project, peer, "peer")}
    for r in range(repeats):
        for kind in ("ours", "peer") if r % 2 == 0 else ("peer", "ours"):
            log(f"{label or f'N={n}'}: {kind} build {r + 1}/{repeats}")
            runs[kind].append(run_build(*builds[kind]))
            if kind == "ours" and search and "searches" not in runs:
                runs["searches"] = measure_search(project, n)
    return {"n": n, "label": label or str(n), "ours": _best(runs["ours"]), "peer": _best(runs["peer"]), "repeats": repeats,
            "searches": runs.get("searches")}


def _best(runs: list[dict]) -> dict:
    """The run with the least CPU time: on a noisy machine, the least disturbed one."""
    best = dict(min(runs, key=lambda r: r["cpu"]))
    best["walls"] = [r["wall"] for r in runs]
    best["rss"] = max(r["rss"] for r in runs)
    return best


# ---------------------------------------------------------------------------------------------
# Search: the first query of a learner on the synthetic course

# Common words of the synthetic text, so a query finds many pages (the worst case for transfer).
SEARCHES = [("zh", "", "先处理心情再处理事情"), ("zh", "", "顾客"), ("en", "en/", "sincere apology"), ("en", "en/", "customer")]


def measure_search(project: Path, n: int, runs: int = 3) -> list[dict]:
    """Each query typed into Material's search box on a fresh page (nothing cached): the gzipped
    bytes of the search worker, the index's settings and every piece the query fetched, and the
    time from the key to the rendered results (the median of `runs` fresh pages: one run on a
    shared machine is mostly its load)."""
    from playwright.sync_api import sync_playwright

    site = project / "site"
    rows = []
    log(f"N={n}: first search query in Chromium")
    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[f for f in CHROME_FLAGS if not f.startswith("--headless")])
        for (lang, root, query), _ in itertools.product(SEARCHES, range(runs)):
            context = browser.new_context()
            page = context.new_page()
            seen: list[str] = []
            context.on("request", lambda r: seen.append(r.url))
            page.goto(f"{server.url}{root}01-m001/", wait_until="networkidle")
            page.click(".md-search__input")
            page.wait_for_function("() => !/Initializing|初始化/.test(document.querySelector('.md-search-result__meta').textContent)")
            before = len(seen)
            ms = page.evaluate("""query => new Promise(done => {
                const list = document.querySelector(".md-search-result__list"), box = document.querySelector(".md-search__input");
                const start = performance.now();
                new MutationObserver((_, watch) => { if (list.children.length) { watch.disconnect(); done(performance.now() - start); } })
                    .observe(list, {childList: true});
                box.value = query;
                box.dispatchEvent(new KeyboardEvent("keyup"));
            })""", query)
            page.wait_for_load_state("networkidle")
            results = page.locator(".md-search-result__item").count()
            files = [site / unquote(urlsplit(u).path).lstrip("/") for u in dict.fromkeys(seen)]
            needed = [f for i, f in enumerate(files) if f.is_file() and (i >= before or "search" in f.name or f.parent.name == "search")]
            by_kind: dict[str, int] = {}
            for f in needed:
                kind = "worker" if f.suffix == ".js" else "settings" if f.name == "search_index.json" else "index pieces"
                by_kind[kind] = by_kind.get(kind, 0) + len(gzip.compress(f.read_bytes(), GZIP_LEVEL))
            rows.append({"n": n, "lang": lang, "query": query, "ms": ms, "results": results, "requests": len(needed), **by_kind,
                         "total": sum(by_kind.values())})
            context.close()
        browser.close()
    merged = []
    for _, same in itertools.groupby(rows, key=lambda r: r["query"]):
        same = list(same)
        times = sorted(r["ms"] for r in same)
        merged.append({**max(same, key=lambda r: r["total"]), "ms": statistics.median(times), "times": times})
    return merged


# ---------------------------------------------------------------------------------------------
# mkdocs serve: from saving a lesson to the rebuilt page


def measure_serve(project: Path, label: str, every: bool = True) -> dict:
    """`mkdocs serve` of `project` with Chromium on the page: for each kind of source (a lesson in
    each language, an exercise sheet, a guide, a quiz bank; without `every`, the default
    language's lesson only), the time from writing the file to the page showing the new text, and
    to the whole site built again (the serve log's line)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    logfile = project / "_serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=open(logfile, "w"), stderr=subprocess.STDOUT, start_new_session=True)
    result = {"label": label, "saves": []}
    try:
        base = f"http://127.0.0.1:{port}/"
        start = time.perf_counter()
        folder = sorted(p.name for p in (project / "course").iterdir() if re.match(r"\d\d-", p.name))[0]
        if not wait_for(base + f"{folder}/", lambda body: body is not None, timeout=600):
            raise SystemExit("mkdocs serve did not come up:\n" + logfile.read_text()[-3000:])
        result["first"] = time.perf_counter() - start
        # A derived language (zh-TW) has no file to save: its pages follow the source language's.
        langs = [code for code, spec in load_yaml_config(project / "mkdocs.yml")["extra"]["languages"].items() if "from" not in spec]
        bank = yaml.safe_load((project / "course" / folder / f"index.{langs[0]}.md").read_text("utf-8").split("---\n")[1]).get("quiz")
        saves = [(f"lesson ({lang})", f"course/{folder}/index.{lang}.md", ("" if i == 0 else f"{lang}/") + f"{folder}/")
                 for i, lang in enumerate(langs)]
        saves += [("exercise sheet", f"course/{folder}/exercises.{langs[0]}.md", f"{folder}/exercises/"),
                  ("facilitator guide", f"course/{folder}/guide.{langs[0]}.md", f"{folder}/guide/")]
        if bank:
            saves.append(("quiz bank", f"quizzes/{bank}.yml", f"{folder}/"))
        saves = saves if every else saves[:1]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            for what, source, path in saves:
                page.goto(base + path, wait_until="load")
                time.sleep(1.5)  # the watcher settles, the previous whole-site build is done
                token = f"benchmark {time.time_ns()}"
                lines_before = logfile.read_text().count(_WHOLE_SITE)
                saved = time.perf_counter()
                _edit(project / source, token)
                page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=token,
                                       timeout=300_000, polling="raf")
                shown = time.perf_counter() - saved
                while logfile.read_text().count(_WHOLE_SITE) == lines_before and time.perf_counter() - saved < 300:
                    time.sleep(0.05)
                cpu = re.findall(r"first \(([\d.]+) s of CPU\)", logfile.read_text())
                result["saves"].append({"what": what, "shown": shown, "whole": time.perf_counter() - saved,
                                        "cpu": float(cpu[-1]) if cpu else None})
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log(f"{label}: serve {result}")
    return result


# What the engine logs once the whole site is built again after a preview (coursekit/glue.py).
_WHOLE_SITE = "The whole site is built again"


def _edit(source: Path, token: str) -> None:
    """A change a maintainer would make: a paragraph at the end of a page, a bank's first question
    reworded (its text in every language)."""
    text = source.read_text("utf-8")
    if source.suffix == ".md":
        source.write_text(f"{text.rstrip()}\n\n{token}\n", "utf-8")
        return
    data = yaml.safe_load(text)
    question = data["questions"][0]
    question["prompt"] = {lang: f"{value} {token}" for lang, value in question["prompt"].items()}
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")


def wait_for(url: str, ok, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                body = response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            body = None
        if ok(body):
            return True
        time.sleep(0.05)
    return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Page weight of the real course


def snapshot_real(folder: Path, peer_folder: Path, peer: Path) -> dict | None:
    """This project as it is now, copied (others may be editing it), built with its hooks and,
    converted, with the peer stack; both sites stay for the page weights."""
    copy_project(folder)
    modules = len([p for p in (folder / "course").iterdir() if p.is_dir() and re.match(r"\d\d-", p.name)])
    try:
        peer_stack.convert(folder, peer_folder)
        builds = measure_builds(folder, peer_folder, peer, modules, repeats=3, label="real course")
    except SystemExit as error:
        log(f"real course does not build, no page weights: {error}")
        return None
    builds["label"] = f"real course ({modules})"
    return {"ours": folder, "peer": peer_folder, "builds": builds}


def measure_derived(real: Path) -> dict:
    """What the derived languages (zh-TW) add: the real course built with them and without them."""
    derived = [code for code, spec in load_yaml_config(real / "mkdocs.yml")["extra"]["languages"].items() if "from" in spec]
    if not derived:
        return {}
    runs = {"with": [], "without": []}
    for r in range(3):
        # "with" last: the real site, every language, stays for the page weights and Lighthouse.
        for label, config in (("without", written_config(real)), ("with", "mkdocs.yml")):
            log(f"real course: build {label} {', '.join(derived)} {r + 1}/3")
            runs[label].append(run_build(real, sys.executable, "ours", config))
    return {"derived": derived, **{label: _best(found) for label, found in runs.items()}}


def written_config(project: Path) -> str:
    """The name of a copy of `project`'s mkdocs.yml without the derived languages' entries in
    extra.languages (`from: zh`), written beside it."""
    config = (project / "mkdocs.yml").read_text("utf-8")
    for code, spec in load_yaml_config(project / "mkdocs.yml")["extra"]["languages"].items():
        if "from" in spec:
            config = re.sub(rf"^    {re.escape(code)}:\n(?:(?: {{6,}}.*)?\n)*", "", config, flags=re.M)
    (project / "mkdocs.written.yml").write_text(config, "utf-8")
    return "mkdocs.written.yml"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: keep-alive, gzip for text when asked, the site's 404 page, a 10-minute cache
    (as GitHub Pages; a host with HTTP/2 would only do better)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        root = Path(self.directory)
        path = root / unquote(urlsplit(self.path).path).lstrip("/")
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file() or root.resolve() not in path.resolve().parents:
            status, path = 404, root / "404.html"
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        gz = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.split(";")[0] in _TEXT
        if gz:
            body = gzip.compress(body, GZIP_LEVEL)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") or ctype.endswith(("json", "javascript")) else ""))
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET


_TEXT = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
         "image/svg+xml", "text/xml", "application/xml", "text/plain"}


class Server:
    def __init__(self, site: Path):
        handler = lambda *a, **k: GzipHandler(*a, directory=str(site), **k)  # noqa: E731
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def page_types(project: Path) -> list[tuple[str, str]]:
    """(page type, URL path) for each kind of page the course has."""
    site = project / "site"
    modules = sorted(p.name for p in site.iterdir() if p.is_dir() and re.match(r"\d\d-", p.name))
    with_quiz = next((m for m in modules if re.search(r"^quiz:", (project / "course" / m / "index.zh.md").read_text("utf-8"), re.M)),
                     modules[0])
    candidates = [
        ("home", ""), ("lesson with quiz", f"{with_quiz}/"), ("exercise sheet", f"{with_quiz}/exercises/"),
        ("facilitator guide", f"{with_quiz}/guide/"), ("course map", "course-map/"), ("glossary", "glossary/"),
        ("sources", "sources/"), ("my progress", "progress/"), ("for instructors", "instructors/"),
        ("day plan", "instructors/schedule/"), ("lesson with quiz (en)", f"en/{with_quiz}/"),
    ]
    return [(name, path) for name, path in candidates if (site / path / "index.html").is_file()]


# The page types compared with the peer's build of the real course.
PEER_PAGES = ("home", "lesson with quiz", "lesson with quiz (en)", "exercise sheet", "facilitator guide")


def measure_weight(project: Path, peer_project: Path) -> dict:
    """Every page type of our build of the real course, and the peer's build of the same pages."""
    log("real course: page weight in Chromium")
    types = page_types(project)
    rows = load_pages(project / "site", types)
    peer_rows = load_pages(peer_project / "site", [(name, path) for name, path in types if name in PEER_PAGES])
    # The quiz's share of the course bundle: its sources, minified as hooks/assets.py does.
    quiz = {}
    for asset in sorted((project / "hooks" / "theme" / "assets").glob("quiz.*")):
        minify = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}.get(asset.suffix)
        if minify:
            quiz[asset.name] = len(gzip.compress(minify(asset.read_text("utf-8")).encode(), GZIP_LEVEL))
    lighthouse = [(name, path) for name, path in types if name in ("home", "lesson with quiz", "exercise sheet")]
    return {"rows": rows, "peer_rows": peer_rows, "quiz": quiz, "lighthouse": lighthouse,
            "answers_in_index": {"ours": answers_indexed(project, project), "peer": answers_indexed(project, peer_project)}}


def load_pages(site: Path, pages: list[tuple[str, str]]) -> list[dict]:
    """Each page loaded in Chromium from a local static host: the gzipped bytes of every request
    it makes until the network is idle, by kind, and what failed."""
    from playwright.sync_api import sync_playwright

    rows = []
    gz_cache: dict[Path, int] = {}
    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[f for f in CHROME_FLAGS if not f.startswith("--headless")])
        for name, path in pages:
            context = browser.new_context()
            page = context.new_page()
            seen: list = []
            failed: list = []
            context.on("request", lambda r: seen.append(r.url))
            context.on("requestfailed", lambda r: failed.append(r.url))
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server.url + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            weight = {"html": 0, "css": 0, "js": 0, "search_js": 0, "index": 0, "other": 0}
            third, requests = [], 0
            for url in dict.fromkeys(seen):
                if url.startswith(("data:", "blob:")):
                    continue
                requests += 1
                parts = urlsplit(url)
                if not url.startswith(server.url):
                    third.append(url)
                    continue
                file = site / unquote(parts.path).lstrip("/")
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_file():
                    continue
                kind = ("index" if file.name == "search_index.json" else "html" if file.suffix == ".html"
                        else "css" if file.suffix == ".css" else "other" if file.suffix != ".js"
                        else "search_js" if re.search(r"/(workers|lunr)/|search-worker", url) else "js")
                if file not in gz_cache:
                    gz_cache[file] = _gz(file)
                weight[kind] += gz_cache[file]
            rows.append({"page": name, "path": path, **weight, "requests": requests, "third_party": third,
                         "failed": sorted(set(failed)), "errors": errors})
            context.close()
        browser.close()
    return rows


def answers_indexed(project: Path, built: Path) -> str:
    """Whether the search index of `built` holds the quiz's answers: the first quiz's first
    explanation in the default language, looked for in its index."""
    lang = next(iter(load_yaml_config(ROOT / "mkdocs.yml")["extra"]["languages"]))
    bank = yaml.safe_load(next(iter(sorted((project / "quizzes").glob("*.yml")))).read_text("utf-8"))
    bare = lambda text: re.sub(r"[\s\u200b]+", "", text)  # noqa: E731  (jieba's word breaks and spaces aside)
    words = bare(bank["questions"][0]["explanation"][lang])[:12]
    index = json.loads((built / "site" / "search" / "search_index.json").read_text("utf-8"))
    return "yes" if any(words in bare(doc["text"]) for doc in index["docs"]) else "no"


# ---------------------------------------------------------------------------------------------
# Lighthouse


def run_lighthouse(site: Path, pages: list[tuple[str, str]], work: Path, runs: int, deadline: float) -> list[dict]:
    """Each page up to `runs` times, interleaved; the run with the median performance score counts.
    A round after the first starts only if it can end before `deadline`."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log("lighthouse is not installed: run `npm install` in the project folder")
        return []
    done: dict[str, list[dict]] = {name: [] for name, _ in pages}
    round_time = 0.0
    with Server(site) as server:
        for run in range(runs):
            round_start = time.perf_counter()
            if run and round_start + round_time > deadline:
                log(f"lighthouse: {run} round(s), no time left for more")
                break
            for name, path in pages:
                log(f"lighthouse {run + 1}/{runs}: {name}")
                done[name].append(_lighthouse_once(binary, server.url, name, path, work / f"lh-{run}-{re.sub(r'[^a-z]+', '-', name)}.json"))
            round_time = time.perf_counter() - round_start
    results = []
    for name, path in pages:
        good = sorted((r for r in done[name] if "error" not in r), key=lambda r: r["scores"]["performance"])
        if not good:
            results.append(done[name][0])
            continue
        median = dict(good[(len(good) - 1) // 2])
        median["all_performance"] = [r["scores"]["performance"] for r in done[name] if "error" not in r]
        results.append(median)
    return results


def _lighthouse_once(binary: Path, base: str, name: str, path: str, out: Path) -> dict:
    """One Lighthouse run: the four scores, the metrics, and what cost points."""
    proc = subprocess.run(
        [str(binary), base + path, "--quiet", "--output=json", f"--output-path={out}",
         "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo",
         f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
        env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240,
    )
    if proc.returncode != 0 or not out.exists():
        return {"page": name, "error": (proc.stderr or proc.stdout)[-500:]}
    data = json.loads(out.read_text())
    scores = {k: round((v["score"] or 0) * 100) for k, v in data["categories"].items()}
    metrics = {k: data["audits"][k].get("displayValue", "").replace("\xa0", " ") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")}
    failing = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if audit.get("score") is None or audit["score"] >= 1 or audit.get("scoreDisplayMode") in ("informative", "notApplicable", "manual"):
                continue
            if category["id"] == "performance" and ref.get("weight", 0) > 0:
                continue  # the metrics are in the table
            savings = audit.get("metricSavings") or {}
            if category["id"] == "performance" and (not any(savings.values()) or ref["id"].endswith("-insight")):
                continue  # no effect on the metrics, or the newer duplicate of a classic audit
            if category["id"] != "performance" and ref.get("weight", 0) == 0:
                continue
            failing.append(_audit_summary(category["id"], audit))
    return {"page": name, "path": path, "scores": scores, "metrics": metrics, "failing": failing,
            "benchmark_index": data.get("environment", {}).get("benchmarkIndex", 0)}


def _audit_summary(category: str, audit: dict) -> str:
    items = (audit.get("details") or {}).get("items") or []
    where = []
    for item in items[:4]:
        node = item.get("node") if isinstance(item, dict) else None
        if node:
            found = re.search(r"(Element has insufficient color contrast[^)]*\))", node.get("explanation", ""))
            where.append((node.get("selector") or node.get("snippet", "")[:80]) + (f" ({found[1]})" if found else ""))
        elif isinstance(item, dict) and item.get("url"):
            where.append(urlsplit(item["url"]).path + (f" {item['wastedMs']:.0f} ms" if item.get("wastedMs") else ""))
        elif isinstance(item, dict) and item.get("description"):
            where.append(f"{item.get('description', '')[:100]} ({(item.get('sourceLocation') or {}).get('url', '')})")
    value = (audit.get("displayValue") or "").replace("\xa0", " ")
    return f"{category} · `{audit['id']}` {value} — {audit['title']}" + (f": {'; '.join(where)}" if where else "")


# ---------------------------------------------------------------------------------------------
# The report


class Report:
    def __init__(self):
        self.parts: list[str] = []

    def add(self, text: str) -> None:
        self.parts.append(text)

    def text(self) -> str:
        return "\n\n".join(self.parts) + "\n"

    def machine(self, info: dict) -> None:
        self.add("### Machine\n\n" + "\n".join(f"- {k}: {v}" for k, v in info.items()))

    def builds(self, results: list[dict]) -> None:
        codes = list(results[0]["ours"]["indexes"])
        lines = [
            "### Build time: our hooks against the peer stack (the same course, both languages, one `mkdocs build` each)",
            "",
            "| course (modules) | pages | ours CPU s | peer CPU s | **ours / peer (CPU)** | wall s ours / peer | ms/page ours / peer "
            "| peak MB ours / peer | lesson HTML gz KB ours / peer | "
            + " | ".join(f"{c} search index gz KB ours / peer" for c in codes) + " | load after ours / peer |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in codes) + " | ---: |",
        ]
        for r in results:
            o, p = r["ours"], r["peer"]
            pages = f"{o['pages']}" if o["pages"] == p["pages"] else f"{o['pages']} / {p['pages']}"
            lines.append(
                f"| {r['label']} | {pages} | {o['cpu']:.1f} | {p['cpu']:.1f} | **{o['cpu'] / p['cpu']:.2f}×** "
                f"| {o['wall']:.1f} / {p['wall']:.1f} | {1000 * o['cpu'] / o['pages']:.0f} / {1000 * p['cpu'] / p['pages']:.0f} "
                f"| {o['rss']:.0f} / {p['rss']:.0f} | {_kb(o['lesson_gz'])} / {_kb(p['lesson_gz'])} | "
                + " | ".join(f"{_kb(o['indexes'][c])} / {_kb(p['indexes'][c])}" for c in codes)
                + f" | {o['load']:.1f} / {p['load']:.1f} |"
            )
        lines += ["", "CPU time is user + system of the build process; ms/page is CPU time per built page (404 pages aside). "
                  "The search index is the whole of it: ours is fetched in pieces (a query takes a few, below), "
                  "the peer's languages share one file, which its pages in every language load whole. "
                  "Best of " + ", ".join(f"{r['repeats']} at {r['label']}" for r in results)
                  + " alternating pairs (the run with the least CPU time); all wall times: "
                  + "; ".join(f"{r['label']} ours {_list(r['ours']['walls'])}, peer {_list(r['peer']['walls'])}" for r in results) + "."]
        synthetic = [r for r in results if r["label"] == str(r["n"])]
        if len(synthetic) > 1:
            lines += ["", "Marginal CPU cost of one more page, between consecutive sizes (constant if the build is linear):", "",
                      "| from → to | ours ms/page | peer ms/page |", "| --- | ---: | ---: |"]
            for a, b in zip(synthetic, synthetic[1:]):
                dp = b["ours"]["pages"] - a["ours"]["pages"]
                dq = b["peer"]["pages"] - a["peer"]["pages"]
                lines.append(f"| {a['n']} → {b['n']} | {1000 * (b['ours']['cpu'] - a['ours']['cpu']) / dp:.0f} "
                             f"| {1000 * (b['peer']['cpu'] - a['peer']['cpu']) / dq:.0f} |")
        self.add("\n".join(lines))

    def breakdown(self, results: list[dict]) -> None:
        """Where each build spends its time, by part, side by side."""
        lines = ["### Where the time goes: ours against the peer's, by part "
                 "(wall seconds inside the build process, each part exclusive of the others)", "",
                 "| part | " + " | ".join(f"{r['label']} ours / peer" for r in results) + " |",
                 "| --- | " + " | ".join("---:" for _ in results) + " |"]
        totals = [[0.0, 0.0] for _ in results]
        rest = lambda key: not any(test(key) for _, test in PARTS)  # noqa: E731
        for name, test in (*PARTS, ("other plugins' events", rest)):
            cells = []
            for i, r in enumerate(results):
                values = [sum(v for k, v in r[kind]["events"].items() if test(k)) for kind in ("ours", "peer")]
                totals[i] = [t + v for t, v in zip(totals[i], values)]
                cells.append(f"{values[0]:.2f} / {values[1]:.2f}")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("| **all, inside the builds** | " + " | ".join(f"**{a:.2f} / {b:.2f}**" for a, b in totals) + " |")
        lines.append("| the process, wall (start-up, imports, configuration included) | "
                     + " | ".join(f"{r['ours']['wall']:.2f} / {r['peer']['wall']:.2f}" for r in results) + " |")
        events = sorted({k for r in results for kind in ("ours", "peer") for k in r[kind]["events"]
                         if not k.startswith(("mkdocs", "phase: "))})
        lines += ["", "Each plugin's and hook's events on their own (seconds; the engine's phases inside them are counted in the phases below):", "",
                  "| event | " + " | ".join(f"{r['label']} ours / peer" for r in results) + " |",
                  "| --- | " + " | ".join("---:" for _ in results) + " |"]
        for key in events:
            values = [(r["ours"]["events"].get(key, 0), r["peer"]["events"].get(key, 0)) for r in results]
            if max(max(v) for v in values) >= 0.05:
                lines.append(f"| {key} | " + " | ".join(f"{a:.2f} / {b:.2f}" for a, b in values) + " |")
        self.add("\n".join(lines))

    def phases(self, results: list[dict]) -> None:
        """What each of the engine's phases costs: the checks, the exercise blocks, the rendering."""
        last = max((r for r in results if r["label"] == str(r["n"])), key=lambda r: r["n"], default=results[-1])
        lines = ["### What our checks and features cost: the engine's phases (seconds, our build)", "",
                 "| phase | " + " | ".join(r["label"] for r in results) + f" | calls at {last['label']} | ms per page at {last['label']} |",
                 "| --- | " + " | ".join("---:" for _ in results) + " | ---: | ---: |"]
        for label in PHASES:
            key = "phase: " + label
            values = [r["ours"]["events"].get(key, 0.0) for r in results]
            lines.append(f"| {label} | " + " | ".join(f"{v:.2f}" for v in values)
                         + f" | {last['ours']['calls'].get(key, 0)} | {1000 * last['ours']['events'].get(key, 0.0) / last['ours']['pages']:.1f} |")
        checks = [sum(r["ours"]["events"].get("phase: " + label, 0.0) for label in READING) for r in results]
        lines.append("| **reading the project and its checks (the first rows but one)** | "
                     + " | ".join(f"**{v:.2f}**" for v in checks) + " | | |")
        gone = sorted({label for r in results for label, state in r["ours"]["phases"].items() if state != "timed"})
        if gone:
            lines += ["", "**Not timed** (the engine no longer has them: update `PHASES` in tests/benchmark.py): "
                      + ", ".join(f"{label} (`{PHASES[label]}`)" for label in gone) + "."]
        self.add("\n".join(lines))

    def search(self, rows: list[dict]) -> None:
        if not rows:
            return
        lines = [f"### The first search query at {rows[0]['n']} synthetic modules (KB gzipped; a fresh page, nothing cached)", "",
                 "| language | query | results | requests | worker | index settings | index pieces | total | key to results ms (median; runs) |",
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in rows:
            lines.append(f"| {r['lang']} | {r['query']} | {r['results']} | {r['requests']} | {_kb(r.get('worker', 0))} "
                         f"| {_kb(r.get('settings', 0))} | {_kb(r.get('index pieces', 0))} | **{_kb(r['total'])}** "
                         f"| {r['ms']:.0f} ({', '.join(f'{t:.0f}' for t in r['times'])}) |")
        lines += ["", "The worker and the index settings load with the page; the pieces (words, pages, section texts) "
                  "when the query is typed. Material's own search fetches the whole index instead: the peer's "
                  "\"zh search index\" above."]
        self.add("\n".join(lines))

    def serve(self, results: list[dict]) -> None:
        lines = ["### `mkdocs serve`: from saving a file to the page showing the change (Chromium)", "",
                 "| course | first build s | saved file | shown s | CPU of the preview build s | whole site built again s |",
                 "| --- | ---: | --- | ---: | ---: | ---: |"]
        for r in results:
            for i, save in enumerate(r["saves"]):
                first = (r["label"], f"{r['first']:.1f}") if i == 0 else ("", "")
                cpu = "whole site first" if save.get("cpu") is None else f"{save['cpu']:.2f}"
                lines.append(f"| {first[0]} | {first[1]} | {save['what']} | {save['shown']:.2f} | {cpu} | {save['whole']:.1f} |")
        lines += ["", "Shown: from writing the file to Chromium showing the new text (the watcher's poll, the "
                  "preview build, the reload). The CPU column is the preview build's own CPU time (the "
                  "serve log's line), which the machine's load does not stretch."]
        self.add("\n".join(lines))

    def languages(self, result: dict) -> None:
        if not result:
            return
        extra = result["with"]["wall"] / result["without"]["wall"] - 1
        cpu = result["with"]["cpu"] / result["without"]["cpu"] - 1
        self.add(f"### What {', '.join(result['derived'])} adds (the real course, no PDFs, best of 3)\n\n"
                 "| build | wall s | CPU s |\n| --- | ---: | ---: |\n"
                 f"| written languages only | {result['without']['wall']:.1f} | {result['without']['cpu']:.1f} |\n"
                 f"| with {', '.join(result['derived'])} | {result['with']['wall']:.1f} | {result['with']['cpu']:.1f} |\n\n"
                 f"The derived language adds {_pct(extra)} wall time and {_pct(cpu)} CPU time (target: at most +50%).")

    def weight(self, weights: dict | None) -> None:
        if not weights:
            self.add("### Page weight\n\nThe real course did not build; see the log above.")
            return
        head = ["| page | HTML | CSS | JS | HTML + CSS + JS | search worker JS | search index | other | requests | third-party | failed / console errors |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]

        def row(r: dict) -> str:
            problems = ", ".join(r["failed"] + r["errors"])[:160] or "none"
            return (f"| {r['page']} (`/{r['path']}`) | {_kb(r['html'])} | {_kb(r['css'])} | {_kb(r['js'])} | **{_kb(r['html'] + r['css'] + r['js'])}** "
                    f"| {_kb(r['search_js'])} | {_kb(r['index'])} | {_kb(r['other'])} | {r['requests']} | {len(r['third_party'])} | {problems} |")

        lines = ["### Page weight of the real course (KB gzipped at level 6, 1 KB = 1000 bytes; every request of the page loaded in Chromium)",
                 "", *head, *map(row, weights["rows"])]
        lines += ["", "JS is Material's bundle and the course's scripts; the search worker and its lunr language "
                  "files load in a Web Worker after the page, then the search index; \"other\" is the favicon and images."]
        quiz = weights["quiz"]
        lines += ["", "Quiz assets on their own (minified, as they are in the course's bundle): " + (", ".join(f"{k} {_kb(v)} KB" for k, v in quiz.items()) or "none found")
                  + f"; together **{_kb(sum(quiz.values()))} KB** gzipped."]
        lines += ["", "The same pages built by the peer stack (mkdocs-quiz writes its stylesheet and scripts into every page with a quiz):", "",
                  *head, *map(row, weights["peer_rows"])]
        self.add("\n".join(lines))

    def differences(self, results: list[dict], weights: dict | None) -> None:
        """What each build does that the other does not, with what was measured of it."""
        last = results[-1]
        checks = sum(last["ours"]["events"].get("phase: " + label, 0.0) for label in READING)
        answers = (weights or {}).get("answers_in_index", {})
        codes = list(last["ours"]["indexes"])
        lines = [
            "### What each build does that the other does not", "",
            f"Ours, not the peer's (figures from {last['label']}):", "",
            f"- **Checks** when the project is read, each stopping the build with `path:line`: front matter by page kind, markers, "
            f"exercise blocks, quiz banks against their schema and rules, sources, terms, translation parity, classroom timing, "
            f"house style ({checks:.2f} s together; the phases above). The peer checks its quiz syntax and MkDocs' links.",
            "- **One quiz bank** for every language, shuffled options, progress kept across languages and on a progress page, "
            "the answer key in the guides; **quiz answers out of the search index** (the first quiz's explanation found in the index: "
            f"ours {answers.get('ours', '?')}, the peer's {answers.get('peer', '?')}).",
            "- **A search index per language** (" + ", ".join(f"{c} {_kb(last['ours']['indexes'][c])} KB" for c in codes)
            + ") where the peer merges every language into one that each page loads ("
            + ", ".join(f"{c} {_kb(last['peer']['indexes'][c])} KB" for c in codes) + ").",
            "- Exercise blocks with answer spaces that keep what a learner typed, cut-out role cards and print styles; run-sheets "
            "with start times, the day plan, course map and glossary made from the course; tooltips on a term's first use in "
            "lessons; the course's CSS and JavaScript minified and joined; the classroom PDFs (not built here, in either).",
            "",
            "The peer's, not ours: mkdocs-quiz's progress sidebar, results panel and confetti, fill-in-the-blank questions, a QTI "
            "export command. Its quiz stylesheet and scripts are written into every page with a quiz (the lesson HTML above). "
            "mkdocs-static-i18n's language switch cannot keep the page under Material's instant navigation and warns, which stops "
            "a strict build, so the peer is built without `navigation.instant`. mkdocs-quiz has no ordering question: the "
            "conversion asks to choose the right order among three.",
        ]
        self.add("\n".join(lines))

    def lighthouse(self, results: list[dict]) -> None:
        lines = ["### Lighthouse (mobile, simulated throttling; the run with the median performance score)", "",
                 "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | performance in each run | benchmark index |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        failing = []
        for r in results:
            if "error" in r:
                lines.append(f"| {r['page']} | lighthouse failed: {r['error'][:100]} | | | | | | | | | |")
                continue
            s, m = r["scores"], r["metrics"]
            lines.append(f"| {r['page']} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
                         f"| {m['first-contentful-paint']} | {m['largest-contentful-paint']} | {m['total-blocking-time']} | {m['cumulative-layout-shift']} "
                         f"| {', '.join(map(str, r.get('all_performance', [])))} | {r['benchmark_index']:.0f} |")
            failing += [f"- {r['page']}: {f}" for f in r["failing"]]
        if failing:
            lines += ["", "What costs points (median run; for performance, the audits with estimated savings):", "", *failing]
        self.add("\n".join(lines))

    def targets(self, results: list[dict], serve: list[dict], weights: dict | None, scores: list[dict], seconds: float,
                searches: list[dict], derived: dict) -> None:
        rows = []
        if derived:
            cpu = derived["with"]["cpu"] / derived["without"]["cpu"] - 1
            rows.append((f"{', '.join(derived['derived'])} adds ≤ +50% to the build of the written languages (CPU)", _pct(cpu), cpu <= 0.5))
        for r in searches:
            rows.append((f"first search query ({r['lang']} {r['query']}) at N={r['n']}: ≤ 60 KB gzipped, ≤ 300 ms",
                         f"{_kb(r['total'])} KB, {r['ms']:.0f} ms", r["total"] <= 60000 and r["ms"] <= 300))
        for r in results:
            ratio = r["ours"]["cpu"] / r["peer"]["cpu"]
            rows.append((f"our build ≤ 1.0× the peer's, {r['label']}", f"{ratio:.2f}× (CPU)", ratio <= 1.0))
        for r in serve:
            worst = max(save["shown"] for save in r["saves"])
            rows.append((f"preview: a saved lesson, sheet, guide or bank shown ≤ 1.0 s, {r['label']}",
                         f"{worst:.2f} s at most", worst <= 1.0))
        if weights:
            quiz = sum(weights["quiz"].values())
            rows.append(("quiz JS + CSS ≤ 8 KB gzipped", f"{_kb(quiz)} KB", quiz <= 8000))
            for r in (r for r in weights["rows"] if r["page"].startswith("lesson")):
                own = r["html"] + r["css"] + r["js"]
                rows.append((f"{r['page']}: HTML + CSS + JS ≤ 80 KB gzipped, search worker and index excluded",
                             f"{_kb(own)} KB ({_kb(own + r['search_js'])} KB with the search worker)", own <= 80000))
            third = sum(len(r["third_party"]) for r in weights["rows"])
            rows.append(("zero third-party requests", f"{third} on {len(weights['rows'])} pages", third == 0))
        wanted = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
        for r in scores:
            if "scores" in r:
                got = r["scores"]
                rows.append((f"Lighthouse {r['page']}: 98 / 100 / 100 / 100",
                             " / ".join(str(got[k]) for k in wanted), all(got[k] >= v for k, v in wanted.items())))
        rows.append(("run fits in 10 minutes", f"{seconds / 60:.1f} min", seconds <= BUDGET))
        self.add("### Targets\n\n| target | measured | met |\n| --- | --- | --- |\n"
                 + "\n".join(f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in rows))

    def elapsed(self, seconds: float) -> None:
        note = "" if seconds <= BUDGET else f" (over the {BUDGET // 60}-minute budget)"
        self.add(f"Benchmark run took {seconds / 60:.1f} minutes{note}.")


def _pct(x: float) -> str:
    return f"{x * 100:+.0f}%"


def _kb(b: int) -> str:
    return f"{b / 1000:.1f}"


def _list(values: list[float]) -> str:
    return "/".join(f"{v:.1f}" for v in values)


if __name__ == "__main__":
    main()
