"""Machine-readable output for CI: SARIF 2.1.0 (code scanning), GitHub Actions workflow commands,
JUnit XML and reviewdog's rdjson. Each format is a pure function of the reports (and, for SARIF,
of the rules), returning the whole document as a string.

Positions: newslint's offsets are code-point offsets into the page as it now stands (line ends
normalised to "\\n"). SARIF, GitHub and JUnit get 1-based lines and code-point columns (SARIF
says so in `run.columnKind`); rdjson gets UTF-8 byte columns, as reviewdog expects. End
positions are exclusive (the character after the span) everywhere.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Iterable, Mapping
from urllib.parse import quote

from .version import __version__
from .baseline import content_keys
from .document import Document
from .files import split_record_name
from .finding import Finding, Related, Severity
from .output import FileReport
from .rule import Rule
from .ruledocs import INFORMATION_URI, rule_url

TOOL = "newslint"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "newslintContentKey/v1"

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_RDJSON_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


# -- shared helpers ------------------------------------------------------------------------------


def _slashes(path: str) -> str:
    return path.replace("\\", "/")


def _is_cjk(c: str) -> bool:
    return "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\uffef" or c >= "\U00020000"


def _first_paragraph(doc: str) -> str:
    """The docstring's first paragraph on one line (a summary may wrap: SCR002's does)."""
    para = doc.split("\n\n", 1)[0].strip()
    out = ""
    for line in para.split("\n"):
        line = line.strip()
        if out and line:
            out += "" if _is_cjk(out[-1]) and _is_cjk(line[0]) else " "
        out += line
    return out


# -- SARIF 2.1.0 ---------------------------------------------------------------------------------


def _uri(path: str) -> str:
    """A URI reference for a page path as given: relative paths stay relative, with forward
    slashes; absolute ones become file: URIs. Characters a URI cannot hold are percent-encoded."""
    p = _slashes(path)
    if re.match(r"[A-Za-z]:/", p):  # a Windows drive
        return "file:///" + quote(p, safe="/:")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/")
    return quote(p.removeprefix("./"), safe="/")


def _region(doc: Document, start: int, end: int) -> dict:
    sl, sc = doc.position(start)
    el, ec = doc.position(end)
    return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}


def _sarif_rule(code: str, cls: type[Rule] | None, finding: Finding | None = None) -> dict:
    if cls is not None:
        name, category, severity = cls.name, cls.category, cls.severity
        doc = cls.documentation()
    else:  # a finding from a rule the caller did not pass: describe it from the finding
        assert finding is not None
        name, category, severity, doc = finding.name, finding.category, finding.severity, ""
    short = _first_paragraph(doc) or name
    descriptor = {
        "id": code,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": doc or short},
        "help": {"text": doc or short},
        "defaultConfiguration": {"level": _SARIF_LEVEL[Severity(severity)]},
        "properties": {"tags": [category]},
    }
    url = rule_url(code, name)
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _record_location(shard: str, record: str) -> dict:
    """A record of a shard as a SARIF logical location (the shard is the artifact)."""
    return {"name": record, "fullyQualifiedName": f"{shard}#{record}", "kind": "object"}


def _sarif_related(report: FileReport, n: int, r: Related) -> dict:
    if r.path is None:
        shard, record = report.file, report.record
        line, column = report.document.position(r.offset)
        physical = {"artifactLocation": {"uri": _uri(shard)},
                    "region": {"startLine": line, "startColumn": column}}
    else:
        shard, record = split_record_name(r.path)
        physical = {"artifactLocation": {"uri": _uri(shard)}}
        if r.line is not None:
            region = {"startLine": r.line}
            if r.column is not None:
                region["startColumn"] = r.column
            physical["region"] = region
    out = {"id": n, "physicalLocation": physical, "message": {"text": r.message}}
    if record is not None:
        out["logicalLocations"] = [_record_location(_slashes(shard), record)]
    return out


def _sarif_result(report: FileReport, f: Finding, index: int, key: str) -> dict:
    doc, uri = report.document, _uri(report.file)
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(doc, f.start, f.end)}}
    if report.record is not None:  # a record of a shard: the region is in the record's text
        location["logicalLocations"] = [_record_location(_slashes(report.file), report.record)]
        key = f"{report.record}#{key}"
    result: dict = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: key},
    }
    if f.related:
        result["relatedLocations"] = [_sarif_related(report, n, r) for n, r in enumerate(f.related, 1)]
    if f.fix is not None:
        result["fixes"] = [{
            "description": {"text": f.fix.message},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{"deletedRegion": _region(doc, e.start, e.end),
                                  "insertedContent": {"text": e.content}} for e in f.fix.edits],
            }],
        }]
        result["properties"] = {"fixApplicability": f.fix.applicability.value}
    if report.record is not None:
        result.setdefault("properties", {})["record"] = report.record
    return result


def format_sarif(reports: Iterable[FileReport], rules: Mapping[str, type[Rule]]) -> str:
    """One SARIF run: every rule given (sorted by code) in `tool.driver.rules`, then any rule that
    reported a finding without being given; a result per finding, in the reports' order."""
    reports = list(reports)
    descriptors = [_sarif_rule(code, rules[code]) for code in sorted(rules)]
    index = {code: n for n, code in enumerate(sorted(rules))}
    results = []
    for report in reports:
        for f, key in zip(report.findings, content_keys(report.text, report.findings)):
            if f.rule not in index:
                index[f.rule] = len(descriptors)
                descriptors.append(_sarif_rule(f.rule, None, f))
            results.append(_sarif_result(report, f, index[f.rule], key))
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# -- GitHub Actions workflow commands -----------------------------------------------------------


