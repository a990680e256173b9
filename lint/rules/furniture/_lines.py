"""The lines of a page that hold something, with where each starts and ends."""
from __future__ import annotations

from collections.abc import Iterator

from lint.chars import WHITESPACE


def text_lines(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, line, body) for every line that holds more than whitespace: `end` includes
    the line break, `line` is without it, `body` is the line stripped of whitespace."""
    start = 0
    while start < len(text):
        end, line, body = _line_from(text, start)
        if body:
            yield start, end, line, body
        start = end


def lines_with(text: str, pattern) -> Iterator[tuple[int, int, str, str]]:
    """What text_lines gives, for only the lines on which the compiled `pattern` finds a match
    (one that does not run over a line break): one pass of the pattern passes over the rest."""
    search = pattern.search
    at = 0
    while (m := search(text, at)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end, line, body = _line_from(text, start)
        if body:
            yield start, end, line, body
        at = end


def _line_from(text: str, start: int) -> tuple[int, str, str]:
    """(end, line, body) of the line starting at `start`, as text_lines gives them."""
    brk = text.find("\n", start)
    end = len(text) if brk == -1 else brk + 1
    line = text[start:end].rstrip("\r\n")
    return end, line, line.strip(WHITESPACE)
