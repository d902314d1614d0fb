"""The packages edition (COURSE_EDITION=packages), built once: SCORM 1.2 packages run in a real
SCORM runtime (scorm-again's Scorm12API as the LMS, in Chromium), their manifests checked against
the SCORM 1.2 schemas they carry, and the offline bundles used from file:// in Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from conftest import ROOT, copy_project, run_build
from coursekit.quiz import bank as quizbank
from siteserver import QuietHandler

COURSE = "customer-complaints"
BANKS = quizbank.load_banks(ROOT, ("zh", "en"))
ORDER = ["why-complaints", "four-principles", "handling-process", "difficult-customers", "apology-jetblue",
         "practice-lab", "managers-view", "written-online", "standards-metrics"]
TOTAL = sum(len(BANKS[q]["questions"]) for q in ORDER)
SCORM_JS = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
# The LMS: scorm-again's SCORM 1.2 runtime as window.API, with the package's launch page in a frame.
# `window.__resume` (set before the page loads) is what the LMS kept from an earlier session.
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script>
<script>
  window.API = new Scorm12API({logLevel: 5, autocommit: false});
  if (window.__resume) window.API.loadFromJSON(window.__resume);
  window.calls = [];
  window.sets = {};  // what the course set, by element (some, like cmi.core.exit, the LMS cannot read back)
  window.API.on("LMSSetValue.cmi.*", function (element, value) { window.sets[element] = value; });
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    window.API.on(name, function () { window.calls.push(name); });
  });
</script></head>
<body><iframe id="sco" title="course" src="pkg/index.html" style="width:100%;height:90vh"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("packages-site")
    result = run_build(ROOT, site, env={"COURSE_EDITION": "packages"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "packages"


def test_every_package_is_there(packages):
    assert sorted(p.name for p in packages.iterdir()) == sorted([
        f"{COURSE}-offline-zh.zip", f"{COURSE}-offline-en.zip", f"{COURSE}-offline-zh-tw.zip",
        f"{COURSE}-scorm12-zh.zip", f"{COURSE}-scorm12-en.zip", f"{COURSE}-scorm12-zh-tw.zip", f"{COURSE}-scorm12.zip",
    ])


# SCORM 1.2: the manifest and the schemas


def schema(folder: Path) -> etree.XMLSchema:
    """The package's own SCORM 1.2 schemas. libxml2 refuses ims_xml.xsd's declaration of the
    `xml:` namespace as its default namespace (XML Namespaces forbid it), so that one attribute is
    dropped from a copy; nothing else is changed."""
    copy = folder / "xsd"
    copy.mkdir()
    for xsd in folder.glob("*.xsd"):
        text = xsd.read_text("utf-8")
        if xsd.name == "ims_xml.xsd":
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
        (copy / xsd.name).write_text(text, "utf-8")
    wrapper = b"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
      <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=str(copy / "wrapper.xsd")))


@pytest.mark.parametrize("name", ["scorm12-zh", "scorm12-en", "scorm12-zh-tw", "scorm12"])
def test_manifest_is_valid_against_the_scorm_12_schemas(packages, tmp_path, name):
    with zipfile.ZipFile(packages / f"{COURSE}-{name}.zip") as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    at_root = {n for n in names if "/" not in n}
    assert {"imsmanifest.xml", "imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd", "index.html"} <= at_root
    validator = schema(tmp_path)
    manifest = etree.parse(str(tmp_path / "imsmanifest.xml"))
    assert validator.validate(manifest), validator.error_log
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    scos = manifest.findall("cp:resources/cp:resource[@adlcp:scormtype='sco']", ns)
    assert len(scos) == 1 and scos[0].get("href") == "index.html"
    items = manifest.findall(".//cp:item", ns)
    assert [i.get("identifierref") for i in items] == [scos[0].get("identifier")]
    listed = {f.get("href") for f in scos[0].findall("cp:file", ns)}
    assert listed == {n for n in names if n != "imsmanifest.xml" and not n.endswith(".xsd")}
    # The validator is not a formality: a SCO type SCORM 1.2 does not know is refused.
    broken = etree.fromstring(etree.tostring(manifest).replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"'))
    assert not validator.validate(broken)


def test_one_language_package_holds_that_language_without_a_switch(packages):
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12-en.zip") as archive:
        folders = {n.split("/")[0] for n in archive.namelist() if "/" in n}
        page = archive.read(f"{COURSE}-en/index.html").decode()
    assert folders == {f"{COURSE}-en"}
    assert "md-select__link" not in page and 'hreflang="zh"' not in page
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12.zip") as archive:
        assert {n.split("/")[0] for n in archive.namelist() if "/" in n} == {f"{COURSE}-zh", f"{COURSE}-en", f"{COURSE}-zh-tw"}
        assert f'../{COURSE}-en/index.html" hreflang="en"' in archive.read(f"{COURSE}-zh/index.html").decode()


# SCORM 1.2: the course in scorm-again's runtime


@pytest.fixture(scope="module")
def lms(packages, tmp_path_factory):
    """The English package unzipped on a web server, beside an LMS page that hosts it."""
    if not SCORM_JS.exists():
        pytest.fail(f"{SCORM_JS} is missing: run `npm ci` (package.json lists scorm-again)")
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(packages / f"{COURSE}-scorm12-en.zip") as archive:
        archive.extractall(root / "pkg")
    shutil.copy(SCORM_JS, root / "scorm12.min.js")
    (root / "lms.html").write_text(LMS_PAGE, "utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def open_lms(browser, url: str, resume: dict | None = None, stored: dict | None = None):
    """A fresh browser (nothing stored unless `stored`) on the LMS page; the course's frame."""
    context = browser.new_context()
    script = f"window.__resume = {json.dumps(resume)};" if resume else ""
    if stored:
        script += "".join(f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in stored.items())
    if script:
        context.add_init_script(script)
    page = context.new_page()
    page.goto(url + "lms.html")
    page.wait_for_function("() => { const f = document.querySelector('#sco').contentWindow.document.querySelector('#course');"
                           " return f && f.contentWindow.coursekit; }")
    return context, page, course_frame(page)


