"""An HTML report of a lint or fix run: one self-contained file an editor opens in a browser.

`render_report(reports, rules)` returns the page: inline CSS and JS, no external resources (a
Content-Security-Policy forbids any fetch), readable without JS. It holds

- a summary: total findings, counts per category and per severity, a bar chart of findings per
  category (CSS bars), a table of findings per rule and one of findings per page;
- per page: its text with line numbers, every finding highlighted in its category's colour over
  its extent (its span, and what its fix replaces where that runs on from it: a repeated block
  whole, a break to join; a line end inside a highlight shows as a ⏎ badge), insertions
  (zero-width spans) as a marker; under it the list of findings (rule, severity, line:column,
  message, the fix as a before/after view, safe or unsafe);
- after a fix run (when the reports hold the page as read): the page as the run leaves it with
  every change marked, character by character (deleted text struck through in an empty
  `del.chg` whose data-del CSS shows, inserted text underlined in `ins.chg`), and each applied
  fix with its before/after in the text of its pass.

Each finding is exactly one element of class `finding` (id, data-rule, data-category,
data-severity, data-line, data-col, and its message in the title attribute). Where spans overlap
they nest; where a span crosses a line end or the end of another span, it goes on in elements of
class `finding-cont` (data-for names the finding), so counting `.finding` counts the findings.
The page text is the text nodes of `.text`: line numbers and markers are CSS generated content.
JS adds a details panel (click a highlight; it lists every finding at that place) and category
toggles that filter the highlights and the lists.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from html import escape
from typing import Iterable, Mapping

from .changes import Change, fix_passes, page_changes
from .document import Document
from .finding import CATEGORIES, Applicability, Finding, Severity
from .guard import replay
from .output import FileReport

_CONTEXT = 30  # characters shown on each side of a fix's change
_LONG = 240  # a changed or unchanged stretch longer than this is shortened in the fix view

# Category colours: (highlight background, strong colour for bars, markers and underlines).
_PALETTE = {
    "duplicate": ("#fde2b8", "#c26a00"),
    "broken-paragraph": ("#cfe3ff", "#2b63b8"),
    "spacing": ("#d9f2d0", "#3d8a2a"),
    "name": ("#f6d3ec", "#a8327f"),
    "script": ("#e3dbff", "#6445c2"),
    "punctuation": ("#ffd6d1", "#c0392b"),
    "typo": ("#fff2a8", "#9a7b00"),
    "furniture": ("#e8e3d8", "#7a6a48"),
}
_EXTRA = [("#d2f0ef", "#1d7f7a"), ("#ffe0c7", "#b35400"),
          ("#dde3ea", "#4b5b6e")]
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _esc(text: str) -> str:
    return escape(text, quote=False).replace("\r", "&#13;")


def _invisible(c: str) -> bool:
    return c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")


def _text_html(text: str) -> str:
    """Escaped text; invisible characters (controls, zero-width and format characters) are
    wrapped so that CSS can show their code point beside them."""
    if not any(_invisible(c) for c in text):
        return _esc(text)
    out = []
    for c in text:
        if _invisible(c):
            out.append(f'<span class="cc" data-cp="U+{ord(c):04X}">{_esc(c)}</span>')
        else:
            out.append(_esc(c))
    return "".join(out)


def _shown(text: str) -> str:
    """Changed text in the fix view: line ends, tabs and invisible characters made visible."""
    out = []
    for c in text:
        if c == "\n":
            out.append("↵\n")
        elif c == "\t":
            out.append("→")
        elif _invisible(c):
            out.append(f"<U+{ord(c):04X}>")
        else:
            out.append(c)
    return _esc("".join(out))


def _shorten(text: str, keep_head: bool = True, keep_tail: bool = True) -> str:
    """Escaped `text`, its middle (or start, or end) cut when longer than _LONG."""
    if len(text) <= _LONG:
        return _esc(text)
    half = _LONG // 2
    head = text[:half] if keep_head else ""
    tail = text[-half:] if keep_tail else ""
    cut = len(text) - len(head) - len(tail)
    return f'{_esc(head)}<span class="elided">… {cut} characters …</span>{_esc(tail)}'


# -- categories and colours -----------------------------------------------------------------------


class _Categories:
    """The categories of a run in a stable order (the built-in order, then others by name), each
    with a CSS class `c<n>` and its colours."""

    def __init__(self, names: Iterable[str]):
        names = set(names)
        ordered = [c for c in CATEGORIES if c in names] + sorted(names - set(CATEGORIES))
        self.order = ordered
        self.css_class = {c: f"c{i}" for i, c in enumerate(ordered)}
        extra = iter(_EXTRA * (len(ordered) // len(_EXTRA) + 1))
        self.colours = {c: _PALETTE[c] if c in _PALETTE else next(extra) for c in ordered}

    def css(self) -> str:
        return "\n".join(f".{self.css_class[c]}{{--bg:{bg};--fg:{fg}}}"
                         for c, (bg, fg) in self.colours.items())


# -- the page text with its highlights ------------------------------------------------------------


def _finding_title(report: FileReport, f: Finding) -> str:
    line, col = report.document.position(f.start)
    title = f"{f.rule} {f.name} · {f.severity.value} · {line}:{col}\n{f.message}"
    if f.fix is not None:
        title += f"\nfix ({f.fix.applicability.value}): {f.fix.message}"
    return title


def extent(f: Finding, n: int) -> tuple[int, int]:
    """The stretch of text a finding's highlight covers: its span, stretched over what its fix
    replaces where that runs on from the span. DUP001's span is the first sentence of a copy
    (what the text output and editors point at) while its fix deletes the whole copy; BRK001's
    is the last character before a break its fix deletes: the highlight shows both whole."""
    start, end = max(0, min(f.start, n)), max(0, min(f.end, n))
    if f.fix is not None:
        for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end)):
            if e.end > e.start and e.start <= end and e.end >= start:  # touches or overlaps the span
                start, end = min(start, max(0, e.start)), max(end, min(n, e.end))
    return start, end


def _render_text(report: FileReport, ids: list[str], cats: _Categories, page_id: str,
                 changes: list[Change] = ()) -> str:
    """The text as a column of `.line` blocks (the line number in data-n), with the findings'
    highlights nested inside (see the module docstring). `changes` (a fix run's, offsets old
    and new) are marked too: inserted text in `ins.chg` elements, deleted text as an empty
    `del.chg` whose data-del CSS shows struck through, so the text nodes stay the page's."""
    text, findings = report.text, report.findings
    n, nf = len(text), len(report.findings)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < n]
    bounds = list(zip(starts, starts[1:] + [n]))

    # marks: the findings (0..nf-1), then the inserted stretches of `changes` (nf..)
    ranges = [extent(f, n) for f in findings]
    ranges += [(c.new_start, c.new_end) for c in changes if c.new_end > c.new_start]
    spans: dict[int, list[int]] = {}  # start offset -> marks with a non-empty span there
    points: dict[int, list[int]] = {}  # offset -> zero-width findings there
    deleted: dict[int, list[str]] = {}  # offset -> text a fix deleted there
    cuts: set[int] = set()
    for i, (s, e) in enumerate(ranges):
        if e > s:
            spans.setdefault(s, []).append(i)
            cuts.update((s, e))
        else:
            points.setdefault(s, []).append(i)
            cuts.add(s)
    for c in changes:
        if c.old_end > c.old_start and report.original is not None:
            deleted.setdefault(c.new_start, []).append(report.original[c.old_start:c.old_end])
            cuts.add(c.new_start)
    for lst in spans.values():  # the longest opens first, so shorter spans nest inside it
        lst.sort(key=lambda i: (-ranges[i][1], i))
    ends = {i: e for i, (_, e) in enumerate(ranges)}

    cut_list = sorted(cuts)
    opened: set[int] = set()
    titles = [_attr(_finding_title(report, f)) for f in findings]

    def depth(stack: list[int]) -> int:
        return sum(1 for i in stack if i < nf)

    def open_tag(i: int, stack: list[int]) -> str:
        if i >= nf:
            return '<ins class="chg" title="inserted by a fix">'
        f = findings[i]
        common = (f'data-rule="{_attr(f.rule)}" data-category="{_attr(f.category)}" '
                  f'data-severity="{_attr(f.severity.value)}" title="{titles[i]}"')
        cls = f"{cats.css_class[f.category]} sev-{_attr(f.severity.value)} d{min(depth(stack), 4)}"
        if i in opened:
            return f'<span class="finding-cont {cls}" data-for="{ids[i]}" {common}>'
        opened.add(i)
        line, col = report.document.position(f.start)
        return (f'<span class="finding {cls}" id="{ids[i]}" tabindex="0" data-line="{line}" '
                f'data-col="{col}" {common}>')

    def close(closing: list[int]) -> str:
        return "".join("</ins>" if i >= nf else "</span>" for i in reversed(closing))

    def zero_width(i: int, stack: list[int]) -> str:
        return open_tag(i, stack).replace('class="finding ', 'class="finding zw ', 1) + "</span>"

    def deletion(gone: str) -> str:  # whole, however long: this is the record of what the run deleted
        return f'<del class="chg" data-del="{_attr(gone.replace(chr(10), "⏎"))}" title="deleted by a fix"></del>'

    out: list[str] = []
    stack: list[int] = []  # marks open at the current position, outermost first
    for number, (ls, le) in enumerate(bounds, 1):
        out.append(f'<div class="line" id="{page_id}-L{number}" data-n="{number}">')
        carried, stack = stack, []
        for i in carried:  # spans from the line above go on
            out.append(open_tag(i, stack))
            stack.append(i)
        last = number == len(bounds)
        here = cut_list[bisect_left(cut_list, ls):bisect_right(cut_list, le) if last else bisect_left(cut_list, le)]
        if not here or here[0] != ls:
            here.insert(0, ls)
        for k, p in enumerate(here):
            ending = [j for j, i in enumerate(stack) if ends[i] <= p]
            if ending:
                keep = stack[:ending[0]]
                reopen = [i for i in stack[ending[0]:] if ends[i] > p]
                out.append(close(stack[len(keep):]))
                stack = keep
                for i in reopen:
                    out.append(open_tag(i, stack))
                    stack.append(i)
            for i in points.get(p, ()):
                out.append(zero_width(i, stack))
            for gone in deleted.get(p, ()):
                out.append(deletion(gone))
            for i in spans.get(p, ()):
                out.append(open_tag(i, stack))
                stack.append(i)
            stop = here[k + 1] if k + 1 < len(here) else le
            chunk = text[p:stop]
            if chunk.endswith("\n") and stack:
                out.append(_text_html(chunk[:-1]) + '<span class="eol">\n</span>')
            else:
                out.append(_text_html(chunk))
        out.append(close(stack) + "</div>")
        stack = [i for i in stack if ends[i] > le]
    return f'<div class="text" lang="zh-Hans">{"".join(out)}</div>'


