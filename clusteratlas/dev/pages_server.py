"""A local server that answers like GitHub Pages: gzip for text, and /404.html with status 404 for
any missing address. Used by `make lighthouse` (scores as readers get them) and the browser
tests of the 404 page."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
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
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' caching
        self.end_headers()
        return io.BytesIO(body)


class PagesServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection early (Lighthouse does, between its passes) is not an
        # error of the site: no traceback for it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0):
    """Serve `site` on 127.0.0.1 (`port` 0: any free one); yields the base URL, ending in /."""
    httpd = PagesServer(("127.0.0.1", port), functools.partial(PagesHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
