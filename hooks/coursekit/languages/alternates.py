"""What each language's site says about the others: the language switch, the sitemap's
hreflang alternates, and the search settings of the language."""

from __future__ import annotations

from coursekit.languages.settings import Language, Languages


def links(langs: Languages, code: str, site_url: str | None, folders: dict[str, str] | None = None) -> list[dict]:
    """Every language's entry for the switch and the sitemap, seen from the site of `code`:
    `link` from this site's root to the other's, `site_url` where the other is published. A
    course in one language has no switch. With `folders` (language -> folder), each language's
    site lives in a folder of its own, side by side, as in the offline bundles."""
    if len(langs.all) < 2:
        return []
    here = langs.root(code)
    base = (site_url or "")[: len(site_url or "") - len(here)] if here else (site_url or "")
    up = "../" * here.count("/")
    return [
        {"name": other.name, "lang": other.code, "site_url": f"{base}{langs.root(other.code)}",
         "link": f"../{folders[other.code]}/" if folders else f"{up}{langs.root(other.code)}"}
        for other in langs.all
    ]


def search_settings(lang: Language) -> dict:
    """Material's search plugin settings for `lang`: its own, over the defaults for its script."""
    defaults = {"lang": [lang.code.split("-")[0]]}
    return {**defaults, **lang.search}
