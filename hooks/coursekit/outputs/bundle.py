"""The offline classroom bundle: each language's site of the packages edition as a zip holding one
folder, `<course id>-<language>/`, that works from `file://` once unzipped, on a laptop with no
network. Pages are `.html` files and the search index a script (Material's offline plugin, with
the vendored iframe-worker shim for search); the language switch links to the sibling folders, so
it works between two bundles unzipped side by side. The SCORM packages carry the same folders.
"""

from __future__ import annotations

import pathlib
import zipfile

from coursekit.languages.settings import Languages

OUT = "packages"  # below the site dir of the packages edition, where the zips are written
# Material reads this (config.extra.polyfills) before its own scripts; it makes search work from file://.
SHIM = "assets/vendor/iframe-worker-shim-1.0.4.js"
# For a web server and search engines only; the 404 page links from the server's root, which a folder has not.
_SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def folder(course_id: str, langs: Languages, code: str) -> str:
    """The folder a language's site has in a bundle or package: `workplace-safety-en`."""
    return f"{course_id}-{langs.get(code).folder}"


def site_files(site_dir: pathlib.Path, langs: Languages, code: str) -> list[tuple[pathlib.Path, str]]:
    """Every file of one language's site in the built site: (file, path inside that site). The
    default language's site is the root less the others' folders and the packages."""
    root = site_dir / langs.root(code)
    skipped = {root / OUT} | {site_dir / lang.folder for lang in langs.others(code)} if not langs.root(code) else set()
    found = []
    for path in sorted(root.rglob("*")):
        inside = path.relative_to(root).as_posix()
        if path.is_file() and inside not in _SERVER_ONLY and not any(path.is_relative_to(s) for s in skipped):
            found.append((path, inside))
    return found


def write(site_dir: pathlib.Path, langs: Languages, code: str, course_id: str) -> pathlib.Path:
    """The bundle of language `code`, written to the packages folder."""
    name = folder(course_id, langs, code)
    out = site_dir / OUT / f"{course_id}-offline-{langs.get(code).folder}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, inside in site_files(site_dir, langs, code):
            add(archive, f"{name}/{inside}", path.read_bytes())
    return out


def add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One file into a zip, dated 1980-01-01 whatever its age, so two builds of one commit make the same zip."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
