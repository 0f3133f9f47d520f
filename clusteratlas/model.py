"""The schema of every data file: pydantic models, strict (no coercion), unknown fields refused.

One model per kind of record; FILES says which root type each data file holds. Field meanings
are documented in docs/dev/data.md, and a test checks every field here is documented there.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

ID_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64     # ids become file names (docs/<section>/<id>.en.md, api/<kind>/<id>.json): keep them short
# Names Windows refuses as file names (whatever the extension), and 'index', which is every
# section's own page: an entity with that id would overwrite it.
RESERVED_IDS = {"con", "prn", "aux", "nul", "index", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _usable_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is a reserved name (a device name on Windows, or a section's index page); choose another id")
    return value


Id = Annotated[str, StringConstraints(pattern=ID_RE, max_length=ID_MAX), AfterValidator(_usable_id)]
HTML_TAG = re.compile(r"<[A-Za-z/!?]")   # the start of a tag, a comment or a declaration
_MARKUP = [
    (HTML_TAG, "HTML or a script tag", "write plain text; the site adds all formatting itself"),
    (re.compile(r"\{[{%#]"), "a template marker ({{, {% or {#)", "remove the braces; data is text, never a template"),
    (re.compile(r"\|"), "'|', which would split a table cell", "use '/' or '、' instead"),
    (re.compile(r"^\s*#"), "'#' at the start, which would make a heading", "start with a word, or write '第…' / 'No. …'"),
    (re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]"), "an invisible control character",
     "retype the text; it was probably pasted"),
    # Bidirectional overrides and isolates reorder what a reader sees (the "Trojan Source" trick).
    (re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"), "an invisible text-direction control",
     "retype the text; it was probably pasted"),
]
# Characters that show nothing: a text made only of them (and spaces) is empty to a reader.
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\u00ad\u3000]+")


def _plain_text(value: str) -> str:
    # Text from data must read as text on every page (tables, lists, headings, charts, CSV):
    # refuse what would turn into markup rather than silently change the analyst's words.
    # NFC first, then the checks: '<' + U+212A (Kelvin sign) becomes '<K' only under NFC.
    value = unicodedata.normalize("NFC", value)
    for pattern, what, hint in _MARKUP:
        if pattern.search(value):
            raise ValueError(f"contains {what}; {hint}")
    if _INVISIBLE.fullmatch(value):
        raise ValueError("contains only invisible characters (zero-width spaces or the like); write the text")
    # One spelling per character (NFC): the same name typed two ways must match, sort and search alike.
    return value


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain_text)]


# national: a decision for the whole country; regional: a central requirement addressed to one
# region (the article's 从区域层面); provincial: a province's own programme. In this order on lists.
LEVELS = ("national", "regional", "provincial")
YEARS = (1900, 2100)   # a date outside this range is a typo in this subject
QUOTE_MAX = 60         # a quote is evidence for one claim, never a passage: the article is not republished


def _check_date(value: str) -> str:
    # The precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD; never padded with invented days.
    m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)   # ASCII digits only
    if not m:
        raise ValueError("not a date: write YYYY, YYYY-MM or YYYY-MM-DD with ASCII digits, in quotes")
    year, month, day = m.groups()
    if not YEARS[0] <= int(year) <= YEARS[1]:
        raise ValueError(f"year {year} is outside {YEARS[0]}–{YEARS[1]}; check the date against the source")
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} does not exist")
    if day:
        import datetime
        try:
            datetime.date(int(m.group(1)), int(month), int(day))
        except ValueError as e:
            raise ValueError(f"not a calendar date ({e})") from e
    return value


Date = Annotated[str, AfterValidator(_check_date)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Lengths per kind of text, in characters of each language, with room to spare over the data
# (longest today: names 54, titles 175, running text 472). A name is drawn in charts and carried
# by every highlighted map: a 50 KB province name once made site/ 330 MB.
NAME_MAX, TITLE_MAX, TEXT_MAX = 100, 300, 2000


def _at_most(limit: int, kind: str):
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"is {len(value)} characters long; {kind} are at most {limit} "
                             "(see docs/dev/data.md: long text is drawn in charts and repeated on many pages)")
        return value
    return AfterValidator(check)


class Text(Record):
    """A text in both languages (running text). Neither may be missing or empty."""
    zh: Annotated[NonEmpty, _at_most(TEXT_MAX, "texts")]
    en: Annotated[NonEmpty, _at_most(TEXT_MAX, "texts")]


class Title(Record):
    """A title in both languages: of a document, a source, a section, an event."""
    zh: Annotated[NonEmpty, _at_most(TITLE_MAX, "titles")]
    en: Annotated[NonEmpty, _at_most(TITLE_MAX, "titles")]


class Name(Record):
    """A name or short label in both languages (province, sector, term, chart label)."""
    zh: Annotated[NonEmpty, _at_most(NAME_MAX, "names")]
    en: Annotated[NonEmpty, _at_most(NAME_MAX, "names")]


ShortText = Annotated[NonEmpty, _at_most(NAME_MAX, "names")]


def _short_quote(value: str) -> str:
    if len(value) > QUOTE_MAX:
        raise ValueError(f"a quote is at most {QUOTE_MAX} characters, this one has {len(value)}; "
                         "quote only the words the claim rests on, or split it into several runs")
    return value


class Quote(Record):
    """The source's own words a claim rests on: one short run copied exactly (zh, as the source
    writes it), and this site's English translation of that run (en)."""
    zh: Annotated[NonEmpty, AfterValidator(_short_quote)]
    en: NonEmpty


class Cite(Record):
    source: Id
    section: Id | None = None
    quote: list[Quote] = []           # required where the source is primary; checked against its stored copy


