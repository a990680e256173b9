"""Per-page results kept between runs, so a run over pages that have not changed does almost no
work (`.newslint_cache/`, like ruff's `.ruff_cache/`).

An entry holds what a group of rules found on one page. Its key is a digest of everything the
result depends on: newslint's own code and data (`code_signature`), the rules with their
severities and options, the layout settings, the page text, and, for the rules that compare a
page with other pages, the page's name and the state of the corpus (`Corpus.fingerprint`). Change
any of these and the key changes: a stale result is never served, it is only left unused.

Entries are small files written whole under a temporary name and renamed into place, so two
runs at once can share the folder: a reader sees a whole entry or none. A run whose rule failed
on a page stores nothing for that page. Values are plain tuples (marshal), never pickles: a cache
folder that came with a repository cannot run code.
"""
from __future__ import annotations

import marshal
import os
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path

from .finding import Applicability, Edit, Finding, Fix, Related, Severity
from .pagecache import write_cache_file

FOLDER = ".newslint_cache"
FORMAT = 1  # the layout of an entry; bump on change


@lru_cache(maxsize=1)
def code_signature() -> str:
    """Names the code and data that produce results: the size and modification time of every
    file of the package and its rule packs (stat only: cheap at start-up, and an edit to a
    rule's source in a checkout invalidates its results)."""
    from . import __version__
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

    def key(self, *parts: str) -> str:
        digest = blake2b(digest_size=20)
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def has(self, key: str) -> bool:
        return (self.folder / key[:2] / key[2:]).is_file()

    def load(self, key: str) -> list[Finding] | None:
        try:
            data = (self.folder / key[:2] / key[2:]).read_bytes()
            return [_finding(t) for t in marshal.loads(data)]
        except (OSError, ValueError, EOFError, TypeError, IndexError, KeyError):
            return None  # absent, half-copied or from another format: a miss

    def store(self, key: str, findings: list[Finding]) -> None:
        if not self._ready:
            self._prepare()
        write_cache_file(self.folder / key[:2] / key[2:], marshal.dumps([_row(f) for f in findings]))

    def _prepare(self) -> None:
        """Mark the folder as a cache: backup tools skip it (CACHEDIR.TAG), git ignores it."""
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


def _row(f: Finding) -> tuple:
    fix = None if f.fix is None else (tuple((e.start, e.end, e.content) for e in f.fix.edits),
                                      f.fix.applicability.value, f.fix.message)
    related = tuple((r.offset, r.message, r.path, r.line, r.column) for r in f.related)
    return (f.rule, f.name, f.category, f.severity.value, f.message, f.start, f.end, fix, related)


def _finding(t: tuple) -> Finding:
    rule, name, category, severity, message, start, end, fix, related = t
    if fix is not None:
        edits, applicability, fix_message = fix
        fix = Fix(tuple(Edit(*e) for e in edits), Applicability(applicability), fix_message)
    return Finding(rule, name, category, Severity(severity), message, start, end, fix,
                   tuple(Related(*r) for r in related))
