"""Small fixes to the HTML Material renders, applied to every page by the MkDocs hook.

Each fix answers a serious finding of axe-core (tests/e2e) that the pinned Material 9.8.1
templates cause; a test fails if a fix stops matching after an upgrade.
"""
from __future__ import annotations

import re

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'class="md-search__input" name="query" aria-label="([^"]+)"')


def label_search_dialog(html: str) -> str:
    """axe aria-dialog-name: the search dialog gets the search box's own label ("搜索" / "Search")."""
    m = _SEARCH_LABEL.search(html)
    if not m or _SEARCH_DIALOG not in html:
        return html
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{m.group(1)}">', 1)
