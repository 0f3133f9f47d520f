"""The offline bundle, derived from the built site instead of built a second time.

A second `mkdocs build` with Material's offline plugin (CLUSTERATLAS_OFFLINE=true) renders every
page again only to change where pages live and how they are linked: no directory URLs
('provinces/jiangsu/' is the file 'provinces/jiangsu.html', a section's page stays
'provinces/index.html'), so every relative address in a page moves with it. On two cores that second
build doubled the engine's time. Here the built site is read once and zipped in its offline form
(only what differs is written, into a scratch folder): every page's URL attributes are re-pointed
(found with the standard library's HTML tokenizer, never a pattern over the markup), the search
indexes' locations likewise, then what finish_site(offline=True) does differently is applied with
the same functions (postbuild.py).

The result is the offline MkDocs build's, byte for byte (tests/test_one_build.py compares the
bundle with a plain `CLUSTERATLAS_OFFLINE=true mkdocs build`); `mkdocs build` with that variable
still works and stays the reference.

In `clusteratlas build` most pages come already derived, made while MkDocs was still writing the
site (ahead.py); derive_offline checks each and derives here what it cannot take.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import signal
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlsplit

from .. import safefs
from ..errors import BuildFailed
from ..i18n import DEFAULT_LANG, LANGS, SUFFIX, Catalog
from ..paths import CARD_DIR, EMBED_DIR, lang_of_location, lang_root
from ..redirects import load_redirects
from .htmlfix import drop_embed_offers, drop_feed_link, fix_404_language_links
from .notfound import notfound_block
from .postbuild import OFFLINE_POLYFILLS
from .search import language_base
from .urls import page_of, site_path, write_redirects

# Material renders its `libs` block (extra.polyfills, one <script> a line) into this run of blank
# lines after the main stylesheet: empty on the website, the polyfill's line in the offline build.
_LIBS_BEFORE = "\n      \n      \n\n\n    \n    \n      \n"
_LIBS_AFTER = "    \n    \n      \n    \n    \n      "
_URL_ATTRS = ("href", "src", "srcset")


def derive_offline(site: Path, out: Path, root: Path, site_url: str | None, ready, ahead=None) -> int:
    """The offline form of the finished online `site`, handed to `ready` (the zip, written
    meanwhile: bundle.ZipStream) in batches sorted by name, each as soon as it is final: first the
    files that are the same offline, as (name, their file in `site`) — not copied: at ×10 the
    copies were ~4,900 files written, read back and removed —, then the derived files, written
    into `out` (removed first) and named: the search indexes and sitemap, the pages chunk by chunk,
    then the 404 page and the redirect pages. A page `ahead` (ahead.Ahead, which imports this
    module) derived while MkDocs built, from what the page is now and with the addresses it has
    now, is taken as it is. Returns how many were."""
    announced: set[str] = set()

    def done(items) -> None:
        batch = sorted((item for item in items if _name(item) not in announced), key=_name)
        announced.update(_name(item) for item in batch)
        if batch:
            ready(batch)

    site_url = site_url.rstrip("/") + "/" if site_url else None  # as MkDocs writes it
    base = urlsplit(site_url or "/").path or "/"
    if ahead is None:
        safefs.remove(out)  # a link at site.offline is removed, never followed (rmtree would write into its target)
    redirects, moved = redirects_and_moved(root)
    pages = _pages(site, root / "docs", moved)
    derive = Deriver(pages, base, site_url, root)
    # The pages are tokenized on every core while this process walks the rest, in chunks handed to
    # the zip in the walk's order as they come back (the same order in every build: the same bytes,
    # whichever pages were derived ahead).
    pool = None
    chunks, chunk = [], []  # (future or None, its offline files)
    made = []  # what this process hands on: the files the same offline (name, source), the indexes, the sitemap
    taken = 0

    def send() -> None:
        nonlocal pool, taken
        if not chunk:
            return
        left = [job for job in chunk if ahead is None or not ahead.derived(job[0], job[2], pages)]
        taken += len(chunk) - len(left)
        future = None
        if left:
            if pool is None:  # forked once needed: an edit's build has only the 404 page left
                pool = worker_pool(derive)
            future = pool.submit(_derive_pages, left)
        chunks.append((future, [job[3] for job in chunk if job[2] != "404.html"]))
        chunk.clear()

    try:
        for path in sorted(site.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(site).as_posix()
            if left_out(rel, moved):  # cards and embeds serve other sites over the web
                continue
            if rel.endswith("index.html") and posixpath.dirname(rel) in pages:
                chunk.append((path, out, rel, pages[posixpath.dirname(rel)]))
            elif rel == "404.html":
                chunk.append((path, out, rel, rel))
            elif posixpath.basename(rel) == "search_index.json":
                data = derive.search_index(path.read_text(encoding="utf-8"), lang_of_location(rel))
                write_text(out / rel, data)
                write_text(out / rel.replace(".json", ".js"), f"var __index = {data}")
                made += [rel, rel.replace(".json", ".js")]
            elif posixpath.basename(rel) == "search_index.js":
                continue  # written with its .json
            elif rel == "sitemap.xml":
                sitemap = derive.sitemap(path.read_text(encoding="utf-8"))
                write_text(out / rel, sitemap)
                _gzip(site / "sitemap.xml.gz", out / "sitemap.xml.gz", sitemap)
                made += [rel, "sitemap.xml.gz"]
            elif rel == "sitemap.xml.gz":
                continue  # written with sitemap.xml
            else:
                made.append((rel, path))  # the same offline: zipped from the site itself
            if len(chunk) == _CHUNK:
                send()
        send()
        done(made)  # then each chunk of pages as it is done
        for future, offline in chunks:
            if future is not None:
                future.result()  # a worker's error is raised here
            done(offline)  # the 404 page is changed below
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    for name in ahead.offline_names - announced if ahead else ():
        (out / name).unlink(missing_ok=True)  # derived ahead under an address guessed wrong: not the site's
    fix_404_language_links(out, offline=True, base=base)
    write_redirects(out, redirects, offline=True)
    done(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())  # the 404 page, redirects
    return taken


def worker_pool(derive: Deriver, nice: int = 0, workers: int | None = None) -> ProcessPoolExecutor:
    # Forked: the workers inherit `derive` (its addresses, the catalog) instead of unpickling it.
    return ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1,
        mp_context=get_context("fork"),
        initializer=_start_worker,
        initargs=(derive, nice),
    )


def _start_worker(derive: Deriver, nice: int) -> None:
    global _DERIVER
    _DERIVER = derive
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: it shuts the pool down
    if nice:
        os.nice(nice)


def redirects_and_moved(root: Path):
    """The redirects, and the online pages they put where a page was: not the site's pages (the
    offline redirect pages are written by write_redirects)."""
    redirects = load_redirects(root / "urls" / "redirects.yaml")
    return redirects, {site_path(page_of(r.old, lang)) + "index.html" for r in redirects for lang in LANGS}


_NOT_BUNDLED = tuple(lang_root(lang) + folder + "/" for lang in LANGS for folder in (CARD_DIR, EMBED_DIR))


def left_out(rel: str, moved: set[str]) -> bool:
    """Not in the bundle: cards and embeds (they serve other sites over the web), the online
    redirect pages (written again, offline)."""
    return rel.startswith(_NOT_BUNDLED) or rel in moved


_CHUNK = 8  # pages per task: few enough round trips, small enough to keep both cores busy to the end


_DERIVER = None  # a worker's: set by _start_worker


def worker_deriver() -> Deriver:
    """In a worker of worker_pool: the Deriver it was started with."""
    return _DERIVER


def rewritten(rel: str) -> bool:
    """The files other than pages that derive_offline writes in an offline form of their own."""
    return posixpath.basename(rel) in ("search_index.json", "search_index.js") or rel in (
        "sitemap.xml",
        "sitemap.xml.gz",
    )


def _name(item) -> str:
    return item[0] if isinstance(item, tuple) else item


def _derive_pages(jobs: list[tuple[Path, Path, str, str]]) -> None:
    for path, out, online, offline in jobs:
        write_text(out / offline, _DERIVER.page(path.read_text(encoding="utf-8"), online, offline))


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _gzip(online: Path, dest: Path, text: str) -> None:
    # MkDocs gzips the sitemap with the build's timestamp in the header: keep the online one's.
    mtime = int.from_bytes(online.read_bytes()[4:8], "little") if online.is_file() else 0
    with open(dest, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(dest), mode="wb", mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))


def _pages(site: Path, docs: Path, moved: set[str]) -> dict[str, str]:
    """Every page's online folder ('en/provinces/jiangsu', '' for the home page) → its offline file
    ('en/provinces/jiangsu.html'). A folder is a page when docs/ holds its Markdown (in either
    language: static-i18n falls back to the default's); it is a section's page, staying
    '<folder>/index.html', when that Markdown is an index.md."""
    pages = {}
    for index in site.rglob("index.html"):
        rel = index.relative_to(site).as_posix()
        if rel in moved:
            continue
        folder = posixpath.dirname(rel)
        stem = folder[len(lang_root(lang_of_location(folder + "/"))) :]
        sources = lambda stem: [docs / f"{stem}{SUFFIX[lang]}.md" for lang in LANGS]  # noqa: E731
        if any(p.is_file() for p in sources(posixpath.join(stem, "index"))):
            pages[folder] = rel
        elif stem and any(p.is_file() for p in sources(stem)):
            pages[folder] = folder + ".html"
    return pages


class _Tags(HTMLParser):
    """The start tags of a document with their place in it, and the text of each <script> and
    <loc> element (the tokenizer knows where <script> text ends, comments and all)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.tags, self.bodies = text, [], []
        self._lines = [0]
        at = text.find("\n")
        while at >= 0:
            self._lines.append(at + 1)
            at = text.find("\n", at + 1)
        self._open = None
        self.feed(text)
        self.close()

    def _at(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self._at()
        raw = self.get_starttag_text()
        self.tags.append((start, raw, tag, dict(attrs)))
        self._open = (tag, start + len(raw), dict(attrs)) if tag in ("script", "loc") else None

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if self._open and self._open[0] == tag:
            self.bodies.append((tag, self._open[1], self._at(), self._open[2]))
        self._open = None


def _attribute_values(raw: str):
    """(start, end, name) of each quoted or bare attribute value in a start tag's source, by the
    HTML tokenizer's rules (a tiny state machine: the tag was delimited by html.parser)."""
    i, n = raw.index(" ") if " " in raw else len(raw), len(raw)
    while i < n:
        while i < n and raw[i] in " \t\n\r\f/":
            i += 1
        if i >= n or raw[i] == ">":
            return
        name_start = i
        while i < n and raw[i] not in " \t\n\r\f/>=":
            i += 1
        name = raw[name_start:i].lower()
        while i < n and raw[i] in " \t\n\r\f":
            i += 1
        if i >= n or raw[i] != "=":
            continue
        i += 1
        while i < n and raw[i] in " \t\n\r\f":
            i += 1
        if i < n and raw[i] in "\"'":
            end = raw.index(raw[i], i + 1)
            yield i + 1, end, name
            i = end + 1
        else:
            start = i
            while i < n and raw[i] not in " \t\n\r\f>":
                i += 1
            yield start, i, name


class Deriver:
    def __init__(self, pages: dict[str, str], base: str, site_url: str | None, root: Path):
        self.pages, self.base, self.site_url = pages, base, site_url
        self.cat = Catalog.load(root / "templates" / "strings.yaml")
        self.seen: dict[str, str | None] | None = None  # the addresses looked up, while deriving ahead

    # --- addresses -------------------------------------------------------------------------------

    def _target(self, path: str) -> str:
        """A site-relative address, normalised ('provinces/jiangsu', 'assets/x.svg', '' for the
        root) → its file in the bundle ('provinces/jiangsu.html'); a file's address is its file."""
        key = (path.removesuffix("index.html") if posixpath.basename(path) == "index.html" else path).rstrip("/")
        target = self.pages.get(key)
        if self.seen is not None:
            self.seen[key] = target
        return path if target is None else target

    def url(self, url: str, online: str, offline: str, relative: bool = False) -> str:
        """A link written in the online page `online`, for the offline page `offline`. A root-absolute
        link stays so (the 404 page's), unless `relative`."""
        parts = urlsplit(url)
        # Elsewhere, or an anchor of this page. Absolute addresses of this site in the text (a
        # citation's) are left as MkDocs leaves them; only canonical ones change (self.canonical).
        if parts.scheme or parts.netloc or not parts.path:
            return url
        tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        absolute = parts.path.startswith("/")
        if absolute and not parts.path.startswith(self.base):
            return url
        path = parts.path[len(self.base) :] if absolute else posixpath.join(posixpath.dirname(online), parts.path)
        path = posixpath.normpath(path or ".")
        if path == ".." or path.startswith("../"):  # outside the site: nothing MkDocs would touch
            return url
        target = self._target("" if path == "." else path)
        if absolute and not relative:
            return self.base + target + tail
        return posixpath.relpath(target or ".", posixpath.dirname(offline) or ".") + tail

    def canonical(self, url: str) -> str:
        """An absolute address of a page of this site (canonical link, og:url, sitemap)."""
        if not self.site_url or not url.startswith(self.site_url):
            return url
        parts = urlsplit(url[len(self.site_url) :])
        return self.site_url + self._target(parts.path) + (f"#{parts.fragment}" if parts.fragment else "")

    def _root(self, offline: str) -> str:
        """Material's base (its `base_url`): the site's root from the offline page, '..' or '.'."""
        return posixpath.relpath(".", posixpath.dirname(offline) or ".")

    # --- documents ------------------------------------------------------------------------------

    def page(self, html: str, online: str, offline: str) -> str:
        html = drop_feed_link(drop_embed_offers(html))  # finish_site(offline=True): no embeds, no feed
        if online == "404.html":
            block = notfound_block(self.cat, self.base, offline=False)
            if block not in html:
                raise BuildFailed("offline bundle: the 404 page's texts were not found as finish_site wrote them")
            html = html.replace(block, notfound_block(self.cat, self.base, offline=True), 1)
        doc = _Tags(html)
        edits = []
        for start, raw, tag, attrs in doc.tags:
            canonical = (tag == "link" and attrs.get("rel") == "canonical") or (
                tag == "meta" and attrs.get("property") == "og:url"
            )
            # static-i18n's language switch: on a home page the website's links are its root-absolute
            # defaults ("/en/"), the offline build's the pages' own, relative ("en/index.html").
            if not canonical and attrs.keys().isdisjoint(_URL_ATTRS):
                continue  # most tags: nothing to re-point (the tokenizer lowercased the names)
            switch = tag == "a" and attrs.get("class") == "md-select__link" and online != "404.html"
            for a, b, name in _attribute_values(raw):
                value = raw[a:b]
                if canonical and name in ("href", "content"):
                    new = self.canonical(value)
                elif name == "srcset":
                    new = ", ".join(
                        " ".join([self.url(c.split()[0], online, offline), *c.split()[1:]]) for c in value.split(",")
                    )
                elif name in _URL_ATTRS:
                    new = self.url(value, online, offline, relative=switch)
                else:
                    continue
                if new != value:
                    edits.append((start + a, start + b, new))
        for tag, a, b, attrs in doc.bodies:
            if tag == "script" and "src" not in attrs:
                body = html[a:b]
                new = self._script(body, online, offline)
                if new != body:
                    edits.append((a, b, new))
        edits.append(self._polyfill(html, online, offline))
        out, last = [], 0
        for a, b, new in sorted(edits):
            out.append(html[last:a])
            out.append(new)
            last = b
        out.append(html[last:])
        return "".join(out)

    def _script(self, body: str, online: str, offline: str) -> str:
        """Material's inline scripts hold the site's root twice: __md_scope (where it keeps the
        reader's settings) and __config's "base" (where search loads from: a further language's own
        root, search.py); and the search worker's address."""
        absolute = online == "404.html"  # its base is the site's path, the same online and offline
        if body.startswith("__md_scope=new URL(") and not absolute:
            old = body[len("__md_scope=new URL(") :].split(",", 1)[0]
            return body.replace(old, json.dumps(self._root(offline)), 1)
        if body.startswith("{") and '"base": ' in body:
            config = json.loads(body)
            if not absolute:
                lang = lang_of_location(offline)
                base = self._root(offline)
                if lang != DEFAULT_LANG:  # as finish_site points it (search.language_search_base)
                    base = language_base(base, lang)
                body = body.replace(f'"base": {json.dumps(config["base"])}', f'"base": {json.dumps(base)}', 1)
            search = self.url(config["search"], online, offline)
            body = body.replace(f'"search": {json.dumps(config["search"])}', f'"search": {json.dumps(search)}', 1)
        return body

    def _polyfill(self, html: str, online: str, offline: str) -> tuple[int, int, str]:
        """Material's offline plugin adds iframe-worker's shim to extra.polyfills (postbuild.py: the
        vendored copy), rendered in the <head>'s `libs` block: see _LIBS_BEFORE."""
        at = html.find(_LIBS_BEFORE + _LIBS_AFTER)
        if at < 0:
            raise BuildFailed(
                f"offline bundle: {online}: Material's <head> changed, the polyfills' place was not found "
                "(update _LIBS_BEFORE in clusteratlas/sitebuild/offline.py)"
            )
        at += len(_LIBS_BEFORE)
        tags = "".join(
            f'        <script src="{self.base + p if online == "404.html" else posixpath.relpath(p, posixpath.dirname(offline) or ".")}"></script>\n      \n'  # noqa: E501
            for p in OFFLINE_POLYFILLS
        )
        return at, at, tags

    def search_index(self, text: str, lang: str) -> str:
        """A language's index (search.py split it) with each result's location in offline form."""
        index = json.loads(text)
        prefix = lang_root(lang)
        for doc in index["docs"]:
            path, _, anchor = doc["location"].partition("#")
            target = self._target(prefix + path)[len(prefix) :]
            doc["location"] = target + ("#" + anchor if "#" in doc["location"] else "")
        return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def sitemap(self, text: str) -> str:
        """sitemap.xml (only with the site's address): each <loc> and hreflang link, offline form."""
        doc = _Tags(text)
        edits = []
        for start, raw, tag, _attrs in doc.tags:
            for a, b, name in _attribute_values(raw):
                if tag == "xhtml:link" and name == "href" and raw[a:b] != self.canonical(raw[a:b]):
                    edits.append((start + a, start + b, self.canonical(raw[a:b])))
        for tag, a, b, _attrs in doc.bodies:
            if tag == "loc":
                loc = text[a:b].strip()
                edits.append((a, b, text[a:b].replace(loc, self.canonical(loc))))
        out, last = [], 0
        for a, b, new in sorted(edits):
            out += [text[last:a], new]
            last = b
        return "".join(out) + text[last:]
