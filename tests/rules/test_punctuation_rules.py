"""The punctuation family: each rule on text it must flag and text it must leave alone, from the
seed pages and the clean corpora (a sentence or two each)."""
from __future__ import annotations

import pytest

from tests.conftest import SEED_000, SEED_002, raw_text

from .conftest import spans


class TestUnbalancedPair:
    def test_the_seed_quotations_whose_opening_was_lost(self, lint_with):
        check = lint_with("PUN001")
        text = raw_text(SEED_000)
        found = check(text)
        assert [text.count("\n", 0, f.start) + 1 for f in found] == [27]
        assert found[0].message == "closing ” with no opening “ in the paragraph (1 opening, 2 closing)"
        text = raw_text(SEED_002)
        assert [text.count("\n", 0, f.start) + 1 for f in check(text)] == [71, 107]  # the copy, the original

    @pytest.mark.parametrize("text, lonely", [
        ("　　他说：“要着力推进产业升级。”市工信局负责人介绍，该局要加快发展。”\n", "”"),
        ("　　《人民日报》评论员文章《奋进新征程，该文指出要加快发展。\n", "《"),
        ("　　主办方（工业和信息化部。\n　　展会时间为三天。\n", "（"),
    ])
    def test_a_mark_without_its_partner(self, lint_with, text, lonely):
        assert spans(text, lint_with("PUN001")(text)) == [lonely]

    @pytest.mark.parametrize("text", [
        # a quotation over several paragraphs opens in each and closes only in the last
        "　　他说：“一要坚持学习。\n　　“二要坚持实践。\n　　“三要坚持创新。”\n",
        # nesting, and (8号馆） pairs across widths
        "　　他说：“我记得老师的话：‘竹者，君子也。’”\n　　主题展馆(8号馆）开放。\n",
        # apostrophes: ’98 (rmrb1998), Xi’an
        "　　满怀希望的１９９８年之际，’９８北京新年音乐会今晚在北京举行，Xi’an也有演出。\n",
        # one mark for both sides, as ASCII quotes converted (rmrb1998)
        "　　正在建设中的“楹联一条街“在全国首屈一指。\n",
        # a paragraph cut by a column break: the quotation closes in the second half
        "　　市民王先生说：“现在出行\n　　方便多了。”\n",
    ])
    def test_balanced_by_convention(self, lint_with, text):
        assert lint_with("PUN001")(text) == []


