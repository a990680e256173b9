"""The spacing family: each rule on text it must flag and text it must leave alone, taken from the
seed pages and from the clean corpus (a sentence or two each)."""
from __future__ import annotations

import pytest

from lint.rule import ConfigError
from tests.conftest import SEED_000, SEED_002, raw_text

from .conftest import spans

# A body paragraph as the seeds print it, and one in People's Daily style (indent, NBSP dateline).
BODY = "这些建议紧扣高质量发展主题，围绕产业转型升级、科技创新、乡村振兴等领域，着眼全局抓重点。\n"
RMRB = ("\n习近平会见中国女排代表\n\n"
        "　　新华社北京9月30日电\u00a0\u00a0（记者朱基钗）中共中央总书记、国家主席习近平专门邀请刚刚获得"
        "2019年女排世界杯冠军的中国女排队员、教练员代表，参加庆祝中华人民共和国成立70周年招待会。\n"
        "　　下午4时45分，女排队员、教练员代表步入人民大会堂福建厅，习近平同大家一一握手。\n")


class TestTrailingWhitespace:
    def test_flags_spaces_at_line_end(self, lint_with):
        check = lint_with("SPC001")
        text = "本报记者 纪元元  \n" + BODY
        found = check(text)
        assert spans(text, found) == ["  "]
        assert found[0].message == "trailing whitespace (2 spaces)"

    def test_flags_whitespace_only_line_and_nbsp(self, lint_with):
        # rmrb2019 ends paragraphs with NBSP and separates some with a line of '　　'
        check = lint_with("SPC001")
        text = "　　总理\u00a0李克强\u00a0\n　　\n　　2019年10月8日\n"
        found = check(text)
        assert spans(text, found) == ["\u00a0", "　　"]
        assert found[1].message.startswith("blank line contains whitespace")

    def test_leaves_indent_and_inner_spaces(self, lint_with):
        assert lint_with("SPC001")(RMRB) == []

    def test_fix(self, lint_with):
        assert lint_with("SPC001").fix("标题 \t\n　　\n") == "标题\n\n"


class TestLeadingBlankLines:
    def test_flags_seed_000(self, lint_with):
        text = raw_text(SEED_000)
        found = lint_with("SPC002")(text)
        assert len(found) == 1 and (found[0].start, found[0].end) == (0, 2)
        assert "2 blank lines" in found[0].message

    def test_leaves_page_starting_with_text(self, lint_with):
        assert lint_with("SPC002")("省政协十三届四次会议在太原闭幕\n\n" + BODY) == []

    def test_fix_counts_whitespace_lines_as_blank(self, lint_with):
        assert lint_with("SPC002").fix("\n　　\n\n标题\n") == "标题\n"


class TestMultipleBlankLines:
    def test_flags_both_runs_in_seed_000(self, lint_with):
        text = raw_text(SEED_000)
        found = lint_with("SPC003")(text)
        assert [f.message for f in found] == [
            "3 blank lines between blocks (lines 6-8; at most 1)",
            "3 blank lines between blocks (lines 68-70; at most 1)",
        ]

    def test_leaves_single_blank_lines(self, lint_with):
        assert lint_with("SPC003")("标题\n\n" + BODY + "\n" + BODY) == []

    def test_option_allows_two(self, lint_with):
        check = lint_with("SPC003", **{"max-blank-lines": 2})
        assert check("a\n\n\nb\n") == []
        assert len(check("a\n\n\n\nb\n")) == 1
        assert check.fix("a\n\n\n\n\nb\n") == "a\n\n\nb\n"

    def test_zero_is_refused(self, lint_with):
        with pytest.raises(ConfigError, match="at least 1"):
            lint_with("SPC003", **{"max-blank-lines": 0})

    def test_fix_keeps_one_blank_line(self, lint_with):
        assert lint_with("SPC003").fix("标题\n\n\n\n正文。\n") == "标题\n\n正文。\n"


