"""display_width: the common full-width characters counted in one pass weigh what
unicodedata gives them, and a text weighs what its characters weigh one by one."""
from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lint.chars import WIDE_COMMON, _char_width, display_width
from lint.patterns import lazy

from .conftest import RAW


def test_every_character_counted_in_one_pass_prints_full_width():
    wide = lazy(f"[{WIDE_COMMON}]")
    counted = [chr(cp) for cp in range(sys.maxunicode + 1) if wide.fullmatch(chr(cp))]
    assert len(counted) > 20000
    assert [c for c in counted if unicodedata.east_asian_width(c) not in "WFA"] == []


def test_every_character_weighs_what_unicodedata_gives_it():
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert display_width(c) == (1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5), f"U+{cp:04X}"


def per_character(text: str) -> float:
    return sum(map(_char_width, text))


def test_lines_of_the_seed_pages_weigh_what_their_characters_weigh():
    for path in RAW.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").split("\n"):
            assert display_width(line) == per_character(line)
            assert type(display_width(line)) is type(per_character(line))


@given(st.text(alphabet=st.sampled_from("中国，。“”…—·　 a1%\t\u00a0\uff21\u3400\U00020000é\u0301"), max_size=80))
def test_mixed_text_weighs_what_its_characters_weigh(text):
    assert display_width(text) == per_character(text)
    assert type(display_width(text)) is type(per_character(text))


def test_a_digit_or_latin_letter_counts_half():
    assert display_width("周年;10月2日，中国与俄罗斯建交70") == 16  # 12 full-width characters, 8 half
    assert display_width("") == 0
