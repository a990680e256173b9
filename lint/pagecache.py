"""What a cross-page rule derives from each page of the corpus, kept between runs by content.

The pre-commit hook checks one page against thousands: re-deriving every page's names or
paragraph sketches on each commit would cost seconds. A PageCache maps a digest of a page's
text to what was derived from it, in one marshal file per kind and version under the user's
cache folder (XDG_CACHE_HOME, else ~/.cache/newslint). The version names the code and data the
derivation depends on, so a change to either starts a fresh file and never serves stale results.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import re
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from . import seal
from .files import TEMP_SUFFIX, remove_stale_temporaries
from .digest import blake2b


_enabled = True
_last_digest: tuple[str | None, bytes] = (None, b"")  # PageCache.digest's last text and its digest


def disable() -> None:
    """No cache read or written for the rest of the process (`--no-cache`)."""
    global _enabled
    _enabled = False


def enabled() -> bool:
    """Whether caches are read and written in this process (not after `disable`)."""
    return _enabled


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def sealing_key() -> bytes:
    """The secret every cache file of this user is sealed with (see lint/seal.py)."""
    return seal.user_secret(cache_folder())


def version_of(paths: Iterable[Path], *extra: object) -> str:
    """A digest of some files' bytes and of settings: the version of a derivation."""
    digest = blake2b(digest_size=8)
    for path in paths:
        digest.update(file_digest(path))
    digest.update(repr(extra).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@lru_cache(maxsize=None)
def file_digest(path: str | Path) -> bytes:
    """What identifies a data file's version: its place, size and modification time, as make
    and ruff's cache have it (hashing the 1.7 MB word list and the other tables on every run
    cost a page check 4 ms). An edit that keeps the size within one clock tick goes unseen."""
    st = os.stat(path)
    return blake2b(f"{os.path.realpath(path)}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogatepass"),
                   digest_size=16).digest()


class PageCache:
    """`derive(text)` per page content, kept between runs; `save` writes only when something
    was added. Values must be marshal-able (tuples, lists, dicts, numbers, strings)."""

    def __init__(self, kind: str, version: str, derive: Callable[[str], object], path: Path | None = None):
        py = f"py{sys.version_info[0]}{sys.version_info[1]}"
        self.path = path or cache_folder() / f"{kind}-{version}-{py}.marshal"
        self.derive = derive
        self._entries: dict[bytes, object] = {}
        if _enabled:
            with contextlib.suppress(OSError):
                found = seal.loads(self.path.read_bytes(), sealing_key())
                if isinstance(found, dict):
                    self._entries = found
        self._dirty = False

    @staticmethod
    def digest(text: str) -> bytes:
        global _last_digest
        last = _last_digest
        if text is last[0]:  # the same text asked again: a page's cache key, then its contribution's
            return last[1]
        found = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        _last_digest = (text, found)
        return found

    def get(self, text: str):
        key = self.digest(text)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = self.derive(text)
            self._dirty = True
        return found

    def lookup(self, key: bytes):
        """What is kept for a page's digest, or None."""
        return self._entries.get(key)

    def add(self, key: bytes, value) -> None:
        """Keep what another process derived for a page's digest."""
        if key not in self._entries:
            self._entries[key] = value
            self._dirty = True

    def save(self) -> None:
        if not self._dirty or not _enabled:
            return
        if write_cache_file(self.path, seal.dumps(self._entries, sealing_key())):
            self._dirty = False


def cached(kind: str, sources: Iterable[Path], derive, *extra: object):
    """`derive()`, kept in the cache folder for as long as `sources` and `extra` stay the same:
    tables built from the word lists once, then loaded (marshal-able values only)."""
    path = cache_folder() / f"{kind}-{version_of(sources, *extra)}.marshal"
    with contextlib.suppress(OSError):
        found = seal.loads(path.read_bytes(), sealing_key())
        if found is not None:
            return found
    value = derive()
    write_cache_file(path, seal.dumps(value, sealing_key()))
    return value


