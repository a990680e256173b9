"""An index of the body paragraphs of every page in the corpus, for repeats across pages.

Each body paragraph of at least `min-length` Han characters (DUP004's option) gets an exact key (its text without
whitespace) and a bottom-k sketch of its 5-character shingles; sketches are banded so that near
copies (a few OCR differences) land in a shared bucket. Building is one pass over the corpus
and a query touches only the buckets of the page's own paragraphs: linear in pages.

A page is read once: what it contributes to the index (its paragraphs' places and keys) is known
by the digest of its text, and the check of a page whose text the index holds reads its
paragraphs back from the index instead of classifying and hashing them again. The paragraphs
that share no bucket with another one (most of them) are marked when the index is finished, so
that the check passes them over.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, repeat
from operator import eq, rshift
from pathlib import Path
from zlib import crc32
from typing import Iterable, Iterator

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
_SPACES = lazy("[" + WHITESPACE + "\n]+")  # what a paragraph's exact key and shingles leave out
_HAN_RUNS = lazy("[\u3400-\u9fff]+")
_WINDOWS: list[slice] = []  # slice k: the k-th shingle of a paragraph's UTF-16 bytes, made once
_KEPT_WINDOWS = 4096  # shingles of a paragraph this long at most are cut by the slices kept


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
    packing a key with a paragraph number. A page's paragraphs are consecutive rows, and the
    page is known by the digest of its text."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._page, self._line, self._column, self._offset = (array("i") for _ in range(4))
        self._end, self._number = array("i"), array("i")  # where the paragraph's text ends; its body paragraph number
        self._first = array("i", [0])  # page k's rows: _first[k] to _first[k + 1]
        self._by_digest: dict[bytes, int] = {}  # a page's text digest -> the first page with that text
        self._exact_key = array("q")
        self._sketch_at = array("Q", [0])
        self._sketches = array("I")  # crc32 values
        self._exact = array("q")
        self._bands = array("q")
        self._mated: bytearray | None = None  # 1: the row shares a bucket with another row (see alone)
        self._read_back = 0  # pages read back so far (rows_of_text)

    def __len__(self) -> int:
        return len(self._page)

    def add_page(self, name: str, entries: Iterable[tuple], digest: bytes | None = None,
                 ends: Iterable[tuple[int, int]] | None = None) -> None:
        """Add a page's paragraphs. `digest` names its text and `ends` gives each paragraph's body
        paragraph number and the end of its text: with both, the check of a page with that text
        reads its paragraphs back (`rows_of_text`)."""
        page = len(self.names)
        self.names.append(name)
        entries = list(entries)
        if ends is None:  # the page cannot be read back
            ends = [(-1, -1)] * len(entries)
        else:
            ends = list(ends)
            if len(ends) != len(entries):
                raise ValueError("one end for each paragraph")
            if digest is not None:
                self._by_digest.setdefault(digest, page)
        first = len(self._page)
        if entries:
            lines, columns, offsets, exacts, sketches = zip(*entries)
            self._page.extend([page] * len(entries))
            self._line.extend(lines)
            self._column.extend(columns)
            self._offset.extend(offsets)
            self._number.extend([number for number, _ in ends])
            self._end.extend([end for _, end in ends])
            self._exact_key.extend(map(_signed, exacts))
            self._sketch_at.extend(islice(accumulate(map(len, sketches), initial=self._sketch_at[-1]), 1, None))
            self._sketches.extend(chain.from_iterable(sketches))
            self._exact.extend([((exact & _KEY_MASK) << _ID_BITS) | n for n, exact in enumerate(exacts, first)])
            self._bands.extend([((band & _KEY_MASK) << _ID_BITS) | n
                                for n, sketch in enumerate(sketches, first) for band in band_keys(sketch)])
        self._first.append(len(self._page))

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

    def rows_of_text(self, digest: bytes) -> range | None:
        """The rows of a page whose text has this digest (PageCache.digest), or None when no page
        of the index has that text: the paragraphs a page with that text has, computed once."""
        page = self._by_digest.get(digest)
        self._read_back += page is not None
        return None if page is None else range(self._first[page], self._first[page + 1])

    def paragraph(self, n: int) -> tuple[int, int, int, int, tuple[int, ...]]:
        """(body paragraph number, start of its content, end of its text, exact key, sketch) of
        row n: what `page_paragraphs` gives for it."""
        return self._number[n], self._offset[n], self._end[n], self._exact_key[n] & _U64, self.sketch(n)

    def alone(self, n: int) -> bool:
        """Row n shares no bucket, exact or band, with another row: no paragraph but itself is
        its copy or a candidate near copy. The rows are marked once the index has served a
        sixteenth of its pages (marking the rows of 2,000 pages costs 75 ms, the lookups it saves
        about 0.2 ms a page: not for the few pages a pre-commit hook checks); until then no row
        is alone."""
        if self._mated is None:
            if self._read_back < max(2, len(self.names) * MARK_SHARE):
                return False
            self._mated = bytearray(len(self._page))
            for rows in (self._exact, self._bands):
                _mark_shared(rows, self._mated)
        return not self._mated[n]


_U64 = (1 << 64) - 1
MARK_SHARE = 1 / 16  # of the index's pages read back before its rows are marked (see PageIndex.alone)


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


def _mark_shared(rows: array, mated: bytearray) -> None:
    """Mark the rows of every bucket of `rows` (sorted) that holds more than one."""
    keys = list(map(rshift, rows, repeat(_ID_BITS)))
    for i in compress(range(1, len(keys)), map(eq, keys, islice(keys, 1, None))):  # keys[i] == keys[i - 1]
        mated[rows[i] & _ID_MASK] = 1
        mated[rows[i - 1] & _ID_MASK] = 1


def paragraph_keys(text: str) -> tuple[int, tuple[int, ...]] | None:
    """(exact key, sketch) of a paragraph's text: the blake2b of its UTF-16 bytes without
    whitespace, and the SKETCH smallest crc32 of their shingles (SHINGLE code units each);
    None when it is shorter than a shingle."""
    data = _SPACES.sub("", text).encode("utf-16-le")  # fixed width: shingle i is data[2i:2i+10]
    count = len(data) // 2 - SHINGLE + 1
    if count <= 0:
        return None
    return _exact(data), _sketch(data, count)


def _exact(data: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


def page_keys(contents: list[str]) -> list[tuple[int, tuple[int, ...]] | None]:
    """paragraph_keys of each of a page's paragraphs. Once a process has hashed BATCH_AFTER
    pages (a run over a corpus, not a one-page check: importing NumPy costs 0.1 s) and NumPy is
    installed, the shingles of the whole page are hashed at once by array lookups: crc32 of a
    shingle is a fixed XOR of what each of its code units gives at its place."""
    global _pages_hashed
    _pages_hashed += 1
    tables = _shingle_tables() if _pages_hashed > BATCH_AFTER else None
    if tables is None:
        return [paragraph_keys(c) for c in contents]
    datas = [_SPACES.sub("", c).encode("utf-16-le") for c in contents]
    return [None if sketch is None else (_exact(data), sketch)
            for data, sketch in zip(datas, _array_sketches(datas, *tables))]


BATCH_AFTER = 16  # pages
_pages_hashed = 0
_tables: tuple | None = None


def _shingle_tables() -> tuple | None:
    """(numpy, T) where T[k][u] is the crc32 that code unit u adds at place k of a shingle (the
    crc32 of the empty shingle folded into T[0]); None without NumPy."""
    global _tables
    if _tables is None:
        try:
            import numpy as np
        except ImportError:
            _tables = ()
            return None
        width = 2 * SHINGLE
        empty = crc32(bytes(width))
        tables = []
        for k in range(SHINGLE):
            table = np.zeros(1, dtype=np.uint32)
            for bit in range(16):  # crc32 less that of zeros is linear: a unit's is the XOR of its bits'
                one = crc32(bytes(2 * k) + (1 << bit).to_bytes(2, "little") + bytes(width - 2 * k - 2)) ^ empty
                table = np.concatenate([table, table ^ np.uint32(one)])
            tables.append(table)
        tables[0] = tables[0] ^ np.uint32(empty)
        _tables = (np, tables)
    return _tables or None


def _array_sketches(datas: list[bytes], np, tables) -> list[tuple[int, ...] | None]:
    """The sketch of each paragraph (UTF-16 bytes), as _sketch gives it, for a page at once."""
    units = np.frombuffer(b"".join(datas), dtype="<u2")
    count = len(units) - SHINGLE + 1
    if count <= 0:
        return [None] * len(datas)
    hashes = tables[0][units[:count]]
    for k in range(1, SHINGLE):
        hashes ^= tables[k][units[k:k + count]]
    sizes = [len(data) // 2 for data in datas]
    paragraph = np.repeat(np.arange(len(datas), dtype=np.uint64), sizes)
    inside = paragraph[:count] == paragraph[SHINGLE - 1:]  # shingles within one paragraph
    keys = np.sort((paragraph[:count][inside] << np.uint64(32)) | hashes[inside].astype(np.uint64))
    distinct = np.empty(len(keys), dtype=bool)
    distinct[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    keys = keys[distinct]
    bounds = np.searchsorted(keys, np.arange(len(datas) + 1, dtype=np.uint64) << np.uint64(32)).tolist()
    values = keys & np.uint64(0xFFFFFFFF)
    return [tuple(values[bounds[p]:min(bounds[p + 1], bounds[p] + SKETCH)].tolist()) if size >= SHINGLE else None
            for p, size in enumerate(sizes)]


def _sketch(data: bytes, count: int) -> tuple[int, ...]:
    """The SKETCH smallest crc32 of the `count` shingles of `data`, sorted. crc32 spreads its
    values evenly, so about 2·SKETCH of them fall under (2·SKETCH / count)·2³²: only those are
    kept and sorted, unless fewer than SKETCH distinct ones do (then all are)."""
    if count <= _KEPT_WINDOWS:
        if len(_WINDOWS) < count:
            _WINDOWS.extend(slice(2 * i, 2 * i + 2 * SHINGLE) for i in range(len(_WINDOWS), _KEPT_WINDOWS))

        def hashes():
            return map(crc32, map(data.__getitem__, islice(_WINDOWS, count)))
    else:
        def hashes():
            return (crc32(data[i:i + 2 * SHINGLE]) for i in range(0, 2 * count, 2))
    if count > 2 * SKETCH:
        limit = (2 * SKETCH << 32) // count
        small = {v for v in hashes() if v < limit}
        if len(small) >= SKETCH:
            return tuple(sorted(small)[:SKETCH])
    return tuple(sorted(set(hashes()))[:SKETCH])


def body_paragraphs(doc: Document, min_han: int):
    for p in doc.paragraphs:
        content = p.text[p.indent:]
        # the cheaper test first: most short paragraphs (headlines, bylines) need no kind
        if len(content) < min_han or sum(map(len, _HAN_RUNS.findall(content))) < min_han:
            continue
        if p.kind is not Kind.BODY:
            continue
        yield p, content


def page_paragraphs(doc: Document, min_han: int) -> Iterator[tuple[int, int, int, int, tuple[int, ...]]]:
    """(body paragraph number, start of its content, end of its text, exact key, sketch) of each
    body paragraph of the page that has keys."""
    for n, (p, content) in enumerate(body_paragraphs(doc, min_han)):
        keys = paragraph_keys(content)
        if keys is not None:
            yield n, p.content_start, p.start + len(p.text.rstrip()), *keys


def band_keys(sketch: tuple[int, ...]) -> list[int]:
    return [hash((b, sketch[b:b + BAND])) for b in range(0, len(sketch) - BAND + 1, BAND)]


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two paragraphs from their bottom-k sketches."""
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:SKETCH]
    return len((sa & sb).intersection(union)) / len(union)


def page_entries(text: str, layout: Layout | None, min_han: int) -> tuple[bytes, list[tuple], list[tuple[int, int]]]:
    """What a page contributes to the index: the digest of its text; (line, column, offset,
    exact key, sketch) of each body paragraph; and each one's body paragraph number and end."""
    found = list(body_paragraphs(Document(text, layout), min_han))
    out, ends = [], []
    for n, ((p, _), keys) in enumerate(zip(found, page_keys([content for _, content in found]))):
        if keys is not None:
            out.append((p.line, p.indent + 1, p.content_start, *keys))
            ends.append((n, p.start + len(p.text.rstrip())))
    return PageCache.digest(text), out, ends


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


def combine(pages: Iterable[tuple[str, tuple[bytes, list[tuple], list[tuple[int, int]]]]]) -> PageIndex:
    index = PageIndex()
    for name, (digest, entries, ends) in pages:
        index.add_page(name, entries, digest, ends)
    return index.finish()
