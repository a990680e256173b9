"""FUR001 junk lines and FUR002 running heads: page furniture and OCR noise."""
from __future__ import annotations

import pytest

from .conftest import spans


class TestJunkLine:
    @pytest.mark.parametrize("line, safe", [
        ("eeeeeeee", True),  # one letter repeated: nothing readable
        ("|", True),
        ("',._", True),
        ("9999", False),  # could be a table's figure
        ("ER", False),  # could be an abbreviation on its own line
    ])
    def test_flags(self, lint_with, line, safe):
        text = f"　　美丽中国建设迈出重大步伐。\n{line}\n　　生态环境明显改善。\n"
        check = lint_with("FUR001")
        assert spans(text, check(text)) == [line]
        clean = "　　美丽中国建设迈出重大步伐。\n　　生态环境明显改善。\n"
        assert check.fix(text) == (clean if safe else text)
        assert check.fix(text, unsafe=True) == clean

    @pytest.mark.parametrize("line", [
        "＊＊＊＊＊", "※", "……", "...", "——",  # section breaks
        "。”", ".", ",",  # a sentence's end wrapped onto its own line
        "11.3 19:30", "www.internetplus-expo.com", "1.7%", "2019.10.18—11.17",  # real lines of rmrb2019
        "AI芯片",
    ])
    def test_leaves_alone(self, lint_with, line):
        text = f"　　美丽中国建设迈出重大步伐。\n{line}\n"
        assert lint_with("FUR001")(text) == []

    def test_latin_fragments_can_be_left_to_the_editor(self, lint_with):
        text = "　　美丽中国。\nER\n"
        assert lint_with("FUR001", **{"latin-fragments": False})(text) == []


class TestRunningHead:
    @pytest.mark.parametrize("text, head", [
        ("人民日报 2019年10月1日 星期二 第4版\n　　国庆假期首日。\n", "人民日报 2019年10月1日 星期二 第4版"),
        ("2019年10月1日  星期二  要闻  4版\n", "2019年10月1日  星期二  要闻  4版"),
        ("一九六七年一月三十一日 星期二\n", "一九六七年一月三十一日 星期二"),
        ("- 12 -\n", "- 12 -"),
        ("　　我们要1967年1月31日星期二第二版坚持学习。\n", "1967年1月31日星期二第二版"),
    ])
    def test_flags_with_an_unsafe_deletion(self, lint_with, text, head):
        check = lint_with("FUR002")
        assert spans(text, check(text)) == [head]
        assert check.fix(text) == text
        assert head not in check.fix(text, unsafe=True)

    @pytest.mark.parametrize("text", [
        "　　2019年10月1日，首都各界隆重庆祝。\n",
        "（2019年10月1日）\n",
        "2019年10月1日\n",  # a date line alone: the article's own
        "　　详见本报第4版。\n",
        "人民日报\n",
        "　　10月1日星期二上午，阅兵开始。\n",
        "新华社北京10月1日电\n",
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("FUR002")(text) == []
