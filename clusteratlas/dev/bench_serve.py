"""`make bench`, the editor's loop: seconds from saving a data file to the served page showing the
edit under `mkdocs serve`, and how many rebuilds one edit causes (one: the generator's own writes
into docs/ are not watched). Beside it, Zensical's time for the same rebuild (it has no server that
runs the generator: generate, then `clusteratlas build --engine zensical`)."""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BUILDING = "Building documentation..."


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _until(predicate, seconds: float) -> float:
    start, end = time.perf_counter(), time.perf_counter() + seconds
    while time.perf_counter() < end:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"not within {seconds} s")


def serve_latency(root: Path, edits: int = 3, log=print) -> dict:
    """Start `mkdocs serve` in the project copy `root`, edit one province's English name `edits`
    times, and time each save until the served page shows it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = root / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(out, "w") as f:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                                stdout=f, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/en/provinces/jiangsu/"
    provinces = root / "data" / "provinces.yaml"
    seconds, builds = [], []
    try:
        _until(lambda: "Jiangsu" in _get(url), 120)
        current = "Jiangsu"
        for i in range(edits):
            time.sleep(2)   # the watcher settles after the previous build
            before = out.read_text().count(BUILDING)
            text, name = provinces.read_text(encoding="utf-8"), f"Jiangsu edit {i}"
            provinces.write_text(text.replace(f"{{zh: 江苏, en: {current}}}", f"{{zh: 江苏, en: {name}}}", 1), encoding="utf-8")
            current = name
            seconds.append(_until(lambda name=name: name in _get(url), 60))
            time.sleep(3)   # a second rebuild, if the edit caused one, has started by now
            builds.append(out.read_text().count(BUILDING) - before)
            log(f"bench serve: edit {i + 1}/{edits} shown after {seconds[-1]:.1f} s, {builds[-1]} rebuild(s)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"save_to_page_s": statistics.median(seconds), "runs_s": seconds, "rebuilds_per_edit": max(builds)}


def zensical_rebuild(root: Path) -> float | None:
    """Seconds of `clusteratlas build --engine zensical` after the same kind of edit, or None
    when Zensical is not installed."""
    import importlib.util
    if importlib.util.find_spec("zensical_i18n") is None:
        return None
    provinces = root / "data" / "provinces.yaml"
    provinces.write_text(provinces.read_text(encoding="utf-8").replace("Jiangsu edit", "Jiangsu zensical edit", 1), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "clusteratlas", "--root", str(root), "build", "--engine", "zensical", "--no-offline"],
                   check=True, capture_output=True)
    return time.perf_counter() - start
