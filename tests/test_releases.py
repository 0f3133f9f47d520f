"""What changed between releases: the field diff, the history, hostile release folders, the
editor's notes and `clusteratlas release`'s refusals. (The whole cycle — change a figure, cut a
release, build, read the page, /changes/ and the feed — is tests/test_release_cycle.py.)"""

import json
import os
import shutil

import pytest

from clusteratlas.errors import DataError
from clusteratlas.paths import Paths
from clusteratlas.releases.history import Change, diff_tables, history, of_page
from clusteratlas.releases.store import Release, read_releases
from clusteratlas.settings import project_version
from clusteratlas.sitebuild.check import checked
from clusteratlas.sitebuild.release import cut_release
from tests.conftest import ROOT, copy_project, run_cli
from tests.helpers import atlas_of

OLD = {
    "provinces": [
        {"id": "jiangsu", "winners": 8, "name_en": "Jiangsu"},
        {"id": "hebei", "winners": 0, "name_en": "Hebei"},
    ],
    "batches": [{"id": "batch-1", "winners": 24}],
}
NEW = {
    "provinces": [
        {"id": "jiangsu", "winners": 9, "name_en": "Jiangsu"},
        {"id": "tibet", "winners": 0, "name_en": "Tibet"},
    ],
    "batches": [{"id": "batch-1", "winners": 24}],
}


CURRENT = project_version(ROOT)  # the last release (this checkout is a release)
KEPT = [p.name for p in (ROOT / "releases").iterdir() if (p / "release.json").is_file()]


def test_the_diff_names_each_changed_field_and_each_added_and_removed_record():
    assert diff_tables(OLD, NEW) == [
        Change("provinces", "jiangsu", "winners", 8, 9),
        Change("provinces", "tibet", None, None, NEW["provinces"][1]),
        Change("provinces", "hebei", None, OLD["provinces"][1], None),
    ]
    assert diff_tables(OLD, OLD) == []


def test_a_change_belongs_to_the_page_that_shows_its_record():
    assert Change("provinces", "jiangsu", "winners").page == ("provinces", "jiangsu")
    assert Change("batches", "batch-1", "winners").page == ("home", None)
    assert Change("work-report-categories", "x", "term_en").page == ("provinces", None)


def test_history_is_newest_first_with_the_changes_not_yet_released_on_top():
    releases = [Release("0.1.0", "2026-01-01", OLD), Release("0.2.0", "2026-02-01", NEW)]
    today = {**NEW, "batches": [{"id": "batch-1", "winners": 25}]}
    entries = history(releases, today, "0.3.0")
    assert [(e.version, e.date, e.first) for e in entries] == [
        ("0.3.0", None, False),
        ("0.2.0", "2026-02-01", False),
        ("0.1.0", "2026-01-01", True),
    ]
    assert entries[0].changes == (Change("batches", "batch-1", "winners", 24, 25),) and entries[0].pages == (
        ("home", None),
    )
    # Jiangsu: changed in 0.2.0, first published in 0.1.0; Hebei only in the release that had it.
    assert [(e.version, cs) for e, cs in of_page(entries, "provinces", "jiangsu")] == [
        ("0.2.0", [Change("provinces", "jiangsu", "winners", 8, 9)]),
        ("0.1.0", []),
    ]
    assert [e.version for e, _ in of_page(entries, "provinces", "hebei")] == ["0.2.0", "0.1.0"]
    assert history(releases, NEW, "0.2.0")[0].version == "0.2.0"  # nothing pending: the last release on top


def _release_folder(root, version="0.3.0"):
    folder = root / "releases" / version
    shutil.copytree(ROOT / "releases" / "0.1.0", folder)
    (folder / "release.json").write_text(json.dumps({"version": version, "date": "2027-01-01"}))
    return folder


@pytest.mark.parametrize(
    "damage, where, message",
    [
        (lambda f: f.rename(f.with_name("v0.3")), "releases/v0.3", "not a release folder"),
        (
            lambda f: (f / "data" / "provinces.json").write_text('[{"id": 1,'),
            "releases/0.3.0/data/provinces.json",
            "not JSON",
        ),
        (
            lambda f: (f / "data" / "provinces.json").write_text('{"id": "x"}'),
            "releases/0.3.0/data/provinces.json",
            "a list of records",
        ),
        (
            lambda f: (f / "release.json").write_text('{"version": "0.4.0", "date": "2027-01-01"}'),
            "releases/0.3.0/release.json",
            "must be",
        ),
        (
            lambda f: (f / "release.json").write_text('{"version": "0.3.0", "date": "2027-02-30"}'),
            "releases/0.3.0/release.json",
            "must be",
        ),
        (lambda f: (f / "release.json").unlink(), "releases/0.3.0/release.json", ""),
    ],
)
def test_a_damaged_release_folder_is_a_located_problem(tmp_path, damage, where, message):
    damage(_release_folder(tmp_path))
    with pytest.raises(DataError) as e:
        read_releases(tmp_path)
    assert any(p.file == where and message in p.message for p in e.value.problems), e.value.report()


