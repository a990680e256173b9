"""TYP001 over a batch of pages: array operations rule out nearly every character, and only the
sites that could yield a finding go on to the rule's own per-site code.

Nearly all of TYP001's work on a page rules characters out. Here the same decisions are made for
all pages of a batch at once, on one array of code points (NumPy):

1. each Han run's most probable split into words (the word list in an open-addressing hash
   table; the dynamic programme run over all runs together, one step per distance from a run's
   end, with the scalar code's arithmetic and tie rule), which gives the characters standing
   alone, exactly as `Lexicon.single_positions`;
2. for each such character, its look-alikes, kept where one sits beside a neighbour inside some
   frequent word (a hashed bit table: a false positive only costs a lookup);
3. the words each look-alike makes with its neighbours, on the conditions `_words_made` sets;
4. an upper bound on the gain of each change: a change turns one stretch s[a:b] (at most four
   characters, holding the suspect) into one token, so the best split of the window gains at most
   that token's log-probability less the best split of s[a:b]. A site is kept if some look-alike's
   bound reaches the least gain that look-alike could need.

Every step keeps a superset of the sites that the per-site code would report, so the findings
are those of the scalar path by construction (tests compare both on real and damaged pages).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from lint.data import packs_dir

from ._lookalikes import INDEX_FLOOR

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF  # the Han runs TYP001 reads: [\u4e00-\u9fff]{2,}
BITS = 15  # a Han character's value (1 .. 20,992) in a word key: four fit in 60 bits
MAX_WORD = 4  # TYP001's SPLIT_WORD: the longest word of the splits and of the masked index
TABLE_BITS = 20  # slots of the word table: 2**20 for its 466,000 words and stems, under half full
PAIR_BITS = 24  # the hashed bit table of neighbours inside frequent words (2 MB)
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
GOLDEN32 = np.uint32(0x9E3779B1)
SLACK = 1e-6  # the bound's margin for rounding: its sums are added in another order
LONG_RUN = 40  # characters: a longer run (one in a thousand) is split by the scalar code
FORMAT = 2  # of the cached arrays of the look-alikes


def han_values(text: str) -> np.ndarray:
    """Each character's value: 1 .. 20,992 for a Han character of the runs' range, else 0."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    han = (cp >= HAN_FIRST) & (cp <= HAN_LAST)
    return np.where(han, cp - (HAN_FIRST - 1), 0).astype(np.uint64)


def value_of(char: str) -> int:
    return ord(char) - (HAN_FIRST - 1)


