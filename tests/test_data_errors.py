"""Bad data: every problem is reported with file, line and field, all in one run."""

import pytest

from clusteratlas.errors import DataError
from clusteratlas.paths import Paths
from clusteratlas.sitebuild.check import check

from .helpers import line_of, replace_in


def problems(root):
    with pytest.raises(DataError) as e:
        check(Paths(root))
    return e.value.problems


def test_real_data_is_valid():
    ds = check()
    assert len(ds.provinces) == 31
    assert sum(s.winners for s in ds.sectors) == 44


def test_sector_count_that_breaks_the_total_names_file_and_line(project):
    f = project / "data/sectors.yaml"
    replace_in(f, "winners: 9", "winners: 10")  # high-end equipment: 9 in the article
    found = problems(project)
    [p] = [p for p in found if "add up to" in p.message]
    # …and the figure is no longer the one its quote states ("高端装备（9个）").
    assert any(q.line == line_of(f, "winners: 10") and "the figure 10 is in no quote" in q.message for q in found)
    assert p.file == "data/sectors.yaml"
    assert p.line == line_of(f, "winners: 7")  # points at the first count of the list
    assert "add up to 45" in p.message and "44" in p.message


def test_province_count_and_batch_total_both_reported(project):
    comp = project / "data/competition.yaml"
    replace_in(comp, "jiangsu: 8", "jiangsu: 9")
    replace_in(comp, "winners: 20", "winners: 21")
    found = problems(project)
    messages = {(p.file, p.field): p for p in found}
    assert ("data/competition.yaml", "winners_total") in messages
    assert ("data/competition.yaml", "winners_by_province") in messages
    assert messages[("data/competition.yaml", "winners_total")].line == line_of(comp, "winners_total:")


def test_missing_english_text(project):
    f = project / "data/sectors.yaml"
    replace_in(f, "name: {zh: 绿色食品, en: Green food}", "name: {zh: 绿色食品}")
    [p] = problems(project)
    assert (p.file, p.line, p.field) == ("data/sectors.yaml", line_of(f, "绿色食品"), "[9].name.en")
    assert "English (en) text is missing" in p.message


def test_typo_in_field_name_suggests_the_right_one(project):
    f = project / "data/sectors.yaml"
    replace_in(f, "  winners: 3\n", "  winnners: 3\n")
    found = problems(project)
    typo = next(p for p in found if "unknown field" in p.message)
    assert typo.line == line_of(f, "winnners")
    assert "did you mean 'winners'" in typo.hint


def test_unknown_province_reference_suggests_close_id(project):
    f = project / "data/competition.yaml"
    replace_in(f, "shaanxi: 1", "shanxii: 1")
    [p] = problems(project)
    assert p.line == line_of(f, "shanxii")
    assert "unknown province 'shanxii'" in p.message
    assert "did you mean" in p.hint


def test_unknown_source_and_section(project):
    f = project / "data/measures.yaml"
    replace_in(f, "- source: ccid-2021\n      section: toolbox\n", "- source: ccid-2022\n      section: toolbox\n")
    replace_in(f, "- source: ccid-2021\n      section: toolbox\n", "- source: ccid-2021\n      section: tools\n")
    found = problems(project)
    assert any("unknown source 'ccid-2022'" in p.message for p in found)
    assert any("unknown section of source 'ccid-2021' 'tools'" in p.message and "toolbox" in p.hint for p in found)


def test_duplicate_id_and_unsafe_id(project):
    f = project / "data/measures.yaml"
    replace_in(f, "id: industrial-chains", "id: collaborative-innovation")
    replace_in(f, "id: cluster-governance", "id: Cluster Governance")
    found = problems(project)
    assert any("duplicate id 'collaborative-innovation'" in p.message for p in found)
    assert any("not a valid id" in p.message and p.line == line_of(f, "Cluster Governance") for p in found)


def test_stated_share_is_recomputed(project):
    f = project / "data/work_reports.yaml"
    replace_in(f, 'share_stated: "93.5%"', 'share_stated: "93.6%"')
    [p] = problems(project)
    assert "29 of 31 is 93.5%" in p.message and p.line == line_of(f, "share_stated")


def test_all_problems_of_all_files_in_one_run(project):
    replace_in(project / "data/sectors.yaml", "name: {zh: 汽车, en: Automobiles}", "name: {zh: 汽车, en: ''}")
    replace_in(project / "data/policies.yaml", 'date: "2019-12"', 'date: "2019-13"')
    replace_in(project / "data/provinces.yaml", "kind: municipality", "kind: city")
    found = problems(project)
    assert {p.file for p in found} == {"data/sectors.yaml", "data/policies.yaml", "data/provinces.yaml"}
    assert any("month 13 does not exist" in p.message for p in found)
    assert any("'city' is not allowed" in p.message for p in found)
    assert any("English (en) text is empty" in p.message for p in found)


def test_yaml_syntax_error_has_the_parser_line(project):
    f = project / "data/glossary.yaml"
    replace_in(f, "  en: industrial cluster\n", "  en: industrial cluster: bad\n")
    [p] = problems(project)
    assert p.line == line_of(f, "industrial cluster: bad") and "YAML syntax error" in p.message


def test_duplicate_key_is_not_silently_dropped(project):
    f = project / "data/sectors.yaml"
    replace_in(f, "  winners: 7\n", "  winners: 7\n  winners: 8\n")
    [p] = problems(project)
    assert "appears twice" in p.message and p.line == line_of(f, "winners: 8")
