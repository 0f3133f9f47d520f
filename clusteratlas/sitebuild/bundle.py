"""The offline bundle: the site built for file:// and packed as a reproducible zip.

Entries are sorted, with fixed permissions and one timestamp (SOURCE_DATE_EPOCH when set), so two
builds of one commit give the same bytes.
"""

from __future__ import annotations

import os
import queue
import threading
import time
import zipfile
import zlib
from pathlib import Path

from .. import safefs
from ..settings import project_version, source_date_epoch

STORED = (".zip", ".gz", ".woff2", ".png", ".jpg")
# Level 4, not zlib's default 6: the bundle's 40 MB of HTML, JSON, SVG and CSV (798 files, with
# the clusters) deflate in 0.58 s to 11.09 MB, against 1.38 s to 10.59 MB at 6 (5% larger for
# 0.8 s less of a core that the pages' derivation shares); level 1: 0.35 s, 12.27 MB.
LEVEL = 4


def deflate(data: bytes) -> bytes:
    """`data` as zipfile deflates an entry at LEVEL (a raw stream: zlib's, without header): what
    ahead.Ahead's workers compress ahead and the zip then writes as it is."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def stored(name: str) -> bool:
    return name.endswith(STORED)  # already compressed formats: deflating them again saves nothing


def bundle_name(version: str | None = None) -> str:
    return f"cluster-atlas-offline-{version or project_version()}"


def write_zip(site: Path, dest: Path, readme: str, version: str | None = None) -> Path:
    """Zip `site` under one top folder with `readme` (the catalog's readme.bundle) beside it."""
    stream = ZipStream(site, dest, readme, version)
    stream.add(sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()))
    return stream.finish()


class ZipStream:
    """The zip written by a thread of its own while the files are still being made: `add` hands it
    files that are final (of `site`, or named with their bytes or their file), in batches; the
    entries follow in that order (each batch sorted by the caller), so the same build gives the
    same bytes. zlib lets other threads run while it compresses: the offline bundle is zipped while
    its pages are derived (offline.py, on the other processes). `finish` waits and puts the zip in
    place; an error in the thread is raised there."""

    def __init__(self, site: Path, dest: Path, readme: str, version: str | None = None, deflated=None):
        # deflated(name, data): `data` already deflated (as `deflate` does) if known, else None.
        self.deflated, self.entries, self.ahead = deflated, 0, 0  # entries, of which deflated ahead
        version = version or project_version()
        self.site, self.dest, self.top = site, dest, bundle_name(version)
        epoch = source_date_epoch()
        epoch = int(time.time()) if epoch is None else epoch
        self.stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
        if dest.parent.exists() and not dest.parent.is_dir():
            raise NotADirectoryError(20, f"{dest.parent.name} is a file, not a folder: remove it", str(dest.parent))
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = dest.with_name(dest.name + ".tmp")
        safefs.remove(self.tmp)  # never through a link at the scratch name
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.error: BaseException | None = None
        self.queue.put([("README.txt", readme.encode("utf-8"))])
        self.thread = threading.Thread(target=self._write, name="zip", daemon=True)
        self.thread.start()

    def add(self, items: list) -> None:
        """Entries in this order: a name of a file in `site`, or (name, bytes), or (name, a file
        elsewhere to read: offline.py hands the files that are the same offline from the site)."""
        self.queue.put(list(items))

    def _write(self) -> None:
        ended = False
        try:
            with zipfile.ZipFile(self.tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                while (batch := self.queue.get()) is not None:
                    for item in batch:
                        rel, data = item if isinstance(item, tuple) else (item, self.site / item)
                        data = data.read_bytes() if isinstance(data, Path) else data
                        raw = self.deflated(rel, data) if self.deflated and not stored(rel) else None
                        _add(zf, f"{self.top}/{rel}", data, self.stamp, raw)
                        self.entries += 1
                        self.ahead += raw is not None
                ended = True
        except BaseException as e:  # raised in the builder's thread by finish()
            self.error = e
            while not ended:  # take what is still handed in, up to the end finish() sends
                ended = self.queue.get() is None

    def finish(self) -> Path:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            safefs.remove(self.tmp)
            raise self.error
        os.replace(self.tmp, self.dest)
        return self.dest

    def abort(self) -> None:
        """Stop after what was handed in and remove the scratch: nothing is put in place."""
        self.queue.put(None)
        self.thread.join()
        safefs.remove(self.tmp)


def _add(zf: zipfile.ZipFile, name: str, data: bytes, stamp, raw: bytes | None = None) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED if stored(name) else zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix, whatever the building machine
    if raw is None:
        zf.writestr(info, data, compresslevel=LEVEL)
        return
    # Deflated ahead: zipfile writes the entry as ever (header, CRC, sizes, directory), its
    # compressor handing back those bytes; they are what it would have made itself (`deflate`),
    # so the zip is the same byte for byte (tests/test_bundle_deflated.py).
    info.file_size = len(data)
    with zf.open(info, mode="w") as entry:
        entry._compressor = _Deflated(raw)  # zipfile's only hook for this: one private attribute
        entry.write(data)


class _Deflated:
    """A compressor that has already compressed: zipfile calls compress() once (one write of the
    whole entry), then flush()."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def compress(self, _data) -> bytes:
        raw, self.raw = self.raw, b""
        return raw

    def flush(self) -> bytes:
        return b""
