"""Kill a fix run at random moments and check that no page is ever left half-written.

Usage (from the project root, newslint installed in .venv):
    python -m bench kill [--iterations 200] [--pages 500] [--seed 1] [--work DIR]

It builds --pages pages (People's Daily articles of rmrb2019_caspiankexin in the reference corpus,
see bench/corpus.py, read in place, with fixable damage put in: spaces between Chinese characters,
traditional characters, trailing blanks, half-width commas; without the corpus, pages cut from the
raw seeds) and learns what a complete `newslint check --fix --unsafe-fixes` makes of each. Then,
each iteration: a fresh copy of the pages, a fix run (--jobs 2, a shared result cache, so that
later runs are quick and kills land among the writes) killed with SIGKILL after a random delay up
to the length of a whole run; every page must then be byte for byte either as before or as fixed.
The next fix run must finish the job and leave no temporary file in the tree. Every tenth iteration
also starts two fix runs at once on the same copy. It prints the counts and exits 1 on any
violation."""
from __future__ import annotations

import argparse
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")
TEMP_SUFFIX = ".newslint-tmp"
TRADITIONAL = str.maketrans("们发国会为经这时说过", "們發國會為經這時說過")


def newslint() -> list[str]:
    exe = Path(sys.executable).with_name("newslint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "lint"]


def damaged(text: str, rng: random.Random) -> str:
    """Fixable damage at a few random places of a clean article."""
    han = [m.start() for m in re.finditer(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])", text)]
    for i in sorted(rng.sample(han, min(4, len(han))), reverse=True):
        text = text[:i + 1] + rng.choice([" ", "  "]) + text[i + 1:]
    lines = text.split("\n")
    for n in rng.sample(range(len(lines)), min(3, len(lines))):
        lines[n] = lines[n] + rng.choice([" ", "\u3000", "\t"])
    text = "\n".join(lines)
    if rng.random() < 0.5:
        i = rng.randrange(max(1, len(text) - 40))
        text = text[:i] + text[i:i + 40].translate(TRADITIONAL) + text[i + 40:]
    return text.replace("，", ",", 1) if rng.random() < 0.3 else text


def build_pages(folder: Path, count: int, rng: random.Random) -> None:
    folder.mkdir(parents=True)
    sources = sorted(CORPUS.rglob("*.txt"))[:count] if CORPUS.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in sources]
    if not texts:  # a smoke run: pages cut from the seeds
        blocks = [b for s in sorted((ROOT / "tests" / "fixtures" / "raw").glob("*.txt"))
                  for b in s.read_text(encoding="utf-8").split("\n\n")]
        texts = ["\n\n".join(blocks[i:i + 6]) + "\n" for i in range(0, len(blocks), 3)]
    for n in range(count):
        (folder / f"p{n:04d}.txt").write_text(damaged(texts[n % len(texts)], rng), encoding="utf-8")


def fix_run(folder: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen(newslint() + ["check", "--fix", "--unsafe-fixes", "--exit-zero", "-q", "--jobs", "2",
                                          "--cache-dir", str(cache), str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(TEMP_SUFFIX)}


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "kill")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    shutil.rmtree(args.work, ignore_errors=True)
    original = args.work / "pages"
    build_pages(original, args.pages, rng)
    before = snapshot(original)

    reference = args.work / "reference"
    shutil.copytree(original, reference)
    cache = args.work / "cache"
    start = time.perf_counter()
    assert fix_run(reference, cache).wait() == 0, "the reference fix run failed"
    longest = time.perf_counter() - start
    after = snapshot(reference)
    changed = sum(after[k] != before[k] for k in before)
    print(f"{len(before)} pages ({sum(map(len, before.values())) / 1e6:.1f} MB), {changed} changed by a fix run "
          f"of {longest:.1f} s (cold)")

    violations = mid_run = stray = concurrent = 0
    run_time = longest
    work = args.work / "work"
    for it in range(args.iterations):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(original, work)
        proc = fix_run(work, cache)
        time.sleep(rng.uniform(0.0, run_time))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = snapshot(work)
        bad = [k for k in before if now[k] not in (before[k], after[k])]
        written = sum(now[k] != before[k] for k in before)
        if bad:
            violations += 1
            print(f"iteration {it}: {len(bad)} pages neither as before nor as fixed: {bad[:5]}")
        if 0 < written < changed:
            mid_run += 1
        stray += bool(temporaries(work))
        if it % 10 == 9:  # two runs at once finish the job
            procs = [fix_run(work, cache), fix_run(work, cache)]
            for p in procs:
                p.communicate()
            concurrent += 1
        t0 = time.perf_counter()
        finish = fix_run(work, cache)
        _, err = finish.communicate()
        run_time = max(0.2, time.perf_counter() - t0)
        if snapshot(work) != after or temporaries(work) or finish.returncode != 0:
            violations += 1
            print(f"iteration {it}: the next run did not finish the job cleanly (exit {finish.returncode}): "
                  f"{err.decode()[-300:]}")
        if it % 20 == 19:
            print(f"  {it + 1} iterations: {violations} violations, {mid_run} kills mid-run", flush=True)
    print(f"iterations {args.iterations}: killed with some pages written and some not {mid_run}, "
          f"temporary files left by the kill {stray} (all removed by the next run), two runs at once "
          f"{concurrent}; pages neither as before nor as fixed, or a next run that failed: {violations}")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
