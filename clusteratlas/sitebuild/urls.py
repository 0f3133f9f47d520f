"""Published URLs are a contract: once in urls/published.txt, a URL must keep working.

`make urls` adds the URLs of a new build to the list (it never removes one). A page that moves
gets a line in urls/redirects.yaml (old path: new path); the build writes a redirect page at
the old address, in both languages. tests/test_urls.py fails when a listed URL has neither.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..errors import DataError, Problem
from ..i18n import LANGS, SUFFIX
from ..paths import VERSIONS_DIR, offline_path, site_path
from ..redirects import Redirect

SKIP = (
    "assets/",
    "search/",
    f"{VERSIONS_DIR}/",
)  # the frozen releases (releases/versions.py) are kept by their tags, not by this list


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


def page_of(path: str, lang: str) -> str:
    """A redirect's path as the docs path of a page in `lang`: ('provinces/old/', 'en') → 'provinces/old.en.md'."""
    return f"{path.rstrip('/')}{SUFFIX[lang]}.md"


def write_redirects(site: Path, redirects: list[Redirect], offline: bool = False) -> int:
    """A small HTML page at every old address, in every language, pointing to the new one."""

    def is_page(path: str) -> bool:  # served (folder/index.html) or offline (folder.html) form
        return (site / path / "index.html").is_file() or (site / (path.rstrip("/") + ".html")).is_file()

    problems = []
    for r in redirects:
        if not is_page(r.new):
            problems.append(
                Problem(
                    "urls/redirects.yaml",
                    r.line,
                    r.old,
                    f"the new path '{r.new}' is not a page of the built site",
                    "point the redirect at a page that exists (see urls/published.txt)",
                )
            )
        if is_page(r.old):
            problems.append(
                Problem(
                    "urls/redirects.yaml",
                    r.line,
                    r.old,
                    f"the old path '{r.old}' is still a page; a redirect would replace it",
                    "remove the line, or rename the page's id first",
                )
            )
    if problems:
        raise DataError(problems)
    n = 0
    for r in redirects:
        for lang in LANGS:
            # Where each address is served (directory URLs), or its file in the offline bundle.
            old, new = page_of(r.old, lang), page_of(r.new, lang)
            old_file = offline_path(old) if offline else site_path(old) + "index.html"
            target = "../" * old_file.count("/") + (offline_path(new) if offline else site_path(new))
            old_path = site / old_file
            old_path.parent.mkdir(parents=True, exist_ok=True)
            t = html.escape(target)
            old_path.write_text(
                f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{t}</title>'
                f'<link rel="canonical" href="{t}"><meta http-equiv="refresh" content="0; url={t}">'
                f'<meta name="robots" content="noindex"></head><body><a href="{t}">{t}</a></body></html>\n',
                encoding="utf-8",
            )
            n += 1
    return n
