"""The presenter view of each module, in a real browser: slides from the module's own pages in
run-sheet order, moved by the keyboard, a presenter window with the notes of each activity and the
next slide, a timer, and a handout of two or four slides a page."""

from __future__ import annotations

import math
import re
import subprocess
from html import unescape

import pytest
from test_a11y import AXE, TAGS
from test_classroom import COURSE, LANGS

from coursekit.classroom import presenter

MODULE = COURSE.modules[1]  # its lesson marks a slide with a `slide` block


def slides_url(site_url: str, lang: str, folder: str) -> str:
    return f"{site_url}{LANGS[lang]}{folder}/slides/"


def current(page) -> str:
    return page.locator(".slide:not([hidden]) .slide__title").inner_text()


def html_text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_every_module_has_slides_from_its_lesson_sheet_and_run_sheet(site_dir, lang):
    for module in COURSE.modules:
        html = (site_dir / LANGS[lang] / module.folder / "slides" / "index.html").read_text("utf-8")
        titles = [html_text(t) for t in re.findall(r'<h2 class="slide__title">(.*?)</h2>', html)]
        lesson = module.lesson(lang)
        assert titles[0] == lesson.meta["title"] and all(o in unescape(html) for o in lesson.meta["objectives"])
        guide = module.pages["guide"][lang]
        assert html.count('class="presenter__activity"') == len(guide.meta["runsheet"])
        # every activity has notes from the guide, and every exercise of the sheet has a slide
        assert html.count("presenter__activity") == len(re.findall(r'data-notes="\d+"', html))
        sheet = (site_dir / LANGS[lang] / module.folder / "exercises" / "index.html").read_text("utf-8")
        blocks = [html_text(b) for b in re.findall(
            r'<section class="course-block course-(?:scenario|roleplay|game|reflection)[ "][^>]*>\s*<header[^>]*>.*?<h3 class="course-block__title"[^>]*>(.*?)<a class="headerlink"', sheet, re.S)]
        assert blocks and all(b in titles for b in blocks), (module.folder, blocks)
        notes = re.findall(r'<div class="presenter__activity" data-notes="\d+"[^>]*>(.*?)</div>\s*(?=<div class="presenter__activity"|</section>)', html, re.S)
        assert all(len(re.sub(r"<[^>]+>", "", n)) > 80 for n in notes), module.folder
        assert "course-answer" not in html and "model-answer" not in html.replace("course-model-answer", "")  # no answers, no model answers


def test_a_slide_block_marks_what_a_section_shows(site_dir):
    html = (site_dir / "en" / MODULE.folder / "slides" / "index.html").read_text("utf-8")
    assert '<h2 class="slide__title">Empathy in three parts</h2>' in html
    lesson = (site_dir / "en" / MODULE.folder / "index.html").read_text("utf-8")
    assert '<div class="course-slide" data-title="Empathy in three parts">' in lesson


def test_the_keyboard_moves_through_the_slides(page, site_url):
    page.goto(slides_url(site_url, "en", MODULE.folder))
    total = page.locator(".slide").count()
    assert total >= 8 and current(page) == MODULE.lesson("en").meta["title"]
    titles = page.locator(".slide .slide__title").all_inner_texts()
    page.keyboard.press("ArrowRight")
    assert current(page) == titles[1]
    page.keyboard.press("Space")
    assert current(page) == titles[2]
    page.keyboard.press("ArrowLeft")
    assert current(page) == titles[1]
    page.keyboard.press("End")
    assert current(page) == titles[-1] and page.locator("[data-count]").inner_text() == f"Slide {total} of {total}"
    page.keyboard.press("ArrowRight")  # stays on the last
    assert current(page) == titles[-1]
    page.keyboard.press("Home")
    assert current(page) == titles[0]
    assert page.locator(".slide:not([hidden])").count() == 1


