"""The cycle an editor goes through: change one figure in data/, bump the version, `clusteratlas
release`, build — and the change shows on that page, on /changes/ and in each language's feed."""
import html
import re
import xml.etree.ElementTree as ET

from tests.conftest import build_project, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/atlas/"
NOTE_EN = "Moved one winner after a re-reading of the list"


def _text(page) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_a_changed_figure_shows_on_its_page_on_changes_and_in_the_feed(project):
    comp = project / "data" / "competition.yaml"
    # One winner moves from Guangdong to Jiangsu (the counts must still add up to the 44).
    comp.write_text(comp.read_text(encoding="utf-8").replace("  jiangsu: 8\n", "  jiangsu: 9\n").replace("  guangdong: 7\n", "  guangdong: 6\n"),
                    encoding="utf-8")
    (project / "data" / "changes.yaml").write_text(
        f'- release: "0.2.0"\n  page: provinces/jiangsu\n  note: {{zh: 重新核对名单后调整, en: "{NOTE_EN}"}}\n', encoding="utf-8")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('version = "0.1.0"', 'version = "0.2.0"'), encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1798848000", "CLUSTERATLAS_SITE_URL": SITE}   # 2027-01-02
    cut = run_cli("--root", str(project), "release", env=env)
    assert cut.returncode == 0, cut.stderr
    assert "released 0.2.0 (2 change(s) on 2 page(s))" in cut.stdout
    assert (project / "releases" / "0.2.0" / "release.json").read_text().count('"2027-01-02"') == 1
    build_project(project, "--no-offline", env=env)
    site = project / "site"

    # The page: when its data last changed, the old and new value, the editor's note.
    jiangsu = _squash(_text(site / "en/provinces/jiangsu/index.html"))
    assert "Data last changed : Version 0.2.0 (2027-01-02)" in jiangsu
    assert "Version 0.2.0 (2027-01-02) Winners, 2019–2020 initial rounds: 8 → 9" in jiangsu
    assert NOTE_EN in jiangsu and "Version 0.1.0 (2026-12-01): first published" in jiangsu
    assert "2019–2020年初赛胜出集群数：8 → 9" in _squash(_text(site / "provinces/jiangsu/index.html"))
    untouched = _squash(_text(site / "en/provinces/hebei/index.html"))
    section = untouched[untouched.index("Data last changed"):untouched.index("Every release's changes")]
    assert section == "Data last changed : Version 0.1.0 (2026-12-01) Version 0.1.0 (2026-12-01): first published "

    # /changes/: the release, each page it touched, linked, with its change.
    changes_html = (site / "en/changes/index.html").read_text(encoding="utf-8")
    assert 'id="v0-2-0"' in changes_html and 'href="../provinces/jiangsu/"' in changes_html
    changes = _squash(_text(site / "en/changes/index.html"))
    assert "Jiangsu Winners, 2019–2020 initial rounds: 8 → 9" in changes and "Guangdong Winners, 2019–2020 initial rounds: 7 → 6" in changes
    assert changes.index("Version 0.2.0") < changes.index("Version 0.1.0")

    # The feeds: valid XML, newest release first, its content naming the page and the change.
    for lang, feed, page, line in (("en", "en/feed.xml", f"{SITE}en/provinces/jiangsu/", "Winners, 2019–2020 initial rounds: 8 → 9"),
                                   ("zh", "feed.xml", f"{SITE}provinces/jiangsu/", "2019–2020年初赛胜出集群数：8 → 9")):
        root = ET.parse(site / feed).getroot()
        entries = root.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}updated").text for e in entries] == ["2027-01-02T00:00:00Z", "2026-12-01T00:00:00Z"], lang
        assert root.find(f"{ATOM}updated").text == "2027-01-02T00:00:00Z"
        content = entries[0].find(f"{ATOM}content")
        assert content.get("type") == "html" and f'<a href="{page}">' in content.text and line in content.text
        assert entries[0].find(f"{ATOM}link").get("href") == f"{SITE}{'en/' if lang == 'en' else ''}changes/#v0-2-0"
        assert len({e.find(f"{ATOM}id").text for e in entries}) == 2
    # Every page names its language's feed, relative to itself (so it works offline too).
    assert '<link rel="alternate" type="application/atom+xml" title="Atom" href="../../feed.xml">' in \
        (site / "en/provinces/jiangsu/index.html").read_text(encoding="utf-8")
