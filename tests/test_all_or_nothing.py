"""All or nothing (hostile inputs, round 3): site/ and dist/ are replaced together or not at all;
on any failure — dist/ that is a file, a full disk, a site that cannot be swapped — the scratch is
removed and the message says what happened and where, never "internal error"."""

import errno
import os

import pytest

from clusteratlas.errors import BuildFailed
from clusteratlas.paths import Paths
from clusteratlas.sitebuild import build as site_module
from clusteratlas.sitebuild import bundle as bundle_module
from clusteratlas.sitebuild.build import build

from .conftest import run_cli


def _state(project):
    index = project / "site" / "index.html"
    [bundle] = (project / "dist").glob("*.zip")
    return index.stat().st_mtime_ns, bundle.read_bytes()


def _scratch(project):
    return sorted(
        p.name
        for p in [*project.iterdir(), *(project / "dist").iterdir()]
        if p.name.endswith((".new", ".offline", ".old", ".tmp"))
    )


@pytest.fixture
def built(built_project):
    return built_project


def test_dist_that_is_a_file_is_a_located_message_and_nothing_changes(project):
    (project / "dist").write_text("not a folder", encoding="utf-8")
    result = run_cli("--root", str(project), "build")
    assert result.returncode == 1
    assert "dist is a file, not a folder" in result.stderr and "internal error" not in result.stderr
    assert not (project / "site").exists(), "no half-made site"
    assert [p for p in project.iterdir() if p.name.startswith("site.")] == []


def test_a_full_disk_while_zipping_leaves_site_and_dist_as_they_were(built, monkeypatch):
    before = _state(built)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(built / "dist"))

    monkeypatch.setattr(bundle_module, "_add", full)  # in the zip's own thread (bundle.ZipStream)
    with pytest.raises(BuildFailed, match="the disk is full") as failed:
        build(Paths(built), log=lambda *_: None, force=True)
    assert "scratch was removed" in str(failed.value)
    assert _state(built) == before
    assert _scratch(built) == []


def test_a_site_that_cannot_be_swapped_in_leaves_the_old_zip_too(built, monkeypatch):
    """Once dist/ was replaced while site/ stayed old: now the zip moves in only after the site."""
    before = _state(built)
    real = os.replace

    def refuse_site(self, target):  # the rename of site.new → site/ fails, as on a read-only site/
        if self.name == "site.new":
            raise PermissionError(errno.EPERM, "Operation not permitted", str(target))
        return real(self, target)

    monkeypatch.setattr(type(built), "rename", refuse_site)
    with pytest.raises(BuildFailed, match="Operation not permitted"):
        build(Paths(built), log=lambda *_: None, force=True)
    monkeypatch.undo()
    assert _state(built) == before
    assert _scratch(built) == []


def test_a_full_disk_while_writing_docs_is_a_message_and_leaves_no_scratch(project, monkeypatch, capsys):
    from clusteratlas.cli import main
    from clusteratlas.sitebuild import output

    real = os.fdopen

    class Full:  # the generator's file writes fail as on a full disk; other opens (the lock) work
        def __init__(self, fd, mode):
            os.close(fd)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(
        output.os, "fdopen", lambda fd, mode="r", **kw: Full(fd, mode) if mode == "wb" else real(fd, mode, **kw)
    )
    assert main(["--root", str(project), "generate"]) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and "internal error" not in err
    assert not [p for p in (project / "docs").rglob(".tmp-*")]


def test_a_failure_while_cards_are_drawn_beside_mkdocs_leaves_no_scratch_and_docs_not_fresh(
    built, monkeypatch, tmp_path
):
    """The cards the cache lacks are drawn while MkDocs builds (build._draw_cards_beside): a failure
    there stops the engine, removes its scratch, and docs/ (without those cards) is not recorded as
    fresh, so the next build generates again."""
    from clusteratlas.sitebuild import buildstate

    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(tmp_path / "empty-cache"))  # every card to draw
    before = _state(built)

    def full_disk(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(site_module, "draw_deferred_cards", full_disk)
    with pytest.raises(OSError):
        build(Paths(built), log=lambda *_: None, force=True)
    assert _state(built) == before and _scratch(built) == []
    assert not (built / buildstate.GENERATE_STATE).exists()
    assert not buildstate.generated_fresh(built)


def test_a_generation_failure_ends_the_waiting_mkdocs_without_a_build(built, monkeypatch):
    """MkDocs starts before generation and waits to be told to build (engine/mkdocs_child.py): when
    generation fails, that process ends at once, builds nothing, and no scratch is left."""
    from clusteratlas.errors import DataError, Problem
    from clusteratlas.sitebuild.engine import runs

    started = []

    class Recorded(runs.MkDocsRun):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    def broken(*_args, **_kw):
        raise DataError([Problem("data/provinces.yaml", 3, "[0].name", "a broken entry")])

    monkeypatch.setattr(site_module, "MkDocsRun", Recorded)
    monkeypatch.setattr(site_module, "generate", broken)
    before = _state(built)
    with pytest.raises(DataError):
        build(Paths(built), log=lambda *_: None, force=True)
    [run] = started
    assert run.proc.returncode == 0, "the waiting MkDocs ended, told nothing was to be built"
    assert not run.out.exists()
    assert _state(built) == before and _scratch(built) == []
