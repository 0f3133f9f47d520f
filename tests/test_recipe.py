"""The recipe of docs/dev/architecture.md ("Adding a section"), tried on a copy of the project and its
code: a tiny section backed by a data file of its own ("cities") takes eight files, builds end to
end (its pages in both languages, its download and API, its changes credited to its pages), and
each of the eight, forgotten, is a failure of `check` (or of the import) that names what is missing.
"""

import pytest

from clusteratlas.charts.fonts import FONT_DIR
from clusteratlas.dev.project import copy_package

from .conftest import copy_project, run_cli

CITIES = """\
- id: wuxi
  name: {zh: 无锡, en: Wuxi}
  province: jiangsu
  sources: [{source: admin-divisions}]
- id: suzhou
  name: {zh: 苏州, en: Suzhou}
  province: jiangsu
  sources: [{source: admin-divisions}]
"""

CITY_TYPE = '''

class City(Record):
    """A city of the recipe's test."""

    id: Id
    name: Name
    province: Id
    sources: Cites
'''

ROW = """    Section("cities", "cities.yaml", model.City, one="city", refs=(Ref("province", "provinces"),)),
"""

MODULE = '''"""Cities: the recipe's test section."""

from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes


def index(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    rows = [atlas.plink("cities", c.id, lang, here, atlas.tx(c.name, lang)) for c in atlas.records("cities")]
    return dict(title=atlas.t("cities.title", lang), lead=atlas.t("cities.lead", lang), rows=rows)


def entity(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    city = atlas.record("cities", id)
    province = atlas.provinces[city.province]
    return dict(
        title=atlas.tx(city.name, lang),
        lead=atlas.t("cities.lead", lang) + notes(city.sources),
        province=atlas.plink("provinces", province.id, lang, here, atlas.tx(province.name, lang)),
    )


KINDS = (PageKind("cities.md.j2", index), PageKind("city.md.j2", entity, per_record=True))
'''

INDEX_TEMPLATE = """# {{ title }}

{{ lead }}

{% for r in rows %}
- {{ r }}
{% endfor %}
{% include "partials/notes.md.j2" %}"""

CITY_TEMPLATE = """# {{ title }}

{{ lead }}

{{ s("col.province") }}{{ s("label_sep") }}{{ province }}
{% include "partials/changes.md.j2" %}

{{ json_link }}
{% include "partials/notes.md.j2" %}"""

STRINGS = """
cities: {zh: 城市, en: Cities}
cities.title: {zh: 城市, en: Cities}
cities.lead: {zh: 本站测试用的城市。, en: Cities of the recipe's test.}
table.cities: {zh: 城市, en: Cities}
column.cities.id: {zh: 标识, en: ID}
column.cities.name_zh: {zh: 名称（中文）, en: Name (Chinese)}
column.cities.name_en: {zh: 名称（英文）, en: Name (English)}
column.cities.province: {zh: 省级行政区, en: Province}
column.cities.sources: {zh: 来源, en: Sources}
"""

DOCS = """
## cities.yaml — the recipe's test section

| field | meaning |
| --- | --- |
| `id` | id |
| `name` | text |
| `province` | province id |
| `sources` | citations |
"""


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _insert_row(path):
    text = path.read_text(encoding="utf-8")
    anchor = 'Section("measures", '
    at = text.index(anchor)
    text = text[: text.rindex("\n", 0, at) + 1] + ROW + text[text.rindex("\n", 0, at) + 1 :]
    # The menu's order: cities after provinces (NAV has one name a line, ruff's layout).
    after = text.index('    "provinces",\n', text.index("NAV = (")) + len('    "provinces",\n')
    path.write_text(text[:after] + '    "cities",\n' + text[after:], "utf-8")


# The eight files of the recipe, each as the edit that makes it.
PIECES = {
    "data/cities.yaml": lambda root: (root / "data/cities.yaml").write_text(CITIES, encoding="utf-8"),
    "clusteratlas/dataset/model.py": lambda root: _append(root / "clusteratlas/dataset/model.py", CITY_TYPE),
    "clusteratlas/dataset/sections.py": lambda root: _insert_row(root / "clusteratlas/dataset/sections.py"),
    "clusteratlas/pages/sections/cities.py": lambda root: (root / "clusteratlas/pages/sections/cities.py").write_text(
        MODULE, encoding="utf-8"
    ),
    "templates/pages/cities.md.j2": lambda root: (root / "templates/pages/cities.md.j2").write_text(
        INDEX_TEMPLATE, encoding="utf-8"
    ),
    "templates/pages/city.md.j2": lambda root: (root / "templates/pages/city.md.j2").write_text(
        CITY_TEMPLATE, encoding="utf-8"
    ),
    "templates/strings.yaml": lambda root: _append(root / "templates/strings.yaml", STRINGS),
    "docs/dev/data.md": lambda root: _append(root / "docs/dev/data.md", DOCS),
}

