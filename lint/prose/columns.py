"""Columns read across: a block of hard-wrapped lines that alternates between two texts.

Layout analysis of a page of several columns sometimes reads a row at a time across two of
them. Inside one block the lines then alternate: line 1 of column A, line 1 of column B, line 2
of A, line 2 of B... Each line is still a printed column line, as wide as its neighbours, but
every line break joins two unrelated fragments.

The seams show it. In hard-wrapped text the end of a line runs on into the start of the next:
in a third of the breaks a word runs across (审议批 | 准了), in a few a number or a quotation
does ('建交7' | '0周年', '“一带' | '一路”'); and a line that ends a paragraph (short, after a
sentence's end) is followed by a paragraph's first line (set in, or short by the indent OCR
dropped), while a full line cut mid-sentence is not. In a block read across all of this holds
two lines on: the end of line i joins the start of line i+2, and hardly ever the start of line
i+1. Every seam is weighed both ways, against the next line and the one after it; a block is
read across where the one after wins clearly over enough lines and the next line hardly ever
does. Ordinary text, where a third of the breaks join the next line, never comes close.

Only runs of hard-wrapped lines are weighed: six or more lines without a blank line between
them, mostly as wide as one column (at least ten characters) and mostly cut mid-sentence. A run
of lines of varied length (one paragraph a line) is passed over on its lengths alone. Where OCR
of a poor scan strews stray marks and spaces over most lines, widths and quotation marks say
nothing: only words and numbers across the breaks are weighed, the noise at the edges put aside.

`interleaved_blocks(doc)` is asked by the rule that reports such a block (BRK006) and by the
rules whose findings inside it would be knock-on damage: the cut paragraphs and reflow of the
broken-paragraph family and the lone quotation marks of PUN001.
"""
from __future__ import annotations

import math
from collections import Counter

from lint.chars import CLOSING_MARKS, WHITESPACE, display_width, is_han
from lint.document import Document
from lint.layout import Line
from lint.lexicon import Lexicon
from lint.patterns import lazy
from lint.records import record

from .sentences import cannot_start, ends_sentence

MIN_LINES = 6  # a block read across holds at least three rows of two columns
MIN_COLUMN = 10  # narrower lines are verse, lists and tables, not a column of prose
MIN_FULL_SHARE = 0.6  # of a run's lines, as wide as the column (or a first line, set in)
MIN_OPEN_SHARE = 0.5  # of those full lines, cut mid-sentence by the column edge
MAX_NOISY_SHARE = 0.4  # of a run's lines, with OCR noise (clean OCR: a fifth at most; a poor scan's: 0.6 and more)
MIN_SCORE = 6.0  # the evidence for two lines on, less that for the next line (ordinary text: 4.5 at most)
MIN_ACROSS = 2  # seams that show it clearly
MAX_ALONG_SHARE = 0.5  # seams that clearly read as ordinary text, against those that read across
_REACH = 4  # characters each side of a break the word list reads
_WORD_STRONG = 5.0  # how much likelier the text reads with a word across the break (log)
_WORD_WEAK = 0.5
_CLEAR = 1.0  # a seam whose weight is at least this much shows which way it reads
_STRONG = 2.5  # a seam that leaves no doubt (a word across it)
_NUMBER_GOES_ON = set("0123456789年月日%％万亿元个多余号岁")
_PAIRS = {"“": "”", "《": "》", "（": "）", "‘": "’"}
_CLOSING_START = set("，。、；：！？）》”’,.;:!?)")
_PLAIN = lazy(r"\d[.,:%]\d|[A-Za-z0-9]")  # figures and Latin words
_NOISE = lazy(r"[ \t\u3000\u00a0]|[!-/:-@\[-`{-~]")  # a space inside the line, an ASCII mark or symbol
_JUNK = WHITESPACE + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’…·—，。、；："


