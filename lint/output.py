"""Formatting results: text (with the source line and the span marked), json, jsonl, statistics.

The json format is a contract other tools read: keep its fields stable.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable

from .changes import fix_passes, inline
from .document import Document
from .engine import RuleFailure, choose_fixes
from .files import split_record_name
from .finding import Applicability, Finding, Severity
from .records import field, record


@record
class FileReport:
    path: str  # as shown to the user
    text: str  # the page as it now stands (after fixes): positions refer to it
    findings: list[Finding]
    fixed: list[Finding] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    fixable: tuple[int, int] | None = None  # fix_counts, kept when the findings are slimmed
    # a fix run shown to a reader (--show-fixes, the HTML report): the page as read, and how many
    # of `fixed` each pass of the fixer applied (lint.changes.fix_passes replays them)
    original: str | None = None
    fix_passes: tuple[int, ...] = ()
    record: str | None = None  # a record of a shard (lint/shards.py): its id; `path` is then SHARD#ID

    @property
    def file(self) -> str:
        """The file the findings are in: the page, or the shard of a record."""
        return self.path[:len(self.path) - len(self.record) - 1] if self.record is not None else self.path

    def slim(self) -> FileReport:
        """The report once printed: no page text, and of each finding only what the summary and
        the exit code read (a run over a backlog keeps a few bytes a finding, not a kilobyte)."""
        return FileReport(self.path, "", [tallied(f) for f in self.findings], [tallied(f) for f in self.fixed],
                          self.failures, self.fail_on, self.fix_counts, record=self.record)

    @property
    def fix_counts(self) -> tuple[int, int]:
        """The fixes a fix run would now apply to the page: with --fix, and with --fix
        --unsafe-fixes. The fixer's own choice, so two findings whose fixes overlap (one repair
        found by two rules) count once; a fix that uncovers a finding may add a later pass."""
        if self.fixable is None:
            self.fixable = (len(choose_fixes(self.findings, unsafe=False)),
                            len(choose_fixes(self.findings, unsafe=True)))
        return self.fixable

    @property
    def document(self) -> Document:
        doc = self.__dict__.get("_doc")
        if doc is None:
            doc = self.__dict__["_doc"] = Document(self.text)
        return doc


@record(frozen=True, slots=True)
class FixKind:
    applicability: Applicability


@record(frozen=True, slots=True)
class Tallied:
    """A finding already printed, as the summary and the exit code see it."""

    severity: Severity
    fix: FixKind | None


@lru_cache(maxsize=None)
def _tally(severity: Severity, applicability: Applicability | None) -> Tallied:
    return Tallied(severity, None if applicability is None else FixKind(applicability))


def tallied(f: Finding) -> Tallied:
    return _tally(f.severity, f.fix.applicability if f.fix else None)


# -- json ---------------------------------------------------------------------------------------


def finding_to_dict(path: str, doc: Document, f: Finding, record: str | None = None) -> dict:
    """A finding as json output gives it; a record of a shard has "path": the shard and
    "record": its id (and so has a related place in a record)."""
    def pos(offset: int) -> dict:
        line, column = doc.position(offset)
        return {"line": line, "column": column, "offset": offset}

    fix = None
    if f.fix is not None:
        fix = {"applicability": f.fix.applicability.value, "message": f.fix.message,
               "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in f.fix.edits]}
    related = []
    for r in f.related:
        if r.path is None:
            line, column = doc.position(r.offset)
            place = {"path": path, "record": record} if record is not None else {"path": path}
            related.append({**place, "line": line, "column": column, "offset": r.offset, "message": r.message})
        else:
            other, other_record = split_record_name(r.path)
            place = {"path": other, "record": other_record} if other_record is not None else {"path": r.path}
            related.append({**place, "line": r.line, "column": r.column, "offset": r.offset, "message": r.message})
    where = {"path": path, "record": record} if record is not None else {"path": path}
    return {**where, "rule": f.rule, "name": f.name, "category": f.category,
            "severity": f.severity.value, "message": f.message, "start": pos(f.start),
            "end": pos(f.end), "fix": fix, "related": related}


def format_json(reports: Iterable[FileReport]) -> str:
    stream = JsonStream()
    return "".join([*(stream.add(json_items(r)) for r in reports), stream.close()])


def json_items(report: FileReport) -> str:
    """A page's findings as items of the json format's array, joined, as the whole array holds
    them (`json.dumps(items, indent=2)`, each item indented one level): formatted where the page
    was checked, so that a run over a backlog sends no page text back (see JsonStream)."""
    import json  # imported by the runs that print json: not by the pre-commit hook

    return ",\n".join("  " + json.dumps(finding_to_dict(report.file, report.document, f, report.record),
                                        ensure_ascii=False, indent=2).replace("\n", "\n  ")
                      for f in report.findings)  # (no raw line end inside a JSON string: each is a line's)


class JsonStream:
    """The json format's array, written as each page's items come (json_items): the same text
    as `json.dumps` of the whole list with indent=2, byte for byte."""

    def __init__(self) -> None:
        self.started = False

    def add(self, items: str) -> str:
        """What to write for one page's items."""
        if not items:
            return ""
        head = ",\n" if self.started else "[\n"
        self.started = True
        return head + items

    def close(self) -> str:
        return "\n]\n" if self.started else "[]\n"


