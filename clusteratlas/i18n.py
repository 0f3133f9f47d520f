"""Languages and the UI string catalog (templates/strings.yaml)."""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path

import babel
from markupsafe import Markup

from .dataset.fields import HTML_TAG
from .errors import DataError, Problem
from .markdown import escape
from .yamlsource import read_yaml


@dataclass(frozen=True)
class Language:
    """One language of the site, as data: everything the code would otherwise branch on."""

    code: str  # the pages' language code (static-i18n's locale): 'zh', 'en'
    tag: str  # BCP 47, as <html lang>, hreflang, the feeds' xml:lang and JSON-LD's inLanguage say
    og_locale: str  # Open Graph's form (language_TERRITORY)
    suffix: str  # static-i18n's suffix structure: '' for the default language, '.en' for English
    name: str  # the language's name in itself (the language switch)
    # How a common noun (a sector's name) sits inside a sentence: English lowercases it ('Green
    # food' → 'green food'); Chinese adds the classifier 类 when it reads as a category.
    lowercase_nouns: bool = False
    category_suffix: str = ""
    # A province's name fits a tile of the phone's tile map (two to four characters in Chinese);
    # English names do not, and the phone layout lists them instead (charts/narrow.py).
    names_fit_tiles: bool = False


# The default language first: served at the site's root; the others under /<code>/.
LANGUAGES = (
    Language("zh", "zh-CN", "zh_CN", "", "中文", category_suffix="类", names_fit_tiles=True),
    Language("en", "en", "en_US", ".en", "English", lowercase_nouns=True),
)
LANGUAGE = {lang.code: lang for lang in LANGUAGES}
LANGS = tuple(lang.code for lang in LANGUAGES)
DEFAULT_LANG = LANGS[0]
SOURCE_LANG = "zh"  # the language of the sources and of the official titles they give
SUFFIX = {lang.code: lang.suffix for lang in LANGUAGES}
LANGUAGE_TAGS = {lang.code: lang.tag for lang in LANGUAGES}
# Files read by people of either language (a zip's README, the data package's titles) put English
# first: every reader of the data can read it, and Chinese follows.
FILE_ORDER = tuple(sorted(LANGS, key=lambda code: code != "en"))
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# A placeholder is a bare name, or the plural form {n|one|other}: never attribute or index access
# ({total.__class__}, {x[0]}), a conversion ({x!r}) or a format spec ({x:>99}). str.format would
# evaluate those, and {total.join.__globals__[…]} once read os.environ into a published page.
_PLACEHOLDER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\|[^{}|]*\|[^{}|]*)?")


def _string_problems(loc, key: str, lang: str, text: str) -> list[Problem]:
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError as e:
        return [
            loc.problem(
                (key, lang), f"broken placeholder: {e}", "placeholders are {name}; write a literal brace as {{ or }}"
            )
        ]
    problems = []
    for name, spec, conv in fields:
        if not _PLACEHOLDER.fullmatch(name) or spec or conv:
            shown = "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
            problems.append(
                loc.problem(
                    (key, lang),
                    f"placeholder {ascii(shown)} is not a plain name",
                    "write {name} (or {n|one|other} for a plural) — a UI string is text, not code",
                )
            )
    # What the page gets once the placeholders are filled ("{{" is a literal "{"): a template
    # marker there stops the page's generation ("{{{{x}}}}" once was an internal error).
    literal = "".join(lit for lit, *_ in string.Formatter().parse(text))
    if re.search(r"\{[{%#]", literal):
        problems.append(
            loc.problem(
                (key, lang),
                "would write a template marker ({{, {% or {#) into the page",
                "remove the extra braces: a UI string is text, never a template",
            )
        )
    if HTML_TAG.search(text):
        problems.append(
            loc.problem(
                (key, lang),
                "contains HTML",
                "write plain text (Markdown such as **bold** is fine); the site adds all markup itself",
            )
        )
    return problems


