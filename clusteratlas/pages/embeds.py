"""Charts others can put in their own pages: a minimal page per chart and language (the chart,
which draws its title and source, the source line again as text, the licence and a link back to
the page that shows it), and the
<iframe> snippet each chart offers beside its downloads. The page fits any frame: the chart
scales to the space above its caption; phones get the narrow drawing."""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import Markup

from ..i18n import Catalog
from ..paths import chart_path, embed_path, page_url, published, root_url
from .structured import LICENCE
from .template_envs import html_environment

EMBED_TEMPLATE = "embed.html.j2"  # in templates/; HTML, autoescaped


def embed_url(spec: dict, site_url: str | None) -> str:
    """Where a chart's embed page is published (absolute with the site's address: it is pasted
    into pages elsewhere)."""
    return root_url(spec["lang"], site_url) + published(embed_path(spec), spec["lang"])


def snippet(spec: dict, site_url: str | None) -> Markup:
    """The HTML an author pastes: every value escaped for its attribute."""
    return Markup(
        '<iframe src="{}" title="{}" width="640" height="520" style="max-width:100%;border:0" loading="lazy"></iframe>'
    ).format(embed_url(spec, site_url), spec["title"])


def embed_pages(
    specs: list[dict], shown_on: dict[str, str], cat: Catalog, templates: Path, site_url: str | None
) -> dict[str, bytes]:
    """docs-relative path → HTML of every chart's embed page. `shown_on`: chart id → the docs
    path of the page that shows it (the link back)."""
    template = html_environment(templates).get_template(EMBED_TEMPLATE)
    files = {}
    for spec in specs:
        # The page and its charts where they are published: a static page's links are not rewritten.
        lang = spec["lang"]
        here = posixpath.dirname(published(embed_path(spec), lang))
        files[embed_path(spec)] = template.render(
            lang=lang,
            title=spec["title"],
            alt=spec["alt"],
            site=cat.text("cite.site_name", lang),
            back=cat.text("chart.embed_back", lang),
            svg=posixpath.relpath(published(chart_path(spec, "svg"), lang), here),
            narrow=posixpath.relpath(published(chart_path(spec, "svg", "narrow"), lang), here),
            source=cat.text("chart.source", lang),
            licence=LICENCE,
            page_url=page_url(shown_on[spec["id"]], site_url),
        ).encode("utf-8")
    return files
