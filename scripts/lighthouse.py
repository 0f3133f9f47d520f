"""`make lighthouse`: Lighthouse scores of key pages in both languages, served as GitHub Pages
serves them (gzip, /404.html for a missing address), written to docs/dev/lighthouse.md.

Builds the site once with CLUSTERATLAS_SITE_URL pointing at the local server (so canonical
links and the sitemap are what a published site has), serves it, and runs Lighthouse (npm,
pinned in tools/lighthouse/) with Debian's chromium on each page: default mobile settings.
"""
from __future__ import annotations

import datetime
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8793
PAGES = ["", "provinces/jiangsu/", "sectors/high-end-equipment/", "policies/hunan-2020-opinions/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """gzip for text, like GitHub Pages; /404.html with status 404 for anything missing."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()          # the redirect to the folder
            path = path / "index.html"
        if not path.is_file():
            body, status, path = (Path(self.directory) / "404.html").read_bytes(), 404, Path("404.html")
        else:
            body, status = path.read_bytes(), 200
        gz = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")   # GitHub Pages' caching
        self.end_headers()
        import io
        return io.BytesIO(body)


def main() -> int:
    lighthouse = ROOT / "tools/lighthouse/node_modules/lighthouse/cli/index.js"
    if not lighthouse.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT / "tools/lighthouse", check=True)
    base = f"http://127.0.0.1:{PORT}/"
    with tempfile.TemporaryDirectory(prefix="clusteratlas-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, CLUSTERATLAS_SITE_URL=base)
        subprocess.run([sys.executable, "-m", "clusteratlas", "build", "--no-offline", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), functools.partial(PagesHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows, notes = [], []
        try:
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
        finally:
            server.shutdown()
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