class TestTrailingBlankLines:
    def test_flags_seed_000_double_newline(self, lint_with):
        text = raw_text(SEED_000)
        found = lint_with("SPC004")(text)
        assert len(found) == 1 and found[0].end == len(text)
        assert lint_with("SPC004").fix(text).endswith("韩莹摄\n")

    def test_flags_whitespace_only_file(self, lint_with):
        found = lint_with("SPC004")(" \n\n")
        assert found[0].message == "the file holds nothing but whitespace"

    def test_leaves_single_final_newline_and_missing_one(self, lint_with):
        check = lint_with("SPC004")
        assert check(BODY) == [] and check(BODY.rstrip("\n")) == [] and check("") == []


class TestMissingFinalNewline:
    def test_flags_seed_002(self, lint_with):
        text = raw_text(SEED_002)
        found = lint_with("SPC005")(text)
        assert len(found) == 1 and found[0].start == found[0].end == len(text)
        assert lint_with("SPC005").fix(text) == text + "\n"

    def test_leaves_terminated_and_empty_files(self, lint_with):
        check = lint_with("SPC005")
        assert check(BODY) == [] and check("") == []
        assert check("标题\n   ") == []  # a trailing blank line is trailing-blank-lines' business


class TestInvisibleCharacter:
    def test_flags_zero_width_space_and_soft_hyphen(self, lint_with):
        check = lint_with("SPC006")
        text = "习\u200b近平总书记强调新征\u00ad程。\n"
        found = check(text)
        assert spans(text, found) == ["\u200b", "\u00ad"]
        assert "U+200B ZERO WIDTH SPACE" in found[0].message
        assert check.fix(text) == "习近平总书记强调新征程。\n"

    def test_flags_controls_and_inner_bom(self, lint_with):
        check = lint_with("SPC006")
        found = check("标题\x07\n正文\ufeff。\n")
        assert [f.message for f in found] == ["invisible character: U+0007 (control)",
                                             "invisible character: U+FEFF ZERO WIDTH NO-BREAK SPACE"]

    def test_form_feed_becomes_newline(self, lint_with):
        assert lint_with("SPC006").fix("第一版\x0c第二版\n") == "第一版\n第二版\n"

    def test_leaves_emoji_joiner_tabs_and_leading_bom(self, lint_with):
        check = lint_with("SPC006")
        assert check("家庭👨\u200d👩\u200d👧合影\t图片\n") == []
        assert check("\ufeff标题\n") == []


class TestByteOrderMark:
    def test_flags_and_removes_bom(self, lint_with):
        check = lint_with("SPC010")
        assert len(check("\ufeff标题\n")) == 1
        assert check.fix("\ufeff标题\n") == "标题\n"

    def test_leaves_page_without_bom(self, lint_with):
        assert lint_with("SPC010")(RMRB) == []


