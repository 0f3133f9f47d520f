"""Provenance a reader can check: every citation of the article quotes its words, exactly; every
other report names its address; the pages show both; no Chinese page copies the article."""

import re
import unicodedata

import pytest

from clusteratlas.dataset.folding import fold
from clusteratlas.dataset.provenance import citation_places, provenance
from clusteratlas.paths import ROOT
from clusteratlas.sitebuild.check import check
from clusteratlas.sitebuild.generate import render_all
from tests.conftest import SOURCES_DIR, run_cli

ARTICLE = SOURCES_DIR / "ccid-2021-07-02-advanced-manufacturing-clusters.txt"
needs_article = pytest.mark.skipif(
    not ARTICLE.is_file(),
    reason=(
        f"the stored article is not at {ARTICLE} (it lives in the shared sources folder beside the "
        "checkout, not in the repository); quotes cannot be checked without it"
    ),
)
DS = check()


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {k: v.decode() for k, v in render_all(log=lambda *_: None).items() if k.endswith(".md")}


def test_every_citation_of_the_article_carries_a_quote():
    primary = {s.id for s in DS.sources if s.kind == "primary"}
    missing = [
        f"data/{f}:{DS.located[f].line(parts)}"
        for f, parts, c in citation_places(DS)
        if c["source"] in primary and not c.get("quote")
    ]
    assert not missing, "citations of the article without a quote:\n" + "\n".join(missing)


@needs_article
def test_every_quote_is_found_verbatim_in_the_article():
    checked = provenance(DS, ROOT)
    assert checked.unverified == [], checked.unverified
    assert checked.problems == []
    text = fold(ARTICLE.read_text(encoding="utf-8"))
    primary = {s.id for s in DS.sources if s.kind == "primary"}
    quotes = [q["zh"] for _, _, c in citation_places(DS) if c.get("source") in primary for q in c.get("quote") or []]
    assert len(quotes) > 60 and all(fold(q) in text for q in quotes)


@needs_article
def test_a_misquote_is_refused_with_its_line_and_the_closest_passage(project):
    path = project / "data" / "sectors.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"高端装备（9个）"', '"高端装配（9个）"', 1), encoding="utf-8")
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "高端装配（9个）" in x)
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert f"data/sectors.yaml:{line}:" in result.stderr
    assert "the quote is not in the stored copy of 'ccid-2021'" in result.stderr
    assert "closest passage is “高端装备(9个)" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_the_stored_article_check_says_quotes_went_unverified(project, tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTERATLAS_SOURCES_DIR", str(tmp_path / "nowhere"))
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 0, result.stderr
    assert "note: quotes not verified" in result.stderr and "nowhere" in result.stderr


def test_every_other_report_has_an_address_and_shows_it(pages):
    secondary = [s for s in DS.sources if s.kind == "secondary"]
    assert secondary and all(s.url for s in secondary)
    shown = "\n".join(pages.values())
    for s in secondary:
        assert f"<{s.url}>" in shown, f"{s.id}: its address is on no page"


def test_footnotes_show_the_articles_words_and_on_english_pages_the_translation(pages):
    zh, en = pages["provinces/jiangsu.md"], pages["provinces/jiangsu.en.md"]
    assert "原文：“江苏省人民政府在全国率先出台《关于加快培育先进制造业集群的指导意见》”" in zh
    assert "“已配套各类政策文件51个”" in zh
    assert (
        "The article's words: “江苏省人民政府在全国率先出台《关于加快培育先进制造业集群的指导意见》”"
        '<span class="ca-tr"> (this site\'s translation: “' in en
    )
    assert (
        '“已配套各类政策文件51个”<span class="ca-tr"> (this site\'s translation: '
        "“51 supporting policy documents of all kinds have been issued”)</span>" in en
    )
    assert "ca-tr" not in zh and "translation" not in zh


def test_the_sources_page_lists_every_source_with_its_address(pages):
    # The list is generated from data/sources.yaml; About points to it instead of keeping a copy.
    zh = " ".join(pages["sources.md"].split())
    en = " ".join(pages["sources.en.md"].split())
    for s in DS.sources:
        assert s.title.zh in zh, f"{s.id} is not on /sources/ (zh)"
        assert s.title.en in en, f"{s.id} is not on /en/sources/"
        assert f'<span id="{s.id}"></span>' in zh and f'<span id="{s.id}"></span>' in en, f"{s.id}: no anchor"
        if s.url:
            assert f"<{s.url}>" in zh and f"<{s.url}>" in en, f"{s.id}: its address is not on /sources/"
    about_zh = (ROOT / "content/about.md").read_text(encoding="utf-8")
    about_en = (ROOT / "content/about.en.md").read_text(encoding="utf-8")
    assert "](sources.md)" in about_zh and "](sources.en.md)" in about_en, "About does not link to /sources/"
    # About's promises: no "every fact comes from the article"; the quotes it promises are checked above.
    assert "本站事实均出自以下文章" not in about_zh and "Every fact on the site comes from" not in about_en


def _unquoted(text: str) -> str:
    """The page's text outside “quotations” and 《titles》 (innermost first, so nesting works)."""
    text = unicodedata.normalize("NFKC", text)
    for pattern in (r"“[^“”]*”", r"‘[^‘’]*’", r"《[^《》]*》"):
        while re.search(pattern, text):
            text = re.sub(pattern, "|", text)
    return re.sub(r"《[^》|\n]*", "|", text)  # a title cut short in a table preview


@needs_article
def test_no_chinese_page_carries_30_characters_of_the_article_outside_quotation_marks(pages):
    article = fold(ARTICLE.read_text(encoding="utf-8"))
    runs = {article[i : i + 30] for i in range(len(article) - 29)}
    found = []
    for path, text in pages.items():
        if path.endswith(".en.md"):
            continue
        body = fold(_unquoted(text))
        hits = {body[i : i + 30] for i in range(len(body) - 29)} & runs
        if hits:
            found.append(f"{path}: {sorted(hits)[0]}")
    assert not found, "verbatim runs of 30+ characters outside quotation marks:\n" + "\n".join(found)