@record(frozen=True)
class Interleaved:
    """Lines `first`..`last` (1-based) alternate between two texts: the lines `first`,
    `first`+2... read as one, `first`+1, `first`+3... as the other.

    `column` is the width of a column line (full-width characters), `across` how many seams
    join a line to the one after next (or part it from the next line), `along` how many read as
    ordinary text, `score` the weight of the evidence for reading across less that against it,
    `evidence` the strongest seams for it, in words. `regular` says every line is one
    column line (none wider than the column, give or take a stray mark or two): the two texts
    are a matter of order then."""

    first: int
    last: int
    column: int
    across: int
    along: int
    score: float
    evidence: tuple[str, ...]
    regular: bool

    def __contains__(self, line: int) -> bool:
        return self.first <= line <= self.last

    def beside(self, line: int, step: int) -> int | None:
        """The line before (step -1) or after (step 1) `line` in its own text, inside the block."""
        n = line + 2 * step
        return n if n in self else None

    def streams(self) -> tuple[range, range]:
        """The line numbers of each text, in order."""
        return range(self.first, self.last + 1, 2), range(self.first + 1, self.last + 1, 2)


def interleaved_blocks(doc: Document) -> tuple[Interleaved, ...]:
    """The page's blocks read across two columns, worked out once a page."""
    return doc.shared("interleaved-columns", _find)


@record(frozen=True, slots=True)
class _Row:
    number: int
    text: str  # without the whitespace around it
    width: float
    core: float  # the width without a closing mark at the end (it may hang past the edge)
    ends: bool  # ends a sentence
    indented: bool


def line_runs(doc: Document) -> list[list[Line]]:
    """The page's runs of non-blank lines, each between blank lines or the page's ends: read off
    its paragraphs (the non-blank lines, numbered by run), not by testing every line again."""
    lines = doc.lines
    runs: list[list[Line]] = []
    block = None
    for p in doc.paragraphs:
        if p.block != block:
            runs.append([])
            block = p.block
        runs[-1].append(lines[p.line - 1])
    return runs


def _find(doc: Document) -> tuple[Interleaved, ...]:
    found: list[Interleaved] = []
    for run in line_runs(doc):
        if len(run) >= MIN_LINES:
            block = _weigh(run)
            if block is not None:
                found.append(block)
    return tuple(found)