# -- the findings list ----------------------------------------------------------------------------


def _fix_view(text: str, f: Finding) -> str:
    """Before and after: the text around the fix's edits, the change marked in both."""
    assert f.fix is not None
    n = len(text)
    edits = sorted(((max(0, min(e.start, n)), max(0, min(e.end, n)), e.content) for e in f.fix.edits))
    if not edits:
        return ""
    lo = max(0, min([f.start] + [s for s, _, _ in edits]) - _CONTEXT)
    hi = min(n, max([f.end] + [e for _, e, _ in edits]) + _CONTEXT)
    before, after = [], []
    if lo > 0:
        before.append("…")
        after.append("…")
    pos = lo
    for k, (s, e, content) in enumerate(edits):
        s = max(s, pos)
        ctx = _shorten(text[pos:s], keep_head=k > 0)
        before.append(ctx)
        after.append(ctx)
        if e > s:
            before.append(f"<del>{_shorten_shown(text[s:e])}</del>")
        if content:
            after.append(f"<ins>{_shorten_shown(content)}</ins>")
        elif e > s:
            after.append('<span class="cut" title="deleted here"></span>')
        pos = max(pos, e)
    tail = _shorten(text[pos:hi], keep_tail=False)
    before.append(tail)
    after.append(tail)
    if hi < n:
        before.append("…")
        after.append("…")
    return ('<div class="fixview"><div class="fv"><span class="fvlabel">before</span>'
            f'<div class="fvtext">{"".join(before)}</div></div>'
            '<div class="fv"><span class="fvlabel">after</span>'
            f'<div class="fvtext">{"".join(after)}</div></div></div>')


