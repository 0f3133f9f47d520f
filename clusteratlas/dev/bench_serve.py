"""`make bench`, the editor's loop: seconds from saving a data file to the served page showing the
edit under `mkdocs serve`, and how many rebuilds one edit causes (one: the generator's own writes
into docs/ are not watched), with the seconds of generation and of MkDocs' own build. Beside it,
Zensical's time for the same edits: under `make serve ENGINE=zensical` (one language) and as a
whole build (`clusteratlas build --engine zensical`)."""

from __future__ import annotations

import importlib.util
import os
import re
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


def free_port() -> int:
    """A port no one listens on now, for a server started next."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = free_port()
    out = root / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(out, "w") as f:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=f,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/en/provinces/jiangsu/"
    provinces = root / "data" / "provinces.yaml"
    seconds, builds, parts, run = [], [], [], time.time_ns() // 1000 % 10**9
    try:
        _until(lambda: "Jiangsu" in _get(url), 120)
        current = "Jiangsu"
        for i in range(edits):
            time.sleep(2)  # the watcher settles after the previous build
            before = out.read_text().count(BUILDING)
            # A name never drawn before (the charts' cache outlives a run): its charts are drawn, as for an editor.
            text, name = provinces.read_text(encoding="utf-8"), f"Jiangsu edit {run}-{i}"
            provinces.write_text(
                text.replace(f"{{zh: 江苏, en: {current}}}", f"{{zh: 江苏, en: {name}}}", 1), encoding="utf-8"
            )
            current = name
            seconds.append(_until(lambda name=name: name in _get(url), 60))
            time.sleep(3)  # a second rebuild, if the edit caused one, has started by now
            text = out.read_text()
            builds.append(text.count(BUILDING) - before)
            generated, built = _shares(text)
            parts.append((generated, built - generated))
            log(
                f"bench serve: edit {i + 1}/{edits} shown after {seconds[-1]:.1f} s, {builds[-1]} rebuild(s) "
                f"(generation {generated:.1f} s, MkDocs {built - generated:.1f} s)"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "save_to_page_s": statistics.median(seconds),
        "runs_s": seconds,
        "rebuilds_per_edit": max(builds),
        "generate_s": statistics.median(g for g, _ in parts),
        "mkdocs_s": statistics.median(m for _, m in parts),
    }


def _shares(log_text: str) -> tuple[float, float]:
    """The last rebuild's generation seconds (the glue's report) and whole build seconds (MkDocs')."""
    generated = re.findall(r"clusteratlas: \d+ files — .*\(([\d.]+) s\)", log_text)
    built = re.findall(r"Documentation built in ([\d.]+) seconds", log_text)
    return float(generated[-1]) if generated else 0.0, float(built[-1]) if built else 0.0


def zensical_serve_latency(root: Path, edits: int = 3, log=print) -> dict | None:
    """The same edits under `make serve ENGINE=zensical` (`clusteratlas serve --engine zensical`,
    English: Zensical serves one language), or None when Zensical is not installed: the atlas's
    watcher generates after each save (it looks every 0.3 s), zensical-i18n copies the changed
    pages to its staging folder (every 0.5 s) and Zensical rebuilds. No post-build runs under it."""
    if importlib.util.find_spec("zensical_i18n") is None:
        return None
    port = free_port()
    out = root / "zensical-serve.log"
    with open(out, "w") as f:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "clusteratlas",
                "--root",
                str(root),
                "serve",
                "--engine",
                "zensical",
                "--lang",
                "en",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=f,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, NO_COLOR="1", PYTHONUNBUFFERED="1"),
        )
    url = f"http://127.0.0.1:{port}/provinces/jiangsu/"
    provinces = root / "data" / "provinces.yaml"
    seconds, generation, run = [], [], time.time_ns() // 1000 % 10**9
    try:
        current = re.search(r"\{zh: 江苏, en: ([^}]*)\}", provinces.read_text(encoding="utf-8")).group(1)
        _until(lambda: current in _get(url), 120)
        _quiet(out, 3)  # Zensical serves the first pages before its first build is done: let it finish
        for i in range(edits):
            time.sleep(2)
            name = f"Jiangsu zensical {run}-{i}"
            provinces.write_text(
                provinces.read_text(encoding="utf-8").replace(
                    f"{{zh: 江苏, en: {current}}}", f"{{zh: 江苏, en: {name}}}", 1
                ),
                encoding="utf-8",
            )
            current = name
            seconds.append(_until(lambda name=name: name in _get(url), 60))
            generation.append(_shares(out.read_text(encoding="utf-8"))[0])
            log(
                f"bench serve (Zensical): edit {i + 1}/{edits} shown after {seconds[-1]:.1f} s "
                f"(generation {generation[-1]:.1f} s)"
            )
    finally:
        proc.terminate()  # SIGTERM: the atlas stops Zensical's server with it
        proc.wait(timeout=30)
    return {
        "save_to_page_s": statistics.median(seconds),
        "runs_s": seconds,
        "generate_s": statistics.median(generation),
    }


def _quiet(log: Path, seconds: float, limit: float = 120) -> None:
    """Wait until `log` has not grown for `seconds`."""
    end, size, since = time.perf_counter() + limit, -1, time.perf_counter()
    while time.perf_counter() < end:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.perf_counter()
        elif time.perf_counter() - since >= seconds:
            return
        time.sleep(0.25)


def zensical_rebuild(root: Path) -> float | None:
    """Seconds of `clusteratlas build --engine zensical` after the same kind of edit, or None
    when Zensical is not installed."""
    if importlib.util.find_spec("zensical_i18n") is None:
        return None
    provinces = root / "data" / "provinces.yaml"
    provinces.write_text(
        provinces.read_text(encoding="utf-8").replace("{zh: 江苏, en: Jiangsu", "{zh: 江苏, en: Jiangsu rebuilt", 1),
        encoding="utf-8",
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "clusteratlas", "--root", str(root), "build", "--engine", "zensical", "--no-offline"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start
