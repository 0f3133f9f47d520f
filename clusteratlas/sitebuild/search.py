"""One search index per language, so readers only get results in the language they read.

mkdocs-static-i18n merges both languages into one index at /search/. After the build we split
it: Chinese entries stay at /search/, English ones move to /en/search/ (locations made relative
to /en/); English pages get /en/ as the base Material resolves the index and results from
(overrides/main.html, block config).
Both .json (served site) and .js (file://, Material's offline mode) forms are written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..i18n import DEFAULT_LANG, LANGS
from ..paths import lang_of_location, lang_root


def hermetic_jieba(cache: Path) -> Path:
    """Material segments Chinese with jieba, which caches its dictionary in the system's temp
    folder — world-writable, so another user's jieba.cache could change our search index. Keep
    it in the project's own cache folder instead; return that folder."""
    import jieba

    folder = cache / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(folder)
    return folder


def split_search_index(site: Path) -> dict[str, int]:
    """Write one index per language; return the number of entries in each."""
    combined = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    counts = {}
    for lang in LANGS:
        prefix = lang_root(lang)
        docs = [d for d in combined["docs"] if lang_of_location(d["location"]) == lang]
        docs = [dict(d, location=d["location"][len(prefix) :]) for d in docs]
        config = dict(combined["config"], lang=combined["config"]["lang"] if lang == DEFAULT_LANG else [lang])
        index = {"config": config, "docs": docs}
        out = site / prefix / "search"
        out.mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (out / "search_index.json").write_text(data, encoding="utf-8")
        (out / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
        counts[lang] = len(docs)
    return counts


_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": )("[^"]*")', re.S)


def language_search_base(html: str, lang: str) -> str:
    """On a page of a further language, point Material's "base" (where it loads the search index
    and resolves results from) at that language's root: "../.." → "../../en/". Its own index is
    there (split_search_index). The trailing slash matters: Material resolves with new URL(path, base)."""

    def fix(m: re.Match) -> str:
        return m.group(1) + json.dumps(language_base(json.loads(m.group(2)), lang))

    return _CONFIG_BASE.sub(fix, html, count=1)


def language_base(base: str, lang: str) -> str:
    """Material's base for a page of a further language: the site's root ".." → "../en/"."""
    return base.rstrip("/") + f"/{lang}/"


def search_counts(site: Path) -> dict[str, int]:
    """Entries per language in Zensical's per-language indexes (<lang root>/search.json)."""
    counts = {}
    for lang in LANGS:
        index = site / lang_root(lang) / "search.json"
        counts[lang] = len(json.loads(index.read_text(encoding="utf-8"))["items"]) if index.is_file() else 0
    return counts
