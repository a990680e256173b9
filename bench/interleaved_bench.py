"""BRK006 on two columns read across: blocks built from real per-column Tesseract OCR.

Usage (from the project root; `pip install '.[bench]'` for the edit distances):
    python -m bench interleaved [--slice all|tune|held-out] [--variant clean|degraded]
                                [--draws 8] [--seed 1] [--show 0]

Reads ocr_tesseract_generated_rmrb2019/pairs of the reference corpus (see bench/corpus.py) in
place: 30 People's Daily articles rendered in three columns and read by Tesseract 5 column by
column. Each `<id>.ocr.<variant>.txt` holds the headline, then the printed lines of column 1, 2
and 3 in order, one a line (blank lines where Tesseract saw a paragraph's end). The printed lines
after the headline are cut into columns of 51 (the render's column height; where a subhead took
more room the cut is a line or two off, which moves nothing but where a block starts).

For each pair of neighbouring columns, `--draws` blocks are read across as a layout engine
reading a band of rows left to right would: 8 to 24 lines, alternating line by line between
the two columns; in two draws of five the two columns' rows are offset by one to three lines
(the right column's line beside the left's is one to three lines further on in its text), in
half of them the right column's line comes first (its baseline higher), and an odd length gives
one text a line more. The page around the block is as that engine leaves it: the headline,
the columns before, each column's lines above the band, the block, the lines below it and the
columns after, blank lines between. Measured, with BRK006 alone unless said:

- recall: blocks that a BRK006 finding covers (exactly: the finding names the block's lines);
- false detections: BRK006 findings outside the blocks on those pages; on the OCR pages as they
  are (clean and degraded, per column; the full-page OCR, whose columns stand side by side on
  one line, which BRK006 does not claim); and on clean text: rmrb2019_caspiankexin's 2,109
  articles hard-wrapped as OCR prints them (13 to 24 characters a line, a paragraph's first line
  two short, closing marks hanging past the edge; blank lines between paragraphs or none);
- the fix (`--fix --unsafe-fixes`): of the blocks' lines, the share that the fix puts in the
  text they belong to (over the blocks found with a fix, and over all blocks); the edit distance
  to the page with the two texts apart (the block's first line's text first, a blank line, then
  the other), before and after;
- knock-on findings: BRK001 and PUN001 findings inside the blocks with the blocks left unknown
  to them (as before BRK006), now, and on the two texts apart (what the rules find in the
  lines themselves).

Tune on `--slice tune` (the first 15 articles by name); `--slice held-out` is the last 15.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus_path, require  # noqa: E402

COLUMN_LINES = 51  # printed lines a column of the render holds
LENGTHS = (8, 9, 10, 12, 14, 16, 20, 24)
HANGS = set("，。、；：！？）》”’…")  # marks that may hang past the column's edge (kinsoku)


def levenshtein(a: str, b: str) -> int:
    from bench.reflow_bench import levenshtein as distance
    return distance(a, b)


class Column:
    """A column's printed lines, and after which of them Tesseract left a blank line."""

    def __init__(self, lines: list[str], gaps: set[int]):
        self.lines, self.gaps = lines, gaps

    def text(self, start: int, end: int) -> str:
        out: list[str] = []
        for i in range(start, min(end, len(self.lines))):
            out.append(self.lines[i])
            if i in self.gaps and i + 1 < end:
                out.append("")
        return "\n".join(out)


def read_page(path: Path) -> tuple[str, list[Column]]:
    """The headline and the columns of a per-column OCR page."""
    raw = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(raw) if line.strip())
    headline = raw[first]
    printed: list[str] = []
    gaps: set[int] = set()
    for line in raw[first + 1:]:
        if line.strip():
            printed.append(line)
        elif printed:
            gaps.add(len(printed) - 1)
    columns = []
    for start in range(0, len(printed), COLUMN_LINES):
        lines = printed[start:start + COLUMN_LINES]
        columns.append(Column(lines, {g - start for g in gaps if start <= g < start + len(lines) - 1}))
    return headline, columns


