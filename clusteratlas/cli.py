"""Command line: python -m clusteratlas check | generate | build | serve | …"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .charts.fonts import FontMissing
from .dataset.provenance import unverified_note
from .errors import BuildFailed, DataError
from .i18n import DEFAULT_LANG, LANGS
from .paths import Paths
from .releases.versions import publish_versions
from .safefs import os_reason
from .sitebuild.build import ENGINES, build
from .sitebuild.check import checked
from .sitebuild.engine.zensical import EngineMissing, recover_cache
from .sitebuild.generate import clean, generate
from .sitebuild.lock import LockError
from .sitebuild.preview import serve, watch_beside
from .sitebuild.release import cut_release
from .sitebuild.urls import record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m clusteratlas", description="Cluster Atlas: check the data, generate pages, build the site."
    )
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this checkout)")
    parser.add_argument("--debug", action="store_true", help="on an unexpected error, show the Python traceback")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ and report every problem (writes nothing)")
    sub.add_parser("generate", help="check, then write the generated Markdown pages into docs/")
    b = sub.add_parser(
        "build", help="generate, then build site/ and the offline zip in dist/ (replaced only on success)"
    )
    b.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/)")
    b.add_argument(
        "--no-offline", action="store_true", help="skip the offline bundle (dist/cluster-atlas-offline-<version>.zip)"
    )
    b.add_argument("--force", action="store_true", help="build even when no input changed since the last build")
    b.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the static-site engine: mkdocs (default; site and offline bundle) or zensical "
        "(site only; see docs/dev/engines.md)",
    )
    s = sub.add_parser(
        "serve",
        help="preview while you edit: mkdocs serve (both languages), or Zensical's server for one "
        "language with docs/ generated again after every save (--engine zensical)",
    )
    s.add_argument("--engine", choices=ENGINES, default="mkdocs")
    s.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="the language Zensical serves (default: zh)")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    s.add_argument("--watch-beside", type=int, default=None, help=argparse.SUPPRESS)  # preview.watch_beside's process
    sub.add_parser("urls", help="add the built site's new page URLs to urls/published.txt (never removes one)")
    sub.add_parser(
        "release", help="keep this version's data package in releases/<version>/ (the version is pyproject.toml's)"
    )
    v = sub.add_parser(
        "versions",
        help="publish every release tag's site under <site>/v/<version>/ with its banner (built once, cached)",
    )
    v.add_argument("--site-dir", type=Path, default=None, help="the built current site (default: site/)")
    sub.add_parser(
        "clean", help="remove everything generated or built (docs/ generated pages, charts, downloads; site/, dist/)"
    )
    args = parser.parse_args(argv)
    paths = Paths(args.root.resolve()) if args.root else Paths()
    try:
        if args.command in ("build", "generate", "check", "serve", "versions") and not getattr(args, "watch_beside", 0):
            recover_cache(paths.root, log=lambda m: print(m, file=sys.stderr))  # before the cache is read
        if args.command == "check":
            c = checked(paths)
            ds = c.ds
            for path in c.unverified:
                print(unverified_note(path), file=sys.stderr)
            print(
                f"data/ is valid: {len(ds.provinces)} provinces, {len(ds.sectors)} sectors, "
                f"{len(ds.policies)} policies, {len(ds.measures)} measures, {len(ds.sources)} sources"
            )
        elif args.command == "urls":
            site = paths.root / "site"
            if not site.is_dir():
                print("error: no site/ — run `make site` first", file=sys.stderr)
                return 1
            added = record(site, paths.root / "urls" / "published.txt")
            print(f"urls/published.txt: {len(added)} new URL(s)" + "".join(f"\n  {u}" for u in added))
        elif args.command == "clean":
            removed = clean(paths)
            print(
                f"clusteratlas: removed {len(removed)} generated or built paths" + "".join(f"\n  {r}" for r in removed)
            )
        elif args.command == "release":
            cut_release(paths)
        elif args.command == "versions":
            site = args.site_dir or paths.root / "site"
            if not (site / "index.html").is_file():
                print(f"error: no built site in {site} — run `make site` first", file=sys.stderr)
                return 1
            publish_versions(paths, site)
        elif args.command == "generate":
            generate(paths)
        elif args.command == "serve":
            if args.watch_beside:
                return watch_beside(paths, args.watch_beside)
            return serve(paths, args.engine, args.lang, args.dev_addr)
        else:
            build(paths, args.site_dir, offline=not args.no_offline, force=args.force, engine=args.engine)
    except DataError as e:
        print(e.report(), file=sys.stderr)
        return 1
    except (BuildFailed, FontMissing, LockError, EngineMissing) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        # The file system refused (a full disk, a read-only or missing folder, a file where a
        # folder belongs): the user's to fix, said in one line, not a bug's traceback.
        print(f"error: {os_reason(e)}; nothing was replaced", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous site/ and dist/ are untouched", file=sys.stderr)
        return 130
    except Exception as e:
        # Every failure a user can cause is a DataError with file and line; anything else is a
        # bug in this program. Say so in one line; --debug shows where.
        if args.debug:
            raise
        print(
            f"internal error: {type(e).__name__}: {e}\n"
            "  this is a bug in Cluster Atlas, not a problem in your files; run again with --debug "
            "for the traceback and report it",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
