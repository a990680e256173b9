"""Files far larger than a page: checked a section at a time (bounded memory), refused above the
size limit with exit 2, never an out-of-memory crash."""
from __future__ import annotations

import os

import pytest

import lint.engine
from lint.config import load_config
from lint.engine import Linter, sections
from lint.finding import Severity
from lint.parallel import can_fork
from lint.resultcache import ResultCache
from lint.rule import Rule

from .conftest import run

PARA = "　　围绕产业转型升级，推动高质量发展，着眼全局抓重点，全市经济稳中有进。\n"


def test_sections_cut_single_blank_lines():
    text = "".join(f"标题{n}\n\n{PARA * 3}\n" for n in range(40))
    cuts = sections(text, 300)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(text[end - 2:end + 2] not in "\n\n\n\n" and text[end - 1:end + 1] == "\n\n"
               for _, end in cuts[:-1])  # in the middle of one blank line, never in a run of them
    assert all(end - start <= 300 for start, end in cuts)


def test_a_long_text_is_checked_in_sections_with_the_right_offsets(monkeypatch):
    damaged = PARA.replace("高质量发展", "高质量发 展")
    text = "".join(f"标题{n}\n\n{PARA * 3}\n" for n in range(30)) + f"标题末\n\n{damaged}"
    linter = Linter(load_config(None).with_cli(select=["spacing", "punctuation"]).rules_for(None))
    whole = [(f.rule, f.start) for f in linter.check(text).findings]
    monkeypatch.setattr(lint.engine, "SECTION", 400)
    assert len(sections(text, 400)) > 5
    parts = [(f.rule, f.start) for f in linter.check(text).findings]
    assert ("SPC007", text.index("发 展") + 1) in parts
    assert parts == whole
    fixed = linter.fix(text).text
    assert fixed == text.replace("高质量发 展", "高质量发展")


def test_a_file_over_the_limit_is_refused_and_the_rest_still_checked(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a_page.txt").write_text("标题\n\n" + PARA.replace("高质量发展", "高质量发 展"), encoding="utf-8")
    (pages / "b_dump.txt").write_text(("标题\n\n" + PARA) * 30_000, encoding="utf-8")  # about 3.3 MB
    proc = run("check", "--no-cache", "--max-file-mb", "2", str(pages), cwd=tmp_path)
    assert proc.returncode == 2
    assert "b_dump.txt" in proc.stderr and "over the limit of 2 MB" in proc.stderr and "split it" in proc.stderr
    assert "SPC007" in proc.stdout  # the page under the limit was checked
    stdin = run("check", "--max-file-mb", "2", "-", cwd=tmp_path, stdin=(pages / "b_dump.txt").read_bytes())
    assert stdin.returncode == 2 and "over the limit" in stdin.stderr
    assert run("check", "--no-cache", "--exit-zero", "--max-file-mb", "0", str(pages / "b_dump.txt"),
               cwd=tmp_path).returncode == 0


class _Pids(Rule):
    """Flags every 乙 and names the process that found it."""

    code = "TST009"
    name = "pids"
    category = "typo"
    severity = Severity.WARNING

    def check(self, doc):
        for i, ch in enumerate(doc.text):
            if ch == "乙":
                yield self.finding(i, i + 1, f"pid {os.getpid()}")


@pytest.mark.skipif(not can_fork(), reason="parallel runs need fork")
def test_the_sections_of_one_long_text_are_spread_over_the_jobs(monkeypatch, tmp_path):
    text = "".join(f"标题{n}\n\n{PARA * 3}\n　　甲乙。\n\n" for n in range(30))
    monkeypatch.setattr(lint.engine, "SECTION", 400)
    serial = Linter([_Pids()]).check(text).findings
    linter = Linter([_Pids()], memo=ResultCache(tmp_path / "cache"))
    linter.jobs = 2
    spread = linter.check(text).findings
    assert [(f.start, f.end) for f in spread] == [(f.start, f.end) for f in serial]
    assert len(serial) == 30 and {f.message for f in serial} == {f"pid {os.getpid()}"}
    assert f"pid {os.getpid()}" not in {f.message for f in spread}  # found by the workers
    linter.memo.flush()  # what the workers found, written by this process
    again = Linter([_Pids()], memo=ResultCache(tmp_path / "cache"))
    assert [f.message for f in again.check(text).findings] == [f.message for f in spread]


@pytest.mark.skipif(not can_fork(), reason="parallel runs need fork")
def test_one_long_file_given_alone_uses_every_job(monkeypatch, tmp_path, capsys):
    from lint import cli, pagecache, parallel

    monkeypatch.setattr(pagecache, "_enabled", True)  # --no-cache turns it off for the process: restored after

    page = tmp_path / "year.txt"
    page.write_text("".join(f"标题{n}\n\n{PARA.replace('高质量发展', '高质量发 展')}\n" for n in range(40)),
                    encoding="utf-8")
    monkeypatch.setattr(lint.engine, "SECTION", 400)
    assert cli.main(["check", "--no-cache", "--jobs", "1", "--format", "json", str(page)]) == 1
    serial = capsys.readouterr().out
    calls = []
    real = parallel.map_ordered
    monkeypatch.setattr(parallel, "map_ordered", lambda work, count, jobs, *a: calls.append((count, jobs))
                        or real(work, count, jobs, *a))
    assert cli.main(["check", "--no-cache", "--jobs", "2", "--format", "json", str(page)]) == 1
    assert capsys.readouterr().out == serial and '"SPC007"' in serial
    assert calls and calls[-1][0] == len(sections(page.read_text(encoding="utf-8"), 400)) and calls[-1][1] == 2