class TestSpaceBetweenHan:
    @pytest.mark.parametrize("text, flagged", [
        ("围绕产业转型升级，推动高质量 发展，着眼全局抓重点。\n", " "),
        ("市委　书记主持会议，听取各方面意见建议，研究部署下一步工作。\n", "　"),
        # rmrb2019-style paragraph: indent is fine, the space after 授予他 is not
        ("　　党中央决定，授予他“时代 楷模”称号，号召广大党员干部向他学习。\n", " "),
        ("南仁东被授予“人民 科学家”国家荣誉称号，以表彰他的杰出贡献。\n", " "),
    ])
    def test_flags_spaces_in_body(self, lint_with, text, flagged):
        check = lint_with("SPC007")
        assert spans(text, check(text)) == [flagged]
        assert check.fix(text) == text  # a space between two words: the fix is unsafe
        assert check.fix(text, unsafe=True) == text.replace(flagged, "", 1)

    @pytest.mark.parametrize("text, flagged", [
        ("　　今年全省经济发展稳中有进，群众获得感不断增 强。\n", " "),  # it splits 增强
        ("　　这是一次惊 险的旅程，大家都很激动。\n", " "),  # it splits 惊险
        ("　　创造新的历  史伟业必须坚持人民主体地位\n", "  "),  # a subhead, but 历史 is split
        ("　　创新引领推动制造业高 质量发展\n", " "),  # a word of three characters split: 高质量
        ("　　没有速  度不行，惟速度不要质量更不行\n", "  "),  # three characters each side, but no series
    ])
    def test_a_space_that_splits_a_word_is_a_safe_fix(self, lint_with, text, flagged):
        check = lint_with("SPC007")
        assert spans(text, check(text)) == [flagged]
        assert check.fix(text) == text.replace(flagged, "", 1)

    @pytest.mark.parametrize("text", [
        "　　3月2日，春风化雨 润物无声（基层新闻）。本报记者 王某 摄\n",  # a quoted headline's phrases
        "　　讲述身边故事  传递时代温度\n",
        "　　本期导读：守护绿水青山 建设美丽家园；聚焦民生实事 办好身边小事。\n",
        "　　第一条 为了规范管理，根据有关法律，制定本办法。\n",  # an article of a regulation
        "　　第十二条 本办法自发布之日起施行。\n",
        "　　证券简称：某某股份  证券代码：600000  公告编号：2019-01\n",  # fields on one line
        "　　唐登杰卢东亮出席 张春林主持并讲话\n",  # a subhead: its phrases are its own
    ])
    def test_house_style_between_phrases(self, lint_with, text):
        assert lint_with("SPC007")(text) == []

    @pytest.mark.parametrize("text", [
        "　　完全有条件继续 保持经济稳定增长，对此应有充分信心。\n",  # a clause split unevenly
        "　　全球几条鸟类迁徙大道\u3000中的一条正好从这里经过。\n",  # halves longer than phrases
    ])
    def test_a_slip_between_two_halves_of_a_clause_is_still_found(self, lint_with, text):
        assert len(lint_with("SPC007")(text)) == 1

    def test_flags_space_in_caption_text_but_not_credit(self, lint_with):
        text = "2月5日，省政协十三届四次会议 在太原闭幕。山西日报记者 刘通摄\n"
        assert spans(text, lint_with("SPC007")(text)) == [" "]

    def test_seeds_house_style_left_alone(self, lint_with):
        # headlines, bylines, datelines, credits, labels in both raw seed pages
        check = lint_with("SPC007")
        assert check(raw_text(SEED_000)) == [] and check(raw_text(SEED_002)) == []

    @pytest.mark.parametrize("text", [
        "唐登杰卢东亮出席 张春林主持并讲话\n",  # headline
        "本报记者  叶传增  杨文明\n",  # byline with two names
        "（赵  兵  丁雅诵）\n",  # byline in brackets
        "新华社北京2月4日电 2月4日晚，国家主席习近平同美国总统特朗普通电话。\n",  # dateline
        "　　总理\u00a0李克强\u00a0签署国务院令，公布修订后的条例，自公布之日起施行。\n",  # NBSP
        "议程主要内容　　世界能源革命展　　太原能源低碳发展论坛开幕，各方嘉宾出席。\n",  # run-in
        "日前，《中共中央 国务院关于学习运用“千村示范、万村整治”工程经验的意见》发布。\n",  # title
        "以担当诠释忠诚 以实干践行使命（守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育）\n",
    ])
    def test_leaves_house_style(self, lint_with, text):
        assert lint_with("SPC007")(text) == []

    def test_long_xwlb_headline_without_commas(self, lint_with):
        text = ("中共中央政治局常务委员会召开会议 听取全国人大常委会、国务院、全国政协、最高人民法院、"
                "最高人民检察院党组工作汇报 听取中央书记处工作报告 中共中央总书记习近平主持\n"
                "央视网消息（新闻联播）：中共中央政治局常务委员会1月4日召开会议，听取工作汇报。\n")
        assert lint_with("SPC007")(text) == []


