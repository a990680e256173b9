"""The promises a fix run over an archive rests on (issue 9): the fix guard, atomic and
interrupt-safe writes, pages that move under a run, symbolic links, read-only pages, a rule that
crashes. Hostile input is in test_hostile.py, property-based tests in test_fuzz.py."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint import cli, engine, runner
from lint.config import load_config
from lint.engine import Linter
from lint.files import TEMP_SUFFIX, PageChanged, PageError, read_page, write_page
from lint.finding import Edit
from lint.guard import FixGuardError, lost_han, replay, verify

from .conftest import SEED_000, SEED_002, raw_text, run

# -- the fix guard ------------------------------------------------------------------------------


def test_the_guard_passes_every_fix_the_rules_make_on_the_seeds():
    config = load_config(None)
    for name in (SEED_000, SEED_002):
        text = raw_text(name)
        result = Linter(config.rules_for(None), config.layout).fix(text, unsafe=True)
        assert result.steps and result.text != text
        origin = verify(text, result.text, result.steps)
        assert len(origin) == len(result.text)
        # the characters no edit wrote come from the page, in order
        kept = [o for o in origin if o >= 0]
        assert kept == sorted(kept)
        assert all(result.text[i] == text[o] for i, o in enumerate(origin) if o >= 0)


def _dropping_one_more(text, edits):
    """A faulty fixer: applies the edits, and loses the character after each one."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += (text[pos:e.start], e.content)
        pos = e.end + 1
    out.append(text[pos:])
    return "".join(out)


def test_the_guard_stops_a_faulty_fix_and_writes_nothing(raw_seeds, monkeypatch, capsys):
    page = raw_seeds / SEED_000
    before = page.read_bytes()
    monkeypatch.setattr(engine, "apply_edits", _dropping_one_more)
    code = cli.main(["check", "--fix", "--no-cache", "--jobs", "1", str(page)])
    err = capsys.readouterr().err
    assert code == 2
    assert page.read_bytes() == before
    assert "fix guard" in err and "the page was not changed" in err
    assert "SPC" in err  # names the rules whose fixes were applied


def test_without_the_guard_the_faulty_fix_would_have_been_written(raw_seeds, monkeypatch):
    """The test above fails if the guard goes: this is what it would let through."""
    page = raw_seeds / SEED_000
    before = page.read_bytes()
    monkeypatch.setattr(engine, "apply_edits", _dropping_one_more)
    monkeypatch.setattr(runner, "verify", lambda old, new, steps: None)
    cli.main(["check", "--fix", "--no-cache", "--jobs", "1", str(page)])
    assert page.read_bytes() != before


def test_the_guard_rejects_edits_that_overlap_or_leave_the_text():
    with pytest.raises(FixGuardError) as e:
        replay("甲乙丙丁", [[("AAA001", Edit(0, 2)), ("BBB002", Edit(1, 3))]])
    assert e.value.rules == ["AAA001", "BBB002"]
    with pytest.raises(FixGuardError):
        replay("甲乙", [[("AAA001", Edit(1, 5))]])


def test_the_guard_finds_a_han_character_lost_outside_the_edits():
    assert lost_han("甲乙丙丁", "甲丙丁", [0, 1, 2, 3]) == 1
    assert lost_han("甲乙丙丁", "甲丙丁", [0, 2, 3]) is None  # 乙 was covered by an edit
    assert lost_han("甲乙丙", "乙甲丙", [0, 1, 2]) == 1  # order counts
    assert lost_han("甲𠮷丙", "甲丙", [0, 1, 2]) == 1  # outside the BMP too
    with pytest.raises(FixGuardError, match="differs from what the declared edits make"):
        verify("甲乙丙", "甲丙", [[("X", Edit(0, 0, "a"))]])


BODY = "标题\n\n　　围绕产业转型升级，推动高质量发 展，着眼全局抓重点。\n"
FIXED = BODY.replace("发 展", "发展")


# -- writes: atomic, interrupted, concurrent -----------------------------------------------------


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_files_of_a_killed_run_are_removed_by_the_next_fix_run(raw_seeds):
    stale = raw_seeds / f".{SEED_000}.{_dead_pid()}.abcd1234{TEMP_SUFFIX}"
    stale.write_bytes(b"half a page")
    live = raw_seeds / f".{SEED_002}.{os.getpid()}.abcd1234{TEMP_SUFFIX}"  # a run still going
    live.write_bytes(b"being written")
    proc = run("check", "--fix", "--no-cache", str(raw_seeds))
    assert proc.returncode in (0, 1), proc.stderr
    assert not stale.exists()
    assert live.exists()