class Draw:
    """A block read across columns a and a+1 of a page, and the page around it."""

    def __init__(self, name: str, headline: str, columns: list[Column], a: int, rng: random.Random):
        left, right = columns[a], columns[a + 1]
        self.name = name
        for _ in range(50):
            n = rng.choice(LENGTHS)
            offset = rng.choice((1, 2, 3)) if rng.random() < 0.4 else 0
            self.right_first = rng.random() < 0.5
            first_rows, second_rows = (n + 1) // 2, n // 2
            rows_l, rows_r = (second_rows, first_rows) if self.right_first else (first_rows, second_rows)
            room_l, room_r = len(left.lines) - rows_l, len(right.lines) - rows_r - offset
            if min(room_l, room_r) >= 0:
                break
        else:
            raise ValueError("columns too short")
        r = rng.randint(0, min(room_l, room_r))
        self.rows = (r, r + offset)
        ls = left.lines[r:r + rows_l]
        rs = right.lines[r + offset:r + offset + rows_r]
        first, second = (rs, ls) if self.right_first else (ls, rs)
        block = [x for pair in zip(first, second + [None]) for x in pair if x is not None][:n]
        self.length = len(block)
        parts_before = [c.text(0, len(c.lines)) for c in columns[:a]]
        parts_before += [left.text(0, r), right.text(0, r + offset)]
        parts_after = [left.text(r + rows_l, len(left.lines)), right.text(r + offset + rows_r, len(right.lines))]
        parts_after += [c.text(0, len(c.lines)) for c in columns[a + 2:]]
        before = "\n\n".join([headline] + [p for p in parts_before if p])
        after = "\n\n".join(p for p in parts_after if p)
        self.first_line = before.count("\n") + 3  # 1-based: the block follows a blank line
        self.last_line = self.first_line + self.length - 1
        self.page = before + "\n\n" + "\n".join(block) + ("\n\n" + after if after else "") + "\n"
        apart = "\n".join(block[0::2]) + "\n\n" + "\n".join(block[1::2])
        self.truth = before + "\n\n" + apart + ("\n\n" + after if after else "") + "\n"
        self.start = len(before) + 2
        self.end = self.start + len("\n".join(block))
        self.apart_end = self.start + len(apart)

    def streams(self) -> dict[int, int]:
        """For each line of the block (1-based line number), which text it belongs to."""
        return {self.first_line + k: k % 2 for k in range(self.length)}


def wrap(paragraph: str, width: int, rng: random.Random) -> list[str]:
    """A paragraph printed in a column `width` characters wide as OCR reads it: the first line
    two short (its indent lost), a closing mark hanging past the edge rather than opening a line."""
    from lint.chars import display_width
    lines, line, room = [], "", width - 2
    for c in paragraph:
        if display_width(line + c) > room and c not in HANGS and line:
            lines.append(line)
            line, room = "", width
        line += c
    return lines + [line]


