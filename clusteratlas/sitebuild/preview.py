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

from ..errors import DataError
from ..paths import Paths
from .buildstate import GENERATE_INPUTS, input_files
from .generate import ensure_generated


def stamp(root: Path) -> tuple:
    """Every file generation reads, by name, size and modification time (a few ms)."""
    seen = []
    for name, path in input_files(root, GENERATE_INPUTS):
        try:
            st = path.stat()
            seen.append((name, st.st_size, st.st_mtime_ns))
        except OSError:   # removed between the listing and the look
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


def watch(paths: Paths, engine: subprocess.Popen, log=print, interval: float = 0.3) -> int:
    """Regenerate after every change until the engine's server exits or Ctrl-C stops both; the
    engine's exit status. An edit saved while a generation runs is seen by the next look."""
    seen = stamp(paths.root)
    try:
        while engine.poll() is None:
            time.sleep(interval)
            now = stamp(paths.root)
            if now != seen:
                seen = now
                regenerate(paths, log)
    except KeyboardInterrupt:
        pass
    finally:
        if engine.poll() is None:
            engine.terminate()
            engine.wait(timeout=30)
    return engine.returncode


def serve(paths: Paths, engine: str, lang: str, dev_addr: str, log=print) -> int:
    """`make serve`: MkDocs' own server (its glue generates, both languages), or Zensical's for
    one language with `watch` beside it."""
    if engine == "mkdocs":
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr], cwd=paths.root)
        try:
            return server.wait()
        except KeyboardInterrupt:   # the terminal sent Ctrl-C to both: MkDocs shuts down by itself
            return server.wait()
    from .engine.zensical import serve_command
    command = serve_command(paths.root, lang, dev_addr)   # EngineMissing when Zensical is not installed
    regenerate(paths, log)
    log(f"clusteratlas: Zensical serves the {lang} pages at http://{dev_addr}/ (one language; the other: --lang); "
        "docs/ is generated again after every save to data/, templates/ or content/ — Ctrl-C stops")
    server = subprocess.Popen(command, cwd=paths.root, env=dict(os.environ, NO_COLOR="1"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # `kill` stops Zensical's server too (watch's finally)
    return watch(paths, server, log)

