"""The command line an editor uses: help, check, and errors with non-zero exits."""

import os
import subprocess
import sys

import pytest

from clusteratlas import cli
from clusteratlas.sitebuild import generate

from .conftest import run_cli
from .helpers import replace_in


def cli_run(capsys, *args: str) -> tuple[int, str, str]:
    """The command line in process: exit code, stdout, stderr."""
    try:
        code = cli.main(list(args))
    except SystemExit as e:  # argparse exits for --help
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_help_lists_the_commands(capsys):
    code, out, _ = cli_run(capsys, "--help")
    assert code == 0
    for command in ("check", "generate", "build"):
        assert command in out


def test_check_reports_a_valid_dataset(capsys):
    code, out, err = cli_run(capsys, "check")
    assert code == 0, err
    assert "31 provinces, 11 sectors, 10 policies, 5 measures" in out


def test_check_fails_with_every_problem_and_writes_nothing(project, capsys):
    replace_in(project / "data/provinces.yaml", "region: east", "region: coast")
    replace_in(project / "data/glossary.yaml", "en: industrial cluster\n", "\n")
    code, _, err = cli_run(capsys, "--root", str(project), "check")
    assert code == 1
    assert "2 problems in data/" in err
    assert "data/provinces.yaml:" in err and "data/glossary.yaml:" in err
    assert not (project / "docs/provinces").exists()


def test_generate_writes_nothing_when_data_is_bad(project, capsys):
    replace_in(project / "data/sectors.yaml", "winners: 9", "winners: nine")
    code, _, err = cli_run(capsys, "--root", str(project), "generate")
    assert code == 1 and "expected a whole number, got 'nine'" in err
    assert not (project / "docs/provinces").exists()


def test_the_console_script_runs():
    """One real process: the installed entry point and `python -m clusteratlas` start."""
    result = run_cli("--help")
    assert result.returncode == 0 and "check" in result.stdout


def test_plain_mkdocs_build_refuses_a_site_url_that_would_break_out_of_html(project):
    env = dict(os.environ, CLUSTERATLAS_SITE_URL='https://example.org/"><script>alert(1)</script>')
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "out")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "environment CLUSTERATLAS_SITE_URL:" in result.stderr and "is not a published web address" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not (project / "out").exists()


def test_an_unexpected_error_is_one_line_unless_debug(project, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(generate, "download_files", broken)
    assert cli.main(["--root", str(project), "generate"]) == 2
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: division by zero" in err and "--debug" in err
    assert "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        cli.main(["--root", str(project), "--debug", "generate"])
