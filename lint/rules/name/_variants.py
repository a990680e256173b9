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

from bisect import bisect_left, bisect_right
from collections import Counter
from operator import attrgetter
from pathlib import Path

from lint.corpus import same_page, text_digest
from lint.lexicon import MAX_WORD, Lexicon
from lint.patterns import lazy
from lint.prose.name_index import NAMES, NameIndex, Place, list_neighbours, parallel_lists, wildcard_keys
from lint.prose.name_list import NameList
from lint.prose.names import (CUT_WORD_FREQ, END_MARKS, NOT_NAME_END, VERB_RE, WORDS, NameHit, common_surnames,
                              ends_at_verb, given_name_chars, names_and_shapes, plausible, surname_at, title_before,
                              title_ends_at)
from lint.prose.spellings import (PageSpellings, alike, lookalikes, misread_alike, single_windows_among,
                                  spelled_in)
from lint.prose.words import MIN_WORD_FREQ
from lint.records import record

JOINED_WORD = 50  # a listed name's misreading that makes a word this common with a neighbour is none (吉|林长春)
LISTED_MIN = 3  # a listed name this long is looked for misread anywhere (王X would match half a page)
_HAN_RUN = lazy(r"[\u4e00-\u9fff]{3,}")
MAJORITY = 2  # a spelling this many times as frequent (and seen twice) is the right one
SAME_PAGE_MAJORITY = 2  # without parallel lists: the page prints the other spelling this often
# a two-character name with only an unusual given character against it: the table of given-name
# characters is short (王领 is a real official beside 王东), so the other spelling must be common
ODD_TWO_CHAR_SEEN = 3
KIN = frozenset("哥哥 二哥 大哥 三哥 弟弟 姐姐 二姐 大姐 妹妹 父亲 母亲 儿子 女儿 丈夫 妻子 爱人 孙子 侄子 堂弟 堂兄 表弟 表哥".split())
FUNCTION_END = set("等人方在是和与说")
ODD_GIVEN_RIGHT = 5  # the right character is this common in given names
RARER_GIVEN = 4  # ... or this many times as common as the look-alike it is read as
RARER_GIVEN_UNLIKE = 10  # ... or as any other character
# a character given names never use is evidence only if running text uses it often: the table of
# given-name characters is short (烁 is missing), but a misreading is mostly of common characters
ODD_CHAR_FREQ = 150
GIVEN_AFTER = 20  # names hold the character after a two-character 'name' this often: a third character
_BYLINE = lazy(r"(?:记者|通讯员)[ \u3000\u00a0]*$")  # a reporter's name follows
BYLINE_PAGES = 2  # other pages a reporter's name signs, for a byline spelled once to be a misreading of it
COMMON_WORD = 100  # an indexed name this common as a word is not looked for in running text
TEXT_WORD = 20  # ... or, printed where the finder saw no name, this common (高质量; 习近平 is 4)


@record(frozen=True)
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


class Listed:
    """The editors' name list and the keys the rules look it up by: made once per list, not once
    per page."""

    def __init__(self, names: NameList):
        self.names = names
        self.canonical_keys: dict[str, set[str]] = {}  # 李?波 -> {李晓波}: one given-name character off
        for name in names.canonical:
            for key in wildcard_keys(name, len(surname_of(name))):
                self.canonical_keys.setdefault(key, set()).add(name)
        # 聂?梓 -> [(聂元梓, 1)]: a listed name of LISTED_MIN to 4 characters, any character off
        self.misread_keys: dict[str, list[tuple[str, int]]] = {}
        for name in names.canonical:
            if LISTED_MIN <= len(name) <= 4:
                for k in range(len(name)):
                    self.misread_keys.setdefault(name[:k] + "?" + name[k + 1:], []).append((name, k))
        lengths = sorted({len(name) for name in names.canonical if LISTED_MIN <= len(name) <= 4})
        # (length, their first characters, their second characters): where a misreading can stand
        self.misread_chars = [(n, {m[0] for m in names.canonical if len(m) == n},
                               {m[1] for m in names.canonical if len(m) == n}) for n in lengths]


_listed: dict[tuple, Listed] = {}  # by the lists' paths and bytes


