"""Person names in the places a newspaper prints them.

A Chinese name is a surname (one character, or two: 欧阳, 司马) and a given name of one or two
characters, written with nothing around it. Without a segmenter trained on names, the safe
places to find one are the contexts newspapers use again and again:

  list      省委常委王拥军、李金科、董晓宇…在主席台就座   (every item a name)
  title     省委副书记、省长卢东亮出席                      (a title before it)
  speech    唐登杰强调 / 崔元斌主持                         (a reporting verb after it)
  credit    （记者 郭宁） / 本报记者 韩莹摄                  (bylines and photo credits)

A name found there must end where the context says (a separator, a verb, a credit mark), and
its given name must use characters that given names use (rules/words/given-name-chars.txt).
Only names found this way enter the index; a variant is then also looked for in free text.
"""
from __future__ import annotations

from functools import lru_cache
from re import escape as re_escape

from lint.patterns import LazyPattern, lazy
from lint.data import all_surnames, given_name_chars, word_lines
from lint.lexicon import Lexicon
from lint.records import record

TITLES = (
    "书记 副书记 省长 副省长 市长 副市长 县长 副县长 区长 副区长 州长 镇长 乡长 村长 主席 副主席 部长 副部长 "
    "主任 副主任 秘书长 副秘书长 常委 委员 厅长 副厅长 局长 副局长 院长 副院长 校长 副校长 所长 处长 科长 "
    "总理 副总理 总统 副总统 首相 大使 董事长 总经理 经理 总裁 记者 通讯员 教授 院士 研究员 主编 总编辑 "
    "负责人 队长 司令员 政委 会长 理事长 行长 检察长 馆长 团长 社长 台长 审判长 庭长 组长 站长 "
    "法官 检察官 警官 民警 医生 护士 老师 教练 运动员 选手 演员 导演 作家 画家 诗人 专家 学者 "
    "发言人 代表 常务副市长 常务副省长 党组书记 第一书记 支部书记 同志 先生 女士 处长 主委 "
    "委员长 副委员长 首席执行官 首席运营官 执行官 合伙人 创始人 董事 监事 书记员 村医 辅警 军士长 "
    "主持人 教师 工程师 技术员 班长 连长 排长 营长 师长 军长 船长 机长 园长 店长"
).split()
# who someone is rather than their office: a name after these must be speaking (村民王勇说),
# as 居民微信群 and 学生会 are not names
PEOPLE = "干部 党员 职工 农民 村民 工人 市民 居民 游客 茶农 渔民 牧民 果农 菜农 嘉宾 志愿者 学生 网友 老板".split()
SPEECH = (
    "强调 指出 表示 主持 说 介绍 认为 要求 宣布 会见 会晤 出席 讲话 致辞 希望 提出 告诉 回忆 坦言 "
    "透露 称 解释 补充 谈到 说道 感慨 笑着说 建议 呼吁 指示 批示 率 带领 调研 考察 参加 陪同 一行"
).split()  # what a name does at the start of a clause: 唐登杰强调, 崔元斌主持
VERBS = SPEECH + "代表 分别 等 在 和 与 及 同 向 对 为 也 都 还 则 就 是 已 曾 将 又 于 作 做".split()
TITLES_AFTER = "主席 总书记 同志 先生 女士 书记 总理 副总理 委员长 教授 院士 老人 大使 部长 省长 市长 县长".split()
HONORIFICS = frozenset("先生 女士 同志 老师 师傅 大爷 大妈 阿姨 书记 主任 老人".split())  # 曹先生 is no given name
CREDIT_BEFORE = ("记者", "通讯员", "摄影", "摄影记者", "编辑", "作者", "撰稿", "执笔")


