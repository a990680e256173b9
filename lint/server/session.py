"""What the language server knows of the workspace, in newslint's own terms (no LSP here).

The open pages as the editor holds them; each page's configuration found as `newslint check`
finds it (the nearest .newslint.yaml or pyproject.toml), read anew when a config file changes;
and the cross-page indexes over the workspace's pages, where an open page's current text stands
for its file. A page is checked as `newslint check FOLDER` checks it when FOLDER is its
workspace folder: the same rules, the same corpus, the same fixer.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..config import Config, ConfigError, ConfigResolver
from ..corpus import Corpus, PageIndexSpec, display_name, same_page
from ..engine import Linter, RuleFailure
from ..files import Page, PageError, PageSkipped, decode, read_page
from ..finding import Finding
from ..pagecache import PageCache
from ..records import field, record
from ..ruledocs import rule_markdown, rule_url
from ..runner import RunOptions, collect_pages, process_page

CONFIG_FILES = (".newslint.yaml", ".newslint.yml", "pyproject.toml")


@record
class OpenPage:
    uri: str
    path: Path | None  # None for a buffer that is no file (untitled)
    version: int | None
    source: str  # the text as the editor holds it, its own line ends
    page: Page | None  # line ends normalised; None when the text is no page (NUL bytes)


@record
class Checked:
    """What checking an open page gave: its findings, or the configuration error that stopped it."""

    page: Page | None
    findings: list[Finding] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)
    error: str | None = None


def is_config_file(path: Path) -> bool:
    """A file whose change can change what newslint finds: a config file, or YAML one names
    (packs, name lists, house rules)."""
    return path.name in CONFIG_FILES or path.suffix in (".yaml", ".yml")


class Session:
    def __init__(self, folders: Sequence[Path] = ()):
        self.folders = [Path(os.path.abspath(f)) for f in folders]
        self.pages: dict[str, OpenPage] = {}  # by URI
        self._by_path: dict[str, OpenPage] = {}  # open files by real path
        self._disk: dict[Path, tuple[tuple[int, int], str | None]] = {}  # page files read, by stat
        self._checked: dict[str, tuple[int, Checked]] = {}  # URI -> (generation, result)
        self.generation = 0  # moves on whenever a page's text, a page file or the configuration changes
        self.reload_config()

    # -- what the editor tells ------------------------------------------------------------

    def open(self, uri: str, path: Path | None, version: int | None, source: str) -> None:
        page = OpenPage(uri, path, version, source, _page_of(source, uri))
        self.pages[uri] = page
        if path is not None:
            self._by_path[_real(path)] = page
        self._changed(files=path is not None and not self._known(path))

    def change(self, uri: str, version: int | None, source: str) -> None:
        page = self.pages.get(uri)
        if page is None or page.source == source:
            return
        page.version, page.source, page.page = version, source, _page_of(source, uri)
        self._changed()

    def close(self, uri: str) -> None:
        page = self.pages.pop(uri, None)
        self._checked.pop(uri, None)
        if page is not None and page.path is not None:
            self._by_path.pop(_real(page.path), None)
            self._changed(files=not self._known(page.path))

    def reload_config(self) -> None:
        """Forget every configuration read (and what depends on it): the next check finds and
        reads them anew."""
        self.resolver = ConfigResolver()
        self._corpora: dict[tuple, WorkspaceCorpus] = {}
        self._linters: dict[tuple, Linter] = {}
        self._workspace_files: list[Path] | None = None
        self._changed()

    def files_changed(self, created_or_deleted: bool) -> None:
        """Page files changed on disk (another program, a checkout); `created_or_deleted`: the
        set of pages may differ too."""
        if created_or_deleted:
            self._workspace_files = None
        self._changed(files=created_or_deleted)

    # -- what the editor asks -------------------------------------------------------------

    def check(self, uri: str) -> Checked | None:
        """The findings of an open page as it now stands (None: no such page open)."""
        page = self.pages.get(uri)
        if page is None:
            return None
        memo = self._checked.get(uri)
        if memo is not None and memo[0] == self.generation:
            return memo[1]
        result = self._check(page)
        self._checked[uri] = (self.generation, result)
        return result

    def fix_all(self, uri: str) -> str | None:
        """The page's text after the safe fixes `newslint check --fix` would apply (the same
        fixer, the same fix guard), with the page's own line ends; None when nothing changes."""
        page = self.pages.get(uri)
        if page is None or page.page is None:
            return None
        try:
            config = self.config_for(page.path)
        except ConfigError:
            return None
        if page.path is not None and config.is_excluded(page.path):
            return None
        try:
            linter = self._linter(config, page.path)
        except ConfigError:
            return None
        _, fixed, origin = process_page(page.page, self.name(page), config, RunOptions(fix=True), page.path,
                                        linter=linter, notes=[])
        if fixed == page.page.text:
            return None
        try:
            return page.page.encode(fixed, origin).decode("utf-8")
        except PageError:
            return None

    def rule_doc(self, uri: str, code: str) -> tuple[str, str | None] | None:
        """A rule's documentation as Markdown (docs/rules.md's section), and its docs URL."""
        page = self.pages.get(uri)
        try:
            rule = self.config_for(page.path if page else None).catalogue.get(code)
        except ConfigError:
            return None
        if rule is None:
            return None
        return rule_markdown(rule), rule_url(rule.code, rule.name)

    def config_for(self, path: Path | None) -> Config:
        if path is not None:
            return self.resolver.for_path(path)
        if self.folders:  # an untitled buffer: as a page of the first workspace folder
            return self.resolver.for_path(self.folders[0] / "untitled.txt")
        return self.resolver.for_cwd()

    def text_of(self, path: Path) -> str | None:
        """A page's text: as the editor holds it if it is open, else as on disk (None: unreadable)."""
        page = self._by_path.get(_real(path)) if self._by_path else None
        if page is not None:
            return page.page.text if page.page is not None else None
        try:
            st = path.stat()
        except OSError:
            return None
        mark = (st.st_mtime_ns, st.st_size)
        known = self._disk.get(path)
        if known is not None and known[0] == mark:
            return known[1]
        try:
            text: str | None = read_page(path).text
        except (PageError, PageSkipped, OSError):
            text = None
        self._disk[path] = (mark, text)
        return text

    def page_globs(self) -> list[str]:
        """The workspace's page files as globs a client can watch: each folder's `include`."""
        globs = {"**/*.txt"}
        for folder in self.folders:
            try:
                include = self.resolver.for_path(folder / "page").include
            except ConfigError:
                continue
            globs |= {g if "/" in g else f"**/{g}" for g in include}
        return sorted(globs)

    def is_open(self, name: str) -> bool:
        return bool(self._by_path) and _real(Path(name)) in self._by_path

    def page_files(self) -> list[Path]:
        """The pages of the workspace: what `newslint check FOLDER` collects in each workspace
        folder (excludes and .gitignore respected), and the open pages."""
        if self._workspace_files is None:
            found: list[Path] = []
            for folder in self.folders:
                try:
                    found += collect_pages([str(folder)], self.resolver, RunOptions())[0]
                except (ConfigError, PageError):
                    continue  # a broken config is reported where the page is checked
            self._workspace_files = found
        known = {_real(p) for p in self._workspace_files}
        return [*self._workspace_files,
                *(p.path for key, p in self._by_path.items() if key not in known and not self._excluded(p.path))]

    @staticmethod
    def name(page: OpenPage) -> str:
        """How findings and the corpus name a page: as `check` does, relative to the working
        folder (the first workspace folder) when under it; the URI if it is no file."""
        return display_name(page.path) if page.path is not None else page.uri

    # -- inside ----------------------------------------------------------------------------

    def _check(self, page: OpenPage) -> Checked:
        if page.page is None:
            return Checked(None)
        try:
            config = self.config_for(page.path)
            if page.path is not None and config.is_excluded(page.path):
                return Checked(page.page)  # `check` leaves it out even when named
            linter = self._linter(config, page.path)
        except ConfigError as e:
            return Checked(page.page, error=str(e))
        result = linter.check(page.page.text, self.name(page))
        return Checked(page.page, result.findings, result.failures)

    def _linter(self, config: Config, path: Path | None) -> Linter:
        rules = config.rules_for(path)
        corpus_key = (config.corpus, config.names, config.include, config.root)
        if corpus_key not in self._corpora:
            self._corpora[corpus_key] = WorkspaceCorpus(self, config.corpus, config.names, config.is_page)
        key = (id(config), tuple(r.code for r in rules), corpus_key)
        if key not in self._linters:
            self._linters[key] = Linter(rules, config.layout, self._corpora[corpus_key])
        return self._linters[key]

    def _changed(self, files: bool = False) -> None:
        self.generation += 1
        for corpus in self._corpora.values():
            corpus.refresh(files)

    def _excluded(self, path: Path) -> bool:
        """Whether `check` leaves the page out even when named (a broken config: nothing is checked)."""
        try:
            return self.resolver.for_path(path).is_excluded(path)
        except ConfigError:
            return True

    def _known(self, path: Path) -> bool:
        """Whether the workspace's pages hold this file already (an open page outside them
        joins the corpus, and leaves it when closed)."""
        return self._workspace_files is not None and any(_real(p) == _real(path) for p in self._workspace_files)


