"""The fix guard: before a fixed page is written, prove that it differs from the page as read only
by the edits the applied fixes declared.

Two checks, by different means, so that one bug cannot pass both:
1. replay: apply the declared edits, pass by pass, to the page as read (an implementation of
   its own, not the fixer's) and compare the result with the text about to be written;
2. Han characters: every Han character of the page as read that no declared edit covered must
   still stand in the text about to be written, in the same order.

On a mismatch nothing is written for that page and the run reports an internal error naming the
rules whose fixes were applied (exit 2). The replay also tells where each character of the fixed
text came from, which is how a page's mixed line ends are put back (lint/files.py).
"""
from __future__ import annotations

from array import array
from typing import Sequence

from .finding import Edit

Step = Sequence[tuple[str, Edit]]  # one pass of the fixer: (rule code, edit), offsets into that pass's text


class FixGuardError(Exception):
    """The fixed text is not what the declared edits make of the page."""

    def __init__(self, message: str, rules: Sequence[str]):
        super().__init__(message)
        self.rules = sorted(set(rules))


def replay(original: str, steps: Sequence[Step]) -> tuple[str, array]:
    """The text the declared edits make of `original`, and for each of its characters the
    offset in `original` it came from (-1: written by an edit)."""
    text = original
    origin = array("i", range(len(original)))
    for step in steps:
        edits = sorted(step, key=lambda re: (re[1].start, re[1].end))
        rules = [r for r, _ in edits]
        pos = 0
        parts: list[str] = []
        kept = array("i")
        for rule, e in edits:
            if not pos <= e.start <= e.end <= len(text):
                why = "overlaps another" if e.start < pos else "lies outside the text"
                raise FixGuardError(f"an edit of {rule} ({e.start}-{e.end}) {why}", rules)
            parts += (text[pos:e.start], e.content)
            kept += origin[pos:e.start]
            kept += array("i", [-1]) * len(e.content)
            pos = e.end
        parts.append(text[pos:])
        kept += origin[pos:]
        text, origin = "".join(parts), kept
    return text, origin


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f" or "\uf900" <= c <= "\ufaff"


def lost_han(original: str, fixed: str, kept: array) -> int | None:
    """The offset in `original` of the first Han character that no edit covered (it is in
    `kept`) and that `fixed` no longer holds in order; None when all are there."""
    han = (c for c in fixed if _is_han(c))
    for i in kept:
        if i >= 0 and _is_han(original[i]):
            if not any(c == original[i] for c in han):  # advances `han`: order is checked too
                return i
    return None


def verify(original: str, fixed: str, steps: Sequence[Step]) -> array:
    """Raise FixGuardError unless `fixed` is exactly what `steps` make of `original`; return the
    origin of each character of `fixed` (see `replay`)."""
    rules = [r for step in steps for r, _ in step]
    expected, origin = replay(original, steps)
    if expected != fixed:
        at = next((i for i, (a, b) in enumerate(zip(expected, fixed)) if a != b), min(len(expected), len(fixed)))
        raise FixGuardError(f"the fixed text differs from what the declared edits make, from offset {at}", rules)
    lost = lost_han(original, fixed, origin)
    if lost is not None:
        raise FixGuardError(f"'{original[lost]}' at offset {lost} was removed though no edit covered it", rules)
    return origin
