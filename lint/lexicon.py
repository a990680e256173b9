"""A Chinese word list with frequencies, and a small segmenter for local decisions.

Rules ask it questions about a few characters around a suspicious spot (is 拥堵堵 one word or a
doubled character? does 管|理 form a word across a line break?); nothing segments whole pages,
which would be far too slow for a linter. The list is jieba 0.42.1's dictionary (MIT; see
rules/words/README.md), loaded on first use only: start-up never pays for it.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from .data import packs_dir
from .packed import PackedMap, cached_table
from .pagecache import cached

MAX_WORD = 8  # longer dictionary entries (slogans, long names) never decide a local question


class Lexicon:
    def __init__(self, freq, total: int | None = None):
        """`freq`: word -> frequency, a dict or a PackedMap (then give `total`, their sum)."""
        self._freq = freq
        self._log_total = math.log((sum(freq.values()) if total is None else total) or 1)
        self._shares: dict[str, tuple[float, float]] | None = None
        self._stems: frozenset[str] | None = None  # first two characters of the longer words
        self._positions_file: Path | None = None  # where the position shares are kept ready

    @classmethod
    def default(cls) -> Lexicon:
        return _default_lexicon()

    @property
    def log_total(self) -> float:
        """The log of the list's total count: a word's log-probability is log(f) - log_total."""
        return self._log_total

    def freq(self, word: str) -> int:
        return self._freq.get(word, 0)

    def _mapping(self, whole: bool = False):
        """The word list, as one dict once a run has asked about most of it (or `whole`)."""
        freq = self._freq
        if isinstance(freq, PackedMap):
            if not (whole or freq.saturated):
                return freq
            freq = self._freq = freq.flat()
        if self._stems is None:
            self._stems = frozenset(w[:2] for w in freq if len(w) > 2)
        return freq

    def __contains__(self, word: str) -> bool:
        return word in self._freq

    def items(self):
        """Every (word, frequency) of the list: for tables derived from it once."""
        return self._mapping(whole=True).items()

    def position_share(self, char: str) -> tuple[float, float]:
        """How often `char` ends and starts dictionary words: the frequency-weighted share of the
        words of two or more characters holding it that end (start) with it. 部 ends words
        (干部, 外交部: 0.58); 催 never does (0.0)."""
        if self._shares is None:
            positions = self._positions_file
            if positions is not None:  # precomputed (tools/derive_words.py): computing costs 0.2 s a run
                self._shares = cached("char-positions", [positions], lambda: _read_positions(positions), 1)
            else:
                self._shares = self.compute_position_shares()
        return self._shares.get(char, (0.0, 0.0))

    def compute_position_shares(self) -> dict[str, tuple[float, float]]:
        ends: dict[str, int] = {}
        starts: dict[str, int] = {}
        totals: dict[str, int] = {}
        for word, f in self.items():
            if len(word) < 2:
                continue
            ends[word[-1]] = ends.get(word[-1], 0) + f
            starts[word[0]] = starts.get(word[0], 0) + f
            for c in set(word):
                totals[c] = totals.get(c, 0) + f
        return {c: (ends.get(c, 0) / t, starts.get(c, 0) / t) for c, t in totals.items()}

    def words_at(self, text: str, i: int, max_len: int = MAX_WORD) -> list[str]:
        """Dictionary words of two or more characters that start at text[i]."""
        freq = self._freq
        return [text[i:j] for j in range(i + 2, min(len(text), i + max_len) + 1) if text[i:j] in freq]

    def word_across(self, tail: str, head: str, reach: int = 3, min_freq: int = 1) -> str:
        """The longest word (at least `min_freq`) that starts in the last `reach` characters of
        `tail` and ends in the first `reach` of `head`: how a break cuts a word
        (强化跟踪调 | 度: 调度). '' when none runs across."""
        tail, head = tail[-reach:], head[:reach]
        joined = tail + head
        best = ""
        for i in range(len(tail)):
            if not _is_han(joined[i]):
                continue
            for j in range(len(tail) + 1, len(joined) + 1):
                if not _is_han(joined[j - 1]):
                    break
                w = joined[i:j]
                if len(w) > len(best) and self.freq(w) >= min_freq:
                    best = w
        return best

    def segmented_across(self, tail: str, head: str, min_freq: int = 1) -> str:
        """The word (at least `min_freq`) that the most probable segmentation of the joined
        text puts across the join, '' when it splits there: 促进双 | 边贸易 gives 双边, but
        情系家国 | 别开生面 splits 家国 | 别开生面 (the word list knows 国别 too)."""
        t, h = tail[-6:], head[:6]
        i = len(t)
        while i and _is_han(t[i - 1]):
            i -= 1
        j = 0
        while j < len(h) and _is_han(h[j]):
            j += 1
        t, h = t[i:], h[:j]
        if not t or not h:
            return ""
        k, pos = len(t), 0
        for w in self.segment(t + h):
            if pos < k < pos + len(w):
                if self.freq(w) >= min_freq:
                    return w
                # a rare compound (双边贸易): its commoner part across the join will do (双边)
                return self.word_across(w[:k - pos], w[k - pos:], reach=len(w), min_freq=min_freq)
            pos += len(w)
        return ""

    def segment(self, text: str, max_word: int = MAX_WORD) -> list[str]:
        """Most probable split of `text` into dictionary words (unknown characters stand alone)
        of at most `max_word` characters."""
        ends = self._best_split(text, max_word)[1]
        out, i = [], 0
        while i < len(text):
            out.append(text[i:ends[i]])
            i = ends[i]
        return out

    def scored_segment(self, text: str, max_word: int = MAX_WORD) -> tuple[float, list[str]]:
        """`split_score` and `segment` of the text at the cost of one: how word-like a stretch is,
        and the words it splits into."""
        score, ends = self._best_split(text, max_word)
        out, i = [], 0
        while i < len(text):
            out.append(text[i:ends[i]])
            i = ends[i]
        return score, out

    def single_positions(self, text: str, max_word: int = MAX_WORD) -> list[int]:
        """Positions of the characters that the most probable split leaves standing alone."""
        ends = self._best_split(text, max_word)[1]
        out, i = [], 0
        while i < len(text):
            j = ends[i]
            if j == i + 1:
                out.append(i)
            i = j
        return out

    def split_score(self, text: str, max_word: int = MAX_WORD) -> float:
        """Log-probability of the most probable split of `text`: how word-like a stretch of text
        is (总体方案 scores far above 总休方案, whose 总 and 休 stand alone)."""
        return self._best_split(text, max_word)[0]

    def _best_split(self, text: str, max_word: int = MAX_WORD) -> tuple[float, list[int]]:
        """The score of the most probable split and, for each position, where the word starting
        there ends (on a tie, the shorter word)."""
        n = len(text)
        if not n:
            return 0.0, []
        freq = self._mapping()
        log_total, log = self._log_total, math.log
        packed = isinstance(freq, PackedMap)  # a page run: each position's words in one search
        get, stems = freq.get, self._stems
        scores = [0.0] * (n + 1)
        ends = list(range(1, n + 2))
        for i in range(n - 1, -1, -1):
            f = get(text[i])
            top = ((log(f) if f else 0.0) - log_total) + scores[i + 1]
            end = i + 1
            if i + 2 <= n and max_word >= 2:
                if packed:
                    for j, f in freq.prefixed(text, i, min(n, i + max_word)):
                        if f:
                            score = log(f) - log_total + scores[j]
                            if score > top:
                                top, end = score, j
                else:  # the flat list, asked word by word (no list a position: the hot path of a backlog)
                    pair = text[i:i + 2]
                    f = get(pair)
                    if f:
                        score = log(f) - log_total + scores[i + 2]
                        if score > top:
                            top, end = score, i + 2
                    if pair in stems:  # no longer word starts with a pair no longer word starts with
                        for j in range(i + 3, min(n, i + max_word) + 1):
                            f = get(text[i:j])
                            if f:
                                score = log(f) - log_total + scores[j]
                                if score > top:
                                    top, end = score, j
            scores[i] = top
            ends[i] = end
        return scores[0], ends

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for token in self.segment(text):
            spans.append((pos, pos + len(token)))
            pos += len(token)
        return spans


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f"


def _read_words(source: Path) -> dict[str, int]:
    import gzip  # only to build the cached copy

    data = gzip.decompress(source.read_bytes()).decode("utf-8").split()
    it = iter(data)
    return dict(zip(it, map(int, it)))


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    words = packs_dir() / "words"
    source = words / "jieba-words.tsv.gz"  # parsing it costs 0.3 s: kept ready in the cache folder
    table, total = cached_table("words", [source], lambda: _read_words(source), summary=lambda w: sum(w.values()))
    lexicon = Lexicon(table, total)
    positions = words / "char-positions.tsv"
    if positions.is_file():  # loaded when first asked: most pages never ask (5 ms)
        lexicon._positions_file = positions
    return lexicon


def _read_positions(path: Path) -> dict[str, tuple[float, float]]:
    shares = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, end, start = line.split("\t")
            shares[char] = (float(end), float(start))
    return shares


def unpack_for_workers() -> None:
    """Before forking workers over many pages: if the run has used the word list (or another
    packed table), load its flat form here, once, so that the workers share this copy instead
    of each loading its own (60 MB for the word list)."""
    if _default_lexicon.cache_info().currsize:
        _default_lexicon()._mapping(whole=True)
    PackedMap.flatten_all()
