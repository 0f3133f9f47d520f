"""`make lighthouse`: Lighthouse scores of key pages in both languages, served as GitHub Pages
serves them (gzip, /404.html for a missing address), written to docs/dev/lighthouse.md.
Each page is measured RUNS times (default 3; `make lighthouse RUNS=5`) and the run with the median
performance score is reported: one run moves by up to ±10 points on a 2-core machine.

Builds the site once with CLUSTERATLAS_SITE_URL pointing at the local server (so canonical
links and the sitemap are what a published site has), serves it, and runs Lighthouse (npm,
pinned in tools/lighthouse/) with Debian's chromium on each page: default mobile settings.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from clusteratlas.dev.pages_server import serve

ROOT = Path(__file__).resolve().parent.parent
PORT = 8793
PAGES = ["", "provinces/jiangsu/", "sectors/high-end-equipment/", "policies/hunan-2020-opinions/"]
RUNS = int(os.environ.get("RUNS", "3"))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main() -> int:
    lighthouse = ROOT / "tools/lighthouse/node_modules/lighthouse/cli/index.js"
    pinned = json.loads((ROOT / "tools/lighthouse/package.json").read_text(encoding="utf-8"))["dependencies"][
        "lighthouse"
    ]
    installed = lighthouse.parent.parent / "package.json"
    if not installed.is_file() or json.loads(installed.read_text(encoding="utf-8"))["version"] != pinned:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT / "tools/lighthouse", check=True)
    base = f"http://127.0.0.1:{PORT}/"
    with tempfile.TemporaryDirectory(prefix="clusteratlas-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, CLUSTERATLAS_SITE_URL=base)
        subprocess.run(
            [sys.executable, "-m", "clusteratlas", "build", "--no-offline", "--site-dir", str(site)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        rows, notes = [], []
        with serve(site, PORT):
            for path in PAGES + ["en/" + p for p in PAGES]:
                reports = [_run(lighthouse, base + path, Path(tmp) / "report.json") for _ in range(RUNS)]
                perf = [round(100 * r["categories"]["performance"]["score"]) for r in reports]
                report = reports[perf.index(sorted(perf)[(len(perf) - 1) // 2])]  # the median run (lower middle)
                scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
                spread = f"{min(perf)}–{max(perf)}" if min(perf) != max(perf) else str(perf[0])
                bench = statistics.median(r["environment"]["benchmarkIndex"] for r in reports)
                rows.append(f"| `/{path}` | " + " | ".join(str(s) for s in scores) + f" | {spread} | {bench:.0f} |")
                for c in CATEGORIES:
                    for ref in report["categories"][c]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            notes.append(
                                f"- `/{path}` {c}: {audit['title']} "
                                f"({audit.get('displayValue', '') or round(100 * audit['score'])})"
                            )
                print(f"/{path}: {scores} (performance in {RUNS} runs: {perf})", flush=True)
    version = json.loads((ROOT / "tools/lighthouse/node_modules/lighthouse/package.json").read_text())["version"]
    text = "\n".join(
        [
            "# Lighthouse (developer notes, not part of the site)",
            "",
            f"Measured {datetime.date.today().isoformat()} with Lighthouse {version} "
            "(mobile defaults: simulated slow 4G and CPU",
            "throttling) and Debian's chromium, the site built with `CLUSTERATLAS_SITE_URL` set and served as GitHub",
            "Pages serves it (gzip, `/404.html` for missing addresses). "
            "Reproduce: `make lighthouse` (writes this file).",
            "",
            "Performance moves by up to ±10 points between runs on the 2-core build machine, "
            f"so each page ran {RUNS} times:",
            "the table shows the run with the median performance score, the range of all runs, and the median",
            "of Lighthouse's CPU benchmark index in those runs (higher is a faster machine at that moment).",
            "",
            "| page | " + " | ".join(CATEGORIES) + " | performance, all runs | benchmark index |",
            "|---|" + "---|" * (len(CATEGORIES) + 2),
            *rows,
            "",
            "Audits below 100 (weighted ones only):" if notes else "Every weighted audit passed.",
            "",
            *notes,
            "",
        ]
    )
    (ROOT / "docs/dev/lighthouse.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


def _run(lighthouse: Path, url: str, out: Path) -> dict:
    subprocess.run(
        [
            "node",
            str(lighthouse),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        env=dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium")),
        check=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as e:
        # npm, the build or Lighthouse failed: their own output above says why; no traceback here.
        print(
            f"make lighthouse: {' '.join(map(str, e.cmd[:3]))} … failed (exit {e.returncode}); see its output above",
            file=sys.stderr,
        )
        sys.exit(1)
