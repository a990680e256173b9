"""Code-point offsets of a page to LSP positions and back.

newslint's offsets count code points of the page with its line ends normalised to "\\n". An LSP
position is a line and a character counted in the units of the negotiated encoding: UTF-16 code
units by default (a character beyond the BMP, 𠀀 of CJK extension B, is two), code points with
utf-32, bytes with utf-8. Line numbers are the same for the normalised text and the editor's
(LSP counts "\\r\\n", "\\r" and "\\n" each as one line end), so positions need no other care.
"""
from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def preferred_encoding(offered: list[str] | None) -> str:
    """The position encoding to use: code points if the client offers them (no conversion),
    else UTF-16, which every client must support."""
    return UTF32 if offered and UTF32 in offered else UTF16


def units(text: str, encoding: str) -> int:
    """The length of `text` in the encoding's units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for c in text if c > "\uffff")
    return len(text.encode("utf-8", "surrogatepass"))


class LineIndex:
    """Positions in one text (line ends "\\n")."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        i = text.find("\n")
        while i != -1:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character), both 0-based, of a code-point offset (len(text) allowed)."""
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a position; past the end of its line it is the line's end,
        in the middle of a character (half a surrogate pair) the start of that character."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        if self.encoding == UTF32:
            return min(start + max(character, 0), end)
        counted = 0
        for i in range(start, end):
            counted += units(self.text[i], self.encoding)
            if counted > character:
                return i
        return end


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def changed_lines(old: str, new: str, encoding: str) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """The one edit that turns `old` into `new` (texts as the editor holds them, their own line
    ends), replacing whole lines: (start, end, new text), positions as (line, character); None
    if the texts are the same. The lines before and after the change stay untouched, and so do
    the editor's marks on them."""
    a, b = _LINE.findall(old), _LINE.findall(new)
    if a == b:
        return None
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return (head, 0), _line_start(a, len(a) - tail, encoding), "".join(b[head:len(b) - tail])


def _line_start(lines: list[str], k: int, encoding: str) -> tuple[int, int]:
    """Where line k starts; past the last line, the end of the text."""
    if k < len(lines) or not lines or lines[-1].endswith(("\n", "\r")):
        return k, 0
    return k - 1, units(lines[-1], encoding)
