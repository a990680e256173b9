"""The pre-filters of the character and mark rules: a cheap test that proves a page (or a
paragraph) cannot give a finding, before the costly work runs. Each is checked two ways: the
rule with its filter switched off finds exactly what it finds with it (on the seed pages, on
damaged pages from tests/test_fuzz.py's generator, and on pages made to sit at the filter's
edges); and the filter's own claim, tested directly where it rests on a table (TYP002's GBK
pairs)."""
from __future__ import annotations

import os
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Document
from tests.conftest import SEED_000, SEED_002, raw_text
from tests.test_fuzz import _damage, seed_paragraphs

EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "40"))
SEEDS = [raw_text(SEED_000), raw_text(SEED_002)]


def findings(rule, text: str) -> list:
    return [(f.start, f.end, f.message, f.fix) for f in rule.check(Document(text))]


def same_without_filter(monkeypatch, rule, module, filter_name: str, text: str, off=None) -> list:
    """The rule's findings on `text`, after asserting they are those it gives with the filter
    `module.filter_name` replaced by `off` (by default a test letting everything through)."""
    found = findings(rule, text)
    with monkeypatch.context() as m:
        m.setattr(module, filter_name, off or (lambda *args, **kwargs: True))
        assert findings(rule, text) == found
    return found


def sprinkled(text: str, marks: list[str], data) -> str:
    """`text` with each of `marks` put in at a place hypothesis draws."""
    for mark in marks:
        i = data.draw(st.integers(0, len(text)))
        text = text[:i] + mark + text[i:]
    return text


def misdecoded(text: str, codec: str, skip: int) -> str:
    """`text` as UTF-8 bytes (the first `skip` bytes lost) read back as `codec`."""
    return text.encode("utf-8")[skip:].decode(codec, errors="replace")


@st.composite
def damaged_pages(draw) -> str:
    """A page of seed paragraphs with OCR-like damage (tests/test_fuzz.py) and stretches of
    mojibake: UTF-8 read as GBK or as Windows-1252, from any byte of a character on."""
    chosen = draw(st.lists(st.sampled_from(seed_paragraphs()), min_size=1, max_size=8))
    text = "\n".join(chosen) + "\n"
    for _ in range(draw(st.integers(0, 6))):
        text = _damage(draw, text)
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        codec = draw(st.sampled_from(["gbk", "cp1252", "latin-1"]))
        text = text[:i] + misdecoded(text[i:j], codec, draw(st.integers(0, 2))) + text[j:]
    return text


FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class TestMojibake:
    from lint.rules.typo import mojibake as module

    @pytest.fixture(params=[3, 4, 2])
    def rule(self, request):
        from lint.rules.typo.mojibake import Mojibake

        return Mojibake(**{"min-chars": request.param})

    def test_the_pair_classes_hold_every_character_of_those_bytes(self):
        """Every character GBK writes as (lead, continuation) is in the pair's first class, every
        one it writes as (continuation, lead) in the second: the table is built by decoding, and
        a character encoded to bytes that decode to another would escape it."""
        pair = self.module._gbk_mojibake_pair().pattern
        first, second = pair[1:pair.index("]")], pair[pair.index("]") + 2:-1]
        lead, cont = set(self.module._LEAD), set(self.module._CONT)
        seen = 0
        for code in range(0x80, sys.maxunicode + 1):
            try:
                b = chr(code).encode("gbk")
            except UnicodeEncodeError:
                continue
            assert len(b) == 2  # every non-ASCII character GBK has is two bytes
            if b[0] in lead and b[1] in cont:
                assert chr(code) in first
                seen += 1
            if b[0] in cont and b[1] in lead:
                assert chr(code) in second
        assert seen > 300

    @pytest.mark.parametrize("words", ["发展经济", "全市经济稳中有进", "人民日报", "中国", "“新时代”"])
    @pytest.mark.parametrize("skip", [0, 1, 2])
    @pytest.mark.parametrize("where", ["start", "middle", "end"])
    def test_mojibake_at_the_edges_is_found_as_without_the_filter(self, monkeypatch, rule, words, skip, where):
        bad = misdecoded(words, "gbk", skip)
        text = {"start": bad + "稳中有进。\n", "middle": "　　全市" + bad + "稳中有进。\n",
                "end": "　　全市" + bad}[where]
        same_without_filter(monkeypatch, rule, self.module, "could_hold_gbk_mojibake", text)

    def test_the_filter_lets_through_every_page_with_gbk_mojibake(self, monkeypatch, rule):
        # three characters or more found, whatever byte the stretch starts on
        for skip in (0, 1, 2):
            text = "　　全市" + misdecoded("发展经济稳中有进", "gbk", skip) + "。\n"
            found = same_without_filter(monkeypatch, rule, self.module, "could_hold_gbk_mojibake", text)
            assert any("read as GBK" in message for _, _, message, _ in found), skip

    def test_the_filter_turns_clean_pages_away(self):
        assert not any(self.module.could_hold_gbk_mojibake(page, 3) for page in SEEDS)
        assert self.module.could_hold_gbk_mojibake("鍙戝睍", 3)  # 发展, UTF-8 read as GBK
        assert self.module.could_hold_gbk_mojibake("anything", 2)  # the filter needs three characters

    @pytest.mark.parametrize("text, found", [
        ("　　乱码锟斤拷锟斤拷了\n", ["锟斤拷锟斤拷"]), ("烫烫烫", ["烫烫烫"]), ("　　屯屯屯屯", ["屯屯屯屯"]),
        ("　　锟斤\n", []), ("\ufffd", ["\ufffd"]), ("　　坏字\ufffd\ufffd在这里\n", ["\ufffd\ufffd"]),
        ("　　" + misdecoded("发展经济", "latin-1", 0), [misdecoded("发展经济", "latin-1", 0)]),
        ("　　" + misdecoded("发展经济", "cp1252", 0), ["\ufffd", "\ufffd"]),  # bytes cp1252 lacks
        ("　　Café résumé naïve：法语词。\n", []),
    ])
    def test_lost_bytes_and_latin_runs(self, monkeypatch, rule, text, found):
        got = same_without_filter(monkeypatch, rule, self.module, "could_hold_gbk_mojibake", text)
        assert [text[start:end] for start, end, _, _ in got] == found

    def test_mojibake_cut_into_seed_paragraphs(self, monkeypatch, rule):
        gbk = 0
        for k, para in enumerate(seed_paragraphs()[:80]):
            i = k % 7
            for skip in (0, 1, 2):
                text = para[:i] + misdecoded(para[i:i + 3 + k % 5], "gbk", skip) + para[i + 3 + k % 5:] + "\n"
                found = same_without_filter(monkeypatch, rule, self.module, "could_hold_gbk_mojibake", text)
                gbk += any("read as GBK" in message for _, _, message, _ in found)
        assert gbk > 50  # the test has cases the filter must let through

    def test_seed_pages(self, monkeypatch, rule):
        for page in SEEDS:
            same_without_filter(monkeypatch, rule, self.module, "could_hold_gbk_mojibake", page)

    @FUZZ
    @given(damaged_pages())
    def test_damaged_pages(self, text):
        from lint.rules.typo.mojibake import Mojibake

        with pytest.MonkeyPatch.context() as m:
            same_without_filter(m, Mojibake(), self.module, "could_hold_gbk_mojibake", text)


EVERY_PARAGRAPH = re.compile(r"(?s).")  # a trigger pattern every paragraph holds: the filter off


def without_trigger(monkeypatch, rule, module, trigger: str, text: str) -> list:
    """The rule's findings on `text`, after asserting they are those it gives when its trigger
    pattern `module.trigger` lets every paragraph through."""
    return same_without_filter(monkeypatch, rule, module, trigger, text, EVERY_PARAGRAPH)


class TestHalfwidthPunctuation:
    from lint.rules.punctuation import halfwidth_punctuation as module

    @pytest.fixture(params=["mixed", "all"])
    def rule(self, request):
        from lint.rules.punctuation.halfwidth_punctuation import HalfwidthPunctuation

        return HalfwidthPunctuation(parentheses=request.param)

    @pytest.mark.parametrize("text, found", [
        ("记者了解到,今年全省经济稳中有进.", [",", "."]),  # first and last character of the page
        ("　　他说:“要抓好落实。”\n　　李克强强调.中国将坚定不移扩大开放。\n", [":", "."]),
        ("　　主题展馆(8号馆）今天开放。\n\n\n　　主题展馆（8号馆)今天开放。\n", ["(", ")"]),
        ("　　主题展馆（8号馆）今天开放。\n", []),  # full-width: no trigger, no finding
        ("　　增长3.5%，时间为8:00。\n（记者 王明,李强）\n", []),
        ("　　他们都是“奋斗者”,都具有奉献精神。\n", [","]),
        ("　　句末.\n", ["."]),  # the mark right before the line's end
    ])
    def test_edges(self, monkeypatch, rule, text, found):
        got = without_trigger(monkeypatch, rule, self.module, "_HALF_WIDTH_MARK", text)
        assert [text[start:end] for start, end, _, _ in got] == found

    def test_parentheses_all_flags_a_half_width_pair(self, monkeypatch, rule):
        text = "　　本报评论员(人民时评)指出。\n"
        got = without_trigger(monkeypatch, rule, self.module, "_HALF_WIDTH_MARK", text)
        assert len(got) == (2 if rule.settings["parentheses"] == "all" else 0)

    def test_seed_pages(self, monkeypatch, rule):
        for page in SEEDS:
            without_trigger(monkeypatch, rule, self.module, "_HALF_WIDTH_MARK", page)

    @FUZZ
    @given(damaged_pages())
    def test_damaged_pages(self, text):
        from lint.rules.punctuation.halfwidth_punctuation import HalfwidthPunctuation

        with pytest.MonkeyPatch.context() as m:
            without_trigger(m, HalfwidthPunctuation(), self.module, "_HALF_WIDTH_MARK", text)