def listed(name_lists: tuple) -> Listed:
    """The name lists' Listed, loaded once per process for as long as their files hold the same
    bytes (a list that cannot be read is loaded anew, for NameList.load to say why)."""
    key: tuple = ()
    for path in name_lists:
        try:
            if not Path(path).is_file():  # never read a pipe or a device
                return Listed(NameList.load(name_lists))
            key += ((str(path), Path(path).read_bytes()),)
        except OSError:
            return Listed(NameList.load(name_lists))
    found = _listed.get(key)
    if found is None:
        if len(_listed) >= 8:
            _listed.clear()
        found = _listed[key] = Listed(NameList.load(name_lists))
    return found


class Judge:
    def __init__(self, doc, names: NameList | Listed):
        listed = names if isinstance(names, Listed) else Listed(names)
        self.doc = doc
        self.names = listed.names
        self.listed = listed
        corpus = doc.corpus
        self.index: NameIndex = corpus.index_from(NAMES) if corpus is not None else NameIndex()
        # what the index found on a page with this text (the names, and name shapes), else found now
        found = self.index.names_of_text(text_digest(doc)) if corpus is not None else None
        self.hits, self.shapes = found if found is not None else names_and_shapes(doc.text)
        self.here = Counter(h.name for h in self.hits)
        self.lists: dict[int, list[str]] = {}
        for h in self.hits:
            if h.group >= 0:
                self.lists.setdefault(h.group, []).append(h.name)
        self.list_names = {name for names in self.lists.values() for name in names}
        self.other_pages = OtherPages(self.index, doc.path)
        self._other: dict[str, int] = {}  # count_other's answers
        self.canonical_keys = listed.canonical_keys

    def count(self, name: str) -> int:
        return self.here[name] + self.count_other(name)

    def verdicts(self) -> list[Verdict]:
        out = []
        near_here: dict[str, list[NameHit]] = {}
        for h in self.hits:
            near_here.setdefault(h.name, []).append(h)
        self._indexed = self._indexed_here(near_here)
        wanted = {(h.name, len(h.surname)) for h in self.hits + self.shapes}
        wanted |= {(o, len(hs[0].surname)) for o, hs in self._indexed.items()}
        self.spellings = PageSpellings(self.doc.text, wanted)
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
        taken = {v.hit.start for v in out} | {h.start for h in self.hits if h.name in self.names.canonical}
        known = {**self._misread_here(near_here), **self._indexed, **near_here}
        out += [v for v in self._in_running_text(known) if v.hit.start not in taken]
        taken = {v.hit.start for v in out} | {h.start for h in self.hits if h.name in self.names.canonical}
        out += [v for v in self._listed_misread() if v.hit.start not in taken]
        return sorted(out, key=lambda v: v.hit.start)

    def _listed_misread(self) -> list[Verdict]:
        """A name of the list printed one look-alike character off wherever it stands, however
        often: 最元梓 five times and 聂元梓 once, the list holding 聂元梓 (a name misread the same
        way throughout a page: the page's majority is no proof)."""
        keys = self.listed.misread_keys
        if not keys:
            return []
        text, lex, out = self.doc.text, WORDS, []
        for start, n in self._listed_windows():
            w = text[start:start + n]
            if w in self.names.canonical or lex.freq(w) or self.count_other(w):
                continue  # a word, or a spelling the other pages print too
            for k in range(n):
                for name, _ in keys.get(w[:k] + "?" + w[k + 1:], ()):
                    if (misread_alike(w[k], name[k]) and not _word_around(w, k, lex)
                            and not _joins_word(text, start, start + n, lex)):
                        hit = NameHit(start, start + n, w, w[:len(surname_of(name))], "text")
                        out.append(Verdict(hit, "variant", name,
                                           f"the name list spells it '{name}'; the characters look alike",
                                           None, None, None))
        return out

    def _listed_windows(self) -> list[tuple[int, int]]:
        """(start, length) of the stretches of a run of Han characters that could be a listed
        name one character off, in the order of a walk over the runs, each run by length, then
        by start. Such a stretch agrees with the name in its first or its second character: only
        those places are looked at, not every stretch of the page."""
        text = self.doc.text
        runs = [(m.start(), m.end()) for m in _HAN_RUN.finditer(text)]
        starts = [a for a, _ in runs]
        found = set()
        for n, firsts, seconds in self.listed.misread_chars:
            for chars, back in ((firsts, 0), (seconds, 1)):
                for c in chars:
                    i = text.find(c)
                    while i != -1:
                        start = i - back
                        r = bisect_right(starts, start) - 1
                        if start >= 0 and r >= 0 and start + n <= runs[r][1]:
                            found.add((r, n, start))
                        i = text.find(c, i + 1)
        return [(start, n) for _, n, start in sorted(found)]

    def _misread_here(self, near_here) -> dict[str, list[NameHit]]:
        """Spellings this page prints that differ in one character from a name-shaped word in a
        name's context which the finder left out for its given-name characters: 李思思 for
        李私思说."""
        text, lex, out, printed = self.doc.text, WORDS, {}, self.spellings
        for a in self.shapes:
            if printed.count(a.name) > 1:
                continue
            for _, o in printed.variants(a.name, len(a.surname)):
                if o not in near_here and o not in out and not lex.freq(o) and plausible(o, a.surname):
                    hits = [NameHit(i, i + len(o), o, a.surname, "text") for i in printed.positions[o]
                            if not _cuts_word(text, i, i + len(o), lex)]
                    if hits:
                        out[o] = hits
        return out

    def _indexed_here(self, near_here) -> dict[str, list[NameHit]]:
        """Names the corpus index holds (found in a name's context on other pages) that this
        page prints where the finder saw no context: 程旭 in '程旭在会上'."""
        def wanted(name: str) -> bool:
            return name not in near_here and bool(self.count_other(name))

        return {name: [NameHit(i, i + len(name), name, name[:s], "text") for i, s in at]
                for name, at in spelled_in(self.doc.text, self.index.places, wanted,
                                           self.index.made_of_names(single_windows_among)).items()}

    def _in_running_text(self, near_here) -> list[Verdict]:
        """One-off misspellings of a name the page prints, wherever they stand: 习近平 … 习近砰
        (OCR leaves no context the finder needs). The other characters of the name must surround
        the changed one, the spelling must stand once in the corpus, and the evidence must hold:
        the name is printed twice or more (page and corpus) and, for a two-character name
        (王毅 -> 王X matches half the page), the characters look or sound alike; or the new
        character is one given names never use (程旭 -> 程徐说), where it stands as a name."""
        text, lex, printed = self.doc.text, WORDS, self.spellings
        group_of = {h.start: h.group for h in self.hits if h.group >= 0}
        out: list[Verdict] = []
        for o, hs in near_here.items():
            word = lex.freq(o)
            if o in self.names.wrong or o[-1] in NOT_NAME_END or word >= COMMON_WORD or \
                    hs[0].kind == "text" and word >= TEXT_WORD:
                continue  # 国庆 is someone's name, and a word; 高质量 only a word
            here = printed.count(o)
            seen = here + self.count_other(o)
            s = len(hs[0].surname)
            for j, a in printed.variants(o, s):
                if printed.count(a) > 1 or self.count_other(a) or lex.freq(a):
                    continue
                for start in printed.positions[a]:
                    end = start + len(a)
                    if start in group_of:
                        continue  # a list item: lists are compared with lists
                    if start and text[start - 1] == "“" and text.startswith("”", end) or a[-1] == "老":
                        continue  # “夏墟” is a term, not a name; 徐兰老 is 徐兰沅, honoured
                    if start >= 2 and text[start - 2:start] in KIN or o[-1] in FUNCTION_END:
                        continue  # 二哥范振礼 beside 范振喜: a brother; 班宇等 is 班宇 and 等
                    if self._name_and_next(o, a, near_here) or len(a) - s == 2 and lex.freq(a[-2:]) >= CUT_WORD_FREQ:
                        continue  # 李强在 / 李强说: a name and the word after it; 乌|军队: a word
                    # a three-character name printed twice may follow a word: 落实|习近凭
                    if _cuts_word(text, start, end, lex, left=len(o) < 3 or seen < SAME_PAGE_MAJORITY) \
                            or _inside_word(text, start, end, lex):
                        continue  # 千难|万险: a longer word holds the 'name'
                    if _titled_apart(text, start, hs):
                        continue  # 行长王官明, 副委员长王东明: two titles, two people
                    how = alike(o, a)
                    named = _name_context(text, start, end)
                    odd = _odd_given(o[j], a[j])
                    # a two-character name needs its majority on this page: 王旭 elsewhere is anyone
                    majority = (here if len(o) == 2 else seen) >= SAME_PAGE_MAJORITY
                    rarer = named and (how and _rarer_given(o[j], a[j], RARER_GIVEN) or
                                       len(o) - s == 2 and _rarer_given(o[j], a[j], RARER_GIVEN_UNLIKE))
                    # 习近平 … 习过平: a page that prints the name once says less (王东明 there, 王官明 here)
                    strong = majority and len(o) > 2 and (here >= SAME_PAGE_MAJORITY or bool(how))
                    weak = (majority and (how or odd and (named or here > SAME_PAGE_MAJORITY and len(o) > 2)) or rarer or
                            odd and named and (len(o) - s == 2 or seen >= ODD_TWO_CHAR_SEEN))
                    if not (strong or weak and o[:s] in common_surnames()):
                        continue  # 杨勇根 … 副主任杨勇帽介绍, but not 乌军 … 乌媒称
                    if _heads_longer_name(text, end, verb_after=len(a) - s == 1) or \
                            len(a) - s == 1 and _given_follows(text, end, lex):
                        continue  # 韩杼|滨、, 巴特苏|赫，, 吴协|恩说: the head of another name
                    if len(a) - s == 2 and VERB_RE.match(text, end - 1):
                        continue  # 徐龙|也认为, 孙洁|将: a name and a verb
                    if len(a) - s == 1 and (start and lex.freq(text[start - 1:end]) or
                                            lex.freq(text[start:end + 1])):
                        continue  # 莫|高窟, 高帧|率: inside a word
                    hit = NameHit(start, end, a, o[:s], "text")
                    why = (f"'{o}' is printed {seen} times (this page {here}), '{a}' only here"
                           if seen > 1 else f"this page prints '{o}' and, once, '{a}'")
                    if how:
                        why += f"; the characters {how} alike"
                    if odd:
                        why += f"; given names do not use '{a[j]}'"
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
        """Places of `name` on the other pages: common names stand in thousands of places, so
        the places on this page (sorted by page, like all places) are found by bisection. Asked
        of a spelling again and again: counted once."""
        n = self._other.get(name)
        if n is None:
            places = self.index.places.get(name, ())
            n = len(places)
            for page in self.other_pages.same:
                n -= bisect_right(places, page, key=_page_of) - bisect_left(places, page, key=_page_of)
            self._other[name] = n
        return n

    def _judge(self, h: NameHit, near_here) -> Verdict | None:
        if h.group < 0 and not self.names.canonical and self.count(h.name) != 1:
            return None  # outside a list and the name list, only a spelling printed once is judged
        s = len(h.surname)
        # the other spellings weighed against h: indexed ones printed on other pages, this page's
        # names, the list's names; each one given-name character away
        on_page = {o for _, o in self.spellings.variants(h.name, s) if o in near_here}
        listed = {o for key in wildcard_keys(h.name, s) for o in self.canonical_keys.get(key, ())} - {h.name} \
            if self.canonical_keys else set()
        near: set[str] | None = None

        def weighed(o: str) -> bool:
            nonlocal near
            if o in on_page or o in listed:
                return True
            if near is None:
                near = self.index.spellings_near(h.name, s)
            return o in near and bool(self.count_other(o))

        best: Verdict | None = None
        printed = self.spellings
        if printed.count(h.name) == 1 and not self.count_other(h.name) and h.kind != "list" and \
                h.name[-1] not in FUNCTION_END:
            # the page prints the other spelling in running text (习近平 in every paragraph,
            # but 习近砰 where the finder saw a name)
            for _, o in printed.variants(h.name, s):
                if not weighed(o) and printed.count(o) >= SAME_PAGE_MAJORITY and \
                        o[-1] not in FUNCTION_END and o[-1] not in NOT_NAME_END and \
                        not self._name_and_next(o, h.name, near_here) and \
                        WORDS.freq(o) < TEXT_WORD and (len(o) > 2 or alike(o, h.name)) and \
                        not all(_cuts_word(self.doc.text, i, i + len(o), WORDS, left=False)
                                for i in printed.positions[o]):  # 万钢宣|布 is 万钢 and 宣布
                    why = f"this page prints '{o}' {printed.count(o)} times and '{h.name}' only here"
                    best = Verdict(h, "variant", o, why, None, None, printed.first(o))
                    break
        if h.group >= 0 and self.names.canonical:
            # a list's name: any spelling may hold its place in a parallel list
            candidates = self.index.spellings_near(h.name, s) | on_page | listed
        elif h.group >= 0:
            # without a name list, _pair speaks of a spelling that holds h's place in a parallel
            # list, so stands beside h's neighbour (on another page, or in a list here); of
            # another only if its characters look (or sound) alike and h's is printed once
            neighbours = list_neighbours(self.lists[h.group], h.position)
            beside = self.index.names_beside(*neighbours) | self.list_names
            candidates = self.index.spellings_near(h.name, s, among=beside) | (on_page & beside)
            if self.count(h.name) == 1:
                candidates |= self.index.spellings_near(h.name, s, _alike_chars) | \
                    {o for o in on_page if alike(h.name, o)}
        else:  # elsewhere _pair speaks only of look-alike (or sound-alike) characters
            candidates = self.index.spellings_near(h.name, s, _alike_chars) | \
                {o for o in on_page | listed if alike(h.name, o)}
        for o in sorted(candidates):
            # (weighed(o), knowing that the candidates the index gave are near)
            if not (o in on_page or o in listed or self.count_other(o)):
                continue
            v = self._pair(h, o, near_here)
            if v is not None and (best is None or _rank(v) > _rank(best)):
                best = v
        return best

    def _pair(self, h: NameHit, o: str, near_here) -> Verdict | None:
        if self._name_and_next(h.name, o, near_here):
            return None
        aligned = self._aligned(h, o, near_here)
        if not aligned and o not in self.names.canonical:
            # what is left (_one_person) needs h's spelling printed once in the corpus, alike to `o`
            if self.count(h.name) != 1:
                return None
            how = alike(h.name, o)
            return self._one_person(h, o, how, near_here) if how else None
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
        # `o` holds h's place in a parallel list
        if co >= MAJORITY * ca and co >= 2:
            return Verdict(h, "variant", o, f"'{o}' stands {where} and is printed {co} times against {ca}",
                           place, page, here)
        if ca >= MAJORITY * co and ca >= 2:
            return None  # this is the common spelling: the other page hears of it
        return Verdict(h, "conflict", o, f"'{o}' stands {where}; no name list or count says which is right",
                       place, page, here)

    def _one_person(self, h: NameHit, o: str, how: str, near_here) -> Verdict | None:
        """_pair's verdict on a spelling `o` alike to h's (`how`), neither in the name list nor
        in a parallel list, h's spelling printed once in the corpus (`count`): a reporter's
        byline misread, or one page printing one person."""
        if len(h.name) - len(h.surname) == 2 and \
                _BYLINE.search(self.doc.text, max(0, h.start - 6), h.start):
            # a byline: reporters sign page after page, so a spelling that signs only here, alike
            # to one that signs other pages, is that reporter's name misread (刘诗谣 for 刘诗瑶);
            # not a name of two characters, whose one given character is all there is (张泉, 张洋)
            signed = [pl for pl in self.index.places.get(o, ()) if pl.kind in ("credit", "title")
                      and pl.page in self.other_pages]
            pages = len({pl.page for pl in signed})
            if pages >= BYLINE_PAGES:
                return Verdict(h, "variant", o, f"'{o}' signs {pages} other pages, '{h.name}' only this one; "
                               f"the characters {how} alike", signed[0], self.index.pages[signed[0].page], None)
        here_o = self.here[o]
        if here_o >= SAME_PAGE_MAJORITY:
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
        # _parallel needs a neighbour in common: only places beside mine[i - 1] or mine[i + 1]
        for pl in self.index.in_lists_beside(o, *list_neighbours(mine, i)):
            if pl.page not in self.other_pages:
                continue
            theirs = self.index.lists[(pl.page, pl.group)]
            if parallel_lists(mine, i, theirs, pl.position):
                return pl, self.index.pages[pl.page], None
        for other in near_here.get(o, ()):
            if other.group >= 0 and other.group != h.group and \
                    parallel_lists(mine, i, self.lists[other.group], other.position):
                return None, None, other.start
        return None

    def _first_place(self, o: str, near_here):
        if o in near_here:
            return None, None, near_here[o][0].start
        for pl in self.index.places.get(o, ()):
            if pl.page in self.other_pages:
                return pl, self.index.pages[pl.page], None
        return None, None, None


