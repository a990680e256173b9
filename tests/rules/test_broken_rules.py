"""The broken-paragraph family on the seed pages and on short pieces of clean news text: which
cuts it finds and joins, what it leaves alone, truncations and page jumps."""
from __future__ import annotations

from lint.corpus import Corpus
from lint.document import Document
from lint.finding import Applicability, Severity
from lint.chars import display_width
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
                "欢庆伟大祖国\n　　生日，场面壮观。\n")
        found = lint_with("BRK001")(page)
        assert len(found) == 1 and found[0].fix.applicability is Applicability.UNSAFE  # the open sentence alone
        assert "伟大祖国生日，场面壮观" in lint_with("BRK001").fix(page, unsafe=True)
        found = lint_with("BRK001")(page.replace("祖国\n", "祖国的\n"))
        assert "ends with '的', which cannot end a sentence" in found[0].message
        assert found[0].fix.applicability is Applicability.SAFE

    def test_seams_that_show_the_cut(self, lint_with):
        check = lint_with("BRK001")
        number = "标题\n\n" + S1 + "\n　　全省已建成医疗机构和7\n　　0家定点医院。\n"
        assert "a number runs across the break" in check(number)[0].message
        quote = "标题\n\n" + S1 + "\n　　中方愿同各方共建“一带\n　　一路”，实现共同发展。\n"
        assert "'“' opens before the break and '”' closes after it" in check(quote)[0].message
        # a line the classifier takes for a subhead is joined only on such evidence
        subhead = "标题\n\n" + S1 + "\n　　深化改革扩大开放\n" + S2 + "\n"
        assert check(subhead) == []
        assert len(check(subhead.replace("扩大开放\n", "扩大开放的\n"))) == 1

    def test_a_word_the_joined_text_reads_across_the_break(self, lint_with):
        check = lint_with("BRK001")
        cut = "标题\n\n" + S1 + "\n　　有必要尽早顺利启动旨在促进双\n　　边贸易与合作的协定谈判。\n"
        assert "'双边' runs across the break" in check(cut)[0].message
        # a subhead whose last character and the next line's first make a word (国别), but
        # the text read as one splits 家国 | 别开生面: no cut
        subhead = "标题\n\n" + S1 + "\n　　感受巨变　情系家国\n　　别开生面的庆祝活动在各地举行。\n"
        assert check(subhead) == []

    def test_verse_is_not_joined(self, lint_with):
        verse = "标题\n\n" + S1 + "\n　　几回回梦里回延安，\n　　双手搂定宝塔山。\n" + S2 + "\n"
        assert lint_with("BRK001")(verse) == []

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


def test_the_join_weighs_a_double_at_the_seam_with_the_users_dup002_options():
    """BRK001 judges the characters printed on both sides of a seam as DUP002 does, configured
    as the user configured DUP002 (here: an allowlist entry makes the double correct)."""
    from lint.config import load_config
    from lint.engine import Linter
    from lint.records import replace

    text = "全市推进治理\n\n　　今年以来，全市各部门认真落实要求。全市进一步加强城市交通\n　　交通管理更加数字化，群众出行更方便。\n"

    def brk001(settings):
        config = replace(load_config(None).with_cli(select=["BRK001"]), rule_settings=settings)
        return Linter(config.rules_for(None), config.layout).check(text).findings

    found = brk001({})
    assert len(found) == 1 and "'交通' is printed on both sides" in found[0].message
    assert text[found[0].fix.edits[0].start:found[0].fix.edits[0].end] == "\n　　交通"  # the join drops the copy
    assert brk001({"DUP002": {"allow": ["交通交通"]}}) == []  # the user's allowlist reaches the join


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

    def test_the_page_ending_in_a_first_sentence(self, lint_with):
        # no full stop in the last paragraph: it reads like a subhead, but body text precedes it
        # and it has a comma in it
        page = "标题\n\n" + S1 + "\n　　“应对人工智能、大数据在内的新技术，以及随之带来的变化，管理机制也需做\n"
        assert "the page ends" in lint_with("BRK003")(page)[0].message
        assert lint_with("BRK003")("标题\n\n" + S1 + "\n　　感受巨变　情系家国\n") == []

    def test_a_source_line_or_a_deck_is_no_truncation(self, lint_with):
        assert lint_with("BRK003")("标题\n\n" + S1 + "\n　　数据来源：中共苏州市吴江区委宣传部\n") == []
        assert lint_with("BRK003")("标题\n\n" + S1 + "\n　　我市召开会议。　　2019年10月17日\n") == []
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


def hard_wrap(paragraphs, width=17, indent_lost=True):
    """Print paragraphs as raw OCR does: a newline at the end of every column line, the
    paragraph indent dropped (the first line is two characters short), a blank line between."""
    out = []
    for para in paragraphs:
        lines, line, room = [], "", width - 2 if indent_lost else width
        for c in para:
            if display_width(line + c) > room:
                lines.append(line)
                line, room = "", width
            line += c
        out.append("\n".join(lines + [line]))
    return "\n\n".join(out) + "\n"


ARTICLE = [
    "10月1日上午，庆祝中华人民共和国成立70周年大会在北京天安门广场隆重举行。二十余万军民以盛大的阅兵仪式和群众游行欢庆伟大祖国70华诞。",
    "国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇、旌旗飘扬。天安门广场上，巨型五星红旗和“1949”“2019”字标分立两侧。",
]


