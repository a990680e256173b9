"""The name index of a corpus: every name the finder sees, where it stands, in which list.

Finding names costs about a second per megabyte, too slow for a pre-commit hook that checks one
page against two thousand. So the names of each page are cached by the page's content (a
blake2b digest of its text and of the finder's own code and word lists): a warm run reads the
pages, hashes them and finds names only in the pages that changed.

A page contributes the digest of its text, its names and its name shapes (what a misread name
looks like: the name rules compare them with the spellings around them). The index keeps each
page's names and shapes, packed, by that digest: the name rules checking a page whose text the
index holds read them back rather than running the finder again.
"""
from __future__ import annotations

import marshal
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from lint.corpus import PageIndexSpec
from lint.data import packs_dir
from lint.pagecache import PageCache, version_of

from lint.records import field, record

from .names import NameHit, names_and_shapes


MIN_SHARED = 3  # two lists are of the same people when they share this many names
T = TypeVar("T")


@record(frozen=True, slots=True)
class Place:
    page: int  # index into NameIndex.pages
    offset: int
    line: int  # 1-based
    column: int  # 1-based
    kind: str
    group: int
    position: int


@record
class NameIndex:
    pages: list[str] = field(default_factory=list)
    places: dict[str, list[Place]] = field(default_factory=dict)
    lists: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (page, group) -> names
    _keys: dict[str, set[str]] = field(default_factory=dict)  # 李?波 -> {李晓波, 李海波}
    _keyed: set[tuple[str, int]] = field(default_factory=set)  # (name, surname length) in _keys
    # "name<TAB><neighbour" (">neighbour") -> which of places[name] follow (precede) that name in a list
    _beside: dict[str, list[int]] = field(default_factory=dict)
    _names_beside: dict[str, set[str]] = field(default_factory=dict)  # "<neighbour" (">neighbour") -> those names
    _by_file_name: dict[str, list[int]] | None = None
    _by_file_name_of: list[str] = field(default_factory=list)
    _by_digest: dict[bytes, bytes] = field(default_factory=dict)  # a page's text digest -> its names and shapes, packed
    _made: dict[Callable, tuple] = field(default_factory=dict)  # made_of_names: make -> (names then, what it made)

    def add(self, page: str, hits: Iterable[tuple], digest: bytes | None = None,
            shapes: Iterable[tuple] | None = None) -> None:
        """Add a page's names (hit_tuples). With the `digest` of its text and its `shapes`
        (shape_tuples), a page with that text has them read back (`names_of_text`)."""
        n = len(self.pages)
        self.pages.append(page)
        if digest is not None and shapes is not None:
            hits = list(hits)
            if digest not in self._by_digest:
                self._by_digest[digest] = marshal.dumps((hits, list(shapes)))
        listed = []
        for name, surname_len, offset, line, column, kind, group, position in hits:
            places = self.places.setdefault(name, [])
            if group >= 0:
                self.lists.setdefault((n, group), []).append(name)
                listed.append((name, len(places), group, position))
            places.append(Place(n, offset, line, column, kind, group, position))
            if (name, surname_len) not in self._keyed:  # (a name comes back page after page)
                self._keyed.add((name, surname_len))
                for key in wildcard_keys(name, surname_len):
                    self._keys.setdefault(key, set()).add(name)
        for name, k, group, position in listed:
            before, after = list_neighbours(self.lists[(n, group)], position)
            if before is not None:
                self._beside.setdefault(f"{name}\t<{before}", []).append(k)
                self._names_beside.setdefault("<" + before, set()).add(name)
            if after is not None:
                self._beside.setdefault(f"{name}\t>{after}", []).append(k)
                self._names_beside.setdefault(">" + after, set()).add(name)

    def in_lists_beside(self, name: str, before: str | None, after: str | None) -> list[Place]:
        """The places of `name` in a list where `before` precedes it or `after` follows it, in
        the order of places[name]: a common name stands in thousands of places, few of them
        beside the same neighbour."""
        rows = self._beside.get(f"{name}\t<{before}", []) if before is not None else []
        if after is not None:
            rows = sorted({*rows, *self._beside.get(f"{name}\t>{after}", ())})
        places = self.places.get(name, [])
        return [places[k] for k in rows]

    def made_of_names(self, make: Callable[[dict[str, list[Place]]], T]) -> T:
        """make(places), made once for as many names: what the check of every page asks of
        the whole index (spellings.single_windows_among)."""
        found = self._made.get(make)
        if found is None or found[0] != len(self.places):
            found = self._made[make] = (len(self.places), make(self.places))
        return found[1]

    def names_beside(self, before: str | None, after: str | None) -> set[str]:
        """The names that `before` precedes or `after` follows in some list: those whose
        in_lists_beside(name, before, after) has a place."""
        found: set[str] = set()
        if before is not None:
            found.update(self._names_beside.get("<" + before, ()))
        if after is not None:
            found.update(self._names_beside.get(">" + after, ()))
        return found

    def pages_named(self, file_name: str) -> list[int]:
        """The pages whose file name is `file_name` (copies of a page have the same one)."""
        if self._by_file_name is None or len(self._by_file_name_of) != len(self.pages):
            self._by_file_name, self._by_file_name_of = {}, list(self.pages)
            for n, page in enumerate(self.pages):
                self._by_file_name.setdefault(os.path.basename(page), []).append(n)
        return self._by_file_name.get(file_name, [])

    def names_of_text(self, digest: bytes) -> tuple[list[NameHit], list[NameHit]] | None:
        """(find_names, name_shapes) of a text with this digest (PageCache.digest), when a page
        of the index has that text; else None."""
        packed = self._by_digest.get(digest)
        if packed is None:
            return None
        hits, shapes = marshal.loads(packed)
        return ([NameHit(offset, offset + len(name), name, name[:s], kind, group, position)
                 for name, s, offset, _, _, kind, group, position in hits],
                [NameHit(start, start + len(name), name, name[:s], kind) for start, name, s, kind in shapes])

    def spellings_near(self, name: str, surname_len: int, chars: Callable[[str], str] | None = None,
                       among: set[str] | None = None) -> set[str]:
        """Indexed names of the same surname and length that differ in one given-name character;
        with `chars`, only those whose character is one of chars(the character of `name`); with
        `among`, only those in it (a common surname's key holds hundreds of names)."""
        out: set[str] = set()
        for j, key in enumerate(wildcard_keys(name, surname_len), surname_len):
            found = self._keys.get(key)
            if not found:
                continue
            if among is not None:
                found = found & among
            if chars is None:
                out |= found
                continue
            allowed = chars(name[j])
            if len(allowed) < len(found):  # a few characters to try, where a common surname has hundreds of names
                out.update(o for o in (key[:j] + c + key[j + 1:] for c in allowed) if o in found)
            else:
                out.update(o for o in found if o[j] in allowed)
        out.discard(name)
        return out


