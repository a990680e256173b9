"""Packed tables answer as the dicts they stand for, through a marshal round trip."""
from __future__ import annotations

import marshal

import pytest

from lint.packed import CharMap, PackedMap, file_bytes, read_file

MASKED = {"\0声": "吱水琴", "吱\0": "声", "\0业": "就专渔创", "总\0": "体结统", "总体\0": "系", "\0": "x"}


def packed(mapping: dict) -> PackedMap:
    return PackedMap(marshal.loads(marshal.dumps(PackedMap.pack(mapping))), lambda: dict(mapping))


def test_text_values_and_keys_holding_nul_come_back_whole():
    table = packed(MASKED)
    for key, value in MASKED.items():
        assert table.get(key) == value
    for absent in ("\0", "声\0", "总", "总体", "体\0", "\0吱"):
        assert table.get(absent) == MASKED.get(absent)


def test_a_key_that_is_the_prefix_of_another_is_not_taken_for_it():
    table = packed({"总体": 5, "总体规划": 7})
    assert table.get("总体") == 5 and table.get("总体规划") == 7 and table.get("总体规") is None
    assert table.prefixed("总体规划局", 0, 5) == [(2, 5), (4, 7)]
    assert table.prefixed("总体规划局", 1, 5) == [] and packed({"总体": 5}).prefixed("总体规划", 0, 4) == [(2, 5)]


def test_after_many_questions_the_flat_dict_answers():
    loads = []
    table = PackedMap(PackedMap.pack(MASKED), lambda: loads.append(1) or dict(MASKED))
    for _ in range(PackedMap.FLAT_AFTER + 10):
        assert table.get("总\0") == "体结统"
    assert loads == [1]
    assert table.get("吱\0") == "声" and table.get("无\0", "") == ""


def test_a_separator_in_a_key_or_value_is_refused_when_packing():
    with pytest.raises(ValueError):
        PackedMap.pack({"a\x1eb": 1})
    with pytest.raises(ValueError):
        PackedMap.pack({"ab": "x\x1fy"})


def test_a_table_written_to_a_file_is_read_back_mapped(tmp_path):
    path = tmp_path / "masked.packed"
    path.write_bytes(file_bytes(PackedMap.pack(MASKED), extra=("total", 9)))
    packed_again, extra = read_file(path)
    table = PackedMap(packed_again, dict)
    assert extra == ("total", 9)
    assert all(table.get(key) == value for key, value in MASKED.items())
    assert table.get("无\0") is None


@pytest.mark.parametrize("damage", [lambda b: b[:-3], lambda b: b"x" + b[1:], lambda b: b""])
def test_a_damaged_table_file_is_refused(tmp_path, damage):
    path = tmp_path / "masked.packed"
    path.write_bytes(damage(file_bytes(PackedMap.pack(MASKED))))
    with pytest.raises((ValueError, EOFError)):
        read_file(path)


def test_flattening_every_table_before_forking_makes_the_dict_answer():
    loads = []
    table = PackedMap(PackedMap.pack(MASKED), lambda: loads.append(1) or dict(MASKED))
    PackedMap.flatten_all()
    assert loads == [1]
    assert table.get("总\0") == "体结统" and table.get == table.flat().get and loads == [1]


SHAPES = {"休": "体伏", "体": "休", "一": "三二", "㐅": "乂", "𠀋": "丈", "龥": "籲"}


def char_map(mapping: dict) -> CharMap:
    return CharMap(marshal.loads(marshal.dumps(CharMap.pack(mapping))))


def test_a_char_map_answers_as_its_dict_inside_and_outside_the_han_block():
    table = char_map(SHAPES)
    for key, value in SHAPES.items():
        assert table.get(key) == value
    for absent in ("人", "a", "", "休体", "丄"):
        assert table.get(absent) is None and table.get(absent, "") == ""


def test_entries_laid_over_a_char_map_win_and_leave_it_unchanged():
    table = char_map(SHAPES)
    merged = table.over({"休": "体伏本", "人": "入"})
    assert merged.get("休") == "体伏本" and merged.get("人") == "入" and merged.get("体") == "休"
    assert table.get("休") == "体伏" and table.get("人") is None


def test_after_many_questions_a_char_map_answers_from_a_dict():
    table = char_map(SHAPES).over({"人": "入"})
    for _ in range(CharMap.FLAT_AFTER + 1):
        assert table.get("休") == "体伏"
    assert table.get.__self__ == {**SHAPES, "人": "入"}
    assert table.get("人") == "入" and table.get("", "") == ""


def test_a_char_map_refuses_what_it_cannot_hold():
    with pytest.raises(ValueError):
        CharMap.pack({"总体": "x"})
    with pytest.raises(ValueError):
        CharMap.pack({"总": ""})
