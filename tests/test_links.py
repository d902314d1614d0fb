"""Every internal link in the built site resolves, in both languages: pages, headings (#anchors
against the ids of the target page), assets, the language switch, the sitemaps, the search index,
links into the PDFs and from the PDFs back to the site. MkDocs checks the links written in
Markdown; these are also the ones templates and hooks write (navigation, course map, schedule,
progress page, PDF links). External links are listed, never fetched: the tests run offline.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from pypdf import PdfReader

from coursekit.outputs import searchindex

LANGS = {"zh": "", "en": "en/", "zh-TW": "zh-tw/"}
# The attributes that point somewhere, by tag; data-md-root is where the language switch's script goes.
URL_ATTRS = {"a": ("href", "data-md-root"), "area": ("href",), "link": ("href",), "script": ("src",),
             "img": ("src",), "source": ("src",), "iframe": ("src",), "form": ("action",)}


class Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str, str]] = []  # line, what (tag and attribute), URL

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for name in URL_ATTRS.get(tag, ()):
            if a.get(name) is not None:
                switch = " (language switch)" if name == "href" and "md-select__link" in (a.get("class") or "") else ""
                self.urls.append((self.getpos()[0], f"<{tag} {name}>{switch}", a[name]))


@functools.cache
def parse(path: Path) -> Html:
    page = Html()
    page.feed(path.read_text("utf-8"))
    return page


@functools.cache
def pdf(path: Path) -> PdfReader:
    return PdfReader(path)


class Site:
    """A built site and the address it was built for: resolves a URL found in one of its files."""

    def __init__(self, root: Path, url: str):
        self.root, self.url = root, url
        self.checked: Counter = Counter()  # what kinds of target were checked, to show the test saw them
        self.external: set[str] = set()

    def check(self, source: str, what: str, url: str) -> str | None:
        """None if `url`, found in the site file `source` (relative path), resolves; else what is wrong."""
        absolute = urljoin(self.url + source, url.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("data", "blob"):
            return None
        if not absolute.startswith(self.url):
            if parts.scheme in ("http", "https", "mailto") and (parts.netloc or parts.scheme == "mailto"):
                self.external.add(absolute)
                return None
            return f"{what} {url!r} is not a web address; expected a link into the site or to an https:// address"
        path = unquote(parts.path[len(urlsplit(self.url).path):])
        target = self.root / (path + "index.html" if path == "" or path.endswith("/") else path)
        if target.is_dir():
            return f"{what} {url!r} names the folder {path} without a trailing slash; expected {path}/"
        if not target.is_file():
            return f"{what} {url!r}: {target.relative_to(self.root)} does not exist"
        kind = target.suffix.lstrip(".") or "file"
        self.checked[f"{kind} ({_lang(path)})"] += 1
        if not parts.fragment:
            return None
        fragment = unquote(parts.fragment)
        self.checked[f"#anchor in {kind} ({_lang(path)})"] += 1
        if kind == "html" and fragment not in parse(target).ids:
            return f"{what} {url!r}: {target.relative_to(self.root)} has no element with id '{fragment}'"
        if kind == "pdf" and not _pdf_has(pdf(target), fragment):
            return f"{what} {url!r}: {target.relative_to(self.root)} has no page or destination '{fragment}'"
        if kind not in ("html", "pdf"):
            return f"{what} {url!r}: a #fragment into a .{kind} file points nowhere"
        return None


def broken_links(site: Site) -> list[str]:
    """Every link of every built HTML page, sitemap, search index and PDF that does not resolve."""
    problems = []
    for path in sorted(site.root.rglob("*.html")):
        source = path.relative_to(site.root).as_posix()
        for line, what, url in parse(path).urls:
            problem = site.check(_page_url(source), what, url)
            if problem:
                problems.append(f"{source}:{line}: {problem}")
    for lang, root in LANGS.items():
        sitemap = (site.root / root / "sitemap.xml").read_text("utf-8")
        for url in re.findall(r'<loc>([^<]+)</loc>|href="([^"]+)"', sitemap):
            problem = site.check(root, "sitemap entry", "".join(url))
            if problem:
                problems.append(f"{root}sitemap.xml: {problem}")
        for doc in searchindex.documents(site.root / root / "search"):
            problem = site.check(root, "search result", doc["location"] or "./")
            if problem:
                problems.append(f"{root}search/: {problem}")
    for path in sorted(site.root.rglob("*.pdf")):
        source = path.relative_to(site.root).as_posix()
        for number, uri in _pdf_links(pdf(path)):
            problem = site.check(source, "PDF link", uri)
            if problem:
                problems.append(f"{source}: page {number}: {problem}")
    return problems


@pytest.fixture(scope="module")
def site(site_dir, port) -> Site:
    return Site(site_dir, f"http://127.0.0.1:{port}/")


@pytest.fixture(scope="module")
def broken(site) -> list[str]:
    """The session's site, built with COURSE_PDF=1 as published, checked once for all the tests below."""
    return broken_links(site)


