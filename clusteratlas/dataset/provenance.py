"""Provenance: every citation can be checked by a reader.

A citation of the primary source carries `quote:` — the article's own words that the claim rests
on — and each quoted run must appear in the stored copy of the article: within the span of the
section the citation names (from that section's opening words, `starts:` in sources.yaml, to the
next section's), compared after width-only folding (full-width ASCII forms are their ASCII twins,
white space ignored: folding.fold). Never NFKC: it reads ⁴ as 4 and ⑥ as 6, so an altered figure
passed and was then shown as "the article's words". A quote shorter than MIN_QUOTE characters
proves nothing (「的」 is everywhere) and is refused. Every secondary source names the address
where its text was read.

The stored copy is not part of this repository (the site summarises the article, it does not
republish it): it lives in the shared sources folder beside the checkout, or wherever
CLUSTERATLAS_SOURCES_DIR points. Without it quotes cannot be verified: `check` and `build` say so,
and with CLUSTERATLAS_REQUIRE_QUOTES=1 (set by CI and Pages where the copy is present) that is an
error. A copy that is there but cannot be read (not a regular file, too large, not UTF-8) is a
located problem, never "not found".
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from ..errors import Problem
from ..saferead import read_text
from .folding import fold
from .load import Dataset

SOURCES_ENV = "CLUSTERATLAS_SOURCES_DIR"
REQUIRE_ENV = "CLUSTERATLAS_REQUIRE_QUOTES"
MIN_QUOTE = 4  # characters after folding (the shortest quote in data/ has 4: 江苏8个)
STORED_LIMIT = 2_000_000  # the stored article is 12 kB


def sources_dir(root: Path) -> Path:
    value = os.environ.get(SOURCES_ENV)
    return Path(value) if value else root.parent / "shared" / "sources"


def quotes_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def unverified_note(path: str) -> str:
    return (
        f"note: quotes not verified — the stored source text {path} was not found "
        f"(set {SOURCES_ENV} to the folder that holds it; {REQUIRE_ENV}=1 makes this an error)"
    )


def citation_places(ds: Dataset):
    """Every `sources:` entry outside sources.yaml: (file, parts, the citation as written)."""
    for file, loc in ds.located.items():
        if file == "sources.yaml":
            continue
        for parts in loc.lines:
            if len(parts) >= 2 and isinstance(parts[-1], int) and str(parts[-2]).endswith("sources"):
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
        self.spans: dict[tuple[str, str], tuple[int, int]] = {}  # (source, section) → its span of the text

    def at(self, file: str, parts: tuple, message: str, hint: str = "") -> None:
        self.problems.append(self.ds.located[file].problem(parts, message, hint))

    def stored(self, source) -> str | None:
        """The source's stored copy, folded; None when it is missing (noted) or unreadable (a problem)."""
        if source.id not in self.texts:
            path = self.folder / source.stored_copy
            text = None
            if not (path.exists() or path.is_symlink()):
                self.unverified.append(str(path))
            else:
                text, errs = read_text(
                    path,
                    str(path),
                    limit=STORED_LIMIT,
                    kind="stored copy of a source",
                    fix=f"put the source's text, as UTF-8, at {path}",
                )
                self.problems.extend(errs)
            self.texts[source.id] = fold(text) if text is not None else None
            if text is not None:
                self._find_sections(source, self.texts[source.id])
        return self.texts[source.id]

    def _find_sections(self, source, text: str) -> None:
        """Each section's span: from its opening words to the next section's in the text."""
        i = next(i for i, s in enumerate(self.ds.sources) if s.id == source.id)
        starts = []
        for j, section in enumerate(source.sections):
            if section.starts is None:
                self.at(
                    "sources.yaml",
                    (i, "sections", j, "id"),
                    f"section '{section.id}' has no starts:",
                    "give the words that open the section in the stored copy (quotes are looked up after them)",
                )
                continue
            words = fold(section.starts)
            found = text.count(words)
            if found != 1:
                self.at(
                    "sources.yaml",
                    (i, "sections", j, "starts"),
                    f"the opening words of section '{section.id}' are {'not' if not found else f'{found} times'} "
                    f"in the stored copy",
                    "copy the words that open the section, enough of them to occur once",
                )
                continue
            starts.append((text.index(words), section.id))
        starts.sort()
        for k, (at, sid) in enumerate(starts):
            self.spans[(source.id, sid)] = (at, starts[k + 1][0] if k + 1 < len(starts) else len(text))

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
                self.quote(s, q.zh, "sources.yaml", (i, "summary_quote", j, "zh"), None)
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
                    self.quote(source, q["zh"], file, parts + ("quote", j, "zh"), cite.get("section"))
        return self

    def quote(self, source, words: str, file: str, parts: tuple, section: str | None) -> None:
        wanted = fold(words)
        if len(wanted) < MIN_QUOTE:
            self.at(
                file,
                parts,
                f"a quote of {len(wanted)} character(s) proves nothing",
                f"quote at least {MIN_QUOTE} characters: the words the claim rests on",
            )
            return
        if source.stored_copy is None:
            return
        text = self.stored(source)
        if text is None:
            return
        start, end = self.spans.get((source.id, section), (0, len(text))) if section else (0, len(text))
        if wanted in text[start:end]:
            return
        if wanted in text:
            self.at(
                file,
                parts,
                f"the quote is in the stored copy of '{source.id}', but not in its section '{section}'",
                "cite the section the words are in, or quote the words of the cited section",
            )
            return
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
    checked = Provenance(ds, sources_dir(root)).run()
    if quotes_required():
        for path in checked.unverified:
            checked.problems.append(
                Problem(
                    path,
                    0,
                    "",
                    f"is not there, and {REQUIRE_ENV} is set: quotes of the article cannot go unverified",
                    f"put the stored copy there, or point {SOURCES_ENV} at the folder that holds it",
                )
            )
    return checked