class TestStrayMark:
    from lint.rules.punctuation import stray_mark as module

    @pytest.fixture
    def rule(self):
        from lint.rules.punctuation.stray_mark import StrayMark

        return StrayMark()

    @pytest.mark.parametrize("text, found", [
        ("　　这得益，_ 于亿万中国人民的奋斗。\n", ["_ "]),
        ("主席|出席", ["|"]),  # no line end, the mark mid-page
        ("　　国家主席| 出席会议。\n\n　　会议强调* 要抓好落实。\n　　甲~乙^丙`丁¦戊\n", ["| ", "* ", "~", "^", "`", "¦"]),
        ("　　会议强调要抓好落实。*\n　　*ST康得发布公告。\n　　比分为3|2。\n", []),  # a mark at a line's edge
        ("　　网友参与微博话题#共贺新中国成立70周年#讨论。\n", []),
    ])
    def test_edges(self, monkeypatch, rule, text, found):
        got = without_trigger(monkeypatch, rule, self.module, "_STROKE", text)
        assert [text[start:end] for start, end, _, _ in got] == found

    def test_seed_pages(self, monkeypatch, rule):
        for page in SEEDS:
            without_trigger(monkeypatch, rule, self.module, "_STROKE", page)

    @FUZZ
    @given(damaged_pages(), st.lists(st.sampled_from("_|~^`¦* \u3000"), max_size=6), st.data())
    def test_damaged_pages(self, text, marks, data):
        from lint.rules.punctuation.stray_mark import StrayMark

        text = sprinkled(text, marks, data)
        with pytest.MonkeyPatch.context() as m:
            without_trigger(m, StrayMark(), self.module, "_STROKE", text)


class TestEllipsisDashStyle:
    from lint.rules.punctuation import ellipsis_dash_style as module
    FILTERS = ("could_hold_ellipsis", "could_hold_dash", "could_hold_yiyi")

    @pytest.fixture(params=[{}, {"ellipsis": "…", "dash": "--"}])
    def rule(self, request):
        from lint.rules.punctuation.ellipsis_dash_style import EllipsisDashStyle

        return EllipsisDashStyle(**request.param)

    def same_without_filters(self, monkeypatch, rule, text: str) -> list:
        found = findings(rule, text)
        with monkeypatch.context() as m:
            for name in self.FILTERS:
                m.setattr(self.module, name, lambda text: True)
            assert findings(rule, text) == found
        return found

    @pytest.mark.parametrize("text, found", [
        ("　　他说：“我……我们...”\n", ["..."]),
        ("我们…", ["…"]), ("…", []), ("我们……", []), ("我们………", ["………"]), ("我们…………他们", ["…………"]), ("我们…………。", []),
        ("　　他说：“我……我们…”\n", ["…"]),  # a lone … beside a pair: the counts differ
        ("　　我们。。。他们．．．大家···\n", ["。。。", "．．．", "···"]),
        ("　　改革--这是关键。\n　　改革－－这是关键。\n　　改革──这是关键。\n", ["--", "－－", "──"]),
        ("改革--", ["--"]), ("--", []), ("　　改革———这是关键。\n", []),
        ("一一随着千万吨炼化项目落地，园区初具规模。\n", ["一一"]),
        ("奋力开创强国强军新征程 一一习近平主席视察火箭军\n", ["一一"]),
        ("　　习近平同大家一一握手。\n", []), ("　　网址是www.gov.cn，版本为1.2.3。\n", []),
    ])
    def test_edges(self, monkeypatch, rule, text, found):
        got = self.same_without_filters(monkeypatch, rule, text)
        house = {rule.settings["ellipsis"], rule.settings["dash"]}
        assert [text[start:end] for start, end, _, _ in got] == [s for s in found if s not in house]

    @pytest.mark.parametrize("runs", ["…", "……", "………", "…………", "……………"])
    def test_runs_of_every_length_on_one_page(self, monkeypatch, rule, runs):
        for other in ("…", "……", "………"):
            for text in (f"我们{runs}他们{other}大家\n", f"我们{runs}。他们{other}。\n", f"{runs}{other}"):
                self.same_without_filters(monkeypatch, rule, text)

    def test_seed_pages(self, monkeypatch, rule):
        for page in SEEDS:
            self.same_without_filters(monkeypatch, rule, page)

    @FUZZ
    @given(damaged_pages(), st.lists(st.sampled_from(["…", "……", "...", "一一", "--", "—", "。。", "。", "\n　　"]),
                                     max_size=8), st.data())
    def test_damaged_pages(self, text, marks, data):
        from lint.rules.punctuation.ellipsis_dash_style import EllipsisDashStyle

        text = sprinkled(text, marks, data)
        with pytest.MonkeyPatch.context() as m:
            self.same_without_filters(m, EllipsisDashStyle(), text)