class Catalog:
    """UI strings by key and language. `t(key, lang, **args)` escapes the args, not the string."""

    def __init__(self, strings: dict[str, dict[str, str]], located=None):
        self.strings = strings
        self.located = located  # positions in strings.yaml, for a located message at format time

    @classmethod
    def load(cls, path: Path) -> Catalog:
        """Read the catalog; every problem (duplicate key, missing language, broken {placeholder})
        is reported with its line, like a data error."""
        display = f"{path.parent.name}/{path.name}"
        loc, problems = read_yaml(path, display, inside=path.parent)
        if loc is not None and not isinstance(loc.value, dict):
            problems.append(loc.problem((), "expected 'key: {zh: …, en: …}' entries"))
        if problems or loc is None:
            raise DataError(problems)
        for key, val in loc.value.items():
            if not isinstance(val, dict) or set(val) != set(LANGS):
                problems.append(
                    loc.problem(
                        (key,),
                        f"needs exactly the keys {', '.join(LANGS)}, "
                        f"has {sorted(val) if isinstance(val, dict) else val!r}",
                        "give the string in both languages: zh: … and en: …",
                    )
                )
                continue
            for lang in LANGS:
                if not isinstance(val[lang], str):
                    problems.append(
                        loc.problem((key, lang), 'must be a string (write "" only where the language needs no text)')
                    )
                    continue
                problems += _string_problems(loc, key, lang, val[lang])
        if problems:
            raise DataError(problems)
        return cls(loc.value, loc)

    def t(self, key: str, lang: str, **args) -> Markup:
        safe = {k: escape(v) for k, v in args.items()}
        return Markup(self._format(key, lang, args, safe))

    def text(self, key: str, lang: str, **args) -> str:
        """Plain text (chart titles, alt text, CSV): formatted, not escaped for Markdown."""
        return self._format(key, lang, args, {k: str(v) for k, v in args.items()})

    def _format(self, key: str, lang: str, args: dict, values: dict) -> str:
        if key not in self.strings:
            # The code asks for a string the catalog lacks: the code's mistake (make check names the
            # strings a menu entry or table needs), not a placeholder of the editor's.
            raise LookupError(f"UI string '{key}' is not in templates/strings.yaml")
        try:
            return self._template(key, lang, args).format_map(values)
        except KeyError as e:
            # A placeholder the code does not give this string (a typo such as {totl}): the
            # editor's mistake, told where it is, with the names that can be used.
            given = ", ".join("{" + k + "}" for k in sorted(args)) or "none"
            message = f"placeholder {{{e.args[0]}}} is not given to this string; it can use {given}"
            if self.located is None:
                raise DataError([Problem("templates/strings.yaml", 0, f"{key}.{lang}", message)]) from None
            raise DataError([self.located.problem((key, lang), message, "correct the placeholder's name")]) from None

    def _template(self, key: str, lang: str, args: dict) -> str:
        return plural_forms(self.strings[key][lang], lang, args)

    def join(self, items, lang: str, wrap=str):
        """'A、B、C' in Chinese, 'A, B and C' in English. wrap=Markup keeps escaped items safe.

        Items that hold the separator themselves (clauses with '，' in Chinese, ',' in English) or
        the last separator (' and ', as in "textiles and apparel") are joined with the clause
        separator ('；' / '; '): otherwise the list reads as one run-on, or as more items than it has."""
        items = list(items)
        if len(items) < 2:
            return wrap("").join(items)
        sep, last = self.raw("list_sep", lang), self.raw("list_last_sep", lang)
        mark = {"、": "，"}.get(sep.strip(), sep.strip())
        if any(mark in str(i) or (last.strip() and last in str(i)) for i in items):
            sep = last = self.raw("clause_sep", lang)
        return wrap(sep).join(items[:-1]) + wrap(last) + items[-1]

    def raw(self, key: str, lang: str) -> str:
        return self.strings[key][lang]


# {n|singular|plural} in a catalog string: the form that agrees with the number n, by the
# language's CLDR plural rule (Babel). English has two forms (one, other); Chinese has one, so
# its strings need no selector. The number itself is written with {n} as usual.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


@functools.cache
def _plural_rule(lang: str):
    return babel.Locale.parse(lang).plural_form


def plural_forms(template: str, lang: str, args: dict) -> str:
    if "|" not in template:
        return template

    def pick(m: re.Match) -> str:
        name, one, other = m.groups()
        if name not in args:
            raise KeyError(f"plural selector {{{name}|…}} has no number '{name}'")
        return one if _plural_rule(lang)(int(args[name])) == "one" else other

    return _PLURAL.sub(pick, template)


def others(lang: str) -> list[str]:
    """Every language but this one: a page shows its names in them too, for search across languages."""
    return [x for x in LANGS if x != lang]


def category_name(name, lang: str) -> str:
    """A sector's name as a category inside a sentence: '绿色食品类' / 'green food'."""
    suffix = LANGUAGE[lang].category_suffix
    if suffix:
        text = getattr(name, lang)
        return text if text.endswith(suffix) else text + suffix  # '其他轻工类' stays: never doubled
    return in_sentence(getattr(name, lang), lang)


def in_sentence(name: str, lang: str) -> str:
    """A common-noun name (a sector) inside an English sentence: 'Green food' → 'green food';
    acronyms and words with capitals inside ('ICT', 'AI chips') keep their case. Chinese is
    unchanged. Never used for proper nouns (provinces, titles)."""
    if not LANGUAGE[lang].lowercase_nouns or len(name) < 2 or not name[0].isupper() or not name[1].islower():
        return name
    first = name.split(" ", 1)[0]
    return name if any(c.isupper() for c in first[1:]) else name[0].lower() + name[1:]


def bilingual(catalog: Catalog, key: str, **args) -> str:
    """A plain-text file in both languages (English first, then the rest), e.g. a zip's README."""
    return "\n\n".join(catalog.text(key, lang, **args) for lang in FILE_ORDER) + "\n"


def format_date(value: str, lang: str, catalog: Catalog) -> Markup:
    """A date at the precision the source gives: '2019-08' → 2019年8月 / August 2019."""
    parts = value.split("-")
    y = parts[0]
    if len(parts) == 1:
        return catalog.t("date.year", lang, y=y)
    m = int(parts[1])
    if len(parts) == 2:
        return catalog.t("date.month", lang, y=y, m=m, month_name=MONTHS_EN[m - 1])
    return catalog.t("date.day", lang, y=y, m=m, d=int(parts[2]), month_name=MONTHS_EN[m - 1])


_DIGITS_ZH = "零一二三四五六七八九"


def numeral_zh(n: int) -> str:
    """一, 二 … 十, 十一 … 九十九: how Chinese writes a batch number (第一批), not 第1批."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS_ZH[tens]) + "十" if tens else "") + (_DIGITS_ZH[ones] if ones else "")


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
