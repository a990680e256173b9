"""The cheap passes that spare FUR001, FUR002 and the open seams of BRK001 their costly work on
most lines never hide a finding: each rule finds with them what it finds without them, on the
seed pages, on damaged pages built from them and at the edges of each filter."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.chars import WHITESPACE
from lint.config import load_config
from lint.document import Document
from lint import layout as layout_module
from lint.layout import Kind, Layout
from lint.prose import columns
from lint.prose.sentences import ends_sentence
from lint.rules.broken import _seams, _wrap
from lint.rules.furniture import _lines, junk_line, running_head

from ..conftest import RAW, ROOT
from ..test_fuzz import pages, seed_paragraphs

SEED_PAGES = sorted(RAW.glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEED_PAGES]


def rule(code: str):
    return next(r for r in load_config(None).rules_for(None) if r.code == code)


def findings(code: str, text: str) -> list[tuple]:
    return [(f.start, f.end, f.message, f.fix) for f in rule(code).check(Document(text))]


def unfiltered(monkeypatch, module) -> None:
    """The rule as it read every line before the filters."""
    monkeypatch.setattr(module, "lines_with", lambda text, pattern: _lines.text_lines(text))
    if module is running_head:
        monkeypatch.setattr(running_head, "_two_kinds_of_part", lambda body: True)


def same_both_ways(monkeypatch, code: str, module, text: str) -> list[tuple]:
    filtered = findings(code, text)
    with monkeypatch.context() as m:
        unfiltered(m, module)
        assert findings(code, text) == filtered
    return filtered


# -- lines_with ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "", "\n", "a", "a\n", "\n\na", "x年\n\ny\n年年\n", "　　\n年\r\n 版 \r\n", "年", "末行年",
    "第一行\n第二行版\n第三行", "年\n\n\n", "\r\n年\r\n",
])
def test_lines_with_gives_what_text_lines_gives_of_the_lines_it_matches(text):
    pattern = running_head._MAY_HOLD_HEAD
    expected = [t for t in _lines.text_lines(text) if pattern.search(t[2])]
    assert list(_lines.lines_with(text, pattern)) == expected


def test_lines_with_gives_each_line_once_however_many_matches_it_holds():
    text = "2019年10月1日 星期二 第4版 第5版\n年年年\n"
    assert [t[3] for t in _lines.lines_with(text, running_head._MAY_HOLD_HEAD)] == [
        "2019年10月1日 星期二 第4版 第5版", "年年年"]


# -- FUR001 -------------------------------------------------------------------------------------


def test_every_character_a_junk_line_can_hold_passes_the_filter():
    """Junk is marks, Latin letters, digits of any script (\\d) and spaces: each of them passes."""
    may_be_junk = junk_line._MAY_BE_JUNK
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if c == "\n":
            continue
        if (c in junk_line.NOISE or c in WHITESPACE or junk_line._ONE_LETTER_RUN.match(c * 4)
                or junk_line._ONE_DIGIT_RUN.match(c * 4) or junk_line._SHORT_LATIN.match(c)):
            assert may_be_junk.fullmatch(c), f"U+{cp:04X}"


@pytest.mark.parametrize("text, junk", [
    ("　　美丽中国。\neeeeeeee", ["eeeeeeee"]),  # the page's last line, without a break
    ("eeeeeeee\n　　美丽中国。\n", ["eeeeeeee"]),  # its first
    ("　　美丽中国。\r\n|\r\n　　生态环境。\r\n", ["|"]),
    ("　　美丽中国。\n　 ',.　 \n", ["',."]),  # spaces around it
    ("　　美丽中国。\n丨\n", ["丨"]),  # a stroke that is a Han character
    ("　　美丽中国。\n１１１１\n٣٣٣٣\n", ["１１１１", "٣٣٣٣"]),  # digits of other scripts
    ("ER\nAI芯片\n", ["ER"]),
    ("　　美丽中国。e\neeee\n", ["eeee"]),  # junk after Han on the line before
    ("e\re\n", []),  # a carriage return inside the line: no junk
    ("eeee\r\r\n", ["eeee"]),
    ("　　美丽中国。\n\n\n", []),
])
def test_junk_lines_at_the_filters_edges(monkeypatch, text, junk):
    found = same_both_ways(monkeypatch, "FUR001", junk_line, text)
    assert [text[start:end].strip(WHITESPACE) for start, end, _, _ in found] == junk


# -- FUR002 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, heads", [
    ("人民日报 2019年10月1日 星期二 第4版", ["人民日报 2019年10月1日 星期二 第4版"]),  # no break after it
    ("2019年10月1日 星期二\n", ["2019年10月1日 星期二"]),  # a date and a weekday
    ("人民日报  第4版\n", ["人民日报  第4版"]),  # a paper and an edition
    ("周末报 第3版\n", ["周末报 第3版"]),  # a paper read as a weekday (周), and an edition
    ("１９６７年１月３１日星期二第二版\r\n", ["１９６７年１月３１日星期二第二版"]),
    ("星期二 人民日报\n", []),  # neither a date nor an edition
    ("第4版 要闻\n", []),  # an edition alone
    ("2019年10月 星期二\n", []),  # no day: no date
    ("　·3·　\n", ["·3·"]), ("－12－\n", ["－12－"]), ("— 3 —\n", ["— 3 —"]), ("第 3 版\n", ["第 3 版"]),
    ("\r·3·\n", []),  # not a folio's first character
    ("　　我们要1967年1月31日星期二第二版坚持学习。", ["1967年1月31日星期二第二版"]),
    ("　　我们要1967年1月31日星期二坚持学习。\n", []),  # no edition: not run together
])
def test_running_heads_at_the_filters_edges(monkeypatch, text, heads):
    found = same_both_ways(monkeypatch, "FUR002", running_head, text)
    assert [text[start:end].strip(WHITESPACE) for start, end, _, _ in found] == heads


# -- the seed pages and damaged pages built from them ---------------------------------------------


@pytest.mark.parametrize("module, code", [(junk_line, "FUR001"), (running_head, "FUR002")])
def test_the_seed_pages_find_the_same_with_and_without_the_filter(monkeypatch, module, code):
    for text in seed_texts():
        same_both_ways(monkeypatch, code, module, text)
        # every seed line made into junk and into furniture
        lines = text.split("\n")
        extra = ["eeee", "|", "·3·", "人民日报 2019年10月1日 星期二 第4版", "9999 ", " ER"]
        mixed = "\n".join(x for i, line in enumerate(lines) for x in (line, extra[i % len(extra)]))
        assert same_both_ways(monkeypatch, code, module, mixed)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(pages(seed_paragraphs()), st.lists(st.sampled_from(
    ["eeee", "|", "·3·", "- 12 -", "2019年10月1日 星期二", "１１１１", "ER", "人民日报 第4版", "\r"]), max_size=6),
    st.randoms(use_true_random=False))
def test_damaged_pages_find_the_same_with_and_without_the_filters(monkeypatch, text, extra, rnd):
    lines = text.split("\n")
    for line in extra:
        lines.insert(rnd.randint(0, len(lines)), line)
    text = "\n".join(lines)
    same_both_ways(monkeypatch, "FUR001", junk_line, text)
    same_both_ways(monkeypatch, "FUR002", running_head, text)


# -- BRK001's open seams --------------------------------------------------------------------------


def is_open_as_written_before(p) -> bool:
    """is_open reading the paragraph's kind first, as it did before the text went first."""
    if p.kind not in (Kind.BODY, Kind.HEADLINE):
        return False
    end = _seams.content_end(p)
    if any(s.kind == "jump" and s.end >= end for s in p.spans):
        return False
    tail = p.text.rstrip(WHITESPACE)
    if not tail or ends_sentence(tail) or tail[-1] in _seams._CLOSED:
        return False
    if tail[-1] in "”’" and p.kind is Kind.BODY:
        return any(c in "。！？!?" for c in tail[:-1])
    return bool(_seams._OPEN_END.search(tail))


