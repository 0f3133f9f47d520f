"""Every case of tests/bad_data/: non-zero exit, file, line, field, message and hint; nothing written;
and never a Python traceback."""

import os
import posixpath
from pathlib import Path

import pytest
import yaml

from clusteratlas.cli import main

CASES = sorted((Path(__file__).parent / "bad_data").glob("*.yaml"))


def run_main(capsys, *args: str) -> tuple[int, str]:
    """The CLI in process (no interpreter start-up per case): exit code and stderr."""
    code = main(list(args))
    return code, capsys.readouterr().err


def _special(kind: str, target: Path) -> None:
    """Inputs that a text replacement cannot make: odd file kinds and machine-made nesting."""
    if kind in ("fifo", "link-to-dev-zero", "directory"):
        target.unlink()
        {
            "fifo": lambda: os.mkfifo(target),
            "link-to-dev-zero": lambda: target.symlink_to("/dev/zero"),
            "directory": lambda: target.mkdir(),
        }[kind]()
    elif kind == "deep-nesting":
        target.write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    elif kind == "empty-categories":
        text = target.read_text(encoding="utf-8")
        target.write_text(
            text[: text.index("categories:")] + "categories: []\n" + text[text.index("examples:") :], encoding="utf-8"
        )
    else:
        raise AssertionError(f"unknown special case {kind!r}")


def apply(case: dict, data: Path) -> bytes:
    target = data / case["file"]
    if "special" in case:
        _special(case["special"], target)
        return target.read_bytes() if target.is_file() and not target.is_symlink() else b""
    if "replace" in case:
        old, new = case["replace"]
        text = target.read_text(encoding="utf-8")
        assert old in text, f"case no longer applies: {old!r} not in {case['file']}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif "content" in case:
        target.write_text(case["content"], encoding="utf-8")
    elif "content_hex" in case:
        target.write_bytes(bytes.fromhex(case["content_hex"]))
    elif "size_mb" in case:
        line = b"- {id: x, zh: \xe5\xa4\xa7, en: big, sources: [{source: ccid-2021}]}\n"
        target.write_bytes(line * (case["size_mb"] * 2**20 // len(line) + 1))
    return target.read_bytes()


def expected_line(expect: dict, broken: bytes) -> int:
    if "line" in expect:
        return expect["line"]
    text = broken.decode("utf-8")
    pos = text.index(expect["line_of"])
    return text[:pos].count("\n") + 1 + expect.get("line_offset", 0)


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_data_case(case_file, project, capsys, monkeypatch):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    broken = apply(case, project / "data")
    code, err = run_main(capsys, "--root", str(project), "generate")
    assert code == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    expect = case["expect"]
    if "where" in expect:
        where = expect["where"]
    else:
        line = expected_line(expect, broken)
        shown = posixpath.normpath(f"data/{case['file']}")
        where = f"{shown}:{line}:" if line else f"{shown}:"
    lines = [ln for ln in err.splitlines() if where in ln and expect["message"] in ln]
    assert lines, f"expected a problem at {where} saying {expect['message']!r}; got:\n{err}"
    if "field" in expect:
        assert f"[{expect['field']}]" in lines[0], lines[0]
    if expect.get("hint"):
        rest = err[err.index(lines[0]) :]
        assert "hint:" in rest and expect["hint"] in rest.split("\n")[1], rest
    assert "nothing was written" in err
    assert not (project / "docs/provinces").exists(), "no page may be written from bad data"


def test_bad_data_leaves_the_last_good_pages_untouched(project):
    assert main(["--root", str(project), "generate"]) == 0
    docs = project / "docs"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    case = yaml.safe_load((Path(__file__).parent / "bad_data/13-counts-do-not-sum.yaml").read_text(encoding="utf-8"))
    apply(case, project / "data")
    assert main(["--root", str(project), "generate"]) == 1
    after = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert after == before
