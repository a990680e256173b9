"""The duplicate family on the seed pages and on short pieces of clean news text: what each rule
flags, what it leaves alone, and what its fix makes of the page."""
from __future__ import annotations

import pytest

from lint.corpus import Corpus
from lint.document import Document
from lint.finding import Applicability
from lint.rules.duplicate.repeated_across_pages import RepeatedAcrossPages
from tests.conftest import SEED_000, SEED_002, raw_text

from .conftest import spans

# Two paragraphs of a People's Daily article, each over 50 Han characters.
P1 = ("　　10月1日上午，庆祝中华人民共和国成立70周年大会在北京天安门广场隆重举行，"
      "20余万军民以盛大的阅兵仪式和群众游行欢庆伟大祖国70华诞。")
P2 = ("　　国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇、旌旗飘扬，"
      "天安门城楼庄严雄伟，城楼檐下8盏大红灯笼高高悬挂，广场上欢歌笑语不断。")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def misplaced_half(lead: str, cut: str, half: str) -> str:
    """A page whose paragraph `cut` + `half` was cut at a column break and its second half printed
    again earlier, after the line `lead`: lines 4 (lead), 5 (the misplaced copy), 7 (cut), 8."""
    return f"标题\n\n{P1}\n　　{lead}\n　　{half}\n{P2}\n　　{cut}\n　　{half}\n"