EDGE_LINES = [
    "　　会议强调，要抓好落实（下转第二版）", "（上接第一版）", "　　他说：“我们做到了”", "　　会议指出。他说“保护伞”",
    "“保护伞”", "　　一是加强领导；", "　　会议强调要做好以下工作：", "新华社记者 李明摄", "　　2019年10月17日",
    "本报记者 郭宁", "　　今年以来，全省各地认真贯彻", "Ａ", "　　会议审议批", "。", "　", "",
]


def assert_is_open_unchanged(text: str) -> None:
    doc = Document(text)
    assert [_seams.is_open(p) for p in doc.paragraphs] == \
           [is_open_as_written_before(p) for p in Document(text).paragraphs]


def test_is_open_reads_as_before_on_the_seed_pages_and_at_its_edges():
    for text in seed_texts() + ["\n".join(EDGE_LINES), "\n\n".join(EDGE_LINES)]:
        assert_is_open_unchanged(text)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages(seed_paragraphs() + tuple(EDGE_LINES)))
def test_is_open_reads_as_before_on_damaged_pages(text):
    assert_is_open_unchanged(text)


def commonest_width_as_written_before(rounded: Counter) -> int:
    return max(range(_wrap.MIN_COLUMN, max(rounded) + 1), key=lambda c: rounded[c], default=0)


