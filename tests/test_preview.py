"""`make serve ENGINE=zensical`: the atlas regenerates docs/ on every save and the engine's server
rebuilds from there. The watcher runs in a process of its own, as under `clusteratlas serve`,
beside a stand-in for the engine's server (a process that waits); tests/test_engines.py runs the
real one, `make bench` times it."""

import subprocess
import sys
import time

from .helpers import replace_in

# The watcher, as clusteratlas serve runs it (main thread: the chart pool forks from there), with a
# stand-in server; SIGTERM ends both.
WATCHER = """
import signal, subprocess, sys
from pathlib import Path
from clusteratlas.paths import Paths
from clusteratlas.sitebuild import preview
paths = Paths(Path(sys.argv[1]))
assert preview.regenerate(paths)
print("watching", flush=True)
server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
try:
    preview.watch(paths, lambda: server.poll() is None, log=lambda m: print(m, flush=True), interval=0.1)
finally:
    server.terminate()
"""


def _until(predicate, seconds: float, what: str, log):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; the watcher said: {log.read_text(encoding='utf-8')[-3000:]}")


def test_every_save_regenerates_a_mistake_is_reported_with_its_line_and_the_pages_stay(project, tmp_path):
    page, log = project / "docs/provinces/jiangsu.en.md", tmp_path / "watch.log"
    with open(log, "w") as out:
        watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(project)], stdout=out, stderr=subprocess.STDOUT)
    try:
        _until(lambda: "watching" in log.read_text(encoding="utf-8"), 120, "the first generation", log)
        replace_in(project / "data/provinces.yaml", "{zh: 江苏, en: Jiangsu}", "{zh: 江苏, en: Jiangsu Preview}")
        _until(lambda: "Jiangsu Preview" in page.read_text(encoding="utf-8"), 60, "the edited name in the page", log)
        replace_in(project / "data/sectors.yaml", "winners: 1\n", "winners: one\n")
        _until(lambda: "data/sectors.yaml:" in log.read_text(encoding="utf-8"), 60, "the mistake's report", log)
        assert "expected a whole number, got 'one'" in log.read_text(encoding="utf-8")
        assert "Jiangsu Preview" in page.read_text(encoding="utf-8"), "the last good pages stay"
        assert watcher.poll() is None, "a mistake does not stop the watcher"
        replace_in(project / "data/sectors.yaml", "winners: one\n", "winners: 1\n")
        replace_in(project / "data/provinces.yaml", "Jiangsu Preview", "Jiangsu Mended")
        _until(
            lambda: "Jiangsu Mended" in page.read_text(encoding="utf-8"),
            60,
            "the page after the mistake was mended",
            log,
        )
    finally:
        watcher.terminate()
        assert watcher.wait(timeout=30) == 143, log.read_text(encoding="utf-8")[-2000:]


def test_an_edit_saved_before_the_watcher_first_looks_is_generated(project):
    """The watcher's process starts a second or more after `make serve` generated (beside the
    server): a save in between is in no stamp the watcher compares, and was lost until the next one."""
    from clusteratlas.paths import Paths
    from clusteratlas.sitebuild import preview

    page = project / "docs/provinces/jiangsu.en.md"
    assert preview.regenerate(Paths(project), log=lambda *_: None)
    replace_in(project / "data/provinces.yaml", "{zh: 江苏, en: Jiangsu}", "{zh: 江苏, en: Jiangsu Early}")
    looks = iter([True, False])  # one look, then the server is gone
    preview.watch(Paths(project), lambda: next(looks), log=lambda *_: None, interval=0)
    assert "Jiangsu Early" in page.read_text(encoding="utf-8")
