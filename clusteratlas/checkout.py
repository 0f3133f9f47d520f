"""Run the clusteratlas package of another folder (a release tag's checkout, a test's copy of the
project) with this interpreter, instead of the package installed here.

PYTHONPATH alone does not do it: `pip install -e .` (what `make` does) installs an import finder
that answers for `clusteratlas` before the path is searched, so every process — the build and the
MkDocs process it starts — would import this checkout's code. A `sitecustomize.py` beside the
folder's package, which Python imports at start-up in every process that has the folder on its
path, takes that finder away first.
"""

from __future__ import annotations

from pathlib import Path

SITECUSTOMIZE = """\
# Written by Cluster Atlas (clusteratlas/checkout.py): import this folder's clusteratlas, not an
# editable install's (whose finder comes before PYTHONPATH).
import sys

sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, "__module__", "").startswith("__editable__")]
"""


def own_package_env(folder: Path) -> dict[str, str]:
    """What to add to a process's environment so that it imports `folder`'s clusteratlas package."""
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {"PYTHONPATH": str(folder)}
