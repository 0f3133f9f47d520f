"""Figures of the national clusters, computed in one place for the check, the pages and the
downloads: which lists a cluster is on (named, or through a list that contains that one: the 25 and
the 20 are in the 45), the names found per list, and the clusters a stated count covers.
"""

from __future__ import annotations


def list_chain(list_id: str, lists: dict) -> list[str]:
    """A list and every list it is part of: 'finals-2021' → ['finals-2021', 'list-2022']."""
    out = []
    while list_id is not None and list_id not in out:
        out.append(list_id)
        list_id = lists[list_id].part_of if list_id in lists else None
    return out


def lists_of(cluster, lists: dict) -> list[str]:
    """Every list a cluster is on, in the order of cluster_lists.yaml."""
    on = {x for m in cluster.lists for x in list_chain(m.list, lists)}
    return [x for x in lists if x in on]


def on_list(cluster, list_id: str, lists: dict) -> bool:
    """Whether a cluster is on a list: named on it, or on a list that is part of it (the 25 in the 45).
    (lists_of's answer without its ordering over every list: asked for every cluster by every count.)"""
    return any(list_id in list_chain(m.list, lists) for m in cluster.lists)


def counted(ds, count) -> list:
    """The clusters this site names that a stated count counts (its list, and its province, city,
    field or region; a shared cluster by the count's convention)."""
    lists = {x.id: x for x in ds.cluster_lists}
    region = {p.id: p.region for p in ds.provinces}
    out = []
    for c in ds.clusters:
        # The province first: cheaper than the lists, and most clusters are not in it.
        if count.province and (
            c.provinces != [count.province] if count.shared == "apart" else count.province not in c.provinces
        ):
            continue
        if not on_list(c, count.list, lists):
            continue
        if count.city and count.city.zh not in {x.zh for x in c.cities}:
            continue
        if count.field and field_of(c) != count.field:
            continue
        if count.region and (count.region == "key-regions" or any(region[p] != count.region for p in c.provinces)):
            continue  # the key regions' membership is not in the data: never counted
        out.append(c)
    return out


def field_of(cluster) -> str | None:
    """Its field: as a source states it, or as this site reads it from the name."""
    return cluster.field.field if cluster.field else cluster.field_read


def names_found(ds, list_id: str) -> list:
    """The clusters this site names on a list (named on it, or on a list inside it)."""
    lists = {x.id: x for x in ds.cluster_lists}
    return [c for c in ds.clusters if on_list(c, list_id, lists)]


def province_clusters(ds, province: str) -> list:
    """The clusters this site names in a province, a shared one included."""
    return [c for c in ds.clusters if province in c.provinces]


def stated_counts(ds, *, province: str | None = None, list_id: str | None = None) -> list:
    """The counts the sources state for a province (or none: the list's whole, fields, regions)."""
    return [
        n
        for n in ds.cluster_counts
        if n.province == province and (list_id is None or n.list == list_id) and (province or n.city is None)
    ]
