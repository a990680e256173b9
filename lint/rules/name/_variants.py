"""Judging two spellings of a name that differ in one character: typo, conflict, or two people.

Evidence, strongest first:
- the editors' name list (names.yaml): a spelling it marks wrong, or a canonical spelling;
- parallel lists: the two spellings hold the same place in two lists of the same people
  (a neighbour in common, three names in common at least), as officials are listed page after page;
- one page, one person: the page prints one spelling twice or more, the other once and no other
  page of the corpus has it, and the characters look (or, in given names, sound) alike.
  Across pages, look-alike spellings are mostly different people (王晨, 王辰, 王振 in one month
  of one paper), so frequency across the corpus alone is no evidence.
Two real people whose names differ by one character exist: without such evidence nothing is said.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lint.corpus import same_page
from lint.data import packs_dir
from lint.lexicon import Lexicon

import regex

from ._finder import CUT_WORD_FREQ, NameHit, find_names
from ._namelist import NameList
from ._index import NameIndex, Place, build_index

MAJORITY = 2  # a spelling this many times as frequent (and seen twice) is the right one
SAME_PAGE_MAJORITY = 2  # without parallel lists: the page prints the other spelling this often
KIN = frozenset("哥哥 二哥 大哥 三哥 弟弟 姐姐 二姐 大姐 妹妹 父亲 母亲 儿子 女儿 丈夫 妻子 爱人 孙子 侄子 堂弟 堂兄 表弟 表哥".split())
FUNCTION_END = set("等人方在是和与说")
MIN_SHARED = 3  # two lists are of the same people when they share this many names


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, tuple[str, str]]:
    """char -> (characters that look like it, given-name characters that sound like it)."""
    out = {}
    for line in (packs_dir() / "words" / "lookalike-chars.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, shape, sound = line.split("\t")
            out[char] = (shape, sound)
    return out


def alike(a: str, b: str) -> str:
    """How the one differing character of two names is alike: 'look', 'sound' or ''."""
    pairs = [(x, y) for x, y in zip(a, b) if x != y]
    if len(pairs) != 1:
        return ""
    x, y = pairs[0]
    shape, sound = lookalikes().get(x, ("", ""))
    return "look" if y in shape else "sound" if y in sound else ""


@dataclass(frozen=True)
class Verdict:
    """What to say about the name at hit: `kind` is 'wrong' (the name list says so), 'variant'
    (likely a typo of `other`) or 'conflict' (two spellings, no telling which)."""

    hit: NameHit
    kind: str
    other: str
    why: str
    place: Place | None  # where `other` stands in another page (None: this page or the list)
    page: str | None
    here: int | None  # offset of `other` on this page


class Judge:
    def __init__(self, doc, names: NameList):
        self.doc = doc
        self.names = names
        corpus = doc.corpus
        self.index: NameIndex = corpus.index("names", build_index) if corpus is not None else NameIndex()
        self.hits = find_names(doc.text)
        self.here = Counter(h.name for h in self.hits)
        self.lists: dict[int, list[str]] = {}
        for h in self.hits:
            if h.group >= 0:
                self.lists.setdefault(h.group, []).append(h.name)
        self.other_pages = OtherPages(self.index, doc.path)

    def count(self, name: str) -> int:
        return self.here[name] + sum(1 for pl in self.index.places.get(name, ()) if pl.page in self.other_pages)

    def verdicts(self) -> list[Verdict]:
        out = []
        near_here: dict[str, list[NameHit]] = {}
        for h in self.hits:
            near_here.setdefault(h.name, []).append(h)
        for h in self.hits:
            if h.name in self.names.canonical:
                continue
            if h.name in self.names.wrong:
                right = self.names.wrong[h.name]
                out.append(Verdict(h, "wrong", right, f"the name list spells it '{right}'", None, None, None))
                continue
            v = self._judge(h, near_here)
            if v is not None:
                out.append(v)
        taken = {v.hit.start for v in out} | {h.start for h in self.hits}
        out += [v for v in self._in_running_text(near_here) if v.hit.start not in taken]
        return sorted(out, key=lambda v: v.hit.start)

    def _in_running_text(self, near_here) -> list[Verdict]:
        """One-off misspellings of a name the page prints twice or more, wherever they stand:
        习近平 … 习近砰 (OCR leaves no context the finder needs). The other characters of the name
        must surround the changed one; two-character names (王毅 -> 王X matches half the page)
        also need the characters to look or sound alike."""
        text, lex = self.doc.text, Lexicon.default()
        out: list[Verdict] = []
        for o, hs in near_here.items():
            seen = text.count(o) + self.count_other(o)
            if seen < SAME_PAGE_MAJORITY or o in self.names.wrong:
                continue
            s = len(hs[0].surname)
            for j in range(s, len(o)):
                pattern = regex.escape(o[:j]) + r"(\p{Han})" + regex.escape(o[j + 1:])
                for m in regex.finditer(pattern, text):
                    a = m.group()
                    if a == o or text.count(a) > 1 or self.count_other(a) or lex.freq(a):
                        continue
                    if m.start() >= 2 and text[m.start() - 2:m.start()] in KIN or o[-1] in FUNCTION_END:
                        continue  # 二哥范振礼 beside 范振喜: a brother; 班宇等 is 班宇 and 等
                    if self._name_and_next(o, a, near_here) or len(a) - s == 2 and lex.freq(a[-2:]) >= CUT_WORD_FREQ:
                        continue  # 李强在 / 李强说: a name and the word after it; 乌|军队: a word
                    how = alike(o, a)
                    if len(o) == 2 and not how:
                        continue
                    if _cuts_word(text, m.start(), m.end(), lex):
                        continue
                    hit = NameHit(m.start(), m.end(), a, o[:s], "text")
                    why = (f"'{o}' is printed {seen} times (this page {text.count(o)}), '{a}' only here" +
                           (f"; the characters {how} alike" if how else ""))
                    out.append(Verdict(hit, "variant", o, why, None, None, hs[0].start))
        return out

    def _name_and_next(self, a: str, b: str, near_here) -> bool:
        """Spellings differing in their last character, whose other characters are a known name
        of their own: 李强在 and 李强说 are 李强 and what follows, not two spellings."""
        if a[-1] == b[-1] or len(a) < 3:
            return False
        head = a[:-1]
        return head in near_here or bool(self.index.places.get(head))

    def count_other(self, name: str) -> int:
        return sum(1 for pl in self.index.places.get(name, ()) if pl.page in self.other_pages)

    def _judge(self, h: NameHit, near_here) -> Verdict | None:
        s = len(h.surname)
        others = {o for o in self.index.spellings_near(h.name, s)
                  if any(pl.page in self.other_pages for pl in self.index.places[o])}
        others |= {o for o in near_here if o != h.name and len(o) == len(h.name) and o[:s] == h.surname
                   and sum(x != y for x, y in zip(o, h.name)) == 1}
        others |= {o for o in self.names.canonical if len(o) == len(h.name) and o[:s] == h.surname
                   and sum(x != y for x, y in zip(o, h.name)) == 1}
        best: Verdict | None = None
        text = self.doc.text
        if text.count(h.name) == 1 and not self.count_other(h.name) and h.kind != "list":
            # the page prints the other spelling in running text (习近平 in every paragraph,
            # but 习近砰 where the finder saw a name)
            for j in range(s, len(h.name)):
                pattern = regex.escape(h.name[:j]) + r"\p{Han}" + regex.escape(h.name[j + 1:])
                for o in set(regex.findall(pattern, text)):
                    if o != h.name and o not in others and text.count(o) >= SAME_PAGE_MAJORITY and \
                            not self._name_and_next(o, h.name, near_here) and \
                            not Lexicon.default().freq(o) and (len(o) > 2 or alike(o, h.name)):
                        why = f"this page prints '{o}' {text.count(o)} times and '{h.name}' only here"
                        v = Verdict(h, "variant", o, why, None, None, text.find(o))
                        if best is None:
                            best = v
        for o in sorted(others):
            v = self._pair(h, o, near_here)
            if v is not None and (best is None or _rank(v) > _rank(best)):
                best = v
        return best

    def _pair(self, h: NameHit, o: str, near_here) -> Verdict | None:
        if self._name_and_next(h.name, o, near_here):
            return None
        aligned = self._aligned(h, o, near_here)
        how = alike(h.name, o)
        ca, co = self.count(h.name), self.count(o)
        place, page, here = aligned if aligned else self._first_place(o, near_here)
        where = "at the same place in a list of the same people" if aligned else ""
        if o in self.names.canonical:
            if not (aligned or how):
                return None
            role = self.names.canonical[o]
            why = f"the name list spells it '{o}'" + (f" ({role})" if role else "") + \
                (f", {where}" if aligned else f"; the characters {how} alike")
            return Verdict(h, "variant", o, why, place, page, here)
        if aligned:
            if co >= MAJORITY * ca and co >= 2:
                return Verdict(h, "variant", o, f"'{o}' stands {where} and is printed {co} times against {ca}",
                               place, page, here)
            if ca >= MAJORITY * co and ca >= 2:
                return None  # this is the common spelling: the other page hears of it
            return Verdict(h, "conflict", o, f"'{o}' stands {where}; no name list or count says which is right",
                           place, page, here)
        here_o, here_a = self.here[o], self.here[h.name] or 1
        if how and here_o >= SAME_PAGE_MAJORITY and here_a == 1 and ca == here_a:
            # one page, one person: 王毅 twice, 王殺 once and nowhere else in the corpus
            return Verdict(h, "variant", o, f"the characters {how} alike, and this page prints '{o}' {here_o} times "
                           f"while '{h.name}' stands here only", None, None, near_here[o][0].start)
        return None

    def _aligned(self, h: NameHit, o: str, near_here):
        """Where `o` holds h's place in a parallel list: (place, page, offset here)."""
        if h.group < 0:
            return None
        mine = self.lists[h.group]
        i = h.position
        for pl in self.index.places.get(o, ()):
            if pl.group < 0 or pl.page not in self.other_pages:
                continue
            theirs = self.index.lists[(pl.page, pl.group)]
            if _parallel(mine, i, theirs, pl.position):
                return pl, self.index.pages[pl.page], None
        for other in near_here.get(o, ()):
            if other.group >= 0 and other.group != h.group and \
                    _parallel(mine, i, self.lists[other.group], other.position):
                return None, None, other.start
        return None

    def _first_place(self, o: str, near_here):
        if o in near_here:
            return None, None, near_here[o][0].start
        for pl in self.index.places.get(o, ()):
            if pl.page in self.other_pages:
                return pl, self.index.pages[pl.page], None
        return None, None, None


