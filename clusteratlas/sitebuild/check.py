"""Everything a build reads, checked before anything is written (the first stage of every build)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts.spec import chart_specs
from ..charts.tilegrid import tile_problems
from ..dataset.load import Dataset, load
from ..downloads.tables import records
from ..errors import DataError, Problem
from ..i18n import LANGS, Catalog
from ..paths import Paths
from ..releases.history import history, note_problems, with_notes
from ..releases.store import read_releases
from ..settings import check_environment, project_version
from .urls import load_redirects


@dataclass
class Checked:
    """What check() read and found sound, handed on so that generation reads nothing twice."""

    ds: Dataset
    catalog: Catalog
    specs: list[dict]
    unverified: list[str]  # stored copies of sources not found: their quotes went unchecked
    version: str = ""  # this build's version (pyproject.toml)
    history: list = field(default_factory=list)  # releases/history.Entry, newest first


def checked(paths: Paths = Paths()) -> Checked:
    """Everything a build reads, checked before anything is written: the environment, the data,
    the string catalog, the redirects, and the characters charts will draw. Raises DataError
    listing every problem found."""
    from ..charts.glyphs import glyph_problems
    from ..dataset.validate import validate

    problems: list[Problem] = []
    unverified: list[str] = []

    def collect(step):  # every file's problems in one report, not only the first file's
        try:
            return step()
        except DataError as e:
            problems.extend(e.problems)

    collect(check_environment)
    from .safefs import link_problems, name_problems

    problems.extend(link_problems(paths.root) + name_problems(paths.root))
    loaded = collect(lambda: load(paths.data))
    ds = None
    if loaded is not None:
        problems.extend(tile_problems(loaded))  # a place on the tile maps for every division
        ds = collect(lambda: validate(loaded))
    if ds is not None:
        from ..dataset.provenance import provenance

        checked_quotes = provenance(ds, paths.root)
        problems.extend(checked_quotes.problems)
        unverified = checked_quotes.unverified
    catalog = collect(lambda: Catalog.load(paths.templates / "strings.yaml"))
    collect(lambda: load_redirects(paths.root / "urls" / "redirects.yaml"))
    releases = collect(lambda: read_releases(paths.root))
    version = project_version(paths.root)
    if ds is not None and releases is not None:
        problems.extend(note_problems(ds, [r.version for r in releases] + [version]))
    if problems:
        raise DataError(problems)
    specs = chart_specs(ds, catalog)
    problems += glyph_problems(ds, specs, [catalog.text("chart.source", lang) for lang in LANGS])
    if problems:
        raise DataError(problems)
    entries = with_notes(
        history(releases, records(ds), version), [(n.release, n.page) for n in ds.editor_notes], version
    )
    return Checked(ds, catalog, specs, unverified, version, entries)


def check(paths: Paths = Paths()) -> Dataset:
    """checked(), for callers that need only the dataset."""
    return checked(paths).ds
