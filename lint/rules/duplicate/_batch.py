"""DUP001 over a batch of pages: array operations find the few clauses that hold an anchor met
twice on its page, and only those go on to `find_repeats`.

`find_repeats` takes anchors from every clause of a page (the clause itself, a window over a
short one, grams sampled from a long one) and pairs the places where one anchor stands. Nearly
every anchor of a page stands once and pairs with nothing; building them all, one character at a
time, was most of the rule's work. Here every anchor of every page of the batch is hashed at once
(NumPy, one array of code points), and a clause is kept when it holds an anchor whose hash is met
again on its page. An anchor met twice has its hash met twice, so every clause holding one is
kept, and `find_repeats` over the kept clauses builds the same pairs in the same order: the
findings are those of the page-by-page path (tests compare both). A hash shared by two different
anchors only keeps a clause more.
"""
from __future__ import annotations

import sys
from functools import lru_cache

import numpy as np

from ._repeats import _BARRIER_BASE, _SAMPLE_EVERY, _SAMPLED_GRAM, CLAUSE_MARKS, MIN_ANCHOR, PARAGRAPH

_BASE = 0x100000001B3  # odd: it has an inverse modulo 2**64, so a hash can be moved to position 0
_LENGTH_MIX = np.uint64(0x9E3779B97F4A7C15)
_PAGE_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_BUCKET_BITS = 16  # a batch has some 15,000 anchors: a few thousand share a bucket by chance
_PAGE_BREAK = chr(_BARRIER_BASE)  # between pages: no clause, window or gram runs across it
# what each code point is to find_repeats, as bits of a table
_INSIDE = 1  # part of a clause (no punctuation, break or barrier)
_SAMPLED = 2  # ... and a gram starting with it is sampled (ord(c) % _SAMPLE_EVERY == 0)
_NO_WINDOW = 4  # a window holding it is no anchor (a paragraph break, a barrier or above)


@lru_cache(maxsize=1)
def character_table() -> np.ndarray:
    """The bits above for every code point."""
    table = np.full(sys.maxunicode + 1, _INSIDE, dtype=np.uint8)
    table[[ord(c) for c in CLAUSE_MARKS]] = 0
    table[_BARRIER_BASE:_BARRIER_BASE + 0x10000] = 0
    every_fifth = table[::_SAMPLE_EVERY]  # a view: code points 0, 5, 10...
    every_fifth[every_fifth == _INSIDE] |= _SAMPLED
    table[ord(PARAGRAPH)] |= _NO_WINDOW
    table[_BARRIER_BASE:] |= _NO_WINDOW
    return table


_powers = np.ones(1, dtype=np.uint64)
_inverses = np.ones(1, dtype=np.uint64)


def _powers_of_base(n: int) -> tuple[np.ndarray, np.ndarray]:
    """_BASE**k and its inverse, modulo 2**64, for k < n (kept and grown between batches)."""
    global _powers, _inverses
    if len(_powers) < n:
        size = max(n, 2 * len(_powers))
        _powers = np.concatenate(([np.uint64(1)], np.cumprod(np.full(size - 1, _BASE, dtype=np.uint64))))
        inverse = pow(_BASE, -1, 1 << 64)
        _inverses = np.concatenate(([np.uint64(1)], np.cumprod(np.full(size - 1, inverse, dtype=np.uint64))))
    return _powers[:n], _inverses[:n]


def clauses_to_anchor(texts: list[str]) -> list[list[tuple[int, str]]]:
    """For each text, (start, clause) of the clauses that hold an anchor of `find_repeats` whose
    hash is met again in that text, in order: `find_repeats(text, ..., clauses)` gives what it
    gives over all clauses."""
    if not texts:
        return []
    joined = _PAGE_BREAK.join(texts) + _PAGE_BREAK * (_SAMPLED_GRAM + 1)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    sizes_with_break = [len(t) + 1 for t in texts]
    page_starts = np.cumsum([0] + sizes_with_break[:-1])
    page_of = np.repeat(np.arange(len(texts), dtype=np.uint64), sizes_with_break)  # of each character

    bits = character_table()[codes]
    inside = bits & _INSIDE
    inside_before = np.concatenate(([0], np.cumsum(inside)))  # characters inside clauses before each
    # clauses: runs of characters inside
    turns = np.flatnonzero(np.diff(np.concatenate(([0], inside, [0]))))  # a clause starts, ends, starts...
    starts, ends = turns[0::2], turns[1::2]
    lengths = ends - starts

    # the anchors, as find_repeats takes them: (position, length)
    whole = lengths >= MIN_ANCHOR
    short = starts[~whole]
    unfit_before = np.concatenate(([0], np.cumsum(bits & _NO_WINDOW)))
    windows = short[unfit_before[short + _SAMPLED_GRAM] == unfit_before[short]]
    last_grams = ends[lengths > _SAMPLED_GRAM] - _SAMPLED_GRAM
    # grams sampled before their clause's last gram (an anchor of its own, not to be counted twice)
    sampled = np.flatnonzero(bits & _SAMPLED)
    sampled = sampled[inside_before[sampled + _SAMPLED_GRAM + 1] - inside_before[sampled] == _SAMPLED_GRAM + 1]
    positions = np.concatenate((starts[whole], windows, last_grams, sampled))
    sizes = np.concatenate((lengths[whole], np.full(len(positions) - whole.sum(), _SAMPLED_GRAM)))

    # a polynomial hash of each anchor, the same wherever it stands (modulo 2**64), with its
    # length and page
    powers, inverses = _powers_of_base(len(codes))
    prefix = np.concatenate(([np.uint64(0)], np.cumsum((codes + np.uint64(1)) * powers)))
    keys = (prefix[positions + sizes] - prefix[positions]) * inverses[positions] \
        + sizes.astype(np.uint64) * _LENGTH_MIX + page_of[positions] * _PAGE_MIX

    # the anchors whose key is met twice: among those whose bucket is met twice (one pass), exactly
    buckets = (keys >> np.uint64(64 - _BUCKET_BITS)).astype(np.intp)
    maybe = np.flatnonzero(np.bincount(buckets, minlength=1 << _BUCKET_BITS)[buckets] > 1)
    _, which, counts = np.unique(keys[maybe], return_inverse=True, return_counts=True)
    twice = positions[maybe[counts[which] > 1]]
    kept = np.unique(np.searchsorted(starts, twice, side="right") - 1)

    out: list[list[tuple[int, str]]] = [[] for _ in texts]
    for page, start, end in zip(page_of[starts[kept]].tolist(), starts[kept].tolist(), ends[kept].tolist()):
        base = int(page_starts[page])
        out[page].append((start - base, joined[start:end]))
    return out
