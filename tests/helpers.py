"""Small helpers shared by tests: edit a data file in a project copy."""

import subprocess
from pathlib import Path

from clusteratlas.i18n import LANGS
from clusteratlas.pages.assemble import build_pages
from clusteratlas.pages.atlas import Atlas
from clusteratlas.pages.cite import Citer
from clusteratlas.paths import HAND_WRITTEN, page_path


def git(repo: Path, *args: str) -> str:
    """git in `repo` as an editor of this project would run it; its output."""
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


# docs/about.md and about.en.md: people's text, copied from content/ with a citation block; the
# rules for generated pages (one sentence a line, a lead for the meta description) are not theirs.
HAND_WRITTEN_PAGES = {page_path(name, lang) for name in HAND_WRITTEN for lang in LANGS}


def atlas_of(c, history=None) -> Atlas:
    """The Atlas a generation builds from a sitebuild.check.Checked (`history`: other releases' entries)."""
    return Atlas(c.ds, c.catalog, c.settings, c.history if history is None else history, {s["id"]: s for s in c.specs})


def pages_of(c) -> list:
    """Every generated page (pages/page.Page) of a Checked, as a generation makes them."""
    atlas = atlas_of(c)
    return build_pages(atlas, Citer(c.catalog, c.settings))
