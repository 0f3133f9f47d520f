"""Every case of tests/bad_data/: non-zero exit, file, line, field, message and hint; nothing written."""
from pathlib import Path

import pytest
import yaml

from .conftest import run_cli

CASES = sorted((Path(__file__).parent / "bad_data").glob("*.yaml"))


def apply(case: dict, data: Path) -> bytes:
    target = data / case["file"]
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
def test_bad_data_case(case_file, project):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    broken = apply(case, project / "data")
    result = run_cli("--root", str(project), "generate")
    assert result.returncode == 1, result.stdout + result.stderr
    err = result.stderr
    expect = case["expect"]
    line = expected_line(expect, broken)
    where = f"data/{case['file']}:{line}:" if line else f"data/{case['file']}:"
    lines = [ln for ln in err.splitlines() if where in ln and expect["message"] in ln]
    assert lines, f"expected a problem at {where} saying {expect['message']!r}; got:\n{err}"
    if "field" in expect:
        assert f"[{expect['field']}]" in lines[0], lines[0]
    if expect.get("hint"):
        rest = err[err.index(lines[0]):]
        assert "hint:" in rest and expect["hint"] in rest.split("\n")[1], rest
    assert "nothing was written" in err
    assert not (project / "docs/provinces").exists(), "no page may be written from bad data"


def test_bad_data_leaves_the_last_good_pages_untouched(project):
    assert run_cli("--root", str(project), "generate").returncode == 0
    docs = project / "docs"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    case = yaml.safe_load((Path(__file__).parent / "bad_data/13-counts-do-not-sum.yaml").read_text(encoding="utf-8"))
    apply(case, project / "data")
    assert run_cli("--root", str(project), "generate").returncode == 1
    after = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert after == before
