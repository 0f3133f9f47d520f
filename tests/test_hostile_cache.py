"""Caches and state are verified, not trusted (hostile inputs, round 3): a chart-cache entry that
is empty, truncated or carries script is drawn again; a cache folder that is a file is a located
message; a matplotlibrc in the project does not restyle the published charts."""

import os
import shutil
from pathlib import Path

import pytest

from clusteratlas.sitebuild import buildstate

from .conftest import run_cli


def _copy_caches(cache: Path) -> None:
    """The font and the checkout's chart and card caches (those there are), for a cache of one test's own."""
    for part in ("fonts", "charts", "cards"):
        if (Path(os.environ["CLUSTERATLAS_CACHE_DIR"]) / part).is_dir():
            shutil.copytree(Path(os.environ["CLUSTERATLAS_CACHE_DIR"]) / part, cache / part)


@pytest.fixture
def private_cache(project, tmp_path, monkeypatch):
    """The project's own chart cache, a copy of the checkout's that one generate completes (tests
    share the checkout's otherwise): copied, not drawn afresh, which costs every chart."""
    cache = tmp_path / "cache"
    _copy_caches(cache)
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(cache))
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 0, result.stderr
    return cache / "charts"


def _map(project) -> bytes:
    return (project / "docs/assets/charts/map-winners.svg").read_bytes()


DAMAGE = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "script": lambda data: data.replace(b"</svg>", b"<script>alert(document.cookie)</script></svg>"),
    "not-svg": lambda data: b"<html><body>hello</body></html>",
}


def test_a_damaged_chart_cache_entry_is_drawn_again(project, private_cache):
    # Every entry damaged, the four kinds of damage in turn over the entries: one generation shows
    # that none of them is trusted (each would change a chart or carry script into docs/).
    charts = project / "docs/assets/charts"
    good = {p.name: p.read_bytes() for p in charts.glob("*.svg")}
    entries = sorted(private_cache.glob("*.svg"))
    assert len(entries) >= 2 * len(DAMAGE)
    for i, entry in enumerate(entries):
        entry.write_bytes(list(DAMAGE.values())[i % len(DAMAGE)](entry.read_bytes()))
    for svg in charts.glob("*.svg"):
        svg.unlink()
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in charts.glob("*.svg")} == good
    assert b"<script" not in b"".join(good.values())


def test_a_chart_cache_that_is_a_file_is_a_located_message(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(os.environ["CLUSTERATLAS_CACHE_DIR"] + "/fonts", cache / "fonts")
    (cache / "charts").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(cache))
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1
    assert "the chart cache is not a folder" in result.stderr and "internal error" not in result.stderr


def test_a_matplotlibrc_in_the_project_does_not_restyle_the_charts(project, private_cache):
    good = _map(project)
    (project / "matplotlibrc").write_text(
        "axes.facecolor: red\nsavefig.facecolor: red\nfigure.facecolor: red\npatch.linewidth: 9\nsvg.fonttype: none\n",
        encoding="utf-8",
    )
    shutil.rmtree(private_cache)
    (project / "docs/assets/charts/map-winners.svg").unlink()
    result = run_cli("--root", str(project), "generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert _map(project) == good


def test_jieba_keeps_its_dictionary_cache_in_the_projects_cache_not_the_temp_folder(project, tmp_path, monkeypatch):
    """The system temp folder is world-writable: a jieba.cache planted there changed the Chinese
    search index. The build's jieba writes and reads its cache under the project's cache only."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    cache = tmp_path / "cache"
    _copy_caches(cache)  # the pictures' caches too: this is about jieba, not about drawing
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(cache))
    # The same build also meets the worst build state there is, a folder at its name (one whole
    # build serves both: the state's own steps are tested below, without building).
    _plant(project / ".build-state.json", "folder")
    result = run_cli("--root", str(project), "build", "--no-offline")
    assert result.returncode == 0 and "internal error" not in result.stderr, result.stderr
    assert (project / "site/index.html").is_file()
    assert not (temp / "jieba.cache").exists()
    assert (cache / "jieba" / "jieba.cache").is_file()


SHAPES = ["[]", "null", '{"inputs": [1]', '"text"', "{not json", "folder"]


def _plant(path, state: str) -> None:
    if state == "folder":
        path.mkdir()
    else:
        path.write_text(state, encoding="utf-8")


@pytest.mark.parametrize("state", SHAPES)
def test_wrong_shaped_build_state_is_no_reuse_and_is_replaced(tmp_path, state):
    # What a build does with its state, step by step as build.py takes them: ask whether it may
    # reuse (no: a wrong shape is no state), forget it (a folder too), record the new one.
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("built", encoding="utf-8")
    _plant(tmp_path / buildstate.STATE_FILE, state)
    assert not buildstate.unchanged(tmp_path, "key", [site])
    buildstate.forget(tmp_path)
    buildstate.record(tmp_path, "key", [site])
    assert buildstate.unchanged(tmp_path, "key", [site])


def test_a_cache_folder_that_is_a_file_names_it_and_says_what_to_do(project, tmp_path):
    """Round 3's leftover: CLUSTERATLAS_CACHE_DIR (or .cache) a file gave "Not a directory (…/charts)"."""
    blocker = tmp_path / "cache-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("--root", str(project), "generate", env={"CLUSTERATLAS_CACHE_DIR": str(blocker)})
    assert result.returncode == 1
    assert f"{blocker}: is a file where the build keeps its cache folder" in result.stderr, result.stderr
    assert f"rm {blocker}" in result.stderr and "internal error" not in result.stderr


def test_a_damaged_chart_font_is_named_with_what_to_do(project, tmp_path):
    """Round 3's leftover: a cut font file was "internal error: RuntimeError: FT_Open_Face"."""
    fonts = tmp_path / "fonts"
    shutil.copytree(Path(os.environ["CLUSTERATLAS_CACHE_DIR"]) / "fonts", fonts)
    bold = fonts / "NotoSansSC-Bold.ttf"
    bold.write_bytes(bold.read_bytes()[:5000])
    result = run_cli(
        "--root",
        str(project),
        "generate",
        env={"CLUSTERATLAS_FONT_DIR": str(fonts), "CLUSTERATLAS_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 1
    assert f"chart font {bold} cannot be read as a font" in result.stderr, result.stderr
    assert f"rm {bold}" in result.stderr and "internal error" not in result.stderr
