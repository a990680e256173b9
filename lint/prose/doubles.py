"""Doubled characters: whether text[i] == text[i + 1] is an OCR slip or correct Chinese.

A column slip or a split glyph prints a character twice (拥堵堵问题); Chinese also doubles on
purpose (徐徐, 看看, 高高兴兴) and two words may meet on one character (统战部|部长). The judge
weighs the word list, the page's own spellings and an allowlist; `find_at_break` applies it to
the text on both sides of a line or column break."""
from __future__ import annotations

from functools import lru_cache


from lint.data import all_surnames as surnames, given_name_chars, load_yaml, packs_dir
from lint.lexicon import Lexicon
from lint.patterns import lazy
from lint.records import record

from .words import MIN_WORD_FREQ

NUMERALS = set("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾")
PICK_UP = "拾"  # also the financial ten, but in news text 重拾, 收拾, 拾起: a numeral only beside one
MEASURES = set("年月日时分秒号个次天周岁元件名位家户项条所座")
HAN = lazy(r"\p{Han}")
_HAN_RUN = lazy(r"\p{Han}+")
_TAIL_RUN = lazy(r"\p{Han}+$")
LONGEST_AT_BREAK = 4  # characters a break prints twice at most
_BREAK_CONTEXT = 12  # characters on each side of a break that the judge sees
WINDOW = 6  # characters of context on each side that the segmenter sees
PHRASE_FREQ = 3  # jieba's floor: it lists phrases (民族团结, 宏观经济) at 3
SAFE_WORD_FREQ = 10  # the word a kept copy forms must be this common for a safe fix
STANDALONE = 30000  # a character this common as a word of its own may follow its twin (目的|的)
SAFE_STANDALONE = 1500  # a safe fix needs a character rarely standing alone
TITLES = frozenset("老师 先生 女士 同志 教授 医生 大夫 师傅 大爷 大妈 阿姨 大姐 大哥 书记 主任 校长 局长 县长 市长 "
                   "省长 部长 院长 所长 经理".split())  # what follows a surname standing alone
RIVAL_FREQ = 20  # at a break, a word this common starting at the second copy outweighs the pair
ENDER_FREQ = 50  # at a break, a word this common ending at the first copy outweighs the pair
BREAK_GAIN = 10.0  # at a break, log-probability the best split gains with one copy gone (部|部长: 8.1)
INLINE_GAIN = 12.0  # the same inside a line, where a slip is rarer
RARE_SHARE = 0.1  # below this share of words ending (starting) with it, a character is no suffix (prefix)
COMMON_WORD = 200  # a word this common that a lone copy would complete is evidence of a slip
INSIDE_FREQ = 10  # one copy dropped, a word at least this common running across the pair (产业|业|链)
VERB_DOUBLE = 3  # the list's floor: jieba lists 喝喝, 充充, 改改 (verbs doubled "a little") at 3
LITTLE_VERB = 20  # a doubled verb this common is one that doubles for 'a little' (聊聊 233, 打打 110; 缩缩 3)
VERB_OBJECT = 2000  # 喝水 302, 睡觉 1730 are verb and object; 认为 30204, 表示 19238 are not
HEADS = frozenset("长员")  # 宣传部|部长, 八一队|队员: a unit, then the head or member of it
CLAUSE_WORD = 150  # at a clause's start, the word the second copy starts must be this common (滑梯 18, 镀金 101)
FAMILIAR_WORD = 1000  # a word this common is no name (父老|老”, 尤克里|里: 179, 216)
MOSTLY_ENDS = 0.6  # above this share of words ending with it, a character is mostly a suffix (者, 性, 化)
ASPECT_ALONE = 15000  # a character standing alone this often may be a verb taking 了 (工作|作了: 作 28016)


_CLOSING = frozenset("，。；：！？”’」』）》—…")  # not 、: 上海海、陆、空 lists one-character words
_OPENING_MARKS = frozenset("“‘「『《（(〈【")
_LATIN_OR_NUMBER = lazy(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.%％]*")
# words of one character that join phrases: a copy pressed against one stands alone (我们|们|为, 的|要|要求)
FUNCTION_WORDS = frozenset("的是在等着将和对并向不把与而从要以于让为都也就还更到有之们我这那其被给")
# before a copy, also aspect, place and measure words (了|盛|盛况, 中|阔|阔步)
_LEFT_FUNCTION = FUNCTION_WORDS | frozenset("了上中下过个")
# common characters whose job is to stand alone (的, 对, 以, 会, 到): a lone copy of one may be
# correct however common it is (目的|的, 反对|对, 可以|以); of a common content character it is
# not (我们|们, 城市|市, 创新|新). Place words stand alone after a noun too (比赛中|中国, 基础上|上浮).
GRAMMATICAL = frozenset("的地得了着过是有在和与及或而并也都就还又再才更很最只便却已将要会能可把被让给对向从于以为由之其"
                        "这那此各所等个到来去")
