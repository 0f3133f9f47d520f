"""Every data field is documented for the people who edit data/."""

from clusteratlas.dev.fielddocs import undocumented
from clusteratlas.paths import ROOT


def test_every_schema_field_is_documented_under_its_file():
    missing = undocumented()
    assert not missing, f"fields not described in docs/dev/data.md: {missing}"


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:10]
    assert any(line.startswith("make site") for line in head) and any(line.startswith("make test") for line in head)