def format_jsonl(reports: Iterable[FileReport]) -> str:
    return "".join(map(jsonl_lines, reports))


def jsonl_lines(report: FileReport) -> str:
    import json

    return "".join(json.dumps(finding_to_dict(report.file, report.document, f, report.record), ensure_ascii=False)
                   + "\n" for f in report.findings)


def format_streamed(report: FileReport, how: str, show_fixes: bool = False, colour: bool = False) -> str:
    """One page's findings in the output format `how` (text, json, jsonl), formatted where the
    page was checked, for a run that prints them page by page (RunOptions.stream)."""
    if how == "json":
        return json_items(report)
    if how == "jsonl":
        return jsonl_lines(report)
    return format_text([report], show_fixes=show_fixes, colour=colour)


# -- text ---------------------------------------------------------------------------------------

_CONTEXT = 24  # characters of context shown on each side of a span in a long line


@lru_cache(maxsize=8192)  # per character: a run prints tens of thousands of snippets
def _width(c: str) -> int:
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


@lru_cache(maxsize=8192)
def _visible(c: str) -> str:
    if c == "\t":
        return "→"
    if unicodedata.category(c) in ("Cc", "Cf") and c != "\n":
        return f"<U+{ord(c):04X}>"
    return c


def _snippet(doc: Document, f: Finding) -> list[str]:
    line = doc.line_at(f.start)
    text = line.text
    col = f.start - line.start
    end_col = min(f.end, line.end) - line.start
    lo = max(0, col - _CONTEXT)
    hi = min(len(text), max(end_col, col) + _CONTEXT)
    left = ("…" if lo > 0 else "") + "".join(_visible(c) for c in text[lo:col])
    mid = "".join(_visible(c) for c in text[col:end_col])
    if f.end > line.end:
        mid += "⏎"  # the span runs on past this line: mark its line break
    right = "".join(_visible(c) for c in text[end_col:hi]) + ("…" if hi < len(text) else "")
    gutter = str(line.number)
    pad = " " * len(gutter)
    marks = max(1, sum(_width(c) for c in mid))
    return [f"{pad} |", f"{gutter} | {left}{mid}{right}".rstrip(" "),
            f"{pad} | {' ' * sum(_width(c) for c in left)}{'^' * marks}"]