class TestRepeatedText:
    def test_column_read_twice_and_misplaced_blocks_in_seed_002(self, lint_with):
        text = raw_text(SEED_002)
        found = lint_with("DUP001")(text)
        assert [line_of(text, f.start) for f in found] == [37, 71]
        assert [line_of(text, f.related[0].offset) for f in found] == [35, 107]
        assert "runs on inside the paragraph at line 35" in found[0].message
        assert "continues line 105 across the break" in found[1].message and "'交通管理'" in found[1].message
        assert all(f.fix.applicability is Applicability.SAFE for f in found)

    def test_fix_deletes_the_copies_with_their_blank_lines(self, lint_with):
        fixed = lint_with("DUP001").fix(raw_text(SEED_002))
        assert fixed.count("理更加数字化、精细化。") == 1
        assert "要深入践行以人民\n\n为中心的发展思想" in fixed  # block 37 gone, 35 now meets 39
        assert fixed.count("\n\n\n") == raw_text(SEED_002).count("\n\n\n")  # no new blank runs
        assert fixed.index("理更加数字化") > fixed.index("城市交通管")  # the copy after line 105 kept

    def test_near_copy_next_to_its_original_is_flagged_with_an_unsafe_fix(self, lint_with):
        tail = P2[-60:]
        changed = tail[:20] + "园" + tail[21:]  # one OCR difference
        text = "标题\n\n" + P1 + "\n\n" + P2 + "\n\n　　" + changed + "\n"
        found = lint_with("DUP001")(text)
        assert len(found) == 1 and "1 OCR difference" in found[0].message
        assert found[0].fix.applicability is Applicability.UNSAFE
        assert lint_with("DUP001").fix(text, unsafe=True) == "标题\n\n" + P1 + "\n\n" + P2 + "\n"

    def test_near_copy_with_differences_close_together_and_a_misread_numeral(self, lint_with):
        tail = P2[-60:]
        assert "庄严雄伟" in tail and "8盏" in tail
        changed = tail.replace("庄严雄伟", "庄产雄伪").replace("8盏", "B盏")  # 3 OCR differences
        text = "标题\n\n" + P1 + "\n\n" + P2 + "\n\n　　" + changed + "\n"
        found = lint_with("DUP001")(text)
        assert len(found) == 1 and "3 OCR differences" in found[0].message
        assert lint_with("DUP001").fix(text, unsafe=True) == "标题\n\n" + P1 + "\n\n" + P2 + "\n"

    def test_numbers_that_differ_are_not_ocr_noise(self, lint_with):
        a = "　　违反本法规定从事电子认证服务的，由密码管理部门责令改正或者停止违法行为，给予警告，没收违法所得；违法所得十万元以上的，可以并处罚款。"
        b = "　　违反本法规定提供电子政务服务的，由密码管理部门责令改正或者停止违法行为，给予警告，没收违法所得；违法所得三十万元以上的，可以并处罚款。"
        assert lint_with("DUP001")("条例\n" + a + "\n" + P1 + "\n" + b + "\n") == []

    def test_a_misplaced_copy_is_found_when_the_paragraphs_after_both_copies_open_alike(self, lint_with):
        # rmrb2019 20191010-01-05 with a column's second half printed again earlier: both copies
        # are followed by a paragraph opening '李克强', which the repeat must not take in
        half = "彩纷呈、成果丰硕。在开幕式上，中国国家主席习近平倡导共同建设美丽地球家园、构建人类命运共同体。"
        page = ("标题\n\n" + P1 + "\n　　" + half + "\n　　李克强在致辞中代表中国政府和人民祝贺本届世园会成功举办。\n"
                "　　他表示，本届世园会以“绿色生活，美丽家园”为主题，精\n　　" + half +
                "\n　　李克强指出，中华人民共和国成立70年来，各项事业取得历史性成就。\n")
        found = lint_with("DUP001")(page)
        assert [line_of(page, f.start) for f in found] == [4]
        assert line_of(page, found[0].related[0].offset) == 7 and "'精彩纷呈'" in found[0].message

    def test_of_two_copies_after_unfinished_paragraphs_the_one_after_a_visible_cut_stays(self, lint_with):
        # rmrb2019 20191009-19-02 with a column's second half printed again earlier: the lead
        # before it lacks a full stop too, but only the cut half stops inside a 《title》
        half = "规范健康发展的指导意见》（以下简称《意见》），总结平台经济成长过程中的经验做法，为下一步平台经济更好发展指出方向。"
        page = ("标题\n\n　　平台经济能够进一步释放消费潜力，更好满足人民日益增长的美好生活需要\n　　" + half + "\n" + P1 +
                "\n　　日前，国务院办公厅印发《关于促进平台经济\n　　" + half + "\n" + P2 + "\n")
        found = lint_with("DUP001")(page)
        assert [line_of(page, f.start) for f in found] == [4]
        assert line_of(page, found[0].related[0].offset) == 7 and "breaks off mid-sentence before it ('…进平台经济')" in found[0].message

    def test_a_tail_read_twice_stays_found_when_the_next_paragraph_opens_like_the_copy(self, lint_with):
        # rmrb2019 20191021-07-01 with a column read twice: '20个乡…' then '2015年…' after it
        tail = "20个乡、镇，300余名村医。多位都安村医告诉记者，目前平均一个村卫生室服务约2000名村民。"
        page = ("标题\n\n" + P1 + "\n　　都安瑶族自治县地处大石山区，全县共有" + tail + "\n　　" + tail +
                "\n　　2015年，都安各乡镇卫生院开始统一招聘村医。\n")
        found = lint_with("DUP001")(page)
        assert [line_of(page, f.start) for f in found] == [5]

    def test_a_numbered_subhead_does_not_lead_into_the_copy_after_it(self, lint_with):
        # rmrb2019 20191029-03-02 with a misplaced copy after '二、…': the 、 numbers the subhead
        half = "访问，对推动中乌全面战略伙伴关系深入发展、促进两国共建“一带一路”合作具有重要意义。"
        page = misplaced_half("二、关于访问乌兹别克斯坦", "陈晓东表示，此访是李克强总理首次对乌进行正式", half)
        found = lint_with("DUP001")(page)
        assert [line_of(page, f.start) for f in found] == [5]
        assert line_of(page, found[0].related[0].offset) == 8

    def test_a_subhead_without_its_stop_leads_into_the_copy_after_it_less_than_a_cut_paragraph(self, lint_with):
        # rmrb2019 20191005-04-01 with a column's second half printed again after a subhead:
        # both lack a sentence end, but only the paragraph finishes sentences and then stops short
        half = "教育，海淀区亮出“组合拳”，精心设计了“我在基层·迎国庆”大调研、“我在基层·保民生”大整治三大主题。"
        page = misplaced_half("北京：向问题“叫板”，让群众“叫好”", "海淀区制定全区开展主题教育实施方案。为了有节奏有计划地开展主题", half)
        found = lint_with("DUP001")(page)
        assert [line_of(page, f.start) for f in found] == [5]
        assert line_of(page, found[0].related[0].offset) == 8 and "line 4 lacks a sentence end" in found[0].message

    def test_a_list_cut_mid_word_and_read_twice_is_no_list_of_names(self, lint_with):
        # rmrb2019 20191011-04-05 with a column read twice: the copy starts inside 十九大
        tail = "大以来经济、政治、文化、社会、生态文明、军队和国防、外交、党的建设等方面取得的历史性成就。"
        page = "标题\n\n" + P1 + "\n　　全面总结党的十九" + tail + "\n　　" + tail + "\n" + P2 + "\n"
        assert [line_of(page, f.start) for f in lint_with("DUP001")(page)] == [5]

    def test_a_repeat_of_short_clauses_is_found(self, lint_with):
        # rmrb2019 20191030-20-03: no clause reaches the anchor length, a window over them does
        tail = "桔花飘香，沁人心脾；夏日游湖，绿波闪闪，凉风习习；秋日采桔，金果满枝，蜜桔可人；冬日观傩，古朴神奇。"
        page = "标题\n\n" + P1 + "\n　　你看：春日踏青，" + tail + "\n　　，" + tail + "\n" + P2 + "\n"
        assert [line_of(page, f.start) for f in lint_with("DUP001")(page)] == [5]

    def test_near_copies_with_two_misreads_side_by_side_or_early_in_every_clause(self, lint_with):
        # rmrb2019 20191011-03-07 and 20191022-19-01 with a tail read twice and OCR noise
        body = "　　美国商务部将相关中国实体列入出口管制“实体清单”、实施出口限制。这种行径进一步暴露了美方干扰新疆反恐努力、阻挠中国稳定发展的险恶用心。"
        copy = "　　入出口管制“实体清单”、实施出口限制。这种行径进一步暴露了蚆嬂干扰新疆反恐努力、阻挠中国稳定发展的险恶用心。"
        page = "标题\n\n" + P1 + "\n" + body + "\n" + copy + "\n" + P2 + "\n"
        found = lint_with("DUP001")(page)
        assert [line_of(page, f.start) for f in found] == [5] and "2 OCR differences" in found[0].message
        body = "　　走进河北省承德市滦平县周台子村，映入眼帘的是一片欣欣向荣的景象，勾勒出这个幸福新村美丽动人的画卷。"
        copy = "　　滦平县周台子村，映入眼帘陳是一片欣欣向荣的景象，勾勒出这个幸福鋳村美丽动人的画卷。"
        page = "标题\n\n" + P1 + "\n" + body + "\n" + copy + "\n" + P2 + "\n"
        assert [line_of(page, f.start) for f in lint_with("DUP001")(page)] == [5]

    def test_leaves_standfirst_slogan_and_name_list_alone(self, lint_with):
        # 核心阅读: a standfirst repeats a sentence of the article (rmrb2019 20191031-20-03 style)
        standfirst = "今天，大力传承中华优秀传统文化，实现创造性转化与创新性发展，正在为更多音乐人担当与践行。"
        page = ("赋予民族音乐新的时代内涵\n\n　　核心阅读\n　　" + standfirst + "\n　　\n" + P1 + "\n"
                "　　对于中国民乐而言，2019年是不平凡的一年，" + standfirst + "\n")
        assert lint_with("DUP001")(page) == []
        slogan = "深入学习贯彻习近平总书记对山西工作的重要讲话重要指示精神"
        page = ("标题\n\n　　会议强调，要" + slogan + "，推动各项工作。\n" + P1 + "\n"
                "　　大家表示，将" + slogan + "，奋力谱写新篇章。\n")
        assert lint_with("DUP001")(page) == []
        names = "王拥军、李金科、张复明、李青山、李思进、闫晨曦、王蕾、刘海星"
        page = ("标题\n\n　　省领导" + names + "出席。\n" + P1 + "\n　　" + "会见时，" + names + "在座。\n")
        assert lint_with("DUP001")(page) == []


