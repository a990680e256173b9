"""TYP001 on real OCR output: Tesseract 5 (chi_sim) run on rendered People's Daily articles.

Usage (from the project root):
    python -m bench typo-ocr [--level clean|degraded] [--min-gain G] [--show N]

ocr_tesseract_generated_rmrb2019/pairs of the reference corpus (see bench/corpus.py; 30 articles,
read in place): each OCR
page is linted as it comes from the engine (a line break at every printed line) and aligned with
its ground truth, whitespace removed (difflib). A finding is right when the character it points
at is one the OCR got wrong; its fix is right when it puts the ground-truth character back.
Recall counts the Han-for-Han substitutions of the OCR, and how many of them the look-alike
lists know at all (the rule can find no other).
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.records import replace  # noqa: E402
from lint.rules.typo._lookalikes import shape_lookalikes  # noqa: E402
from lint.rules.typo.lookalike_typo import OCR_PAIRS, _merge  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

PAIRS = corpus_path("ocr_tesseract_generated_rmrb2019", "pairs")


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--level", choices=("clean", "degraded"), default="clean")
    ap.add_argument("--min-gain", type=float, help="TYP001's min-gain option (default: the rule's)")
    ap.add_argument("--show", type=int, default=0, help="wrong findings shown")
    args = ap.parse_args(argv)
    config = load_config(None).with_cli(select=["TYP001"])
    if args.min_gain is not None:
        config = replace(config, rule_settings={"TYP001": {"min-gain": args.min_gain}})
    linter = Linter(config.rules_for(None), config.layout)
    looks = _merge(shape_lookalikes(), OCR_PAIRS)
    right = wrong = fixed = subs = known = 0
    shown = []
    for truth_path in sorted(PAIRS.glob("*.gt.txt")):
        ocr = truth_path.with_name(truth_path.name.replace(".gt.", f".ocr.{args.level}.")).read_text(encoding="utf-8")
        truth = "".join(c for c in truth_path.read_text(encoding="utf-8") if not c.isspace())
        kept = [i for i, c in enumerate(ocr) if not c.isspace()]
        stripped = "".join(ocr[i] for i in kept)
        at = {p: k for k, p in enumerate(kept)}
        bad: dict[int, str | None] = {}  # stripped OCR position -> the true character (None: no 1:1)
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, truth, stripped, autojunk=False).get_opcodes():
            if op in ("replace", "insert"):
                for k in range(b1, b2):
                    bad[k] = truth[a1 + k - b1] if op == "replace" and a2 - a1 == b2 - b1 else None
        for k, true in bad.items():
            if true and _han(true) and _han(stripped[k]):
                subs += 1
                known += true in looks.get(stripped[k], "")
        for f in linter.check(ocr).findings:
            k = at.get(f.start)
            if k in bad:
                right += 1
                fixed += bool(f.fix and f.fix.edits[0].content == bad[k])
            else:
                wrong += 1
                shown.append(f"{truth_path.name[:14]}: {ocr[max(0, f.start - 6):f.end + 6]!r} {f.message}")
    found = right + wrong
    print(f"level {args.level}, min-gain {args.min_gain if args.min_gain is not None else 'default'}: "
          f"{found} findings, {right} on an OCR error (precision {right / max(found, 1):.3f}), "
          f"fix right {fixed}")
    print(f"Han-for-Han substitutions in the OCR: {subs}, {known} of them look-alikes the lists know; "
          f"recall {right / max(subs, 1):.3f} ({right / max(known, 1):.3f} of the known ones)")
    for line in shown[:args.show]:
        print("  wrong:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
