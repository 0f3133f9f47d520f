"""A Python-Markdown extension both engines load from mkdocs.yml (`markdown_extensions:
- clusteratlas.mdext`): what the atlas needs from the rendered Markdown itself, before an
engine's search indexes it.

Footnotes are kept out of the search index (Material and Zensical skip elements marked
data-search-exclude): a note quotes the article's list of provinces, and every page citing it
would match every province.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

EXCLUDE = "data-search-exclude"


class _NotesOutOfSearch(Treeprocessor):
    def run(self, root):
        for div in root.iter("div"):
            if div.get("class") == "footnote":
                div.set(EXCLUDE, "")  # written data-search-exclude="": the attribute's presence is what counts


class AtlasMarkdown(Extension):
    def extendMarkdown(self, md):
        # After the footnotes extension has built its <div class="footnote"> (priority 50).
        md.treeprocessors.register(_NotesOutOfSearch(md), "clusteratlas_notes_out_of_search", 5)


def makeExtension(**kwargs):
    return AtlasMarkdown(**kwargs)
