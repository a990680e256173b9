"""The script family: traditional characters in simplified pages (real sentences, one character
changed as OCR and pasted text change them), and what stays."""
from __future__ import annotations

import pytest

from tests.conftest import SEED_000, raw_text

from .conftest import spans

# rmrb2019-style running text, long enough that one traditional character is a leak, not a page
TAIL = "，群众满意度不断提升，各项工作取得新成效，全市上下凝心聚力、攻坚克难，奋力谱写高质量发展新篇章。\n"


class TestTraditionalCharacter:
    @pytest.mark.parametrize("text, found, fixed", [
        ("　　今年全市经济發展稳中有进" + TAIL, ["發"], "发"),
        ("　　今年全市經濟发展稳中有进" + TAIL, ["經濟"], "经济"),  # a run is one finding
    ])
    def test_flags_and_fixes_safely(self, lint_with, text, found, fixed):
        check = lint_with("SCR001")
        assert spans(text, check(text)) == found
        assert fixed in check.fix(text)

    def test_a_word_dependent_character_is_an_unsafe_fix(self, lint_with):
        check = lint_with("SCR001")
        text = "　　他畫了一幅山水画" + TAIL
        (f,) = check(text)
        assert f.fix.applicability.value == "unsafe"
        assert check.fix(text) == text and "画了" in check.fix(text, unsafe=True)

    @pytest.mark.parametrize("text", [
        "　　王濛出席会议" + TAIL,  # a name keeps its characters (rmrb2019: 王濛)
        "　　新版《紅樓夢》再版" + TAIL,  # a quoted title in traditional script
        "　　于是他在瞭望塔上乾杯，心里满是慰藉" + TAIL,  # valid in both scripts
        "　　華為雲以昇騰910、鯤鵬920為基礎，推動產業發展。\n",  # a page in traditional script
        "　　宇、万宇、周輖、景玥出席" + TAIL,  # 輖 -> 𫐏 lies outside GB 2312: a rare name character
        raw_text(SEED_000),
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("SCR001")(text) == []

    def test_allow_takes_words(self, lint_with):
        text = "　　融创玖玺臺项目开盘" + TAIL
        assert spans(text, lint_with("SCR001")(text)) == ["臺"]
        assert lint_with("SCR001", allow=["玖玺臺"])(text) == []


class TestCompatibilityCharacter:
    @pytest.mark.parametrize("text, found, fixed", [
        ("　　第⼀次来到这里" + TAIL, ["⼀"], "第一次"),  # Kangxi radical ONE
        ("　　登上⻓城远眺" + TAIL, ["⻓"], "长城"),  # simplified radical LONG
        ("　　宫﨑骏的新片上映" + TAIL, ["﨑"], "宫崎骏"),  # the `replace` option's default
        ("　　走进⾨店看看" + TAIL, ["⾨"], "門店"),  # NFKC; SCR001 then simplifies 門
    ])
    def test_flags_and_fixes(self, lint_with, text, found, fixed):
        check = lint_with("SCR002")
        assert spans(text, check(text)) == found
        assert fixed in check.fix(text)

    def test_a_component_radical_has_no_fix(self, lint_with):
        text = "　　⻈字旁" + TAIL
        (f,) = lint_with("SCR002")(text)
        assert f.fix is None

    @pytest.mark.parametrize("text", [
        "　　长城内外，一派生机" + TAIL,
        "　　﨟月的诗" + TAIL,  # an ordinary ideograph of the compatibility block, not in `replace`
        raw_text(SEED_000),
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("SCR002")(text) == []


class TestFullwidthAlphanumeric:
    MIXED = "　　１９９８年全国ＧＤＰ增长８．８％，2019年增长6.1%，2020年，2021年。\n"

    def test_consistent_reports_the_minority_form(self, lint_with):
        check = lint_with("SCR003")
        assert spans(self.MIXED, check(self.MIXED)) == ["１９９８", "ＧＤＰ", "８．８"]
        assert check.fix(self.MIXED).startswith("　　1998年全国GDP增长8.8％")
        text = "　　１９９８年全国ＧＤＰ增长８．８％，2019年。\n"
        assert spans(text, check(text)) == ["2019"]

    @pytest.mark.parametrize("text", [
        "　　１９９８年全国ＧＤＰ增长８．８％，比上年提高１．２个百分点。\n",  # rmrb1998: all full-width
        "　　2019年全国GDP增长6.1%。\n",
        "　　１９９８年全国ＧＤＰ增长８．８％，详见www.gov.cn。\n",  # an address stays ASCII
    ])
    def test_consistent_leaves_one_form_alone(self, lint_with, text):
        assert lint_with("SCR003")(text) == []

    def test_policies(self, lint_with):
        text = "　　１９９８年增长，2019年增长，见www.gov.cn。\n"
        assert spans(text, lint_with("SCR003", policy="halfwidth")(text)) == ["１９９８"]
        assert spans(text, lint_with("SCR003", policy="fullwidth")(text)) == ["2019"]
