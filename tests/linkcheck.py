"""A small link checker for the built HTML: every internal link and anchor must resolve."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r'(?:href|src)="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def broken_links(root: Path, offline: bool = False) -> list[str]:
    """'page → link (why)' for every internal link or anchor that does not resolve.

    offline: pages are opened from file://, where a link to a folder shows a file listing,
    not a page, so it counts as broken.
    """
    pages = sorted(root.rglob("*.html"))
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {unescape(i) for i in _ID.findall(path.read_text(encoding="utf-8"))}
        return ids[path]

    broken = []
    for page in pages:
        for raw in _LINK.findall(page.read_text(encoding="utf-8")):
            link = unescape(raw)
            if not link or link.startswith(("mailto:", "javascript:", "data:")) or re.match(r"^[a-z]+://|^//", link):
                continue
            parts = urlsplit(link)
            path = unquote(parts.path)
            if not path:
                target = page
            elif path.startswith("/"):  # root-absolute: the site is served from its root
                target = (root / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                if offline:
                    broken.append(f"{page.relative_to(root)} → {link} (a folder: opens a file listing from file://)")
                    continue
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(root)} → {link} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{page.relative_to(root)} → {link} (no anchor #{unquote(parts.fragment)})")
    return broken


def third_party_loads(root: Path) -> list[str]:
    """Scripts, styles, fonts, images, frames loaded from another host (HTML and CSS)."""
    found = []
    tag = re.compile(
        r'<(?:script|img|link|iframe|source|video|audio|embed|object)\b[^>]*?(?:src|href|data)="((?:https?:)?//[^"]+)"'
    )
    css = re.compile(r'url\(\s*["\']?((?:https?:)?//[^"\')]+)')
    imports = re.compile(r'@import\s+["\']((?:https?:)?//[^"\']+)')
    for p in root.rglob("*"):
        if p.suffix == ".html":
            found += [f"{p.relative_to(root)}: {u}" for u in tag.findall(p.read_text(encoding="utf-8"))]
        elif p.suffix == ".css":
            text = p.read_text(encoding="utf-8", errors="replace")
            found += [f"{p.relative_to(root)}: {u}" for u in css.findall(text) + imports.findall(text)]
    return found
