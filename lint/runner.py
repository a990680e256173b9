"""Running the rules over pages: pages in, one outcome a page out.

The runner reads pages (files, folders, standard input), checks or fixes each with the rules its
configuration selects, verifies fixes with the fix guard and writes them; over --jobs processes
it first builds the cross-page indexes once, serves unchanged pages from the result cache, and
hands back outcomes in the order of the pages. It prints nothing: the command line formats what
comes back.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .config import Config, ConfigResolver
from .corpus import Corpus, PageIndexSpec
from .engine import Linter, RuleFailure
from .files import (MAX_MB, Page, PageError, PageSkipped, changed_since, collect, decode, is_fixed_shard, read_page,
                    shown, too_large, write_page)
from .guard import FixGuardError, verify
from .output import FileReport, format_streamed
from .records import field, record, replace

BATCH = 16  # pages a worker checks together: TYP001's batch path gains as much from 16 as from 64, with less memory

if TYPE_CHECKING:
    from array import array

    from .resultcache import ResultCache


@record
class RunOptions:
    """What a run does with its pages."""

    fix: bool = False  # apply fixes
    unsafe_fixes: bool = False  # unsafe ones too
    diff: bool = False  # the fixes as a unified diff; nothing written
    write: bool = True  # write fixed pages (a report of a fix run shows them only)
    jobs: int = 0  # processes (0: one per core)
    encoding: str = "utf-8"
    max_file_mb: float = MAX_MB  # larger pages are refused (0: no limit)
    cache: bool = True  # the result cache and the cross-page indexes' cache
    cache_dir: str | None = None  # where the result cache lives (None: beside the config)
    follow_symlinks: bool = False
    respect_gitignore: bool = True  # pages under a folder that git ignores are no pages to check
    stream: bool = False  # format each page's findings where it is checked (in `stream_format`)
    stream_format: str = "text"  # text, json or jsonl (output.format_streamed)
    show_fixes: bool = False  # each fix as the characters it changes (keeps the page as read in a fix run)
    colour: bool = False  # ... marked with terminal colours rather than [-deleted-]{+inserted+}
    # shards (lint/shards.py): the fields of a record, where fixed shards go, the findings field
    text_field: str = "text"
    id_field: str = "id"
    output_dir: str | None = None  # None: NAME.fixed.SUFFIX beside the shard
    findings_field: str | None = None

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


@record
class PageOutcome:
    """What checking one page gave: its report (None when it could not be read), its diff, the
    lines for the user (stderr), and the errors to count."""

    report: FileReport | None = None
    diff: str = ""
    messages: list[str] = field(default_factory=list)
    errors: int = 0
    printed: str = ""  # the findings as text, formatted where the page was checked (streaming)
    cached: dict = field(default_factory=dict)  # result-cache entries a worker made, for the parent to write
    fixed_bytes: bytes | None = None  # standard input's fixed page, encoded as it came

    def unread(self, e: PageError | PageSkipped) -> PageOutcome:
        """The page could not be read or written: skipped (a note) or refused (an error)."""
        if isinstance(e, PageSkipped):
            self.messages.append(f"newslint: {e}")
        else:
            self.messages.append(f"newslint: error: {e}")
            self.errors += 1
        return self


def collect_pages(paths: list[str], resolver: ConfigResolver, options: RunOptions, since: str | None = None
                  ) -> tuple[list[Path], list[str], list[str]]:
    """The page files below `paths` (changed since git revision `since`, if given), the paths
    skipped (with why) and the problems met (errors)."""
    def excluded(p: Path) -> bool:
        return resolver.for_path(p).is_excluded(p)

    def is_page(p: Path) -> bool:  # a fixed shard a fix run wrote is no page to check again
        return resolver.for_path(p).is_page(p) and not is_fixed_shard(p)

    if since:
        paths = changed_since(since, paths, is_page)
    problems: list[str] = []
    skipped: list[str] = []
    files = list(collect(paths, excluded, options.follow_symlinks, problems, skipped, options.respect_gitignore,
                         is_page))
    return files, skipped, problems


def check_stdin(data: bytes, name: str, config: Config, options: RunOptions, path: Path | None) -> PageOutcome:
    """Check (or fix) standard input; `name` is how findings name it, `path` the file it stands
    for (its config and per-file ignores), if any."""
    out = PageOutcome()
    limit = int(options.max_file_mb * 1e6) if options.max_file_mb else -1
    if limit >= 0 and len(data) > limit:
        out.messages.append(f"newslint: error: {too_large(name, len(data), options.max_file_mb)}")
        out.errors += 1
        return out
    try:
        text, newline, ends = decode(data, options.encoding, name)
    except (PageError, PageSkipped) as e:
        return out.unread(e)
    page = Page(None, text, newline, options.encoding, ends)
    corpus = Corpus(config.corpus, encoding=options.encoding, name_lists=config.names, is_page=config.is_page)
    out.report, new_text, origin = process_page(page, name, config, options, path, corpus=corpus, notes=out.messages)
    if options.diff:
        out.diff = unified_diff(name, page.text, new_text)
    elif options.fix:
        try:
            out.fixed_bytes = page.encode(new_text, origin)
        except PageError as e:
            out.unread(e)
    return out


def corpus_key(config: Config, options: RunOptions) -> tuple:
    """What makes two pages' corpora one: a run builds one corpus (and its indexes) per key."""
    return (config.corpus, config.names, options.encoding, config.include, config.root,
            options.text_field, options.id_field)


