"""Per-page results kept between runs, so a run over pages that have not changed does almost no
work (`.newslint_cache/`, like ruff's `.ruff_cache/`).

An entry holds what a group of rules found on one page. Its key is a digest of everything the
result depends on: newslint's own code and data (`code_signature`), the rules with their
severities and options, the layout settings, the page text, and, for the rules that compare a
page with other pages, the page's name and the state of the corpus (`Corpus.fingerprint`). Change
any of these and the key changes: a stale result is never served, it is only left unused.

Entries live in sixteen pack files (by the key's first digit), not one file per page: creating
a file is the dear part of writing an entry (on the project's machine 0.7 ms, more than checking
a page for spacing), so a run keeps its new entries and writes them a few hundred at a time
(`flush`), merging each pack with what is on disk and renaming the whole new pack into place. A
reader sees a whole pack or none; two runs flushing the same pack at once may lose one's entries,
which only makes them misses. A pack keeps its newest MAX_PACK entries. A run whose rule failed
on a page stores nothing for that page. Values are plain tuples (marshal), never pickles: a
cache folder that came with a repository cannot run code.
"""
from __future__ import annotations

import contextlib
import marshal
import os
from functools import lru_cache
from pathlib import Path

from .finding import Applicability, Edit, Finding, Fix, Related, Severity
from . import seal
from .pagecache import sealing_key, write_cache_file
from .digest import blake2b

FOLDER = ".newslint_cache"
FORMAT = 2  # the layout of an entry and of the packs; bump on change
MAX_PACK = 20_000  # entries a pack keeps (16 packs: 160,000 pages of two rule groups)
FLUSH_EVERY = 512  # new entries kept in memory before they are written
KEEP_VERSIONS = 2  # folders of results kept: this version's and the one before (switching back and forth)


@lru_cache(maxsize=1)
def code_signature() -> str:
    """Names the code and data that produce results: the size and modification time of every
    file of the package and its rule packs (stat only: cheap at start-up, and an edit to a
    rule's source in a checkout invalidates its results)."""
    from .version import __version__
    from .data import packs_dir

    digest = blake2b(f"{__version__}:{FORMAT}".encode(), digest_size=8)
    here = Path(__file__).resolve().parent
    for root in (here, packs_dir()):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns};".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def rules_signature(rules) -> str:
    """The rules as configured: codes, severities, options, and a custom rule's definition."""
    return repr([(r.code, r.severity.value, sorted(r.settings.items()), getattr(r, "definition", ""))
                 for r in rules])


class ResultCache:
    def __init__(self, folder: Path):
        self.root = Path(folder)
        self.folder = self.root / code_signature()
        self._ready = False
        self._packs: dict[str, dict[str, bytes]] = {}  # read from disk, by the key's first digit
        self.reading = True  # packs written are kept for reading (see share_with_workers)
        self._new: dict[str, bytes] = {}  # stored by this process, not yet written

    def key(self, *parts: str) -> str:
        digest = blake2b(digest_size=20)
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def _pack(self, digit: str) -> dict[str, bytes]:
        pack = self._packs.get(digit)
        if pack is None:
            pack = self._packs[digit] = _read_pack(self.folder / f"{digit}.pack")
        return pack

    def has(self, key: str) -> bool:
        return key in self._new or key in self._pack(key[0])

    def load(self, key: str, length: int, codes: frozenset[str]) -> list[Finding] | None:
        """The findings kept under `key` for a text of `length` characters checked by the rules
        `codes`; None (a miss) unless every finding is whole: of those rules, spans and edits
        inside the text."""
        data = self._new.get(key) or self._pack(key[0]).get(key)
        if data is None:
            return None
        try:
            rows = marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            return None
        if type(rows) is not list:
            return None
        found = [_finding(t, length, codes) for t in rows]
        return None if None in found else found  # type: ignore[return-value]

    def store(self, key: str, findings: list[Finding]) -> None:
        self._new[key] = marshal.dumps([_row(f) for f in findings])
        if len(self._new) >= FLUSH_EVERY:
            self.flush()

    def take(self) -> dict[str, bytes]:
        """The entries stored here and not yet written, handed over (a worker gives them to the
        parent, which writes them: one writer per run)."""
        new, self._new = self._new, {}
        return new

    def put(self, entries: dict[str, bytes]) -> None:
        """Entries another process of this run stored (see `take`)."""
        self._new.update(entries)
        if len(self._new) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the new entries: each pack they go to is read again (another run may have added
        to it), merged, trimmed to its newest MAX_PACK entries and renamed into place."""
        if not self._new:
            return
        if not self._ready:
            self._prepare()
        by_pack: dict[str, list[str]] = {}
        for key in self._new:
            by_pack.setdefault(key[0], []).append(key)
        for digit, keys in sorted(by_pack.items()):
            path = self.folder / f"{digit}.pack"
            pack = _read_pack(path)
            for key in keys:
                pack.pop(key, None)  # re-stored: it moves to the newest end
                pack[key] = self._new[key]
            if len(pack) > MAX_PACK:
                pack = dict(list(pack.items())[-MAX_PACK:])
            write_cache_file(path, seal.dumps(pack, sealing_key()))
            if self.reading:
                self._packs[digit] = pack
        self._new = {}

    def share_with_workers(self) -> None:
        """Before forking workers: read every pack here, once, so that the workers share these
        copies instead of each reading the packs as the run writes them (16 MB a worker over
        2,000 pages); from now on this process only writes, and keeps none of what it writes."""
        for digit in "0123456789abcdef":
            self._pack(digit)
        self.reading = False

    def _prepare(self) -> None:
        """Mark the folder as a cache (backup tools skip it: CACHEDIR.TAG; git ignores it), and
        retire the results of older versions."""
        self._ready = True
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                write_cache_file(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n"
                                      b"# newslint's result cache: see https://bford.info/cachedir/\n")
            ignore = self.root / ".gitignore"
            if not ignore.exists():
                write_cache_file(ignore, b"# Made by newslint.\n*\n")
        except OSError:
            pass  # a read-only folder: entries fail to write too, and the run goes on uncached
        self._retire_old_versions()

    def _retire_old_versions(self) -> None:
        """Delete the folders of other versions of newslint's code but the most recently written
        one (KEEP_VERSIONS in all, this one included): each upgrade, or each edit in a checkout,
        starts a folder, and their results are never served again."""
        mine = self.folder.name
        try:
            with os.scandir(self.root) as entries:
                others = [(e.stat().st_mtime, e.path) for e in entries if e.name != mine and _is_version_folder(e)]
        except OSError:
            return
        for _, folder in sorted(others, reverse=True)[KEEP_VERSIONS - 1:]:
            with contextlib.suppress(OSError):
                for name in os.listdir(folder):
                    os.unlink(os.path.join(folder, name))
                os.rmdir(folder)


def is_result_cache(root: Path) -> bool:
    """`root` holds newslint's CACHEDIR.TAG (what `remove` asks before deleting anything)."""
    try:
        return b"newslint" in (root / "CACHEDIR.TAG").read_bytes()
    except OSError:
        return False


