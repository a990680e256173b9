"""Hard-wrapped pages: raw OCR output that ends every printed line with a newline.

Such a page shows itself by its line widths: most lines are as wide as the column (within a
character), and most of those end mid-sentence, where the column edge cut them. Widths are
counted in full-width characters (a digit or Latin letter counts half), so '周年;10月2日，
中国与俄罗斯建交70' measures like the Han lines around it.

Inside a hard-wrapped page, a line break is joined (the reflow) when the line before it ran
to the column edge and the line after it continues the paragraph. A paragraph starts:
- after a blank line, or at an indented line;
- after a line shorter than the column that ends a sentence, or shorter still (a subhead, a
  byline, a paragraph's last line);
- after a full line that ends a sentence when the next line is short of the column by about
  the indent (two characters) and runs on: a first line whose indent OCR dropped.
Lines wider than the column (a headline across the page) are never joined, nor the lines of a
block that alternates between two columns read across (lint/prose/columns.py): BRK006 puts
them apart first.
"""
from __future__ import annotations

from collections import Counter

from lint.chars import WHITESPACE, display_width
from lint.document import Document
from lint.layout import Line

from lint.prose.columns import interleaved_blocks, line_runs
from lint.prose.sentences import ends_sentence
from lint.records import record

MIN_COLUMN = 10  # narrower columns hold verse and lists, whose lines are meant to be short
MIN_FULL_LINES = 5
MIN_FULL_SHARE = 0.4  # of the non-blank lines
MIN_CUT_SHARE = 0.6  # of the full lines, ending mid-sentence


@record(frozen=True)
class WrappedBlock:
    """Lines `first`..`last` (1-based, no blank line among them) and the line numbers after
    which the reflow removes the line break; `paragraphs` is how many remain."""

    first: int
    last: int
    joins: tuple[int, ...]
    paragraphs: int


@record(frozen=True)
class Wrap:
    column: int  # the column width, in full-width characters
    blocks: tuple[WrappedBlock, ...]
    joined: frozenset[int]  # every line number whose break the reflow removes


def hard_wrap(doc: Document) -> Wrap | None:
    """How the page is hard-wrapped (None: it is not), worked out once a page."""
    return doc.shared("hard-wrap", _find_wrap)


def _find_wrap(doc: Document) -> Wrap | None:
    lines = [line for run in line_runs(doc) for line in run]  # the non-blank lines
    if len(lines) < MIN_FULL_LINES:
        return None
    widths = {line.number: display_width(line.text.rstrip(WHITESPACE)) for line in lines}
    column = commonest_width(Counter(round(w) for w in widths.values()))
    if column < MIN_COLUMN:
        return None
    full = [line for line in lines if abs(widths[line.number] - column) <= 1]
    cut = [line for line in full if not ends_sentence(line.text.rstrip(WHITESPACE))]
    if (len(full) < MIN_FULL_LINES or len(full) < MIN_FULL_SHARE * len(lines)
            or len(cut) < MIN_CUT_SHARE * len(full)):
        return None
    # lines of two columns read across (BRK006's) are put apart before they are reflowed
    across = interleaved_blocks(doc)
    blocks = []
    run: list[Line] = []
    for line in doc.lines + [None]:
        if line is None or line.is_blank or any(line.number in b for b in across):
            if len(run) > 1:
                joins = tuple(a.number for a, b, c in zip(run, run[1:], run[2:] + [None])
                              if _joins(a, b, c, widths, column))
                if joins:
                    blocks.append(WrappedBlock(run[0].number, run[-1].number, joins, len(run) - len(joins)))
            run = []
        else:
            run.append(line)
    return Wrap(column, tuple(blocks), frozenset(n for b in blocks for n in b.joins))


def commonest_width(rounded: Counter) -> int:
    """The width (rounded) of most lines, among those of a column or more (on a tie the narrowest;
    0: no line is that wide)."""
    return min((w for w in rounded if w >= MIN_COLUMN), key=lambda w: (-rounded[w], w), default=0)


def _joins(a: Line, b: Line, after_b: Line | None, widths: dict[int, float], column: int) -> bool:
    """Whether the break between lines a and b lies inside a paragraph (after_b: the line after
    b in the same block, if any)."""
    wa, wb = widths[a.number], widths[b.number]
    if b.text[:1] in WHITESPACE or wa > column + 1.5 or wb > column + 1.5:
        return False  # b indented: a paragraph starts; a or b wider than the column: display type
    tail = a.text.rstrip(WHITESPACE)
    if wa < column - 2.5:
        return False  # a stops short: the paragraph ended (or a subhead, a byline)
    if not ends_sentence(tail):
        return True  # the column edge cut a's sentence (a may have lost its indent)
    if wa < column - 1:
        return False  # shorter than the column and ends a sentence: the paragraph ended
    # A full line ends a sentence: a new paragraph starts only if b lost its indent and runs on.
    b_runs_on = after_b is not None and not ends_sentence(b.text.rstrip(WHITESPACE))
    return not (column - 2.5 <= wb < column - 1 and b_runs_on)
