"""The MkDocs process of `clusteratlas build`, started *before* generation and told when to build.

A `python -m mkdocs build` spends its first ~1.2 s on importing MkDocs, Material, the plugins and
the Markdown extensions (~0.3 s) and on loading jieba's dictionary for the Chinese search index
(~0.9 s), none of which reads docs/. Started while the pages are generated, that time leaves the
build's critical path (an edit: generation, then MkDocs, then the offline bundle, one after the
other). Nothing here reads docs/ or mkdocs.yml's plugins' settings: the build itself, after the
word "build" on standard input, is `python -m mkdocs` with the arguments given, run as such.

    python -m clusteratlas.sitebuild.engine.mkdocs_child ROOT build --strict ... -d OUT

End of input without the word (generation failed, Ctrl-C): the process ends, exit 0, nothing built.

With CLUSTERATLAS_WRITTEN_FD set (an inherited pipe), every HTML file MkDocs writes is named on it,
each absolute path once the file is written and closed: the offline bundle's pages are derived from them
while MkDocs goes on (ahead.Ahead).
"""

from __future__ import annotations

import importlib
import logging
import os
import runpy
import sys
from pathlib import Path


def warm(root: Path) -> None:
    """What every build of this project imports and loads first, done ahead. Best effort: a failure
    here changes nothing, the build proper imports the same things again and reports its errors."""
    try:
        # Not mkdocs.__main__ itself: runpy runs it afresh as __main__ below, as `python -m` does.
        import click  # noqa: F401
        import mkdocs.commands.build  # noqa: F401
        import mkdocs.config  # noqa: F401

        for name in ("material.plugins.search.plugin", "material.plugins.offline.plugin", "mkdocs_static_i18n.plugin"):
            importlib.import_module(name)
        import jieba

        from ...paths import Paths
        from ..search import hermetic_jieba

        hermetic_jieba(Paths(root).cache)  # the dictionary's cache, where the build's plugin puts it
        # Quietly: its four lines would land among generation's progress. The plugin sets the same
        # folder again; jieba loads once per process.
        level = jieba.default_logger.level
        jieba.setLogLevel(logging.WARNING)
        try:
            jieba.initialize()
        finally:
            jieba.setLogLevel(level)
    except Exception:  # noqa: BLE001  the build proper meets the same error and names it
        pass


def announce_writes(fd: int) -> None:
    """Name on `fd` each HTML file MkDocs has written, ended by a NUL (a path holds none; a newline
    it may). MkDocs writes every page, theme template and further language's page through
    mkdocs.utils.write_file, looked up at each call."""
    from mkdocs import utils

    os.set_inheritable(fd, False)  # a process MkDocs might start would keep the channel open after it ends
    channel = open(fd, "wb")
    write_file = utils.write_file

    def write_and_announce(content: bytes, output_path: str) -> None:
        write_file(content, output_path)
        if str(output_path).endswith(".html"):
            try:
                channel.write(os.fsencode(output_path) + b"\0")
                channel.flush()  # each name as soon as its file is final
            except OSError:  # the reader is gone (the build stopped): MkDocs' own work goes on
                pass

    utils.write_file = write_and_announce


def main(argv: list[str]) -> int:
    root, args = Path(argv[0]), argv[1:]
    try:
        warm(root)
        if sys.stdin.readline().strip() != "build":
            return 0  # the build was called off: nothing to do
    except KeyboardInterrupt:  # Ctrl-C during generation reaches the whole process group
        return 130
    if os.environ.get("CLUSTERATLAS_WRITTEN_FD"):
        try:
            announce_writes(int(os.environ["CLUSTERATLAS_WRITTEN_FD"]))
        except (ValueError, OSError):  # not a descriptor this process holds: MkDocs builds all the same
            pass
    sys.argv = ["mkdocs", *args]
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)  # ends with click's sys.exit(code)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
