"""Languages and the UI string catalog (templates/strings.yaml)."""
from __future__ import annotations

import string
from pathlib import Path

from markupsafe import Markup

from .errors import DataError, Problem
from .markdown import escape

LANGS = ("zh", "en")        # zh is the default language, served at the site root
DEFAULT_LANG = "zh"
SUFFIX = {"zh": "", "en": ".en"}   # mkdocs-static-i18n "suffix" docs structure
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


class Catalog:
    """UI strings by key and language. `t(key, lang, **args)` escapes the args, not the string."""

    def __init__(self, strings: dict[str, dict[str, str]]):
        self.strings = strings

    @classmethod
    def load(cls, path: Path) -> "Catalog":
        """Read the catalog; every problem (duplicate key, missing language, broken {placeholder})
        is reported with its line, like a data error."""
        from .yamlsource import read_yaml
        display = f"{path.parent.name}/{path.name}"
        loc, problems = read_yaml(path, display, inside=path.parent)
        if loc is not None and not isinstance(loc.value, dict):
            problems.append(loc.problem((), "expected 'key: {zh: …, en: …}' entries"))
        if problems or loc is None:
            raise DataError(problems)
        for key, val in loc.value.items():
            if not isinstance(val, dict) or set(val) != set(LANGS):
                problems.append(loc.problem((key,), f"needs exactly the keys {', '.join(LANGS)}, has {sorted(val) if isinstance(val, dict) else val!r}",
                                            "give the string in both languages: zh: … and en: …"))
                continue
            for lang in LANGS:
                if not isinstance(val[lang], str):
                    problems.append(loc.problem((key, lang), "must be a string (write \"\" only where the language needs no text)"))
                    continue
                try:
                    list(string.Formatter().parse(val[lang]))
                except ValueError as e:
                    problems.append(loc.problem((key, lang), f"broken placeholder: {e}",
                                                "placeholders are {name}; write a literal brace as {{ or }}"))
        if problems:
            raise DataError(problems)
        return cls(loc.value)

    def t(self, key: str, lang: str, **args) -> Markup:
        try:
            template = self.strings[key][lang]
        except KeyError:
            raise KeyError(f"UI string '{key}' is not in templates/strings.yaml") from None
        safe = {k: escape(v) for k, v in args.items()}
        return Markup(template.format(**safe))

    def text(self, key: str, lang: str, **args) -> str:
        """Plain text (chart titles, alt text, CSV): formatted, not escaped for Markdown."""
        return self.strings[key][lang].format(**{k: str(v) for k, v in args.items()})

    def join(self, items, lang: str, wrap=str):
        """'A、B、C' in Chinese, 'A, B and C' in English. wrap=Markup keeps escaped items safe."""
        items = list(items)
        if len(items) < 2:
            return wrap("").join(items)
        return wrap(self.raw("list_sep", lang)).join(items[:-1]) + wrap(self.raw("list_last_sep", lang)) + items[-1]

    def raw(self, key: str, lang: str) -> str:
        return self.strings[key][lang]


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


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