_page_of = attrgetter("page")


class OtherPages:
    """The index's pages but the one checked (and copies of it): `page in other_pages`."""

    def __init__(self, index: NameIndex, path: str | None):
        self.same: set[int] = set()
        if path is not None:
            name = Path(path).name  # a cheap first test; same_page resolves the paths
            self.same = {n for n in index.pages_named(name) if same_page(path, index.pages[n])}

    def __contains__(self, page: int) -> bool:
        return page not in self.same


def surname_of(name: str) -> str:
    return surname_at(name, 0) or name[:1]


def _odd_given(right: str, wrong: str) -> bool:
    """`wrong` is a character given names never use, where they often use `right`; and one of
    running text, that words use: a character no word holds (璁) is a rare name's, not a misreading."""
    chars = given_name_chars()
    return chars.get(wrong, 0) == 0 and chars.get(right, 0) >= ODD_GIVEN_RIGHT \
        and WORDS.freq(wrong) >= ODD_CHAR_FREQ \
        and Lexicon.default().position_share(wrong) != (0.0, 0.0)


def _titled_apart(text: str, start: int, others: list[NameHit]) -> bool:
    """The spelling at `start` and a printing of the other stand after different titles."""
    mine = title_before(text, start)
    if not mine:
        return False
    for h in others:
        theirs = title_before(text, h.start)
        if theirs and not (mine.endswith(theirs) or theirs.endswith(mine)):
            return True
    return False


