"""Detection of real misspellings by the typo family (TYP001 lookalike-typo), against two baselines.

Usage (from the project root):
    python -m bench typo [--split test|train] [--select typo] [--min-gain G] [--show N]

The official-document (公文) set of ECSpell (ecspell_aopolin-lv/domains_data/ in the reference
corpus, see bench/corpus.py: odw.test, 500 sentences of which 262 hold misspelled characters;
odw.train, 1,720, as a dev split; read in place, never copied). Each line is `n_errors<TAB>source<TAB>target`; the truth used here is
source != target (a few odw.train labels disagree with their own text), and the one odw.train line
whose source and target differ in length is skipped. These are typing errors in government copy,
not OCR errors, but most of them are look-alike or sound-alike characters all the same.

Each source sentence (plus a final newline) is linted with the selected rules (--select, comma-
separated, as `newslint check --select`; default: the typo family). A sentence is flagged when any
finding of those rules is reported (of any severity):
  - sentence level: tp = flagged erroneous sentence, fp = flagged error-free one, fn = unflagged
    erroneous one; precision, recall, F1;
  - right place: among the flagged erroneous sentences, the share where some finding overlaps a
    character that the target corrects; error chars hit: the share of all corrected characters
    that some finding overlaps;
  - fix right: among the findings on erroneous sentences that carry a fix, the share whose edits
    all put the target's characters in place ('-' when the rules offer no fix); printed again
    below the table counting only the findings that overlap a corrected character;
  - findings per 100,000 characters of the error-free sentences: the false-alarm rate to expect
    on clean copy.
Baselines on the same sentences:
  - flag every sentence: precision = share of erroneous sentences, recall 1;
  - naive confusion lookup: a Han character that no dictionary word of 2-4 characters in the
    sentence covers (lint.lexicon.Lexicon.default()) is flagged when one of its look-alikes
    (second column of rules/words/lookalike-chars.tsv), put in its place, makes a dictionary word
    of 2-4 characters with its neighbours; no frequency threshold, no scoring. Each flagged
    character is one finding; its fix counts as right when the target character is among the
    look-alikes that made a word. Note that lookalike-chars.tsv is partly derived from ECSpell's
    own shape-confusion set, which flatters both the baseline and any rule reading that list.
--show N prints N false positives, N misses and N wrongly placed detections of the selected rules.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from lint.config import load_config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.lexicon import Lexicon  # noqa: E402

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path("ecspell_aopolin-lv", "domains_data")
LOOKALIKES = ROOT / "rules" / "words" / "lookalike-chars.tsv"
_HAN = regex.compile(r"\p{Han}")
MIN_WORD, MAX_WORD = 2, 4


@dataclass
class Sentence:
    n_errors: int
    source: str
    target: str

    @property
    def diffs(self) -> list[int]:
        return [i for i, (a, b) in enumerate(zip(self.source, self.target)) if a != b]

    def marked(self) -> str:
        """The source with each corrected character shown as [wrong→right]."""
        return "".join(f"[{a}→{b}]" if a != b else a for a, b in zip(self.source, self.target))


@dataclass
class Hit:
    """What a detector reports: a span of the source, a message, and, when it has one, its fix
    as edits (start, end, content) and whether that fix is right."""
    start: int
    end: int
    message: str
    edits: tuple[tuple[int, int, str], ...] | None = None
    options: str = ""  # naive baseline: the look-alikes that made a word


@dataclass
class Score:
    name: str
    flagged: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right_place: int = 0
    diff_chars: int = 0
    diff_hit: int = 0
    fixes: int = 0
    fixes_right: int = 0
    fixes_at_error: int = 0  # fixes of findings that overlap a corrected character
    fixes_at_error_right: int = 0
    clean_findings: int = 0
    has_fixes: bool = True
    false_pos: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)

    def add(self, s: Sentence, hits: list[Hit]) -> None:
        wrong = s.source != s.target
        if hits:
            self.flagged += 1
        if not wrong:
            self.clean_findings += len(hits)
            if hits:
                self.fp += 1
                self.false_pos.append(_describe(s, hits))
            return
        diffs = s.diffs
        self.diff_chars += len(diffs)
        if not hits:
            self.fn += 1
            self.misses.append(s.marked())
            return
        self.tp += 1
        covered = {p for p in diffs if any(_overlaps(h, p) for h in hits)}
        self.diff_hit += len(covered)
        if covered:
            self.right_place += 1
        else:
            self.misplaced.append(_describe(s, hits))
        for h in hits:
            if h.edits is None:
                continue
            self.fixes += 1
            right = bool(h.edits) and all(e - b == len(c) and s.target[b:e] == c != s.source[b:e]
                                          for b, e, c in h.edits)
            self.fixes_right += right
            if any(_overlaps(h, p) for p in diffs):
                self.fixes_at_error += 1
                self.fixes_at_error_right += right

    def row(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        place = _share(self.right_place, self.tp)
        chars = _share(self.diff_hit, self.diff_chars)
        fix = _share(self.fixes_right, self.fixes) if self.has_fixes and self.fixes else "-"
        return (f"{self.name:24} {self.flagged:>5} {self.tp:>5} {self.fp:>5} {self.fn:>5} "
                f"{p:>6.3f} {r:>6.3f} {f1:>6.3f}  {place:>16} {chars:>16} {fix:>16}")


HEADER = (f"{'detector':24} {'flag':>5} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}  "
          f"{'right place':>16} {'error chars hit':>16} {'fix right':>16}")


def _share(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "-"


def _overlaps(h: Hit, p: int) -> bool:
    return h.start <= p < max(h.end, h.start + 1)  # a zero-width finding points at the next char


def _describe(s: Sentence, hits: list[Hit], width: int = 90) -> str:
    parts = []
    for h in hits:
        span = s.source[h.start:h.end] or "∅"
        fix = "".join(c for _, _, c in h.edits) if h.edits else h.options
        parts.append(f"{h.start}:{span}" + (f"→{fix}" if fix else "") + f" {h.message[:width]}")
    return s.marked() + "\n        " + "\n        ".join(parts)


# -- the data -----------------------------------------------------------------------------------


def read_split(split: str) -> tuple[list[Sentence], list[str]]:
    """The sentences of odw.<split>, and what was skipped (with why)."""
    path = CORPUS / f"odw.{split}"
    sentences, skipped = [], []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            skipped.append(f"line {no}: not n_errors<TAB>source<TAB>target")
            continue
        n, source, target = parts
        if len(source) != len(target):
            skipped.append(f"line {no}: source and target differ in length")
            continue
        sentences.append(Sentence(int(n), source, target))
    return sentences, skipped


def read_lookalikes() -> dict[str, str]:
    table = {}
    for line in LOOKALIKES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1]:
            table[cols[0]] = cols[1]
    return table


# -- detectors ----------------------------------------------------------------------------------


def rule_hits(linter: Linter, s: Sentence, failures: list[str]) -> list[Hit]:
    result = linter.check(s.source + "\n", "odw")
    for f in result.failures:
        failures.append(f"{f.rule}: {f.message}")
    hits = []
    for f in result.findings:
        edits = None
        if f.fix is not None:
            edits = tuple((e.start, e.end, e.content) for e in f.fix.edits)
        hits.append(Hit(f.start, f.end, f"{f.rule} {f.message}", edits))
    return hits


def naive_hits(lexicon: Lexicon, lookalikes: dict[str, str], s: Sentence) -> list[Hit]:
    text = s.source
    n = len(text)
    covered = set()
    for i in range(n):
        for j in range(i + MIN_WORD, min(n, i + MAX_WORD) + 1):
            if text[i:j] in lexicon:
                covered.update(range(i, j))
    hits = []
    for i, c in enumerate(text):
        if i in covered or not _HAN.match(c) or c not in lookalikes:
            continue
        made: dict[str, str] = {}
        for x in lookalikes[c]:
            for a in range(max(0, i - MAX_WORD + 1), i + 1):
                for b in range(max(i + 1, a + MIN_WORD), min(n, a + MAX_WORD) + 1):
                    word = text[a:i] + x + text[i + 1:b]
                    if word in lexicon:
                        made.setdefault(x, word)
                        break
                if x in made:
                    break
        if made:
            options = "".join(made)
            right = s.target[i] in made
            # the fix is "right" when the target is among the candidates: no scoring picks one
            edits = ((i, i + 1, s.target[i] if right else options[0]),)
            hits.append(Hit(i, i + 1, "naive: " + " ".join(made.values()), edits, options))
    return hits


# -- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("test", "train"), default="test")
    ap.add_argument("--select", default="typo", help="comma-separated selectors (codes, names, categories)")
    ap.add_argument("--show", type=int, default=0, help="false positives, misses and misplaced hits shown")
    ap.add_argument("--min-gain", type=float, help="TYP001's min-gain option (default: the rule's)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()

    sentences, skipped = read_split(args.split)
    selectors = [x.strip() for x in args.select.split(",") if x.strip()]
    linter, codes, problem = None, (), ""
    try:
        config = load_config(None).with_cli(select=selectors)
        if args.min_gain is not None:
            from lint.records import replace
            config = replace(config, rule_settings={"TYP001": {"min-gain": args.min_gain}})
        codes = config.selected_codes()
        linter = Linter(config.rules_for(None), config.layout)
    except Exception as e:  # noqa: BLE001 - an unknown selector (family not written yet) or a broken rule module
        problem = f"{type(e).__name__}: {e}"
    lexicon = Lexicon.default()
    lookalikes = read_lookalikes()

    rule = Score((f"rules: {args.select}" + (f" g{args.min_gain:g}" if args.min_gain is not None else ""))[:24])
    every = Score("flag every sentence", has_fixes=False)
    naive = Score("naive confusion lookup")
    failures: list[str] = []
    chars = clean_chars = 0
    for s in sentences:
        chars += len(s.source)
        if s.source == s.target:
            clean_chars += len(s.source)
        if linter is not None:
            rule.add(s, rule_hits(linter, s, failures))
        every.add(s, [Hit(0, len(s.source), "every sentence")])
        naive.add(s, naive_hits(lexicon, lookalikes, s))
    elapsed = time.perf_counter() - t0

    wrong = sum(s.source != s.target for s in sentences)
    mislabelled = sum((s.n_errors > 0) != (s.source != s.target) for s in sentences)
    print(f"odw.{args.split}: {len(sentences)} sentences, {wrong} with errors, {len(sentences) - wrong} error-free; "
          f"{chars:,} characters ({clean_chars:,} in error-free sentences)")
    notes = [f"skipped {x}" for x in skipped]
    if mislabelled:
        notes.append(f"{mislabelled} sentence(s) whose n_errors disagrees with source vs target: scored by the text")
    for note in notes:
        print("  " + note)
    if linter is None:
        print(f"selected rules: none ({problem}); baselines only")
    else:
        print(f"selected rules: {', '.join(codes) or 'none'}")
    print()
    print(HEADER)
    for score in ([rule] if linter is not None else []) + [every, naive]:
        print(score.row())
    print()
    print("findings per 100,000 characters of error-free sentences:")
    if linter is not None:
        print(f"  {rule.name:24} {rule.clean_findings / (clean_chars or 1) * 1e5:8.1f}  ({rule.clean_findings} findings)")
    print(f"  {naive.name:24} {naive.clean_findings / (clean_chars or 1) * 1e5:8.1f}  ({naive.clean_findings} findings)")
    print("\nfix right, counting only the findings that overlap a corrected character:")
    for score in ([rule] if linter is not None else []) + [naive]:
        got = _share(score.fixes_at_error_right, score.fixes_at_error) if score.fixes_at_error else "-"
        print(f"  {score.name:24} {got:>16}")
    if failures:
        print(f"\nrule failures: {len(failures)} (first: {failures[0]})")
    print(f"\n{elapsed:.1f} s")

    if args.show and linter is not None:
        for title, rows in (("false positives", rule.false_pos), ("misses", rule.misses),
                            ("flagged at the wrong place", rule.misplaced)):
            print(f"\n{title} (first {min(args.show, len(rows))} of {len(rows)}):")
            for row in rows[:args.show]:
                print("    " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
