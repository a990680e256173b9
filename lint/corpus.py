"""The other pages a cross-page rule compares a page with: the configured `corpus` folders plus
the pages of the current run (and the editors' name lists, which speak of all pages).

A Corpus reads nothing until a rule asks for an index. Each rule family builds its own index
once per run (`corpus.index_from(spec)`) from what each page contributes; the rule then answers
for one page at a time, so its check stays a function of the page and the index. A run over many
pages builds the indexes first, spreading the pages' contributions over processes (`prepare`).
"""
from __future__ import annotations

import marshal
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TypeVar

from .digest import blake2b
from .files import is_fixed_shard, is_shard, is_txt
from .pagecache import enabled as pagecache_enabled
from .records import record

if TYPE_CHECKING:
    from .pagecache import PageCache

T = TypeVar("T")
LARGE_CORPUS = 1_000_000  # pages: a corpus this large is worth a warning (a folder named by mistake?)
MEMORY_BUDGET = 32_000_000  # characters of corpus text (about 64 MB) kept between the indexes of a run


@record(frozen=True)
class PageIndexSpec:
    """A cross-page index made of what each page contributes: `cache()` gives the PageCache
    whose `derive(text)` computes (and keeps, by content) one page's contribution, and
    `combine` folds the (page name, contribution) pairs, in corpus order, into the index."""

    key: str  # names the index within a run ("names", "duplicate-paragraphs:50")
    cache: Callable[[], PageCache]
    combine: Callable[[Iterable[tuple[str, object]]], object]


