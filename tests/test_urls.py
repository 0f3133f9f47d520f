"""Stable URLs: every URL in urls/published.txt still answers, as a page or as a redirect."""

import re
from pathlib import Path

from clusteratlas.sitebuild.urls import read_list, site_urls

from .conftest import ROOT, run_cli
from .helpers import replace_in

PUBLISHED = ROOT / "urls" / "published.txt"


def missing_urls(site: Path, urls: list[str]) -> list[str]:
    return [u for u in urls if not (site / u.lstrip("/") / "index.html").is_file()]


def test_every_published_url_still_answers(built_site):
    urls = read_list(PUBLISHED)
    assert len(urls) >= 128 and "/provinces/jiangsu/" in urls and "/en/provinces/jiangsu/" in urls
    missing = missing_urls(built_site, urls)
    assert not missing, f"published URLs the site lost (add a redirect in urls/redirects.yaml): {missing}"


def test_every_page_of_the_site_is_listed(built_site):
    new = [u for u in site_urls(built_site) if u not in read_list(PUBLISHED)]
    assert not new, f"new pages not yet in urls/published.txt — run `make urls` and commit: {new}"


def test_a_renamed_page_needs_and_gets_a_redirect(project):
    replace_in(project / "data/sectors.yaml", "id: green-food", "id: green-foods")
    replace_in(
        project / "data/policies.yaml", "green-food, other-light-industry]", "green-foods, other-light-industry]"
    )
    assert run_cli("--root", str(project), "build", "--no-offline").returncode == 0
    site = project / "site"
    assert missing_urls(site, ["/sectors/green-food/", "/en/sectors/green-food/"]) == [
        "/sectors/green-food/",
        "/en/sectors/green-food/",
    ]
    (project / "urls/redirects.yaml").write_text("sectors/green-food/: sectors/green-foods/\n", encoding="utf-8")
    assert run_cli("--root", str(project), "build", "--no-offline").returncode == 0
    assert missing_urls(site, ["/sectors/green-food/", "/en/sectors/green-food/"]) == []
    for old in ("sectors/green-food", "en/sectors/green-food"):
        page = (site / old / "index.html").read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page).group(1)
        assert (site / old / target / "index.html").resolve().is_file(), f"{old} → {target}"
        assert target.endswith(("../sectors/green-foods/", "../en/sectors/green-foods/"))
