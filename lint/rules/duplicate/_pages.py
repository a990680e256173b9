"""An index of the body paragraphs of every page in the corpus, for repeats across pages.

Each body paragraph of at least `min-length` Han characters (DUP004's option) gets an exact key (its text without
whitespace) and a bottom-k sketch of its 5-character shingles; sketches are banded so that near
copies (a few OCR differences) land in a shared bucket. Building is one pass over the corpus
and a query touches only the buckets of the page's own paragraphs: linear in pages.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from zlib import crc32
from typing import Iterable

from lint.corpus import PageIndexSpec
from lint.digest import blake2b
from lint.chars import WHITESPACE
from lint.document import Document
from lint.layout import Kind, Layout
from lint.pagecache import PageCache, version_of
from lint.patterns import lazy
from lint.records import record

SHINGLE = 5
SKETCH = 24  # bottom-k size
BAND = 4  # minima per band: 6 bands
_STRIP = str.maketrans("", "", WHITESPACE + "\n")
_HAN_RUNS = lazy("[\u3400-\u9fff]+")


@record(frozen=True, slots=True)
class Place:
    page: int  # index into PageIndex.names
    line: int
    column: int
    offset: int


_KEY_BITS = 37  # a bucket key keeps this many bits of its hash; the paragraph number the rest
_ID_BITS = 26  # up to 67 million paragraphs
_KEY_MASK = (1 << _KEY_BITS) - 1
_ID_MASK = (1 << _ID_BITS) - 1


class PageIndex:
    """The paragraphs of the corpus in flat arrays (a few dozen bytes a paragraph, not the two
    kilobytes of Python objects; forked workers share the pages untouched): where each one
    stands, its sketch, and two sorted bucket lists, exact key and MinHash band, each entry
    packing a key with a paragraph number."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._page, self._line, self._column, self._offset = (array("i") for _ in range(4))
        self._exact_key = array("q")
        self._sketch_at = array("Q", [0])
        self._sketches = array("I")  # crc32 values
        self._exact = array("q")
        self._bands = array("q")

    def __len__(self) -> int:
        return len(self._page)

    def add_page(self, name: str, entries: Iterable[tuple]) -> None:
        page = len(self.names)
        self.names.append(name)
        exact_rows, band_rows = [], []
        for line, column, offset, exact, sketch in entries:
            n = len(self._page)
            self._page.append(page)
            self._line.append(line)
            self._column.append(column)
            self._offset.append(offset)
            self._exact_key.append(_signed(exact))
            self._sketches.extend(sketch)
            self._sketch_at.append(len(self._sketches))
            exact_rows.append(_pack(exact, n))
            band_rows += (_pack(band, n) for band in band_keys(sketch))
        self._exact.extend(exact_rows)
        self._bands.extend(band_rows)

    def finish(self) -> PageIndex:
        """Sort the bucket lists (after the last page)."""
        self._exact = array("q", sorted(self._exact))
        self._bands = array("q", sorted(self._bands))
        return self

    def place(self, n: int) -> Place:
        return Place(self._page[n], self._line[n], self._column[n], self._offset[n])

    def page_of(self, n: int) -> int:
        return self._page[n]

    def order_key(self, n: int) -> tuple[str, int]:
        """How places are listed: by page name, then offset."""
        return self.names[self._page[n]], self._offset[n]

    def sketch(self, n: int) -> tuple[int, ...]:
        return tuple(self._sketches[self._sketch_at[n]:self._sketch_at[n + 1]])

    def exact_copies(self, exact: int) -> list[int]:
        """The paragraphs whose text is `exact` (the full key checked, not only the bucket's)."""
        full = _signed(exact)
        return [n for n in _bucket(self._exact, exact) if self._exact_key[n] == full]

    def band_mates(self, band: int) -> list[int]:
        """The paragraphs sharing a MinHash band (candidates, to be confirmed by similarity)."""
        return _bucket(self._bands, band)


def _signed(key: int) -> int:
    return key - (1 << 64) if key >= 1 << 63 else key


def _pack(key: int, n: int) -> int:
    return ((key & _KEY_MASK) << _ID_BITS) | n


def _bucket(rows: array, key: int) -> list[int]:
    low = (key & _KEY_MASK) << _ID_BITS
    i = bisect_left(rows, low)
    out = []
    high = low | _ID_MASK
    while i < len(rows) and rows[i] <= high:  # buckets are short: faster than a second search
        out.append(rows[i] & _ID_MASK)
        i += 1
    return out


def paragraph_keys(text: str) -> tuple[int, tuple[int, ...]] | None:
    flat = text.translate(_STRIP)
    data = flat.encode("utf-16-le")  # fixed width: shingle i is data[2i:2i+10]
    width = 2 * SHINGLE
    shingles = {crc32(data[i:i + width]) for i in range(0, len(data) - width + 1, 2)}
    if not shingles:
        return None
    exact = int.from_bytes(blake2b(data, digest_size=8).digest(), "little")
    return exact, tuple(sorted(shingles)[:SKETCH])


def body_paragraphs(doc: Document, min_han: int):
    for p in doc.paragraphs:
        if p.kind is not Kind.BODY:
            continue
        content = p.text[p.indent:]
        if sum(map(len, _HAN_RUNS.findall(content))) < min_han:
            continue
        yield p, content


def band_keys(sketch: tuple[int, ...]) -> list[int]:
    return [hash((b, sketch[b:b + BAND])) for b in range(0, len(sketch) - BAND + 1, BAND)]


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two paragraphs from their bottom-k sketches."""
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:SKETCH]
    return len((sa & sb).intersection(union)) / len(union)


def page_entries(text: str, layout: Layout | None, min_han: int) -> list[tuple]:
    """(line, column, offset, exact key, sketch) of each body paragraph of a page."""
    out = []
    for p, content in body_paragraphs(Document(text, layout), min_han):
        keys = paragraph_keys(content)
        if keys is not None:
            out.append((p.line, p.indent + 1, p.content_start, *keys))
    return out


def index_spec(layout: Layout | None, min_han: int) -> PageIndexSpec:
    """The paragraph index of the corpus; each page's paragraphs come from the cache when its
    text has not changed (classifying two thousand pages costs seconds, the hook runs on every
    commit)."""
    layout = layout or Layout.default()
    version = _version(repr(sorted(layout.vocab.items())), min_han)
    return PageIndexSpec(f"duplicate-paragraphs:{min_han}:{version}",
                         lambda: PageCache("paragraphs", version, lambda text: page_entries(text, layout, min_han)),
                         combine)


@lru_cache(maxsize=8)
def _version(vocab: str, min_han: int) -> str:
    here = Path(__file__).resolve().parent.parent.parent  # lint/
    return version_of([Path(__file__), here / "layout.py", here / "document.py"], vocab, min_han, SHINGLE, SKETCH)


def combine(pages: Iterable[tuple[str, list[tuple]]]) -> PageIndex:
    index = PageIndex()
    for name, entries in pages:
        index.add_page(name, entries)
    return index.finish()
