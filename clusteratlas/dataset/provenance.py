"""Provenance: every citation can be checked by a reader.

A citation of the primary source carries `quote:` — the article's own words that the claim rests
on — and each quoted run must appear in the stored copy of the article, exactly (after Unicode
NFKC, which makes the copy's ASCII commas and parentheses equal to full-width ones, and with
white space ignored). Every secondary source names the address where its text was read.

The stored copy is not part of this repository (the site summarises the article, it does not
republish it): it lives in the shared sources folder beside the checkout, or wherever
CLUSTERATLAS_SOURCES_DIR points. Without it quotes cannot be verified; `check` says so.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

from ..errors import Problem
from .load import Dataset

SOURCES_ENV = "CLUSTERATLAS_SOURCES_DIR"
_SPACE = re.compile(r"\s+")


def sources_dir(root: Path) -> Path:
    value = os.environ.get(SOURCES_ENV)
    return Path(value) if value else root.parent / "shared" / "sources"


def normalise(text: str) -> str:
    """The form in which a quote and the stored copy are compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def citation_places(ds: Dataset):
    """Every `sources:` entry outside sources.yaml: (file, parts, the citation as written)."""
    for file, loc in ds.located.items():
        if file == "sources.yaml":
            continue
        for parts in loc.lines:
            if len(parts) >= 2 and isinstance(parts[-1], int) and parts[-2] == "sources":
                value = loc.value
                for p in parts:
                    value = value[p]
                if isinstance(value, dict):
                    yield file, parts, value


class Provenance:
    """Checks quotes against stored copies and addresses on sources; `unverified` names the
    stored copies that were not found (their quotes were not checked)."""

    def __init__(self, ds: Dataset, folder: Path):
        self.ds, self.folder = ds, folder
        self.problems: list[Problem] = []
        self.unverified: list[str] = []
        self.texts: dict[str, str | None] = {}

    def at(self, file: str, parts: tuple, message: str, hint: str = "") -> None:
        self.problems.append(self.ds.located[file].problem(parts, message, hint))

    def stored(self, source) -> str | None:
        if source.id not in self.texts:
            path = self.folder / source.stored_copy
            try:
                self.texts[source.id] = normalise(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self.texts[source.id] = None
                self.unverified.append(str(path))
        return self.texts[source.id]

    def run(self) -> Provenance:
        sources = {s.id: s for s in self.ds.sources}
        for i, s in enumerate(self.ds.sources):
            # Later reports must be checkable; a reference such as the official list of divisions
            # may be standard knowledge with no single page (About says which have none).
            if s.kind == "secondary" and s.url is None:
                self.at(
                    "sources.yaml",
                    (i, "id"),
                    f"source '{s.id}' has no url:",
                    "give the address where its text can be read (url:), and url_is_copy: true if it is a repost",
                )
            if s.kind == "primary" and s.stored_copy is None:
                self.at(
                    "sources.yaml",
                    (i, "id"),
                    f"the primary source '{s.id}' has no stored_copy:",
                    "name the file of its stored text, which quotes are checked against",
                )
            if s.kind == "primary" and s.summary and not s.summary_quote:
                self.at(
                    "sources.yaml",
                    (i, "summary"),
                    "the summary of the primary source needs summary_quote:",
                    "quote the article's own words that the summary rests on",
                )
            for j, q in enumerate(s.summary_quote):
                self.quote(s, q.zh, "sources.yaml", (i, "summary_quote", j, "zh"))
        for file, parts, cite in citation_places(self.ds):
            source = sources.get(cite.get("source"))
            if source is None:
                continue  # an unknown source is reported by validate
            quotes = cite.get("quote") or []
            if source.kind == "primary" and not quotes:
                self.at(
                    file,
                    parts,
                    f"this citation of '{source.id}' has no quote:",
                    "add quote: [{zh: <the article's exact words>, en: <their translation>}] — "
                    "the words the claim rests on",
                )
            for j, q in enumerate(quotes):
                if isinstance(q, dict) and isinstance(q.get("zh"), str):
                    self.quote(source, q["zh"], file, parts + ("quote", j, "zh"))
        return self

    def quote(self, source, words: str, file: str, parts: tuple) -> None:
        if source.stored_copy is None:
            return
        text = self.stored(source)
        if text is None:
            return
        wanted = normalise(words)
        if wanted and wanted not in text:
            self.at(
                file,
                parts,
                f"the quote is not in the stored copy of '{source.id}'",
                f"copy the words exactly; the closest passage is “{closest(text, wanted)}”",
            )


def closest(text: str, wanted: str) -> str:
    """The passage of `text` most like `wanted`, as long as it: anchored on their longest common run."""
    m = difflib.SequenceMatcher(None, text, wanted, autojunk=False).find_longest_match(0, len(text), 0, len(wanted))
    start = max(0, m.a - m.b)
    return text[start : start + len(wanted)]


def provenance(ds: Dataset, root: Path) -> Provenance:
    return Provenance(ds, sources_dir(root)).run()