def test_every_internal_link_and_anchor_resolves(site, broken):
    assert broken == []
    for lang in LANGS:
        # The check saw what it claims to check, in each language.
        assert site.checked[f"html ({lang})"] > 500
        assert site.checked[f"#anchor in html ({lang})"] > 50
        assert site.checked[f"css ({lang})"] and site.checked[f"js ({lang})"] and site.checked[f"svg ({lang})"]


def test_every_page_has_a_language_switch_that_resolves(site):
    for lang, root in LANGS.items():
        for path in sorted((site.root / root).rglob("*.html")):
            if lang == "zh" and path.relative_to(site.root).parts[0] in ("en", "zh-tw"):
                continue
            switches = [url for _, what, url in parse(path).urls if what.endswith("(language switch)")]
            assert len(switches) == len(LANGS), path
            source = _page_url(path.relative_to(site.root).as_posix())
            assert [site.check(source, "switch", url) for url in switches] == [None] * len(LANGS), path


def test_links_into_and_out_of_the_pdfs_resolve(site, broken):
    assert [b for b in broken if ".pdf" in b] == []
    for lang in LANGS:
        assert site.checked[f"pdf ({lang})"] >= 20  # every module's sheet, guide and quiz, and the pack
    # The PDFs link back to the site (the schedule's module names, for one).
    assert any(_pdf_links(pdf(p)) for p in site.root.rglob("pdf/classroom-pack-*.pdf"))


def test_external_links_are_listed_and_well_formed(site, broken, request):
    listed = sorted(site.external)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_sep("-", f"external links in the built site ({len(listed)}, not fetched)")
        for url in listed:
            reporter.write_line(url)
    assert listed, "the licence at least links out"
    for url in listed:
        parts = urlsplit(url)
        assert parts.scheme in ("https", "mailto"), f"{url}: expected https://"
        # The published site's own pages are linked relatively, so they work offline and in previews.
        assert "complaints-course.github.io" not in parts.netloc, url


def test_the_check_finds_what_is_broken_in_a_copy(site, tmp_path):
    """A deliberately broken copy of the built site: a missing page, a lost heading id, a missing
    asset, a missing PDF, a switch to a page that does not exist."""
    broken = Site(tmp_path / "site", site.url)
    shutil.copytree(site.root, broken.root, ignore=shutil.ignore_patterns("*.pdf"))
    (broken.root / "en" / "glossary" / "index.html").unlink()
    stylesheet = next((broken.root / "en" / "assets").glob("course.*.min.css"))
    stylesheet.unlink()
    lesson = broken.root / "02-four-principles" / "index.html"
    html = lesson.read_text("utf-8")
    anchor = next(i for i in re.findall(r'<h2 id="([^"]+)"', html) if f'href="#{i}"' in html)
    lesson.write_text(html.replace(f'<h2 id="{anchor}"', "<h2", 1), "utf-8")
    about = broken.root / "about" / "index.html"
    about.write_text(about.read_text("utf-8").replace("</article>", '<a href="../pdf/nothing-zh.pdf">PDF</a></article>', 1), "utf-8")
    (broken.root / "en" / "learners").rename(broken.root / "en" / "learners-renamed")

    problems = "\n".join(broken_links(broken))
    assert "en/glossary/index.html does not exist" in problems
    assert f"en/assets/{stylesheet.name} does not exist" in problems
    assert f"02-four-principles/index.html has no element with id '{anchor}'" in problems
    assert "about/index.html:" in problems and "pdf/nothing-zh.pdf does not exist" in problems
    assert "<a href> (language switch) '../en/learners/': en/learners/index.html does not exist" in problems
    assert "en/sitemap.xml: sitemap entry" in problems and "search/: search result" in problems


# Helper functions


def _page_url(source: str) -> str:
    """The URL path a built file is served at, relative to the site root: a/index.html -> a/."""
    return source[: -len("index.html")] if source.endswith("index.html") else source


def _lang(path: str) -> str:
    return next((lang for lang, root in LANGS.items() if root and path.startswith(root)), "zh")


def _pdf_has(reader: PdfReader, fragment: str) -> bool:
    page = re.fullmatch(r"page=(\d+)", fragment)
    if page:
        return 1 <= int(page[1]) <= len(reader.pages)
    return fragment in reader.named_destinations


def _pdf_links(reader: PdfReader) -> list[tuple[int, str]]:
    """The web links of a PDF, with the page they are on."""
    found = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                found.append((number, str(action["/URI"])))
    return found
