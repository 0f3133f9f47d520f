"""Two builds in one folder: the second waits for the first, and both leave a whole site."""

import json
import subprocess
import sys
import time

from .conftest import copy_project


def test_two_builds_at_once_wait_for_each_other(tmp_path):
    root = copy_project(tmp_path / "project")
    cmd = [sys.executable, "-m", "clusteratlas", "--root", str(root), "build", "--no-offline"]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lock = root / ".build.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip()):  # the first build holds the lock
        assert time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.05)
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    out_first, _ = first.communicate(timeout=600)
    assert first.returncode == 0, out_first
    assert second.returncode == 0, second.stdout + second.stderr
    assert "waiting for the build already running" in second.stdout + second.stderr
    site = root / "site"
    # What the race once broke: the English search index and the English pages' search base.
    en = json.loads((site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert len(en["docs"]) > 100
    page = (site / "en/provinces/jiangsu/index.html").read_text(encoding="utf-8")
    assert '"base": "../../../en/"' in page, "English pages search the English index"
    assert not (root / "site.new").exists()
