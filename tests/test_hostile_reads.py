"""Hostile inputs, round 4: what the build reads but did not write — the hand-written pages in
content/ and the stored copy of the article — is read one safe way (clusteratlas/saferead.py), and
a quote proves what it claims (dataset/provenance.py).

The quote tests use a stored copy made here from the data (each section's opening words, then the
quotes cited under it), so they run where the real article is absent (CI); the real article's
check is tests/test_provenance.py.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clusteratlas.dataset.folding import fold
from clusteratlas.dataset.provenance import citation_places
from clusteratlas.sitebuild import buildstate
from clusteratlas.sitebuild.check import check

from .conftest import ROOT
from .helpers import replace_in

DS = check()
PRIMARY = next(s for s in DS.sources if s.kind == "primary")
SECRET = "CI_TOKEN=do-not-publish"


def cli(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a process of its own, with a deadline: a read that blocks is a failure, not a hang."""
    return subprocess.run(
        [sys.executable, "-m", "clusteratlas", "--root", str(project), *args],
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
        capture_output=True,
        text=True,
        timeout=180,
    )


def fake_article() -> str:
    """A stored copy that holds every quote of the data where the data cites it: the quotes
    without a section first, then each section's opening words and its quotes."""
    by_section: dict[str | None, list[str]] = {None: [q.zh for q in PRIMARY.summary_quote]}
    for _, _, c in citation_places(DS):
        if c.get("source") == PRIMARY.id:
            by_section.setdefault(c.get("section"), []).extend(q["zh"] for q in c.get("quote") or [])
    parts = ["。".join(dict.fromkeys(by_section[None]))]
    for s in PRIMARY.sections:
        quotes = list(dict.fromkeys(by_section.get(s.id, [])))
        # A quote that holds the opening words (a heading quoted) opens the section itself: the
        # opening words must occur once.
        opening = max((q for q in quotes if fold(s.starts) in fold(q)), key=len, default=s.starts)
        parts.append(opening + "\n" + "。".join(q for q in quotes if fold(q) not in fold(opening)))
    return "\n\n".join(parts) + "\n"


