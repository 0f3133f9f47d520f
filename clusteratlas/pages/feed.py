"""An Atom feed per language (RFC 4287): one entry per release, listing the pages it changed with
each field's old and new value, and the editor's notes. /feed.xml and /en/feed.xml; every page
names its language's feed in <head> (overrides/main.html).

Ids are URNs made from the version, not addresses: a reader's feed keeps its entries when the
site moves. Without CLUSTERATLAS_SITE_URL the links are relative to the feed (Atom resolves
them against its own address).
"""

from __future__ import annotations

import re
import uuid
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from ..i18n import LANGS, LANGUAGE_TAGS
from ..markdown import plain
from ..paths import FEED, page_path, page_url, published, root_url
from ..releases.history import anchor, page_ref
from .atlas import Atlas
from .changelog import change_plain, editor_notes, exists, listed_pages, page_title
from .structured import LICENCE

_NS = uuid.UUID("5b0f3c1e-7a43-4f4e-9d8e-6b3c2a1f0e91")  # this site's namespace for feed and entry ids


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NS, name)}"


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _href(docs_path: str, lang: str, site_url: str | None) -> str:
    """A page's address as the feed links it: absolute with the site's address, else relative to
    the feed (which sits at its language's root)."""
    if site_url:
        return page_url(docs_path, site_url)
    return page_url(docs_path, None)[len(root_url(lang, None)) :] or "./"


def feed(atlas: Atlas, lang: str) -> bytes:
    cat, site_url = atlas.cat, atlas.site_url
    released = [e for e in atlas.history if e.released]
    changes_page = _href(page_path("changes", lang), lang, site_url)
    updated = _stamp(released[0].date) if released else _stamp(atlas.today)
    self_href = (root_url(lang, site_url) + published(FEED[lang], lang)) if site_url else published(FEED[lang], lang)
    feed_title = cat.text("changes.feed_title", lang)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{LANGUAGE_TAGS[lang]}">',
        f"  <id>{_urn('feed/' + lang)}</id>",
        f"  <title>{xml_escape(feed_title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{xml_escape(cat.text('cite.publisher', lang))}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_href)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(changes_page)}/>',
        f"  <rights>{xml_escape(LICENCE)}</rights>",
    ]
    for entry in released:
        release = cat.text("changes.release", lang, version=entry.version, date=entry.date)
        entry_title = cat.text(
            "changes.feed_first" if entry.first else "changes.feed_entry",
            lang,
            release=release,
            count=len(entry.pages) if entry.first else len({c.page for c in entry.changes}),
        )
        html = [f"<p>{xml_escape(n)}</p>" for n in editor_notes(atlas, entry.version, None, lang)]
        if entry.first:
            html.append(f"<p>{xml_escape(cat.text('changes.first_release', lang, count=len(entry.pages)))}</p>")
        listed = listed_pages(atlas, entry)
        if listed:
            html.append("<ul>")
            for kind, id in listed:
                items = [change_plain(atlas, c, lang, id is None) for c in entry.changes if c.page == (kind, id)]
                items += [
                    f"{cat.text('changes.editor', lang)}{cat.text('label_sep', lang)}{n}"
                    for n in editor_notes(atlas, entry.version, page_ref(kind, id), lang)
                ]
                title = plain(page_title(atlas, kind, id, lang))
                name = (
                    f"<a href={quoteattr(_href(page_path(kind, lang, id), lang, site_url))}>{xml_escape(title)}</a>"
                    if exists(atlas, kind, id)
                    else xml_escape(title)
                )
                html.append(f"<li>{name}<ul>" + "".join(f"<li>{xml_escape(i)}</li>" for i in items) + "</ul></li>")
            html.append("</ul>")
        out += [
            "  <entry>",
            f"    <id>{_urn('release/' + entry.version + '/' + lang)}</id>",
            f"    <title>{xml_escape(entry_title)}</title>",
            f"    <updated>{_stamp(entry.date)}</updated>",
            '    <link rel="alternate" type="text/html" '
            f"href={quoteattr(changes_page + '#' + anchor(entry.version))}/>",
            f'    <content type="html">{xml_escape("".join(html))}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return xml_chars("\n".join(out) + "\n").encode("utf-8")


# Characters XML 1.0 cannot hold, escaped or not (a control character from a kept release made
# both feeds unreadable once): whatever reached the feed past the checks is shown as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_chars(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def feeds(atlas: Atlas) -> dict[str, bytes]:
    """docs-relative path → the Atom feed of each language."""
    return {FEED[lang]: feed(atlas, lang) for lang in LANGS}
