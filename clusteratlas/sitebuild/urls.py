"""Published URLs are a contract: once in urls/published.txt, a URL must keep working.

`make urls` adds the URLs of a new build to the list (it never removes one). A page that moves
gets a line in urls/redirects.yaml (old path: new path); the build writes a redirect page at
the old address, in both languages. tests/test_urls.py fails when a listed URL has neither.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..dataset.fields import ID_MAX
from ..errors import DataError, Problem
from ..i18n import DEFAULT_LANG, LANGS
from ..paths import VERSIONS_DIR
from ..yamlsource import read_yaml

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


# A redirect names a page of this site by its path: ids joined by '/', nothing else. No scheme
# (javascript:, https:), no '..', no query: the path is both a file name we write and a link.
_SITE_PATH = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*/?")


@dataclass(frozen=True)
class Redirect:
    old: str  # 'provinces/old-id/' (no language prefix)
    new: str
    line: int  # in urls/redirects.yaml, for messages


def load_redirects(path: Path) -> list[Redirect]:
    """The redirects of urls/redirects.yaml, each checked; raise DataError naming the line."""
    if not path.exists():
        return []
    display = f"{path.parent.name}/{path.name}"
    loc, problems = read_yaml(path, display, inside=path.parent)
    if loc is None:
        raise DataError(problems)
    value = loc.value if loc.value is not None else {}
    if not isinstance(value, dict):
        raise DataError([loc.problem((), "expected 'old/path/: new/path/' lines")])
    out = []
    for old, new in value.items():
        for what, v in (("old path", old), ("new path", new)):
            if not isinstance(v, str) or not _SITE_PATH.fullmatch(v.removeprefix("/")):
                problems.append(
                    loc.problem(
                        (old,),
                        f"{what} {ascii(v)} is not a path of this site",
                        "write a page path such as provinces/neimenggu/: lowercase ids joined by '/', "
                        "without /en/, a scheme (https:, javascript:) or '..'",
                    )
                )
                continue
            segments = v.strip("/").split("/")
            if segments[0] in LANGS:
                # Each redirect is written for both languages: en/… here would become /en/en/… (a 404).
                problems.append(
                    loc.problem(
                        (old,),
                        f"{what} {ascii(v)} starts with the language '{segments[0]}/'",
                        "write the path without a language prefix; both languages get the redirect",
                    )
                )
            if any(len(s) > ID_MAX for s in segments):
                problems.append(
                    loc.problem(
                        (old,),
                        f"{what} has a part longer than {ID_MAX} characters",
                        "ids are at most 64 characters (docs/dev/data.md); check for a pasted line",
                    )
                )
        if not problems and old.strip("/") == new.strip("/"):
            problems.append(loc.problem((old,), f"'{old}' redirects to itself", "remove the line"))
        if isinstance(new, str):
            out.append(Redirect(old.strip("/") + "/", new.strip("/") + "/", loc.line((old,))))
    if problems:
        raise DataError(problems)
    return out


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
        old, new = r.old, r.new
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
                encoding="utf-8",
            )
            n += 1
    return n