@record
class RunPlan:
    """Which configuration and linter check each page of a run (one corpus, and one set of
    cross-page indexes, per configuration)."""

    tasks: list[tuple[Config, Linter]]
    corpora: dict[tuple, Corpus]
    linters: dict[tuple, Linter]


def plan_run(files: list[Path], resolver: ConfigResolver, options: RunOptions, memo: ResultCache | None = None,
             corpora: dict | None = None, extra: list[Path] | None = None) -> RunPlan:
    """The configuration and linter of each page (`extra`: the pages of the run, for the corpus:
    default `files`; `corpora`: the run's corpora by corpus_key, shared with check_shards). A
    process that plans the same run (the same files, configuration and options) gets equal
    corpora under equal keys: the Dask runner's workers plan the run again and receive the
    client's indexes by those keys."""
    corpora = {} if corpora is None else corpora
    linters: dict[tuple, Linter] = {}
    tasks: list[tuple[Config, Linter]] = []
    for path in files:
        config = resolver.for_path(path)
        key = corpus_key(config, options)
        if key not in corpora:  # one corpus (and one set of indexes) per configuration
            corpora[key] = Corpus(config.corpus, extra=files if extra is None else extra, encoding=options.encoding,
                                  name_lists=config.names, is_page=config.is_page,
                                  fields=(options.text_field, options.id_field))
        rules = config.rules_for(path)
        lkey = (id(config), tuple(r.code for r in rules), key)
        if lkey not in linters:
            linters[lkey] = Linter(rules, config.layout, corpora[key], memo)
        tasks.append((config, linters[lkey]))
    return RunPlan(tasks, corpora, linters)


def check_pages(files: list[Path], resolver: ConfigResolver, options: RunOptions, corpora: dict | None = None,
                extra: list[Path] | None = None) -> Iterator[PageOutcome]:
    """Check (and fix) the files, over --jobs processes: the cross-page indexes are built first,
    once, and every worker starts with them; outcomes come back in the order of `files`.
    `extra`: the pages of the run, for the corpus (default `files`; shards too, when the run has
    some); `corpora`: the run's corpora by corpus_key, shared with check_shards."""
    from .parallel import available_jobs, can_fork, map_ordered
    from .resultcache import FOLDER, ResultCache

    memo: ResultCache | None = None
    if options.cache:
        root = Path(options.cache_dir) if options.cache_dir else result_cache_root(resolver) / FOLDER
        memo = ResultCache(root)
    plan = plan_run(files, resolver, options, memo, corpora, extra)
    tasks, corpora, linters = plan.tasks, plan.corpora, plan.linters
    wanted = options.jobs or available_jobs()
    jobs = max(1, min(wanted, len(files)))
    missed = list(range(len(files)))  # the pages that may need work (index building, warm-up)
    if jobs > 1 and can_fork() and memo is not None:
        # The probe stops at the first page not in the cache: a cold run reads one page here, not
        # every page twice; the pages after it are taken as missed.
        first = next((i for i, path in enumerate(files) if not _served_from_cache(path, tasks[i][1], options)), None)
        missed = [] if first is None else missed[first:]
        if not missed and not options.fixing:
            jobs = 1  # a warm run over unchanged pages: reading the cache beats forking
    if jobs == 1 and wanted > 1 and can_fork():
        for linter in linters.values():
            linter.jobs = wanted  # a single long file (a year of pages): its sections go over the cores
    if jobs > 1 and can_fork():
        prepare_indexes([tasks[i] for i in missed], jobs)
        if len(missed) >= 4 * jobs:
            _warm_up(files[missed[0]], tasks[missed[0]][1], options)
            if len(missed) >= BATCH * jobs:
                for linter in linters.values():
                    linter.warm_batch()
        if memo is not None:
            memo.flush()  # what the parent stored so far, written once, not inherited by the workers
            memo.share_with_workers()

    batches = page_batches(len(files), jobs)
    first_missed = missed[0] if missed else len(files)  # the pages before it are served from the cache

    def work(b: int) -> list[PageOutcome]:
        return check_batch(files, tasks, batches[b], options, memo, first_missed)

    try:
        for outs in map_ordered(work, len(batches), jobs):
            for out in outs:
                if memo is not None and out.cached:
                    memo.put(out.cached)  # the parent writes the cache: a few packs, not a file a page
                    out.cached = {}
                for corpus in corpora.values():
                    out.messages += corpus.take_notes()
                yield out
    finally:
        if memo is not None:
            memo.flush()


