"""The confusions an OCR engine was seen to make: which character it printed for which, and how
often (rules/words/ocr-confusions.tsv, made by tools/ocr_confusions.py)."""
from __future__ import annotations

from functools import lru_cache

from lint.data import packs_dir
from lint.packed import CharMap
from lint.pagecache import cached

OCR_CONFUSIONS = "ocr-confusions.tsv"


@lru_cache(maxsize=4)
def ocr_confusions(path=None) -> tuple[CharMap, dict[str, int]]:
    """(printed -> the characters it was printed for, most often first; 'printed' + 'true' ->
    how often): the confusions an OCR engine was seen to make (rules/words/ocr-confusions.tsv)."""
    path = path or packs_dir() / "words" / OCR_CONFUSIONS
    if not path.is_file():
        return CharMap(CharMap.pack({})), {}
    packed, counts = cached("ocr-confusions", [path], lambda: _read_confusions(path), 1)
    return CharMap(packed), counts


def _read_confusions(path) -> tuple[tuple, dict[str, int]]:
    seen: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        true, printed, *counts = line.split("\t")
        if len(true) == 1 and len(printed) == 1 and true != printed:
            seen[printed + true] = seen.get(printed + true, 0) + sum(int(n) for n in counts)
    trues: dict[str, list[str]] = {}
    for pair in sorted(seen, key=lambda p: -seen[p]):
        trues.setdefault(pair[0], []).append(pair[1])
    return CharMap.pack({c: "".join(t) for c, t in trues.items()}), seen
