"""What is declared once in the code and repeated where the engine or the browser needs it must
agree: languages, sections, the tile colours; and the engine glue stays small (docs/dev/engines.md)."""

import importlib.util
import re

import pytest
import yaml

from clusteratlas.charts.tilegrid import COUNT_BINS
from clusteratlas.i18n import DEFAULT_LANG, LANGS, SUFFIX
from clusteratlas.pages.kinds import PAGE_KINDS
from clusteratlas.paths import HAND_WRITTEN, NAV, ROOT, SECTIONS, hand_written_docs, page_path
from clusteratlas.sitebuild.check import check, checked
from clusteratlas.sitebuild.engine import zensical

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
    assert [lang["locale"] for lang in i18n["languages"] if lang.get("default")] == [DEFAULT_LANG]
    assert i18n["docs_structure"] == "suffix" and SUFFIX[DEFAULT_LANG] == ""


def test_the_nav_lists_every_page_kind_that_is_not_an_entity_and_the_hand_written_pages():
    expected = [page_path(k.name, DEFAULT_LANG) for k in PAGE_KINDS if k.collection is None]
    expected += [page_path(name, DEFAULT_LANG) for name in HAND_WRITTEN]
    assert CONFIG["nav"] == expected


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


def test_every_page_kind_has_its_place_in_paths_and_its_template():
    # paths.NAV and SECTIONS fix the URLs; pages/kinds.PAGE_KINDS says what each page shows.
    assert list(dict.fromkeys(k.name for k in PAGE_KINDS)) == list(NAV)
    for name in NAV:
        kinds = [k for k in PAGE_KINDS if k.name == name]
        if name in SECTIONS:  # an index page and one page per record
            assert [k.collection is None for k in kinds] == [True, False], name
        else:
            assert [k.collection for k in kinds] == [None], name
    for k in PAGE_KINDS:
        assert (ROOT / "templates" / "pages" / k.template).is_file(), k.template


def test_every_chart_is_shown_by_a_page_kind_and_every_chart_a_page_names_exists():
    ds = check()
    shown = {
        name.format(id=x.id) if k.collection else name
        for k in PAGE_KINDS
        for name in k.charts
        for x in (getattr(ds, k.collection) if k.collection else [None])
    }
    drawn = {spec["name"] for spec in checked().specs}
    assert shown == drawn
