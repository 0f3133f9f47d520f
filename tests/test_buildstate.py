"""A build with no changed input reuses the last site and bundle; any changed input rebuilds.

The unit test changes one input of each kind and checks that the build's key changes; the
build test checks that the key decides: reuse when nothing changed, a real rebuild otherwise.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clusteratlas.paths import Paths
from clusteratlas.sitebuild import buildstate
from clusteratlas.sitebuild.build import build

from .helpers import replace_in


def _append(rel: str, text: str = "\n"):
    def change(root: Path, monkeypatch):
        with open(root / rel, "a", encoding="utf-8") as fh:
            fh.write(text)

    return change


def _create(rel: str, text: str = "x"):
    def change(root: Path, monkeypatch):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    return change


def _env(name: str, value: str):
    def change(root: Path, monkeypatch):
        monkeypatch.setenv(name, value)

    return change


def _package_code(root: Path, monkeypatch):
    code = root.parent / "pkg"
    code.mkdir()
    (code / "site.py").write_text("# the generator's code changed\n", encoding="utf-8")
    monkeypatch.setattr(buildstate, "PACKAGE", code)


def _linked_folder(root: Path, monkeypatch):
    # Made before the key is taken (below, via INPUT_KINDS' setup): here only its file changes.
    with open(root / "shared-assets/extra.css", "a", encoding="utf-8") as fh:
        fh.write("/* edited */\n")


def _font(root: Path, monkeypatch):
    fonts = root.parent / "fonts"
    fonts.mkdir()
    for f in buildstate.FONT_FILES:
        (fonts / f).write_bytes(b"another font")
    monkeypatch.setattr(buildstate, "FONT_DIR", fonts)


def _site_packages(folder: Path, monkeypatch) -> None:
    """The environment's packages, as a folder of *.dist-info the test can install into."""
    _dist(folder, "mkdocs-material", "9.8.1")
    monkeypatch.setattr(buildstate.sysconfig, "get_paths", lambda: {"purelib": str(folder), "platlib": str(folder)})


def _dist(folder: Path, name: str, version: str) -> None:
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")


def _installed_packages(root: Path, monkeypatch):
    # What `pip install -U` does in site-packages, in the same process (the package list is remembered).
    folder = Path(buildstate.sysconfig.get_paths()["purelib"])
    shutil.rmtree(folder / "mkdocs_material-9.8.1.dist-info")
    _dist(folder, "mkdocs-material", "99.0")


def _date(root: Path, monkeypatch):
    import datetime

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = buildstate.inputs_key(root, root / "site", True)
    monkeypatch.setattr(buildstate, "build_date", lambda: datetime.date(2031, 1, 2))
    assert buildstate.inputs_key(root, root / "site", True) != before
    # Still to change for the caller's comparison: the date only counts without SOURCE_DATE_EPOCH.
    monkeypatch.setattr(buildstate, "build_date", lambda: datetime.date(2032, 1, 2))


INPUT_KINDS = {
    "data": _append("data/provinces.yaml", "# edited\n"),
    "template": _append("templates/pages/province.md.j2", "\n"),
    "string catalog": _append("templates/strings.yaml", "# edited\n"),
    "a folder linked into docs/": _linked_folder,
    # (The generated pages and charts are outputs, not inputs: test_a_hand_edit_to_a_generated_page_rebuilds.)
    "hand-written page": _append("content/about.md", "\nMore.\n"),
    "new hand-written page": _create("docs/notes.md", "# Notes\n"),
    "stylesheet": _append("docs/assets/extra.css", "\n/* edited */\n"),
    "mkdocs.yml": _append("mkdocs.yml", "# edited\n"),
    "theme override": _append("overrides/main.html", "\n"),
    "redirects": _append("urls/redirects.yaml", "\n# edited\n"),
    "lock file": _create("requirements.lock", "mkdocs==1.6.1\n"),
    "licence": _create("LICENSE", "CC BY 4.0\n"),
    "generator code": _package_code,
    "chart font": _font,
    "installed packages": _installed_packages,
    "site URL": _env("CLUSTERATLAS_SITE_URL", "https://example.org/atlas/"),
    "SOURCE_DATE_EPOCH": _env("SOURCE_DATE_EPOCH", "1700000000"),
    "build date (no SOURCE_DATE_EPOCH)": _date,
}


