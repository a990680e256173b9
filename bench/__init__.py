"""newslint's benchmarks, run by one harness from the repository root:

    python -m bench list              every benchmark's name and what it measures
    python -m bench NAME [options]    run one (python -m bench NAME --help: its options)

BENCHMARKS names each benchmark's module in this package; each module has a docstring (its first
line is the summary `list` prints) and `main(argv: list[str] | None = None) -> int`. Where the
reference corpus is: bench/corpus.py. Nothing is imported here: a benchmark whose module is
missing or broken fails alone, when it is run.
"""

BENCHMARKS: dict[str, str] = {  # name -> module of the bench package
    "broken": "broken_bench",
    "corpus-rate": "corpus_rate",
    "crosspage-scale": "crosspage_scale",
    "dask": "dask_bench",
    "doubles": "doubles_bench",
    "duplicate": "duplicate_bench",
    "finder": "finder_bench",
    "fuzz": "fuzz_bench",
    "heldout": "heldout",
    "interleaved": "interleaved_bench",
    "hook": "hook_bench",
    "kill": "kill_bench",
    "latency": "latency",
    "lines": "lines_bench",
    "names": "name_bench",
    "ocr-repair": "ocr_repair",
    "perf": "perf_bench",
    "reflow": "reflow_bench",
    "rule-times": "rule_times",
    "same-findings": "same_findings",
    "script-punct": "script_punct_bench",
    "server": "server_bench",
    "typo": "typo_bench",
    "typo-ocr": "typo_ocr_bench",
}