LOCATIVES = frozenset("上下中里内外前后")
# never doubled, yet each ends words and then stands alone: 目的|的, 飞不了|了, 实事求是|是, 现在|在,
# 上将|将, 成为|为, 可以|以, 研究所|所长
_END_THEN_ALONE = frozenset("的了是在将为以所")
_BEFORE_ADJECTIVE = frozenset("的很更最")  # no verb doubled for "a little" follows these (的|东|东道主)
PRONOUNS = frozenset("我你他她")  # object then subject: 冤枉他|他说
_PARTICLES = frozenset("和与及的都为也就")
_OPENING = frozenset("，。；：！？“‘「《（ \u3000")  # what a clause starts after (not 、: 区、市市场 lists)
# what no word runs across, so the text after it starts afresh (——中中国, 》亮亮点, ”中中山大学); not
# ）: （６）班班主任 is a numbered class and its head teacher
_CLAUSE_EDGE = _OPENING | frozenset("”’》」』—…·/")
# prepositions and conjunctions (jieba's p and c) and coverbs: they stand before a phrase that
# may open with the same character (对对手, 以以色列, 与与会, 同同事, 就就业, 当当地)
LEADS = frozenset("在和为对与而以但从把被于并或由用向给及至同比自跟因按据既若除凭替顺将让就连当")
_AFTER_NUMBER = _PARTICLES | frozenset("在电")  # 25日在, 14日电: what follows a date on its own
# what follows the name of a place or a firm: the name may end with the character its designation
# starts (南门街|街道, 新兴钢|钢铁集团, 博创科|科技股份, 朝阳区|区委)
DESIGNATIONS = tuple("街道 社区 科技 钢铁 集团 公司 股份 实业 银行 大学 学院 医院 中学 小学 村委 镇政府 区委 县委 "
                         "市委 路口 大街 大道 商场 广场 公园 工业 电子 电器 电力 能源 控股 投资 置业 地产 物流 传媒 "
                         "文化 旅游 农业 食品 药业 医药 化工 机械 汽车 建设 建工 水务 燃气 村民 镇党委".split())  # noqa: E501
# a measure word doubled means 'every one' (彩灯盏盏, 繁星点点), whatever stands after it
CLASSIFIERS = frozenset("个只条张块片点朵颗粒根株棵座栋幢间层级盏把支本册封份篇首句行排串对双套件辆艘架台部场次回遍声"
                        "步层户家位名口头匹群批种样")


def lone_double(text: str, i: int) -> bool:
    """text[i] == text[i + 1] stands alone, not inside a triple or longer run (哈哈哈): a column
    slip doubles a character once."""
    return not (i > 0 and text[i - 1] == text[i] or text[i + 2:i + 3] == text[i])


@lru_cache(maxsize=1)
def bundled_doubles() -> tuple[tuple[str, ...], str]:
    data = load_yaml((packs_dir() / "words" / "doubles.yaml").read_text(encoding="utf-8")) or {}
    return tuple(data.get("allow", ())), "".join(data.get("never-doubled", ""))


@record(frozen=True)
class Double:
    """A doubled character judged to be an OCR slip: drop the copy at `drop` (an index into the
    text judged); `reason` says why, for the message."""

    drop: int
    safe: bool
    reason: str


