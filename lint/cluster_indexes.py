"""How a run's indexes reach each worker of a Dask cluster (lint/cluster.py): a worker plugin
that hands the pickled indexes to the worker, where the run's first task unpickles them and lets
the pickled copy go. A scattered copy would stay in each worker's memory for the whole run
beside the indexes made from it (a third of what the indexes cost a worker); a plugin also
reaches the workers that join later (an adaptive cluster). Imported only where Dask is.
"""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

_waiting: dict[str, bytes] = {}  # on a worker: the pickled indexes its plugins brought, by run


class IndexesPlugin(WorkerPlugin):
    def __init__(self, key: str, blob: bytes):
        self.key = key
        self.blob: bytes | None = blob

    def setup(self, worker) -> None:
        if self.blob is not None:
            _waiting[self.key] = self.blob
        self.blob = None  # the worker keeps its plugins: not the indexes with them

    def teardown(self, worker) -> None:
        _waiting.pop(self.key, None)


def take(key: str) -> bytes | None:
    """The pickled indexes of run `key`, once (None: taken already, or never brought)."""
    return _waiting.pop(key, None)
