"""The classroom pack: the PDFs of the real built site (conftest builds them once, COURSE_PDF=1)."""

from __future__ import annotations

import html
import re
import subprocess
from functools import cache
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from test_classroom import paragraphs

from conftest import ROOT
from coursekit import project
from coursekit.outputs import pdf as pdfpack

# The course as the build reads it: zh-TW's pages and banks converted from zh.
PROJECT = project.read_folder(ROOT)
COURSE = PROJECT.course

LANGS = {"zh": "", "en": "en/", "zh-TW": "zh-tw/"}
# The CJK font each language's PDFs are set in (print.css chooses it by the page's language).
CJK_FONT = {"zh": "Noto-Sans-CJK-SC", "en": "Noto-Sans-CJK-SC", "zh-TW": "Noto-Sans-CJK-TC"}
# How long each kind of document may be, in A4 pages.
PAGES = {"exercises": (2, 12), "guide": (3, 20), "quiz": (1, 6)}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def kinds(module) -> tuple[str, ...]:
    return ("exercises", "guide", "quiz") if module.lesson("zh").meta.get("quiz") else ("exercises", "guide")


def built(site: Path, lang: str, path: str) -> Path:
    return site / LANGS[lang] / path / "index.html"


def pdf(site: Path, lang: str, name: str) -> Path:
    return site / LANGS[lang] / "pdf" / name


@cache
def pages_of(path: Path) -> tuple[str, ...]:
    """The text of each page, by poppler's pdftotext (pypdf takes seconds for a long PDF), as `normal` text."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return tuple(normal(page) for page in text.split("\f"))


def text_of(path: Path) -> str:
    return "".join(pages_of(path))


def normal(text: str) -> str:
    """Text without whitespace, with typographic quotes as plain ones."""
    return re.sub(r"\s+", "", text).translate(str.maketrans("‘’“”", "''\"\""))


def fonts_of(path: Path) -> dict[str, bool]:
    """Every font the PDF uses, and whether its glyphs are embedded."""
    found = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            found[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def plain(markdown: str) -> str:
    """Quiz-bank Markdown as the text it renders to, as `normal`."""
    return normal(re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)))


def found(probe: str, path: Path) -> bool:
    return any(probe in page for page in pages_of(path))


@pytest.mark.parametrize("lang", LANGS)
def test_every_module_has_its_pdfs_and_they_open(site_dir, lang):
    for module in COURSE.modules:
        for kind in kinds(module):
            path = pdf(site_dir, lang, pdfpack.file_name(module.folder, kind, lang))
            reader = PdfReader(path)
            low, high = PAGES[kind]
            assert low <= len(reader.pages) <= high, (path.name, len(reader.pages))
            assert module.lesson(lang).meta["title"] in reader.metadata.title


@pytest.mark.parametrize("lang", LANGS)
def test_the_combined_pack_holds_everything_after_its_contents_page(site_dir, lang):
    parts = [pdf(site_dir, lang, pdfpack.file_name(m.folder, k, lang)) for m in COURSE.modules for k in kinds(m)]
    pack = PdfReader(pdf(site_dir, lang, pdfpack.pack_name(lang)))
    separate = sum(len(PdfReader(p).pages) for p in parts)
    schedule_and_cover = len(pack.pages) - separate
    assert 2 <= schedule_and_cover <= 6, (len(pack.pages), separate)
    # the contents pages: the first document (the schedule) starts right after them
    cover = int(re.findall(r"(\d+)\n", pack.pages[0].extract_text())[0]) - 1
    text = "\n".join(pack.pages[i].extract_text().rsplit("\n", 1)[0] for i in range(cover))  # without the footer's page number
    contents = re.sub(r"\s+", "", text)
    for module in COURSE.modules:
        assert re.sub(r"\s+", "", module.lesson(lang).meta["title"]) in contents
    # the contents give the page each document starts on, the last one's as many pages before the end
    starts = [int(n) for n in re.findall(r"(\d+)$", text, re.M)]
    assert max(starts) == len(pack.pages) - len(PdfReader(parts[-1]).pages) + 1


@pytest.mark.parametrize("lang", LANGS)
def test_every_pdf_embeds_a_cjk_font(site_dir, lang):
    for path in sorted((site_dir / LANGS[lang] / "pdf").glob("*.pdf")):
        fonts = fonts_of(path)
        assert all(fonts.values()), f"{path.name} has fonts that are not embedded: {fonts}"
        assert any(CJK_FONT[lang] in name for name in fonts), f"{path.name}: {sorted(fonts)}"
        # Not even the running header or the page numbers in another language's CJK font.
        others = {"Noto-Sans-CJK-SC", "Noto-Sans-CJK-TC", "Noto-Sans-CJK-JP", "Noto-Sans-CJK-KR"} - {CJK_FONT[lang]}
        assert not any(other in name for other in others for name in fonts), f"{path.name}: {sorted(fonts)}"


def test_pdfs_carry_the_expected_chinese_and_english_text(site_dir):
    module = COURSE.modules[0]
    for lang, sheet, guide in (("zh", "练习单", ("学习目标", "活动", "参考答案")), ("en", "Exercise sheet", ("Learning objectives", "Activity", "Model answer"))):
        title = re.sub(r"\s+", "", module.lesson(lang).meta["title"])
        exercises = text_of(pdf(site_dir, lang, pdfpack.file_name(module.folder, "exercises", lang)))
        assert title in exercises and sheet.replace(" ", "") in exercises
        guide_text = text_of(pdf(site_dir, lang, pdfpack.file_name(module.folder, "guide", lang)))
        assert all(word.replace(" ", "") in guide_text for word in guide), lang
        first_row = re.sub(r"\s+", "", module.pages["guide"][lang].meta["runsheet"][0]["activity"])
        assert first_row in guide_text
    assert len(CHINESE.findall(text_of(pdf(site_dir, "zh", pdfpack.pack_name("zh"))))) > 20000
    english = text_of(pdf(site_dir, "en", pdfpack.pack_name("en")))
    assert len(re.findall(r"[A-Za-z]", english)) > 50000


@pytest.mark.parametrize("lang", LANGS)
def test_learner_pdfs_contain_no_answers(site_dir, lang):
    """Probes: the start of every model-answer paragraph and of every quiz explanation. Each is found
    in the guide's PDF (so the probe works) and in no learner PDF."""
    for module in COURSE.modules:
        guide_html = built(site_dir, lang, f"{module.folder}/guide").read_text("utf-8")
        guide = pdf(site_dir, lang, pdfpack.file_name(module.folder, "guide", lang))
        sheet = pdf(site_dir, lang, pdfpack.file_name(module.folder, "exercises", lang))
        answers = [normal(html.unescape(a))[:40] for a in paragraphs(guide_html, "course-model-answer")]
        assert answers and all(found(a, guide) for a in answers), module.folder
        assert not [a for a in answers if found(a, sheet)], module.folder
        quiz_id = module.lesson(lang).meta.get("quiz")
        if not quiz_id:
            continue
        explanations = [plain(q["explanation"][lang])[:40] for q in PROJECT.banks[quiz_id]["questions"]]
        paper = pdf(site_dir, lang, pdfpack.file_name(module.folder, "quiz", lang))
        assert all(found(e, guide) for e in explanations), module.folder
        assert not [e for e in explanations if found(e, paper) or found(e, sheet)], module.folder


