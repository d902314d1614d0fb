"""SCORM 1.2 packages of the packages edition, which LMSs (Moodle, Cornerstone, SuccessFactors,
Docebo, …) import: one per language and one with every language. A package is a zip with
`imsmanifest.xml` and the SCORM 1.2 schema files at its root (scorm12/schemas/), the language
sites as in the offline bundles (coursekit/outputs/bundle.py), and one SCO whose launch page
(scorm12/launch.html and launch.js, written as index.html and scorm12.js) hosts the course.

The learner's progress is kept in `cmi.suspend_data`, which SCORM 1.2 limits to 4096 characters;
`capacity_errors` stops the build when the course's quiz progress could outgrow it.
"""

from __future__ import annotations

import json
import pathlib
import re
import xml.etree.ElementTree as etree
import zipfile

from jinja2 import Environment, FileSystemLoader

from coursekit.core import yamlsource
from coursekit.core.errors import ContentError
from coursekit.languages.settings import Languages
from coursekit.outputs import bundle

LIMIT = 4096  # characters of cmi.suspend_data (SCORM 1.2: CMIString4096)
_HERE = pathlib.Path(__file__).with_name("scorm12")
SCHEMAS = sorted((_HERE / "schemas").glob("*.xsd"))
_NS = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_LOCATIONS = ("http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
              "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
              "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd")
# The language switch in every page (partials/alternate.html): a package of one language drops it.
_SWITCH = re.compile(rb"<!-- coursekit:switch -->.*?<!-- /coursekit:switch -->", re.S)


def quizzes(course, banks: dict, lang: str) -> dict[str, list[str]]:
    """The course's quizzes in module order, each with its question ids."""
    ids = [m.lesson(lang).meta.get("quiz") for m in course.modules]
    return {quiz: [q["id"] for q in banks[quiz]["questions"]] for quiz in ids if quiz}


def capacity_errors(banks: dict, quizzes: dict[str, list[str]], root: pathlib.Path) -> list[ContentError]:
    """The course's quiz progress at its largest (every question answered with every option) must
    fit in suspend_data, as launch.js writes it; else the bank that makes it too large is named."""
    size = 1  # the braces around the entries, less the comma the first one does not need
    for quiz, questions in quizzes.items():
        options = {q["id"]: len(q.get("options") or q.get("steps") or [0, 0]) for q in banks[quiz]["questions"]}
        state = {"answers": {q: list(range(options[q])) for q in questions}, "best": len(questions)}
        part = len(json.dumps(f"quiz/{quiz}")) + 1 + len(json.dumps(state, separators=(",", ":"), ensure_ascii=False))
        size += part + 1
        if size > LIMIT:
            path = f"quizzes/{quiz}.yml"
            _, lines = yamlsource.load((root / path).read_text("utf-8"), path)
            return [ContentError(path, yamlsource.line_of(lines, ("questions",)),
                                 f"with this bank the course's quiz progress can take {size} characters of SCORM's suspend_data, "
                                 f"which holds {LIMIT} (this bank takes up to {part}); expected fewer questions or options "
                                 "in the course's banks, or shorter question ids")]
    return []


def manifest(identifier: str, title: str, files: list[str]) -> str:
    """imsmanifest.xml: one organization with one item, whose SCO is the launch page and every file."""
    for prefix, uri in _NS.items():
        etree.register_namespace(prefix, uri)

    def element(parent, tag: str, text: str | None = None, **attributes) -> etree.Element:
        prefix, _, name = tag.rpartition(":")
        made = etree.SubElement(parent, f"{{{_NS[prefix]}}}{name}", {_qualified(k): v for k, v in attributes.items()})
        made.text = text
        return made

    root = etree.Element(f"{{{_NS['']}}}manifest", {"identifier": identifier, "version": "1.0",
                                                     f"{{{_NS['xsi']}}}schemaLocation": _LOCATIONS})
    metadata = element(root, "metadata")
    element(metadata, "schema", "ADL SCORM")
    element(metadata, "schemaversion", "1.2")
    organization = element(element(root, "organizations", default="course"), "organization", identifier="course")
    element(organization, "title", title)
    element(element(organization, "item", identifier="item", identifierref="sco", isvisible="true"), "title", title)
    resource = element(element(root, "resources"), "resource", identifier="sco", type="webcontent", href="index.html",
                       adlcp__scormtype="sco")
    for name in files:
        element(resource, "file", href=name)
    etree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


def write(site_dir: pathlib.Path, langs: Languages, codes: tuple[str, ...], course_id: str, title: str,
          settings: dict, name: str) -> pathlib.Path:
    """The package holding the languages `codes` (the first opens), as `packages/<name>.zip`."""
    folders = [bundle.folder(course_id, langs, code) for code in codes]
    launch = {**settings, "start": f"{folders[0]}/index.html", "folders": [f"{f}/" for f in folders], "limit": LIMIT}
    env = Environment(loader=FileSystemLoader(_HERE), autoescape=True)
    pages = {"index.html": env.get_template("launch.html").render(lang=codes[0], title=title, settings=launch).encode(),
             "scorm12.js": (_HERE / "launch.js").read_bytes()}
    contents = [(f"{folder}/{inside}", path) for code, folder in zip(codes, folders) for path, inside in bundle.site_files(site_dir, langs, code)]
    names = [*pages, *(inside for inside, _ in contents)]
    out = site_dir / bundle.OUT / f"{name}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        bundle.add(archive, "imsmanifest.xml", manifest(name, title, names).encode())
        for schema in SCHEMAS:
            bundle.add(archive, schema.name, schema.read_bytes())
        for inside, data in pages.items():
            bundle.add(archive, inside, data)
        for inside, path in contents:
            data = path.read_bytes()
            if len(codes) == 1 and inside.endswith(".html"):
                data = _SWITCH.sub(b"", data)
            bundle.add(archive, inside, data)
    return out


# Helper functions


def _qualified(name: str) -> str:
    """`adlcp__scormtype` -> the attribute in ADL's namespace."""
    prefix, _, local = name.rpartition("__")
    return f"{{{_NS[prefix]}}}{local}" if prefix else local
