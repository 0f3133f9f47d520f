"""Generated Markdown: golden pages, the string catalog, escaping, write-only-what-changed."""

import json
import os
import re

import pytest
import yaml

from clusteratlas.dataset.fields import QUOTE_MAX
from clusteratlas.errors import DataError
from clusteratlas.i18n import LANGS
from clusteratlas.paths import ROOT, Paths
from clusteratlas.sitebuild.generate import generate, render_all
from clusteratlas.sitebuild.output import write_tree

from .goldens import GOLDEN_DIR, GOLDEN_PAGES, golden_environment, golden_name
from .helpers import HAND_WRITTEN_PAGES, replace_in


@pytest.fixture(scope="module")
def pages():
    """The generated Markdown pages (charts' SVG and CSV files left out), dated and addressed as
    the goldens are (the citation block carries the build date and the site's address)."""
    with golden_environment():
        return {
            k: v.decode()
            for k, v in render_all(log=lambda *_: None).items()
            if k.endswith(".md") and k not in HAND_WRITTEN_PAGES
        }


def body(markdown_text: str) -> str:
    """The Markdown MkDocs renders: the front matter (page.meta) split off as MkDocs does."""
    from mkdocs.utils.meta import get_data

    return get_data(markdown_text)[0]


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden(page, pages):
    expected = (GOLDEN_DIR / golden_name(page)).read_text(encoding="utf-8")
    assert pages[page] == expected, (
        f"{page} differs from tests/golden; if intended, run `make goldens` and review the diff"
    )


def test_every_ui_string_has_both_languages():
    catalog = yaml.safe_load((ROOT / "templates/strings.yaml").read_text(encoding="utf-8"))
    for key, value in catalog.items():
        assert set(value) == set(LANGS), f"{key}: has {sorted(value)}"
        # An empty string is allowed only where the language needs no text at all (e.g. zh for
        # notes on English titles); the other language must then have one.
        assert any(value[lang] for lang in LANGS), f"{key}: empty in both languages"


def test_every_ui_string_is_used():
    catalog = yaml.safe_load((ROOT / "templates/strings.yaml").read_text(encoding="utf-8"))
    code = "".join(
        p.read_text(encoding="utf-8")
        for p in [
            *(ROOT / "templates").rglob("*.j2"),
            *(ROOT / "clusteratlas").rglob("*.py"),
            *(ROOT / "overrides").rglob("*.html"),
        ]
    )

    # Keys looked up with a computed suffix, e.g. t(f"kind.{p.kind}") or t("date.month").
    def used(key):
        prefix = key.split(".")[0]
        return f'"{key}"' in code or f"'{key}'" in code or f'f"{prefix}.{{' in code

    unused = [k for k in catalog if not used(k)]
    assert not unused, f"unused UI strings: {unused}"


def test_each_page_has_both_languages_and_no_template_residue(pages):
    zh = {p for p in pages if not p.endswith(".en.md")}
    en = {p.replace(".en.md", ".md") for p in pages if p.endswith(".en.md")}
    assert zh == en
    for path, text in pages.items():
        # The citation block ends every page (its BibTeX has braces of its own); the rest is the template's.
        page, cite = text.rsplit("\n\n## ", 1)
        assert "{ #cite .ca-cite }" in cite, f"{path}: no citation block at the end"
        assert "{{" not in page and "{%" not in page, path
        text = body(text)
        assert text.startswith("# ") and len(text.splitlines()[0]) > 3, f"{path}: no title"
        assert "None" not in text, f"{path}: a missing value rendered as None"


def _chinese_from_data():
    """Every Chinese string in data/: English pages may quote these (original titles, slogans)."""
    out = set()

    def walk(v, key=None):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, k)
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, str) and CJK.search(v):
            out.add(v)
            out.add(v.translate(str.maketrans("“”", "‘’")))  # as quoted inside a quotation (footnotes)
            out.update(CJK_RUN.findall(v))  # phrases quoted inside English text, e.g. (信息光电子)

    for f in (ROOT / "data").glob("*.yaml"):
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    # /changes/ shows the old values of the kept releases too.
    for f in (ROOT / "releases").glob("*/data/*.json"):
        walk(json.loads(f.read_text(encoding="utf-8")))
    return sorted(out, key=len, reverse=True)


CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_RUN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\w+:：、，《》“”]*")


def test_english_pages_have_no_chinese_except_quoted_data(pages):
    # Chinese on an English page is only ever a quoted original (a title, a slogan, a term);
    # any other Chinese character is an untranslated UI string or a mixed-up language.
    quoted = _chinese_from_data()
    for path, text in pages.items():
        if path.endswith(".en.md"):
            for q in quoted:
                text = text.replace(q, "")
            # The data page previews the files' first rows as they are (name_zh holds Chinese).
            text = re.sub(r"^    \| `[a-z0-9_]+` \|.*$", "", text, flags=re.M) if path == "data.en.md" else text
            leftover = CJK_RUN.findall(text)
            assert not leftover, f"{path}: Chinese text not from data: {leftover}"


PAYLOAD = "PAYLOAD *b* _i_ [x](javascript:alert(1)) ![i](x.png) [^1] `c` &lt;script&gt; ~s~ \\ (a)"


def _poison(value, payload=PAYLOAD):
    """Every text of the data (both languages, slogans) replaced by a payload that the schema allows
    (quotes are short: the payload cut to a quote's length)."""
    if isinstance(value, dict):
        out = {
            k: (
                payload + k
                if k in ("zh", "en") and isinstance(v, str)
                else _poison(v, PAYLOAD[: QUOTE_MAX - 2] if k in ("quote", "summary_quote") else payload)
            )
            for k, v in value.items()
        }
        # The record's figures stay in its quotes, as make check wants (winners: 24 beside "24家").
        figures = [v for v in value.values() if isinstance(v, int) and not isinstance(v, bool)]
        figures += [x for v in value.values() if isinstance(v, dict) for x in v.values() if isinstance(x, int)]
        cites = out.get("sources")
        if figures and isinstance(cites, list) and cites and isinstance(cites[0], dict):
            cites[0]["quote"] = [
                *cites[0].get("quote", []),
                {"zh": "共计" + "、".join(map(str, figures)) + "个", "en": payload},
            ]
        return out
    if isinstance(value, list):
        return [_poison(v, payload) for v in value]
    return value


def _poison_cluster(cluster: dict, i: int) -> dict:
    """A poisoned cluster that still keeps the clusters' rules: its names distinct, each in a quote."""
    short = PAYLOAD[: QUOTE_MAX - 8]
    cluster["name"]["zh"] = f"{short}n{i}"
    for c in (c for m in cluster["lists"] for c in m["sources"]):
        c["quote"] = [{"zh": f"{short}n{i}", "en": PAYLOAD}]
    for j, a in enumerate(cluster.get("aliases", [])):
        a["zh"] = f"{short}a{i}.{j}"
        for c in a["sources"]:
            c["quote"] = [{"zh": a["zh"], "en": PAYLOAD}]
    for k, city in enumerate(cluster.get("cities", [])):
        city["zh"] += f"{i}.{k}"
    return cluster