def _shorten_shown(text: str) -> str:
    if len(text) <= _LONG:
        return _shown(text)
    half = _LONG // 2
    return (f'{_shown(text[:half])}<span class="elided">… {len(text) - 2 * half} characters …</span>'
            f'{_shown(text[-half:])}')


def _sev_badge(severity: str) -> str:
    return f'<span class="sev sev-{_attr(severity)}">{_esc(severity)}</span>'


def _cat_chip(category: str, cats: _Categories) -> str:
    return (f'<span class="chip {cats.css_class[category]}"><span class="sw"></span>'
            f'{_esc(category)}</span>')


def _finding_item(report: FileReport, f: Finding, fid: str, page_id: str, cats: _Categories,
                  rules: Mapping[str, type]) -> str:
    doc = report.document
    line, col = doc.position(f.start)
    eline, ecol = doc.position(f.end)
    where = f"{line}:{col}" if f.end == f.start else f"{line}:{col}–{eline}:{ecol}"
    summary = _rule_summary(rules.get(f.rule))
    parts = [f'<li class="item" id="d-{fid}" data-category="{_attr(f.category)}" '
             f'data-severity="{_attr(f.severity.value)}" data-rule="{_attr(f.rule)}">',
             '<div class="ihead">'
             f'<a class="goto" href="#{fid}" title="show in the text">{where}</a> '
             f'<code class="rule" title="{_attr(summary)}">{_esc(f.rule)}</code> <span class="rname">{_esc(f.name)}</span> '
             f'{_sev_badge(f.severity.value)} {_cat_chip(f.category, cats)}</div>',
             f'<div class="msg">{_esc(f.message)}</div>']
    if f.fix is not None:
        safe = f.fix.applicability is Applicability.SAFE
        label = ("safe fix (applied by --fix)" if safe
                 else "unsafe fix (needs --unsafe-fixes: check it)")
        parts.append(f'<div class="fix"><span class="appl {"safe" if safe else "unsafe"}">'
                     f'{label}</span> {_esc(f.fix.message)}{_fix_view(report.text, f)}</div>')
    if f.related:
        rel = []
        for r in f.related:
            if r.path is None:
                rl, rc = doc.position(r.offset)
                rel.append(f'<li><a href="#{page_id}-L{rl}">{rl}:{rc}</a> {_esc(r.message)}</li>')
            else:
                rel.append(f'<li><code>{_esc(r.path)}:{r.line}:{r.column}</code> {_esc(r.message)}</li>')
        parts.append(f'<ul class="related">{"".join(rel)}</ul>')
    parts.append("</li>")
    return "".join(parts)


