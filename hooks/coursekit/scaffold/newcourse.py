"""A new course, or a new module of one, written from the engine's starter files.

`new_course` writes a course folder that builds as it is: mkdocs.yml, the site pages and one
starter module in every language, its quiz bank, CI set-up and workflow, and a copy of the
engine. `new_module` adds a module with all its files in every language of a course. Neither
ever overwrites a file: each refuses, saying why, before it writes anything.
"""

from __future__ import annotations

import json
import pathlib
import re
from dataclasses import dataclass

import jinja2
import yaml

from coursekit.core import schema as data_schema
from coursekit.core import yamlsource
from coursekit.course import frontmatter
from coursekit.languages import settings, strings
from coursekit.quality import schemas
from coursekit.quiz import bank
from coursekit.scaffold import engine

STARTER = pathlib.Path(__file__).with_name("starter")
_WRITTEN = ("en", "zh")  # the languages the starter files are written in; others start from English
_NAMES = {"en": "English", "zh": "简体中文", "zh-TW": "繁體中文", "ja": "日本語", "ko": "한국어", "fr": "Français",
          "de": "Deutsch", "es": "Español", "pt": "Português", "vi": "Tiếng Việt", "th": "ไทย", "id": "Bahasa Indonesia"}
_DESCRIPTIONS = {"en": "A training course.", "zh": "一门培训课程。"}
_MODULE_TITLES = {"en": "Getting started", "zh": "入门"}
# Material's search: Chinese is segmented with jieba at build time and split on \u200b.
_SEPARATORS = {"zh": '[\\s\\u200b\\-_,:!=\\[\\]()"`/，。：；！？、“”（）《》]+|\\.(?!\\d)'}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Refused(Exception):
    """Why nothing was written."""


@dataclass(frozen=True)
class Written:
    root: pathlib.Path
    files: list[str]


def new_course(path: pathlib.Path, codes: list[str], title: str, course_id: str | None = None,
               engine_source: pathlib.Path | None = None) -> Written:
    """Write a new course at `path` in the languages `codes` (the first is the default)."""
    if path.exists() and any(path.iterdir()):
        raise Refused(f"{path}: the folder is not empty; expected a new or empty folder, so nothing of yours is overwritten")
    if not codes or len(set(codes)) != len(codes) or not all(settings.CODE.match(c) for c in codes):
        raise Refused(f"languages {','.join(codes) or '(none)'}: expected one or more distinct codes, like en or en,zh")
    course_id = course_id or _slug(title)
    if not _SLUG.match(course_id):
        raise Refused(f"course id {course_id!r}: expected lowercase letters, digits and dashes (give one with --id)")
    langs = [_language(code, title) for code in codes]
    files: dict[str, str] = {}
    context = {"languages": langs, "default": langs[0], "others": langs[1:], "id": course_id,
               "hooks": engine.EVENT_FILES}
    files["mkdocs.yml"] = _render("project/mkdocs.yml.jinja", context)
    files["pyproject.toml"] = _render("project/pyproject.toml.jinja", context)
    files["README.md"] = _render("project/README.md.jinja", context)
    # Shell and workflow files are copied as they are: their ${…} and ${{ … }} are not ours.
    for name, source in ((".gitignore", "gitignore"), (".ci/setup", "ci-setup"), (".ci/run", "ci-run"),
                         (".github/workflows/site.yml", "workflow.yml")):
        files[name] = (STARTER / "project" / source).read_text("utf-8")
    for lang in langs:
        written = _written(lang["code"])
        for page in sorted((STARTER / "pages" / written).rglob("*.md")):
            name = page.relative_to(STARTER / "pages" / written).as_posix()
            files[f"course/{name[:-3]}.{lang['code']}.md"] = _render(
                f"pages/{written}/{name}", {"title": lang["site_name"], "summary": lang["site_description"]})
        missing = _strings_missing(lang["code"])
        if missing:
            files[f"course/_data/strings/{lang['code']}.yml"] = missing
    files["course/_data/sources.yml"] = ("# yaml-language-server: $schema=./sources.schema.json\n"
                                         "# Every source the course cites: - {id: …, citation: …, note: {<lang>: …}}\n[]\n")
    files["course/_data/terms.yml"] = ("# yaml-language-server: $schema=./terms.schema.json\n"
                                       "# The course's terms: - {id: …, <lang>: …, definition: {<lang>: …}}\n[]\n")
    files.update(_module_files("01-getting-started", {c: _MODULE_TITLES[_written(c)] for c in codes}, codes))
    for name, made in schemas.copies("course/_data", tuple(codes), tuple(lang["name"] for lang in langs)).items():
        files[name] = data_schema.editor_text(made)

    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    for script in (".ci/setup", ".ci/run"):
        (path / script).chmod(0o755)
    source = engine_source or pathlib.Path(__file__).resolve().parents[2]
    engine.copy(source, path / "hooks", str(source))
    return Written(path, sorted(files))


