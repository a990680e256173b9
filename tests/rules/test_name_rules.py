"""The name family: which names the finder sees, which spellings it calls typos or conflicts on
the seed pages and on short pieces of news text, and what the name list changes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from lint.config import load_config
from lint.corpus import Corpus
from lint.engine import Linter
from lint.rule import ConfigError
from lint.prose.names import find_names
from lint.prose.name_index import NameIndex
from tests.conftest import ROOT, SEED_000, SEED_002, raw_text

NAMES_YAML = ROOT / "rules" / "names.yaml"


def linter(corpus: Corpus | None = None) -> Linter:
    config = load_config(None).with_cli(select=["name"])
    return Linter(config.rules_for(None), config.layout, corpus)


def name_findings(text: str, path: str, corpus: Corpus) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start:f.end]) for f in linter(corpus).check(text, path).findings]


def seeds_corpus(name_lists=()) -> Corpus:
    return Corpus(texts=[("raw/000.txt", raw_text(SEED_000)), ("raw/002.txt", raw_text(SEED_002))],
                  name_lists=name_lists)


class TestFinder:
    def test_the_contexts_of_seed_000(self):
        text = raw_text(SEED_000)
        found = {(h.name, h.kind) for h in find_names(text)}
        assert {("张春林", "title"), ("唐登杰", "title"), ("郭宁", "credit"), ("习近平", "speech")} <= found
        # the first name of a list carries its title; the given-name table lacks 拥, the list does not
        listed = [h.name for h in find_names(text) if h.kind == "list" and h.group == 1]
        assert listed == ["王拥军", "李金科", "董晓宇", "汪海洲", "胡立杰", "张碧涌", "林红玉"]

    def test_a_name_ends_where_the_list_goes_on(self):
        text = "在主席台就座的还有：李金科、董晓宇、汪海洲、王蕾、张靖等。大会由武晋在主席台前主持。"
        assert [h.name for h in find_names(text)][-2:] == ["王蕾", "张靖"]
        text2 = "李凤岐、贺天才、谢红、吴俊清、武晋在主席台前排就座。"
        assert [h.name for h in find_names(text2)][-1] == "武晋"

    @pytest.mark.parametrize("text, names", [
        ("者说，习近平主席贺信中提出不断完善", ["习近平"]),  # 贺信中 after a title is a letter, not a person
        ("居委会由主任、副主任和居民委员组成。", []),        # 和居民 is 'and residents'
        ("不负人民的优秀作家文艺家。", []),                  # 文艺家 is a word
        ("省委书记经济工作会议部署", []),                    # 经济工 would cut 工作
        ("通过网络社区、居民微信群，这些土办法", []),        # 居民 is no title: 微信群 is no name
        ("在新华字典修订工作主持人曹先生家里", []),          # 先生 is no given name
    ])
    def test_words_after_titles_are_not_names(self, text, names):
        assert [h.name for h in find_names(text)] == names

    @pytest.mark.parametrize("text, name", [
        ("。习近平主席同莫迪总理继续纵论天下", "习近平"),   # a title after the name
        ("，村民王金海说：“今年收成好”", "王金海"),         # who someone is, and speaking
    ])
    def test_names_before_a_title_or_after_who_they_are(self, text, name):
        assert [h.name for h in find_names(text)] == [name]


class TestAcrossPages:
    def test_seed_lists_without_a_name_list_are_conflicts_on_both_pages(self):
        corpus = seeds_corpus()
        on_000 = name_findings(raw_text(SEED_000), "raw/000.txt", corpus)
        on_002 = name_findings(raw_text(SEED_002), "raw/002.txt", corpus)
        assert on_000 == [("NAM002", "李晓波"), ("NAM002", "王立伟"), ("NAM002", "张碧涌")]
        assert sorted(on_002) == [("NAM002", "张碧涛"), ("NAM002", "李海波"), ("NAM002", "王立春")]

    def test_the_name_list_turns_two_conflicts_into_fixes(self):
        corpus = seeds_corpus([NAMES_YAML])
        text = raw_text(SEED_002)
        result = linter(corpus).check(text, "raw/002.txt")
        by_name = {text[f.start:f.end]: f for f in result.findings}
        assert set(by_name) == {"张碧涛", "李海波", "王立春"}
        assert by_name["张碧涛"].rule == "NAM002" and by_name["张碧涛"].fix is None
        assert by_name["张碧涛"].related[0].path == "raw/000.txt"
        assert by_name["李海波"].rule == "NAM001" and "山西省政协副主席" in by_name["李海波"].message
        fixed = linter(corpus).fix(text, unsafe=True, path="raw/002.txt").text
        assert "李晓波、李青山、李思进、王立伟" in fixed and "张碧涛" in fixed
        assert linter(corpus).fix(text, unsafe=False, path="raw/002.txt").text == text  # unsafe only
        assert name_findings(raw_text(SEED_000), "raw/000.txt", corpus) == [("NAM002", "张碧涌")]

    def test_the_more_printed_spelling_in_parallel_lists_wins(self):
        lst = "省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰、{}、林红玉在主席台就座。\n"
        corpus = Corpus(texts=[(f"p{n}.txt", lst.format("张碧涌")) for n in range(3)])
        text = lst.format("张碧涛")
        assert name_findings(text, "new.txt", corpus) == [("NAM001", "张碧涛")]

    @pytest.mark.parametrize("lst", [
        "省委常委{}、王拥军、李金科、董晓宇、汪海洲在主席台就座。\n",  # first: a neighbour after only
        "省委常委王拥军、李金科、董晓宇、汪海洲、{}在主席台就座。\n",  # last: a neighbour before only
    ])
    def test_parallel_lists_with_the_name_at_either_end(self, lst):
        corpus = Corpus(texts=[(f"p{n}.txt", lst.format("张碧涌")) for n in range(3)])
        assert name_findings(lst.format("张碧涛"), "new.txt", corpus) == [("NAM001", "张碧涛")]

    def test_the_index_finds_a_name_by_its_neighbours_in_lists(self):
        index = NameIndex()
        hit = lambda name, group, position: (name, 1, 0, 1, 1, "list", group, position)  # noqa: E731
        index.add("a.txt", [hit("张三", 0, 0), hit("李四", 0, 1), ("李四", 1, 9, 2, 1, "text", -1, 0)])
        index.add("b.txt", [hit("王五", 0, 0), hit("李四", 0, 1), hit("赵六", 0, 2)])
        index.add("c.txt", [hit("李四", 0, 0), hit("赵六", 0, 1)])
        pages = lambda places: [(index.pages[pl.page], pl.position) for pl in places]  # noqa: E731
        assert pages(index.in_lists_beside("李四", "张三", None)) == [("a.txt", 1)]
        assert pages(index.in_lists_beside("李四", None, "赵六")) == [("b.txt", 1), ("c.txt", 0)]
        assert pages(index.in_lists_beside("李四", "张三", "赵六")) == [("a.txt", 1), ("b.txt", 1), ("c.txt", 0)]
        assert index.in_lists_beside("赵六", "王五", None) == []  # 王五 stands two before it
        assert index.in_lists_beside("无名", "张三", "赵六") == []

    def test_a_page_is_not_compared_with_its_own_copy(self):
        text = raw_text(SEED_002)
        corpus = Corpus(texts=[("seeds/002.txt", text.replace("李海波", "李晓波"))])
        assert name_findings(text, "raw/seeds/002.txt", corpus) == []


class TestOnePage:
    PAGE = ("　　习近平指出，中方愿同各方一道努力。\n"
            "　　习近平强调，要坚持合作共赢。\n"
            "　　会后，习近砰同与会代表亲切握手。\n")

    def test_a_one_off_spelling_of_a_name_the_page_prints_twice(self):
        assert name_findings(self.PAGE, "a.txt", Corpus()) == [("NAM001", "习近砰")]

    def test_a_one_off_where_the_finder_also_sees_a_name(self):
        # rmrb2019, 2019-10-01: the title context finds 习过平 too; the page's majority still rules
        text = "　　国家主席、中央军委主席习过平出席招待会。\n　　习近平指出，要团结奋斗。习近平强调，要坚定信心。\n"
        assert name_findings(text, "a.txt", Corpus()) == [("NAM001", "习过平")]

    def test_a_misspelling_before_a_word_is_no_head_of_a_longer_name(self):
        # rmrb2019, 2019-10-10: 品 for 平 before 即将 (习近品|即将, not a name 习近品即)
        text = ("　　外交部副部长罗照辉介绍国家主席习近品即将赴印度出席会晤。\n"
                "　　罗照辉指出，习近平主席将同莫迪总理会晤。习近平主席将出席欢迎宴会。\n")
        assert name_findings(text, "a.txt", Corpus()) == [("NAM001", "习近品")]

    @pytest.mark.parametrize("text, wrong", [
        # rmrb2019, 2019-10-14: after a word (落实|习近凭); 习近平 is in the word list, rarely
        ("　　我们将切实贯彻落实习近凭外交思想。\n　　习近平指出，要团结奋斗。习近平强调，要坚定信心。\n", "习近凭"),
        # rmrb2019, 2019-10-25: a verb after the name (黄力年|发在) is no fourth character
        ("　　没想到，这成了黄力年发在朋友圈的最后一条。\n　　黄大年说，要报国。黄大年表示，要奉献。\n", "黄力年"),
        # rmrb2019, 2019-10-21: the finder sees 习过平 (before 总书记), the page 习近平 twice
        ("　　2013年11月，习过平总书记在湖南考察。\n　　为贯彻落实习近平总书记关于扶贫的论述，学习习近平的讲话。\n", "习过平"),
    ])
    def test_a_three_character_name_misread_in_running_text(self, text, wrong):
        assert name_findings(text, "a.txt", Corpus()) == [("NAM001", wrong)]

    def test_a_character_given_names_never_use(self):
        # rmrb2019, 2019-10-31: 杨勇根 printed once, then read as 杨勇帽 (帽 is in no given name)
        text = ("　　杨勇根是街道人大工委的老代表。\n"
                "　　“要让群众说了算。”桥街道人大工委副主任杨勇帽介绍，社情民意直通车已开进社区。\n")
        assert name_findings(text, "a.txt", Corpus()) == [("NAM001", "杨勇帽")]

    def test_a_two_character_name_needs_the_corpus_behind_it(self):
        # 李伟 once here, 李圩 once: only the corpus (李伟 on other pages) says which is right
        text = "　　李伟来到检查现场。\n　　“不能走过场。”李圩说，检查组在各地抽查。\n"
        assert name_findings(text, "a.txt", Corpus()) == []
        corpus = Corpus(texts=[("b.txt", "　　纪委书记李伟指出，要压实责任。\n"),
                               ("c.txt", "　　李伟表示，检查要到现场。\n")])
        assert name_findings(text, "a.txt", corpus) == [("NAM001", "李圩")]

    def test_a_byline_spelled_once_beside_a_reporter_who_signs_other_pages(self):
        """刘诗谣 signs only this page, 刘诗瑶 three others, and the characters are alike: the
        reporter's name misread. Alone, the page says nothing."""
        text = "　　会议强调要抓好落实。\n　　（记者 刘诗谣）\n"
        corpus = Corpus(texts=[(f"{k}.txt", f"　　第{k}版的新闻。\n　　（记者 刘诗瑶）\n") for k in "bcd"])
        assert name_findings(text, "a.txt", corpus) == [("NAM001", "刘诗谣")]
        assert name_findings(text, "a.txt", Corpus()) == []
        one = Corpus(texts=[("b.txt", "　　第b版的新闻。\n　　（记者 刘诗瑶）\n")])
        assert name_findings(text, "a.txt", one) == []  # one other page: two reporters may be so named

    def test_a_reporter_who_signs_other_pages_is_no_misspelling(self):
        """A byline name with a character the table of given names lacks, signing other pages of
        the corpus too, is a person, not a misreading of the name this page prints three times."""
        text = "　　李伟来到检查现场。李伟指出，要压实责任。李伟强调，要严肃问责。\n　　（本报记者 李圩）\n"
        assert name_findings(text, "a.txt", Corpus()) == [("NAM001", "李圩")]  # alone, a one-off
        corpus = Corpus(texts=[(f"{k}.txt", "　　会议强调要抓好落实。\n　　（本报记者 李圩）\n") for k in "bcd"])
        assert name_findings(text, "a.txt", corpus) == []

    @pytest.mark.parametrize("text", [
        "　　万钢出席。万钢指出，要团结。万钢强调，要奋斗。团结带领人民历经千难万险，付出巨大牺牲。\n",  # an idiom
        "　　张江出席。张江指出，要团结。张江强调，要奋斗。明代张璁主持了改革。\n",  # 璁: no word holds it
    ])
    def test_no_name_where_a_word_or_a_rare_name_character_stands(self, text):
        assert name_findings(text, "a.txt", Corpus()) == []

    def test_two_real_people_one_character_apart_stay_quiet(self):
        # xwlb 2024-01-29 prints 原副处长王领 (and 王东峰); rmrb2019 has 副支队长王东: three people
        text = ("　　全国政协副主席兼秘书长王东峰等分别就有关议题作了发言。\n"
                "　　西藏自治区发展改革委经济运行调节处原副处长王领，天津市滨海新区新北街道。\n")
        corpus = Corpus(texts=[("b.txt", "　　公安刑侦局四支队副支队长王东说，发现潜在风险。\n")])
        assert name_findings(text, "a.txt", corpus) == []

    @pytest.mark.parametrize("text", [
        # brothers: 二哥范振礼 beside 范振喜 (rmrb2019, 2019-10-22)
        "　　范振喜说，矿点由范振喜的二哥范振礼开采。范振喜表示，要把矿点都管起来。\n",
        # a name and the word after it: 李强在 / 李强说 (xwlb, 2024-03-20)
        "　　国务院总理李强在北京考察。李强强调，就业是民生之本。李强说，要用更大力气。\n",
        # two names one character apart and nothing saying they are one person
        "　　李晓波介绍了情况。李海波表示赞同。\n",
        # an actor and another 张 once each: 译 is in no given name of the table, yet real
        "　　演员张译说，“感谢培养了我的军队。”\n　　张亮表示赞同。\n",
        # a surname that is mostly a word: 乌军 and 乌媒 (xwlb, 2024-01-23)
        "　　乌军称，拦截了导弹。乌军表示，继续作战。乌军还说，将反击。\n　　乌媒称基辅遭袭。\n",
        # a name and a verb: 徐龙也认为 (rmrb2019, 2019-10-14)
        "　　律师徐龙道介绍，要提高违法成本。徐龙也认为，“假如那些往楼下乱扔的人……”\n",
    ])
    def test_different_people_stay_quiet(self, text):
        assert name_findings(text, "a.txt", Corpus()) == []

    @pytest.mark.parametrize("text, longer, short", [
        # rmrb2019, 2019-10-01: 韩杼滨 (a word of the word list) beside 韩正
        ("　　韩正出席。韩正指出，要团结。韩正强调，要奋斗。\n　　全国政协原副主席韩杼滨出席会议。\n", "韩杼滨", "韩证"),
        # rmrb2019, 2019-10-02: 吴协恩 beside 吴冰
        ("　　吴冰出席。吴冰指出，要团结。吴冰强调，要奋斗。\n　　华西村党委书记吴协恩说：“观礼最打动我。”\n", "吴协恩", "吴协"),
    ])
    def test_the_head_of_a_longer_name_stays_quiet(self, text, longer, short):
        names = "　　省委常委王拥军、李金科、董晓宇、韩正、吴冰、林红玉在主席台就座。\n"
        corpus = Corpus(texts=[("b.txt", names)])  # the corpus knows 韩正 and 吴冰 from a list
        assert name_findings(text, "a.txt", corpus) == []
        assert name_findings(text.replace(longer, short), "a.txt", corpus) == [("NAM001", short)]

    def test_two_titles_are_two_people(self):
        # rmrb2019, 2019-10-27 (names changed): a bank's president beside the vice-chairman
        text = ("　　全国人大常委会副委员长王东明出席。王东明指出，要团结。\n"
                "　　展望未来，某某商业银行行长王冬明满是信心。\n")
        assert name_findings(text, "a.txt", Corpus()) == []
        same = text.replace("行长王冬明", "副委员长王冬明")
        assert name_findings(same, "a.txt", Corpus()) == [("NAM001", "王冬明")]

    def test_a_name_whose_last_character_starts_the_next_word_is_no_spelling(self):
        # rmrb2019, 2019-10-27: 万钢宣读 twice is 万钢 and 宣读, not a name 万钢宣 beside 万钢在
        text = ("世界青年科学家峰会在温州召开\n万钢宣读习近平主席贺信并致辞\n"
                "　　峰会26日在浙江温州召开。全国政协副主席、中国科协主席万钢宣读习近平主席贺信并致辞。\n"
                "　　万钢在致辞中表示，习近平主席的贺信，对青年科学家寄予厚望。\n")
        assert name_findings(text, "a.txt", Corpus()) == []

    def test_a_rare_character_is_a_rare_name_not_a_misreading(self):
        # 烁 is missing from the table of given-name characters, but running text seldom uses
        # it: 王烁 signs the page, 王新 speaks in it
        text = ("　　本报电  （记者王烁）王新说，要抓好落实。王新表示，要加强管理。王新强调，要奋斗。\n")
        assert name_findings(text, "a.txt", Corpus()) == []
        misread = text.replace("王烁", "王证")  # 证: common in text, in no given name
        assert name_findings(misread, "a.txt", Corpus()) == [("NAM001", "王证")]


