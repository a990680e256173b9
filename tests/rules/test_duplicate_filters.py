"""The cheap tests DUP002 and DUP003 run before their judge: they never hide a finding. Each rule
finds with its filter what it finds with the filter switched off, on the seed pages, on damaged
pages (tests/test_batch.py) and on text made to sit at the filters' edges."""
from __future__ import annotations

import pytest

from lint.config import load_config
from lint.document import Document
from lint.rules.duplicate import doubled_at_break
from lint.rules.duplicate.doubled_at_break import DoubledAtBreak, may_repeat_across
from tests.conftest import SEED_000, SEED_002, raw_text
from tests.test_batch import pages as damaged_pages

# a paragraph cut at a column break and the next one, both ways of printing the cut twice
BREAKS = [
    ("推动智慧城市", "智慧城市建设取得新进展。"),  # four characters twice: the first at the tail's fourth last
    ("推动城市交通管", "交通管理更加数字化。"),  # three
    ("他们充分利", "利用各种学术工具。"),  # one, at the tail's very end
    ("推动智慧城市。", "智慧城市建设取得新进展。"),  # a stop after the tail: nothing twice across it
    ("坚定不移推动经济高质", "质量发展，不断增强经济实力。"),
    ("会议由省委统战部", "部长主持。"),  # each copy its own word: no finding, found or filtered
    ("推动智慧城市", "慧城市建设取得新进展。"),  # no character of the tail starts the head
    ("这是一个", "\u3000"),
    ("", "智慧城市建设。"),
]


def break_pages() -> list[str]:
    return [f"标题\n\n　　据了解，{tail}\n　　{head}\n" for tail, head in BREAKS] + \
        [f"标题\n\n{tail}\n\n　　{head}\n" for tail, head in BREAKS]  # after a headline-like line


def all_pages() -> list[str]:
    return [raw_text(SEED_000), raw_text(SEED_002)] + damaged_pages() + break_pages()


@pytest.fixture(scope="module")
def docs_of():
    layout = load_config(None).layout
    return lambda texts: [Document(t, layout, f"p{k}.txt") for k, t in enumerate(texts)]


def test_dup002_finds_with_its_filter_what_it_finds_without(docs_of, monkeypatch):
    rule = DoubledAtBreak()
    filtered = [list(rule.check(doc)) for doc in docs_of(all_pages())]
    monkeypatch.setattr(doubled_at_break, "may_repeat_across", lambda tail, head: True)
    unfiltered = [list(rule.check(doc)) for doc in docs_of(all_pages())]
    assert filtered == unfiltered
    assert sum(map(len, filtered)) >= 8  # breaks at the filter's edges were found


@pytest.mark.parametrize("tail, head, may", [
    ("推动智慧城市", "智慧城市建设", True),  # the head's first character four from the tail's end
    ("推动智慧城市", "城市建设", True),
    ("他们充分利", "利用", True),  # ... at the tail's end
    ("推动智慧城市", "慧城市建设", True),  # the filter lets it by: the judge says no
    ("推动智慧城市", "动员大会", False),  # five from the end: no break prints five characters twice
    ("推动智慧城市", "建设", False),
    ("推动", "", False),
    ("", "推动", False),
])
def test_the_tail_must_hold_the_heads_first_character_near_its_end(tail, head, may):
    assert may_repeat_across(tail, head) is may


def test_a_double_of_four_characters_across_a_break_is_still_found():
    rule = DoubledAtBreak()
    layout = load_config(None).layout
    found = list(rule.check(Document("标题\n\n　　据了解，推动智慧城市\n　　智慧城市建设取得新进展。\n", layout)))
    assert len(found) == 1 and "'智慧城市' printed on both sides of a break" in found[0].message


def test_the_window_split_a_double_is_judged_on_is_the_lexicons(docs_of):
    # DUP003 keeps the score of the window's split from segmenting it, for the comparison with
    # one copy dropped: the same numbers split_score and token_spans give
    from lint.lexicon import Lexicon
    from lint.prose.doubles import _Pair
    from lint.rules.duplicate.doubled_character import _DOUBLE

    lex = Lexicon.default()
    seen = 0
    for doc in docs_of(all_pages() + ["　　中国国家主席习近平出席。遇到难题题和大家商量。高质质量发展。\n"]):
        for para in doc.paragraphs:
            for m in _DOUBLE.finditer(para.text):
                pair = _Pair.around(para.text, m.start(), lex)
                assert pair.score == lex.split_score(pair.window)
                assert pair.spans == lex.token_spans(pair.window)
                seen += 1
    assert seen >= 50
