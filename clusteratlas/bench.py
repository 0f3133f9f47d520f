"""`make bench`: build times and peak memory on the real data and on synthetic data ×10, ×100.

Each scale is built in a private copy of the project with a private chart cache:
  cold     — full build from nothing (generate + charts + MkDocs zh/en + offline bundle)
  no-change — the same build again
  edit     — after renaming one province (Jiangsu's English name)
Prints a table and writes bench/results.json. Targets (issue 7) are checked and reported.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .project import copy_project
from .site import ROOT
from .synthetic import scale_data


def run_build(root: Path, cache: Path) -> dict:
    """One `python -m clusteratlas build`: wall time, peak memory, and the timing records."""
    timings = root / "timings.jsonl"
    timings.unlink(missing_ok=True)
    env = dict(os.environ, CLUSTERATLAS_CACHE_DIR=str(cache), CLUSTERATLAS_TIMINGS=str(timings))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "clusteratlas", "--root", str(root), "build"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"build failed in {root}:\n{err}")
    records = [json.loads(line) for line in timings.read_text(encoding="utf-8").splitlines()]
    gen = next(r for r in records if r["event"] == "generate")
    online = [r for r in records if r["event"] == "mkdocs" and not r["offline"]]
    offline = [r for r in records if r["event"] == "mkdocs" and r["offline"]]
    langs = [r for r in records if r["event"] == "mkdocs-language"]
    # Per language, from the online build: static-i18n nests the English build in the Chinese one.
    en = next((r["seconds"] for r in langs if r["lang"] == "en"), 0.0)
    zh_total = next((r["seconds"] for r in langs if r["lang"] == "zh"), 0.0)
    return {
        "wall_s": wall, "peak_mb": usage.ru_maxrss / 1024,
        "pages": gen["pages"], "charts": gen["charts"], "charts_rendered": gen["charts_rendered"],
        "files_written": gen["written"], "load_validate_s": gen["load_validate_s"], "render_s": gen["render_s"],
        "charts_s": gen["charts_s"], "generate_s": gen["generate_s"],
        "mkdocs_s": online[0]["seconds"], "mkdocs_zh_s": max(zh_total - en, 0.0), "mkdocs_en_s": en,
        "mkdocs_offline_s": offline[0]["seconds"] if offline else 0.0,
        "zip_s": next((r["seconds"] for r in records if r["event"] == "zip"), 0.0),
    }


def bench_scale(factor: int, work: Path, log=print) -> dict:
    root = copy_project(work / f"x{factor}")
    if factor > 1:
        scale_data(ROOT / "data", root / "data", factor)
    cache = work / f"cache-x{factor}"
    log(f"bench ×{factor}: cold build…")
    cold = run_build(root, cache)
    log(f"bench ×{factor}: no-change rebuild…")
    again = run_build(root, cache)
    provinces = root / "data" / "provinces.yaml"
    records = yaml.safe_load(provinces.read_text(encoding="utf-8"))
    next(p for p in records if p["id"] == "jiangsu")["name"]["en"] = "Jiangsu (edited)"
    provinces.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    log(f"bench ×{factor}: rebuild after editing one province…")
    edit = run_build(root, cache)
    return {"factor": factor, "cold": cold, "no_change": again, "edit_province": edit}


def targets(results: list[dict]) -> list[tuple[str, bool, str]]:
    """(target, met, the measured figure) for each target of issue 7."""
    by = {r["factor"]: r for r in results}
    out = []
    if 1 in by:
        nc = by[1]["no_change"]
        out.append(("no-change rebuild writes 0 files, renders 0 charts", nc["files_written"] == 0 and nc["charts_rendered"] == 0,
                    f"{nc['files_written']} files, {nc['charts_rendered']} charts"))
        out.append(("generator (no-change) under 0.5 s on the real data", nc["generate_s"] < 0.5, f"{nc['generate_s']:.2f} s"))
        ed = by[1]["edit_province"]
        out.append(("editing one province re-renders only charts that show it", ed["charts_rendered"] < ed["charts"],
                    f"{ed['charts_rendered']} of {ed['charts']} charts, {ed['files_written']} files"))
        base = by[1]["cold"]["mkdocs_s"] / by[1]["cold"]["pages"]
        for f in sorted(by):
            if f == 1:
                continue
            per = by[f]["cold"]["mkdocs_s"] / by[f]["cold"]["pages"]
            out.append((f"MkDocs cost per page at ×{f} within 1.5× of ×1", per <= 1.5 * base,
                        f"{per * 1000:.1f} ms vs {base * 1000:.1f} ms ({per / base:.2f}×)"))
    for r in results:
        c = r["cold"]
        total = c["wall_s"]
        gen = c["load_validate_s"] + c["render_s"]
        out.append((f"generator (pages, no charts) under 20% of a cold build at ×{r['factor']}", gen / total < 0.2,
                    f"{gen:.1f} s of {total:.1f} s = {100 * gen / total:.0f}%"))
        out.append((f"  …with chart rendering counted as generator, ×{r['factor']}", (gen + c['charts_s']) / total < 0.2,
                    f"{gen + c['charts_s']:.1f} s of {total:.1f} s = {100 * (gen + c['charts_s']) / total:.0f}%"))
    return out


def table(results: list[dict]) -> str:
    head = ["scale", "pages", "charts", "cold s", "load+val s", "render s", "charts s", "mkdocs zh s", "mkdocs en s",
            "offline s", "zip s", "no-change s", "nc files", "nc charts", "edit s", "edit charts", "peak MB", "ms/page"]
    rows = []
    for r in results:
        c, n, e = r["cold"], r["no_change"], r["edit_province"]
        rows.append([f"×{r['factor']}", c["pages"], c["charts"], f"{c['wall_s']:.1f}", f"{c['load_validate_s']:.2f}",
                     f"{c['render_s']:.2f}", f"{c['charts_s']:.1f}", f"{c['mkdocs_zh_s']:.1f}", f"{c['mkdocs_en_s']:.1f}",
                     f"{c['mkdocs_offline_s']:.1f}", f"{c['zip_s']:.1f}", f"{n['wall_s']:.1f}", n["files_written"],
                     n["charts_rendered"], f"{e['wall_s']:.1f}", e["charts_rendered"],
                     f"{max(c['peak_mb'], n['peak_mb'], e['peak_mb']):.0f}", f"{1000 * c['mkdocs_s'] / c['pages']:.1f}"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def _write(out: Path, results: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    checks = targets(results)
    out.write_text(json.dumps({"machine": machine(), "date": time.strftime("%Y-%m-%d"), "table": table(results),
                               "results": results, "targets": [dict(target=n, met=m, figure=f) for n, m, f in checks]},
                              indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m clusteratlas.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10", help="comma-separated factors (default 1,10; ×100 takes ~15 min)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = ap.parse_args(argv)
    factors = [int(f) for f in args.scales.split(",")]
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="clusteratlas-bench-") as tmp:
        for f in factors:   # results are written after each scale: a long ×100 run loses nothing
            results.append(bench_scale(f, Path(tmp), log=lambda m: print(m, file=sys.stderr, flush=True)))
            _write(args.out, results)
    checks = targets(results)
    print(table(results))
    print()
    for name, met, figure in checks:
        print(f"{'MET ' if met else 'NOT MET'} {name}: {figure}")
    _write(args.out, results)
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
