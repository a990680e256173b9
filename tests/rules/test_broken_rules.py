"""The broken-paragraph family on the seed pages and on short pieces of clean news text: which
cuts it finds and joins, what it leaves alone, truncations and page jumps."""
from __future__ import annotations

from lint.corpus import Corpus
from lint.document import Document
from lint.finding import Applicability, Severity
from lint.rules.broken.page_jump import PageJump, page_number
from tests.conftest import SEED_000, SEED_002, raw_text

# Sentences of a People's Daily article (rmrb2019 style: one indented paragraph a line).
S1 = "　　10月1日上午，庆祝中华人民共和国成立70周年大会在北京天安门广场隆重举行。"
S2 = "　　国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇、旌旗飘扬。"


def lines_of(text, findings):
    return [text.count("\n", 0, f.start) + 1 for f in findings]


class TestBrokenMidSentence:
    def test_finds_the_cuts_in_the_seeds(self, lint_with):
        text = raw_text(SEED_000)
        assert lines_of(text, lint_with("BRK001")(text)) == [27, 29, 35, 37, 51, 57, 65]
        text = raw_text(SEED_002)
        assert lines_of(text, lint_with("BRK001")(text)) == [9, 35, 59, 65, 83, 101, 105]

    def test_evidence_decides_safe_or_unsafe(self, lint_with):
        text = raw_text(SEED_002)
        by_line = dict(zip(lines_of(text, found := lint_with("BRK001")(text)), found))
        assert "'批准' runs across the break" in by_line[9].message
        assert by_line[9].fix.applicability is Applicability.SAFE
        assert by_line[83].fix.applicability is Applicability.UNSAFE  # 支持企业 | 参与: no word across

    def test_join_drops_a_doubled_character_at_the_seam(self, lint_with):
        fixed = lint_with("BRK001").fix(raw_text(SEED_000), unsafe=True)
        assert "缓解道路拥堵问题、破解山西省" in fixed
        assert "台湾是中国的领土，中方必须" in fixed and "该局要将思想" in fixed
        fixed = lint_with("BRK001").fix(raw_text(SEED_002))
        assert "审议批准了省政府工作报告" in fixed and "强化跟踪调度，落实" in fixed

    def test_cuts_in_the_one_paragraph_a_line_style(self, lint_with):
        page = ("标题\n\n" + S1 + "\n　　庆祝活动隆重热烈。天安门广场上，二十余万军民以盛大的阅兵仪式和群众游行"
                "欢庆伟大祖国的\n　　生日，场面壮观。\n")
        found = lint_with("BRK001")(page)
        assert len(found) == 1 and found[0].fix.applicability is Applicability.UNSAFE
        assert "伟大祖国的生日，场面壮观" in lint_with("BRK001").fix(page, unsafe=True)

    def test_leaves_layout_alone(self, lint_with):
        check = lint_with("BRK001")
        toast = "标题\n\n女士们，先生们，\n同志们，朋友们：\n" + S1 + "\n"
        assert check(toast) == []
        items = "标题\n\n　　（一）具有良好的政治素质；\n　　（二）全日制大学本科及以上学历；\n"
        assert check(items) == []
        deck = ("标题\n\n　　新中国成立70年来，我国经济社会发展取得历史性成就。这是提升群众获得感的重要途径\n"
                + S2 + "\n")
        assert check(deck) == []  # a deck under the headline ends without a stop
        bullet = "标题\n\n" + S1 + "\n　　任何力量都不能阻挡中国人民和中华民族的前进步伐。我们坚信\n　　■  前进征程上，我们要坚持。\n"
        assert check(bullet) == []
        headline = "标题\n\n" + S1 + "\n\n省十四届人大五次会议胜利闭幕\n\n" + S2 + "\n"
        assert check(headline) == []


class TestCaptionInsideParagraph:
    def test_joins_around_the_caption_and_keeps_it_after(self, lint_with):
        text = raw_text(SEED_002)
        found = lint_with("BRK002")(text)
        assert lines_of(text, found) == [25] and "lines 29, 31" in found[0].message
        fixed = lint_with("BRK002").fix(text, unsafe=True)
        joined = fixed.index("一步一个脚印把宏伟蓝图变为美好现实。")
        assert joined < fixed.index("2月6日，山西省第十四届人民代表大会") < fixed.index("山西日报记者 史晓波 摄")
        assert fixed.count("史晓波") == text.count("史晓波")


class TestTruncatedParagraph:
    def test_a_new_story_after_an_open_paragraph_is_a_truncation(self, lint_with):
        text = raw_text(SEED_000)
        found = lint_with("BRK003")(text)
        assert lines_of(text, found) == [33]
        assert "dateline '新华社北京2月4日电'" in found[0].message and found[0].fix is None

    def test_the_page_ending_mid_word(self, lint_with):
        page = "标题\n\n" + S1 + "\n　　庆祝活动隆重热烈。我市将专业镇建\n"
        assert "the page ends" in lint_with("BRK003")(page)[0].message

    def test_a_source_line_or_a_deck_is_no_truncation(self, lint_with):
        assert lint_with("BRK003")("标题\n\n" + S1 + "\n　　数据来源：中共苏州市吴江区委宣传部\n") == []
        assert lint_with("BRK003")(raw_text(SEED_002)) == []  # subheads with 、 are display type


class TestPageJump:
    def test_reports_markers_with_their_page(self, lint_with):
        text = raw_text(SEED_002)
        found = lint_with("BRK004")(text)
        assert lines_of(text, found) == [11] and "continues on page 2" in found[0].message
        assert found[0].severity is Severity.INFO and found[0].fix is None
        assert page_number("二") == 2 and page_number("十二") == 12 and page_number("20") == 20

    def test_points_at_the_continuation_in_the_corpus(self):
        page_a = "坚定信心开新局\n\n" + S1 + "\n　　我们要把蓝图变成现实。（下转第二版）\n"
        page_b = "另一篇文章\n\n" + S2 + "\n\n坚定信心开新局\n\n　　（上接第一版）各级干部要担当作为。\n"
        corpus = Corpus(texts=[("a/1.txt", page_a), ("a/2.txt", page_b)])
        found = list(PageJump().check(Document(page_a, path="a/1.txt", corpus=corpus)))
        assert len(found) == 1 and [(r.path, r.line) for r in found[0].related] == [("a/2.txt", 7)]
        alone = list(PageJump().check(Document(page_a, path="a/1.txt", corpus=Corpus(texts=[("a/1.txt", page_a)]))))
        assert alone[0].related == ()
