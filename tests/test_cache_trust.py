"""A cache folder from elsewhere (a shared checkout, a cache restored in CI) can neither change a
page nor hide, invent or garble findings, nor crash or hang the run."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint import seal
from lint.finding import Finding, Severity
from lint.pagecache import PageCache
from lint.resultcache import FOLDER, ResultCache, _row

from .conftest import ROOT

DAMAGED = "　　会议强调，要推动高质量发展 。各地要加强领导。\n"  # a space before the full stop: a safe fix
FIXED = "　　会议强调，要推动高质量发展。各地要加强领导。\n"
PLANTED = "PLANTED\n"


def newslint(*args: str, cwd: Path, home: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    # the code of this tree, whatever the working folder
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def checked(tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    """A folder with one damaged page, checked once so that its result cache holds the page."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    (work / "a.txt").write_text(DAMAGED, encoding="utf-8")
    assert newslint("check", "a.txt", cwd=work, home=home).returncode == 1
    packs = sorted((work / FOLDER).glob("*/*.pack"))
    assert packs
    return work, home, packs


def entries(pack: Path) -> dict:
    """What an attacker reads from a pack: its payload is plain marshal after the seal."""
    data = pack.read_bytes()
    if data.startswith(seal.MAGIC):
        data = data[len(seal.MAGIC) + seal.DIGEST:]
    return marshal.loads(data)


def planted_rows(text_length: int, message: str = "planted") -> bytes:
    whole_page = ((0, text_length, PLANTED),)
    return marshal.dumps([("SPC008", "space-around-punctuation", "spacing", "warning", message, 0, 1,
                           (whole_page, "safe", "Replace the page"), ())])


def test_a_planted_safe_fix_in_the_cache_does_not_rewrite_the_page(checked):
    work, home, packs = checked
    for pack in packs:
        pack.write_bytes(marshal.dumps({k: planted_rows(len(DAMAGED)) for k in entries(pack)}))
    proc = newslint("check", "--fix", "a.txt", cwd=work, home=home)
    assert (work / "a.txt").read_text(encoding="utf-8") == FIXED, proc.stdout + proc.stderr


def test_even_a_cache_entry_sealed_with_the_users_secret_never_supplies_a_fix(checked):
    """Defence in depth: a fix run applies only the fixes it computed itself."""
    work, home, packs = checked
    key = seal.user_secret(home / "newslint")
    for pack in packs:
        pack.write_bytes(seal.dumps({k: planted_rows(len(DAMAGED)) for k in entries(pack)}, key))
    newslint("check", "--fix", "a.txt", cwd=work, home=home)
    assert (work / "a.txt").read_text(encoding="utf-8") == FIXED


def test_an_emptied_entry_does_not_hide_a_damaged_page(checked):
    work, home, packs = checked
    for pack in packs:
        pack.write_bytes(marshal.dumps({k: marshal.dumps([]) for k in entries(pack)}))
    proc = newslint("check", "a.txt", cwd=work, home=home)
    assert proc.returncode == 1 and "SPC008" in proc.stdout


def test_a_planted_finding_with_terminal_escapes_is_not_printed(checked):
    work, home, packs = checked
    for pack in packs:
        pack.write_bytes(marshal.dumps({k: planted_rows(len(DAMAGED), "\x1b[2J\x1b]0;owned\x07")
                                        for k in entries(pack)}))
    proc = newslint("check", "a.txt", cwd=work, home=home)
    assert "\x1b" not in proc.stdout and "SPC008" in proc.stdout


@pytest.mark.parametrize("crafted", [
    # a dict keyed by a tuple that holds itself: hashing it crashes the interpreter (SIGSEGV)
    b"\xfb\xa8\x01\x00\x00\x00r\x01\x00\x00\x00\xda\x01k0",
    b"(\xff\xff\xff\x7f",  # a tuple of 2**31 - 1 items, none given
])
def test_crafted_marshal_bytes_in_the_cache_neither_crash_nor_hang_the_run(checked, crafted):
    work, home, packs = checked
    for pack in packs:
        pack.write_bytes(crafted)
    proc = newslint("check", "a.txt", cwd=work, home=home, timeout=60)
    assert proc.returncode == 1 and "SPC008" in proc.stdout


