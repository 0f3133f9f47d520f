"""The zip takes bytes deflated ahead (offline.Ahead's workers) as they are: the zip is the same,
byte for byte, as when it deflates everything itself (bundle.ZipStream, `deflated`)."""

import os
import zipfile

from clusteratlas.sitebuild.bundle import ZipStream, deflate


def _zip(folder, dest, deflated=None):
    stream = ZipStream(folder, dest, "readme / 说明", "1.2.3", deflated=deflated)
    stream.add(sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()))
    return stream, stream.finish().read_bytes()


def test_entries_deflated_ahead_give_the_same_zip(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = tmp_path / "site"
    (site / "省份").mkdir(parents=True)
    files = {
        "index.html": "<p>江苏 Jiangsu</p>\n" * 5000,
        "省份/江苏.html": "<p>一</p>",
        "empty.svg": "",
        "random.js": os.urandom(200_000),  # deflate makes it larger: zipfile keeps it deflated all the same
        "picture.png": os.urandom(1000),  # stored, never deflated
    }
    for name, content in files.items():
        path = site / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    asked = []

    def ahead(name, data):
        asked.append(name)
        return deflate(data)

    plain_stream, plain = _zip(site, tmp_path / "plain.zip")
    stream, zipped = _zip(site, tmp_path / "ahead.zip", ahead)
    assert zipped == plain
    assert sorted(asked) == sorted(["README.txt", *(n for n in files if n != "picture.png")])
    assert (stream.entries, stream.ahead, plain_stream.ahead) == (6, 5, 0)
    with zipfile.ZipFile(tmp_path / "ahead.zip") as zf:
        assert zf.testzip() is None
        assert zf.read("cluster-atlas-offline-1.2.3/省份/江苏.html").decode("utf-8") == "<p>一</p>"
