"""The cycle an editor goes through, on a repository of its own: change one figure in data/, bump
the version, `clusteratlas release`, commit, build — and the change shows on that page, on
/changes/ and in each language's feed; then `clusteratlas versions` publishes both releases under
/v/<version>/ with their banner — the tagged one from its tag, the new one, untagged as in a clone
of main, from the commit that added its folder — every /v/ address a page prints is served, and
the current URLs still work."""

import html
import json
import os
import re
import shutil
import urllib.request
import xml.etree.ElementTree as ET

from clusteratlas.dev.pages_server import serve
from clusteratlas.paths import Paths
from clusteratlas.settings import project_version
from tests.conftest import ROOT, run_cli
from tests.helpers import git

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/atlas/"
NOTE_EN = "Moved one winner after a re-reading of the list"


def _text(page) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _next(version: str) -> str:
    major, minor, _ = version.split(".")
    return f"{major}.{int(minor) + 1}.0"


CURRENT = project_version(ROOT)  # the last release, as kept in releases/ and tagged below
NEXT = _next(CURRENT)
KEPT = [CURRENT]  # the repository below keeps the current release only (its commit is the first)
CURRENT_DATE = json.loads((ROOT / "releases" / CURRENT / "release.json").read_text())["date"]
FIRST_DATE = CURRENT_DATE


def _repository(project):
    """The project copy as a repository of its own, its package included (a tag builds with its own code)."""
    for part in ("clusteratlas", "requirements.lock", "LICENSE", "CITATION.cff"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, project / part)
    (project / ".gitignore").write_text((ROOT / ".gitignore").read_text())
    for kept in (project / "releases").iterdir():  # one commit cannot be the release of two versions
        if kept.is_dir() and kept.name != CURRENT:
            shutil.rmtree(kept)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", CURRENT, "--date", f"{CURRENT_DATE}T12:00:00Z")
    git(project, "tag", f"v{CURRENT}")


