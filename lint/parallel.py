"""Spreading work over processes (`--jobs`). Workers are forked, so they start with everything the
parent has built (configuration, rules, the cross-page indexes) and receive only numbers: the
position of each item of work. Results come back in order, so a parallel run prints exactly
what a serial one prints."""
from __future__ import annotations

import os
import signal
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
_work: Callable[[int], object] | None = None


def available_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return hasattr(os, "fork")  # (multiprocessing itself is imported only when a run forks)


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _run(item):
    assert _work is not None
    return _work(item)


def map_ordered(work: Callable[[int], T], count: int, jobs: int, chunksize: int = 1) -> Iterator[T]:
    """work(0), work(1), ... work(count - 1), in that order, over `jobs` forked processes (in
    this process when jobs is 1, there is a single item, or the platform cannot fork)."""
    if count < 2:
        yield from map(work, range(count))
        return
    yield from map_stream(work, range(count), min(jobs, count), chunksize)


def map_stream(work: Callable[[Any], T], items: Iterable, jobs: int, chunksize: int = 1) -> Iterator[T]:
    """work(item) for each item, in order, over `jobs` forked processes; the items are sent to
    the workers as they are taken (the caller bounds how many are read ahead)."""
    global _work
    if jobs <= 1 or not can_fork():
        yield from map(work, items)
        return
    import gc
    import multiprocessing

    gc.freeze()  # the workers' collections leave what exists now alone: its pages stay shared
    _work = work
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupt)
    try:
        yield from pool.imap(_run, items, chunksize)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        gc.unfreeze()
        _work = None
