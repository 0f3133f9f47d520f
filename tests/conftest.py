import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the project needs to build: data, templates, hand-written docs, config, hook.
PROJECT_PARTS = ["data", "templates", "scripts", "mkdocs.yml", "docs"]


def _not_generated(folder, names):
    """copytree ignore: leave out what the generator writes into docs/ (the copy makes its own)."""
    from clusteratlas.context import CHART_DIR, SECTIONS
    from clusteratlas.site import OWNED_FILES
    rel = Path(folder).resolve().relative_to(ROOT).as_posix()
    skip = {"__pycache__"}
    if rel == "docs":
        skip |= set(SECTIONS) | set(OWNED_FILES)
    if rel == "docs/" + CHART_DIR.rsplit("/", 1)[0]:
        skip.add(CHART_DIR.rsplit("/", 1)[1])
    return [n for n in names if n in skip]


# Project copies share the checkout's chart cache: it is content-addressed, so sharing is safe and
# saves re-rendering ~180 charts per copy. Tests about caching point this at a private folder.
os.environ.setdefault("CLUSTERATLAS_CACHE_DIR", str(ROOT / ".cache"))


def copy_project(dest: Path) -> Path:
    """A private copy of the project to break or build without touching the checkout."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        target = dest / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, target, ignore=_not_generated)
        else:
            shutil.copy2(src, target)
    return dest


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clusteratlas", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built once per test run from a copy of the checkout."""
    root = copy_project(tmp_path_factory.mktemp("site-build") / "project")
    result = run_cli("--root", str(root), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def offline_bundle(built_site, tmp_path_factory) -> Path:
    """The offline zip of the built project, unpacked: the folder holding index.html."""
    import zipfile
    [bundle] = (built_site.parent / "dist").glob("cluster-atlas-offline-*.zip")
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(dest)
    [top] = dest.iterdir()
    return top
