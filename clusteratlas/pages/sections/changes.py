"""/changes/: every release, newest first, with the pages it touched and each field's old and new
value, and the editor's notes beside, as the editor's words."""

from __future__ import annotations

from markupsafe import Markup

from ...paths import FEED, page_path
from ...releases.history import Entry, anchor, page_ref
from ..atlas import Atlas
from ..changelog import change_text, exists, label, last_release, listed_pages, notes_of, page_title
from ..kinds import PageKind
from ..notes import Notes


def context(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    since = last_release(atlas.history)
    entries = []
    for entry in atlas.history:
        pages = [_listed(atlas, entry, kind, pid, lang, here) for kind, pid in listed_pages(atlas, entry)]
        entries.append(
            dict(
                label=label(atlas, entry, lang, since),
                anchor=Markup(f"{{ #{anchor(entry.version)} }}"),
                first=entry.first,
                count=len(entry.pages),
                pages=pages,
                notes=notes_of(atlas, entry.version, None, lang),
                released=entry.released,
            )
        )
    return dict(
        title=atlas.t("changes.title", lang),
        lead=atlas.t("changes.lead", lang),
        entries=entries,
        feed=atlas.href(FEED[lang], here),
    )


def _listed(atlas: Atlas, entry: Entry, kind: str, pid: str | None, lang: str, here: str) -> dict:
    """One page as /changes/ lists it under a release: linked (unless it is gone), its changes, its notes."""
    title = page_title(atlas, kind, pid, lang)
    link = (
        title
        if not exists(atlas, kind, pid)
        else atlas.plink(kind, pid, lang, here, title)
        if pid
        else Markup(f"[{title}]({atlas.href(page_path(kind, lang), here)})")
    )
    return dict(
        link=link,
        changes=[change_text(atlas, c, lang, pid is None) for c in entry.changes_on((kind, pid))],
        notes=notes_of(atlas, entry.version, page_ref(kind, pid), lang),
    )


KINDS = (PageKind("changes.md.j2", context),)
