"""Precision and recall of the name family on real pages with one name misspelt by a look-alike.

Usage (from the project root):
    python -m bench names [--pages 400] [--seed 1] [--show 5] [--swaps observed|lookalike]

Clean People's Daily articles (rmrb2019_caspiankexin of the reference corpus, see bench/corpus.py;
read in place, never copied). On each damaged page a name the page prints at least twice (as the
name finder sees it) gets one occurrence changed: one given-name character swapped for a character
OCR confuses it with. The swaps come, by default, from `observed`: the Tesseract substitutions
observed in the corpus's ocr_tesseract_generated_rmrb2019 and the OCR confusion set of Wang et al.
2018 (its wang2018_confusion_wdimmy), data newslint does not ship, so the bench does not
grade the linter on its own look-alike table; `lookalike` uses that table instead. A quarter of
the pages stay clean as a control. The other pages of the month are the corpus.

A finding of the family overlapping the changed name is a true positive; every other name
warning is a false positive.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.corpus import Corpus  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.files import read_page  # noqa: E402
from lint.prose.names import find_names  # noqa: E402
from lint.prose.spellings import lookalikes  # noqa: E402

from bench._tally import Tally, bench_options, shuffled_pages  # noqa: E402
from bench.corpus import corpus_path  # noqa: E402
import random  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")
EXPECTED = {"name-swap": "NAM"}


def observed_swaps() -> dict[str, str]:
    swaps: dict[str, set[str]] = {}
    tsv = corpus_path("ocr_tesseract_generated_rmrb2019", "observed_char_substitutions.tsv")
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        right, wrong, clean, degraded = line.split("\t")
        if int(clean) + int(degraded) >= 2:
            swaps.setdefault(right, set()).add(wrong)
    for line in corpus_path("wang2018_confusion_wdimmy", "Confusionset.txt").read_text(encoding="utf-8").splitlines():
        if ":" in line:
            right, wrongs = line.split(":", 1)
            swaps.setdefault(right, set()).update(wrongs[:8])  # the list's first (closest) ones
    return {c: "".join(sorted(w - {c})) for c, w in swaps.items()}


def table_swaps() -> dict[str, str]:
    return {c: shape for c, (shape, _) in lookalikes().items() if shape}


def inject(text: str, swaps: dict[str, str], rng: random.Random):
    hits = find_names(text)
    counts: dict[str, int] = {}
    for h in hits:
        counts[h.name] = text.count(h.name)
    repeated = sorted({h for h in hits if counts[h.name] >= 2 and any(c in swaps for c in h.name[len(h.surname):])},
                      key=lambda h: h.start)
    if not repeated:
        return None
    h = rng.choice(repeated)
    starts = [i for i in range(len(text)) if text.startswith(h.name, i)]
    at = rng.choice(starts)
    positions = [j for j in range(len(h.surname), len(h.name)) if h.name[j] in swaps]
    j = rng.choice(positions)
    new = h.name[:j] + rng.choice(swaps[h.name[j]]) + h.name[j + 1:]
    return text[:at] + new + text[at + len(h.name):], (at, at + len(new)), f"{h.name} -> {new}"


def main(argv: list[str] | None = None) -> int:
    args = bench_options(__doc__, 400, argv, swaps=True)
    swaps_kind = args.swaps
    rng = random.Random(args.seed)
    swaps = observed_swaps() if swaps_kind == "observed" else table_swaps()
    config = load_config(None).with_cli(select=["name"])
    linter = Linter(config.rules_for(None), config.layout, Corpus([CORPUS]))
    tally = Tally(EXPECTED)
    for n, path in enumerate(shuffled_pages(CORPUS, rng)):
        if tally.pages >= args.pages:
            break
        text = read_page(path).text
        span, what = None, ""
        if n % 4:
            injected = inject(text, swaps, rng)
            if injected is None:
                continue
            text, span, what = injected
        findings = [f for f in linter.check(text, str(path)).findings]
        for f in findings:  # one family, one expected 'rule'
            object.__setattr__(f, "rule", "NAM")
        tally.page(path.name, "name-swap" if span else "clean", findings, span, what)
    print(f"{tally.pages} pages ({tally.damaged} with one name misspelt, {tally.pages - tally.damaged} clean); "
          f"swaps: {swaps_kind}")
    tally.report(args.show, per_kind=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