def longest_of(words) -> str:
    """A pattern matching the longest of `words` that stands at a place (副主席 over 主席, 笑着说
    over 说), written as a tree of the words' characters (副(?:主(?:任|席)|书记…)): the engine
    tries a character's branch, not every word."""
    tree: dict = {}
    for w in set(words):
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re_escape(c) + branch(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return branch(tree)


_TITLES = tuple(sorted(set(TITLES)))
_TITLE_RE = lazy(longest_of(TITLES))
VERB_RE = lazy(longest_of(VERBS))
_TITLE_AFTER_RE = lazy(longest_of(TITLES_AFTER))
_SPEECH_RE = lazy(longest_of(SPEECH))
_PEOPLE_RE = lazy(longest_of(PEOPLE))
_CREDIT_RE = lazy(r"(?:" + "|".join(CREDIT_BEFORE) + r")[ \u3000\u00a0]*")
# a list starts where a run of text does (after a mark or at the start), and its items are taken
# whole (possessive): on a run without 、 each start fails at once, not after trying every end
_LIST_RUN = lazy(r"(?<![^、，。；：！？“”‘’（）()《》\s])[^、，。；：！？“”‘’（）()《》\s]++"
                 r"(?:、[^、，。；：！？“”‘’（）()《》\s]++)+")
# the same lists found faster (_lists): the one at the start, then each after its mark (group 1),
# a pattern that starts with a mark letting the engine skip from mark to mark
_LIST_AT_START = lazy(r"[^、，。；：！？“”‘’（）()《》\s]++(?:、[^、，。；：！？“”‘’（）()《》\s]++)+")
_LIST_AFTER_MARK = lazy(r"[、，。；：！？“”‘’（）()《》\s]([^、，。；：！？“”‘’（）()《》\s]++"
                        r"(?:、[^、，。；：！？“”‘’（）()《》\s]++)+)")
END_MARKS = set("，、。；：！？”’）)」』 \u3000\u00a0\n")
CUT_WORD_FREQ = 500  # a name does not end inside a word this common
NOT_NAME_END = set("中上下里内外时后前们等的了村镇乡县省市区路街")  # 贺信中指出, 那洛村: a place, not a given name
CREDIT_WORD = 50  # a word this common that a credit word (摄影, 编辑) starts is no credit (摄影家)
NOT_IN_GIVEN = frozenset("的了着们吗呢吧")  # particles no given name holds: 国家的梦 has no 家的梦 in it
COMMON_GIVEN_WORD = 5000  # 和|居民说: a given name this common as a word is a word
COMMON_HEAD_WORD = 1000  # 文艺|家表示: surname and first given character forming a common word
MIN_GIVEN = 1  # a given-name character must appear in this many known names


class RememberedFreqs(dict):
    """Lexicon.default().freq, remembered: `freq(word)`. The name rules ask about the same names,
    and the characters around them, page after page (two questions in three are repeats), and
    until a run has asked a hundred thousand questions the word list answers each by a search in
    its packed form; a dict answers at once. Holds at most `limit` words."""

    def __init__(self, limit: int = 200_000):
        super().__init__()
        self.limit = limit
        self.freq = self.__getitem__

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        found = self[word] = Lexicon.default().freq(word)
        return found


WORDS = RememberedFreqs()  # for the finder and the name rules


@record(frozen=True)
class NameHit:
    """A name at text[start:end]; `surname` is its first one or two characters. `kind` is the
    context it was found in; for a list, `group` numbers the list in its page and `position` is
    the name's place in it."""

    start: int
    end: int
    name: str
    surname: str
    kind: str
    group: int = -1
    position: int = -1


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single, compound) surnames."""
    names = all_surnames()
    return frozenset(s for s in names if len(s) == 1), frozenset(s for s in names if len(s) == 2)


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The surnames about 300 most common: 王, 李, 欧阳, but not 乌 (乌军) or 有 (有次)."""
    return frozenset(word_lines("common-surnames.txt"))


@lru_cache(maxsize=1)
def _clause_name() -> LazyPattern:
    """Where a clause starts with a surname and a reporting verb or a title (主席, 同志) follows
    two to four characters on: the only places a name before a verb can stand (a surname and
    one or two given-name characters, then the verb). The match is the surname's character: the
    engine skips to those, then looks behind (a mark, a space or the start) and ahead."""
    single, compound = surnames()
    firsts = "".join(sorted(single | {c[0] for c in compound}))
    return lazy("[" + firsts + r"](?<=(?<![^，。；：！？“”、（）\s]).)(?=.{1,3}?(?:"
                + longest_of([*SPEECH, *TITLES_AFTER]) + "))")