class TestDoubledAtBreak:
    def test_flags_the_seed_and_fixes_by_joining(self, lint_with):
        text = raw_text(SEED_000)
        found = lint_with("DUP002")(text)
        assert len(found) == 1 and line_of(text, found[0].start) == 51
        assert found[0].fix.applicability is Applicability.SAFE
        fixed = lint_with("DUP002").fix(text)
        assert "缓解道路拥堵问题、破解山西省" in fixed and "拥堵\n" not in fixed

    @pytest.mark.parametrize("tail, head", [
        ("他们充分利", "利用各种学术工具为古籍整理贡献力量。"),
        ("推动城市交通", "交通管理更加数字化、精细化。"),
        ("多种语言对话的机器人更是深", "深受欢迎，与来宾互动非常热烈。"),  # 深深 is a word, 深受 commoner
        ("越南农业与农村发展部10月22日", "日在首都河内举行活动。"),  # the first 日 ends the date
        ("大家协同攻关，打了一", "一场漂亮的硬仗。"),  # a numeral: 一场 after the break
        ("让老手艺人重拾", "拾深入乡村的信心。"),  # 拾 is a numeral (financial ten) only beside one
        # 统统 and 大大 are words, but the copy before the break ends 传统, 十八大
        ("云米认为，沿用传统", "统模式做家电，是行不通的。"),
        ("这是实现伟大飞跃。中共十八大", "大以来，中国的发展迈上了新台阶。"),
        # 高质 and 质量 are words, but 高质量发展 reads far better (部长 next to 统战部 does not)
        ("坚定不移推动经济高质", "质量发展，不断增强经济实力。"),
        # 一 belongs to a longer word, or the copy after the break starts one: no 一步步
        ("干部作风进一步", "步转变，凝聚起团结奋斗的力量。"),
        ("形成了鲜明特质的一系", "系列制度安排。"),
        # 久久 is listed, but 经久不息 reads far better; 史 ends 发展史 and is no surname here
        ("精彩的表演赢得现场观众经久", "久不息的掌声。"),
        ("回顾新中国70年的发展史可", "可以看出，从新中国成立到今天。"),
    ])
    def test_flags_doubles_at_a_column_break(self, lint_with, tail, head):
        text = f"标题\n\n　　据了解，{tail}\n　　{head}\n"
        assert len(lint_with("DUP002")(text)) == 1

    def test_a_name_across_a_break_that_the_page_spells_once_elsewhere(self, lint_with):
        # rmrb2019 20191018-05-04 cut at a column break inside 徐前凯, his name read twice there
        cut = "　　火车已到身旁。在铁轨里，徐前\n　　前凯支撑用力的右腿已经收不回来了。\n"
        assert lint_with("DUP002")("标题\n\n" + cut) == []
        page = "标题\n\n　　徐前凯是一名铁路工人。\n" + cut
        found = lint_with("DUP002")(page)
        assert len(found) == 1 and "elsewhere the page reads '徐前凯'" in found[0].message
        assert lint_with("DUP002").fix(page, unsafe=True).endswith("在铁轨里，徐前凯支撑用力的右腿已经收不回来了。\n")

    @pytest.mark.parametrize("tail, head", [
        ("会议由省委统战部", "部长主持，与会同志发言踊跃。"),  # 统战部|部长
        ("我们设立专项资金，用于资助", "助学项目和乡村教师培训。"),  # 资助|助学
        ("历史的画卷在这里徐", "徐展开，令人心潮澎湃。"),  # 徐徐
        ("这是我们的目标。", "目标已经写进了规划。"),  # the paragraph ends a sentence
        ("合同金额为人民币壹拾", "拾万元整，分两期支付。"),  # 壹拾|拾万: numerals
        ("天安门前绽放着一张", "张笑脸，洋溢着喜悦。"),  # 一张张
    ])
    def test_leaves_correct_text_across_a_break_alone(self, lint_with, tail, head):
        assert lint_with("DUP002")(f"标题\n\n　　据了解，{tail}\n　　{head}\n") == []

    def test_headline_then_body_is_not_a_break(self, lint_with):
        assert lint_with("DUP002")("推动高质量发展\n\n发展是第一要务，创新是第一动力。\n") == []

    def test_a_subhead_whose_last_word_opens_the_body_is_left_alone(self, lint_with):
        # rmrb2019 20191031-09-02 and 20191006-07-01: display lines, not a cut paragraph
        page = "标题\n\n" + P1 + "\n　　进一步稳就业\n　　就业是民生之本，也是经济增长的重要支撑。\n"
        assert lint_with("DUP002")(page) == []
        page = "标题\n\n" + P1 + "\n　　观\u00a0马\n　　马镇就位于坝上草原，在丰宁满族自治县。\n"
        assert lint_with("DUP002")(page) == []

    def test_a_first_half_that_reads_as_a_subhead_is_still_cut_when_a_word_runs_on(self, lint_with):
        # no comma in the first half, so the classifier calls it display type; 大会 runs across
        page = "标题\n\n　　第十三届全国人民代表大\n　　大会常务委员会第十四次会议审议了议案。\n"
        found = lint_with("DUP002")(page)
        assert len(found) == 1 and "代表大会常务委员会" in lint_with("DUP002").fix(page, unsafe=True)

    def test_a_first_half_that_reads_as_a_subhead_is_still_cut_when_the_words_leave_no_doubt(self, lint_with):
        # no comma before the break; 全球 | 球 | 商品: the copy after the break stands alone
        page = "标题\n\n　　会常年交易平台——绿地全球\n　　球商品贸易港，开业不到一年。\n"
        found = lint_with("DUP002")(page)
        assert len(found) == 1 and found[0].fix.applicability is Applicability.SAFE
        assert "绿地全球商品贸易港" in lint_with("DUP002").fix(page)

    @pytest.mark.parametrize("tail, head", [
        ("由人民日报社主办的2019媒体融合发展论坛", "坛在这里开幕，来自政府部门的代表出席。"),
        ("在庆祝中华人民共和国成立70周年大会上的", "的重要讲话中强调，前进征程上要不忘初心。"),
    ])
    def test_a_first_half_that_reads_as_a_subhead_is_still_cut_when_the_body_opens_alone(self, lint_with, tail, head):
        # no comma before the break, but a body under a subhead would open with a word
        page = f"标题\n\n　　{tail}\n　　{head}\n"
        found = lint_with("DUP002")(page)
        assert len(found) == 1 and tail + head[1:] in lint_with("DUP002").fix(page, unsafe=True)

    def test_a_character_common_on_its_own_gets_an_unsafe_fix(self, lint_with):
        found = lint_with("DUP002")("标题\n\n　　据了解，他说我现在\n　　在广州工作，一切都好。\n")
        assert len(found) == 1 and found[0].fix.applicability is Applicability.UNSAFE

    def test_a_paragraph_that_starts_with_the_double_does_not_crash(self, lint_with):
        text = "标题\n\n　　这是一个成功历程。中国智慧、中\n　　中国方案是中国前进的动力之源。\n"
        assert len(lint_with("DUP002")(text)) == 1


