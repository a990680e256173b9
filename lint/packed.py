"""Large lookup tables (the word list, the masked-word index) in a form that loads fast.

A run over one page asks a few thousand questions of tables holding hundreds of thousands of
entries; unmarshalling a dict of them costs more than the page's whole check. A `PackedMap` keeps
the entries as UTF-8 records (b"\x1ekey\x1fvalue") in one byte string, grouped in shards by their
first two characters, and searches a key's shard with bytes.find: loading it creates two
objects. A run that asks many questions (a backlog) loads the flat dict instead, once, and asks
it from then on.
"""
from __future__ import annotations

import mmap
import sys
import weakref

from . import seal

SHARDS = 16384  # a shard holds a few dozen entries: a find() over it is quick
RECORD, UNIT = "\x1e", "\x1f"  # ASCII's own separators: in no key or value of ours


def shard_key(key: str) -> int:
    """Keys of two or more characters are sharded by their first two characters."""
    return (ord(key[0]) * 7919 + ord(key[1])) % SHARDS


class PackedMap:
    """A str -> int (or str -> str) mapping: keys of one character in a dict, the others in the
    shards of one byte string (`bounds`: where shard k begins, as uint32). `load_flat()` gives
    the same mapping as a dict, used after FLAT_AFTER questions."""

    FORMAT = 3  # of `pack`'s output and of the file: part of the names of the cached copies
    FLAT_AFTER = 100_000  # questions (some five pages): then one dict lookup beats find()

    loaded: weakref.WeakSet[PackedMap] = weakref.WeakSet()  # the tables of this process, for flatten_all

    def __init__(self, packed: tuple, load_flat):
        self._records, bounds, self.short, self._ints = packed
        self._bounds = memoryview(bounds).cast("I")
        self._load_flat = load_flat
        self._asked = 0
        PackedMap.loaded.add(self)

    @classmethod
    def flatten_all(cls) -> None:
        """Load every table's flat dict now: before forking workers over many pages, so that
        they share the parent's copy instead of each loading its own."""
        for table in list(cls.loaded):
            table.flat()

    @staticmethod
    def pack(mapping: dict) -> tuple:
        """The marshal-able form of `mapping`; records sorted, so a key comes before the longer
        keys it starts."""
        shards: dict[int, list[str]] = {}
        short = {}
        ints = all(isinstance(v, int) for v in mapping.values())
        for key in sorted(mapping):
            value = str(mapping[key])
            if RECORD in key + value or UNIT in key + value:
                raise ValueError(f"a separator in {key!r}")
            if len(key) < 2:
                short[key] = mapping[key]
            else:
                shards.setdefault(shard_key(key), []).append(f"{RECORD}{key}{UNIT}{value}")
        records, bounds = bytearray(), []
        for k in range(SHARDS):
            bounds.append(len(records))
            records += "".join(shards.get(k, ())).encode("utf-8")
        bounds.append(len(records))
        records += RECORD.encode()  # every record ends where the next begins, the last one too
        return bytes(records), b"".join(b.to_bytes(4, sys.byteorder) for b in bounds), short, ints

    def get(self, key: str, default=None):
        if len(key) < 2:
            return self.short.get(key, default)
        self._asked += 1
        if self._asked >= self.FLAT_AFTER:
            return self.flat().get(key, default)
        k = shard_key(key)
        records = self._records
        record = f"{RECORD}{key}{UNIT}".encode("utf-8")
        at = records.find(record, self._bounds[k], self._bounds[k + 1])
        if at < 0:
            return default
        at += len(record)
        value = records[at:records.find(b"\x1e", at)]
        return int(value) if self._ints else value.decode("utf-8")

    def prefixed(self, text: str, i: int, stop: int) -> list[tuple[int, object]]:
        """(j, value) for each key text[i:j], i + 2 <= j <= stop, shortest first: one search a
        length, and none past the first length no key begins with (records are sorted, so the
        first record a prefix finds is the prefix itself when it is a key)."""
        if i + 2 > stop:
            return []
        records, bounds = self._records, self._bounds
        k = shard_key(text[i:i + 2])
        lo, hi = bounds[k], bounds[k + 1]
        found = []
        for j in range(i + 2, stop + 1):
            head = (RECORD + text[i:j]).encode("utf-8")
            at = records.find(head, lo, hi)
            if at < 0:
                break
            lo = at  # the longer prefixes sort after this one
            at += len(head)
            if records[at] == 0x1F:
                value = records[at + 1:records.find(b"\x1e", at)]
                found.append((j, int(value) if self._ints else value.decode("utf-8")))
        self._asked += len(found) + 1
        return found

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    @property
    def saturated(self) -> bool:
        """The run has asked many questions: it reads many pages."""
        return self._asked >= self.FLAT_AFTER

    def flat(self) -> dict:
        flat = self.__dict__.get("_flat")
        if flat is None:
            flat = self._flat = self._load_flat()
            self.get = flat.get  # from now on the dict answers, at C speed
        return flat

    def items(self):
        return self.flat().items()