def _web_address(value: str) -> str:
    # Shown as a link in every footnote and About: only http(s), one host, nothing that could run.
    m = re.fullmatch(r"https?://([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)(/[^\s<>\"'`\\]*)?", value)
    if not m:
        raise ValueError("not a web address: write the full http:// or https:// address of the page, with no spaces")
    return value


Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_web_address)]


Cites = Annotated[list[Cite], Field(min_length=1)]


class Section(Record):
    id: Id
    title: Title


class Source(Record):
    id: Id
    kind: Literal["primary", "reference", "secondary"]
    title: Title
    title_en_official: bool
    described: bool = False           # the title describes the source; its own headline is not recorded
    publisher: Title
    date: Date | None = None
    authors: list[Name] = []
    note: Text | None = None
    summary: Text | None = None       # what the source itself concludes, in its own terms (primary: on the home page)
    sections: list[Section] = []
    summary_quote: list[Quote] = []   # the source's own words the summary rests on (primary)
    url: Url | None = None            # the page where its text was read (required unless primary)
    url_is_copy: bool = False         # that page is a repost or mirror, not the outlet's own
    stored_copy: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*\.txt$")] | None = None
    #                                   file name of the stored text that quotes are checked against


class Fact(Record):
    """One sourced statement, such as a secondary report's addition to a policy."""
    text: Text
    sources: Cites


class NamedCluster(Record):
    """A national advanced manufacturing cluster of the province, as a later report names it."""
    name: Title                       # zh: the name as reported; en: this site's rendering
    stage: Literal["finals-2021", "third-round-2022", "list-2022", "list-2024"]
    sources: Cites                    # secondary sources only


class Province(Record):
    id: Id
    name: Name
    full_name: Name
    kind: Literal["province", "municipality", "autonomous-region"]
    region: Literal["east", "central", "west", "northeast"]
    sources: Cites
    national_clusters: list[NamedCluster] = []
    national_total: Fact | None = None   # the province's count of national clusters, as a report states it


class Sector(Record):
    id: Id
    name: Name
    winners: Annotated[int, Field(ge=0)]
    sources: Cites


class Batch(Record):
    id: Id
    number: Annotated[int, Field(ge=1)]
    launched: Date
    winners: Annotated[int, Field(ge=0)]
    sources: Cites


class Competition(Record):
    winners_total: Annotated[int, Field(ge=1)]     # shares are computed against it
    batches: Annotated[list[Batch], Field(min_length=1)]
    focus_fields: list[Name] = []
    focus_sources: Cites | None = None   # the citation of the focus fields (the competition's own cites provinces too)
    winners_by_province: dict[Id, Annotated[int, Field(ge=1)]]
    sources: Cites


class Category(Record):
    id: Id
    term: Name
    provinces: Annotated[list[Id], Field(min_length=1)]
    sources: Cites


class Example(Record):
    province: Id
    text: Text
    sources: Cites


class WorkReports(Record):
    year: Annotated[int, Field(ge=YEARS[0], le=YEARS[1])]
    divisions_total: Annotated[int, Field(ge=1)]
    mentioned_stated: Annotated[int, Field(ge=0)]
    share_stated: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)?%$")]
    categories: Annotated[list[Category], Field(min_length=1)]
    examples: list[Example] = []


class Region(Record):
    """The region a national decision addresses (the article names it; membership needs a source)."""
    name: Name
    provinces: Annotated[list[Id], Field(min_length=1)]
    sources: Cites


class Policy(Record):
    id: Id
    level: Literal[LEVELS]
    province: Id | None = None
    date: Date
    title: Title
    title_en_official: bool
    short_title: Name          # a label for charts and tight spaces
    issuer: Title | None = None
    issuer_role: Literal["issuer", "organiser"] = "issuer"   # a document is issued; a competition is organised
    summary: Text
    in_brief: Text | None = None      # (provincial) two or three sentences with its figures, for the province page
    region: Region | None = None      # the region a regional requirement addresses
    points: list[Text] = []           # what the document or decision says
    practice: list[Text] = []         # what the province did, as the article reports it (not the document)
    slogans: list[ShortText] = []
    open_questions: list[Text] = []
    secondary: list[Fact] = []        # later reporting (secondary sources only), shown apart
    explainer: list[Fact] = []        # (the competition) how the stages, batches and later lists relate
    related_sectors: list[Id] = []
    related_policies: list[Id] = []
    sources: Cites


class Measure(Record):
    id: Id
    number: Annotated[int, Field(ge=1)]
    name: Name
    # practice: the article reports what localities did (地方在实践中, 各地); recommendation: the
    # authors' own advice (要…, 应…). The page's heading says which.
    reported_as: Literal["practice", "recommendation"]
    summary: Text
    points: list[Text] = []
    related_policies: list[Id] = []   # provincial practice that illustrates it (the site's link, labelled so)
    sources: Cites


class Milestone(Record):
    """An event after the article, from secondary reporting only."""
    id: Id
    date: Date
    follows: Id                       # the policy whose story it continues (its page shows it)
    title: Title
    summary: Text
    points: list[Text] = []
    sources: Cites


class Term(Record):
    id: Id
    zh: ShortText
    en: ShortText
    note: Text | None = None
    sources: Cites


# data file → the type of its top-level value. Order = load order in error reports.
FILES: dict[str, object] = {
    "sources.yaml": list[Source],
    "provinces.yaml": list[Province],
    "sectors.yaml": list[Sector],
    "competition.yaml": Competition,
    "work_reports.yaml": WorkReports,
    "policies.yaml": list[Policy],
    "measures.yaml": list[Measure],
    "glossary.yaml": list[Term],
    "milestones.yaml": list[Milestone],
}
