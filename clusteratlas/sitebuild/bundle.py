"""The offline bundle: the site built for file:// and packed as a reproducible zip.

Entries are sorted, with fixed permissions and one timestamp (SOURCE_DATE_EPOCH when set), so two
builds of one commit give the same bytes.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

from ..settings import project_version, source_date_epoch
from . import safefs

STORED = (".zip", ".gz", ".woff2", ".png", ".jpg")


def bundle_name(version: str | None = None) -> str:
    return f"cluster-atlas-offline-{version or project_version()}"


def write_zip(site: Path, dest: Path, readme: str, version: str | None = None) -> Path:
    """Zip `site` under one top folder with `readme` (the catalog's readme.bundle) beside it."""
    version = version or project_version()
    top = bundle_name(version)
    epoch = source_date_epoch()
    epoch = int(time.time()) if epoch is None else epoch
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    if dest.parent.exists() and not dest.parent.is_dir():
        raise NotADirectoryError(20, f"{dest.parent.name} is a file, not a folder: remove it", str(dest.parent))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    safefs.remove(tmp)  # never through a link at the scratch name
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        _add(zf, f"{top}/README.txt", readme.encode("utf-8"), stamp)
        for p in files:
            _add(zf, f"{top}/{p.relative_to(site).as_posix()}", p.read_bytes(), stamp)
    os.replace(tmp, dest)
    return dest


def _add(zf: zipfile.ZipFile, name: str, data: bytes, stamp) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.external_attr = 0o644 << 16
    # Already compressed formats are stored: deflating them again costs time and saves nothing.
    info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
    # zlib's default level (6), stated: 22 MB of HTML, JSON, SVG and CSV deflate in ~0.9 s to 5.6 MB;
    # level 9 takes 1.5 s for 1% less, level 1 0.3 s for 16% more.
    info.create_system = 3  # unix, whatever the building machine
    zf.writestr(info, data, compresslevel=6)
