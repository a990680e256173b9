"""Checking pages on a Dask cluster: `newslint check --dask ADDRESS` (page files and shards), and
`check_bag` / `check_dataframe` for pipelines whose pages are records of a Dask bag or dataframe.

The work and its order are those of a run over --jobs processes, so the findings are the same,
byte for byte:
1. map: each chunk of pages, on a worker, gives its pages' contributions to the cross-page
   indexes (names, paragraphs printed on other pages, page jumps);
2. reduce: the client folds them, in corpus order, into the indexes a serial run builds;
3. broadcast and map: the indexes go to every worker once (lint/cluster_indexes.py), and each
   batch of pages is checked there; the outcomes come back to the client in the order of the pages.

Workers read the pages themselves: they must see the files at the paths the client names (one
machine, or a shared file system). Dask (`pip install 'newslint[dask]'`) is imported only here.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .records import field, record

if TYPE_CHECKING:
    from .config import Config, ConfigResolver
    from .corpus import PageIndexSpec
    from .runner import PageOutcome, RunOptions

IN_FLIGHT = 4  # batches a worker holds at once: enough to keep it busy, few enough to bound memory
NEEDS_DASK = "the Dask runner needs Dask: pip install 'newslint[dask]'"
# A worker's memory (measured, bench/dask_bench.py): the rules' tables and a few batches, then
# per byte of pickled indexes about three while it unpickles them (the pickled copy beside what
# it makes; about two after). Dask pauses a worker at 80 % of its limit: a run needing more
# would hang or lose its workers, so it is refused first (check_memory).
WORKER_BASE = 250_000_000
INDEX_GROWTH = 3
PAUSE_AT = 0.8
HOW_TO_FIT = ("give the workers more memory (dask-jobqueue's memory=, `dask worker --memory-limit`) or check "
              "the corpus as groups, each its own corpus (docs/scale.md, \"A corpus larger than a worker\")")


class ClusterError(Exception):
    """Dask is missing or the scheduler cannot be reached; the message says what to do."""


def _dask():
    try:
        import distributed
    except ImportError as e:
        raise ClusterError(NEEDS_DASK) from e
    return distributed


def connect(address: str):
    """A Dask client: `local` (a cluster of one worker a core on this machine), `local:N` (N
    workers), a scheduler file (the JSON dask-jobqueue and `dask scheduler --scheduler-file`
    write), or a scheduler's address (tcp://host:8786). Workers are processes of one thread: the
    rules are Python, and threads would share one interpreter lock."""
    distributed = _dask()
    try:
        if address == "local" or address.startswith("local:"):
            count = address.partition(":")[2]
            if count and not (count.isdigit() and int(count) > 0):
                raise ClusterError(f"--dask {address}: the number of workers must be a positive whole number")
            from .parallel import available_jobs

            cluster = distributed.LocalCluster(n_workers=int(count) if count else available_jobs(),
                                               threads_per_worker=1, processes=True, dashboard_address=None)
            client = distributed.Client(cluster)
            client.newslint_owns_cluster = cluster  # closed with the client (see close)
            return client
        if address.endswith(".json") and Path(address).is_file():
            return distributed.Client(scheduler_file=address)
        return distributed.Client(address, timeout="30s")
    except ClusterError:
        raise
    except (OSError, TimeoutError, ValueError) as e:  # (ValueError: an address Dask cannot use)
        raise ClusterError(f"--dask {address}: cannot reach the scheduler: {e}") from e


def close(client) -> None:
    cluster = getattr(client, "newslint_owns_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def memory_limits(client) -> list[int]:
    """Each worker's memory limit in bytes (0: none set)."""
    return [int(w.get("memory_limit") or 0) for w in client.scheduler_info().get("workers", {}).values()]


def check_memory(limits: Iterable[int], index_bytes: int = 0) -> None:
    """Refuse a run whose workers cannot hold what checking needs: the rules' tables and
    `index_bytes` of pickled indexes (see WORKER_BASE); workers without a limit are not asked."""
    limits = [limit for limit in limits if limit > 0]
    if not limits:
        return
    need = WORKER_BASE + INDEX_GROWTH * index_bytes
    if need <= PAUSE_AT * min(limits):
        return
    what = (f"{WORKER_BASE / 1e9:.2f} GB for the rules and {INDEX_GROWTH * index_bytes / 1e9:.2f} GB for this "
            f"corpus's indexes ({index_bytes / 1e6:.0f} MB pickled)" if index_bytes else
            f"{WORKER_BASE / 1e9:.2f} GB for the rules alone")
    raise ClusterError(f"a worker needs about {need / 1e9:.2f} GB ({what}); the smallest worker's memory limit is "
                       f"{min(limits) / 1e9:.2f} GB and Dask pauses a worker at {PAUSE_AT:.0%} of it: {HOW_TO_FIT}")


