"""Two builds of one commit with SOURCE_DATE_EPOCH set give byte-identical site/ and offline zip."""

import hashlib

from .conftest import PUBLISHED_ENV, published_copy, run_cli


def tree_digest(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(published_build, tmp_path, monkeypatch):
    for name, value in PUBLISHED_ENV.items():
        monkeypatch.setenv(name, value)
    digests = []
    for root in (published_build, published_copy(tmp_path / "b")):  # the session's build, and one more
        if root != published_build:
            result = run_cli("--root", str(root), "build")
            assert result.returncode == 0, result.stderr
        [bundle] = (root / "dist").glob("*.zip")
        digests.append((tree_digest(root / "site"), hashlib.sha256(bundle.read_bytes()).hexdigest()))
    (site_a, zip_a), (site_b, zip_b) = digests
    differing = sorted(k for k in site_a.keys() | site_b.keys() if site_a.get(k) != site_b.get(k))
    assert not differing, f"files that differ between two builds: {differing[:10]}"
    assert zip_a == zip_b
