"""Counting for the injected-damage benchmarks: one defect a page at a known place, every other
warning of the family a false positive; precision and recall per rule, per kind, and the misses.
Also what the benchmarks share: their options and the corpus pages in a seeded random order."""
from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from lint.finding import Finding, Severity


def bench_options(doc: str, pages: int, argv: list[str] | None = None, swaps: bool = False) -> argparse.Namespace:
    """The options of an injected-damage benchmark, parsed from argv (None: the command line);
    swaps: also --swaps, the look-alikes the name benchmark misspells names with."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=pages)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=5, help="misses and false positives shown per rule")
    if swaps:
        ap.add_argument("--swaps", choices=("observed", "lookalike"), default="observed",
                        help="observed OCR substitutions (default) or newslint's own look-alike table")
    return ap.parse_args(argv)


def bench_setup(doc: str, corpus: Path, family: str, pages: int, argv: list[str] | None = None):
    """The options, the seeded random generator, the corpus pages in its order and a linter
    running one family: what every injected-damage benchmark starts with."""
    from lint.config import load_config
    from lint.engine import Linter
    args = bench_options(doc, pages, argv)
    rng = random.Random(args.seed)
    config = load_config(None).with_cli(select=[family])
    return args, rng, shuffled_pages(corpus, rng), Linter(config.rules_for(None), config.layout)


def shuffled_pages(corpus: Path, rng: random.Random) -> list[Path]:
    """The corpus's articles long enough to damage (over 1,500 bytes), in a seeded order."""
    files = [f for f in sorted(corpus.rglob("*.txt")) if f.stat().st_size > 1500]
    rng.shuffle(files)
    return files


class Tally:
    def __init__(self, expected: dict[str, str]):
        self.expected = expected  # injected kind -> the rule that should find it
        self.tp, self.fn, self.fp = Counter(), Counter(), Counter()
        self.by_kind, self.found_kind = Counter(), Counter()
        self.misses: dict[str, list[str]] = {}
        self.false: dict[str, list[str]] = {}
        self.pages = 0

    def page(self, name: str, kind: str, findings: list[Finding], span: tuple[int, int] | None,
             context: str = "", width: int = 110) -> None:
        """Score one page: `span` is where the injected defect lies (None: a clean page), and a
        finding of the expected rule that overlaps it is the hit; `context` shows a miss."""
        self.pages += 1
        hit = False
        for f in findings:
            if f.severity is Severity.INFO:
                continue
            if span and f.rule == self.expected[kind] and f.start < span[1] and span[0] < f.end:
                hit = True
                continue
            self.fp[f.rule] += 1
            self.false.setdefault(f.rule, []).append(f"{name} [{kind}] {f.message[:width]}")
        if span is None:
            return
        self.by_kind[kind] += 1
        rule = self.expected[kind]
        if hit:
            self.tp[rule] += 1
            self.found_kind[kind] += 1
        else:
            self.fn[rule] += 1
            self.misses.setdefault(kind, []).append(f"{name}: {context}")

    @property
    def damaged(self) -> int:
        return sum(self.by_kind.values())

    def report(self, show: int, per_kind: bool = True) -> None:
        tp, fn, fp = self.tp, self.fn, self.fp
        print(f"{'rule':8} {'tp':>5} {'fn':>5} {'fp':>5} {'precision':>10} {'recall':>8}")
        for rule in sorted(set(self.expected.values())):
            p = tp[rule] / ((tp[rule] + fp[rule]) or 1)
            r = tp[rule] / ((tp[rule] + fn[rule]) or 1)
            print(f"{rule:8} {tp[rule]:>5} {fn[rule]:>5} {fp[rule]:>5} {p:>10.3f} {r:>8.3f}")
        t, f_n, f_p = sum(tp.values()), sum(fn.values()), sum(fp.values())
        print(f"{'family':8} {t:>5} {f_n:>5} {f_p:>5} {t / ((t + f_p) or 1):>10.3f} {t / ((t + f_n) or 1):>8.3f}")
        if per_kind:
            print("\nrecall per injected kind:")
            for kind in self.expected:
                found, total = self.found_kind[kind], self.by_kind[kind]
                print(f"  {kind:13} {found:>4}/{total:<4} {found / (total or 1):.3f}")
        for kind, rows in self.misses.items():
            print(f"\nmissed {kind} (first {show} of {len(rows)}):")
            for row in rows[:show]:
                print("   ", row)
        for rule, rows in self.false.items():
            print(f"\nfalse positives {rule} (first {show} of {len(rows)}):")
            for row in rows[:show]:
                print("   ", row)
