"""What a learner meets, in Chromium on the built site, in both languages: the 404 page (also as
GitHub Pages serves it), the course on a 375 px phone, check marks of passed modules, and the
small things: heading links, glossary tooltips by keyboard, footers, the home page's title, a
corrupted colour-scheme value, My progress without JavaScript."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from urllib.parse import urlsplit

import pytest
from test_site import LANGS, pages

PHONE = {"width": 375, "height": 800}
LESSON = "02-four-principles/"
NOT_FOUND = {"zh": "找不到这个页面", "en": "Page not found", "zh-TW": "找不到這個頁面"}


def settings(page) -> dict:
    return page.evaluate("window.coursekit.settings")


def store_best(page, quiz: str, best: int) -> None:
    page.evaluate("([quiz, best]) => window.coursekit.store.set('quiz/' + quiz, JSON.stringify({answers: {}, best}))", [quiz, best])


# The 404 page


class _OneNotFound(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages is: one 404 page, the site root's, for every missing address."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.server.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_host(site_dir):
    """The built site on a GitHub-Pages-like server (its 404 pages link by absolute path, so any
    port does)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_OneNotFound, directory=str(site_dir)))
    server.site = site_dir
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_page_shows_the_404_of_its_language_on_github_pages(browser, pages_host, lang):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    missing = f"{pages_host}{LANGS[lang]}03-handling-process/no-such-page/"
    response = page.goto(missing)
    assert response.status == 404
    page.wait_for_function(f"document.documentElement.lang === {json.dumps(lang)} && !!document.querySelector('.course-notfound')")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == NOT_FOUND[lang]
    assert page.title().startswith(NOT_FOUND[lang])
    assert page.url == missing  # the address asked for stays in the address bar
    # The nearest module, the home page and the course map; the other modules stay hidden.
    links = page.locator(".course-notfound li:visible a")
    hrefs = [urlsplit(h).path for h in links.evaluate_all("els => els.map(a => a.href)")]
    root = f"/{LANGS[lang]}"
    assert hrefs == [f"{root}03-handling-process/", root, f"{root}course-map/"], hrefs
    # The search box, from the page's own button.
    page.click(".course-notfound button")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.locator("[data-md-toggle=search]").is_checked()
    assert not errors, errors
    context.close()


def test_without_javascript_the_root_404_links_to_each_language(browser, pages_host):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{pages_host}en/no-such-page/")
    assert page.locator("html").get_attribute("lang") == "zh"  # no script, no forwarding
    english = page.locator(".course-notfound p[lang=en] a")
    assert english.inner_text() == "Page not found. Go to the English course home"
    assert urlsplit(english.get_attribute("href")).path == "/en/"
    assert page.locator(".course-notfound li:not([hidden]) a").count() == 2  # home and course map
    context.close()


def test_each_language_has_its_own_404_page(site_dir):
    for lang, root in LANGS.items():
        html = (site_dir / root / "404.html").read_text("utf-8")
        assert f"<h1>{NOT_FOUND[lang]}</h1>" in html
        assert "404 - Not found" not in html
        assert 'class="md-search__input"' in html


# The course on a phone


@pytest.mark.parametrize("lang", LANGS)
def test_the_course_map_reads_on_a_phone_as_cards(browser, site_url, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}{LANGS[lang]}course-map/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    table = page.locator(".course-map")
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth"), "the course map scrolls sideways"
    # Every cell as wide as the card: the objectives are no longer a column two characters wide.
    row = page.locator(".course-map tbody tr").first
    widths = row.locator("td").evaluate_all("tds => tds.map(td => td.getBoundingClientRect().width)")
    assert min(widths) > 0.8 * row.evaluate("tr => tr.getBoundingClientRect().width"), widths
    assert page.locator(".course-map thead").is_hidden()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, site_dir, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    wide = []
    for path in pages(site_dir, lang):
        page.goto(site_url + path.relative_to(site_dir).as_posix().removesuffix("index.html"))
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{path.relative_to(site_dir)}: {width} px")
    context.close()
    assert not wide, "pages wider than the phone:\n" + "\n".join(wide)


