"""Every release at an address that does not change: /v/<version>/ is the site as its tag built
it, with a banner that says which version it is and links the current page.

`clusteratlas versions --site-dir site` (the Pages workflow runs it after `make site`): for each
release kept in releases/ (and each tag v<MAJOR.MINOR.PATCH>), its commit — the tag's, else the
commit that added releases/<version>/release.json, found in the repository's own history, so a
clone of main without its tags publishes every release — is built by its own code, once —
the result is kept in .cache/versions/<version>-<commit>/ — then copied under site/v/<version>/
and given the banner. A tag whose requirements.lock differs from this checkout's is built in a
virtual environment of its own (created once, in the cache). Its pages keep the site's address
(CLUSTERATLAS_SITE_URL) so their citations and canonical links name the current page; their own
links are relative and stay inside /v/<version>/.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .. import safefs
from ..errors import BuildFailed
from ..i18n import LANGS, LANGUAGE_TAGS, Catalog
from ..paths import CARD_DIR, EMBED_DIR, VERSIONS_DIR, Paths, lang_of_location, lang_root
from ..settings import project_version
from .store import RELEASES_DIR, is_version, read_releases, version_key

BANNER_MARK = 'class="ca-version-banner"'


def _git(root: Path, *args: str, binary: bool = False):
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=not binary)
    if result.returncode != 0:
        err = result.stderr if not binary else result.stderr.decode("utf-8", "replace")
        raise BuildFailed(f"git {' '.join(args)} failed: {err.strip()[:300]}")
    return result.stdout


def tags(root: Path) -> list[tuple[str, str, int]]:
    """(version, commit, commit time) of every release tag, oldest version first."""
    out = []
    for name in _git(root, "tag", "--list", "v*").split():
        if is_version(name[1:]):
            sha, stamp = _git(root, "log", "-1", "--format=%H %ct", f"refs/tags/{name}^{{commit}}").split()
            out.append((name[1:], sha, int(stamp)))
    return sorted(out, key=lambda t: version_key(t[0]))


def release_commits(root: Path) -> list[tuple[str, str, int]]:
    """(version, commit, commit time) of every release: each tag, and each release kept in
    releases/ by the commit that added it when it has no tag. Tags do not travel with a clone of
    main, its history does (the Pages workflow fetches all of it). BuildFailed when a kept
    release's commit is not in the history (a shallow clone) — its /v/ address would be missing."""
    found = {v: (sha, stamp) for v, sha, stamp in tags(root)}
    for release in read_releases(root):
        if release.version in found:
            continue
        added = _git(
            root, "log", "--diff-filter=A", "--format=%H %ct", "--", f"{RELEASES_DIR}/{release.version}/release.json"
        )
        lines = added.split()
        if not lines:
            raise BuildFailed(
                f"release {release.version} is kept in {RELEASES_DIR}/ but no tag or commit in this clone adds it: "
                f"commit it, or fetch the whole history (git fetch --unshallow; actions/checkout fetch-depth: 0)"
            )
        found[release.version] = (lines[-2], int(lines[-1]))  # the oldest: the release's own commit
    return sorted(((v, sha, stamp) for v, (sha, stamp) in found.items()), key=lambda t: version_key(t[0]))


def _lock_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _python_for(root: Path, checkout: Path, cache: Path, log) -> tuple[str, dict]:
    """The interpreter that builds a tag, and what to add to its environment: this one (with the
    tag's own package first on the path) when the tag pins the same dependencies, else a virtual
    environment with the tag's pins and its package installed."""
    lock = (checkout / "requirements.lock").read_bytes()
    if lock == (root / "requirements.lock").read_bytes():
        return sys.executable, {"PYTHONPATH": str(checkout)}
    pins = _lock_hash(lock)
    venv = cache / f"venv-{pins}"
    python = venv / "bin" / "python"
    steps = (
        []
        if python.exists()
        else [
            [sys.executable, "-m", "venv", str(venv)],
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--require-hashes",
                "-r",
                str(checkout / "requirements.lock"),
            ],
        ]
    )
    if steps:
        log(f"clusteratlas: versions: a virtual environment for requirements.lock {pins} (once)")
    for step in [
        *steps,
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(checkout)],
    ]:
        result = _run(step, "installing a release's own dependencies")
        if result.returncode != 0:  # the registry unreachable, a pin gone: said in words, not a traceback
            raise BuildFailed(
                f"{' '.join(step[-3:])} failed for a tag's own dependencies:\n"
                f"{(result.stderr or result.stdout)[-1500:]}"
            )
    return str(python), {}


