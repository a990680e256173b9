"""Words and their boundaries, on the word list (lint.lexicon)."""
from __future__ import annotations

from lint.lexicon import Lexicon
from lint.patterns import lazy

MIN_WORD_FREQ = 5  # rarer dictionary entries (了了 3) are no evidence of a word
_HAN_HEAD = lazy(r"\p{Han}+")
_HAN_TAIL = lazy(r"\p{Han}+$")


def starts_mid_word(head: str) -> bool:
    """The text's first character stands alone where the word list segments it: 边贸易, but not
    家住和田 (家住 is a word: a paragraph may well start so)."""
    run = _HAN_HEAD.match(head[:6])
    return bool(run) and len(Lexicon.default().segment(run.group())[0]) == 1


def ends_mid_word(tail: str) -> bool:
    """The text's last character stands alone where the word list segments it: 镇建, 新一."""
    run = _HAN_TAIL.search(tail[-6:])
    return bool(run) and len(Lexicon.default().segment(run.group())[-1]) == 1
