"""The offline bundle's pages and files made while MkDocs is still building, on the core it
leaves idle: each page derived for file:// (offline.py) as soon as MkDocs has written it — MkDocs
names each file it writes (engine/mkdocs_child.announce_writes) —, and every file of the bundle
deflated for the zip (bundle.ZipStream). An edit's build waited 1.3 s (×1) and 7.5 s (×10) for
this after MkDocs; BENCHMARKS.md, "The edit's critical path".

Nothing here is trusted: derive_offline and the zip take what was made ahead only where it is
provably what they would make themselves, and make the rest (see Ahead).
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from .. import safefs
from ..i18n import DEFAULT_LANG, LANGS, SUFFIX
from ..paths import lang_of, lang_of_location, lang_root
from .bundle import deflate, stored
from .offline import Deriver, left_out, redirects_and_moved, rewritten, worker_deriver, worker_pool, write_text
from .postbuild import finished_page, page_titles


class Ahead:
    """The bundle's pages derived while MkDocs is still building: each page as soon as MkDocs has
    written it (engine/mkdocs_child.announce_writes), on a core MkDocs leaves idle, at low priority;
    and every file of the bundle deflated meanwhile for the zip (bundle.ZipStream's `deflated`).

    Ahead of time neither the page's final form nor the site's page addresses are known: the page
    is finished here as finish_site will finish it (postbuild.finished_page), and its links resolved
    with the addresses docs/ predicts (_predicted_pages). derive_offline takes a page derived ahead
    only if the final page has the very bytes derived from, and every address looked up is the
    site's own; the zip takes bytes deflated ahead only for the very bytes it zips. What was
    guessed wrong is done again, so the bundle never depends on a guess."""

    def __init__(self, site: Path, out: Path, root: Path, site_url: str | None):
        safefs.remove(out)  # a link at site.offline is removed, never followed
        self.site, self.out, self.root = site, out, root
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.pool, self.futures = None, {}  # a page's online name → its future
        self.offline_names: set[str] = set()  # the pages' files it writes into `out`
        self.deflating: dict[str, object] = {}  # a file's name in the bundle → the future deflating it
        self.languages: set[str] = set()  # those whose static files are being deflated

    def start(self) -> None:
        """Once docs/ is generated, before MkDocs builds: the predicted addresses, the workers."""
        _, self.moved = redirects_and_moved(self.root)
        self.pages = _predicted_pages(self.root / "docs", self.moved)
        derive = Deriver(self.pages, urlsplit(self.site_url or "/").path or "/", self.site_url, self.root)
        self.titles = page_titles(derive.cat)
        # One worker, at the lowest priority: MkDocs, on the critical path, keeps a core to itself
        # and the cards drawn beside it come first. Two workers at nice 10 slowed MkDocs by ~10%
        # at ×10 (36.4 → 40.0 s over three edits; a niced process still gets ~10% of a shared core).
        self.pool = worker_pool(derive, nice=19, workers=1)
        self.pool.submit(int).result()  # the workers forked now, from this thread, not from the listener's

    def page_written(self, path: Path) -> None:
        """Called on the thread that listens to MkDocs, for each HTML file once it is written."""
        try:
            rel = path.relative_to(self.site).as_posix()
        except ValueError:
            return
        if self.pool is None:
            return
        try:
            lang = lang_of_location(rel)
            if lang not in self.languages:
                # A language's first page: MkDocs has copied its static files (it copies them first).
                self.languages.add(lang)
                self._deflate_static(lang)
            folder = posixpath.dirname(rel)
            if rel.endswith("index.html") and folder in self.pages and not left_out(rel, self.moved):
                offline = self.pages[folder]
                self.offline_names.add(offline)
                # Read here, at once: the worker may come to it only once finish_site has changed it.
                page = (path, path.read_bytes())
                future = self.pool.submit(_derive_ahead, page, self.site, self.out, rel, offline, self.titles)
                self.futures[rel] = self.deflating[offline] = future
        except (RuntimeError, OSError):  # the pool is shut down (the build is over), the page gone: no guess
            pass

    def _deflate_static(self, lang: str) -> None:
        """A language's files that the bundle holds as they are, deflated in batches of ~1 MB."""
        top = self.site / lang_root(lang)
        others = tuple(lang_root(other) for other in LANGS if other != lang and lang_root(other))
        batch, size = [], 0
        for path in sorted(top.rglob("*")) if top.is_dir() else []:
            rel = path.relative_to(self.site).as_posix()
            if (
                (lang == DEFAULT_LANG and rel.startswith(others))
                or rel.endswith(".html")
                or left_out(rel, self.moved)
                or rewritten(rel)
                or stored(rel)
                or not path.is_file()
            ):
                continue
            batch.append((rel, path))
            size += path.stat().st_size
            if size > 1 << 20:
                self._submit_static(batch)
                batch, size = [], 0
        self._submit_static(batch)

    def _submit_static(self, batch: list) -> None:
        if batch:
            future = self.pool.submit(_deflate_files, batch)
            for rel, _ in batch:
                self.deflating[rel] = future

    def derived(self, path: Path, rel: str, pages: dict[str, str]) -> bool:
        """Whether `rel`'s offline file, derived ahead, is what derive_offline would write now."""
        future = self.futures.get(rel)
        try:
            result = future.result() if future is not None else None
        except Exception:  # noqa: BLE001  a worker lost (killed, out of memory): derived again
            return False
        if result is None:
            return False
        digest, seen, _ = result
        return all(pages.get(key) == value for key, value in seen.items()) and _digest(path.read_bytes()) == digest

    def deflated(self, name: str, data: bytes) -> bytes | None:
        """`data` deflated ahead, if it was (bundle.ZipStream calls this for each entry)."""
        future = self.deflating.get(name)
        try:
            result = future.result() if future is not None else None
        except Exception:  # noqa: BLE001  a worker lost: the zip deflates it itself
            return None
        entry = result[2].get(name) if result is not None else None
        return entry[1] if entry is not None and entry[0] == _digest(data) else None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _derive_ahead(page: tuple[Path, bytes], site: Path, out: Path, rel: str, offline: str, titles: dict):
    """In a worker: the page finished, derived and deflated; the digest of what it was derived from,
    the addresses looked up, and the offline page's digest and deflated bytes — or None if that
    failed (the page is derived again from the final site, where a real error is reported)."""
    deriver = worker_deriver()
    try:
        path, data = page
        html = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads it
        # MkDocs writes one search index for all languages (static-i18n's): `combined`.
        html = finished_page(html, site, path, combined=True, offline=False, titles=titles)
        deriver.seen = {posixpath.dirname(rel): offline}
        text = deriver.page(html, rel, offline)
        write_text(out / offline, text)
        data = text.encode("utf-8")
        return _digest(html.encode("utf-8")), deriver.seen, {offline: (_digest(data), deflate(data))}
    except Exception:  # noqa: BLE001  a guess, not the build: see Ahead
        return None
    finally:
        deriver.seen = None


def _deflate_files(batch: list[tuple[str, Path]]):
    """In a worker: each file's digest and deflated bytes, by its name (a file that cannot be read
    is left out: the zip reads it itself, and reports it)."""
    deflated = {}
    for rel, path in batch:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        deflated[rel] = (_digest(data), deflate(data))
    return None, None, deflated


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _predicted_pages(docs: Path, moved: set[str]) -> dict[str, str]:
    """_pages as docs/ predicts it before MkDocs has built: each Markdown file's folder in every
    language (static-i18n falls back to the default's). A guess: Ahead checks it page by page."""
    pages = {}
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).as_posix()
        stem = rel[: -len(f"{SUFFIX[lang_of(rel)]}.md")]
        for lang in LANGS:
            if posixpath.basename(stem) == "index":
                folder = (lang_root(lang) + posixpath.dirname(stem)).rstrip("/")
                offline = posixpath.join(folder, "index.html")
            else:
                folder = lang_root(lang) + stem
                offline = folder + ".html"
            if posixpath.join(folder, "index.html") not in moved:
                pages[folder] = offline
    return pages
