"""The other pages a cross-page rule compares a page with: the configured `corpus` folders plus
the pages of the current run (and the editors' name lists, which speak of all pages).

A Corpus reads nothing until a rule asks for an index. Each rule family builds its own index
once per run (`corpus.index(name, build)`), from (path, text) pairs; the rule then answers for
one page at a time, so its check stays a function of the page and the index.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")


class Corpus:
    def __init__(self, roots: Sequence[Path] = (), extra: Sequence[Path] = (), encoding: str = "utf-8",
                 texts: Iterable[tuple[str, str]] = (), name_lists: Sequence[Path] = ()):
        self.roots = tuple(roots)
        self.name_lists = tuple(name_lists)  # what the editors know across pages: names.yaml files
        self.extra = tuple(extra)
        self.encoding = encoding
        self._texts = tuple(texts)  # (name, text) pairs given directly (tests, the Python API)
        self._indexes: dict[str, object] = {}

    def holds_other_pages(self, name: str | None) -> bool:
        """Whether the corpus could hold any page but `name` (without reading anything)."""
        if self.roots or self._texts:
            return True
        return any(not same_page(name, str(p)) for p in self.extra)

    def index(self, name: str, build: Callable[[Iterator[tuple[str, str]]], T]) -> T:
        """The index `name`, built on first use from every page of the corpus."""
        if name not in self._indexes:
            self._indexes[name] = build(self.pages())
        return self._indexes[name]  # type: ignore[return-value]

    def paths(self) -> list[Path]:
        seen: set[Path] = set()
        out: list[Path] = []
        for root in self.roots:
            if root.is_dir():
                found = []
                for folder, dirs, files in os.walk(root):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    found += [Path(folder) / f for f in files if f.endswith(".txt")]
                candidates = sorted(found)
            elif root.is_file():
                candidates = [root]
            else:
                candidates = []
            for c in candidates:
                key = c.resolve()
                if key not in seen:
                    seen.add(key)
                    out.append(c)
        for c in self.extra:
            key = c.resolve()
            if key not in seen:
                seen.add(key)
                out.append(c)
        return out

    def pages(self) -> Iterator[tuple[str, str]]:
        """(name, text) of every readable page; unreadable ones are left out (the run that
        checks them reports them)."""
        from .files import PageError, PageSkipped, read_page

        yield from self._texts
        for path in self.paths():
            try:
                page = read_page(path, self.encoding)
            except (PageError, PageSkipped, OSError):
                continue
            yield display_name(path), page.text


def display_name(path: Path) -> str:
    """A path as the user would write it: relative to the working folder when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def same_page(a: str | None, b: str) -> bool:
    """Two names for one page: the same file, or a copy of it with the same folder and file
    name elsewhere (a fixed copy, another checkout: seeds/000.txt and ../x/seeds/000.txt)."""
    if a is None:
        return False
    pa, pb = Path(a), Path(b)
    try:
        if pa.resolve() == pb.resolve():
            return True
    except OSError:
        pass
    return pa.parts[-2:] == pb.parts[-2:]
