"""The offline bundle's pages are derived while MkDocs builds (sitebuild/offline.Ahead), from each
page as MkDocs writes it and with the page addresses docs/ predicts. Two things a maintainer would
notice: an edit's build derives every page ahead (else the work silently moved back onto the
critical path), and a wrong guess never reaches the bundle (the page is derived again)."""

import json
import posixpath
import zipfile
from pathlib import Path

from clusteratlas.redirects import load_redirects
from clusteratlas.sitebuild import ahead as ahead_module
from clusteratlas.sitebuild import offline
from clusteratlas.sitebuild.ahead import Ahead
from clusteratlas.sitebuild.bundle import ZipStream, stored
from clusteratlas.sitebuild.offline import derive_offline

from .conftest import run_cli


def _pages_in_bundle(bundle: Path) -> int:
    """The bundle's pages MkDocs wrote from docs/: its HTML files less the 404 page."""
    with zipfile.ZipFile(bundle) as zf:
        return sum(1 for n in zf.namelist() if n.endswith(".html") and posixpath.basename(n) != "404.html")


def test_an_edit_derives_every_page_of_the_bundle_while_mkdocs_builds(built_project, tmp_path):
    provinces = built_project / "data/provinces.yaml"
    provinces.write_text(provinces.read_text(encoding="utf-8").replace("江苏", "江苏省", 1), encoding="utf-8")
    timings = tmp_path / "timings.jsonl"
    result = run_cli("--root", str(built_project), "build", env={"CLUSTERATLAS_TIMINGS": str(timings)})
    assert result.returncode == 0, result.stdout + result.stderr
    records = {r["event"]: r for r in map(json.loads, timings.read_text(encoding="utf-8").splitlines())}
    [bundle] = (built_project / "dist").glob("cluster-atlas-offline-*.zip")
    assert not load_redirects(built_project / "urls/redirects.yaml")  # no redirect pages among the HTML files
    assert records["offline"]["ahead"] == _pages_in_bundle(bundle) > 200
    assert f"{records['offline']['ahead']} pages while MkDocs built" in result.stdout + result.stderr
    # Every file of the zip was deflated ahead but those made after MkDocs (the 404 page, the search
    # indexes, the README) and those stored as they are.
    with zipfile.ZipFile(bundle) as zf:
        names = [n.split("/", 1)[1] for n in zf.namelist()]
    after = [n for n in names if n in ("README.txt", "404.html") or "search_index." in n or stored(n)]
    assert records["zip"]["entries"] == len(names)
    assert records["zip"]["ahead"] == len(names) - len(after), sorted(after)


def _derive(site: Path, out: Path, root: Path, ahead=None) -> tuple[bytes, dict[str, bytes], int]:
    """The bundle's zip as the build writes it (deflated ahead where `ahead` did), the derived
    files, and how many pages were taken from `ahead`."""
    batches: list[list] = []
    taken = derive_offline(site, out, root, None, batches.append, ahead)
    stream = ZipStream(out, out.with_suffix(".zip"), "readme", "0.0.0", deflated=ahead.deflated if ahead else None)
    for batch in batches:
        stream.add(batch)
    zipped = stream.finish().read_bytes()
    if ahead:
        assert stream.ahead > stream.entries / 2, (stream.ahead, stream.entries)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return zipped, files, taken


def test_a_page_guessed_wrong_is_derived_again_from_the_final_site(built_project, tmp_path, monkeypatch):
    root, site = built_project, built_project / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the two zips' one timestamp
    # A wrong guess of one page's offline address, as if it were a section's page (every page
    # linking Jiangsu is derived with it, and the page itself written at that address) ...
    predicted = ahead_module._predicted_pages

    def wrong(docs, moved):
        pages = predicted(docs, moved)
        assert pages["provinces/jiangsu"] == "provinces/jiangsu.html"
        pages["provinces/jiangsu"] = "provinces/jiangsu/index.html"
        return pages

    monkeypatch.setattr(ahead_module, "_predicted_pages", wrong)
    # The site here is finished already: finishing a page again as MkDocs wrote it is the identity.
    monkeypatch.setattr(ahead_module, "finished_page", lambda html, *_args, **_kw: html)
    ahead = Ahead(site, tmp_path / "ahead", root, None)
    ahead.start()
    pages = sorted(site.rglob("index.html"))
    try:
        for page in pages:
            ahead.page_written(page)
        for future in ahead.futures.values():
            future.result()
        # ... and a page changed after MkDocs wrote it, as finish_site might change it.
        changed = site / "en/sectors/index.html"
        changed.write_text(changed.read_text(encoding="utf-8").replace("</body>", "<!-- later --></body>"), "utf-8")
        zipped, files, taken = _derive(site, tmp_path / "ahead", root, ahead)
    finally:
        ahead.close()
    reference_zipped, reference, none_taken = _derive(site, tmp_path / "reference", root)
    assert none_taken == 0
    # The same files, the same bytes, and the same zip byte for byte (the page changed after it was
    # deflated ahead is deflated again).
    assert files == reference
    assert zipped == reference_zipped
    assert "<!-- later -->" in files["en/sectors/index.html"].decode("utf-8")
    assert "provinces/jiangsu.html" in files and "provinces/jiangsu/index.html" not in files
    assert 'href="jiangsu.html"' in files["provinces/index.html"].decode("utf-8")
    # Only what the guess touched was derived again: the page changed and those linking the Chinese
    # Jiangsu page (the English one too, by its language switch); not the English index of provinces,
    # whose Jiangsu was guessed right.
    actual = offline._pages(site, root / "docs", set())
    again = [rel for rel in ahead.futures if not ahead.derived(site / rel, rel, actual)]
    assert {"en/sectors/index.html", "provinces/index.html", "provinces/jiangsu/index.html"} <= set(again)
    assert "en/provinces/jiangsu/index.html" in again
    assert "en/provinces/index.html" not in again and "en/index.html" not in again
    assert taken == len(ahead.futures) - len(again) > 0


def test_a_worker_lost_costs_time_not_the_build(tmp_path):
    """A worker killed (out of memory, by hand) fails its futures: the page is derived again and
    the file deflated by the zip, instead of the build ending in a traceback."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    page = tmp_path / "site/provinces/index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>省份</p>", encoding="utf-8")
    ahead = Ahead(tmp_path / "site", tmp_path / "out", tmp_path, None)
    lost = Future()
    lost.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
    ahead.futures["provinces/index.html"] = ahead.deflating["provinces/index.html"] = lost
    assert ahead.derived(page, "provinces/index.html", {"provinces": "provinces/index.html"}) is False
    assert ahead.deflated("provinces/index.html", page.read_bytes()) is None
