"""A Chinese word list with frequencies, and a small segmenter for local decisions.

Rules ask it questions about a few characters around a suspicious spot (is 拥堵堵 one word or a
doubled character? does 管|理 form a word across a line break?); nothing segments whole pages,
which would be far too slow for a linter. The list is jieba 0.42.1's dictionary (MIT; see
rules/words/README.md), loaded on first use only: start-up never pays for it.
"""
from __future__ import annotations

import gzip
import math
from functools import lru_cache

from .data import packs_dir

MAX_WORD = 8  # longer dictionary entries (slogans, long names) never decide a local question


class Lexicon:
    def __init__(self, freq: dict[str, int]):
        self._freq = freq
        self._log_total = math.log(sum(freq.values()) or 1)
        self._shares: dict[str, tuple[float, float]] | None = None

    @classmethod
    def default(cls) -> Lexicon:
        return _default_lexicon()

    def freq(self, word: str) -> int:
        return self._freq.get(word, 0)

    def __contains__(self, word: str) -> bool:
        return word in self._freq

    def is_word(self, word: str, min_freq: int = 1) -> bool:
        return self._freq.get(word, 0) >= min_freq

    def position_share(self, char: str) -> tuple[float, float]:
        """How often `char` ends and starts dictionary words: the frequency-weighted share of the
        words of two or more characters holding it that end (start) with it. 部 ends words
        (干部, 外交部: 0.55); 催 never does (0.0)."""
        if self._shares is None:
            ends: dict[str, int] = {}
            starts: dict[str, int] = {}
            totals: dict[str, int] = {}
            for word, f in self._freq.items():
                if len(word) < 2:
                    continue
                ends[word[-1]] = ends.get(word[-1], 0) + f
                starts[word[0]] = starts.get(word[0], 0) + f
                for c in set(word):
                    totals[c] = totals.get(c, 0) + f
            self._shares = {c: (ends.get(c, 0) / t, starts.get(c, 0) / t) for c, t in totals.items()}
        return self._shares.get(char, (0.0, 0.0))

    def words_at(self, text: str, i: int, max_len: int = MAX_WORD) -> list[str]:
        """Dictionary words of two or more characters that start at text[i]."""
        freq = self._freq
        return [text[i:j] for j in range(i + 2, min(len(text), i + max_len) + 1) if text[i:j] in freq]

    def segment(self, text: str) -> list[str]:
        """Most probable split of `text` into dictionary words (unknown characters stand alone)."""
        n = len(text)
        if not n:
            return []
        freq, log_total = self._freq, self._log_total
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        for i in range(n - 1, -1, -1):
            single = math.log(freq.get(text[i]) or 1) - log_total
            choice = (single + best[i + 1][0], i + 1)
            for j in range(i + 2, min(n, i + MAX_WORD) + 1):
                f = freq.get(text[i:j])
                if f:
                    score = math.log(f) - log_total + best[j][0]
                    if score > choice[0]:
                        choice = (score, j)
            best[i] = choice
        out, i = [], 0
        while i < n:
            j = best[i][1]
            out.append(text[i:j])
            i = j
        return out

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for token in self.segment(text):
            spans.append((pos, pos + len(token)))
            pos += len(token)
        return spans


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    path = packs_dir() / "words" / "jieba-words.tsv.gz"
    data = gzip.decompress(path.read_bytes()).decode("utf-8").split()
    it = iter(data)
    return Lexicon(dict(zip(it, map(int, it))))