def _version_of(checkout: Path) -> str | None:
    """The version a commit's own pyproject.toml gives (never the installed package's)."""
    if not (checkout / "pyproject.toml").is_file():
        return None
    try:
        return project_version(checkout)
    except (KeyError, ValueError, OSError):  # a pyproject without a version, or unreadable
        return None


# A release's site builds in about a minute here; one that has not finished in this long never will.
BUILD_TIMEOUT = int(os.environ.get("CLUSTERATLAS_VERSION_TIMEOUT", "") or 1800)
MANIFEST = "manifest.json"


def build_tag(paths: Paths, version: str, sha: str, stamp: int, log=print) -> Path:
    """The site of one release (built once, then read from the cache when it verifies)."""
    cache = paths.cache / "versions"
    done = cache / f"{version}-{sha[:12]}"
    if _verified(done):
        return done / "site"
    scratch = cache / f".{version}-{sha[:12]}.building"
    safefs.remove(scratch)  # an interrupted build's: never followed if a link
    checkout = scratch / "checkout"
    checkout.mkdir(parents=True)
    try:
        _extract(paths.root, sha, checkout, version)
        own = _version_of(checkout)
        if own != version:  # a squashed history: the commit that adds the folder is a later version
            raise BuildFailed(
                f"release {version}: commit {sha[:12]} is version {own or '(none)'} in its pyproject.toml, "
                f"not {version}; tag the release's own commit: git tag v{version} <commit>"
            )
        if not (checkout / "clusteratlas" / "__main__.py").is_file():  # else the installed package would build it
            raise BuildFailed(
                f"release {version}: commit {sha[:12]} has no clusteratlas package (clusteratlas/__main__.py): "
                "a release is built by its own code; tag a commit of this project"
            )
        python, extra = _python_for(paths.root, checkout, cache, log)
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(stamp), CLUSTERATLAS_CACHE_DIR=str(paths.cache), **extra)
        env.setdefault("CLUSTERATLAS_FONT_DIR", str(paths.cache / "fonts"))
        log(f"clusteratlas: versions: building {version} from {sha[:12]}")
        result = _run(
            [python, "-m", "clusteratlas", "--root", str(checkout), "build", "--no-offline", "--force"],
            f"the site of release {version} (commit {sha[:12]})",
            cwd=checkout,
            env=env,
        )
        if result.returncode != 0:
            raise BuildFailed(f"the site of v{version} did not build:\n{(result.stderr or result.stdout)[-2000:]}")
        (checkout / "site").rename(scratch / "site")
        safefs.remove(checkout)
        _write_manifest(scratch, version)
    except BaseException:
        safefs.remove(scratch)
        raise
    safefs.remove(done)
    scratch.rename(done)
    return done / "site"


def _run(cmd: list[str], what: str, **kw) -> subprocess.CompletedProcess:
    """A child build with a deadline: a release whose build never ends fails, naming it."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT, **kw)
    except subprocess.TimeoutExpired:
        raise BuildFailed(
            f"{what} did not finish within {BUILD_TIMEOUT} s and was stopped "
            "(CLUSTERATLAS_VERSION_TIMEOUT sets the limit in seconds)"
        ) from None


def _extract(root: Path, sha: str, checkout: Path, version: str) -> None:
    """The commit's files, by tarfile's "data" filter: no link out, no absolute path, no device. A
    refusal names the release, the commit and the file."""
    with tarfile.open(fileobj=io.BytesIO(_git(root, "archive", "--format=tar", sha, binary=True))) as tar:
        try:
            tar.extractall(checkout, filter="data")
        except tarfile.FilterError as e:
            member = getattr(e, "tarinfo", None)
            name = member.name if member is not None else "?"
            raise BuildFailed(
                f"release {version}: commit {sha[:12]} holds {name}, which cannot be checked out safely "
                f"({type(e).__name__}: {e}); remove it in a new commit and tag that"
            ) from None


def _files(site: Path):
    """(relative path, entry) of everything under `site`, links included, never followed."""
    for folder, dirs, files in os.walk(site, followlinks=False):
        for name in sorted(dirs + files):
            p = Path(folder) / name
            if p.is_symlink() or not p.is_dir():
                yield p.relative_to(site).as_posix(), p


def _write_manifest(entry: Path, version: str) -> None:
    """Every file of the built site with its size and digest, written last: an entry without it,
    or whose files differ from it, is not used (the Pages workflow restores this cache)."""
    listing = {}
    for rel, p in _files(entry / "site"):
        if p.is_symlink() or not p.is_file():
            raise BuildFailed(f"the site of release {version} holds {rel}, which is not a regular file")
        listing[rel] = [p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest()]
    (entry / MANIFEST).write_text(json.dumps(listing, sort_keys=True), encoding="utf-8")


def _verified(entry: Path) -> bool:
    """The cache entry is exactly what its build wrote: the manifest lists every file, with its size
    and digest, and nothing else is there (a link, a deleted page, an added file: rebuilt)."""
    manifest = entry / MANIFEST
    if entry.is_symlink() or manifest.is_symlink() or not manifest.is_file():
        return False
    try:
        listing = json.loads(manifest.read_text(encoding="utf-8"))
        found = dict(_files(entry / "site"))
        if not isinstance(listing, dict) or set(listing) != set(found) or "index.html" not in found:
            return False
        for rel, p in found.items():
            if p.is_symlink() or not p.is_file():
                return False
            size, digest = listing[rel]
            if p.stat().st_size != size or hashlib.sha256(p.read_bytes()).hexdigest() != digest:
                return False
    except (OSError, ValueError, TypeError):
        return False
    return True


def banner(cat: Catalog, lang: str, version: str, date: str, current: str, exists: bool) -> str:
    """The note on top of every page of a frozen release; `current`: the current page's address
    relative to this one, or the current home's when the page no longer `exists`."""
    text = cat.text("version.banner", lang, version=version, date=date)
    more = cat.text("version.current" if exists else "version.gone", lang)
    return (
        f'<div {BANNER_MARK} role="note" lang="{LANGUAGE_TAGS[lang]}" '
        'style="padding:.6rem 1rem;background:#fff3cd;color:#3d2e00;border-bottom:1px solid #e0c36a;'
        'font-size:15px;line-height:1.5">'
        f'{html.escape(text)} <a href="{html.escape(current, quote=True)}" '
        'style="color:#1a3a8a;text-decoration:underline">'
        f"{html.escape(more)}</a></div>"
    )


