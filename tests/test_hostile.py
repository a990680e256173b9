"""Hostile input (issue 9): whatever a page holds, newslint answers with findings or a clear
message, never a traceback, and a fix run keeps what it does not fix byte for byte (line ends
included). docs/reliability.md tabulates these cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import load_config
from lint.document import Document
from lint.engine import Linter
from lint.guard import verify

from .conftest import run

BODY = "　　围绕产业转型升级，推动高质量发 展，着眼全局抓重点。"
FIXED = BODY.replace("发 展", "发展")

# name -> (bytes of the page, exit codes allowed for `check`, text expected on stderr or None)
CASES: dict[str, tuple[bytes, set[int], str | None]] = {
    "empty": (b"", {0}, None),
    "only-whitespace": (" \t\u3000\n\n  \n".encode(), {0, 1}, None),
    "only-line-ends": (b"\n\n\n\r\n\r", {0, 1}, None),
    "nul-bytes": ("新闻\x00稿件\n".encode(), {2}, "contains NUL bytes"),  # the only file: no page checked
    "invalid-utf8": (b"\xe6\x96\xb0\xff\xfe\n", {2}, "not valid UTF-8 (byte 0xff at offset 3)"),
    "lone-surrogate": (b"\xe6\x96\xb0\xed\xa0\x80\n", {2}, "not valid UTF-8"),
    "truncated-sequence": (b"\xe6\x96\xb0\xe9\x97", {2}, "not valid UTF-8"),
    "gbk-bytes": ("标题\n\n　　新闻稿件。\n".encode("gbk"), {2}, "--encoding gb18030"),
    "utf-16-with-bom": ("标题\n\n　　新闻稿件。\n".encode("utf-16"), {2}, "--encoding utf-16"),
    "utf-16-without-bom": ("标题\n\n　　新闻稿件第2条。\n".encode("utf-16-le"), {2}, "--encoding utf-16"),
    "utf-32-with-bom": ("标题\n\n　　新闻稿件。\n".encode("utf-32"), {2}, "--encoding utf-32"),
    "bom-at-start": (("\ufeff标题\n\n" + BODY + "\n").encode(), {1}, None),
    "bom-in-the-middle": (("标题\n\n" + BODY[:8] + "\ufeff" + BODY[8:] + "\n").encode(), {1}, None),
    "line-separators": (("标题\u2028副题\n\n" + BODY + "\u2029\n").encode(), {1}, None),
    "rtl-marks": (("标题\n\n\u202e" + BODY + "\u200f\u202c\n").encode(), {1}, None),
    "combining": (("标题\n\n" + BODY + "e\u0301\u0301\u0301\n").encode(), {1}, None),
    "outside-the-bmp": (("标题\n\n　　𠮷野家 发展𠮷𠮷，𩸽鱼。" + BODY + "\n").encode(), {1}, None),
    "one-long-line": (("　　" + "新闻发布会现场气氛热烈，" * 20000 + "\n").encode(), {0, 1}, None),
    "control-characters": (("标题\x07\x1b[31m\n\n" + BODY + "\x0c\n").encode(), {1}, None),
    "private-use": (("标题\ue000\U000f0000\n\n" + BODY + "\n").encode(), {1}, None),
    "noncharacters": (("标题\ufffe\uffff\n\n" + BODY + "\n").encode(), {1}, None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_page_is_checked_and_fixed_without_a_traceback(name, tmp_path):
    data, codes, expected = CASES[name]
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    for fmt in ("text", "json", "sarif"):
        proc = run("check", "--no-cache", "--format", fmt, str(page), cwd=tmp_path)
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode in codes, (fmt, proc.returncode, proc.stderr)
        if expected:
            assert expected in proc.stderr
    proc = run("check", "--fix", "--unsafe-fixes", "--no-cache", str(page), cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in codes | {0}
    if 2 in codes or "NUL" in (expected or ""):
        assert page.read_bytes() == data  # a page newslint cannot read is never written


def test_a_fix_keeps_each_line_end_as_it_was(tmp_path):
    page = tmp_path / "mixed.txt"
    raw = ("标题\r\n\r\n" + BODY + "\n\n" + BODY + "\r\r" + "　　结尾。\r\n").encode()
    page.write_bytes(raw)
    proc = run("check", "--fix", "--no-cache", str(page), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    fixed = ("标题\r\n\r\n" + FIXED + "\n\n" + FIXED + "\r\r" + "　　结尾。\r\n").encode()
    assert page.read_bytes() == fixed


def test_a_fix_through_standard_input_keeps_the_line_ends(tmp_path):
    raw = ("标题\r\n\r\n" + BODY + "\r\n").encode()
    proc = run("check", "--fix", "-", cwd=tmp_path, stdin=raw)
    assert proc.stdout == "标题\r\n\r\n" + FIXED + "\r\n"


def test_a_file_far_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "year.txt"
    with open(big, "wb") as f:  # 200 MB on one line, sparse: no disk used
        f.truncate(200_000_000)
    proc = run("check", "--fix", "--no-cache", str(big), cwd=tmp_path)
    assert proc.returncode == 2
    assert "200.0 MB, over the limit of 64 MB" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("text", [
    "\ud800新闻\udfff", "甲\ud83d", "\U0002000b\u0301" * 3, "\u2028\u2029\u0085\x1c\x1d\x1e", "　　" + "测" * 3,
    "\r\n\r", "\ufeff" * 5, "\n" * 50, "、。，" * 100, "“" * 30 + "”",
])
def test_strange_strings_through_the_library(text):
    """The library takes any str, lone surrogates included (a caller may have decoded with
    surrogateescape): findings lie inside the text and fixes pass the guard."""
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    result = linter.check(text)
    assert not result.failures, result.failures
    doc = Document(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        doc.position(f.start)
    fixed = linter.fix(text, unsafe=True)
    assert not fixed.failures
    verify(text, fixed.text, fixed.steps)


def test_output_of_a_finding_on_unprintable_text_is_escaped(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(("标题\n\n" + BODY[:6] + "\x1b[2J " + BODY[6:] + "\n").encode())
    proc = run("check", "--no-cache", str(page), cwd=tmp_path)
    assert "\x1b" not in proc.stdout  # a page cannot drive the terminal
    assert "Traceback" not in proc.stderr


def test_a_directory_named_like_a_page_and_a_missing_path(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    proc = run("check", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert proc.returncode == 2 and "no such file or directory" in proc.stderr
    proc = run("check", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2 and "no pages found" in proc.stderr and "Traceback" not in proc.stderr


def test_pages_that_are_not_files(tmp_path):
    fifo = tmp_path / "pipe.txt"
    try:
        import os
        os.mkfifo(fifo)
    except (AttributeError, OSError):
        pytest.skip("no named pipes here")
    proc = run("check", str(tmp_path), cwd=tmp_path)
    assert "Traceback" not in proc.stderr
    assert Path(fifo).exists()


_COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
LONG_LINES = {  # a 200,000-character line of each kind (issue 34: the list pattern was quadratic)
    "han": lambda rng: "".join(rng.choice(_COMMON) for _ in range(200_000)),
    "digits": lambda rng: "".join(rng.choice("0123456789") for _ in range(200_000)),
    "latin": lambda rng: "".join(rng.choice("abcdefghij klmnop") for _ in range(200_000)),
    "enumeration-commas": lambda rng: ("王某、" * 66_667)[:200_000],
    "quotes": lambda rng: ("“甲”" * 66_667)[:200_000],
}


@pytest.mark.parametrize("kind", sorted(LONG_LINES))
def test_a_line_of_200000_characters_of_any_kind_is_checked(kind, tmp_path):
    """Linear in the line's length (python -m bench lines shows the time per character): a
    quadratic pattern would take hours here, and the generous limit turns a hang into a failure."""
    import random
    import subprocess
    import sys

    page = tmp_path / "page.txt"
    page.write_text("　　" + LONG_LINES[kind](random.Random(1)) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "--format", "json", str(page)],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, timeout=300)
    assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr


def test_file_names_of_any_bytes_are_printed_safely_in_every_format(tmp_path):
    """A name that is no UTF-8 and a name holding a line end (which could forge a finding's line
    in the text output) are escaped: valid JSON and SARIF, an HTML report, no forged line."""
    import json
    import os

    folder = tmp_path / "pages"
    folder.mkdir()
    page = "　　推动高质量发展 。\n".encode()
    (folder / os.fsdecode(b"\xff\xfe.txt")).write_bytes(page)
    (folder / "y.txt\nz.txt:1:1: SPC999 [error] forged.txt").write_bytes(page)
    text = run("check", "--no-cache", str(folder), cwd=tmp_path)
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert not any(line.startswith("z.txt") for line in text.stdout.splitlines())
    assert "\\xff\\xfe.txt:1:" in text.stdout and "y.txt\\nz.txt" in text.stdout
    for fmt in ("json", "sarif"):
        proc = run("check", "--no-cache", "--format", fmt, str(folder), cwd=tmp_path)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        json.loads(proc.stdout)
    report = tmp_path / "r.html"
    proc = run("report", "--no-cache", "-o", str(report), str(folder), cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr and "\\xff\\xfe.txt" in report.read_text("utf-8")
