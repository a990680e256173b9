"""The cross-page rules read a page once (issue 37): what the corpus indexes computed for a page,
the checks read back when the page's text is the same, and the shortcuts the name rules and
DUP004 take give what the plain definitions give. Pages are made from the raw seed pages with
names misspelt by look-alike characters and paragraphs repeated from other pages, exactly or
with a character changed."""
from __future__ import annotations

import random
import re
from functools import lru_cache
from zlib import crc32

import pytest

from lint.chars import WHITESPACE
from lint.config import load_config
from lint.corpus import Corpus
from lint.document import Document
from lint.engine import Linter
from lint.prose import names as finder
from lint.prose.name_index import NameIndex, wildcard_keys
from lint.prose.names import find_names, name_at, name_shapes, names_and_shapes
from lint.prose.spellings import PageSpellings, alike, lookalikes, name_windows, single_windows_among, spelled_in
from lint.prose.name_index import NAMES
from lint.prose.name_list import NameList
from lint.prose.names import WORDS, RememberedFreqs
from lint.prose.words import MIN_WORD_FREQ
from lint.lexicon import Lexicon
from lint.rules.name import _variants
from lint.rules.name._variants import Judge
from lint.rules.duplicate import _pages
from lint.rules.duplicate._pages import PageIndex, paragraph_keys

from .conftest import RAW, ROOT, SEED_000, SEED_002, raw_text

CROSS_PAGE = ["NAM001", "NAM002", "NAM003", "DUP004"]


@lru_cache(maxsize=1)
def seed_paragraphs() -> tuple[str, ...]:
    return tuple(ln for p in sorted(RAW.glob("*.txt")) for ln in p.read_text(encoding="utf-8").split("\n") if ln.strip())


@lru_cache(maxsize=1)
def seed_names() -> tuple[str, ...]:
    return tuple(sorted({h.name for p in sorted(RAW.glob("*.txt")) for h in find_names(p.read_text(encoding="utf-8"))}))


def misspelt(rng: random.Random, text: str) -> str:
    """`text` with a name the seeds print misspelt by a look-alike character, once or throughout."""
    name = rng.choice([n for n in seed_names() if n in text] or seed_names())
    j = rng.randrange(1, len(name))
    shape = lookalikes().get(name[j], "\t").split("\t")[0]
    if not shape:
        return text
    return text.replace(name, name[:j] + rng.choice(shape) + name[j + 1:], rng.choice([1, 1, -1]))


def damaged_corpus(seed: int, size: int = 7) -> list[tuple[str, str]]:
    """Pages of seed paragraphs, some names misspelt, some paragraphs repeated from earlier pages
    (exactly or with one character changed), a list of names on several pages."""
    rng = random.Random(seed)
    pages: list[tuple[str, str]] = []
    for k in range(size):
        lines = ["标题第" + str(k), ""] + rng.sample(seed_paragraphs(), 14)
        if pages and rng.random() < 0.8:
            earlier = [ln for ln in rng.choice(pages)[1].split("\n") if len(ln) > 60]
            for _ in range(rng.randint(1, 3)):
                copy = rng.choice(earlier)
                if rng.random() < 0.4:
                    at = rng.randrange(2, len(copy))
                    copy = copy[:at] + "某" + copy[at + 1:]
                lines.insert(rng.randrange(2, len(lines)), copy)
        text = "\n".join(lines) + "\n"
        for _ in range(rng.randint(0, 3)):
            text = misspelt(rng, text)
        pages.append((f"p{k}.txt", text))
    return pages


def check_all(pages, corpus: Corpus | None = None, rules=CROSS_PAGE) -> list[tuple]:
    config = load_config(None).with_cli(select=rules)
    linter = Linter(config.rules_for(None), config.layout, corpus or Corpus(texts=pages))
    return [(name, f.rule, f.start, f.end, f.message, repr(f.fix), repr(f.related))
            for name, text in pages for f in linter.check(text, name).findings]


@pytest.fixture
def no_reuse(monkeypatch):
    """The plain path: the indexes hold no page's text, so every check computes its page anew."""
    def off():
        monkeypatch.setattr(NameIndex, "names_of_text", lambda self, digest: None)
        monkeypatch.setattr(PageIndex, "rows_of_text", lambda self, digest: None)
    return off