def workers_of(client) -> int:
    """The cluster's workers now (at least one: an adaptive cluster may start with none)."""
    return max(1, len(client.scheduler_info().get("workers", {})))


def ordered(client, fn: Callable, items: Iterable, *args: Any, window: int) -> Iterator:
    """fn(item, *args) for each item, computed on the cluster with at most `window` at once,
    the results in the order of the items; an item is taken only when there is room for it."""
    pending: deque = deque()
    items = iter(items)
    more = True
    while True:
        while more and len(pending) < window:
            try:
                item = next(items)
            except StopIteration:
                more = False
                break
            pending.append(client.submit(fn, item, *args, pure=False))
        if not pending:
            return
        future = pending.popleft()
        try:
            result = future.result()
        except _dask().KilledWorker as e:
            raise ClusterError(f"workers died running a task, most often for want of memory ({e}): {HOW_TO_FIT}") from e
        finally:
            future.release()
        yield result


# -- the command line's run over page files and shards ------------------------------------------------


@record
class RunRecipe:
    """What a worker needs to plan the run as the client did: the working folder (page names
    and relative paths), the configuration named on the command line and its overrides, the
    run's options."""

    cwd: str
    config: str | None
    cli: dict = field(default_factory=dict)
    options: RunOptions | None = None


@record
class Stages:
    """Where a cluster run's time went (seconds): the pages' contributions to the indexes (map),
    folding them into the indexes (reduce, on the client), sending the indexes to the workers
    (broadcast) and checking the pages (checks); and the indexes' size as sent."""

    workers: int = 0
    map: float = 0.0
    reduce: float = 0.0
    broadcast: float = 0.0
    checks: float = 0.0
    index_bytes: int = 0
    # bytes: the largest resident size a worker reached during the map, and during the broadcast
    # and the checks (the indexes unpickled, batches in flight); the client's over the whole run
    map_peak: int = 0
    check_peak: int = 0
    client_peak: int = 0
    check_cpu: float = 0.0  # seconds of CPU the workers spent in the checks (busy: over workers × checks)
    client_cpu: float = 0.0  # ... and the client (with the scheduler of a local cluster), reading and taking results

    @property
    def worker_peak(self) -> int:
        return max(self.map_peak, self.check_peak)

    def line(self) -> str:
        total = self.map + self.reduce + self.broadcast + self.checks
        return (f"newslint: dask: {self.workers} worker{'s' if self.workers != 1 else ''}; indexes: map "
                f"{self.map:.1f} s, reduce {self.reduce:.1f} s ({self.reduce / total if total else 0:.0%} of the run), "
                f"broadcast {self.broadcast:.1f} s ({self.index_bytes / 1e6:.1f} MB); checks {self.checks:.1f} s; "
                f"a worker's peak memory {self.worker_peak / 1e6:.0f} MB (map {self.map_peak / 1e6:.0f} MB, "
                f"checks {self.check_peak / 1e6:.0f} MB), the client's {self.client_peak / 1e6:.0f} MB; the workers "
                f"busy {self.busy:.0%} of the checks; the client's CPU in them {self.client_cpu:.1f} s")

    @property
    def busy(self) -> float:
        """The share of the checks' time the workers computed (below about 90 %: they waited
        for batches, the client or the scheduler being too slow to feed them)."""
        return min(1.0, self.check_cpu / (self.workers * self.checks)) if self.checks and self.workers else 0.0


