"""The schema of every data file: pydantic models, strict (no coercion), unknown fields refused.

One model per kind of record; sections.py says which file holds which (FILES). Field meanings
are documented in docs/dev/data.md, and a test checks every field here is documented there.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .fields import YEARS, Cites, Date, Id, Name, Quote, Record, ShortText, Text, Title, Url

# national: a decision for the whole country; regional: a central requirement addressed to one
# region (the article's 从区域层面); provincial: a province's own programme. In this order on lists.
LEVELS = ("national", "regional", "provincial")


class Section(Record):
    id: Id
    title: Title
    # The words that open the section in the stored copy (primary source): a quote cited under the
    # section must lie between them and the next section's opening words.
    starts: Annotated[ShortText, StringConstraints(min_length=4)] | None = None


class Source(Record):
    id: Id
    kind: Literal["primary", "reference", "secondary"]
    title: Title
    title_en_official: bool
    described: bool = False  # the title describes the source; its own headline is not recorded
    publisher: Title
    date: Date | None = None
    authors: list[Name] = []
    note: Text | None = None
    summary: Text | None = None  # what the source itself concludes, in its own terms (primary: on the home page)
    sections: list[Section] = []
    summary_quote: list[Quote] = []  # the source's own words the summary rests on (primary)
    url: Url | None = None  # the page where its text was read (required unless primary)
    url_is_copy: bool = False  # that page is a repost or mirror, not the outlet's own
    stored_copy: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*\.txt$")] | None = None
    #                                   file name of the stored text that quotes are checked against


class Fact(Record):
    """One sourced statement, such as a secondary report's addition to a policy."""

    text: Text
    sources: Cites
    # Sources that disagree (the text says what each states): shown under a label of its own, and
    # it must cite at least two sources (make check).
    disagree: bool = False


class Province(Record):
    id: Id
    name: Name
    full_name: Name
    kind: Literal["province", "municipality", "autonomous-region"]
    region: Literal["east", "central", "west", "northeast"]
    sources: Cites


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
    winners_total: Annotated[int, Field(ge=1)]  # shares are computed against it
    batches: Annotated[list[Batch], Field(min_length=1)]
    focus_fields: list[Name] = []
    focus_sources: Cites | None = None  # the citation of the focus fields (the competition's own cites provinces too)
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
    short_title: Name  # a label for charts and tight spaces
    issuer: Title | None = None
    issuer_role: Literal["issuer", "organiser"] = "issuer"  # a document is issued; a competition is organised
    summary: Text
    in_brief: Text | None = None  # (provincial) two or three sentences with its figures, for the province page
    region: Region | None = None  # the region a regional requirement addresses
    points: list[Text] = []  # what the document or decision says
    practice: list[Text] = []  # what the province did, as the article reports it (not the document)
    slogans: list[ShortText] = []
    open_questions: list[Text] = []
    secondary: list[Fact] = []  # later reporting (secondary sources only), shown apart
    explainer: list[Fact] = []  # (the competition) how the stages, batches and later lists relate
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
    related_policies: list[Id] = []  # provincial practice that illustrates it (the site's link, labelled so)
    sources: Cites


class Milestone(Record):
    """An event after the article, from secondary reporting only."""

    id: Id
    date: Date
    # What the date is: the event's, as a source states it, or only the day a report appeared
    # (a report that says "recently", 近日) — pages then say "reported on".
    date_is: Literal["event", "report"] = "event"
    follows: Id  # the policy whose story it continues (its page shows it)
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


class EditorNote(Record):
    """An editor's word on a release (releases/): why a figure changed, what was corrected."""

    release: Annotated[
        str, StringConstraints(pattern=r"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$")
    ]
    page: Annotated[str, StringConstraints(pattern=r"^[a-z]+(/[a-z0-9]+(-[a-z0-9]+)*)?$")] | None = (
        None  # e.g. provinces/jiangsu; none: the whole release
    )
    note: Text


