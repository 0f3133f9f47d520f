"""Hostile inputs, round 4: the frozen releases under /v/ (releases/versions.py) and the kept
releases' scratch. A release's commit is built by its own code: here a tiny repository whose
package only writes a few pages, so each case takes a second, not a site build."""

import os
import shutil

import pytest

from clusteratlas.errors import BuildFailed
from clusteratlas.paths import Paths
from clusteratlas.releases import versions
from clusteratlas.releases.store import write_release
from clusteratlas.releases.versions import build_tag, release_commits

from .conftest import ROOT
from .helpers import git

# The package of the tiny repository: `python -m clusteratlas --root R build …` writes R/site/.
FAKE_MAIN = """import sys, time
from pathlib import Path
root = Path(sys.argv[sys.argv.index("--root") + 1])
if (root / "HANG").exists():
    time.sleep(3600)
for page in ("index.html", "en/index.html", "provinces/jiangsu/index.html"):
    (root / "site" / page).parent.mkdir(parents=True, exist_ok=True)
    (root / "site" / page).write_text(f"<html><body>{page}</body></html>")
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A cache of its own: the tiny repositories' commits can be the same commit, built side by side."""
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(tmp_path / "cache"))


def _release_repository(root, package: bool = True, extra=None):
    """A repository at version 0.9.0 that keeps release 0.9.0 (no tag: found by its commit)."""
    (root / "releases/0.9.0/data").mkdir(parents=True)
    (root / "releases/0.9.0/release.json").write_text('{"version": "0.9.0", "date": "2026-12-01"}')
    (root / "releases/0.9.0/data/provinces.json").write_text('[{"id": "jiangsu", "winners": 8}]')
    (root / "pyproject.toml").write_text('[project]\nname = "cluster-atlas"\nversion = "0.9.0"\n')
    shutil.copy(ROOT / "requirements.lock", root / "requirements.lock")  # the same pins: no venv of its own
    if package:
        (root / "clusteratlas").mkdir()
        (root / "clusteratlas/__init__.py").write_text("")
        (root / "clusteratlas/__main__.py").write_text(FAKE_MAIN)
    if extra:
        extra(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "release 0.9.0")
    [(version, sha, stamp)] = release_commits(root)
    return version, sha, stamp


def _build(root, lines=None):
    version, sha, stamp = release_commits(root)[0]
    return build_tag(Paths(root), version, sha, stamp, log=(lines.append if lines is not None else lambda *_: None))


def test_a_release_is_built_once_and_its_cache_entry_used_while_it_verifies(tmp_path):
    _release_repository(tmp_path)
    lines: list[str] = []
    site = _build(tmp_path, lines)
    assert (site / "provinces/jiangsu/index.html").is_file() and any("building 0.9.0" in x for x in lines)
    lines.clear()
    assert _build(tmp_path, lines) == site and not lines  # from the cache


@pytest.mark.parametrize(
    "tamper",
    [
        lambda site, secret: (site / "provinces/jiangsu/index.html").unlink(),  # a one-page release
        lambda site, secret: (site / "en/index.html").write_text("<html>changed</html>"),
        lambda site, secret: ((site / "en/index.html").unlink(), (site / "en/index.html").symlink_to(secret)),
        lambda site, secret: (site / "extra.html").write_text("<script>1</script>"),
        lambda site, secret: (site.parent / "manifest.json").unlink(),
    ],
    ids=["page-deleted", "page-changed", "link-out", "file-added", "no-manifest"],
)
def test_a_cache_entry_that_does_not_verify_is_built_again_and_no_link_is_followed(tmp_path, tamper):
    repo = tmp_path / "repo"
    repo.mkdir()
    _release_repository(repo)
    secret = tmp_path / "secret.txt"
    secret.write_text("CI_TOKEN=do-not-publish")
    site = _build(repo)
    tamper(site, secret)
    lines: list[str] = []
    site = _build(repo, lines)
    assert any("building 0.9.0" in x for x in lines), "a tampered entry was used"
    assert (site / "provinces/jiangsu/index.html").is_file()
    assert not any(p.is_symlink() for p in site.rglob("*"))
    published = tmp_path / "site"
    (published / "index.html").parent.mkdir(parents=True)
    (published / "index.html").write_text("<html><body>current</body></html>")
    assert "do-not-publish" not in "".join(p.read_text() for p in site.rglob("*.html"))


def test_a_release_without_the_package_is_refused_not_built_by_the_installed_one(tmp_path):
    _release_repository(tmp_path, package=False)
    with pytest.raises(BuildFailed) as e:
        _build(tmp_path)
    assert "release 0.9.0: commit" in str(e.value) and "has no clusteratlas package" in str(e.value)
    assert not list((tmp_path / "cache/versions").glob("*0.9.0*")), "no scratch left behind"


def test_a_release_holding_a_link_out_names_the_release_and_the_file(tmp_path):
    _release_repository(tmp_path, extra=lambda r: os.symlink("/etc/passwd", r / "leak"))
    with pytest.raises(BuildFailed) as e:
        _build(tmp_path)
    assert "release 0.9.0: commit" in str(e.value) and "holds leak" in str(e.value), str(e.value)
    assert "Error" in str(e.value)


def test_a_release_whose_build_never_ends_is_stopped_and_named(tmp_path, monkeypatch):
    _release_repository(tmp_path, extra=lambda r: (r / "HANG").write_text("1"))
    monkeypatch.setattr(versions, "BUILD_TIMEOUT", 3)
    with pytest.raises(BuildFailed) as e:
        _build(tmp_path)
    assert "the site of release 0.9.0 (commit" in str(e.value) and "did not finish within 3 s" in str(e.value)


def test_an_interrupted_releases_scratch_does_not_block_the_next_release(tmp_path):
    (tmp_path / "releases/.0.3.0.new/data").mkdir(parents=True)  # `make release` stopped halfway
    folder = write_release(tmp_path, "0.3.0", "2027-01-01", {"provinces.json": b"[]"})
    assert (folder / "data/provinces.json").read_bytes() == b"[]"
    assert not (tmp_path / "releases/.0.3.0.new").exists()