class WorkspaceCorpus(Corpus):
    """The corpus of `newslint check` over the workspace: the configured corpus folders, the
    workspace's pages and the open pages, each open page by its current text. Its indexes are
    rebuilt when a page changes, from contributions kept by content: a keystroke re-derives one
    page's."""

    def __init__(self, session: Session, roots: Sequence[Path], name_lists: Sequence[Path],
                 is_page: Callable[[Path], bool] | None = None):
        super().__init__(roots, name_lists=name_lists, is_page=is_page)
        self.session = session
        self._caches: dict[str, PageCache] = {}  # by index, kept across rebuilds
        # open pages' contributions: derived from unsaved text, so kept here, not in the page cache on disk
        self._open: dict[tuple[str, str], tuple[str, object]] = {}

    def refresh(self, files: bool) -> None:
        self._indexes.clear()
        if files:
            self._paths = None

    def _find_paths(self) -> list[Path]:
        self.extra = tuple(self.session.page_files())
        return super()._find_paths()

    def holds_other_pages(self, name: str | None) -> bool:
        return bool(self.roots) or any(not same_page(name, str(p)) for p in self.paths())

    def pages(self) -> Iterator[tuple[str, str]]:
        for path in self.paths():
            text = self.session.text_of(path)
            if text is not None:
                yield display_name(path), text

    def index_from(self, spec: PageIndexSpec):
        if spec.key not in self._indexes:
            if spec.key not in self._caches:
                self._caches[spec.key] = spec.cache()
            cache = self._caches[spec.key]
            self._indexes[spec.key] = spec.combine((name, self._contribution(spec.key, cache, name, text))
                                                   for name, text in self.pages())
            cache.save()
        return self._indexes[spec.key]

    def _contribution(self, key: str, cache: PageCache, name: str, text: str):
        if not self.session.is_open(name):
            return cache.get(text)
        kept = self._open.get((key, name))
        if kept is None or kept[0] != text:
            found = cache.lookup(cache.digest(text))
            kept = self._open[(key, name)] = (text, found if found is not None else cache.derive(text))
        return kept[1]


def _page_of(source: str, name: str) -> Page | None:
    """The editor's text as newslint reads a page: line ends normalised, each one remembered."""
    try:
        text, newline, ends = decode(source.encode("utf-8", "surrogatepass"), "utf-8", name)
    except (PageError, PageSkipped):
        return None
    return Page(None, text, newline, "utf-8", ends)


@lru_cache(maxsize=65536)
def _real(path: Path) -> str:
    return os.path.realpath(path)
