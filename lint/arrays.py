"""NumPy arrays kept in the cache folder: built once per installation (or configuration), then
memory-mapped, so that worker processes share one copy and a run pays no building.

Only the batch path imports this (it imports NumPy). As with the packed tables (lint/packed.py),
the header naming the arrays is sealed with the user's secret (lint/seal.py) and checked before
it is parsed; the arrays themselves are mapped, not parsed.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .packed import open_sealed_file, sealed_file
from .pagecache import cache_folder, sealing_key, version_of, write_cache_file

MAGIC = b"newslint-arrays\n"
ALIGN = 64


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
    the arrays, each from a multiple of ALIGN bytes."""
    entries, parts, offset = [], [], 0
    for name, array in arrays.items():
        data = np.ascontiguousarray(array).tobytes()
        entries.append((name, array.dtype.str, tuple(array.shape), offset, len(data)))
        padded = -(-len(data) // ALIGN) * ALIGN
        parts += [data, bytes(padded - len(data))]
        offset += padded
    return sealed_file(MAGIC, entries, b"".join(parts), key)


def read_arrays(path, key: bytes) -> dict[str, np.ndarray]:
    """The arrays of a file `arrays_file` wrote with `key`, mapped read-only. ValueError if it is
    no such file, is cut short, or its header was not sealed with `key`."""
    entries, data, size = open_sealed_file(path, MAGIC, key)
    if type(entries) is not list:
        raise ValueError(f"{path}: not sealed with this user's secret, or damaged")
    out = {}
    for name, dtype, shape, at, nbytes in entries:
        dt = np.dtype(dtype)
        count = int(np.prod(shape)) if shape else 1
        if not (0 <= at and at + nbytes <= size and count * dt.itemsize == nbytes):
            raise ValueError(f"{path}: cut short or damaged")
        out[name] = np.frombuffer(data, dtype=dt, count=count, offset=at).reshape(shape)
    return out