# Check marks of passed modules


def marked(page) -> dict[str, list[str]]:
    """The text of what carries a check mark: in the navigation, and on the course map."""
    return page.evaluate(r"""() => ({
        nav: [...document.querySelectorAll('.md-nav--primary .course-passed')].map(m => m.parentElement.textContent.replace(/\s+/g, " ").trim()),
        map: [...document.querySelectorAll('.course-map .course-passed')].map(m => m.parentElement.textContent.replace(/\s+/g, " ").trim()),
    })""")


def test_a_passed_module_has_a_check_mark_everywhere(page, site_url):
    page.goto(f"{site_url}course-map/")
    config = settings(page)
    quizzes = {url: (quiz, total) for url, quiz, total in config["quizzes"]}
    quiz, total = quizzes[LESSON]
    pass_at = -(-config["passMark"] * total // 100)  # the smallest score at the pass mark
    assert config["passMark"] == 80
    store_best(page, quiz, pass_at - 1)
    page.reload()
    assert marked(page) == {"nav": [], "map": []}, "a score below the pass mark has a check mark"
    store_best(page, quiz, pass_at)
    page.reload()
    found = marked(page)
    assert found == {"nav": ["2 · 投诉处理的四项原则 ✓已通过自测题"], "map": ["2 · 投诉处理的四项原则✓已通过自测题"]}, found
    # Announced: the words are in the link's accessible name, the tick is hidden from screen readers.
    link = page.locator(".course-map tbody th a").nth(1)
    assert "已通过自测题" in link.evaluate("a => a.textContent") and link.locator("[aria-hidden=true]").inner_text() == "✓"
    # After instant navigation to the lesson: the module's own entry in the navigation.
    page.click(f"a.md-nav__link[href$='{LESSON}']")
    page.wait_for_url(f"{site_url}{LESSON}")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    page.wait_for_function("document.querySelectorAll('.md-nav--primary .course-passed').length == 1")
    assert marked(page)["nav"] == ["2 · 投诉处理的四项原则 ✓已通过自测题"]
    # After switching language: the English site reads the same progress.
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url(f"{site_url}en/{LESSON}")
    page.wait_for_function("document.querySelectorAll('.md-nav--primary .course-passed').length == 1")
    assert marked(page)["nav"] == ["2 · Four principles of complaint handling ✓Self-check quiz passed"]
    page.goto(f"{site_url}en/course-map/")
    assert marked(page)["map"] == ["2 · Four principles of complaint handling✓Self-check quiz passed"]


def test_a_quiz_passed_on_its_page_marks_the_module_at_once(page, site_url):
    page.goto(f"{site_url}{LESSON}")
    quiz = page.locator(".quiz").first
    for question in quiz.locator(".quiz-q").all():
        if question.locator("[data-step]").count():  # an ordering question: put the steps in order
            for i in range(question.locator("[data-step]").count()):
                step = question.locator(f"[data-step='{i}']")
                while step.evaluate("li => [...li.parentNode.children].indexOf(li)") > i:
                    step.locator("[data-move='-1']").click()
        else:
            for option in question.locator("input").all():
                if option.get_attribute("data-correct") is not None:
                    option.check()
        question.locator("[data-action=check]").click()
    page.wait_for_function("document.querySelectorAll('.md-nav--primary .course-passed').length == 1")


def test_no_check_mark_without_javascript(browser, site_url, site_dir):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}course-map/")
    assert page.locator(".course-passed").count() == 0
    context.close()
    assert "course-passed" not in (site_dir / "course-map" / "index.html").read_text("utf-8")


# Small things