class WordTable:
    """Word (one to four Han characters, frequency > 0) -> log-probability, as TYP001's splits
    compute it (math.log(f) - log(total)); absent words give -inf. The table also holds the
    first two and three characters of longer words (stems, log-probability -inf unless a word
    too): a position whose two characters start no longer word needs no longer lookup."""

    def __init__(self, keys: np.ndarray, logp: np.ndarray, stem: np.ndarray, single: np.ndarray, log_total: float):
        self.keys, self.logp, self.stem, self.single, self.log_total = keys, logp, stem, single, log_total
        self.mask = np.uint64(len(keys) - 1)
        self.shift = np.uint64(64 - (len(keys).bit_length() - 1))

    def slots(self, keys: np.ndarray) -> np.ndarray:
        """Each key's slot, or -1 (absent; a key 0 is no key)."""
        out = np.full(len(keys), -1, dtype=np.int64)
        pending = np.flatnonzero(keys)
        slot = (keys[pending] * GOLDEN) >> self.shift
        while pending.size:
            held = self.keys[slot]
            hit = held == keys[pending]
            out[pending[hit]] = slot[hit]
            going = ~hit & (held != 0)
            pending, slot = pending[going], (slot[going] + np.uint64(1)) & self.mask
        return out

    def lookup_where(self, keys: np.ndarray, asked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(log-probability, is a stem) of each key where `asked`, else (-inf, False)."""
        at = np.flatnonzero(asked & (keys > 0))
        slot = self.slots(keys[at])
        found = slot >= 0
        at, slot = at[found], slot[found]
        logp, stem = np.full(len(keys), -np.inf), np.zeros(len(keys), dtype=bool)
        logp[at], stem[at] = self.logp[slot], self.stem[slot]
        return logp, stem


@lru_cache(maxsize=1)
def word_table() -> WordTable:
    from lint.arrays import cached_arrays
    from lint.lexicon import Lexicon

    lex = Lexicon.default()
    t = cached_arrays("typo-word-table", [_word_list()], lambda: _build_word_table(lex), TABLE_BITS, BITS)
    return WordTable(t["keys"], t["logp"], t["stem"], t["single"], lex.log_total)


def _word_list():
    return packs_dir() / "words" / "jieba-words.tsv.gz"


def _build_word_table(lex) -> dict[str, np.ndarray]:
    log, log_total = math.log, lex.log_total
    words = {w: log(f) - log_total for w, f in lex.items()  # the scalar code's values
             if f and 1 <= len(w) <= MAX_WORD and all(HAN_FIRST <= ord(c) <= HAN_LAST for c in w)}
    single = np.full(HAN_LAST - HAN_FIRST + 2, -log_total)  # an unknown character: 0.0 - log(total)
    for w, lp in words.items():
        if len(w) == 1:
            single[value_of(w)] = lp
    stems = {w[:k] for w in words for k in (2, 3) if len(w) > k}
    entries = sorted({w for w in words if len(w) > 1} | stems)
    keys = np.array([_key(w) for w in entries], dtype=np.uint64)
    logp = np.array([words.get(w, -np.inf) for w in entries], dtype=np.float64)
    stem = np.array([w in stems for w in entries], dtype=bool)
    size = 1 << TABLE_BITS
    table_keys, table_logp = np.zeros(size, dtype=np.uint64), np.full(size, -np.inf)
    table_stem = np.zeros(size, dtype=bool)
    slot = (keys * GOLDEN) >> np.uint64(64 - TABLE_BITS)
    todo = np.arange(len(keys))
    while todo.size:  # each round, every free slot asked for takes the first key asking
        free = table_keys[slot[todo]] == 0
        asking = todo[free]
        _, first = np.unique(slot[asking], return_index=True)
        placed = asking[first]
        table_keys[slot[placed]], table_logp[slot[placed]], table_stem[slot[placed]] = \
            keys[placed], logp[placed], stem[placed]
        todo = np.setdiff1d(todo, placed, assume_unique=True)
        slot[todo] = (slot[todo] + np.uint64(1)) & np.uint64(size - 1)
    return {"keys": table_keys, "logp": table_logp, "stem": table_stem, "single": single}


def _key(word: str) -> int:
    key = 0
    for k, c in enumerate(word):
        key |= value_of(c) << (BITS * k)
    return key


def _pair_slot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each pair's slot in a bit table (30-bit keys hashed in 32-bit arithmetic: half the memory
    traffic of 64)."""
    key = (a.astype(np.uint32) << np.uint32(BITS)) | b.astype(np.uint32)
    return (key * GOLDEN32) >> np.uint32(32 - PAIR_BITS)


def neighbour_pairs() -> tuple[np.ndarray, np.ndarray]:
    """(first, second): the pairs of characters side by side inside a word of the masked index
    (frequency at least 50, two to four Han characters), as values."""
    from ._lookalikes import _indexed_words

    pairs = sorted({(value_of(a), value_of(b)) for w in _indexed_words() for a, b in zip(w, w[1:])})
    first, second = zip(*pairs)
    return np.array(first, dtype=np.uint64), np.array(second, dtype=np.uint64)


def pair_bits(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A hashed bit table of the pairs (first[k], second[k]): a set bit may be another pair's."""
    bits = np.zeros(1 << PAIR_BITS, dtype=bool)
    bits[_pair_slot(first, second)] = True
    return np.packbits(bits, bitorder="little")


def _has_pair(bits: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    slot = _pair_slot(a, b)
    return (bits[slot >> np.uint32(3)] >> (slot & np.uint32(7)).astype(np.uint8)) & 1 == 1


def lookalike_arrays(looks, needed_gain, min_gain: float, settings: tuple, sources: list) -> LookalikeArrays:
    """The arrays of one TYP001 configuration (its options `settings` and the data files
    `sources` it reads decide them), built once and then mapped from the cache folder."""
    from lint.arrays import cached_arrays
    from lint.prose.names import common_surnames

    def build() -> dict[str, np.ndarray]:
        return _build_lookalike_arrays(looks, needed_gain, min_gain, common_surnames())

    return LookalikeArrays(cached_arrays("typo-lookalikes", [_word_list(), *sources], build, settings, BITS, PAIR_BITS,
                                         FORMAT))


class LookalikeArrays:
    """One TYP001 configuration's look-alikes and the gains they need, as arrays:
    - starts, values: the look-alikes of each character value (values[starts[v]:starts[v + 1]]);
    - adjacent: bits of the pairs side by side inside a word of the masked index;
    - left_ok, right_ok: bits of the pairs (left, c) where a look-alike of c follows `left` inside
      such a word, and (c, right) where one precedes `right`: a site neither of whose neighbours
      has such a pair makes no word;
    - lowered_keys, lowered_gain: the changes (printed << BITS | true) that need less than
      min_gain, and what they need; surname: the single-character common surnames."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.starts, self.values = arrays["starts"], arrays["values"]
        self.adjacent, self.left_ok, self.right_ok = arrays["adjacent"], arrays["left_ok"], arrays["right_ok"]
        self.lowered_keys, self.lowered_gain = arrays["lowered_keys"], arrays["lowered_gain"]
        self.surname, self.min_gain = arrays["surname"], float(arrays["min_gain"][0])

    def needed(self, printed: np.ndarray, true: np.ndarray) -> np.ndarray:
        keys = (printed << np.uint64(BITS)) | true
        out = np.full(len(keys), self.min_gain)
        if len(self.lowered_keys):
            at = np.minimum(np.searchsorted(self.lowered_keys, keys), len(self.lowered_keys) - 1)
            found = self.lowered_keys[at] == keys
            out[found] = self.lowered_gain[at[found]]
        return out


def _build_lookalike_arrays(looks, needed_gain, min_gain: float, surnames) -> dict[str, np.ndarray]:
    size = HAN_LAST - HAN_FIRST + 2
    lists = [[value_of(o) for o in (looks.get(chr(HAN_FIRST - 1 + v)) or "") if HAN_FIRST <= ord(o) <= HAN_LAST]
             for v in range(size)]
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=starts[1:])
    values = np.array([o for x in lists for o in x], dtype=np.uint32)
    lowered = {}
    for v, x in enumerate(lists):
        for o in x:
            need = needed_gain(chr(HAN_FIRST - 1 + v), chr(HAN_FIRST - 1 + o))
            if need != min_gain:
                lowered[(v << BITS) | o] = need
    first, second = neighbour_pairs()
    alike_of = np.repeat(np.arange(size, dtype=np.uint32), np.diff(starts))  # values[k] is a look-alike of this
    by_alike = np.argsort(values, kind="stable")
    alike_starts = np.searchsorted(values[by_alike], np.arange(size + 1))
    printed_for = alike_of[by_alike]  # grouped by look-alike: the characters it is a look-alike of

    def composed(alike: np.ndarray, other: np.ndarray, alike_first: bool) -> np.ndarray:
        a = alike.astype(np.int64)
        count = alike_starts[a + 1] - alike_starts[a]
        printed = printed_for[_ranges(alike_starts[a], count)]
        other = np.repeat(other, count)
        return pair_bits(printed, other) if alike_first else pair_bits(other, printed)

    surname = np.zeros(size, dtype=bool)
    surname[[value_of(s) for s in surnames if len(s) == 1 and HAN_FIRST <= ord(s) <= HAN_LAST]] = True
    return {"starts": starts, "values": values, "adjacent": pair_bits(first, second),
            "left_ok": composed(second, first, alike_first=False), "right_ok": composed(first, second, alike_first=True),
            "lowered_keys": np.array(sorted(lowered), dtype=np.uint64),
            "lowered_gain": np.array([lowered[k] for k in sorted(lowered)], dtype=np.float64),
            "surname": surname, "min_gain": np.array([min_gain])}


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices starts[k] .. starts[k] + counts[k] - 1 of every k, one after another."""
    offset = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + offset


class Batch:
    """The Han runs of a batch of texts as arrays, with the words at each position and each
    run's most probable split."""

    def __init__(self, texts: list[str], table: WordTable):
        self.table = table
        self.starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) + 1 for t in texts], out=self.starts[1:])
        v = np.zeros(int(self.starts[-1]) + MAX_WORD, dtype=np.uint64)  # a 0 after each text and at the end
        for k, text in enumerate(texts):
            v[self.starts[k]:self.starts[k] + len(text)] = han_values(text)
        # runs of two or more: a lone Han character is in no run
        v[(v > 0) & np.concatenate(([True], v[:-1] == 0)) & np.concatenate((v[1:] == 0, [True]))] = 0
        self.v = v
        self.joined = "\0".join(texts)  # the texts at the positions of v
        self.han = han = np.flatnonzero(v)  # the positions in runs; arrays below are indexed like it
        first = np.concatenate(([True], np.diff(han) > 1))
        run = np.cumsum(first) - 1
        self.run_start = han[first][run]
        self.run_end = np.append(han[np.flatnonzero(first)[1:] - 1], han[-1:])[run] + 1
        self.at = np.full(len(v) + 1, -1, dtype=np.int64)  # position -> index into han
        self.at[han] = np.arange(len(han))
        if han.size:
            self._words()

    def _words(self) -> None:
        """The key, log-probability (-inf: no word) and stem flag of the stretch of each length
        starting at each position; a longer stretch is looked up only where the shorter is a stem."""
        v, han, n = self.v, self.han, len(self.v)
        self.key = key = [None, v[han]]
        self.logp = logp = [None, self.table.single[v[han].astype(np.int64)]]
        self.stem = stem = [np.ones(len(han), dtype=bool)] * 2  # the k characters from here start a longer word
        for length in range(2, MAX_WORD + 1):
            nxt = v[np.minimum(han + length - 1, n - 1)]
            key.append(np.where((nxt > 0) & (han + length <= self.run_end),
                                key[-1] | (nxt << np.uint64(BITS * (length - 1))), 0))
            found, found_stem = self.table.lookup_where(key[length], stem[length - 1])
            logp.append(found)
            stem.append(found_stem)

    def loose(self) -> np.ndarray:
        """The positions each run's most probable split leaves standing alone, ascending: the
        scores from each run's end as Lexicon._best_split computes them (the same additions, the
        shorter word on a tie), all runs one step per distance from their end."""
        han, logp, at = self.han, self.logp, self.at
        if not han.size:
            return han
        score = np.zeros(len(self.v) + 1)
        end = np.zeros(len(self.v) + 1, dtype=np.int64)
        first = self.run_start == han
        starts, ends = han[first], self.run_end[first]
        longest_first = np.argsort(starts - ends, kind="stable")
        lengths, last = (ends - starts)[longest_first], ends[longest_first] - 1
        # a run longer than LONG_RUN is split by the scalar code: each distance from a run's end
        # is a step of array operations over the runs that long, and a few runs hold most steps
        long = int(np.searchsorted(-lengths, -LONG_RUN))
        if long:
            from lint.lexicon import Lexicon

            lexicon = Lexicon.default()
            for e, length in zip(last[:long].tolist(), lengths[:long].tolist()):
                s = e + 1 - length
                end[s:e + 1] = np.array(lexicon._best_split(self.joined[s:e + 1], MAX_WORD)[1][:length]) + s
            last, lengths = last[long:], lengths[long:]
        for d in range(int(lengths[0]) if lengths.size else 0):
            pos = last[:np.searchsorted(-lengths, -d)] - d  # in every run longer than d
            idx = at[pos]
            top, best_end = logp[1][idx] + score[pos + 1], pos + 1
            for length in range(2, min(MAX_WORD, d + 1) + 1):
                cand = logp[length][idx] + score[pos + length]
                better = cand > top
                top, best_end = np.where(better, cand, top), np.where(better, pos + length, best_end)
            score[pos], end[pos] = top, best_end
        found, cur = [], starts
        while cur.size:  # walk each run's split
            nxt = end[cur]
            found.append(cur[nxt == cur + 1])
            cur = nxt[self.v[nxt] > 0]
        return np.sort(np.concatenate(found))

    def best_splits(self) -> dict[int, np.ndarray]:
        """length -> the best split score of the stretch of that length at each position (where
        it lies inside its run)."""
        at, logp = self.at, self.logp
        best = {1: logp[1]}
        for length in range(2, MAX_WORD + 1):
            ways = [logp[length]]
            for head in range(1, length):
                rest = at[np.minimum(self.han + head, len(self.v) - 1)]
                ways.append(logp[head] + np.where(rest >= 0, best[length - head][np.maximum(rest, 0)], -np.inf))
            best[length] = np.maximum.reduce(ways)
        return best

    def sites(self, positions: np.ndarray) -> list[list[tuple[int, int, int]]]:
        """Positions as (run start, run end, position in the run) per text, in text order."""
        out: list[list[tuple[int, int, int]]] = [[] for _ in range(len(self.starts) - 1)]
        page = np.searchsorted(self.starts, positions, side="right") - 1
        idx = self.at[positions]
        for p, k, s, e in zip(positions.tolist(), page.tolist(), self.run_start[idx].tolist(), self.run_end[idx].tolist()):
            base = int(self.starts[k])
            out[k].append((s - base, e - base, p - s))
        return out