def _similar_lengths(run: list[Line]) -> bool:
    """Most lines about as long as the run's median line, and that long enough for a column: the
    cheap test that passes over runs of whole paragraphs, verse and lists."""
    lengths = sorted(len(line.text.strip(WHITESPACE)) for line in run)
    median = lengths[len(lengths) // 2]
    if median < MIN_COLUMN - 2:
        return False
    near = sum(1 for n in lengths if abs(n - median) <= 4)
    return near >= MIN_FULL_SHARE * len(lengths)


def _weigh(run: list[Line]) -> Interleaved | None:
    if not _similar_lengths(run):
        return None
    texts = [line.text.rstrip(WHITESPACE) for line in run]
    widths = [display_width(text) for text in texts]
    # the column: the commonest width, rounded up (a line that a full-width character would
    # overflow may stop half a character short), of the lines that end in no closing mark (it
    # may hang past the edge)
    common = Counter(math.ceil(w) for w, text in zip(widths, texts) if text[-1] not in CLOSING_MARKS)
    if sum(common.values()) < 3:
        common = Counter(math.ceil(w) for w in widths)
    column = max(common, key=lambda w: (common[w], w))
    if column < MIN_COLUMN:
        return None
    rows = []
    for line, text, width in zip(run, texts, widths):
        body = text.lstrip(WHITESPACE)
        # a closing mark at the end may hang past the column's edge
        core = width - 1 if text[-1] in CLOSING_MARKS else width
        rows.append(_Row(line.number, body, width, core, ends_sentence(body), len(body) < len(text)))
    lines = [r for r in rows if column - 2.5 <= r.core and r.width <= column + 1.5]
    full = [r for r in lines if r.core >= column - 1]
    if len(lines) < MIN_FULL_SHARE * len(rows) or sum(not r.ends for r in full) < MIN_OPEN_SHARE * len(full):
        return None
    # OCR of a poor scan strews marks and spaces over most lines ('，赛结束后处于领先位置，最后一项单本',
    # '“北赛动因出现重大失误'): its widths and quotation marks say nothing, its words little
    noisy = sum(1 for r in rows if _NOISE.search(_PLAIN.sub("", r.text)))
    return _read_across(rows, column, noisy <= MAX_NOISY_SHARE * len(rows))


def _read_across(rows: list[_Row], column: int, clean: bool) -> Interleaved | None:
    """The stretch of the run whose seams read two lines on, if it is long and clear enough
    (`clean`: the lines carry no OCR noise, their widths and marks can be read)."""
    n = len(rows)
    seams = _Seams(column, clean)
    nxt = [seams.link(rows[i], rows[i + 1]) for i in range(n - 1)]
    after = [seams.link(rows[i], rows[i + 2]) for i in range(n - 2)]
    # what each seam says for reading across: the line after next carries line i on, the next
    # line does not (the last line's seam to the next weighs alone)
    gains = [after[i][0] - nxt[i][0] for i in range(n - 2)] + [-nxt[n - 2][0]]
    start, end = _best_stretch(gains)
    if start is None:
        return None
    first, last = start, min(end + 2, n - 1)  # seam i joins lines i, i+1 and i+2
    if last - first + 1 < MIN_LINES:
        return None
    across = along = 0
    total = 0.0
    reasons: list[tuple[float, str]] = []
    weighed = [(-w, why) for w, why in nxt[first:last]] + list(after[first:last - 1])
    for w, why in weighed:
        total += w
        if w >= _CLEAR:
            across += 1
            reasons.append((w, why))
        elif w <= -_CLEAR:
            along += 1
    if round(total, 6) < MIN_SCORE or across < MIN_ACROSS or along > MAX_ALONG_SHARE * across:
        return None
    reasons.sort(key=lambda r: -r[0])
    # every line one column line (OCR may add a stray mark or two): none holds two columns' lines
    regular = all(r.core <= column + 2.5 for r in rows[first:last + 1])
    return Interleaved(rows[first].number, rows[last].number, column, across, along, total,
                       tuple(why for _, why in reasons), regular)


def _best_stretch(gains: list[float]) -> tuple[int | None, int]:
    """The seams start..end whose gains sum highest (Kadane), widened towards the run's ends as
    long as nothing clear speaks against it (lines without evidence either way, or little)."""
    best, best_start, best_end = 0.0, None, 0
    total, start = 0.0, 0
    for i, g in enumerate(gains):
        if total <= 0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, best_start, best_end = total, start, i
    if best_start is None:
        return None, 0
    return _widen(gains, best_start, -1), _widen(gains, best_end, 1)


def _widen(gains: list[float], i: int, step: int) -> int:
    """How far the stretch ending at seam i goes on (step -1: back) before what speaks against
    it adds up to a clear seam; a line or two left at the run's end go with it unless they
    clearly read on line by line (too few to be anything else)."""
    total, j = 0.0, i + step
    while 0 <= j < len(gains):
        total += gains[j]
        if total <= -_CLEAR:
            break
        i, j = j, j + step
    end = len(gains) - 1 if step > 0 else 0
    if 0 < abs(end - i) <= 2 and sum(gains[min(i + step, end):max(i + step, end) + 1]) > -_STRONG:
        i = end
    return i


class _Seams:
    """Weighs how well one line carries another on, with the word list (its answers kept)."""

    def __init__(self, column: int, clean: bool):
        self.column = column
        self.clean = clean
        self.lex = Lexicon.default()
        self.scores: dict[str, float] = {}
        self.ends: dict[tuple[str, int], tuple[float, bool]] = {}

    def score(self, text: str) -> float:
        if text not in self.scores:
            self.scores[text] = self.lex.split_score(text)
        return self.scores[text]

    def edge(self, text: str, end: int) -> tuple[float, bool]:
        """How word-like the Han characters are (split_score), and whether the word list leaves
        the last (end -1) or first (end 0) of them alone."""
        key = (text, end)
        if key not in self.ends:
            score, words = self.lex.scored_segment(text)
            self.ends[key] = score, len(words[end]) == 1
        return self.ends[key]

    def link(self, a: _Row, b: _Row) -> tuple[float, str]:
        """How well line b carries line a on: above 0 it does (a word, a number or a quotation
        runs across), below 0 it does not (a paragraph ends and b is none's first line; a full
        line is cut mid-sentence and b opens a paragraph; a sentence ends and b opens with a
        particle), with the reason in words. Without either, the word list leans: a line that
        ends or starts with a fragment of a word the other line does not complete speaks softly
        against."""
        column = self.column
        if self.clean:
            tail, head = a.text[-_REACH:], b.text[:_REACH]
        else:  # words and numbers only, the noise at the edges put aside
            tail, head = a.text.rstrip(_JUNK)[-_REACH:], b.text.lstrip(_JUNK)[:_REACH]
        han = bool(tail) and bool(head) and is_han(tail[-1]) and is_han(head[0])
        if han:
            end, start = _han_run(tail, -1), _han_run(head, 0)
            (end_score, end_alone), (start_score, start_alone) = self.edge(end, -1), self.edge(start, 0)
            # (a character doubled across the break makes a word by the repeat alone: 融|融创, 微|微信)
            if tail[-1] != head[0]:
                gain = self.score(end + start) - end_score - start_score
                if gain > _WORD_WEAK:
                    return (3.0 if gain > _WORD_STRONG else 1.0), \
                        f"'…{tail}|{head}…' reads as one (lines {a.number} and {b.number})"
        if tail[-1:].isdigit() and head[:1] in _NUMBER_GOES_ON:
            return 2.0, f"a number runs on from line {a.number} to line {b.number} ('{tail[-2:]}|{head[:2]}')"
        if not self.clean:
            return 0.0, ""
        for opening, closing in _PAIRS.items():
            shut, opens = b.text.find(closing), b.text.find(opening)
            first = closing if shut != -1 and (opens == -1 or shut < opens) else opening if opens != -1 else ""
            if not first:
                continue
            last = max(a.text.rfind(opening), a.text.rfind(closing))
            if last == -1:
                continue
            if a.text[last] == opening and first == closing and shut < _REACH:
                return 2.0, f"'{opening}' opens in line {a.number} and '{closing}' closes early in line {b.number}"
            if a.text[last] == first:  # '“' open and another '“', or '”' closed and another '”'
                return -2.0, f"'{first}' in line {a.number} and '{first}' again in line {b.number}"
        if a.ends and a.width < column - 1.5 and not b.indented and b.core >= column - 1:
            return -2.0, f"line {a.number} ends a paragraph and line {b.number} is no paragraph's first line"
        if not a.ends and a.core >= column - 1 and (b.indented or not b.ends and (
                column - 2.5 <= b.width < column - 1 or column - 2.5 <= b.core < column - 1)):
            return -2.0, f"line {a.number} is cut mid-sentence and line {b.number} opens a paragraph"
        if a.ends and (head[:1] in _CLOSING_START or cannot_start(head)):
            return -1.5, f"line {a.number} ends a sentence and line {b.number} opens with '{head[:1]}'"
        if han:
            return -0.4 * (end_alone + start_alone), ""
        return 0.0, ""


def _han_run(text: str, end: int) -> str:
    """The Han characters at the text's end (end -1) or start (end 0)."""
    i = len(text)
    if end:
        while i and is_han(text[i - 1]):
            i -= 1
        return text[i:]
    j = 0
    while j < len(text) and is_han(text[j]):
        j += 1
    return text[:j]
