"""Timings and counts for `make bench` and the build log, collected by one small helper instead
of dicts passed through the pipeline.

    with timing.collecting() as stats:        # one generate run
        with timing.step("charts"): ...        # adds stats["charts_s"]
        timing.count(pages=128)                # adds stats["pages"]
    timing.record("generate", stats)          # a line in $CLUSTERATLAS_TIMINGS, if set

Outside `collecting()`, step() and count() cost nothing and keep nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import time

_current: dict | None = None


@contextlib.contextmanager
def collecting():
    global _current
    previous, _current = _current, {}
    try:
        yield _current
    finally:
        _current = previous


@contextlib.contextmanager
def step(name: str):
    t0 = time.perf_counter()
    try:
        yield
    finally:
        if _current is not None:
            _current[f"{name}_s"] = _current.get(f"{name}_s", 0.0) + time.perf_counter() - t0


def count(**values) -> None:
    if _current is not None:
        _current.update(values)


def record(event: str, data: dict) -> None:
    """Append a timing record for `make bench` (only when CLUSTERATLAS_TIMINGS names a file)."""
    target = os.environ.get("CLUSTERATLAS_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"event": event, **data}) + "\n")
