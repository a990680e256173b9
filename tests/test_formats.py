"""Machine-readable formats (lint/formats.py) checked against their published schemas, offline:
SARIF 2.1.0 (OASIS JSON schema), JUnit (Jenkins xunit junit-10.xsd), reviewdog rdjson (a JSON
schema of the rdf proto); see tests/data/README.md for where each schema comes from."""
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

import lint
from lint.baseline import content_keys
from lint.config import load_config
from lint.engine import Linter
from lint.finding import Applicability, Edit, Finding, Fix, Related, Severity
from lint.formats import format_github, format_junit, format_rdjson, format_sarif
from lint.output import FileReport
from lint.registry import builtin_rules
from tests.conftest import SEED_000, SEED_002, raw_text

DATA = Path(__file__).resolve().parent / "data"
WARNING_PAGE = "标题\n\n围绕产业转型升级，推动高质量发 展，着眼全局抓重点。\n"  # SPC007 on the space


def _json_validator(name: str):
    schema = json.loads((DATA / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.fixture(scope="module")
def linter():
    config = load_config(None)
    return Linter(config.rules_for(None), config.layout)


@pytest.fixture(scope="module")
def reports(linter):
    """The two raw seed pages as linted, and a page with no findings (in a folder)."""
    out = []
    for name in (SEED_000, SEED_002):
        text = raw_text(name)
        out.append(FileReport(f"seeds/{name}", text, linter.check(text, name).findings))
    out.append(FileReport("pages\\clean.txt", "标题\n\n正文写得很好。\n", []))
    assert all(r.findings for r in out[:2])
    return out


@pytest.fixture(scope="module")
def warning_page(linter):
    findings = linter.check(WARNING_PAGE, "page.txt").findings
    assert [f.rule for f in findings] == ["SPC007"] and WARNING_PAGE[findings[0].start] == " "
    return FileReport("page.txt", WARNING_PAGE, findings)


def finding(start: int, end: int, message: str = "msg", severity=Severity.WARNING, **kw) -> Finding:
    return Finding("SPC007", "space-between-han", "spacing", severity, message, start, end, **kw)


def all_findings(reports):
    return [f for r in reports for f in r.findings]


# -- SARIF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    return _json_validator("sarif-schema-2.1.0.json")


def test_sarif_validates_and_counts(reports, sarif_validator):
    log = json.loads(format_sarif(reports, builtin_rules()))
    sarif_validator.validate(log)
    assert log["version"] == "2.1.0"
    run, = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"] == lint.__version__
    assert driver["informationUri"].startswith("https://")
    assert len(run["results"]) == len(all_findings(reports)) == 33
    # the schema is no rubber stamp: a result without its message is rejected
    broken = json.loads(json.dumps(log))
    del broken["runs"][0]["results"][0]["message"]
    assert not sarif_validator.is_valid(broken)


def test_sarif_rules_levels_and_rule_index(reports):
    rules = builtin_rules()
    run = json.loads(format_sarif(reports, rules))["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == sorted(rules)
    by_id = {d["id"]: d for d in descriptors}
    for code, cls in rules.items():
        d = by_id[code]
        assert d["name"] == cls.name and d["properties"]["tags"] == [cls.category]
        assert d["fullDescription"]["text"] == d["help"]["text"] == cls.documentation()
        assert d["shortDescription"]["text"].startswith(cls.summary().rstrip(","))
        assert d["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning",
                                                      "info": "note"}[cls.severity.value]
    assert by_id["TYP002"]["defaultConfiguration"]["level"] == "error"
    assert by_id["SPC002"]["defaultConfiguration"]["level"] == "note"
    for result, f in zip(run["results"], all_findings(reports)):
        assert result["ruleId"] == f.rule == descriptors[result["ruleIndex"]]["id"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity.value]
        assert result["message"]["text"] == f.message


def test_sarif_rules_not_given_are_appended(reports, sarif_validator):
    rules = {code: cls for code, cls in builtin_rules().items() if code == "PUN001"}
    log = json.loads(format_sarif(reports, rules))
    sarif_validator.validate(log)
    run = log["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert descriptors[0]["id"] == "PUN001"
    assert len(descriptors) == len({f.rule for f in all_findings(reports)} | {"PUN001"})
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_locations_fingerprints_fixes_related(reports):
    run = json.loads(format_sarif(reports, builtin_rules()))["runs"][0]
    results = iter(run["results"])
    for report in reports:
        keys = content_keys(report.text, report.findings)
        for f, key in zip(report.findings, keys):
            result = next(results)
            assert result["partialFingerprints"] == {"newslintContentKey/v1": key}
            loc, = result["locations"]
            assert loc["physicalLocation"]["artifactLocation"]["uri"] == report.path
            sl, sc = report.document.position(f.start)
            el, ec = report.document.position(f.end)
            assert loc["physicalLocation"]["region"] == {"startLine": sl, "startColumn": sc,
                                                         "endLine": el, "endColumn": ec}
            if f.fix is None:
                assert "fixes" not in result
            else:
                fix, = result["fixes"]
                assert fix["description"]["text"] == f.fix.message
                change, = fix["artifactChanges"]
                assert change["artifactLocation"]["uri"] == report.path
                for rep, edit in zip(change["replacements"], f.fix.edits, strict=True):
                    el, ec = report.document.position(edit.end)
                    assert rep["deletedRegion"]["endLine"] == el and rep["deletedRegion"]["endColumn"] == ec
                    assert rep["insertedContent"]["text"] == edit.content
            assert len(result.get("relatedLocations", [])) == len(f.related)
            for rel, r in zip(result.get("relatedLocations", []), f.related):
                line, column = report.document.position(r.offset)
                assert rel["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
                assert rel["message"]["text"] == r.message
    assert next(results, None) is None
    assert sum("relatedLocations" in r for r in run["results"]) == 2  # the two DUP001 copies


def test_sarif_code_point_columns_and_paths(warning_page, sarif_validator):
    other = FileReport("pages\\第1版.txt", "中文\n", [finding(
        0, 1, related=(Related(5, "the other spelling", path="pages/第2版.txt", line=3, column=4),))])
    log = json.loads(format_sarif([warning_page, other], builtin_rules()))
    sarif_validator.validate(log)
    first, second = log["runs"][0]["results"]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 16, 17)
    uri = second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "pages/%E7%AC%AC1%E7%89%88.txt"  # forward slashes, percent-encoded UTF-8
    rel = second["relatedLocations"][0]["physicalLocation"]
    assert rel["region"] == {"startLine": 3, "startColumn": 4}
    assert rel["artifactLocation"]["uri"] == "pages/%E7%AC%AC2%E7%89%88.txt"


# -- GitHub Actions -----------------------------------------------------------------------------

_COMMAND = re.compile(r"::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),"
                      r"endColumn=(\d+),title=([A-Z]{3}\d{3} [a-z-]+)::(.+)")


def test_github_one_command_per_finding(reports):
    out = format_github(reports)
    lines = out.splitlines()
    findings = all_findings(reports)
    assert len(lines) == len(findings) and out.endswith("\n")
    for line, f, path in zip(lines, findings, [r.path for r in reports for _ in r.findings]):
        m = _COMMAND.fullmatch(line)
        assert m, line
        kind, file, *_, title, message = m.groups()
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
        assert file == path and title == f"{f.rule} {f.name}"
    assert sum(line.startswith("::notice ") for line in lines) == sum(
        f.severity is Severity.INFO for f in findings) > 0


def test_github_positions_and_escaping():
    text = "第一行\n标题：中文\n"
    report = FileReport("dir,1/a:b.txt", text, [
        finding(5, 7, "50% done\nnext line\r", Severity.ERROR),
        finding(8, 9, "a: b, c", Severity.INFO)])
    assert format_github([report]) == (
        "::error file=dir%2C1/a%3Ab.txt,line=2,col=2,endLine=2,endColumn=4,"
        "title=SPC007 space-between-han::50%25 done%0Anext line%0D\n"
        "::notice file=dir%2C1/a%3Ab.txt,line=2,col=5,endLine=2,endColumn=6,"
        "title=SPC007 space-between-han::a: b, c\n")
    assert format_github([FileReport("x.txt", "", [])]) == ""


# -- JUnit --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def junit_schema():
    return xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))


def test_junit_validates_and_counts(reports, junit_schema):
    out = format_junit(reports)
    junit_schema.validate(out)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in reports]
    findings = all_findings(reports)
    assert len(root.findall(".//failure")) == len(findings) == int(root.get("failures"))
    assert int(root.get("tests")) == len(findings) + 1  # the clean page's passing testcase
    for suite, report in zip(suites, reports):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) == max(1, len(report.findings))
        assert int(suite.get("failures")) == len(suite.findall(".//failure")) == len(report.findings)
        for case, f in zip(cases, report.findings):
            line, col = report.document.position(f.start)
            assert case.get("classname") == report.path
            assert case.get("name") == f"{f.rule} {f.name} {line}:{col}"
            failure = case.find("failure")
            assert failure.get("type") == f.rule and failure.get("message") == f.message
            assert f"{report.path}:{line}:{col}: {f.rule}" in failure.text and f.message in failure.text
    clean, = suites[-1].findall("testcase")
    assert clean.find("failure") is None
    # the schema is no rubber stamp: a testsuite without its counts is rejected
    del suites[0].attrib["tests"]
    assert not junit_schema.is_valid(ET.tostring(root, encoding="unicode"))


