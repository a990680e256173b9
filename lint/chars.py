"""Character classes shared by rules, and plain-words descriptions of characters for messages."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .patterns import lazy

# What separates words on a line: spaces, tabs, the ideographic space, no-break and fixed-width spaces.
WHITESPACE = " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
# Full-width punctuation that closes or pauses: nothing should stand between it and the text before.
CLOSING_MARKS = "，。、；：！？）》」』”’】〕〉…"
# Full-width marks that open: nothing should stand between them and the text after.
OPENING_MARKS = "（《「『“‘【〔〈"

# characters of transliterated foreign names (米洛什·巴拉班, 沃特金斯, 伊莎白·柯鲁克)
TRANSLITERATION = frozenset(
    "阿埃艾安奥巴拜班鲍贝本比彼波伯博布达戴德迪蒂杜多厄恩尔法菲费芬弗福盖戈格贡古哈海汉豪赫亨胡霍基吉加贾杰"
    "金卡凯坎康考科克肯库奎拉莱赖兰朗劳勒雷蕾里丽利莉琳卢鲁伦罗洛玛迈麦曼梅蒙米密莫姆穆纳娜奈内尼纽努诺"
    "欧帕佩皮普奇齐乔切琼萨塞桑瑟森沙舍什施斯索塔泰坦汤特提图托瓦威韦维温沃乌西希辛雅亚扬耶伊因尤约扎詹"
    "莎卫柯卜欣汗瑞登赛")


def is_han(c: str) -> bool:
    """A Chinese character of the unified block or extension A."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


@lru_cache(maxsize=None)  # a page has thousands of characters, few distinct ones
def _char_width(c: str) -> float:
    return 1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5


# Characters that print full-width (east Asian width W, F or A), by far the commonest on a page:
# Han, CJK and full-width punctuation, curly quotes, the ellipsis, the dash and the middle dot. They
# are counted in one pass, the few others weighed one by one (tests/test_chars.py checks the class
# against unicodedata).
WIDE_COMMON = "\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303e\uff01-\uff60\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_WIDE_RUNS = lazy(f"[{WIDE_COMMON}]+")


def display_width(text: str) -> float:
    """How wide the text prints, in full-width characters: a digit or Latin letter counts half, so
    '周年;10月2日，中国与俄罗斯建交70' measures like the Han lines of its column."""
    if not text:
        return 0
    rest = _WIDE_RUNS.sub("", text)
    # (every width is a multiple of 0.5: the sum is exact, whatever the order of adding)
    narrow = len(rest) * 0.5 if rest.isascii() else sum(map(_char_width, rest))  # ASCII: all half
    return float(len(text) - len(rest)) + narrow


def transliterated(window: str) -> bool:
    """A few characters around a place read as part of a transliterated name."""
    return sum(c in TRANSLITERATION for c in window) >= 3


_SPACE_NAMES = {
    " ": "space",
    "\t": "tab",
    "\u3000": "ideographic space",
    "\u00a0": "no-break space",
}


def describe_whitespace(run: str) -> str:
    """'2 spaces', '1 ideographic space', 'a tab and a space'."""
    kinds = {_SPACE_NAMES.get(c, f"U+{ord(c):04X}") for c in run}
    if len(kinds) == 1:
        kind = kinds.pop()
        return f"{len(run)} {kind}{'s' if len(run) > 1 else ''}"
    return f"{len(run)} whitespace characters ({', '.join(sorted(kinds))})"


def describe_char(c: str) -> str:
    """'U+200B ZERO WIDTH SPACE', or 'U+0007 (control)' for a character without a name."""
    name = unicodedata.name(c, "")
    if not name:
        name = "(control)" if unicodedata.category(c) == "Cc" else "(unnamed)"
    return f"U+{ord(c):04X} {name}"
