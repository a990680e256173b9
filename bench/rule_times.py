"""Rule times: CPU seconds each rule of the default pack spends on the bench pages, in one process.

Usage (from the project root):
    python -m bench rule-times [--pages 300] [--select TYP001,NAM001] [--runs 3] [--batch 16]

Checks the first --pages pages of bench/out/perf/pages (built by `python -m bench perf`) in one
process, the pages their own corpus, and prints for each rule the time its checks took (median of
--runs), its share, and MB/s; and the time the corpus indexes took to build from the pages (the
user cache of page indexes is not read). The profile behind docs/performance.md's per-rule
figures. Every rule runs once on the first page before timing, so tables loaded on first use
(word lists, OpenCC) are not counted. A rule with a batch path (TYP001) checks --batch pages at
a time, as a run over many pages does; --batch 0 times every rule page by page.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import ROOT  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--folder", type=Path, default=ROOT / "bench" / "out" / "perf" / "pages")
    ap.add_argument("--select", default="", help="rule codes, comma-separated (default: the whole pack)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16, help="pages a batch rule checks at once (0: page by page)")
    args = ap.parse_args(argv)
    from lint.config import load_config
    from lint.corpus import Corpus
    from lint.document import Document

    files = sorted(args.folder.glob("*.txt"))[:args.pages]
    if not files:
        raise SystemExit(f"rule-times: no pages in {args.folder} (python -m bench perf builds them)")
    pages = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    size = sum(len(t.encode("utf-8")) for _, t in pages) / 1e6
    config = load_config(None)
    rules = config.rules_for(None)
    if args.select:
        wanted = set(args.select.split(","))
        rules = [r for r in rules if r.code in wanted]
    from lint import pagecache

    first = Document(pages[0][1], config.layout, pages[0][0], Corpus(texts=pages[:2]))
    for rule in rules:
        list(rule.check(first))  # tables loaded on first use (word lists, OpenCC) are not timed
    pagecache.disable()  # the corpus indexes are built from the pages, not read from the user cache
    index_times, times = [], defaultdict(list)
    for _ in range(args.runs):
        corpus = Corpus(texts=pages)
        started = time.process_time()
        for rule in rules:
            for spec in rule.corpus_indexes(config.layout):
                corpus.index_from(spec)
        index_times.append(time.process_time() - started)
        spent = dict.fromkeys((r.code for r in rules), 0.0)
        docs = [Document(text, config.layout, name, corpus) for name, text in pages]
        batched = [r for r in rules if args.batch and r.batch_min and args.batch >= r.batch_min]
        for rule in batched:
            rule.warm_batch()
            started = time.process_time()
            for k in range(0, len(docs), args.batch):
                rule.check_batch(docs[k:k + args.batch])
            spent[rule.code] += time.process_time() - started
        for doc in docs:
            for rule in rules:
                if rule in batched:
                    continue
                started = time.process_time()
                list(rule.check(doc))
                spent[rule.code] += time.process_time() - started
        for code, t in spent.items():
            times[code].append(t)
    median = {code: statistics.median(t) for code, t in times.items()}
    total = sum(median.values())
    how = f"batch rules {args.batch} pages at a time" if args.batch else "page by page"
    print(f"{len(pages)} pages, {size:.2f} MB, one process, {how}; median of {args.runs} runs (CPU s)\n")
    print("| rule | s | share | MB/s |\n|---|---:|---:|---:|")
    for code, t in sorted(median.items(), key=lambda kv: -kv[1]):
        print(f"| {code} | {t:.3f} | {t / total:.0%} | {size / t if t else float('inf'):.1f} |")
    print(f"| all rules | {total:.3f} | 100% | {size / total:.2f} |")
    print(f"\ncorpus indexes built in {statistics.median(index_times):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
