"""How long the pre-commit hook takes on one changed page of a 2,000-page repository.

Usage (from the project root):
    python -m bench hook [--pages 2000] [--select name]

Copies the first N articles of rmrb2019_caspiankexin (the reference corpus, see bench/corpus.py)
into a temporary repository (deleted afterwards; nothing enters the project) whose .newslint.yaml
makes them the corpus, then times `newslint check <one page>` as the hook runs it: cold (empty
cache) and warm (twice more, the median reported). --select limits the run to some families."""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("rmrb2019_caspiankexin")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--select", help="families or rules to run (default: the default pack)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        (repo / "pages").mkdir(parents=True)
        for src in sorted(CORPUS.rglob("*.txt"))[:args.pages]:
            shutil.copy(src, repo / "pages" / src.name)
        (repo / ".newslint.yaml").write_text("corpus: [pages/]\n", encoding="utf-8")
        page = sorted((repo / "pages").iterdir())[0]
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        cmd = [str(Path(sys.executable).with_name("newslint")), "check", str(page.relative_to(repo))]
        if args.select:
            cmd += ["--select", args.select]
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=repo, env=env, capture_output=True)
            times.append(time.perf_counter() - t0)
    print(f"{args.pages} pages, select={args.select or 'default pack'}: "
          f"cold {times[0]:.2f} s, warm {statistics.median(times[1:]):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
