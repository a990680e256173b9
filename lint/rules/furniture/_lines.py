"""The lines of a page, with where each starts and ends (its line break included)."""
from __future__ import annotations

from collections.abc import Iterator


def lines_with_ends(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line without its break) for every line; end includes the line break."""
    start = 0
    while start < len(text):
        brk = text.find("\n", start)
        end = len(text) if brk == -1 else brk + 1
        yield start, end, text[start:end].rstrip("\r\n")
        start = end