def page_batches(count: int, workers: int) -> list[range]:
    """Work goes out in batches of consecutive pages: rules with a batch path check a batch at
    once (Linter.prime); small enough that every worker gets several."""
    size = max(1, min(BATCH, count // (workers * 4) or 1))
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def check_batch(files: list[Path], tasks: list[tuple[Config, Linter]], pages: range, options: RunOptions,
                memo: ResultCache | None = None, first_missed: int = 0) -> list[PageOutcome]:
    """Check (or fix) the pages `pages` (positions in `files`), reading each once; the batch
    rules of their linters see them together. Pages before `first_missed` are served by the
    result cache: nothing is primed for them."""
    read = {i: _read(files[i], options) for i in pages}
    primed = [linter for linter in {id(tasks[i][1]): tasks[i][1] for i in pages if i >= first_missed}.values()
              if any(0 < rule.batch_min <= len(pages) for rule in linter.rules)]
    for linter in primed:
        linter.prime([(page.text, str(files[i])) for i, page in read.items()
                      if tasks[i][1] is linter and isinstance(page, Page)])
    outs = []
    for i in pages:
        out = _check_page(files[i], tasks[i][0], tasks[i][1], options, read[i])
        if memo is not None:
            out.cached = memo.take()
        outs.append(out)
    for linter in primed:
        linter.prime(())  # the batch's findings are no longer needed
    return outs


def index_specs(tasks: list[tuple[Config, Linter]]) -> list[tuple[Corpus, list[PageIndexSpec]]]:
    """The cross-page indexes the rules of these pages read, by corpus."""
    needed: dict[int, tuple[Corpus, list]] = {}
    asked: set[int] = set()  # the linters whose indexes are already listed
    for config, linter in tasks:
        corpus = linter.corpus
        assert corpus is not None
        if id(linter) in asked:
            continue
        asked.add(id(linter))
        for rule in linter.rules:
            if rule.uses_corpus and corpus.holds_other_pages(None):
                needed.setdefault(id(corpus), (corpus, []))[1].extend(rule.corpus_indexes(config.layout))
    return list(needed.values())


def prepare_indexes(tasks: list[tuple[Config, Linter]], jobs: int) -> None:
    """Build the cross-page indexes the rules of these pages read, once per corpus, over `jobs`
    processes, before the workers fork (each then starts with them)."""
    for corpus, specs in index_specs(tasks):
        corpus.prepare(specs, jobs)


def _warm_up(path: Path, linter: Linter, options: RunOptions) -> None:
    """Check one page here before forking, so that what the rules load on first use (the word
    list, OpenCC, tables) is loaded once and shared by the workers, not loaded by each."""
    from .lexicon import unpack_for_workers
    text = _text_of(path, options)
    if text is not None:
        linter.check(text, str(path))  # with a result cache, the worker then reads this back
        unpack_for_workers()


def _served_from_cache(path: Path, linter: Linter, options: RunOptions) -> bool:
    """Whether every finding for `path` is in the result cache (a page that cannot be read needs
    no work either)."""
    text = _text_of(path, options)
    return text is None or linter.is_cached(text, str(path))


def _text_of(path: Path, options: RunOptions) -> str | None:
    """The page's text, or None when it cannot be read (checking it will say why)."""
    try:
        return read_page(path, options.encoding, options.max_file_mb).text
    except (PageError, PageSkipped):
        return None


def result_cache_root(resolver: ConfigResolver) -> Path:
    """Where the result cache lives: beside the config file that applies here, else here."""
    config = resolver.for_cwd()
    return config.path.parent if config.path is not None else Path.cwd()


def _read(path: Path, options: RunOptions) -> Page | PageError | PageSkipped:
    """The page, or why it cannot be read."""
    try:
        return read_page(path, options.encoding, options.max_file_mb)
    except (PageError, PageSkipped) as e:
        return e


def _check_page(path: Path, config: Config, linter: Linter, options: RunOptions,
                page: Page | PageError | PageSkipped | None = None) -> PageOutcome:
    """Check or fix the page at `path` (`page`: as read already)."""
    out = PageOutcome()
    page = _read(path, options) if page is None else page
    if not isinstance(page, Page):
        return out.unread(page)
    try:
        out.report, new_text, origin = process_page(page, str(path), config, options, path, linter=linter,
                                                    notes=out.messages)
    except Exception as e:  # noqa: BLE001 - one page's crash is not the run's crash
        out.messages.append(f"newslint: error: internal error while checking {shown(path)}: {type(e).__name__}: {e} "
                            f"(please report it); the page was not changed")
        out.errors += 1
        return out
    if options.diff:
        if new_text != page.text:
            out.diff = unified_diff(str(path), page.text, new_text)
    elif options.fix and options.write and new_text != page.text:
        try:
            write_page(page, new_text, origin)
        except PageError as e:
            out.unread(e)
    if options.stream and out.report is not None:  # format here (in the worker): no page text to send back
        out.printed = format_streamed(out.report, options.stream_format, options.show_fixes, options.colour)
        out.report = out.report.slim()
    return out


def process_page(page: Page, name: str, config: Config, options: RunOptions, path: Path | None,
                 corpus: Corpus | None = None, linter: Linter | None = None,
                 notes: list[str] | None = None) -> tuple[FileReport, str, array | None]:
    """Check or fix one page: its report, its new text, and where each new character came from
    (for writing the page back with its own line ends). Warnings for the user go to `notes`
    (else straight to stderr)."""
    linter = linter or Linter(config.rules_for(path), config.layout, corpus)
    if not options.fixing:
        result = linter.check(page.text, name)
        return _report(name, page.text, result.findings, [], result.failures, config), page.text, None
    fixed = linter.fix(page.text, unsafe=options.unsafe_fixes, path=name)
    try:
        origin = verify(page.text, fixed.text, fixed.steps)
    except FixGuardError as e:  # write nothing; say which fixes were involved
        failure = RuleFailure(",".join(e.rules), f"internal error: fix guard: {shown(name)}: {e}; rules whose fixes "
                                                 f"were applied: {', '.join(e.rules)}; the page was not changed")
        found = linter.check(page.text, name)
        return _report(name, page.text, found.findings, [], [*found.failures, failure], config), page.text, None
    report = _report(name, fixed.text, fixed.findings, fixed.fixed, fixed.failures, config)
    if options.show_fixes and fixed.fixed:
        report.original, report.fix_passes = page.text, fixed.passes
    note = None
    if fixed.failures:
        rules = ", ".join(sorted({f.rule for f in fixed.failures}))
        note = (f"newslint: {shown(name)}: not fixed: {rules} could not finish on it, and a page is fixed only "
                f"when every rule has run; none of its fixes {'is shown' if options.diff else 'was applied'} "
                f"(see the error below; fix the rule or --ignore it)")
    elif not fixed.converged:
        note = f"newslint: warning: {shown(name)}: fixes did not settle after several passes; some findings remain"
    if note is not None:
        if notes is None:
            print(note, file=sys.stderr)
        else:
            notes.append(note)
    return report, fixed.text, origin


def _report(name: str, text: str, findings, fixed, failures, config) -> FileReport:
    """The page's report, its path and the paths its findings point to made safe to print."""
    def safe(found):
        return [f if not any(r.path for r in f.related) else
                replace(f, related=tuple(replace(r, path=shown(r.path)) if r.path else r for r in f.related))
                for f in found]

    return FileReport(shown(name), text, safe(findings), safe(fixed), failures, config.fail_on)


def unified_diff(name: str, old: str, new: str) -> str:
    import difflib

    name = shown(name)
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    # a last line without its line end gets git's marker, so that the patch applies
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
