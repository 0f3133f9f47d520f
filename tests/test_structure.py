"""What is declared once in the code and repeated where the engine or the browser needs it must
agree: languages, the tile colours; the site's shape is derived from dataset/sections.py and a
missing piece is a problem `make check` names; the engine glue takes nothing from the environment."""

import importlib.util
import re

import pytest
import yaml

from clusteratlas.charts.tilegrid import COUNT_BINS
from clusteratlas.i18n import DEFAULT_LANG, LANGS, LANGUAGES, SUFFIX
from clusteratlas.pages.kinds import page_kinds
from clusteratlas.paths import NAV, ROOT, SECTIONS, Paths, hand_written_docs
from clusteratlas.sitebuild.check import check, checked
from clusteratlas.sitebuild.engine import zensical
from clusteratlas.sitebuild.shape import shape_problems

GLUE = ROOT / "clusteratlas" / "glue" / "mkdocs_plugin.py"


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml uses !ENV and a Python tag (the slugify function): read them as plain values here.
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def test_the_engine_glue_takes_no_state_from_the_environment():
    code = GLUE.read_text(encoding="utf-8")
    assert "environ" not in code and "getenv" not in code
    assert not (ROOT / "scripts" / "mkdocs_hooks.py").exists() and "hooks" not in CONFIG


def test_mkdocs_yml_declares_the_languages_of_the_code():
    [i18n] = [p["i18n"] for p in CONFIG["plugins"] if isinstance(p, dict) and "i18n" in p]
    assert [lang["locale"] for lang in i18n["languages"]] == list(LANGS)
    assert [lang["name"] for lang in i18n["languages"]] == [lang.name for lang in LANGUAGES]
    assert [lang["locale"] for lang in i18n["languages"] if lang.get("default")] == [DEFAULT_LANG]
    assert i18n["docs_structure"] == "suffix" and SUFFIX[DEFAULT_LANG] == ""


def test_mkdocs_yml_holds_no_nav_of_its_own():
    # The glue writes the menu from dataset/sections.py (tests/test_site.py checks the built menu).
    assert "nav" not in CONFIG


def test_the_tile_colours_of_the_css_are_the_charts_colours():
    css = (ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8")
    for i, (_, _, colour) in enumerate(COUNT_BINS):
        rule = re.search(rf"\.ca-tile--b{i} \{{ background: (#[0-9A-Fa-f]{{6}});", css)
        assert rule and rule.group(1).upper() == colour.upper(), f".ca-tile--b{i}"


def test_theme_overrides_use_no_python_calls_zensical_cannot_run():
    # Zensical's template engine is not Python Jinja: no methods on strings, no helpers from a hook.
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for call in re.findall(r"\{[{%][^}]*?\.(rstrip|lstrip|strip|split|startswith|endswith|format)\(", text):
            raise AssertionError(f"{template.relative_to(ROOT)} calls .{call}()")
        assert "ca_text" not in text, template


def test_no_module_of_the_build_imports_the_developer_tools():
    # clusteratlas/dev/ (bench, synthetic data, project copies, the local server) is for developers.
    for module in (ROOT / "clusteratlas").rglob("*.py"):
        if "dev" in module.relative_to(ROOT / "clusteratlas").parts:
            continue
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*from (\.+|clusteratlas\.)dev\b|^\s*import clusteratlas\.dev\b", text, re.M), module


def test_zensical_missing_is_a_message_that_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(zensical.EngineMissing, match=r"make site ENGINE=zensical"):
        zensical.zensical_command(tmp_path, tmp_path / "out")


def test_serve_watches_what_people_write_in_docs_and_none_of_the_generated_files(tmp_path):
    docs = tmp_path / "docs"
    for rel in (
        "assets/extra.css",
        "assets/charts/map.svg",
        "provinces/jiangsu.md",
        "index.md",
        "notes.md",
        "data/provinces.csv",
    ):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x", encoding="utf-8")
    assert sorted(p.relative_to(docs).as_posix() for p in hand_written_docs(docs)) == ["assets/extra.css", "notes.md"]


def test_every_entry_of_the_menu_has_its_module_kinds_and_templates():
    # dataset/sections.py fixes the menu and the sections; pages/sections/<name>.py says what each shows.
    assert shape_problems(Paths()) == []
    assert list(dict.fromkeys(k.name for k in page_kinds())) == list(NAV)
    for name in NAV:
        kinds = [k for k in page_kinds() if k.name == name]
        assert [k.per_record for k in kinds] == ([False, True] if name in SECTIONS else [False]), name


def test_every_chart_is_shown_by_a_page_kind_and_every_chart_a_page_names_exists():
    ds = check()
    shown = {
        name.format(id=x.id) if k.per_record else name
        for k in page_kinds()
        for name in k.charts
        for x in (ds.records(k.name) if k.per_record else [None])
    }
    drawn = {spec["name"] for spec in checked().specs}
    assert shown == drawn


# Where a language's code is still compared outside i18n.py, and why (docs/dev/architecture.md,
# "Languages"): the theme's templates cannot read the atlas's Language records.
LANGUAGE_LITERALS_ALLOWED = {
    # og:locale from the engine's own language setting: Material's and Zensical's template languages
    # share no lookup the atlas could feed (the 404 page has no front matter).
    "overrides/main.html": 1,
    # The one 404 page every language shares picks its texts by the address in the browser.
    "overrides/404.html": 1,
}


def test_no_language_code_is_compared_outside_the_language_module():
    code = re.compile(r"""(==|!=|===|!==|\bin)\s*\(?\s*["'](zh|en)["']|["'](zh|en)["']\s*(==|!=|===|!==)""")
    found = {}
    for path in [*(ROOT / "clusteratlas").rglob("*.py"), *(ROOT / "templates").rglob("*.j2")]:
        rel = path.relative_to(ROOT).as_posix()
        if rel in ("clusteratlas/i18n.py",) or rel.startswith("clusteratlas/dev/"):
            continue
        hits = code.findall(path.read_text(encoding="utf-8"))
        if hits:
            found[rel] = len(hits)
    for path in (ROOT / "overrides").rglob("*.html"):
        rel = path.relative_to(ROOT).as_posix()
        hits = code.findall(path.read_text(encoding="utf-8"))
        if hits:
            found[rel] = len(hits)
    assert found == LANGUAGE_LITERALS_ALLOWED


# Where a folder is looked for (the stored sources, the chart font): places, not values on a page.
FOLDERS_FROM_THE_ENVIRONMENT = {"clusteratlas/dataset/provenance.py", "clusteratlas/charts/fonts.py"}


def test_no_page_function_reads_the_environment():
    # The site's address, the date and the version are read once per build (settings.read_settings)
    # and carried with the checked data; pages, charts and downloads are pure in their arguments.
    reads = re.compile(r"os\.environ|getenv|\bsite_url\(\)|\bbuild_date\(|\bproject_version\(|\bread_settings\(")
    for folder in ("pages", "charts", "downloads", "dataset"):
        for path in (ROOT / "clusteratlas" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if path.relative_to(ROOT).as_posix() in FOLDERS_FROM_THE_ENVIRONMENT:
                continue
            assert not reads.search(text), path.relative_to(ROOT)