class TestDoubledCharacter:
    def test_flags_the_seed_and_drops_one_copy(self, lint_with):
        text = raw_text(SEED_000)
        found = lint_with("DUP003")(text)
        assert spans(text, found) == ["催催"] and line_of(text, found[0].start) == 53
        assert found[0].fix.applicability is Applicability.SAFE
        assert "新任程催人奋进" in lint_with("DUP003").fix(text)

    @pytest.mark.parametrize("sentence", [
        "“十五五”时期是我国基本实现社会主义现代化夯实基础的关键时期。",
        "历史的画卷徐徐展开，莘莘学子在这里成长。",
        "刚刚过去的一年，我们牢牢把握殷殷嘱托，大大提升了服务能力。",
        "省委统战部部长出席会议，设立资助助学基金。",
        "交通运输部部长李小鹏介绍了有关情况。",
        "一张张笑脸在天安门前绽放。",
        "“我现在在广州，一切都好。”",
        "在开始探索核潜艇艇体线型方案时，他碰到了难题。",
        "潘丽丽说，这是她第一次参加。",
        "新的班级的班主任任老师还组织了一个学习小组。",  # 任 is a surname before 老师
        "青瓷皎皎，彩灯盏盏。国庆期间，灯会民俗与陶瓷文化交相辉映。",  # a measure word doubled: every lamp
        "外国人可在上海海、陆、空港口岸办理入境手续。",  # 海、陆、空: one-character words listed
        "全省省、地两级图书馆都开展了活动。",
        # corpus sentences the bolder checks below must leave alone
        "从“打打牌、喝喝酒”变成“看看书”，生活充电、加加油。",  # a verb doubled before its object
        "宣传鼓动部部长朴光浩、八一现代五项队队员李昌恒出席。",  # a unit, then its head or member
        "孩子们挥舞中尼两国国旗。",  # the first copy ends a word the list has (两国)
        "截至2018年年底，达沃斯论坛2024年年会今天举行。",  # the second copy starts 年底, 年会
        "活动庆佳节，和和美美过大年，个中道道儿也不少。",  # AABB and an erhua double
        # a clause opening with the double: a lead before a phrase, a rare word, a list
        "对对冲基金的监管正在加强，以以色列为例。",
        "我们帐篷不远处“滑滑梯”，那天的雪地很厚。",
        "１５个省、区、市市场销售的９类商品。",
        "签证政策的上海海、陆、空港口开放。",
        # corpus sentences the function-word and common-character checks must leave alone
        "似乎还有点冤枉他他说这也是不得已。",  # a pronoun ends one clause and starts the next
        "羊群自由自在地吃草，只只肥壮。",  # a measure word doubled: every sheep
        "年全国双拥工作作了部署。",  # 作 is a verb taking 了
        "自由式滑雪雪上技巧比赛全部完成。",  # a place word after a noun
        "在这场比赛中中国队获胜，在3.35%的基础上上浮5%。",
        "客座研究人员乌仁其其格设计了方案。",  # a name the allowlist holds
        "北京世园会会旗依次徐徐降下。",  # 会 stands alone as a grammatical word too
        "内蒙古人喊“父老老”。",  # a rare word before the mark may be a name
        "让他们也开开眼界，好好休息。",  # a verb doubled before its object
        "化并放流这些土著鱼鱼苗50万余尾。",  # 土著鱼 is a word the list lacks
        "往往采取不了了之的态度，他再也飞不了了……",  # 了 doubled inside a word, or after 不了
        # never doubled, yet each of these ends a word and then stands alone
        "电子档案可以以电子形式作为凭证，劳动者成为为资本服务的雇佣劳动者。",
        "实事求是是马克思主义的精髓，迪研究院工业经济所所长秦海林认为。",
        "年销售吉他5万把、尤克里里6万把，成果成了“金果果”。",  # a listed double before a number or a mark
        "红星中学初二（６）班班主任李玉莲老师说。",  # a numbered class, then its head teacher
    ])
    def test_leaves_correct_doubles_alone(self, lint_with, sentence):
        assert lint_with("DUP003")(f"标题\n\n　　{sentence}\n") == []

    @pytest.mark.parametrize("sentence, double", [
        ("日本社会医疗费金额也在不断断增加。", "断断"),  # 不断 | 断 | 增加
        ("遂宁市推行“零跑腿”改革后，办事时间大幅缩缩短。", "缩缩"),
        # the copy closes a clause, or stands before a particle and a word (corpus sentences, doubled)
        ("为世界和平贡献中国力量量，为世界经济发展贡献中国智慧。", "量量"),
        ("在医疗队回国国。在医疗队回国前夕，苏丹卫生部长到场送行。", "国国"),
        ("他成了“老工人”，遇到难题题和大家一起想办法。", "题题"),
        ("就全媒体时代代和媒体融合发展举行集体学习。", "代代"),
    ])
    def test_flags_a_copy_left_between_two_words(self, lint_with, sentence, double):
        text = f"标题\n\n　　{sentence}\n"
        assert spans(text, lint_with("DUP003")(text)) == [double]

    @pytest.mark.parametrize("sentence, double, reason", [
        # corpus sentences with one character doubled, each caught by a different check
        ("万先生说“是因因为很多人在支持。", "因因", "reads '是因为'"),
        ("兴翼在产业业链上做文章。", "业业", "reads '产业链'"),
        ("在新闻传播和新技技术运用方面。", "技技", "stands alone after '新'"),
        ("推动高质量发展，持续续深化改革开放。", "续续", "ends '持续'"),
        ("（2019年年9月30日）", "年年", "belongs to the number"),
        ("为密码有关物品和和人员提供免检便利。", "和和", "common word"),
        # a clause opens with the double: no word before the first copy for it to end
        ("11月5日，国国家主席习近平出席开幕式。", "国国", "stands alone"),
        ("“中中央督导组到我们村里来了。”", "中中", "stands alone"),
        # the copy left over closes a list item, the paragraph, or follows a phrase the list holds
        ("具有全球化化、国际化视野。", "化化", "before the punctuation"),
        ("要切实增强责任感和紧迫感感", "感感", "at the paragraph's end"),
        ("切实维护用户的合法权益益。", "益益", "ends '合法权益'"),
        # 节假 and 假日 are words, but 节假日 reads far better
        ("每到节假假日就有不少游客前来。", "假假", "reads '节假日'"),
        # the copy after a word stands before a phrase the list holds, a function word, a dash,
        # 、 after a longer item; a listed double after a common word; a suffix after a long word
        ("适时增加加民族团结进步创建活动。", "加加", "before '民族团结'"),
        ("服务也有改进进的空间。", "进进", "before '的'"),
        ("基本实现现了全省村居全覆盖。", "现现", "ends '实现'"),
        ("纷纷表达了赞许许——这是好事。", "许许", "before the punctuation"),
        ("辽宁、浙江江、河南、海南等地。", "江江", "before the punctuation"),
        ("他强调调，大陆和台湾同属一个中国。", "调调", "before the punctuation"),
        ("扮演好引导者者和监督者的角色。", "者者", "ends '引导者'"),
        # a common character that is no grammatical word, standing alone beside its twin
        ("“我们们应该出题目给学生。”", "们们", "ends '我们'"),
        ("城市市发展新理念。", "市市", "ends '城市'"),
        ("一定会有更更多春天的花朵。", "更更", "common word"),
        ("也切实改变了了自己的命运。", "了了", "never doubled"),
        # the first copy after a function word, at a clause's start, or between two words
        ("抓好服务群众的载载体。", "载载", "stands alone after '的'"),
        ("要构构建专项扶贫格局。", "构构", "stands alone after '要'"),
        ("综合性赛事的东东道主。", "东东", "stands alone after '的'"),
        ("盘活资源，帮帮助民办老年培训机构。", "帮帮", "stands alone"),
        ("经济数数据辩证看。", "数数", "stands alone after '经济'"),
        # a function word never doubled, not even after a word that ends with it
        ("这一刻的荣耀，属于于全体军人运动员。", "于于", "ends '属于'"),
        ("随着着我国工业化进程加快。", "着着", "ends '随着'"),
        ("从这这个角度说，生态文明建设。", "这这", "starts '这个'"),
        # the copy after a word stands before what no word goes on into: a number, Latin, a quote
        ("集团公司将截至至2018年度审计结果。", "至至", "before '2018'"),
        ("参与组建中国国APEC研究院。", "国国", "before 'APEC'"),
        ("秦振华把宣传传“张家港精神”写在墙上。", "传传", "before the punctuation"),
        # a clause opens after a closing quote, a dash or a title: no word before the first copy
        ("——中中国科学院院士、北京大学教授。", "中中", "stands alone"),
        ("“我们要坚持下去。”中中山大学粤港澳发展研究院专家说。", "中中", "stands alone"),
        ("《中国的发展（2018—2019）》亮亮点扫描。", "亮亮", "stands alone"),
    ])
    def test_flags_doubles_the_words_around_them_reject(self, lint_with, sentence, double, reason):
        text = f"标题\n\n　　{sentence}\n"
        found = lint_with("DUP003")(text)
        assert spans(text, found) == [double] and reason in found[0].message
        assert found[0].fix.applicability is Applicability.UNSAFE

    def test_the_page_spelling_a_name_or_word_once_elsewhere_settles_a_double(self, lint_with):
        # rmrb2019 20191029-07-11 and 20191016-04-01 with one character doubled: alone, the words
        # leave each open (a given name 新新, a lone 献 that may start a word the list lacks)
        name = "　　记者近日采访了梁大东、王新新国、白永胜，听他们讲述过去的故事。\n"
        later = "　　王新国告诉记者，当年的条件非常艰苦。\n"
        assert lint_with("DUP003")("标题\n\n" + name) == []
        page = "标题\n\n" + name + later
        found = lint_with("DUP003")(page)
        assert spans(page, found) == ["新新"] and "elsewhere the page reads '王新国'" in found[0].message
        assert found[0].fix.applicability is Applicability.UNSAFE
        gift = "　　班禅和扎什伦布寺向党中央敬献献唐卡，唐卡主题是“班禅向党中央汇报”。\n"
        again = "　　据介绍，向党中央敬献唐卡是班禅的心愿。\n"
        assert lint_with("DUP003")("标题\n\n" + gift) == []
        assert spans("标题\n\n" + gift + again, lint_with("DUP003")("标题\n\n" + gift + again)) == ["献献"]

    def test_a_double_the_page_spells_so_elsewhere_stays_correct(self, lint_with):
        # 潘丽丽 again, or a spelling with one copy only next to the double's own context
        page = "标题\n\n　　潘丽丽说，大家都很高兴。\n　　记者见到潘丽丽时，潘丽说起往事。\n"
        assert lint_with("DUP003")(page) == []
        page = "标题\n\n　　记者采访了王新新国。\n　　王新国和王新新国是兄弟。\n"
        assert lint_with("DUP003")(page) == []
        # 邱县|县城 (a county and its town): 邱县城 elsewhere runs on into 城乡, no name
        page = "标题\n\n　　近几年，邱县县城企业、商户越来越多。\n　　在邱县城乡，史增海走遍了每个村。\n"
        assert lint_with("DUP003")(page) == []
        # a grammatical word stands alone beside its twin although the page reads 智能帮助 elsewhere
        page = "标题\n\n　　人工智能能帮助我们从简单劳动中解放出来。\n　　专家认为，人工智能帮助医生提高了效率。\n"
        assert lint_with("DUP003")(page) == []
        # a unit and its head (rmrb1998: the paper writes 检查官室室长 once and 检查官室长 thrice)
        page = ("标题\n\n　　金融证券检查官室长宫川宏一被捕。\n　　２６日，金融检查部金融证券检查官室室长宫川宏一"
                "和该部管理课课长被捕。\n")
        assert lint_with("DUP003")(page) == []

    def test_leaves_bylines_alone(self, lint_with):
        assert lint_with("DUP003")("本报记者 纪元元\n\n　　会议指出，要抓好落实。\n") == []

    def test_allow_and_never_doubled_options(self, lint_with):
        text = "标题\n\n　　新的一年新任程催催人奋进。\n"
        assert len(lint_with("DUP003")(text)) == 1
        assert lint_with("DUP003", allow=["催催人"])(text) == []
        plain = "标题\n\n　　昨天他他来到这里，大家很高兴。\n"
        assert lint_with("DUP003")(plain) == []
        found = lint_with("DUP003", **{"never-doubled": "他"})(plain)
        assert spans(plain, found) == ["他他"] and found[0].fix.applicability is Applicability.UNSAFE


