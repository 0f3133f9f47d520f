"""One build path: a plain `mkdocs build` gives the same site as `make site` (clusteratlas build),
byte for byte, online and offline; the post-build steps run inside MkDocs (see postbuild.py)."""

import filecmp
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import PUBLISHED_ENV


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _differences(a: dict, b: dict) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(k for k in set(a) & set(b) if a[k] != b[k])


def test_plain_mkdocs_build_gives_the_same_site_as_make_site(published_build, tmp_path):
    # `make site` with a published address and a redirect, so that the post-build steps have work to do.
    root = published_build
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **PUBLISHED_ENV)
    run = lambda *cmd, **kw: subprocess.run(cmd, cwd=root, env=dict(env, **kw), capture_output=True, text=True)  # noqa: E731
    plain = run(sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "plain"))
    assert plain.returncode == 0, plain.stderr
    assert not _differences(_tree(root / "site"), _tree(tmp_path / "plain"))
    # What the post-build steps make, present in the plain build too:
    assert (tmp_path / "plain/en/search/search_index.json").is_file()
    assert "url=../../sectors/green-food/" in (tmp_path / "plain/sectors/green-foods/index.html").read_text(
        encoding="utf-8"
    )
    assert '"base": "../../../en/"' in (tmp_path / "plain/en/sectors/green-food/index.html").read_text(encoding="utf-8")

    offline = run(
        sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "plain-offline"), CLUSTERATLAS_OFFLINE="true"
    )
    assert offline.returncode == 0, offline.stderr
    [bundle] = (root / "dist").glob("cluster-atlas-offline-*.zip")
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(tmp_path / "bundle")
    [top] = (tmp_path / "bundle").iterdir()
    unzipped = {k: v for k, v in _tree(top).items() if k != "README.txt"}
    assert not _differences(unzipped, _tree(tmp_path / "plain-offline"))
    assert filecmp.cmp(
        top / "en/search/search_index.js", tmp_path / "plain-offline/en/search/search_index.js", shallow=False
    )
