"""NumPy arrays kept in the cache folder: built once per installation (or configuration), then
memory-mapped, so that worker processes share one copy and a run pays no building.

Only the batch path imports this (it imports NumPy). As with the packed tables (lint/packed.py),
the header naming the arrays is sealed with the user's secret (lint/seal.py) and checked before
it is parsed; the arrays themselves are mapped, not parsed.
"""
from __future__ import annotations

import mmap
from typing import Callable

import numpy as np

from . import seal
from .pagecache import cache_folder, sealing_key, version_of, write_cache_file

MAGIC = b"newslint-arrays1"
ALIGN = 64
MAX_HEADER = 1 << 16


def cached_arrays(kind: str, sources, build: Callable[[], dict[str, np.ndarray]], *version) -> dict[str, np.ndarray]:
    """The arrays `build()` makes, kept in the cache folder for as long as `sources` and
    `version` stay the same."""
    path = cache_folder() / f"{kind}-{version_of(sources, *version, MAGIC)}.arrays"
    try:
        return read_arrays(path, sealing_key())
    except (OSError, ValueError):
        arrays = build()
        write_cache_file(path, arrays_file(arrays, sealing_key()))
        return arrays


def arrays_file(arrays: dict[str, np.ndarray], key: bytes) -> bytes:
    """A file of the arrays: a sealed header (each array's name, dtype, shape and place), then
    the arrays, each from a multiple of ALIGN bytes, the first from a page boundary."""
    entries, offset = [], 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        entries.append((name, array.dtype.str, tuple(array.shape), offset, array.nbytes))
        offset += -(-array.nbytes // ALIGN) * ALIGN
    header = seal.dumps(entries, key)
    start = -(-(len(MAGIC) + 16 + len(header)) // mmap.ALLOCATIONGRANULARITY) * mmap.ALLOCATIONGRANULARITY
    parts = [MAGIC, start.to_bytes(8, "little"), len(header).to_bytes(8, "little"), header]
    parts.append(bytes(start - sum(map(len, parts))))
    for (_, _, _, _, size), array in zip(entries, arrays.values()):
        parts.append(np.ascontiguousarray(array).tobytes())
        parts.append(bytes(-(-size // ALIGN) * ALIGN - size))
    return b"".join(parts)


def read_arrays(path, key: bytes) -> dict[str, np.ndarray]:
    """The arrays of a file `arrays_file` wrote with `key`, mapped read-only. ValueError if it is
    no such file, is cut short, or its header was not sealed with `key`."""
    with open(path, "rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise ValueError(f"{path}: not an arrays file")
        start = int.from_bytes(f.read(8), "little")
        length = int.from_bytes(f.read(8), "little")
        if not len(MAGIC) + 16 + length <= start <= MAX_HEADER:
            raise ValueError(f"{path}: not an arrays file")
        entries = seal.loads(f.read(length), key)
        if type(entries) is not list:
            raise ValueError(f"{path}: not sealed with this user's secret, or damaged")
        size = f.seek(0, 2) - start
        data = mmap.mmap(f.fileno(), size, access=mmap.ACCESS_READ, offset=start) if size else b""
    out = {}
    for entry in entries:
        name, dtype, shape, at, nbytes = entry
        dt = np.dtype(dtype)
        count = int(np.prod(shape)) if shape else 1
        if not (0 <= at and at + nbytes <= size and count * dt.itemsize == nbytes):
            raise ValueError(f"{path}: cut short or damaged")
        out[name] = np.frombuffer(data, dtype=dt, count=count, offset=at).reshape(shape)
    return out