class Corpus:
    def __init__(self, roots: Sequence[Path] = (), extra: Sequence[Path] = (), encoding: str = "utf-8",
                 texts: Iterable[tuple[str, str]] = (), name_lists: Sequence[Path] = (),
                 is_page: Callable[[Path], bool] | None = None, fields: tuple[str, str] = ("text", "id"),
                 others: bool = False):
        self.roots = tuple(roots)
        self.fields = fields  # a shard's text and id fields (lint/shards.py): each record is a page
        self.others = others  # holds other pages whatever it lists: its indexes come from elsewhere (`preset`)
        self.is_page = is_page or is_txt  # which files of a corpus folder are pages (the config's `include`)
        self.name_lists = tuple(name_lists)  # what the editors know across pages: names.yaml files
        self.extra = tuple(extra)
        self.encoding = encoding
        self._texts = tuple(texts)  # (name, text) pairs given directly (tests, the Python API)
        self._indexes: dict[str, object] = {}
        self._paths: list[Path] | None = None
        self._kept: list[tuple[str, str]] | None = None  # the texts, when a first pass read them all
        self._fingerprint: str | None = None
        self.notes: list[str] = []

    def holds_other_pages(self, name: str | None) -> bool:
        """Whether the corpus could hold any page but `name` (without reading anything)."""
        if self.roots or self._texts or self.others:
            return True
        return any(not same_page(name, str(p)) for p in self.extra)

    def index(self, name: str, build: Callable[[Iterator[tuple[str, str]]], T]) -> T:
        """The index `name`, built on first use from every page of the corpus."""
        if name not in self._indexes:
            self._indexes[name] = build(self.pages())
        return self._indexes[name]  # type: ignore[return-value]

    def index_from(self, spec: PageIndexSpec):
        """The index `spec` describes, built on first use from every page of the corpus."""
        if spec.key not in self._indexes:
            cache = spec.cache()
            self._indexes[spec.key] = spec.combine((name, cache.get(text)) for name, text in self.pages())
            cache.save()
        return self._indexes[spec.key]

    def prepare(self, specs: Iterable[PageIndexSpec], jobs: int, map_chunks: MapChunks | None = None) -> None:
        """Build the indexes `specs` describe now, the pages' contributions computed by `jobs`
        processes (each reads its share of pages; what the page caches hold is not recomputed),
        then combined here in corpus order: the same indexes a serial run builds. `map_chunks`
        computes the contributions elsewhere (a cluster: see lint/cluster.py): given chunks of
        paths, the specs, the encoding, the working folder and the shards' fields, it gives each
        chunk's `page_contributions` in order."""
        from .parallel import map_ordered

        todo = list({s.key: s for s in specs if s.key not in self._indexes}.values())
        if not todo:
            return
        caches = [s.cache() for s in todo]
        paths = self.paths()
        cwd = os.getcwd()
        step = max(1, min(64, len(paths) // (jobs * 8) or 1))
        chunks = [paths[i:i + step] for i in range(0, len(paths), step)]
        if map_chunks is None:
            made = map_ordered(lambda n: page_contributions(chunks[n], caches, self.encoding, cwd, self.fields),
                               len(chunks), jobs)
        else:
            made = map_chunks(chunks, todo, self.encoding, cwd, self.fields)

        # Every page's contribution is kept until the indexes are combined, in corpus order. The
        # page caches hold them as they are anyway; without them (--no-cache, a cluster run: a
        # backlog) they are kept marshalled, a sixth of the memory (8 kB a bench page, not 52).
        packed = not pagecache_enabled()
        keep: Callable[[object], object] = marshal.dumps if packed else _same
        pairs: list[list[tuple[str, object]]] = [[] for _ in todo]
        for name, text in self._texts:
            for j, cache in enumerate(caches):
                pairs[j].append((name, keep(cache.get(text))))
        for chunk in made:
            for name, row in chunk:
                for j, (key, value) in enumerate(row):
                    if value is None:
                        value = caches[j].lookup(key)
                    elif not packed:
                        caches[j].add(key, value)
                    pairs[j].append((name, keep(value)))
        for j, (spec, cache) in enumerate(zip(todo, caches)):
            made_pairs, pairs[j] = pairs[j], []
            self._indexes[spec.key] = spec.combine(((name, marshal.loads(value)) for name, value in made_pairs)
                                                   if packed else made_pairs)
            del made_pairs
            cache.save()

    def preset(self, indexes: dict[str, object]) -> None:
        """Take indexes built elsewhere (by `prepare` in another process) as this corpus's."""
        self._indexes.update(indexes)

    def indexes(self) -> dict[str, object]:
        """The indexes built so far, by key (what `preset` takes)."""
        return dict(self._indexes)

    def fingerprint(self) -> str:
        """Names the state of the corpus: its pages (name, size, modification time), the texts
        given directly and the name lists. What a cross-page rule found on a page stays valid
        while this stays the same."""
        if self._fingerprint is None:
            digest = blake2b(digest_size=16)
            for name, text in self._texts:
                digest.update(f"{name}\0{len(text)}\0".encode("utf-8", "surrogatepass"))
                digest.update(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
            for path in self.paths():
                try:
                    st = path.stat()
                    mark = f"{st.st_size}:{st.st_mtime_ns}"
                except OSError:
                    mark = "-"
                digest.update(f"{path}\0{mark}\0".encode("utf-8", "surrogatepass"))
            for path in self.name_lists:
                try:
                    digest.update(path.read_bytes())
                except OSError:
                    digest.update(b"-")
            self._fingerprint = digest.hexdigest()
        return self._fingerprint

    def paths(self) -> list[Path]:
        """The corpus files, each once (a folder listed twice, a file also under a folder or
        a link to it): found once per run, as every index reads the pages."""
        if self._paths is None:
            self._paths = self._find_paths()
        return self._paths

    def take_notes(self) -> list[str]:
        """What the user should hear about the corpus (its size), once."""
        notes, self.notes = self.notes, []
        return notes

    def _find_paths(self) -> list[Path]:
        seen: set[tuple[int, int]] = set()
        out: list[Path] = []
        for root in self.roots:
            if root.is_dir():
                found = []
                for folder, dirs, files in os.walk(root):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    found += [path for path in (Path(folder) / f for f in files)
                              if self.is_page(path) and not is_fixed_shard(path)]
                candidates = sorted(found)
            elif root.is_file():
                candidates = [root]
            else:
                candidates = []
            out += [c for c in candidates if _first_time(c, seen)]
        out += [c for c in self.extra if _first_time(c, seen)]
        if len(out) > LARGE_CORPUS:
            self.notes.append(f"newslint: warning: the corpus holds {len(out):,} pages ({', '.join(map(str, self.roots))}): "
                              f"the cross-page indexes grow with it (see docs/performance.md); name a smaller "
                              f"folder in 'corpus' if that is not meant")
        return out

    def pages(self) -> Iterator[tuple[str, str]]:
        """(name, text) of every readable page; unreadable ones are left out (the run that
        checks them reports them). The texts of a corpus up to MEMORY_BUDGET characters are
        kept for the next index of the run, so two indexes read the disk once."""
        yield from self._texts
        if self._kept is not None:
            yield from self._kept
            return
        kept: list[tuple[str, str]] | None = []
        size = 0
        cwd = os.getcwd()
        for path in self.paths():
            for item in self._read(path, cwd):
                if kept is not None:
                    size += len(item[1])
                    kept.append(item)
                    if size > MEMORY_BUDGET:
                        kept = None
                yield item
        self._kept = kept

    def _read(self, path: Path, cwd: str) -> Iterator[tuple[str, str]]:
        return read_pages(path, cwd, self.encoding, self.fields)


def read_pages(path: Path, cwd: str, encoding: str = "utf-8", fields: tuple[str, str] = ("text", "id")
               ) -> Iterator[tuple[str, str]]:
    """(name, text) of the page at `path`, or of each record of a shard (named SHARD#ID, its
    text with "\n" line ends); nothing of what cannot be read (the run reports it)."""
    from .files import PageError, PageSkipped, read_page, split_line_ends

    if is_shard(path):
        from .shards import read_records, record_name

        name = display_name(path, cwd)
        try:
            for rec in read_records(path, *fields):
                if rec.text is not None:
                    yield record_name(name, rec.id), split_line_ends(rec.text)[0]
        except (PageError, OSError):
            return
        return
    try:
        text = read_page(path, encoding).text
    except (PageError, PageSkipped, OSError):
        return
    yield display_name(path, cwd), text


def _same(value: object) -> object:
    return value


MapChunks = Callable[[list[list[Path]], list[PageIndexSpec], str, str, tuple[str, str]], Iterable[list]]


def page_contributions(paths: Sequence[Path], caches: Sequence[PageCache], encoding: str, cwd: str,
                       fields: tuple[str, str] = ("text", "id")) -> list[tuple[str, list[tuple[bytes, object]]]]:
    """(page name, [(digest, contribution or None)] a cache) of each readable page (or record of
    a shard) of `paths`: None where the cache holds the page's contribution already."""
    out = []
    for path in paths:
        for name, text in read_pages(path, cwd, encoding, fields):
            row = []
            for cache in caches:
                key = cache.digest(text)
                row.append((key, None if cache.lookup(key) is not None else cache.derive(text)))
            out.append((name, row))
    return out


def _first_time(path: Path, seen: set[tuple[int, int]]) -> bool:
    try:
        st = path.stat()
    except OSError:
        return True  # unreadable: the read reports it
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def text_digest(doc) -> bytes:
    """The digest a cross-page index knows a page's text by (PageCache.digest): what the index
    computed for a page with this text, a rule checking this document reads back rather than
    computing it again. Computed once per document."""
    return doc.shared("text-digest", _digest_of)


def _digest_of(doc) -> bytes:
    from .pagecache import PageCache

    return PageCache.digest(doc.text)


def display_name(path: Path, cwd: str | None = None) -> str:
    """A path as the user would write it: relative to the working folder when under it."""
    if not path.is_absolute():
        return str(path)  # relative paths are relative to the working folder already
    cwd = cwd or os.getcwd()
    rel = os.path.relpath(os.path.normpath(path), cwd)
    return str(path) if rel == ".." or rel.startswith(".." + os.sep) else rel


def same_page(a: str | None, b: str) -> bool:
    """Two names for one page: the same file, or a copy of it with the same folder and file
    name elsewhere (a fixed copy, another checkout: seeds/000.txt and ../x/seeds/000.txt)."""
    if a is None:
        return False
    if _folder_and_file(a) == _folder_and_file(b):
        return True
    ra = _resolved(a)
    return ra is not None and ra == _resolved(b)


# the rules ask this of every page they compare (a wire story stands on hundreds): each name
# parsed and resolved once
@lru_cache(maxsize=65536)
def _folder_and_file(name: str) -> tuple[str, ...]:
    return Path(name).parts[-2:]


@lru_cache(maxsize=65536)
def _resolved(name: str) -> Path | None:
    try:
        return Path(name).resolve()
    except (OSError, RuntimeError):
        return None
