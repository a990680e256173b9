"""Shards (lint/shards.py): JSONL (plain, gzip, zstd) and Parquet files whose records are pages.
Each record is checked as the page it would be as a .txt file (cross-page rules included), named
SHARD#ID; fix runs write fixed copies beside the shards, resumably, never editing a shard."""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cli, engine
from lint.progress import Progress
from lint.shardrun import check_records
from lint.shards import output_path, read_records, sidecar_of

from .conftest import ROOT, SEED_000, SEED_002, raw_text, run
from .test_crosspage_reuse import damaged_corpus
from .test_reliability import _dropping_one_more

SPACED = "标题\n\n　　围绕产业转型升级，推动高质量发 展，着眼全局抓重点。\n"  # SPC007: the space
UNFIXABLE = "\n　　他说：“推动高质量发展。\n"  # PUN001, which no fix repairs
CLEAN = "标题\n\n　　围绕产业转型升级，推动高质量发展，着眼全局抓重点。\n"


def jsonl(path: Path, records: list, opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def findings(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


# -- the same findings as .txt pages -------------------------------------------------------------


def _named(f: dict) -> dict:
    """A finding with its page named by the record id or the file stem, wherever it is named."""
    def name(place: dict) -> str:
        return place["record"] if "record" in place else Path(place["path"]).stem

    f = dict(f)
    f["path"] = name(f)
    f.pop("record", None)
    f["related"] = [{**{k: v for k, v in r.items() if k != "record"}, "path": name(r)} for r in f["related"]]
    f["message"] = f["message"].replace("pages.jsonl#", "").replace("pages/", "").replace(".txt", "")
    return f


def test_records_give_the_findings_their_pages_give_as_txt_files(tmp_path):
    pages = damaged_corpus(3, size=9) + [("seed0.txt", raw_text(SEED_000)), ("seed2.txt", raw_text(SEED_002))]
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in pages:
        (folder / name).write_text(text, encoding="utf-8")
    ordered = sorted(folder.iterdir())  # the order of a folder run
    jsonl(tmp_path / "pages.jsonl", [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "source": "ocr"}
                                     for p in ordered])
    as_txt = findings(run("check", "--no-cache", "--format", "json", "pages", cwd=tmp_path))
    as_jsonl = findings(run("check", "--no-cache", "--format", "json", "pages.jsonl", cwd=tmp_path))
    assert [_named(f) for f in as_jsonl] == [_named(f) for f in as_txt]
    # worth something only if the cross-page rules found something across the records
    rules = {f["rule"] for f in as_jsonl}
    assert {"DUP004", "NAM002"} <= rules
    assert any(r.get("record") and r["record"] != f["record"] for f in as_jsonl for r in f["related"])
    assert {f["path"] for f in as_jsonl} == {"pages.jsonl"}


def test_a_fix_run_over_records_writes_what_a_fix_run_over_pages_writes(tmp_path):
    pages = damaged_corpus(5, size=12) + [("seed0.txt", raw_text(SEED_000))]
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in pages:
        (folder / name).write_text(text, encoding="utf-8")
    jsonl(tmp_path / "pages.jsonl", [{"id": p.stem, "text": p.read_text(encoding="utf-8")}
                                     for p in sorted(folder.iterdir())])
    shard = run("check", "--no-cache", "--fix", "--jobs", "2", "pages.jsonl", cwd=tmp_path)
    txt = run("check", "--no-cache", "--fix", "--jobs", "2", "pages", cwd=tmp_path)
    assert re.sub(r"pages\.jsonl#(\w+)", r"pages/\1.txt", shard.stdout) == txt.stdout  # what is left, and the summary
    rows = [json.loads(line) for line in (tmp_path / "pages.fixed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [p.stem for p in sorted(folder.iterdir())]
    assert all(r["text"] == (folder / f"{r['id']}.txt").read_text(encoding="utf-8") for r in rows)
    assert sum(r["text"] != text for r, (_, text) in zip(rows, sorted(pages))) >= 3


def test_parallel_run_over_records_reports_what_a_serial_one_does(tmp_path):
    pages = damaged_corpus(4, size=40)
    jsonl(tmp_path / "pages.jsonl", [{"id": n, "text": t} for n, t in pages])
    one = run("check", "--no-cache", "--format", "json", "--jobs", "1", "pages.jsonl", cwd=tmp_path)
    two = run("check", "--no-cache", "--format", "json", "--jobs", "2", "pages.jsonl", cwd=tmp_path)
    assert findings(one) == findings(two) and findings(one)


# -- naming --------------------------------------------------------------------------------------


def test_records_are_named_shard_hash_id_or_by_their_line(tmp_path):
    jsonl(tmp_path / "part-00.jsonl", [{"id": "rmrb-01", "text": SPACED}, "", {"text": SPACED},
                                       {"doc": 7, "text": SPACED}])
    text = run("check", "--no-cache", "part-00.jsonl", "--id-field", "id", cwd=tmp_path)
    assert text.returncode == 1
    assert "part-00.jsonl#rmrb-01:3:18: SPC007" in text.stdout
    assert "part-00.jsonl#3:3:18: SPC007" in text.stdout  # no id: the line number (a blank line counts)
    assert "part-00.jsonl#4:3:18: SPC007" in text.stdout
    by_doc = run("check", "--no-cache", "--id-field", "doc", "part-00.jsonl", cwd=tmp_path)
    assert "part-00.jsonl#7:3:18" in by_doc.stdout and "part-00.jsonl#1:3:18" in by_doc.stdout
    found = findings(run("check", "--no-cache", "--format", "json", "part-00.jsonl", cwd=tmp_path))
    assert [(f["path"], f["record"], f["start"]["line"], f["start"]["column"]) for f in found] == [
        ("part-00.jsonl", "rmrb-01", 3, 18), ("part-00.jsonl", "3", 3, 18), ("part-00.jsonl", "4", 3, 18)]
    lines = run("check", "--no-cache", "--format", "jsonl", "part-00.jsonl", cwd=tmp_path).stdout.splitlines()
    assert [json.loads(line)["record"] for line in lines] == ["rmrb-01", "3", "4"]
    # a page keeps its json as it was: no record key
    (tmp_path / "a.txt").write_text(SPACED, encoding="utf-8")
    assert "record" not in findings(run("check", "--no-cache", "--format", "json", "a.txt", cwd=tmp_path))[0]


def test_sarif_names_the_shard_as_artifact_and_the_record_as_a_logical_location(tmp_path):
    from .test_formats import _json_validator

    jsonl(tmp_path / "p.jsonl", [{"id": "a", "text": SPACED}, {"id": "b", "text": SPACED}])
    proc = run("check", "--no-cache", "--format", "sarif", "p.jsonl", cwd=tmp_path)
    log = json.loads(proc.stdout)
    _json_validator("sarif-schema-2.1.0.json").validate(log)
    results = log["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == ["p.jsonl"] * 2
    assert [r["properties"]["record"] for r in results] == ["a", "b"]
    assert [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results] == [
        "p.jsonl#a", "p.jsonl#b"]
    keys = [r["partialFingerprints"]["newslintContentKey/v1"] for r in results]
    assert keys[0] != keys[1]  # the same text in two records: two results, not one


# -- records that cannot be checked ---------------------------------------------------------------


def test_a_bad_record_is_an_error_naming_it_and_the_rest_is_checked(tmp_path):
    jsonl(tmp_path / "p.jsonl", [{"id": "no-text", "body": "x"}, {"id": "number", "text": 3}, "{not json",
                                 "[1, 2]", {"id": "good", "text": SPACED}])
    proc = run("check", "--no-cache", "p.jsonl", cwd=tmp_path)
    assert proc.returncode == 2
    assert "p.jsonl#no-text: no field 'text' (its fields: id, body; --text-field names another)" in proc.stderr
    assert "p.jsonl#number: the field 'text' is a number, not a string" in proc.stderr
    assert "p.jsonl#3: line 3 is not valid JSON" in proc.stderr
    assert "p.jsonl#4: line 4 is an array" in proc.stderr
    assert "p.jsonl#good:3:18: SPC007" in proc.stdout
    assert "4 errors" in proc.stdout
    other = run("check", "--no-cache", "--text-field", "body", "p.jsonl", cwd=tmp_path)
    assert "p.jsonl#no-text" not in other.stderr and "p.jsonl#good: no field 'body'" in other.stderr


def test_a_shard_whose_every_record_lacks_the_field_prints_a_bounded_number_of_errors(tmp_path):
    jsonl(tmp_path / "p.jsonl", [{"id": n, "content": "x"} for n in range(50)])
    proc = run("check", "--no-cache", "p.jsonl", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("no field 'text'") == 20
    assert "30 more records could not be checked" in proc.stderr


# -- which files are shards ----------------------------------------------------------------------


def test_shards_in_a_folder_are_read_only_when_include_picks_them(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.txt").write_text(CLEAN, encoding="utf-8")
    jsonl(folder / "part-00.jsonl", [{"id": "r1", "text": SPACED}])
    plain = run("check", "--no-cache", "data", cwd=tmp_path)
    assert plain.returncode == 0 and "part-00" not in plain.stdout + plain.stderr  # *.txt by default
    (tmp_path / ".newslint.yaml").write_text('include: ["*.txt", "*.jsonl"]\n', encoding="utf-8")
    picked = run("check", "--no-cache", "data", cwd=tmp_path)
    assert picked.returncode == 1 and "data/part-00.jsonl#r1:3:18: SPC007" in picked.stdout
    # a fixed copy a fix run wrote is not checked (nor fixed) again as a shard of the folder
    assert run("check", "--no-cache", "--fix", "data", cwd=tmp_path).returncode == 0
    assert (folder / "part-00.fixed.jsonl").is_file()
    again = run("check", "--no-cache", "data", cwd=tmp_path)
    assert "part-00.fixed.jsonl" not in again.stdout + again.stderr
    # named, it is read like any shard
    assert run("check", "--no-cache", "data/part-00.fixed.jsonl", cwd=tmp_path).returncode == 0


def test_a_named_shard_is_read_as_records_whatever_the_config(tmp_path):
    jsonl(tmp_path / "p.jsonl", [{"id": "x", "text": SPACED}])
    proc = run("check", "--no-cache", "p.jsonl", cwd=tmp_path)
    assert "p.jsonl#x:3:18: SPC007" in proc.stdout
    assert "SPC001" not in proc.stdout  # JSON's own text is never linted (no artefacts of reading JSON)


# -- fix runs ------------------------------------------------------------------------------------


def test_a_fix_run_writes_a_fixed_copy_beside_the_shard(tmp_path):
    records = [{"id": "a", "text": SPACED, "meta": {"date": "1998-01-01", "page": 3}, "score": 0.1},
               {"id": "b", "text": CLEAN, "score": 1e-5}, "", {"id": "c", "text": SPACED.replace("\n", "\r\n")}]
    shard = jsonl(tmp_path / "part-00.jsonl", records)
    before = shard.read_bytes()
    proc = run("check", "--no-cache", "--fix", "part-00.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert shard.read_bytes() == before  # never edited in place
    out = tmp_path / "part-00.fixed.jsonl"
    assert "wrote part-00.fixed.jsonl (2 of 3 records changed)" in proc.stderr
    lines = out.read_bytes().split(b"\n")
    old = before.split(b"\n")
    assert len(lines) == len(old)
    assert lines[1] == old[1] and lines[2] == old[2]  # an unchanged record and the blank line, byte for byte
    first, last = json.loads(lines[0]), json.loads(lines[3])
    assert first == {**records[0], "text": CLEAN}  # the other fields as they were, in their order
    assert list(first) == ["id", "text", "meta", "score"]
    assert last["text"] == CLEAN.replace("\n", "\r\n")  # the record's own line ends
    assert json.loads(sidecar_of(out).read_text())["changed"] == 2
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".newslint-tmp")]
    # the fixed copy is clean
    assert run("check", "--no-cache", "part-00.fixed.jsonl", cwd=tmp_path).returncode == 0


def test_a_fix_run_adds_the_findings_left_and_writes_into_output_dir(tmp_path):
    jsonl(tmp_path / "part-00.jsonl", [{"id": "a", "text": SPACED + UNFIXABLE}, {"id": "b", "text": CLEAN}])
    proc = run("check", "--no-cache", "--fix", "--findings-field", "newslint", "--output-dir", "clean",
               "part-00.jsonl", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    out = tmp_path / "clean" / "part-00.jsonl"
    assert not (tmp_path / "part-00.fixed.jsonl").exists()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert "发展" in rows[0]["text"] and rows[1]["newslint"] == []
    left = rows[0]["newslint"]
    assert left and all(f["path"] == "part-00.jsonl" and f["record"] == "a" for f in left)
    assert {f["rule"] for f in left} == {f["rule"] for f in findings(run(
        "check", "--no-cache", "--format", "json", "clean/part-00.jsonl", cwd=tmp_path))}


def test_findings_field_and_output_dir_need_fix(tmp_path):
    jsonl(tmp_path / "p.jsonl", [{"id": "a", "text": SPACED}])
    for flags in (["--findings-field", "f"], ["--output-dir", "o"], ["--diff", "--output-dir", "o"]):
        proc = run("check", "--no-cache", *flags, "p.jsonl", cwd=tmp_path)
        assert proc.returncode == 2 and "goes with --fix" in proc.stderr
    assert not (tmp_path / "o").exists()


def test_output_dir_is_never_the_shards_own_folder(tmp_path):
    shard = jsonl(tmp_path / "p.jsonl", [{"id": "a", "text": SPACED}])
    before = shard.read_bytes()
    proc = run("check", "--no-cache", "--fix", "--output-dir", ".", "p.jsonl", cwd=tmp_path)
    assert proc.returncode == 2 and "never writes over a shard" in proc.stderr
    assert shard.read_bytes() == before


def test_a_fix_run_started_again_skips_the_shards_done_and_redoes_the_rest(tmp_path):
    a = jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": SPACED}])
    b = jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": SPACED}])
    first = run("check", "--no-cache", "--fix", "a.jsonl", "b.jsonl", cwd=tmp_path)
    assert first.returncode == 0 and first.stderr.count("wrote") == 2
    # a killed run: b's copy had no sidecar yet, and a temporary of a dead process is left
    fixed_b = output_path(b, None)
    sidecar_of(fixed_b).unlink()
    fixed_b.write_text("partial", encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".b.fixed.jsonl.{dead.stdout.strip()}.x1y2.newslint-tmp"
    stale.write_text("half", encoding="utf-8")
    again = run("check", "--no-cache", "--fix", "a.jsonl", "b.jsonl", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "a.jsonl: already fixed in a.fixed.jsonl" in again.stderr
    assert "wrote b.fixed.jsonl" in again.stderr and "wrote a.fixed.jsonl" not in again.stderr
    assert "发展" in json.loads(fixed_b.read_text(encoding="utf-8"))["text"]
    assert not stale.exists()
    # a shard changed since its copy was made is done again (and so is every shard whose corpus it
    # is part of: what the cross-page rules find in them may change)
    a.write_text(json.dumps({"id": "a2", "text": SPACED}, ensure_ascii=False) + "\n", encoding="utf-8")
    third = run("check", "--no-cache", "--fix", "a.jsonl", "b.jsonl", cwd=tmp_path)
    assert "wrote a.fixed.jsonl" in third.stderr and "wrote b.fixed.jsonl" in third.stderr
    assert run("check", "--no-cache", "--fix", "b.jsonl", cwd=tmp_path).stderr.count("wrote") == 1  # other corpus
    assert json.loads(output_path(a, None).read_text(encoding="utf-8"))["id"] == "a2"
    # so is one fixed with other options (the fixes or the fields would differ)
    fourth = run("check", "--no-cache", "--fix", "--unsafe-fixes", "a.jsonl", cwd=tmp_path)
    assert "wrote a.fixed.jsonl" in fourth.stderr


def test_the_fix_guard_refuses_one_records_fix_and_the_others_are_written(tmp_path, monkeypatch, capsys):
    bad = SPACED.replace("标题", "坏标题")
    shard = jsonl(tmp_path / "p.jsonl", [{"id": "bad", "text": bad}, {"id": "good", "text": SPACED}])
    real = engine.apply_edits
    monkeypatch.setattr(engine, "apply_edits",
                        lambda text, edits: (_dropping_one_more if "坏" in text else real)(text, edits))
    code = cli.main(["check", "--fix", "--no-cache", "--jobs", "1", str(shard)])
    err = capsys.readouterr().err
    assert code == 2
    assert "p.jsonl#bad: error: internal error: fix guard" in err and "the page was not changed" in err
    rows = [json.loads(line) for line in (tmp_path / "p.fixed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["text"] == bad and rows[1]["text"] == CLEAN


def test_diff_names_each_changed_record(tmp_path):
    jsonl(tmp_path / "p.jsonl", [{"id": "a", "text": SPACED}, {"id": "b", "text": CLEAN}, {"id": "c", "text": SPACED}])
    proc = run("check", "--no-cache", "--diff", "p.jsonl", cwd=tmp_path)
    assert proc.returncode == 1
    assert "--- a/p.jsonl#a\n+++ b/p.jsonl#a\n" in proc.stdout and "+++ b/p.jsonl#c\n" in proc.stdout
    assert "p.jsonl#b" not in proc.stdout
    assert not (tmp_path / "p.fixed.jsonl").exists()


# -- compression and Parquet ---------------------------------------------------------------------


def test_gzip_shards_are_read_and_written_gzipped(tmp_path):
    jsonl(tmp_path / "p.jsonl.gz", [{"id": "a", "text": SPACED}], opener=gzip.open)
    proc = run("check", "--no-cache", "--fix", "p.jsonl.gz", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    with gzip.open(tmp_path / "p.fixed.jsonl.gz", "rt", encoding="utf-8") as fh:
        assert json.loads(fh.read())["text"] == CLEAN


def test_a_damaged_gzip_shard_is_an_error_after_the_records_before_the_damage(tmp_path):
    data = gzip.compress("".join(json.dumps({"id": n, "text": SPACED, "noise": os.urandom(100).hex()},
                                            ensure_ascii=False) + "\n" for n in range(400)).encode())
    (tmp_path / "p.jsonl.gz").write_bytes(data[:len(data) // 2])
    proc = run("check", "--no-cache", "p.jsonl.gz", cwd=tmp_path)
    assert proc.returncode == 2 and "p.jsonl.gz: cannot read past line" in proc.stderr
    assert "p.jsonl.gz#0:3:18: SPC007" in proc.stdout  # what was read before the damage was checked
    fix = run("check", "--no-cache", "--fix", "p.jsonl.gz", cwd=tmp_path)
    assert fix.returncode == 2 and "p.jsonl.gz: no fixed copy written" in fix.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jsonl.gz"]  # no partial copy, no temporary


def test_zstd_shards_are_read_and_written_with_zstd(tmp_path):
    zstandard = pytest.importorskip("zstandard")
    line = json.dumps({"id": "a", "text": SPACED}, ensure_ascii=False) + "\n"
    (tmp_path / "p.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(line.encode()))
    assert "p.jsonl.zst#a:3:18: SPC007" in run("check", "--no-cache", "p.jsonl.zst", cwd=tmp_path).stdout
    assert run("check", "--no-cache", "--fix", "p.jsonl.zst", cwd=tmp_path).returncode == 0
    out = zstandard.ZstdDecompressor().stream_reader(io.BytesIO((tmp_path / "p.fixed.jsonl.zst").read_bytes()))
    assert json.loads(out.read())["text"] == CLEAN


def test_parquet_shards_keep_their_schema_and_gain_a_findings_column(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"doc": ["a", "b", "c"], "text": [SPACED, CLEAN, SPACED + UNFIXABLE],
                      "year": pa.array([1998, 1999, 2000], pa.int16())},
                     metadata={"origin": "scan"})
    pq.write_table(table, tmp_path / "p.parquet", row_group_size=2)
    found = findings(run("check", "--no-cache", "--format", "json", "--id-field", "doc", "p.parquet", cwd=tmp_path))
    assert [(f["path"], f["record"], f["rule"]) for f in found if f["rule"] == "SPC007"] == [
        ("p.parquet", "a", "SPC007"), ("p.parquet", "c", "SPC007")]
    proc = run("check", "--no-cache", "--fix", "--id-field", "doc", "--findings-field", "found", "p.parquet",
               cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    out = pq.read_table(tmp_path / "p.fixed.parquet")
    assert out.schema.names == ["doc", "text", "year", "found"]
    assert out.schema.field("year").type == pa.int16() and out.schema.metadata[b"origin"] == b"scan"
    assert out.column("doc").to_pylist() == ["a", "b", "c"] and out.column("year").to_pylist() == [1998, 1999, 2000]
    assert out.column("text").to_pylist()[:2] == [CLEAN, CLEAN]
    left = [json.loads(x) for x in out.column("found").to_pylist()]
    assert left[0] == [] and left[2] and left[2][0]["record"] == "c"
    again = run("check", "--no-cache", "--fix", "--id-field", "doc", "--findings-field", "found", "p.parquet",
                cwd=tmp_path)
    assert "already fixed" in again.stderr


def test_parquet_without_the_text_column_is_one_error(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"id": ["a"], "body": [SPACED]}), tmp_path / "p.parquet")
    proc = run("check", "--no-cache", "p.parquet", cwd=tmp_path)
    assert proc.returncode == 2 and "p.parquet: no column 'text' (its columns: id, body" in proc.stderr
    assert "p.parquet#a:3:18" in run("check", "--no-cache", "--text-field", "body", "p.parquet", cwd=tmp_path).stdout


@pytest.mark.parametrize("name, extra", [("p.parquet", "parquet"), ("p.jsonl.zst", "zstd")])
def test_a_shard_that_needs_a_missing_extra_says_which_pip_command(tmp_path, name, extra):
    (tmp_path / name).write_bytes(b"whatever")
    module = "pyarrow" if extra == "parquet" else "zstandard"
    code = (f"import sys; sys.modules[{module!r}] = None\n"  # as if not installed
            f"from lint.cli import main; sys.exit(main(['check', '--no-cache', {name!r}]))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert f"pip install 'newslint[{extra}]'" in proc.stderr and name in proc.stderr


def test_a_plain_check_imports_no_dask_pyarrow_zstandard_or_shard_code(tmp_path):
    (tmp_path / "a.txt").write_text(SPACED, encoding="utf-8")
    code = ("import sys\n"
            "from lint.cli import main\n"
            "main(['check', '--no-cache', '.'])\n"
            "print(sorted(m for m in ('dask', 'distributed', 'pyarrow', 'zstandard', 'lint.shards', 'lint.shardrun') "
            "if m in sys.modules), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


# -- progress ------------------------------------------------------------------------------------


def test_progress_when_asked_gives_a_summary_of_pages_mb_and_findings(tmp_path):
    jsonl(tmp_path / "p.jsonl", [{"id": n, "text": SPACED} for n in range(30)])
    quiet = run("check", "--no-cache", "p.jsonl", cwd=tmp_path)
    assert "pages," not in quiet.stderr  # not a terminal: nothing unless asked
    proc = run("check", "--no-cache", "--progress", "p.jsonl", cwd=tmp_path)
    summary = [line for line in proc.stderr.splitlines() if line.startswith("newslint: 30 pages")]
    assert summary and " MB in " in summary[0] and "MB/s" in summary[0] and "30 findings" in summary[0]


def test_progress_counts_mb_and_tells_the_time_left():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    bar = Progress(None, term, total_bytes=4_000_000)
    bar._start -= 2.0  # two seconds in
    bar.step("p.jsonl#1", done_bytes=1_000_000, pages=50)
    shown = term.getvalue()
    assert "50 pages" in shown and "1.0/4.0 MB" in shown and "0.50 MB/s" in shown and "6s left" in shown
    assert "newslint: 50 pages, 1.0 MB in 2.0 s (0.50 MB/s" in bar.summary(7) and "7 findings" in bar.summary(7)


# -- the Python API ------------------------------------------------------------------------------


def test_check_records_gives_each_records_findings_as_check_text_does():
    import lint

    records = [("a", SPACED), {"id": "b", "text": CLEAN}, {"id": "c", "body": "x"}, ("d", raw_text(SEED_000))]
    results = list(lint.check_records(records, shard="part.jsonl"))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert [f.rule for f in results[0].findings] == [f.rule for f in lint.check_text(SPACED)]
    assert results[1].findings == [] and results[1].text == CLEAN
    assert results[2].errors and "no field 'text'" in results[2].errors[0]
    assert results[0].as_dicts()[0]["record"] == "a" and results[0].as_dicts()[0]["path"] == "part.jsonl"
    fixed = list(check_records([("a", SPACED)], fix=True))
    assert fixed[0].text == CLEAN and [f.rule for f in fixed[0].fixed] == ["SPC007"]


def test_check_records_compares_records_with_the_corpus_given():
    from lint.corpus import Corpus

    pages = damaged_corpus(3, size=9)
    corpus = Corpus(texts=[(f"part.jsonl#{n}", t) for n, t in pages])
    results = list(check_records(pages, corpus=corpus, shard="part.jsonl"))
    assert any(f.rule == "DUP004" for r in results for f in r.findings)


def test_read_records_streams(tmp_path):
    shard = jsonl(tmp_path / "p.jsonl", [{"id": n, "text": "x"} for n in range(3)] + ["{broken"])
    records = read_records(shard)
    first = next(records)
    assert (first.id, first.text, first.index) == ("0", "x", 1)
    assert [r.error.split(":")[0] for r in records] == ["", "", "line 4 is not valid JSON"]
