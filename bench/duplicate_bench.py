"""Precision and recall of the duplicate family on real pages with injected repeats and doubles.

Usage (from the project root):
    python -m bench duplicate [--pages 600] [--seed 1] [--show 5]

Clean People's Daily articles (rmrb2019_caspiankexin of the reference corpus, see bench/corpus.py;
read in place, never copied) get one defect each at a known place; a sixth of the pages stay clean
as a control:

  block-tail    the last 40-200 characters of a paragraph printed again as a paragraph of
                their own right after it (a column read twice)            -> DUP001
  misplaced     a paragraph cut in two mid-sentence (a column break) and its second half
                printed once more, earlier on the page                   -> DUP001
  near-copy     block-tail with one or two characters changed (OCR noise) -> DUP001
  fragment      30-80 characters of a line printed twice in a row        -> DUP001
  break-double  a paragraph cut mid-word, the character before the cut
                printed again at the start of the second half            -> DUP002
  line-double   a character inside a line printed twice                  -> DUP003

A finding is a true positive when its rule is the expected one and its span overlaps the
injected text; every other warning of the family is a false positive (on the control pages
too). Prints precision and recall per rule and for the family.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.files import read_page  # noqa: E402

from bench._tally import Tally, bench_setup  # noqa: E402
from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")
EXPECTED = {"block-tail": "DUP001", "misplaced": "DUP001", "near-copy": "DUP001", "fragment": "DUP001",
            "break-double": "DUP002", "line-double": "DUP003"}
INDENT = "\u3000\u3000"


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def body_lines(lines: list[str], min_len: int) -> list[int]:
    return [i for i, line in enumerate(lines) if line.startswith(INDENT) and len(line) >= min_len + 2]


def inject(text: str, kind: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    """The damaged text and the span of the injected defect, or None when the page offers no place."""
    lines = text.split("\n")
    if kind in ("block-tail", "near-copy"):
        candidates = body_lines(lines, 80)
        if not candidates:
            return None
        i = rng.choice(candidates)
        body = lines[i][2:]
        n = rng.randint(40, min(200, len(body) - 20))
        tail = body[-n:]
        if kind == "near-copy":
            chars = list(tail)
            for _ in range(rng.randint(1, 2)):
                spots = [k for k in range(5, len(chars) - 5) if is_han(chars[k])]
                k = rng.choice(spots)
                chars[k] = chr(rng.randint(0x4E00, 0x9FA5))
            tail = "".join(chars)
        lines.insert(i + 1, INDENT + tail)
        start = sum(len(line) + 1 for line in lines[:i + 1]) + 2
        return "\n".join(lines), (start, start + len(tail))
    if kind == "misplaced":
        candidates = [i for i in body_lines(lines, 120) if i > 3]
        if not candidates:
            return None
        i = rng.choice(candidates)
        body = lines[i][2:]
        cut = rng.randint(40, len(body) - 60)
        while cut < len(body) - 60 and not (is_han(body[cut - 1]) and is_han(body[cut])):
            cut += 1
        first, second = body[:cut], body[cut:]
        lines[i:i + 1] = [INDENT + first, INDENT + second]
        earlier = [k for k in body_lines(lines, 10) if k < i]
        if not earlier:
            return None
        j = rng.choice(earlier) + 1  # after an earlier body paragraph
        lines.insert(j, INDENT + second)
        start = sum(len(line) + 1 for line in lines[:j]) + 2
        return "\n".join(lines), (start, start + len(second))
    if kind == "fragment":
        candidates = body_lines(lines, 100)
        if not candidates:
            return None
        i = rng.choice(candidates)
        body = lines[i][2:]
        n = rng.randint(30, 80)
        a = rng.randint(0, len(body) - n)
        piece = body[a:a + n]
        lines[i] = INDENT + body[:a + n] + piece + body[a + n:]
        start = sum(len(line) + 1 for line in lines[:i]) + 2 + a + n
        return "\n".join(lines), (start, start + n)
    if kind == "break-double":
        candidates = body_lines(lines, 40)
        if not candidates:
            return None
        i = rng.choice(candidates)
        body = lines[i][2:]
        spots = [k for k in range(10, len(body) - 10) if is_han(body[k - 1]) and is_han(body[k])]
        if not spots:
            return None
        cut = rng.choice(spots)
        lines[i:i + 1] = [INDENT + body[:cut], INDENT + body[cut - 1] + body[cut:]]
        start = sum(len(line) + 1 for line in lines[:i + 1]) + 2
        return "\n".join(lines), (start - 3 - 1, start + 1)
    if kind == "line-double":
        candidates = body_lines(lines, 20)
        if not candidates:
            return None
        i = rng.choice(candidates)
        body = lines[i][2:]
        spots = [k for k in range(len(body)) if is_han(body[k])]
        k = rng.choice(spots)
        lines[i] = INDENT + body[:k + 1] + body[k] + body[k + 1:]
        start = sum(len(line) + 1 for line in lines[:i]) + 2 + k
        return "\n".join(lines), (start, start + 2)
    raise ValueError(kind)


def main(argv: list[str] | None = None) -> int:
    args, rng, files, linter = bench_setup(__doc__, CORPUS, "duplicate", 600, argv)
    kinds = list(EXPECTED) + ["clean"]
    tally = Tally(EXPECTED)
    for n, path in enumerate(files):
        if tally.pages >= args.pages:
            break
        kind = kinds[n % len(kinds)]
        text = read_page(path).text
        span = None
        if kind != "clean":
            injected = inject(text, kind, rng)
            if injected is None:
                continue
            text, span = injected
        context = f"{text[max(0, span[0] - 12):span[1] + 12]!r}"[:200 - len(path.name) - 2] if span else ""
        tally.page(path.name, kind, linter.check(text).findings, span, context)
    print(f"{tally.pages} pages ({tally.damaged} with one injected defect, {tally.pages - tally.damaged} clean)")
    tally.report(args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
