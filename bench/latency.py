"""Start-up latency and throughput of `newslint check`.

Usage (from the project root, with newslint installed):
    python -m bench latency [--runs 15] [--size-mb 10]

1. Single page: wall time of `newslint check seeds/000_19bee804d0636bef.txt`, process start to
   exit, as a pre-commit hook feels it (median and best of --runs). Target: <= 0.25 s.
2. Throughput: `newslint check` on one file of --size-mb MB of pages (People's Daily articles
   of rmrb2019_caspiankexin in the reference corpus, see bench/corpus.py, when present, else the
   seed pages repeated), in MB/s of UTF-8 input.
   Also the engine alone, in process (no start-up, no output).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")
SEED = ROOT / "seeds" / "000_19bee804d0636bef.txt"


def newslint_cmd() -> list[str]:
    exe = shutil.which("newslint") or str(Path(sys.executable).with_name("newslint"))
    return [exe]


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return times


def build_pages(size: int) -> tuple[str, str]:
    if CORPUS.is_dir():
        sources, origin = sorted(CORPUS.rglob("*.txt")), f"{CORPUS.name} articles"
    else:
        sources, origin = sorted((ROOT / "seeds").glob("*.txt")), "the seed pages"
    parts, total, i = [], 0, 0
    while total < size:
        text = sources[i % len(sources)].read_text(encoding="utf-8").strip("\n") + "\n\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
        i += 1
    return "".join(parts), f"{i} pages of {origin}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--size-mb", type=float, default=10.0)
    args = ap.parse_args(argv)
    cmd = newslint_cmd()

    wall(cmd + ["check", "--no-cache", str(SEED)], 2)  # warm the OS file cache
    single = wall(cmd + ["check", "--no-cache", str(SEED)], args.runs)
    python_only = wall([sys.executable, "-c", "pass"], args.runs)
    print(f"single page ({SEED.name}), {args.runs} runs: median {statistics.median(single):.3f} s, "
          f"best {min(single):.3f} s (target <= 0.25 s; bare interpreter start: "
          f"{statistics.median(python_only):.3f} s)")

    text, origin = build_pages(int(args.size_mb * 1e6))
    size = len(text.encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "pages.txt"
        big.write_text(text, encoding="utf-8")
        times = wall(cmd + ["check", "--no-cache", "--exit-zero", "--statistics", str(big)], 3)
    best = min(times)
    print(f"throughput, one file of {size / 1e6:.1f} MB ({origin}): {best:.2f} s, "
          f"{size / 1e6 / best:.1f} MB/s (best of 3, CLI)")

    sys.path.insert(0, str(ROOT))
    from lint.config import load_config
    from lint.engine import Linter
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    t = time.perf_counter()
    linter.check(text)
    engine = time.perf_counter() - t
    print(f"engine alone (default rules, in process): {engine:.2f} s, {size / 1e6 / engine:.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
