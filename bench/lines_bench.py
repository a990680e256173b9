"""Time per character against line length, for lines of each kind a page can hold.

A pattern that backtracks makes a long line cost the square of its length; this bench checks
one page holding a single line of each kind at each length (default pack, no corpus, one
process) and prints the time per character. A flat row is linear; a row that doubles with the
length is quadratic.

    python -m bench lines [--lengths 10000,50000,200000] [--kinds han,digits,...]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.config import load_config  # noqa: E402
from lint.engine import Linter  # noqa: E402

COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
          "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本")


def line(kind: str, n: int, rng: random.Random) -> str:
    """A line of `n` characters of one kind."""
    if kind == "han":  # Han characters without punctuation
        return "".join(rng.choice(COMMON) for _ in range(n))
    if kind == "han-commas":
        return "".join(rng.choice(COMMON) if rng.random() > 0.05 else "，" for _ in range(n))
    if kind == "digits":
        return "".join(rng.choice("0123456789") for _ in range(n))
    if kind == "latin":
        return "".join(rng.choice("abcdefghij klmnop") for _ in range(n))
    if kind == "list":  # a run of 、-separated items
        return ("王某、" * (n // 3 + 1))[:n]
    if kind == "quotes":
        return ("“甲”" * (n // 3 + 1))[:n]
    raise ValueError(kind)


KINDS = ("han", "han-commas", "digits", "latin", "list", "quotes")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lengths", default="10000,50000,200000")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args(argv)
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    rng = random.Random(1)
    linter.check("　　" + line("han", 2000, rng) + "\n")  # word lists and tables loaded
    lengths = [int(x) for x in args.lengths.split(",")]
    print("kind        " + "".join(f"{n:>12,}" for n in lengths) + "   (µs per character)")
    for kind in args.kinds.split(","):
        row = []
        for n in lengths:
            text = "　　" + line(kind, n, rng) + "\n"
            start = time.perf_counter()
            linter.check(text)
            row.append((time.perf_counter() - start) / n * 1e6)
        print(f"{kind:<12}" + "".join(f"{v:>12.2f}" for v in row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
