"""Where a body paragraph stops mid-sentence, and what follows it: the shared analysis of the
broken-paragraph rules.

A paragraph is open when its text (a jump marker at its end aside) does not end a sentence.
What comes next decides what it is: body text that carries the sentence on (a cut paragraph,
perhaps with a photo caption and credit between the halves), or the start of something else
(a headline, a dateline, the end of the page): a truncation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from lint.document import WHITESPACE, Document
from lint.layout import Kind, Paragraph
from lint.lexicon import Lexicon

from ..duplicate._common import MIN_WORD_FREQ, ends_sentence, reads_as_body

CLAUSE_MARKS = "，、；,;"  # a paragraph ending in one of these breaks off inside a sentence
# Characters that cannot start a sentence: a second half opening with one continues the first.
_CANNOT_START = set("的地得了着过们么吗呢吧啊")  # unless they start a word (过去, 地处, 了解)
_LIST_START = set("■□●○◆◇▲△★☆▶►•·—-（(①②③④⑤⑥⑦⑧⑨⑩")
_CLOSED = set("；：;:—")  # a list item, an introduction to what follows, a signature (——编者)
_MAX_BETWEEN = 4  # caption and credit paragraphs that may stand between two halves
_OPEN_END = regex.compile(r"[\p{Han}\p{L}\p{N}，、；,;“‘《（(]$")


@dataclass(frozen=True)
class Seam:
    """A body paragraph `first` that breaks off mid-sentence.

    `second` is the paragraph that carries the sentence on (None: nothing on the page does),
    `between` the captions and credits standing between the two; `word` a dictionary word that
    runs across the break (批|准: 批准), `doubled` how many characters stand on both sides of
    it (拥堵 | 堵问题: 1), `why` the evidence in words and `strong` whether it leaves no doubt.
    For a truncation, `stop` says what follows instead."""

    first: Paragraph
    tail_end: int  # offset just past the first half's last character
    second: Paragraph | None = None
    between: tuple[Paragraph, ...] = ()
    word: str = ""
    doubled: int = 0
    why: str = ""
    strong: bool = False
    stop: str = ""


@lru_cache(maxsize=1)
def _doubles():
    from ..duplicate.doubled_at_break import DoubledAtBreak  # the duplicate family judges doubles
    return DoubledAtBreak()


def doubled_seam(tail: str, head: str) -> tuple[int, bool] | None:
    """How many characters stand on both sides of the break, and whether dropping them is
    safe, as DUP002 judges them (None: no double)."""
    found = _doubles().find(tail, head)
    return None if found is None else (found[0], found[1])


def content_end(p: Paragraph) -> int:
    return p.start + len(p.text.rstrip(WHITESPACE))


def is_open(p: Paragraph) -> bool:
    """Body text whose last sentence has no end (a jump marker at the very end closes it)."""
    if not reads_as_body(p):
        return False
    end = content_end(p)
    if any(s.kind == "jump" and s.end >= end for s in p.spans):
        return False  # '…（下转第二版）': the page says where it goes on
    tail = p.text.rstrip(WHITESPACE)
    return bool(tail) and not ends_sentence(tail) and bool(_OPEN_END.search(tail)) and tail[-1] not in _CLOSED


def cannot_start(head: str) -> bool:
    """The second half opens with a particle that no sentence starts with (的, 了, 们…)."""
    lex = Lexicon.default()
    return head[:1] in _CANNOT_START and not any(lex.freq(w) >= MIN_WORD_FREQ for w in lex.words_at(head[:4], 0))


def ends_mid_word(tail: str) -> bool:
    """The first half's last character stands alone where the word list segments it: 镇建, 新一."""
    run = regex.search(r"\p{Han}+$", tail[-6:])
    return bool(run) and len(Lexicon.default().segment(run.group())[-1]) == 1


def starts_something_new(q: Paragraph) -> str:
    """Why `q` cannot continue a sentence from before it ('' when it can)."""
    if q.kind is Kind.HEADLINE:
        return f"a headline follows at line {q.line}"
    if q.kind in (Kind.BYLINE, Kind.LABEL):
        return f"a new article starts at line {q.line} ({q.text.strip()[:12]})"
    if q.kind is Kind.JUMP:
        return ""
    if any(s.kind == "dateline" and s.start <= q.content_start for s in q.spans):
        dateline = next(s for s in q.spans if s.kind == "dateline")
        text = q.text[dateline.start - q.start:dateline.end - q.start].strip()
        return f"a new article starts at line {q.line} (dateline '{text}')"
    return ""