def test_a_page_of_each_kind_renders_to_ink_on_paper(site_dir, tmp_path):
    module = COURSE.modules[0]
    for lang in LANGS:
        for kind in kinds(module):
            path = pdf(site_dir, lang, pdfpack.file_name(module.folder, kind, lang))
            out = tmp_path / f"{kind}-{lang}"
            subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", "-f", "1", str(path), str(out)], check=True)
            image = Image.open(f"{out}.png").convert("L")
            assert image.size[0] < image.size[1]  # portrait A4
            dark = sum(1 for value in image.getdata() if value < 128)
            assert dark > 0.01 * image.size[0] * image.size[1], path.name


def qr_codes(path: Path) -> list[str]:
    """What the QR codes on the first page of a PDF say, read from a render of the page as a phone camera would."""
    image = pypdfium2.PdfDocument(path)[0].render(scale=3).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_and_quiz_papers_carry_a_qr_code_to_their_lesson_or_quiz_online(site_dir, site_url, lang):
    """The code on an exercise sheet opens its lesson, the one on a quiz paper the quiz in the
    lesson, in the PDF's language; the address is printed beside it."""
    for module in COURSE.modules:
        lesson = f"{site_url}{LANGS[lang]}{module.folder}/"
        quiz = module.lesson(lang).meta.get("quiz")
        expected = {"exercises": lesson, **({"quiz": f"{lesson}#quiz-{quiz}"} if quiz else {})}
        for kind, url in expected.items():
            path = pdf(site_dir, lang, pdfpack.file_name(module.folder, kind, lang))
            assert qr_codes(path) == [url], path.name
            assert normal(url) in pages_of(path)[0], path.name
        assert qr_codes(pdf(site_dir, lang, pdfpack.file_name(module.folder, "guide", lang))) == []  # the instructor's own copy


def test_without_a_chinese_font_the_pdf_step_says_what_to_install(monkeypatch, tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    with pytest.raises(pdfpack.MissingFont, match=r"install Debian's fonts-noto-cjk \(sudo apt-get install fonts-noto-cjk\)"):
        pdfpack.require_font("zh")
    monkeypatch.delenv("FONTCONFIG_FILE")
    pdfpack.require_font("zh")