@pytest.mark.parametrize("kind", INPUT_KINDS)
def test_every_kind_of_input_is_in_the_build_key(kind, project, monkeypatch):
    monkeypatch.delenv("CLUSTERATLAS_SITE_URL", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    if kind == "build date (no SOURCE_DATE_EPOCH)":
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
    if kind == "installed packages":
        _site_packages(project.parent / "site-packages", monkeypatch)
    if kind == "a folder linked into docs/":  # MkDocs publishes what it holds: its files are inputs
        (project / "shared-assets").mkdir()
        (project / "shared-assets/extra.css").write_text("p {}\n", encoding="utf-8")
        os.symlink("../shared-assets", project / "docs/shared")
    before = buildstate.inputs_key(project, project / "site", True)
    assert buildstate.inputs_key(project, project / "site", True) == before, "the key is not stable"
    INPUT_KINDS[kind](project, monkeypatch)
    assert buildstate.inputs_key(project, project / "site", True) != before, f"changing the {kind} would not rebuild"


def test_build_options_are_in_the_key(project):
    key = buildstate.inputs_key(project, project / "site", True)
    assert buildstate.inputs_key(project, project / "site", False) != key
    assert buildstate.inputs_key(project, project / "elsewhere", True) != key


def test_outputs_touched_or_lost_mean_rebuild(tmp_path):
    site, bundle = tmp_path / "site", tmp_path / "bundle.zip"
    site.mkdir()
    (site / "index.html").write_text("a")
    bundle.write_bytes(b"zip")
    buildstate.record(tmp_path, "k", [site, bundle])
    assert buildstate.unchanged(tmp_path, "k", [site, bundle])
    assert not buildstate.unchanged(tmp_path, "other", [site, bundle])
    os.utime(bundle, ns=(1, 1))
    assert not buildstate.unchanged(tmp_path, "k", [site, bundle])
    buildstate.record(tmp_path, "k", [site, bundle])
    (site / "index.html").unlink()
    assert not buildstate.unchanged(tmp_path, "k", [site, bundle])
    (tmp_path / buildstate.STATE_FILE).write_text("{not json")
    assert not buildstate.unchanged(tmp_path, "k", [site, bundle])


def test_no_change_build_reuses_and_any_change_rebuilds(project, monkeypatch):
    monkeypatch.delenv("CLUSTERATLAS_SITE_URL", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    lines: list[str] = []
    paths = Paths(project)

    def run():
        lines.clear()
        build(paths, log=lines.append, offline=False)
        return any("no input changed" in line for line in lines)

    assert not run()
    page = project / "site/about/index.html"
    mtime = page.stat().st_mtime_ns
    assert run(), lines  # nothing changed: reused, not rebuilt
    assert page.stat().st_mtime_ns == mtime

    # Three kinds of input changed at once (each alone changes the key: the test above): one
    # rebuild must show all three, so nothing of the old site or the old pages was reused.
    replace_in(project / "content/about.md", "\n", "\n\nA sentence added by an editor.\n")
    replace_in(project / "data/provinces.yaml", "{zh: 江苏, en: Jiangsu}", "{zh: 江苏, en: Jiangsu (edited)}")
    monkeypatch.setenv("CLUSTERATLAS_SITE_URL", "https://example.org/atlas/")
    assert not run()
    assert "A sentence added by an editor." in page.read_text(encoding="utf-8")  # a hand-written page
    assert "Jiangsu (edited)" in (project / "site/en/provinces/jiangsu/index.html").read_text(encoding="utf-8")  # data
    assert 'href="https://example.org/atlas/about/"' in page.read_text(encoding="utf-8")  # the environment

    (project / "site/sitemap.xml").unlink()
    assert not run()  # an output was lost
    assert (project / "site/sitemap.xml").is_file()
    assert run()


def test_an_input_saved_during_a_build_is_built_by_the_next_build(project, monkeypatch):
    """Round 4: the data saved while MkDocs wrote the pages was not in the site, but its key was
    recorded, and every later build kept the stale site ("no input changed")."""
    monkeypatch.delenv("CLUSTERATLAS_SITE_URL", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    proc = subprocess.Popen(
        [sys.executable, "-m", "clusteratlas", "--root", str(project), "build", "--no-offline"],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 300
    # MkDocs writes the English pages (the last check of the inputs, at their pre-build, is behind it).
    while not (project / "site.new/en/index.html").exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[0]
        time.sleep(0.02)
    replace_in(project / "data/provinces.yaml", "{zh: 江苏, en: Jiangsu}", "{zh: 江苏, en: Jiangsu (saved mid-build)}")
    out = proc.communicate(timeout=300)[0]
    assert proc.returncode == 0, out
    assert "an input changed during the build" in out, out
    lines: list[str] = []
    build(Paths(project), log=lines.append, offline=False)
    assert not any("no input changed" in line for line in lines), lines
    page = project / "site/en/provinces/jiangsu/index.html"
    assert "Jiangsu (saved mid-build)" in page.read_text(encoding="utf-8")


def test_a_hand_edit_to_a_generated_page_rebuilds(built_project):
    lines: list[str] = []
    build(Paths(built_project), log=lines.append, offline=False)  # the copy's site/ is elsewhere: a build
    lines.clear()
    build(Paths(built_project), log=lines.append, offline=False)
    assert any("no input changed" in line for line in lines), lines
    with open(built_project / "docs/provinces/jiangsu.md", "a", encoding="utf-8") as fh:
        fh.write("\nedited by hand\n")
    lines.clear()
    build(Paths(built_project), log=lines.append, offline=False)
    assert not any("no input changed" in line for line in lines), lines
    assert "edited by hand" not in (built_project / "docs/provinces/jiangsu.md").read_text(encoding="utf-8")
