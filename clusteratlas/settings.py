"""The environment variables that change what the build writes, read and checked in one place,
and what every build is stamped with: its date (SOURCE_DATE_EPOCH or today) and the version.

CLUSTERATLAS_SITE_URL lands in every page's canonical link, Open Graph tags and citations, and
SOURCE_DATE_EPOCH in every citation's date: a value that is not what it should be is refused
with a message naming the variable, never passed on to the HTML or left to a traceback.
"""

from __future__ import annotations

import datetime
import os
import re
import tomllib
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path
from urllib.parse import urlsplit

from .errors import DataError, Problem
from .paths import ROOT

SITE_URL = "CLUSTERATLAS_SITE_URL"
EPOCH = "SOURCE_DATE_EPOCH"
ENVIRONMENT = (SITE_URL, EPOCH)  # the variables that change what a build writes (buildstate keys on them)
# Characters a published address needs; nothing that could close an HTML attribute or tag.
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/%-]+")
# The build's dates land in gzip headers (seconds as 32 bits: up to 2106-02-07) and zip entries
# (years 1980–2107): a SOURCE_DATE_EPOCH outside both would crash the offline bundle.
_MIN_EPOCH = 315532800  # 1980-01-01T00:00:00Z
_MAX_EPOCH = 4294967295  # 2106-02-07T06:28:15Z
# One host name: labels of letters, digits and hyphens, joined by dots.
_HOST = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def _problem(var: str, message: str, hint: str) -> Problem:
    return Problem(f"environment {var}", 0, "", message, hint)


def site_url_problems(value: str | None) -> list[Problem]:
    """One rule for the site's address, shared by everything that builds a link from it: http(s),
    one host, an optional valid port, a path without '//' (a path starting '//evil.example/' is
    another host to a browser), no query, fragment or credentials."""
    if not value:
        return []
    hint = (
        "set it to the site's address, e.g. https://example.github.io/cluster-atlas/ "
        "(http or https, one host, no quotes, spaces, query or fragment), or unset it for a local build"
    )
    if not _URL_CHARS.fullmatch(value):
        return [_problem(SITE_URL, f"{ascii(value)} is not a published web address", hint)]
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        return [_problem(SITE_URL, f"{ascii(value)} has a port that does not exist (1–65535)", hint)]
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not _HOST.fullmatch(parts.hostname)
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
        or port == 0
    ):
        return [_problem(SITE_URL, f"{ascii(value)} is not a published web address", hint)]
    if "//" in parts.path:
        return [
            _problem(
                SITE_URL, f"{ascii(value)} has '//' in its path: a browser reads what follows as another host", hint
            )
        ]
    return []


def epoch_problems(value: str | None) -> list[Problem]:
    if value is None or value == "":
        return []
    if not re.fullmatch(r"[0-9]{1,12}", value):
        return [
            _problem(
                EPOCH,
                f"{ascii(value[:40])} is not a Unix time",
                "set it to whole seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct), or unset it",
            )
        ]
    if not _MIN_EPOCH <= int(value) <= _MAX_EPOCH:
        return [
            _problem(
                EPOCH,
                f"{value} is outside 1980-01-01 … 2106-02-07, the dates zip and gzip files can hold",
                "set it to the time of the last commit: $(git log -1 --format=%ct), or unset it",
            )
        ]
    return []


def check_environment(environ=os.environ) -> None:
    problems = site_url_problems(environ.get(SITE_URL)) + epoch_problems(environ.get(EPOCH))
    if problems:
        raise DataError(problems)


def site_url() -> str | None:
    """CLUSTERATLAS_SITE_URL, or None when unset or empty (checked with the data by check_environment)."""
    return os.environ.get(SITE_URL) or None


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an int (checked), or None when unset."""
    value = os.environ.get(EPOCH)
    check_environment({EPOCH: value})
    return int(value) if value else None


def build_date() -> datetime.date:
    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.datetime.fromtimestamp(epoch, datetime.UTC).date()
    return datetime.date.today()


def project_version(root: Path | None = None) -> str:
    """The version in the project's pyproject.toml (a copy built by tests, or a release's checkout,
    has its own), else the installed package's."""
    pyproject = (root or ROOT) / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as f:
            return tomllib.load(f)["project"]["version"]
    return package_version("cluster-atlas")


@dataclass(frozen=True)
class Settings:
    """What the environment and the project decide about every page: the site's address, the
    build's date and the version. Read once per build (`read_settings`) and carried with the
    checked data to every stage; no page function reads the environment."""

    site_url: str | None  # CLUSTERATLAS_SITE_URL, or None for a local build
    today: datetime.date  # SOURCE_DATE_EPOCH's day, or today's
    version: str  # pyproject.toml's

    @property
    def day(self) -> str:
        return self.today.isoformat()


def read_settings(root: Path | None = None) -> Settings:
    """The settings of a build of the project at `root` (the environment checked first)."""
    check_environment()
    return Settings(site_url(), build_date(), project_version(root))
