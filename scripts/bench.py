"""Thin entry point for `make bench`; the logic is in clusteratlas/bench.py."""
import sys

from clusteratlas.bench import main

sys.exit(main())
