"""A chart embedded elsewhere: the snippet shown beside a chart's downloads, pasted into a page of
another origin, shows the chart with its title, source, licence and a link back."""

import functools
import html
import http.server
import re
import threading

from .conftest import Guarded, screenshot


def _snippet(built_site, path: str) -> str:
    page = (built_site / path / "index.html").read_text(encoding="utf-8")
    code = re.findall(r"<code>(&lt;iframe .*?&lt;/iframe&gt;)\s*</code>", page)[0]  # the first chart's
    return html.unescape(code)


def test_a_pasted_snippet_shows_the_chart_with_its_source_on_another_origin(browser, server, built_site, tmp_path):
    snippet = _snippet(built_site, "en/provinces/jiangsu")
    # The local build has no site address: its snippet names the embed page from the root; the
    # published one names it with the site's address. Here the site's address is `server`.
    assert 'src="/en/embed/map-winners-jiangsu.html"' in snippet
    (tmp_path / "article.html").write_text(
        "<!doctype html><html><body><h1>An article elsewhere</h1>"
        + snippet.replace('src="/', f'src="{server}/')
        + "</body></html>",
        encoding="utf-8",
    )
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    other = f"http://127.0.0.1:{httpd.server_address[1]}"  # another port: another origin
    try:
        guard = Guarded(browser, (server, other))
        page = guard.page()
        page.goto(f"{other}/article.html")
        frame = page.frame_locator("iframe")
        image = frame.locator("img")
        image.wait_for()
        assert page.frames[1].evaluate(
            "() => { const i = document.querySelector('img'); return i.complete && i.naturalWidth > 0 }"
        )
        caption = frame.locator("figcaption").inner_text()
        assert caption.startswith("Source: CCID Media") and "CC BY 4.0" in caption
        assert "Tile map" in frame.locator("img").get_attribute(
            "alt"
        )  # what the chart shows, for readers who cannot see it
        back = frame.locator("figcaption a", has_text="Data and sources at Cluster Atlas")
        assert back.get_attribute("href") == "/en/provinces/jiangsu/" and back.get_attribute("target") == "_blank"
        screenshot(page, "embed-elsewhere-en-1280")
        assert guard.blocked == [] and guard.errors == []
    finally:
        httpd.shutdown()
