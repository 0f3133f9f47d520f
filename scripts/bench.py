"""Thin entry point for `make bench`; the logic is in clusteratlas/dev/bench.py."""

import sys

from clusteratlas.dev.bench import main

sys.exit(main())