class TestNameList:
    def test_a_known_wrong_spelling_gets_a_safe_fix(self, tmp_path):
        names = tmp_path / "names.yaml"
        names.write_text("names:\n  - name: 李晓波\n    wrong: [李晓坡]\n", encoding="utf-8")
        text = "　　省政协副主席郑连生、张复明、李晓坡、李青山出席。\n"
        corpus = Corpus(name_lists=[names])
        assert name_findings(text, "a.txt", corpus) == [("NAM003", "李晓坡")]
        assert "李晓波" in linter(corpus).fix(text, unsafe=False, path="a.txt").text

    def test_names_key_is_relative_to_the_config_and_checked(self, tmp_path):
        (tmp_path / "lists").mkdir()
        (tmp_path / "lists" / "n.yaml").write_text("names: [{name: 王立伟}]\n", encoding="utf-8")
        cfg = tmp_path / ".newslint.yaml"
        cfg.write_text("names: [lists/n.yaml]\n", encoding="utf-8")
        assert load_config(cfg).names == ((tmp_path / "lists" / "n.yaml").resolve(),)
        (tmp_path / "lists" / "n.yaml").write_text("names: [王立伟]\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="n.yaml: entry 1 of 'names' needs a 'name'"):
            load_config(cfg)

    def test_the_repository_list_holds_the_two_checked_names(self):
        import yaml
        entries = yaml.safe_load(NAMES_YAML.read_text(encoding="utf-8"))["names"]
        assert {e["name"] for e in entries} == {"李晓波", "王立伟"} and all(e["source"] for e in entries)


def test_names_command_prints_the_index_with_suspected_variants(tmp_path):
    for name in (SEED_000, SEED_002):
        (tmp_path / name).write_text(raw_text(name), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "lint", "names", str(tmp_path)], capture_output=True,
                         text=True, env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": ""}).stdout
    rows = {line.split("\t")[0]: line for line in out.splitlines()}
    assert rows["唐登杰"].split("\t")[1] == "8"
    assert "variants: 张碧涛 (1, parallel lists)" in rows["张碧涌"]
    assert out.endswith("with suspected variants\n")


@pytest.mark.parametrize("text", [
    "　　他从小就想一圆当画家、摄影家的梦。\n",  # 摄影家 is no credit, 家的梦 no name
    "　　编辑部的同志认真审读了稿件。\n",
])
def test_a_credit_word_inside_another_word_starts_no_name(text):
    from lint.prose.names import find_names
    assert find_names(text) == []


class TestListedNameMisreadThroughout:
    """A name of the list misread the same way at most of its printings on a page."""

    def check(self, tmp_path, page, listed=("聂元梓",)):
        from lint.corpus import Corpus
        from lint.document import Document
        from lint.rules.name.name_variant import NameVariant

        names = tmp_path / "names.yaml"
        names.write_text("names:\n" + "".join(f"  - name: {n}\n" for n in listed), encoding="utf-8")
        rule = NameVariant()
        rule.name_lists = (names,)
        doc = Document(page, path="p.txt", corpus=Corpus(texts=[("p.txt", page)], name_lists=(names,)))
        return [(page[f.start:f.end], f.fix.edits[0].content) for f in rule.check(doc)]

    def test_the_majority_spelling_is_no_proof(self, tmp_path):
        page = "　　聂元宰在会上发言。聂元宰说，要团结。会后，聂元宰接受采访。聂元梓同志也参加了会议。\n"
        assert self.check(tmp_path, page) == [("聂元宰", "聂元梓")] * 3  # 宰 and 梓 look alike

    def test_a_misread_surname_is_found_too(self, tmp_path):
        # 季 for 李: the finder sees no name in 季克强 (no title), the list does
        page = "　　季克强指出，要抓好落实。季克强强调，要坚定信心。\n"
        assert self.check(tmp_path, page, ("李克强",)) == [("季克强", "李克强")] * 2

    def test_another_name_or_no_name_is_left_alone(self, tmp_path):
        page = "　　聂元宰在会上发言。\n"
        assert self.check(tmp_path, page, ("聂元梓", "聂元宰")) == []  # both on the list: two people
        assert self.check(tmp_path, "　　李克强指出，要抓好落实。\n", ("李克强",)) == []
        assert self.check(tmp_path, "　　季节变化明显。\n", ("李节变",)) == []  # 季节 is a word


def test_a_listed_name_is_not_read_into_the_words_around_it(tmp_path):
    # 李长春 on the list; 吉林长春 is a province and its capital, 林长春 no misreading
    page = "　　活动在吉林长春举行。\n"
    assert TestListedNameMisreadThroughout().check(tmp_path, page, ("李长春",)) == []
    assert TestListedNameMisreadThroughout().check(tmp_path, "　　林长春出席会议。\n", ("李长春",)) == \
        [("林长春", "李长春")]