@pytest.mark.parametrize("lang, title", [("zh", "本节链接"), ("en", "Link to this section")])
def test_heading_links_are_named_in_the_language(site_dir, lang, title):
    html = (site_dir / LANGS[lang] / LESSON / "index.html").read_text("utf-8")
    assert len(re.findall(f'class="headerlink" href="#[^"]+" title="{title}"', html)) >= 5
    assert "Permanent link" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_are_reached_by_keyboard(page, site_url, lang):
    page.goto(f"{site_url}{LANGS[lang]}{LESSON}")
    term = page.locator(".md-content abbr").first
    definition = term.get_attribute("title")
    term.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    # Material shows the definition, and names it as the term's description while it shows.
    tip = page.locator(".md-tooltip2--active[role=tooltip]")
    tip.wait_for()
    assert tip.inner_text().strip() == definition
    assert term.get_attribute("aria-describedby") == tip.get_attribute("id")
    # A Tab from the top of the article reaches the term.
    page.locator(".md-content h1").click()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    assert page.evaluate("document.activeElement.tagName") == "ABBR"


@pytest.mark.parametrize("lang, previous, following", [
    ("zh", "练习单：为什么投诉很重要", "练习单：投诉处理的四项原则"),
    ("en", "Exercise sheet: Why complaints matter", "Exercise sheet: Four principles of complaint handling"),
])
def test_footers_name_the_module(page, site_url, lang, previous, following):
    page.goto(f"{site_url}{LANGS[lang]}{LESSON}")
    assert page.locator(".md-footer__link--prev .md-ellipsis").inner_text().strip() == previous
    assert page.locator(".md-footer__link--next .md-ellipsis").inner_text().strip() == following
    assert page.locator(".md-footer__link--next").get_attribute("aria-label").endswith(following)


@pytest.mark.parametrize("lang, name", [("zh", "客户投诉处理实务"), ("en", "Handling Customer Complaints")])
def test_the_home_page_title_names_the_site_once(page, site_url, lang, name):
    page.goto(site_url + LANGS[lang])
    assert page.title() == name
    page.goto(f"{site_url}{LANGS[lang]}course-map/")
    assert page.title().endswith(f" - {name}")


@pytest.mark.parametrize("value", ["{not json", '"a string"', '{"index": "x"}', "[]"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_corrupted_colour_scheme_value_is_discarded(page, site_url, lang, value):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + LANGS[lang])
    key = urlsplit(site_url + LANGS[lang]).path + ".__palette"
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, value])
    page.reload()
    page.wait_for_load_state("load")
    assert not errors, errors
    assert page.locator("[data-md-component=palette] label:not([hidden])").count() == 1
    # The scheme toggle works, and what it stores reads back.
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # The search gets ready.
    page.click(".md-search__input")
    page.wait_for_function("() => !/Initializing|初始化/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert not errors, errors


@pytest.mark.parametrize("lang, not_started", [("zh", "未开始"), ("en", "Not started")])
def test_my_progress_reads_unreadable_values_as_not_started(page, site_url, lang, not_started):
    page.goto(f"{site_url}{LANGS[lang]}progress/")
    quizzes = [quiz for _, quiz, _ in settings(page)["quizzes"]]
    values = ["garbage", json.dumps({"answers": {"q1": "x"}, "best": 0}), json.dumps({"answers": [], "best": "9"}),
              json.dumps({"answers": {"q1": [-1]}}), json.dumps({"answers": {}, "best": 3})]
    for quiz, value in zip(quizzes, values):
        page.evaluate("([quiz, value]) => window.coursekit.store.set('quiz/' + quiz, value)", [quiz, value])
    page.reload()
    cells = page.locator("[data-progress]").all_text_contents()
    total = page.locator("[data-progress]").nth(4).get_attribute("data-total")
    assert cells[:5] == [not_started] * 4 + [f"3 / {total}"], cells


@pytest.mark.parametrize("lang, says", [("zh", "这一页要启用 JavaScript 才能显示"), ("en", "this page needs JavaScript to show them")])
def test_my_progress_explains_itself_without_javascript(browser, site_url, lang, says):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{LANGS[lang]}progress/")
    assert says in page.locator(".quiz-progress").inner_text()
    context.close()