class TestSpaceAroundPunctuation:
    @pytest.mark.parametrize("text, flagged", [
        ("携手同行，建设更加美好的世界 。\n", " "),  # xwlb 2024-01-02
        ("载风雨华章。新的征程上， 江西工业贸易职业技术学院再出发。\n", " "),  # rmrb 2019-10-22
        ("站在“ 十五五”规划开局之年，我市工业经济迎来关键节点。\n", " "),
        ("获评“国家高技能人才培训基地”和 “全国国防教育特色学校”。\n", " "),
    ])
    def test_flags(self, lint_with, text, flagged):
        check = lint_with("SPC008")
        assert spans(text, check(text)) == [flagged]
        assert check.fix(text) == text.replace(flagged, "", 1)

    @pytest.mark.parametrize("text", [
        "走在前 勇争先 建设“两区两城两高地” 大抓招商引资\n",  # headline separator after a quote
        "　　“十五五”时期是全面建设社会主义现代化国家新征程的关键五年。\n",  # indent before “
        "　　小麦色了，但我觉得值！”\u00a0为了保证体能，在训练开始前就做好准备。\n",  # rmrb NBSP
        "　　由燃料向原料的转化。\u3000\u3000山西省能源革命不断深入推进。\n",  # run-in paragraph
        "以“未来之频 ‘+’速向新”为主题，发布多项新技术成果。\n",  # a slogan's own spacing
        "增强了信心 凝聚了力量 ——热烈祝贺省政协十三届四次会议胜利闭幕\n",
    ])
    def test_leaves(self, lint_with, text):
        assert lint_with("SPC008")(text) == []

    def test_raw_seeds_clean(self, lint_with):
        check = lint_with("SPC008")
        assert check(raw_text(SEED_000)) == [] and check(raw_text(SEED_002)) == []


class TestCjkLatinSpacing:
    def test_policy_none_flags_space_before_digit_and_latin(self, lint_with):
        check = lint_with("SPC009")
        text = "截至 2月5日12时，秦能科技凭借在零碳算力领域的系统性 ESG实践获奖。\n"
        assert spans(text, check(text)) == [" ", " "]
        assert check.fix(text) == "截至2月5日12时，秦能科技凭借在零碳算力领域的系统性ESG实践获奖。\n"

    @pytest.mark.parametrize("text", [
        "新华社北京2月4日电 2月4日晚，国家主席习近平同美国总统特朗普通电话。\n",
        "项目建成后储能规模达400MW/800MW，年发电量显著提升。\n",
        "中央广播电视总台“国货大拜年 2024国货潮品全拼图”活动启动。\n",
        "依法履职尽责 积极建言献策 大同代表团提交建议88件\n",  # headline
    ])
    def test_policy_none_leaves(self, lint_with, text):
        assert lint_with("SPC009")(text) == []

    def test_policy_one_inserts_and_normalises(self, lint_with):
        check = lint_with("SPC009", policy="one")
        text = "荣获2025年香港创业及私募投资协会（HKVCA）可持续发展卓越奖。\n"
        assert len(check(text)) == 2
        assert check.fix(text) == "荣获 2025 年香港创业及私募投资协会（HKVCA）可持续发展卓越奖。\n"
        assert check.fix("截至  2月底，各项工作顺利推进。\n") == "截至 2 月底，各项工作顺利推进。\n"

    def test_bad_policy_refused(self, lint_with):
        with pytest.raises(ConfigError, match="one of none, one"):
            lint_with("SPC009", policy="two")


def test_spacing_family_on_raw_seeds_finds_exactly_the_truth(lint_with):
    """The seed truth lists 4 spacing defects in each page; nothing else is spacing."""
    from lint.config import load_config
    from lint.engine import Linter
    config = load_config(None).with_cli(select=["spacing"])
    linter = Linter(config.rules_for(None), config.layout)
    for name, expected in ((SEED_000, ["SPC002", "SPC003", "SPC003", "SPC004"]),
                           (SEED_002, ["SPC002", "SPC003", "SPC003", "SPC005"])):
        assert [f.rule for f in linter.check(raw_text(name)).findings] == expected
