"""The Dask runner (lint/cluster.py) finds what one process finds: on a LocalCluster of two
workers, over pages with findings across pages (names misspelt on one page and printed right on
others, paragraphs reprinted from other pages), byte for byte."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from lint.config import load_config
from lint.corpus import Corpus
from lint.engine import Linter

from .conftest import RAW, run
from .test_crosspage_reuse import damaged_corpus

distributed = pytest.importorskip("distributed")

CROSS_PAGE = {"NAM001", "DUP004"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "pages"
    folder.mkdir()
    for p in RAW.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    for name, text in damaged_corpus(3, size=14):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _json(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def serial(pages) -> str:
    proc = run("check", "--format", "json", "--no-cache", "--jobs", "1", str(pages), cwd=pages.parent)
    assert {f["rule"] for f in _json(proc)} >= CROSS_PAGE  # the pages hold findings across pages
    return proc.stdout


def test_dask_reports_what_one_process_reports(pages, serial):
    dask = run("check", "--format", "json", "--no-cache", "--dask", "local:2", str(pages), cwd=pages.parent)
    assert dask.returncode == 1, dask.stderr
    assert dask.stdout == serial
    stages = re.search(r"a worker's peak memory (\d+) MB \(map (\d+) MB, checks (\d+) MB\), the client's (\d+) MB",
                       dask.stderr)
    assert stages, dask.stderr  # the memory of each stage, measured (not zero: a process holds its interpreter)
    peak, map_peak, check_peak, client_peak = map(int, stages.groups())
    assert peak == max(map_peak, check_peak) and min(map_peak, check_peak, client_peak) >= 20
    busy = re.search(r"the workers busy (\d+)% of the checks", dask.stderr)
    assert busy and 0 < int(busy[1]) <= 100, dask.stderr
    text_serial = run("check", "--no-cache", "--jobs", "1", "pages", cwd=pages.parent)
    text_dask = run("check", "--no-cache", "--dask", "local:2", "pages", cwd=pages.parent)
    assert text_dask.stdout == text_serial.stdout  # relative names, as the user wrote them


def test_dask_fixes_what_one_process_fixes(pages, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(pages, one)
    shutil.copytree(pages, two)
    a = run("check", "--fix", "--unsafe-fixes", "--no-cache", "--jobs", "1", str(one), cwd=tmp_path)
    b = run("check", "--fix", "--unsafe-fixes", "--no-cache", "--dask", "local:2", str(two), cwd=tmp_path)
    assert a.returncode == b.returncode, b.stderr
    changed = 0
    for p in sorted(one.iterdir()):
        assert (two / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8"), p.name
        changed += p.read_text(encoding="utf-8") != (pages / p.name).read_text(encoding="utf-8")
    assert changed  # the fixes were made, on the workers


def test_a_scheduler_that_cannot_be_reached_is_an_error(pages):
    proc = run("check", "--no-cache", "--dask", "tcp://127.0.0.1:9", str(pages), cwd=pages.parent)
    assert proc.returncode == 2
    assert "cannot reach the scheduler" in proc.stderr
    proc = run("check", "--no-cache", "--dask", "local:two", str(pages), cwd=pages.parent)
    assert proc.returncode == 2 and "positive whole number" in proc.stderr


def test_workers_too_small_for_the_run_are_refused_before_any_task(pages):
    with distributed.LocalCluster(n_workers=1, processes=False, protocol="tcp", memory_limit="200MB",
                                  dashboard_address=None) as cluster:
        proc = run("check", "--no-cache", "--dask", cluster.scheduler_address, str(pages), cwd=pages.parent)
    assert proc.returncode == 2, proc.stderr
    assert "memory limit is 0.20 GB" in proc.stderr and "as groups" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_memory_a_run_needs_is_weighed_against_the_smallest_limit():
    from lint.cluster import INDEX_GROWTH, WORKER_BASE, ClusterError, check_memory

    check_memory([])  # no worker says: nothing to weigh
    check_memory([0, 0], 10**12)  # workers without a limit
    check_memory([8_000_000_000, 0], 1_000_000_000)  # 0.25 + 3 GB of 6.4
    fits = int((0.8 * 2_000_000_000 - WORKER_BASE) / INDEX_GROWTH)
    check_memory([2_000_000_000], fits)
    with pytest.raises(ClusterError, match="0.25 GB for the rules and .* GB for this corpus's indexes"):
        check_memory([2_000_000_000, 8_000_000_000], fits + 1_000_000)  # the smallest worker decides
    with pytest.raises(ClusterError, match="for the rules alone"):
        check_memory([300_000_000])


def test_check_bag_finds_what_a_linter_over_the_same_records_finds():
    import dask.bag as db

    from lint.cluster import check_bag

    records = [{"id": name, "text": text, "year": 2019} for name, text in damaged_corpus(5, size=12)]
    with distributed.Client(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None):
        got = check_bag(db.from_sequence(records, npartitions=3)).compute()
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout, Corpus(texts=[(r["id"], r["text"]) for r in records]))
    assert [g["id"] for g in got] == [r["id"] for r in records]
    rules = set()
    for g, r in zip(got, records):
        want = [(f.rule, f.start, f.end, f.message) for f in linter.check(r["text"], r["id"]).findings]
        assert [(f["rule"], f["start"]["offset"], f["end"]["offset"], f["message"]) for f in g["findings"]] == want
        rules |= {f["rule"] for f in g["findings"]}
    assert rules >= CROSS_PAGE


def test_check_bag_runs_the_rules_selected():
    import dask.bag as db

    from lint.cluster import check_bag

    records = [{"id": name, "text": text} for name, text in damaged_corpus(5, size=6)]
    bag = db.from_sequence(records, npartitions=2)
    every = {f["rule"] for r in check_bag(bag).compute(scheduler="sync") for f in r["findings"]}
    chosen = {f["rule"] for r in check_bag(bag, select=["DUP", "NAM001"], ignore=["DUP002"]).compute(scheduler="sync")
              for f in r["findings"]}
    assert chosen and chosen < every and chosen <= {"DUP001", "DUP003", "DUP004", "NAM001"}


def test_check_bag_wants_an_id_and_text():
    import dask.bag as db

    from lint.cluster import check_bag

    with pytest.raises(ValueError, match="no 'id'"):
        check_bag(db.from_sequence([{"text": "标题"}], npartitions=1)).compute(scheduler="sync")
    with pytest.raises(ValueError, match="no text"):
        check_bag(db.from_sequence([{"id": 1, "text": 3}], npartitions=1)).compute(scheduler="sync")


def test_check_dataframe_gives_each_rows_findings_as_json():
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")

    from lint.cluster import check_dataframe

    pages = damaged_corpus(5, size=6)
    frame = dd.from_pandas(pd.DataFrame({"id": [n for n, _ in pages], "text": [t for _, t in pages]}), npartitions=2)
    got = check_dataframe(frame).compute(scheduler="sync")
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout, Corpus(texts=pages))
    assert list(got["id"]) == [n for n, _ in pages]
    for (name, text), findings in zip(pages, got["findings"]):
        want = [(f.rule, f.start, f.end) for f in linter.check(text, name).findings]
        assert [(f["rule"], f["start"]["offset"], f["end"]["offset"]) for f in json.loads(findings)] == want
    assert any(json.loads(f) for f in got["findings"])


@pytest.fixture(scope="module")
def shard(pages) -> Path:
    path = pages.parent / "part-00.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for p in sorted(pages.glob("*.txt")):
            out.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"), "year": 2019},
                                 ensure_ascii=False) + "\n")
    return path


def test_dask_reports_on_shards_what_one_process_reports(shard):
    one = run("check", "--format", "json", "--no-cache", "--jobs", "1", shard.name, cwd=shard.parent)
    dask = run("check", "--format", "json", "--no-cache", "--dask", "local:2", shard.name, cwd=shard.parent)
    assert dask.returncode == one.returncode == 1, dask.stderr
    assert dask.stdout == one.stdout
    found = _json(dask)
    assert {f["rule"] for f in found} >= CROSS_PAGE and all(f["record"] for f in found)
    assert "newslint: dask: 2 workers" in dask.stderr  # where the time went


def test_dask_writes_the_fixed_shard_one_process_writes(shard, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    a = run("check", "--fix", "--no-cache", "--jobs", "1", "--output-dir", str(one), shard.name, cwd=shard.parent)
    b = run("check", "--fix", "--no-cache", "--dask", "local:2", "--output-dir", str(two), shard.name,
            cwd=shard.parent)
    assert a.returncode == b.returncode, b.stderr
    fixed = (one / shard.name).read_text(encoding="utf-8")
    assert (two / shard.name).read_text(encoding="utf-8") == fixed != shard.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="the peak is restarted through Linux's clear_refs")
def test_peak_memory_is_counted_afresh_after_a_restart():
    from lint.cluster import _peak_memory

    block = bytearray(200_000_000)
    block[::4096] = b"x" * len(block[::4096])  # touched: resident
    del block
    before = _peak_memory(True)
    assert before >= 200_000_000
    assert _peak_memory() < before - 150_000_000  # the block is gone from the new count
