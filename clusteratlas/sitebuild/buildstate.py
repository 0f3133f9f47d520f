"""Is the last build still good? A fingerprint of everything a build reads, and of what it wrote.

`clusteratlas build` records, after a successful build, one hash over every input of the build
and a listing of its outputs. The next build computes the same hash first: if no input changed
and the outputs are as they were left, the site and bundle are reused and nothing runs (not even
page generation). Any difference rebuilds: this is a cache, and a cache must never be wrong.

Inputs (keep in step with what the build reads — tests/test_buildstate.py changes each kind):
- files: BUILD_INPUTS below — data, templates, hand-written pages (content/), the hook, overrides, every
  hand-written file under docs/ (the generated ones are outputs: the key is taken before
  generation and must not change by it), mkdocs.yml, redirects, the lock file, licence — and the
  code of the clusteratlas package that runs (also when it builds a copy of the project elsewhere);
- the chart font files (their sizes, as the chart cache does);
- the stored copies of sources that quotes are checked against (their digests);
- installed packages (name and version of every distribution) and the Python version;
- the environment that changes output: CLUSTERATLAS_SITE_URL, SOURCE_DATE_EPOCH — and, when
  SOURCE_DATE_EPOCH is unset, today's date (citations carry the build date);
- the build's own options: output folder, with or without the offline bundle.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import sysconfig
from importlib.metadata import distributions
from pathlib import Path

from .. import safefs
from ..charts.fonts import FONT_DIR, FONT_FILES
from ..dataset.provenance import SOURCES_ENV, STORED_LIMIT, quotes_required, sources_dir
from ..paths import generated_docs_paths
from ..saferead import read_bytes
from ..settings import ENVIRONMENT, EPOCH, build_date

BUILD_INPUTS = (
    "data",
    "templates",
    "content",
    "overrides",
    "docs",
    "urls",
    "releases",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements.lock",
    "LICENSE",
    "CITATION.cff",
)
STATE_FILE = ".build-state.json"
_SKIP_DIRS = {"__pycache__"}


PACKAGE = Path(__file__).resolve().parent


# What page generation reads: docs/ is its output, so `generated_fresh` can tell a hook-less
# engine run (or the glue inside `mkdocs build`) that docs/ is already what the data makes.
GENERATE_INPUTS = ("data", "templates", "content", "urls", "releases", "pyproject.toml", "LICENSE", "CITATION.cff")
GENERATE_STATE = ".generate-state.json"


def input_files(root: Path, names=BUILD_INPUTS):
    """(name in the key, path) of every input file, in a fixed order. The generated part of docs/
    is left out: it is the build's output (listed with the outputs, see `build_outputs`), and the
    key must be the same before generation and after, so that it can be taken before."""
    generated = {f"docs/{rel}" for rel in generated_docs_paths()}
    for name, p in [*((n, root / n) for n in names), ("<package>", PACKAGE)]:
        if p.is_file():
            yield name, p
        elif p.is_dir():
            # Into linked folders too (a folder linked into docs/ is published by MkDocs): each real
            # folder once, so a loop of links ends (check refuses it by name).
            seen = set()
            for dirpath, dirnames, filenames in os.walk(p, followlinks=True):
                real = os.path.realpath(dirpath)
                if real in seen:
                    dirnames[:] = []
                    continue
                seen.add(real)
                rel = Path(dirpath).relative_to(p)
                dirnames[:] = sorted(
                    d for d in dirnames if d not in _SKIP_DIRS and f"{name}/{(rel / d).as_posix()}" not in generated
                )
                for f in sorted(filenames):
                    key = f"{name}/{(rel / f).as_posix()}"
                    if not f.startswith(".tmp-") and key not in generated:  # .tmp-: output.py's half-written files
                        yield key, Path(dirpath) / f


def _content(p: Path) -> bytes:
    """A regular file's bytes; for anything else (a FIFO, a device put among the data) only what it
    is: reading a FIFO would wait forever, and the data check reports it with its name."""
    return p.read_bytes() if p.is_file() else f"<not a regular file: {p.is_symlink()}>".encode()


def inputs_key(root: Path, site_dir: Path | None, offline: bool, names=BUILD_INPUTS, engine: str = "mkdocs") -> str:
    h = hashlib.sha256()

    def add(*parts):
        h.update(json.dumps(parts, ensure_ascii=False).encode("utf-8"))
        h.update(b"\0")

    for name, p in input_files(root, names):
        add("file", name)
        h.update(_content(p))
    # The stored copies quotes are checked against (outside the project): a changed copy can make
    # a quote wrong, so it is an input. Read the safe way (a FIFO or /dev/zero there must not hang).
    stored = sources_dir(root)
    for copy in sorted(stored.glob("*.txt")) if stored.is_dir() else []:
        raw, errs = read_bytes(copy, str(copy), limit=STORED_LIMIT)
        add("stored copy", copy.name, hashlib.sha256(raw).hexdigest() if raw is not None else str(errs))
    for f in FONT_FILES:
        font = FONT_DIR / f
        add("font", f, font.stat().st_size if font.is_file() else None)
    # From the environment's site-packages only: `python -m` puts the working folder on sys.path,
    # and an egg-info there (an editable checkout) would make the key depend on where it runs.
    installed = tuple(dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib")))
    add("packages", _packages(installed, tuple(_listing(p) for p in installed)), sys.version)
    env = {k: os.environ.get(k) for k in ENVIRONMENT}
    add("environment", env, None if env[EPOCH] else build_date().isoformat())
    add(
        "options",
        str(site_dir.resolve()) if site_dir else None,
        offline,
        engine,
        os.environ.get(SOURCES_ENV),
        quotes_required(),  # a build that let quotes go unverified is not reused by one that forbids it
    )
    return h.hexdigest()


def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()


# Reading ~90 packages' metadata costs ~0.1 s, three times per generation under `mkdocs serve`.
# Remembered by the names in the site-packages folders: pip's install, upgrade and removal each
# add or remove a `<name>-<version>.dist-info` folder there.
@functools.lru_cache(maxsize=4)
def _packages(folders: tuple[str, ...], listings: tuple[tuple[str, ...], ...]) -> list[tuple[str, str]]:
    return sorted((d.metadata["Name"] or "", d.version) for d in distributions(path=list(folders)))


def outputs_listing(paths: list[Path]) -> str:
    """Size and modification time of every output file: cheap, and any touch or loss shows."""
    h = hashlib.sha256()
    for base in paths:
        if base.is_file():
            st = base.stat()
            h.update(f"{base}:{st.st_size}:{st.st_mtime_ns}\n".encode())
            continue
        if not base.is_dir():
            h.update(f"{base}: missing\n".encode())
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for f in sorted(filenames):
                p = Path(dirpath) / f
                st = p.stat()
                h.update(f"{p.relative_to(base)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def unchanged(root: Path, key: str, outputs: list[Path], state_file: str = STATE_FILE) -> bool:
    """True when the last successful build had these inputs and its outputs are untouched."""
    try:
        state = json.loads((root / state_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(state, dict):  # unreadable or wrong-shaped state ([] once blocked every build): rebuild
        return False
    return state.get("inputs") == key and state.get("outputs") == outputs_listing(outputs)


def record(root: Path, key: str, outputs: list[Path], state_file: str = STATE_FILE) -> None:
    tmp = root / (state_file + ".tmp")
    # Written afresh, never through a link at the scratch name (it would overwrite the link's target).
    safefs.write_new(tmp, json.dumps({"inputs": key, "outputs": outputs_listing(outputs)}).encode())
    os.replace(tmp, root / state_file)


def forget(root: Path, state_file: str = STATE_FILE) -> None:
    safefs.remove(root / state_file)  # a file, a link or even a folder at its name


def build_outputs(root: Path, outputs: list[Path]) -> list[Path]:
    """What a build's record lists as its outputs: the site (and bundle), and the generated part
    of docs/ (a hand edit there rebuilds, and generation writes it afresh)."""
    return [*outputs, *_generated(root)]


def _generated(root: Path) -> list[Path]:
    return [root / "docs" / rel for rel in generated_docs_paths()]


def generated_fresh(root: Path) -> bool:
    """docs/ holds what the current data, templates and code generate (nothing was touched since)."""
    return unchanged(root, generate_key(root), _generated(root), GENERATE_STATE)


def record_generated(root: Path, key: str) -> None:
    record(root, key, _generated(root), GENERATE_STATE)


def generate_key(root: Path) -> str:
    """Taken before generation reads anything: an edit made while it runs is seen by the next run."""
    return inputs_key(root, None, False, GENERATE_INPUTS)