class OtherPages:
    """The index's pages but the one checked (and copies of it): `page in other_pages`."""

    def __init__(self, index: NameIndex, path: str | None):
        self.same: set[int] = set()
        if path is not None:
            tail = Path(path).parts[-2:]
            self.same = {n for n, p in enumerate(index.pages) if Path(p).parts[-2:] == tail and same_page(path, p)}

    def __contains__(self, page: int) -> bool:
        return page not in self.same


def _cuts_word(text: str, start: int, end: int, lex) -> bool:
    """The 'name' runs into a word at either end: 王X|X... or ...X|X王 forms a common word."""
    return (end < len(text) and lex.freq(text[end - 1:end + 1]) >= CUT_WORD_FREQ or
            start > 0 and lex.freq(text[start - 1:start + 1]) >= CUT_WORD_FREQ)


def _parallel(a: list[str], i: int, b: list[str], j: int) -> bool:
    if len(set(a) & set(b)) < MIN_SHARED:
        return False
    before = i > 0 and j > 0 and a[i - 1] == b[j - 1]
    after = i + 1 < len(a) and j + 1 < len(b) and a[i + 1] == b[j + 1]
    return before or after


def _rank(v: Verdict) -> int:
    return {"wrong": 3, "variant": 2, "conflict": 1}[v.kind]


def verdicts(doc, name_lists) -> list[Verdict]:
    """The page's name verdicts, worked out once for all the name rules."""
    key = "name-verdicts:" + "|".join(map(str, name_lists))
    return doc.shared(key, lambda d: Judge(d, NameList.load(name_lists)).verdicts())
