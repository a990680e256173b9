"""An index of the body paragraphs of every page in the corpus, for repeats across pages.

Each body paragraph of at least `min-length` Han characters (DUP004's option) gets an exact key (its text without
whitespace) and a bottom-k sketch of its 5-character shingles; sketches are banded so that near
copies (a few OCR differences) land in a shared bucket. Building is one pass over the corpus
and a query touches only the buckets of the page's own paragraphs: linear in pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path
from zlib import crc32
from typing import Iterable

from lint.corpus import PageIndexSpec
from lint.document import WHITESPACE, Document
from lint.layout import Kind, Layout
from lint.pagecache import PageCache, version_of

SHINGLE = 5
SKETCH = 24  # bottom-k size
BAND = 4  # minima per band: 6 bands
_STRIP = str.maketrans("", "", WHITESPACE + "\n")


@dataclass(frozen=True, slots=True)
class Place:
    page: int  # index into PageIndex.names
    line: int
    column: int
    offset: int


@dataclass
class PageIndex:
    names: list[str] = field(default_factory=list)
    exact: dict[int, list[Place]] = field(default_factory=dict)
    bands: dict[int, list[Place]] = field(default_factory=dict)
    sketches: dict[Place, tuple[int, ...]] = field(default_factory=dict)


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
        if sum(1 for c in content if "\u3400" <= c <= "\u9fff") < min_han:
            continue
        yield p, content


def band_keys(sketch: tuple[int, ...]) -> list[int]:
    return [hash((b, sketch[b:b + BAND])) for b in range(0, len(sketch) - BAND + 1, BAND)]


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two paragraphs from their bottom-k sketches."""
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


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
        page = len(index.names)
        index.names.append(name)
        for line, column, offset, exact, sketch in entries:
            place = Place(page, line, column, offset)
            index.exact.setdefault(exact, []).append(place)
            index.sketches[place] = sketch
            for band in band_keys(sketch):
                index.bands.setdefault(band, []).append(place)
    return index