class TestUnbalancedPair:
    from lint.rules.punctuation import unbalanced_pair as module

    @pytest.fixture(params=[{}, {"pairs": "“” 《》 ‘’"}, {"headlines": False}, {"pairs": "（） 【】"}])
    def rule(self, request):
        from lint.rules.punctuation.unbalanced_pair import UnbalancedPair

        return UnbalancedPair(**request.param)

    def every_paragraph_scanned(self, doc, paras, wanted, closers):
        return [self.module._scan(p.text, p.start, wanted, closers) for p in paras]

    def same_in_full(self, monkeypatch, rule, text: str) -> list:
        return same_without_filter(monkeypatch, rule, self.module, "_scan_paragraphs", text,
                                   self.every_paragraph_scanned)

    @pytest.mark.parametrize("text", [
        "”", "“", "“”", "　　该局要着力推进产业升级。”市工信局负责人介绍。\n",
        "　　《人民日报》评论员文章《奋进新征程，指出要坚定信心。\n",
        "　　“一要抓好落实。\n　　“二要加强监督。”\n", "　　他说：“老人告诉我：‘好。’”\n",
        "　　他说：“要抓好\n　　2月5日，会议闭幕。山西日报记者 刘通摄\n　　各项工作。”\n",
        "　　西安的英文名是Xi’an。\n", "　　西安的英文名是Xi’an，他说：“好。\n", "　　他说‘西安的英文名是Xi’an。\n", "　　’９８北京新年音乐会。”\n",
        "　　主题展馆(8号馆）开放。\n　　主题展馆（8号馆)开放(。\n", "　　正在建设中的“楹联一条街“在全国首屈一指。\n",
        "标题“一”\n\n　　正文《二》》\n\n（完）\n", "　　甲】乙【丙「丁」『戊』\n",
    ])
    def test_edges(self, monkeypatch, rule, text):
        self.same_in_full(monkeypatch, rule, text)

    def test_finds_on_unbalanced_paragraphs(self, monkeypatch):
        from lint.rules.punctuation.unbalanced_pair import UnbalancedPair

        text = "　　他说：“好。”\n　　该局要着力推进产业升级。”市工信局负责人介绍。\n　　《奋进新征程，指出。\n"
        got = self.same_in_full(monkeypatch, UnbalancedPair(), text)
        assert [text[start:end] for start, end, _, _ in got] == ["”", "《"]

    def test_seed_pages(self, monkeypatch, rule):
        for page in SEEDS:
            self.same_in_full(monkeypatch, rule, page)

    @FUZZ
    @given(damaged_pages(), st.lists(st.sampled_from(list("“”‘’（）()《》【】「」『』") + ["\n", "\n\n", "Xi’an"]),
                                     max_size=8), st.data())
    def test_damaged_pages(self, text, marks, data):
        from lint.rules.punctuation.unbalanced_pair import UnbalancedPair

        text = sprinkled(text, marks, data)
        with pytest.MonkeyPatch.context() as m:
            self.same_in_full(m, UnbalancedPair(), text)


