"""Runs rules over a text and fixes it: the one fixing mechanism every rule shares.

Fixing: collect the fixes the findings offer (safe ones, and unsafe ones when asked), keep a set
whose edits do not overlap (earlier position first), apply them, lint again, and repeat until
nothing changes or MAX_PASSES is reached.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import TYPE_CHECKING, Iterator, Sequence

from .corpus import Corpus
from .custom import RuleTimeout
from .document import Document
from .finding import Applicability, Edit, Finding
from .layout import Layout
from .rule import Rule
from .records import field, record, replace

if TYPE_CHECKING:
    from .resultcache import ResultCache

MAX_PASSES = 10
SECTION = 1_000_000  # characters: a longer text is checked a section at a time (bounded memory)
WARM_UP = 20_000  # characters checked before forking workers over sections: a page's worth


@record(frozen=True)
class RuleFailure:
    """A rule that could not finish on a page (a crash or a time-out); the run exits 2."""

    rule: str
    message: str


@record
class CheckResult:
    findings: list[Finding]
    failures: list[RuleFailure] = field(default_factory=list)


@record
class FixResult:
    text: str
    fixed: list[Finding]  # the findings whose fixes were applied, over all passes
    findings: list[Finding]  # what is left in the fixed text
    failures: list[RuleFailure]
    converged: bool
    steps: list[list[tuple[str, Edit]]] = field(default_factory=list)  # the edits applied, pass by pass

    @property
    def passes(self) -> tuple[int, ...]:
        """How many of `fixed` each pass applied (their positions refer to that pass's text)."""
        sizes, at = [], 0
        for step in self.steps:
            edits, count = len(step), 0
            while edits > 0:
                edits -= len(self.fixed[at + count].fix.edits)  # type: ignore[union-attr]
                count += 1
            sizes.append(count)
            at += count
        return tuple(sizes)


class Linter:
    """Runs `rules` over pages. With a `memo` (a ResultCache), what the rules found on a page is
    kept by content: rules that read only the page are keyed by the page's text, rules that
    compare it with other pages also by its name and the state of the corpus."""

    def __init__(self, rules: Sequence[Rule], layout: Layout | None = None, corpus: Corpus | None = None,
                 memo: ResultCache | None = None):
        self.rules = list(rules)
        self.layout = layout
        self.corpus = corpus
        self.memo = memo
        self.jobs = 1  # processes the sections of a long text are spread over (see _section_results)
        self._primed: dict[tuple[str, str | None], dict[str, list[Finding]]] = {}  # see prime()
        self._primed_docs: dict[tuple[str, str | None], Document] = {}  # ... and the documents read there
        if memo is not None:
            from .resultcache import rules_signature
            layout_sig = repr(sorted((layout.vocab if layout else {}).items()))
            self._local = [r for r in self.rules if not r.uses_corpus]
            self._cross = [r for r in self.rules if r.uses_corpus]
            self._local_sig = rules_signature(self._local) + layout_sig
            self._cross_sig = rules_signature(self._cross) + layout_sig

    def prime(self, pages: Sequence[tuple[str, str | None]]) -> None:
        """Check a batch of pages (text, path) at once with the rules that gain from it
        (`Rule.batch_min`: as many pages as make the batch path pay); `check` of one of these
        pages then takes those rules' findings from here. The findings are the rules' own:
        computed now, never from the cache. A rule whose batch fails is left to check each page
        (where its failure is reported). The documents the batch read are those `check` reads
        (what they worked out, such as the paragraphs' kinds, is not worked out twice). The next
        call forgets this batch."""
        self._primed, self._primed_docs = {}, {}
        batched = [r for r in self.rules if r.batch_min]
        if not batched:
            return
        todo = [(text, path) for text, path in pages if len(text) <= SECTION and not self.is_cached(text, path)]
        for rule in batched:
            if len(todo) < rule.batch_min:
                continue
            if not self._primed_docs:
                self._primed_docs = {page: Document(page[0], self.layout, page[1], self.corpus) for page in todo}
            try:
                found = rule.check_batch([self._primed_docs[page] for page in todo])
            except Exception:  # noqa: BLE001 - checked page by page, where the failure is reported
                continue
            for page, findings in zip(todo, found):
                self._primed.setdefault(page, {})[rule.code] = findings

    def warm_batch(self) -> None:
        """Load what the batch path of the rules reads (before forking workers: shared, not loaded
        by each)."""
        for rule in self.rules:
            if rule.batch_min:
                rule.warm_batch()

    def check(self, text: str, path: str | None = None, fresh: bool = False) -> CheckResult:
        """What the rules find in `text`; `fresh`: computed now, whatever the result cache holds
        (a fix applies only edits this run computed)."""
        if len(text) > SECTION:
            return self._check_sections(text, path, fresh)
        # no text hashed outside a batch
        doc = self._primed_docs.get((text, path)) if self._primed_docs else None
        if doc is None:
            doc = Document(text, self.layout, path, self.corpus)
        primed = self._primed.get((text, path)) if self._primed else None
        if self.memo is None:
            result = run_rules(self.rules, doc, primed)
        else:
            result = CheckResult([], [])
            for rules, key in self._groups(text, path):
                found = None if fresh else self.memo.load(key, len(text), frozenset(r.code for r in rules))
                if found is None:
                    part = run_rules(rules, doc, primed)
                    if not part.failures:  # a crash or a time-out is not a result to keep
                        self.memo.store(key, part.findings)
                    found = part.findings
                    result.failures += part.failures
                result.findings += found
        result.findings.sort(key=lambda f: f.sort_key)
        return result

    def is_cached(self, text: str, path: str | None = None) -> bool:
        """Whether checking `text` would be served from the result cache alone (no rule to run,
        no corpus index to build)."""
        if self.memo is None or len(text) > SECTION:
            return False
        return all(self.memo.has(key) for _, key in self._groups(text, path))

    def _check_sections(self, text: str, path: str | None, fresh: bool = False) -> CheckResult:
        """A file far longer than a page (a year of pages in one file) is checked a section at a
        time, each section ending at a blank line, so that what the rules build for a page (its
        lines, paragraphs, segmentations) stays the size of a section, not of the file."""
        result = CheckResult([], [])
        spans = sections(text, SECTION)
        for (start, end), part in zip(spans, self._section_results(text, spans, path, fresh)):
            # the blank line a section opens with is no blank line at the top of a page
            lead = 1 if start and text[start] == "\n" else 0
            result.findings += (shifted(f, start) for f in part.findings if f.end > lead)
            result.failures += part.failures
        return result

    def _section_results(self, text: str, spans: list[tuple[int, int]], path: str | None,
                         fresh: bool = False) -> Iterator[CheckResult]:
        """What each section finds, in order: over `jobs` forked processes when more than one
        section needs work (one long file would otherwise keep one core busy and the rest idle)."""
        def section(k: int) -> str:
            return text[spans[k][0]:spans[k][1]]

        if self.jobs < 2 or sum(fresh or not self.is_cached(section(k), path) for k in range(len(spans))) < 2:
            yield from (self.check(section(k), path, fresh) for k in range(len(spans)))
            return
        from .lexicon import unpack_for_workers
        from .parallel import map_ordered

        # what the rules load on first use (word list, OpenCC, the corpus's indexes) is loaded
        # here, once, from a page's worth of text, and shared by the workers
        run_rules(self.rules, Document(text[:WARM_UP], self.layout, path, self.corpus))
        unpack_for_workers()
        memo = self.memo
        if memo is not None:
            memo.flush()  # the workers hand back only what they store themselves

        def work(k: int) -> tuple[CheckResult, dict[str, bytes]]:
            return self.check(section(k), path, fresh), memo.take() if memo is not None else {}

        for part, stored in map_ordered(work, len(spans), self.jobs):
            if memo is not None:
                memo.put(stored)  # one writer of the cache: this process
            yield part

    def _groups(self, text: str, path: str | None):
        memo = self.memo
        assert memo is not None
        if self._local:
            yield self._local, memo.key("page", self._local_sig, text)
        if self._cross:
            corpus = self.corpus.fingerprint() if self.corpus is not None else ""
            yield self._cross, memo.key("corpus", self._cross_sig, path or "", corpus, text)

    def fix(self, text: str, unsafe: bool = False, max_passes: int = MAX_PASSES,
            path: str | None = None) -> FixResult:
        """Fix `text` pass by pass (see the module docstring). If a rule cannot finish on any
        pass, nothing is fixed: the result is `text` as given, with that pass's failures."""
        original_text = text
        fixed: list[Finding] = []
        steps: list[list[tuple[str, Edit]]] = []
        original = result = self.check(text, path)
        if choose_fixes(result.findings, unsafe):
            original = result = self.check(text, path, fresh=True)  # fixes come from the rules, never from the cache
        for _ in range(max_passes):
            if result.failures:
                # A rule that could not finish (a crash, its time limit) left the page half
                # checked: rather than a page fixed by some rules, the page as it was read.
                return FixResult(original_text, [], original.findings, result.failures, True, [])
            chosen = choose_fixes(result.findings, unsafe)
            if not chosen:
                return FixResult(text, fixed, result.findings, result.failures, True, steps)
            step = [(f.rule, e) for f in chosen for e in f.fix.edits]  # type: ignore[union-attr]
            new_text = apply_edits(text, [e for _, e in step])
            if new_text == text:
                return FixResult(text, fixed, result.findings, result.failures, True, steps)
            fixed.extend(chosen)
            steps.append(step)
            text = new_text
            result = self.check(text, path, fresh=True)
        if result.failures:
            return FixResult(original_text, [], original.findings, result.failures, True, [])
        converged = not choose_fixes(result.findings, unsafe)
        return FixResult(text, fixed, result.findings, result.failures, converged, steps)


_ONE_BLANK_LINE = re.compile(r"[^\n]\n(?=\n[^\n])")


def sections(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections of at most `size` characters. A section ends in the
    middle of a single blank line where there is one (after its first line end: the next
    section opens with the blank line), else after a line end, else anywhere."""
    out, start, n = [], 0, len(text)
    while n - start > size:
        limit = start + size
        cut = -1
        for m in _ONE_BLANK_LINE.finditer(text, start + size // 2, limit):
            cut = m.end()
        if cut == -1:
            cut = text.rfind("\n", start + size // 2, limit)
            cut = cut + 1 if cut != -1 else limit
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def shifted(f: Finding, by: int) -> Finding:
    """A finding of a section, placed in the whole text."""
    fix = f.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(Edit(e.start + by, e.end + by, e.content) for e in fix.edits))
    related = tuple(replace(r, offset=r.offset + by) if r.path is None else r for r in f.related)
    return replace(f, start=f.start + by, end=f.end + by, fix=fix, related=related)


def run_rules(rules: Sequence[Rule], doc: Document, primed: dict[str, list[Finding]] | None = None) -> CheckResult:
    """Every rule over one document; a rule that crashes or runs out of time is reported as a
    failure and the others still run. `primed`: findings some rules already gave for this
    document in a batch (Linter.prime)."""
    text = doc.text
    findings: list[Finding] = []
    failures: list[RuleFailure] = []
    for rule in rules:
        try:
            found = primed[rule.code] if primed and rule.code in primed else list(rule.check(doc))
        except RuleTimeout as e:
            failures.append(RuleFailure(rule.code, str(e)))
            continue
        except Exception as e:  # noqa: BLE001 - one rule's crash is not the run's crash
            failures.append(RuleFailure(rule.code, f"internal error in {rule.code} ({rule.name}): "
                                                   f"{type(e).__name__}: {e}"))
            continue
        for f in found:
            if not 0 <= f.start <= f.end <= len(text):
                failures.append(RuleFailure(rule.code, f"internal error in {rule.code}: finding "
                                                       f"span {f.start}-{f.end} outside the text"))
                break
        else:
            findings.extend(found)
    return CheckResult(findings, failures)


def choose_fixes(findings: Sequence[Finding], unsafe: bool) -> list[Finding]:
    """The fixable findings whose edits overlap neither each other nor an earlier choice."""
    chosen: list[Finding] = []
    # the edits taken, as (start, end) in order: they overlap no other, so their ends are in
    # order too, and one look either side of where an edit would go tells whether it clashes
    # (a page of ten thousand findings is no quadratic pass)
    taken: list[tuple[int, int]] = []
    candidates = [f for f in findings if f.fix is not None and f.fix.edits
                  and (f.fix.applicability is Applicability.SAFE or unsafe)]
    candidates.sort(key=lambda f: (min(e.start for e in f.fix.edits), f.rule))  # type: ignore[union-attr]
    for f in candidates:
        edits = f.fix.edits  # type: ignore[union-attr]
        if any(_clashes(taken, e) for e in edits):
            continue
        if any(a.overlaps(b) for i, a in enumerate(edits) for b in edits[i + 1:]):
            continue  # a fix whose own edits overlap is broken; skip it rather than guess
        chosen.append(f)
        for e in edits:
            insort(taken, (e.start, e.end))
    return chosen


def _clashes(taken: list[tuple[int, int]], edit: Edit) -> bool:
    """Whether `edit` overlaps (Edit.overlaps) any of `taken`, edits that overlap no other, in order."""
    k = bisect_left(taken, (edit.end, -1))  # taken[:k] start before the edit ends
    if k and taken[k - 1][1] > edit.start:  # the latest end among them: past the edit's start
        return True
    if edit.start == edit.end:  # two insertions at one point
        k = bisect_left(taken, (edit.start, edit.start))
        return k < len(taken) and taken[k] == (edit.start, edit.start)
    return False


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (offsets refer to `text`)."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