@pytest.mark.parametrize("seed", range(6))
def test_checks_reading_the_index_back_find_what_the_plain_checks_find(seed, no_reuse):
    pages = damaged_corpus(seed)
    reused = check_all(pages)
    no_reuse()
    assert check_all(pages) == reused


def test_the_damaged_pages_give_name_and_repeat_findings():
    # the comparison above is worth something only if these pages give such findings
    found = [f for seed in range(6) for f in check_all(damaged_corpus(seed))]
    assert {"NAM001", "DUP004"} <= {f[1] for f in found}
    assert sum(f[1] == "DUP004" for f in found) >= 6


def test_a_checked_page_in_the_corpus_runs_neither_finder_nor_hashing_again(monkeypatch):
    pages = damaged_corpus(1)
    corpus = Corpus(texts=pages)
    config = load_config(None).with_cli(select=CROSS_PAGE)
    for rule in config.rules_for(None):
        for spec in rule.corpus_indexes(config.layout):
            corpus.index_from(spec)  # the indexes find and hash every page
    calls = []
    monkeypatch.setattr("lint.rules.name._variants.names_and_shapes", lambda text: calls.append("finder"))
    monkeypatch.setattr("lint.rules.duplicate.repeated_across_pages.page_paragraphs",
                        lambda doc, min_han: calls.append("paragraphs"))
    assert check_all(pages, corpus)  # findings, all read back
    assert calls == []


def test_a_page_whose_text_changed_since_the_index_was_built_is_read_anew(no_reuse):
    pages = damaged_corpus(2)
    name, text = pages[3]
    edited = "新的标题\n\n" + text.replace("。", "。\n", 3)  # every offset moves
    corpus = Corpus(texts=pages)  # the index holds the page as it was
    reused = check_all([(name, edited)], corpus)
    # and a page under another name with the text of an indexed page reads that page's entry
    copied = check_all([("elsewhere/copy.txt", text)], corpus)
    no_reuse()
    assert check_all([(name, edited)], Corpus(texts=pages)) == reused
    assert check_all([("elsewhere/copy.txt", text)], Corpus(texts=pages)) == copied
    assert any(f[1] == "DUP004" and "p3.txt" in f[6] for f in copied)  # its twin in the corpus is a copy


# -- the name finder's shortcuts -------------------------------------------------------------

def generated_texts(count: int = 40):
    rng = random.Random(37)
    for _ in range(count):
        text = "\n".join(rng.sample(seed_paragraphs(), 6)) + "\n"
        for _ in range(3):
            text = misspelt(rng, text)
        # lists of names and things, names before verbs and after titles, at odd places
        pieces = ["、".join(rng.sample(seed_names(), rng.randint(2, 5))), "经济、政治、文化", "副主席", "强调",
                  "，", "。", "\n", "记者 ", "、、", rng.choice(seed_names()) + "说",
                  "，副主席" + "、".join(rng.sample(seed_names(), 2)) + "出席。"]
        for _ in range(8):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(pieces) + text[at:]
        yield text


_ALL_CLAUSE_STARTS = re.compile(r"(?:^|(?<=[，。；：！？“”、（）\s]))")


def test_clause_starts_passed_over_hold_no_name():
    """The finder looks at the clause starts where a verb or a title follows within reach only:
    at every other clause start, name_at finds no name before a verb."""
    for text in generated_texts():
        looked = {m.start() for m in finder._clause_name().finditer(text)}
        for m in _ALL_CLAUSE_STARTS.finditer(text):
            i = m.start()
            if i in looked or i >= len(text):
                continue
            assert name_at(text, i, lambda e: bool(finder._SPEECH_RE.match(text, e)
                                                    or finder._TITLE_AFTER_RE.match(text, e))) is None
            assert name_at(text, i, lambda e: bool(finder._SPEECH_RE.match(text, e)), strict=False, shape=True) is None


def test_lists_passed_over_could_not_count_as_lists_of_names():
    for text in generated_texts():
        for m in finder._LIST_RUN.finditer(text):
            items = m.group().split("、")
            found = finder._list_names(text, m.start(), items, strict=True)
            middle = len(items) - 2
            named_middle = sum(1 for k, *_ in found if 0 < k < len(items) - 1)
            if len(found) >= 3 and (middle <= 0 or named_middle >= 0.5 * middle) or len(found) == len(items) == 2:
                assert finder._may_name(items), items


