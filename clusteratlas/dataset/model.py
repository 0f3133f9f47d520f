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


class NamedCluster(Record):
    """A national advanced manufacturing cluster of the province, as a later report names it."""

    name: Title  # zh: the name as reported; en: this site's rendering
    stage: Literal["finals-2021", "third-round-2022", "list-2022", "list-2024"]
    sources: Cites  # secondary sources only


class Province(Record):
    id: Id
    name: Name
    full_name: Name
    kind: Literal["province", "municipality", "autonomous-region"]
    region: Literal["east", "central", "west", "northeast"]
    sources: Cites
    national_clusters: list[NamedCluster] = []
    national_total: Fact | None = None  # the province's count of national clusters, as a report states it


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
