"""Golden Markdown pages: `make goldens` (python -m tests.goldens) rewrites them from the data.

Review the diff (git diff tests/golden) before committing: it is exactly what readers will see change.
"""

import contextlib
import os
from pathlib import Path

from clusteratlas.sitebuild.generate import render_all

GOLDEN_DIR = Path(__file__).parent / "golden"
# One province, one sector and one policy page, in both languages.
GOLDEN_PAGES = [
    "provinces/jiangsu.md",
    "provinces/jiangsu.en.md",
    "sectors/high-end-equipment.md",
    "sectors/high-end-equipment.en.md",
    "policies/hunan-2020-opinions.md",
    "policies/hunan-2020-opinions.en.md",
]


def golden_name(page: str) -> str:
    return page.replace("/", "__")


@contextlib.contextmanager
def golden_environment():
    """A fixed build date and no site address: the citation block at the end of a golden page
    does not change with the day it is made or the machine's environment."""
    saved = {k: os.environ.pop(k, None) for k in ("SOURCE_DATE_EPOCH", "CLUSTERATLAS_SITE_URL")}
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        yield
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None)
            if v is not None:
                os.environ[k] = v


def main() -> None:
    import json

    from clusteratlas.charts.spec import chart_specs
    from clusteratlas.i18n import Catalog
    from clusteratlas.paths import ROOT
    from clusteratlas.sitebuild.check import check

    from .test_charts import spec_data

    specs = chart_specs(check(), Catalog.load(ROOT / "templates/strings.yaml"))
    (GOLDEN_DIR / "chart-data.json").write_text(
        json.dumps(spec_data(specs), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print("wrote tests/golden/chart-data.json")
    with golden_environment():
        files = render_all()
    GOLDEN_DIR.mkdir(exist_ok=True)
    for page in GOLDEN_PAGES:
        (GOLDEN_DIR / golden_name(page)).write_bytes(files[page])
        print(f"wrote tests/golden/{golden_name(page)}")


if __name__ == "__main__":
    main()
