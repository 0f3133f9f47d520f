"""The editor's loop for an engine that runs no generator (`make serve ENGINE=zensical`): the atlas
looks at what generation reads (data/, templates/, content/, urls/, releases/, its own code) every
0.3 s, generates docs/ when something changed, and the engine's own server rebuilds from there.
A mistake in the data is printed with its file and line, and the pages stay as they were until a
save mends it. Under MkDocs the glue does this inside `mkdocs serve` (and shows the mistake in the
browser as well)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .. import safefs
from ..charts.fonts import FONT_DIR
from ..errors import DataError
from ..paths import Paths
from .buildstate import GENERATE_INPUTS, generated_fresh, input_files
from .engine.zensical import MOVED_CACHE, SERVE_PID, WORK_DIR, running, serve_command
from .generate import ensure_generated


def stamp(root: Path) -> tuple:
    """Every file generation reads, by name, size and modification time (a few ms)."""
    seen = []
    for name, path in input_files(root, GENERATE_INPUTS):
        try:
            st = path.stat()
            seen.append((name, st.st_size, st.st_mtime_ns))
        except OSError:  # removed between the listing and the look
            seen.append((name, None, None))
    return tuple(seen)


def regenerate(paths: Paths, log=print) -> bool:
    """docs/ made current; False, with the report logged, when the data has a mistake."""
    try:
        ensure_generated(paths, log=log)
        return True
    except DataError as e:
        log(e.report())
        return False


def watch(paths: Paths, alive, log=print, interval: float = 0.3) -> None:
    """Regenerate after every change while `alive()` (the engine's server runs), until Ctrl-C.
    An edit saved while a generation runs is seen by the next look."""
    seen = stamp(paths.root)
    # An edit saved after the last generation and before this first look (the watcher's process
    # starts beside the server: a second or more) is in no stamp: generate for it now.
    if not generated_fresh(paths.root):
        regenerate(paths, log)
    try:
        while alive():
            time.sleep(interval)
            now = stamp(paths.root)
            if now != seen:
                seen = now
                regenerate(paths, log)
    except KeyboardInterrupt:
        pass


def serve(paths: Paths, engine: str, lang: str, dev_addr: str, log=print) -> int:
    """`make serve`: MkDocs' own server (its glue generates, both languages), or Zensical's for
    one language with the watcher beside it, in a process of its own (`watch_beside`)."""
    if engine == "mkdocs":
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr], cwd=paths.root)
        try:
            return server.wait()
        except KeyboardInterrupt:  # the terminal sent Ctrl-C to both: MkDocs shuts down by itself
            return server.wait()
    command = serve_command(paths.root, lang, dev_addr)  # EngineMissing when Zensical is not installed
    regenerate(paths, log)
    log(
        f"clusteratlas: Zensical serves the {lang} pages at http://{dev_addr}/ (one language; the other: --lang); "
        "docs/ is generated again after every save to data/, templates/ or content/ — Ctrl-C stops"
    )
    env = _cache_while_zensical_serves(paths)  # before Zensical's server moves it
    # The server in a session of its own: a closed terminal's SIGHUP (or the SIGQUIT of Ctrl-backslash) killed it
    # outright, before it could put the atlas's cache back. Every stop signal reaches this process
    # instead, which stops the server with SIGTERM (it restores the cache then) in the finally below.
    server = subprocess.Popen(command, cwd=paths.root, env=dict(os.environ, NO_COLOR="1"), start_new_session=True)
    pid_file = paths.root / WORK_DIR / SERVE_PID
    safefs.write_new(pid_file, f"{server.pid}\n".encode())
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, lambda n, _: sys.exit(128 + n))
    watcher = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clusteratlas",
            "--root",
            str(paths.root),
            "serve",
            "--engine",
            "zensical",
            "--watch-beside",
            str(server.pid),
        ],
        env=env,
    )
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches this process and the watcher; the server is stopped below
        return 130
    finally:
        for process in (server, watcher):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        safefs.remove(pid_file)


def watch_beside(paths: Paths, server_pid: int, log=print) -> int:
    """The watcher's process: looks at the inputs until the server's process is gone."""
    moved = paths.root / MOVED_CACHE
    if any(os.environ.get(v, "").startswith(str(moved)) for v in ("CLUSTERATLAS_CACHE_DIR", "CLUSTERATLAS_FONT_DIR")):
        while not moved.is_dir() and running(server_pid):  # the server moves the atlas's cache there first
            time.sleep(0.1)
    watch(paths, lambda: running(server_pid), log)
    return 0


# zensical-i18n keeps Zensical's cache in <root>/.cache, the atlas's cache folder too: while it serves,
# it moves what is there (the atlas's fonts, charts and cards) to <root>/.zensical-i18n/cache/.project,
# and back when it stops. The watcher's process is told where they are meanwhile.


def _cache_while_zensical_serves(paths: Paths) -> dict[str, str]:
    held = Path(os.path.realpath(paths.root / ".cache"))
    env = dict(os.environ)
    for variable, folder in (("CLUSTERATLAS_CACHE_DIR", paths.cache), ("CLUSTERATLAS_FONT_DIR", FONT_DIR)):
        real = Path(os.path.realpath(folder))
        if real == held or held in real.parents:
            env[variable] = str(paths.root / MOVED_CACHE / real.relative_to(held))
    return env