_LIST_EDGES = ["王军、李强", "。王军、李强", "王军、李强。", "王军、、李强、张三", "、王军、李强、", "王军、\n李强、张三",
               "（王军、李强）、张三", "省委常委王拥军、李金科、董晓宇", " 甲、乙 丙、丁", "甲、乙", "、", "", "甲"]


def test_lists_found_from_the_marks_are_the_list_pattern_s():
    for text in [*generated_texts(), *_LIST_EDGES]:
        assert list(finder._lists(text)) == [(m.start(), m.group()) for m in finder._LIST_RUN.finditer(text)], text


def plain_may_name(items: list[str]) -> bool:
    """_may_name as first written: item by item."""
    firsts = finder._surname_firsts()
    last = len(items) - 1
    could = middle = 0
    for k, item in enumerate(items):
        if k == 0:
            ok = any(item[-n] in firsts for n in (4, 3, 2) if n <= len(item))
        elif k == last:
            ok = item[0] in firsts
        else:
            ok = 2 <= len(item) <= 4 and item[0] in firsts
            middle += ok
        could += ok
    return could >= 3 and (last <= 1 or middle >= 0.5 * (last - 1)) or last == 1 and could == 2


def test_may_name_counts_what_the_item_by_item_walk_counts():
    rng = random.Random(5)
    chars = "王李张欧阳经济政治文化和社会的了"  # surnames' first characters, and others
    seen = set()
    for _ in range(20000):
        items = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(2, 6))]
        assert finder._may_name(items) == plain_may_name(items), items
        seen.add(plain_may_name(items))
    assert seen == {True, False}
    for text in generated_texts():
        for _, run in finder._lists(text):
            assert finder._may_name(run.split("、")) == plain_may_name(run.split("、"))


def test_titles_passed_over_have_no_name_or_shape_after_them():
    """The finder skips a title (or a word for people: 村民) that no surname's first character
    follows: there, name_at and _name_and_shape_at find neither name nor shape."""
    firsts = finder._surname_firsts()
    skipped = 0
    for text in [*generated_texts(), "副主席", "主席：王军", "主席（王军）说", "村民", "村民：王军说", "村民欧阳明说"]:
        ends = lambda e: finder.ends_at_verb(text, e)  # noqa: E731
        for m in [*finder._TITLE_RE.finditer(text), *finder._PEOPLE_RE.finditer(text)]:
            if text[m.end():m.end() + 1] not in firsts:
                skipped += 1
                assert finder._name_and_shape_at(text, m.end(), ends) == (None, None)
                assert name_at(text, m.end(), lambda e: True, strict=False, shape=True) is None
    assert skipped > 100


def test_name_and_shape_at_one_place_are_name_at_twice():
    for text in generated_texts(10):
        ends = lambda e: finder.ends_at_verb(text, e)  # noqa: E731
        for i in range(len(text)):
            assert finder._name_and_shape_at(text, i, ends) == (
                name_at(text, i, ends), name_at(text, i, ends, strict=False, shape=True))


@pytest.mark.parametrize("words", [finder.TITLES, finder.VERBS, finder.PEOPLE, finder.SPEECH + finder.TITLES_AFTER])
def test_word_trees_match_the_longest_word_as_the_sorted_alternation_does(words):
    plain = re.compile("|".join(sorted(set(words), key=lambda w: (-len(w), w))))
    tree = re.compile(finder.longest_of(words))
    for text in [*generated_texts(10), "".join(words), "副委员长常务副市长笑着说首席执行官"]:
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert [bool(tree.match(text, i)) and tree.match(text, i).end() for i in range(len(text))] == \
            [bool(plain.match(text, i)) and plain.match(text, i).end() for i in range(len(text))]


def test_names_and_shapes_kept_for_the_last_texts_are_each_text_s_own():
    a, b = raw_text(SEED_000), raw_text(SEED_002)
    first = find_names(a)
    first.clear()  # a caller's list is its own
    assert find_names(a) and find_names(a) == find_names("".join([a[:10], a[10:]]))  # an equal text
    assert names_and_shapes(b) == (find_names(b), name_shapes(b))
    assert find_names("".join(reversed(a))) != find_names(a)


# -- spellings without every window ----------------------------------------------------------