def add_banners(frozen: Path, site: Path, version: str, date: str, cat: Catalog) -> int:
    """Put the banner on every page of `frozen` (= site/v/<version>/). Returns the pages marked."""
    marked = 0
    for page in sorted(frozen.rglob("*.html")):
        rel = page.relative_to(frozen).as_posix()
        lang = lang_of_location(rel)
        if rel.startswith(lang_root(lang) + EMBED_DIR + "/") or rel == "404.html":
            continue  # embeds show the chart alone; GitHub Pages serves only the root's 404
        folder = posixpath.dirname(rel)
        up = "../" * (len(frozen.relative_to(site).parts) + (len(folder.split("/")) if folder else 0))
        exists = (site / rel).is_file()
        target = posixpath.dirname(rel if exists else lang_root(lang) + "index.html")
        current = up + (target + "/" if target else "")
        text = page.read_text(encoding="utf-8")
        if BANNER_MARK in text:
            continue
        body = text.find("<body")
        end = text.find(">", body) + 1 if body >= 0 else 0
        if not end:
            continue
        page.write_text(text[:end] + banner(cat, lang, version, date, current, exists) + text[end:], encoding="utf-8")
        marked += 1
    return marked


def _unused_in(built: Path):
    """copytree's ignore: each language's cards, the sitemap."""
    unused = {lang_root(lang) + CARD_DIR for lang in LANGS} | {"sitemap.xml", "sitemap.xml.gz"}
    return lambda folder, names: [n for n in names if (Path(folder) / n).relative_to(built).as_posix() in unused]


def publish_versions(paths: Paths, site: Path, log=print) -> list[str]:
    """site/v/<version>/ for every release tag; returns the versions published."""
    cat = Catalog.load(paths.templates / "strings.yaml")
    dates = {r.version: r.date for r in read_releases(paths.root)}
    published = []
    for version, sha, stamp in release_commits(paths.root):
        built = build_tag(paths, version, sha, stamp, log)
        dest = site / VERSIONS_DIR / version
        safefs.remove(dest)
        # Its cards (3.6 MB) are never asked for: the frozen pages' og:image names the current
        # site's (absolute, or root-absolute without a site address). Its sitemap lists the
        # current site's addresses (the pages' canonical ones): only the root's is the site's.
        shutil.copytree(built, dest, symlinks=True, ignore=_unused_in(built))  # verified: no link in it
        date = dates.get(version) or datetime.datetime.fromtimestamp(stamp, datetime.UTC).date().isoformat()
        marked = add_banners(dest, site, version, date, cat)
        log(f"clusteratlas: versions: /{VERSIONS_DIR}/{version}/ — {marked} pages with the banner")
        published.append(version)
    if not published:
        log(
            f"clusteratlas: versions: no release tag (v<MAJOR.MINOR.PATCH>) — nothing under /{VERSIONS_DIR}/ "
            f"(cut a release with `make release`, see {RELEASES_DIR}/)"
        )
    return published
