"""The confusions an OCR engine was seen to make: which character it printed for which, and how
often (rules/words/ocr-confusions.tsv, made by tools/ocr_confusions.py)."""
from __future__ import annotations

from functools import lru_cache

from lint.data import packs_dir
from lint.packed import CharMap
from lint.pagecache import cached

OCR_CONFUSIONS = "ocr-confusions.tsv"
RENDERED = "ocr-rendered-chars.tsv"  # how often each true character was rendered, all levels together


@lru_cache(maxsize=4)
def ocr_confusions(path=None) -> tuple[CharMap, dict[str, int], dict[str, float]]:
    """(printed -> the characters it was printed for, most often first; 'printed' + 'true' ->
    how often; 'printed' + 'true' -> the rate P(printed | true)): the confusions an OCR engine
    was seen to make (rules/words/ocr-confusions.tsv, with ocr-rendered-chars.tsv beside it)."""
    path = path or packs_dir() / "words" / OCR_CONFUSIONS
    if not path.is_file():
        return CharMap(CharMap.pack({})), {}, {}
    rendered = path.parent / RENDERED
    sources = [path, rendered] if rendered.is_file() else [path]
    packed, counts, rates = cached("ocr-confusions", sources, lambda: _read_confusions(path, rendered), 2)
    return CharMap(packed), counts, rates


def _read_confusions(path, rendered_path) -> tuple[tuple, dict[str, int], dict[str, float]]:
    seen: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        true, printed, *counts = line.split("\t")
        if len(true) == 1 and len(printed) == 1 and true != printed:
            seen[printed + true] = seen.get(printed + true, 0) + sum(int(n) for n in counts)
    rendered: dict[str, int] = {}
    if rendered_path.is_file():
        for line in rendered_path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                char, n = line.split("\t")[:2]
                rendered[char] = int(n)
    # a character missing from the rendered counts: as if rendered as often as it was misread
    rates = {pair: n / (rendered.get(pair[1], n) + 1) for pair, n in seen.items()}
    trues: dict[str, list[str]] = {}
    for pair in sorted(seen, key=lambda p: -seen[p]):
        trues.setdefault(pair[0], []).append(pair[1])
    return CharMap.pack({c: "".join(t) for c, t in trues.items()}), seen, rates
