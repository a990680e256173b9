"""Checking the records of shards (lint/shards.py reads and writes them): in batches, as the
runner checks page files, over --jobs processes, and a fix run's fixed copies written as the
records come back.

`check_batch` is the per-record work, a function of the configuration, the linter (its rules and
the corpus's indexes) and a batch of records: the command line, the Python API
(`check_records`) and a distributed runner call it alike.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .files import Page, shown, split_line_ends
from .records import field, record
from .shards import (ERRORS_SHOWN, Record, ShardError, ShardWriter, id_of, text_error, finished, output_path,
                     read_records, record_name)

if TYPE_CHECKING:
    from .config import Config, ConfigResolver
    from .corpus import Corpus
    from .engine import Linter
    from .runner import PageOutcome, RunOptions


# -- checking -----------------------------------------------------------------------------------


@record
class RecordOutcome:
    """What checking one record gave: the runner's PageOutcome, and its text with the fixes
    applied (None when unchanged)."""

    outcome: PageOutcome
    new_text: str | None = None
    findings: list[dict] | None = None  # with --findings-field: the findings left, as json output has them


def check_batch(items: Sequence[tuple[str, str, str | None, str]], config: Config, linter: Linter,
                options: RunOptions, path: Path | None = None) -> list[RecordOutcome]:
    """Check (or fix) a batch of records, each (name, id, text, error): what `check_pages` does
    for a batch of page files, for text held in memory. A pure function of the configuration,
    the linter (rules and corpus indexes) and the records; nothing is read or written."""
    from .engine import SECTION
    from .output import format_streamed
    from .runner import PageOutcome, process_page, unified_diff

    limit = options.max_file_mb * 1e6 if options.max_file_mb else 0
    pages: list[Page | None] = []
    outs: list[RecordOutcome] = []
    for name, rid, text, error in items:
        out = PageOutcome()
        page = None
        if text is None:
            out.messages.append(f"newslint: error: {shown(name)}: {error or 'no text'}")
            out.errors += 1
        elif limit and len(text) * 3 > limit and len(text.encode("utf-8", "surrogatepass")) > limit:
            out.messages.append(f"newslint: error: {shown(name)}: the text is "
                                f"{len(text.encode('utf-8', 'surrogatepass')) / 1e6:.1f} MB, over the limit of "
                                f"{options.max_file_mb:g} MB a page may have (--max-file-mb)")
            out.errors += 1
        else:
            body, newline, ends = split_line_ends(text)
            page = Page(None, body, newline, "utf-8", ends)
        pages.append(page)
        outs.append(RecordOutcome(out))
    primed = any(0 < rule.batch_min <= len(items) for rule in linter.rules)
    if primed:
        linter.prime([(page.text, name) for page, (name, *_) in zip(pages, items)
                      if page is not None and len(page.text) <= SECTION])
    try:
        for page, (name, rid, _, _), rec in zip(pages, items, outs):
            if page is None:
                continue
            out = rec.outcome
            try:
                out.report, new_text, origin = process_page(page, name, config, options, path, linter=linter,
                                                            notes=out.messages)
            except Exception as e:  # noqa: BLE001 - one record's crash is not the run's crash
                out.messages.append(f"newslint: error: internal error while checking {shown(name)}: "
                                    f"{type(e).__name__}: {e} (please report it); the record was not changed")
                out.errors += 1
                continue
            out.report.record = shown(rid)
            if new_text != page.text:
                if options.diff:
                    out.diff = unified_diff(name, page.text, new_text)
                else:
                    rec.new_text = page.with_ends(new_text, origin)
            if options.findings_field:
                rec.findings = findings_of(out.report)
            if options.stream:
                out.printed = format_streamed(out.report, options.stream_format, options.show_fixes,
                                              options.colour)
                out.report = out.report.slim()
    finally:
        if primed:
            linter.prime(())
    return outs


@record
class RecordResult:
    """What the Python API gives for one record."""

    id: str
    name: str
    text: str  # with the fixes applied (a fix run), else as given
    findings: list = field(default_factory=list)  # lint.Finding, offsets into `text`
    fixed: list = field(default_factory=list)  # the findings whose fixes were applied
    errors: list[str] = field(default_factory=list)  # why the record could not be (fully) checked
    report: Any = None  # the FileReport (for format_json and the other formats)

    def as_dicts(self) -> list[dict]:
        """The findings as `--format json` gives them (with "path" and "record")."""
        if self.report is None:
            return []
        return findings_of(self.report)


def check_records(records: Iterable[tuple[str, str] | dict], config: Config | None = None, *,
                  corpus: Corpus | None = None, fix: bool = False, unsafe_fixes: bool = False,
                  text_field: str = "text", id_field: str = "id", shard: str = "records",
                  linter: Linter | None = None) -> Iterator[RecordResult]:
    """Check (or fix) records given as (id, text) pairs or dicts with `text_field` (and
    `id_field`), in batches, yielding one RecordResult per record in order. `corpus` holds the
    pages cross-page rules compare with (e.g. Corpus(texts=...), or a Corpus whose indexes are
    built); the records are named `shard#id`. A pure function of the configuration, the corpus's
    indexes and the records: what a distributed runner calls for each partition."""
    from .config import load_config
    from .engine import Linter
    from .runner import BATCH, RunOptions

    config = config if config is not None else load_config(None)
    linter = linter or Linter(config.rules_for(Path(shard)), config.layout, corpus)
    options = RunOptions(fix=fix, unsafe_fixes=unsafe_fixes, write=False, jobs=1, cache=False, max_file_mb=0)
    batch: list[tuple[str, str, str | None, str]] = []

    def flush() -> Iterator[RecordResult]:
        for (name, rid, text, _), rec in zip(batch, check_batch(batch, config, linter, options, Path(shard))):
            out = rec.outcome
            errors = [m.removeprefix("newslint: error: ") for m in out.messages if "error:" in m]
            report = out.report
            if report is not None:
                errors += [f.message for f in report.failures]
            yield RecordResult(rid, name, rec.new_text if rec.new_text is not None else (text or ""),
                               list(report.findings) if report else [], list(report.fixed) if report else [],
                               errors, report)
        batch.clear()

    for n, item in enumerate(records, 1):
        if isinstance(item, dict):
            rid = id_of(item.get(id_field), n)
            text = item.get(text_field)
            error = text_error(text, text_field, item)
        else:
            rid, text = str(item[0]), item[1]
            error = text_error(text, "text")
        batch.append((record_name(shard, rid), rid, None if error else text, error))
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


def run_fingerprint(config: Config, linter: Linter, options: RunOptions) -> str:
    """Names what a fixed shard depends on besides its source: newslint's code, the rules as
    configured, the layout, the corpus, and the options that shape the output."""
    from .digest import blake2b
    from .resultcache import code_signature, rules_signature

    parts = [code_signature(), rules_signature(linter.rules), repr(sorted((config.layout.vocab or {}).items())),
             linter.corpus.fingerprint() if linter.corpus is not None else "",
             repr((options.unsafe_fixes, options.text_field, options.id_field, options.findings_field))]
    return blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def findings_of(report) -> list[dict]:
    from .output import finding_to_dict

    return [finding_to_dict(report.file, report.document, f, report.record) for f in report.findings]



# -- running over shards ------------------------------------------------------------------------


@record
class ShardEvent:
    """What the runner hands back as it goes: a record's outcome (`outcome`), or messages about a
    shard; `position` is the bytes of the shard read so far, `shard` its index in the list."""

    shard: int
    outcome: PageOutcome | None = None
    messages: list[str] = field(default_factory=list)
    errors: int = 0
    position: int = 0
    done: bool = False  # the shard is finished (or skipped)


def check_shards(shards: list[Path], resolver: ConfigResolver, options: RunOptions,
                 corpora: dict | None = None, extra: list[Path] | None = None,
                 cluster: Any = None) -> Iterator[ShardEvent]:
    """Check (or fix) every record of the shards, in order, in batches over --jobs processes
    (or on the Dask `cluster`, a lint.cluster.DaskRun); a fix run writes each shard's fixed copy as its records come
    back. `extra`: the files of the run, for the corpus (default `shards`); `corpora`: shared
    with check_pages (corpus_key)."""
    from .parallel import available_jobs, can_fork, map_stream
    from .runner import BATCH, plan_run, prepare_indexes

    plan = plan_run(shards, resolver, options, None, corpora, extra)
    tasks, linters = plan.tasks, plan.linters
    writing = options.fix and options.write and not options.diff
    if writing:
        outputs = [output_path(p, options.output_dir) for p in shards]
        seen: dict[Path, Path] = {}
        for shard, out in zip(shards, outputs):
            real = out.resolve()
            if real == shard.resolve():
                raise ShardError(f"{shown(shard)}: --output-dir is the shard's own folder: a fix run never "
                                 f"writes over a shard; name another folder")
            if real in seen:
                raise ShardError(f"{shown(shard)} and {shown(seen[real])} would both be written to {shown(out)}: "
                                 f"fix them in separate runs (or with separate --output-dir)")
            seen[real] = shard
    sizes = [_size(p) for p in shards]
    # --jobs as given; by default one per core, but no more than there are 200 kB to read each
    jobs = (options.jobs or min(available_jobs(), sum(sizes) // 200_000 or 1)) if can_fork() else 1

    # the shards to do: a fix run skips those whose fixed copy is complete and current
    todo: list[int] = []
    fingerprints: dict[int, str] = {}
    for i, path in enumerate(shards):
        if writing:
            fingerprints[i] = run_fingerprint(tasks[i][0], tasks[i][1], options)
            if finished(path, outputs[i], fingerprints[i]):
                yield ShardEvent(i, messages=[f"newslint: {shown(path)}: already fixed in {shown(outputs[i])} "
                                              f"(the shard and the configuration are unchanged); skipped"],
                                 position=sizes[i], done=True)
                continue
        todo.append(i)
    if not todo:
        return
    if cluster is not None:
        cluster.prepare([tasks[i] for i in todo])
    elif jobs > 1:
        prepare_indexes([tasks[i] for i in todo], jobs)
        _warm_up(shards[todo[0]], tasks[todo[0]][1], options)
        for linter in linters.values():
            linter.warm_batch()

    # the batches: (shard index, records) as read, at most `ahead` of them in flight
    import threading

    ahead = threading.Semaphore(cluster.window if cluster is not None else max(4, jobs * 4))
    stopping = threading.Event()
    pending: list = []  # what the parent keeps of the batches in flight: (shard, records, error)
    lock = threading.Lock()

    def batches() -> Iterator[tuple[int, list[tuple[str, str, str | None, str]]]]:
        for i in todo:
            batch: list[Record] = []
            name = str(shards[i])
            try:
                for rec in read_records(shards[i], options.text_field, options.id_field):
                    batch.append(rec)
                    if sum(not r.blank for r in batch) >= BATCH:
                        yield from emit(i, batch, name)
                        batch = []
                if batch:
                    yield from emit(i, batch, name)
                yield from emit(i, [], name, end="")
            except ShardError as e:
                if batch:
                    yield from emit(i, batch, name)
                yield from emit(i, [], name, end=str(e))

    def emit(i: int, recs: list[Record], name: str, end: str | None = None):
        while not ahead.acquire(timeout=0.2):
            if stopping.is_set():  # the run stopped (an error, Ctrl-C): read no further
                return
        with lock:
            pending.append((i, recs, end))
        yield i, [(record_name(name, r.id), r.id, r.text, r.error) for r in recs if not r.blank]

    def work(item: tuple[int, list]) -> list[RecordOutcome]:
        i, items = item
        if not items:
            return []
        return check_batch(items, tasks[i][0], tasks[i][1], options, shards[i])

    writer: ShardWriter | None = None
    current = -1
    shown_errors = 0
    try:
        results_of = (cluster.map_records(shards, extra, plan.corpora, batches()) if cluster is not None else
                      map_stream(work, batches(), jobs))
        for results in results_of:
            ahead.release()
            with lock:
                i, recs, end = pending.pop(0)
            if i != current:
                current, shown_errors = i, 0
                if writing:
                    writer = ShardWriter(shards[i], outputs[i], options.text_field, options.findings_field,
                                         fingerprints[i])
            it = iter(results)
            for rec in recs:
                got = None if rec.blank else next(it)
                if writer is not None:
                    writer.write(rec, got.new_text if got is not None else None,
                                 got.findings if got is not None else None)
                if got is None:
                    continue
                out = got.outcome
                if out.errors and out.report is None:  # a record that could not be checked
                    shown_errors += 1
                    if shown_errors > ERRORS_SHOWN:
                        out.messages = []
                yield ShardEvent(i, out, position=rec.position)
            if end is not None:
                messages, errors = [], 0
                if shown_errors > ERRORS_SHOWN:
                    messages.append(f"newslint: error: {shown(shards[i])}: {shown_errors - ERRORS_SHOWN} more "
                                    f"records could not be checked (the first {ERRORS_SHOWN} are shown above)")
                if end:
                    messages.append(f"newslint: error: {end}")
                    errors += 1
                    if writer is not None:
                        writer.abort()
                        messages.append(f"newslint: {shown(shards[i])}: no fixed copy written")
                elif writer is not None:
                    try:
                        writer.commit()
                        messages.append(f"newslint: {shown(shards[i])}: wrote {shown(outputs[i])} "
                                        f"({writer.changed} of {writer.records} records changed)")
                    except OSError as e:
                        writer.abort()
                        messages.append(f"newslint: error: {shown(outputs[i])}: cannot write: {e.strerror or e}")
                        errors += 1
                writer = None
                yield ShardEvent(i, messages=messages, errors=errors, position=sizes[i], done=True)
    finally:
        stopping.set()
        if writer is not None:
            writer.abort()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _warm_up(path: Path, linter: Linter, options: RunOptions) -> None:
    """Check a shard's first record here before forking (see runner._warm_up)."""
    from .lexicon import unpack_for_workers

    with contextlib.suppress(ShardError):
        for rec in read_records(path, options.text_field, options.id_field):
            if rec.text is not None:
                linter.check(rec.text[:20_000], record_name(str(path), rec.id))
                break
    unpack_for_workers()