def format_finding(report: FileReport, f: Finding, source: bool = True, show_fixes: bool = False,
                   colour: bool = False) -> str:
    line, column = report.document.position(f.start)
    out = [f"{report.path}:{line}:{column}: {f.rule} [{f.severity.value}] {f.message}"]
    if source:
        out += _snippet(report.document, f)
        if f.fix is not None:
            marker = "" if f.fix.applicability is Applicability.SAFE else " (unsafe: --unsafe-fixes)"
            out.append(f"{' ' * len(str(line))} = fix: {f.fix.message}{marker}")
            if show_fixes and f.fix.edits:
                out.append(f"{' ' * len(str(line))} = change: {inline(report.text, f.fix.edits, colour)}")
        for r in f.related:
            if r.path is None:
                rl, rc = report.document.position(r.offset)
                out.append(f"{' ' * len(str(line))} = see {report.path}:{rl}:{rc}: {r.message}")
            else:
                out.append(f"{' ' * len(str(line))} = see {r.path}:{r.line}:{r.column}: {r.message}")
        out.append("")
    return "\n".join(out)


def format_text(reports: list[FileReport], source: bool = True, show_fixes: bool = False,
                colour: bool = False) -> str:
    """The findings as text; with `show_fixes`, each fix's change in its context too, and after
    a fix run the fixes applied to each page before what is left on it."""
    blocks = []
    for r in reports:
        if show_fixes:
            blocks += format_applied(r, colour)
        blocks += [format_finding(r, f, source, show_fixes, colour) for f in r.findings]
    return "\n".join(blocks) + "\n" if blocks else ""


def format_applied(report: FileReport, colour: bool = False) -> list[str]:
    """One block a fix a fix run applied: where it was (in the text of its pass, for a first
    pass the page as read), the rule, what the fix did, and the characters it changed."""
    if report.original is None:
        return []
    blocks = []
    for text, chosen in fix_passes(report.original, report.fixed, report.fix_passes):
        doc = Document(text)
        for f in chosen:
            assert f.fix is not None
            line, column = doc.position(f.start)
            blocks.append(f"{report.path}:{line}:{column}: {f.rule} [fixed] {f.fix.message}\n"
                          f"{' ' * len(str(line))} = change: {inline(text, f.fix.edits, colour)}\n")
    return blocks


def summary_line(reports: list[FileReport], fixing: bool, unsafe: bool, errors: int = 0) -> str:
    findings = [f for r in reports for f in r.findings]
    fixed = sum(len(r.fixed) for r in reports)
    by_severity = Counter(f.severity for f in findings)
    parts = [f"{by_severity[s]} {s.value}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
             if by_severity[s]]
    lines = []
    if fixing:
        lines.append(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}"
                     f" in {sum(1 for r in reports if r.fixed)} of {len(reports)} file"
                     f"{'s' if len(reports) != 1 else ''}.")
    if findings:
        noun = "finding" if len(findings) == 1 else "findings"
        lines.append(f"Found {len(findings)} {noun} ({', '.join(parts)}) in "
                     f"{sum(1 for r in reports if r.findings)} file"
                     f"{'s' if sum(1 for r in reports if r.findings) != 1 else ''}.")
        safe = sum(r.fix_counts[0] for r in reports)
        unsafe_n = max(0, sum(r.fix_counts[1] for r in reports) - safe)
        if safe and not fixing:
            lines.append(f"{safe} fixable with --fix"
                         + (f" ({unsafe_n} more with --unsafe-fixes)." if unsafe_n else "."))
        elif unsafe_n and not unsafe:
            lines.append(f"{unsafe_n} more fixable with --unsafe-fixes.")
    elif not fixing and not errors:
        lines.append(f"All checks passed ({len(reports)} file{'s' if len(reports) != 1 else ''}).")
    if errors:
        lines.append(f"{errors} error{'s' if errors != 1 else ''} stopped newslint from checking everything"
                     " (see above).")
    return "\n".join(lines) + "\n"