def open_seams(doc: Document) -> list[Seam]:
    """Every open body paragraph of the page with what follows it (worked out once a page:
    three rules read it)."""
    return doc.shared("open-seams", _find_seams)


def _find_seams(doc: Document) -> list[Seam]:
    paras = doc.paragraphs
    out: list[Seam] = []
    for i, p in enumerate(paras):
        if not is_open(p):
            continue
        tail = p.text.rstrip(WHITESPACE)
        end = content_end(p)
        j = i + 1
        between: list[Paragraph] = []
        while j < len(paras) and paras[j].kind in (Kind.CAPTION, Kind.CREDIT) and len(between) < _MAX_BETWEEN:
            between.append(paras[j])
            j += 1
        q = paras[j] if j < len(paras) else None
        # A display line with a comma may be cut, never truncated; and a deck, a source line or
        # a toast ends without a stop too: a truncation shows by breaking off inside a word or
        # after a comma, once sentences have ended before it.
        sentence_inside = any(c in "。！？!?" for c in tail[:-1])
        body = p.kind is Kind.BODY and sentence_inside and (
            tail[-1] in CLAUSE_MARKS or ends_mid_word(tail))
        if q is None:
            if body and not between:
                out.append(Seam(p, end, stop="the page ends"))
            continue
        if q.kind is Kind.JUMP:
            continue  # the marker says where the text goes on: the page-jump rule reports it
        stop = starts_something_new(q)
        head = q.text[q.indent:]
        word = Lexicon.default().word_across(tail, head, min_freq=MIN_WORD_FREQ) if not stop else ""
        if q.kind is Kind.HEADLINE and not (reads_as_body(q) or word) or stop and q.kind is not Kind.HEADLINE:
            if body:
                out.append(Seam(p, end, stop=stop))
            continue
        if head[:1] in _LIST_START or regex.match(r"[一二三四五六七八九十]+、|\d+[.、]", head):
            continue  # a list item or bullet starts: the line before introduced it
        opens_with_mark = head[:1] in "，、。；：）”,.;:)"
        particle = cannot_start(head)
        reasons = []
        doubled = doubled_seam(tail, head)
        if doubled is not None:
            reasons.append(f"'{head[:doubled[0]]}' is printed on both sides of the break (DUP002)")
        if word:
            reasons.append(f"'{word}' runs across the break")
        if opens_with_mark:
            reasons.append(f"line {q.line} opens with '{head[0]}'")
        if particle:
            reasons.append(f"line {q.line} opens with '{head[0]}', which cannot start a sentence")
        strong = bool(reasons) and (doubled is None or doubled[1])
        if p.kind is not Kind.BODY:
            # display type (a headline, a subhead) ends without a stop: only the second half
            # itself can show that the line was cut
            if not (q.kind is Kind.BODY and (opens_with_mark or particle or word and ends_mid_word(tail))):
                continue  # (a word across counts for a line with a comma in it: 将重点围 | 绕)
        elif not strong:
            # a deck, a poem line, a toast ends without a stop too; a cut paragraph has ended
            # sentences before the cut and breaks off at a comma or inside a word
            if not sentence_inside:
                continue
            if tail[-1] in CLAUSE_MARKS:
                reasons.append(f"line {p.line} ends with '{tail[-1]}'")
                strong = True
            elif ends_mid_word(tail):
                reasons.append(f"line {p.line} ends inside a word ('…{tail[-3:]}')")
            elif i > 0 and paras[i - 1].kind is Kind.BODY and ends_sentence(paras[i - 1].text.rstrip(WHITESPACE)):
                # inside an article (not its deck, right under the headline): the open sentence
                reasons.append(f"line {p.line} ends without finishing its sentence")
            else:
                continue
        out.append(Seam(p, end, q, tuple(between), word, doubled[0] if doubled else 0, "; ".join(reasons), strong))
    return out
