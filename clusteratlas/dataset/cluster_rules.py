"""The rules the national clusters' data keeps (clusters.yaml and the cluster_* files), checked with
file and line by `make check`:

- every citation is of a later report (kind: secondary, so it has an address) and quotes its words;
- a cluster's name, and each other form of it, is written in one of the quotes cited for it;
- no two clusters share a name or a form of one (a duplicate, or two forms merged by mistake);
- a batch or rank fits its list; a cluster is on each list once; stated places have their sources;
- no count a source states is below the clusters this site names for it.
"""

from __future__ import annotations

from ..errors import Problem
from .cluster_figures import counted, on_list
from .folding import fold
from .provenance import citation_places

FILES = ("clusters.yaml", "cluster_lists.yaml", "cluster_counts.yaml", "cluster_fields.yaml")


def cluster_problems(ds) -> list[Problem]:
    return [*_citations(ds), *_names(ds), *_lists(ds), *_places(ds), *_fields(ds), *_counts(ds)]


def _at(ds, file: str, parts: tuple, message: str, hint: str = "") -> Problem:
    return ds.located[file].problem(parts, message, hint)


def _citations(ds) -> list[Problem]:
    kinds = {s.id: s.kind for s in ds.sources}
    out = []
    for file, parts, cite in citation_places(ds):
        if file not in FILES or cite.get("source") not in kinds:
            continue  # an unknown source is validate's to report
        if kinds[cite["source"]] != "secondary":
            out.append(
                _at(
                    ds,
                    file,
                    (*parts, "source"),
                    f"'{cite['source']}' is a {kinds[cite['source']]} source",
                    "the national clusters come from later reports: cite one (kind: secondary, with its url)",
                )
            )
        if not cite.get("quote"):
            out.append(
                _at(
                    ds,
                    file,
                    parts,
                    f"this citation of '{cite['source']}' has no quote:",
                    "add quote: [{zh: <the report's own words that state it>, en: <their translation>}]",
                )
            )
    return out


def _quotes(cites) -> list[str]:
    return [fold(q.zh, script=True) for c in cites or [] for q in c.quote]


def _record_quotes(cluster) -> list[str]:
    cites = [c for m in cluster.lists for c in m.sources]
    cites += [c for a in cluster.aliases for c in a.sources] + list(cluster.place_sources or [])
    cites += list(cluster.field.sources if cluster.field else []) + list(cluster.lead.sources if cluster.lead else [])
    cites += [c for n in cluster.notes for c in n.sources]
    return _quotes(cites)


def _names(ds) -> list[Problem]:
    out, seen = [], {}
    hint = "write the name as a cited report writes it, and quote the report's words that contain it"
    for i, c in enumerate(ds.clusters):
        forms = [((i, "name", "zh"), c.name.zh, _record_quotes(c))]
        forms += [((i, "aliases", j, "zh"), a.zh, _quotes(a.sources)) for j, a in enumerate(c.aliases)]
        for parts, form, quotes in forms:
            folded = fold(form, script=True)
            if not any(folded in q for q in quotes):
                out.append(_at(ds, "clusters.yaml", parts, f"'{form}' is not in any quote cited for it", hint))
            if folded in seen and seen[folded][0] != c.id:
                first, line = seen[folded]
                out.append(
                    _at(
                        ds,
                        "clusters.yaml",
                        parts,
                        f"'{form}' is also a name of '{first}' (line {line})",
                        "one cluster, one record: merge them, or keep the two forms apart if they are two clusters",
                    )
                )
            seen.setdefault(folded, (c.id, ds.located["clusters.yaml"].line(parts)))
    return out


def _lists(ds) -> list[Problem]:
    lists = {x.id: x for x in ds.cluster_lists}
    out = []
    for i, c in enumerate(ds.clusters):
        named = [m.list for m in c.lists]
        for j, m in enumerate(c.lists):
            where = (i, "lists", j)
            if named.index(m.list) != j:
                out.append(
                    _at(
                        ds,
                        "clusters.yaml",
                        (*where, "list"),
                        f"'{m.list}' is listed twice for this cluster",
                        "one entry per list, with every source that states it",
                    )
                )
            known = lists.get(m.list)
            if known is None:
                continue  # refs.py reports it
            if m.batch is not None and m.batch > len(known.batches):
                out.append(
                    _at(
                        ds,
                        "clusters.yaml",
                        (*where, "batch"),
                        f"batch {m.batch}, but '{m.list}' has {len(known.batches) or 'no'} batches",
                        "check the batch against the source, or leave it out",
                    )
                )
            if m.rank is not None and m.rank > known.total:
                out.append(
                    _at(
                        ds,
                        "clusters.yaml",
                        (*where, "rank"),
                        f"rank {m.rank} of a list of {known.total}",
                        "check the rank against the source",
                    )
                )
    for i, x in enumerate(ds.cluster_lists):
        if x.batches and sum(x.batches) != x.total:
            out.append(
                _at(
                    ds,
                    "cluster_lists.yaml",
                    (i, "batches"),
                    f"the batches add up to {sum(x.batches)}, but total is {x.total}",
                    "check both against the sources",
                )
            )
    return out


def _places(ds) -> list[Problem]:
    out = []
    for i, c in enumerate(ds.clusters):
        if c.place_stated and not c.place_sources:
            out.append(
                _at(
                    ds,
                    "clusters.yaml",
                    (i, "place_stated"),
                    "place_stated: true needs place_sources:",
                    "cite the report that states the provinces and cities, or set place_stated: false",
                )
            )
        if c.place_sources and not c.place_stated:
            out.append(
                _at(
                    ds,
                    "clusters.yaml",
                    (i, "place_sources"),
                    "place_sources: without place_stated: true",
                    "set place_stated: true (the page then says a source states them)",
                )
            )
    return out


def _fields(ds) -> list[Problem]:
    """A field read from the name is for a cluster on a list whose fields the sources count (the
    45), and only where no source states one."""
    lists = {x.id: x for x in ds.cluster_lists}
    counted_lists = {n.list for n in ds.cluster_counts if n.field}
    out = []
    for i, c in enumerate(ds.clusters):
        if c.field_read is None:
            continue
        if c.field is not None:
            out.append(
                _at(
                    ds,
                    "clusters.yaml",
                    (i, "field_read"),
                    "a source states its field: no reading is needed",
                    "drop field_read:",
                )
            )
        elif not any(on_list(c, x, lists) for x in counted_lists):
            out.append(
                _at(
                    ds,
                    "clusters.yaml",
                    (i, "field_read"),
                    "field_read: is for clusters on a list whose fields the sources count",
                    "the fields are those of the 45 (2022); a cluster of another list has none to read",
                )
            )
    return out


def _counts(ds) -> list[Problem]:
    out = []
    for i, n in enumerate(ds.cluster_counts):
        if n.count is not None and len(known := counted(ds, n)) > n.count:
            names = "、".join(c.name.zh for c in known)
            out.append(
                _at(
                    ds,
                    "cluster_counts.yaml",
                    (i, "count"),
                    f"the source counts {n.count}, but this site names {len(known)}: {names}",
                    "a count cannot be below the names found: check the clusters' lists in clusters.yaml, "
                    "and how this source counts a shared cluster (shared:)",
                )
            )
    return out