def rows_for(text: str) -> list[tuple]:
    return [_row(Finding("SPC008", "space-around-punctuation", "spacing", Severity.WARNING, "m", 17, 18))]


@pytest.mark.parametrize("row", [
    ("SPC008", "n", "spacing", "warning", "m", 0, 99, None, ()),  # past the end of the text
    ("SPC008", "n", "spacing", "warning", "m", -76, 1, None, ()),  # before its start
    ("SPC008", "n", "spacing", "warning", "m", 3, 2, None, ()),  # ends before it starts
    ("SPC999", "n", "spacing", "warning", "m", 0, 1, None, ()),  # a rule that did not run
    ("SPC008", "n", "spacing", "loud", "m", 0, 1, None, ()),  # no severity
    ("SPC008", 7, "spacing", "warning", "m", 0, 1, None, ()),  # a name of the wrong type
    ("SPC008", "n", "spacing", "warning", "m", 0, 1, (((0, 50, "x"),), "safe", "f"), ()),  # an edit past the end
    ("SPC008", "n", "spacing", "warning", "m", 0, 1, None, ((-1, "m", None, None, None),)),
    ("SPC008", "n", "spacing", "warning", "m", 0, 1),  # a row cut short
])
def test_a_cache_entry_that_does_not_fit_the_page_is_a_miss(tmp_path, row):
    cache = ResultCache(tmp_path)
    cache._new["k"] = marshal.dumps([row])
    assert cache.load("k", 20, frozenset({"SPC008"})) is None


def test_a_cache_entry_that_fits_the_page_is_served(tmp_path):
    cache = ResultCache(tmp_path)
    cache._new["k"] = marshal.dumps(rows_for(DAMAGED))
    found = cache.load("k", len(DAMAGED), frozenset({"SPC008"}))
    assert found is not None and [(f.rule, f.start, f.end) for f in found] == [("SPC008", 17, 18)]


def test_a_page_cache_written_without_the_secret_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = tmp_path / "names.marshal"
    key = PageCache.digest("page")
    path.write_bytes(marshal.dumps({key: ["planted"]}))
    assert PageCache("names", "v", lambda text: ["derived"], path).get("page") == ["derived"]
    from lint.pagecache import sealing_key

    path.write_bytes(seal.dumps({key: ["kept"]}, sealing_key()))
    assert PageCache("names", "v", lambda text: ["derived"], path).get("page") == ["kept"]


def test_the_secret_is_private_and_one_that_is_not_is_replaced(tmp_path):
    folder = tmp_path / "cache"
    key = seal.user_secret(folder)
    secret = folder / seal.SECRET_FILE
    assert secret.read_bytes() == key and secret.stat().st_mode & 0o777 == 0o600
    secret.chmod(0o644)  # readable by others: no secret any more
    seal.user_secret.cache_clear()
    again = seal.user_secret(folder)
    assert again != key and secret.stat().st_mode & 0o777 == 0o600


# --- fuzzing the readers (hypothesis, bounded): any bytes are a miss, never a crash --------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lint.resultcache import _read_pack  # noqa: E402


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200) | st.builds(lambda tail: seal.MAGIC + tail, st.binary(max_size=200)))
def test_any_bytes_in_a_result_pack_are_read_as_no_entries(tmp_path, data):
    pack = tmp_path / "0.pack"
    pack.write_bytes(data)
    assert _read_pack(pack) == {}


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.binary(max_size=8),
                    lambda inner: st.lists(inner, max_size=4).map(tuple) | st.lists(inner, max_size=4),
                    max_leaves=20))
def test_any_value_under_a_key_is_served_only_if_it_fits_the_page(tmp_path, value):
    """Entries come only from this user's runs, but whatever one holds is validated: a miss or
    findings inside the text, never an exception."""
    cache = ResultCache(tmp_path)
    cache._new["k"] = marshal.dumps(value)
    found = cache.load("k", 10, frozenset({"SPC008"}))
    assert found is None or all(0 <= f.start <= f.end <= 10 and f.rule == "SPC008" for f in found)
