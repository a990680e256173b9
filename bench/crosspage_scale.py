"""Cross-page repeat detection (DUP004) at 2,000 and 20,000 pages: is it linear?

Usage (from the project root):
    python -m bench crosspage-scale [--sizes 2000,20000]

Pages are made from the sentences of the People's Daily articles in rmrb2019_caspiankexin of the
reference corpus (see bench/corpus.py; read in place): 20 paragraphs of four random sentences each,
and one page in ten repeats two paragraphs of an earlier page, so the share of repeats is the same
at every size and the timing shows how the work grows with the number of pages. The timing covers
building the index over all pages and querying every page against it, in one process, as
`newslint check` does."""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.corpus import Corpus  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.files import read_page  # noqa: E402
from lint.rules.duplicate.repeated_across_pages import RepeatedAcrossPages  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")


def make_pages(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """n pages of about 20 paragraphs, each paragraph four sentences drawn at random from the
    corpus (so paragraphs do not repeat by chance); one page in ten takes two paragraphs of an
    earlier page: the share of repeats stays the same at every size."""
    sentences = []
    for p in sorted(CORPUS.rglob("*.txt")):
        for line in read_page(p).text.split("\n"):
            sentences += [x + "。" for x in line.strip().split("。") if len(x) > 15]
    pages: list[tuple[str, str]] = []
    for k in range(n):
        paras = ["　　" + "".join(rng.choice(sentences) for _ in range(4)) for _ in range(20)]
        if k and rng.random() < 0.1:
            earlier = pages[rng.randrange(len(pages))][1].split("\n")[2:]
            paras[rng.randrange(20)] = rng.choice(earlier)
            paras[rng.randrange(20)] = rng.choice(earlier)
        pages.append((f"page{k:05d}.txt", f"标题{k}\n\n" + "\n".join(paras) + "\n"))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000,20000")
    args = ap.parse_args(argv)
    rule = RepeatedAcrossPages()
    print(f"{'pages':>7} {'MB':>7} {'index s':>8} {'query s':>8} {'total s':>8} {'pages/s':>8} {'findings':>9}")
    for n in map(int, args.sizes.split(",")):
        pages = make_pages(n, random.Random(n))
        mb = sum(len(t.encode("utf-8")) for _, t in pages) / 1e6
        corpus = Corpus(texts=pages)
        t0 = time.perf_counter()
        found = 0
        first = True
        t_index = 0.0
        for name, text in pages:
            found += len(list(rule.check(Document(text, path=name, corpus=corpus))))
            if first:
                t_index = time.perf_counter() - t0  # the first page builds the index
                first = False
        total = time.perf_counter() - t0
        print(f"{n:>7} {mb:>7.1f} {t_index:>8.1f} {total - t_index:>8.1f} {total:>8.1f} {n / total:>8.0f} {found:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