def test_the_repository_keeps_its_first_release():
    releases = read_releases(ROOT)
    assert (
        releases
        and releases[0].version == "0.1.0"
        and set(releases[0].tables) >= {"provinces", "sectors", "policies", "measures"}
    )


def test_an_editors_note_must_name_a_known_release_and_a_real_page(project):
    (project / "data" / "changes.yaml").write_text(
        '- release: "9.9.9"\n  note: {zh: 说明, en: A note}\n'
        '- release: "0.1.0"\n  page: provinces/atlantis\n  note: {zh: 说明, en: A note}\n'
        '- release: "0.1.0"\n  page: glossary/x\n  note: {zh: 说明, en: A note}\n',
        encoding="utf-8",
    )
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert (
        "data/changes.yaml:1: [[0].release] release 9.9.9 is neither in releases/ nor this build's version"
        in result.stderr
    )
    assert "data/changes.yaml:4: [[1].page] no page 'provinces/atlantis'" in result.stderr
    assert "data/changes.yaml:7: [[2].page] no page 'glossary/x'" in result.stderr


def test_release_refuses_a_version_already_released_or_older_than_the_last(project):
    result = run_cli("--root", str(project), "release")
    assert (
        result.returncode == 1
        and f"pyproject.toml: [version] {CURRENT} is released already (releases/{CURRENT}/)" in result.stderr
    )
    assert "bump `version` in pyproject.toml" in result.stderr and "Traceback" not in result.stderr
    _release_folder(project, "0.5.0")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(f'version = "{CURRENT}"', 'version = "0.4.0"'))
    with pytest.raises(DataError) as e:
        cut_release(Paths(project), log=lambda *_: None)
    assert "0.4.0 is older than the last release, 0.5.0" in e.value.report()
    assert sorted(p.name for p in (project / "releases").iterdir()) == sorted({*KEPT, "0.5.0"})  # nothing written


def test_copies_keep_their_version(tmp_path):
    copy = copy_project(tmp_path / "p")
    (copy / "pyproject.toml").write_text(
        (copy / "pyproject.toml").read_text().replace(f'version = "{CURRENT}"', 'version = "0.7.0"')
    )
    assert checked(Paths(copy)).version == "0.7.0"


def test_citation_cff_dates_the_release_it_names():
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    kept = {r.version: r.date for r in read_releases(ROOT)}
    if cff["version"] in kept:  # between a bump and `make release` there is no date to agree with yet
        assert str(cff["date-released"]) == kept[cff["version"]], (
            "CITATION.cff's date-released is the day `make release` kept it"
        )


def test_a_removed_record_is_named_not_linked_and_values_from_release_files_are_escaped():
    import copy
    import xml.etree.ElementTree as ET

    from clusteratlas.downloads.tables import records
    from clusteratlas.pages.feed import feed
    from clusteratlas.pages.sections import changes

    c = checked()
    today = records(c.ds)
    old = copy.deepcopy(today)
    old["provinces"].append(dict(old["provinces"][0], id="atlantis"))
    next(r for r in old["provinces"] if r["id"] == "jiangsu")["name_en"] = (
        "<script>alert(1)</script> *bold*"  # a hand-edited release file
    )
    entries = history([Release("0.1.0", "2026-12-01", old)], today, "0.2.0")
    page = changes.context(atlas_of(c, entries), "en", "changes.en.md", None)
    pending = page["entries"][0]
    assert pending["label"] == "Changes since version 0.1.0 (not yet released)"
    links = {str(p["link"]): p["changes"] for p in pending["pages"]}
    assert [str(x) for x in links["atlantis"]] == ["removed"]  # named, without a link: it has no page any more
    jiangsu = next(k for k in links if "jiangsu.en.md" in k)
    assert [str(x) for x in links[jiangsu]] == [
        r"Name (English): &lt;script&gt;alert(1)&lt;/script&gt; \*bold\* → Jiangsu"
    ]
    atom = ET.fromstring(
        feed(
            atlas_of(
                c,
                history([Release("0.1.0", "2026-12-01", old), Release("0.2.0", "2027-01-01", today)], today, "0.2.0"),
            ),
            "en",
        )
    )
    content = atom.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content and "<script" not in content
    assert "<li>atlantis<ul>" in content and 'href="provinces/jiangsu/"' in content


def test_an_editors_note_is_shown_even_where_its_release_changed_no_data():
    from clusteratlas.releases.history import Entry, with_notes

    entries = [Entry("0.1.0", "2026-12-01", True, (), (("provinces", "jiangsu"),))]
    noted = with_notes(entries, [("0.1.0", "measures/cluster-governance"), ("0.2.0", None), ("0.2.0", "home")], "0.2.0")
    assert [(e.version, e.released, e.pages) for e in noted] == [
        ("0.2.0", False, (("home", None),)),
        ("0.1.0", True, (("provinces", "jiangsu"), ("measures", "cluster-governance"))),
    ]
    assert of_page(noted, "measures", "cluster-governance")[0][1] == []  # shown, with no field change listed


