"""Every data field is documented for the people who edit data/."""

import re

from pydantic import BaseModel

from clusteratlas.dataset import fields, model
from clusteratlas.paths import ROOT


def test_every_schema_field_is_documented():
    doc = (ROOT / "docs/dev/data.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    models = [
        v
        for m in (fields, model)
        for v in vars(m).values()
        if isinstance(v, type) and issubclass(v, BaseModel) and v is not fields.Record
    ]
    missing = sorted({f"{m.__name__}.{f}" for m in models for f in m.model_fields if f not in documented})
    assert not missing, f"fields not described in docs/dev/data.md: {missing}"


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:10]
    assert any(line.startswith("make site") for line in head) and any(line.startswith("make test") for line in head)
