"""Property-based tests (issue 9): pages built from real paragraphs with random OCR-like damage and
hostile characters. For every page: checking never raises and no rule fails; findings lie inside
the text and their line and column agree with their offset; fixing passes the fix guard and is
idempotent (fix(fix(x)) == fix(x)), with safe fixes and with unsafe ones.

CI runs a bounded, derandomised number of examples (NEWSLINT_FUZZ_EXAMPLES, default 40); the long
run is `python -m bench fuzz` over paragraphs of the reference corpus (bench/corpus.py).
"""
from __future__ import annotations

import os
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.config import load_config
from lint.engine import Linter
from lint.guard import verify

from .conftest import RAW

TRADITIONAL = {"们": "們", "发": "發", "国": "國", "会": "會", "为": "為", "经": "經", "这": "這", "时": "時",
               "说": "說", "过": "過", "与": "與", "产": "產", "区": "區", "业": "業"}
HOSTILE = ["\ufeff", "\u2028", "\u2029", "\u200f", "\u202e", "\x00", "\x1b", "\r", "𠮷", "e\u0301", "\ud800",
           "\t", "\u3000", "\xa0", "\ue000", "\ufffd", "\u0085"]
PUNCT = ["，", ",", "。", ".", "“", "”", "\"", "（", "(", "）", "：", ":", "、", "……", "——", "《", "》"]


@lru_cache(maxsize=1)
def seed_paragraphs() -> tuple[str, ...]:
    out = []
    for path in sorted(RAW.glob("*.txt")):
        out += [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    return tuple(out)


def _damage(draw, text: str) -> str:
    """One random OCR-like defect (or hostile character) put into `text`."""
    kind = draw(st.sampled_from(["repeat", "double", "space", "blank", "cut", "traditional", "punct", "hostile",
                                 "delete", "join"]))
    n = len(text)
    i = draw(st.integers(0, n))
    if kind == "repeat" and n:
        j = draw(st.integers(i, min(n, i + 300)))
        k = draw(st.integers(0, n))
        return text[:k] + text[i:j] + text[k:]
    if kind == "double" and i < n:
        return text[:i + 1] + text[i:]
    if kind == "space":
        return text[:i] + draw(st.sampled_from([" ", "  ", "\u3000", "\t", " \n"])) + text[i:]
    if kind == "blank":
        return text[:i] + "\n" * draw(st.integers(1, 4)) + text[i:]
    if kind == "cut":
        return text[:i] + draw(st.sampled_from(["\n\n", "\n", "\n\n图为会场。新华社记者 王明摄\n\n"])) + text[i:]
    if kind == "traditional":
        return "".join(TRADITIONAL.get(c, c) if draw(st.booleans()) else c for c in text[:200]) + text[200:]
    if kind == "punct":
        return text[:i] + draw(st.sampled_from(PUNCT)) + text[i:]
    if kind == "hostile":
        return text[:i] + draw(st.sampled_from(HOSTILE)) + text[i:]
    if kind == "delete" and n:
        return text[:i] + text[min(n, i + draw(st.integers(1, 40))):]
    if kind == "join":
        return text.replace("\n\n", "\n", 1)
    return text


def pages(paragraphs):
    """A page: 1 to 12 paragraphs drawn from `paragraphs`, with 0 to 10
    defects."""
    @st.composite
    def page(draw) -> str:
        chosen = draw(st.lists(st.sampled_from(paragraphs), min_size=1, max_size=12))
        sep = draw(st.sampled_from(["\n\n", "\n"]))
        text = sep.join(chosen) + draw(st.sampled_from(["\n", "", "\n\n"]))
        for _ in range(draw(st.integers(0, 10))):
            text = _damage(draw, text)
        return text
    return page()


@lru_cache(maxsize=1)
def _linter() -> Linter:
    config = load_config(None)
    return Linter(config.rules_for(None), config.layout)


def check_page(text: str, linter: Linter | None = None) -> None:
    """Every property, on one page; raises AssertionError naming the one that failed."""
    linter = linter or _linter()
    result = linter.check(text)
    assert not result.failures, result.failures
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        from lint.document import Document
        assert tuple(Document(text).position(f.start)) == (line, column), f
        for r in f.related:
            assert r.path is not None or 0 <= r.offset <= len(text), f
    for unsafe in (False, True):
        fixed = linter.fix(text, unsafe=unsafe)
        assert not fixed.failures, fixed.failures
        verify(text, fixed.text, fixed.steps)  # the fix guard never fires on the project's own rules
        assert fixed.converged, f"fixes did not settle (unsafe={unsafe})"
        again = linter.fix(fixed.text, unsafe=unsafe)
        assert again.text == fixed.text, f"fix is not idempotent (unsafe={unsafe}): {again.fixed[:3]}"


EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "40"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages(seed_paragraphs()))
def test_damaged_seed_pages_keep_every_promise(text):
    check_page(text)
