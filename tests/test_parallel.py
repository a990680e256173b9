"""--jobs and the result cache: a parallel run reports exactly what a serial run reports, and a run
over pages that have not changed reuses their results, never a stale one."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.corpus import Corpus
from lint.engine import Linter
from lint.finding import Severity
from lint.parallel import can_fork, map_ordered
from lint.resultcache import ResultCache
from lint.rule import Option, Rule

from .conftest import RAW, SEED_002, run

PAGE = "标题{n}\n\n　　围绕产业转型升级，推动高质量发 展，着眼全局抓重点，第{n}次会议召开。\n\n　　今年全市经济稳中有进。\n"


def _paragraph(text: str, min_han: int = 60) -> str:
    long = [ln for ln in text.splitlines() if sum("\u4e00" <= c <= "\u9fff" for c in ln) >= min_han]
    assert len(long) >= 2
    return long[1]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """The raw seeds, 24 small pages with a defect each, and one page that reprints a paragraph
    of seed 002 (a cross-page finding whose `related` points into another worker's share)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for p in RAW.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    for n in range(24):
        (folder / f"p{n:02d}.txt").write_text(PAGE.format(n=n), encoding="utf-8")
    reprint = _paragraph((RAW / SEED_002).read_text(encoding="utf-8"))
    (folder / "zz_reprint.txt").write_text(f"转载\n\n　　{reprint.lstrip()}\n", encoding="utf-8")
    return folder


def _json(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(not can_fork(), reason="parallel runs need fork")
def test_jobs_2_reports_what_jobs_1_reports(pages, tmp_path):
    serial = run("check", "--format", "json", "--no-cache", "--jobs", "1", str(pages), cwd=tmp_path)
    parallel = run("check", "--format", "json", "--no-cache", "--jobs", "2", str(pages), cwd=tmp_path)
    assert _json(serial) == _json(parallel)
    found = _json(parallel)
    reprint = [f for f in found if f["rule"] == "DUP004" and f["path"].endswith("zz_reprint.txt")]
    assert reprint and reprint[0]["related"][0]["path"].endswith(SEED_002)  # the merged index
    assert {f["path"] for f in found if f["rule"] == "SPC007"} >= {str(pages / "p00.txt"), str(pages / "p23.txt")}
    text = run("check", "--no-cache", "--jobs", "2", str(pages), cwd=tmp_path)
    assert text.stdout == run("check", "--no-cache", "--jobs", "1", str(pages), cwd=tmp_path).stdout


@pytest.mark.skipif(not can_fork(), reason="parallel runs need fork")
def test_jobs_2_fixes_what_jobs_1_fixes(pages, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(pages, other)
    one = run("check", "--fix", "--unsafe-fixes", "--no-cache", "--jobs", "1", str(pages), cwd=tmp_path)
    two = run("check", "--fix", "--unsafe-fixes", "--no-cache", "--jobs", "2", str(other), cwd=tmp_path)
    assert one.returncode == two.returncode
    for p in sorted(pages.iterdir()):
        assert (other / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8"), p.name
    assert "推动高质量发展" in (other / "p05.txt").read_text(encoding="utf-8")


def test_map_ordered_keeps_the_order():
    assert list(map_ordered(lambda i: i * i, 50, 2, 3)) == [i * i for i in range(50)]
    assert list(map_ordered(lambda i: i, 1, 2)) == [0]


def test_bad_jobs_value_is_a_usage_error(pages, tmp_path):
    proc = run("check", "--jobs", "-1", str(pages), cwd=tmp_path)
    assert proc.returncode == 2 and "--jobs" in proc.stderr


# -- the result cache ---------------------------------------------------------------------------


class Counting(Rule):
    """Counts its runs; flags every 乙."""

    code = "TST001"
    name = "counting"
    category = "typo"
    severity = Severity.WARNING
    options = {"char": Option("乙", "the character flagged")}
    runs = 0

    def check(self, doc):
        type(self).runs += 1
        c = self.settings["char"]
        for i, ch in enumerate(doc.text):
            if ch == c:
                yield self.finding(i, i + 1, f"a {c}")


class CountingAcross(Counting):
    """Like Counting, but reads the corpus: its results depend on the other pages too."""

    code = "TST002"
    name = "counting-across"
    uses_corpus = True
    runs = 0

    def check(self, doc):
        type(self).runs += 1
        pages = doc.corpus.index("texts", lambda pages: [t for _, t in pages])
        yield self.finding(0, 1, f"{len(pages)} pages")


def test_unchanged_page_is_not_checked_again(tmp_path):
    Counting.runs = 0
    memo = ResultCache(tmp_path / "cache")
    first = Linter([Counting()], memo=memo).check("甲乙丙乙")
    memo.flush()  # written for other runs (a run writes its new entries in batches)
    again = Linter([Counting()], memo=ResultCache(tmp_path / "cache")).check("甲乙丙乙")
    assert Counting.runs == 1
    assert again.findings == first.findings and [f.start for f in again.findings] == [1, 3]
    Linter([Counting()], memo=memo).check("甲乙丙乙丁")  # another text
    Linter([Counting(char="丙")], memo=memo).check("甲乙丙乙")  # another option
    Linter([Counting(Severity.ERROR)], memo=memo).check("甲乙丙乙")  # another severity
    assert Counting.runs == 4
    assert (tmp_path / "cache" / ".gitignore").is_file() and (tmp_path / "cache" / "CACHEDIR.TAG").is_file()


def test_a_parallel_runs_parent_shares_what_is_cached_and_keeps_none_of_what_it_writes(tmp_path):
    Counting.runs = 0
    earlier = ResultCache(tmp_path / "cache")
    Linter([Counting()], memo=earlier).check("甲乙丙乙")
    earlier.flush()
    parent = ResultCache(tmp_path / "cache")
    parent.share_with_workers()  # every pack read now (a forked worker inherits them)
    served = Linter([Counting()], memo=parent).check("甲乙丙乙")  # what a worker asks
    assert Counting.runs == 1 and [f.start for f in served.findings] == [1, 3]
    worker = Linter([Counting()], memo=parent)
    worker.check("乙乙乙")
    parent.put(parent.take())  # the worker's entries handed to the parent, which writes them
    parent.flush()
    assert sum(len(pack) for pack in parent._packs.values()) == 1  # only what it read before
    assert Linter([Counting()], memo=ResultCache(tmp_path / "cache")).check("乙乙乙").findings  # written
    assert Counting.runs == 2


def test_cross_page_results_follow_the_corpus(tmp_path):
    CountingAcross.runs = 0
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("甲\n", encoding="utf-8")

    def check():
        memo = ResultCache(tmp_path / "cache")
        linter = Linter([CountingAcross()], corpus=Corpus([folder]), memo=memo)
        found = linter.check("乙乙\n", "page.txt").findings[0].message
        memo.flush()
        return found

    assert check() == "1 pages" and check() == "1 pages"
    assert CountingAcross.runs == 1
    (folder / "b.txt").write_text("丙\n", encoding="utf-8")  # the corpus grows: recomputed
    assert check() == "2 pages"
    assert CountingAcross.runs == 2


def test_a_damaged_entry_is_a_miss(tmp_path):
    Counting.runs = 0
    memo = ResultCache(tmp_path / "cache")
    Linter([Counting()], memo=memo).check("乙")
    memo.flush()
    packs = list((tmp_path / "cache").rglob("*.pack"))
    assert packs
    for pack in packs:
        pack.write_bytes(b"\x00garbage")
    assert len(Linter([Counting()], memo=ResultCache(tmp_path / "cache")).check("乙").findings) == 1
    assert Counting.runs == 2


def test_a_run_writes_a_few_packs_not_a_file_a_page(tmp_path, monkeypatch):
    import lint.resultcache as resultcache

    monkeypatch.setattr(resultcache, "FLUSH_EVERY", 100)
    monkeypatch.setattr(resultcache, "MAX_PACK", 30)
    memo = ResultCache(tmp_path / "cache")
    linter = Linter([Counting()], memo=memo)
    texts = [f"乙{i}" for i in range(1000)]
    for text in texts:
        linter.check(text)
    assert len(list((tmp_path / "cache").rglob("*.pack"))) <= 16  # flushed every 100 entries
    memo.flush()
    files = [f for f in (tmp_path / "cache").rglob("*") if f.is_file()]
    assert len([f for f in files if f.suffix == ".pack"]) == 16
    assert not [f for f in files if f.name.endswith(".newslint-tmp")]
    again = ResultCache(tmp_path / "cache")
    kept = [t for t in texts if again.has(next(linter._groups(t, None))[1])]
    assert len(kept) == 16 * 30  # each pack keeps its newest MAX_PACK entries
    assert all(again.has(next(linter._groups(t, None))[1]) for t in texts[-10:])


def test_cli_cache_gives_the_same_report_and_no_cache_writes_nothing(pages, tmp_path):
    cold = run("check", "--format", "json", "--jobs", "1", str(pages), cwd=tmp_path)
    cache = tmp_path / ".newslint_cache"
    assert cache.is_dir()
    warm = run("check", "--format", "json", "--jobs", "1", str(pages), cwd=tmp_path)
    assert _json(cold) == _json(warm)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run("check", "--no-cache", str(pages), cwd=elsewhere)
    assert not (elsewhere / ".newslint_cache").exists()
    env_dir = tmp_path / "env-cache"
    proc = subprocess.run([sys.executable, "-m", "lint", "check", str(pages)], cwd=elsewhere,
                          env={**os.environ, "NEWSLINT_CACHE_DIR": str(env_dir)}, capture_output=True)
    assert proc.returncode == 1 and env_dir.is_dir() and not (elsewhere / ".newslint_cache").exists()


def test_a_fixed_page_is_reported_from_its_new_text(pages, tmp_path):
    run("check", str(pages), cwd=tmp_path)  # fills the cache
    fixed = run("check", "--fix", str(pages), cwd=tmp_path)
    assert fixed.returncode in (0, 1)
    after = _json(run("check", "--format", "json", str(pages), cwd=tmp_path))
    assert not [f for f in after if f["rule"] == "SPC007"]  # not the cached findings of the old text


@pytest.mark.skipif(not can_fork(), reason="parallel runs need fork")
def test_two_runs_at_once_share_the_cache(pages, tmp_path):
    expected = _json(run("check", "--format", "json", "--no-cache", str(pages), cwd=tmp_path))
    procs = [subprocess.Popen([sys.executable, "-m", "lint", "check", "--format", "json", "--jobs", "2", str(pages)],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 1, err
        assert json.loads(out) == expected
    assert _json(run("check", "--format", "json", str(pages), cwd=tmp_path)) == expected
    assert not list((tmp_path / ".newslint_cache").rglob("*.newslint-tmp"))  # no temporary file left


def test_document_is_shared_by_both_groups():
    # a rule of each group sees the same page: the memo splits the rules, not the document
    doc_ids = []

    class Local(Counting):
        code = "TST003"
        name = "local"

        def check(self, doc):
            doc_ids.append(id(doc))
            return []

    class Across(CountingAcross):
        code = "TST004"
        name = "across"

        def check(self, doc):
            doc_ids.append(id(doc))
            return []

    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        Linter([Local(), Across()], memo=ResultCache(Path(tmp))).check("甲")
    assert len(doc_ids) == 2 and doc_ids[0] == doc_ids[1]


def test_a_warm_run_builds_no_cross_page_index(pages, tmp_path, monkeypatch, capsys):
    from lint import cli

    monkeypatch.chdir(tmp_path)
    cold = run("check", "--jobs", "2", str(pages), cwd=tmp_path)
    assert (tmp_path / ".newslint_cache").is_dir()

    def refuse(*args, **kwargs):
        raise AssertionError("a warm run built a corpus index")

    monkeypatch.setattr(Corpus, "prepare", refuse)
    monkeypatch.setattr(Corpus, "index_from", refuse)
    assert cli.main(["check", "--jobs", "2", str(pages)]) == 1
    assert capsys.readouterr().out == cold.stdout


def test_text_printed_page_by_page_holds_every_finding(pages, tmp_path):
    found = _json(run("check", "--format", "json", "--no-cache", str(pages), cwd=tmp_path))
    text = run("check", "--no-cache", str(pages), cwd=tmp_path).stdout
    headers = [ln for ln in text.splitlines() if ln.startswith(str(pages)) and ": " in ln]
    assert len(headers) == len(found)
    assert headers[0].startswith(f"{found[0]['path']}:{found[0]['start']['line']}:")
    assert any(ln.startswith(f"Found {len(found)} ") for ln in text.splitlines()[-3:])


def test_paragraph_index_buckets_check_the_whole_key():
    from lint.rules.duplicate._pages import PageIndex

    index = PageIndex()
    sketch = tuple(range(24))
    low = 12345
    same_bucket = low | (1 << 40)  # equal in the bits a bucket keeps, not in the key
    index.add_page("a.txt", [(1, 1, 0, low, sketch)])
    index.add_page("b.txt", [(3, 3, 10, same_bucket, sketch), (5, 3, 40, low, sketch)])
    index.finish()
    assert [index.place(n).page for n in index.exact_copies(low)] == [0, 1]
    assert [index.place(n).offset for n in index.exact_copies(same_bucket)] == [10]
    assert index.exact_copies(low + 1) == []
    assert index.sketch(1) == sketch
    assert sorted(index.band_mates(hash((0, sketch[:4])))) == [0, 1, 2]


def test_paragraph_index_buckets_of_every_size_in_a_long_list():
    import random

    from lint.rules.duplicate._pages import PageIndex

    STRIDE = 64

    rng = random.Random(4)
    keys = [rng.getrandbits(64) for _ in range(300)]
    common = keys[7]  # a boilerplate paragraph: more rows than a stride
    entries = [(1, 1, n, common if n % 9 == 0 else rng.choice(keys), tuple(range(24))) for n in range(40 * STRIDE)]
    index = PageIndex()
    index.add_page("a.txt", entries)
    index.finish()
    for key in keys + [0, 2 ** 64 - 1, rng.getrandbits(64)]:
        want = [n for n, e in enumerate(entries) if e[3] == key]
        assert index.exact_copies(key) == want
    assert len(index.exact_copies(common)) > 3 * STRIDE


def test_one_page_under_two_names(tmp_path):
    from lint.corpus import same_page

    page = tmp_path / "seeds" / "000.txt"
    page.parent.mkdir()
    page.write_text("标题\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(page)
    assert same_page(str(page), "../checkout/seeds/000.txt")  # a copy in another checkout
    assert same_page(str(tmp_path / "link.txt"), str(page))  # the same file by another name
    assert not same_page(str(page), str(tmp_path / "other" / "000.txt"))
    assert not same_page(None, str(page))


def test_the_results_of_old_versions_are_retired(tmp_path):
    root = tmp_path / "cache"
    for n in range(4):  # folders of four older versions of the code, the last one newest
        old = root / f"{n:016x}"
        old.mkdir(parents=True)
        (old / "0.pack").write_bytes(b"x")
        os.utime(old, (1e9 + n, 1e9 + n))
    (root / "not-a-version").mkdir()
    memo = ResultCache(root)
    memo.store(memo.key("page", "甲"), [])
    memo.flush()
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == sorted(
        [memo.folder.name, f"{3:016x}", "not-a-version"])
    assert (root / memo.folder.name / f"{memo.key('page', '甲')[0]}.pack").is_file()


def test_clean_removes_the_result_cache_and_the_tables_and_nothing_else(pages, tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home")}

    def newslint(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lint", *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True)

    newslint("check", str(pages))
    results, tables = tmp_path / ".newslint_cache", tmp_path / "home" / "newslint"
    assert results.is_dir() and any(tables.iterdir())
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    refused = newslint("clean", "--cache-dir", "notes")  # a folder that is no result cache
    assert refused.returncode == 2 and "nothing removed" in refused.stderr
    assert (tmp_path / "notes" / "keep.txt").exists() and results.is_dir() and tables.is_dir()
    cleaned = newslint("clean")
    assert cleaned.returncode == 0 and cleaned.stdout.count("removed ") == 2
    assert not results.exists() and not tables.exists() and pages.is_dir()
    assert newslint("clean").stdout == "nothing to remove\n"
    assert newslint("check", str(pages)).returncode == 1 and results.is_dir()  # a run rebuilds what it needs


@pytest.mark.parametrize("jobs", [1, 2])
def test_indexes_built_without_page_caches_are_those_built_with_them(tmp_path, monkeypatch, jobs):
    """Without page caches (--no-cache, a cluster run) the contributions wait marshalled for the
    combine: the indexes must be the ones the cached run builds."""
    import marshal

    from lint import pagecache
    from lint.config import load_config

    def state(index):  # what the index holds (its packed pages unpacked: marshal's bytes may differ)
        if not hasattr(index, "__dict__"):
            return index
        held = dict(vars(index))
        if isinstance(held.get("_by_digest"), dict):
            held["_by_digest"] = {k: marshal.loads(v) if isinstance(v, bytes) else v
                                  for k, v in held["_by_digest"].items()}
        return held

    from .test_crosspage_reuse import damaged_corpus

    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in damaged_corpus(4, size=9):
        (folder / name).write_text(text, encoding="utf-8")
    config = load_config(None)
    specs = {spec.key: spec for rule in config.rules_for(None) if rule.uses_corpus
             for spec in rule.corpus_indexes(config.layout)}
    assert {"names"} < set(specs) and any(k.startswith("duplicate-paragraphs") for k in specs)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = {}
    for caching in (True, False):
        monkeypatch.setattr(pagecache, "_enabled", caching)
        corpus = Corpus([folder], texts=[("given.txt", damaged_corpus(5, size=1)[0][1])])
        corpus.prepare(specs.values(), jobs)
        built[caching] = {key: state(index) for key, index in corpus.indexes().items()}
    assert built[False] == built[True]
    assert len(built[True]) == len(specs)
