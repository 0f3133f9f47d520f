"""Caches and state are verified, not trusted (hostile inputs, round 3): a chart-cache entry that
is empty, truncated or carries script is drawn again; a cache folder that is a file is a located
message; a matplotlibrc in the project does not restyle the published charts."""
import os
import shutil

import pytest

from .conftest import run_cli


@pytest.fixture
def private_cache(project, tmp_path, monkeypatch):
    """The project's own chart cache, filled by one generate (tests share the checkout's otherwise)."""
    cache = tmp_path / "cache"
    shutil.copytree(os.environ["CLUSTERATLAS_CACHE_DIR"] + "/fonts", cache / "fonts")
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(cache))
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 0, result.stderr
    return cache / "charts"


def _map(project) -> bytes:
    return (project / "docs/assets/charts/map-winners.svg").read_bytes()


@pytest.mark.parametrize("damage", ["empty", "truncated", "script", "not-svg"])
def test_a_damaged_chart_cache_entry_is_drawn_again(project, private_cache, damage):
    good = _map(project)
    entries = sorted(private_cache.glob("*.svg"))
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes({"empty": b"", "truncated": data[: len(data) // 2],
                           "script": data.replace(b"</svg>", b"<script>alert(document.cookie)</script></svg>"),
                           "not-svg": b"<html><body>hello</body></html>"}[damage])
    (project / "docs/assets/charts/map-winners.svg").unlink()
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 0, result.stderr
    assert _map(project) == good
    assert b"<script" not in b"".join(p.read_bytes() for p in (project / "docs/assets/charts").glob("*.svg"))


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
    (project / "matplotlibrc").write_text("axes.facecolor: red\nsavefig.facecolor: red\nfigure.facecolor: red\n"
                                         "patch.linewidth: 9\nsvg.fonttype: none\n", encoding="utf-8")
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
    shutil.copytree(os.environ["CLUSTERATLAS_CACHE_DIR"] + "/fonts", cache / "fonts")
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(cache))
    result = run_cli("--root", str(project), "build", "--no-offline")
    assert result.returncode == 0, result.stderr
    assert not (temp / "jieba.cache").exists()
    assert (cache / "jieba" / "jieba.cache").is_file()


@pytest.mark.parametrize("state", ["[]", "null", "{\"inputs\": [1]", "folder"])
def test_wrong_shaped_build_state_means_a_rebuild_not_an_error(project, state):
    path = project / ".build-state.json"
    if state == "folder":
        path.mkdir()
    else:
        path.write_text(state, encoding="utf-8")
    result = run_cli("--root", str(project), "build", "--no-offline")
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr and (project / "site/index.html").is_file()