def escape_data(s: str) -> str:
    """As @actions/core escapes a command's message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """As @actions/core escapes a command's property values."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(reports: Iterable[FileReport]) -> str:
    """One `::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
    line per finding (columns in code points, the end exclusive)."""
    lines = []
    for report in reports:
        doc, path = report.document, _slashes(report.file)
        where = f" in record {report.record}" if report.record is not None else ""
        for f in report.findings:
            line, col = doc.position(f.start)
            end_line, end_col = doc.position(f.end)
            props = [("file", path), ("line", str(line)), ("col", str(col)),
                     ("endLine", str(end_line)), ("endColumn", str(end_col)),
                     ("title", f"{f.rule} {f.name}{where}")]
            joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            lines.append(f"::{_GITHUB_COMMAND[f.severity]} {joined}::{escape_data(f.message)}\n")
    return "".join(lines)


# -- JUnit XML ----------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (even escaped): C0 controls but tab and line ends, surrogates,
# U+FFFE and U+FFFF. They are written as \uXXXX.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(s: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04X}", s)


def _junit_failure_text(report: FileReport, f: Finding) -> str:
    doc = report.document
    line, col = doc.position(f.start)
    end_line, end_col = doc.position(f.end)
    out = [f"{report.path}:{line}:{col}: {f.rule} {f.name} [{f.severity.value}] {f.message}",
           f"category: {f.category}; span: {line}:{col} to {end_line}:{end_col}"]
    if f.fix is not None:
        out.append(f"fix ({f.fix.applicability.value}): {f.fix.message}")
    for r in f.related:
        if r.path is None:
            rl, rc = doc.position(r.offset)
            out.append(f"see {report.path}:{rl}:{rc}: {r.message}")
        else:
            where = ":".join(str(x) for x in (r.path, r.line, r.column) if x is not None)
            out.append(f"see {where}: {r.message}")
    return "\n".join(out) + "\n"


def format_junit(reports: Iterable[FileReport]) -> str:
    """<testsuites> with a <testsuite> per page and a failed <testcase> per finding; a page with
    no findings gets one passing testcase."""
    reports = list(reports)
    total = sum(max(1, len(r.findings)) for r in reports)
    failures = sum(len(r.findings) for r in reports)
    root = ET.Element("testsuites", {"name": TOOL, "tests": str(total), "failures": str(failures),
                                     "errors": "0", "time": "0"})
    for report in reports:
        path = _xml_text(report.path)
        suite = ET.SubElement(root, "testsuite", {
            "name": path, "tests": str(max(1, len(report.findings))),
            "failures": str(len(report.findings)), "errors": "0", "skipped": "0", "time": "0"})
        if not report.findings:
            ET.SubElement(suite, "testcase", {"classname": path, "name": TOOL, "time": "0"})
        for f in report.findings:
            line, col = report.document.position(f.start)
            case = ET.SubElement(suite, "testcase", {
                "classname": path, "name": f"{f.rule} {f.name} {line}:{col}", "time": "0"})
            failure = ET.SubElement(case, "failure", {"message": _xml_text(f.message), "type": f.rule})
            failure.text = _xml_text(_junit_failure_text(report, f))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# -- reviewdog rdjson ----------------------------------------------------------------------------


def _byte_position(doc: Document, offset: int) -> dict:
    """Line (1-based) and column as reviewdog counts it: 1 + the UTF-8 bytes before the offset
    on its line."""
    line, _ = doc.position(offset)
    start = doc.line_starts[line - 1]
    return {"line": line, "column": len(doc.text[start:offset].encode("utf-8", "surrogatepass")) + 1}


def _byte_range(doc: Document, start: int, end: int) -> dict:
    return {"start": _byte_position(doc, start), "end": _byte_position(doc, end)}


def _rdjson_diagnostic(report: FileReport, f: Finding) -> dict:
    doc, path = report.document, _slashes(report.file)
    code = {"value": f.rule}
    url = rule_url(f.rule, f.name)
    if url:
        code["url"] = url
    d: dict = {"message": f.message if report.record is None else f"{f.message} (record {report.record})",
               "location": {"path": path, "range": _byte_range(doc, f.start, f.end)},
               "severity": _RDJSON_SEVERITY[f.severity], "code": code}
    if f.fix is not None and f.fix.edits:
        # One suggestion per fix: its edits merged into one replacement of the text they span
        # (reviewdog takes several suggestions as alternatives, not as parts of one change).
        edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
        text, at = "", edits[0].start
        for e in edits:
            text += doc.text[at:e.start] + e.content
            at = max(at, e.end)
        d["suggestions"] = [{"range": _byte_range(doc, edits[0].start, at), "text": text}]
    related = []
    for r in f.related:
        if r.path is None:
            loc = {"path": path, "range": {"start": _byte_position(doc, r.offset)}}
        else:  # another page: its line is known, not its text, so no byte column
            loc = {"path": _slashes(r.path)}
            if r.line is not None:
                loc["range"] = {"start": {"line": r.line}}
        related.append({"message": r.message, "location": loc})
    if related:
        d["related_locations"] = related
    return d


def format_rdjson(reports: Iterable[FileReport]) -> str:
    """reviewdog's Diagnostic result JSON (`reviewdog -f=rdjson`): columns are 1-based UTF-8
    byte columns, ends exclusive; fixes become suggestions. The top-level severity is only the
    default for diagnostics without one (every diagnostic here has its own)."""
    result = {"source": {"name": TOOL, "url": INFORMATION_URI}, "severity": "WARNING",
              "diagnostics": [_rdjson_diagnostic(r, f) for r in reports for f in r.findings]}
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