def candidate_sites(texts: list[str], arrays: LookalikeArrays, min_word: int, gain_discount: float
                    ) -> list[list[tuple[int, int, int]]]:
    """For each text, the sites (run start, run end, position in the run) of the characters the
    per-site code must examine: every one that could yield a finding, in text order.
    `gain_discount`: the most any evidence beyond the word list can take off a needed gain."""
    batch = Batch(texts, word_table())
    with np.errstate(invalid="ignore"):  # -inf - -inf where a stretch leaves its run: masked out
        return batch.sites(_kept(batch, arrays, min_word, gain_discount))


def _kept(batch: Batch, arrays: LookalikeArrays, min_word: int, gain_discount: float) -> np.ndarray:
    table, v, at = batch.table, batch.v, batch.at
    loose = batch.loose()
    # a loose character's look-alikes, kept where one sits beside a neighbour inside a word
    left, right, printed = (v[loose + k].astype(np.uint32) for k in (-1, 1, 0))  # 0 outside the run
    near_word = ((left > 0) & _has_pair(arrays.left_ok, left, printed)) | \
        ((right > 0) & _has_pair(arrays.right_ok, printed, right))
    loose, left, right, printed = loose[near_word], left[near_word], right[near_word], printed[near_word]
    p = printed.astype(np.int64)
    count = arrays.starts[p + 1] - arrays.starts[p]
    alike = arrays.values[_ranges(arrays.starts[p], count)]
    left, right, pos = np.repeat(left, count), np.repeat(right, count), np.repeat(loose, count)
    beside = ((left > 0) & _has_pair(arrays.adjacent, left, alike)) | \
        ((right > 0) & _has_pair(arrays.adjacent, alike, right))
    alike, pos = alike[beside].astype(np.uint64), pos[beside]
    if not pos.size:
        return pos

    # the words each look-alike makes (as _words_made), and the bound on each change's gain
    best = batch.best_splits()
    printed = v[pos]
    threshold = math.log(max(INDEX_FLOOR, min_word)) - table.log_total
    person_ok = ~arrays.surname
    makes_word = np.zeros(len(pos), dtype=bool)
    bound = table.single[alike.astype(np.int64)] - batch.logp[1][at[pos]]
    here = at[pos]
    rs, re_ = batch.run_start[here], batch.run_end[here]
    for back in range(0, MAX_WORD):
        a = pos - back
        ai = at[np.where(a >= rs, a, pos)]
        shift = np.uint64(BITS * back)
        new_stem = None
        for length in range(max(2, back + 1), MAX_WORD + 1):
            ok = (a >= rs) & (a + length <= re_)
            new_key = np.where(ok, (batch.key[length][ai] - (printed << shift)) | (alike << shift), 0)
            # a stretch longer than two is asked for only where its start is a stem: as changed
            # where the start holds the change, else as printed
            asked = ok if length == 2 else new_stem if length - 1 > back else batch.stem[length - 1][ai]
            new_logp, new_stem = table.lookup_where(new_key, asked)
            head = alike if back == 0 else v[np.where(ok, a, pos)]
            makes_word |= ok & (new_logp >= threshold) & np.isneginf(batch.logp[length][ai]) & \
                ((length != 3) | person_ok[head.astype(np.int64)])
            bound = np.maximum(bound, np.where(ok & (new_logp > -np.inf), new_logp - best[length][ai], -np.inf))
    keep = makes_word & (bound + SLACK >= arrays.needed(printed, alike) - gain_discount)
    return np.unique(pos[keep])
