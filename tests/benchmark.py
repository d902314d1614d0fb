"""Benchmark: build speed and scaling, live-reload latency, page weight and Lighthouse scores.

    /work/venv/bin/python tests/benchmark.py [--sizes 10,100,300] [--skip-lighthouse]
        [--lighthouse-runs 3] [--report FILE] [--keep]

Everything is measured in one run, so the figures compare with each other:

1. For each size N, a synthetic course of N modules (lesson with quiz, quiz bank, exercise sheet,
   facilitator guide and module terms, in Chinese and English, of about the real modules' length)
   plus the real course's site pages, in a temporary folder with this project's mkdocs.yml and
   hooks/. It is built twice, alternately: with the hooks ("full") and as plain MkDocs + Material
   ("plain": the same Markdown with markers and `///` block fences stripped, `hooks: []`, both
   languages built one after the other in one Python process, as the i18n hook does). Wall time,
   CPU time and peak memory (ru_maxrss from wait4) of each build process; the time spent in
   each hook's events; at the largest N up to 100, both again with the other navigation (with or without Material's `navigation.prune`, whichever mkdocs.yml does not use).
2. `mkdocs serve` of the smallest synthetic course: the time from saving a lesson to the rebuilt page.
3. The real course, built from a snapshot of this folder: gzipped bytes and requests per page
   type, loaded in Chromium (Playwright) from a local server that gzips like a static host.
4. Lighthouse (npm devDependency, Debian's Chromium, mobile profile) on the home page, a lesson
   with a quiz and an exercise sheet: the four category scores and what costs points.
5. The targets of the issue, each marked met or not.

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
PRUNE = "navigation.prune"
BUDGET = 600  # seconds: a run should fit in ten minutes on the 2-core machine

# Runs one or more MkDocs builds in one Python process, exactly as `mkdocs build` does, and
# writes how long each took and how long each plugin/hook event took, exclusive of nested
# events and nested builds (the i18n hook builds English inside the Chinese build's post_build).
RUNNER = r'''
import collections, json, logging, sys, time
import mkdocs.commands.build as B
import mkdocs.plugins as P
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
stack, spent = [], collections.defaultdict(float)

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

out = {"builds": [], "events": spent}
for path in sys.argv[2:]:
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
    parser.add_argument("--sizes", default="10,100,300", help="numbers of modules, comma-separated")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="runs per page, the median counts; runs after the first only while the 10-minute budget lasts")
    parser.add_argument("--report", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    sizes = sorted({int(n) for n in args.sizes.split(",")})
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="course-bench-"))
    report = Report()
    try:
        report.machine(machine())
        results = []
        # navigation.prune is measured where a build costs a minute, not five.
        prune_at = max([n for n in sizes if n <= 100] or sizes[:1])
        searches = []
        for n in sizes:
            log(f"N={n}: generating")
            project = make_synthetic(work / f"n{n}", n)
            results.append(measure_builds(project, n, repeats=_repeats(n), prune=n == prune_at))
            searches = results[-1].get("searches") or searches
            for site in ("site", "site-plain"):  # a gigabyte of HTML at N=300
                shutil.rmtree(project / site, ignore_errors=True)
        report.builds(results)
        report.breakdown(results)
        report.search(searches)
        report.serve([measure_serve(work / f"n{sizes[0]}", sizes[0])])
        real = snapshot_real(work / "real")
        if real:
            report.languages(measure_derived(real))
        weights = measure_weight(real) if real else None
        report.weight(weights)
        scores = []
        if not args.skip_lighthouse and weights:
            scores = run_lighthouse(real / "site", weights["lighthouse"], work, args.lighthouse_runs, deadline=started + BUDGET)
            report.lighthouse(scores)
        seconds = time.perf_counter() - started
        report.elapsed(seconds)
        report.targets(results, weights, scores, seconds, searches)
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
    """Alternating full/plain pairs per size: two where builds are short and noise is large."""
    return 2 if n <= 20 else 1


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The machine


def machine() -> dict:
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
        "chromium": first([CHROMIUM, "--version"]).strip(),
        "node": first(["node", "--version"]),
        "lighthouse": json.loads(lighthouse.read_text())["version"] if lighthouse.exists() else "not installed",
        "commit": first(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cs"]),
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
    make_plain(folder)
    return folder


def module_folder(k: int, n: int) -> str:
    """`NN-slug`, as AUTHORING.md asks. NN has two digits, so a course has at most 99 numbered
    modules: beyond that the number stays at 99 and the slug (m100, m101, ...) keeps the order."""
    return f"{min(k, 99):02d}-m{k:03d}"


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
            i = 3 * (k - 1) + j
            zh = ZH_WORDS[i % len(ZH_WORDS)] + ZH_WORDS[(i // len(ZH_WORDS) + i + 1) % len(ZH_WORDS)]
            en = f"{EN_ADJ[i % len(EN_ADJ)]} {EN_NOUN[(i // len(EN_ADJ) + 7 * i) % len(EN_NOUN)]}"
            self.terms.append({"id": f"m{k:03d}-t{j}", "zh": f"{zh} {k}", "en": f"{en} {k}"})

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
        # The course's house style (course/_data/style.yml): its labels, and headings ending with the row's minutes.
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

        def distinct(count: int, parts: list[int]) -> list[dict]:
            """`count` texts of no clause in common, the k-th `parts[k]` clauses long (the bank's checks
            stop a build on identical options or steps)."""
            picked = iter(rnd.sample(range(min(len(ZH_CLAUSES), len(EN_SENTENCES))), sum(parts)))
            chosen = [[next(picked) for _ in range(n)] for n in parts]
            return [{"zh": "，".join(ZH_CLAUSES[c] for c in cs) + "。", "en": " ".join(EN_SENTENCES[c] for c in cs)} for cs in chosen]

        def options(correct: set[int], count: int = 4) -> list:
            # A correct option is never the longest (the checks stop a bank whose key is the longest too often).
            texts = distinct(count, [1 if i in correct else 2 for i in range(count)])
            return [{"text": texts[i], **({"correct": True} if i in correct else {}), "feedback": text()} for i in range(count)]

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
                q["steps"] = distinct(4, [1] * 4)
            q["explanation"] = text(3)
            questions.append(q)
        return {"title": {"zh": self.title("zh"), "en": self.title("en")}, "questions": questions}


def _page(front: dict, body: list[str]) -> str:
    return "---\n" + _yaml(front) + "---\n\n" + "\n\n".join(body) + "\n"


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=1000)


# ---------------------------------------------------------------------------------------------
# The plain baseline: the same Markdown, plain MkDocs + Material, both languages


MARKER_LINE = re.compile(r"^\s*<!--\s*md:[a-z-]+.*-->\s*$")
FENCE = re.compile(r"^/{3,}(\s.*)?$")
OPTION = re.compile(r"^ {4}[a-z_-]+:\s*\S")


def strip_constructs(text: str) -> str:
    """Drop marker lines, `///` fence lines and the option lines right under a block header."""
    out, in_options = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            in_options = bool(line.strip("/ ").strip())  # a header opens, a bare `///` closes
            continue
        if in_options and OPTION.match(line):
            continue
        in_options = False
        if not MARKER_LINE.match(line):
            out.append(line)
    return "\n".join(out)


def make_plain(project: Path) -> None:
    """Per language: docs `plain-<lang>/` (pages of that language, suffix dropped, constructs
    stripped) and `mkdocs.plain-<lang>.yml`, which inherits mkdocs.yml with `hooks: []`, sets
    what the i18n hook would set for that language, and gives the navigation the hooks would
    build (coursekit.course.nav of the copied hooks), so both builds render the same navigation."""
    sys.path.insert(0, str(project / "hooks"))
    _forget_engine()  # the copied hooks' engine, not an earlier project's
    try:
        from coursekit.course import model, nav
        from coursekit.languages import files

        docs = project / "course"
        base = load_yaml_config(project / "mkdocs.yml")
        langs = list(base["extra"]["languages"])
        course, errors = model.load(docs, project, tuple(langs))
        if errors:
            raise SystemExit("synthetic course has content errors:\n" + "\n".join(map(str, errors[:10])))
        for i, lang in enumerate(langs):
            target = project / f"plain-{lang}"
            for source in docs.rglob("*"):
                rel = source.relative_to(docs).as_posix()
                split = files.split(rel) if source.suffix == ".md" else None
                if source.is_dir() or (split and split[1] != lang):
                    continue
                out = target / (split[0] if split else rel)
                out.parent.mkdir(parents=True, exist_ok=True)
                if split:
                    out.write_text(strip_constructs(source.read_text("utf-8")), "utf-8")
                else:
                    shutil.copy2(source, out)
            info = base["extra"]["languages"][lang]
            plugins = [_with_search(p, info.get("search") or {}) for p in base.get("plugins", [])]
            here = "" if i == 0 else f"{lang}/"
            config = {
                "INHERIT": "mkdocs.yml",
                "docs_dir": f"plain-{lang}",
                "site_dir": "site-plain" + ("" if i == 0 else f"/{lang}"),
                "site_name": info.get("site_name", base["site_name"]),
                "site_description": info.get("site_description", base.get("site_description")),
                "hooks": [],
                "plugins": plugins,
                "theme": {"language": lang},
                "extra": {"alternate": [
                    {"name": base["extra"]["languages"][o]["name"], "lang": o,
                     "link": "../" * here.count("/") + ("" if j == 0 else f"{o}/")}
                    for j, o in enumerate(langs)
                ]},
                "nav": nav.nav(course, lang),
            }
            (project / f"mkdocs.plain-{lang}.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
        # The other navigation: without navigation.prune if mkdocs.yml has it, with it if not.
        features = list(base["theme"].get("features", []))
        features = [f for f in features if f != PRUNE] if PRUNE in features else [*features, PRUNE]
        (project / "mkdocs.nav.yml").write_text(yaml.safe_dump(
            {"INHERIT": "mkdocs.yml", "theme": {"features": features}}, sort_keys=False), "utf-8")
        for lang in langs:
            config = yaml.safe_load((project / f"mkdocs.plain-{lang}.yml").read_text("utf-8"))
            config["INHERIT"] = "mkdocs.yml"
            config["theme"]["features"] = features
            (project / f"mkdocs.plain-nav-{lang}.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    finally:
        sys.path.remove(str(project / "hooks"))
        _forget_engine()


def _forget_engine() -> None:
    for name in [m for m in sys.modules if m == "coursekit" or m.startswith("coursekit.")]:
        sys.modules.pop(name)


def _with_search(plugin, overrides: dict):
    if overrides and plugin in ("search", "material/search"):
        return {plugin: dict(overrides)}
    if overrides and isinstance(plugin, dict) and next(iter(plugin)) in ("search", "material/search"):
        name = next(iter(plugin))
        return {name: {**(plugin[name] or {}), **overrides}}
    return plugin


def load_yaml_config(path: Path) -> dict:
    from mkdocs.utils.yaml import yaml_load
    with open(path, encoding="utf-8") as f:
        return yaml_load(f)


# ---------------------------------------------------------------------------------------------
# Builds


def run_build(project: Path, configs: list[str], label: str) -> dict:
    """One build process running `configs` one after the other; wall, CPU, peak memory, events."""
    runner = project / "_runner.py"
    runner.write_text(RUNNER, "utf-8")
    out = project / f"_{label}.json"
    logfile = project / f"_{label}.log"
    for site in ("site", "site-plain"):
        shutil.rmtree(project / site, ignore_errors=True)
    with open(logfile, "w") as logf:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(runner), str(out), *configs], cwd=project, env=ENV,
                                stdout=logf, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{label} build failed in {project}:\n" + logfile.read_text()[-4000:])
    data = json.loads(out.read_text())
    site = project / ("site" if "plain" not in label else "site-plain")
    html = [p for p in site.rglob("*.html") if p.name != "404.html"]
    lesson = next(site.glob("01-*/index.html"), None)
    index = site / "search" / "search_index.json"
    return {
        "index_gz": len(gzip.compress(index.read_bytes(), GZIP_LEVEL)) if index.exists() else 0,
        "load": float(Path("/proc/loadavg").read_text().split()[0]),
        "lesson_gz": len(gzip.compress(lesson.read_bytes(), GZIP_LEVEL)) if lesson else 0,
        "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
        "inproc": sum(data["builds"]), "events": data["events"],
        "pages": len(html), "html": sum(p.stat().st_size for p in html),
    }


def measure_builds(project: Path, n: int, repeats: int, prune: bool) -> dict:
    # A derived language (zh-TW) has no pages of its own to build plainly.
    langs = [code for code, spec in load_yaml_config(project / "mkdocs.yml")["extra"]["languages"].items() if "from" not in spec]
    plain = [f"mkdocs.plain-{lang}.yml" for lang in langs]
    runs = {"full": [], "plain": []}
    for r in range(repeats):
        for label, configs in (("full", ["mkdocs.yml"]), ("plain", plain)) if r % 2 == 0 else (("plain", plain), ("full", ["mkdocs.yml"])):
            log(f"N={n}: {label} build {r + 1}/{repeats}")
            runs[label].append(run_build(project, configs, label))
            if label == "full" and prune and "searches" not in runs:  # the next build deletes this site
                runs["searches"] = measure_search(project, n)
    result = {"n": n, "full": _best(runs["full"]), "plain": _best(runs["plain"]), "repeats": repeats,
              "searches": runs.get("searches")}
    if prune:
        pruned = PRUNE in load_yaml_config(project / "mkdocs.yml")["theme"].get("features", [])
        result["nav_label"] = f"{'without' if pruned else 'with'} `{PRUNE}`"
        log(f"N={n}: full and plain builds {result['nav_label']}")
        result["full_nav"] = run_build(project, ["mkdocs.nav.yml"], "full-nav")
        result["plain_nav"] = run_build(project, [f"mkdocs.plain-nav-{lang}.yml" for lang in langs], "plain-nav")
    return result


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


def measure_serve(project: Path, n: int) -> dict:
    port = free_port()
    logfile = open(project / "_serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
    result = {"n": n}
    try:
        base = f"http://127.0.0.1:{port}/"
        start = time.perf_counter()
        folder = module_folder(1, n)
        if not wait_for(base + f"{folder}/", lambda body: body is not None, timeout=300):
            raise SystemExit("mkdocs serve did not come up:\n" + (project / "_serve.log").read_text()[-3000:])
        result["first"] = time.perf_counter() - start
        langs = list(load_yaml_config(project / "mkdocs.yml")["extra"]["languages"])
        for i, lang in enumerate(langs):
            time.sleep(1.0)  # let the watcher settle
            lesson = project / "course" / folder / f"index.{lang}.md"
            token = f"benchmark-edit-{lang}-{time.time_ns()}"
            url = base + ("" if i == 0 else f"{lang}/") + f"{folder}/"
            saved = time.perf_counter()
            with open(lesson, "a", encoding="utf-8") as f:
                f.write(f"\n{token}\n")
            if not wait_for(url, lambda body: body is not None and token in body, timeout=300):
                raise SystemExit(f"the edit of {lesson.name} never reached {url}")
            result[lang] = time.perf_counter() - saved
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        logfile.close()
    log(f"N={n}: serve {result}")
    return result


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


def snapshot_real(folder: Path) -> Path | None:
    """This project as it is now, copied (others may be editing it) and built with its hooks."""
    copy_project(folder)
    log("real course: building")
    try:
        run_build(folder, ["mkdocs.yml"], "full")
    except SystemExit as error:
        log(f"real course does not build, no page weights: {error}")
        return None
    return folder


def measure_derived(real: Path) -> dict:
    """What the derived languages (zh-TW) add: the real course built with them and without them."""
    config = (real / "mkdocs.yml").read_text("utf-8")
    derived = [code for code, spec in load_yaml_config(real / "mkdocs.yml")["extra"]["languages"].items() if "from" in spec]
    if not derived:
        return {}
    # Without them: the same mkdocs.yml, less their entries in extra.languages.
    for code in derived:
        config = re.sub(rf"^    {re.escape(code)}:\n(?:(?: {{6,}}.*)?\n)*", "", config, flags=re.M)
    (real / "mkdocs.written.yml").write_text(config, "utf-8")
    runs = {"with": [], "without": []}
    for r in range(3):
        for label, configs in (("with", ["mkdocs.yml"]), ("without", ["mkdocs.written.yml"])):
            log(f"real course: build {label} {', '.join(derived)} {r + 1}/3")
            runs[label].append(run_build(real, configs, "full"))
    return {"derived": derived, **{label: _best(found) for label, found in runs.items()}}


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


def measure_weight(project: Path) -> dict:
    from playwright.sync_api import sync_playwright

    site = project / "site"
    rows = []
    gz_cache: dict[Path, int] = {}

    def gz_size(file: Path) -> int:
        if file not in gz_cache:
            gz_cache[file] = len(gzip.compress(file.read_bytes(), GZIP_LEVEL))
        return gz_cache[file]

    log("real course: page weight in Chromium")
    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[f for f in CHROME_FLAGS if not f.startswith("--headless")])
        for name, path in page_types(project):
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
                weight[kind] += gz_size(file)
            rows.append({"page": name, "path": path, **weight, "requests": requests, "third_party": third,
                         "failed": sorted(set(failed)), "errors": errors})
            context.close()
        browser.close()
    # The quiz's share of the course bundle: its sources, minified as hooks/assets.py does.
    quiz = {}
    for asset in sorted((project / "hooks" / "theme" / "assets").glob("quiz.*")):
        minify = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}.get(asset.suffix)
        if minify:
            quiz[asset.name] = len(gzip.compress(minify(asset.read_text("utf-8")).encode(), GZIP_LEVEL))
    lighthouse = [(name, path) for name, path in page_types(project) if name in ("home", "lesson with quiz", "exercise sheet")]
    return {"rows": rows, "quiz": quiz, "lighthouse": lighthouse}


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
        lines = [
            "### Build time: the hooks against plain MkDocs + Material (same Markdown, both languages)",
            "",
            "| modules | pages | full CPU s | plain CPU s | hooks' overhead (CPU) | full wall s | plain wall s | overhead (wall) "
            "| full ms/page | plain ms/page | peak MB full / plain | lesson HTML gz KB full / plain | zh search index gz KB full / plain | load after full / plain |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in results:
            f, p = r["full"], r["plain"]
            lines.append(
                f"| {r['n']} | {f['pages']} | {f['cpu']:.1f} | {p['cpu']:.1f} | **{_pct(f['cpu'] / p['cpu'] - 1)}** "
                f"| {f['wall']:.1f} | {p['wall']:.1f} | {_pct(f['wall'] / p['wall'] - 1)} "
                f"| {1000 * f['cpu'] / f['pages']:.0f} | {1000 * p['cpu'] / p['pages']:.0f} | {f['rss']:.0f} / {p['rss']:.0f} "
                f"| {_kb(f['lesson_gz'])} / {_kb(p['lesson_gz'])} | {_kb(f['index_gz'])} / {_kb(p['index_gz'])} | {f['load']:.1f} / {p['load']:.1f} |"
            )
        lines.append("")
        lines.append("ms/page is CPU time per built page. Best of " + ", ".join(f"{r['repeats']} at N={r['n']}" for r in results)
                     + " alternating full/plain pairs (the run with the least CPU time); all wall times: "
                     + "; ".join(f"N={r['n']} full {_list(r['full']['walls'])}, plain {_list(r['plain']['walls'])}" for r in results) + ".")
        if len(results) > 1:
            lines += ["", "Marginal CPU cost of one more page, between consecutive sizes (constant if the build is linear):", "",
                      "| from → to | full ms/page | plain ms/page |", "| --- | ---: | ---: |"]
            for a, b in zip(results, results[1:]):
                dp = b["full"]["pages"] - a["full"]["pages"]
                dq = b["plain"]["pages"] - a["plain"]["pages"]
                lines.append(f"| {a['n']} → {b['n']} | {1000 * (b['full']['cpu'] - a['full']['cpu']) / dp:.0f} "
                             f"| {1000 * (b['plain']['cpu'] - a['plain']['cpu']) / dq:.0f} |")
        for r in results:
            if "full_nav" not in r:
                continue
            label = r["nav_label"]
            rows = [("full", r["full"]), (f"full, {label}", r["full_nav"]), ("plain", r["plain"]), (f"plain, {label}", r["plain_nav"])]
            lines += ["", f"The same builds {label} at N={r['n']} (one build each):", "",
                      "| build | CPU s | ms/page | wall s | HTML written MB | lesson HTML gz KB |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
            lines += [f"| {name} | {b['cpu']:.1f} | {1000 * b['cpu'] / b['pages']:.0f} | {b['wall']:.1f} | {b['html'] / 1e6:.0f} | {_kb(b['lesson_gz'])} |"
                      for name, b in rows]
        self.add("\n".join(lines))

    def breakdown(self, results: list[dict]) -> None:
        names = sorted({k for r in results for k in r["full"]["events"] if not k.startswith("mkdocs")},
                       key=lambda k: -results[-1]["full"]["events"].get(k, 0))
        lines = ["### Where the hooks' time goes (seconds inside each event, nested builds excluded, best full build)", "",
                 "| hook event | " + " | ".join(f"N={r['n']}" for r in results) + " |",
                 "| --- | " + " | ".join("---:" for _ in results) + " |"]
        for name in names:
            values = [r["full"]["events"].get(name, 0) for r in results]
            if max(values) >= 0.05:
                lines.append(f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) + " |")
        hooks = [sum(v for k, v in r["full"]["events"].items() if k.startswith("hooks/")) for r in results]
        search_full = [sum(v for k, v in r["full"]["events"].items() if "search" in k) for r in results]
        search_plain = [sum(v for k, v in r["plain"]["events"].items() if "search" in k) for r in results]
        lines.append("| **all hook events** | " + " | ".join(f"**{v:.2f}**" for v in hooks) + " |")
        lines.append("| all hook events, ms per page | " + " | ".join(f"{1000 * v / r['full']['pages']:.0f}" for v, r in zip(hooks, results)) + " |")
        lines.append("| search plugin, full / plain | " + " | ".join(f"{a:.2f} / {b:.2f}" for a, b in zip(search_full, search_plain)) + " |")
        self.add("\n".join(lines))

        # Where the difference between the two builds lies, at the largest N.
        r = results[-1]
        parts = [
            ("the hooks' own events", lambda k: k.startswith("hooks/")),
            ("Material's search plugin (jieba's dictionary: in course.py's config event in the full build)", lambda k: "search" in k),
            ("other plugin events", lambda k: not k.startswith(("hooks/", "mkdocs")) and "search" not in k),
            ("MkDocs: reading and converting the Markdown", lambda k: k == "mkdocs: Markdown"),
            ("MkDocs: the page template and writing the file", lambda k: k == "mkdocs: template and write"),
            ("MkDocs: the rest of the build (files, navigation, static files)", lambda k: k == "mkdocs build"),
        ]
        full = [sum(v for k, v in r["full"]["events"].items() if test(k)) for _, test in parts]
        plain = [sum(v for k, v in r["plain"]["events"].items() if test(k)) for _, test in parts]
        extra = sum(full) - sum(plain)
        lines = [f"Full against plain at N={r['n']}, by part (wall seconds inside the build process; the difference is the hooks' overhead):", "",
                 "| part | full s | plain s | difference s | share of the difference |", "| --- | ---: | ---: | ---: | ---: |"]
        for (name, _), a, b in zip(parts, full, plain):
            lines.append(f"| {name} | {a:.2f} | {b:.2f} | {a - b:+.2f} | {100 * (a - b) / extra:.0f}% |" if extra else f"| {name} | {a:.2f} | {b:.2f} | {a - b:+.2f} | |")
        lines.append(f"| **all** | **{sum(full):.2f}** | **{sum(plain):.2f}** | **{extra:+.2f}** | |")
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
                  "when the query is typed. Material's own search fetched the whole index instead: the plain build's "
                  "\"zh search index\" above."]
        self.add("\n".join(lines))

    def serve(self, results: list[dict]) -> None:
        lines = ["### `mkdocs serve`: from saving a lesson to the rebuilt page", "",
                 "| modules | first build s | zh lesson saved → page s | en lesson saved → page s |", "| ---: | ---: | ---: | ---: |"]
        for r in results:
            lines.append(f"| {r['n']} | {r['first']:.1f} | {r.get('zh', 0):.1f} | {r.get('en', 0):.1f} |")
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
        lines = ["### Page weight of the real course (KB gzipped at level 6, 1 KB = 1000 bytes; every request of the page loaded in Chromium)", "",
                 "| page | HTML | CSS | JS | HTML + CSS + JS | search worker JS | all but the index | search index | other | requests | third-party | failed / console errors |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for r in weights["rows"]:
            own = r["html"] + r["css"] + r["js"]
            problems = ", ".join(r["failed"] + r["errors"])[:160] or "none"
            lines.append(f"| {r['page']} (`/{r['path']}`) | {_kb(r['html'])} | {_kb(r['css'])} | {_kb(r['js'])} | **{_kb(own)}** "
                         f"| {_kb(r['search_js'])} | **{_kb(own + r['search_js'])}** | {_kb(r['index'])} | {_kb(r['other'])} "
                         f"| {r['requests']} | {len(r['third_party'])} | {problems} |")
        lines += ["", "JS is Material's bundle and the course's scripts; the search worker and its lunr language "
                  "files load in a Web Worker after the page; \"other\" is the favicon and images."]
        quiz = weights["quiz"]
        lines += ["", "Quiz assets on their own (minified, as they are in the course's bundle): " + (", ".join(f"{k} {_kb(v)} KB" for k, v in quiz.items()) or "none found")
                  + f"; together **{_kb(sum(quiz.values()))} KB** gzipped."]
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

    def targets(self, results: list[dict], weights: dict | None, scores: list[dict], seconds: float, searches: list[dict]) -> None:
        rows = []
        for r in searches:
            rows.append((f"first search query ({r['lang']} {r['query']}) at N={r['n']}: ≤ 60 KB gzipped, ≤ 300 ms",
                         f"{_kb(r['total'])} KB, {r['ms']:.0f} ms", r["total"] <= 60000 and r["ms"] <= 300))
        for r in results:
            over = r["full"]["cpu"] / r["plain"]["cpu"] - 1
            rows.append((f"hooks add ≤ 10% at N={r['n']}", f"{_pct(over)} (CPU)", over <= 0.10))
        if len(results) > 1:
            a, b = results[0], results[-1]
            grow = lambda kind: (b[kind]["cpu"] / b[kind]["pages"]) / (a[kind]["cpu"] / a[kind]["pages"])  # noqa: E731
            rows.append((f"ms/page grows no faster with the hooks than without (N={a['n']} → {b['n']})",
                         f"full ×{grow('full'):.2f}, plain ×{grow('plain'):.2f}", grow("full") <= grow("plain") * 1.10))
        if weights:
            quiz = sum(weights["quiz"].values())
            rows.append(("quiz JS + CSS ≤ 8 KB gzipped", f"{_kb(quiz)} KB", quiz <= 8000))
            for r in (r for r in weights["rows"] if r["page"].startswith("lesson")):
                total = r["html"] + r["css"] + r["js"] + r["search_js"]
                rows.append((f"{r['page']}: HTML + CSS + JS ≤ 80 KB gzipped, index excluded",
                             f"{_kb(total)} KB ({_kb(total - r['search_js'])} KB without the search worker)", total <= 80000))
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
