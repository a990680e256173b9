"""What fixes change, character by character, for a reader: the changed characters in their
context (`--show-fixes`), the passes of a fix run, the changes a fix run made to a page (the HTML
report). Pure: text and edits in, text or records out.
"""
from __future__ import annotations

import unicodedata
from typing import Iterator, Sequence

from .engine import apply_edits
from .finding import Edit, Finding
from .records import record

CONTEXT = 12  # characters of unchanged text shown on each side of a change, within its line
LONG = 40  # a changed stretch longer than this shows its ends and its length
GAP = 2 * CONTEXT  # unchanged text between two edits of one fix longer than this is shortened


@record(frozen=True, slots=True)
class Change:
    """One stretch where a fixed text differs from the text as read: old[old_start:old_end]
    became new[new_start:new_end] (either may be empty)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def page_changes(old_length: int, origin: Sequence[int]) -> list[Change]:
    """The changes from a text of `old_length` characters to the text whose characters came
    from `origin` (each character's offset in the old text, -1 if an edit wrote it: what
    lint.guard.replay gives), each as short as the edits made it."""
    out: list[Change] = []
    kept = 0  # the next old character that, if it comes next, is unchanged
    start: tuple[int, int] | None = None  # (old, new) offsets where the open change began
    for new, old in enumerate(origin):
        if old == kept:
            if start is not None:
                out.append(Change(start[0], kept, start[1], new))
                start = None
            kept += 1
        elif old < 0:  # written by an edit
            if start is None:
                start = (kept, new)
        else:  # old[kept:old] was deleted before this character
            if start is None:
                start = (kept, new)
            out.append(Change(start[0], old, start[1], new))
            start = None
            kept = old + 1
    if start is not None or kept < old_length:
        old_start, new_start = start if start is not None else (kept, len(origin))
        out.append(Change(old_start, old_length, new_start, len(origin)))
    return out


def fix_passes(original: str, fixed: Sequence[Finding], passes: Sequence[int]) -> Iterator[tuple[str, list[Finding]]]:
    """The passes of a fix run, in order: the text each pass fixed and the findings whose fixes
    it applied (`passes` holds how many of `fixed` each pass applied; their positions refer to
    that pass's text)."""
    text, at = original, 0
    for count in passes:
        chosen = list(fixed[at:at + count])
        yield text, chosen
        text = apply_edits(text, [e for f in chosen if f.fix is not None for e in f.fix.edits])
        at += count


# -- the changed characters in context, as a line of text -------------------------------------------

PLAIN = ("[-", "-]", "{+", "+}")  # as git diff --word-diff=plain marks them
COLOUR = ("\x1b[9;97;41m", "\x1b[0m", "\x1b[4;97;42m", "\x1b[0m")  # struck on red, underlined on green


def inline(text: str, edits: Sequence[Edit], colour: bool = False) -> str:
    """The edits of one fix as the changed characters in their context on one line:
    `…行政部[-闷-]{+门+}应当…` (with `colour`, deleted text struck through on red and inserted
    text underlined on green instead of the brackets). Line ends read ⏎, tabs →."""
    del_open, del_close, ins_open, ins_close = COLOUR if colour else PLAIN
    n = len(text)
    edits = sorted((Edit(max(0, min(e.start, n)), max(0, min(e.end, n)), e.content) for e in edits),
                   key=lambda e: (e.start, e.end))
    if not edits:
        return ""
    first, last = edits[0].start, max(e.end for e in edits)
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", last)
    line_end = n if line_end == -1 else line_end
    lo, hi = max(line_start, first - CONTEXT), min(line_end, last + CONTEXT)
    out = ["…" if lo > line_start else "", _visible(text[lo:first])]
    pos = first
    for e in edits:
        if e.start > pos:
            out.append(_visible(_shortened(text[pos:e.start], GAP)))
        if e.end > e.start:
            out.append(f"{del_open}{_visible(_shortened(text[e.start:e.end], LONG))}{del_close}")
        if e.content:
            out.append(f"{ins_open}{_visible(_shortened(e.content, LONG))}{ins_close}")
        pos = max(pos, e.end)
    out += [_visible(text[pos:hi]), "…" if hi < line_end else ""]
    return "".join(out)


def _shortened(text: str, longest: int) -> str:
    if len(text) <= longest:
        return text
    half = longest // 4
    return f"{text[:half]}…({len(text)} characters)…{text[-half:]}"


def _visible(text: str) -> str:
    """Line ends as ⏎, tabs as →, other invisible characters (controls, zero-width and format
    characters) as their code point: a fix that deletes one must show what it deletes."""
    return "".join("⏎" if c == "\n" else "→" if c == "\t" else
                   f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)