@given(st.lists(st.integers(0, 60), min_size=1, max_size=40))
def test_the_commonest_width_is_the_narrowest_of_the_commonest(widths):
    rounded = Counter(widths)
    assert _wrap.commonest_width(rounded) == commonest_width_as_written_before(rounded)


def test_the_commonest_width_on_a_tie_and_below_a_column():
    assert _wrap.commonest_width(Counter({12: 3, 17: 3, 30: 1})) == 12
    assert _wrap.commonest_width(Counter({5: 9, 17: 1})) == 17
    assert _wrap.commonest_width(Counter({5: 9, 9: 2})) == 0


def test_the_seed_pages_are_read():
    assert len(SEED_PAGES) >= 2 and all(Path(p).stat().st_size for p in SEED_PAGES)


# -- the page's classification, which BRK001 is the first to ask for ------------------------------


class LayoutAsWrittenBefore(Layout):
    """_is_label and _is_headline as they read before their shortcuts."""

    def _is_label(self, content: str) -> bool:
        if len(content) > 12:
            return False
        stripped = content.strip("—-·• \u3000\u00a0")
        return any(stripped.endswith(w) for w in self.labels)

    def _is_headline(self, content: str, limit: int) -> bool:
        if len(layout_module._RUBRIC.sub("", content)) > limit:
            return len(content) <= 200 and not any(c in content for c in "，。！？；,;")
        return super()._is_headline(content, limit)  # (the rubric removed or not, the rest reads the same)


RUBRIC_LINES = [
    "以担当诠释忠诚（守初心 担使命）", "以担当诠释忠诚（守初心 担使命）" * 4, "　　" + "会议强调要抓好落实" * 6 + "（完）",
    "会议强调要抓好落实" * 6 + "(完)", "会议强调要抓好落实" * 6 + "）", "会议强调要抓好落实" * 25 + "（下）", "（完）",
    "编者按", "—— 编者按 ——", "本版编辑", "图为", "短评", "召开会议 听取汇报 " * 8,
]


def kinds(layout: Layout, text: str) -> list[tuple]:
    return [(p.kind, p.spans) for p in Document(text, layout).paragraphs]


def assert_classified_as_before(text: str) -> None:
    vocab = Layout.default().vocab
    assert kinds(Layout(vocab), text) == kinds(LayoutAsWrittenBefore(vocab), text)


