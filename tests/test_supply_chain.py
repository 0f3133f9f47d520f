"""Supply chain (hostile inputs, round 3): every locked package carries the SHA-256 of its files
and the Makefile installs with --require-hashes, so a changed file on an index is refused."""

import re

from .conftest import ROOT


def test_every_locked_package_is_pinned_with_hashes_and_installed_requiring_them():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.split(
        r"\n(?=[A-Za-z0-9])", "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()
    )
    assert len(entries) > 50
    for entry in entries:
        name = entry.split(" ", 1)[0]
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", name), f"not an exact pin: {name}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{name} has no hash"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