def course_frame(page):
    return next(f for f in page.frames if f"/pkg/{COURSE}-en/" in f.url)


def cmi(page) -> dict:
    return page.evaluate("""() => { const c = window.API.cmi; return {status: c.core.lesson_status, raw: c.core.score.raw,
        min: c.core.score.min, max: c.core.score.max, location: c.core.lesson_location, exit: window.sets['cmi.core.exit'],
        suspend: c.suspend_data, calls: window.calls}; }""")


def visit(page, path: str):
    frame = course_frame(page)
    frame.evaluate(f"location.href = new URL({json.dumps(path)}, location.href.split('/{COURSE}-en/')[0] + '/{COURSE}-en/').href")
    page.wait_for_function(f"() => [...document.querySelector('#sco').contentWindow.document.querySelector('#course').contentWindow"
                           f".location.href].join('').endsWith({json.dumps(path)})")
    frame = course_frame(page)
    frame.wait_for_load_state()
    frame.wait_for_function("() => window.coursekit && document.body")
    return frame


def take_first_quiz(frame):
    """Module 1's quiz taken as a learner does, every answer right."""
    frame.wait_for_selector(".quiz.quiz--js")
    for question in BANKS["why-complaints"]["questions"]:
        box = frame.locator(f"#quiz-why-complaints-{question['id']}")
        if question["type"] == "truefalse":
            right = [0 if question["answer"] else 1]
        else:
            right = [i for i, o in enumerate(question["options"]) if o.get("correct")]
        for i in right:
            box.locator(f"input[value='{i}']").check()
        box.locator("[data-action=check]").click()


def all_right(quiz: str) -> str:
    questions = BANKS[quiz]["questions"]
    return json.dumps({"answers": {q["id"]: [0] for q in questions}, "best": len(questions)})


def test_the_course_reports_status_score_and_location_to_the_lms(browser, lms):
    context, page, frame = open_lms(browser, lms)
    try:
        assert cmi(page)["status"] == "incomplete"
        frame = visit(page, "01-why-complaints/index.html")
        take_first_quiz(frame)
        state = cmi(page)
        assert state["calls"].count("LMSInitialize") == 1
        assert state["location"] == f"{COURSE}-en/01-why-complaints/index.html"
        assert (state["raw"], state["min"], state["max"]) == (str(round(100 * 9 / TOTAL)), "0", "100")
        assert state["status"] == "incomplete"  # eight quizzes still to take
        kept = json.loads(state["suspend"])
        assert kept["quiz/why-complaints"]["best"] == 9 and len(kept["quiz/why-complaints"]["answers"]) == 9
        frame = visit(page, "01-why-complaints/exercises.html")
        frame.locator("textarea[data-course-answer='1']").fill("Listen first, then restate.")
        assert json.loads(cmi(page)["suspend"])["answers/01-why-complaints/1"] == "Listen first, then restate."
        # Every other quiz taken (through the store the quiz writes to), all right: passed, 100.
        for quiz in ORDER[1:]:
            frame.evaluate(f"window.coursekit.store.set('quiz/{quiz}', {json.dumps(all_right(quiz))})")
        state = cmi(page)
        assert (state["status"], state["raw"]) == ("passed", "100")
        assert len(state["suspend"]) <= 4096
        page.evaluate("document.querySelector('#sco').remove()")  # the learner leaves
        state = cmi(page)
        assert state["calls"][-2:] == ["LMSCommit", "LMSFinish"] and state["exit"] == ""
    finally:
        context.close()


