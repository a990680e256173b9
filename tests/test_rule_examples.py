"""Every rule's documentation is a specification that runs: each example under "Flags:" is
reported by its rule (and, when the example gives `→ fixed text`, `--fix --unsafe-fixes` turns
the page into that text), each example under "Leaves alone:" is not reported by it, and every
finding's fix is what the rule declares (fix availability and safety).

An example is a page written between backticks: ⏎ is a line end, ␠ a space that would otherwise
be invisible, \\uXXXX and \\xXX name a character, and ‖ separates pages (the first is checked,
the others are the rest of the corpus, for the rules that compare pages); a part that starts
with `names:` is a name list (YAML, as a config's `names:` files hold)."""
from __future__ import annotations

import re

import pytest

from lint.config import load_config
from lint.corpus import Corpus
from lint.engine import Linter
from lint.finding import Applicability, FixAvailability, FixSafety
from lint.registry import builtin_rules

SECTIONS = ("Flags:", "Leaves alone:")
_ITEM = re.compile(r"`([^`]+)`(?:\s*→\s*`([^`]*)`)?")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def decode(example: str) -> str:
    text = example.replace("⏎", "\n").replace("␠", " ")
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def examples(doc: str) -> dict[str, list[tuple[str, str | None]]]:
    """The examples under each section heading: (page, fixed page or None) for each item, an item
    being a line that starts with '- ' and the indented lines after it."""
    found: dict[str, list[tuple[str, str | None]]] = {s: [] for s in SECTIONS}
    section = None
    items: list[str] = []
    for line in doc.splitlines() + [""]:
        if line in SECTIONS:
            section = line
            continue
        if section and line.startswith("- "):
            items.append(line[2:])
        elif section and line.startswith("  ") and items:
            items[-1] += " " + line.strip()
        else:
            for item in items:
                m = _ITEM.match(item)
                assert m, f"an example under {section!r} must start with a `page`: {item!r}"
                found[section].append((decode(m.group(1)), None if m.group(2) is None else decode(m.group(2))))
            section, items = None, []
    return found


def _cases():
    for code, rule in builtin_rules().items():
        found = examples(rule.documentation())
        for section, items in found.items():
            for n, (page, fixed) in enumerate(items, 1):
                yield pytest.param(code, section, page, fixed, id=f"{code}-{'flags' if section == 'Flags:' else 'leaves'}-{n}")


def run(code: str, page: str, folder):
    """The rule alone (with the rules it consults, as configured by default) over the page; the
    pages after ‖ are the rest of the corpus, and `names:` parts the name lists."""
    parts = page.split("‖")
    pages = [p for p in parts if not p.startswith("names:")]
    lists = []
    for k, part in enumerate(p for p in parts if p.startswith("names:")):
        lists.append(folder / f"names{k}.yaml")
        lists[-1].write_text(part, encoding="utf-8")
    config = load_config(None).with_cli(select=[code])
    corpus = None
    if len(pages) > 1 or lists:
        corpus = Corpus(texts=[(f"page{k}.txt", text) for k, text in enumerate(pages)], name_lists=lists)
    return Linter(config.rules_for(None), config.layout, corpus), pages[0]


@pytest.mark.parametrize(("code", "section", "page", "fixed"), list(_cases()))
def test_documented_example(code, section, page, fixed, tmp_path):
    linter, text = run(code, page, tmp_path)
    found = [f for f in linter.check(text, "page0.txt").findings if f.rule == code]
    if section == "Leaves alone:":
        assert not found, f"{code} reports {[f.message for f in found]} on an example it documents as left alone"
        return
    assert found, f"{code} reports nothing on an example it documents as flagged: {text!r}"
    rule = builtin_rules()[code]
    for f in found:
        _assert_declared(rule, f)
    if fixed is not None:
        assert linter.fix(text, unsafe=True, path="page0.txt").text == fixed


def _assert_declared(rule, finding) -> None:
    """A finding's fix is what its rule declares."""
    if rule.fix_availability is FixAvailability.NONE:
        assert finding.fix is None, f"{rule.code} declares no fix but offers one"
        return
    if rule.fix_availability is FixAvailability.ALWAYS:
        assert finding.fix is not None, f"{rule.code} declares a fix for every finding: {finding.message}"
    if finding.fix is not None:
        allowed = {FixSafety.SAFE: {Applicability.SAFE}, FixSafety.UNSAFE: {Applicability.UNSAFE},
                   FixSafety.BY_EVIDENCE: {Applicability.SAFE, Applicability.UNSAFE}}[rule.fix_safety]
        assert finding.fix.applicability in allowed, f"{rule.code} declares {rule.fix_safety.value} fixes"


@pytest.mark.parametrize("code", list(builtin_rules()))
def test_every_rule_documents_examples_and_fix_safety(code):
    rule = builtin_rules()[code]
    found = examples(rule.documentation())
    assert found["Flags:"], f"{code} documents no example it flags"
    assert found["Leaves alone:"], f"{code} documents no example it leaves alone"
    assert re.search(r"^Fix safety: ", rule.documentation(), re.M), f"{code} has no 'Fix safety:' paragraph"


def test_declared_fixes_hold_on_the_raw_seed_pages():
    """On the two raw seed pages (every kind of damage the seeds show), every rule's findings
    carry the fixes it declares."""
    from tests.conftest import RAW

    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    seen = 0
    for path in sorted(RAW.glob("*.txt")):
        for f in linter.check(path.read_text(encoding="utf-8")).findings:
            _assert_declared(builtin_rules()[f.rule], f)
            seen += 1
    assert seen > 30


def test_the_example_parser():
    doc = "Summary.\n\nFlags:\n- `甲 乙。` → `甲乙。` (a note)\n- `a⏎b\\u200b`\n\nLeaves alone:\n- `丙‖丁`\n  (wrapped note)\n"
    assert examples(doc) == {"Flags:": [("甲 乙。", "甲乙。"), ("a\nb\u200b", None)], "Leaves alone:": [("丙‖丁", None)]}
