"""Precision and recall of the broken-paragraph family on real pages cut at known places.

Usage (from the project root):
    python -m bench broken [--pages 600] [--seed 1] [--show 5]

Clean People's Daily articles (rmrb2019_caspiankexin of the reference corpus, see bench/corpus.py;
read in place, never copied) get one defect each; a sixth stay clean as a control. Half the pages
are rewritten in the seed pages' style first (no indent, a blank line between paragraphs), so both
page styles are measured:

  cut           a body paragraph cut in two at a random character          -> BRK001
  caption       the same, with a photo caption and its credit between       -> BRK002
  truncated     the page's last paragraph loses its end mid-sentence        -> BRK003

A page whose cut would fall right after a sentence end is passed over: such a cut leaves two
paragraphs that read as two paragraphs, damage no one could see.

A finding is a true positive when its rule is the expected one and it marks the cut (the end
of the first half); every other warning of the family is a false positive (on the control pages
too). Prints precision and recall per rule and for the family, and the misses.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.files import read_page  # noqa: E402
from lint.prose.sentences import ends_sentence  # noqa: E402

from bench._tally import Tally, bench_setup  # noqa: E402
from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")
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
        if ends_sentence(line[:cut]):
            return None  # a paragraph that ends its sentence is no truncation anyone could see
        lines[i] = line[:cut]
        lines[i + 1:] = [""]
        return "\n".join(lines), sum(len(x) + 1 for x in lines[:i]) + cut
    i = rng.choice(body)
    line = lines[i]
    cut = rng.randint(len(indent) + 10, len(line) - 5)
    if ends_sentence(line[:cut]):
        return None  # a break after a full stop is an ordinary paragraph break
    first, second = line[:cut], indent + line[cut:]
    sep = [""] if indent == "" else []
    middle = sep
    if kind == "caption":
        middle = sep + [rng.choice(CAPTIONS)] + sep + [rng.choice(CREDITS)] + sep
    lines[i:i + 1] = [first] + middle + [second]
    return "\n".join(lines), sum(len(x) + 1 for x in lines[:i]) + len(first)


def main(argv: list[str] | None = None) -> int:
    args, rng, files, linter = bench_setup(__doc__, CORPUS, "broken-paragraph", 600, argv)
    kinds = ["cut", "cut", "caption", "truncated", "clean"]
    tally = Tally(EXPECTED)
    for n, path in enumerate(files):
        if tally.pages >= args.pages:
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
        context = f"{text[max(0, at - 15):at + 15]!r}" if at is not None else ""
        # the finding must mark the cut: the end of the first half
        span = (at - 2, at + 1) if at is not None else None
        tally.page(path.name, kind, linter.check(text).findings, span, context, width=120)
    print(f"{tally.pages} pages ({tally.damaged} with one injected defect, {tally.pages - tally.damaged} clean; "
          f"half in the seed pages' style)")
    tally.report(args.show, per_kind=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
