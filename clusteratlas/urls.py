"""Published URLs are a contract: once in urls/published.txt, a URL must keep working.

`make urls` adds the URLs of a new build to the list (it never removes one). A page that moves
gets a line in urls/redirects.yaml (old path: new path); the build writes a redirect page at
the old address, in both languages. tests/test_urls.py fails when a listed URL has neither.
"""
from __future__ import annotations

import html
from pathlib import Path

import yaml

from .i18n import DEFAULT_LANG, LANGS

SKIP = ("assets/", "search/")


def site_urls(site: Path) -> list[str]:
    """Every page URL of a built (online) site, as '/provinces/jiangsu/'."""
    urls = []
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel + "/"
        if not rel.startswith(SKIP) and not any(rel.startswith(f"{lang}/{s}") for lang in LANGS for s in SKIP):
            urls.append("/" + rel)
    return sorted(urls)


def read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def record(site: Path, path: Path) -> list[str]:
    """Add the site's new URLs to the list; return the ones added."""
    known = read_list(path)
    new = [u for u in site_urls(site) if u not in known]
    header = "# Published page URLs (both languages). Never remove a line: move pages with urls/redirects.yaml.\n"
    path.write_text(header + "\n".join(sorted(known + new)) + "\n", encoding="utf-8")
    return new


def load_redirects(path: Path) -> dict[str, str]:
    """old path → new path, both like 'provinces/old-id/' (without language prefix)."""
    if not path.exists():
        return {}
    return {str(k).strip("/") + "/": str(v).strip("/") + "/" for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


def write_redirects(site: Path, redirects: dict[str, str], offline: bool = False) -> int:
    """A small HTML page at every old address, in every language, pointing to the new one."""
    n = 0
    for old, new in redirects.items():
        for lang in LANGS:
            prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
            old_path = site / prefix / old / "index.html"
            if offline:
                old_path = site / prefix / (old.rstrip("/") + ".html")
            depth = (prefix + old).count("/") - (1 if offline else 0)
            target = "../" * depth + prefix + (new.rstrip("/") + ".html" if offline else new)
            old_path.parent.mkdir(parents=True, exist_ok=True)
            t = html.escape(target)
            old_path.write_text(
                f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{t}</title>'
                f'<link rel="canonical" href="{t}"><meta http-equiv="refresh" content="0; url={t}">'
                f'<meta name="robots" content="noindex"></head><body><a href="{t}">{t}</a></body></html>\n',
                encoding="utf-8")
            n += 1
    return n