def _rule_summary(rule: type | None) -> str:
    doc = (getattr(rule, "__doc__", None) or "").strip()
    return doc.splitlines()[0].strip() if doc else ""


# -- the whole page -------------------------------------------------------------------------------


def _bar_rows(counts: Counter, order: list[str], cats: _Categories | None, total: int) -> str:
    top = max(counts.values(), default=0) or 1
    rows = []
    for key in order:
        n = counts.get(key, 0)
        if not n:
            continue
        cls = f" {cats.css_class[key]}" if cats else f" sev-{_attr(key)}"
        rows.append(f'<div class="bar{cls}" data-category="{_attr(key)}">'
                    f'<span class="blabel">{_esc(key)}</span>'
                    f'<span class="btrack"><span class="bfill" style="width:{100 * n / top:.1f}%">'
                    f'</span></span><span class="bcount">{n}</span>'
                    f'<span class="bshare">{100 * n / total:.0f}%</span></div>')
    return "".join(rows)


def _summary(reports: list[FileReport], cats: _Categories, rules: Mapping[str, type],
             page_ids: list[str]) -> str:
    findings = [f for r in reports for f in r.findings]
    total = len(findings)
    by_cat = Counter(f.category for f in findings)
    by_sev = Counter(f.severity.value for f in findings)
    safe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    applied = sum(len(r.fixed) for r in reports)
    failures = sum(len(r.failures) for r in reports)

    cards = [("findings", total), ("pages", len(reports)),
             ("pages with findings", sum(1 for r in reports if r.findings))]
    cards += [(s.value, by_sev.get(s.value, 0)) for s in _SEVERITIES]
    cards += [("safe fixes", safe), ("unsafe fixes", unsafe)]
    if applied:
        cards.append(("fixes applied", applied))
    if failures:
        cards.append(("rule failures", failures))
    out = ['<section class="summary" id="summary"><h2>Summary</h2><div class="cards">']
    out += [f'<div class="card"><span class="num">{n}</span><span class="lbl">{_esc(lbl)}</span></div>'
            for lbl, n in cards]
    out.append("</div>")
    if not total:
        out.append('<p class="clean">No findings.</p>')
    else:
        out.append('<div class="charts"><div class="chart"><h3>Findings per category</h3>'
                   f'{_bar_rows(by_cat, cats.order, cats, total)}</div>'
                   '<div class="chart"><h3>Findings per severity</h3>'
                   f'{_bar_rows(by_sev, [s.value for s in _SEVERITIES], None, total)}</div></div>')
        # per rule
        by_rule = Counter(f.rule for f in findings)
        meta = {f.rule: f for f in findings}
        fixable = Counter(f.rule for f in findings if f.fix is not None)
        rows = []
        for code, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            f = meta[code]
            rows.append(f'<tr data-category="{_attr(f.category)}"><td><code>{_esc(code)}</code></td>'
                        f'<td>{_esc(f.name)}</td><td>{_cat_chip(f.category, cats)}</td>'
                        f'<td>{_sev_badge(f.severity.value)}</td><td class="n">{n}</td>'
                        f'<td class="n">{fixable[code]}</td>'
                        f'<td class="what">{_esc(_rule_summary(rules.get(code)))}</td></tr>')
        out.append('<h3>Findings per rule</h3><table class="rules"><thead><tr><th>rule</th>'
                   '<th>name</th><th>category</th><th>severity</th><th class="n">findings</th>'
                   '<th class="n">with a fix</th><th>what it checks</th></tr></thead>'
                   f'<tbody>{"".join(rows)}</tbody></table>')
    # per page
    rows = []
    for r, pid in zip(reports, page_ids):
        sev = Counter(f.severity.value for f in r.findings)
        cat = Counter(f.category for f in r.findings)
        stack = "".join(f'<span class="seg {cats.css_class[c]}" style="width:{100 * cat[c] / len(r.findings):.1f}%" '
                        f'title="{_attr(c)}: {cat[c]}"></span>' for c in cats.order if cat[c])
        rows.append(f'<tr><td class="path"><a href="#{pid}">{_esc(r.path)}</a></td>'
                    f'<td class="n">{len(r.findings)}</td>'
                    + "".join(f'<td class="n">{sev.get(s.value, 0) or ""}</td>' for s in _SEVERITIES)
                    + f'<td class="n">{len(r.fixed) or ""}</td>'
                    f'<td class="stack"><span class="stackbar">{stack}</span></td></tr>')
    out.append('<h3>Findings per page</h3><table class="pages"><thead><tr><th>page</th>'
               '<th class="n">findings</th>' + "".join(f'<th class="n">{s.value}</th>' for s in _SEVERITIES)
               + '<th class="n">fixes applied</th><th>categories</th></tr></thead>'
               f'<tbody>{"".join(rows)}</tbody></table></section>')
    return "".join(out)