def test_a_changed_figure_shows_on_its_page_on_changes_and_in_the_feed_and_each_release_stays_at_its_address(project):
    _repository(project)
    comp = project / "data" / "competition.yaml"
    # One winner moves from Guangdong to Jiangsu (the counts must still add up to the 44). A figure
    # must be in its quote, so the quote changes too: this copy's article is not the stored one, its
    # quotes go unverified (CLUSTERATLAS_SOURCES_DIR below names no folder).
    comp.write_text(
        comp.read_text(encoding="utf-8")
        .replace("  jiangsu: 8\n", "  jiangsu: 9\n")
        .replace("  guangdong: 7\n", "  guangdong: 6\n")
        .replace("从地区分布看，江苏8个，广东、浙江各7个", "从地区分布看，江苏9个，广东6个，浙江7个"),
        encoding="utf-8",
    )
    (project / "data" / "changes.yaml").write_text(
        f'- release: "{NEXT}"\n  page: provinces/jiangsu\n  note: {{zh: 重新核对名单后调整, en: "{NOTE_EN}"}}\n'
        f'- release: "{NEXT}"\n  page: measures/cluster-governance\n'
        '  note: {zh: 本版未改动此页数据, en: "Reviewed; no figure changed"}\n',
        encoding="utf-8",
    )
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(f'version = "{CURRENT}"', f'version = "{NEXT}"'), encoding="utf-8"
    )
    env = {
        "SOURCE_DATE_EPOCH": "1798848000",
        "CLUSTERATLAS_SITE_URL": SITE,  # 2027-01-02
        "CLUSTERATLAS_FONT_DIR": os.environ.get("CLUSTERATLAS_FONT_DIR", str(ROOT / ".cache" / "fonts")),
        "CLUSTERATLAS_SOURCES_DIR": str(project / "no-stored-sources"),
    }
    cut = run_cli("--root", str(project), "release", env=env, cwd=project)
    assert cut.returncode == 0, cut.stderr
    assert f"released {NEXT} (2 change(s) on 2 page(s))" in cut.stdout
    assert (project / "releases" / NEXT / "release.json").read_text().count('"2027-01-02"') == 1
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", NEXT)  # no tag: tags do not travel with a clone of main
    # Run from the repository, as its own checkout: its package is the one imported (by the engine's
    # glue too), not the one under test's.
    built = run_cli("--root", str(project), "build", "--no-offline", env=env, cwd=project)
    assert built.returncode == 0, built.stderr
    site = project / "site"

    # The page: when its data last changed, the old and new value, the editor's note.
    jiangsu = _squash(_text(site / "en/provinces/jiangsu/index.html"))
    assert f"Data last changed : Version {NEXT} (2027-01-02)" in jiangsu
    assert f"Version {NEXT} (2027-01-02) Winners, 2019–2020 initial rounds: 8 → 9" in jiangsu
    assert NOTE_EN in jiangsu and f"Version {KEPT[0]} ({FIRST_DATE}): first published" in jiangsu
    assert "2019–2020年初赛胜出集群数：8 → 9" in _squash(_text(site / "provinces/jiangsu/index.html"))
    untouched = _squash(_text(site / "en/provinces/hebei/index.html"))
    section = untouched[untouched.index("Data last changed") : untouched.index("Every release's changes")]
    assert f"Version {NEXT}" not in section and f"Version {KEPT[0]} ({FIRST_DATE}): first published" in section

    # /changes/: the release, each page it touched, linked, with its change.
    changes_html = (site / "en/changes/index.html").read_text(encoding="utf-8")
    assert f'id="v{NEXT.replace(".", "-")}"' in changes_html and 'href="../provinces/jiangsu/"' in changes_html
    changes = _squash(_text(site / "en/changes/index.html"))
    assert (
        "Jiangsu Winners, 2019–2020 initial rounds: 8 → 9" in changes
        and "Guangdong Winners, 2019–2020 initial rounds: 7 → 6" in changes
    )
    assert changes.index(f"Version {NEXT}") < changes.index(f"Version {CURRENT}")
    # A note on a page the release did not change is still shown, there and on /changes/.
    measure = _squash(_text(site / "en/measures/cluster-governance/index.html"))
    assert f"Version {NEXT} (2027-01-02) Editor's note : Reviewed; no figure changed" in measure
    assert "Reviewed; no figure changed" in changes

    # The feeds: valid XML, newest release first, its content naming the page and the change.
    for lang, feed, page, line in (
        ("en", "en/feed.xml", f"{SITE}en/provinces/jiangsu/", "Winners, 2019–2020 initial rounds: 8 → 9"),
        ("zh", "feed.xml", f"{SITE}provinces/jiangsu/", "2019–2020年初赛胜出集群数：8 → 9"),
    ):
        root = ET.parse(site / feed).getroot()
        entries = root.findall(f"{ATOM}entry")
        dates = [json.loads((project / "releases" / v / "release.json").read_text())["date"] for v in KEPT]
        assert [e.find(f"{ATOM}updated").text for e in entries] == [
            f"{d}T00:00:00Z" for d in ["2027-01-02", *reversed(dates)]
        ], lang
        assert root.find(f"{ATOM}updated").text == "2027-01-02T00:00:00Z"
        content = entries[0].find(f"{ATOM}content")
        assert content.get("type") == "html" and f'<a href="{page}">' in content.text and line in content.text
        anchor = "#v" + NEXT.replace(".", "-")
        assert entries[0].find(f"{ATOM}link").get("href") == f"{SITE}{'en/' if lang == 'en' else ''}changes/{anchor}"
        assert len({e.find(f"{ATOM}id").text for e in entries}) == len(KEPT) + 1
    # Every page names its language's feed, relative to itself (so it works offline too).
    assert '<link rel="alternate feed" type="application/atom+xml" title="Atom" href="../../feed.xml">' in (
        site / "en/provinces/jiangsu/index.html"
    ).read_text(encoding="utf-8")

    # The releases, each at its own address: built from its tag, with the banner; today's URLs unchanged.
    published = run_cli("--root", str(project), "versions", env=env, cwd=project)
    assert published.returncode == 0, published.stderr
    assert f"building {CURRENT}" in published.stdout and f"building {NEXT}" in published.stdout
    old = (site / f"v/{CURRENT}/en/provinces/jiangsu/index.html").read_text(encoding="utf-8")
    assert (
        'class="ca-version-banner"' in old
        and f"This is version {CURRENT} of Cluster Atlas, released on {CURRENT_DATE}" in old
    )
    assert (
        '<a href="../../../../../en/provinces/jiangsu/"' in old and (site / "en/provinces/jiangsu/index.html").is_file()
    )
    assert "Winners, 2019–2020 initial rounds: 8 → 9" not in _text(
        site / f"v/{CURRENT}/en/provinces/jiangsu/index.html"
    )
    assert ">8</span>" in old and ">9</span>" in (site / f"v/{NEXT}/en/provinces/jiangsu/index.html").read_text(
        encoding="utf-8"
    )
    assert f"这是先进制造业集群图鉴 {NEXT} 版（2027-01-02 发布）的存档" in (
        site / f"v/{NEXT}/provinces/jiangsu/index.html"
    ).read_text(encoding="utf-8")
    assert 'class="ca-version-banner"' not in (site / "en/provinces/jiangsu/index.html").read_text(encoding="utf-8")
    # A release's citation gives the address that keeps it.
    assert f"{SITE}v/{NEXT}/en/provinces/jiangsu/" in _text(site / "en/provinces/jiangsu/index.html")
    # Inside a frozen copy every link and picture resolves (its cards are left out: og:image names the current site's).
    for frozen in (
        f"v/{CURRENT}/en/provinces/jiangsu/index.html",
        f"v/{NEXT}/index.html",
        f"v/{CURRENT}/en/changes/index.html",
    ):
        page = site / frozen
        for ref in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if not ref.startswith(("http:", "https:", "data:", "mailto:", "/", "blob:")):
                target = (page.parent / ref).resolve()
                assert target.is_file() or (target / "index.html").is_file(), f"{frozen} → {ref}"
    assert not (site / f"v/{CURRENT}/assets/cards").exists() and (site / f"v/{CURRENT}/embed").is_dir()
    assert not (site / f"v/{CURRENT}/sitemap.xml").exists() and (site / "sitemap.xml").is_file()
    with serve(site) as base:
        for path in (
            f"v/{CURRENT}/en/provinces/jiangsu/",
            f"v/{NEXT}/",
            f"v/{CURRENT}/search/search_index.json",
            "en/provinces/jiangsu/",
            "changes/",
        ):
            with urllib.request.urlopen(base + path) as r:
                assert r.status == 200, path
    # Every frozen address a page prints is published.
    printed = {
        m
        for page in site.rglob("*.html")
        if not page.relative_to(site).as_posix().startswith("v/")
        for m in re.findall(re.escape(SITE) + r"(v/[0-9.]+/[^\s<\"]*)", page.read_text(encoding="utf-8"))
    }
    assert printed, "the release's pages print their frozen addresses"
    missing = [p for p in printed if not (site / p / "index.html").is_file() and not (site / p).is_file()]
    assert not missing, f"printed but not published: {sorted(missing)[:5]}"
    again = run_cli("--root", str(project), "versions", env=env, cwd=project)  # cached: nothing is built twice
    assert again.returncode == 0 and "building" not in again.stdout


