"""The lines of a page that hold something, with where each starts and ends."""
from __future__ import annotations

from collections.abc import Iterator

from lint.chars import WHITESPACE


def text_lines(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, line, body) for every line that holds more than whitespace: `end` includes
    the line break, `line` is without it, `body` is the line stripped of whitespace."""
    start = 0
    while start < len(text):
        brk = text.find("\n", start)
        end = len(text) if brk == -1 else brk + 1
        line = text[start:end].rstrip("\r\n")
        body = line.strip(WHITESPACE)
        if body:
            yield start, end, line, body
        start = end
