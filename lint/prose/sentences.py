"""Sentences and clauses: where they end, what cannot start or end one, what reads as body."""
from __future__ import annotations

from lint.layout import Kind
from lint.lexicon import Lexicon
from lint.patterns import lazy

from .words import MIN_WORD_FREQ

SENTENCE_END = lazy(r"[。！？!?…][”’」』）)》\]】]*\s*$")
CLAUSE_MARKS = "，、；,;"  # a paragraph ending in one of these breaks off inside a sentence
# Characters that cannot start a sentence: a second half opening with one continues the first.
_CANNOT_START = set("的地得了着们么吗呢吧啊")  # unless they start a word (过去, 地处, 了解)
# Characters no line of clean news text ends with (measured on 2,800 pages of rmrb2019 and
# xwlb: each ends fewer than 1 in 2,000 open lines, against 1 in 45 body characters for 的):
# function words that need what follows, and opening marks.
_CANNOT_END = set("的和被将从以于而并或让这其各每该此些们也又再很更最不没已曾由自按“‘《（(【〔「『")
_CLAUSE_MARK = lazy(r"[，、；]")
_ENUMERATION = lazy(r"[\s\u3000]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})、")  # 二、 numbers a subhead


def ends_sentence(text: str) -> bool:
    """The text ends a sentence: a full stop, question or exclamation mark or an ellipsis, with
    closing quotes and brackets after it."""
    return bool(SENTENCE_END.search(text))


def cannot_start(head: str) -> bool:
    """The text opens with a particle that no sentence starts with (的, 了, 们…)."""
    lex = Lexicon.default()
    return head[:1] in _CANNOT_START and not any(lex.freq(w) >= MIN_WORD_FREQ for w in lex.words_at(head[:4], 0))


def cannot_end(tail: str) -> bool:
    """The text ends with a character that needs what follows (的, 和, 将, “…); a sentence-final
    的 after 是 (是徒劳的) does not count."""
    return tail[-1:] in _CANNOT_END and not (tail[-1] == "的" and "是" in tail[-6:-1])


def reads_as_body(para) -> bool:
    """Body text, or a short fragment of it that the classifier took for a subhead (a column
    cut leaves '年第三季度，阿富汗平民伤亡' on a line of its own): a comma says it is prose, the
    、 of a numbered subhead does not ('二、关于访问乌兹别克斯坦')."""
    if para.kind is Kind.BODY:
        return True
    if para.kind is not Kind.HEADLINE:
        return False
    numbered = _ENUMERATION.match(para.text)
    return bool(_CLAUSE_MARK.search(para.text, numbered.end() if numbered else 0))