def surname_at(text: str, i: int) -> str:
    single, compound = surnames()
    if text[i:i + 2] in compound:
        return text[i:i + 2]
    return text[i] if i < len(text) and text[i] in single else ""


_ALL_HAN = lazy("[\u4e00-\u9fff\u3400-\u4dbf]+")  # what is_han says of every character


def plausible(name: str, surname: str, strict: bool = True, common_word_freq: int = 200, shape: bool = False) -> bool:
    """Surname plus one or two given-name characters, and not a common word (高新, 文化).
    Not `strict`: any given name will do (in a list of names, 王拥军 needs no 拥 in the table)."""
    given = name[len(surname):]
    if not 1 <= len(given) <= 2:
        return False
    if strict:
        chars = given_name_chars()
        if chars.get(given[0], 0) < MIN_GIVEN or len(given) == 2 and chars.get(given[1], 0) < MIN_GIVEN:
            return False
    if "某" in given or given[-1] in NOT_NAME_END or given in HONORIFICS:
        return False
    if not shape and not NOT_IN_GIVEN.isdisjoint(given):
        return False  # (the shape of a misread name may hold one: 李思思 read as 李私思)
    return WORDS.freq(name) < common_word_freq


def name_at(text: str, i: int, ends_ok, strict: bool = True, shape: bool = False) -> tuple[str, str] | None:
    """The name starting at text[i] whose end satisfies `ends_ok(end)`: two given characters
    unless the second starts the word after the name (武晋在主席台: 武晋), then one."""
    surname = surname_at(text, i)
    if not surname:
        return None
    lex = WORDS
    for given in (2, 1):
        end = i + len(surname) + given
        name = text[i:end]
        if end > len(text) or not ends_ok(end) or not _ALL_HAN.fullmatch(name):  # (the rarer first)
            continue
        if given == 2 and VERB_RE.match(text, end - 1) and ends_ok(end - 1):
            continue
        if end < len(text) and lex.freq(text[end - 1:end + 1]) >= CUT_WORD_FREQ:
            continue  # the name would cut a word: 经济工|作, 全员参|与
        if plausible(name, surname, strict, shape=shape):
            return name, surname
    return None