def plain_spellings(text: str, names) -> tuple[dict, dict]:
    """PageSpellings' positions and keys, from every window of the page."""
    wanted = {k for name, s in names for k in wildcard_keys(name, s)}
    positions: dict[str, list[int]] = {}
    by_key: dict[str, set[str]] = {}
    for i, w, s in name_windows(text):
        keys = [k for k in wildcard_keys(w, s) if k in wanted]
        if keys:
            if not positions.get(w) or positions[w][-1] != i:
                positions.setdefault(w, []).append(i)
            for k in keys:
                by_key.setdefault(k, set()).add(w)
    return positions, by_key


def test_spellings_found_from_the_names_first_characters_are_those_of_every_window():
    for text in [*generated_texts(), "欧阳明欧阳明华、司马光说公西门诸葛亮", "王" * 5]:
        hits, shapes = names_and_shapes(text)
        names = {(h.name, len(h.surname)) for h in hits + shapes} | {("欧阳明", 2), ("欧阳明", 1), ("西门庆", 2)}
        spellings = PageSpellings(text, names)
        positions, by_key = plain_spellings(text, names)
        assert spellings.positions == positions
        assert spellings._by_key == by_key


def test_indexed_names_found_by_their_spellings_are_those_of_every_window():
    for text in [*generated_texts(), "欧阳明欧阳明华、司马光说公西门诸葛亮"]:
        windows = name_windows(text)
        names = {w for _, w, _ in windows[::3]} | set(seed_names()) | {"欧阳明", "西门庆", "公西门"}
        plain: dict[str, list[tuple[int, int]]] = {}
        for i, w, s in windows:
            if w in names:
                plain.setdefault(w, []).append((i, s))
        found = spelled_in(text, names)
        assert found == plain and list(found) == list(plain)


# -- the name rules' shortcuts ----------------------------------------------------------------

class PlainJudge(Judge):
    """Judge as first written: every hit weighed against every candidate, every pair judged in
    full (the shortcuts of _judge and _pair left out)."""

    def _judge(self, h, near_here):
        s = len(h.surname)
        on_page = {o for _, o in self.spellings.variants(h.name, s) if o in near_here}
        listed = {o for key in wildcard_keys(h.name, s) for o in self.canonical_keys.get(key, ())} - {h.name} \
            if self.canonical_keys else set()
        near = self.index.spellings_near(h.name, s)

        def weighed(o):
            return o in on_page or o in listed or o in near and bool(self.count_other(o))

        best, printed = None, self.spellings
        if printed.count(h.name) == 1 and not self.count_other(h.name) and h.kind != "list" and \
                h.name[-1] not in _variants.FUNCTION_END:
            for _, o in printed.variants(h.name, s):
                if not weighed(o) and printed.count(o) >= _variants.SAME_PAGE_MAJORITY and \
                        o[-1] not in _variants.FUNCTION_END and o[-1] not in _variants.NOT_NAME_END and \
                        not self._name_and_next(o, h.name, near_here) and \
                        Lexicon.default().freq(o) < _variants.TEXT_WORD and (len(o) > 2 or alike(o, h.name)) and \
                        not all(_variants._cuts_word(self.doc.text, i, i + len(o), Lexicon.default(), left=False)
                                for i in printed.positions[o]):
                    why = f"this page prints '{o}' {printed.count(o)} times and '{h.name}' only here"
                    best = _variants.Verdict(h, "variant", o, why, None, None, printed.first(o))
                    break
        if h.group >= 0:
            candidates = near | on_page | listed
        else:
            candidates = self.index.spellings_near(h.name, s, _variants._alike_chars) | \
                {o for o in on_page | listed if alike(h.name, o)}
        for o in sorted(candidates):
            if not weighed(o):
                continue
            v = self._pair(h, o, near_here)
            if v is not None and (best is None or _variants._rank(v) > _variants._rank(best)):
                best = v
        return best

    def _pair(self, h, o, near_here):
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
            return _variants.Verdict(h, "variant", o, why, place, page, here)
        if aligned:
            if co >= 2 * ca and co >= 2:
                return _variants.Verdict(h, "variant", o, f"'{o}' stands {where} and is printed {co} times "
                                         f"against {ca}", place, page, here)
            if ca >= 2 * co and ca >= 2:
                return None
            return _variants.Verdict(h, "conflict", o, f"'{o}' stands {where}; no name list or count says which "
                                     "is right", place, page, here)
        if how and ca == 1 and len(h.name) - len(h.surname) == 2 and \
                _variants._BYLINE.search(self.doc.text, max(0, h.start - 6), h.start):
            signed = [pl for pl in self.index.places.get(o, ()) if pl.kind in ("credit", "title")
                      and pl.page in self.other_pages]
            pages = len({pl.page for pl in signed})
            if pages >= 2:
                return _variants.Verdict(h, "variant", o, f"'{o}' signs {pages} other pages, '{h.name}' only this "
                                         f"one; the characters {how} alike", signed[0],
                                         self.index.pages[signed[0].page], None)
        here_o, here_a = self.here[o], self.here[h.name] or 1
        if how and here_o >= 2 and here_a == 1 and ca == here_a:
            return _variants.Verdict(h, "variant", o, f"the characters {how} alike, and this page prints '{o}' "
                                     f"{here_o} times while '{h.name}' stands here only", None, None,
                                     near_here[o][0].start)
        return None


