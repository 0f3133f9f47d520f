"""Every generated path is declared once (clusteratlas/paths.py): git ignores all of them, and
`clusteratlas clean` (make clean) removes all of them and nothing else."""

import subprocess

from clusteratlas.cli import main
from clusteratlas.pages.kinds import page_kinds
from clusteratlas.paths import BUILD_OUTPUTS, SECTIONS, generated_docs_paths
from clusteratlas.sitebuild.check import checked

from .conftest import ROOT, copy_project
from .helpers import pages_of


def test_every_generated_path_is_git_ignored():
    paths = [f"docs/{p}" for p in generated_docs_paths()] + list(BUILD_OUTPUTS)
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "-v", *paths], cwd=ROOT, capture_output=True, text=True
    )
    ignored = {line.split("\t")[-1] for line in result.stdout.splitlines()}
    assert ignored == set(paths), f"not ignored: {sorted(set(paths) - ignored)}"


def test_no_hand_written_file_is_git_ignored():
    # .gitignore ignores docs/ as a whole, less assets/ and dev/: a file people write must stay visible to git.
    ignored = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard", "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert not ignored, f"tracked files that .gitignore hides: {ignored}"


def test_nothing_generated_is_tracked():
    tracked = subprocess.run(
        ["git", "ls-files", "docs", *BUILD_OUTPUTS], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    generated = [
        t for t in tracked if any(t == f"docs/{p}" or t.startswith(f"docs/{p}/") for p in generated_docs_paths())
    ]
    assert not generated, generated


def test_clean_removes_what_generate_and_build_wrote_and_nothing_else(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert main(["--root", str(root), "build", "--no-offline"]) == 0
    assert (root / "site").is_dir() and (root / "docs/provinces").is_dir()
    assert main(["--root", str(root), "clean"]) == 0
    after = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert after == before
    assert "removed" in capsys.readouterr().out


def test_one_page_per_record_of_every_kind_and_language():
    checked_ = checked()
    ds = checked_.ds
    pages = pages_of(checked_)
    expected = sum(len(ds.records(k.name)) if k.per_record else 1 for k in page_kinds()) * 2
    assert len(pages) == expected == len({p.path for p in pages})
    assert {p.path.split("/")[0] for p in pages if "/" in p.path} == set(SECTIONS)