def test_text_from_data_renders_as_text_in_every_field(project, tmp_path, monkeypatch):
    import markdown

    # The payload replaces every quote too; this test is about rendering, not provenance.
    monkeypatch.setenv("CLUSTERATLAS_SOURCES_DIR", str(tmp_path / "no-stored-sources"))
    for f in (project / "data").glob("*.yaml"):
        data = _poison(yaml.safe_load(f.read_text(encoding="utf-8")))
        if f.name == "clusters.yaml":
            data = [_poison_cluster(c, i) for i, c in enumerate(data)]
        if f.name == "cluster_counts.yaml":
            for i, n in enumerate(data):
                if "city" in n:
                    n["city"]["zh"] += f"{i}"  # a city that names no cluster: no count is below its names
                # Its count in its quote, as make check wants (the payload replaced the words).
                n["sources"][0]["quote"] = [{"zh": f"共计{n['count']}个", "en": PAYLOAD}]
        if f.name == "policies.yaml":
            for p in data:
                p["slogans"] = [PAYLOAD + "slogan" for _ in p.get("slogans", [])]
        f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files = render_all(Paths(project), log=lambda *_: None)
    md = markdown.Markdown(
        extensions=["tables", "footnotes", "attr_list", "md_in_html", "admonition", "pymdownx.details"]
    )
    for path, data in files.items():
        if not path.endswith(".md"):
            continue
        html = md.reset().convert(body(data.decode()))
        assert 'href="javascript' not in html and "<script" not in html and 'src="x.png"' not in html, path
        assert "<code>c</code>" not in html and "<em>i</em>" not in html and "<em>b</em>" not in html, path
        if PAYLOAD.split()[0] in data.decode():
            assert "*b*" in html, f"{path}: the payload must show as typed"
            if "&lt;script" in data.decode():  # the data page's table previews shorten long values
                assert "&amp;lt;script&amp;gt;" in html, f"{path}: the payload must show as typed"
    # Charts carry the text too, as plain SVG paths and CSV cells, never as markup.
    csv = next(v for k, v in files.items() if k.endswith("sectors-bars.en.csv")).decode("utf-8-sig")
    assert PAYLOAD in csv


def test_html_in_data_is_refused(project):
    replace_in(
        project / "data/measures.yaml",
        "en: Strengthen collaborative innovation in clusters",
        "en: '<script>x</script>'",
    )
    with pytest.raises(DataError, match="contains HTML or a script tag"):
        render_all(Paths(project), log=lambda *_: None)


def test_unchanged_data_writes_nothing(project):
    first = generate(Paths(project), log=lambda *_: None)
    pages = [p for p in first.written if p.endswith(".md")]
    clusters = len(yaml.safe_load((project / "data/clusters.yaml").read_text(encoding="utf-8")))
    # home, 5 section indexes, 31 + 11 + 10 + 5 + one per national cluster entity pages, compare,
    # sources, glossary, data, changes, about — in both languages
    assert len(pages) == 2 * (1 + 5 + 31 + 11 + 10 + 5 + clusters + 1 + 1 + 1 + 1 + 1 + 1) and not first.removed
    again = generate(Paths(project), log=lambda *_: None)
    assert again.written == [] and again.unchanged == len(first.written) and again.charts_rendered == 0


def test_stale_generated_pages_are_removed(project):
    generate(Paths(project), log=lambda *_: None)
    stale = project / "docs/provinces/old-id.md"
    stale.write_text("# stale\n")
    report = generate(Paths(project), log=lambda *_: None)
    assert report.removed == ["provinces/old-id.md"] and not stale.exists()
    assert (project / "content/about.md").exists(), "hand-written pages are never touched"
    assert (project / "docs/assets/extra.css").exists(), "hand-written files in docs/ are never touched"


def test_write_tree_only_writes_changed_bytes(tmp_path):
    write_tree(tmp_path, {"a/x.md": b"1", "a/y.md": b"2"}, ["a"], [])
    mtime = (tmp_path / "a/x.md").stat().st_mtime_ns
    report = write_tree(tmp_path, {"a/x.md": b"1", "a/y.md": b"3"}, ["a"], [])
    assert report.written == ["a/y.md"] and (tmp_path / "a/x.md").stat().st_mtime_ns == mtime


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_stop_while_a_file_is_written_stays_a_stop_and_leaves_no_scratch(tmp_path, monkeypatch, when):
    """Ctrl-C or SIGTERM (its handler raises SystemExit) can land just before or just after the
    rename of a written file: it stops the generator as asked, with no scratch file left. A stop
    after the rename once became a FileNotFoundError traceback (exit 1 instead of 143)."""
    import clusteratlas.sitebuild.output as output

    real = os.replace

    def replace(src, dst):
        if when == "after":
            real(src, dst)
        raise SystemExit(143)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(SystemExit) as stop:
        write_tree(tmp_path, {"a/x.md": b"new"}, ["a"], [])
    assert stop.value.code == 143
    assert [p.name for p in (tmp_path / "a").iterdir()] == (["x.md"] if when == "after" else [])


