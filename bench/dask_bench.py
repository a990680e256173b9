"""The Dask runner at scale: its stages' time and memory at 2, 20 and 200 MB, one worker against two, and the same findings as one process.

Usage (from the project root, with newslint[dask] installed):
    python -m bench dask [--sizes 2,20,200] [--workers 1,2] [--runs 1] [--txt]
    python -m bench dask --identical [--pages DIR]
    python -m bench dask --pieces 2 [--piece-mb 200]
    python -m bench dask --index-memory 1000,2000,13333

The inputs are the page folders `python -m bench perf --scale` builds (bench/out/perf/scale2,
scale20, scale200: generated People's Daily pages, 15 kB each), written as JSONL shards of 1,000
records each ({"id": the page's file name, "text": …}, bench/out/dask/scaleN/; `--txt`: the page
files themselves). Each run is `newslint check --no-cache --exit-zero --dask local:W` over one
folder; the table gives its wall time, MB/s,
the time of each stage as the run reports it (map: the pages' contributions to the cross-page
indexes; reduce: folding them on the client; broadcast: the indexes to every worker; checks),
the indexes' size as sent, the share of the checks' time the workers computed (busy), and
the largest peak resident memory of a worker in the map and in
the checks (the broadcast indexes with them) and of the client over the run. The speed-up is the
one-worker time over the W-worker time at the same size.

--pieces K runs a large corpus the way docs/scale.md says to: as groups that are each other's
corpus, one run each. It writes K pieces of --piece-mb MB (pages drawn with another seed for each,
as JSONL shards of 1,000 records, bench/out/dask/piece-K/), checks each with `--dask local:2`
and gives each piece's stages, its cost per shard and a worker's peak memory: a 20 GB corpus is
100 such pieces, so its cost is the pieces' sum.

--index-memory N,N builds the cross-page indexes of the first N pages of the bench's 200 MB
pages (bench/out/perf/scale200) and of the reference corpus's People's Daily 2019 articles, and
gives what each costs a page pickled (sent) and in memory (held by each worker).

--identical checks that `--dask local:2` prints the same JSON, byte for byte, as `--jobs 1` and
`--jobs 2` over the 2,000 bench pages (bench/out/perf/pages), as page files and as one JSONL shard.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import ROOT  # noqa: E402

PERF = ROOT / "bench" / "out" / "perf"
OUT = ROOT / "bench" / "out" / "dask"
RECORDS = 1000  # records a shard
STAGES = re.compile(r"newslint: dask: (?P<workers>\d+) workers?; indexes: map (?P<map>[\d.]+) s, reduce "
                    r"(?P<reduce>[\d.]+) s .*?broadcast (?P<broadcast>[\d.]+) s \((?P<index>[\d.]+) MB\); checks "
                    r"(?P<checks>[\d.]+) s; a worker's peak memory (?P<peak>\d+) MB \(map (?P<map_peak>\d+) MB, "
                    r"checks (?P<check_peak>\d+) MB\), the client's (?P<client_peak>\d+) MB; "
                    r"the workers busy (?P<busy>\d+)% of the checks")


def newslint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", *args], capture_output=True,
                          text=True, cwd=ROOT)


def size_of(folder: Path) -> tuple[int, int]:
    files = list(folder.glob("*.txt"))
    return len(files), sum(f.stat().st_size for f in files)


def as_shards(folder: Path, out: Path, records: int = RECORDS) -> Path:
    """The pages of `folder` as JSONL shards of `records` records each (made once)."""
    done = out / ".complete"
    if done.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    pages = sorted(folder.glob("*.txt"))
    for k in range(0, len(pages), records):
        with (out / f"part-{k // records:05d}.jsonl").open("w", encoding="utf-8") as f:
            for p in pages[k:k + records]:
                f.write(json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    (out / ".newslint.yaml").write_text('include: ["*.jsonl"]\n', encoding="utf-8")
    done.touch()
    return out


def measure(folder: Path, workers: int) -> dict:
    started = time.perf_counter()
    run = newslint("--exit-zero", "--format", "json", "--dask", f"local:{workers}", str(folder))
    wall = time.perf_counter() - started
    found = STAGES.search(run.stderr)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"dask: the run over {folder} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return {"wall": wall, **{k: float(v) for k, v in found.groupdict().items()}}


def identical(pages: Path) -> int:
    shard = as_shards(pages, OUT / "pages", records=len(list(pages.glob("*.txt"))))
    same = True
    for what, path in (("page files", pages), ("one JSONL shard", shard / "part-00000.jsonl")):
        outputs = {}
        for how in (["--jobs", "1"], ["--jobs", "2"], ["--dask", "local:2"]):
            run = newslint("--format", "json", *how, str(path))
            if run.returncode not in (0, 1):
                raise SystemExit(f"dask: {' '.join(how)} failed:\n{run.stderr[-2000:]}")
            outputs[" ".join(how)] = run.stdout
        first = outputs["--jobs 1"]
        for how, out in outputs.items():
            print(f"{what}, {how}: {len(json.loads(out)):,} findings, {len(out.encode()):,} bytes of JSON, "
                  f"{'the same as --jobs 1' if out == first else 'DIFFERENT'}")
            same &= out == first
    return 0 if same else 1


def pieces(count: int, mb: int, workers: int) -> int:
    from bench.perf_bench import make_pages, write_pages

    pages_each = round(mb * 1e6 / 15_450)  # the bench's pages are 15.45 kB on average
    print("| piece | MB | pages | shards | wall s | MB/s | map s | reduce s | broadcast s | index MB | checks s | "
          "busy | s a shard | worker peak MB: map | checks | client peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in range(count):
        out = OUT / f"piece-{k}"
        if not (out / ".complete").exists():
            folder = OUT / f"piece-{k}-pages"
            write_pages(folder, make_pages(pages_each, seed=1000 + k))
            as_shards(folder, out)
            shutil.rmtree(folder)
        shards = sorted(out.glob("*.jsonl"))
        size = sum(p.stat().st_size for p in shards)
        m = measure(out, workers)
        print(f"| {k + 1} | {size / 1e6:.0f} | {pages_each:,} | {len(shards)} | {m['wall']:.1f} | "
              f"{size / 1e6 / m['wall']:.2f} | {m['map']:.1f} | {m['reduce']:.1f} | {m['broadcast']:.1f} | "
              f"{m['index']:.1f} | {m['checks']:.1f} | {m['busy']:.0f} % | {m['wall'] / len(shards):.1f} | "
              f"{m['map_peak']:.0f} | {m['check_peak']:.0f} | "
              f"{m['client_peak']:.0f} |", flush=True)
    return 0


def index_memory(folders: list[Path], counts: list[int]) -> int:
    """What the cross-page indexes of the first N pages of each folder cost a worker: pickled
    (what the client sends) and unpickled (what a worker holds, measured with tracemalloc), in
    bytes a page, each index and together."""
    import gc
    import pickle
    import tracemalloc

    from lint import pagecache
    from lint.config import ConfigResolver
    from lint.runner import RunOptions, index_specs, plan_run

    pagecache.disable()
    print("| pages | kB a page of text | index | pickled B a page | in memory B a page |")
    print("|---|---:|---|---:|---:|")
    for folder in folders:
        every = sorted(folder.rglob("*.txt"))
        for count in counts:
            files = every[:count]
            if len(files) < count:
                continue
            plan = plan_run(files, ConfigResolver(None, {}), RunOptions(cache=False))
            for corpus, specs in index_specs(plan.tasks):
                corpus.prepare(specs, 2)
            text = sum(f.stat().st_size for f in files) / len(files) / 1e3
            sums = [0, 0]
            for corpus in plan.corpora.values():
                for key, index in corpus.indexes().items():
                    blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
                    gc.collect()
                    tracemalloc.start()
                    held = pickle.loads(blob)
                    size = tracemalloc.get_traced_memory()[0]
                    tracemalloc.stop()
                    del held
                    sums[0] += len(blob)
                    sums[1] += size
                    print(f"| {count:,} | {text:.1f} | {key.split(':')[0]} | {len(blob) / count:,.0f} | "
                          f"{size / count:,.0f} |")
            print(f"| {count:,} | {text:.1f} | **all** ({folder.name}) | **{sums[0] / count:,.0f}** | "
                  f"**{sums[1] / count:,.0f}** |", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2,20,200", help="which of perf's scale folders (MB)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--identical", action="store_true")
    ap.add_argument("--txt", action="store_true", help="the page files, not JSONL shards of them")
    ap.add_argument("--pieces", type=int, default=0, help="check this many pieces, each its own corpus")
    ap.add_argument("--piece-mb", type=int, default=200)
    ap.add_argument("--pages", type=Path, default=PERF / "pages")
    ap.add_argument("--index-memory", metavar="N,N", help="the indexes' memory a page over the first N pages of "
                    "--pages and of the reference corpus's People's Daily 2019 articles")
    args = ap.parse_args(argv)
    if args.index_memory:
        from bench.corpus import require

        folders = [PERF / "scale200" if args.pages == PERF / "pages" else args.pages,
                   require("rmrb2019_caspiankexin")]
        return index_memory(folders, [int(n) for n in args.index_memory.split(",")])
    if args.identical:
        return identical(args.pages)
    if args.pieces:
        return pieces(args.pieces, args.piece_mb, int(args.workers.split(",")[-1]))
    workers = [int(w) for w in args.workers.split(",")]
    print("| MB | pages | workers | wall s | MB/s | speed-up | map s | reduce s (share) | broadcast s | "
          "index MB | checks s | busy | worker peak MB: map | checks | client peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mb in args.sizes.split(","):
        folder = PERF / f"scale{mb}"
        if not folder.is_dir():
            raise SystemExit(f"dask: no {folder} (python -m bench perf --scale builds it)")
        count, size = size_of(folder)
        if not args.txt:
            folder = as_shards(folder, OUT / f"scale{mb}")
        one = None
        for w in workers:
            runs = [measure(folder, w) for _ in range(args.runs)]
            m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            one = m["wall"] if one is None else one
            share = m["reduce"] / m["wall"]
            print(f"| {size / 1e6:.0f} | {count:,} | {w} | {m['wall']:.1f} | {size / 1e6 / m['wall']:.2f} | "
                  f"{one / m['wall']:.2f}× | {m['map']:.1f} | {m['reduce']:.1f} ({share:.0%}) | {m['broadcast']:.1f} | "
                  f"{m['index']:.1f} | {m['checks']:.1f} | {m['busy']:.0f} % | {m['map_peak']:.0f} | "
                  f"{m['check_peak']:.0f} | {m['client_peak']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
