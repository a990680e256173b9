"""The corpus indexes: pages read once per run, derived once per content, --no-cache honoured."""
from __future__ import annotations

import os
import time
import subprocess
import sys
from pathlib import Path

import lint.files
from lint import pagecache
from lint.corpus import Corpus
from lint.pagecache import PageCache

from .conftest import RAW, SEED_000, SEED_002


def test_a_page_is_derived_once_per_content(tmp_path):
    calls = []

    def derive(text):
        calls.append(text)
        return len(text)

    first = PageCache("t", "v1", derive, path=tmp_path / "t.marshal")
    assert first.get("甲乙丙") == 3 and first.get("甲乙丙") == 3
    first.save()
    again = PageCache("t", "v1", derive, path=tmp_path / "t.marshal")
    assert again.get("甲乙丙") == 3  # from the file
    assert again.get("甲乙丙丁") == 4  # new content: derived
    assert calls == ["甲乙丙", "甲乙丙丁"]


def test_two_indexes_read_the_corpus_once(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(f"　　第{i}页。\n", encoding="utf-8")
    reads = []
    real = lint.files.read_page
    monkeypatch.setattr(lint.files, "read_page", lambda path, *a: reads.append(path) or real(path, *a))
    corpus = Corpus([tmp_path])
    first = corpus.index("a", lambda pages: [name for name, _ in pages])
    second = corpus.index("b", lambda pages: [text for _, text in pages])
    assert len(first) == len(second) == 3 and len(reads) == 3


def test_a_file_listed_twice_is_one_page(tmp_path):
    (tmp_path / "a.txt").write_text("　　一页。\n", encoding="utf-8")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    corpus = Corpus([tmp_path], extra=[tmp_path / "a.txt"])
    assert len(corpus.paths()) == 1


def _run_check(tmp_path: Path, *flags: str) -> set[str]:
    """The cache files a check of the seeds against themselves leaves behind."""
    repo = tmp_path / "repo"
    (repo / "pages").mkdir(parents=True)
    for name in (SEED_000, SEED_002):
        (repo / "pages" / name).write_bytes((RAW / name).read_bytes())
    (repo / ".newslint.yaml").write_text("corpus: [pages/]\n", encoding="utf-8")
    cache = tmp_path / "cache"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    subprocess.run([sys.executable, "-m", "lint", "check", f"pages/{SEED_000}", *flags], cwd=repo, env=env,
                   capture_output=True, check=False)
    return {p.name.split("-")[0] for p in (cache / "newslint").glob("*.marshal")} if cache.exists() else set()


def test_the_indexes_are_cached_unless_told_not_to(tmp_path):
    assert {"names", "paragraphs"} <= _run_check(tmp_path / "a")
    assert not {"names", "paragraphs"} & _run_check(tmp_path / "b", "--no-cache")


def test_a_table_derived_from_a_data_file_is_derived_again_when_the_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "words.tsv"
    source.write_text("拥堵\t900\n", encoding="utf-8")
    derived = []

    def derive():
        derived.append(1)
        return source.read_text(encoding="utf-8").split("\t")[0]

    def table():
        pagecache.file_digest.cache_clear()  # as a new process would
        return pagecache.cached("test-table", [source], derive)

    assert table() == "拥堵" and table() == "拥堵" and len(derived) == 1
    source.write_text("问题\t5000\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))  # a new version, whatever the clock
    assert table() == "问题" and len(derived) == 2


def test_a_new_version_retires_all_but_the_newest_of_its_kind(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = pagecache.cache_folder()
    folder.mkdir()
    versions = [f"{n:016x}" for n in range(1, 6)]
    for age, v in enumerate(reversed(versions)):  # versions[0] oldest
        for name in (f"words-{v}.packed", f"words-{v}.marshal"):
            (folder / name).write_bytes(b"x")
            os.utime(folder / name, (time.time() - age * 1000, time.time() - age * 1000))
    others = ["masked-words-packed-00000000000000aa.marshal", "names-00000000000000bb-py311.marshal",
              "patterns-py30b07f0-sre20220615-regex0000000000cc.marshal", ".words-0000000000000009.packed.1.2.tmp"]
    for name in others:
        (folder / name).write_bytes(b"x")
    assert pagecache.write_cache_file(folder / "words-00000000000000ff.packed", b"new")
    left = sorted(p.name for p in folder.iterdir())
    assert [n for n in left if n.startswith("words-")] == [
        "words-0000000000000004.marshal", "words-0000000000000004.packed",
        "words-0000000000000005.marshal", "words-0000000000000005.packed", "words-00000000000000ff.packed"]
    assert all(n in left for n in others)  # other kinds, and what is not a version, stay
    pagecache.write_cache_file(folder / "words-00000000000000ff.packed", b"again")  # no new version: no sweep
    pagecache.write_cache_file(folder / "sub.marshal", b"")
    assert len([n for n in os.listdir(folder) if n.startswith("words-")]) == 5


def test_a_new_version_retires_whatever_no_run_has_used_for_long(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = pagecache.cache_folder()
    (folder / "yaml").mkdir(parents=True)
    long_ago = time.time() - (pagecache.UNUSED_DAYS + 1) * 86400
    unused = ["masked-words-packed-00000000000000aa.marshal", "yaml/0a1b2c"]  # a kind no version writes
    read_lately = "names-00000000000000bb-py311.marshal"  # written long ago, read yesterday
    recent = ["word-neighbours-00000000000000cc.marshal", "yaml/3d4e5f", ".words-09.packed.1.2.tmp"]
    for name in (*unused, read_lately, *recent):
        (folder / name).write_bytes(b"x")
    for name in (*unused, read_lately, ".words-09.packed.1.2.tmp"):
        os.utime(folder / name, (long_ago, long_ago))
    os.utime(folder / read_lately, (time.time() - 86400, long_ago))
    (folder / "words-00000000000000aa.packed").write_bytes(b"x")
    pagecache.write_cache_file(folder / "words-00000000000000aa.packed", b"again")
    assert all((folder / name).exists() for name in unused)  # no new version written: no sweep
    pagecache.write_cache_file(folder / "words-00000000000000ff.packed", b"new")
    assert not any((folder / name).exists() for name in unused)
    assert all((folder / name).exists() for name in (read_lately, *recent, "words-00000000000000ff.packed"))


def test_files_outside_the_cache_folder_are_never_retired(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    for n in range(5):
        (tmp_path / f"words-{n:016x}.packed").write_bytes(b"x")
    pagecache.write_cache_file(tmp_path / "words-00000000000000ff.packed", b"new")
    assert len(list(tmp_path.glob("words-*"))) == 6
