"""The rules' patterns compile with `re` where it reads them as `regex` does, and find the same."""
from __future__ import annotations

import gc
import os
import re
import subprocess
import sys

import pytest
import regex

from lint.config import load_config
from lint.document import Document
from lint import patterns
from lint.patterns import LazyPattern, lazy, spell_properties

from .conftest import RAW, ROOT, SEED_000, SEED_002

# text that wakes most patterns: raw seed pages (damage included) and odd corners
SAMPLES = [
    *(p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))),
    *((ROOT / "seeds" / name).read_text(encoding="utf-8") for name in (SEED_000, SEED_002)),
    "新华社北京5月21日电（记者 王 明）  国务院副总理胡春华说，ＧＤＰ增长6.1%，www.gov.cn 。",
    "⺀⻳〇々〡〩〸〻\U00020000𪜀\U00031350 康熙字典⼀⼁ 测试 test_123 ①②Ⅻ ＡＢ１２ 锟斤拷烫烫烫\ufffd",
    "“引号”「括号」（圆括号）《书名》……——·・‧ 催催人奋进 哈哈哈 人人\n\n\u3000\u3000段落\r\n",
]


def _every_builtin_pattern():
    """Run the default pack over the samples so that every pattern the rules build is made."""
    config = load_config(None)
    for text in SAMPLES:
        doc = Document(text, config.layout, "sample.txt", None)
        for rule in config.rules_for(None):
            if not rule.uses_corpus:
                list(rule.check(doc))
    return [p for p in gc.get_objects() if isinstance(p, LazyPattern) and "compiled" in p.__dict__]


def _matches(compiled, text):
    return [(m.span(), m.groups()) for m in compiled.finditer(text)]


def test_the_patterns_re_compiles_find_what_regex_finds():
    built = _every_builtin_pattern()
    assert {p.engine for p in built} == {"re"}  # a page check never imports regex
    assert len(built) >= 40
    for p in built:
        pattern, flags = p._source
        names = str(flags or "")
        theirs = regex.compile(pattern, sum(getattr(regex, f.strip()) for f in names.split("|") if f.strip()))
        for text in SAMPLES:
            subject = text.encode("utf-8") if isinstance(pattern, bytes) else text
            assert _matches(p, subject) == _matches(theirs, subject), (p, text[:40])


@pytest.mark.parametrize("source", [r"(?r)abc", r"(?<=a|bc)d", r"[[a-z]--[aeiou]]", r"[^\P{Han}]", r"\X"])
def test_what_re_reads_otherwise_goes_to_regex(source):
    assert lazy(source).engine == "regex"


@pytest.mark.parametrize("source", [r"[\u3000-\u303f]", "[，。、]+", "习近平|李强", rb"[\xe4-\xe9][\x80-\xbf]",
                                    r"[\p{L}\p{N}]", r"\p{Han}+", r"\P{Han}", r"[\u4e00-\u9fff]+", "[一-龥]"])
def test_the_others_go_to_re(source):
    assert lazy(source).engine == "re"


def test_a_property_ignoring_case_goes_to_regex():
    assert lazy(r"\p{Han}", "IGNORECASE").engine == "regex"


@pytest.mark.parametrize("source", [r"\p{Han}", r"\P{Han}", r"[\p{L}\p{N}，]", r"[^\p{Han}a]", r"[]\p{Han}]",
                                    r"\\p{Han}"])
def test_properties_spelled_out_hold_the_code_points_regex_gives(source):
    spelled = re.compile(spell_properties(source))
    theirs = regex.compile(source)
    corners = "".join(map(chr, [0x3005, 0x3007, 0x3021, 0x303B, 0x2E80, 0x2FD5, 0x4DBF, 0x4E00, 0x9FFF,
                                0xF900, 0x20000, 0x2A6DF, 0x31350, 0x323AF, 0x323B0, 0x10FFFF]))
    for text in [*SAMPLES, corners, "]p{Han}\\p{Han}"]:
        assert _matches(spelled, text) == _matches(theirs, text), source


def test_the_alternations_built_from_sets_read_the_same_in_every_process():
    """A pattern built from a set in hash order would differ from run to run and never be found
    among the kept programs."""
    script = ("from lint.prose import names as _finder; from lint.config import load_config; "
              "layout = load_config(None).layout; "
              "print(_finder.VERB_RE.pattern, _finder._TITLE_RE.pattern, layout.credit_whole.pattern, "
              "layout.dateline.pattern)")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(seen) == 1


def test_names_of_flags_reach_re():
    p = lazy(r"""^ [甲乙] # a comment
                 """, "MULTILINE|VERBOSE")
    assert p.engine == "re"
    assert [m.start() for m in p.finditer("甲\nb\n乙")] == [0, 4]


@pytest.fixture
def programs_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterns._programs.cache_clear()
    yield tmp_path
    patterns._programs.cache_clear()


def test_a_program_kept_by_one_run_serves_the_next_without_compiling(programs_home, monkeypatch):
    assert lazy(r"(\p{Han})\1").engine == "re"
    patterns._programs().write()  # what the run does as it ends
    patterns._programs.cache_clear()

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(patterns, "re_program", no_compiling)
    doubled = lazy(r"(\p{Han})\1")
    assert doubled.engine == "re"
    assert [m.group() for m in doubled.finditer("新任程催催人奋进aa")] == ["催催"]


def test_a_damaged_file_of_programs_is_read_as_empty(programs_home):
    assert lazy(r"\p{Han}+").engine == "re"
    patterns._programs().write()
    path = patterns._programs().path
    data = bytearray(path.read_bytes())
    for at in (len(data) // 2, 2):  # a byte of a program, then the check sum itself
        damaged = data.copy()
        damaged[at] ^= 0x01
        path.write_bytes(bytes(damaged))
        assert patterns._Programs(path).kept == {}
    path.write_bytes(b"\x00garbage")
    patterns._programs.cache_clear()
    assert lazy(r"\p{Han}+").findall("ab汉字c") == ["汉字"]


def test_a_program_this_python_refuses_is_compiled_again(programs_home):
    key = (r"\p{Han}+", 0)
    patterns._programs().kept[key] = (r"\p{Han}+", 32, b"\xff\x00\x00\x00" * 3, 0, {}, (None,))
    assert lazy(r"\p{Han}+").findall("ab汉字c") == ["汉字"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers only where fork exists")
def test_a_program_compiled_in_a_forked_worker_is_kept(programs_home):
    """Pool workers leave by os._exit, past atexit: what one compiles must be written at once,
    or every parallel run compiles it again (90 MB at a moment for a property, before)."""
    patterns._programs()  # read in the parent, as a run does before forking
    pid = os.fork()
    if pid == 0:
        try:
            lazy(r"\p{Han}{2}").search("汉字")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert (r"\p{Han}{2}", 0) in patterns._Programs(patterns._programs().path).kept


def test_every_character_is_every_code_point_in_order():
    text = patterns._every_character()
    assert len(text) == sys.maxunicode + 1
    corners = [0, 0x4E00, 0xD800, 0xDFFF, sys.maxunicode]  # surrogates included: regex reads them too
    assert [ord(text[i]) for i in corners] == corners