class TestRepeatedAcrossPages:
    def check(self, name, text, pages):
        corpus = Corpus(texts=pages)
        return list(RepeatedAcrossPages().check(Document(text, path=name, corpus=corpus)))

    def test_groups_consecutive_paragraphs_and_points_at_the_other_page(self):
        page_a = "甲报标题\n\n" + P1 + "\n\n" + P2 + "\n"
        page_b = "乙报标题\n\n　　另一段很短的话。\n\n" + P1 + "\n\n" + P2 + "\n"
        pages = [("a/1.txt", page_a), ("b/1.txt", page_b)]
        found = self.check("a/1.txt", page_a, pages)
        assert len(found) == 1 and found[0].message.startswith("2 consecutive paragraphs also in 1 other page")
        assert [(r.path, r.line) for r in found[0].related] == [("b/1.txt", 5), ("b/1.txt", 7)]
        assert found[0].severity.value == "info" and found[0].fix is None

    def test_near_copy_is_found_and_the_page_itself_is_not(self):
        near = P1.replace("隆重", "降重")
        pages = [("x/p.txt", "标题\n\n" + P1 + "\n"), ("y/q.txt", "标题\n\n" + near + "\n")]
        found = self.check("x/p.txt", pages[0][1], pages)
        assert len(found) == 1 and "near copy" in found[0].message
        # a copy of the same page elsewhere (same folder and file name) is that page
        assert self.check("x/p.txt", pages[0][1], [("x/p.txt", pages[0][1]), ("other/x/p.txt", pages[0][1])]) == []

    def test_a_wire_story_on_many_pages_lists_the_first_few_by_page_name(self):
        page = "标题\n\n" + P1 + "\n\n" + P2 + "\n"
        # seven other pages, listed out of order, one with a line before the story
        pages = [(f"w/{n}.txt", ("标题\n\n　　另一段很短的话。\n\n" if n == 3 else "标题\n\n") + P1 + "\n\n" + P2 + "\n")
                 for n in (6, 2, 7, 4, 1, 5, 3)] + [("mine/p.txt", page)]
        found = self.check("mine/p.txt", page, pages)
        assert len(found) == 1
        assert found[0].message == ("2 consecutive paragraphs also in 7 other pages of the corpus (exact copy), "
                                    "first w/1.txt:3")
        # max-related (5) places: the first paragraph's copies, by page name
        assert [(r.path, r.line) for r in found[0].related] == [
            ("w/1.txt", 3), ("w/2.txt", 3), ("w/3.txt", 5), ("w/4.txt", 3), ("w/5.txt", 3)]

    def test_short_and_unrelated_paragraphs_are_left_alone(self):
        pages = [("a.txt", "标题\n\n　　（完）\n\n" + P1 + "\n"), ("b.txt", "标题\n\n　　（完）\n\n" + P2 + "\n")]
        assert self.check("a.txt", pages[0][1], pages) == []


