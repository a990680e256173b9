"""The HTML report (lint/report.py): one highlight per finding, the page text intact, escaping,
legend, fixes; then the real thing in headless Chromium (skipped without one)."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lint.config import load_config
from lint.engine import Linter
from lint.finding import Applicability, Edit, Finding, Fix, Severity
from lint.output import FileReport
from lint.registry import builtin_rules
from lint.report import render_report
from tests.conftest import SEED_000, SEED_002, raw_text

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


class Page(HTMLParser):
    """What the tests read from a report: highlights, the text of each `.text`, legend entries."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.highlights: list[dict] = []  # attributes of each .finding, in document order
        self.texts: list[str] = []  # the text of each page body
        self.covered: list[dict[str, list[str]]] = []  # per page body: finding id -> its text pieces
        self.legend: list[str] = []
        self.tags: Counter = Counter()
        self.attrs_seen: list[tuple[str, str, str]] = []
        self._stack: list[tuple[str, set[str], str | None]] = []  # (tag, classes, finding id)
        self._in_text = 0  # depth inside the current .text (0: outside)
        self._in_legend = 0
        self._pieces: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        self.attrs_seen += [(tag, k, v or "") for k, v in attrs]
        classes = set((a.get("class") or "").split())
        fid = None
        if "finding" in classes:
            self.highlights.append(a)
            fid = a.get("id")
        elif "finding-cont" in classes:
            fid = a.get("data-for")
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return  # void elements: no end tag
        self._stack.append((tag, classes, fid))
        if self._in_text:
            self._in_text += 1
        elif "text" in classes:
            self._in_text = 1
            self._pieces = []
            self.covered.append({})
        if self._in_legend:
            self._in_legend += 1
        elif "legend" in classes:
            self._in_legend = 1
        if self._in_legend and "entry" in classes and a.get("data-category"):
            self.legend.append(a["data-category"])
        if self._in_text and fid is not None:
            self.covered[-1].setdefault(fid, [])

    def handle_endtag(self, tag):
        if not self._stack:
            return
        self._stack.pop()
        if self._in_text:
            self._in_text -= 1
            if not self._in_text:
                self.texts.append("".join(self._pieces))
        if self._in_legend:
            self._in_legend -= 1

    def handle_data(self, data):
        if self._in_text:
            self._pieces.append(data)
            for _, _, fid in self._stack:
                if fid is not None:
                    self.covered[-1][fid].append(data)


@pytest.fixture(scope="module")
def seed_reports() -> list[FileReport]:
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    reports = []
    for name in (SEED_000, SEED_002):
        text = raw_text(name)
        reports.append(FileReport(name, text, linter.check(text, name).findings))
    return reports


@pytest.fixture(scope="module")
def seed_html(seed_reports) -> str:
    return render_report(seed_reports, builtin_rules())


def extent(f: Finding, n: int) -> tuple[int, int]:
    """What a highlight must cover: the finding's span, stretched over each edit of its fix that
    touches or overlaps it (a copy's first sentence and the rest of the copy its fix deletes; a
    paragraph's last character and the break its fix deletes)."""
    start, end = f.start, f.end
    for e in sorted(f.fix.edits, key=lambda e: e.start) if f.fix else ():
        if e.end > e.start and e.start <= end and e.end >= start:
            start, end = min(start, e.start), min(n, max(end, e.end))
    return start, end


def check_highlights(page: Page, reports: list[FileReport]) -> None:
    """One .finding per finding, carrying its attributes, and covering exactly its extent (its
    span, and what its fix replaces where that runs on from the span)."""
    findings = [f for r in reports for f in r.findings]
    assert len(page.highlights) == len(findings)
    ids = [h.get("id") for h in page.highlights]
    assert all(ids) and len(set(ids)) == len(ids)
    assert Counter((h["data-rule"], h["data-category"], h["data-severity"]) for h in page.highlights) \
        == Counter((f.rule, f.category, f.severity.value) for f in findings)
    assert page.texts == [r.text for r in reports]
    for report, covered in zip(reports, page.covered):
        by_id = {h["id"]: h for h in page.highlights}
        got = Counter((by_id[fid]["data-rule"], "".join(pieces)) for fid, pieces in covered.items())
        want = Counter((f.rule, report.text[slice(*extent(f, len(report.text)))]) for f in report.findings)
        assert got == want