class CharMap:
    """A one-character -> str mapping (a character's look-alikes, its neighbours in words) that
    loads in microseconds: the values of the Han block (U+4E00..U+9FFF) as one UTF-8 byte string
    with an offset per character, other keys (and entries laid `over` it) in a small dict.
    Unmarshalling a dict of its 5,000 entries cost a page check 3 ms a table, and a page asks
    about a few hundred characters; a run over many pages gets the dict after FLAT_AFTER
    questions. Values are non-empty (an empty one reads as absent)."""

    FIRST, LAST = 0x4E00, 0x9FFF
    FLAT_AFTER = 5_000  # questions (some three pages)

    def __init__(self, packed: tuple, over: dict | None = None):
        self._values, offsets, rest = packed
        self._packed = packed
        self._at = memoryview(offsets).cast("I")
        self._rest = {**rest, **over} if over else rest
        self._asked = 0

    @classmethod
    def pack(cls, mapping: dict[str, str]) -> tuple:
        """The marshal-able form of `mapping`."""
        values, offsets, rest = bytearray(), [], {}
        for code in range(cls.FIRST, cls.LAST + 1):
            offsets.append(len(values))
            values += mapping.get(chr(code), "").encode("utf-8")
        offsets.append(len(values))
        for key, value in mapping.items():
            if len(key) != 1 or not value:
                raise ValueError(f"not a character with a value: {key!r}")
            if not cls.FIRST <= ord(key) <= cls.LAST:
                rest[key] = value
        return bytes(values), b"".join(o.to_bytes(4, sys.byteorder) for o in offsets), rest

    def over(self, entries: dict[str, str]) -> CharMap:
        """This mapping with `entries` laid over it."""
        return CharMap(self._packed, entries)

    def get(self, key: str, default=None):
        found = self._rest.get(key)
        if found is not None:
            return found
        self._asked += 1
        if self._asked >= self.FLAT_AFTER:
            return self.flat().get(key, default)
        k = ord(key) - self.FIRST if len(key) == 1 else -1
        if 0 <= k <= self.LAST - self.FIRST:
            lo, hi = self._at[k], self._at[k + 1]
            if hi > lo:
                return self._values[lo:hi].decode("utf-8")
        return default

    def flat(self) -> dict[str, str]:
        """The mapping as a dict, which answers from now on."""
        at, values, first = self._at, self._values, self.FIRST
        flat = {chr(first + k): values[at[k]:at[k + 1]].decode("utf-8")
                for k in range(len(at) - 1) if at[k + 1] > at[k]}
        flat.update(self._rest)
        self.get = flat.get
        return flat


MAGIC = b"newslint-packed\n"
MAX_HEADER = 1 << 24  # a header is a few kilobytes: more is no packed table


def file_bytes(packed: tuple, extra=None, key: bytes = b"") -> bytes:
    """The packed table as a file: a marshalled header (bounds, one-character keys, `extra`),
    sealed with `key` (see lint/seal.py), then the records from a page boundary on, so that
    `read_file` maps them without reading."""
    records, bounds, short, ints = packed
    return sealed_file(MAGIC, (bounds, short, ints, extra, len(records)), records, key)


def read_file(path, key: bytes = b"") -> tuple[tuple, object]:
    """(packed, extra) from a file `file_bytes` wrote with `key`: the records memory-mapped (the
    pages a run touches are read, not the 4.5 MB). ValueError if it is no such file, is cut
    short, or its header was not sealed with `key`."""
    header, records, size = open_sealed_file(path, MAGIC, key)
    if not (type(header) is tuple and len(header) == 5 and type(header[4]) is int and header[4] >= 0):
        raise ValueError(f"{path}: not sealed with this user's secret, or damaged")
    bounds, short, ints, extra, length = header
    if length != size:
        raise ValueError(f"{path}: cut short")
    return (records, bounds, short, ints), extra


def sealed_file(magic: bytes, header, body: bytes, key: bytes) -> bytes:
    """A cache file: `magic`, the marshalled `header` sealed with `key` (lint/seal.py: checked
    before it is parsed), then `body` from a page boundary on, to be mapped, not read."""
    sealed = seal.dumps(header, key)
    start = -(-(len(magic) + 16 + len(sealed)) // mmap.ALLOCATIONGRANULARITY) * mmap.ALLOCATIONGRANULARITY
    head = magic + start.to_bytes(8, "little") + len(sealed).to_bytes(8, "little") + sealed
    return head + bytes(start - len(head)) + body


def open_sealed_file(path, magic: bytes, key: bytes) -> tuple[object, object, int]:
    """(header, body mapped read-only, the body's size) of a file `sealed_file` wrote with `key`.
    ValueError if it is no such file or its header was not sealed with `key`."""
    with open(path, "rb") as f:
        if f.read(len(magic)) != magic:
            raise ValueError(f"{path}: not a {magic.decode().strip()} file")
        start = int.from_bytes(f.read(8), "little")
        length = int.from_bytes(f.read(8), "little")
        if not len(magic) + 16 + length <= start <= MAX_HEADER:
            raise ValueError(f"{path}: not a {magic.decode().strip()} file")
        header = seal.loads(f.read(length), key)
        if header is None:
            raise ValueError(f"{path}: not sealed with this user's secret, or damaged")
        size = f.seek(0, 2) - start
        body = mmap.mmap(f.fileno(), size, access=mmap.ACCESS_READ, offset=start) if size > 0 else b""
    return header, body, max(size, 0)


def cached_table(kind: str, sources, build, *version, summary=None) -> tuple[PackedMap, object]:
    """A PackedMap of the dict `build()` makes, kept in the cache folder for as long as
    `sources` and `version` stay the same: the records in a file mapped on load, the flat dict in
    another (read only by a run that asks many questions). `summary(the dict)` is kept with the
    records and returned with the table (the word list's total count)."""
    from .pagecache import cache_folder, cached, sealing_key, version_of, write_cache_file

    def flat() -> dict:
        return cached(kind, sources, build, *version)

    path = cache_folder() / f"{kind}-{version_of(sources, *version, PackedMap.FORMAT)}.packed"
    try:
        packed, extra = read_file(path, sealing_key())
    except (OSError, ValueError, EOFError, TypeError):
        mapping = flat()
        packed, extra = PackedMap.pack(mapping), summary(mapping) if summary else None
        write_cache_file(path, file_bytes(packed, extra, sealing_key()))
    return PackedMap(packed, flat), extra