def _name_and_shape_at(text: str, i: int, ends_ok) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(name_at(text, i, ends_ok), name_at(text, i, ends_ok, strict=False, shape=True)), the
    places they both try looked at once."""
    surname = surname_at(text, i)
    if not surname:
        return None, None
    lex = WORDS
    found: tuple[str, str] | None = None
    shape: tuple[str, str] | None = None
    for given in (2, 1):
        end = i + len(surname) + given
        name = text[i:end]
        if end > len(text) or not ends_ok(end) or not _ALL_HAN.fullmatch(name):
            continue
        if given == 2 and VERB_RE.match(text, end - 1) and ends_ok(end - 1):
            continue
        if end < len(text) and lex.freq(text[end - 1:end + 1]) >= CUT_WORD_FREQ:
            continue
        if found is None and plausible(name, surname):
            found = name, surname
        if shape is None and plausible(name, surname, False, shape=True):
            shape = name, surname
        if found is not None and shape is not None:
            break
    return found, shape


def _ends_at_mark(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in END_MARKS


def ends_at_verb(text: str, end: int) -> bool:
    return _ends_at_mark(text, end) or bool(VERB_RE.match(text, end)) or bool(_TITLE_RE.match(text, end))


def find_names(text: str) -> list[NameHit]:
    """Every name found in `text` (a page or a paragraph), by position; a name found in two
    contexts is kept once, with the more telling context (a list tells most)."""
    return list(names_and_shapes(text)[0])


def name_shapes(text: str) -> list[NameHit]:
    """Names after a title or before a reporting verb, whatever their given-name characters:
    what a misread name looks like (李私思说), to be compared with the spellings beside it."""
    return list(names_and_shapes(text)[1])


_last: list[tuple[str, tuple[list[NameHit], list[NameHit]]]] = []  # the last two texts asked about


def names_and_shapes(text: str) -> tuple[list[NameHit], list[NameHit]]:
    """(find_names(text), name_shapes(text)), found in one pass over the titles and clause starts
    they share. The answers for the last two texts are kept: the rules ask about one page in
    turn, and a one-page run builds the name index just before (do not change the lists)."""
    global _last
    for seen, found in _last:
        if seen is text or seen == text:  # (the page read again for its check is another string)
            return found
    found = _names_and_shapes(text)
    _last = [_last[-1], (text, found)] if _last else [(text, found)]
    return found


def _names_and_shapes(text: str) -> tuple[list[NameHit], list[NameHit]]:
    hits: dict[int, NameHit] = {}
    shapes: list[NameHit] = []

    def add(hit: NameHit) -> None:
        if hit.start not in hits or hit.kind == "list" and hits[hit.start].kind != "list":
            hits[hit.start] = hit

    group = 0
    for start, run in _lists(text):
        items = run.split("、")
        if not _may_name(items):
            continue  # (most lists are of things: 经济、政治、文化和社会)
        found = _list_names(text, start, items, strict=True)
        named_middle = sum(1 for k, *_ in found if 0 < k < len(items) - 1)
        middle = len(items) - 2
        if len(found) >= 3 and (middle <= 0 or named_middle >= 0.5 * middle) or \
                len(found) == len(items) == 2 and _titled(text, start):
            if len(found) >= 3:  # a list of names: the items the table missed are names too
                found = _list_names(text, start, items, strict=False)
            for n, (_, s, name, surname) in enumerate(found):
                add(NameHit(s, s + len(name), name, surname, "list", group, n))
            group += 1

    def before_verb(e: int) -> bool:
        return ends_at_verb(text, e)

    firsts = _surname_firsts()
    for m in _TITLE_RE.finditer(text):
        at = m.end()
        if text[at:at + 1] not in firsts:
            continue  # no surname follows (two titles in three): no name, no shape
        got, shape = _name_and_shape_at(text, at, before_verb)
        if got and _weak_context_ok(*got):
            add(NameHit(at, at + len(got[0]), got[0], got[1], "title"))
        if shape and _weak_context_ok(*shape):
            shapes.append(NameHit(at, at + len(shape[0]), shape[0], shape[1], "title"))

    def speaks(e: int) -> bool:
        return bool(_SPEECH_RE.match(text, e))

    for m in _PEOPLE_RE.finditer(text):
        if text[m.end():m.end() + 1] not in firsts:
            continue  # no surname follows: no name
        got = name_at(text, m.end(), speaks)
        if got and _weak_context_ok(*got):
            add(NameHit(m.end(), m.end() + len(got[0]), got[0], got[1], "title"))

    def signed(e: int) -> bool:
        return _ends_at_mark(text, e) or text.startswith("摄", e)

    for m in _CREDIT_RE.finditer(text):  # a byline is a name's place: any given-name characters will do
        if WORDS.freq(text[m.start():m.end() + 1]) >= CREDIT_WORD:
            continue  # 摄影家, 编辑部: the credit word is part of another
        got = name_at(text, m.end(), signed, strict=False)
        if got:
            add(NameHit(m.end(), m.end() + len(got[0]), got[0], got[1], "credit"))

    def speaks_or_titled(e: int) -> bool:
        return bool(_SPEECH_RE.match(text, e) or _TITLE_AFTER_RE.match(text, e))

    spoken = []
    for m in _clause_name().finditer(text):
        i = m.start()
        got = name_at(text, i, speaks_or_titled)
        if got and _weak_context_ok(*got):
            add(NameHit(i, i + len(got[0]), got[0], got[1], "speech"))
        got = name_at(text, i, speaks, strict=False, shape=True)
        if got and _weak_context_ok(*got):
            spoken.append(NameHit(i, i + len(got[0]), got[0], got[1], "speech"))
    return [hits[k] for k in sorted(hits)], shapes + spoken


def _lists(text: str):
    """(start, text) of each match of _LIST_RUN in `text`, in order."""
    first = _LIST_AT_START.match(text)
    if first:
        yield 0, first.group()
    for m in _LIST_AFTER_MARK.finditer(text, first.end() if first else 0):
        yield m.start(1), m.group(1)


def _list_names(text: str, pos: int, items: list[str], strict: bool) -> list[tuple[int, int, str, str]]:
    """(item number, start, name, surname) of the items of a 、-list that are names."""
    found = []
    for k, item in enumerate(items):
        start, end = pos, pos + len(item)
        pos = end + 1
        if k == 0:  # the first item may carry its title: 省委常委王拥军
            got = _tail_name(text, start, end, strict)
        else:  # the last may run on: 王蕾在主席台就座, 张靖等
            last = k == len(items) - 1
            got = name_at(text, start, lambda e: e == end or last and ends_at_verb(text, e), strict)
            got = (start, *got) if got else None
        if got:
            found.append((k, *got))
    return found


def _may_name(items: list[str]) -> bool:
    """Whether enough items of a 、-list could be names for the list to count as one (see
    _names_and_shapes): the first item's last two to four characters, the others' first, must
    start with a surname, and an item between others is two to four characters long."""
    firsts = _surname_firsts()
    last = len(items) - 1
    if last == 1:  # (most lists: two items, each of which must be able to hold a name)
        return items[1][0] in firsts and not firsts.isdisjoint(items[0][-4:-1])
    middle = 0
    for item in items[1:last]:
        if 2 <= len(item) <= 4 and item[0] in firsts:
            middle += 1
    # the first item's characters -4, -3 and -2, those it has
    could = middle + (not firsts.isdisjoint(items[0][-4:-1])) + (items[last][0] in firsts)
    return could >= 3 and (last <= 1 or middle >= 0.5 * (last - 1))


@lru_cache(maxsize=1)
def _surname_firsts() -> frozenset[str]:
    """The characters a surname starts with (one-character surnames, and compounds' first)."""
    single, compound = surnames()
    return single | {c[0] for c in compound}


def _weak_context_ok(name: str, surname: str) -> bool:
    """After a title or before a verb, with nothing else to go by: not 主席贺信中提出,
    副主任和居民委员, 作家文艺家."""
    lex = WORDS
    given = name[len(surname):]
    if len(given) == 2 and lex.freq(given) >= COMMON_GIVEN_WORD:
        return False
    return lex.freq(name[:2]) < COMMON_HEAD_WORD if len(surname) == 1 and len(name) == 3 else True


def _titled(text: str, start: int) -> bool:
    """A two-name list needs a title in its first item: 副主席徐广国、张吉福."""
    first = text[start:text.find("、", start)]
    return any(t in first for t in TITLES)


def _tail_name(text: str, start: int, end: int, strict: bool = True) -> tuple[int, str, str] | None:
    """The name ending at `end` in text[start:end]: the item itself, or its tail after a title."""
    for n in (4, 3, 2):
        s = end - n
        if s < start:
            continue
        if s > start and not title_ends_at(text, start, s):
            continue
        got = name_at(text, s, lambda e: e == end, strict)
        if got:
            return s, got[0], got[1]
    return None


def title_ends_at(text: str, start: int, end: int) -> bool:
    """A title (主席, 副总理…) ends at `end` and starts at or after `start`."""
    return text.endswith(_TITLES, start, end)


def title_before(text: str, end: int) -> str:
    """The longest title (主席, 副委员长…) that ends at `end`, or ''."""
    for size in range(min(end, _LONGEST_TITLE), 0, -1):
        if text[end - size:end] in _TITLE_SET:
            return text[end - size:end]
    return ""


_TITLE_SET = frozenset(TITLES)
_LONGEST_TITLE = max(map(len, TITLES))