class PageText:
    """The page a judged double stands on: its other lines spell words again (an article names a
    person many times), and a spelling with one copy there and none with two is evidence the
    words alone cannot give (王新国 elsewhere: 王新新国 is a slip; 潘丽丽 elsewhere: correct).
    `in_place`: the text judged is a slice of the page, so the double itself is in it once.
    `near(offset)` narrows the page to the stretch around a double, about an article each way:
    a year of pages dumped into one file is no page, and a search of all of it for every double
    would cost time growing with the square of its length."""

    REACH = 20_000  # characters on each side of the double

    def __init__(self, text: str, in_place: bool, lo: int = 0, hi: int | None = None):
        self.text = text
        self.in_place = in_place
        self.lo, self.hi = lo, len(text) if hi is None else hi

    def near(self, offset: int) -> PageText:
        return PageText(self.text, self.in_place, max(0, offset - self.REACH), offset + self.REACH)

    def spells_once(self, text: str, i: int) -> str:
        """The page's spelling with one copy of text[i:i + 2], two characters on each side in
        turn (敬献|献|唐卡: 央敬献唐 and 敬献唐卡), if found and the double never elsewhere; else ''."""
        if not self._double_alone(text, i, 2):
            return ""
        left, right = text[i - 2:i + 1] + text[i + 2], text[i - 1:i + 1] + text[i + 2:i + 4]
        return text[i - 1:i + 1] + text[i + 2] if self._find(left) >= 0 and self._find(right) >= 0 else ""

    def names_once(self, text: str, i: int, lexicon: Lexicon) -> str:
        """The name text[i - 1:i + 3] with one copy (徐前|前|凯: 徐前凯) where the page spells it
        elsewhere, after any words but with no word of the list running on from its last
        character (邱县|县城 is no name: 在邱县城乡), and never with two; else ''."""
        if not self._double_alone(text, i, 1):
            return ""
        once = text[i - 1:i + 1] + text[i + 2]
        m = self._find(once)
        while m >= 0:
            if not any(len(w) >= 2 and lexicon.freq(w) >= MIN_WORD_FREQ for w in lexicon.words_at(self.text, m + 2)):
                return once
            m = self._find(once, m + 1)
        return ""

    def _find(self, sub: str, start: int | None = None) -> int:
        return self.text.find(sub, self.lo if start is None else start, self.hi)

    def _double_alone(self, text: str, i: int, reach: int) -> bool:
        """`reach` Han characters stand on each side of the double, and the page holds it (with
        the character before or after) nowhere but here."""
        if i < reach or i + 2 + reach > len(text) or not all(HAN.match(c) for c in text[i - reach:i + 2 + reach]):
            return False
        here = 1 if self.in_place else 0
        return all(self.text.count(t, self.lo, self.hi) <= here for t in (text[i - 1:i + 2], text[i:i + 3]))


@record(frozen=True)
class _Pair:
    """A double text[i:i + 2] as the word list segments the Han text around it: `window` holds
    the pair at window[a:b + 1], `spans` are the window's words, the copies stand in words
    k1 and k2 (w1, w2), and `inside` says a word holds the pair strictly inside it."""

    text: str
    i: int
    char: str
    window: str
    a: int
    b: int
    spans: list
    k1: int
    k2: int
    w1: str
    w2: str
    inside: bool
    score: float  # the log-probability of the window's split (kept for _reads_better_once)

    @classmethod
    def around(cls, text: str, i: int, lex: Lexicon) -> _Pair:
        lo, hi = i, i + 2
        while lo > 0 and i - lo < WINDOW and HAN.match(text[lo - 1]):
            lo -= 1
        while hi < len(text) and hi - i - 2 < WINDOW and HAN.match(text[hi]):
            hi += 1
        window = text[lo:hi]
        a, b = i - lo, i - lo + 1
        score, words = lex.scored_segment(window)
        spans = _spans(words)
        k1 = next(k for k, s in enumerate(spans) if s[0] <= a < s[1])
        k2 = next(k for k, s in enumerate(spans) if s[0] <= b < s[1])
        inside = spans[k1][0] < a and b + 1 < spans[k1][1]
        return cls(text, i, text[i], window, a, b, spans, k1, k2, window[slice(*spans[k1])],
                   window[slice(*spans[k2])], inside, score)


