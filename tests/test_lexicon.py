"""The word list: the sharded form a page run reads answers as the flat mapping does."""
from __future__ import annotations

import pytest

from lint.lexicon import Lexicon
from lint.packed import PackedMap

WORDS = {"拥堵": 900, "拥堵问题": 12, "问题": 5000, "道路": 3000, "道路拥堵": 40, "堵": 30, "问": 800, "题": 700,
         "催人奋进": 60, "催人": 20, "新任": 300, "任": 2000, "程": 900, "催": 50, "人": 9000, "奋进": 200,
         "国庆": 400, "国庆档": 3, "档期": 80, "档": 90, "期": 600, "统战部": 70, "部长": 900, "部": 800,
         "长": 700, "0": 1}


def sharded(words: dict[str, int]) -> PackedMap:
    return PackedMap(PackedMap.pack(words), lambda: dict(words))


def test_every_word_and_no_other_is_found_with_its_frequency():
    table = sharded(WORDS)
    for word, freq in WORDS.items():
        assert table.get(word) == freq
        assert word in table
    for absent in ("拥", "堵问", "拥堵问", "问题拥堵", "道", "部长长", "国庆档期", "", "\0", "1"):
        assert table.get(absent) is None, absent
        assert table.get(absent, 0) == 0


@pytest.mark.parametrize("text, words", [("道路拥堵问题", [(2, 3000), (4, 40)]), ("拥堵问题多", [(2, 900), (4, 12)]),
                                         ("问题", [(2, 5000)]), ("堵问题", []), ("催人奋进了", [(2, 20), (4, 60)]),
                                         ("国", [])])
def test_the_words_a_position_starts_are_found_shortest_first(text, words):
    assert sharded(WORDS).prefixed(text, 0, min(len(text), 8)) == words


def test_the_sharded_and_the_flat_word_list_split_text_alike():
    flat, packed = Lexicon(dict(WORDS)), Lexicon(sharded(WORDS), sum(WORDS.values()))
    for text in ("缓解道路拥堵问题", "新任程催人奋进", "统战部部长", "国庆档期", "拥堵堵问题"):
        assert packed.segment(text) == flat.segment(text)
        assert packed.split_score(text) == pytest.approx(flat.split_score(text))
    assert packed.segment("拥堵堵问题") == ["拥堵", "堵", "问题"]


@pytest.mark.parametrize("text, singles", [("拥堵堵问题", [2]), ("新任程催人奋进", [2]), ("道路拥堵问题", []),
                                           ("统战部部长", []), ("统战部部", [3]), ("国", [0]), ("", [])])
def test_the_characters_a_split_leaves_alone_are_those_segment_gives_alone(text, singles):
    for lexicon in (Lexicon(dict(WORDS)), Lexicon(sharded(WORDS), sum(WORDS.values()))):
        assert lexicon.single_positions(text) == singles
        tokens, at = lexicon.segment(text), 0
        for token in tokens:
            assert (len(token) == 1) == (at in singles)
            at += len(token)


def test_a_run_that_asks_many_questions_turns_to_the_flat_mapping():
    table = sharded(WORDS)
    lexicon = Lexicon(table, sum(WORDS.values()))
    lexicon.segment("道路拥堵")
    assert isinstance(lexicon._freq, PackedMap)
    table._asked = PackedMap.FLAT_AFTER
    lexicon.segment("道路拥堵")
    assert lexicon._freq == WORDS
    assert lexicon.freq("拥堵问题") == 12