def _given_follows(text: str, end: int, lex) -> bool:
    """A common given-name character follows that starts no word: the two characters before
    `end` head a name of three (王官|明满是信心), not a name of two."""
    nxt = text[end:end + 1]
    return bool(nxt) and given_name_chars().get(nxt, 0) >= GIVEN_AFTER and lex.freq(text[end:end + 2]) < CUT_WORD_FREQ


def _heads_longer_name(text: str, end: int, verb_after: bool = True) -> bool:
    """One more character and a mark (or, if `verb_after`, a verb): the characters before `end`
    begin a longer name (吴协|恩说, 巴特苏|赫，), unless that character starts a word (习近品|即将).
    Three characters rarely head a name of four: 黄力年|发在 is 黄力年 and a verb."""
    return end + 1 < len(text) and "\u4e00" <= text[end] <= "\u9fff" and not VERB_RE.match(text, end) and \
        (text[end + 1] in END_MARKS or verb_after and bool(VERB_RE.match(text, end + 1))) and \
        WORDS.freq(text[end:end + 2]) < CUT_WORD_FREQ


def _rarer_given(right: str, wrong: str, ratio: int) -> bool:
    """Given names use `right` `ratio` times as often as `wrong`: of two spellings printed once
    each, the one with the rare character is the misreading."""
    chars = given_name_chars()
    return chars.get(right, 0) >= ratio * max(chars.get(wrong, 0), 1)


