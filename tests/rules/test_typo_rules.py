"""The typo family: look-alike characters (real misspellings of the ECSpell official-document
set, MIT) and mojibake, and the clean newspaper text that must stay quiet."""
from __future__ import annotations

import pytest

from tests.conftest import SEED_000, SEED_002, raw_text

from .conftest import spans


class TestLookalikeTypo:
    @pytest.mark.parametrize("text, found, fixed", [
        ("县级人民政府教育行政部闷应当加强对本行政区域内的管理。\n", "闷", "行政部门"),
        ("中央书记处是中央政冶局和它的常务委员会的办事机构。\n", "冶", "政治局"),
        ("探索构建水、土地、林木等姿源资产负债核算方法。\n", "姿", "资源"),
        ("有关省级人民政付统筹组织遴选方案。\n", "付", "人民政府"),
    ])
    def test_flags_with_an_unsafe_fix(self, lint_with, text, found, fixed):
        check = lint_with("TYP001")
        assert spans(text, check(text)) == [found]
        assert check.fix(text) == text  # report-only unless --unsafe-fixes
        assert fixed in check.fix(text, unsafe=True)

    @pytest.mark.parametrize("text", [
        "　　坚决整治懒政怠政等问题，加快疏通政策落实的堵点。\n",  # a frame: 懒政|怠政
        "　　冰封的湖面，寒风冽冽。厚厚的冰层砸开了。\n",  # a doubled character
        "　　行走在万安县高陂镇田北村，只见小桥流水人家。\n",  # a place name
        "　　艾力更·依明巴海、万鄂湘、陈竺、王东明、白玛赤林出席。\n",  # names in a list
        "　　中交流中心执行董事米洛什·巴拉班说，中国的发展令人瞩目。\n",  # a transliteration
        "　　参观贴士：每日9时开放。参观贴士以现场公告为准。\n",  # a term printed twice
        "　　中央书记处是中央政治局和它的常务委员会的办事机构。\n",  # the correct sentence
        raw_text(SEED_000),
        raw_text(SEED_002),
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("TYP001")(text) == []

    def test_allow_and_min_gain(self, lint_with):
        text = "县级人民政府教育行政部闷应当加强对本行政区域内的管理。\n"
        assert lint_with("TYP001", allow=["部闷"])(text) == []
        assert lint_with("TYP001", **{"min-gain": 40.0})(text) == []

    def test_lookalikes_option_adds_pairs(self, lint_with):
        text = "原则同意《中韩（长春）国际合作示范区总休方案》，请认真组织实施。\n"
        loose = {"min-gain": 8.0, "ocr-confusions": False}
        assert spans(text, lint_with("TYP001", **loose)(text)) == ["休"]  # 休/体: a default OCR pair
        assert lint_with("TYP001", lookalikes=[], **loose)(text) == []  # the shape lists lack it
        # Tesseract was seen to print 休 for 体 (rules/words/ocr-confusions.tsv)
        assert spans(text, lint_with("TYP001", lookalikes=[], **{"min-gain": 8.0})(text)) == ["休"]
        assert lint_with("TYP001")(text) == []  # the default asks for more evidence


    def test_the_neighbour_test_keeps_every_position_the_masked_index_completes(self):
        """The two set tests that spare most characters the masked-index lookups are a
        necessary condition: every position where a look-alike completes an indexed word passes
        them (on both seed pages, every character of every Han run)."""
        import regex

        from lint.rules.typo._lookalikes import MASK, masked_words, shape_lookalikes, word_neighbours

        follows, precedes = word_neighbours()
        index, looks = masked_words(), shape_lookalikes()
        completed = spared = 0
        for page in (raw_text(SEED_000), raw_text(SEED_002)):
            for run in regex.finditer(r"[\u4e00-\u9fff]{2,}", page):
                s = run.group()
                for i, c in enumerate(s):
                    near = frozenset(looks.get(c, ""))
                    before, after = follows.get(s[i - 1:i], ""), precedes.get(s[i + 1:i + 2], "")
                    passes = not (near.isdisjoint(before) and near.isdisjoint(after))
                    found = any(set(index.get(s[lo:i] + MASK + s[i + 1:hi]) or "") & near
                                for lo in range(max(0, i - 3), i + 1)
                                for hi in range(max(i + 1, lo + 2), min(len(s), lo + 4) + 1))
                    assert passes or not found, (s, i)
                    completed += found
                    spared += not passes
        assert completed > 100 and spared > 1000  # the test has cases of both kinds


class TestMojibake:
    @pytest.mark.parametrize("text, found, fixed", [
        ("　　全市鍙戝睍缁忔祹稳中有进。\n", "鍙戝睍缁忔祹", "全市发展经济稳中有进"),  # UTF-8 read as GBK
        ("　　标题：" + "发展经济".encode().decode("latin-1") + "\n", "发展经济".encode().decode("latin-1"), "标题：发展经济"),
    ])
    def test_redecodes(self, lint_with, text, found, fixed):
        check = lint_with("TYP002")
        assert spans(text, check(text)) == [found]
        assert fixed in check.fix(text, unsafe=True) and check.fix(text) == text

    @pytest.mark.parametrize("text, found", [
        ("　　乱码锟斤拷锟斤拷了\n", "锟斤拷锟斤拷"),
        ("　　坏字\ufffd\ufffd在这里\n", "\ufffd\ufffd"),
    ])
    def test_lost_bytes_are_reported_without_a_fix(self, lint_with, text, found):
        (f,) = lint_with("TYP002")(text)
        assert text[f.start:f.end] == found and f.fix is None

    @pytest.mark.parametrize("text", [
        "　　全市经济发展稳中有进，鍙是罕用字。\n",  # one odd character is no mojibake
        "　　Café résumé naïve：法语词。\n",
        raw_text(SEED_000),
        raw_text(SEED_002),
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("TYP002")(text) == []


class TestDroppedCharacter:
    @pytest.mark.parametrize("text, fixed", [
        ("　　朝鲜民主主义人民共和国国务委长金正恩会见了代表团。\n", "　　朝鲜民主主义人民共和国国务委员长金正恩会见了代表团。\n"),
        ("　　要坚持实事求，一切从实际出发。\n", "　　要坚持实事求是，一切从实际出发。\n"),
        ("　　要全心全为人民服务。\n", "　　要全心全意为人民服务。\n"),
    ])
    def test_flags_with_an_unsafe_insertion(self, lint_with, text, fixed):
        check = lint_with("TYP003")
        assert len(check(text)) == 1
        assert check.fix(text) == text
        assert check.fix(text, unsafe=True) == fixed

    @pytest.mark.parametrize("text", [
        "　　节目形式丰富多，深受欢迎。\n",  # 丰富多彩 or 丰富多样: two completions
        "　　他用了三个多月时间完成。\n",  # a numeral is never inserted
        "　　他的工作一丝不苟。\n",
        "　　伊莎白·柯鲁克教授的家位于北京。伊莎白的家中陈设简朴。\n",  # a name printed twice
    ])
    def test_leaves_alone(self, lint_with, text):
        assert lint_with("TYP003")(text) == []

    def test_opt_in_the_family_and_all_leave_it_out(self):
        from lint.config import load_config

        assert "TYP003" not in load_config(None).selected_codes()
        assert "TYP003" not in load_config(None).with_cli(select=["typo"]).selected_codes()
        assert "TYP003" not in load_config(None).with_cli(select=["ALL"]).selected_codes()
        assert "TYP003" in load_config(None).with_cli(extend_select=["dropped-character"]).selected_codes()


class TestLookalikeTypoWithTheCorpus:
    PAGE = "　　县级人民政府教育行政部闷应当加强管理。\n"

    def findings(self, others):
        from lint.corpus import Corpus
        from lint.document import Document
        from lint.rules.typo.lookalike_typo import LookalikeTypo

        pages = [("p/0.txt", self.PAGE)] + [(f"p/{n}.txt", t) for n, t in enumerate(others, 1)]
        doc = Document(self.PAGE, path="p/0.txt", corpus=Corpus(texts=pages))
        return list(LookalikeTypo(**{"min-corpus": 3}).check(doc))

    def test_the_corpus_evidence_is_in_the_message(self):
        others = [f"　　有关部门应当依法办理第{n}件。\n" for n in range(3)]  # three pages (one page named twice counts once)
        [finding] = self.findings(others)
        assert "the corpus prints '部门应' 3 times, '部闷应' nowhere else" in finding.message

    def test_a_spelling_the_other_pages_print_too_is_left_alone(self):
        # two other pages print 部闷应 as this one does: a name or a term of the archive
        assert self.findings(["　　该部闷应用软件。\n", "　　那部闷应用软件。\n"]) == []
        assert len(self.findings(["　　该部闷应用软件。\n"])) == 1

    def test_the_corpus_is_asked_only_when_min_corpus_is_set(self):
        from lint.rules.typo.lookalike_typo import LookalikeTypo

        assert not LookalikeTypo().uses_corpus and LookalikeTypo().corpus_indexes(None) == []
        assert LookalikeTypo(**{"min-corpus": 3}).uses_corpus

    def test_the_page_own_printings_are_not_evidence(self):
        from lint.corpus import Corpus
        from lint.prose.ngrams import trigram_index_spec

        page = "　　有关部门应当依法办理。有关部门应当负责。\n"
        other = "　　各部门应当加强管理。\n"
        index = Corpus(texts=[("p/0.txt", page), ("p/1.txt", other)]).index_from(trigram_index_spec())
        assert index.for_page(page).elsewhere("部门应") == 1
        assert index.for_page(other).elsewhere("部门应") == 2
        assert index.for_page("　　不在语料中的部门应当。\n").elsewhere("部门应") == 3  # a page outside the corpus


class TestLookalikeTypoOnOcrPages:
    """The confusions Tesseract was seen to make (rules/words/ocr-confusions.tsv) lower the gain a
    change needs, on a page that shows it was read by an engine: several suspects."""

    # three misreadings of one Tesseract page (People's Daily, 2019-10-03), none clear on its own
    SENTENCES = [
        "　　中国的发展成就得到了俄罗斯朋友的充分认可与移赏，这让我们更坚定了信心。\n",
        "　　新时代中国特色大国外交正深刻影响其至改变着世界。\n",
        "　　新中国70年外交历程，也是一个国家走向世界舞台中央的光瘤历程。\n",
    ]

    def test_an_ocr_page_gets_the_engine_confusions(self, lint_with):
        page = "".join(self.SENTENCES)
        check = lint_with("TYP001")
        found = check(page)
        assert [page[f.start] for f in found] == ["移", "其", "瘤"]
        assert "OCR was seen to print '移' for '赞'" in found[0].message
        assert check.fix(page, unsafe=True) == page.replace("移赏", "赞赏").replace("其至", "甚至").replace("光瘤", "光辉")

    @pytest.mark.parametrize("sentence", SENTENCES)
    def test_one_weak_suspect_on_a_page_is_left_alone(self, lint_with, sentence):
        # born-digital text holds a rare word now and then: one suspect does not make an OCR page
        assert lint_with("TYP001")(sentence) == []

    # either character of 认间 could be the misreading (认同 or 空间?), and of 担住 (担任 or 握住?):
    # as good a word either way, so neither is changed
    @pytest.mark.parametrize("line", [
        "　　增强对中华文化的认间、对中国共产党的认同。\n",
        "　　他是担住荣誉副主席。\n",
    ])
    def test_a_change_a_neighbour_rivals_is_left_alone(self, lint_with, line):
        page = "".join(self.SENTENCES) + line
        found = lint_with("TYP001")(page)
        assert [page[f.start] for f in found] == ["移", "其", "瘤"]

    # ... but where one reading is clearly better, it alone is made (丰窗: 丰富 over 车窗)
    @pytest.mark.parametrize("line, fixed", [
        ("　　博会规模更大、活动更丰窗。\n", "　　博会规模更大、活动更丰富。\n"),
        ("　　停车场停业，产重影响当地群众。\n", "　　停车场停业，严重影响当地群众。\n"),
    ])
    def test_of_two_rival_readings_the_clearly_better_is_made(self, lint_with, line, fixed):
        page = "".join(self.SENTENCES) + line
        assert lint_with("TYP001").fix(page, unsafe=True).endswith(fixed)

    def test_two_misreadings_side_by_side_are_both_fixed(self, lint_with):
        page = "".join(self.SENTENCES) + "　　走进国家队的光远历种，感受榜样的力量。\n"
        fixed = lint_with("TYP001").fix(page, unsafe=True)
        assert fixed.endswith("　　走进国家队的光辉历程，感受榜样的力量。\n")

    def test_without_the_table_the_page_is_quiet(self, lint_with):
        assert lint_with("TYP001", **{"ocr-confusions": False})("".join(self.SENTENCES)) == []