def test_the_presenter_window_shows_notes_and_the_next_slide_and_steers_the_projector(page, site_url):
    page.goto(slides_url(site_url, "en", MODULE.folder))
    with page.context.expect_page() as opened:
        page.keyboard.press("p")
    console = opened.value
    console.wait_for_load_state()
    notes = console.locator("[data-notes]:not([hidden])")
    first = MODULE.pages["guide"]["en"].meta["runsheet"][0]["activity"]
    assert first in notes.inner_text() and "(minute 0 to" in notes.inner_text()
    titles = page.locator(".slide .slide__title").all_text_contents()
    assert console.locator("[data-next] .slide__title").text_content().strip() == titles[1].strip()  # as written, whatever its style
    assert console.locator("[data-next] .slide").is_visible()  # the next slide itself, small
    console.wait_for_function("document.querySelector('[data-elapsed]').textContent == '00:01'", timeout=5000)
    console.keyboard.press("End")  # the presenter steers ...
    page.wait_for_function(f"document.querySelector('.slide:not([hidden]) .slide__title').textContent == {titles[-1]!r}")
    page.keyboard.press("Home")  # ... and follows the projector
    console.wait_for_function(f"document.querySelector('.slide:not([hidden]) .slide__title').textContent == {titles[0]!r}")
    last = MODULE.pages["guide"]["en"].meta["runsheet"][-1]["activity"]
    assert first in console.locator("[data-notes]:not([hidden])").inner_text() and last not in console.locator("[data-notes]:not([hidden])").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_no_slide_is_cut_off_on_the_projector(browser, site_url, lang):
    """A slide with much on it is set smaller until all of it shows (a 16:9 projector, and a laptop screen)."""
    for size in ({"width": 1920, "height": 1080}, {"width": 1280, "height": 800}):
        context = browser.new_context(viewport=size)
        page = context.new_page()
        for module in COURSE.modules:
            page.goto(slides_url(site_url, lang, module.folder))
            cut = page.evaluate("""() => [...document.querySelectorAll(".slide")].filter(slide => {
                slide.hidden = false;
                const body = slide.querySelector(".slide__body"), over = body.scrollHeight > body.clientHeight + 1;
                slide.hidden = true;
                return over;
            }).map(slide => slide.querySelector(".slide__title").textContent)""")
            assert not cut, f"{module.folder} ({lang}, {size['width']} px): cut off: {cut}"
        context.close()


@pytest.mark.parametrize("per", [2, 4])
def test_the_handout_prints_every_slide_two_or_four_to_a_page(page, site_url, tmp_path, per):
    page.goto(slides_url(site_url, "zh", MODULE.folder))
    total = page.locator(".slide").count()
    page.evaluate("() => { window.print = () => {}; }")
    page.locator(f"[data-handout='{per}']").click()
    path = tmp_path / "handout.pdf"
    path.write_bytes(page.pdf(format="A4"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1]) == math.ceil(total / per)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    assert all(re.sub(r"\s+", "", t) in text for t in page.locator(".slide .slide__title").all_inner_texts())
    assert "讲者备注" not in text  # the notes stay off the handout
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".slide:not([hidden])").count() == 1


@pytest.mark.parametrize("window", ["", "#presenter"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_presenter_view_has_no_axe_violations(page, site_url, lang, window):
    """The projector's view, and the presenter window with its notes, timer and next slide."""
    page.goto(slides_url(site_url, lang, MODULE.folder) + window)
    assert page.locator("[data-next] .slide").count() == (1 if window else 0)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))", TAGS)
    assert not violations, violations


def test_guides_link_to_their_presenter_view(site_dir):
    for lang in LANGS:
        guide = (site_dir / LANGS[lang] / MODULE.folder / "guide" / "index.html").read_text("utf-8")
        assert 'href="../slides/"' in guide


def test_notes_go_with_the_activity_named_like_the_exercise():
    rows = [presenter.runsheet.Row("09:00", a, k, 10, 10 * i) for i, (a, k) in enumerate(
        [("Opening", "teach"), ("Scenario: the late parcel", "exercise"), ("Role-play: the noisy car", "role-play"), ("Quiz", "exercise")])]
    sheet = ('<h2>Scenario: the late parcel</h2><section class="course-block course-scenario"><header class="course-block__head">'
             '<p class="course-block__kind">Scenario</p><h3 class="course-block__title">Where is it?</h3></header><p>Story.</p></section>'
             '<h2>Role-play</h2><section class="course-block course-roleplay"><header class="course-block__head"><p>Role-play</p>'
             '<h3 class="course-block__title">The noisy car</h3></header></section>')
    slides, activities = presenter.deck("<h1>T</h1><h2>A</h2><p>One. Two.</p><h2>Key points</h2><ul><li>k</li></ul><h2>Check</h2><!-- md:quiz q -->",
                                        sheet, "<h3>Opening (10 minutes)</h3><p>Say hello.</p>", rows, "<ul><li>o</li></ul>")
    assert [(s.kind, s.title, s.activity) for s in slides] == [
        ("title", "T", 0), ("section", "A", 0), ("key-points", "Key points", 0),
        ("exercise", "Where is it?", 1), ("exercise", "The noisy car", 2), ("activity", "Quiz", 3)]
    assert "One." in slides[1].body and "Two." not in slides[1].body
    assert activities[0].notes == "<p>Say hello.</p>" and activities[1].notes == ""


def test_a_build_writes_the_presenter_views_of_the_modules_it_built_only():
    """Under `mkdocs serve` a saved page is built alone first: only its module's view is written
    again, and the other modules keep the pages they were made of."""
    for folder in ("01-first", "02-second"):
        for kind in ("lesson", "exercises", "guide"):
            presenter.keep("xx", folder, kind, f"<h1>{folder} {kind}</h1>")
    assert presenter.fresh("xx") == {"01-first", "02-second"}
    assert presenter.fresh("xx") == set()
    presenter.keep("xx", "02-second", "guide", "<h1>saved</h1>")
    assert presenter.fresh("xx") == {"02-second"}
    assert presenter.kept("xx", "01-first")["lesson"] == "<h1>01-first lesson</h1>"
