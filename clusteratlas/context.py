"""Turn the validated dataset into one plain context dict per page and language.

All figures shown on a page are computed here from data (ranks, shares, ties), so templates
only lay them out. Every sentence carrying a fact gets the footnote of the record it came from.
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field

from markupsafe import Markup

from .charts.tilegrid import TILES, count_bin, count_legend
from .dates import chronological, position
from .figures import category_of, rank, share_text, winners_by_province
from .i18n import LANGS, SOURCE_LANG, Catalog, category_name, format_date, in_sentence, numeral_zh, ordinal_en, other
from .layout import API_DIR, DATA_DIR, HAND_WRITTEN, PAGE_KINDS, chart_path, page_path
from .load import Dataset
from .markdown import escape, link


@dataclass
class Page:
    kind: str             # home, glossary, or a section: provinces, sectors, policies, measures
    id: str | None        # entity id; None for home, glossary and section index pages
    lang: str
    path: str             # docs-relative Markdown path
    template: str         # templates/pages/<template>
    context: dict = field(default_factory=dict)


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
_NO_BYLINE = {(True, True): "cite.described", (True, False): "cite.described_undated",
              (False, True): "cite.anonymous", (False, False): "cite.anonymous_undated"}
_MEASURE_HEADINGS = {"practice": ("measure.points_heading.practice", "measure.reported_as.practice"),
                     "recommendation": ("measure.points_heading.recommendation", "measure.reported_as.recommendation")}


REF_MAX = 20                 # footnote references to one note per page; later ones are plain links
NOTE_AGAIN = "[[ca-note:"     # the placeholder of such a link (data cannot write '[[': escape() makes it '\\[')


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
        first: dict[str, int] = {}   # source id → number of the note that gives it in full
        short = {}
        for number, label in enumerate(ordered, 1):
            c = self.cites[label]
            if c.source in first:
                short[label] = self.cat.t("cite.again", self.lang, n=first[c.source]) + self._section(c) + self._quote(c)
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
        inner = str.maketrans("“”", "‘’")   # quotation marks inside a quotation
        items = [t("cite.quote_item", lang, zh=q.zh.translate(inner), translation=self._translation(q.en.translate(inner)))
                 for q in quotes]
        return t("cite.quote_lead", lang) + Markup(self.cat.raw("cite.quote_sep", lang)).join(items) + t("cite.quote_end", lang)

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
            translated = "" if s.title_en_official or s.described else t("cite.title_translated", lang, original=s.title.zh)
            text = t(key, lang, publisher=getattr(s.publisher, lang), title=getattr(s.title, lang), translated=translated,
                     date=format_date(s.date, lang, self.cat) if s.date else "")
        else:
            translated = "" if s.title_en_official else t("cite.title_translated", lang, original=s.title.zh)
            text = t("cite.article", lang, publisher=getattr(s.publisher, lang), translated=translated,
                     authors=sep.join(getattr(a, lang) for a in s.authors), title=getattr(s.title, lang),
                     date=format_date(s.date, lang, self.cat) if s.date else "")
        if s.kind == "secondary":
            text += t("cite.secondary_mark", lang)
        return text + self._address(s) + self._section(c) + self._quote(c)

    def items(self) -> list[tuple[str, Markup]]:
        return list(self.defs.items())   # render() orders them by first reference on the page


class Builder:
    def __init__(self, ds: Dataset, cat: Catalog, charts: dict[str, dict]):
        self.ds, self.cat = ds, cat
        self.charts = charts        # chart id (with language) → spec, see charts/spec.py
        self.provinces = {p.id: p for p in ds.provinces}
        self.sectors = {s.id: s for s in ds.sectors}
        # Every list of policies uses this order (the timeline chart's too).
        self.ordered_policies = chronological(ds.policies)
        self.policies = {p.id: p for p in self.ordered_policies}
        self.total = ds.competition.winners_total
        self.winners = winners_by_province(ds)
        self.category_of = category_of(ds)
        self.example_of = {e.province: e for e in ds.work_reports.examples}
        self._order: dict[str, tuple[list[str], dict[str, int]]] = {}
        # Lookups each entity page needs, built once: per page they would cost the size of the data.
        self.sector_winners = {x.id: x.winners for x in ds.sectors}
        self.policies_of_sector: dict[str, list] = {}
        for pol in self.ordered_policies:
            for sid in pol.related_sectors:
                self.policies_of_sector.setdefault(sid, []).append(pol)

    # -- small helpers -------------------------------------------------------------
    def tx(self, text, lang: str) -> str:
        return getattr(text, lang)

    def t(self, key: str, lang: str, **args) -> Markup:
        return self.cat.t(key, lang, **args)

    def href(self, target: str, here: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(here) or ".")

    def plink(self, kind: str, id: str, lang: str, here: str, text) -> Markup:
        return link(text, self.href(page_path(kind, lang, id), here))

    def join(self, items, lang: str) -> Markup:
        return self.cat.join([escape(i) for i in items], lang, Markup)

    def chart(self, name: str, lang: str, here: str) -> dict:
        """What a page shows of a chart: the SVG with its alt text, a data table, two downloads."""
        spec = self.charts[f"{name}-{lang}"]
        return dict(title=escape(spec["title"]), alt=escape(spec["alt"]),
                    svg=self.href(chart_path(spec, "svg"), here), csv=self.href(chart_path(spec, "csv"), here),
                    columns=[escape(c) for c in spec["columns"]], rows=[[escape(v) for v in r] for r in spec["rows"]])

    def base(self, kind: str, lang: str, id: str | None = None, **ctx) -> dict:
        path = page_path(kind, lang, id)
        nav = {k: self.href(page_path(k, lang), path) for k in (*dict.fromkeys(k.name for k in PAGE_KINDS), *HAND_WRITTEN)}
        return dict(lang=lang, path=path, links=nav, s=lambda key, **a: self.t(key, lang, **a), **ctx)

    # -- pages -----------------------------------------------------------------------
    def pages(self) -> list[Page]:
        """Every page of every kind in layout.PAGE_KINDS, in both languages."""
        out: list[Page] = []
        for lang in LANGS:
            for k in PAGE_KINDS:
                fn = getattr(self, k.builder)
                ids = [x.id for x in getattr(self.ds, k.collection)] if k.collection else [None]
                out += [self.page(k.name, k.template, lang, id, fn) for id in ids]
        return out

    def page(self, kind: str, template: str, lang: str, id: str | None, fn) -> Page:
        notes = Notes(self.ds, lang, self.cat)
        path = page_path(kind, lang, id)
        ctx = self.base(kind, lang, id)
        ctx.update(fn(lang, path, notes, id) if id else fn(lang, path, notes))
        if id is not None:   # every entity page links the JSON of its own record (/api/<kind>/<id>.json)
            ctx["json_link"] = self.json_link(kind, id, lang, path)
            ctx["sequence"] = self.sequence(kind, lang, id)
        ctx["notes"] = notes.items()
        ctx["notes_repeats"] = notes.repeats   # render() asks once it knows the notes' order
        return Page(kind=kind, id=id, lang=lang, path=path, template=template, context=ctx)

    def sequence(self, kind: str, lang: str, id: str) -> dict:
        """The entity pages before and after this one, for the footer's previous/next links: in
        the data's order (provinces in the official order), policies by date."""
        if kind not in self._order:
            records = self.ordered_policies if kind == "policies" else getattr(self.ds, kind)
            self._order[kind] = [x.id for x in records], {x.id: i for i, x in enumerate(records)}
        order, position_of = self._order[kind]
        at = position_of[id]
        return dict(ca_previous=page_path(kind, lang, order[at - 1]) if at > 0 else None,
                    ca_next=page_path(kind, lang, order[at + 1]) if at + 1 < len(order) else None)

    def home(self, lang, here, notes):
        ds, c = self.ds, self.ds.competition
        batches = self.join([self.t("home.fig_batch", lang, number=b.number, number_zh=numeral_zh(b.number), launched=format_date(b.launched, lang, self.cat),
                                    winners=b.winners) for b in c.batches], lang)
        top_p = max(self.ds.provinces, key=lambda p: self.winners[p.id])
        top_s = max(ds.sectors, key=lambda s: s.winners)
        w = ds.work_reports
        n_mentioned = sum(len(cat.provinces) for cat in w.categories)
        figures = [
            self.t("home.fig_winners", lang, total=c.winners_total, batches=batches) + notes(c.sources),
            self.t("home.fig_provinces", lang, n=sum(1 for v in self.winners.values() if v),
                   top=self.plink("provinces", top_p.id, lang, here, self.tx(top_p.name, lang)), top_n=self.winners[top_p.id]) + notes(c.sources),
            self.t("home.fig_sectors", lang, n=len(ds.sectors),
                   top=self.plink("sectors", top_s.id, lang, here, in_sentence(self.tx(top_s.name, lang), lang)), top_n=top_s.winners)
            + notes(top_s.sources),
            self.t("home.fig_reports", lang, n=n_mentioned, total=w.divisions_total, share=share_text(n_mentioned, w.divisions_total))
            + notes(w.categories[0].sources),
            self.t("home.fig_policies", lang, national=sum(p.level == "national" for p in ds.policies),
                   regional=sum(p.level == "regional" for p in ds.policies),
                   provincial=sum(p.level == "provincial" for p in ds.policies), measures=len(ds.measures)),
        ]
        primary = next(s for s in ds.sources if s.kind == "primary")
        assessment = (escape(self.tx(primary.summary, lang)) + notes([_Cite(primary.id, quote=tuple(primary.summary_quote))])
                      if primary.summary else "")
        return dict(title=self.t("home.title", lang), lead=self.t("home.lead", lang), figures=figures, assessment=assessment,
                    since=self.since(lang, here, notes),
                    since_intro=self.t("home.since", lang, total=c.winners_total),
                    since_link=self.plink("policies", "miit-cluster-competition", lang, here, self.t("home.since_link", lang))
                    if "miit-cluster-competition" in self.policies else "",
                    charts=[self.chart(c, lang, here) for c in ("map-winners", "batches")],
                    source_line=self.t("home.source_line", lang, source=self.tx(primary.title, lang)) + notes([_Cite(primary.id)]))

    def province_index(self, lang, here, notes):
        rows = []
        for p in self.ds.provinces:
            cat = self.category_of.get(p.id)
            rows.append(dict(
                name=self.plink("provinces", p.id, lang, here, self.tx(p.name, lang)),
                kind=self.t(f"kind.{p.kind}", lang), region=self.t(f"region.{p.region}", lang),
                winners=self.winners[p.id],
                wording=self.t("term_with_original", lang, term=cat.term.zh, term_en=cat.term.en) if cat else self.t("not_in_lists", lang)))
        # The way in: every division one tap away, placed as on the tile maps, coloured by winners.
        # Markdown links (not raw HTML), so MkDocs resolves them for the site and the offline bundle.
        tiles = [link(Markup(f"{escape(self.tx(p.name, lang))} **{self.winners[p.id]}**"), self.href(page_path("provinces", lang, p.id), here))
                 + Markup(f'{{ .ca-tile .ca-tile--b{count_bin(self.winners[p.id])} style="grid-column: {TILES[p.id][0]}; grid-row: {TILES[p.id][1] + 1}" }}')
                 for p in self.ds.provinces]
        legend = [Markup(f'<span class="ca-tile--b{i}">{label}</span>') for i, _, label in count_legend(max(self.winners.values()))]
        return dict(title=self.t("provinces.title", lang), rows=rows, tiles=tiles, legend=legend,
                    charts=[self.chart("map-wording", lang, here)],
                    lead=self.t("provinces.lead", lang) + notes(self.ds.competition.sources) + notes(self.ds.work_reports.categories[0].sources))

    def province(self, lang, here, notes, pid):
        p = self.provinces[pid]
        name = self.tx(p.name, lang)
        n = self.winners[pid]
        comp = self.ds.competition
        place, tied = rank(n, self.winners, pid)
        if n:
            tie = self.t("province.tie", lang, others=self.join([self.tx(self.provinces[o].name, lang) for o in tied], lang)) if tied else ""
            winners_text = self.t("province.winners_some", lang, total=self.total, name=name, n=n, share=share_text(n, self.total),
                                  rank=place, rank_en=ordinal_en(place), tie=tie)
        else:
            winners_text = self.t("province.winners_none", lang, total=self.total, name=name)
        winners_text += notes(comp.sources)
        winners_open = self.t("province.winners_open", lang) if n else ""   # nothing to name where there are none
        cat = self.category_of.get(pid)
        w = self.ds.work_reports
        if cat:
            # In the site's order of provinces (north to south), not the article's: the article's
            # list copied in its order is the article's sentence, unquoted.
            order = list(self.provinces)
            members = self.join([self.tx(self.provinces[m].name, lang) for m in sorted(cat.provinces, key=order.index)], lang)
            key = "province.report_in" if len(cat.provinces) > 1 else "province.report_in_only"
            report = [self.t(key, lang, name=name, term=cat.term.zh, term_en=cat.term.en, n=len(cat.provinces),
                             members=members) + notes(cat.sources)]
            ex = self.example_of.get(pid)
            if ex:
                report.append(self.t("province.report_example", lang, text=self.tx(ex.text, lang)) + notes(ex.sources))
            wording = self.t("term_with_original", lang, term=cat.term.zh, term_en=cat.term.en)
        else:
            report = [self.t("province.report_absent", lang, n=w.mentioned_stated, total=w.divisions_total, name=name)
                      + notes(w.categories[0].sources)]
            wording = self.t("not_in_lists", lang)
        own = [pol for pol in self.ordered_policies if pol.province == pid]
        programmes = [self.policy_summary(pol, lang, here, notes, secondary=True) for pol in own]
        national = self.national_clusters(p, name, lang, here, notes)
        # A decision addressed to one region is shown only to its members, with the source of membership.
        regional = [dict(lead=self.t("province.regional_lead", lang, name=name, region=self.tx(pol.region.name, lang))
                         + notes(pol.region.sources) + Markup(self.cat.raw("sentence_sep", lang))
                         + self.t("province.regional_requirements", lang, region=self.tx(pol.region.name, lang)),
                         policy=self.policy_summary(pol, lang, here, notes))
                    for pol in self.ordered_policies if pol.region is not None and pid in pol.region.provinces]
        # The name in the other language is on the page (and so in its search index): 江苏 typed
        # on the English site finds Jiangsu, and Jiangsu on the Chinese site finds 江苏.
        # The full name alone when it begins with the short name (江苏省, Jiangsu Province): "Xizang
        # (Xizang Autonomous Region (Tibet))" said the name twice.
        def names(lg):
            short, full = self.tx(p.name, lg), self.tx(p.full_name, lg)
            return escape(full) if full.startswith(short) else escape(short) + self.t("parenthetical_ascii", lang, text=full)
        identity = [
            (self.t("other_name", lang), names(other(lang))),
            (self.t("full_name", lang), escape(self.tx(p.full_name, lang))),
            (self.t("col.kind", lang), self.t(f"kind.{p.kind}", lang) + notes(p.sources[:1])),
            (self.t("col.region", lang), self.t(f"region.{p.region}", lang) + notes(p.sources[1:])),
        ]
        # Key figures first: the province's own numbers, each from its source, before any context.
        key = [dict(value=n, label=self.t("province.key_winners", lang, n=n, total=self.total) + notes(comp.sources))]
        if n:
            key += [dict(value=share_text(n, self.total), label=self.t("province.key_share", lang)),
                    dict(value=self.t("province.key_rank_value", lang, rank=place, rank_en=ordinal_en(place)),
                         label=self.t("province.key_rank", lang, count=len(self.winners)) + (self.t("province.key_tied", lang) if tied else ""))]
        key_lines = [(self.t("province.wording_label", lang), wording + notes(cat.sources if cat else w.categories[0].sources))]
        key_lines += [(self.t("province.programme_label", lang),
                       link(self.tx(pol.short_title, lang), "#programme")
                       + self.t("parenthetical", lang, text=format_date(pol.date, lang, self.cat)))
                      for pol in own]
        return dict(title=escape(name), identity=identity, key=key, key_lines=key_lines, winners_text=winners_text,
                    charts=[self.chart(f"map-winners-{pid}", lang, here)],
                    winners_open=winners_open, report=report, programmes=programmes, regional=regional, national=national,
                    timeline=self.t("province.national_lead", lang,
                                    timeline=link(self.t("province.timeline_link", lang), self.href(page_path("policies", lang), here))))

    def national_clusters(self, p, name, lang, here, notes) -> dict | None:
        """The province's national clusters that later reports name, with how many of how many."""
        if not p.national_clusters:
            return None
        k = len(p.national_clusters)
        if p.national_total is not None:
            lead = (self.t("province.national_named_of", lang, name=name, k=k)
                    + escape(self.tx(p.national_total.text, lang)) + notes(p.national_total.sources))
        else:
            lead = self.t("province.national_named", lang, name=name, k=k)
        items = [self.t("province.national_item", lang, zh=c.name.zh, en=c.name.en, stage=self.t(f"stage.{c.stage}", lang))
                 + notes(c.sources) for c in p.national_clusters]
        explainer = link(self.t("province.national_link", lang),
                         self.href(page_path("policies", lang, "miit-cluster-competition"), here) + "#stages-batches-rounds")
        return dict(lead=lead, clusters=items, note=self.t("province.national_note", lang, total=self.total, link=explainer))

    def policy_summary(self, pol, lang, here, notes, secondary: bool = False) -> dict:
        return dict(title=self.plink("policies", pol.id, lang, here, self.tx(pol.title, lang)),
                    province=self.plink("provinces", pol.province, lang, here, self.tx(self.provinces[pol.province].name, lang))
                    if pol.province else "",
                    date=format_date(pol.date, lang, self.cat),
                    when=self.t("parenthetical", lang, text=format_date(pol.date, lang, self.cat)),
                    level=self.t(f"level.{pol.level}", lang),
                    # Only where the page shows them: a footnote must never be defined without its reference.
                    secondary=[escape(self.tx(f.text, lang)) + notes(f.sources) for f in pol.secondary] if secondary else [],
                    summary=escape(self.tx(pol.summary, lang)) + (notes(pol.sources) if notes else ""),
                    brief=escape(self.tx(pol.in_brief, lang)) + notes(pol.sources) if secondary and pol.in_brief else "")

    def sector_index(self, lang, here, notes):
        rows = [dict(name=self.plink("sectors", s.id, lang, here, self.tx(s.name, lang)), winners=s.winners,
                     share=share_text(s.winners, self.total)) for s in self.ds.sectors]
        return dict(title=self.t("sectors.title", lang), rows=rows, total=self.total,
                    charts=[self.chart("sectors-bars", lang, here)],
                    lead=self.t("sectors.lead", lang, total=self.total, n=len(self.ds.sectors)) + notes(self.ds.sectors[0].sources))

    def sector(self, lang, here, notes, sid):
        s = self.sectors[sid]
        counts = self.sector_winners
        place, tied = rank(s.winners, counts, sid)
        tie = self.t("province.tie", lang, others=self.join([in_sentence(self.tx(self.sectors[o].name, lang), lang) for o in tied], lang)) if tied else ""
        name = category_name(s.name, lang)
        text = self.t("sector.winners_sentence", lang, total=self.total, name=name, n=s.winners,
                      share=share_text(s.winners, self.total), count=len(counts), rank=place, rank_en=ordinal_en(place), tie=tie) + notes(s.sources)
        focus = [self.t("sector.focus", lang, field=self.tx(f, lang), field_cap=self.tx(f, lang)[:1].upper() + self.tx(f, lang)[1:])
                 + notes(self.ds.competition.focus_sources or self.ds.competition.sources)
                 for f in self.ds.competition.focus_fields if f.zh == s.name.zh]
        related = [self.policy_summary(p, lang, here, None) for p in self.policies_of_sector.get(sid, [])]
        identity = [(self.t("other_name", lang), escape(self.tx(s.name, other(lang))))]
        return dict(title=escape(self.tx(s.name, lang)), identity=identity, text=text, focus=focus,
                    charts=[self.chart(f"sectors-bars-{sid}", lang, here)], open=self.t("sector.open", lang),
                    not_national=self.t("sector.not_national", lang), related=related)

    def since(self, lang, here, notes, follows: str | None = None) -> list[dict]:
        """Events after the article (secondary reporting), oldest first; all, or those continuing one policy."""
        return [dict(date=format_date(m.date, lang, self.cat), title=escape(self.tx(m.title, lang)),
                     summary=escape(self.tx(m.summary, lang)), cite=notes(m.sources),
                     points=[escape(self.tx(x, lang)) for x in m.points])
                for m in sorted(self.ds.milestones, key=lambda m: position(m.date)[0])
                if follows is None or m.follows == follows]

    def policy_index(self, lang, here, notes):
        return dict(title=self.t("policies.title", lang), lead=self.t("policies.lead", lang),
                    since=self.since(lang, here, notes), since_lead=self.t("policies.since_lead", lang, total=self.total),
                    charts=[self.chart("timeline", lang, here)],
                    rows=[self.policy_summary(p, lang, here, notes) for p in self.ordered_policies])

    def policy(self, lang, here, notes, pid):
        p = self.policies[pid]
        meta = [(self.t("policy.date", lang), format_date(p.date, lang, self.cat)),
                (self.t("policy.level", lang), self.t(f"level.{p.level}", lang))]
        if p.issuer:
            role = "policy.organiser" if p.issuer_role == "organiser" else "policy.issuer"
            meta.append((self.t(role, lang), escape(self.tx(p.issuer, lang))))
        if p.province:
            prov = self.provinces[p.province]
            meta.append((self.t("policy.province", lang), self.plink("provinces", prov.id, lang, here, self.tx(prov.name, lang))))
        if p.region:
            members = self.join([self.tx(self.provinces[m].name, lang) for m in p.region.provinces], lang)
            meta.append((self.t("policy.region", lang),
                         escape(self.tx(p.region.name, lang)) + self.t("parenthetical", lang, text=members)
                         + notes(p.region.sources)))
        # The title in the other language, always: search finds the page by either (the English
        # title of a document without an official one is marked as the site's translation).
        meta.append((self.t("policy.other_title", lang), escape(self.tx(p.title, other(lang)))
                     + (self.t("policy.translated_mark", lang) if lang == SOURCE_LANG and not p.title_en_official else "")))
        related = [self.plink("sectors", s, lang, here, self.tx(self.sectors[s].name, lang)) for s in p.related_sectors]
        related += [self.plink("policies", o, lang, here, self.tx(self.policies[o].title, lang)) for o in p.related_policies]
        return dict(title=escape(self.tx(p.title, lang)), meta=meta,
                    charts=[self.chart(f"timeline-{pid}", lang, here)],
                    title_note=self.t("policy.title_note", lang) if lang != SOURCE_LANG and not p.title_en_official else "",
                    summary=escape(self.tx(p.summary, lang)) + notes(p.sources),
                    points=[escape(self.tx(x, lang)) for x in p.points],
                    practice=[escape(self.tx(x, lang)) for x in p.practice],
                    slogans=Markup(" · ").join(Markup("“") + escape(x) + Markup("”") for x in p.slogans),
                    open_questions=[escape(self.tx(x, lang)) for x in p.open_questions],
                    secondary=[escape(self.tx(f.text, lang)) + notes(f.sources) for f in p.secondary],
                    explainer=[escape(self.tx(f.text, lang)) + notes(f.sources) for f in p.explainer],
                    since=self.since(lang, here, notes, follows=pid),
                    since_lead=self.t("policy.since_lead", lang, total=self.total),
                    related=related)

    def measure_index(self, lang, here, notes):
        rows = [dict(number=self.t("measure.number", lang, n=m.number),
                     name=self.plink("measures", m.id, lang, here, self.tx(m.name, lang)),
                     summary=escape(self.tx(m.summary, lang)) + notes(m.sources))
                for m in sorted(self.ds.measures, key=lambda m: m.number)]
        return dict(title=self.t("measures.title", lang), lead=self.t("measures.lead", lang), rows=rows)

    def measure(self, lang, here, notes, mid):
        m = next(x for x in self.ds.measures if x.id == mid)
        return dict(title=escape(self.tx(m.name, lang)), number=self.t("measure.number", lang, n=m.number),
                    points_heading=self.t(_MEASURE_HEADINGS[m.reported_as][0], lang),
                    reported_as=self.t(_MEASURE_HEADINGS[m.reported_as][1], lang),
                    summary=escape(self.tx(m.summary, lang)) + notes(m.sources),
                    points=[escape(self.tx(x, lang)) for x in m.points],
                    practice=[self.policy_summary(self.policies[x], lang, here, None) for x in m.related_policies])

    def data(self, lang, here, notes):
        from .bundle import project_version
        from .downloads import column_title, table_title, tables
        version = project_version()
        # Column names are shown in code spans exactly as in the files (name_zh, not name\_zh).
        rows = [dict(title=escape(table_title(self.cat, kind, lang)), csv=self.href(f"{DATA_DIR}/{kind}.csv", here),
                     json=self.href(f"{DATA_DIR}/{kind}.json", here), rows=len(tab["rows"]),
                     columns=[dict(name=Markup(f"`{name}`"), title=escape(column_title(self.cat, kind, name, lang)),
                                   preview=[_preview(row[i]) for row in tab["rows"][:PREVIEW_ROWS]])
                              for i, (name, _) in enumerate(tab["fields"])],
                     preview_rows=min(PREVIEW_ROWS, len(tab["rows"])))
                for kind, tab in tables(self.ds).items()]
        api = [dict(kind=k, example=self.href(f"{API_DIR}/{k}/{ex}.json", here), example_id=ex)
               for k, ex in (("provinces", "jiangsu"), ("sectors", "high-end-equipment"), ("policies", "jiangsu-2018-guidance"),
                             ("measures", "cluster-governance")) if ex in {x.id for x in getattr(self.ds, k)}]
        return dict(title=self.t("data.title", lang), lead=self.t("data.lead", lang), tables=rows, api=api,
                    package=self.href(f"{DATA_DIR}/datapackage.json", here),
                    sources=self.href(f"{DATA_DIR}/sources.json", here),
                    zip=self.href(f"{DATA_DIR}/cluster-atlas-data-{version}.zip", here), version=version)

    def json_link(self, kind: str, id: str, lang: str, here: str) -> Markup:
        return link(self.t("data.entity_json", lang), self.href(f"{API_DIR}/{kind}/{id}.json", here))

    def glossary(self, lang, here, notes):
        rows = [dict(zh=escape(g.zh), en=escape(g.en), note=(escape(self.tx(g.note, lang)) if g.note else "") + notes(g.sources))
                for g in self.ds.glossary]
        return dict(title=self.t("glossary.title", lang), lead=self.t("glossary.lead", lang), rows=rows)


PREVIEW_ROWS = 3


def _preview(value, limit: int = 36) -> Markup:
    """A cell of a table preview, as the CSV file holds it, shortened, in a code span: names and
    ids read exactly, and nothing in a value from data is read as markup (a backtick, which would
    end the span, becomes ’)."""
    text = "" if value is None else " ".join(str(value).split())   # one line: a table row
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return Markup(f"`{text.replace('`', chr(8217))}`") if text else Markup("")


@dataclass(frozen=True)
class _Cite:
    source: str
    section: str | None = None
    quote: tuple = ()


def build_pages(ds: Dataset, cat: Catalog, charts: dict[str, dict]) -> list[Page]:
    return Builder(ds, cat, charts).pages()