def test_seed_report_highlights_every_finding(seed_reports, seed_html):
    total = sum(len(r.findings) for r in seed_reports)
    assert total > 20  # the raw seeds hold findings of several categories
    page = Page(seed_html)
    check_highlights(page, seed_reports)
    assert seed_html.count('class="finding ') == total
    assert 'lang="zh-Hans"' in seed_html and '<meta charset="utf-8">' in seed_html


def test_legend_and_summary(seed_reports, seed_html):
    page = Page(seed_html)
    categories = {f.category for r in seed_reports for f in r.findings}
    assert set(page.legend) == categories and len(page.legend) == len(categories)
    total = sum(len(r.findings) for r in seed_reports)
    assert f'<span class="num">{total}</span><span class="lbl">findings</span>' in seed_html
    for c, n in Counter(f.category for r in seed_reports for f in r.findings).items():
        assert re.search(rf'data-category="{c}"><span class="blabel">{c}</span>.*?<span class="bcount">{n}</span>',
                         seed_html)
    for r in seed_reports:  # the per-page table links each page's section
        assert f'>{r.path}</a></td><td class="n">{len(r.findings)}</td>' in seed_html
    for i in range(len(seed_reports)):
        assert f'href="#p{i + 1}"' in seed_html and f'<section class="page" id="p{i + 1}">' in seed_html


def test_self_contained(seed_html):
    page = Page(seed_html)
    for tag, key, value in page.attrs_seen:
        if key in ("src", "href", "action", "srcset"):
            assert value.startswith(("#", "data:")), (tag, key, value)
    assert "http://" not in seed_html and "https://" not in seed_html and "url(" not in seed_html
    assert page.tags["script"] == 1 and page.tags["style"] == 1


def test_escaping_and_awkward_spans():
    text = ('<script>alert(1)</script> & "q" \'s\' <b>粗</b>\n'
            "第二行\u200b零宽\n"
            "第三行")
    f = lambda rule, s, e, fix=None, msg="m", cat="spacing": Finding(  # noqa: E731
        rule, "name-" + rule, cat, Severity.WARNING, msg, s, e, fix)
    findings = [
        f("AAA001", 0, 8, msg='<img src=x onerror="alert(2)">'),  # "<script>"
        f("AAA002", 5, 20, cat="typo"),  # crosses AAA001's end
        f("AAA003", 5, 5),  # zero-width inside a span
        f("AAA004", 30, 48, Fix((Edit(30, 31, "<i>"),), Applicability.UNSAFE, 'fix "<x>"')),  # crosses a line end
        f("AAA005", 30, 48, cat="name"),  # the same span again
        f("AAA006", len(text), len(text), Fix.insert(len(text), "\n", "add the newline")),  # end of text
        f("AAA007", text.index("\u200b"), text.index("\u200b") + 1, Fix.delete(
            text.index("\u200b"), text.index("\u200b") + 1, "drop it")),
        f("AAA008", 0, len(text), cat="duplicate"),  # the whole page, around everything
    ]
    report = FileReport("<p>&.txt", text, findings)
    html = render_report([report], {}, title="<t>")
    assert "<script>alert" not in html and "<img" not in html and "<b>粗" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<title>&lt;t&gt;</title>" in html and "&lt;p&gt;&amp;.txt" in html
    page = Page(html)
    assert page.tags["script"] == 1 and page.tags["img"] == 0 and page.tags["b"] == 0
    check_highlights(page, [report])
    assert html.count('class="finding zw ') == 2
    assert "unsafe fix" in html and "safe fix" in html
    assert "<del>" in html and "<ins>&lt;i&gt;</ins>" in html and "<ins>↵\n</ins>" in html


def test_fix_run_lists_applied_fixes():
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    text = raw_text(SEED_000)
    result = linter.fix(text, unsafe=False, path=SEED_000)
    assert result.fixed
    report = FileReport(SEED_000, result.text, result.findings, result.fixed)
    html = render_report([report], builtin_rules())
    page = Page(html)
    check_highlights(page, [report])
    assert f"Applied fixes ({len(result.fixed)})" in html
    applied = html.split('<ol class="applied">', 1)[1].split("</ol>", 1)[0]
    assert applied.count("<li ") == len(result.fixed)


