"""What happens to the built site after MkDocs has written every language: one search index per
language (the English pages' search base is set by the theme override, overrides/main.html),
language links on the 404 page, redirect pages.

Called by the MkDocs hook once per build, after mkdocs-static-i18n has built all languages and
Material's offline plugin has inlined the search index, so that `mkdocs build`, `mkdocs serve`
and `make site` give the same site.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .htmlfix import fix_404_language_links
from .i18n import DEFAULT_LANG
from .search import split_search_index
from .urls import load_redirects, write_redirects


def finish_site(site: Path, root: Path, offline: bool, site_url: str | None) -> dict[str, int]:
    """Post-process the built `site`; return the number of search entries per language.
    Raises DataError for a redirect that cannot be written."""
    counts = split_search_index(site)
    # Under GitHub Pages the site lives below a path (/<repository>/): root-absolute links need it.
    base = urlsplit(site_url or "/").path or "/"
    fix_404_language_links(site, DEFAULT_LANG, offline=offline, base=base)
    write_redirects(site, load_redirects(root / "urls" / "redirects.yaml"), offline=offline)
    if not site_url:
        # A sitemap lists absolute addresses; without the site's address MkDocs writes <loc>None./</loc>.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
    return counts