# The national advanced manufacturing clusters (国家先进制造业集群): MIIT's lists, the clusters the
# sources name, and the counts they state. Every citation here is of a later report and carries
# the report's own words (quote:); clusters.py in validate checks that the words name what they back.


class Dated(Record):
    """A date as its source gives it: `event` when the source dates the event itself (公示 from …),
    `reported` when only the report's own day is known (it says 近日, "recently")."""

    date: Date
    kind: Literal["event", "reported"]
    what: Name  # what happened on or by that date ("publicly announced", "list published")
    sources: Cites


class ClusterList(Record):
    """One of MIIT's lists: the 2021 finals' winners, the 2022 third round's, the 45, the 35 of 2024."""

    id: Id
    name: Title
    short: Name  # a label for tables, filters and charts
    total: Annotated[int, Field(ge=1)]  # as its sources state it
    batches: list[Annotated[int, Field(ge=1)]] = []  # the winners of each batch, where the list had batches
    part_of: Id | None = None  # a later list that includes this one whole (the 25 and the 20 are in the 45)
    dates: list[Dated] = []
    summary: Text
    notes: list[Fact] = []  # what a reader should know about the list as a whole (it may be adjusted …)
    sources: Cites


class ClusterField(Record):
    """One of the six fields MIIT sorted the 45 into (新一代信息技术 …)."""

    id: Id
    name: Name
    sources: Cites


class Membership(Record):
    """A cluster on one list, as a source says it: with its batch and rank where the source states one."""

    list: Id
    batch: Annotated[int, Field(ge=1)] | None = None
    rank: Annotated[int, Field(ge=1)] | None = None  # its number, where a source ranks or numbers the list
    # What the number is: `place` when the source says the cluster placed so (位列第二名, 以第12名的
    # 成绩), `number` when it only numbers a list (序号), which need not be a ranking.
    rank_is: Literal["place", "number"] = "number"
    note: Text | None = None  # what the reader should know about this entry (a year read from a page's date)
    sources: Cites


class Alias(Record):
    """Another form of a cluster's name that a source uses (short, older, with 产业 …), with that source."""

    zh: ShortText
    sources: Cites


class FieldClaim(Record):
    field: Id
    sources: Cites


class Cluster(Record):
    id: Id
    name: Name  # zh: a form a source states (the fullest official one found); en: this site's rendering
    short_form: bool = False  # the zh name is a short or informal form; the official one is not in the sources found
    aliases: list[Alias] = []
    provinces: Annotated[list[Id], Field(min_length=1)]
    cities: list[Name] = []
    place_stated: bool = False  # a source states the provinces and cities (false: read from the name, said so)
    place_sources: Cites | None = None  # the sources that state them, when place_stated
    lists: Annotated[list[Membership], Field(min_length=1)]
    field: FieldClaim | None = None  # MIIT's field, only where a source states it
    # This site's reading of its field from its name, where no source states one (shown as such,
    # counted apart from the stated ones; only for the 45, whose fields the sources count).
    field_read: Id | None = None
    lead: Fact | None = None  # who leads it (牵头), where a source says
    notes: list[Fact] = []  # what the sources leave open, or where they disagree


class StatedCount(Record):
    """A count a source states: of one list's clusters in a province, a city, a field or a region, or
    the list's whole. The known names may fall short of it, never exceed it (make check)."""

    id: Id
    list: Id
    count: Annotated[int, Field(ge=0)]
    province: Id | None = None
    city: Name | None = None
    field: Id | None = None
    region: Literal["east", "central", "west", "northeast", "key-regions"] | None = None
    # How it counts a cluster shared by several provinces: in each of them, apart from them (a line
    # of its own), or the source does not say.
    shared: Literal["each", "apart", "unstated"] = "unstated"
    aggregator: bool = False  # a data aggregator's table: shown as the weaker source it is
    sources: Cites
