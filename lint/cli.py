"""The command line: `newslint check`, `report`, `rule CODE`, `rules`, `names`, `clean`, `server`.

Exit codes: 0 nothing left at or above --fail-on; 1 findings left (or, with --diff, changes to
make); 2 a usage, configuration or I/O error, or a rule that could not run.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from . import pagecache
from .config import ConfigError, ConfigResolver, load_config
from .corpus import Corpus
from .files import MAX_MB, PageError, is_shard, shown
from .finding import Severity
from .output import (FileReport, JsonStream, format_failures, format_json, format_jsonl, format_statistics,
                     format_text, summary_line)
from .progress import Progress
from .records import replace
from .runner import RunOptions, check_pages, check_stdin, collect_pages
from .version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's formatter, told the width: finding it itself imports shutil (3 ms a run)."""
    return argparse.HelpFormatter(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size finds it: $COLUMNS, the terminal, 80."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _subparser(**kwargs) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(formatter_class=_help_formatter, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint", description="Lint and fix OCR'd Chinese newspaper pages.",
        formatter_class=_help_formatter)
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_subparser)

    check = sub.add_parser("check", help="lint pages (files, folders of pages: *.txt or the config's include; "
                           "- for stdin)")
    check.add_argument("paths", nargs="*", default=None, metavar="PATH")
    check.add_argument("--fix", action="store_true", help="apply safe fixes and write the pages")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff and write nothing (exit 1 if any)")
    check.add_argument("--show-fixes", action="store_true",
                       help="show each fix as the characters it changes, in context (…发[- -]展…); "
                       "with --fix, each fix applied too (text format)")
    check.add_argument("--select", type=_csv, metavar="RULES",
                       help="rules to run: codes, prefixes, names or categories (replaces the config's)")
    check.add_argument("--extend-select", type=_csv, metavar="RULES", help="rules to add")
    check.add_argument("--ignore", type=_csv, metavar="RULES", help="rules to leave out")
    check.add_argument("--config", metavar="FILE",
                       help="config file (.newslint.yaml or pyproject.toml); default: the nearest one")
    check.add_argument("--format", "--output-format", choices=("text", "json", "jsonl", "sarif", "github", "junit", "rdjson"),
                       default="text", help="text (default), json, jsonl, sarif (code scanning), github "
                       "(workflow annotations), junit, rdjson (reviewdog)")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    check.add_argument("--fail-on", choices=[s.value for s in Severity],
                       help="lowest severity that fails the run (default: warning)")
    check.add_argument("--since", metavar="REV",
                       help="lint only the pages added or changed since git revision REV, and untracked ones")
    check.add_argument("--baseline", metavar="FILE", help="report only findings the baseline FILE does not hold")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    check.add_argument("--prune-baseline", action="store_true",
                       help="with --baseline: drop the entries no finding matches any more from FILE")
    check.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                       help="processes to spread the pages over (default: one per core; 1: none)")
    check.add_argument("--dask", metavar="ADDRESS",
                       help="check the pages on a Dask cluster: local, local:N (N workers here), a scheduler "
                       "file (.json) or tcp://host:port; the same findings as one process (needs newslint[dask])")
    check.add_argument("--max-file-mb", type=float, default=MAX_MB, metavar="MB",
                       help=f"refuse (exit 2) page files larger than this (default {MAX_MB}; 0: no limit)")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write cached results (.newslint_cache/) or corpus indexes")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="where to keep cached results (default: .newslint_cache/ beside the config file, "
                       "else in the current folder; also NEWSLINT_CACHE_DIR)")
    check.add_argument("--follow-symlinks", action="store_true",
                       help="in named folders, check symbolic links that lead out of the folder too")
    check.add_argument("--no-respect-gitignore", action="store_true",
                       help="in named folders, check pages that git ignores too (.gitignore)")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument("--encoding", default="utf-8", help="encoding of the pages (default utf-8)")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="the path that standard input stands for (config, per-file ignores)")
    check.add_argument("--progress", action="store_true",
                       help="show progress on stderr even when it is no terminal (a line every few seconds), "
                       "and a summary at the end")
    shards = check.add_argument_group("shards", "JSONL (.jsonl, .jsonl.gz, .jsonl.zst) and Parquet files, one "
                                      "record a page (docs/scale.md)")
    shards.add_argument("--text-field", default="text", metavar="NAME",
                        help="the field of a record that holds its text (default text)")
    shards.add_argument("--id-field", default="id", metavar="NAME",
                        help="the field that names a record in findings, SHARD#ID (default id; without it, "
                        "the line or row number)")
    shards.add_argument("--output-dir", metavar="DIR",
                        help="with --fix: write fixed shards into DIR under their own names (default: "
                        "NAME.fixed.jsonl beside each shard); shards are never edited in place")
    shards.add_argument("--findings-field", metavar="NAME",
                        help="with --fix: add each record's findings (as --format json gives them) to the "
                        "fixed shard as the field NAME")

    report = sub.add_parser("report", help="write one HTML file with every finding highlighted, for review")
    report.add_argument("paths", nargs="*", default=None, metavar="PATH")
    report.add_argument("-o", "--output", default="newslint-report.html", metavar="FILE",
                        help="the HTML file to write (default newslint-report.html)")
    report.add_argument("--fix", action="store_true",
                        help="show what a fix run would apply (pages are not written)")
    report.add_argument("--unsafe-fixes", action="store_true", help="with --fix: unsafe fixes too")
    for flag in ("--select", "--extend-select", "--ignore"):
        report.add_argument(flag, type=_csv, metavar="RULES")
    report.add_argument("--config", metavar="FILE")
    report.add_argument("--since", metavar="REV", help="only pages changed since git revision REV")
    report.add_argument("--baseline", metavar="FILE", help="only findings the baseline does not hold")
    report.add_argument("--encoding", default="utf-8")
    report.add_argument("--no-cache", action="store_true")
    report.add_argument("--jobs", "-j", type=int, default=0, metavar="N")
    report.add_argument("--max-file-mb", type=float, default=MAX_MB, metavar="MB")
    report.add_argument("--cache-dir", metavar="DIR")
    report.add_argument("--follow-symlinks", action="store_true")
    report.add_argument("--no-respect-gitignore", action="store_true")
    report.add_argument("--text-field", default="text", metavar="NAME")
    report.add_argument("--id-field", default="id", metavar="NAME")
    report.set_defaults(diff=False, show_fixes=True, format="text", statistics=False, exit_zero=True, fail_on=None,
                        quiet=True, stdin_filename=None, write_baseline=None, prune_baseline=False, progress=False,
                        output_dir=None, findings_field=None)

    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code", metavar="CODE", help="a rule code or name")
    rule.add_argument("--config", metavar="FILE", help="config with custom rules and options")
    rule.add_argument("--format", choices=("text", "json"), default="text")

    names = sub.add_parser("names", help="print the name index of pages: counts, pages, suspected variants")
    names.add_argument("paths", nargs="+", metavar="PATH")
    names.add_argument("--format", choices=("text", "yaml"), default="text")
    names.add_argument("--min-count", type=int, default=1, metavar="N", help="names printed at least N times")
    names.add_argument("--encoding", default="utf-8", help="encoding of the pages (default utf-8)")

    clean = sub.add_parser("clean", help="remove the result cache used here and ~/.cache/newslint")
    clean.add_argument("--cache-dir", metavar="DIR",
                       help="the result cache to remove (default: the one `check` uses here; also NEWSLINT_CACHE_DIR)")
    clean.add_argument("--config", metavar="FILE", help="config file beside which the result cache lives")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--config", metavar="FILE", help="config with custom rules")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    server = sub.add_parser("server", help="run the language server (LSP over stdio) for editors")
    server.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command in ("check", "report"):
            return run_check(args)
        if args.command == "rule":
            return run_rule(args)
        if args.command == "names":
            return run_names(args)
        if args.command == "clean":
            return run_clean(args)
        if args.command == "server":
            return run_server(args)
        return run_rules(args)
    except ConfigError as e:
        print(f"newslint: config error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except PageError as e:
        print(f"newslint: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:  # the output cannot be written (a full disk): an I/O error, not findings
        print(f"newslint: error: {e}", file=sys.stderr)
        return EXIT_ERROR


def entry() -> None:
    """The `newslint` command (and `python -m lint`): main(), then out without the interpreter's
    teardown, which frees every object of the run one by one (15 ms of a one-page check: a tenth
    of the pre-commit hook). The exit handlers run (they write the compiled patterns) and the
    output is flushed first, so nothing is lost; a flush that fails is an I/O error (exit 2)."""
    import atexit

    code = main()
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BrokenPipeError:
        pass  # the reader has gone (newslint check | head): as main() has it
    except OSError as e:
        with contextlib.suppress(OSError):
            os.write(2, f"newslint: error: cannot write the output: {e}\n".encode())
        code = EXIT_ERROR
    os._exit(code)


# -- names --------------------------------------------------------------------------------------


def run_names(args) -> int:
    """The name index of the pages `check` would take from the paths; a page that cannot be read
    is an error, as in `check` (exit 2), and with no page read there is no index to print."""
    from .files import PageSkipped, read_page
    from .names_report import format_rows, name_rows

    files, skipped, problems = collect_pages(args.paths, ConfigResolver(), RunOptions(encoding=args.encoding))
    for line in skipped:
        print(f"newslint: {line}", file=sys.stderr)
    for line in problems:
        print(f"newslint: error: {line}", file=sys.stderr)
    errors = len(problems)
    pages = []
    for path in files:
        try:
            read_page(path, args.encoding)  # the index would leave out what it cannot read, silently
        except PageSkipped as e:
            print(f"newslint: {e}", file=sys.stderr)
            continue
        except PageError as e:
            print(f"newslint: error: {e}", file=sys.stderr)
            errors += 1
            continue
        pages.append(path)
    if not pages:
        if files and not errors:
            print(f"newslint: error: none of the {len(files)} file{'s' if len(files) != 1 else ''} found could be "
                  f"read as a page (see above)", file=sys.stderr)
        return EXIT_ERROR
    rows = name_rows(Corpus(extra=pages, encoding=args.encoding), args.min_count)
    sys.stdout.write(format_rows(rows, args.format))
    return EXIT_ERROR if errors else EXIT_OK


# -- server -------------------------------------------------------------------------------------


SERVER_NEEDS = ("pygls", "lsprotocol", "cattrs")  # the optional extra `server` brings them


def run_server(args) -> int:
    try:
        from .server.lsp import serve
    except ImportError as e:
        if (e.name or "").split(".")[0] not in SERVER_NEEDS:
            raise
        print(f"newslint: error: the language server needs pygls ({e.name} is not installed): "
              f"pip install 'newslint[server]'", file=sys.stderr)
        return EXIT_ERROR
    return serve()


# -- clean --------------------------------------------------------------------------------------


def run_clean(args) -> int:
    """Remove the result cache `check` would use here, and the user cache folder (ruff clean)."""
    from .config import find_config
    from .resultcache import FOLDER, is_result_cache, remove

    given = args.cache_dir or os.environ.get("NEWSLINT_CACHE_DIR")
    if given:
        results = Path(given)
    else:
        config = Path(args.config) if args.config else find_config(Path.cwd())
        results = (config.resolve().parent if config is not None else Path.cwd()) / FOLDER
    if results.exists() and not is_result_cache(results):
        print(f"newslint: error: {results} holds no result cache of newslint's (no CACHEDIR.TAG of ours): "
              f"nothing removed", file=sys.stderr)
        return EXIT_ERROR
    tables = pagecache.cache_folder()
    if not results.exists() and not tables.exists():
        print("nothing to remove")
    if results.exists():
        print(f"removed {results} ({_amount(remove(results))})")
    if tables.exists():
        print(f"removed {tables} ({_amount(pagecache.remove_all())})")
    return EXIT_OK


def _amount(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"


# -- check --------------------------------------------------------------------------------------


def run_check(args) -> int:
    if args.no_cache:
        pagecache.disable()
    if args.jobs < 0:
        print("newslint: error: --jobs must be 0 (one per core) or more", file=sys.stderr)
        return EXIT_ERROR
    if args.prune_baseline and not args.baseline:
        print("newslint: error: --prune-baseline needs --baseline FILE (the baseline to prune)", file=sys.stderr)
        return EXIT_ERROR
    if (args.output_dir or args.findings_field) and not (args.fix and not args.diff):
        print(f"newslint: error: {'--output-dir' if args.output_dir else '--findings-field'} goes with --fix "
              f"(it shapes the fixed shards a fix run writes)", file=sys.stderr)
        return EXIT_ERROR
    if args.findings_field and args.findings_field in (args.text_field, args.id_field):
        print("newslint: error: --findings-field must name a field other than the text and id fields",
              file=sys.stderr)
        return EXIT_ERROR
    cli = {key: value for key, value in (("select", args.select), ("extend_select", args.extend_select),
                                         ("ignore", args.ignore), ("fail_on", args.fail_on))
           if value is not None and (key == "select" or value)}
    resolver = ConfigResolver(args.config, cli)
    paths = args.paths or ["."]
    options = RunOptions(
        fix=args.fix, unsafe_fixes=args.unsafe_fixes, diff=args.diff, write=args.command == "check",
        jobs=args.jobs, encoding=args.encoding, max_file_mb=args.max_file_mb, cache=not args.no_cache,
        cache_dir=args.cache_dir or os.environ.get("NEWSLINT_CACHE_DIR") or None,
        follow_symlinks=args.follow_symlinks, respect_gitignore=not args.no_respect_gitignore,
        stream=_streams(args), stream_format=args.format, show_fixes=args.show_fixes and not args.diff,
        colour=_colour(sys.stdout),
        text_field=args.text_field, id_field=args.id_field, output_dir=args.output_dir,
        findings_field=args.findings_field)
    reports: list[FileReport] = []
    json_stream = JsonStream()  # the json format's array, when pages are printed as they come
    diffs: list[str] = []
    errors = 0
    stdin_fixed: bytes | None = None
    if paths == ["-"]:
        name = args.stdin_filename or "-"
        path = Path(name) if args.stdin_filename else None
        config = resolver.for_path(path) if path is not None else resolver.for_cwd()
        outcome = check_stdin(sys.stdin.buffer.read(), name, config, options, path)
        for line in outcome.messages:
            print(line, file=sys.stderr)
        if outcome.report is None or outcome.errors:
            return EXIT_ERROR if outcome.errors else EXIT_OK
        reports.append(outcome.report)
        if args.diff:
            diffs.append(outcome.diff)
        stdin_fixed = outcome.fixed_bytes
    else:
        try:
            files, skipped, problems = collect_pages(paths, resolver, options, args.since)
        except PageError as e:
            print(f"newslint: error: {e}", file=sys.stderr)
            return EXIT_ERROR
        for line in skipped if not args.quiet else []:
            print(f"newslint: {line}", file=sys.stderr)
        for line in problems:
            print(f"newslint: error: {line}", file=sys.stderr)
        errors += len(problems)
        pages = [f for f in files if not is_shard(f)]
        shards = [f for f in files if is_shard(f)]
        progress = _progress(args, pages, shards)
        sizes = progress.total_bytes is not None
        corpora: dict = {}
        cluster = None
        if getattr(args, "dask", None):
            from .cluster import ClusterError, DaskRun, RunRecipe

            options = replace(options, cache=False)  # a cluster run is a backlog's run:
            pagecache.disable()  # no result cache, and no page cache of the whole corpus on the client
            try:
                cluster = DaskRun(args.dask, RunRecipe(os.getcwd(), args.config, cli, options))
            except ClusterError as e:
                print(f"newslint: error: {e}", file=sys.stderr)
                return EXIT_ERROR

        def take(outcome) -> None:
            nonlocal errors
            if outcome.messages:
                progress.clear()
                for line in outcome.messages:
                    print(line, file=sys.stderr)
            errors += outcome.errors
            if outcome.printed:
                progress.clear()
                sys.stdout.write(json_stream.add(outcome.printed) if args.format == "json" else outcome.printed)
            if outcome.report is not None:
                reports.append(outcome.report)
            if outcome.diff:
                diffs.append(outcome.diff)

        try:
            done = 0  # bytes of the files read (progress)
            finished = 0  # shards a fix run had already done
            if cluster is not None:
                outcomes = cluster.check_pages(pages, resolver, options, corpora, files)
            else:
                outcomes = check_pages(pages, resolver, options, corpora, files)
            for path, outcome in zip(pages, outcomes):
                if sizes:
                    done += _size(path)
                progress.step(shown(str(path)), done)
                take(outcome)
            outcomes.close()  # its cleanup now (the cache written), not when collected
            if shards:
                from .shardrun import check_shards

                before = [done]
                for shard in shards:
                    before.append(before[-1] + _size(shard))
                for event in check_shards(shards, resolver, options, corpora, files, cluster):
                    if event.outcome is not None:
                        progress.step(shown(event.outcome.report.path) if event.outcome.report else "",
                                      before[event.shard] + event.position)
                        take(event.outcome)
                    else:
                        progress.step("", before[event.shard] + event.position, pages=0)
                        if event.messages and not (args.quiet and not event.errors):
                            progress.clear()
                            for line in event.messages:
                                print(line, file=sys.stderr)
                        errors += event.errors
                        finished += event.done and not event.errors and event.outcome is None and not any(
                            "error" in m for m in event.messages)
        except BaseException as e:
            if cluster is not None:
                cluster.close()  # the cluster's processes go with the run
                if isinstance(e, ClusterError):  # too little memory, workers lost: said, exit 2
                    progress.clear()
                    print(f"newslint: error: {e}", file=sys.stderr)
                    return EXIT_ERROR
            raise
        progress.close()
        if cluster is not None:
            cluster.close()
            if not args.quiet:
                print(cluster.stages.line(), file=sys.stderr)
        if progress.shown and not args.quiet:
            sys.stderr.write(progress.summary(sum(len(r.findings) for r in reports)))
        if files and not reports and not errors and not finished:
            # every file named or found was skipped (not text pages): a wrong path must not pass
            print(f"newslint: error: none of the {len(files)} file{'s' if len(files) != 1 else ''} found "
                  f"could be checked as a page (see above)", file=sys.stderr)
            errors += 1

    errors += sum(len(r.failures) for r in reports)
    if args.write_baseline:
        from .baseline import Baseline
        where = Path(args.write_baseline).resolve().parent
        baseline = Baseline.of((_from(where, r.path), r.text, r.findings) for r in reports)
        Path(args.write_baseline).write_text(baseline.dumps(), encoding="utf-8")
        print(f"Wrote {len(baseline.entries)} baseline entries to {args.write_baseline}.", file=sys.stderr)
        return EXIT_ERROR if errors else EXIT_OK
    if args.baseline:
        try:
            _apply_baseline(args, reports)
        except (OSError, ValueError, KeyError) as e:
            print(f"newslint: error: baseline {args.baseline}: {e}", file=sys.stderr)
            return EXIT_ERROR
    if args.command == "report":
        return _write_report(args, reports, errors)
    _print_results(args, reports, diffs, stdin_fixed, options.fixing, errors, resolver.custom_rules(), json_stream)
    if errors:
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if any(diffs) else EXIT_OK
    if args.exit_zero:
        return EXIT_OK
    failing = any(f.severity.rank >= r.fail_on.rank for r in reports for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _progress(args, pages: list[Path], shards: list[Path]) -> Progress:
    """The progress of a run: pages (and records) done, MB read, when stderr is a terminal or
    --progress asks. A run over page files only counts them; with shards the total number of
    records is unknown (JSONL), so the rate and the time left go by MB."""
    show = args.progress or _isatty(sys.stderr)
    total = len(pages) if not shards else None
    size = sum(_size(p) for p in (*pages, *shards)) if show else None
    return Progress(total, sys.stderr, force=args.progress, total_bytes=size)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write_report(args, reports: list[FileReport], errors: int) -> int:
    from .registry import builtin_rules
    from .report import render_report

    what = "fix run (nothing written)" if args.fix else "lint run"
    html = render_report(reports, builtin_rules(), title=f"newslint report: {what}")
    Path(args.output).write_text(html, encoding="utf-8")
    found = sum(len(r.findings) for r in reports)
    print(f"Wrote {args.output}: {found} finding{'s' if found != 1 else ''} in {len(reports)} "
          f"page{'s' if len(reports) != 1 else ''}.", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_OK


def _from(folder: Path, page: str) -> str:
    """A page's path as the baseline file in `folder` records it (stdin: as named)."""
    if page == "-":
        return page
    try:
        return Path(page).resolve().relative_to(folder).as_posix()
    except ValueError:
        return Path(page).resolve().as_posix()


def _apply_baseline(args, reports: list[FileReport]) -> None:
    """Keep only the findings the baseline does not hold; report (or prune) stale entries."""
    from .baseline import Baseline
    path = Path(args.baseline)
    baseline = Baseline.load(path)
    where = path.resolve().parent
    for r in reports:
        r.findings = baseline.new_findings(_from(where, r.path), r.text, r.findings)
    checked = [_from(where, r.path) for r in reports]
    stale = baseline.stale(checked)
    if stale and args.prune_baseline:
        path.write_text(baseline.pruned(checked).dumps(), encoding="utf-8")
        print(f"newslint: dropped {len(stale)} stale baseline entr{'ies' if len(stale) != 1 else 'y'} "
              f"from {path}", file=sys.stderr)
    elif stale and not args.quiet:
        one = len(stale) == 1
        print(f"newslint: {len(stale)} baseline entr{'y' if one else 'ies'} no longer match{'es' if one else ''} "
              "a finding (fixed?); --prune-baseline drops them:", file=sys.stderr)
        for e in stale[:20]:
            print(f"  {e.path}: {e.rule} {e.text!r}", file=sys.stderr)


def _streams(args) -> bool:
    """Whether findings are printed page by page as the run goes (text, json or jsonl; nothing
    that needs every page first): a run over a backlog then holds no page text it has reported."""
    return (args.command == "check" and args.format in ("text", "json", "jsonl") and not args.statistics
            and not args.diff and not args.baseline and not args.write_baseline
            and args.paths != ["-"])


def _colour(stream) -> bool:
    """Whether to colour what goes to `stream`: a terminal, unless NO_COLOR says otherwise or
    TERM is dumb; FORCE_COLOR colours a pipe too (the conventions of no-color.org, force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _print_results(args, reports, diffs, stdin_fixed, fixing, errors: int = 0, custom=None,
                   json_stream: JsonStream | None = None) -> None:
    # With stdin --fix the fixed page goes to stdout, so the report goes to stderr.
    out = sys.stderr if stdin_fixed is not None else sys.stdout
    failures = format_failures(reports)
    if failures:
        sys.stderr.write(failures)
    if args.diff:
        sys.stdout.write("".join(diffs))  # each diff marks a last line without its line end
        if not args.quiet:
            fixes = sum(len(r.fixed) for r in reports)
            files = sum(1 for d in diffs if d)
            sys.stderr.write(f"Would fix {fixes} finding{'s' if fixes != 1 else ''} in {files} "
                             f"file{'s' if files != 1 else ''}.\n")
        return
    if stdin_fixed is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_fixed)
        sys.stdout.flush()
    if args.format == "json":
        if args.statistics:
            import json

            from .output import statistics_rows
            out.write(json.dumps(statistics_rows(reports), ensure_ascii=False, indent=2) + "\n")
            return
        if _streams(args):  # each page's items were printed as it came: the array's end
            out.write((json_stream or JsonStream()).close())
        else:
            out.write(format_json(reports))
        return
    if args.format == "jsonl":
        if not _streams(args):
            out.write(format_jsonl(reports))
        return
    if args.format in ("sarif", "github", "junit", "rdjson"):
        from . import formats
        from .registry import builtin_rules

        if args.format == "sarif":
            out.write(formats.format_sarif(reports, {**builtin_rules(), **(custom or {})}))
        else:
            out.write(getattr(formats, f"format_{args.format}")(reports))
        return
    if args.statistics:
        out.write(format_statistics(reports))
    elif not _streams(args):
        out.write(format_text(reports, show_fixes=args.show_fixes, colour=_colour(out)))
    if not args.quiet:
        out.write(summary_line(reports, fixing, args.unsafe_fixes, errors))


# -- rule / rules -------------------------------------------------------------------------------


def _catalogue(config_path: str | None):
    """The configuration `check` would read here (--config, else the one found from the working
    folder up, else the default pack) and every rule it knows, house rules included."""
    from .config import ConfigResolver

    config = load_config(config_path) if config_path else ConfigResolver().for_cwd()
    return config, config.catalogue


def _source(config) -> str:
    return f"your config ({config.path})" if config.path else "the default pack"


def _lookup(catalogue, code: str):
    if code in catalogue:
        return catalogue[code]
    for rule in catalogue.values():
        if rule.name == code or rule.code == code.upper():
            return rule
    return None


def run_rule(args) -> int:
    import json

    from .ruledocs import rule_dict, rule_text

    config, catalogue = _catalogue(args.config)
    rule = _lookup(catalogue, args.code)
    if rule is None:
        from .rule import did_you_mean
        names = [*catalogue, *(r.name for r in catalogue.values())]
        print(f"newslint: unknown rule '{args.code}'" + did_you_mean(args.code, names), file=sys.stderr)
        return EXIT_ERROR
    enabled = rule.code in config.selected_codes()
    if args.format == "json":
        print(json.dumps(rule_dict(rule, enabled), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(rule_text(rule, enabled, _source(config)))
    return EXIT_OK


def run_rules(args) -> int:
    import json

    from .ruledocs import rule_dict, rules_markdown, rules_text

    config, catalogue = _catalogue(args.config)
    enabled = set(config.selected_codes())
    if args.format == "json":
        print(json.dumps([rule_dict(r, r.code in enabled) for r in catalogue.values()], ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(catalogue, enabled))
    else:
        sys.stdout.write(rules_text(catalogue, enabled, _source(config)))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
