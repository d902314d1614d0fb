"""The classroom pack: the built exercise sheets and guides, and the quiz paper editions, as A4 PDFs.

WeasyPrint lays each document out with the site's own stylesheets, whose print rules
(assets/print.css) make paper of them, in the CJK font of Debian's fonts-noto-cjk. Relative
links resolve against the published site, so a link in a PDF opens the page online; only files
of the built site are ever read, nothing from the network.
"""

from __future__ import annotations

import logging
import os
import pathlib
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

FOLDER = "pdf"  # below each language's site root
# The print rules, a file of their own: linked for print only on the site (main.html), and
# given to WeasyPrint with the site's other stylesheets.
PRINT_CSS = "assets/print.css"
_ARTICLE = '<article class="md-content__inner md-typeset">'


class MissingFont(Exception):
    pass


@dataclass(frozen=True)
class Document:
    kind: str  # schedule, exercises, guide or quiz
    name: str | None  # its own PDF file; None when it is only part of the combined pack
    label: str  # what it is, e.g. "Module 4 · Difficult customers · Exercise sheet"
    content: str  # HTML
    url: str  # the site page it belongs to, for its relative links
    heading: str | None = None  # a title for content that brings none (the quiz paper)
    qr: dict | None = None  # a QR code to the document online, for one that does not bring its own (outputs/qr.py)


@dataclass(frozen=True)
class Pack:
    lang: str
    title: str
    name: str  # the combined PDF's file name
    documents: list[Document]
    out: pathlib.Path
    stylesheets: list[pathlib.Path]
    site_dir: pathlib.Path  # the language's built site ...
    site_url: str  # ... and where it is published


def file_name(module: str, kind: str, lang: str) -> str:
    """`04-difficult-customers-exercises-zh.pdf`: the language in the name, so downloads do not mix up."""
    return f"{module}-{kind}-{lang}.pdf"


def pack_name(lang: str) -> str:
    return f"classroom-pack-{lang}.pdf"


def enabled() -> bool:
    """Whether this build makes the PDFs: COURSE_PDF=1 in the environment (CI, the tests, the
    published site); a plain build or `mkdocs serve` stays quick without them."""
    return os.environ.get("COURSE_PDF") == "1"


def require_font(lang: str) -> None:
    """Stop unless fontconfig knows a font for `lang` when it is written in Chinese, Japanese or
    Korean characters; without one, its text would print as empty boxes."""
    if lang.split("-")[0] not in ("zh", "ja", "ko"):
        return
    try:
        found = subprocess.run(["fc-list", f":lang={lang.lower()}", "family"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        found = ""
    if not found.strip():
        raise MissingFont(
            f"PDF: no font for '{lang}' found (`fc-list :lang={lang.lower()}` lists none), so its text would print as empty boxes; "
            "expected Noto CJK: install Debian's fonts-noto-cjk (sudo apt-get install fonts-noto-cjk)"
        )


def article(page: pathlib.Path) -> str:
    """The content of a built page: what is inside Material's <article>, without the site around it."""
    html = page.read_text("utf-8")
    start = html.index(_ARTICLE) + len(_ARTICLE)
    return html[start:html.rindex("</article>")]


def build(pack: Pack, env, t: Callable[..., str]) -> None:
    """Write each document that has a name as a PDF of its own, then all of them as the combined pack."""
    import weasyprint  # only PDF builds pay the second it takes to import

    # Stylesheets made for browsers: WeasyPrint would warn about every rule it does not support.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pack.out.mkdir(parents=True, exist_ok=True)
    fetcher = _site_fetcher(pack.site_url, pack.site_dir)
    css = [weasyprint.CSS(filename=str(path), url_fetcher=fetcher) for path in pack.stylesheets]

    def render(template: str, url: str, **context) -> weasyprint.Document:
        html = env.get_template(f"partials/{template}.html").render(lang=pack.lang, t=t, **context)
        return weasyprint.HTML(string=html, base_url=urljoin(pack.site_url, url), url_fetcher=fetcher).render(stylesheets=css)

    contents, counts = [], []
    for document in pack.documents:
        content = document.content
        result = render("pdf", document.url, document=document, content=content)
        # A block of less than half a page that the page break split goes whole to the next page
        # (print.css lets blocks run on, so that a long one does not leave a page half empty).
        whole: set[int] = set()
        for _ in range(3):  # moving a block on may split another
            short = _short_split_blocks(result) - whole
            if not short:
                break
            whole |= short
            content = _keep_whole(document.content, whole)
            result = render("pdf", document.url, document=document, content=content)
        if document.name:
            result.write_pdf(pack.out / document.name)
        contents.append(content)
        counts.append(len(result.pages))

    # The pack is one document of its own, so that its pages are numbered on from the cover to the
    # end, its contents page gives those numbers (CSS target-counter) and every footer shows the
    # same; each document's own page numbers stand beside them. Its links are made absolute first,
    # since the documents come from pages at different addresses.
    parts = [(document, _absolute(content, urljoin(pack.site_url, document.url)), pages)
             for document, content, pages in zip(pack.documents, contents, counts)]
    render("pdf-pack", "", title=pack.title, parts=parts).write_pdf(pack.out / pack.name)


# Helper functions


_BLOCK = re.compile(r'<section class="course-block ')
_WHOLE = "course-block--whole"


def _short_split_blocks(document) -> set[int]:
    """The blocks (by their order in the document) laid out over two pages or more, though they are
    shorter than half a page."""
    heights: dict[int, float] = {}
    pages: dict[int, set[int]] = {}
    order: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        box = page._page_box  # WeasyPrint's layout of the page: the boxes of its elements
        if not order:
            root = box.children[0].element
            blocks = [e for e in root.iter() if (e.get("class") or "").startswith("course-block ")]
            order = {id(e): index for index, e in enumerate(blocks)}
        for child in box.descendants():
            index = order.get(id(getattr(child, "element", None))) if child.element_tag == "section" else None
            if index is not None and child.style["break_inside"] != "avoid":
                heights[index] = heights.get(index, 0) + child.border_height()
                pages.setdefault(index, set()).add(number)
    half = (document.pages[0].height - _MARGINS) / 2
    return {index for index, seen in pages.items() if len(seen) > 1 and heights[index] < half}


_MARGINS = (16 + 18) / 25.4 * 96  # print.css's page margins, in CSS pixels


def _keep_whole(html: str, indexes: set[int]) -> str:
    count = iter(range(len(html)))
    return _BLOCK.sub(lambda m: f'<section class="course-block {_WHOLE} ' if next(count) in indexes else m[0], html)


_URL_ATTRIBUTE = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|#)([^"]*)"')


def _absolute(html: str, base: str) -> str:
    """The relative links and sources of `html` made absolute against `base`."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}="{urljoin(base, m[2])}"', html)


def _site_fetcher(site_url: str, site_dir: pathlib.Path):
    """A WeasyPrint fetcher that serves the published site's URLs from the built files and refuses the rest."""
    import weasyprint

    site_dir = site_dir.resolve()

    class SiteFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(site_url):
                url = (site_dir / unquote(urlsplit(url).path[len(urlsplit(site_url).path):])).as_uri()
            if url.startswith("data:"):  # an image the page carries itself (a QR code)
                return super().fetch(url, headers)
            if not url.startswith(site_dir.as_uri()):
                raise ValueError(f"{url} is not part of the built site; the PDFs fetch nothing else")
            return super().fetch(url, headers)

    return SiteFetcher(allowed_protocols=("file", "data"))