def _legend(cats: _Categories, counts: Counter) -> str:
    if not cats.order:
        return ""
    items = []
    for c in cats.order:
        cid = f"toggle-{cats.css_class[c]}"
        items.append(f'<label class="entry {cats.css_class[c]}" data-category="{_attr(c)}">'
                     f'<input type="checkbox" class="cat-toggle js-only" id="{cid}" value="{_attr(c)}" checked>'
                     f'<span class="sw"></span>{_esc(c)} <span class="cnt">{counts[c]}</span></label>')
    items.append('<span class="entry marker-key"><span class="zwkey"></span>insertion point</span>'
                 '<span class="entry sev-key">underline:<span class="ul sev-error"></span>error '
                 '<span class="ul sev-warning"></span>warning <span class="ul sev-info"></span>info</span>')
    return (f'<nav class="legend" aria-label="legend"><span class="lhead">Legend'
            f'<span class="js-only"> (untick to hide a category)</span>:</span>{"".join(items)}</nav>')


def _page(report: FileReport, page_id: str, cats: _Categories, rules: Mapping[str, type]) -> str:
    ids = [f"{page_id}-f{i + 1}" for i in range(len(report.findings))]
    sev = Counter(f.severity.value for f in report.findings)
    counts = ", ".join(f"{sev[s.value]} {s.value}" for s in _SEVERITIES if sev[s.value])
    head = (f'<section class="page" id="{page_id}"><h2 class="ptitle"><span class="pname">{_esc(report.path)}</span> '
            f'<span class="pcount">{len(report.findings)} finding{"s" if len(report.findings) != 1 else ""}'
            f'{f" ({counts})" if counts else ""}'
            f'{f" · {len(report.fixed)} fixes applied" if report.fixed else ""}</span>'
            f' <a class="top" href="#summary">↑ summary</a></h2>')
    out = [head]
    if report.failures:
        out.append('<div class="failures"><strong>Rules that could not finish on this page:</strong><ul>'
                   + "".join(f"<li><code>{_esc(x.rule)}</code> {_esc(x.message)}</li>" for x in report.failures)
                   + "</ul></div>")
    passes = list(fix_passes(report.original, report.fixed, report.fix_passes)) if report.original is not None else []
    changes = _page_changes(report, passes)
    if changes:
        out.append('<p class="note">The page as the fix run leaves it: what the fixes deleted is '
                   '<del class="chg" data-del="struck through"></del>, what they inserted '
                   '<ins class="chg">underlined</ins>.</p>')
    out.append(_render_text(report, ids, cats, page_id, changes))
    if report.findings:
        out.append(f'<h3>Findings ({len(report.findings)})</h3><ol class="items">')
        out += [_finding_item(report, f, fid, page_id, cats, rules) for f, fid in zip(report.findings, ids)]
        out.append("</ol>")
    else:
        out.append('<p class="clean">No findings on this page.</p>')
    if report.fixed:
        out.append(f'<h3>Applied fixes ({len(report.fixed)})</h3><p class="note">Lines and positions '
                   'refer to the page as it was before each fix (a fix of a later pass: as the passes '
                   'before it left it).</p><ol class="applied">')
        shown = passes or [(None, report.fixed)]
        for text, chosen in shown:
            doc = Document(text) if text is not None else None
            for f in chosen:
                out.append(_applied_item(f, text, doc, cats))
        out.append("</ol>")
    out.append("</section>")
    return "".join(out)


