"""Large lookup tables (the word list, the masked-word index) in a form that loads fast.

A run over one page asks a few thousand questions of tables holding hundreds of thousands of
entries; unmarshalling a dict of them costs more than the page's whole check. A `PackedMap` keeps
the entries as UTF-8 records (b"\x1ekey\x1fvalue") in one byte string, grouped in shards by their
first two characters, and searches a key's shard with bytes.find: loading it creates two
objects. A run that asks many questions (a backlog) loads the flat dict instead, once, and asks
it from then on.
"""
from __future__ import annotations

import sys

SHARDS = 16384  # a shard holds a few dozen entries: a find() over it is quick
RECORD, UNIT = "\x1e", "\x1f"  # ASCII's own separators: in no key or value of ours


def shard_key(key: str) -> int:
    """Keys of two or more characters are sharded by their first two characters."""
    return (ord(key[0]) * 7919 + ord(key[1])) % SHARDS


class PackedMap:
    """A str -> int (or str -> str) mapping: keys of one character in a dict, the others in the
    shards of one byte string (`bounds`: where shard k begins, as uint32). `load_flat()` gives
    the same mapping as a dict, used after FLAT_AFTER questions."""

    FORMAT = 2  # of `pack`'s output: part of the names of the cached copies
    FLAT_AFTER = 100_000  # questions (some five pages): then one dict lookup beats find()

    def __init__(self, packed: tuple, load_flat):
        self._records, bounds, self._short, self._ints = packed
        self._bounds = memoryview(bounds).cast("I")
        self._load_flat = load_flat
        self._asked = 0

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
            return self._short.get(key, default)
        self._asked += 1
        if self._asked >= self.FLAT_AFTER:
            self.get = self.flat().get  # from now on the dict answers, at C speed
        k = shard_key(key)
        records = self._records
        record = f"{RECORD}{key}{UNIT}".encode("utf-8")
        at = records.find(record, self._bounds[k], self._bounds[k + 1])
        if at < 0:
            return default
        at += len(record)
        value = records[at:records.index(b"\x1e", at)]
        return int(value) if self._ints else value.decode("utf-8")

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def starts_longer(self, prefix: str) -> bool:
        """Some key longer than the two characters `prefix` starts with them."""
        k = shard_key(prefix)
        records, lo, hi = self._records, self._bounds[k], self._bounds[k + 1]
        record = (RECORD + prefix).encode("utf-8")
        at = records.find(record, lo, hi)
        if at < 0:
            return False
        return records[at + len(record)] != 0x1F or records.find(record, at + 1, hi) >= 0

    @property
    def saturated(self) -> bool:
        """The run has asked many questions: it reads many pages."""
        return self._asked >= self.FLAT_AFTER

    def flat(self) -> dict:
        flat = self.__dict__.get("_flat")
        if flat is None:
            flat = self._flat = self._load_flat()
        return flat

    def items(self):
        return self.flat().items()