@pytest.mark.parametrize("text", [
    "　　退休后每天打打电话，聊聊家常，日子过得很充实。\n",  # a verb doubled 'a little' before its object
    "　　南门街街道办事处组织志愿者清理小区环境。\n",  # a place name ends with what its designation starts
    "　　新兴钢钢铁集团今年前三季度利润增长。\n",  # a firm's name and its designation
    "　　京华博创科科技股份有限公司发布公告。\n",
    "　　朝阳区区委书记出席会议。\n",
])
def test_doubles_that_are_two_words_are_left_alone(lint_with, text):
    assert lint_with("DUP003")(text) == []


@pytest.mark.parametrize("text, found", [
    ("　　遂宁市推行改革后，办事时间大幅缩缩短。\n", "缩缩"),  # 缩缩 is listed, but rarely: no verb doubled
    ("　　综合性赛事的东东道主。\n", "东东"),  # no verb doubles after 的
    ("　　在产业业链上下功夫。\n", "业业"),
])
def test_doubles_beside_those_words_are_still_found(lint_with, text, found):
    assert spans(text, lint_with("DUP003")(text)) == [found]


_FARM = ["　　今年以来，全省粮食生产再获丰收，夏粮总产量创历史新高。", "　　各地加强农田水利建设，新建高标准农田一百万亩。",
         "　　农业科技推广力度加大，农民合作社带动农户采用良种。", "　　农民专业合作社发展迅速，带动农户增收致富，全省农民合作社数量超过五万家。",
         "　　全省农村居民人均可支配收入增长百分之七，农户增收明显。", "　　乡村旅游蓬勃发展，成为农民增收新渠道。",
         "　　下一步，全省将继续巩固粮食生产好势头。"]
