"""What the spacing rules share: spaces that are layout, not slips."""
from lint.patterns import lazy

# A short quotation or a title may be display type with its own spacing: “国货大拜年 2024国货潮品全拼图”,
# 《中共中央 国务院关于…的意见》, 《高举旗帜 真抓实干 团结奋进》; so may a rubric in brackets
# (（壮丽70年 奋斗新时代·推动高质量发展）). Titles in 《》 run longer.
_QUOTED = lazy(r"“[^“”\n]{1,30}”|‘[^‘’\n]{1,30}’|「[^「」\n]{1,30}」|《[^《》\n]{1,80}》|（[^（）\n]{1,30}）")
_SENTENCE_MARKS = set("，。！？；、,;")
_TITLE_MARKS = set("。！？；;")  # a title may list things: 《…人大、政协…》
_SEGMENT = lazy(r"[^\s\u3000“”‘’《》「」（）()——·：:]+")


def spaced_paragraphs(doc) -> list:
    """The paragraphs with a space, tab or ideographic space after the indent: all that the
    inner-space rules read, found once a page and before any paragraph's kind (which costs far
    more: 95 % of a page's lines have none)."""
    return doc.shared("spaced-paragraphs", lambda d: [p for p in d.paragraphs if _spaced(p.text, p.indent)])


def _spaced(text: str, indent: int) -> bool:
    return text.find(" ", indent) >= 0 or text.find("\u3000", indent) >= 0 or text.find("\t", indent) >= 0


def is_run_in(run: str) -> bool:
    """Two or more ideographic spaces inside a line are the indent of a paragraph run into the
    previous one (…开新局　　2019年9月16日，…): a paragraph break lost, not a spacing slip."""
    return len(run) >= 2 and run.strip("\u3000") == ""


def display_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations and titles that read as display type (no sentence punctuation inside)."""
    spans = []
    for m in _QUOTED.finditer(text):
        marks = _TITLE_MARKS if m.group().startswith("《") else _SENTENCE_MARKS
        if not marks.intersection(m.group()):
            spans.append(m.span())
    return spans


def within(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < start and end < b for a, b in quotes)


def separates_display_words(text: str, quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    """A space inside a display quotation between two segments of 3+ characters each (a slogan's
    separator); a shorter side is more likely a word that OCR split (“人民 科学家”)."""
    for a, b in quotes:
        if a < start and end < b:
            left = _SEGMENT.search(text[a + 1:start][::-1])
            right = _SEGMENT.match(text, end, b - 1)
            return bool(left and left.start() == 0 and len(left.group()) >= 3
                        and right and len(right.group()) >= 3)
    return False


_HAN = lazy(r"\p{Han}")
_HAN_HEAD = lazy(r"\p{Han}+")
# the heading of an article of a law or regulation: 第一条 为了规范……
_ARTICLE = lazy(r"第[一二三四五六七八九十百零〇\d]{1,5}[条章节款编]$")
# a field of a line of fields: 证券简称：某某股份  证券代码：600000
_FIELD = lazy(r"\p{Han}{2,8}[：:]")
_CLAUSE_EDGE = set("，。；：！？、“”‘’《》（）()「」—…·,;:!? \u3000\t")
PHRASE = 4  # Han characters of each of two phrases a house-style space sets apart
LONGEST_PHRASE = 8


def han_runs(text: str, start: int, end: int) -> tuple[str, str]:
    """The runs of Han characters right before text[start] and right after text[end - 1]."""
    i = start
    while i > 0 and _HAN.match(text[i - 1]):
        i -= 1
    after = _HAN_HEAD.match(text, end)
    return text[i:start], after.group() if after else ""


def house_style_space(text: str, start: int, end: int) -> str:
    """Why the space text[start:end] between two Han characters is house style ('' if it is
    not): it ends the heading of an article (第一条 为了规范), sets apart fields of one line
    (证券简称：某某股份  证券代码), or two phrases of equal length that stand alone between
    marks, as a headline quoted in a caption or summary does (春风化雨 润物无声, 讲述身边故事
    传递时代温度)."""
    if _ARTICLE.search(text, max(0, start - 8), start):
        return "the heading of an article"
    if _FIELD.match(text, end) and any(c in text[:start] for c in "：:"):
        return "fields of one line"
    left, right = han_runs(text, start, end)
    before = text[start - len(left) - 1:start - len(left)]
    after = text[end + len(right):end + len(right) + 1]
    alone = (not before or before in _CLAUSE_EDGE) and (not after or after in _CLAUSE_EDGE or after == "\n")
    # a third phrase set apart beyond one of the two: a series (守初心 担使命 找差距)
    series = before in " \u3000" and bool(han_runs(text, start - len(left) - 1, start)[0]) \
        or after in " \u3000" and _HAN_HEAD.match(text, end + len(right) + 1)
    # two phrases of four to eight characters (a random slip rarely splits a clause in equal
    # halves), or a series of three-character ones
    if alone and len(left) == len(right) and (PHRASE <= len(left) <= LONGEST_PHRASE
                                              or len(left) == PHRASE - 1 and series):
        return "phrases set apart"
    return ""
