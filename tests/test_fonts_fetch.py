"""Supply chain (hostile inputs, round 3): fetch-fonts.sh checks the fonts against their pinned
SHA-256 sums before putting anything in place, so a tampered download leaves no font behind for
Make to take as installed."""

import os
import subprocess
import tarfile

from .conftest import ROOT


def test_a_font_that_fails_its_checksum_is_never_installed(tmp_path):
    # A stand-in for npm that "downloads" a package whose fonts are not the pinned ones.
    pkg = tmp_path / "pkg" / "package"
    for rel in ("400Regular/NotoSansSC_400Regular.ttf", "700Bold/NotoSansSC_700Bold.ttf", "LICENSE_FONT"):
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_bytes(b"not the font you pinned")
    tgz = tmp_path / "fake.tgz"
    with tarfile.open(tgz, "w:gz") as tf:
        tf.add(pkg, arcname="package")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "npm").write_text(f"#!/bin/sh\ncp {tgz} ./fake.tgz\n", encoding="utf-8")
    (bin_dir / "npm").chmod(0o755)
    dest = tmp_path / "fonts"
    result = subprocess.run(
        ["bash", str(ROOT / "scripts/fetch-fonts.sh"), str(dest)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}"),
    )
    assert result.returncode != 0
    assert "do not match their pinned SHA-256 sums; nothing was installed" in result.stderr
    assert not (dest / "NotoSansSC-Regular.ttf").exists() and not (dest / "NotoSansSC-Bold.ttf").exists()