def test_a_long_finding_and_a_mark_at_a_paragraph_end_are_highlighted_whole(seed_reports, seed_html):
    """DUP001's span is a copy's first sentence and its fix deletes all 279 characters; BRK001's
    span is the last character before the break its fix deletes: each highlight covers both."""
    page = Page(seed_html)
    report, covered = seed_reports[1], page.covered[1]
    by_rule = {}
    for h in page.highlights:
        by_rule.setdefault(h["data-rule"], []).append("".join(covered.get(h["id"], [])))
    text = report.text
    dup = next(f for f in report.findings if f.rule == "DUP001" and f.message.startswith("279 characters"))
    whole = text[dup.start:dup.fix.edits[0].end]
    assert len(whole.strip()) == 279 and whole in by_rule["DUP001"]
    brk = next(f for f in report.findings if f.rule == "BRK001")
    assert text[brk.start:brk.end + 2] in by_rule["BRK001"] and text[brk.end:brk.end + 2] == "\n\n"
    # the line ends inside a highlight carry the ⏎ badge (class eol): BRK001's two among them
    html = seed_html.split('id="p2"', 1)[1]
    bid = f'p2-f{report.findings.index(brk) + 1}'
    after = html.split(f'id="{bid}"', 1)[1]
    assert after.split("</div>", 1)[0].endswith('<span class="eol">\n</span></span>')