# What the failure says when a piece is forgotten (and the command that says it).
FORGOTTEN = {
    "data/cities.yaml": ("check", "data/cities.yaml: the file is missing"),
    "clusteratlas/dataset/model.py": ("check", "has no attribute 'City'"),
    "clusteratlas/dataset/sections.py": ("check", "data/cities.yaml: unknown data file; nothing reads it"),
    "clusteratlas/pages/sections/cities.py": ("check", "clusteratlas/pages/sections/cities.py: is missing"),
    "templates/pages/cities.md.j2": ("check", "templates/pages/cities.md.j2: the template of the page 'cities'"),
    "templates/pages/city.md.j2": ("check", "templates/pages/city.md.j2: the template of the cities section's"),
    "templates/strings.yaml": ("check", "the string 'cities' is missing"),
    "docs/dev/data.md": ("docs", "not documented: cities.yaml: no '## cities.yaml — …' part"),
}


def _project(tmp_path, leave_out: str | None = None):
    root = copy_project(tmp_path / "project")
    env = dict(copy_package(root), CLUSTERATLAS_FONT_DIR=str(FONT_DIR))  # the copied package's font folder is its own
    for name, make in PIECES.items():
        if name != leave_out:
            make(root)
    return root, env


def _docs(root, env):
    return run_cli_module(root, env, "clusteratlas.dev.fielddocs")


def run_cli_module(root, env, module):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", module], cwd=root, env=env_of(env), capture_output=True, text=True)


def env_of(extra):
    import os

    return dict(os.environ, **extra)


def test_the_recipe_is_eight_files():
    assert len(PIECES) == len(FORGOTTEN) == 8


@pytest.mark.parametrize("piece", list(FORGOTTEN))
def test_each_forgotten_piece_fails_check_naming_what_is_missing(tmp_path, piece):
    root, env = _project(tmp_path, leave_out=piece)
    command, says = FORGOTTEN[piece]
    result = _docs(root, env) if command == "docs" else run_cli("--root", str(root), "check", cwd=root, env=env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert says in result.stderr, result.stderr
    if command == "check" and piece != "clusteratlas/dataset/model.py":
        assert "Traceback" not in result.stderr, result.stderr


def test_the_recipe_builds_a_section_with_pages_downloads_api_and_changes(tmp_path):
    root, env = _project(tmp_path)
    assert _docs(root, env).returncode == 0
    result = run_cli("--root", str(root), "build", "--no-offline", cwd=root, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    wuxi_zh = (site / "cities/wuxi/index.html").read_text(encoding="utf-8")
    wuxi_en = (site / "en/cities/wuxi/index.html").read_text(encoding="utf-8")
    assert "无锡" in wuxi_zh and "Wuxi" in wuxi_en and "Jiangsu" in wuxi_en
    assert 'href="../../api/cities/wuxi.json"' in wuxi_zh or "api/cities/wuxi.json" in wuxi_zh
    # The menu lists the section, in its place after the provinces.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.index('href="provinces/"') < home.index('href="cities/"') < home.index('href="sectors/"')
    # Downloads and API.
    assert (site / "data/cities.csv").read_text(encoding="utf-8").splitlines()[
        0
    ] == "id,name_zh,name_en,province,sources"
    assert '"province": "jiangsu"' in (site / "api/cities/suzhou.json").read_text(encoding="utf-8")
    # Changes: the city pages are new since the last release, credited to them, not to /data/.
    changes = (site / "en/changes/index.html").read_text(encoding="utf-8")
    assert 'href="../cities/wuxi/"' in changes and 'href="../cities/suzhou/"' in changes
    # A typo in a reference the row declares is refused with its file and line.
    (root / "data/cities.yaml").write_text(CITIES.replace("province: jiangsu", "province: jiangsuu", 1), "utf-8")
    bad = run_cli("--root", str(root), "check", cwd=root, env=env)
    assert bad.returncode == 1 and "data/cities.yaml:3: [[0].province] unknown province 'jiangsuu'" in bad.stderr