@pytest.fixture
def stored(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    path = folder / PRIMARY.stored_copy
    path.write_text(fake_article(), encoding="utf-8")
    monkeypatch.setenv("CLUSTERATLAS_SOURCES_DIR", str(folder))
    return path


def a_quote_of(section: str) -> str:
    return next(
        q["zh"]
        for _, _, c in citation_places(DS)
        if c.get("source") == PRIMARY.id and c.get("section") == section
        for q in c.get("quote") or []
    )


# --- content/ -------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["secret", "/proc/self/environ"])
def test_a_hand_written_page_linked_out_of_the_project_is_refused_and_not_published(project, tmp_path, target):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    page = project / "content" / "about.en.md"
    page.unlink()
    page.symlink_to(secret if target == "secret" else target)
    result = cli(project, "generate", env={"CI_TOKEN": "do-not-publish"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/about.en.md: is a symbolic link to" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (project / "docs" / "about.en.md").exists()
    assert "do-not-publish" not in result.stdout + result.stderr


def test_a_hand_written_page_that_is_a_fifo_is_refused_without_waiting(project):
    page = project / "content" / "about.md"
    page.unlink()
    os.mkfifo(page)
    result = cli(project, "check")
    assert result.returncode == 1
    assert "content/about.md: is not a regular file (a device, pipe or socket)" in result.stderr, result.stderr


def test_a_hand_written_page_not_in_utf8_is_refused_at_its_line(project):
    page = project / "content" / "about.en.md"
    text = page.read_bytes()
    page.write_bytes(text.replace(b"\n", b"\nCaf\xe9 au lait\n", 1))  # Latin-1, on line 2
    result = cli(project, "check")
    assert result.returncode == 1
    assert "content/about.en.md:2: not valid UTF-8 (byte 0xe9" in result.stderr, result.stderr
    assert "internal error" not in result.stderr


def test_releases_join_the_trees_whose_links_out_are_refused(project, tmp_path):
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    (project / "releases" / "notes.json").symlink_to(tmp_path / "x.json")
    result = cli(project, "check")
    assert result.returncode == 1
    assert "releases/notes.json: is a symbolic link to" in result.stderr


# --- the stored copy of the article ---------------------------------------------------------------


def test_the_made_up_stored_copy_verifies_every_quote(project, stored):
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "not verified" not in result.stderr


@pytest.mark.parametrize("altered", ["2019年⑧月", "2019年⁸月"])
def test_a_circled_or_superscript_figure_in_a_quote_is_not_the_articles_figure(project, stored, altered):
    # NFKC folding read ⑧ and ⁸ as 8 and then showed the altered words as the article's.
    replace_in(project / "data/competition.yaml", "分别于2019年8月", "分别于" + altered)
    result = cli(project, "check")
    assert result.returncode == 1
    assert "the quote is not in the stored copy of 'ccid-2021'" in result.stderr, result.stderr


def test_full_width_forms_still_match(project, stored):
    replace_in(project / "data/competition.yaml", '"2019年24家胜出"', '"２０１９年２４家胜出"')
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr


def test_a_one_character_quote_proves_nothing(project, stored):
    replace_in(project / "data/competition.yaml", '"围绕新一代信息技术、高端装备、新材料、生物医药等重点领域"', '"的"')
    result = cli(project, "check")
    assert result.returncode == 1
    assert "a quote of 1 character(s) proves nothing" in result.stderr, result.stderr


def test_a_quote_from_another_section_does_not_prove_the_cited_one(project, stored):
    other = a_quote_of("national")
    replace_in(project / "data/competition.yaml", "围绕新一代信息技术、高端装备、新材料、生物医药等重点领域", other)
    result = cli(project, "check")
    assert result.returncode == 1
    assert "is in the stored copy of 'ccid-2021', but not in its section 'competition'" in result.stderr


def test_section_opening_words_missing_from_the_stored_copy_are_named(project, stored):
    stored.write_text(stored.read_text(encoding="utf-8").replace(PRIMARY.sections[-1].starts, ""), encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 1
    assert f"the opening words of section '{PRIMARY.sections[-1].id}' are not in the stored copy" in result.stderr


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda p: (p.unlink(), os.mkfifo(p)), "is not a regular file"),
        (lambda p: (p.unlink(), p.symlink_to("/dev/zero")), "is not a regular file"),
        (lambda p: p.write_bytes("第一行\n第二行\n".encode() + b"\xb1\xb1\n"), ":3: not valid UTF-8"),
    ],
    ids=["fifo", "dev-zero", "not-utf8"],
)
def test_an_unreadable_stored_copy_is_a_located_error_not_unverified(project, stored, spoil, message):
    spoil(stored)
    result = cli(project, "check")
    assert result.returncode == 1, result.stderr
    assert str(stored) in result.stderr and message in result.stderr, result.stderr
    assert "not verified" not in result.stderr and "internal error" not in result.stderr


def test_without_the_stored_copy_generate_says_so_and_the_setting_makes_it_an_error(project, tmp_path):
    env = {"CLUSTERATLAS_SOURCES_DIR": str(tmp_path / "nowhere")}
    result = cli(project, "generate", env=env)
    assert result.returncode == 0, result.stderr
    assert "note: quotes not verified" in result.stdout + result.stderr
    result = cli(project, "generate", env={**env, "CLUSTERATLAS_REQUIRE_QUOTES": "1"})
    assert result.returncode == 1
    assert "is not there, and CLUSTERATLAS_REQUIRE_QUOTES is set" in result.stderr


def test_the_stored_copy_is_part_of_the_build_key(project, stored):
    before = buildstate.inputs_key(project, None, False)
    stored.write_text(stored.read_text(encoding="utf-8") + "又一行\n", encoding="utf-8")
    assert buildstate.inputs_key(project, None, False) != before