_LIST = "省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰、{}、林红玉在主席台就座。\n"


_TWO_LISTS = "省委常委王拥军、李金科、董晓宇、汪海洲、{}在主席台就座。\n　　常委王拥军、李金科、董晓宇、汪海洲、{}出席。\n"


def judged_corpora():
    """Corpora whose pages give name verdicts of every kind: damaged seed pages, parallel lists
    (the names misspelt in them, at their ends, printed more or less often, on one page), bylines,
    one page printing one person twice; with pages checked against them from outside."""
    yield [p for seed in range(3) for p in damaged_corpus(seed, 5)], damaged_corpus(9, 3)
    yield [("raw/000.txt", raw_text(SEED_000)), ("raw/002.txt", raw_text(SEED_002))], []
    lists = [_LIST.format(n) for n in ("张碧涌", "张碧涌", "张碧涛", "张碧消", "张碧涌")]
    lists += ["省委常委张碧涛、王拥军、李金科、董晓宇在主席台就座。\n", "王拥军、李金科、董晓宇、张碧涌\n",
              "副主席王立伟、李金利出席。副主席王立玮讲话。\n", _TWO_LISTS.format("张碧涌", "张碧涛"),
              "　　副主席王立伟出席。副主席王立伟讲话。省委常委李金科、董晓宇、王立纬出席。\n"]
    outside = [_TWO_LISTS.format("冯军", "冯箪"), _TWO_LISTS.format("林红玉", "林红王"),
               "　　副主席王立伟出席。副主席王立伟讲话。省委常委李金科、董晓宇、王立纬出席。\n"]
    yield [(f"l{k}.txt", text + rng_paragraph(k)) for k, text in enumerate(lists)], \
        [(f"new/o{k}.txt", text) for k, text in enumerate(outside)]
    yield [(f"b{k}.txt", f"　　本报记者 {name}\n　　习近平强调，要抓好落实。习近平指出。习过平要求。\n")
           for k, name in enumerate(["刘诗瑶", "刘诗瑶", "刘诗谣", "王晨", "王辰", "程旭"])], []


def rng_paragraph(k: int) -> str:
    return seed_paragraphs()[k * 7 % len(seed_paragraphs())] + "\n"


@pytest.mark.parametrize("with_list", [False, True])
def test_the_judge_s_shortcuts_give_the_verdicts_of_the_plain_judge(with_list):
    """_judge skips, without a name list, the hits and candidates _pair would say nothing of:
    outside a list a name printed more than once in the corpus, in a list a spelling that
    stands beside none of its neighbours (unless it looks alike and the name is printed once)."""
    names = NameList.load([ROOT / "rules" / "names.yaml"]) if with_list else NameList({}, {})
    found = 0
    for pages, outside in judged_corpora():
        corpus = Corpus(texts=pages)
        for name, text in pages + outside:
            doc = Document(text, corpus=corpus, path=name)
            plain = PlainJudge(doc, names).verdicts()
            assert Judge(doc, names).verdicts() == plain, name
            found += len(plain)
    assert found >= 20


def test_the_judged_corpora_give_verdicts_of_every_kind():
    kinds = set()
    for pages, outside in judged_corpora():
        corpus = Corpus(texts=pages)
        for name, text in pages + outside:
            kinds |= {(v.kind, v.hit.group >= 0, v.place is not None)
                      for v in Judge(Document(text, corpus=corpus, path=name), NameList({}, {})).verdicts()}
    assert {("variant", True, True), ("conflict", True, True), ("variant", False, False)} <= kinds


