"""The engine process of `clusteratlas build`: MkDocs or Zensical, into a scratch folder. A run is
made before generation and told to `go()` after it (or `cancel()`ed if generation fails): MkDocs
starts at once and waits, loaded (mkdocs_child.py). `wait` collects it and fails the build, naming
the engine, if it fails. (The offline bundle is derived from the built site, offline.py, most of
it while MkDocs builds: MkDocsRun hands on the name of each page MkDocs writes, `written`, ahead.py.
MkDocsRun can still build the bundle itself, offline=True.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from ... import safefs, timing
from ...errors import BuildFailed, DataError
from ..postbuild import finish_site
from . import zensical


class MkDocsRun:
    """`mkdocs build --strict` into `out`: the same build as a plain `mkdocs build` (the plugin runs
    the post-processing, see postbuild.py). The process starts at once and loads what every build
    loads first (mkdocs_child.py); it builds on `go()`, once docs/ is generated, or ends on
    `cancel()`."""

    def __init__(self, paths, out: Path, offline: bool, progress, settings, written=None):
        safefs.remove(out)  # a link at site.new is removed, never followed (MkDocs would empty its target)
        self.out, self.progress, self.offline = out, progress, offline
        # The plugin finds docs/ fresh (buildstate.generated_fresh): generate() has run by go().
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CLUSTERATLAS_OFFLINE="true" if offline else "false")
        env.pop("CLUSTERATLAS_WRITTEN_FD", None)  # only ever this build's own pipe
        fds = ()
        if written is not None:  # told each HTML file as MkDocs writes it (mkdocs_child.announce_writes)
            reading, writing = os.pipe()
            env["CLUSTERATLAS_WRITTEN_FD"], fds = str(writing), (writing,)
        cmd = [
            sys.executable,
            "-m",
            "clusteratlas.sitebuild.engine.mkdocs_child",
            str(paths.root),
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(paths.root / "mkdocs.yml"),
            "-d",
            str(out),
        ]
        try:
            self.proc = subprocess.Popen(cmd, cwd=paths.root, env=env, stdin=subprocess.PIPE, pass_fds=fds)
        except BaseException:
            if fds:
                os.close(reading)
            raise
        finally:
            for fd in fds:
                os.close(fd)  # the child's end: the listener sees the end once the child has ended
        self.listener = None
        if written is not None:
            self.listener = threading.Thread(target=_listen, args=(reading, written), daemon=True)
            self.listener.start()
        self.name, self.timing = f"mkdocs build{' (offline)' if offline else ''}", ("mkdocs", {"offline": offline})

    def go(self) -> None:
        self.step = self.progress.start("mkdocs: offline build" if self.offline else "mkdocs: site, both languages")
        try:
            self.proc.stdin.write(b"build\n")
            self.proc.stdin.close()
        except BrokenPipeError:
            pass  # the process has ended already: wait() reports its exit

    def cancel(self) -> None:
        """Generation failed or was stopped: the waiting process ends without building."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait()

    def output(self) -> str:
        return ""  # MkDocs wrote its messages to the terminal already

    def finish(self) -> None:
        # The plugin ran the post-build inside MkDocs. The names MkDocs gave last are handed on
        # before anyone looks at what it wrote.
        if self.listener is not None:
            self.listener.join()


class ZensicalRun:
    """zensical-i18n into `out`, then the atlas's post-build (Zensical runs no plugins)."""

    timing = ("zensical", {})

    def __init__(self, paths, out: Path, offline: bool, progress, settings):
        self.out, self.paths, self.site_url = out, paths, settings.site_url
        self.scratch, self.log = paths.root / zensical.SCRATCH, paths.root / zensical.WORK_DIR / "build.log"
        for old in (out, self.scratch):
            safefs.remove(old)
        self.progress, self.proc, self.name = progress, None, "zensical build"

    def go(self) -> None:
        self.log.parent.mkdir(exist_ok=True)
        self.step = self.progress.start("zensical: site, both languages")
        self.proc = zensical.start(self.paths.root, self.log)

    def cancel(self) -> None:
        pass  # started by go() only: Zensical reads its whole config at start

    def output(self) -> str:
        # Zensical's report, its last lines (its warnings about links come first and are many),
        # a Python traceback in it reduced to the error, located in the project (zensical.py).
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.is_file() else ""
        lines = zensical.readable_report(text, self.paths.root)
        return ":\n" + "\n".join(lines[-15:]) if lines else ""

    def finish(self) -> None:
        shutil.move(self.scratch, self.out)
        finish_site(self.out, self.paths.root, offline=False, site_url=self.site_url)


def _listen(fd: int, written) -> None:
    """Hand each path the MkDocs process names to `written`, until it closes its end."""
    with open(fd, "rb") as channel:
        pending = b""
        while chunk := channel.read1(65536):
            *names, pending = (pending + chunk).split(b"\0")
            for name in names:
                written(Path(os.fsdecode(name)))


def wait(runs: list) -> None:
    failed = []
    pending = list(runs)
    while pending:
        for run in list(pending):
            if run.proc.poll() is None:
                continue
            pending.remove(run)
            if run.proc.returncode != 0:
                failed.append(f"{run.name} failed (exit {run.proc.returncode})" + run.output())
                for other in pending:  # no point finishing the other: nothing will be replaced
                    other.proc.terminate()
                continue
            try:
                run.finish()
            except (BuildFailed, DataError) as e:
                failed.append(str(e) if isinstance(e, BuildFailed) else e.report())
            else:
                event, fields = run.timing
                timing.record(event, {**fields, "seconds": run.step.finish()})
        time.sleep(0.05)
    for run in runs:
        run.proc.wait()
        if failed:
            safefs.remove(run.out)
    if failed:
        raise BuildFailed("; ".join(failed) + "; the previous site/ and dist/ are untouched")