_ready: set[Path] = set()  # folders made (and swept) by this process
_serial = itertools.count()
UNUSED_DAYS = 60  # a file of the cache folder no run has used for this long is retired
KEEP_VERSIONS = 3  # versions of each table kept in the cache folder (two installations side by side, and one more)
VERSIONED = r"(?P<kind>[^.].*?)(?P<version>[0-9a-f]{12,})"  # compiled when a new version is written


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write a cache file whole under a temporary name, then rename it: never a half-written
    cache. False if it could not be written (a read-only home: the run works, only slower). A
    new version of a table in the cache folder retires the oldest ones (see `retire_versions`)."""
    new = path.parent == cache_folder() and not path.exists()
    written = _write(path, data)
    if written and new:
        retire_versions(path)
        retire_unused(path.parent)
    return written


def retire_versions(path: Path, keep: int = KEEP_VERSIONS) -> None:
    """Delete the files of the versions of `path`'s kind (its name up to the first run of twelve
    or more hex digits: words-, names-, patterns-py30b07f0-sre20220615-regex) but the `keep`
    most recently written. Each upgrade, checkout or pre-commit environment makes new versions
    (5 MB for the word list alone), and nothing else would ever remove the old ones; a version
    still in use elsewhere is only built again there."""
    versioned = re.compile(VERSIONED)
    mine = versioned.match(path.name)
    if mine is None:
        return
    kind = mine["kind"]
    newest: dict[str, float] = {}  # version -> when a file of it was last written
    files: list[tuple[str, str]] = []
    try:
        with os.scandir(path.parent) as entries:
            for entry in entries:
                m = versioned.match(entry.name)
                if m is None or m["kind"] != kind or not entry.is_file(follow_symlinks=False):
                    continue
                version = m["version"]
                newest[version] = max(newest.get(version, 0.0), entry.stat(follow_symlinks=False).st_mtime)
                files.append((version, entry.path))
    except OSError:
        return
    newest[mine["version"]] = float("inf")  # the version just written stays, whatever the clock says
    kept = set(sorted(newest, key=newest.__getitem__, reverse=True)[:keep])
    for version, file in files:
        if version not in kept:
            with contextlib.suppress(OSError):
                os.unlink(file)


def remove_all() -> int:
    """Delete the cache folder (`newslint clean`): every version of every table, page index and
    parse; a run rebuilds what it needs. Bytes freed."""
    import shutil

    folder = cache_folder()
    freed = 0
    for root, _, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                freed += os.path.getsize(os.path.join(root, name))
    shutil.rmtree(folder, ignore_errors=True)
    _ready.discard(folder)
    return freed


def retire_unused(folder: Path, days: float = UNUSED_DAYS) -> None:
    """Delete the files of the cache folder, and of its yaml/ parses, that no run has written or
    read (by the access time the system keeps) for `days`: the tables of kinds no version writes
    any more (a renamed table is never retired by `retire_versions`), the parses of configs long
    edited away. Asked only when a new version is written, so rarely; a file still in use costs
    only its rebuild."""
    cutoff = time.time() - days * 86400
    for where in (folder, folder / "yaml"):
        try:
            with os.scandir(where) as entries:
                old = [e.path for e in entries if not e.name.startswith(".") and e.is_file(follow_symlinks=False)
                       and max(e.stat().st_mtime, e.stat().st_atime) < cutoff]
        except OSError:
            continue
        for file in old:
            with contextlib.suppress(OSError):
                os.unlink(file)


def _write(path: Path, data: bytes) -> bool:
    tmp = None
    try:
        folder = path.parent
        if folder not in _ready:
            folder.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(folder)  # what a killed run left
            _ready.add(folder)
        name = f"{folder}/.{path.name}.{os.getpid()}.{next(_serial)}{TEMP_SUFFIX}"  # unique: pid and serial
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileNotFoundError:  # the folder went away since: make it again
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        tmp = name
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