class DaskRun:
    """One command-line run on a cluster: its page files (`check_pages`), then its shards
    (`check_shards` hands its batches of records to `map_records`). The two share the run's
    corpora, so the indexes are built once; `close` gathers the workers' peak memory and lets
    the cluster go."""

    def __init__(self, address: str, recipe: RunRecipe, stages: Stages | None = None):
        self.client = connect(address)
        self.recipe = recipe
        self.stages = stages if stages is not None else Stages()
        self.stages.workers = self.workers = workers_of(self.client)
        try:
            check_memory(memory_limits(self.client))
        except ClusterError:
            close(self.client)
            raise
        self.window = IN_FLIGHT * self.workers  # batches on the cluster at once
        import uuid

        self.token = uuid.uuid4().hex  # names the run's plan in each worker
        self._sent: tuple | None = None  # (files, extra, what the check tasks take: see send)
        self._plugins: list[str] = []  # the workers' plugins that brought the indexes (see send)
        self._checks_begin()  # (starts each worker's count afresh: what came before is the map's)

    def _workers_cpu(self) -> float:
        """The CPU seconds the workers have spent so far."""
        try:
            return sum(self.client.run(_cpu_seconds).values())
        except Exception:  # noqa: BLE001 - a figure for the summary, never a reason to fail the run
            return 0.0

    def _checks_begin(self) -> None:
        """The map is over (or the run starts): take its peak, and count the checks from here."""
        self._peak("map_peak")
        self._cpu_mark = self._workers_cpu()
        self._client_mark = time.process_time()

    def _checks_end(self) -> None:
        """The checks so far are over: add their peak and CPU to the stages."""
        self._peak("check_peak")
        self.stages.check_cpu += self._workers_cpu() - self._cpu_mark
        self.stages.client_cpu += time.process_time() - self._client_mark

    def _peak(self, stage: str) -> None:
        """Take the workers' largest peak memory since the last call as `stage`'s (the larger
        of it and what an earlier part of the run took), and start their count afresh."""
        try:
            peaks = self.client.run(_peak_memory, True).values()
        except Exception:  # noqa: BLE001 - a figure for the summary, never a reason to fail the run
            return
        setattr(self.stages, stage, max(getattr(self.stages, stage), *peaks, 0))

    def close(self) -> None:
        if self.client is None:
            return
        self._checks_end()
        self.stages.client_peak = _peak_memory()
        for name in self._plugins:  # (a cluster that outlives the run: its workers let the indexes go)
            with contextlib.suppress(Exception):  # the run is over; a worker gone already holds nothing
                self.client.unregister_worker_plugin(name)
        close(self.client)
        self.client = None

    def prepare(self, tasks: list) -> None:
        """Build the indexes the rules of `tasks` read: contributions on the workers (map),
        folded here (reduce)."""
        from .records import replace
        from .runner import index_specs

        stages = self.stages
        if stages.checks:  # pages checked before these indexes: their memory and CPU are the checks'
            self._checks_end()

        def timed(combine):
            def run(pairs):
                began = time.perf_counter()
                try:
                    return combine(pairs)
                finally:
                    stages.reduce += time.perf_counter() - began
            return run

        started, reduced = time.perf_counter(), stages.reduce
        for corpus, specs in index_specs(tasks):
            specs = [replace(spec, combine=timed(spec.combine)) for spec in specs]
            corpus.prepare(specs, self.workers, map_chunks=lambda chunks, todo, encoding, cwd, fields: ordered(
                self.client, _contributions, chunks, todo, encoding, cwd, fields, window=self.window))
        stages.map += time.perf_counter() - started - (stages.reduce - reduced)
        self._checks_begin()

    def send(self, files: list[Path], extra: list[Path] | None, corpora: dict) -> tuple:
        """The files (a future) and the indexes (a worker plugin: see lint/cluster_indexes.py)
        on every worker once; what the check tasks take: the files, the extra files and the
        name of the run's indexes on the workers."""
        import pickle

        from .cluster_indexes import IndexesPlugin

        if self._sent is not None and self._sent[:2] == (files, extra):
            return self._sent[2]
        started = time.perf_counter()
        blob = pickle.dumps({key: corpus.indexes() for key, corpus in corpora.items()},
                            protocol=pickle.HIGHEST_PROTOCOL)  # unpickled once a worker
        self.stages.index_bytes = max(self.stages.index_bytes, len(blob))
        check_memory(memory_limits(self.client), len(blob))
        key = f"{self.token}:{len(self._plugins)}"
        self.client.register_plugin(IndexesPlugin(key, blob), name=f"newslint-indexes-{key}")
        self._plugins.append(f"newslint-indexes-{key}")
        del blob
        shared = (*self.client.scatter([files, extra], broadcast=True, hash=False), key)
        self.stages.broadcast += time.perf_counter() - started
        self._sent = (files, extra, shared)
        return shared

    def check_pages(self, files: list[Path], resolver: ConfigResolver, options: RunOptions,
                    corpora: dict | None = None, extra: list[Path] | None = None) -> Iterator[PageOutcome]:
        """The outcome of each page of `files`, in order (as runner.check_pages, whose `corpora`
        and `extra` these are). The result cache is not used: a cluster run is a backlog's run."""
        from .runner import page_batches, plan_run

        if not files:
            return
        plan = plan_run(files, resolver, options, None, corpora, extra)
        self.prepare(plan.tasks)
        shared = self.send(files, extra, plan.corpora)
        started = time.perf_counter()
        for outs in ordered(self.client, _check_batch, page_batches(len(files), self.workers), self.token,
                            self.recipe, *shared, window=self.window):
            self.stages.checks += time.perf_counter() - started  # (the caller may stop at the last page)
            for out in outs:
                for corpus in plan.corpora.values():
                    out.messages += corpus.take_notes()
                yield out
            started = time.perf_counter()

    def map_records(self, shards: list[Path], extra: list[Path] | None, corpora: dict, batches: Iterable) -> Iterator:
        """check_shards' batches of records, (shard number, records), checked on the workers:
        each batch's RecordOutcomes, in order."""

        shared = self.send(shards, extra, corpora)
        started = time.perf_counter()
        for results in ordered(self.client, _check_records, batches, self.token, self.recipe, *shared,
                               window=self.window):
            self.stages.checks += time.perf_counter() - started
            yield results
            started = time.perf_counter()


