import pytest

from lint.document import Document
from lint.layout import Kind
from tests.conftest import SEED_000, SEED_002, raw_text


def test_positions_are_code_points_one_based():
    doc = Document("标题\n\n正文𠮷，一\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(2) == (1, 3)  # the newline
    assert doc.position(4) == (3, 1)
    assert doc.position(7) == (3, 4)  # 𠮷 (outside the BMP) counts as one
    assert doc.position(len(doc.text)) == (4, 1)  # end of file after a final newline


def test_lines_and_blank_lines():
    doc = Document("a\n　　\n\nb")
    assert [(line.number, line.text, line.is_blank) for line in doc.lines] == [
        (1, "a", False), (2, "　　", True), (3, "", True), (4, "b", False)]
    assert Document("").lines[0].text == ""


def kinds(text):
    return [(p.line, p.kind) for p in Document(text).paragraphs]


def test_seed_000_blocks():
    doc = Document(raw_text(SEED_000))
    by_line = {p.line: p for p in doc.paragraphs}
    assert by_line[3].kind is Kind.HEADLINE
    assert by_line[9].kind is Kind.CAPTION
    assert doc.text[by_line[9].spans[0].start:by_line[9].spans[0].end] == "山西日报记者 刘通摄"
    assert by_line[19].kind is Kind.BYLINE  # 本报记者 纪元元
    assert by_line[21].kind is Kind.LABEL  # 开栏语
    assert by_line[41].kind is Kind.LABEL  # 山西日报社论
    assert by_line[45].kind is Kind.JUMP  # 刊2版
    assert by_line[35].kind is Kind.BODY
    dateline = by_line[35].spans[0]
    assert (dateline.kind, doc.text[dateline.start:dateline.end]) == ("dateline", "新华社北京2月4日电 ")
    lead = by_line[49].spans[0]
    assert doc.text[lead.start:lead.end] == "本报太原2月5日电（记者 李雪峰）"
    assert len(doc.blocks) == len(doc.paragraphs)  # one paragraph a block in this style


def test_seed_002_caption_credit_and_jump():
    doc = Document(raw_text(SEED_002))
    by_line = {p.line: p for p in doc.paragraphs}
    assert by_line[29].kind is Kind.CAPTION  # the photo caption before its credit
    assert by_line[31].kind is Kind.CREDIT  # 山西日报记者 史晓波 摄
    assert by_line[33].kind is Kind.BODY
    jump = by_line[11].spans[0]
    assert (jump.kind, doc.text[jump.start:jump.end]) == ("jump", "（下转第二版）")
    assert by_line[53].kind is Kind.HEADLINE  # ——潞州区全力抓招商上项目推动产业提质
    assert by_line[59].kind is Kind.BODY  # 坚持高位推动，凝聚招商合力。潞 (a broken paragraph)


def test_people_daily_style_one_paragraph_a_line():
    text = ("\n以担当诠释忠诚 以实干践行使命（守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育）\n\n"
            "　　本报记者\u00a0\u00a0毛\u00a0\u00a0磊\n"
            "　　新华社北京9月30日电\u00a0\u00a0（记者朱基钗）中共中央总书记、国家主席习近平专门邀请刚刚获得"
            "2019年女排世界杯冠军的中国女排队员、教练员代表，参加招待会。\n"
            "　　不忘初心\u00a0民心所向奋斗不息\n"
            "　　下午4时45分，女排队员、教练员代表步入人民大会堂福建厅，习近平同大家一一握手。\n")
    doc = Document(text)
    assert [p.kind for p in doc.paragraphs] == [Kind.HEADLINE, Kind.BYLINE, Kind.BODY, Kind.HEADLINE,
                                                 Kind.BODY]
    assert [len(b.paragraphs) for b in doc.blocks] == [1, 4]
    assert doc.blocks[1].kind is Kind.BODY
    lead = doc.paragraphs[2].spans[0]
    assert doc.text[lead.start:lead.end] == "新华社北京9月30日电\u00a0\u00a0（记者朱基钗）"


def test_datelines_and_credits_of_other_agencies():
    doc = Document("　　据新华社电\u00a0\u00a0（记者王烁）河南省林州市开展活动，群众踊跃参与。\n"
                   "１２月３１日，江泽民发表新年讲话。（新华社记者兰红光摄）\n"
                   "央视网消息（新闻联播）：1月1日，习近平同金正恩互致新年贺电，共同宣布启动友好年。\n")
    spans = [[(s.kind, doc.text[s.start:s.end]) for s in p.spans] for p in doc.paragraphs]
    assert spans[0] == [("dateline", "据新华社电\u00a0\u00a0（记者王烁）")]
    assert doc.paragraphs[1].kind is Kind.CAPTION and spans[1] == [("credit", "（新华社记者兰红光摄）")]
    assert spans[2] == [("dateline", "央视网消息（新闻联播）：")]


def test_a_kind_is_found_only_when_asked(monkeypatch):
    """The spacing rules ask only about lines with a space after the indent: on the raw seed
    page 000 they classify a handful, and still tell a body line from a headline."""
    from lint.layout import Layout
    from lint.rules.spacing.space_between_han import SpaceBetweenHan

    read = []
    original = Layout._kind_of
    monkeypatch.setattr(Layout, "_kind_of", lambda self, text, *a: read.append(text) or original(self, text, *a))
    doc = Document(raw_text(SEED_000) + "\n　　坚持推动高质 量发展，奋力谱写新篇章。\n")
    found = [doc.text[f.start - 1:f.end + 1] for f in SpaceBetweenHan().check(doc)]
    assert found == ["质 量"]  # the headlines' spaces (唐登杰卢东亮出席 张春林主持并讲话) are house style
    unread = [p.text for p in doc.paragraphs if p.text not in read]
    assert len(unread) >= 10  # the seed page is dense with bylines and credits; a body page far more
    assert not any(" " in t.strip("\u3000 ") or "\u3000" in t.strip("\u3000 ") for t in unread)


@pytest.mark.parametrize("text", [
    "", "\n", "(", "a(\n", "(a\n\n\n　　b\n", "　　甲，乙.\n　　丙\n\n丁(戊)\n", "甲\n乙\n丙.", "　　.\n\n\n\n　　.\n",
    "甲(乙)丙.丁,\n\n(\n", "　　\n　(\n", raw_text(SEED_000), raw_text(SEED_002),
])
@pytest.mark.parametrize("marks", [r"[,:;?!.()]", r"[(]", r"[丙]", r"[“”]", r"[\n]", r"(?s)."])
def test_paragraphs_holding_are_those_whose_text_holds_a_match(text, marks):
    import re

    doc = Document(text)
    pattern = re.compile(marks)
    assert doc.paragraphs_holding(pattern) == [p for p in doc.paragraphs if pattern.search(p.text)]
    if marks == r"(?s).":
        assert doc.paragraphs_holding(pattern) == doc.paragraphs  # what the tests switch filters off with
