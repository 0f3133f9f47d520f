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
import shutil
import subprocess
import sys
from pathlib import Path

from ...paths import nav_files
from .. import safefs

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
