"""The footnotes of a page: every citation of a record becomes a marker and one note that names
the source, its section, its address and the source's own words."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from markupsafe import Markup

from ..dataset.load import Dataset
from ..i18n import Catalog, format_date


def footnote_label(cite) -> str:
    """'source', 'source--section', then '--q' and a digest of the quoted words when the citation
    quotes its source: ids never hold '--', so two citations never share a label unless they cite
    the same words of the same part (with one hyphen, source 'a-b' and source 'a' + section 'b'
    would merge their footnotes)."""
    label = cite.source + (f"--{cite.section}" if cite.section else "")
    if cite.quote:
        label += "--q" + hashlib.sha256("\n".join(q.zh for q in cite.quote).encode()).hexdigest()[:8]
    return label


# Catalog keys chosen by a record's values, spelled out (a test finds every key the code uses).
_NO_BYLINE = {
    (True, True): "cite.described",
    (True, False): "cite.described_undated",
    (False, True): "cite.anonymous",
    (False, False): "cite.anonymous_undated",
}


REF_MAX = 20  # footnote references to one note per page; later ones are plain links
NOTE_AGAIN = "[[ca-note:"  # the placeholder of such a link (data cannot write '[[': escape() makes it '\\[')


class Notes:
    """The footnotes of one page: a citation becomes a [^label] marker and one definition."""

    def __init__(self, ds: Dataset, lang: str, cat: Catalog):
        self.sources = {s.id: s for s in ds.sources}
        self.lang, self.cat = lang, cat
        self.defs: dict[str, Markup] = {}
        self.cites: dict[str, object] = {}
        self.refs: dict[str, int] = {}

    def __call__(self, cites) -> Markup:
        labels = []
        for c in cites:
            label = footnote_label(c)
            if label not in self.defs:
                self.defs[label] = self._text(c)
                self.cites[label] = c
            self.refs[label] = self.refs.get(label, 0) + 1
            # Python-Markdown links every reference back from its note, in time quadratic in the
            # references to one note (4,000 glossary terms citing one source: 9 s for one page).
            # Past REF_MAX, a reference is a plain link to the note; render() writes its number.
            labels.append(f"[^{label}]" if self.refs[label] <= REF_MAX else f"{NOTE_AGAIN}{label}]]")
        return Markup("".join(labels))

    def repeats(self, ordered: list[str]) -> dict[str, Markup]:
        """Shorter texts for the notes, in the page's order (`ordered`, labels), that cite a source
        an earlier note already wrote out: "Same source as note 3. See the section …". The CCID
        article backed up to nine notes of one province page, each repeating authors and title."""
        first: dict[str, int] = {}  # source id → number of the note that gives it in full
        short = {}
        for number, label in enumerate(ordered, 1):
            c = self.cites[label]
            if c.source in first:
                again = self.cat.t("cite.again", self.lang, n=first[c.source])
                if self.sources[c.source].kind == "secondary":  # the short form says what kind of source too
                    again = self.cat.t("cite.again_secondary", self.lang, n=first[c.source])
                short[label] = again + self._section(c) + self._quote(c)
            else:
                first[c.source] = number
        return short

    def _section(self, c) -> Markup:
        if not c.section:
            return Markup("")
        sec = next(x for x in self.sources[c.source].sections if x.id == c.section)
        return self.cat.t("cite.section", self.lang, section=getattr(sec.title, self.lang))

    def _quote(self, c) -> Markup:
        """The source's own words, in Chinese on both sites; on English pages with this site's
        translation, marked as such. Quotation marks are the catalog's: the words are data."""
        quotes = c.quote
        if not quotes:
            return Markup("")
        t, lang = self.cat.t, self.lang
        inner = str.maketrans("“”", "‘’")  # quotation marks inside a quotation
        items = [
            t("cite.quote_item", lang, zh=q.zh.translate(inner), translation=self._translation(q.en.translate(inner)))
            for q in quotes
        ]
        # The article's words, or a later report's: a reader should know which kind of source speaks.
        lead = "cite.quote_lead" if self.sources[c.source].kind == "primary" else "cite.quote_lead_report"
        return t(lead, lang) + Markup(self.cat.raw("cite.quote_sep", lang)).join(items) + t("cite.quote_end", lang)

    def _translation(self, en: str) -> Markup:
        """The site's translation of a quote, in a span the print stylesheet leaves out: on paper
        the notes keep the source's words and addresses and fit a province on three A4 pages."""
        text = self.cat.t("cite.translation", self.lang, en=en)
        return Markup('<span class="ca-tr">') + text + Markup("</span>") if text else text

    def _address(self, s) -> Markup:
        if s.url is None:
            return Markup("")
        # An autolink: nothing inside <…> is Markdown, and the model refuses '<', '>' and spaces in it.
        return self.cat.t("cite.copy_at" if s.url_is_copy else "cite.url", self.lang, url=Markup(f"<{s.url}>"))

    def _text(self, c) -> Markup:
        s, lang, t = self.sources[c.source], self.lang, self.cat.t
        sep = self.cat.raw("list_sep", lang)
        if s.kind == "reference":
            text = t("cite.reference", lang, publisher=getattr(s.publisher, lang), title=getattr(s.title, lang))
        elif s.described or not s.authors:
            # No byline: publisher first; a described source's title is not put in quotes as if a headline.
            key = _NO_BYLINE[s.described, s.date is not None]
            translated = (
                "" if s.title_en_official or s.described else t("cite.title_translated", lang, original=s.title.zh)
            )
            text = t(
                key,
                lang,
                publisher=getattr(s.publisher, lang),
                title=getattr(s.title, lang),
                translated=translated,
                date=format_date(s.date, lang, self.cat) if s.date else "",
            )
        else:
            translated = "" if s.title_en_official else t("cite.title_translated", lang, original=s.title.zh)
            text = t(
                "cite.article",
                lang,
                publisher=getattr(s.publisher, lang),
                translated=translated,
                authors=sep.join(getattr(a, lang) for a in s.authors),
                title=getattr(s.title, lang),
                date=format_date(s.date, lang, self.cat) if s.date else "",
            )
        if s.kind == "secondary":
            text += t("cite.secondary_mark", lang)
        return text + self._address(s) + self._section(c) + self._quote(c)

    def describe(self, source_id: str) -> Markup:
        """A source as its notes describe it (publisher, title, date, kind, address), for /sources/."""
        return self._text(Cite(source_id))

    def items(self) -> list[tuple[str, Markup]]:
        return list(self.defs.items())  # render() orders them by first reference on the page


@dataclass(frozen=True)
class Cite:
    """A citation the page makes itself (the article as a whole, or its summary with its quotes)."""

    source: str
    section: str | None = None
    quote: tuple = ()