def test_names_beside_are_the_names_with_a_place_beside():
    pages = [p for seed in range(3) for p in damaged_corpus(seed, 5)] + \
        [(f"l{k}.txt", _LIST.format(n)) for k, n in enumerate(("张碧涌", "张碧涛", "张碧涌"))]
    index = Corpus(texts=pages).index_from(NAMES)
    neighbours = {n for names in index.lists.values() for n in names} | {None, "无名"}
    tried = 0
    for before in sorted(neighbours, key=str):
        for after in (None, "胡立杰", "林红玉", before):
            beside = index.names_beside(before, after)
            assert beside == {o for o in index.places if index.in_lists_beside(o, before, after)}
            tried += bool(beside)
    assert tried > 20


def test_spellings_near_among_a_set_are_those_in_it():
    index = Corpus(texts=[p for seed in range(3) for p in damaged_corpus(seed, 5)]).index_from(NAMES)
    rng = random.Random(3)
    names = sorted(index.places)
    for name in names:
        s = len(finder.surname_at(name, 0) or name[:1])
        among = set(rng.sample(names, len(names) // 3)) | set(rng.sample(sorted(index.spellings_near(name, s)) or [name], 1))
        for chars in (None, _variants._alike_chars):
            assert index.spellings_near(name, s, chars, among) == index.spellings_near(name, s, chars) & among


def test_remembered_word_frequencies_are_the_word_list_s():
    words = RememberedFreqs(limit=50)
    lex = Lexicon.default()
    asked = [w for p in seed_paragraphs()[:20] for w in (p[i:i + 2] for i in range(0, len(p) - 1, 3))]
    for w in asked + asked:
        assert words.freq(w) == lex.freq(w)
        assert len(words) <= 50  # forgets them all when full
    assert any(lex.freq(w) for w in asked) and len(set(asked)) > 50


def plain_inside_word(text: str, start: int, end: int) -> bool:
    lex = Lexicon.default()
    return any(k + len(w) >= end and len(w) > end - start and lex.freq(w) >= MIN_WORD_FREQ
               for k in range(max(0, start - 3), start + 1) for w in lex.words_at(text, k))


def test_inside_word_asks_of_the_stretches_words_at_lists():
    inside = 0
    for text in [*generated_texts(5), "历经千难万险", "千难万险", "万险"]:
        for start in range(len(text) - 1):
            for n in (2, 3):
                if start + n <= len(text):
                    expected = plain_inside_word(text, start, start + n)
                    assert _variants._inside_word(text, start, start + n, WORDS) == expected
                    inside += expected
    assert inside > 100


def test_indexed_names_found_from_the_places_that_begin_one_are_those_of_every_window():
    rng = random.Random(11)
    for text in [*generated_texts(), "欧阳明欧阳明华、司马光说公西门诸葛亮", "王军华说王军，李四、王 军\n王军"]:
        windows = [w for _, w, _ in name_windows(text)]
        for names in ({*rng.sample(windows, len(windows) // 4), *seed_names()[::5]},
                      {*windows[::7], "王军", "王军，", "李四、", "欧阳明", "公西门", "王", ""}):
            assert spelled_in(text, names, single=single_windows_among(names)) == spelled_in(text, names)
    assert spelled_in("王军华", {"李四"}, single=single_windows_among(["李四"])) == {}
    assert spelled_in("王军华", set(), single=single_windows_among([])) == {}


def test_the_index_makes_its_window_pattern_anew_when_it_holds_more_names():
    index = NameIndex()
    index.add("a.txt", [("王军", 1, 0, 1, 1, "text", -1, 0)])
    assert index.made_of_names(single_windows_among).findall("王军华") == ["王军华"]
    assert index.made_of_names(single_windows_among) is index.made_of_names(single_windows_among)
    index.add("b.txt", [("李四", 1, 0, 1, 1, "text", -1, 0)])
    assert index.made_of_names(single_windows_among).findall("王军华，李四") == ["王军华", "李四"]


# -- DUP004's keys and buckets ----------------------------------------------------------------

def plain_keys(text: str):
    data = text.translate(str.maketrans("", "", WHITESPACE + "\n")).encode("utf-16-le")
    shingles = {crc32(data[i:i + 10]) for i in range(0, len(data) - 10 + 1, 2)}
    if not shingles:
        return None
    return int.from_bytes(_pages.blake2b(data, digest_size=8).digest(), "little"), tuple(sorted(shingles)[:24])


@pytest.mark.parametrize("text", [
    "", "一二三四", "一二三四五", "一 二\u3000三\t四五六", "𠮷" * 9, "同一句话。" * 40, "甲乙" * 200,
    "国" * (_pages._KEPT_WINDOWS + 30), *seed_paragraphs()[:40],
])
def test_paragraph_keys_are_the_plain_sketch(text):
    assert paragraph_keys(text) == plain_keys(text)


def test_a_page_hashed_with_arrays_gets_the_plain_sketches():
    pytest.importorskip("numpy")
    tables = _pages._shingle_tables()
    contents = [*seed_paragraphs()[:60], "", "一二三四", "一二三四五", "𠮷" * 9, "甲乙" * 200, "同一句话。" * 40]
    for page in (contents, contents[::-1], contents[:1], ["一二"], []):
        datas = [_pages._SPACES.sub("", c).encode("utf-16-le") for c in page]
        assert _pages._array_sketches(datas, *tables) == [k and k[1] for k in map(plain_keys, page)]


def test_pages_hashed_after_the_first_few_get_the_same_entries(monkeypatch):
    pages = damaged_corpus(4)
    first = [_pages.page_entries(text, None, 50) for _, text in pages]
    monkeypatch.setattr(_pages, "_pages_hashed", _pages.BATCH_AFTER)  # the batch path from here on
    assert [_pages.page_entries(text, None, 50) for _, text in pages] == first


def test_rows_alone_share_no_bucket_with_another():
    pages = [p for seed in range(3) for p in damaged_corpus(seed, 4)]
    index = _pages.combine((name, _pages.page_entries(text, None, 50)) for name, text in pages)
    assert not any(index.alone(n) for n in range(len(index)))  # not marked before it has served some pages
    for _ in range(max(2, int(len(pages) * _pages.MARK_SHARE) + 1)):
        index.rows_of_text(_pages.PageCache.digest(pages[0][1]))
    assert any(index.alone(n) for n in range(len(index))) and not all(index.alone(n) for n in range(len(index)))
    for n in range(len(index)):
        _, _, _, exact, sketch = index.paragraph(n)
        mates = set(index.exact_copies(exact)).union(*(index.band_mates(b) for b in _pages.band_keys(sketch)))
        assert index.alone(n) == (mates == {n})


def test_listed_names_are_looked_for_where_the_plain_walk_finds_them(tmp_path):
    """A listed name misread by one character is looked for at the places that share its first
    or second character: the same places, in the same order, as a walk over every stretch of
    every run of Han characters that some listed name is one character from."""
    from lint.rules.name._variants import _HAN_RUN, Judge, listed

    names = tmp_path / "names.yaml"
    names.write_text("names:\n" + "".join(f"  - name: {n}\n" for n in
                                          ("聂元梓", "王立伟", "欧阳明华", "李晓波", "张碧涌", "习近平")), encoding="utf-8")
    known = listed((names,))
    places = 0
    for text in [*generated_texts(20), "最元梓说，聂元样、聂元梓和王立玮、欧阳明华欧阳朋华。习近乎习进平"]:
        judge = Judge(Document(text, corpus=Corpus(name_lists=[names])), known)
        plain = []
        for run in _HAN_RUN.finditer(text):
            for n in [n for n, _, _ in known.misread_chars]:
                for i in range(len(run.group()) - n + 1):
                    w = run.group()[i:i + n]
                    if any(w[:k] + "?" + w[k + 1:] in known.misread_keys for k in range(n)):
                        plain.append((run.start() + i, n))
        assert [w for w in judge._listed_windows() if w in set(plain)] == plain
        places += len(plain)
    assert places > 20  # the texts hold such places


def test_name_lists_are_read_again_when_they_change(tmp_path):
    names = tmp_path / "names.yaml"
    text = "　　省政协副主席郑连生、张复明、李晓坡、李青山出席。\n"
    names.write_text("names:\n  - name: 李晓波\n", encoding="utf-8")
    assert check_all([("a.txt", text)], Corpus(name_lists=[names]), ["NAM003"]) == []
    names.write_text("names:\n  - name: 李晓波\n    wrong: [李晓坡]\n", encoding="utf-8")
    assert [f[1] for f in check_all([("a.txt", text)], Corpus(name_lists=[names]), ["NAM003"])] == ["NAM003"]