def reconstruct(html: str) -> list[tuple[str, str]]:
    """Per page body: (the text as shown, the text before the fixes: what is not inside an
    ins.chg, with each del.chg's data-del put back)."""

    class Changes(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.pages: list[tuple[list[str], list[str]]] = []
            self.depth = 0  # inside .text
            self.ins = 0

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            classes = (a.get("class") or "").split()
            if self.depth:
                self.depth += 1
                if tag == "ins" and "chg" in classes:
                    self.ins = self.depth
                if tag == "del" and "chg" in classes:
                    self.pages[-1][1].append(a["data-del"].replace("⏎", "\n"))
            elif "text" in classes:
                self.depth = 1
                self.pages.append(([], []))

        def handle_endtag(self, tag):
            if self.depth:
                if self.ins == self.depth:
                    self.ins = 0
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.pages[-1][0].append(data)
                if not self.ins:
                    self.pages[-1][1].append(data)

    parser = Changes()
    parser.feed(html)
    return [("".join(now), "".join(before)) for now, before in parser.pages]


def test_fix_run_report_marks_every_change_in_the_page_text(raw_seeds, tmp_path):
    from tests.conftest import run

    out = tmp_path / "fixrun.html"
    assert run("report", "--fix", "--unsafe-fixes", "--no-cache", str(raw_seeds), "-o", str(out)).returncode == 0
    html = out.read_text(encoding="utf-8")
    fixed = tmp_path / "fixed"
    shutil.copytree(raw_seeds, fixed)
    run("check", "--fix", "--unsafe-fixes", "--no-cache", str(fixed))
    pages = sorted(raw_seeds.glob("*.txt"))
    # the text shown is the fixed page; without what was inserted, and with what was deleted, the page as read
    assert reconstruct(html) == [((fixed / p.name).read_text(encoding="utf-8"), p.read_text(encoding="utf-8"))
                                 for p in pages]
    assert html.count('<del class="chg" data-del="') > 20 and '<ins class="chg"' in html
    # each applied fix with its before/after, in the text of its pass
    for section in html.split('<ol class="applied">')[1:]:
        applied = section.split("</ol>", 1)[0]
        assert applied.count('<li class="item"') == applied.count('<div class="fixview">') > 5
    assert re.search(r'<span class="goto">53:252</span> <code class="rule">DUP003</code>.*?'
                     r'<del>催</del>', html)


def test_no_findings():
    html = render_report([FileReport("a.txt", "干净的一页。\n", [])], builtin_rules())
    page = Page(html)
    assert page.highlights == [] and page.texts == ["干净的一页。\n"]
    assert "No findings." in html


# -- in a browser ---------------------------------------------------------------------------------


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_browser(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [binary, "--headless=new", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
           f"--user-data-dir={tmp_path / 'profile'}", *args]
    if os.geteuid() == 0:
        cmd.insert(1, "--no-sandbox")  # Chromium will not run as root with its sandbox
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def console_messages(stderr: str, url: str) -> list[str]:
    """Console messages the page produced, as Chromium logs them with --enable-logging=stderr."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line and url in line]


CLICK_AND_FILTER = """<script>
(function () {
  var first = document.querySelector('.text .finding');
  first.click();
  var panel = document.getElementById('panel');
  var box = document.querySelector('input.cat-toggle');
  box.checked = false;
  box.dispatchEvent(new Event('change'));
  var root = document.documentElement;
  root.setAttribute('data-panel-open', panel.hidden ? '0' : '1');
  root.setAttribute('data-panel-items', String(panel.querySelectorAll('.item').length));
  root.setAttribute('data-off', String(document.querySelectorAll('.finding.off').length));
  root.setAttribute('data-off-want', String(document.querySelectorAll(
      '.finding[data-category="' + box.value + '"]').length));
})();
</script></body>"""


def test_in_chromium(seed_reports, seed_html, tmp_path):
    binary = browser()
    if binary is None:
        pytest.skip("no chromium, chromium-browser or google-chrome on PATH (apt-get install chromium)")
    total = sum(len(r.findings) for r in seed_reports)
    report = tmp_path / "report.html"
    report.write_text(seed_html, encoding="utf-8")
    url = report.resolve().as_uri()

    # (a) the DOM after the script ran: one .finding per finding; (b) no console errors
    proc = run_browser(binary, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", url)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = Page(proc.stdout)
    assert len(dom.highlights) == total
    assert 'data-report-ready="1"' in proc.stdout  # the script ran to its end
    assert re.search(r'<html[^>]*class="js"', proc.stdout)
    messages = console_messages(proc.stderr, url)
    bad = [m for m in messages if re.search(r"Uncaught|Error|Refused", m)]
    assert not bad, bad

    # the click panel and the category filter, driven by a test script appended to a copy
    driven = tmp_path / "driven.html"
    driven.write_text(seed_html.replace("</body>", CLICK_AND_FILTER, 1), encoding="utf-8")
    proc = run_browser(binary, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                       driven.resolve().as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert 'data-panel-open="1"' in proc.stdout
    assert re.search(r'data-panel-items="[1-9]', proc.stdout)
    off = re.search(r'data-off="(\d+)"', proc.stdout)
    want = re.search(r'data-off-want="(\d+)"', proc.stdout)
    assert off and want and off.group(1) == want.group(1) != "0"
    assert not console_messages(proc.stderr, driven.resolve().as_uri())
    assert len(Page(proc.stdout).highlights) == total  # the panel's copies are not highlights

    # (c) a screenshot
    png = tmp_path / "report.png"
    proc = run_browser(binary, tmp_path, "--window-size=1280,2000", f"--screenshot={png}", url)
    assert proc.returncode == 0 and png.exists(), proc.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a page of text and colours, not a blank image
    idat = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                    for i in _chunks(data, b"IDAT"))
    assert len(set(zlib.decompress(idat))) > 64  # many distinct byte values: text and colours


def _chunks(data: bytes, kind: bytes):
    """Offsets of the PNG chunks of one kind (each offset points at the chunk's length field)."""
    i = 8
    while i < len(data):
        length = struct.unpack(">I", data[i:i + 4])[0]
        if data[i + 4:i + 8] == kind:
            yield i
        i += 12 + length


def test_report_command_highlights_what_check_json_finds(raw_seeds, tmp_path):
    import json

    from tests.conftest import run

    out = tmp_path / "report.html"
    proc = run("report", str(raw_seeds), "-o", str(out))
    assert proc.returncode == 0 and out.is_file(), proc.stderr
    found = json.loads(run("check", "--format", "json", str(raw_seeds)).stdout)
    assert len(Page(out.read_text(encoding="utf-8")).highlights) == len(found) == 39
    before = {p.name: p.read_bytes() for p in raw_seeds.iterdir()}
    fixed = tmp_path / "fixed.html"
    assert run("report", "--fix", str(raw_seeds), "-o", str(fixed)).returncode == 0
    assert {p.name: p.read_bytes() for p in raw_seeds.iterdir()} == before  # a report never writes pages
    assert "Applied fixes" in fixed.read_text(encoding="utf-8")
    binary = browser()
    if binary is not None:  # the real thing: the DOM Chromium builds holds one highlight per json finding
        proc = run_browser(binary, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", out.resolve().as_uri())
        assert proc.returncode == 0 and len(Page(proc.stdout).highlights) == len(found)
        assert not [m for m in console_messages(proc.stderr, out.resolve().as_uri()) if re.search(r"Uncaught|Error", m)]