def test_paragraphs_are_classified_as_before_on_the_seed_pages_and_at_the_edges():
    for text in seed_texts() + ["\n".join(RUBRIC_LINES + EDGE_LINES), "\n\n".join(RUBRIC_LINES)]:
        assert_classified_as_before(text)
    # a long line ending in a rubric (the shortcut does not skip it) is display type if its rubric aside is short
    vocab = Layout.default().vocab
    long_rubric = "以担当诠释忠诚" + "（" + "守初心，担使命" * 10 + "）"  # (a comma: no long display line)
    assert kinds(Layout(vocab), long_rubric) == [(Kind.HEADLINE, ())]


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages(seed_paragraphs() + tuple(RUBRIC_LINES)))
def test_paragraphs_are_classified_as_before_on_damaged_pages(text):
    assert_classified_as_before(text)


def quote_across_as_written_before(tail: str, head: str) -> str:
    for opening, closing in _seams._QUOTES.items():
        depth = 0
        for c in tail:
            depth += (c == opening) - (c == closing and depth > 0)
        if depth > 0:
            close_at, open_at = head.find(closing), head.find(opening)
            if close_at != -1 and (open_at == -1 or close_at < open_at):
                return opening + closing
    return ""


QUOTE_TEXT = st.text(alphabet=st.sampled_from("“”《》（）()‘’一带路。，"), max_size=30)


@given(QUOTE_TEXT, QUOTE_TEXT)
def test_a_quotation_across_the_break_is_found_as_before(tail, head):
    assert _seams.quote_across(tail, head) == quote_across_as_written_before(tail, head)


@pytest.mark.parametrize("tail, head, pair", [
    ("会议强调，要推动“一带", "一路”建设。", "“”"), ("“一带”和“一", "路”", "“”"), ("“一带”", "一路”", ""),
    ("《人民", "日报》", "《》"), ("（一", "）", "（）"), ("(a", ")", "()"), ("“‘一", "带’”", "“”"), ("一带", "一路”", ""),
])
def test_a_quotation_across_the_break_at_its_edges(tail, head, pair):
    assert _seams.quote_across(tail, head) == quote_across_as_written_before(tail, head) == pair


@given(st.text(alphabet=st.sampled_from("。！？!?，、一”"), max_size=12))
def test_a_stop_inside_is_any_of_the_five(text):
    assert _seams._holds_a_stop(text) == any(c in "。！？!?" for c in text)


@given(st.text(alphabet=st.sampled_from("一a1，、“《（(。”’ \n\r"), max_size=8))
def test_an_open_end_is_found_where_a_search_of_the_whole_text_finds_it(tail):
    assert _seams._ends_open(tail) == bool(_seams._OPEN_END.search(tail))


# -- the runs of non-blank lines, read off the paragraphs -----------------------------------------


def runs_as_written_before(doc: Document) -> list[list]:
    """The runs as columns._find cut them before: every line tested for blankness."""
    runs, run = [], []
    for line in doc.lines + [None]:
        if line is None or line.is_blank:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(line)
    return runs


BLANKISH = ["", "　　", " \t", "\u2003", "\r", "\u200b", "\x0b"]  # blank, or not (\r, \u200b, \x0b are text here)


def assert_runs_unchanged(text: str) -> None:
    doc = Document(text)
    assert columns.line_runs(doc) == runs_as_written_before(Document(text))
    for p in doc.paragraphs:  # each paragraph a non-blank line, its indent its leading whitespace
        line = doc.lines[p.line - 1]
        assert not line.is_blank and p.text == line.text
        assert p.indent == len(p.text) - len(p.text.lstrip(WHITESPACE))
    assert len(doc.paragraphs) == sum(not line.is_blank for line in doc.lines)


def test_runs_of_lines_on_the_seed_pages_and_around_blank_looking_lines():
    for text in seed_texts():
        assert_runs_unchanged(text)
        assert_runs_unchanged("\n".join(x for i, line in enumerate(text.split("\n"))
                                        for x in (line, BLANKISH[i % len(BLANKISH)])))
    for text in ["", "\n", "a", "a\n\nb", "\n\n a\n\u3000\nb\n", "a\r\n\r\nb", "a\n\u200b\nb\n"]:
        assert_runs_unchanged(text)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages(seed_paragraphs() + tuple(BLANKISH)))
def test_runs_of_lines_on_damaged_pages(text):
    assert_runs_unchanged(text)
