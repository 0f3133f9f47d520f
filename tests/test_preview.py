"""`make serve ENGINE=zensical`: the atlas regenerates docs/ on every save and the engine's server
rebuilds from there. The watcher is tested with a stand-in for the engine's server (a process that
waits); tests/test_engines.py runs the real one, `make bench` times it."""
import subprocess
import sys
import threading
import time

from clusteratlas.paths import Paths
from clusteratlas.sitebuild import preview

from .helpers import replace_in


def _until(predicate, seconds: float, what: str, log: list):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; the watcher said: {log}")


def test_every_save_regenerates_a_mistake_is_reported_with_its_line_and_the_pages_stay(project):
    paths, lines = Paths(project), []
    assert preview.regenerate(paths, log=lines.append)
    page = project / "docs/provinces/jiangsu.en.md"
    engine = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    def watching():
        try:
            preview.watch(paths, engine, log=lines.append, interval=0.1)
        except BaseException as e:   # shown by _until, not lost in the thread
            lines.append(f"watch raised {e!r}")
            raise
    watcher = threading.Thread(target=watching)
    watcher.start()
    try:
        replace_in(project / "data/provinces.yaml", "{zh: 江苏, en: Jiangsu}", "{zh: 江苏, en: Jiangsu Preview}")
        _until(lambda: "Jiangsu Preview" in page.read_text(encoding="utf-8"), 60, "the edited name in the page", lines)
        replace_in(project / "data/sectors.yaml", "winners: 1\n", "winners: one\n")
        _until(lambda: any("data/sectors.yaml:" in line for line in lines), 60, "the mistake's report", lines)
        report = next(line for line in lines if "data/sectors.yaml:" in line)
        assert "expected a whole number, got 'one'" in report, report
        assert "Jiangsu Preview" in page.read_text(encoding="utf-8"), "the last good pages stay"
        assert engine.poll() is None and watcher.is_alive(), "a mistake stops neither the server nor the watcher"
        replace_in(project / "data/sectors.yaml", "winners: one\n", "winners: 1\n")
        replace_in(project / "data/provinces.yaml", "Jiangsu Preview", "Jiangsu Mended")
        _until(lambda: "Jiangsu Mended" in page.read_text(encoding="utf-8"), 60, "the page after the mistake was mended", lines)
    finally:
        engine.terminate()
        watcher.join(timeout=30)
    assert not watcher.is_alive(), "the watcher ends with the engine's server"


