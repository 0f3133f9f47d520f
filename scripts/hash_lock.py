"""Add the SHA-256 of every published file of each pinned release to requirements.lock, so that
`pip install --require-hashes` installs exactly the files that were locked (`make lock` runs it).

The hashes come from PyPI's simple index (JSON form, PEP 691): every wheel and sdist of that
version, so that any platform pip picks a file for finds its hash. Usage:
    python scripts/hash_lock.py requirements.lock      (rewrites the file in place)
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import Version

INDEX = "https://pypi.org/simple/{name}/"


def hashes(name: str, version: str) -> list[str]:
    request = urllib.request.Request(
        INDEX.format(name=canonicalize_name(name)), headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    wanted, found = Version(version), []
    for f in files:
        try:
            parsed = (
                parse_wheel_filename(f["filename"])[1]
                if f["filename"].endswith(".whl")
                else parse_sdist_filename(f["filename"])[1]
            )
        except ValueError:
            continue  # eggs, exes and other old formats pip would not use
        if parsed == wanted and "sha256" in f.get("hashes", {}):
            found.append(f["hashes"]["sha256"])
    if not found:
        raise SystemExit(f"hash_lock: PyPI lists no file of {name}=={version}")
    return sorted(set(found))


def main(path: Path) -> None:
    out = [
        "# Pinned with the SHA-256 of every published file: pip install --require-hashes -r requirements.lock",
        "# Regenerate with `make lock` (pip freeze, then scripts/hash_lock.py).",
    ]
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split("\\", 1)[0].strip()
        if not line or line.startswith("--hash"):
            continue
        name, version = line.split("==")
        out.append(f"{name}=={version} \\")
        out.extend(f"    --hash=sha256:{h} \\" for h in hashes(name, version))
        out[-1] = out[-1].rstrip(" \\")
        print(f"hash_lock: {name}=={version}", file=sys.stderr)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
