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
