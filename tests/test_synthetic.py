"""The synthetic data `make bench` builds at ×N must stay valid as the schema grows."""

from clusteratlas.dataset.load import load
from clusteratlas.dataset.validate import validate
from clusteratlas.dev.synthetic import scale_data

from .conftest import ROOT


def test_scaled_data_is_valid_and_larger(tmp_path):
    scale_data(ROOT / "data", tmp_path / "data", 3)
    real, scaled = validate(load(ROOT / "data")), validate(load(tmp_path / "data"))
    assert len(scaled.policies) == 3 * len(real.policies)
    assert len(scaled.sectors) == 3 * len(real.sectors)
    assert scaled.competition.winners_total == 3 * real.competition.winners_total
    assert len(scaled.provinces) == len(real.provinces) == 31