_LIBRARY = ["　　市图书馆新馆今天正式开馆，读者排起长队。", "　　新馆藏书三百万册，设有少儿阅览区和数字阅览区。",
            "　　图书馆数字阅览区配备电子阅读设备两百台，读者可以免费借阅电子图书，数字阅览区全天开放。",
            "　　数字阅览区还开设电子图书培训课程，帮助老年读者学会使用电子阅读设备。", "　　市民纷纷表示，新馆环境优美，借阅方便。",
            "　　图书馆负责人介绍，今年还将举办读书节活动。", "　　开馆首日接待读者一万余人次。"]


def _two_stories(farm, library):
    return "全省粮食生产再获丰收\n\n" + "\n".join(farm) + "\n\n市图书馆新馆开馆\n\n" + "\n".join(library) + "\n"


@pytest.mark.parametrize("misplaced_first", [True, False])
def test_the_copy_that_stands_among_another_storys_text_goes(lint_with, misplaced_first):
    """A paragraph printed twice far apart: the copy kept is the one whose neighbours share its
    words (its article's flow), whether it comes first or last on the page."""
    clean = _two_stories(_FARM, _LIBRARY)
    if misplaced_first:  # the library's paragraph also printed inside the farm story, before its original
        damaged = _two_stories(_FARM[:3] + [_LIBRARY[2]] + _FARM[3:], _LIBRARY)
    else:  # the farm's paragraph also printed inside the library story, after its original
        damaged = _two_stories(_FARM, _LIBRARY[:4] + [_FARM[3]] + _LIBRARY[4:])
    found = lint_with("DUP001")(damaged)
    assert len(found) == 1 and "stands among another story's text" in found[0].message
    assert lint_with("DUP001").fix(damaged, unsafe=True) == clean


