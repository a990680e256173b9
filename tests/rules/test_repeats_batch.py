"""DUP001's batch path (lint/rules/duplicate/_batch.py): the clauses it keeps hold every anchor
met twice, so `find_repeats` over them finds what it finds over the whole page, and the rule's
findings in a batch are those of each page checked alone."""
from __future__ import annotations

import random

import pytest

from lint.config import load_config
from lint.document import Document
from lint.rules.duplicate._repeats import (_BARRIER_BASE, _CLAUSE, _SAMPLE_EVERY, _SAMPLED_GRAM, CLAUSE_MARKS,
                                           PARAGRAPH, body_sequence, clauses_of, find_repeats)
from lint.rules.duplicate.repeated_text import RepeatedText
from tests.conftest import SEED_000, SEED_002, raw_text
from tests.test_batch import pages as damaged_pages

np = pytest.importorskip("numpy")
from lint.rules.duplicate._batch import character_table, clauses_to_anchor  # noqa: E402

BARRIER = chr(_BARRIER_BASE)
# 45 Han characters in clauses of every kind of anchor: short ones (windows), a clause of 6,
# one of exactly 10, a long one (sampled grams and its last gram)
STRETCH = "两会召开，代表们热烈讨论，十分关心经济民生问题，全省经济运行稳中有进就业形势保持稳定群众获得感不断增强。"


def anchors_met_twice(s: str) -> dict[str, list[int]]:
    """The anchors of find_repeats met at two places or more, found as it finds them."""
    anchors: dict[str, list[int]] = {}
    for base, clause in clauses_of(s):
        if len(clause) >= 6:
            anchors.setdefault(clause, []).append(base)
        else:
            window = s[base:base + _SAMPLED_GRAM]
            if len(window) == _SAMPLED_GRAM and PARAGRAPH not in window and ord(max(window)) < _BARRIER_BASE:
                anchors.setdefault(window, []).append(base)
        if len(clause) > _SAMPLED_GRAM:
            last = len(clause) - _SAMPLED_GRAM
            for i in range(last + 1):
                if ord(clause[i]) % _SAMPLE_EVERY == 0:
                    anchors.setdefault(clause[i:i + _SAMPLED_GRAM], []).append(base + i)
            anchors.setdefault(clause[last:], []).append(base + last)
    return {key: spots for key, spots in anchors.items() if len(set(spots)) > 1}


def kept_and_all(texts: list[str]):
    for text, kept in zip(texts, clauses_to_anchor(texts)):
        yield text, kept


def edge_texts() -> list[str]:
    """Short texts whose repeats sit where the array code has its edges."""
    rng = random.Random(7)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]
    filler = lambda n: "".join(rng.choice(han) for _ in range(n))  # noqa: E731
    return [
        "",
        "短",
        STRETCH + STRETCH,  # next to each other
        filler(30) + "，" + STRETCH + "\n" + filler(40) + "。\n" + STRETCH,  # far apart, whole paragraphs
        filler(20) + STRETCH + BARRIER + STRETCH[:-1],  # the copy runs to the page's very end, no mark after it
        STRETCH + BARRIER + filler(12) + "，" + STRETCH[:40],  # the page ends inside the copy's last gram
        "一二三四五，" + filler(25) + "\n一二三四五，" + filler(25),  # a window anchors at the start and mid-page
        filler(25) + "，" + "甲乙丙丁戊，" + filler(3) + "。" + "甲乙丙丁戊，" + filler(3),  # a window ending the page
        filler(8) + "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋" + filler(15) + "，" + filler(8) + "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋" + filler(15),  # beyond the BMP
        "\U00100005\U0010000a" + STRETCH + "\U0010000f" + STRETCH,  # plane 16: inside clauses, in no window
        "\ud800" + STRETCH + "\udfff" + STRETCH,  # lone surrogates
        "哈" * 60,  # a run: every anchor overlaps itself
        (filler(9) + "，") * 6,  # many short clauses, one window each
        filler(10) + "。" + filler(10) + "。",  # clauses of exactly a gram
    ]


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    config = load_config(None)
    texts = [raw_text(SEED_000), raw_text(SEED_002)] + damaged_pages()
    return [body_sequence(Document(t, config.layout, "p.txt")).chars for t in texts]


def test_the_kept_clauses_hold_every_anchor_met_twice(real_texts):
    texts = real_texts + edge_texts()
    for text, kept in kept_and_all(texts):
        starts = [start for start, _ in kept]
        assert starts == sorted(set(starts))
        assert all(text[start:start + len(clause)] == clause for start, clause in kept)
        clause_at = {start: clause for start, clause in clauses_of(text)}
        assert all(clause_at.get(start) == clause for start, clause in kept)  # whole clauses of the text
        for key, spots in anchors_met_twice(text).items():
            for spot in spots:
                assert any(start <= spot < start + len(clause) for start, clause in kept), (key, spot)


def test_the_kept_clauses_are_few_on_a_page_without_repeats(real_texts):
    kept = clauses_to_anchor([raw_text(SEED_000)])[0]
    assert len(kept) < len(list(clauses_of(raw_text(SEED_000)))) / 10


@pytest.mark.parametrize("min_han, max_differences", [(20, 3), (8, 3), (12, 0), (30, 5)])
def test_find_repeats_over_the_kept_clauses_finds_what_it_finds_over_all(real_texts, min_han, max_differences):
    texts = real_texts + edge_texts()
    found_any = 0
    for text, kept in kept_and_all(texts):
        whole = find_repeats(text, min_han, max_differences)
        assert find_repeats(text, min_han, max_differences, kept) == whole
        found_any += bool(whole)
    assert found_any >= 5  # repeats were there to find


def test_a_batch_is_read_as_its_pages_alone():
    # the same text on two pages of a batch pairs with nothing: each page alone has no repeat
    a, b = "前言" + STRETCH, "后记" + STRETCH
    assert clauses_to_anchor([a, b]) == [clauses_to_anchor([a])[0], clauses_to_anchor([b])[0]] == [[], []]
    assert clauses_to_anchor([a + a, b]) == [clauses_to_anchor([a + a])[0], []]


def test_the_table_ends_clauses_where_the_pattern_does():
    from lint.patterns import _every_character

    table = character_table()
    ends = _CLAUSE.sub("", _every_character())  # every character no clause holds
    left_out = np.frombuffer(ends.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    assert np.array_equal(np.flatnonzero((table & 1) == 0), left_out)
    assert sorted(CLAUSE_MARKS) == sorted(c for c in ends if ord(c) < _BARRIER_BASE)
    codes = np.arange(len(table))
    assert np.array_equal((table & 2) != 0, ((table & 1) == 1) & (codes % _SAMPLE_EVERY == 0))
    assert np.array_equal((table & 4) != 0, (codes == ord(PARAGRAPH)) | (codes >= _BARRIER_BASE))


@pytest.mark.parametrize("options", [{}, {"min-length": 8}, {"max-differences": 0, "long-length": 40}])
def test_dup001_finds_in_a_batch_what_it_finds_page_by_page(options):
    rule = RepeatedText(**options)
    config = load_config(None)
    texts = [raw_text(SEED_000), raw_text(SEED_002)] + damaged_pages()
    texts += ["标题\n\n" + text + "\n\n　　" + text[len(text) // 3:][:200] + "\n" for text in texts[2:6]]
    docs = [Document(t, config.layout, f"p{k}.txt") for k, t in enumerate(texts)]
    alone = [list(rule.check(doc)) for doc in docs]
    assert sum(map(len, alone)) >= 4
    assert rule.check_batch(docs) == alone
