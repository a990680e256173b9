"""Same findings: what `newslint check` reports over the bench inputs, saved, and compared with a later run.

Usage (from the project root):
    python -m bench same-findings --save DIR       run, and keep each input's findings in DIR
    python -m bench same-findings --against DIR    run, and list every finding that differs

A speed-up must not change what is found. The inputs are the 2,000 pages of `python -m bench
perf` (bench/out/perf/pages; run that bench once to build them, or pass --pages) and every `.txt`
file of the reference corpus (see bench/corpus.py). Each is checked with `--no-cache --format json
--jobs 2`, so the whole path is exercised: page batches, worker processes and the corpus indexes.
Paths in the output are as given, so a run from another checkout compares when given the same
--pages and corpus folder.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import ROOT, corpus_dir  # noqa: E402


def inputs(pages: Path) -> dict[str, Path]:
    out = {"pages": pages}
    if corpus_dir().is_dir():
        out["corpus"] = corpus_dir()
    return out


def findings(path: Path, jobs: int) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "--format", "json",
                          "--jobs", str(jobs), str(path)], capture_output=True, text=True, cwd=ROOT)
    if run.returncode not in (0, 1):
        raise SystemExit(f"same-findings: newslint exited {run.returncode} on {path}:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout)


def _key(f: dict) -> str:
    return json.dumps(f, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="folder to keep the findings in")
    what.add_argument("--against", type=Path, help="folder of findings saved earlier")
    ap.add_argument("--pages", type=Path, default=ROOT / "bench" / "out" / "perf" / "pages")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if not args.pages.is_dir():
        raise SystemExit(f"same-findings: no pages at {args.pages} (python -m bench perf builds them)")
    differ = 0
    for name, path in inputs(args.pages).items():
        found = findings(path, args.jobs)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.json").write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
            print(f"{name}: {len(found):,} findings saved")
            continue
        saved = json.loads((args.against / f"{name}.json").read_text(encoding="utf-8"))
        old, new = [_key(f) for f in saved], [_key(f) for f in found]
        gone, came = sorted(set(old) - set(new)), sorted(set(new) - set(old))
        same_order = not gone and not came and old == new
        print(f"{name}: {len(new):,} findings; {len(gone)} gone, {len(came)} new"
              + ("" if same_order or gone or came else "; the same findings in another order"))
        for label, rows in (("-", gone), ("+", came)):
            for row in rows[:20]:
                print(f"  {label} {row}")
        differ += len(gone) + len(came) + (not same_order and not gone and not came)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
