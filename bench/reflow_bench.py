"""How close BRK005's reflow brings raw OCR output to the layout of the original text.

Usage (from the project root):
    python -m bench reflow [--variant clean|degraded|degraded.fullpage] [--show 0]

Reads the Tesseract pairs of ocr_tesseract_generated_rmrb2019/pairs in the reference corpus (see
bench/corpus.py) in place (never copied): each `<id>.ocr.<variant>.txt` is raw OCR output, one
printed line a line, beside `<id>.gt.txt`, the article as published (one indented paragraph a
line). For every page the Levenshtein distance to the ground truth is measured with whitespace and
line breaks counted, before and after `--fix --unsafe-fixes` with BRK005 alone, and the line breaks
the reflow removed are checked against the ground truth: a break removed inside a paragraph of the
original is right, one removed between two paragraphs is a wrong join; a break left inside a
paragraph is a miss.

Characters that OCR misread count in both figures alike; the difference is the layout.
Install rapidfuzz for speed (the fallback is a pure-Python distance, some seconds a page).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.engine import Linter  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

PAIRS = corpus_path("ocr_tesseract_generated_rmrb2019", "pairs")


def levenshtein(a: str, b: str) -> int:
    try:
        from rapidfuzz.distance import Levenshtein
        return Levenshtein.distance(a, b)
    except ImportError:
        previous = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            current = [i]
            for j, cb in enumerate(b, 1):
                current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
            previous = current
        return previous[-1]


def paragraph_ids(text: str) -> list[int]:
    """For each non-space character of the text, the number of the line it stands on."""
    ids, line = [], 0
    for c in text:
        if c == "\n":
            line += 1
        elif not c.isspace():
            ids.append(line)
    return ids


def squeeze(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def judge_breaks(ocr: str, fixed: str, gt: str) -> tuple[int, int, int]:
    """(right joins, wrong joins, missed joins), aligning the texts on their non-space
    characters (OCR misreadings keep their place; inserted or lost characters blur a few)."""
    from difflib import SequenceMatcher
    o, g = squeeze(ocr), squeeze(gt)
    o_line, f_line, g_line = paragraph_ids(ocr), paragraph_ids(fixed), paragraph_ids(gt)
    to_gt: dict[int, int] = {}
    for block in SequenceMatcher(None, o, g, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_gt[block.a + k] = block.b + k
    right = wrong = missed = 0
    for i in range(len(o) - 1):
        if o_line[i] == o_line[i + 1] or i not in to_gt or i + 1 not in to_gt:
            continue  # no break in the OCR output here, or the place is not aligned
        same_paragraph = g_line[to_gt[i]] == g_line[to_gt[i + 1]]
        joined = f_line[i] == f_line[i + 1]
        if joined:
            right += same_paragraph
            wrong += not same_paragraph
        else:
            missed += same_paragraph
    return right, wrong, missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", default="clean", choices=["clean", "degraded", "degraded.fullpage"])
    ap.add_argument("--show", type=int, default=0, help="print the wrong joins of this many pages")
    args = ap.parse_args(argv)
    gts = sorted(PAIRS.glob("*.gt.txt"))
    if not gts:
        print(f"no pairs under {PAIRS}", file=sys.stderr)
        return 2
    linter = Linter(load_config(None).with_cli(select=["BRK005"]).rules_for(None))
    before = after = misread = right = wrong = missed = flagged = 0
    print(f"{'page':<16}{'before':>8}{'after':>8}  joins right/wrong/missed")
    for gt_path in gts:
        page = gt_path.name.removesuffix(".gt.txt")
        gt = gt_path.read_text(encoding="utf-8")
        ocr = (PAIRS / f"{page}.ocr.{args.variant}.txt").read_text(encoding="utf-8")
        result = linter.fix(ocr, unsafe=True)
        fixed = result.text
        flagged += bool(result.fixed)
        b, a = levenshtein(ocr, gt), levenshtein(fixed, gt)
        r, w, m = judge_breaks(ocr, fixed, gt)
        misread += levenshtein(squeeze(ocr), squeeze(gt))
        before, after, right, wrong, missed = before + b, after + a, right + r, wrong + w, missed + m
        print(f"{page:<16}{b:>8}{a:>8}  {r}/{w}/{m}")
    n = len(gts)
    print(f"\n{n} pages ({args.variant}), {flagged} found hard-wrapped")
    print(f"edit distance to the ground truth (whitespace and line breaks counted): "
          f"before {before} (mean {before / n:.0f}), after {after} (mean {after / n:.0f}): "
          f"{1 - after / before:.0%} less; of which OCR misreadings (distance with all whitespace "
          f"removed): {misread}, layout before {before - misread}, after {after - misread}")
    joins = right + wrong
    print(f"line breaks removed: {joins}, inside a paragraph {right} (precision {right / max(joins, 1):.3f}); "
          f"left inside a paragraph: {missed} (recall {right / max(right + missed, 1):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
