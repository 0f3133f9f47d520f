"""The environment variables that change what the build writes, read and checked in one place.

CLUSTERATLAS_SITE_URL lands in every page's canonical link, Open Graph tags and citations, and
SOURCE_DATE_EPOCH in every citation's date: a value that is not what it should be is refused
with a message naming the variable, never passed on to the HTML or left to a traceback.
"""
from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from .errors import DataError, Problem

SITE_URL = "CLUSTERATLAS_SITE_URL"
EPOCH = "SOURCE_DATE_EPOCH"
# Characters a published address needs; nothing that could close an HTML attribute or tag.
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/%-]+")
_MAX_EPOCH = 253402300799   # 9999-12-31T23:59:59Z, the last second datetime can show


def _problem(var: str, message: str, hint: str) -> Problem:
    return Problem(f"environment {var}", 0, "", message, hint)


def site_url_problems(value: str | None) -> list[Problem]:
    if not value:
        return []
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or not _URL_CHARS.fullmatch(value) \
            or parts.query or parts.fragment or parts.username or parts.password:
        return [_problem(SITE_URL, f"{value!r} is not a published web address",
                         "set it to the site's address, e.g. https://example.github.io/cluster-atlas/ "
                         "(http or https, no quotes, spaces, query or fragment), or unset it for a local build")]
    return []


def epoch_problems(value: str | None) -> list[Problem]:
    if value is None or value == "":
        return []
    if not re.fullmatch(r"[0-9]+", value) or int(value) > _MAX_EPOCH:
        return [_problem(EPOCH, f"{value!r} is not a Unix time",
                         "set it to whole seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct), or unset it")]
    return []


def check_environment(environ=os.environ) -> None:
    problems = site_url_problems(environ.get(SITE_URL)) + epoch_problems(environ.get(EPOCH))
    if problems:
        raise DataError(problems)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an int (checked), or None when unset."""
    value = os.environ.get(EPOCH)
    check_environment({EPOCH: value})
    return int(value) if value else None
