"""The rules' patterns compile with `re` where it reads them as `regex` does, and find the same."""
from __future__ import annotations

import gc

import pytest
import regex

from lint.config import load_config
from lint.document import Document
from lint.patterns import LazyPattern, lazy

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
    patterns = _every_builtin_pattern()
    by_re = [p for p in patterns if p.engine == "re"]
    assert len(by_re) >= 15  # the alternations of names, titles, verbs…
    for p in by_re:
        pattern, flags = p._source
        names = str(flags or "")
        theirs = regex.compile(pattern, sum(getattr(regex, f.strip()) for f in names.split("|") if f.strip()))
        for text in SAMPLES:
            subject = text.encode("utf-8") if isinstance(pattern, bytes) else text
            assert _matches(p, subject) == _matches(theirs, subject), (p, text[:40])


@pytest.mark.parametrize("source", [r"[\p{L}\p{N}]", r"(?r)abc", r"(?<=a|bc)d", r"[[a-z]--[aeiou]]",
                                    r"[\u4e00-\u9fff]+", "[一-龥]", r"x[^\u3000-\u33ff]"])
def test_what_re_reads_otherwise_or_slowly_goes_to_regex(source):
    assert lazy(source).engine == "regex"


@pytest.mark.parametrize("source", [r"[\u3000-\u303f]", "[，。、]+", "习近平|李强", rb"[\xe4-\xe9][\x80-\xbf]"])
def test_the_others_go_to_re(source):
    assert lazy(source).engine == "re"


def test_names_of_flags_reach_re():
    p = lazy(r"""^ [甲乙] # a comment
                 """, "MULTILINE|VERBOSE")
    assert p.engine == "re"
    assert [m.start() for m in p.finditer("甲\nb\n乙")] == [0, 4]
