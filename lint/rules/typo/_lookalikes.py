"""Which characters look alike, and which frequent words a masked stretch of text can complete.

The word index answers "which characters X make 总X a frequent word?" in one dictionary lookup
(key 总\\0), so a page asks a few lookups per character instead of trying each look-alike."""
from __future__ import annotations

from functools import lru_cache

from lint.data import packs_dir
from lint.packed import CharMap, PackedMap, cached_table
from lint.pagecache import cached

INDEX_FLOOR = 50  # words rarer than this never make a typo finding (the floor of `min-word`)
MASK = "\0"


@lru_cache(maxsize=1)
def shape_lookalikes() -> CharMap:
    """Character -> the characters of similar shape (both directions: lists disagree on 休/体)."""
    path = packs_dir() / "words" / "lookalike-chars.tsv"
    return CharMap(cached("shape-lookalikes", [path], lambda: CharMap.pack(_symmetric_shapes(path)), 2))


def _symmetric_shapes(path) -> dict[str, str]:
    pairs: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        char, shape = line.split("\t")[:2]
        for other in shape:
            if other != char:
                pairs.setdefault(char, set()).add(other)
                pairs.setdefault(other, set()).add(char)
    return {c: "".join(sorted(s)) for c, s in pairs.items()}


@lru_cache(maxsize=1)
def masked_words() -> PackedMap:
    """'总\\0' -> the characters X (体, 结, 统 …) for which 总X is a word of the list with a
    frequency of at least INDEX_FLOOR; words of two to four Han characters. Packed: a page asks
    it a few thousand questions of its 44,000 keys."""
    source = packs_dir() / "words" / "jieba-words.tsv.gz"
    return cached_table("masked-words", [source], _mask_words, INDEX_FLOOR, 1)[0]


def _indexed_words():
    """The words of the masked index: frequency INDEX_FLOOR or more, two to four Han characters."""
    from lint.lexicon import Lexicon

    for word, freq in Lexicon.default().items():
        if freq >= INDEX_FLOOR and 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word):
            yield word


@lru_cache(maxsize=1)
def word_neighbours() -> tuple[CharMap, CharMap]:
    """(follows, precedes): the characters that follow (precede) each character inside the
    words of the masked index. A character both of whose neighbours sit beside none of its
    look-alikes in any such word has no look-alike that makes a word there: two set tests
    spare most characters the dozen lookups of the masked index."""
    source = packs_dir() / "words" / "jieba-words.tsv.gz"
    follows, precedes = cached("word-neighbours", [source], _neighbours, INDEX_FLOOR, 3)
    return CharMap(follows), CharMap(precedes)


def _neighbours():
    follows: dict[str, set[str]] = {}
    precedes: dict[str, set[str]] = {}
    for word in _indexed_words():
        for a, b in zip(word, word[1:]):
            follows.setdefault(a, set()).add(b)
            precedes.setdefault(b, set()).add(a)
    # strings (as sets, loading cost a page run 30 ms); the rule makes sets of the few it asks about
    return tuple(CharMap.pack({c: "".join(sorted(s)) for c, s in table.items()}) for table in (follows, precedes))


def _mask_words() -> dict[str, str]:
    index: dict[str, list[str]] = {}
    for word in _indexed_words():
        for k in range(len(word)):
            index.setdefault(word[:k] + MASK + word[k + 1:], []).append(word[k])
    return {key: "".join(chars) for key, chars in index.items()}
