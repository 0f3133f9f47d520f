"""Tools for developers, not used by a build: benchmarks (`make bench`), synthetic data at ×N,
project copies for tests and benchmarks, the local server that serves a site as GitHub Pages does."""
