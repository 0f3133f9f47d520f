"""urls/redirects.yaml: the pages that moved (old path: new path), read and checked like the data.
A published URL is a contract (urls/published.txt): a page that moves keeps a redirect at its old
address, in every language; sitebuild/urls.py writes those redirect pages after the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .dataset.fields import ID_MAX
from .errors import DataError
from .i18n import LANGS
from .yamlsource import read_yaml

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
