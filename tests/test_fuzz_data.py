"""Property: whatever an editor (or an attacker) does to a data file, `check` either accepts it or
refuses it with located problems. Nothing else escapes: no traceback, no hang, no crash.

Hypothesis mutates the real data files line by line with the kinds of edits that broke earlier
versions (YAML 1.1 numbers and booleans, aliases, tags, stray markup, invisible characters).
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusteratlas.dataset.sections import FILES
from clusteratlas.errors import DataError
from clusteratlas.paths import Paths
from clusteratlas.sitebuild.check import checked

from .conftest import copy_project

TRICKY = [
    "010",
    "0x9",
    "0_7",
    "1:20",
    "yes",
    "no",
    "~",
    "null",
    "[]",
    "{}",
    "''",
    '"',
    "'",
    "&a x",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system [ls]",
    "!!binary aGk=",
    "- ",
    ": ",
    "? ",
    "|",
    ">",
    "#",
    "%YAML 1.1",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x00",
    "\t",
    "$\\frac{1}{2}$",
    '=HYPERLINK("x")',
    "???+ note",
    "🍏",
    "𠀀",
    "２０１７",
    "0000",
    "-1",
    "1e309",
    ".nan",
    "a" * 300,
    "{{ x }}",
    "<script>",
    "[" * 40,
]

MUTATIONS = st.one_of(
    st.tuples(st.just("replace-value"), st.sampled_from(TRICKY)),
    st.tuples(st.just("insert-text"), st.text(min_size=1, max_size=12)),
    st.tuples(st.just("delete-line"), st.none()),
    st.tuples(st.just("duplicate-line"), st.none()),
    st.tuples(st.just("insert-line"), st.sampled_from(TRICKY)),
    st.tuples(st.just("truncate"), st.none()),  # a file cut short: often only its comments are left
)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


def mutate(text: str, kind: str, arg, where: int) -> str:
    lines = text.split("\n")
    i = where % len(lines)
    if kind == "replace-value":
        key, sep, _ = lines[i].partition(": ")
        lines[i] = key + ": " + arg if sep else lines[i] + arg
    elif kind == "insert-text":
        pos = where % (len(lines[i]) + 1)
        lines[i] = lines[i][:pos] + arg + lines[i][pos:]
    elif kind == "delete-line":
        del lines[i]
    elif kind == "truncate":
        del lines[i % 8 :]
    elif kind == "duplicate-line":
        lines.insert(i, lines[i])
    else:
        lines.insert(i, arg)
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(sorted(f.file for f in FILES)),
    edits=st.lists(st.tuples(MUTATIONS, st.integers(0, 10_000)), min_size=1, max_size=3),
)
def test_any_edit_is_accepted_or_refused_with_a_location(fuzz_project, name, edits):
    path = fuzz_project / "data" / name
    original = path.read_text(encoding="utf-8")
    text = original
    for (kind, arg), where in edits:
        text = mutate(text, kind, arg, where)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        checked(Paths(fuzz_project))
    except DataError as e:
        assert e.problems, "a DataError must say what is wrong"
        for p in e.problems:
            assert p.file and p.message, p
            assert p.file.startswith(("data/", "templates/", "urls/", "environment ")), p
    finally:
        path.write_text(original, encoding="utf-8")
