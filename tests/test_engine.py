"""The shared fixer: non-overlapping edits, repeated until stable; one rule's crash is contained."""
from lint.config import load_config
from lint.engine import Linter, apply_edits, choose_fixes
from lint.finding import Applicability, Edit, Finding, Fix, Severity
from lint.rule import Rule
from tests.conftest import SEED_000, SEED_002, raw_text


def finding(start, end, content="", rule="X001", applicability=Applicability.SAFE):
    fix = Fix((Edit(start, end, content),), applicability, "fix")
    return Finding(rule, "x", "spacing", Severity.WARNING, "m", start, end, fix)


def test_apply_edits_in_order():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(3, 3, "+")]) == "bc+dEf"


def test_choose_fixes_skips_overlaps_and_unsafe():
    chosen = choose_fixes([finding(0, 3), finding(2, 4), finding(4, 5),
                           finding(6, 7, applicability=Applicability.UNSAFE)], unsafe=False)
    assert [(f.start, f.end) for f in chosen] == [(0, 3), (4, 5)]
    assert len(choose_fixes([finding(6, 7, applicability=Applicability.UNSAFE)], unsafe=True)) == 1


def test_two_insertions_at_one_point_conflict():
    assert len(choose_fixes([finding(3, 3, "a", "X001"), finding(3, 3, "b", "X002")], False)) == 1


def default_linter():
    config = load_config(None)
    return Linter(config.rules_for(None), config.layout)


def test_fix_reaches_a_fixed_point_on_the_seeds():
    linter = default_linter()
    for name in (SEED_000, SEED_002):
        once = linter.fix(raw_text(name))
        assert once.converged and once.fixed
        again = linter.fix(once.text)
        assert again.text == once.text and again.fixed == []


def test_overlapping_fixes_are_applied_over_several_passes():
    # a whitespace-only line inside a run of blank lines: SPC001 and SPC003 both want it
    result = default_linter().fix("标题\n\n　　\n\n\n正文。\n")
    assert result.text == "标题\n\n正文。\n"
    assert {f.rule for f in result.fixed} >= {"SPC003"}


class Crashing(Rule):
    """Raises on every page."""
    code, name, category = "TST001", "crashing", "typo"

    def check(self, doc):
        raise ValueError("boom")


class OutOfRange(Rule):
    """Reports a span past the end of the text."""
    code, name, category = "TST002", "out-of-range", "typo"

    def check(self, doc):
        yield self.finding(0, len(doc.text) + 5, "bad")


def test_a_crashing_rule_is_reported_and_others_still_run():
    config = load_config(None)
    linter = Linter([Crashing(), OutOfRange(), *config.rules_for(None)], config.layout)
    result = linter.check(raw_text(SEED_002))
    assert [f.rule for f in result.failures] == ["TST001", "TST002"]
    assert "ValueError: boom" in result.failures[0].message
    assert {f.rule for f in result.findings} == {"BRK001", "BRK002", "BRK004", "DUP001", "PUN001", "SPC002",
                                                    "SPC003", "SPC005"}


def test_choose_fixes_takes_what_pairwise_overlap_checks_take():
    """choose_fixes looks up the edits taken so far in order; it must take exactly the fixes
    a check of every pair of edits would (Edit.overlaps), insertions at one point included."""
    import random

    from lint.engine import choose_fixes
    from lint.finding import Applicability, Edit, Finding, Fix, Severity

    def pairwise(findings, unsafe):
        chosen, taken = [], []
        fixable = sorted((f for f in findings if f.fix.applicability is Applicability.SAFE or unsafe),
                         key=lambda f: (min(e.start for e in f.fix.edits), f.rule))
        for f in fixable:
            edits = f.fix.edits
            if any(e.overlaps(t) for e in edits for t in taken) or \
                    any(a.overlaps(b) for i, a in enumerate(edits) for b in edits[i + 1:]):
                continue
            chosen.append(f)
            taken.extend(edits)
        return chosen

    rng = random.Random(7)
    for _ in range(500):
        findings = []
        for _ in range(rng.randint(0, 20)):
            edits = []
            for _ in range(rng.choice((1, 1, 2, 3))):
                start = rng.randint(0, 25)
                edits.append(Edit(start, start + rng.choice((0, 0, 1, 2, 3)), "x"))
            findings.append(Finding(f"R{rng.randint(1, 3)}", "n", "typo", Severity.WARNING, "m", 0, 1,
                                    Fix(tuple(edits), rng.choice(list(Applicability)), "f")))
        for unsafe in (False, True):
            assert choose_fixes(findings, unsafe) == pairwise(findings, unsafe)
