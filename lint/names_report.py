"""`newslint names PATHS`: the name index of some pages, for an editor to review.

Each name with its count, the pages it stands in, the contexts it was found in, and its
suspected variants: one-character-different spellings of the same surname that hold the same
place in a parallel list, or whose differing characters look or sound alike. An editor copies
the right spelling (and the wrong ones) into a name list (`names:`, see rules/names.yaml).
"""
from __future__ import annotations

from collections import Counter

import yaml

from .corpus import Corpus
from .prose.name_index import NAMES, NameIndex, list_neighbours, parallel_lists
from .prose.names import surname_at
from .prose.spellings import alike


def name_rows(corpus: Corpus, min_count: int = 1) -> list[dict]:
    index: NameIndex = corpus.index_from(NAMES)
    rows = []
    for name, places in index.places.items():
        if len(places) < min_count:
            continue
        surname = surname_at(name, 0)
        variants = []
        for other in sorted(index.spellings_near(name, len(surname))):
            how = alike(name, other)
            if not how and _in_parallel_lists(index, name, other):
                how = "parallel lists"
            if how:
                variants.append({"name": other, "count": len(index.places[other]), "evidence": how})
        pages = sorted({index.pages[p.page] for p in places})
        rows.append({"name": name, "count": len(places), "pages": pages,
                     "contexts": dict(Counter(p.kind for p in places).most_common()), "variants": variants})
    rows.sort(key=lambda r: (-r["count"], r["name"]))
    return rows


def _in_parallel_lists(index: NameIndex, a: str, b: str) -> bool:
    for pa in index.places[a]:
        if pa.group < 0:
            continue
        mine, i = index.lists[(pa.page, pa.group)], pa.position
        for pb in index.in_lists_beside(b, *list_neighbours(mine, i)):  # parallel lists share a neighbour
            if (pb.page, pb.group) != (pa.page, pa.group) and \
                    parallel_lists(mine, i, index.lists[(pb.page, pb.group)], pb.position):
                return True
    return False


def format_rows(rows: list[dict], fmt: str) -> str:
    if fmt == "yaml":
        return yaml.safe_dump({"names": rows}, allow_unicode=True, sort_keys=False, width=1000)
    lines = []
    for r in rows:
        pages = ", ".join(r["pages"][:3]) + (f" (+{len(r['pages']) - 3})" if len(r["pages"]) > 3 else "")
        line = f"{r['name']}\t{r['count']}\t{pages}"
        if r["variants"]:
            line += "\tvariants: " + ", ".join(f"{v['name']} ({v['count']}, {v['evidence']})" for v in r["variants"])
        lines.append(line)
    suspects = sum(1 for r in rows if r["variants"])
    lines.append(f"{len(rows)} names, {suspects} with suspected variants")
    return "\n".join(lines) + "\n"
