"""`make bench`: build times and peak memory on the real data and on synthetic data ×10, ×100.

Each scale is built in a private copy of the project with a private chart cache:
  cold      — `python -m clusteratlas build` from nothing (generate, charts, MkDocs, the offline bundle
              derived from the site, zip)
  plain     — a plain `mkdocs build` of the pages the cold build generated: the yardstick
  no-change — the same build again (it should reuse site/ and the bundle)
  edit      — after renaming one province (Jiangsu's English name)
At ×1 each is run --repeat times and the median kept. Prints a table and the targets of issue 34
as ratios, and writes bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from ..paths import ROOT
from .project import copy_project
from .synthetic import scale_data


def _run(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB of the process tree, stderr."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{err}")
    return wall, usage.ru_maxrss / 1024, err


def run_build(root: Path, cache: Path) -> dict:
    """One `python -m clusteratlas build`: wall time, peak memory, and the timing records."""
    timings = root / "timings.jsonl"
    timings.unlink(missing_ok=True)
    env = dict(os.environ, CLUSTERATLAS_CACHE_DIR=str(cache), CLUSTERATLAS_TIMINGS=str(timings))
    wall, peak, _ = _run([sys.executable, "-m", "clusteratlas", "--root", str(root), "build"], env, root)
    records = [json.loads(line) for line in timings.read_text(encoding="utf-8").splitlines()]
    gen = next((r for r in records if r["event"] == "generate"), {})
    online = [r for r in records if r["event"] == "mkdocs" and not r["offline"]]
    # The offline bundle: derived from the site (event "offline"); a second MkDocs build before.
    offline = [r for r in records if r["event"] == "offline" or (r["event"] == "mkdocs" and r["offline"])]
    return {
        "wall_s": wall,
        "peak_mb": peak,
        "reused": any(r["event"] == "reused" for r in records),
        "pages": gen.get("pages", 0),
        "charts": gen.get("charts", 0),
        "charts_rendered": gen.get("charts_rendered", 0),
        "files_written": gen.get("written", 0),
        "load_validate_s": gen.get("load_validate_s", 0.0),
        "render_s": gen.get("render_s", 0.0),
        "charts_s": gen.get("charts_s", 0.0),
        "generate_s": gen.get("generate_s", 0.0),
        "mkdocs_s": online[0]["seconds"] if online else 0.0,
        "mkdocs_offline_s": offline[0]["seconds"] if offline else 0.0,
        "zip_s": next((r["seconds"] for r in records if r["event"] == "zip"), 0.0),
    }


def run_plain(root: Path, cache: Path) -> float:
    """A plain `mkdocs build` of the pages the last build generated (no generation, no charts, no
    offline bundle): the yardstick of the targets."""
    env = dict(os.environ, CLUSTERATLAS_CACHE_DIR=str(cache), NO_MKDOCS_2_WARNING="1")
    out = root / "site.plain"
    wall, _, _ = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)], env, root)
    shutil.rmtree(out)
    return wall


def _median(runs: list[dict]) -> dict:
    """The run with the median wall time (its own breakdown, not a mix of runs)."""
    return sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]


def bench_scale(factor: int, work: Path, repeat: int = 1, log=print) -> dict:
    """cold, no-change and edit builds `repeat` times (the median is kept), and plain MkDocs."""
    colds, agains, edits, plains = [], [], [], []
    for i in range(repeat):
        root = copy_project(work / f"x{factor}-{i}")
        if factor > 1:
            scale_data(ROOT / "data", root / "data", factor)
        cache = work / f"cache-x{factor}-{i}"
        log(f"bench ×{factor} ({i + 1}/{repeat}): cold build…")
        colds.append(run_build(root, cache))
        log(f"bench ×{factor} ({i + 1}/{repeat}): plain mkdocs build…")
        plains.append(run_plain(root, cache))
        log(f"bench ×{factor} ({i + 1}/{repeat}): no-change rebuild…")
        agains.append(run_build(root, cache))
        provinces = root / "data" / "provinces.yaml"
        records = yaml.safe_load(provinces.read_text(encoding="utf-8"))
        next(p for p in records if p["id"] == "jiangsu")["name"]["en"] = "Jiangsu (edited)"
        provinces.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
        log(f"bench ×{factor} ({i + 1}/{repeat}): rebuild after editing one province…")
        edits.append(run_build(root, cache))
        shutil.rmtree(root)
    return {
        "factor": factor,
        "repeat": repeat,
        "plain_s": sorted(plains)[len(plains) // 2],
        "cold": _median(colds),
        "no_change": _median(agains),
        "edit_province": _median(edits),
    }


def targets(results: list[dict]) -> list[tuple[str, bool, str]]:
    """(target, met, the measured figure) for each target of issue 34 (speed: cold within 2× plain,
    an edit within 1.5×, no change within 10% of cold) and issue 7 (scaling)."""
    by = {r["factor"]: r for r in results}
    out = []
    for r in results:
        f, plain, c, n, e = r["factor"], r["plain_s"], r["cold"], r["no_change"], r["edit_province"]
        out.append(
            (
                f"cold build within 2× a plain MkDocs build, ×{f}",
                c["wall_s"] <= 2 * plain,
                f"{c['wall_s']:.1f} s vs {plain:.1f} s ({c['wall_s'] / plain:.2f}×)",
            )
        )
        out.append(
            (
                f"no-change build within 10% of a cold build, reusing site and bundle, ×{f}",
                n["wall_s"] <= 0.1 * c["wall_s"] and n["reused"],
                f"{n['wall_s']:.2f} s vs {c['wall_s']:.1f} s ({100 * n['wall_s'] / c['wall_s']:.0f}%)"
                + ("" if n["reused"] else ", not reused"),
            )
        )
        out.append(
            (
                f"editing one province within 1.5× a plain MkDocs build, ×{f}",
                e["wall_s"] <= 1.5 * plain,
                f"{e['wall_s']:.1f} s vs {plain:.1f} s ({e['wall_s'] / plain:.2f}×); "
                f"{e['charts_rendered']} charts drawn, {e['files_written']} files written",
            )
        )
    if 1 in by:
        base = by[1]["cold"]["mkdocs_s"] / by[1]["cold"]["pages"]
        for f in sorted(by):
            if f != 1:
                per = by[f]["cold"]["mkdocs_s"] / by[f]["cold"]["pages"]
                out.append(
                    (
                        f"MkDocs cost per page at ×{f} within 1.5× of ×1",
                        per <= 1.5 * base,
                        f"{per * 1000:.1f} ms vs {base * 1000:.1f} ms ({per / base:.2f}×)",
                    )
                )
    return out


def table(results: list[dict]) -> str:
    head = [
        "scale",
        "pages",
        "charts",
        "drawn",
        "plain s",
        "cold s",
        "×plain",
        "generate s",
        "charts s",
        "mkdocs s",
        "offline s",
        "zip s",
        "no-change s",
        "% cold",
        "edit s",
        "×plain",
        "edit drawn",
        "peak MB",
        "ms/page",
    ]
    rows = []
    for r in results:
        c, n, e, plain = r["cold"], r["no_change"], r["edit_province"], r["plain_s"]
        rows.append(
            [
                f"×{r['factor']}",
                c["pages"],
                c["charts"],
                c["charts_rendered"],
                f"{plain:.1f}",
                f"{c['wall_s']:.1f}",
                f"{c['wall_s'] / plain:.2f}",
                f"{c['generate_s']:.1f}",
                f"{c['charts_s']:.1f}",
                f"{c['mkdocs_s']:.1f}",
                f"{c['mkdocs_offline_s']:.1f}",
                f"{c['zip_s']:.1f}",
                f"{n['wall_s']:.2f}",
                f"{100 * n['wall_s'] / c['wall_s']:.0f}%",
                f"{e['wall_s']:.1f}",
                f"{e['wall_s'] / plain:.2f}",
                e["charts_rendered"],
                f"{max(c['peak_mb'], n['peak_mb'], e['peak_mb']):.0f}",
                f"{1000 * c['mkdocs_s'] / c['pages']:.1f}",
            ]
        )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def _write(out: Path, results: list[dict], serve: dict | None = None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    checks = targets(results)
    out.write_text(
        json.dumps(
            {
                "machine": machine(),
                "date": time.strftime("%Y-%m-%d"),
                "table": table(results),
                "results": results,
                "serve": serve,
                "targets": [dict(target=n, met=m, figure=f) for n, m, f in checks],
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m clusteratlas.dev.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10", help="comma-separated factors (default 1,10; ×100 takes ~15 min)")
    ap.add_argument("--repeat", type=int, default=3, help="runs at ×1, the median is reported (default 3)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = ap.parse_args(argv)
    factors = [int(f) for f in args.scales.split(",")]
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="clusteratlas-bench-") as tmp:
        for f in factors:  # results are written after each scale: a long ×100 run loses nothing
            results.append(
                bench_scale(
                    f,
                    Path(tmp),
                    repeat=args.repeat if f == 1 else 1,
                    log=lambda m: print(m, file=sys.stderr, flush=True),
                )
            )
            _write(args.out, results)
        from .bench_serve import serve_latency, zensical_rebuild, zensical_serve_latency

        root = copy_project(Path(tmp) / "serve")
        serve = serve_latency(root, log=lambda m: print(m, file=sys.stderr, flush=True))
        serve["zensical_serve"] = zensical_serve_latency(root, log=lambda m: print(m, file=sys.stderr, flush=True))
        serve["zensical_rebuild_s"] = zensical_rebuild(root)
    checks = targets(results)
    print(table(results))
    print()
    for name, met, figure in checks:
        print(f"{'MET ' if met else 'NOT MET'} {name}: {figure}")
    z = serve["zensical_rebuild_s"]
    print(
        f"{'MET ' if serve['rebuilds_per_edit'] == 1 else 'NOT MET'} one rebuild per edit under mkdocs serve: "
        f"{serve['rebuilds_per_edit']}"
    )
    zs = serve["zensical_serve"]
    print(
        f"{'MET ' if serve['save_to_page_s'] <= 3 else 'NOT MET'} "
        "an edit to data/ served within 3 s of saving (mkdocs serve): "
        f"{serve['save_to_page_s']:.1f} s (median of {len(serve['runs_s'])}; generation {serve['generate_s']:.1f} s, "
        f"MkDocs' build of both languages {serve['mkdocs_s']:.1f} s)"
    )
    print(
        "    beside it, Zensical: "
        + (
            f"served {zs['save_to_page_s']:.1f} s after saving under make serve ENGINE=zensical (English only; "
            f"generation {zs['generate_s']:.1f} s); "
            if zs
            else ""
        )
        + "a whole build of both languages after the edit "
        + (f"{z:.1f} s" if z is not None else "not installed")
    )
    _write(args.out, results, serve)
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