def test_a_source_named_like_another_sources_section_keeps_its_own_footnote(project):
    """'ccid-2021-competition' (a source) and 'ccid-2021' + section 'competition' once shared the
    label [^ccid-2021-competition]: the second footnote vanished. Labels now cannot collide."""
    (project / "data/sources.yaml").write_text(
        (project / "data/sources.yaml").read_text(encoding="utf-8")
        + """
- id: ccid-2021-competition
  kind: secondary
  title: {zh: 另一篇报道, en: Another report}
  title_en_official: false
  publisher: {zh: 某报, en: Some paper}
  url: https://example.org/report
""",
        encoding="utf-8",
    )
    replace_in(
        project / "data/sectors.yaml",
        "  sources:\n    - source: ccid-2021\n",
        "  sources:\n    - source: ccid-2021-competition\n    - source: ccid-2021\n",
    )
    page = render_all(Paths(project), log=lambda *_: None)["sectors/electronic-information.en.md"].decode()
    definitions = re.findall(r"^\[\^([^\]]+)\]: (.*)$", page, re.M)
    labels = [label for label, _ in definitions]
    assert len(labels) == len(set(labels)) >= 2, labels
    assert any("Another report" in text for _, text in definitions), definitions
    assert any("CCID Media" in text for _, text in definitions), definitions


def test_every_page_has_its_own_meta_description_from_its_lead(pages):
    from mkdocs.utils.meta import get_data

    descriptions = {path: get_data(text)[1].get("description") for path, text in pages.items()}
    assert all(descriptions.values()), [p for p, d in descriptions.items() if not d]
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"
    jiangsu = descriptions["provinces/jiangsu.en.md"]
    # A province page leads with its national clusters, as many as this site has names for.
    named = sum("jiangsu" in c["provinces"] for c in yaml.safe_load((ROOT / "data/clusters.yaml").read_text("utf-8")))
    assert jiangsu.startswith(f"Later reports name {named} national advanced manufacturing clusters in Jiangsu")
    assert "[^" not in jiangsu
    import html

    assert len(html.unescape(jiangsu)) <= 160  # stored HTML-escaped: Material writes it into an attribute as is
    assert descriptions["provinces/jiangsu.md"].startswith(f"后来的报道点名了江苏的{named}个国家先进制造业集群")


@pytest.mark.parametrize(
    "text", [r"Q&A on R_D *and* [x] \ ~ ^", "- a list?", "1. not a list", "?", "&amp; typed", "#1 {x} |y|"]
)
def test_plain_undoes_escape_exactly_once(text):
    from clusteratlas.markdown import escape, plain

    assert plain(escape(text)) == text


def test_many_references_to_one_note_stay_linear(project):
    """Python-Markdown's back links are quadratic in the references to one note (4,000 glossary
    terms citing one source took 9 s for the page). Past 20 references a note is linked plainly,
    with the same number; the note itself is written once."""
    import markdown

    from clusteratlas.pages.notes import REF_MAX

    terms = "".join(
        f"- id: term-{i}\n  zh: 术语{i}\n  en: term {i}\n  sources: [{{source: cedn-2021-jiangsu-six}}]\n"
        for i in range(300)
    )
    glossary = project / "data/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + terms, encoding="utf-8")
    page = render_all(Paths(project), log=lambda *_: None)["glossary.en.md"].decode()
    label = "cedn-2021-jiangsu-six"
    assert page.count(f"[^{label}]") == REF_MAX + 1  # the references, and the definition
    html = markdown.markdown(page, extensions=["tables", "footnotes", "attr_list", "md_in_html"])
    numbers = set(re.findall(rf'<a class="footnote-ref" href="#fn:{label}"[^>]*>(\d+)</a>', html))
    assert len(numbers) == 1, numbers  # one number, however it is linked
    assert len(re.findall(rf'href="#fn:{label}"', html)) == 300
