"""The site's shape, checked before anything is generated: every entry of the menu
(dataset/sections.py) has its page module, page kinds, templates and UI strings, and every download
table its titles. A piece a contributor forgot is a located problem from `make check`, naming what
is missing and where it goes, never a failure halfway through a build.
"""

from __future__ import annotations

from ..dataset.sections import SECTION
from ..errors import Problem
from ..pages.kinds import ShapeError, page_kinds
from ..paths import NAV, Paths

RECIPE = "docs/dev/architecture.md, 'Adding a section', lists every piece"


def shape_problems(paths: Paths) -> list[Problem]:
    """What the code and templates of the menu's pages lack (the catalog is checked by string_problems)."""
    try:
        kinds = page_kinds()
    except ShapeError as e:
        where, _, what = str(e).partition(" ")
        return [Problem(where.rstrip(":"), 0, "", what, RECIPE)]
    problems = []
    for kind in kinds:
        template = paths.templates / "pages" / kind.template
        if not template.is_file():
            whose = f"the {kind.name} section's record pages" if kind.per_record else f"the page '{kind.name}'"
            problems.append(
                Problem(
                    f"templates/pages/{kind.template}",
                    0,
                    "",
                    f"the template of {whose} is missing (named in clusteratlas/pages/sections/{kind.name}.py)",
                    RECIPE,
                )
            )
    return problems


def string_problems(catalog, tables: dict[str, dict]) -> list[Problem]:
    """The UI strings every page of the menu and every download table needs, in templates/strings.yaml:
    `<name>` (links, changes, cards) and `<name>.title` for each menu entry; `table.<table>` and
    `column.<table>.<column>` for each table of the data package."""
    needed = [(key, f"menu entry '{name}'") for name in NAV for key in (name, f"{name}.title")]
    for table, tab in tables.items():
        needed.append((f"table.{table}", f"download table '{table}'"))
        needed += [(f"column.{table}.{column}", f"download table '{table}'") for column, _ in tab["fields"]]
    return [
        Problem(
            "templates/strings.yaml",
            0,
            key,
            f"the string '{key}' is missing (the {what} needs it)",
            f"add '{key}: {{zh: …, en: …}}'" + (f"; {RECIPE}" if table_of(key) in SECTION else ""),
        )
        for key, what in needed
        if key not in catalog.strings
    ]


def table_of(key: str) -> str:
    parts = key.split(".")
    return parts[1] if parts[0] in ("table", "column") else parts[0]