def remove(root: Path) -> int:
    """Delete the result cache at `root` (`newslint clean`): its folders of results and its
    marker files, then `root` itself if nothing else is in it. Bytes freed; nothing is deleted
    where no result cache of newslint's is (a mistyped --cache-dir stays whole)."""
    if not is_result_cache(root):
        return 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    freed = 0
    for entry in entries:
        ours = _is_version_folder(entry) or entry.name in ("CACHEDIR.TAG", ".gitignore") and entry.is_file()
        if not ours:
            continue
        files = [os.path.join(entry.path, n) for n in os.listdir(entry.path)] if entry.is_dir() else [entry.path]
        for file in files:
            with contextlib.suppress(OSError):
                freed += os.path.getsize(file)
                os.unlink(file)
        if entry.is_dir():
            with contextlib.suppress(OSError):
                os.rmdir(entry.path)
    with contextlib.suppress(OSError):
        root.rmdir()
    return freed


def _is_version_folder(entry: os.DirEntry) -> bool:
    """A folder of one code version's results (named by its 16-digit code signature)."""
    return len(entry.name) == 16 and all(c in "0123456789abcdef" for c in entry.name) \
        and entry.is_dir(follow_symlinks=False)


def _read_pack(path: Path) -> dict[str, bytes]:
    """The entries of a pack this user's newslint wrote; {} (every entry a miss) for a pack that is
    absent, damaged, or sealed with another secret (a cache folder from elsewhere)."""
    try:
        pack = seal.loads(path.read_bytes(), sealing_key())
    except OSError:
        return {}
    if not isinstance(pack, dict) or not all(type(k) is str and type(v) is bytes for k, v in pack.items()):
        return {}
    return pack


def _row(f: Finding) -> tuple:
    fix = None if f.fix is None else (tuple((e.start, e.end, e.content) for e in f.fix.edits),
                                      f.fix.applicability.value, f.fix.message)
    related = tuple((r.offset, r.message, r.path, r.line, r.column) for r in f.related)
    return (f.rule, f.name, f.category, f.severity.value, f.message, f.start, f.end, fix, related)


def _finding(t, length: int, codes: frozenset[str]) -> Finding | None:
    """The finding a row holds, or None if the row is not one `_row` could have made for a text
    of `length` characters checked by the rules `codes`."""
    try:
        rule, name, category, severity, message, start, end, fix, related = t
        if not (rule in codes and _strs(name, category, message) and _span(start, end, length)):
            return None
        if fix is not None:
            edits, applicability, fix_message = fix
            if not (type(edits) is tuple and edits and _strs(fix_message)
                    and all(type(e) is tuple and len(e) == 3 and _span(e[0], e[1], length) and _strs(e[2])
                            for e in edits)):
                return None
            fix = Fix(tuple(Edit(*e) for e in edits), Applicability(applicability), fix_message)
        if type(related) is not tuple or not all(_related(r) for r in related):
            return None
        return Finding(rule, name, category, Severity(severity), message, start, end, fix,
                       tuple(Related(*r) for r in related))
    except (TypeError, ValueError):
        return None


def _strs(*values) -> bool:
    return all(type(v) is str for v in values)


def _span(start, end, length: int) -> bool:
    return type(start) is int and type(end) is int and 0 <= start <= end <= length


def _related(r) -> bool:
    if type(r) is not tuple or len(r) != 5:
        return False
    offset, message, path, line, column = r
    return type(offset) is int and offset >= 0 and _strs(message) and (path is None or _strs(path)) and \
        all(v is None or type(v) is int and v >= 0 for v in (line, column))
