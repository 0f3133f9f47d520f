"""Links out of the tree (hostile inputs, round 3): a symbolic link the build reads is refused
with a located message, and a link at a name the build writes, truncates or deletes is never
followed — its target stays as it was."""

import os
from pathlib import Path

import pytest

from .conftest import run_cli


@pytest.fixture
def secret(tmp_path) -> Path:
    p = tmp_path / "outside" / "secret.txt"
    p.parent.mkdir()
    p.write_text("CI_TOKEN=do-not-publish\n", encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "where", ["docs/env.txt", "overrides/partials/leak.html", "templates/partials/leak.md.j2", "docs/assets/leak"]
)
def test_a_link_out_of_a_tree_the_build_reads_is_refused_with_its_path(project, secret, where):
    link = project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret if not where.endswith("leak") else secret.parent, link)
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{where}: is a symbolic link to" in result.stderr and "outside the project" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "do-not-publish" not in result.stdout + result.stderr


def test_a_link_inside_the_project_is_allowed(project):
    os.symlink("../../data/sources.yaml", project / "docs/assets/sources.yaml")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 0, result.stderr


def test_a_generated_folder_that_is_a_link_is_refused_and_its_target_untouched(project, secret):
    os.symlink(secret.parent, project / "docs/api")
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1
    assert "docs/api: is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in secret.parent.iterdir()) == ["secret.txt"]
    assert secret.read_text(encoding="utf-8") == "CI_TOKEN=do-not-publish\n"


def test_links_at_the_builds_scratch_names_are_never_followed(project, tmp_path):
    """.build.lock (truncated by the lock), .build-state.json.tmp (written) and site.new
    (emptied by MkDocs) as links to files and a folder outside: a build leaves all of them as
    they were, and builds the site."""
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "lock-target").write_text("precious 1\n", encoding="utf-8")
    (keep / "state-target").write_text("precious 2\n", encoding="utf-8")
    (keep / "folder").mkdir()
    (keep / "folder" / "file").write_text("precious 3\n", encoding="utf-8")
    os.symlink(keep / "lock-target", project / ".build.lock")
    os.symlink(keep / "state-target", project / ".build-state.json.tmp")
    os.symlink(keep / "folder", project / "site.new")
    result = run_cli("--root", str(project), "build", "--no-offline")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (keep / "lock-target").read_text(encoding="utf-8") == "precious 1\n"
    assert (keep / "state-target").read_text(encoding="utf-8") == "precious 2\n"
    assert (keep / "folder" / "file").read_text(encoding="utf-8") == "precious 3\n"
    assert (project / "site" / "index.html").is_file()


def test_a_page_in_docs_named_with_html_is_refused(project):
    """Material inserted a heading-less page's title (its file name) into search results as HTML."""
    (project / "docs" / "<img src=x onerror=alert(1)>.md").write_text("no heading\n", encoding="utf-8")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert (
        "docs/<img src=x onerror=alert(1)>.md: has a name with characters a page address cannot hold" in result.stderr
    )


@pytest.mark.parametrize("where, target", [("docs/loop", "."), ("docs/assets/up", ".."), ("docs/a", "a")])
def test_a_link_that_leads_back_to_itself_is_refused_before_mkdocs_walks_it(project, where, target):
    """Round 3's leftover: a loop in docs/ ended in a MkDocs traceback ("Too many levels of symbolic links")."""
    os.symlink(target, project / where)
    result = run_cli("--root", str(project), "build", "--no-offline")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{where}: is a symbolic link to '{target}', which leads back to itself" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Too many levels" not in result.stderr