def _peak_memory(restart: bool = False) -> int:
    """This process's largest resident size (bytes) since it started or since the count was last
    restarted; `restart` starts it afresh (Linux: VmHWM, reset through clear_refs; elsewhere the
    count of the whole process)."""
    import re

    try:
        with open("/proc/self/status", encoding="ascii") as f:
            found = re.search(r"VmHWM:\s+(\d+) kB", f.read())
        if found is None:
            raise OSError("no VmHWM")
        peak = int(found[1]) * 1024
        if restart:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
                f.write("5")
        return peak
    except OSError:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # (Linux counts kilobytes)


def _cpu_seconds() -> float:
    return time.process_time()


def _contributions(chunk: list[Path], specs: list[PageIndexSpec], encoding: str, cwd: str,
                   fields: tuple[str, str]) -> list:
    """On a worker: what the pages of `chunk` contribute to each index (always the value: the
    client's page caches are not the worker's)."""
    from .corpus import page_contributions

    caches = [_worker_cache(spec) for spec in specs]
    return [(name, [(key, cache.lookup(key) if value is None else value) for (key, value), cache in zip(row, caches)])
            for name, row in page_contributions(chunk, caches, encoding, cwd, fields)]


_caches: dict[str, Any] = {}  # a worker's page caches, by index: read from its disk once


def _worker_cache(spec: PageIndexSpec):
    if spec.key not in _caches:
        _caches[spec.key] = spec.cache()
    return _caches[spec.key]


_plans: dict[str, Any] = {}  # a worker's plans of the run under way, by its indexes (one run at a time)


def _worker_plan(token: str, recipe: RunRecipe, files: list[Path], extra: list[Path] | None, indexes: str):
    """The run's plan for these files, as the client made it, with the client's indexes (brought
    by the plugin named `indexes`; see DaskRun.send)."""
    import pickle

    from .cluster_indexes import take
    from .config import ConfigResolver
    from .runner import plan_run

    plan = _plans.get(indexes)
    if plan is None:
        if not any(k.startswith(token + ":") for k in _plans):
            _plans.clear()  # another run's
        if os.path.isdir(recipe.cwd):
            os.chdir(recipe.cwd)  # page names as the client shows them
        assert recipe.options is not None
        blob = take(indexes)
        if blob is None:
            raise RuntimeError(f"newslint: the indexes of run {indexes} never reached this worker")
        plan = plan_run(files, ConfigResolver(recipe.config, recipe.cli), recipe.options, extra=extra)
        built = pickle.loads(blob)
        del blob  # (the only copy: the plugin kept none)
        for corpus_key, corpus in plan.corpora.items():
            corpus.preset(built.get(corpus_key, {}))
        _plans[indexes] = plan
    return plan


def _check_batch(pages: range, token: str, recipe: RunRecipe, files: list[Path], extra: list[Path] | None,
                 indexes: str) -> list:
    """On a worker: the outcomes of the pages `pages` (positions in `files`); `indexes`: which
    run's indexes the worker holds (DaskRun.send)."""
    from .runner import check_batch

    plan = _worker_plan(token, recipe, files, extra, indexes)
    assert recipe.options is not None
    return check_batch(files, plan.tasks, pages, recipe.options)


def _check_records(item: tuple[int, list], token: str, recipe: RunRecipe, shards: list[Path],
                   extra: list[Path] | None, indexes: str) -> list:
    """On a worker: a batch of records of shard `item[0]` checked (shardrun.check_batch)."""
    from .shardrun import check_batch

    i, items = item
    if not items:
        return []
    plan = _worker_plan(token, recipe, shards, extra, indexes)
    config, linter = plan.tasks[i]
    assert recipe.options is not None
    return check_batch(items, config, linter, recipe.options, shards[i])