@pytest.mark.parametrize("text, found", [
    ("　　会议制定了一系系列重要举措。\n", "系系"),  # one copy dropped, 一系列 runs on from 一
])
def test_a_double_after_yi_is_no_measure_word_when_a_word_runs_on(lint_with, text, found):
    assert spans(text, lint_with("DUP003")(text)) == [found]


@pytest.mark.parametrize("text", ["　　一股股暖流涌上心头。\n", "　　一阵阵掌声响起。\n", "　　他一步步走向成功。\n"])
def test_a_measure_word_doubled_after_yi_stays(lint_with, text):
    assert lint_with("DUP003")(text) == []


def test_a_copy_misplaced_right_after_a_headline_goes(lint_with):
    """A library paragraph printed again at the head of a short farm story: it stands where a
    standfirst would, but shares nothing with the farm story, while its original stands among
    the library's paragraphs."""
    farm = ["　　今年以来，全省粮食生产再获丰收，夏粮总产量创历史新高。", "　　各地加强农田水利建设，新建高标准农田一百万亩。"]
    clean = _two_stories(farm, _LIBRARY)
    damaged = _two_stories([_LIBRARY[2]] + farm, _LIBRARY)
    assert lint_with("DUP001").fix(damaged, unsafe=True) == clean


def test_a_pull_quote_after_the_headline_stays(lint_with):
    """The lead repeats the article's last paragraph as a pull quote, a block of its own under
    the headline (as People's Daily prints it): a copy there that shares words with what
    follows is no misplaced copy."""
    closing = "　　数字阅览区还开设电子图书培训课程，帮助老年读者学会使用电子阅读设备，让更多读者享受数字阅读。"
    story = ["　　数字阅读是新馆的亮点。"] + _LIBRARY + [closing]
    page = "市图书馆新馆开馆\n\n" + closing + "\n\n" + "\n".join(story) + "\n"
    assert lint_with("DUP001")(page) == []


ORDER = ("　　根据全国人民代表大会常务委员会的决定：\n"
         "　　免去张某某的民政部部长职务；任命李某某为民政部部长，自即日起施行，特此公布。\n"
         "　　中华人民共和国主席  某某\n\n"
         "全国人民代表大会常务委员会决定任免的名单\n"
         "（2019年10月26日第十三届全国人民代表大会常务委员会第十四次会议通过）\n"
         "　　免去张某某的民政部部长职务；任命李某某为民政部部长，自即日起施行，特此公布。\n\n"
         "全国人民代表大会常务委员会免职名单\n"
         "　　一、免去王某某的最高人民法院审判员职务。\n")


def test_a_decision_printed_after_its_introduction_and_in_its_own_list_stays(lint_with):
    # two documents of one page carry the same clause: a colon introduces the first copy, a
    # headline and a dateline the second; deleting either leaves a document without its text
    assert lint_with("DUP001")(ORDER) == []


def test_a_copy_after_a_paragraph_cut_on_a_comma_is_still_a_column_cut(lint_with):
    text = ORDER.replace("常务委员会的决定：", "常务委员会的决定，")
    found = lint_with("DUP001")(text)
    assert len(found) == 1 and "repeated" in found[0].message


@pytest.mark.parametrize("lead_in", ["　　抓好粮食生产，促进农民增收", "　　全省将做好以下几项工作："])
def test_a_line_without_a_stop_before_a_copy_says_less_than_its_neighbours(lint_with, lead_in):
    """A subhead (no stop) or an introduction (a colon) stands before the library paragraph
    printed again inside the farm story: that is no column cut, and the copy among the farm's
    paragraphs is the one to delete, though it comes first."""
    farm = _FARM[:3] + [lead_in] + _FARM[3:]
    clean = _two_stories(farm, _LIBRARY)
    damaged = _two_stories(farm[:4] + [_LIBRARY[2]] + farm[4:], _LIBRARY)
    assert len(lint_with("DUP001")(damaged)) == 1
    assert lint_with("DUP001").fix(damaged, unsafe=True) == clean


def test_a_copy_deep_in_a_short_story_is_no_standfirst(lint_with):
    """Five paragraphs under a headline: a library paragraph printed again as the fourth is in
    the farm story's flow, where no standfirst stands."""
    farm = _FARM[:3] + _FARM[5:]
    festival = "　　图书馆负责人介绍，今年下半年新馆还将为读者举办首届全民读书节系列活动。"
    library = _LIBRARY[:5] + [festival] + _LIBRARY[6:]
    clean = _two_stories(farm, library)
    damaged = _two_stories(farm[:3] + [festival] + farm[3:], library)
    assert len(lint_with("DUP001")(damaged)) == 1
    assert lint_with("DUP001").fix(damaged, unsafe=True) == clean


def test_the_bullets_of_a_summary_repeat_the_article(lint_with):
    """内容提要: three ■ bullets under the headline, each a paragraph of the article below."""
    bullets = ["　　■" + p.lstrip("　") for p in (_LIBRARY[2], _LIBRARY[3], _LIBRARY[5])]
    page = ("市图书馆新馆开馆\n　　内容提要\n" + "\n".join(bullets) + "\n\n"
            + "\n".join(p.replace("■", "") for p in _LIBRARY) + "\n")
    assert lint_with("DUP001")(page) == []