def test_versions_without_a_site_or_outside_a_repository_says_so(project):
    result = run_cli("--root", str(project), "versions")
    assert result.returncode == 1 and "no built site" in result.stderr and "make site" in result.stderr
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html><body></body></html>")
    result = run_cli("--root", str(project), "versions", env={"GIT_CEILING_DIRECTORIES": str(project.parent)})
    assert (
        result.returncode == 1 and "git tag --list v* failed" in result.stderr and "Traceback" not in result.stderr
    ), result.stderr


def test_the_banner_links_the_current_page_or_the_home_when_it_is_gone(tmp_path):
    from clusteratlas.i18n import Catalog
    from clusteratlas.releases.versions import add_banners

    site = tmp_path / "site"
    frozen = site / "v" / "0.1.0"
    for rel in ("en/provinces/jiangsu/index.html", "provinces/atlantis/index.html", "en/embed/map.html"):
        (frozen / rel).parent.mkdir(parents=True, exist_ok=True)
        (frozen / rel).write_text('<html><body class="x">text</body></html>')
    (site / "en/provinces/jiangsu").mkdir(parents=True)
    (site / "en/provinces/jiangsu/index.html").write_text("current")
    cat = Catalog.load(ROOT / "templates" / "strings.yaml")
    assert add_banners(frozen, site, "0.1.0", "2026-12-01", cat) == 2  # not the embed
    jiangsu = (frozen / "en/provinces/jiangsu/index.html").read_text()
    assert jiangsu.startswith('<html><body class="x"><div class="ca-version-banner" role="note" lang="en"')
    assert (
        'href="../../../../../en/provinces/jiangsu/"' in jiangsu and "See the current version of this page" in jiangsu
    )
    gone = (frozen / "provinces/atlantis/index.html").read_text()
    assert 'href="../../../../"' in gone and "本页已不在最新版本中" in gone and 'lang="zh-CN"' in gone
    assert add_banners(frozen, site, "0.1.0", "2026-12-01", cat) == 0  # once only


# Round 4: what plain json.loads let through from a kept release onto /changes/ and into the feeds.
_PROVINCE = '{"id": "beijing", "name_zh": "北京", "name_en": %s}'


@pytest.mark.parametrize(
    "text, message",
    [
        ('[{"id": "beijing", "national_clusters": 5, "national_clusters": 1}]', "the key 'national_clusters' twice"),
        ('[{"id": "beijing", "winners": NaN}]', "NaN, which is no number"),
        ('[{"id": "beijing", "winners": -Infinity}]', "-Infinity, which is no number"),
        ('[{"id": "beijing", "winners": %s}]' % ("9" * 5000), "a number of 5000 digits"),
        ("[" * 5000 + "]" * 5000, "nesting deeper than 16 levels"),
        ("[%s]" % (_PROVINCE % '"Bei\\u0007jing"'), "a control character (U+0007)"),
        ("[%s]" % (_PROVINCE % '"Bei\\ud800jing"'), "a lone surrogate"),
        ("[%s]" % (_PROVINCE % '"Bei\\u202ejing"'), "a text-direction control"),
        ("[%s]" % (_PROVINCE % '"<script>alert(1)</script>"'), "markup"),
    ],
)
def test_a_kept_release_is_read_strictly(tmp_path, text, message):
    folder = _release_folder(tmp_path)
    (folder / "data" / "provinces.json").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_releases(tmp_path)
    [problem] = [p for p in e.value.problems if p.file == "releases/0.3.0/data/provinces.json"]
    assert message in problem.message and "restore it from git" in problem.hint, e.value.report()


@pytest.mark.parametrize("special", ["fifo", "link out", "not utf-8"])
def test_a_kept_release_file_that_is_no_file_of_ours_is_refused_without_waiting(tmp_path, special):
    folder = _release_folder(tmp_path)
    target = folder / "data" / "provinces.json"
    target.unlink()
    if special == "fifo":
        os.mkfifo(target)
    elif special == "link out":
        target.symlink_to("/dev/zero")
    else:
        target.write_bytes(b'[{"id": "beijing", "name_zh": "\xb1\xb1\xbe\xa9"}]')
    with pytest.raises(DataError) as e:
        read_releases(tmp_path)
    shown = "releases/0.3.0/data/provinces.json"
    assert any(p.file == shown for p in e.value.problems), e.value.report()


def test_a_feed_holds_no_character_xml_forbids():
    from clusteratlas.pages.feed import xml_chars

    assert xml_chars("a\x07b\ud800c\x0cd\te") == "a\ufffdb\ufffdc\ufffdd\te"