def _name_context(text: str, start: int, end: int) -> bool:
    """text[start:end] stands where a name stands: a title before it, or a mark or verb after."""
    return ends_at_verb(text, end) or title_ends_at(text, 0, start)


def _cuts_word(text: str, start: int, end: int, lex, left: bool = True) -> bool:
    """The 'name' runs into a word at its end (王X|X...) or, if `left`, its start (...X|X王)."""
    return (end < len(text) and lex.freq(text[end - 1:end + 1]) >= CUT_WORD_FREQ or
            left and start > 0 and lex.freq(text[start - 1:start + 1]) >= CUT_WORD_FREQ)


def _inside_word(text: str, start: int, end: int, lex) -> bool:
    """A dictionary word longer than text[start:end] holds it (历经千难万险: 万险 is no name):
    text[k:j] for k up to three characters before `start` and j at or after `end`, of two to
    MAX_WORD characters, as Lexicon.words_at would list them."""
    return any(lex.freq(text[k:j]) >= MIN_WORD_FREQ
               for k in range(max(0, start - 3), start + 1)
               for j in range(max(end, k + end - start + 1, k + 2), min(len(text), k + MAX_WORD) + 1))


def _joins_word(text: str, start: int, end: int, lex) -> bool:
    """The spelling's first or last character makes a word with the character beside it
    (吉|林长春: 吉林; 赵克志|强调)."""
    return (end < len(text) and lex.freq(text[end - 1:end + 1]) >= JOINED_WORD or
            start > 0 and lex.freq(text[start - 1:start + 1]) >= JOINED_WORD)


def _word_around(w: str, k: int, lex) -> bool:
    """The changed character makes a word with a neighbour inside the spelling (季节变: 季节)."""
    return any(lex.freq(w[j:j + 2]) >= MIN_WORD_FREQ for j in (k - 1, k) if 0 <= j and j + 2 <= len(w))


def _alike_chars(c: str) -> str:
    """The characters `alike` calls alike to `c` (in look, or in sound)."""
    shape, sound = lookalikes().get(c, "\t").split("\t")
    return shape + sound


def _rank(v: Verdict) -> int:
    return {"wrong": 3, "variant": 2, "conflict": 1}[v.kind]


def verdicts(doc, name_lists) -> list[Verdict]:
    """The page's name verdicts, worked out once for all the name rules."""
    key = "name-verdicts:" + "|".join(map(str, name_lists))
    return doc.shared(key, lambda d: Judge(d, listed(tuple(name_lists))).verdicts())
