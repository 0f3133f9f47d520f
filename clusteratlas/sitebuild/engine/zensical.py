"""Zensical, the second engine (Material for MkDocs' successor; it reads mkdocs.yml and runs no
plugins or hooks). `clusteratlas build --engine zensical` generates docs/ as for MkDocs, runs
zensical-i18n (one Zensical build per language, like mkdocs-static-i18n's suffix structure), then
the same post-build (postbuild.finish_site). Installed on demand: `make site ENGINE=zensical`
installs requirements-zensical.lock. What differs from the MkDocs build: docs/dev/engines.md.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ... import safefs
from ...paths import nav_files

CONFIG = ".zensical.yml"  # written beside mkdocs.yml, so that its relative paths hold
WORK_DIR = ".zensical-i18n"  # zensical-i18n's staging folder (one docs/ and site/ per language)
MATERIAL_ONLY = ("search.html",)  # overrides/partials/ copied from Material for MkDocs 9.8.1
SCRATCH = "site.zensical"  # Zensical writes only inside the project: built here, then moved


class EngineMissing(RuntimeError):
    pass


def zensical_command(root: Path, out: Path) -> list[str]:
    if importlib.util.find_spec("zensical_i18n") is None:
        raise EngineMissing(
            "Zensical is not installed in this environment: `make site ENGINE=zensical` installs it "
            "(requirements-zensical.lock)"
        )
    # The project's settings, with three changes: the menu (paths.nav_files), the output folder, and
    # strict off — Zensical checks links in the Markdown before zensical-i18n maps 'page.en.md' links
    # to the staged 'page.md' (870 false "page does not exist" on the English pages, December 2026);
    # tests/linkcheck.py checks every link of the built site.
    # The theme overrides, less the partials copied from Material (Zensical's own differ in markup:
    # Material's search dialog in Zensical's header left a search box that does not work).
    overrides = root / WORK_DIR / "overrides"
    safefs.remove(overrides)
    shutil.copytree(root / "overrides", overrides, ignore=shutil.ignore_patterns(*MATERIAL_ONLY))
    config = root / CONFIG
    config.write_text(
        f"INHERIT: mkdocs.yml\nsite_dir: {json.dumps(str(out))}\nstrict: false\n"
        f"theme:\n  custom_dir: {json.dumps(str(overrides.relative_to(root)))}\n"
        f"nav: {json.dumps(nav_files())}\n",  # the menu, as the MkDocs glue writes it (mkdocs.yml has none)
        encoding="utf-8",
    )
    return [sys.executable, "-m", "zensical_i18n", "build", "-f", str(config)]


def start(root: Path, log: Path) -> subprocess.Popen:
    """Start the build into <root>/site.zensical; its report goes to `log` (a file, not a pipe:
    its warnings can fill a pipe's buffer while nobody reads it)."""
    env = dict(os.environ, NO_COLOR="1")
    with open(log, "w", encoding="utf-8") as out:
        return subprocess.Popen(
            zensical_command(root, root / SCRATCH), cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def serve_command(root: Path, lang: str, dev_addr: str) -> list[str]:
    """zensical-i18n's server for one language (it serves one at a time, at the root of its
    address), with the build's settings; `preview.watch` regenerates docs/ beside it."""
    command = zensical_command(root, root / SCRATCH)
    command[command.index("build")] = "serve"
    return [*command, "--lang", lang, "--dev-addr", dev_addr]


# zensical-i18n keeps Zensical's cache in <root>/.cache — the atlas's cache folder too. While it
# runs it moves what is there to <WORK_DIR>/cache/.project, records the language whose cache it
# swapped in (.active), and puts everything back when it stops. Killed (a closed terminal's SIGHUP,
# SIGKILL), it leaves the atlas's fonts, charts and cards moved: the next `make site` said "chart
# font not found" and drew everything again. `recover_cache` does what zensical-i18n's next run
# would, before the atlas reads its cache; SERVE_PID names a running server, whose moves are current.
SERVE_PID = "serve.pid"
MOVED_CACHE = f"{WORK_DIR}/cache/.project"  # where zensical-i18n keeps <root>/.cache while it runs
ACTIVE = f"{WORK_DIR}/cache/.active"  # which language's cache it swapped in
_LOCALE = re.compile(r"[a-z]{2,3}([_-][A-Za-z]{2,4})?")


def recover_cache(root: Path, log=print) -> bool:
    caches = root / WORK_DIR / "cache"
    project = root / MOVED_CACHE
    if project.is_symlink() or not project.is_dir() or _serving(root):
        return False
    current, marker = root / ".cache", root / ACTIVE
    locale = marker.read_text(encoding="utf-8").strip() if marker.is_file() and not marker.is_symlink() else ""
    if current.exists() or current.is_symlink():
        if not _LOCALE.fullmatch(locale):
            return False  # not a layout zensical-i18n made: leave both as they are
        safefs.remove(caches / locale)
        current.rename(caches / locale)  # the language's own cache, where zensical-i18n keeps it
    project.rename(current)
    safefs.remove(marker)
    log(f"clusteratlas: the cache Zensical had moved aside (stopped before it could put it back) is in {current} again")
    return True


def _serving(root: Path) -> bool:
    try:
        return running(int((root / WORK_DIR / SERVE_PID).read_text(encoding="ascii").strip()))
    except (OSError, ValueError):
        return False


def running(pid: int) -> bool:
    """Whether a process of that id is alive (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


# "RuntimeError: syntax error: unexpected `}` (in main.html:64)": a template error, named by the
# theme file alone, at the end of a traceback from zensical-i18n's runner.
_TEMPLATE_ERROR = re.compile(r"^\w*Error: (?P<what>.+) \(in (?P<file>[\w./-]+):(?P<line>\d+)\)$")


def readable_report(text: str, root: Path) -> list[str]:
    """Zensical's report with each traceback replaced by its last line; a template error becomes
    `overrides/main.html:64: syntax error: …` when the file is one of the project's overrides."""
    out, in_traceback = [], False
    for line in text.splitlines():
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            continue
        if in_traceback and (line.startswith(" ") or not line.strip()):
            continue
        if in_traceback:
            in_traceback = False
            m = _TEMPLATE_ERROR.match(line)
            if m:
                name = m["file"]
                shown = f"overrides/{name}" if (root / "overrides" / name).is_file() else f"{name} (the theme's)"
                line = f"{shown}:{m['line']}: {m['what']}"
        out.append(line)
    return out
