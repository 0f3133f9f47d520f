"""The building blocks of every record: ids, plain bilingual text, dates, web addresses, citations.

Each type refuses what would break a page or a file (markup, control characters, overlong text,
reserved ids); model.py builds the records of the data files from them.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# The languages of every text in data/: the data model is bilingual by type (Text, Title, Name and
# Quote have a field for each), the sources' language and English. The site's languages are
# i18n.LANGUAGES; a third would need these types widened (docs/dev/architecture.md, "Languages").
DATA_LANGS = ("zh", "en")

ID_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64  # ids become file names (docs/<section>/<id>.en.md, api/<kind>/<id>.json): keep them short
# Names Windows refuses as file names (whatever the extension), and 'index', which is every
# section's own page: an entity with that id would overwrite it.
RESERVED_IDS = {"con", "prn", "aux", "nul", "index", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _usable_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(
            f"'{value}' is a reserved name (a device name on Windows, or a section's index page); choose another id"
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_RE, max_length=ID_MAX), AfterValidator(_usable_id)]
HTML_TAG = re.compile(r"<[A-Za-z/!?]")  # the start of a tag, a comment or a declaration
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # tab and newlines allowed
# Bidirectional overrides and isolates reorder what a reader sees (the "Trojan Source" trick).
DIRECTION_CHAR = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_MARKUP = [
    (HTML_TAG, "HTML or a script tag", "write plain text; the site adds all formatting itself"),
    (re.compile(r"\{[{%#]"), "a template marker ({{, {% or {#)", "remove the braces; data is text, never a template"),
    (re.compile(r"\|"), "'|', which would split a table cell", "use '/' or '、' instead"),
    (
        re.compile(r"^\s*#"),
        "'#' at the start, which would make a heading",
        "start with a word, or write '第…' / 'No. …'",
    ),
    (CONTROL_CHAR, "an invisible control character", "retype the text; it was probably pasted"),
    (DIRECTION_CHAR, "an invisible text-direction control", "retype the text; it was probably pasted"),
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


YEARS = (1900, 2100)  # a date outside this range is a typo in this subject
QUOTE_MAX = 60  # a quote is evidence for one claim, never a passage: the article is not republished


def _check_date(value: str) -> str:
    # The precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD; never padded with invented days.
    m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)  # ASCII digits only
    if not m:
        raise ValueError("not a date: write YYYY, YYYY-MM or YYYY-MM-DD with ASCII digits, in quotes")
    year, month, day = m.groups()
    if not YEARS[0] <= int(year) <= YEARS[1]:
        raise ValueError(f"year {year} is outside {YEARS[0]}–{YEARS[1]}; check the date against the source")
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} does not exist")
    if day:
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
            raise ValueError(
                f"is {len(value)} characters long; {kind} are at most {limit} "
                "(see docs/dev/data.md: long text is drawn in charts and repeated on many pages)"
            )
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
        raise ValueError(
            f"a quote is at most {QUOTE_MAX} characters, this one has {len(value)}; "
            "quote only the words the claim rests on, or split it into several runs"
        )
    return value


class Quote(Record):
    """The source's own words a claim rests on: one short run copied exactly (zh, as the source
    writes it), and this site's English translation of that run (en)."""

    zh: Annotated[NonEmpty, AfterValidator(_short_quote)]
    en: Annotated[NonEmpty, _at_most(TITLE_MAX, "quote translations")]  # the longest is 237


class Cite(Record):
    source: Id
    section: Id | None = None
    quote: list[Quote] = []  # required where the source is primary; checked against its stored copy


def _web_address(value: str) -> str:
    # Shown as a link in every footnote and About: only http(s), one host, nothing that could run.
    m = re.fullmatch(r"https?://([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)(/[^\s<>\"'`\\]*)?", value)
    if not m:
        raise ValueError("not a web address: write the full http:// or https:// address of the page, with no spaces")
    return value


Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_web_address)]


Cites = Annotated[list[Cite], Field(min_length=1)]