def test_junit_escapes_markup_and_drops_what_xml_cannot_hold(junit_schema):
    report = FileReport("a&b<c>.txt", "正文\n", [finding(0, 1, 'quote " & <tag> \x0c\ufeff end')])
    out = format_junit([report])
    junit_schema.validate(out)
    failure = ET.fromstring(out).find(".//failure")
    assert failure.get("message") == 'quote " & <tag> \\u000C\ufeff end'
    assert ET.fromstring(out).find("testsuite").get("name") == "a&b<c>.txt"


# -- reviewdog rdjson ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rdjson_validator():
    return _json_validator("rdformat-schema.json")


def test_rdjson_validates_and_counts(reports, rdjson_validator):
    result = json.loads(format_rdjson(reports))
    rdjson_validator.validate(result)
    assert result["source"]["name"] == "newslint"
    findings = all_findings(reports)
    assert len(result["diagnostics"]) == len(findings)
    for d, f in zip(result["diagnostics"], findings):
        assert d["code"]["value"] == f.rule and d["message"] == f.message
        assert d["severity"] == f.severity.name
        assert ("suggestions" in d) == (f.fix is not None)
    assert {d["location"]["path"] for d in result["diagnostics"]} == {r.path for r in reports[:2]}
    broken = json.loads(json.dumps(result))
    broken["diagnostics"][0]["severity"] = "warning"  # the proto's enum names only
    assert not rdjson_validator.is_valid(broken)


