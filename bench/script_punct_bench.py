"""Precision and recall of the script and punctuation families on real pages with one defect injected.

Usage (from the project root):
    python -m bench script-punct [--pages 600] [--seed 1] [--show 5]

Clean People's Daily articles (rmrb2019_caspiankexin of the reference corpus, see bench/corpus.py;
read in place, never copied). On each damaged page one defect is injected at a known place, a
quarter of the pages stay clean as a control:
  - traditional: two neighbouring characters of a body line written in traditional script
    (OpenCC s2t; 发展 -> 發展), as OCR trained on both scripts or pasted text leaves them;
  - dropped-quote: the opening or the closing mark of a “…” pair in a paragraph deleted (the
    lonely partner is what the linter must point at);
  - halfwidth-comma: a ， between two Chinese characters read as ASCII ,;
  - compatibility: a character of a body line that has a Kangxi-radical twin (一 人 大 日 …)
    written as the radical (⼀ for 一), as OCR emits it;
  - fullwidth-digits: a number of a body line written in full-width digits (２０１９年) on a page
    that sets its other numbers half-width.
A finding of the expected rule overlapping the defect is a true positive; every other warning
of the two families is a false positive.
"""
from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402
import regex  # noqa: E402

from lint.config import load_config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.files import read_page  # noqa: E402

from bench._tally import Tally, bench_options, shuffled_pages  # noqa: E402
from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")
EXPECTED = {"traditional": "SCR001", "dropped-quote": "PUN001", "halfwidth-comma": "PUN002",
            "compatibility": "SCR002", "fullwidth-digits": "SCR003"}
# ordinary character -> its Kangxi radical (⼀ U+2F00 ... ⿕): the look-alikes OCR emits
_RADICAL = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)}
_NUMBER = regex.compile(r"(?<![0-9.])[0-9]{1,4}(?=[年月日个项名万亿%])")
_S2T = opencc.OpenCC("s2t")
_BODY_LINE = regex.compile(r"^\u3000\u3000.{20,}$", regex.MULTILINE)
_HAN_COMMA = regex.compile(r"(?<=\p{Han})，(?=\p{Han})")
_QUOTE_PAIR = regex.compile(r"“[^“”\n]{2,80}”")


def inject(text: str, kind: str, rng: random.Random):
    """(damaged text, (start, end) of what the linter must flag, context) or None."""
    if kind == "traditional":
        lines = list(_BODY_LINE.finditer(text))
        rng.shuffle(lines)
        for m in lines:
            starts = [i for i in range(m.start() + 2, m.end() - 1)
                      if _S2T.convert(text[i:i + 2]) != text[i:i + 2] and regex.fullmatch(r"\p{Han}{2}", text[i:i + 2])]
            if starts:
                i = rng.choice(starts)
                new = _S2T.convert(text[i:i + 2])
                return text[:i] + new + text[i + 2:], (i, i + 2), f"{text[i:i + 2]} -> {new}"
        return None
    if kind == "compatibility":
        lines = list(_BODY_LINE.finditer(text))
        spots = [i for m in lines for i in range(m.start() + 2, m.end()) if text[i] in _RADICAL]
        if not spots:
            return None
        i = rng.choice(spots)
        return text[:i] + _RADICAL[text[i]] + text[i + 1:], (i, i + 1), text[i - 4:i + 4]
    if kind == "fullwidth-digits":
        spots = [m for line in _BODY_LINE.finditer(text) for m in _NUMBER.finditer(text, line.start(), line.end())]
        if len(spots) < 2:  # the page must keep other half-width numbers
            return None
        m = rng.choice(spots)
        full = "".join(chr(ord(c) + 0xFEE0) for c in m.group())
        return text[:m.start()] + full + text[m.end():], (m.start(), m.end()), text[m.start() - 4:m.end() + 4]
    if kind == "halfwidth-comma":
        spots = [m.start() for m in _HAN_COMMA.finditer(text)]
        if not spots:
            return None
        i = rng.choice(spots)
        return text[:i] + "," + text[i + 1:], (i, i + 1), text[i - 6:i + 6]
    pairs = list(_QUOTE_PAIR.finditer(text))
    if not pairs:
        return None
    m = rng.choice(pairs)
    if rng.random() < 0.5:  # drop the opening: the closing, one character earlier, is lonely
        lonely = m.end() - 2
        return text[:m.start()] + text[m.start() + 1:], (lonely, lonely + 1), "dropped “ " + m.group()[:12]
    return text[:m.end() - 1] + text[m.end():], (m.start(), m.start() + 1), "dropped ” " + m.group()[-12:]


def main(argv: list[str] | None = None) -> int:
    args = bench_options(__doc__, 600, argv)
    rng = random.Random(args.seed)
    config = load_config(None).with_cli(select=["script", "punctuation"])
    linter = Linter(config.rules_for(None), config.layout)
    tally = Tally(EXPECTED)
    kinds = list(EXPECTED)
    for path in shuffled_pages(CORPUS, rng)[:args.pages]:
        text = read_page(path).text
        kind = rng.choice(kinds + ["clean"])
        span, context = None, ""
        if kind != "clean":
            got = inject(text, kind, rng)
            if got is None:
                kind = "clean"
            else:
                text, span, context = got
        tally.page(path.name, kind if span else "clean", linter.check(text, str(path)).findings, span, context)
    print(f"{tally.pages} pages ({tally.damaged} with one defect, {tally.pages - tally.damaged} clean)")
    tally.report(args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
