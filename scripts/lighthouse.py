"""`make lighthouse`: Lighthouse scores of key pages in both languages, served as GitHub Pages
serves them (gzip, /404.html for a missing address), written to docs/dev/lighthouse.md.

Builds the site once with CLUSTERATLAS_SITE_URL pointing at the local server (so canonical
links and the sitemap are what a published site has), serves it, and runs Lighthouse (npm,
pinned in tools/lighthouse/) with Debian's chromium on each page: default mobile settings.
"""
from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from clusteratlas.pages_server import serve

ROOT = Path(__file__).resolve().parent.parent
PORT = 8793
PAGES = ["", "provinces/jiangsu/", "sectors/high-end-equipment/", "policies/hunan-2020-opinions/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main() -> int:
    lighthouse = ROOT / "tools/lighthouse/node_modules/lighthouse/cli/index.js"
    if not lighthouse.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT / "tools/lighthouse", check=True)
    base = f"http://127.0.0.1:{PORT}/"
    with tempfile.TemporaryDirectory(prefix="clusteratlas-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, CLUSTERATLAS_SITE_URL=base)
        subprocess.run([sys.executable, "-m", "clusteratlas", "build", "--no-offline", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)
        rows, notes = [], []
        with serve(site, PORT):
            for path in PAGES + ["en/" + p for p in PAGES]:
                out = Path(tmp) / "report.json"
                subprocess.run(["node", str(lighthouse), base + path, "--quiet", "--output=json", f"--output-path={out}",
                                f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"],
                               env=dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium")), check=True)
                report = json.loads(out.read_text(encoding="utf-8"))
                scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
                rows.append(f"| `/{path}` | " + " | ".join(str(s) for s in scores) + " |")
                for c in CATEGORIES:
                    for ref in report["categories"][c]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            notes.append(f"- `/{path}` {c}: {audit['title']} ({audit.get('displayValue', '') or round(100 * audit['score'])})")
                print(f"/{path}: {scores}", flush=True)
    version = json.loads((ROOT / "tools/lighthouse/node_modules/lighthouse/package.json").read_text())["version"]
    text = "\n".join([
        "# Lighthouse (developer notes, not part of the site)", "",
        f"Measured {datetime.date.today().isoformat()} with Lighthouse {version} (mobile defaults: simulated slow 4G and CPU",
        "throttling) and Debian's chromium, the site built with `CLUSTERATLAS_SITE_URL` set and served as GitHub",
        "Pages serves it (gzip, `/404.html` for missing addresses). Reproduce: `make lighthouse` (writes this file).", "",
        "Performance moves by up to ±10 points between runs on the 2-core build machine (Lighthouse scales its",
        "simulated throttling by the CPU it measures); read one run as an estimate, compare several.", "",
        "| page | " + " | ".join(CATEGORIES) + " |", "|---|" + "---|" * len(CATEGORIES), *rows, "",
        "Audits below 100 (weighted ones only):" if notes else "Every weighted audit passed.", "", *notes, ""])
    (ROOT / "docs/dev/lighthouse.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