def _spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of a split, as Lexicon.token_spans gives them."""
    spans, pos = [], 0
    for word in words:
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return spans


class DoubleJudge:
    """Decides whether text[i] == text[i + 1] is an OCR slip or correct Chinese.

    Correct: a dictionary word holds both copies (徐徐, 莘莘学子, 高高兴兴); each copy belongs to
    a word of its own (统战部|部长, 资助|助学); numerals (十五五, 一一); the allowlist; a given
    name after a surname (潘丽丽, 刘晓晓). A slip: one copy stands alone while the other
    belongs to a word (拥堵|堵|问题, 程|催|催人奋进), or a character that is never doubled (的的).
    """

    def __init__(self, allow: tuple[str, ...] = (), never_doubled: str = ""):
        base_allow, base_never = bundled_doubles()
        self.allow = tuple(sorted(set(base_allow) | set(allow), key=lambda w: (-len(w), w)))
        self._allow_set = frozenset(a for a in self.allow if len(a) >= 2)
        self._allow_lengths = sorted({len(a) for a in self._allow_set})
        self.never = set(base_never) | set(never_doubled)
        self._lexicon: Lexicon | None = None

    def _never_beside_itself(self, char: str) -> bool:
        """A character never doubled, not even after a word that ends with it (随着|着, 属于|于,
        这|这个), unlike the few that end a word and then stand alone (目的|的, 现在|在)."""
        return char in self.never and char not in _END_THEN_ALONE

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon.default()
        return self._lexicon

    def allowed(self, text: str, i: int) -> bool:
        """An allowlist entry covers both copies text[i] and text[i + 1]."""
        for length in self._allow_lengths:
            for start in range(max(0, i + 2 - length), i + 1):
                if text[start:start + length] in self._allow_set:
                    return True
        return False

    def judge(self, text: str, i: int, at_break: bool = False, page: PageText | None = None) -> Double | None:
        """`at_break`: the two copies stand on both sides of a line or column break that falls
        mid-sentence, where OCR doubles characters most: there any double is a slip unless the
        words say otherwise (one word holds both copies, each copy has its own word, a name).
        `page`: the page around the text, whose spelling elsewhere settles what the word list
        leaves open (a name, a lone copy that may start or end a word the list lacks)."""
        char = text[i]
        if not HAN.match(char) or text[i + 1] != char:
            return None
        if char in NUMERALS and (char != PICK_UP or text[i - 1:i] in NUMERALS or text[i + 2:i + 3] in NUMERALS):
            return self._numeral_at_break(text, i) if at_break else None
        lex = self.lexicon
        if i > 0 and text[i - 1].isdigit() and char in MEASURES and not lex.words_at(text, i + 1) \
                and (at_break or not HAN.match(text[i + 2:i + 3]) or text[i + 2] in _AFTER_NUMBER):
            # 10月22日 | 日在, 2014年年5月, 14日日电: the first copy belongs to the number, the
            # second to nothing (2018年年底, 2024年年会: the second starts a word)
            return Double(i + 1, False, f"'{char}' belongs to the number before it")
        allowed = self.allowed(text, i)
        if allowed and not at_break:
            return None
        if i > 0 and text[i - 1] == "一" and lex.freq("一" + text[i + 1:i + 3]) < INSIDE_FREQ \
                and not any(text[x:i + 1] in lex for x in range(max(0, i - 3), i - 1)) \
                and not (at_break and any(len(w) >= 2 and lex.freq(w) >= RIVAL_FREQ
                                          for w in lex.words_at(text, i + 1))):
            # 一 belongs to a longer word (进一步 | 步转变, 第一部 | 部著作), at a break the second
            # copy starts a word (一系 | 系列, 一直 | 直很好), or one copy dropped a word runs on
            # from 一 (一系系列: 一系列): no measure word doubled
            return None  # 一张张, 一步步: a measure word doubled for 'one after another'
        aa_bb = i + 3 < len(text) and text[i + 2] == text[i + 3]  # the AA of AABB
        if aa_bb and lex.freq(char + text[i + 2]) >= MIN_WORD_FREQ:
            return None  # AABB: 瓷瓷实实, 表表册册 (瓷实, 表册)
        bb_of_aabb = i >= 2 and text[i - 2] == text[i - 1]
        if bb_of_aabb and lex.freq(text[i - 2] + char) >= MIN_WORD_FREQ:
            return None
        pair = _Pair.around(text, i, lex)
        w1, w2 = pair.w1, pair.w2
        if allowed or pair.k1 == pair.k2 and (lex.freq(w1) >= MIN_WORD_FREQ or pair.inside):
            # one word holds both copies: 徐徐, 高高兴兴, 中国国情 (a rare entry only with the
            # pair inside it: 干部部 | 观观众 are no better than 干部 | 观众)
            return self._one_word_at_break(pair) if at_break else None
        if len(w1) >= 2 and len(w2) >= 2 and pair.k1 != pair.k2:
            # each copy belongs to its own word: 统战部|部长, unless the text reads far better
            # with one copy gone (高质|质量发展, 节假|假日: rare words around it), by less at a break
            better = self._reads_better_once(pair, BREAK_GAIN if at_break else INLINE_GAIN)
            return Double(i + 1, False, better) if better else None
        word = self._word_across(pair.window, pair.a)
        if word:
            return Double(i + 1, False, f"with one '{char}' the text reads '{word}'")
        if pair.k1 == pair.k2:  # a rare entry (了了): judge the copies as if it were not there
            w1 = w2 = char
        if self._looks_like_name(pair.window, pair.a, pair.spans[pair.k1], w2):
            return self._page_says(page.names_once(text, i, lex) if page else "", i, char)
        if len(w1) == 1 and len(w2) >= 2:
            return self._first_copy_alone(pair, w2, at_break, page)
        if len(w2) == 1 and len(w1) >= 2:
            return self._second_copy_alone(pair, w1, at_break, page)
        if char in self.never or at_break:
            return Double(i + 1, False, f"'{char}{char}' is not a word" if at_break
                          else f"'{char}' is never doubled in running text")
        ends, starts = lex.position_share(char)
        if lex.freq(char) >= STANDALONE and lex.freq(char * 2) == 0 and char not in CLASSIFIERS \
                and text[i + 2:i + 3] != "儿" \
                and (starts < 0.7 or char not in PRONOUNS or i == 0 or text[i - 1] in _OPENING) \
                and not (aa_bb or bb_of_aabb):
            # 物品和和人员: a common word of its own that the list never doubles (but AABB and
            # erhua doubles are correct, listed or not: 和和美美, 道道儿)
            return Double(i + 1, False, f"'{char}' is a common word but '{char}{char}' is none")
        return self._spelled_once(text, i, page)  # neither copy forms a word: a reduplication the list lacks (走走, 红红)

    def _one_word_at_break(self, pair: _Pair) -> Double | None:
        """At a break, a word holding both copies is no excuse when the text around reads
        better with one copy gone."""
        lex, window, a, b, i, char = self.lexicon, pair.window, pair.a, pair.b, pair.i, pair.char
        # 深 | 深受欢迎: the copy after the break starts a common word of its own
        word = pair.w1 if pair.k1 == pair.k2 else char * 2
        rival = max(lex.words_at(window, b), key=lex.freq, default="")
        if len(word) == 2 and lex.freq(rival) >= RIVAL_FREQ and rival[:2] != word:
            return Double(i, False, f"the copy after the break starts '{rival}'")
        # 沿用传统 | 统模式, 中共十八大 | 大以来: the copy before the break ends a common word
        ender = self._word_ending(window, a)
        if len(word) == 2 and lex.freq(ender) >= ENDER_FREQ:
            return Double(i + 1, False, f"the copy before the break ends '{ender}'")
        # 互学 | 学互鉴: a listed double, but the text reads far better with one copy gone
        better = len(word) == 2 and self._reads_better_once(pair, BREAK_GAIN)
        return Double(i + 1, False, better) if better else None

    def _first_copy_alone(self, pair: _Pair, w2: str, at_break: bool, page: PageText | None) -> Double | None:
        """程|催|催人奋进: the second copy belongs to a word, the first would have to end a word
        the list lacks."""
        lex, window, text, i, char, b = self.lexicon, pair.window, pair.text, pair.i, pair.char, pair.b
        k1, spans = pair.k1, pair.spans
        if not at_break and (text.startswith(DESIGNATIONS, i + 1) or len(w2) <= 3 and lex.freq(char * 2) >= LITTLE_VERB
                             and lex.freq(w2) < VERB_OBJECT and text[i - 1:i] not in _BEFORE_ADJECTIVE):
            # 南门街|街道, 博创科|科技: a name ends with the character its designation starts;
            # 聊聊|家常, 打打|电话: a verb doubled 'a little' before its object. Only the page can tell
            return self._spelled_once(text, i, page)
        alone = lex.freq(char)  # the copy left over may be a word of its own (现在|在|广州)
        ends, starts = lex.position_share(char)
        before = window[slice(*spans[k1 - 1])] if k1 > 0 else ""  # the word before the first copy
        squeezed = len(before) >= 2 and lex.freq(before) >= SAFE_WORD_FREQ
        # a lone copy may be a slip unless the character stands alone as a grammatical or place word
        lone_may_slip = alone < STANDALONE or char not in GRAMMATICAL and char not in LOCATIVES \
            or self._never_beside_itself(char)
        rare_suffix = ends < RARE_SHARE and lone_may_slip
        doubled_verb = lex.freq(char * 2) >= VERB_DOUBLE and lex.freq(w2) < VERB_OBJECT  # 照照|镜子
        # 经济|数|数据; a character ending words as often needs a familiar word before it and a
        # common one after it (土著|鱼|鱼苗: 土著鱼 is a word the list lacks), and no head (部|部长)
        between_words = squeezed and lone_may_slip and (ends < 0.5 and lex.freq(w2) >= 50 or ends < MOSTLY_ENDS
            and lex.freq(before) >= FAMILIAR_WORD and lex.freq(w2) >= COMMON_WORD
            and window[b + 1:b + 2] not in HEADS and not doubled_verb)
        # 是因|因为, 新技|技术: the second copy starts a common word; the first, rarely a
        # word's end, ends none with what stands before it. Correct: a verb doubled before
        # its object (加加|油: the list has 加加) and a unit before its head (宣传部|部长)
        opener = max(lex.words_at(window, b), key=lex.freq, default="")
        verb_object = len(w2) == 2 and doubled_verb
        lone_start = lex.freq(opener) >= COMMON_WORD and ends < 0.4 and lone_may_slip \
            and lex.freq(char * 2) <= VERB_DOUBLE and not verb_object \
            and window[b + 1:b + 2] not in HEADS \
            and not self._word_ending(window, pair.a)
        # ，国国家 “中中央: at a clause's start no word precedes the first copy for it to end,
        # so only a listed double or a lead before a phrase (对对手) reads as correct
        # (a list item of two or more characters before 、 too: 辽宁、浙江|江|苏, not 区、市|市场)
        opens = i == 0 or text[i - 1] in _CLAUSE_EDGE or text[i - 1].isspace() \
            or text[i - 1] == "、" and i >= 3 and HAN.match(text[i - 2]) and HAN.match(text[i - 3])
        clause_start = not before and opens \
            and (lex.freq(char * 2) < MIN_WORD_FREQ or lex.freq(w2) >= VERB_OBJECT) and not verb_object \
            and char not in LEADS and lex.freq(w2) >= CLAUSE_WORD
        # 的|重|重要, 要|构|构建: a function word before the first copy, which so starts a phrase
        after_function = len(before) == 1 and before in _LEFT_FUNCTION and lone_may_slip \
            and window[b + 1:b + 2] not in HEADS and (before in _BEFORE_ADJECTIVE or not doubled_verb)
        if not at_break and not (rare_suffix or between_words or lone_start or clause_start or after_function):
            return self._spelled_once(text, i, page)
        safe = (at_break or ends < 0.05) and alone < (STANDALONE if at_break else SAFE_STANDALONE)
        why = (f"'{char}' starts '{w2}' and hardly ever ends a word" if rare_suffix else
               f"the copy before '{w2}' stands alone" +
               (f" after '{before}'" if before else ""))
        return self._slip(i, char, w2, safe, why)

    def _second_copy_alone(self, pair: _Pair, w1: str, at_break: bool, page: PageText | None) -> Double | None:
        """拥堵|堵|问题: the first copy belongs to a word, the second would have to start a word
        the list lacks."""
        lex, window, text, i, char, b = self.lexicon, pair.window, pair.text, pair.i, pair.char, pair.b
        k2, spans = pair.k2, pair.spans
        alone = lex.freq(char)
        ends, starts = lex.position_share(char)
        after = spans[k2 + 1] if k2 + 1 < len(spans) else None
        next_word = window[slice(*after)] if after else ""
        squeezed = len(next_word) >= 2 and lex.freq(next_word) >= PHRASE_FREQ
        # 力量|量|，  难题|题|和大家: the copy ends a clause or stands before a particle
        # (a listed double after a common word too: 调整|整|，)
        closed = not squeezed and (lex.freq(char * 2) < MIN_WORD_FREQ or lex.freq(w1) >= COMMON_WORD) \
            and char not in CLASSIFIERS \
            and self._closes(text, i + 2, window, after)
        # 问题|题|的起点, 政策|策|。: the copy left over starts no word and the character,
        # mostly a word's end, seldom starts one; before a word or a mark, not a lone
        # character it may form a word with (核潜艇|艇|体), nor in a list (上海海、陆、空)
        lone_end = lex.freq(w1) >= COMMON_WORD and starts < 0.5 and ends >= MOSTLY_ENDS and alone < STANDALONE \
            and lex.freq(char * 2) < MIN_WORD_FREQ and not lex.words_at(window, b) \
            and text[i + 2:i + 3] != "、" and len(next_word) != 1
        # 队员|员|们, 改进|进|的: the copy stands before a function word (工作|作了 is a verb and 了)
        before_function = next_word in FUNCTION_WORDS or next_word == "了" and alone < ASPECT_ALONE
        # a word the list holds as one phrase (宏观调控, 合法权益: frequency 3) is no rare word
        # (and a longer one ending in a suffix: 引导者|者, 理论性|性)
        listed = lex.freq(w1) >= 50 or closed and len(w1) >= 4 or len(w1) >= 3 and ends >= MOSTLY_ENDS
        # a common content character standing alone is a slip (我们|们); before a mark, not after
        # a rarer word that may be a name (父老|老”)
        lone_may_slip = alone < STANDALONE or self._never_beside_itself(char) or char not in GRAMMATICAL \
            and (not closed or lex.freq(w1) >= FAMILIAR_WORD)
        if not at_break and not ((squeezed or closed or lone_end or before_function) and lone_may_slip and listed):
            return self._spelled_once(text, i, page)  # 核潜艇|艇|体: the copy may start a word the list lacks
        if closed and len(w1) == 2 and w1[0] in surnames() and given_name_chars().get(char, 0) >= 3 \
                and lex.freq(w1) < FAMILIAR_WORD:
            return None  # 高峰|峰|和: may be a given name with a doubled character (高峰峰)
        if squeezed and char in surnames() and next_word in TITLES:
            return None  # 班主任|任老师: the copy is a surname
        safe = (at_break or starts < 0.5) and alone < (STANDALONE if at_break else SAFE_STANDALONE)
        # not for a copy before punctuation (closed), nor lone_end alone, nor before a rare phrase
        safe = safe and squeezed and lex.freq(next_word) >= SAFE_WORD_FREQ
        ahead = text[i + 2:i + 3]
        number = _LATIN_OR_NUMBER.match(text, i + 2)
        why = f"'{char}' ends '{w1}' and the copy after it stands alone" + (
            f" before '{next_word}'" if squeezed or closed and next_word else
            " at the paragraph's end" if closed and not ahead else
            f" before '{number.group()[:8]}'" if closed and number else
            " before a space" if closed and ahead.isspace() else
            " before the punctuation" if closed else "")
        return self._slip(i + 1, char, w1, safe, why)

    def _slip(self, drop: int, char: str, word: str, safe: bool, why: str) -> Double:
        """A slip whose copy at `drop` goes, leaving `word`: safe only when that word is common
        and the doubled pair is no word at all."""
        lex = self.lexicon
        return Double(drop, safe and lex.freq(word) >= SAFE_WORD_FREQ and lex.freq(char * 2) == 0, why)

    def at_break(self, tail: str, head: str, page: PageText | None = None) -> tuple[int, bool, str] | None:
        """The text printed on both sides of a break: `tail` ends one line or paragraph, `head`
        starts the next (拥堵 | 堵问题). Returns (how many characters stand twice, whether
        dropping the second copy is safe, why) for a slip, None when there is none or the
        double is correct Chinese (统战部 | 部长, 研究 | 研究)."""
        m = _TAIL_RUN.search(tail[-12:])
        n = _HAN_RUN.match(head)
        if not m or not n:
            return None
        tail_run, head_run = m.group(), n.group()
        for k in range(min(LONGEST_AT_BREAK, len(tail_run), len(head_run)), 0, -1):
            if tail_run[-k:] != head_run[:k]:
                continue
            joined = tail_run + head_run
            if k == 1:
                context = tail[-_BREAK_CONTEXT:]  # digits before the pair matter (22日 | 日在)
                verdict = self.judge(context + head[:_BREAK_CONTEXT], len(context) - 1, at_break=True, page=page)
                if verdict is None:
                    return None
                return 1, verdict.safe, verdict.reason
            unit = head_run[:k]
            if self.allowed(joined, len(tail_run) - k) or unit + unit in self.lexicon:
                return None  # 研究研究, 讨论讨论: a reduplicated verb
            safe = k > 2 or self.lexicon.freq(unit) >= SAFE_WORD_FREQ
            return k, safe, f"'{unit}{unit}' is not a word"
        return None

    def _spelled_once(self, text: str, i: int, page: PageText | None) -> Double | None:
        # not before a head (检查官室|室长: the paper itself also writes 检查官室长 for the office's
        # head), nor for a grammatical word, which stands alone beside its twin as it should
        # (人工智能|能|帮助, 一起过|过|春节: elsewhere 智能帮助 and 起过春节 read right too)
        grammatical = text[i] in GRAMMATICAL and self.lexicon.freq(text[i]) >= STANDALONE
        once = page.spells_once(text, i) if page and text[i + 2:i + 3] not in HEADS and not grammatical else ""
        return self._page_says(once, i, text[i])

    @staticmethod
    def _page_says(once: str, i: int, char: str) -> Double | None:
        """A slip when the page spells the text with one copy elsewhere (`once`), else correct."""
        return Double(i + 1, False, f"elsewhere the page reads '{once}', never with '{char * 2}'") if once else None

    def _reads_better_once(self, pair: _Pair, gain: float) -> str:
        """Why the first copy (window[a]) is a slip when the best split of the window gains more
        than `gain` in log-probability with it gone (高质|质量发展 -> 高质量发展), else ''."""
        window, a = pair.window, pair.a
        once = window[:a] + window[a + 1:]
        score, words = self.lexicon.scored_segment(once)
        if score - pair.score <= gain:
            return ""
        kept = next(once[x:y] for x, y in _spans(words) if x <= a < y)
        return f"with one '{window[a]}' the text reads '{kept}'" if len(kept) > 1 \
            else f"the text reads far better with one '{window[a]}'"

    def _word_across(self, window: str, a: int) -> str:
        """The word that one copy of window[a:a + 2] dropped puts the other inside, not at its
        edge (产业业链 -> 产业链, 志愿愿者 -> 志愿者), if it is common enough; else ''."""
        once = window[:a] + window[a + 1:]
        for start, end in self.lexicon.token_spans(once):
            if start < a < end - 1:
                word = once[start:end]
                return word if self.lexicon.freq(word) >= INSIDE_FREQ else ""
        return ""

    def _closes(self, text: str, j: int, window: str, after: tuple[int, int] | None) -> bool:
        """Whether what follows the second copy (text[j:]) closes it off: a clause or sentence
        mark, a dash, the paragraph's end, what no Chinese word goes on into (an opening quote
        or bracket, a space, a number, Latin letters: 超过过1500万吨, 出台台“人才30条”), a 、
        before an item of more than one character (全球化化、国际化, not 上海海、陆、空), or a
        particle or conjunction standing alone before a word (和大家, 为宗旨)."""
        nxt = text[j:j + 1]
        if nxt in _CLOSING or not nxt or nxt in _OPENING_MARKS or nxt.isspace() or _LATIN_OR_NUMBER.match(nxt):
            return True
        if nxt != "、" and (after is None or after[1] - after[0] != 1 or window[after[0]] not in _PARTICLES):
            return False
        return self._word_starts(text, j + 1)

    def _word_starts(self, text: str, pos: int) -> bool:
        """A common word of two or more characters starts at text[pos]."""
        return any(len(w) >= 2 and self.lexicon.freq(w) >= SAFE_WORD_FREQ for w in self.lexicon.words_at(text, pos))

    def _word_ending(self, window: str, a: int) -> str:
        """The commonest dictionary word of two to four characters ending at window[a], or ''."""
        words = [w for w in (window[x:a + 1] for x in range(max(0, a - 3), a)) if w in self.lexicon]
        return max(words, key=self.lexicon.freq, default="")

    def _looks_like_name(self, window: str, a: int, first: tuple[int, int], w2: str) -> bool:
        """潘丽丽说, 李明明确: a surname standing alone, then a character names often double.
        `first` is the token holding the first copy: 黑龙江|江 and 重拾|拾 hold no surname."""
        if a == 0:
            return False
        before = window[a - 1]
        if before not in surnames():
            return False
        if first[0] < a - 1 or first[0] == a - 1 and self.lexicon.freq(window[a - 1:a + 1]) >= 3:
            return False  # the 'surname' belongs to a word with the first copy
        if self.lexicon.freq(self._word_ending(window, a - 1)) >= MIN_WORD_FREQ:
            return False  # the 'surname' ends a word (拥|堵 is not a name: 拥堵; 发展史|可)
        return given_name_chars().get(window[a], 0) >= 3 and len(w2) <= 2

    def _numeral_at_break(self, text: str, i: int) -> Double | None:
        """一 | 一场, 两 | 两地: a numeral on both sides of a break where the second copy starts a
        common word and no numeral stands beside the pair (十五 | 五规划 is correct)."""
        before = text[i - 1] if i > 0 else ""
        after = text[i + 2] if i + 2 < len(text) else ""
        if before in NUMERALS or before.isdigit() or after in NUMERALS or after.isdigit() or before == "第":
            return None
        if self.allowed(text, i) and text[i] != "一":
            return None
        rival = max(self.lexicon.words_at(text[i + 1:i + 1 + WINDOW], 0), key=self.lexicon.freq, default="")
        if self.lexicon.freq(rival) < RIVAL_FREQ or rival[:2] == text[i] * 2:
            return None
        return Double(i, False, f"the copy after the break starts '{rival}'")