def statistics_rows(reports: list[FileReport]) -> list[dict]:
    """One row a rule, most findings first: code, name, category, severity, count, fixable (as
    ruff's `--statistics --output-format json`)."""
    counts: Counter = Counter()
    fixable: Counter = Counter()
    meta: dict[str, tuple[str, str, str]] = {}
    for r in reports:
        for f in r.findings:
            counts[f.rule] += 1
            meta[f.rule] = (f.name, f.category, f.severity.value)
            fixable[f.rule] += f.fix is not None
    return [{"code": code, "name": meta[code][0], "category": meta[code][1], "severity": meta[code][2],
             "count": n, "fixable": fixable[code]}
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def format_statistics(reports: list[FileReport]) -> str:
    counts: Counter = Counter()
    meta: dict[str, tuple[str, str, str]] = {}
    fixable: Counter = Counter()
    for r in reports:
        for f in r.findings:
            counts[f.rule] += 1
            meta[f.rule] = (f.name, f.category, f.severity.value)
            if f.fix is not None:
                fixable[f.rule] += 1
    if not counts:
        return ""
    width = len(str(sum(counts.values())))
    rows = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name, category, severity = meta[code]
        mark = "[*]" if fixable[code] == n else "[-]" if fixable[code] else "   "
        rows.append(f"{n:>{width}}  {code}  {mark} {name}  ({category}, {severity})")
    rows.append(f"{sum(counts.values()):>{width}}  total in {sum(1 for r in reports if r.findings)} files"
                "  ([*] fixable, [-] partly fixable)")
    return "\n".join(rows) + "\n" + format_pages(reports) + format_repetition(reports)


PAGES_SHOWN = 20


def format_pages(reports: list[FileReport], shown: int = PAGES_SHOWN) -> str:
    """Findings per page, most first: where a fix run or a review should start."""
    pages = sorted((r for r in reports if r.findings or r.fixed), key=lambda r: (-len(r.findings), r.path))
    if len(pages) < 2:
        return ""
    rows = ["", "Per page (most findings first):", " left  error  warning  info  fixed  page"]
    for r in pages[:shown]:
        by = Counter(f.severity for f in r.findings)
        rows.append(f"{len(r.findings):>5}  {by[Severity.ERROR]:>5}  {by[Severity.WARNING]:>7}  "
                    f"{by[Severity.INFO]:>4}  {len(r.fixed):>5}  {r.path}")
    if len(pages) > shown:
        rows.append(f"  … {len(pages) - shown} more pages with findings")
    return "\n".join(rows) + "\n"


# Rules whose findings span repeated text: a copy within the page, a paragraph found elsewhere.
_WITHIN, _ACROSS = ("DUP001",), ("DUP004",)


def repetition(report: FileReport) -> tuple[float, float]:
    """Share of the page's non-whitespace characters in repeated text: copies within the page
    (what DUP001 would delete) and paragraphs that other pages hold (DUP004), as corpus filters
    (Gopher's duplicate-paragraph character fraction) measure a page."""
    total = sum(1 for c in report.text if not c.isspace()) or 1

    def covered(codes) -> float:
        marks = bytearray(len(report.text))
        for f in report.findings:
            if f.rule in codes:  # a copy's extent is what its fix deletes (the span marks its start)
                for start, end in ([(e.start, e.end) for e in f.fix.edits] if f.fix else [(f.start, f.end)]):
                    marks[start:end] = b"\x01" * (end - start)
        return sum(1 for i, m in enumerate(marks) if m and not report.text[i].isspace()) / total

    return covered(_WITHIN), covered(_ACROSS)


def format_repetition(reports: list[FileReport]) -> str:
    rows = []
    for r in reports:
        if not any(f.rule in _WITHIN + _ACROSS for f in r.findings):
            continue
        within, across = repetition(r)
        rows.append(f"{within:>6.1%}  {across:>6.1%}  {r.path}")
    if not rows:
        return ""
    return ("\nRepeated text, share of each page's characters (pages with any):\n"
            " within  across  page\n" + "\n".join(rows) + "\n")


def format_failures(reports: list[FileReport]) -> str:
    return "".join(f"{r.path}: error: {fail.message}\n" for r in reports for fail in r.failures)