class TestHalfwidthPunctuation:
    @pytest.mark.parametrize("text, marks", [
        ("　　二十载光阴荏苒,创新引领未来。\n", [","]),  # rmrb2019, 2019-10-17
        ("　　主办单位:山西省人民政府\n", [":"]),
        ("　　他问?是吗\n", ["?"]),
        ("　　主题展馆(8号馆）开放\n", ["("]),  # a pair of mixed widths
        ("　　这句话说完了.\n", ["."]),
    ])
    def test_flags(self, lint_with, text, marks):
        check = lint_with("PUN002")
        assert spans(text, check(text)) == marks

    @pytest.mark.parametrize("text", [
        "　　增长3.5%，比例1:2，时间8:00，共3,000人。\n",
        "　　详情登录www.gov.cn查询，或写信至news@people.cn。\n",
        "　　他用英文说Hello, world.\n",
        "　　中文域名“政务.中国”已开通。\n",  # a Chinese domain name
        "　　访问人民网.中国了解详情。\n",
        "数字时代如何保护个人信息(人民时评)\n",  # a column tag in half-width parentheses: house style
        "　　(1)加强组织领导。\n",
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("PUN002")(text) == []

    @pytest.mark.parametrize("text, safe, unsafe", [
        # Tesseract's readings of real People's Daily pages: a comma read as a dot
        ("　　李克强强调.中国将坚定不移扩大开放。\n", "　　李克强强调.中国将坚定不移扩大开放。\n",
         "　　李克强强调，中国将坚定不移扩大开放。\n"),
        # a name's middle dot read as a dot or a colon: never the full-width colon
        ("　　巴基斯坦总统阿里夫.阿尔维出席。\n", "　　巴基斯坦总统阿里夫.阿尔维出席。\n",
         "　　巴基斯坦总统阿里夫·阿尔维出席。\n"),
        ("　　记者伊莎白:柯鲁克教授说。\n", "　　记者伊莎白:柯鲁克教授说。\n",
         "　　记者伊莎白·柯鲁克教授说。\n"),
        ("　　主办单位:山西省人民政府\n", "　　主办单位：山西省人民政府\n", "　　主办单位：山西省人民政府\n"),
    ])
    def test_a_dot_between_chinese_characters_is_an_unsafe_guess(self, lint_with, text, safe, unsafe):
        check = lint_with("PUN002")
        assert len(check(text)) == 1
        assert check.fix(text) == safe
        assert check.fix(text, unsafe=True) == unsafe

    def test_all_parentheses_on_request_and_the_fix(self, lint_with):
        text = "数字时代如何保护个人信息(人民时评)\n"
        check = lint_with("PUN002", parentheses="all")
        assert spans(text, check(text)) == ["(", ")"]
        assert check.fix(text) == "数字时代如何保护个人信息（人民时评）\n"


class TestDoubledPunctuation:
    def test_flags_and_fixes(self, lint_with):
        check = lint_with("PUN003")
        text = "　　今年以来，，全市经济稳中有进。。产业、、科技齐头并进。\n"
        assert spans(text, check(text)) == ["，，", "。。", "、、"]
        assert check.fix(text) == "　　今年以来，全市经济稳中有进。产业、科技齐头并进。\n"

    @pytest.mark.parametrize("text", [
        "　　“真的吗？？”他问。\n",
        "　　他沉默了。。。\n",  # an ellipsis typed as full stops: PUN004's business
        "　　今年以来，。全市经济稳中有进。\n",  # two different marks: only the scan knows
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("PUN003")(text) == []


class TestEllipsisDashStyle:
    @pytest.mark.parametrize("text, fixed", [
        ("　　他说：“我们还要努力...”\n", "　　他说：“我们还要努力……”\n"),
        ("　　他沉默了。。。\n", "　　他沉默了……\n"),
        ("　　我们的目标--全面小康。\n", "　　我们的目标——全面小康。\n"),
        # Tesseract's readings of People's Daily pages: a dash as 一一 opening a paragraph
        ("上新起点。\n一一随着国投孕宝项目落地，园区初具规模。\n",
         "上新起点。\n——随着国投孕宝项目落地，园区初具规模。\n"),
        ("　　人类从未停止探索。\n\n一一编者\n", "　　人类从未停止探索。\n\n——编者\n"),
    ])
    def test_flags_and_fixes(self, lint_with, text, fixed):
        check = lint_with("PUN004")
        assert len(check(text)) == 1 and check.fix(text) == fixed

    @pytest.mark.parametrize("text", [
        "　　会期为10月11日—13日，北京—上海高铁。\n",  # a single em dash is a range
        "　　三个著名交响乐团———中国交响乐团、上海交响乐团。\n",  # rmrb1998's house form
        "　　“一要……二要……”他说。\n",
        "　　版本号3...5，网址www.gov.cn。\n",
        "　　习近平同大家一一握手。\n",  # 一一, one by one
        "　　是我国唯一一家总部设在上海的央企。\n",
        "　　主要官员都来了，同他们\n一一握手。\n",  # the word, wrapped
        "　　他同大家 一一握手。\n",  # a stray space before the word: SPC's business
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("PUN004")(text) == []

    def test_a_subtitle_run_into_its_headline_gets_an_unsafe_dash(self, lint_with):
        check = lint_with("PUN004")
        text = "奋力开创强国强军新征程 一一习近平主席视察火箭军\n"
        assert [f.message for f in check(text)] == ["dash read as '一一' (house form '——')"]
        assert check.fix(text) == text
        assert check.fix(text, unsafe=True) == "奋力开创强国强军新征程 ——习近平主席视察火箭军\n"


CAPTION = "　　2月5日，省政协会议在太原闭幕。山西日报记者 刘通摄\n"


def test_a_quotation_cut_around_a_caption_is_one_pair(lint_with):
    """The halves of a cut paragraph with a photo caption between them: the quotation opens in
    the first and closes in the second, so neither mark is lonely (BRK002 reports the cut)."""
    text = "　　他说：“要抓好\n" + CAPTION + "　　各项工作。”\n"
    assert lint_with("PUN001")(text) == []


def test_a_lonely_mark_beside_a_caption_is_still_found(lint_with):
    text = "　　他说要抓好各项工作。\n" + CAPTION + "　　各项工作要落实。”\n"
    assert spans(text, lint_with("PUN001")(text)) == ["”"]


def test_an_unclosed_half_width_bracket_is_reported_as_printed(lint_with):
    found = lint_with("PUN001")("　　会议(在北京举行。\n")
    assert [f.message for f in found] == ["opening ( never closed with ） in the paragraph (1 opening, 0 closing)"]


class TestStrayMark:
    @pytest.mark.parametrize("text, safe, unsafe", [
        # Tesseract's readings of degraded People's Daily pages
        ("　　这得益，_ 于亿万中国人民的奋斗。\n", "　　这得益，于亿万中国人民的奋斗。\n", None),
        ("　　雷达站| 指导员说。\n", "　　雷达站指导员说。\n", None),
        ("　　会议强调* 要抓好落实。\n", "　　会议强调* 要抓好落实。\n", "　　会议强调要抓好落实。\n"),
    ])
    def test_flags(self, lint_with, text, safe, unsafe):
        check = lint_with("PUN005")
        assert len(check(text)) == 1
        assert check.fix(text) == safe
        assert check.fix(text, unsafe=True) == (unsafe or safe)

    @pytest.mark.parametrize("text", [
        "　　网友参与微博话题#共贺新中国成立70周年#讨论。\n",  # rmrb2019: a hashtag
        "　　*ST康得发布公告。\n",
        "　　比分为3|2，时间为8:00。\n",
        "　　详见附表_1。\n",
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("PUN005")(text) == []
