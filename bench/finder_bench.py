"""How well the name finder finds person names: precision and recall on annotated pages.

Usage (from the project root):
    python -m bench finder [--set dev|test|all] [--show]

The pages are read in place from the reference corpus (see bench/corpus.py; the People's Daily
articles of rmrb2019_caspiankexin); bench/data/name_gold.yaml holds only their
paths and the names a reader found in them. Scores count distinct names per page (a name the
finder finds anywhere on the page counts once), and, separately, the share of the finder's hits
(every occurrence) that are names.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.files import read_page  # noqa: E402
from lint.prose.names import find_names  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path()
GOLD = ROOT / "bench" / "data" / "name_gold.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="list the false and missed names per page")
    args = parser.parse_args(argv)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    sets = ("dev", "test") if args.set == "all" else (args.set,)
    print(f"{'set':<6}{'pages':>6}{'names':>7}{'found':>7}{'false':>7}{'precision':>11}{'recall':>8}{'hit prec.':>11}")
    for name in sets:
        tp = fp = fn = hits_true = hits_all = 0
        for page, names in gold[name].items():
            text = read_page(CORPUS / page).text
            hits = find_names(text)
            found, truth = {h.name for h in hits}, set(names)
            hits_all += len(hits)
            hits_true += sum(h.name in truth for h in hits)
            tp, fp, fn = tp + len(found & truth), fp + len(found - truth), fn + len(truth - found)
            if args.show and found != truth:
                print(f"  {Path(page).name}: false {sorted(found - truth)} missed {sorted(truth - found)}")
        print(f"{name:<6}{len(gold[name]):>6}{tp + fn:>7}{tp:>7}{fp:>7}{tp / max(tp + fp, 1):>11.3f}"
              f"{tp / max(tp + fn, 1):>8.3f}{hits_true / max(hits_all, 1):>11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
