"""OCR repair: what `--fix --unsafe-fixes` does to real Tesseract output, character by character.

Usage (from the project root, `pip install '.[bench]'` for the edit distances):
    python -m bench ocr-repair [--variants clean,degraded,degraded.fullpage]

Reads ocr_tesseract_generated_rmrb2019/pairs of the reference corpus (see bench/corpus.py) in
place: 30 People's Daily articles, each rendered and read by Tesseract 5 (chi_sim) three ways
(per column from a clean scan, per column from a degraded scan, the whole degraded page), beside
the article as published. For each variant, every OCR page is fixed with the default pack (the
other pages of the variant are its corpus) and compared with the truth:

- layout-aware error rate: edit distance to the truth with spaces and line breaks counted,
  divided by the truth's length, before and after;
- Han characters only (everything else dropped, then aligned): substitutions of one Han
  character for another, deletions and insertions, before and after; and of the Han characters
  the fixer changed, how many became right;
- the truth pages themselves, fixed the same way: the share of their characters that changes.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import require  # noqa: E402

VARIANTS = ("clean", "degraded", "degraded.fullpage")


def han(text: str) -> str:
    return "".join(c for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")


def han_errors(page: str, truth: str) -> tuple[int, int, int]:
    """(substitutions, deletions, insertions) of the page's Han characters against the truth's."""
    sub = dele = ins = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, han(truth), han(page), autojunk=False).get_opcodes():
        if op == "replace":
            common = min(i2 - i1, j2 - j1)
            sub += common
            dele += (i2 - i1) - common
            ins += (j2 - j1) - common
        elif op == "delete":
            dele += i2 - i1
        elif op == "insert":
            ins += j2 - j1
    return sub, dele, ins


def changed_right(before: str, after: str, truth: str) -> tuple[int, int]:
    """Of the Han characters the fix replaced one for one, how many now match the truth
    (positions aligned through the truth): (changed, right)."""
    t, b, a = han(truth), han(before), han(after)

    def to_truth(page: str) -> dict[int, int]:
        out = {}
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, t, page, autojunk=False).get_opcodes():
            if op in ("equal", "replace") and i2 - i1 == j2 - j1:
                out.update({j1 + k: i1 + k for k in range(j2 - j1)})
        return out

    b_at, a_at = to_truth(b), to_truth(a)
    changed = right = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, a, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                changed += 1
                where = a_at.get(j1 + k, b_at.get(i1 + k))
                right += where is not None and t[where] == a[j1 + k]
    return changed, right


def _ends(text: str) -> str:
    return "\n".join(line.rstrip(" \t\u3000\u00a0") for line in text.split("\n"))


def fixed_pages(pages: dict[str, str]) -> dict[str, str]:
    """Each page fixed with --fix --unsafe-fixes, the other pages its corpus."""
    from lint.config import load_config
    from lint.corpus import Corpus
    from lint.engine import Linter

    config = load_config(None)
    corpus = Corpus(texts=list(pages.items()))
    linter = Linter(config.rules_for(None), config.layout, corpus)
    return {name: linter.fix(text, unsafe=True, path=name).text for name, text in pages.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--slice", choices=("all", "tune", "held-out"), default="all",
                    help="all 30 articles, or the first 15 (tune) or the last 15 (held-out) by name")
    args = ap.parse_args(argv)
    from rapidfuzz.distance import Levenshtein

    folder = require("ocr_tesseract_generated_rmrb2019", "pairs")
    truth = {p.name[:-len(".gt.txt")]: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.gt.txt"))}
    names = sorted(truth)
    half = {"all": names, "tune": names[:len(names) // 2], "held-out": names[len(names) // 2:]}[args.slice]
    truth = {k: truth[k] for k in half}
    rows = []
    for variant in args.variants.split(","):
        ocr = {k: (folder / f"{k}.ocr.{variant}.txt").read_text(encoding="utf-8") for k in truth}
        fixed = fixed_pages(ocr)
        total = sum(len(t) for t in truth.values())
        before = sum(Levenshtein.distance(ocr[k], truth[k]) for k in truth)
        after = sum(Levenshtein.distance(fixed[k], truth[k]) for k in truth)
        hb = [sum(x) for x in zip(*(han_errors(ocr[k], truth[k]) for k in truth))]
        ha = [sum(x) for x in zip(*(han_errors(fixed[k], truth[k]) for k in truth))]
        changed, right = (sum(x) for x in zip(*(changed_right(ocr[k], fixed[k], truth[k]) for k in truth)))
        rows.append((variant, before / total, after / total, hb, ha, changed, right))
    truth_fixed = fixed_pages(truth)
    truth_changed = sum(Levenshtein.distance(truth_fixed[k], truth[k]) for k in truth)
    # the web export leaves lines of nothing but an indent ('　　'): removing that is no change of text
    ends = sum(Levenshtein.distance(_ends(truth_fixed[k]), _ends(truth[k])) for k in truth)
    truth_total = sum(len(t) for t in truth.values())

    print(f"{len(truth)} articles ({args.slice}); --fix --unsafe-fixes with the default pack, the pages of a variant each other's corpus\n")
    print("| variant | error rate before | after | Han substitutions before | after | fixed | "
          "deletions before / after | insertions before / after | Han characters changed | of them right |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for variant, eb, ea, hb, ha, changed, right in rows:
        fixed_share = (hb[0] - ha[0]) / hb[0] if hb[0] else 0.0
        share = f"{right / changed:.0%}" if changed else "-"
        print(f"| {variant} | {eb:.2%} | {ea:.2%} | {hb[0]:,} | {ha[0]:,} | {fixed_share:.1%} | {hb[1]:,} / {ha[1]:,} | "
              f"{hb[2]:,} / {ha[2]:,} | {changed:,} | {share} |")
    print(f"\nTruth pages fixed the same way: {truth_changed:,} of {truth_total:,} characters changed "
          f"({truth_changed / truth_total:.3%}); not counting whitespace at line ends, {ends:,} "
          f"({ends / truth_total:.3%}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
