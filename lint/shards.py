"""Shards: files of many pages, as data pipelines keep text: JSONL (plain, gzip, zstd) and Parquet,
one record a page (`{"id": ..., "text": ..., ...}`).

Reading streams the records (JSONL line by line, Parquet a batch of rows at a time); each record
is a page named `SHARD#ID` (its id field, else its 1-based line or row number). Checking a record
is `check_batch`, a function of the configuration, the linter (its rules and the corpus indexes)
and the records only: the runner here, the Python API (`check_records`) and a distributed runner
call it alike. A fix run never edits a shard: it writes `NAME.fixed.jsonl` beside it (or NAME into
--output-dir), the same records in the same order with the text field fixed, to a temporary file
renamed when complete; a sidecar records what it was made from, so that a run started again skips
the shards already done.

zstandard and pyarrow are optional (`newslint[zstd]`, `newslint[parquet]`), imported only when a
shard needs them.
"""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .files import (SHARD_SUFFIXES as SUFFIXES, TEMP_SUFFIX, Page, PageError, is_shard, remove_stale_temporaries,
                    shard_suffix, shown, split_line_ends, split_record_name)
from .records import field, record

if TYPE_CHECKING:
    from .config import Config, ConfigResolver
    from .corpus import Corpus
    from .engine import Linter
    from .runner import PageOutcome, RunOptions

FIXED = ".fixed"  # part-00.jsonl -> part-00.fixed.jsonl
SIDECAR = ".newslint.json"  # part-00.fixed.jsonl.newslint.json: what the fixed shard was made from
EXTRAS = {"zstandard": "zstd", "pyarrow": "parquet"}  # module -> the extra that installs it
ERRORS_SHOWN = 20  # record errors printed per shard; the rest are counted
ROWS = 1024  # Parquet rows read at a time


def record_name(shard: str, rid: str) -> str:
    """How findings name a record: SHARD#ID."""
    return f"{shard}#{rid}"


class ShardError(PageError):
    """A shard that cannot be read or written at all (its records are not checked)."""


