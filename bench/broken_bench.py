"""Precision and recall of the broken-paragraph family on real pages cut at known places.

Usage (from the project root):
    python bench/broken_bench.py [--pages 600] [--seed 1] [--show 5]

Clean People's Daily articles (../shared/corpus/rmrb2019_caspiankexin, read in place, never
copied) get one defect each; a sixth stay clean as a control. Half the pages are rewritten in
the seed pages' style first (no indent, a blank line between paragraphs), so both page styles
are measured:

  cut           a body paragraph cut in two at a random character          -> BRK001
  caption       the same, with a photo caption and its credit between       -> BRK002
  truncated     the page's last paragraph loses its end mid-sentence        -> BRK003

A finding is a true positive when its rule is the expected one and it marks the cut (the end
of the first half); every other warning of the family is a false positive (on the control pages
too). Prints precision and recall per rule and for the family, and the misses.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.files import read_page  # noqa: E402
from lint.finding import Severity  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "rmrb2019_caspiankexin"
EXPECTED = {"cut": "BRK001", "caption": "BRK002", "truncated": "BRK003"}
INDENT = "\u3000\u3000"
STOPS = "。！？…"
CAPTIONS = ["10月1日，群众在天安门广场观看升旗仪式。", "图为工人在生产线上忙碌。",
            "游客在景区参观游览。", "9月30日，参赛选手在比赛中。"]
CREDITS = ["新华社记者 李贺摄", "本报记者 王汉超摄", "人民视觉"]


def seed_style(text: str) -> str:
    """No indent, a blank line between paragraphs: how the seed pages come."""
    lines = [line.strip("\u3000 ") for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line) + "\n"


def inject(text: str, kind: str, rng: random.Random, indent: str) -> tuple[str, int] | None:
    """The damaged text and the offset just past the first half's last character."""
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line.startswith(indent) and len(line) >= 40 + len(indent)
            and line.rstrip()[-1:] in STOPS + "”"]
    if not body:
        return None
    if kind == "truncated":
        i = body[-1]
        if any(line.strip() for line in lines[i + 1:]):
            return None  # something follows the last body paragraph (a credit, a note)
        line = lines[i]
        cut = rng.randint(len(indent) + 20, len(line) - 5)
        lines[i] = line[:cut]
        lines[i + 1:] = [""]
        return "\n".join(lines), sum(len(x) + 1 for x in lines[:i]) + cut
    i = rng.choice(body)
    line = lines[i]
    cut = rng.randint(len(indent) + 10, len(line) - 5)
    first, second = line[:cut], indent + line[cut:]
    sep = [""] if indent == "" else []
    middle = sep
    if kind == "caption":
        middle = sep + [rng.choice(CAPTIONS)] + sep + [rng.choice(CREDITS)] + sep
    lines[i:i + 1] = [first] + middle + [second]
    return "\n".join(lines), sum(len(x) + 1 for x in lines[:i]) + len(first)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=5, help="misses and false positives shown per rule")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = sorted(CORPUS.rglob("*.txt"))
    files = [f for f in files if f.stat().st_size > 1500]
    rng.shuffle(files)
    config = load_config(None).with_cli(select=["broken-paragraph"])
    linter = Linter(config.rules_for(None), config.layout)
    kinds = ["cut", "cut", "caption", "truncated", "clean"]
    tp, fn, fp = Counter(), Counter(), Counter()
    by_kind, found_kind = Counter(), Counter()
    misses: dict[str, list[str]] = {}
    false: dict[str, list[str]] = {}
    used = 0
    for n, path in enumerate(files):
        if used >= args.pages:
            break
        kind = kinds[n % len(kinds)]
        text = read_page(path).text
        indent = INDENT
        if n % 2:
            text, indent = seed_style(text), ""
        at = None
        if kind != "clean":
            injected = inject(text, kind, rng, indent)
            if injected is None:
                continue
            text, at = injected
        used += 1
        findings = [f for f in linter.check(text).findings if f.severity is not Severity.INFO]
        hit = False
        for f in findings:
            if at is not None and f.rule == EXPECTED[kind] and f.start < at + 1 and at - 2 < f.end:
                hit = True
                continue
            fp[f.rule] += 1
            false.setdefault(f.rule, []).append(f"{path.name} [{kind}] {f.message[:120]}")
        if at is not None:
            by_kind[kind] += 1
            rule = EXPECTED[kind]
            if hit:
                tp[rule] += 1
                found_kind[kind] += 1
            else:
                fn[rule] += 1
                misses.setdefault(kind, []).append(f"{path.name}: {text[max(0, at - 15):at + 15]!r}")
    print(f"{used} pages ({sum(by_kind.values())} with one injected defect, {used - sum(by_kind.values())} clean; "
          f"half in the seed pages' style)")
    print(f"{'rule':8} {'tp':>5} {'fn':>5} {'fp':>5} {'precision':>10} {'recall':>8}")
    for rule in sorted(set(EXPECTED.values())):
        p = tp[rule] / ((tp[rule] + fp[rule]) or 1)
        r = tp[rule] / ((tp[rule] + fn[rule]) or 1)
        print(f"{rule:8} {tp[rule]:>5} {fn[rule]:>5} {fp[rule]:>5} {p:>10.3f} {r:>8.3f}")
    t, f_n, f_p = sum(tp.values()), sum(fn.values()), sum(fp.values())
    print(f"{'family':8} {t:>5} {f_n:>5} {f_p:>5} {t / ((t + f_p) or 1):>10.3f} {t / ((t + f_n) or 1):>8.3f}")
    for kind, rows in misses.items():
        print(f"\nmissed {kind} (first {args.show} of {len(rows)}):")
        for row in rows[:args.show]:
            print("   ", row)
    for rule, rows in false.items():
        print(f"\nfalse positives {rule} (first {args.show} of {len(rows)}):")
        for row in rows[:args.show]:
            print("   ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
