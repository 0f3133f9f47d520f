"""Progress of a long build: a live bar per step on a terminal, one line per step in logs.

At ×100 a cold build draws charts for minutes; a maintainer at a terminal sees each step's bar
(rich), and a CI log gets one line per step with its count and seconds — no bars, no carriage
returns. Steps may run at once (the two MkDocs builds).
"""

from __future__ import annotations

import os
import sys
import time


def interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    def __init__(self, log=print, live: bool | None = None):
        self.log = log
        self.live = interactive() if live is None else live
        self._bars = None

    def __enter__(self):
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bars

            self._bars = Bars(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(bar_width=20),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._bars.__enter__()
        return self

    def __exit__(self, *exc):
        if self._bars is not None:
            self._bars.__exit__(*exc)
            self._bars = None

    def start(self, label: str, total: int | None = None) -> Step:
        task = self._bars.add_task(label, total=total) if self._bars is not None else None
        return Step(self, label, total, task)


class Step:
    def __init__(self, progress: Progress, label: str, total: int | None, task):
        self.progress, self.label, self.total, self.task = progress, label, total, task
        self.done = 0
        self.t0 = time.perf_counter()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.task is not None:
            self.progress._bars.advance(self.task, n)

    def finish(self, note: str = "") -> float:
        seconds = time.perf_counter() - self.t0
        if self.task is not None:
            bars = self.progress._bars
            bars.update(
                self.task,
                total=self.total or 1,
                completed=self.total or 1,
                description=f"{self.label}{' — ' + note if note else ''}",
            )  # seconds: the elapsed column
        else:
            count = f" {self.done}/{self.total}" if self.total else ""
            self.progress.log(f"clusteratlas: {self.label}{count}{' — ' + note if note else ''} ({seconds:.1f} s)")
        return seconds