class TestHardWrappedLines:
    def test_reflows_raw_ocr_lines_into_paragraphs(self, lint_with):
        page = "庆祝大会在京隆重举行\n" + hard_wrap(ARTICLE)
        found = lint_with("BRK005")(page)
        assert len(found) == 2  # one per block of wrapped lines
        assert "hard-wrapped at 17 characters" in found[0].message
        assert found[0].fix.applicability is Applicability.UNSAFE
        # the headline stays apart; each paragraph opens with two ideographic spaces, as Chinese
        # text sets it, and the blank line between two of them goes
        fixed = lint_with("BRK005").fix(page, unsafe=True)
        assert fixed == "庆祝大会在京隆重举行\n" + "".join(f"　　{a}\n" for a in ARTICLE)
        kept = lint_with("BRK005", paragraphs="keep").fix(page, unsafe=True)
        assert kept == "庆祝大会在京隆重举行\n" + "\n\n".join(ARTICLE) + "\n"

    def test_a_full_line_ending_a_sentence_before_a_short_first_line_ends_the_paragraph(self, lint_with):
        # no blank line between the paragraphs: the second shows by its first line, short by
        # the indent OCR dropped, after a full line that ends a sentence
        first = ["我看到，中国的发展正获得更多国", "家和人民发自内心的认同与真诚赞赏。"]
        assert [display_width(x) for x in first] == [15, 17]
        page = "\n".join(first) + "\n" + hard_wrap(ARTICLE[::-1])
        fixed = lint_with("BRK005", paragraphs="keep").fix(page, unsafe=True)
        assert fixed == "".join(first) + "\n" + "\n\n".join(ARTICLE[::-1]) + "\n"

    def test_a_paragraph_after_an_open_sentence_is_not_indented(self, lint_with):
        # a blank line after a line that ends mid-sentence may be a cut (BRK001's): no indent there
        page = hard_wrap(ARTICLE[:1]) + "\n\n" + hard_wrap(["国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇"]) \
            + "\n\n" + hard_wrap(ARTICLE[1:]) + "\n"
        fixed = lint_with("BRK005").fix(page, unsafe=True)
        assert fixed.startswith("10月1日上午")  # the page's first line: a headline's place
        assert "华诞。\n　　国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇\n" in fixed
        assert "花团锦簇\n\n\n国庆佳节之际" in fixed  # after an open sentence: as printed

    def test_leaves_pages_of_one_paragraph_a_line_alone(self, lint_with):
        check = lint_with("BRK005")
        assert check(raw_text(SEED_000)) == [] and check(raw_text(SEED_002)) == []
        assert check("标题\n\n" + "\n".join("　　" + a for a in ARTICLE * 4) + "\n") == []
        verse = "\n".join(["手抓黄土我不放，", "紧紧儿贴在心窝上。", "几回回梦里回延安，", "双手搂定宝塔山。"] * 3)
        assert check(verse + "\n") == []

    def test_cut_rules_leave_wrapped_lines_to_the_reflow(self, lint_with):
        page = "庆祝大会在京隆重举行\n" + hard_wrap(ARTICLE)
        assert lint_with("BRK001")(page) == [] and lint_with("BRK003")(page) == []


def test_a_cut_whose_halves_read_as_subheads_is_joined_on_a_word_across(lint_with):
    """Short fragments of a cut paragraph read as subheads (no stop; the second lost its
    indent), but each has a comma, and 我国 runs across the break."""
    text = ("共享太平\n\n　　中国太平保险集团1929年在上海创立，是我\n国持续经营历史最为悠久的民族保险品牌之一，"
            "是我国唯一一家总部\n设在香港的中央金融企业。\n")
    found = lint_with("BRK001")(text)
    assert [f.message.split(": ")[-1] for f in found][:1] == ["'我国' runs across the break"]
    assert "是我国持续经营" in lint_with("BRK001").fix(text)


def test_a_subhead_after_a_cut_looking_line_stays_apart(lint_with):
    text = "　　今年以来，全省经济运行稳中有进，各项工作取得明显成效。\n　　擦亮国之重器，突破核心技术\n　　全省上下凝心聚力，奋力推动高质量发展。\n"
    assert lint_with("BRK001")(text) == []


def test_a_subhead_set_in_after_the_last_sentence_of_a_line_is_no_cut(lint_with):
    # the web export runs a subhead into the line before it, set in by an ideographic indent
    text = ("　　京沪高铁将在相城交汇。相城依托高铁北站，打造国家级高铁枢纽。\n"
            "　　相城将在推进交通运输服务一体化等方面先行先试，加快建设创新发展先导区。　　狠抓项目\u00a0\u00a0 转换动能\n"
            "　　构筑经济发展新格局　　一辆辆飞驰的“和谐号”“复兴号”列车，为相城带来了源源不断的人流、物流和资金流。\n")
    assert lint_with("BRK001")(text) == []


def test_a_line_that_stops_inside_its_last_sentence_is_still_a_cut(lint_with):
    text = ("　　京沪高铁将在相城交汇。相城依托高铁北站，打造国家级高铁枢纽。\n"
            "　　相城将在推进交通运输服务一体化等方面先行先试，加快建设创新发展先导区。狠抓项目转换动能\n"
            "　　构筑经济发展新格局，一辆辆飞驰的“和谐号”“复兴号”列车，为相城带来了源源不断的人流、物流和资金流。\n")
    assert len(lint_with("BRK001")(text)) == 1


def test_a_headline_of_phrases_set_apart_is_not_joined_on_a_word_across(lint_with):
    # 都市夜 | 晚8时许 forms 夜晚, but a line of two phrases set apart by a space is a headline
    text = ("　夜游兴起\u00a0游船灯光点亮都市夜\n"
            "　　晚8时许，夜幕低垂，成都的东门码头灯火通明，游客排起了长队。\n")
    assert lint_with("BRK001")(text) == []
    joined = text.replace("\u00a0", "")
    assert len(lint_with("BRK001")(joined)) == 1