def _page_changes(report: FileReport, passes: list[tuple[str, list[Finding]]]) -> list[Change]:
    """Where the fix run changed the page, character by character, from the page as read."""
    if report.original is None or not passes:
        return []
    steps = [[(f.rule, e) for f in chosen if f.fix is not None for e in f.fix.edits] for _, chosen in passes]
    fixed, origin = replay(report.original, steps)
    return page_changes(len(report.original), origin) if fixed == report.text else []


def _applied_item(f: Finding, text: str | None, doc: Document | None, cats: _Categories) -> str:
    """An applied fix: where, rule, safety, what it did, the finding's message, and before/after
    in the text of its pass (when the report holds the page as read)."""
    fix = f.fix
    appl = fix.applicability.value if fix else ""
    where = ""
    if doc is not None:
        line, col = doc.position(f.start)
        where = f'<span class="goto">{line}:{col}</span> '
    view = _fix_view(text, f) if text is not None and fix is not None else ""
    return (f'<li class="item" data-category="{_attr(f.category)}" data-rule="{_attr(f.rule)}">'
            f'<div class="ihead">{where}<code class="rule">{_esc(f.rule)}</code> <span class="rname">{_esc(f.name)}</span> '
            f'{_cat_chip(f.category, cats)} <span class="appl {appl}">{_esc(appl)}</span></div>'
            f'<div class="msg">{_esc(fix.message) if fix else ""}: {_esc(f.message)}</div>{view}</li>')


def render_report(reports: list[FileReport], rules: Mapping[str, type], title: str = "newslint report") -> str:
    """The HTML report of `reports` (one self-contained page; see the module docstring).

    `rules` maps rule codes to rule classes (lint.registry.builtin_rules()): the first line of a
    rule's docstring says what it checks."""
    reports = list(reports)
    cats = _Categories(f.category for r in reports for f in list(r.findings) + list(r.fixed))
    counts = Counter(f.category for r in reports for f in r.findings)
    page_ids = [f"p{i + 1}" for i in range(len(reports))]
    body = [f'<header><h1>{_esc(title)}</h1></header>',
            _summary(reports, cats, rules, page_ids),
            _legend(cats, counts)]
    body += [_page(r, pid, cats, rules) for r, pid in zip(reports, page_ids)]
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">'
        f'<title>{_esc(title)}</title><link rel="icon" href="data:,">'
        f'<style>{_CSS}\n{cats.css()}</style></head>\n<body>'
        + "\n".join(body)
        + '\n<aside id="panel" class="panel" hidden aria-live="polite"><div class="phead">'
        '<span class="ptitle2"></span><button type="button" class="pclose" title="close (Esc)">×</button>'
        f'</div><ol class="pbody"></ol></aside>\n<script>{_JS}</script></body></html>\n')


_CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--paper:#fff;--soft:#f6f8fa;
--err:#cf222e;--warn:#bf8700;--info:#0969da;
font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif;color:var(--ink);background:var(--soft)}
body{margin:0 auto;max-width:1180px;padding:16px 24px 80px;line-height:1.5}
h1{font-size:1.6rem;margin:.4em 0}
h2{font-size:1.25rem;margin:0 0 .6em}
h3{font-size:1rem;margin:1.2em 0 .5em}
a{color:#0969da}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
section{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:90px;background:var(--soft)}
.card .num{display:block;font-size:1.4rem;font-weight:600}
.card .lbl{color:var(--muted);font-size:.85rem}
.charts{display:flex;flex-wrap:wrap;gap:32px}
.chart{flex:1 1 360px}
.bar{display:grid;grid-template-columns:10em 1fr 3em 3em;align-items:center;gap:8px;margin:3px 0;font-size:.9rem}
.btrack{background:var(--soft);border-radius:3px;height:14px;overflow:hidden}
.bfill{display:block;height:100%;background:var(--fg,#888);border-radius:3px}
.bar.sev-error{--fg:var(--err)}.bar.sev-warning{--fg:var(--warn)}.bar.sev-info{--fg:var(--info)}
.bcount{text-align:right;font-weight:600}.bshare{color:var(--muted);text-align:right}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.what{color:var(--muted)}
td.path{word-break:break-all}
.stackbar{display:flex;width:220px;height:12px;border-radius:3px;overflow:hidden;background:var(--soft)}
.seg{display:block;height:100%;background:var(--fg)}
.legend{position:sticky;top:0;z-index:5;background:rgba(255,255,255,.96);border:1px solid var(--line);
border-radius:8px;padding:8px 12px;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:.9rem}
.legend .entry{display:inline-flex;align-items:center;gap:5px}
.legend .cnt{color:var(--muted)}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;background:var(--bg);border:1px solid var(--fg)}
.chip{display:inline-flex;align-items:center;gap:4px;font-size:.8rem;color:var(--muted)}
.ul{display:inline-block;width:22px;height:0;border-bottom:2px solid var(--fg);margin-left:6px}
.ul{--fg:#57606a}.ul.sev-warning{border-bottom-style:dashed}.ul.sev-info{border-bottom-style:dotted}
.js-only{display:none}.js .js-only{display:inline}
.ptitle{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}
.pname{word-break:break-all}.pcount{color:var(--muted);font-size:.9rem;font-weight:400}
.top{margin-left:auto;font-size:.8rem;font-weight:400}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem;line-height:1.9;
border:1px solid var(--line);border-radius:6px;padding:8px 0;background:#fffefb;counter-reset:none}
.line{position:relative;padding:0 12px 0 4.2em;min-height:1.9em}
.line::before{content:attr(data-n);position:absolute;left:0;width:3.2em;text-align:right;color:#9aa0a6;
font-size:.78em;font-family:ui-monospace,Menlo,Consolas,monospace;user-select:none;line-height:2.45}
.line:target{background:#fff8c5}
.finding,.finding-cont{background:var(--bg);border-bottom:2px solid var(--fg);cursor:pointer;border-radius:2px}
.sev-warning.finding,.sev-warning.finding-cont{border-bottom-style:dashed}
.sev-info.finding,.sev-info.finding-cont{border-bottom-style:dotted}
.d1{padding-bottom:3px}.d2{padding-bottom:6px}.d3{padding-bottom:9px}.d4{padding-bottom:12px}
.finding.zw{display:inline-block;width:.55em;height:1.25em;vertical-align:-.25em;border:0;
border-left:3px solid var(--fg);background:repeating-linear-gradient(45deg,var(--bg) 0 3px,transparent 3px 6px)}
.zwkey{display:inline-block;width:.55em;height:1.1em;border-left:3px solid #555;background:#ddd;cursor:default}
.eol::before{content:"\\23CE";color:#fff;background:var(--fg);font-size:.8em;font-weight:700;border-radius:3px;
padding:0 .35em;margin-left:1px}
ins.chg .eol::before{background:#1a7f37}
.cc::before{content:attr(data-cp);font-size:.62em;color:#b3261e;border:1px solid #e8a7a1;border-radius:2px;padding:0 1px}
.finding:target,.finding.sel,.finding-cont.sel{outline:2px solid var(--fg);outline-offset:1px}
.off.finding,.off.finding-cont{background:none;border-bottom-color:transparent}
.off.finding.zw{border-left-color:transparent;background:none}
.off .eol::before{content:none}
.item.off,tr.off{display:none}
.items,.applied{padding-left:2.2em;margin:0}
.item{margin:0 0 10px;padding:6px 10px;border-left:4px solid var(--fg,#ccc);background:var(--soft);border-radius:0 6px 6px 0}
.ihead{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center}
.goto{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
.rname{color:var(--muted)}
.msg{margin-top:2px}
.sev{font-size:.75rem;font-weight:600;padding:0 6px;border-radius:10px;color:#fff}
.sev.sev-error{background:var(--err)}.sev.sev-warning{background:var(--warn)}.sev.sev-info{background:var(--info)}
.fix{margin-top:6px;font-size:.92rem}
.appl{font-size:.75rem;font-weight:600;padding:0 6px;border-radius:4px;border:1px solid}
.appl.safe{color:#1a7f37;border-color:#1a7f37}.appl.unsafe{color:#bc4c00;border-color:#bc4c00}
.fixview{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:6px}
.fv{background:#fff;border:1px solid var(--line);border-radius:4px;padding:4px 8px;min-width:0}
.fvlabel{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.fvtext{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.7}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
ins{background:#ccffd8;color:#055d20;text-decoration:none;border-bottom:1px solid #1a7f37}
del.chg{text-decoration:none;background:none}
del.chg::before{content:attr(data-del);text-decoration:line-through 2px #cf222e;color:#82071e;background:#ffd7d5;
border-radius:2px;padding:0 1px}
ins.chg{text-decoration:underline 2px #1a7f37;text-underline-offset:.28em;background:#ccffd8;border-bottom:0;color:inherit}
.cut{display:inline-block;width:0;height:1.1em;vertical-align:-.2em;border-left:2px solid #1a7f37;margin:0 1px}
.elided{color:var(--muted);font-style:italic;font-size:.85em}
.related{margin:4px 0 0;padding-left:1.2em;font-size:.9rem}
.failures{background:#ffebe9;border:1px solid #ff8182;border-radius:6px;padding:6px 12px;margin-bottom:8px}
.clean{color:#1a7f37}
.note{color:var(--muted);font-size:.85rem;margin:-.3em 0 .6em}
.panel{position:fixed;top:12px;right:12px;bottom:12px;width:min(440px,92vw);overflow:auto;background:#fff;
border:1px solid var(--line);border-radius:8px;box-shadow:0 8px 24px rgba(31,35,40,.2);z-index:10;padding:0 12px 12px}
.panel[hidden]{display:none}
.phead{position:sticky;top:0;background:#fff;display:flex;align-items:center;padding:8px 0;border-bottom:1px solid var(--line);margin-bottom:8px}
.ptitle2{font-weight:600;flex:1}
.pclose{font-size:1.3rem;line-height:1;border:0;background:none;cursor:pointer;color:var(--muted)}
.pbody{list-style:none;padding:0;margin:0}
.pbody .fixview{grid-template-columns:1fr}
@media (max-width:760px){.fixview{grid-template-columns:1fr}.bar{grid-template-columns:7em 1fr 2.5em 2.5em}}
@media print{.legend{position:static}.panel{display:none}}
"""

_JS = """
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var panel = document.getElementById('panel');
  var pbody = panel.querySelector('.pbody');
  var ptitle = panel.querySelector('.ptitle2');
  var selected = [];

  function idOf(el) {
    return el.classList.contains('finding') ? el.id : el.getAttribute('data-for');
  }
  function clearSelection() {
    selected.forEach(function (el) { el.classList.remove('sel'); });
    selected = [];
  }
  function closePanel() {
    panel.hidden = true;
    pbody.textContent = '';
    clearSelection();
  }
  function showAt(target) {
    var ids = [];
    var el = target.closest('.finding, .finding-cont');
    while (el) {
      var id = idOf(el);
      if (id && ids.indexOf(id) < 0) { ids.push(id); }
      el = el.parentElement ? el.parentElement.closest('.finding, .finding-cont') : null;
    }
    if (!ids.length) { return; }
    clearSelection();
    pbody.textContent = '';
    ids.forEach(function (id) {
      var item = document.getElementById('d-' + id);
      if (item) {
        var copy = item.cloneNode(true);
        copy.removeAttribute('id');
        pbody.appendChild(copy);
      }
      document.querySelectorAll('[data-for="' + id + '"]').forEach(function (p) { selected.push(p); });
      var own = document.getElementById(id);
      if (own) { selected.push(own); }
    });
    selected.forEach(function (p) { p.classList.add('sel'); });
    ptitle.textContent = ids.length === 1 ? '1 finding here' : ids.length + ' findings here';
    panel.hidden = false;
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    if (t.closest('.pclose')) { closePanel(); return; }
    if (t.closest('.text') && t.closest('.finding, .finding-cont')) { showAt(t); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { closePanel(); return; }
    var t = ev.target;
    if ((ev.key === 'Enter' || ev.key === ' ') && t instanceof Element && t.classList.contains('finding')) {
      ev.preventDefault();
      showAt(t);
    }
  });

  var filterable = document.querySelectorAll('.finding, .finding-cont, .item, table.rules tr[data-category]');
  document.querySelectorAll('input.cat-toggle').forEach(function (box) {
    box.addEventListener('change', function () {
      var cat = box.value, hide = !box.checked;
      filterable.forEach(function (el) {
        if (el.getAttribute('data-category') === cat) { el.classList.toggle('off', hide); }
      });
    });
  });
  root.setAttribute('data-report-ready', '1');
})();
"""