def test_a_tag_whose_own_dependencies_cannot_be_installed_is_a_message(tmp_path):
    from clusteratlas.errors import BuildFailed
    from clusteratlas.releases.versions import _python_for

    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "requirements.lock").write_text("cluster-atlas-no-such-package==0.0.1 --hash=sha256:" + "0" * 64 + "\n")
    try:
        _python_for(ROOT, checkout, tmp_path / "cache", log=lambda *_: None)
    except BuildFailed as e:
        assert "failed for a tag's own dependencies" in str(e) and "requirements.lock" in str(e), str(e)
    else:
        raise AssertionError("a pin that cannot be installed must stop the tag's build")


def _tiny_repository(root, version: str):
    """A repository whose pyproject says `version` and which keeps release 0.9.0 in releases/."""
    (root / "releases" / "0.9.0" / "data").mkdir(parents=True)
    (root / "releases" / "0.9.0" / "release.json").write_text('{"version": "0.9.0", "date": "2026-12-01"}')
    (root / "releases" / "0.9.0" / "data" / "provinces.json").write_text('[{"id": "jiangsu", "winners": 8}]')
    (root / "pyproject.toml").write_text(f'[project]\nname = "cluster-atlas"\nversion = "{version}"\n')
    git(root, "init", "-q", "-b", "main")


def test_a_kept_release_whose_commit_is_not_in_the_clone_is_a_message(tmp_path):
    from clusteratlas.errors import BuildFailed
    from clusteratlas.releases.versions import release_commits

    _tiny_repository(tmp_path, "0.9.0")
    git(tmp_path, "add", "pyproject.toml")
    git(tmp_path, "commit", "-q", "-m", "the release's folder left out, as in a shallow clone")
    try:
        release_commits(tmp_path)
    except BuildFailed as e:
        assert "release 0.9.0 is kept in releases/ but no tag or commit in this clone adds it" in str(e), str(e)
        assert "fetch-depth: 0" in str(e)
    else:
        raise AssertionError("a release that versions cannot publish must stop it, not vanish from /v/")


def test_a_commit_of_another_version_is_not_published_as_the_release(tmp_path):
    from clusteratlas.errors import BuildFailed
    from clusteratlas.releases.versions import build_tag, release_commits

    _tiny_repository(tmp_path, "0.8.0")  # squashed: the commit adding releases/0.9.0 says 0.8.0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two versions in one commit")
    [(version, sha, stamp)] = release_commits(tmp_path)
    assert version == "0.9.0"
    try:
        build_tag(Paths(tmp_path), version, sha, stamp, log=lambda *_: None)
    except BuildFailed as e:
        assert f"commit {sha[:12]} is version 0.8.0 in its pyproject.toml, not 0.9.0" in str(e), str(e)
        assert "git tag v0.9.0 <commit>" in str(e)
    else:
        raise AssertionError("the site of 0.8.0 would have been published as /v/0.9.0/")
    assert not list((tmp_path / ".cache" / "versions").glob("*0.9.0*")), "no scratch left behind"
