"""Findings per 100,000 characters on clean text: how often newslint cries wolf.

Usage (from the project root):
    python -m bench corpus-rate [--select spacing] [--examples 5] [CORPUS_DIR_OR_FILE ...]

Default corpus: rmrb2019_caspiankexin of the reference corpus (see bench/corpus.py; 2,109 People's
Daily articles, born digital: every warning or error there is a false finding or a genuine slip of
the paper). The corpus is read in place and never copied into the project.

The pages measured are also the corpus of the cross-page rules (the name index, repeats across
pages), as when a repository of such pages is checked; --no-corpus checks each page alone.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.corpus import Corpus  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.files import PageSkipped, read_page  # noqa: E402
from lint.finding import Severity  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

DEFAULT = corpus_path("rmrb2019_caspiankexin")


def pages(paths: list[Path]):
    for p in paths:
        if p.is_dir():
            yield from sorted(p.rglob("*.txt"))
        elif p.is_file():
            yield p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--select", help="comma-separated selectors (default: the default pack)")
    ap.add_argument("--config", help="config file (default: the bundled default pack)")
    ap.add_argument("--examples", type=int, default=5, help="examples shown per rule")
    ap.add_argument("--no-corpus", action="store_true", help="check each page alone (no cross-page rules)")
    args = ap.parse_args(argv)
    config = load_config(args.config)
    if args.select:
        config = config.with_cli(select=args.select.split(","))
    corpus = None if args.no_corpus else Corpus(args.paths, name_lists=config.names)
    linter = Linter(config.rules_for(None), config.layout, corpus)
    chars = files = 0
    counts: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for path in pages(args.paths):
        try:
            page = read_page(path)
        except PageSkipped:
            continue
        files += 1
        chars += len(page.text)
        for f in linter.check(page.text, str(path)).findings:
            counts[(f.rule, f.severity)] += 1
            if f.severity is not Severity.INFO and len(examples[f.rule]) < args.examples:
                lo, hi = max(0, f.start - 12), min(len(page.text), f.end + 12)
                context = page.text[lo:hi].replace("\n", "⏎")
                examples[f.rule].append(f"{path.name}: {f.message} | {context!r}")
    if not files:
        print("no pages found", file=sys.stderr)
        return 2
    serious = sum(n for (rule, sev), n in counts.items() if sev is not Severity.INFO)
    print(f"{files} files, {chars:,} characters")
    for (rule, sev), n in sorted(counts.items()):
        print(f"  {rule} [{sev.value}]: {n}  ({n / chars * 1e5:.2f} per 100k chars)")
    print(f"warnings+errors: {serious} = {serious / chars * 1e5:.2f} per 100,000 characters")
    for rule, items in sorted(examples.items()):
        print(f"\n{rule} examples:")
        for item in items:
            print("   ", item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
