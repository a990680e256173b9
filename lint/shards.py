"""Shards: files of many pages, as data pipelines keep text: JSONL (plain, gzip, zstd) and Parquet,
one record a page (`{"id": ..., "text": ..., ...}`). This module reads and writes them; checking
their records is lint/shardrun.py.

Reading streams the records (JSONL line by line, Parquet a batch of rows at a time); each record
is a page named `SHARD#ID` (its id field, else its 1-based line or row number). A fix run never
edits a shard: it writes `NAME.fixed.jsonl` beside it (or NAME into --output-dir), the same
records in the same order with the text field fixed, to a temporary file renamed when complete;
a sidecar records what it was made from, so that a run started again skips the shards done.

zstandard and pyarrow are optional (`newslint[zstd]`, `newslint[parquet]`), imported only when a
shard needs them.
"""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any, Iterator

from .files import SIDECAR, TEMP_SUFFIX, PageError, remove_stale_temporaries, shard_suffix, shown
from .records import record

FIXED = ".fixed"  # part-00.jsonl -> part-00.fixed.jsonl
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


def id_of(value: Any, index: int) -> str:
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
    rid = id_of(obj.get(id_field), n)
    text = obj.get(text_field)
    error = text_error(text, text_field, obj)
    return Record(n, rid, None if error else text, error, line=line, data=obj, position=position)


def text_error(text: Any, text_field: str, obj: dict | None = None) -> str:
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
                error = text_error(text, text_field)
                yield Record(n, id_of(rid, n), None if error else text, error, data=(batch, row),
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