class TestFullwidthAlphanumeric:
    from lint.rules.script import fullwidth_alphanumeric as module
    # _HALF as it was written before its first character went ahead of the look-behind
    HALF_BEFORE = r"(?<![0-9A-Za-z_.@/:-])[0-9A-Za-z]+(?:[.,:/-][0-9A-Za-z]+)*(?![0-9A-Za-z_@/-])"

    @pytest.fixture(params=["consistent", "halfwidth", "fullwidth"])
    def rule(self, request):
        from lint.rules.script.fullwidth_alphanumeric import FullwidthAlphanumeric

        return FullwidthAlphanumeric(policy=request.param)

    def every_half_counted(self, monkeypatch, rule, text: str) -> list:
        return same_without_filter(monkeypatch, rule, self.module, "islice", text, lambda matches, n: list(matches))

    def same_half_matches(self, text: str) -> None:
        import regex

        before = [m.span() for m in regex.finditer(self.HALF_BEFORE, text)]
        assert [m.span() for m in self.module._HALF.finditer(text)] == before

    @pytest.mark.parametrize("text", [
        "", "a", "9", "ab", "_a", ".a", "a.", "-a", "a-", "@a", "a@b", "/a", "a/b", "a:b", "a.b.c", "1,000", "1,",
        "Ｇ2", "2019年", "年2019", "www.gov.cn", "x_y", "3.5%", "8:00", "1:2", "a-b-", "a--b", "é1", "1é",
        "　　１９９８年全国ＧＤＰ增长８．８％，2019年。\n", "　　１９９８年增长，2019年增长，见www.gov.cn。\n",
    ])
    def test_the_half_pattern_matches_as_before(self, monkeypatch, rule, text):
        self.same_half_matches(text)
        self.every_half_counted(monkeypatch, rule, text)

    @pytest.mark.parametrize("text, found", [
        ("　　１９９８年增长，2019年增长。\n", ["１９９８"]),  # a tie: the full-width one
        ("　　１９９８年增长，2019年和2020年增长。\n", ["１９９８"]),
        ("　　１９９８年和１９９９年增长，2019年增长。\n", ["2019"]),
        ("１９９８年和１９９９年增长，2019年增长", ["2019"]),  # at the page's edges
        ("１９９８年和１９９９年增长，2019年和www.gov.cn增长", ["2019"]),  # an address is not counted
    ])
    def test_the_page_form_by_counts(self, monkeypatch, text, found):
        from lint.rules.script.fullwidth_alphanumeric import FullwidthAlphanumeric

        got = self.every_half_counted(monkeypatch, FullwidthAlphanumeric(), text)
        assert [text[start:end] for start, end, _, _ in got] == found

    def test_seed_pages(self, monkeypatch, rule):
        for page in SEEDS:
            self.same_half_matches(page)
            self.every_half_counted(monkeypatch, rule, page)

    @FUZZ
    @given(damaged_pages(), st.lists(st.sampled_from(["１２", "Ａ", "ｂ", "2019", "GDP", "a.b", "_", "．", "/"]),
                                     max_size=8), st.data())
    def test_damaged_pages(self, text, marks, data):
        from lint.rules.script.fullwidth_alphanumeric import FullwidthAlphanumeric

        text = sprinkled(text, marks, data)
        self.same_half_matches(text)
        with pytest.MonkeyPatch.context() as m:
            self.every_half_counted(m, FullwidthAlphanumeric(), text)


class TestTraditionalCharacter:
    @pytest.mark.parametrize("step", [1, 2, 3, 64])
    @pytest.mark.parametrize("text", ["", "發", "发展發", "經濟發展" * 40, "发展" * 64 + "發", "發" + "发展" * 64,
                                      raw_text(SEED_000), raw_text(SEED_002)])
    def test_changed_positions_are_every_position_that_differs(self, text, step):
        from lint.rules.script.traditional_character import _changed_positions, to_simplified

        simplified = to_simplified(text)
        assert _changed_positions(text, simplified, step) == \
            [i for i, (a, b) in enumerate(zip(text, simplified)) if a != b]

    @FUZZ
    @given(damaged_pages())
    def test_damaged_pages(self, text):
        from lint.rules.script.traditional_character import _changed_positions, to_simplified

        simplified = to_simplified(text)
        assert _changed_positions(text, simplified) == [i for i, (a, b) in enumerate(zip(text, simplified)) if a != b]


def test_to_halfwidth_maps_the_full_width_forms_and_nothing_else():
    from lint.rules.script.fullwidth_alphanumeric import to_halfwidth

    every = "".join(map(chr, range(0x20, 0x10000)))
    assert to_halfwidth(every) == "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in every)