def new_module(root: pathlib.Path, folder: str, titles: dict[str, str] | None = None) -> Written:
    """Add module `folder` (NN-slug) to the course at `root`, in every language of its mkdocs.yml."""
    if not frontmatter.MODULE_FOLDER.match(folder):
        raise Refused(f"{folder}: not a module folder name; expected two digits, a dash and a lowercase slug, like 08-written-replies")
    config = _course_config(root)
    docs = root / config.get("docs_dir", "docs")
    languages = codes(root)
    if not languages:
        raise Refused(f"{root / 'mkdocs.yml'}: no extra.languages; expected a course made by `python -m hooks new-course`")
    taken = [p.name for p in docs.glob(f"{folder[:2]}-*") if p.is_dir()]
    if taken:
        raise Refused(f"{docs.relative_to(root) / taken[0]}: module number {folder[:2]} is taken; expected a number no other module has")
    files = _module_files(folder, titles or {}, languages)
    clashes = [name for name in files if (root / name).exists()]
    if clashes:
        raise Refused(f"{clashes[0]}: already exists; expected a quiz id no other bank has (the quiz id is the folder's slug)")
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return Written(root, sorted(files))


def codes(root: pathlib.Path) -> tuple[str, ...]:
    """The written languages of the course at `root`: a derived one (`from:` another) has no
    files of its own, its pages and quiz texts are converted at build time."""
    return tuple(_written_languages(root))


def schema(root: pathlib.Path) -> list[pathlib.Path]:
    """Write the editors' copies of the data files' schemas for the course's written languages."""
    config = _course_config(root)
    languages = _written_languages(root)
    data = f"{config.get('docs_dir', 'docs')}/_data"
    return schemas.write(root, data, tuple(languages), tuple(spec.get("name", code) for code, spec in languages.items()))


# Helper functions


def _module_files(folder: str, titles: dict[str, str | None], codes: tuple[str, ...] | list[str]) -> dict[str, str]:
    slug = folder[3:]
    titles = {code: titles.get(code) or slug.replace("-", " ").capitalize() for code in codes}
    out = {}
    for code in codes:
        for kind in ("index", "exercises", "guide"):
            out[f"course/{folder}/{kind}.{code}.md"] = _render(f"module/{_written(code)}/{kind}.md", {"title": titles[code], "quiz": slug})
    out[f"{bank.FOLDER}/{slug}.yml"] = _bank(codes, titles)
    return out


def _bank(codes, titles: dict[str, str]) -> str:
    """The starter quiz with every text in every language of `codes`."""
    texts = {code: yaml.safe_load((STARTER / "bank" / f"{_written(code)}.yml").read_text("utf-8")) for code in codes}

    def merge(node, path):
        if isinstance(node, str) and path[-1:] not in (("id",), ("type",)):
            return {code: _at(texts[code], path).replace("{title}", titles[code]) for code in codes}
        if isinstance(node, dict):
            return {key: merge(value, (*path, key)) for key, value in node.items()}
        if isinstance(node, list):
            return [merge(value, (*path, i)) for i, value in enumerate(node)]
        return node

    data = merge(texts[codes[0]], ())
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return f"# yaml-language-server: $schema=./quiz.schema.json\n{body}"


def _at(node, path):
    for key in path:
        node = node[key]
    return node


def _language(code: str, title: str) -> dict:
    base = code.split("-")[0]
    return {"code": code, "folder": code.lower(), "name": _NAMES.get(code, code), "site_name": title,
            "site_description": _DESCRIPTIONS.get(_written(code), _DESCRIPTIONS["en"]),
            "search_lang": base if base in _SEARCH else "en", "separator": _SEPARATORS.get(base)}


# Languages Material's search can stem or segment (lunr-languages, jieba for Chinese).
_SEARCH = ("en", "zh", "ja", "ar", "da", "de", "du", "el", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ko", "kn", "nl",
           "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi")


def _written(code: str) -> str:
    base = code.split("-")[0]
    return base if base in _WRITTEN else "en"


def _strings_missing(code: str) -> str | None:
    """For a language the engine has no interface text for: a file with every key in English, to translate."""
    if strings.shipped(code):
        return None
    english = strings.shipped("en")
    body = "\n".join(f"{key}: {json.dumps(text, ensure_ascii=False)}" for key, text in english.items())
    return (f"# Interface text in {code}: the engine has none, so these are its English texts. Translate each one;\n"
            f"# the build needs every key.\n{body}\n")


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "course"


def _written_languages(root: pathlib.Path) -> dict[str, dict]:
    languages = (_course_config(root).get("extra") or {}).get("languages") or {}
    return {code: spec for code, spec in languages.items() if not (isinstance(spec, dict) and "from" in spec)}


def _course_config(root: pathlib.Path) -> dict:
    path = root / "mkdocs.yml"
    if not path.exists():
        raise Refused(f"{path}: no mkdocs.yml here; expected to be run in a course folder")
    return yamlsource.settings(path.read_text("utf-8"))


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(STARTER), keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
_ENV.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string
_ENV.filters["toml"] = lambda value: json.dumps(value, ensure_ascii=False)  # ... and a TOML one


def _render(name: str, context: dict) -> str:
    return _ENV.get_template(name).render(**context)
