"""Everything a build reads, checked before anything is written (the first stage of every build)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts.glyphs import glyph_problems
from ..charts.spec import chart_specs
from ..charts.tilegrid import tile_problems
from ..dataset.load import Dataset, load
from ..dataset.provenance import provenance
from ..dataset.validate import validate
from ..downloads.tables import records, tables
from ..errors import DataError, Problem
from ..i18n import LANGS, Catalog
from ..paths import HAND_WRITTEN, Paths, page_path
from ..redirects import load_redirects
from ..releases.history import history, note_problems, with_notes
from ..releases.store import read_releases
from ..safefs import link_problems, name_problems
from ..saferead import read_text
from ..settings import Settings, project_version, read_settings
from .shape import shape_problems, string_problems


@dataclass
class Checked:
    """What check() read and found sound, handed on so that generation reads nothing twice."""

    ds: Dataset
    catalog: Catalog
    specs: list[dict]
    unverified: list[str]  # stored copies of sources not found: their quotes went unchecked
    settings: Settings  # the site's address, the build's date, the version: read once, carried to every stage
    history: list = field(default_factory=list)  # releases/history.Entry, newest first
    hand_written: dict[str, str] = field(default_factory=dict)  # content/ page (docs path) → its text
    licence: str = "CC BY 4.0"  # LICENSE's text, shipped with the downloads

    @property
    def version(self) -> str:
        return self.settings.version


def checked(paths: Paths = Paths(), settings: Settings | None = None) -> Checked:
    """Everything a build reads, checked before anything is written: the environment, the data,
    the string catalog, the redirects, and the characters charts will draw. Raises DataError
    listing every problem found."""
    problems: list[Problem] = []
    unverified: list[str] = []

    def collect(step):  # every file's problems in one report, not only the first file's
        try:
            return step()
        except DataError as e:
            problems.extend(e.problems)

    settings = settings or collect(lambda: read_settings(paths.root))
    problems.extend(shape_problems(paths))
    problems.extend(link_problems(paths.root) + name_problems(paths.root))
    hand_written, licence = _project_texts(paths, problems)
    loaded = collect(lambda: load(paths.data))
    ds = None
    if loaded is not None:
        problems.extend(tile_problems(loaded))  # a place on the tile maps for every division
        ds = collect(lambda: validate(loaded))
    if ds is not None:
        checked_quotes = provenance(ds, paths.root)
        problems.extend(checked_quotes.problems)
        unverified = checked_quotes.unverified
    catalog = collect(lambda: Catalog.load(paths.templates / "strings.yaml"))
    if catalog is not None and ds is not None:
        problems.extend(string_problems(catalog, tables(ds)))
    collect(lambda: load_redirects(paths.root / "urls" / "redirects.yaml"))
    releases = collect(lambda: read_releases(paths.root))
    version = settings.version if settings else project_version(paths.root)
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
    return Checked(ds, catalog, specs, unverified, settings, entries, hand_written, licence)


PAGE_LIMIT = 1_000_000  # About is ~10 kB; a hand-written page of a megabyte is a mistake


def _project_texts(paths: Paths, problems: list[Problem]) -> tuple[dict[str, str], str]:
    """The hand-written pages and the licence, read the one safe way (saferead): a link out of the
    project, a FIFO, a device or bytes that are not UTF-8 there are located problems."""
    texts = {}
    for name in HAND_WRITTEN:
        for lang in LANGS:
            path = page_path(name, lang)
            text, errs = read_text(
                paths.content / path,
                f"content/{path}",
                inside=paths.root,
                limit=PAGE_LIMIT,
                kind="Markdown page",
                fix=f"put the page's Markdown text at content/{path}",
            )
            problems.extend(errs)
            texts[path] = text or ""
    licence = "CC BY 4.0"
    if (paths.root / "LICENSE").exists() or (paths.root / "LICENSE").is_symlink():
        text, errs = read_text(paths.root / "LICENSE", "LICENSE", inside=paths.root, limit=PAGE_LIMIT)
        problems.extend(errs)
        licence = text or licence
    return texts, licence


def check(paths: Paths = Paths()) -> Dataset:
    """checked(), for callers that need only the dataset."""
    return checked(paths).ds