def test_rdjson_columns_are_utf8_bytes(warning_page, rdjson_validator):
    # the 3rd Han character of a line: two 3-byte characters before it, so byte column 7
    third = FileReport("han.txt", "abc\n中文字很好\n", [finding(6, 7)])
    d, = json.loads(format_rdjson([third]))["diagnostics"]
    assert d["location"]["range"] == {"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 10}}

    result = json.loads(format_rdjson([warning_page]))
    rdjson_validator.validate(result)
    d, = result["diagnostics"]
    # the space at code-point column 16 of line 3 follows 15 Han characters and commas (3 bytes each)
    assert warning_page.document.position(warning_page.findings[0].start) == (3, 16)
    assert d["location"]["range"] == {"start": {"line": 3, "column": 46}, "end": {"line": 3, "column": 47}}
    assert d["suggestions"] == [{"range": d["location"]["range"], "text": ""}]
    assert d["code"]["url"].endswith("docs/rules.md#spc007-space-between-han")


def test_rdjson_ascii_and_astral_columns_and_merged_suggestion():
    text = "ab𠀋cd\nxyz\n"  # 𠀋 is outside the BMP: 4 UTF-8 bytes, one code point
    fix = Fix((Edit(0, 1, "A"), Edit(3, 4, "C")), Applicability.UNSAFE, "two edits")
    report = FileReport("x.txt", text, [finding(3, 5, fix=fix, related=(Related(6, "here"),))])
    d, = json.loads(format_rdjson([report]))["diagnostics"]
    assert d["location"]["range"] == {"start": {"line": 1, "column": 7}, "end": {"line": 1, "column": 9}}
    # both edits in one replacement of the text they span: "ab𠀋c" becomes "Ab𠀋C"
    assert d["suggestions"] == [{"range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 8}},
                                 "text": "Ab𠀋C"}]
    assert d["related_locations"] == [{"message": "here", "location": {
        "path": "x.txt", "range": {"start": {"line": 2, "column": 1}}}}]


def test_check_command_writes_each_format(raw_seeds, sarif_validator, junit_schema):
    from tests.conftest import run

    found = json.loads(run("check", "--format", "json", str(raw_seeds)).stdout)
    sarif = run("check", "--format", "sarif", str(raw_seeds))
    assert sarif.returncode == 1  # the exit code still says findings are left
    log = json.loads(sarif.stdout)
    sarif_validator.validate(log)
    assert len(log["runs"][0]["results"]) == len(found) == 39
    github = run("check", "--format", "github", str(raw_seeds)).stdout.splitlines()
    assert len(github) == 39 and all(line.startswith(("::warning ", "::notice ", "::error ")) for line in github)
    junit = run("check", "--format", "junit", str(raw_seeds)).stdout
    junit_schema.validate(junit)
    assert ET.fromstring(junit).get("failures") == "39"
    assert len(json.loads(run("check", "--format", "rdjson", str(raw_seeds)).stdout)["diagnostics"]) == 39


def test_a_slim_report_sums_up_and_pickles_as_the_full_one(linter):
    """Printed pages are kept slim (no text, findings as severity and fix kind): the summary
    line reads the same, and the slim form crosses from a worker to the parent."""
    import pickle

    from lint.output import summary_line

    text = raw_text(SEED_000)
    fixed = linter.fix(text, unsafe=True)
    full = FileReport("seeds/000.txt", fixed.text, fixed.findings, fixed.fixed)
    slim = pickle.loads(pickle.dumps(full.slim()))
    assert slim.text == "" and len(slim.findings) == len(full.findings) > 0 and len(slim.fixed) == len(full.fixed) > 0
    assert {f.severity for f in slim.findings} == {f.severity for f in full.findings}
    plain = FileReport("seeds/000.txt", text, linter.check(text).findings)
    for fixing in (False, True):
        for unsafe in (False, True):
            assert summary_line([full.slim(), plain.slim()], fixing, unsafe) == \
                summary_line([full, plain], fixing, unsafe)


# -- json, page by page ---------------------------------------------------------------------------


def _all_at_once(reports) -> str:
    from lint.output import finding_to_dict

    items = [finding_to_dict(r.file, r.document, f, r.record) for r in reports for f in r.findings]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_json_written_page_by_page_is_the_whole_array_s_text(reports):
    from lint.output import JsonStream, format_json, json_items

    tricky = FileReport("页\t\"引号\".txt", "第一行\n第二行\n", [
        finding(0, 1, "a message with \"quotes\", a back\\slash and a line\nend",
                fix=Fix((Edit(1, 3, "\n\t\u3000"),), Applicability.SAFE, "join"),
                related=(Related(2, "same text", "其他.txt", 1, 3),)),
        finding(4, 5, "二")], record=None)
    for pages in ([], reports[2:], reports, [reports[2], tricky, reports[2], reports[0]]):
        stream = JsonStream()
        streamed = "".join([*(stream.add(json_items(r)) for r in pages), stream.close()])
        assert streamed == _all_at_once(pages) == format_json(pages)
    assert format_json([]) == "[]\n"


@pytest.mark.parametrize("how", ["json", "jsonl"])
def test_a_page_by_page_run_formats_json_where_the_page_is_checked(tmp_path, how):
    from lint.config import ConfigResolver
    from lint.runner import RunOptions, check_pages

    page = tmp_path / "page.txt"
    page.write_text(WARNING_PAGE, encoding="utf-8")
    options = RunOptions(jobs=1, cache=False, stream=True, stream_format=how)
    (out,) = check_pages([page], ConfigResolver(None, {}), options)
    assert out.report.text == ""  # slimmed: no page text kept for the end of the run
    whole = FileReport(str(page), WARNING_PAGE, _linter_findings(WARNING_PAGE, str(page)))
    assert whole.findings
    if how == "json":  # the items as the whole array holds them, between its "[\n" and "\n]\n"
        assert out.printed == _all_at_once([whole])[2:-3]
    else:
        assert out.printed == "".join(json.dumps(item, ensure_ascii=False) + "\n"
                                      for item in json.loads(_all_at_once([whole])))


def _linter_findings(text: str, name: str):
    config = load_config(None)
    return Linter(config.rules_for(None), config.layout).check(text, name).findings