def test_every_quiz_taken_below_the_pass_mark_is_failed(browser, lms):
    context, page, frame = open_lms(browser, lms)
    try:
        for quiz in ORDER:
            questions = BANKS[quiz]["questions"]
            weak = json.dumps({"answers": {q["id"]: [0] for q in questions}, "best": len(questions) // 2})
            assert cmi(page)["status"] == "incomplete"
            frame.evaluate(f"window.coursekit.store.set('quiz/{quiz}', {json.dumps(weak)})")
        state = cmi(page)
        best = sum(len(BANKS[q]["questions"]) // 2 for q in ORDER)
        assert (state["status"], state["raw"]) == ("failed", str(round(100 * best / TOTAL)))
        page.evaluate("document.querySelector('#sco').remove()")
        assert cmi(page)["exit"] == ""
    finally:
        context.close()


def test_a_learner_resumes_from_the_lms_not_from_the_browser(browser, lms):
    # A first session: the quiz of module 1, an answer on its sheet, then away to the sheet of module 2.
    context, page, frame = open_lms(browser, lms)
    try:
        take_first_quiz(visit(page, "01-why-complaints/index.html"))
        visit(page, "01-why-complaints/exercises.html").locator("textarea[data-course-answer='1']").fill("Thank them first.")
        visit(page, "02-four-principles/exercises.html")
        page.evaluate("document.querySelector('#sco').remove()")
        first = cmi(page)
    finally:
        context.close()
    assert first["exit"] == "suspend" and first["status"] == "incomplete"
    resume = {"core": {"entry": "resume", "lesson_status": first["status"], "lesson_location": first["location"]},
              "suspend_data": first["suspend"]}
    # A fresh browser whose own storage says otherwise: what the LMS kept wins.
    other = {f"{COURSE}/v1/quiz/why-complaints": json.dumps({"answers": {}, "best": 2})}
    context, page, frame = open_lms(browser, lms, resume=resume, stored=other)
    try:
        assert frame.url.endswith(f"/{COURSE}-en/02-four-principles/exercises.html")
        frame = visit(page, "01-why-complaints/exercises.html")
        assert frame.locator("textarea[data-course-answer='1']").input_value() == "Thank them first."
        frame = visit(page, "01-why-complaints/index.html")
        frame.wait_for_selector(".quiz.quiz--js")
        assert "9 / 9" in frame.locator(".quiz__score").inner_text()
        assert frame.locator(".quiz-q[data-state=right]").count() == 9
        assert cmi(page)["calls"].count("LMSInitialize") == 1
    finally:
        context.close()


def test_what_does_not_fit_in_suspend_data_stays_in_the_browser(browser, lms):
    context, page, frame = open_lms(browser, lms)
    try:
        take_first_quiz(visit(page, "01-why-complaints/index.html"))
        frame = visit(page, "01-why-complaints/exercises.html")
        long = "x" * 5000
        frame.locator("textarea[data-course-answer='1']").fill(long)
        frame.locator("textarea[data-course-answer='2']").fill("short")
        kept = json.loads(cmi(page)["suspend"])
        assert len(cmi(page)["suspend"]) <= 4096
        assert kept["quiz/why-complaints"]["best"] == 9 and kept["answers/01-why-complaints/2"] == "short"
        assert "answers/01-why-complaints/1" not in kept
        assert frame.evaluate("localStorage.getItem('customer-complaints/v1/answers/01-why-complaints/1')") == long
    finally:
        context.close()


def test_without_an_lms_the_package_opens_as_the_site(browser, lms):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(lms + "pkg/index.html")
        page.wait_for_url(f"**/pkg/{COURSE}-en/index.html")
        page.wait_for_selector(".md-content h1")
    finally:
        context.close()


# The offline bundles, from file://


@pytest.fixture(scope="module")
def bundles(packages, tmp_path_factory) -> Path:
    """The bundles unzipped side by side, as on a classroom laptop."""
    root = tmp_path_factory.mktemp("laptop")
    for lang in ("zh", "en", "zh-tw"):
        with zipfile.ZipFile(packages / f"{COURSE}-offline-{lang}.zip") as archive:
            assert {n.split("/")[0] for n in archive.namelist()} == {f"{COURSE}-{lang}"}
            archive.extractall(root)
    return root


@pytest.fixture
def offline(browser):
    """A fresh page that fails the test on any request off the file system."""
    context = browser.new_context()
    page = context.new_page()
    network: list[str] = []
    page.on("request", lambda request: network.append(request.url) if not request.url.startswith(("file:", "data:", "about:")) else None)
    yield page
    context.close()
    assert not network, f"the bundle asked the network for {network}"


@pytest.mark.parametrize("lang", ["zh", "en", "zh-tw"])
def test_every_link_of_a_bundle_reaches_a_file_in_the_bundles(bundles, lang):
    folder = bundles / f"{COURSE}-{lang}"
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        for target in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text("utf-8")):
            if re.match(r"^[a-z]+:", target):
                continue
            path = (page.parent / unquote(target)).resolve()
            assert path.is_file() and path.is_relative_to(bundles), f"{page.relative_to(bundles)} links to {target}, which is not there"


@pytest.mark.parametrize("lang, query, other", [("zh", "共情", "en"), ("en", "empathy", "zh"), ("zh-tw", "共情", "zh")])
def test_an_unzipped_bundle_works_from_the_file_system(bundles, offline, lang, query, other):
    page = offline
    home = (bundles / f"{COURSE}-{lang}" / "index.html").as_uri()
    page.goto(home)
    # Navigation: the first module's lesson, through the site's own links.
    page.locator(".md-content a[href$='01-why-complaints/index.html']").first.click()
    page.wait_for_url("**/01-why-complaints/index.html")
    # The quiz, and its progress after a reload.
    page.wait_for_selector(".quiz.quiz--js")
    question = BANKS["why-complaints"]["questions"][0]
    right = [0 if question["answer"] else 1] if question["type"] == "truefalse" else \
        [i for i, o in enumerate(question["options"]) if o.get("correct")]
    box = page.locator(f"#quiz-why-complaints-{question['id']}")
    for i in right:
        box.locator(f"input[value='{i}']").check()
    box.locator("[data-action=check]").click()
    page.reload()
    page.wait_for_selector(".quiz.quiz--js")
    assert page.locator(f"#quiz-why-complaints-{question['id']}[data-state=right]").count() == 1
    # Search, through Material's offline index and the iframe-worker shim.
    page.click("label.md-search__icon, .md-search__input")
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && !/Initializing|初始化/.test(m.textContent); }", timeout=30000)
    page.fill(".md-search__input", query)
    page.locator(".md-search__input").dispatch_event("keyup")  # Material searches on key events
    page.locator(".md-search-result__item a").first.wait_for(timeout=30000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert any("/02-four-principles/index.html" in h for h in hrefs), hrefs
    # The course's worker, with the pieces of its index inside the offline script: whole words marked.
    marks = set(page.locator(".md-search-result__item mark").all_text_contents())
    assert marks and all(m.lower() == query for m in marks), marks
    page.keyboard.press("Escape")
    # The language switch lands on the same page in the other bundle.
    target = page.locator(f".md-select__link[hreflang={other}]").get_attribute("href")
    page.goto(page.url.rsplit("/", 2)[0] + "/" + target if not target.startswith("file:") else target)
    assert urlsplit(page.url).path.endswith(f"/{COURSE}-{other}/01-why-complaints/index.html")
    page.wait_for_selector(".quiz.quiz--js")
    # Browsers share file:// storage between local sites: the progress is there in the other language too.
    assert page.locator(f"#quiz-why-complaints-{question['id']}[data-state=right]").count() == 1


# Bad input


def test_quiz_progress_too_large_for_suspend_data_stops_the_packages_build(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "quizzes" / "standards-metrics.yml"
    text = path.read_text("utf-8")
    questions = text.index("\nquestions:\n") + len("\nquestions:\n")
    block = text[questions:]
    copies = "".join(re.sub(r"(?m)^  - id: ([a-z0-9-]+)$", rf"  - id: \1-{'long-identifier-' * 6}{n}", block) for n in range(4))
    path.write_text(text + copies, "utf-8")
    result = run_build(project, tmp_path / "site", env={"COURSE_EDITION": "packages"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    line = text[:questions].count("\n")
    assert re.search(rf"quizzes/standards-metrics\.yml:{line}: with this bank the course's quiz progress can take \d+ characters "
                     r"of SCORM's suspend_data, which holds 4096 \(this bank takes up to \d+\); expected fewer questions", output), output
    # The website itself is not limited by SCORM: the full edition of the same course builds.
    assert run_build(project, tmp_path / "full").returncode == 0