def need(module: str, shard: Path):
    """Import an optional dependency, or say which pip command installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        raise ShardError(f"{shown(shard)}: reading it needs {top}, which is not installed: "
                         f"pip install 'newslint[{EXTRAS[top]}]'") from None


# -- reading ------------------------------------------------------------------------------------


@record
class Record:
    """One record of a shard. `text` is None for a record that cannot be checked (`error` says
    why) and for a blank line of a JSONL file (`blank`: copied to a fixed shard, never checked)."""

    index: int  # 1-based line (JSONL) or row (Parquet) number
    id: str  # the id field, else the line or row number
    text: str | None = None
    error: str = ""
    blank: bool = False
    line: bytes = b""  # JSONL: the line as read (a record the fix leaves alone is copied byte for byte)
    data: Any = None  # JSONL: the parsed object; Parquet: (batch, row)
    position: int = 0  # bytes of the shard file (as stored: compressed) read up to this record


def _id_of(value: Any, index: int) -> str:
    if value is None:
        return str(index)
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", bool: "a boolean", int: "a number", float: "a number",
            type(None): "null"}.get(type(value), type(value).__name__)


def read_records(path: Path, text_field: str = "text", id_field: str = "id") -> Iterator[Record]:
    """The records of a shard, in order, streamed. A record that cannot be checked (a line that is
    no JSON object, no text field, a text that is no string) comes with its error; a shard that
    cannot be read at all raises ShardError (after the records read before, if it breaks midway)."""
    suffix = shard_suffix(path)
    if suffix == ".parquet":
        yield from _parquet_records(path, text_field, id_field)
    else:
        yield from _jsonl_records(path, suffix or ".jsonl", text_field, id_field)


def _open_read(path: Path, suffix: str):
    """(line reader, the raw file: its position is the bytes read as stored)."""
    import io

    if suffix == ".jsonl.zst":
        zstandard = need("zstandard", path)
        raw = open(path, "rb")
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw), 1 << 16), raw
    raw = open(path, "rb")
    if suffix == ".jsonl.gz":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    return raw, raw


def _jsonl_records(path: Path, suffix: str, text_field: str, id_field: str) -> Iterator[Record]:
    try:
        stream, raw = _open_read(path, suffix)
    except OSError as e:
        raise ShardError(f"{shown(path)}: cannot read: {e.strerror or e}") from None
    with contextlib.closing(raw), contextlib.closing(stream):
        n = 0
        while True:
            try:
                line = stream.readline()
            except Exception as e:  # noqa: BLE001 - gzip, zstandard: a damaged or cut stream
                raise ShardError(f"{shown(path)}: cannot read past line {n}: {e}") from None
            if not line:
                return
            n += 1
            position = raw.tell()
            if n == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a byte-order mark, which JSON does not allow: read past it
            if not line.strip():
                yield Record(n, str(n), blank=True, line=line, position=position)
                continue
            yield _jsonl_record(line, n, position, text_field, id_field)


def _jsonl_record(line: bytes, n: int, position: int, text_field: str, id_field: str) -> Record:
    try:
        obj = json.loads(line)
    except UnicodeDecodeError as e:
        return Record(n, str(n), error=f"line {n} is not valid UTF-8 (byte 0x{line[e.start]:02x})",
                      line=line, position=position)
    except ValueError as e:
        return Record(n, str(n), error=f"line {n} is not valid JSON: {e}", line=line, position=position)
    if not isinstance(obj, dict):
        return Record(n, str(n), error=f"line {n} is {_kind(obj)}, not a JSON object with a field '{text_field}'",
                      line=line, position=position)
    rid = _id_of(obj.get(id_field), n)
    text = obj.get(text_field)
    error = _text_error(text, text_field, obj)
    return Record(n, rid, None if error else text, error, line=line, data=obj, position=position)


def _text_error(text: Any, text_field: str, obj: dict | None = None) -> str:
    if isinstance(text, str):
        return ""
    if obj is not None and text_field not in obj:
        fields = ", ".join(list(obj)[:8])
        return f"no field '{text_field}' (its fields: {fields or 'none'}; --text-field names another)"
    return f"the field '{text_field}' is {_kind(text)}, not a string"


def _parquet_records(path: Path, text_field: str, id_field: str) -> Iterator[Record]:
    need("pyarrow", path)
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 - pyarrow's errors are ArrowInvalid, OSError...
        raise ShardError(f"{shown(path)}: cannot read as Parquet: {e}") from None
    names = pf.schema_arrow.names
    if text_field not in names:
        raise ShardError(f"{shown(path)}: no column '{text_field}' (its columns: {', '.join(names[:12])}; "
                         f"--text-field names another)")
    size = path.stat().st_size
    total = max(1, pf.metadata.num_rows)
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=ROWS):
            texts = batch.column(text_field).to_pylist()
            ids = batch.column(id_field).to_pylist() if id_field in names else [None] * len(texts)
            for row, (text, rid) in enumerate(zip(texts, ids)):
                n += 1
                error = _text_error(text, text_field)
                yield Record(n, _id_of(rid, n), None if error else text, error, data=(batch, row),
                             position=size * n // total)
    except ShardError:
        raise
    except Exception as e:  # noqa: BLE001
        raise ShardError(f"{shown(path)}: cannot read past row {n}: {e}") from None


def count_hint(path: Path) -> int | None:
    """The number of records a shard holds, when known without reading it (Parquet)."""
    if shard_suffix(path) != ".parquet":
        return None
    try:
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    except Exception:  # noqa: BLE001
        return None


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
    from .runner import PageOutcome, format_text, process_page, unified_diff

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
                out.printed = format_text([out.report], show_fixes=options.show_fixes, colour=options.colour)
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
            rid = _id_of(item.get(id_field), n)
            text = item.get(text_field)
            error = _text_error(text, text_field, item)
        else:
            rid, text = str(item[0]), item[1]
            error = _text_error(text, "text")
        batch.append((record_name(shard, rid), rid, None if error else text, error))
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


# -- writing fixed shards -----------------------------------------------------------------------


def output_path(shard: Path, output_dir: str | Path | None) -> Path:
    """Where a fix run writes a shard's fixed copy: NAME.fixed.SUFFIX beside it, or NAME in
    --output-dir."""
    if output_dir is not None:
        return Path(output_dir) / shard.name
    suffix = shard_suffix(shard) or ""
    stem = shard.name[:len(shard.name) - len(suffix)]
    return shard.with_name(stem + FIXED + shard.name[len(stem):])


def sidecar_of(output: Path) -> Path:
    return output.with_name(output.name + SIDECAR)


def is_fixed_output(path: Path) -> bool:
    """Whether a file is a fixed shard a fix run wrote (its sidecar stands beside it): found in a
    folder, it is left out (a second run must not fix the copies too)."""
    return is_shard(path) and sidecar_of(path).is_file()


def _source_mark(shard: Path) -> dict:
    st = shard.stat()
    return {"source": os.path.abspath(shard), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def finished(shard: Path, output: Path, fingerprint: str) -> bool:
    """Whether `output` is the complete fixed copy of `shard` as it now is, made with this
    configuration (its sidecar says so, and the output is the size the sidecar recorded)."""
    try:
        made = json.loads(sidecar_of(output).read_text(encoding="utf-8"))
        return (made.get("made") == {**_source_mark(shard), "fingerprint": fingerprint}
                and output.stat().st_size == made.get("output_size"))
    except (OSError, ValueError, AttributeError):
        return False


class ShardWriter:
    """Writes a shard's fixed copy: each record as read, or with its text replaced (and its
    findings added), to a temporary file beside the output, renamed into place by `commit`."""

    def __init__(self, shard: Path, output: Path, text_field: str, findings_field: str | None, fingerprint: str):
        self.shard, self.output, self.fingerprint = shard, output, fingerprint
        self.text_field, self.findings_field = text_field, findings_field
        self.suffix = shard_suffix(shard) or ".jsonl"
        self.changed = 0
        self.records = 0
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(output.parent)  # what a killed run left
        with contextlib.suppress(FileNotFoundError):
            os.unlink(sidecar_of(output))  # an output without its sidecar is never taken as finished
        import tempfile

        fd, self.tmp = tempfile.mkstemp(prefix=f".{output.name}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                        dir=output.parent)
        self._fh = os.fdopen(fd, "wb")
        self._stream: Any = self._fh
        self._parquet: Any = None
        self._batch: Any = None  # Parquet: the source batch being rewritten, its new texts and findings
        self._texts: list = []
        self._found: list = []
        if self.suffix == ".jsonl.gz":
            import gzip

            self._stream = gzip.GzipFile(fileobj=self._fh, mode="wb", filename="", mtime=0)
        elif self.suffix == ".jsonl.zst":
            self._stream = need("zstandard", shard).ZstdCompressor().stream_writer(self._fh, closefd=False)

    def write(self, rec: Record, new_text: str | None, findings: list[dict] | None) -> None:
        self.records += not rec.blank
        self.changed += new_text is not None
        if self.suffix == ".parquet":
            return self._write_row(rec, new_text, findings)
        if new_text is None and (findings is None or rec.data is None):
            line = rec.line
            self._stream.write(line if line.endswith(b"\n") else line + b"\n")
            return
        obj = dict(rec.data)
        if new_text is not None:
            obj[self.text_field] = new_text
        if findings is not None and self.findings_field:
            obj[self.findings_field] = findings
        self._stream.write(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")

    def _write_row(self, rec: Record, new_text: str | None, findings: list[dict] | None) -> None:
        batch, row = rec.data
        if batch is not self._batch:
            self._flush_batch()
            self._batch = batch
            self._texts = batch.column(self.text_field).to_pylist()
            self._found = [None] * len(self._texts)
        if new_text is not None:
            self._texts[row] = new_text
        if findings is not None:
            self._found[row] = json.dumps(findings, ensure_ascii=False)

    def _flush_batch(self) -> None:
        batch = self._batch
        if batch is None:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = batch.schema
        at = schema.get_field_index(self.text_field)
        batch = batch.set_column(at, schema.field(at), pa.array(self._texts, type=schema.field(at).type))
        if self.findings_field:
            column = pa.array(self._found, type=pa.string())
            at = batch.schema.get_field_index(self.findings_field)
            if at == -1:
                batch = batch.append_column(pa.field(self.findings_field, pa.string()), column)
            else:
                batch = batch.set_column(at, pa.field(self.findings_field, pa.string()), column)
        if self._parquet is None:
            metadata = dict(batch.schema.metadata or {})
            metadata[b"newslint"] = json.dumps({**_source_mark(self.shard), "fingerprint": self.fingerprint}).encode()
            self._parquet = pq.ParquetWriter(self._fh, batch.schema.with_metadata(metadata))
        self._parquet.write_batch(batch)
        self._batch = None

    def commit(self) -> None:
        """Complete the file, put it in place, then record what it was made from."""
        if self.suffix == ".parquet":
            self._flush_batch()
            if self._parquet is None:  # no rows: an empty file of the same schema
                import pyarrow.parquet as pq

                schema = pq.ParquetFile(self.shard).schema_arrow
                if self.findings_field and self.findings_field not in schema.names:
                    import pyarrow as pa

                    schema = schema.append(pa.field(self.findings_field, pa.string()))
                self._parquet = pq.ParquetWriter(self._fh, schema)
            self._parquet.close()
        elif self._stream is not self._fh:
            self._stream.close()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        with contextlib.suppress(OSError):
            os.chmod(self.tmp, 0o666 & ~_umask())
        os.replace(self.tmp, self.output)
        made = {"made": {**_source_mark(self.shard), "fingerprint": self.fingerprint},
                "output_size": self.output.stat().st_size, "records": self.records, "changed": self.changed,
                "text_field": self.text_field, "findings_field": self.findings_field}
        side = sidecar_of(self.output)
        tmp = side.with_name(f".{side.name}.{os.getpid()}.side{TEMP_SUFFIX}")  # swept as the shard's are
        tmp.write_text(json.dumps(made, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, side)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            if self._parquet is not None:
                self._parquet.close()
            elif self._stream is not self._fh:
                self._stream.close()
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
                 corpora: dict | None = None, extra: list[Path] | None = None) -> Iterator[ShardEvent]:
    """Check (or fix) every record of the shards, in order, in batches over --jobs processes;
    a fix run writes each shard's fixed copy as its records come back. `extra`: the files of the
    run, for the corpus (default `shards`); `corpora`: shared with check_pages (corpus_key)."""
    from .corpus import Corpus
    from .engine import Linter
    from .parallel import available_jobs, can_fork
    from .runner import BATCH, _prepare_indexes, corpus_key

    corpora = {} if corpora is None else corpora
    linters: dict[tuple, Linter] = {}
    tasks: list[tuple[Config, Linter]] = []
    for path in shards:
        config = resolver.for_path(path)
        key = corpus_key(config, options)
        if key not in corpora:
            corpora[key] = Corpus(config.corpus, extra=shards if extra is None else extra, encoding=options.encoding, name_lists=config.names,
                                  is_page=config.is_page, fields=(options.text_field, options.id_field))
        rules = config.rules_for(path)
        lkey = (id(config), tuple(r.code for r in rules), key)
        if lkey not in linters:
            linters[lkey] = Linter(rules, config.layout, corpora[key])
        tasks.append((config, linters[lkey]))
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
    if jobs > 1:
        _prepare_indexes([tasks[i] for i in todo], jobs)
        _warm_up(shards[todo[0]], tasks[todo[0]][1], options)
        for linter in linters.values():
            linter.warm_batch()

    # the batches: (shard index, records) as read, at most `ahead` of them in flight
    import threading

    ahead = threading.Semaphore(max(4, jobs * 4))
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
        for results in _map_stream(work, batches(), jobs):
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


def _map_stream(work, items: Iterator, jobs: int) -> Iterator:
    """work(item) for each item, in order, over `jobs` forked processes (the items are sent to
    the workers; the caller bounds how many are read ahead)."""
    if jobs <= 1:
        yield from map(work, items)
        return
    import gc
    import multiprocessing

    from . import parallel

    gc.freeze()
    parallel._work = work  # type: ignore[assignment]  # the forked workers find it there
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=parallel._ignore_interrupt)
    try:
        yield from pool.imap(_run_item, items)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        gc.unfreeze()
        parallel._work = None


def _run_item(item):
    from . import parallel

    assert parallel._work is not None
    return parallel._work(item)
