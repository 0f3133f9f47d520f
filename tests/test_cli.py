"""The command line an editor uses: help, check, and errors with non-zero exits."""
from .conftest import run_cli
from .helpers import replace_in


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("check", "generate", "build"):
        assert command in result.stdout


def test_check_reports_a_valid_dataset():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert "31 provinces, 11 sectors, 10 policies, 5 measures" in result.stdout


def test_check_fails_with_every_problem_and_writes_nothing(project):
    replace_in(project / "data/provinces.yaml", "region: east", "region: coast")
    replace_in(project / "data/glossary.yaml", "en: industrial cluster\n", "\n")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert "2 problems in data/" in result.stderr
    assert "data/provinces.yaml:" in result.stderr and "data/glossary.yaml:" in result.stderr
    assert not (project / "docs/provinces").exists()


def test_generate_writes_nothing_when_data_is_bad(project):
    replace_in(project / "data/sectors.yaml", "winners: 9", "winners: nine")
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1 and "expected a whole number, got 'nine'" in result.stderr
    assert not (project / "docs/provinces").exists()