def _fix_run(folder: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lint", "check", "--fix", "--unsafe-fixes", "--exit-zero", "-q",
                             "--cache-dir", str(cache), "--jobs", "2", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture
def backlog(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """24 pages (the raw seeds cut in parts) and what a fix run makes of each."""
    folder = tmp_path / "backlog"
    folder.mkdir()
    n = 0
    for name in (SEED_000, SEED_002):
        blocks = raw_text(name).split("\n\n")
        for i in range(0, len(blocks), 6):
            (folder / f"p{n:02d}.txt").write_text("\n\n".join(blocks[i:i + 8]) + "\n", encoding="utf-8")
            n += 1
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    fixed_copy = tmp_path / "fixed"
    shutil.copytree(folder, fixed_copy)
    assert _fix_run(fixed_copy, tmp_path / "cache-a").wait(timeout=300) == 0
    after = {p.name: p.read_bytes() for p in fixed_copy.iterdir()}
    assert sum(after[k] != before[k] for k in before) >= len(before) // 2
    return folder, before, after


def test_a_killed_fix_run_leaves_every_page_as_it_was_or_as_fixed(backlog, tmp_path):
    folder, before, after = backlog
    rng = __import__("random").Random(9)
    for i in range(6):
        work = tmp_path / f"kill{i}"
        shutil.copytree(folder, work)
        proc = _fix_run(work, tmp_path / "cache-b")
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for p in work.iterdir():
            if p.name.endswith(TEMP_SUFFIX):
                continue
            assert p.read_bytes() in (before[p.name], after[p.name]), f"iteration {i}: {p.name} is partial"
        assert _fix_run(work, tmp_path / "cache-b").wait(timeout=300) == 0  # the next run finishes the job
        assert {p.name: p.read_bytes() for p in work.iterdir()} == after  # and leaves no temporary file


def test_two_fix_runs_at_once_do_not_corrupt_pages(backlog, tmp_path):
    folder, before, after = backlog
    runs = [_fix_run(folder, tmp_path / "cache-c"), _fix_run(folder, tmp_path / "cache-d")]
    errs = [p.communicate(timeout=300)[1].decode() for p in runs]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == after
    for p, err in zip(runs, errs):
        assert p.returncode in (0, 2), err  # 2: a page the other run fixed first was left to it
        assert "Traceback" not in err


def test_a_page_that_changed_while_being_checked_is_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲乙 丙\n", encoding="utf-8")
    page = read_page(path)
    path.write_text("编辑刚改过的文字\n", encoding="utf-8")  # an editor saved meanwhile
    with pytest.raises(PageChanged, match="changed on disk"):
        write_page(page, "甲乙丙\n")
    assert path.read_text(encoding="utf-8") == "编辑刚改过的文字\n"


def test_a_read_only_page_is_fixed_and_stays_read_only(raw_seeds):
    """A copy of read-only pages (cp keeps the mode) is fixed as `sed -i` would: the page is
    replaced whole and keeps its mode."""
    page = raw_seeds / SEED_000
    before = page.read_bytes()
    page.chmod(0o444)
    proc = run("check", "--fix", "--no-cache", str(page))
    assert proc.returncode in (0, 1), proc.stderr
    assert page.read_bytes() != before
    assert page.stat().st_mode & 0o777 == 0o444


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_page_in_a_read_only_folder_is_reported_and_left_alone(raw_seeds):
    page = raw_seeds / SEED_000
    before = page.read_bytes()
    raw_seeds.chmod(0o555)
    try:
        proc = run("check", "--fix", "--no-cache", str(page))
    finally:
        raw_seeds.chmod(0o755)
    assert proc.returncode == 2
    assert "cannot write: Permission denied; the page is unchanged" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert page.read_bytes() == before


def test_fixing_through_a_symbolic_link_keeps_the_link(tmp_path):
    target = tmp_path / "store" / "a.txt"
    target.parent.mkdir()
    target.write_text(BODY, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    proc = run("check", "--fix", "--no-cache", str(link))
    assert proc.returncode in (0, 1), proc.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_links_out_of_a_folder_are_skipped_unless_asked(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(BODY, encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "in.txt").write_text("新闻\n", encoding="utf-8")
    (pages / "out.txt").symlink_to(outside)
    (pages / "loop.txt").symlink_to(pages / "loop.txt")
    proc = run("check", "--fix", "--no-cache", str(pages))
    assert "out.txt: skipped: a symbolic link out of" in proc.stderr
    assert outside.read_text(encoding="utf-8") == BODY
    assert "Traceback" not in proc.stderr
    run("check", "--fix", "--no-cache", "--follow-symlinks", str(pages))
    assert outside.read_text(encoding="utf-8") == FIXED and (pages / "out.txt").is_symlink()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_an_error_and_the_rest_is_checked(tmp_path):
    pages = tmp_path / "pages"
    (pages / "locked").mkdir(parents=True)
    (pages / "a.txt").write_text("新 闻\n", encoding="utf-8")
    (pages / "locked").chmod(0)
    try:
        proc = run("check", "--no-cache", str(pages))
    finally:
        (pages / "locked").chmod(0o755)
    assert proc.returncode == 2
    assert "cannot read folder" in proc.stderr and "a.txt" in proc.stdout


# -- one rule's crash is not the run's crash ----------------------------------------------------


def test_a_crashing_rule_is_an_internal_error_and_the_rest_still_runs(raw_seeds, monkeypatch, capsys):
    from lint.registry import builtin_rules

    def boom(self, doc):
        raise RuntimeError("injected")

    monkeypatch.setattr(builtin_rules()["SPC007"], "check", boom)
    code = cli.main(["check", "--no-cache", "--jobs", "1", "--format", "json", str(raw_seeds)])
    out = capsys.readouterr()
    assert code == 2
    assert out.err.count("internal error in SPC007") == 2  # both pages named
    found = __import__("json").loads(out.out)
    assert {f["path"] for f in found} == {str(raw_seeds / SEED_000), str(raw_seeds / SEED_002)}
    assert "SPC007" not in {f["rule"] for f in found} and "DUP001" in {f["rule"] for f in found}


def test_a_crash_outside_the_rules_spares_the_other_pages(raw_seeds, monkeypatch, capsys):
    real = runner.process_page

    def crash_on_002(page, name, *args, **kwargs):
        if name.endswith(SEED_002):
            raise MemoryError("injected")
        return real(page, name, *args, **kwargs)

    monkeypatch.setattr(runner, "process_page", crash_on_002)
    code = cli.main(["check", "--no-cache", "--jobs", "1", str(raw_seeds)])
    out = capsys.readouterr()
    assert code == 2
    assert f"internal error while checking {raw_seeds / SEED_002}" in out.err
    assert SEED_000 in out.out


def test_write_errors_name_the_page(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲\n", encoding="utf-8")
    page = read_page(path)
    page.encoding = "ascii"
    with pytest.raises(PageError, match="ASCII cannot encode"):
        write_page(page, "乙\n")
    assert path.read_text(encoding="utf-8") == "甲\n"


def _save_during_the_write(monkeypatch, path: Path, saved: str, atomically: bool) -> None:
    """An editor saves the page at the last moment before the fixed page replaces it: when the
    temporary file gets the page's mode (the step before the replacement)."""
    real_chmod = os.chmod
    done = []

    def chmod(target, mode, *args, **kwargs):
        real_chmod(target, mode, *args, **kwargs)
        if str(target).endswith(TEMP_SUFFIX) and not done:
            done.append(1)
            if atomically:  # write a file of its own and rename it over the page
                other = path.with_name("editor-save.tmp")
                other.write_text(saved, encoding="utf-8")
                os.replace(other, path)
            else:  # truncate the page and write it again
                path.write_text(saved, encoding="utf-8")

    monkeypatch.setattr(os, "chmod", chmod)


@pytest.mark.parametrize("atomically", [False, True])
def test_a_save_at_the_last_moment_of_a_fix_is_never_lost(tmp_path, monkeypatch, atomically):
    path = tmp_path / "a.txt"
    path.write_text("甲乙 丙\n", encoding="utf-8")
    page = read_page(path)
    _save_during_the_write(monkeypatch, path, "编辑刚保存的文字\n", atomically)
    with pytest.raises(PageChanged, match="changed on disk"):
        write_page(page, "甲乙丙\n")
    assert path.read_text(encoding="utf-8") == "编辑刚保存的文字\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_a_page_with_hard_links_is_not_split(tmp_path):
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text("甲乙 丙。\n", encoding="utf-8")
    os.link(path, other)
    proc = run("check", "--fix", "--no-cache", str(path))
    assert proc.returncode == 2 and "hard links" in proc.stderr + proc.stdout
    assert path.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == "甲乙 丙。\n"
    assert path.stat().st_ino == other.stat().st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_fix_run_as_root_keeps_the_pages_owner_and_group(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲乙 丙。\n", encoding="utf-8")
    os.chown(path, 4321, 4322)
    page = read_page(path)
    write_page(page, "甲乙丙。\n")
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (4321, 4322) and path.read_text(encoding="utf-8") == "甲乙丙。\n"


def test_a_fix_keeps_the_pages_extended_attributes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲乙 丙。\n", encoding="utf-8")
    try:
        os.setxattr(path, "user.archive-id", b"rmrb-2019-10-24-01")
    except (OSError, AttributeError):
        pytest.skip("no user extended attributes on this file system")
    write_page(read_page(path), "甲乙丙。\n")
    assert os.getxattr(path, "user.archive-id") == b"rmrb-2019-10-24-01"


def test_a_page_another_run_fixed_the_same_way_meanwhile_is_no_conflict(tmp_path, monkeypatch):
    """A killed run's worker may finish its pages after the run is gone: the same fix written
    meanwhile loses nobody's save, and the run that finds it says nothing."""
    path = tmp_path / "a.txt"
    path.write_text("甲乙 丙\n", encoding="utf-8")
    page = read_page(path)
    _save_during_the_write(monkeypatch, path, "甲乙丙\n", atomically=True)
    write_page(page, "甲乙丙\n")
    assert path.read_text(encoding="utf-8") == "甲乙丙\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