def clean_pages(rng: random.Random) -> list[str]:
    """rmrb2019's articles hard-wrapped as per-column OCR prints them."""
    pages = []
    for f in sorted(corpus_path("rmrb2019_caspiankexin").rglob("*.txt")):
        lines = [x.strip("\u3000 \u00a0") for x in f.read_text(encoding="utf-8").split("\n") if x.strip()]
        if len(lines) < 2:
            continue
        width = rng.choice((13, 15, 17, 19, 21, 24))
        gap = "\n\n" if rng.random() < 0.5 else "\n"
        body = gap.join("\n".join(wrap(p, width, rng)) for p in lines[1:])
        pages.append(lines[0] + "\n\n" + body + "\n")
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slice", choices=("all", "tune", "held-out"), default="all")
    ap.add_argument("--variant", choices=("clean", "degraded"), default="clean")
    ap.add_argument("--draws", type=int, default=8, help="blocks drawn per pair of neighbouring columns")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print this many missed blocks")
    args = ap.parse_args(argv)

    import lint.prose.columns as columns_knowledge
    from lint.config import load_config
    from lint.document import Document
    from lint.engine import Linter
    from lint.prose.columns import interleaved_blocks

    pairs = require("ocr_tesseract_generated_rmrb2019", "pairs")
    names = sorted(p.name.removesuffix(".gt.txt") for p in pairs.glob("*.gt.txt"))
    names = {"all": names, "tune": names[:len(names) // 2], "held-out": names[len(names) // 2:]}[args.slice]
    rng = random.Random(args.seed)

    def linter(*codes: str) -> Linter:
        config = load_config(None).with_cli(select=list(codes))
        return Linter(config.rules_for(None), config.layout)

    brk006, knock_on = linter("BRK006"), linter("BRK001", "PUN001")

    draws: list[Draw] = []
    for name in names:
        headline, cols = read_page(pairs / f"{name}.ocr.{args.variant}.txt")
        for a in range(len(cols) - 1):
            for _ in range(args.draws):
                try:
                    draws.append(Draw(name, headline, cols, a, rng))
                except ValueError:
                    break

    found = exact = with_fix = outside = 0
    right_lines = fix_lines = all_lines = 0
    before_distance = after_distance = 0
    knock_before, knock_after, knock_apart = Counter(), Counter(), Counter()
    by_length: dict[str, list[int]] = {}
    misses: list[Draw] = []
    for d in draws:
        blocks = interleaved_blocks(Document(d.page))  # what BRK006 reports, one finding a block
        assert len(brk006.check(d.page).findings) == len(blocks)
        covering = None
        for b in blocks:
            if b.first <= d.last_line and b.last >= d.first_line:
                covering = b
            else:
                outside += 1
        bucket = "8-10" if d.length <= 10 else "12-16" if d.length <= 16 else "20-24"
        hit = by_length.setdefault(bucket, [0, 0])
        hit[1] += 1
        streams = d.streams()
        all_lines += d.length
        if covering is None:
            misses.append(d)
        else:
            found += 1
            hit[0] += 1
            exact += (covering.first, covering.last) == (d.first_line, d.last_line)
            if covering.regular:  # BRK006 offers its fix
                with_fix += 1
                fix_lines += d.length
                right_lines += _right_stream(streams, covering.first, covering.last)
        fixed = brk006.fix(d.page, unsafe=True).text
        before_distance += levenshtein(d.page, d.truth)
        after_distance += levenshtein(fixed, d.truth)
        knock_after.update(f.rule for f in knock_on.check(d.page).findings if d.start <= f.start < d.end)
        knock_apart.update(f.rule for f in knock_on.check(d.truth).findings if d.start <= f.start < d.apart_end)
        saved = columns_knowledge._find
        columns_knowledge._find = lambda doc: ()  # the blocks unknown, as before BRK006
        try:
            knock_before.update(f.rule for f in knock_on.check(d.page).findings if d.start <= f.start < d.end)
        finally:
            columns_knowledge._find = saved

    n = len(draws)
    print(f"{len(names)} articles ({args.slice}, {args.variant} OCR), {n} blocks read across "
          f"({sum(d.length for d in draws) / n:.1f} lines on average)\n")
    print(f"recall: {found}/{n} = {found / n:.1%} (exactly the block's lines: {exact}/{n} = {exact / n:.1%})")
    for bucket in ("8-10", "12-16", "20-24"):
        if bucket in by_length:
            h, t = by_length[bucket]
            print(f"  {bucket} lines: {h}/{t} = {h / t:.1%}")
    print(f"false detections: {outside} outside the blocks on those pages")
    print(f"fix offered on {with_fix} of the {found} blocks found; lines put in their own text: "
          f"{right_lines}/{fix_lines} = {right_lines / max(fix_lines, 1):.1%} of those blocks' lines, "
          f"{right_lines / all_lines:.1%} of all blocks' lines")
    print(f"edit distance to the page with the two texts apart: before {before_distance:,}, after the fix "
          f"{after_distance:,} ({1 - after_distance / max(before_distance, 1):.0%} less)")
    for rule in ("BRK001", "PUN001"):
        print(f"{rule} findings inside the blocks: {knock_before[rule]} with the blocks unknown, now {knock_after[rule]} "
              f"(on the two texts apart: {knock_apart[rule]})")

    print("\nfalse detections on pages without a block read across:")
    for variant in ("clean", "degraded", "degraded.fullpage"):
        count = sum(len(brk006.check((pairs / f"{name}.ocr.{variant}.txt").read_text(encoding="utf-8")).findings)
                    for name in names)
        print(f"  the OCR pages as they are ({variant}): {count} in {len(names)} pages")
    pages = clean_pages(random.Random(args.seed))
    chars = sum(len(p) for p in pages)
    count = sum(len(brk006.check(p).findings) for p in pages)
    print(f"  rmrb2019 hard-wrapped: {count} in {len(pages):,} pages ({chars:,} characters: "
          f"{count / chars * 1e5:.2f} per 100,000)")

    for d in misses[:args.show]:
        print(f"\nmissed: {d.name}, lines {d.first_line}-{d.last_line} ({d.length} lines, rows {d.rows}, "
              f"{'right' if d.right_first else 'left'} column first)")
        print("\n".join(d.page.split("\n")[d.first_line - 1:d.last_line]))
    return 0


def _right_stream(streams: dict[int, int], first: int, last: int) -> int:
    """How many of the block's lines the fix over lines first..last puts with their own text:
    each of its two groups (every other line) counts for the text most of its lines belong to;
    lines it leaves in place count for none."""
    groups: dict[int, list[int]] = {0: [], 1: []}
    for line, text in streams.items():
        if first <= line <= last:
            groups[(line - first) % 2].append(text)
    right = 0
    for members in groups.values():
        if members:
            right += max(members.count(0), members.count(1))
    return right


if __name__ == "__main__":
    sys.exit(main())