def list_neighbours(names: list[str], i: int) -> tuple[str | None, str | None]:
    """The names before and after names[i] in its list (None at either end)."""
    return names[i - 1] if i > 0 else None, names[i + 1] if i + 1 < len(names) else None


def parallel_lists(a: list[str], i: int, b: list[str], j: int) -> bool:
    """a[i] and b[j] hold the same place in two lists of the same people: the lists share at
    least MIN_SHARED names, and a neighbour of a[i] is the same neighbour of b[j]."""
    if len(set(a) & set(b)) < MIN_SHARED:
        return False
    before = i > 0 and j > 0 and a[i - 1] == b[j - 1]
    after = i + 1 < len(a) and j + 1 < len(b) and a[i + 1] == b[j + 1]
    return before or after


def wildcard_keys(name: str, surname_len: int) -> list[str]:
    return [name[:j] + "?" + name[j + 1:] for j in range(surname_len, len(name))]


def hit_tuples(text: str, hits: list[NameHit]) -> list[tuple]:
    out, line, last = [], 1, 0
    line_start = 0
    for h in hits:
        nl = text.count("\n", last, h.start)
        if nl:
            line += nl
            line_start = text.rfind("\n", 0, h.start) + 1
        last = h.start
        out.append((h.name, len(h.surname), h.start, line, h.start - line_start + 1, h.kind, h.group, h.position))
    return out


def shape_tuples(shapes: list[NameHit]) -> list[tuple]:
    return [(h.start, h.name, len(h.surname), h.kind) for h in shapes]


def page_names(text: str) -> tuple[bytes, list[tuple], list[tuple]]:
    """What a page contributes: the digest of its text, its names and its name shapes."""
    hits, shapes = names_and_shapes(text)
    return PageCache.digest(text), hit_tuples(text, hits), shape_tuples(shapes)


@lru_cache(maxsize=1)
def finder_version() -> str:
    """Changes whenever the finder or its word lists change, so the cache never serves stale names."""
    words = packs_dir() / "words"
    return version_of([Path(__file__).with_name("names.py"), Path(__file__), words / "surnames.txt",
                       words / "common-surnames.txt", words / "given-name-chars.txt", words / "jieba-words.tsv.gz"])


def name_cache() -> PageCache:
    """The names of each page, by content: a warm run finds names only in pages that changed."""
    return PageCache("names", finder_version(), page_names)


def combine(pages: Iterable[tuple[str, tuple[bytes, list[tuple], list[tuple]]]]) -> NameIndex:
    index = NameIndex()
    for name, (digest, hits, shapes) in pages:
        index.add(name, hits, digest, shapes)
    return index


NAMES = PageIndexSpec("names", name_cache, combine)
