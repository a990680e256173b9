"""A page of text as the rules see it: lines, positions, blocks and paragraphs with their kinds.

Offsets are code-point offsets into the text, whose line ends are always "\\n" (the reader
normalises CRLF and CR and restores them on writing). Lines and columns are 1-based; a column
counts code points.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Hashable, NamedTuple, TypeVar

from .layout import Block, Layout, Line, Paragraph, group_blocks

if TYPE_CHECKING:
    from .corpus import Corpus

T = TypeVar("T")


class Position(NamedTuple):
    line: int
    column: int


class Document:
    """One page. Everything beyond the text is computed on first use.

    `path` names the page (None for standard input) and `corpus` holds the other pages that
    cross-page rules compare it with (None: no other pages)."""

    def __init__(self, text: str, layout: Layout | None = None, path: str | None = None,
                 corpus: Corpus | None = None):
        self.text = text
        self._layout = layout
        self.path = path
        self.corpus = corpus
        self._shared: dict[Hashable, object] = {}

    def shared(self, key: Hashable, build: Callable[[Document], T]) -> T:
        """What several rules derive from the page alike (the open seams of the broken-paragraph
        rules), built on first use and kept with the document."""
        if key not in self._shared:
            self._shared[key] = build(self)
        return self._shared[key]  # type: ignore[return-value]

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    @cached_property
    def lines(self) -> list[Line]:
        text, starts = self.text, self.line_starts
        out = []
        for n, start in enumerate(starts):
            end = starts[n + 1] - 1 if n + 1 < len(starts) else len(text)
            if start == len(text) and n > 0:
                break  # the text ends with "\n": no line after it
            out.append(Line(n + 1, start, end, text[start:end]))
        return out

    def position(self, offset: int) -> Position:
        """Line and column (1-based, in code points) of an offset; len(text) is allowed."""
        i = bisect_right(self.line_starts, offset) - 1
        return Position(i + 1, offset - self.line_starts[i] + 1)

    def line_at(self, offset: int) -> Line:
        i = min(bisect_right(self.line_starts, offset) - 1, len(self.lines) - 1)
        return self.lines[i]

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = Layout.default()
        return self._layout

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Every non-blank line, classified (headline, byline, caption, credit, label, jump, body)."""
        return self.layout.classify(self.lines)

    @cached_property
    def blocks(self) -> list[Block]:
        """Runs of non-blank lines separated by blank lines, each holding its paragraphs."""
        return group_blocks(self.paragraphs)

    def paragraphs_holding(self, pattern) -> list[Paragraph]:
        """The paragraphs, in page order, in which a match of `pattern` (a compiled or lazy
        pattern; one character class, as a rule's trigger marks) starts. One scan of the page
        instead of one a paragraph: the rules that act only where a mark stands skip the rest."""
        paras = self.paragraphs
        ends = [p.end for p in paras]
        search, out = pattern.search, []
        m = search(self.text)
        while m is not None:
            k = bisect_right(ends, m.start())  # the first paragraph ending after the match
            if k == len(paras):
                break
            p = paras[k]
            if p.start <= m.start():
                out.append(p)
            m = search(self.text, p.end if p.start <= m.start() else p.start)
        return out

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
            if p.start > offset:
                break
        return None