# -- the Python API over a Dask bag -----------------------------------------------------------------


def check_bag(bag, config: str | Path | None = None, text_field: str = "text", id_field: str = "id",
              select: Iterable[str] | None = None, ignore: Iterable[str] | None = None):
    """Check the records of a Dask bag (dicts holding `text_field` and `id_field`): a lazy bag
    of `{"id": …, "findings": [...]}` in the order of the records, each finding as the json
    format gives it, positions within the record's text. The records are each other's corpus
    (the cross-page rules compare them); the indexes are built by a first pass over the bag, so
    computing the result reads the bag twice. A record's id names it: ids should be unique."""
    import dask

    recipe = BagRecipe(str(config) if config is not None else None, text_field, id_field,
                       tuple(select) if select is not None else None, tuple(ignore or ()))
    specs = recipe.specs()
    parts = bag.map_partitions(_bag_contributions, recipe, specs)
    indexes = dask.delayed(_bag_combine)(parts.to_delayed(), specs)
    return bag.map_partitions(_bag_check, recipe, indexes)


def check_dataframe(df, config: str | Path | None = None, text_field: str = "text", id_field: str = "id",
                    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None):
    """`check_bag` over the rows of a Dask DataFrame: a lazy DataFrame of two columns, `id` and
    `findings` (the record's findings as a JSON array, as the json format gives them)."""
    import json

    findings = check_bag(df.to_bag(index=False, format="dict"), config, text_field, id_field, select, ignore)
    rows = findings.map(lambda r: {"id": r["id"], "findings": json.dumps(r["findings"], ensure_ascii=False)})
    return rows.to_dataframe(meta={"id": "object", "findings": "object"})


@record(frozen=True)
class BagRecipe:
    config: str | None
    text_field: str
    id_field: str
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]

    def config_now(self) -> Config:
        from .config import load_config

        config = load_config(Path(self.config) if self.config else None)
        if self.select is None and not self.ignore:
            return config
        return config.with_cli(select=self.select, ignore=self.ignore)

    def specs(self) -> list[PageIndexSpec]:
        config = self.config_now()
        seen: dict[str, PageIndexSpec] = {}
        for rule in config.rules_for(None):
            if rule.uses_corpus:
                for spec in rule.corpus_indexes(config.layout):
                    seen.setdefault(spec.key, spec)
        return list(seen.values())

    def page(self, record: dict) -> tuple[str, str]:
        text, name = record.get(self.text_field), record.get(self.id_field)
        if name is None:
            raise ValueError(f"a record has no '{self.id_field}': check_bag names each record by it")
        if not isinstance(text, str):
            raise ValueError(f"record {name!r}: its '{self.text_field}' is no text")
        return str(name), text


def _bag_contributions(records: Iterable[dict], recipe: BagRecipe, specs: list[PageIndexSpec]) -> list:
    caches = [_worker_cache(spec) for spec in specs]
    out = []
    for record_ in records:
        name, text = recipe.page(record_)
        row = []
        for cache in caches:
            key = cache.digest(text)
            found = cache.lookup(key)
            row.append(found if found is not None else cache.derive(text))
        out.append((name, row))
    return [out]  # one item a partition: the partition's contributions, in order


def _bag_combine(parts: list[list], specs: list[PageIndexSpec]) -> dict[str, object]:
    return {spec.key: spec.combine((name, row[j]) for part in parts for chunk in part for name, row in chunk)
            for j, spec in enumerate(specs)}


def _bag_check(records: Iterable[dict], recipe: BagRecipe, indexes: dict[str, object]) -> list[dict]:
    from .corpus import Corpus
    from .document import Document
    from .engine import Linter
    from .output import finding_to_dict
    from .runner import BATCH

    config = recipe.config_now()
    corpus = Corpus(others=True)
    corpus.preset(indexes)
    linter = Linter(config.rules_for(None), config.layout, corpus)
    pages = [recipe.page(r) for r in records]
    out = []
    for at in range(0, len(pages), BATCH):
        batch = pages[at:at + BATCH]
        linter.prime([(text, name) for name, text in batch])
        for name, text in batch:
            result = linter.check(text, name)
            doc = Document(text)
            out.append({"id": name, "findings": [finding_to_dict(name, doc, f) for f in result.findings]})
        linter.prime(())
    return out
