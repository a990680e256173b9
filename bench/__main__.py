"""The benchmark harness: `python -m bench list`, `python -m bench NAME [options...]`.

`list` reads each module's docstring without importing it, so a benchmark whose module is missing
or does not import (a moved lint module, say) is marked and the others are listed all the same.
Running NAME imports bench/<module>.py and calls its main() with the remaining arguments, which
the benchmark parses itself (`python -m bench NAME --help` shows its options).
"""
from __future__ import annotations

import ast
import difflib
import importlib
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import BENCHMARKS  # noqa: E402

USAGE = """usage: python -m bench list
       python -m bench NAME [options...]      (python -m bench NAME --help: its options)

Run from the repository root. The reference corpus is found as bench/corpus.py says
(NEWSLINT_CORPUS); outputs that are kept go to bench/out/."""


def summary(module: str) -> str:
    """The first line of the module's docstring, read from the source (nothing is imported)."""
    path = HERE / f"{module}.py"
    if not path.is_file():
        return f"(not available: bench/{module}.py is missing)"
    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as e:
        return f"(not available: bench/{module}.py does not parse: {type(e).__name__})"
    return doc.strip().splitlines()[0] if doc and doc.strip() else "(no docstring)"


def list_benchmarks(out=sys.stdout) -> None:
    width = max(map(len, BENCHMARKS))
    for name in sorted(BENCHMARKS):
        print(f"  {name:<{width}}  {summary(BENCHMARKS[name])}", file=out)


def run(name: str, argv: list[str]) -> int:
    module = BENCHMARKS[name]
    if not (HERE / f"{module}.py").is_file():
        print(f"bench: {name}: bench/{module}.py is missing", file=sys.stderr)
        return 2
    # argparse names the program after sys.argv[0]; some benchmarks read sys.argv themselves
    sys.argv = [f"python -m bench {name}", *argv]
    try:
        loaded = importlib.import_module(f"bench.{module}")
    except Exception:  # noqa: BLE001 - a broken benchmark fails alone, with its traceback
        traceback.print_exc()
        print(f"bench: {name}: bench/{module}.py does not import (above)", file=sys.stderr)
        return 1
    main = getattr(loaded, "main", None)
    if not callable(main):
        print(f"bench: {name}: bench/{module}.py has no main()", file=sys.stderr)
        return 2
    code = main(argv)
    return code if isinstance(code, int) else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        out = sys.stdout if args else sys.stderr
        print(USAGE + "\n\nbenchmarks:", file=out)
        list_benchmarks(out)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "list":
        list_benchmarks()
        return 0
    if command not in BENCHMARKS:
        close = difflib.get_close_matches(command, BENCHMARKS, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        print(f"bench: no benchmark named {command!r}{hint}; `python -m bench list` lists them", file=sys.stderr)
        return 2
    return run(command, rest)


if __name__ == "__main__":
    sys.exit(main())
