"""The house-rule kinds after Vale's checks (existence, occurrence, repetition, consistency,
conditional): what each flags and leaves alone, its fixes, scope, and the errors a definition can
make. The worked examples of docs/configuration.md run here too: each example's configuration
and page give exactly the output the document shows, so the document cannot drift from the
product."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from lint import check_text, fix_text
from lint.config import load_config
from lint.finding import Applicability, FixAvailability
from lint.rule import ConfigError
from tests.conftest import ROOT, run

DOC = ROOT / "docs" / "configuration.md"
NEW_KINDS = ("existence", "occurrence", "repetition", "consistency", "conditional")


def config(tmp_path: Path, rules: str):
    """A config with the custom rules given (YAML list items) and only them selected."""
    path = tmp_path / ".newslint.yaml"
    path.write_text("select: [HSE]\ncustom-rules:\n" + rules, encoding="utf-8")
    return load_config(path)


def found(text: str, cfg) -> list[tuple[str, str, str]]:
    """(rule, the text marked, message) of each finding."""
    return [(f.rule, text[f.start:f.end], f.message) for f in check_text(text, cfg)]


# -- the worked examples in docs/configuration.md ---------------------------------------------------


def doc_examples(doc: str) -> dict[str, dict]:
    """The worked examples of the "House rules in YAML" section, by the heading they sit under:
    the YAML block (the configuration), the text block (page.txt) and the console block (each
    `$ newslint ...` line and the output that follows it)."""
    start = doc.index("## House rules in YAML")
    end = doc.find("\n## ", start + 1)
    section = doc[start:end if end > 0 else None]
    examples = {}
    for part in re.split(r"^### ", section, flags=re.M)[1:]:
        heading = part.splitlines()[0].strip().strip("`")
        blocks = re.findall(r"^```(\w+)\n(.*?)^```$", part, flags=re.M | re.S)
        consoles = [body for lang, body in blocks if lang == "console"]
        if not consoles:
            continue
        yamls = [body for lang, body in blocks if lang == "yaml"]
        pages = [body for lang, body in blocks if lang == "text"]
        assert len(yamls) == len(pages) == len(consoles) == 1, f"{heading}: one yaml, text and console block"
        commands: list[tuple[list[str], list[str]]] = []
        for line in consoles[0].splitlines():
            if line.startswith("$ "):
                commands.append((shlex.split(line[2:]), []))
            else:
                assert commands, f"{heading}: the console block must start with a command"
                commands[-1][1].append(line)
        examples[heading] = {"config": yamls[0], "page": pages[0], "commands": commands}
    return examples


EXAMPLES = doc_examples(DOC.read_text(encoding="utf-8"))


def test_every_new_kind_has_a_worked_example():
    assert set(NEW_KINDS) <= set(EXAMPLES), f"examples for {sorted(EXAMPLES)}"


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_documented_example_gives_the_output_shown(kind, tmp_path):
    example = EXAMPLES[kind]
    (tmp_path / ".newslint.yaml").write_text(example["config"], encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(example["page"], encoding="utf-8")
    for args, expected in example["commands"]:
        assert args[0] == "newslint", args
        proc = run(*args[1:], "--no-cache", cwd=tmp_path)
        assert proc.returncode in (0, 1), proc.stderr
        shown = [line.rstrip() for line in proc.stdout.rstrip("\n").splitlines()]
        assert shown == [line.rstrip() for line in expected], (
            f"docs/configuration.md, {kind}: `{shlex.join(args)}` prints\n{proc.stdout}")
    assert page.read_text(encoding="utf-8") == example["page"]  # the commands shown write nothing


def test_the_doc_example_parser():
    doc = ("## House rules in YAML\n\n### `demo`\n\n```yaml\na: 1\n```\n\n```text\n甲乙\n```\n\n"
           "```console\n$ newslint check --select HSE1 'page.txt'\nout 1\n\nout 2\n$ newslint rule X\n```\n\n"
           "### no example\n\n```yaml\nb: 2\n```\n\n## Next\n\n### `other`\n```console\n$ x\n```\n")
    assert doc_examples(doc) == {"demo": {"config": "a: 1\n", "page": "甲乙\n", "commands": [
        (["newslint", "check", "--select", "HSE1", "page.txt"], ["out 1", "", "out 2"]),
        (["newslint", "rule", "X"], [])]}}


# -- existence ------------------------------------------------------------------------------------

EXISTENCE = """\
  - code: HSE101
    name: stock-phrases
    kind: existence
    tokens: [众所周知, 不言而喻]
    exceptions: [众所周知的事实]
"""


def test_existence_flags_each_appearance_of_a_token(tmp_path):
    cfg = config(tmp_path, EXISTENCE)
    assert found("　　众所周知，道理不言而喻；众所周知。\n", cfg) == [
        ("HSE101", "众所周知", "'众所周知' should not appear"),
        ("HSE101", "不言而喻", "'不言而喻' should not appear"),
        ("HSE101", "众所周知", "'众所周知' should not appear")]
    assert found("　　这是众所周知的事实。\n", cfg) == []  # inside an exception
    assert found("　　大家都知道。\n", cfg) == []


def test_existence_raw_tokens_and_ignore_case(tmp_path):
    cfg = config(tmp_path, """\
  - {code: HSE101, name: vague-source, kind: existence, tokens: ['据\\p{Han}{0,6}悉'], raw: true,
     message: "'{match}': say who"}
  - {code: HSE102, name: no-ngo, kind: existence, tokens: [ngo], ignore-case: true}
""")
    assert found("　　据有关部门获悉，一家NGO说。\n", cfg) == [
        ("HSE101", "据有关部门获悉", "'据有关部门获悉': say who"),
        ("HSE102", "NGO", "'NGO' should not appear")]


def test_existence_has_no_fix(tmp_path):
    cfg = config(tmp_path, EXISTENCE)
    rule = cfg.catalogue["HSE101"]
    assert rule.fix_availability is FixAvailability.NONE and rule.fix_summary() == "none"
    assert all(f.fix is None for f in check_text("众所周知。\n", cfg))


# -- occurrence -----------------------------------------------------------------------------------


def test_occurrence_max_per_page_marks_the_first_appearance_past_the_limit(tmp_path):
    cfg = config(tmp_path, "  - {code: HSE102, name: jinyibu, kind: occurrence, token: 进一步, max: 2}\n")
    text = "　　进一步压实责任。\n　　进一步完善机制，进一步提升服务，进一步加强监督。\n"
    [(f)] = check_text(text, cfg)
    assert f.start == text.index("进一步", text.index("提升") - 4) and text[f.start:f.end] == "进一步"
    assert f.message == "4× '进一步' (at most 2 a page)"
    assert found("　　进一步压实责任，进一步完善机制。\n", cfg) == []


def test_occurrence_per_paragraph_counts_each_paragraph_alone(tmp_path):
    cfg = config(tmp_path, "  - {code: HSE102, name: jinyibu, kind: occurrence, token: 进一步, max: 1, "
                           "per: paragraph}\n")
    assert found("　　进一步压实责任。\n　　进一步完善机制。\n", cfg) == []
    assert [m for _, _, m in found("　　进一步压实，进一步完善。\n　　进一步加强。\n", cfg)] == [
        "2× '进一步' (at most 1 a paragraph)"]


def test_occurrence_min_sits_on_the_scope_start(tmp_path):
    cfg = config(tmp_path, "  - {code: HSE102, name: source-named, kind: occurrence, token: 记者, min: 1, "
                           "scope: body}\n")
    text = "标题\n\n　　会议召开。\n　　会议结束。\n"
    [(f)] = check_text(text, cfg)
    assert (f.start, f.end) == (text.index("会议召开"), text.index("\n", text.index("会议召开")))
    assert f.message == "0× '记者' (at least 1 a page)"
    assert found("标题\n\n　　本报记者报道。\n", cfg) == []
    assert found("标题\n", cfg) == []  # no body: nothing to count


def test_occurrence_min_and_max_together_and_raw(tmp_path):
    cfg = config(tmp_path, "  - {code: HSE102, name: one-dateline, kind: occurrence, token: '\\d+月\\d+日电', "
                           "raw: true, min: 1, max: 1, message: '{count} datelines (limit {limit})'}\n")
    assert found("　　新华社北京5月1日电 消息。\n", cfg) == []
    assert [m for _, _, m in found("　　消息。\n", cfg)] == ["0 datelines (limit 1)"]
    assert found("　　5月1日电 甲。5月2日电 乙。\n", cfg) == [("HSE102", "5月2日电", "2 datelines (limit 1)")]


# -- repetition -----------------------------------------------------------------------------------

REPETITION = """\
  - code: HSE103
    name: doubled-words
    kind: repetition
    tokens: [的, 推动, 进一步]
    exceptions: [目的的]
"""


def test_repetition_flags_a_run_and_keeps_one(tmp_path):
    cfg = config(tmp_path, REPETITION)
    text = "　　要推动推动推动发展，的的确确，达到目的的。\n"
    assert found(text, cfg) == [("HSE103", "推动推动推动", "'推动' is repeated: '推动推动推动'"),
                                ("HSE103", "的的", "'的' is repeated: '的的'")]
    [first, _] = check_text(text, cfg)
    assert first.fix.applicability is Applicability.UNSAFE
    assert fix_text(text, cfg) == text  # unsafe: not without the flag
    assert fix_text(text, cfg, unsafe=True) == "　　要推动发展，的确确，达到目的的。\n"


def test_repetition_leaves_alone_what_is_not_doubled(tmp_path):
    cfg = config(tmp_path, REPETITION)
    assert found("　　推动发展，进一步推动改革，达到目的的手段。\n", cfg) == []
    assert found("　　推动\n推动改革。\n", cfg) == []  # the repeats must touch


def test_repetition_raw_token_and_fix_choice(tmp_path):
    cfg = config(tmp_path, "  - {code: HSE103, name: doubled, kind: repetition, tokens: ['\\p{Han}{2}'], "
                           "raw: true, fix: safe, message: '{token} ×{count}'}\n")
    assert found("　　推动推动发展，推动发展。\n", cfg) == [("HSE103", "推动推动", "推动 ×2")]
    assert fix_text("　　推动推动发展。\n", cfg) == "　　推动发展。\n"
    none = config(tmp_path, "  - {code: HSE103, name: doubled, kind: repetition, tokens: [推动], fix: none}\n")
    assert none.catalogue["HSE103"].fix_summary() == "none"
    assert all(f.fix is None for f in check_text("推动推动。\n", none))


# -- consistency ----------------------------------------------------------------------------------

CONSISTENCY = """\
  - code: HSE104
    name: shenfen
    kind: consistency
    either: {身份: 身分}
"""


def test_consistency_flags_the_rarer_spelling(tmp_path):
    cfg = config(tmp_path, CONSISTENCY)
    text = "　　身分证、身份证和身份信息。\n"
    [f] = check_text(text, cfg)
    assert text[f.start:f.end] == "身分" and f.message == "'身分' (1) and '身份' (2) on one page: use '身份'"
    assert [r.offset for r in f.related] == [text.index("身份")]
    assert fix_text(text, cfg, unsafe=True) == "　　身份证、身份证和身份信息。\n"
    assert fix_text(text, cfg) == text


def test_consistency_tie_flags_the_later_and_one_spelling_is_fine(tmp_path):
    cfg = config(tmp_path, CONSISTENCY)
    assert found("　　身份证和身分证。\n", cfg)[0][1] == "身分"
    assert found("　　身分证和身份证。\n", cfg)[0][1] == "身份"
    assert found("　　身份证和身份信息。\n", cfg) == []
    assert found("　　身分证和身分信息。\n", cfg) == []


def test_consistency_quotes_and_years(tmp_path):
    cfg = config(tmp_path, """\
  - code: HSE104
    name: house-style
    kind: consistency
    raw: true
    either:
      '〇(?=[〇零一二三四五六七八九]*年)': '零(?=[〇零一二三四五六七八九]*年)'
      '「': '“'
      '」': '”'
""")
    text = "　　二〇一九年、二〇二〇年和二零二一年，气温零下。「好」“好”“对”\n"
    assert [(m, x) for _, m, x in found(text, cfg)] == [
        ("零", "'零' (1) and '〇' (3) on one page: use '〇'"),
        ("「", "'「' (1) and '“' (2) on one page: use '“'"),
        ("」", "'」' (1) and '”' (2) on one page: use '”'")]
    assert fix_text(text, cfg, unsafe=True) == "　　二〇一九年、二〇二〇年和二〇二一年，气温零下。“好”“好”“对”\n"


def test_consistency_raw_fix_only_when_the_kept_spelling_is_one_text(tmp_path):
    cfg = config(tmp_path, "  - {code: HSE104, name: ids, kind: consistency, raw: true, "
                           "either: {'身份证?': '身分证?'}}\n")
    assert cfg.catalogue["HSE104"].fix_availability is FixAvailability.SOMETIMES
    [f] = check_text("　　身份证、身份和身分。\n", cfg)
    # the spelling kept is written 身份证 and 身份: no one text to write
    assert f.fix is None and f.message == "'身分' (1) and '身份证' (2) on one page: use '身份证'"


# -- conditional ----------------------------------------------------------------------------------

CONDITIONAL = """\
  - code: HSE105
    name: who-spelled-out
    kind: conditional
    first: 世卫组织
    second: 世界卫生组织
"""


def test_conditional_flags_the_first_use_before_the_full_form(tmp_path):
    cfg = config(tmp_path, CONDITIONAL)
    text = "　　世卫组织说，世卫组织认为，世界卫生组织建议。\n"
    assert found(text, cfg) == [("HSE105", "世卫组织", "'世卫组织' before its full form '世界卫生组织' on this page")]
    assert check_text(text, cfg)[0].start == 2
    assert found("　　世界卫生组织建议，世卫组织认为。\n", cfg) == []
    assert found("　　世界卫生组织（世卫组织）建议。\n", cfg) == []
    assert found("　　卫生部门建议。\n", cfg) == []


def test_conditional_npc_with_full_forms_and_exceptions(tmp_path):
    cfg = config(tmp_path, """\
  - code: HSE105
    name: npc-spelled-out
    kind: conditional
    first: 人大
    second: [全国人民代表大会, 人民代表大会]
    exceptions: [中国人民大学]
""")
    assert [t for _, t, _ in found("　　全国人大常委会会议闭幕。\n", cfg)] == ["人大"]
    assert found("　　十四届全国人民代表大会一次会议后，全国人大常委会开会。\n", cfg) == []
    assert found("　　省人民代表大会闭幕，省人大常委会……\n", cfg) == []
    assert found("　　中国人民大学举办论坛。\n", cfg) == []  # 人大 here is no abbreviation


def test_conditional_raw_groups_name_the_abbreviation(tmp_path):
    cfg = config(tmp_path, r"""
  - code: HSE105
    name: acronyms
    kind: conditional
    raw: true
    first: '\b([A-Z]{3,5})\b'
    second: '（([A-Z]{3,5})）'
    exceptions: [GDP]
""")
    text = "　　世界卫生组织（WHO）说，WHO和UNDP及GDP，UNDP。\n"
    assert found(text, cfg) == [("HSE105", "UNDP", "'UNDP' before its full form '（([A-Z]{3,5})）' on this page")]


def test_conditional_scope_reads_only_those_paragraphs(tmp_path):
    cfg = config(tmp_path, CONDITIONAL + "    scope: [body]\n")
    text = "世卫组织发布报告\n\n　　世界卫生组织20日说，世卫组织认为。\n"
    assert found(text, cfg) == []
    headline_defines = "世界卫生组织发布报告\n\n　　世卫组织20日说。\n"
    assert [t for _, t, _ in found(headline_defines, cfg)] == ["世卫组织"]


# -- common to the kinds: scope, selection, output, time limits -----------------------------------


def test_scope_limits_every_kind(tmp_path):
    cfg = config(tmp_path, """\
  - {code: HSE101, name: a, kind: existence, tokens: [众所周知], scope: headline}
  - {code: HSE102, name: b, kind: occurrence, token: 进一步, max: 0, scope: [headline]}
  - {code: HSE103, name: c, kind: repetition, tokens: [推动], scope: [headline]}
  - {code: HSE104, name: d, kind: consistency, either: {身份: 身分}, scope: [headline]}
""")
    body = "　　众所周知，进一步推动推动身份和身分。\n"
    assert found("标题\n\n" + body, cfg) == []
    assert sorted(r for r, _, _ in found("众所周知进一步推动推动身份身分\n\n" + body, cfg)) == [
        "HSE101", "HSE102", "HSE103", "HSE104"]


def test_runaway_token_is_stopped_by_the_time_limit(tmp_path):
    from lint.engine import Linter
    cfg = config(tmp_path, "  - {code: HSE101, name: slow, kind: existence, tokens: ['(a|aa)+$'], raw: true, "
                           "timeout: 0.2}\n")
    result = Linter(cfg.rules_for(None), cfg.layout).check(("a" * 24 + "!") * 40)
    assert [f.rule for f in result.failures] == ["HSE101"]
    assert "time limit of 0.2 s" in result.failures[0].message


ALL_KINDS = """\
  - {code: HSE101, name: stock-phrases, kind: existence, tokens: [众所周知]}
  - {code: HSE102, name: jinyibu, kind: occurrence, token: 进一步, max: 1}
  - {code: HSE103, name: doubled-words, kind: repetition, tokens: [推动]}
  - {code: HSE104, name: shenfen, kind: consistency, either: {身份: 身分}}
  - {code: HSE105, name: who-spelled-out, kind: conditional, first: 世卫组织, second: 世界卫生组织,
     description: 世卫组织 only after 世界卫生组织, severity: error}
"""
ALL_PAGE = "　　众所周知，进一步推动推动，进一步。身份证和身份及身分。世卫组织说。\n"


def test_cli_select_ignore_and_json(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("custom-rules:\n" + ALL_KINDS, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(ALL_PAGE, encoding="utf-8")
    proc = run("check", "--select", "HSE", "--format", "json", "--no-cache", "page.txt", cwd=tmp_path)
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)
    assert sorted(f["rule"] for f in findings) == ["HSE101", "HSE102", "HSE103", "HSE104", "HSE105"]
    assert [f["fix"]["applicability"] for f in findings if f["rule"] == "HSE103"] == ["unsafe"]
    proc = run("check", "--select", "HSE", "--ignore", "doubled-words,HSE105", "--no-cache", "page.txt", cwd=tmp_path)
    assert "HSE103" not in proc.stdout and "HSE105" not in proc.stdout and "HSE104" in proc.stdout
    proc = run("check", "--select", "HSE104", "--format", "sarif", "--no-cache", "page.txt", cwd=tmp_path)
    sarif = json.loads(proc.stdout)
    [descriptor] = [r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "HSE104"]
    assert descriptor["id"] == "HSE104" and "身份 or 身分" in descriptor["fullDescription"]["text"]
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "HSE104" and result.get("relatedLocations")


def test_cli_fix_with_unsafe_fixes(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("custom-rules:\n" + ALL_KINDS, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(ALL_PAGE, encoding="utf-8")
    run("check", "--select", "HSE", "--fix", "--no-cache", "page.txt", cwd=tmp_path)
    assert page.read_text(encoding="utf-8") == ALL_PAGE  # every fix of these kinds is unsafe
    proc = run("check", "--select", "HSE", "--fix", "--unsafe-fixes", "--no-cache", "page.txt", cwd=tmp_path)
    assert page.read_text(encoding="utf-8") == "　　众所周知，进一步推动，进一步。身份证和身份及身份。世卫组织说。\n"
    assert proc.returncode == 1  # what has no fix remains
    assert "HSE103" not in proc.stdout and "HSE104" not in proc.stdout


def test_rule_command_explains_each_kind(tmp_path):
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text("custom-rules:\n" + ALL_KINDS, encoding="utf-8")
    expected = {"HSE101": ("fix: none", "Flags '众所周知' (custom existence rule)"),
                "HSE102": ("fix: none", "'进一步' at most 1 time a page (custom occurrence rule)"),
                "HSE103": ("fix: always (unsafe)", "Flags '推动' written twice or more in a row"),
                "HSE104": ("fix: always (unsafe)", "One spelling a page: 身份 or 身分"),
                "HSE105": ("default severity: error", "世卫组织 only after 世界卫生组织")}
    for code, parts in expected.items():
        proc = run("rule", code, "--config", str(cfg))
        assert proc.returncode == 0, proc.stderr
        for part in parts:
            assert part in proc.stdout, proc.stdout
        assert f"Defined in {cfg}:" in proc.stdout
    by_name = run("rule", "doubled-words", "--config", str(cfg))
    assert by_name.returncode == 0 and "HSE103 doubled-words" in by_name.stdout


# -- definitions with mistakes --------------------------------------------------------------------


@pytest.mark.parametrize("body, message", [
    ("{code: HSE101, name: x, kind: existance, tokens: [a]}", "did you mean 'existence'"),
    ("{code: HSE101, name: x, kind: existence}", "an existence rule needs 'tokens'"),
    ("{code: HSE101, name: x, kind: existence, tokens: []}", "'tokens' must be a list of non-empty strings"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a, {b: c}]}", "a mapping is not one"),
    ("{code: HSE101, name: x, kind: existence, tokens: [no]}", r"bool \(False\) is not one \(quote"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], tokns: [b]}", "unknown field 'tokns' (did you mean 'tokens'?)"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], max: 2}",
     "'max' is a field of occurrence rules, not of existence rules (whose own fields are tokens, raw, exceptions)"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], fix: unsafe}", "'fix' is a field of pattern, substitution"),
    ("{code: HSE101, name: x, kind: existence, tokens: ['(a'], raw: true}", r"bad token '\(a'"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], raw: 'yes'}", r"'raw' must be true or false, not str \('yes'\)"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], ignore-case: 1}", "'ignore-case' must be true or false"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], message: '{count}'}",
     r"fills in \{count\}, which existence rules do not have; they fill in \{match\}"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], level: error}", "the severity is 'severity' here"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], scope: [bdy]}", "unknown scope 'bdy'.*did you mean 'body'"),
    ("{code: HSE101, name: x, kind: existence, tokens: [a], scope: 3}", "unknown scope '3'"),
    ("{code: HSE102, name: x, kind: occurrence, token: a}", "needs 'max' or 'min'"),
    ("{code: HSE102, name: x, kind: occurrence, token: a, max: -1}", "'max' must be a whole number of at least 0"),
    ("{code: HSE102, name: x, kind: occurrence, token: a, min: 0}", "'min' must be a whole number of at least 1"),
    ("{code: HSE102, name: x, kind: occurrence, token: a, max: '2'}", r"not str \('2'\)"),
    ("{code: HSE102, name: x, kind: occurrence, token: a, max: 1, min: 2}", r"'min' \(2\) is more than 'max' \(1\)"),
    ("{code: HSE102, name: x, kind: occurrence, token: a, max: 1, per: line}", "'per' must be page or paragraph"),
    ("{code: HSE102, name: x, kind: occurrence, tokens: [a], max: 1}",
     "'tokens' is a field of existence, repetition rules, not of occurrence rules"),
    ("{code: HSE103, name: x, kind: repetition, tokens: [a], fix: maybe}", "'fix' must be safe or unsafe or none"),
    ("{code: HSE103, name: x, kind: repetition, tokens: ['[a'], raw: true}", r"bad token '\[a'"),
    ("{code: HSE104, name: x, kind: consistency, either: [a, b]}", "a consistency rule needs 'either': a mapping"),
    ("{code: HSE104, name: x, kind: consistency, either: {a: }}", "'either' must map strings to strings"),
    ("{code: HSE104, name: x, kind: consistency, either: {a: a}}", "maps 'a' to itself"),
    ("{code: HSE104, name: x, kind: consistency, either: {'(': b}, raw: true}", r"bad pattern '\('"),
    ("{code: HSE105, name: x, kind: conditional, first: a}", "a conditional rule needs 'second'"),
    ("{code: HSE105, name: x, kind: conditional, first: a, second: [b, c], raw: true}", "'second' is one expression"),
    ("{code: HSE105, name: x, kind: conditional, first: [a], second: b}", "'first' must be a non-empty string"),
    ("{code: HSE001, name: x, kind: substitution, swap: {a: }}", "'swap' must map strings to strings"),
])
def test_bad_definitions_name_file_line_and_rule(tmp_path, body, message):
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text("# house rules\ncustom-rules:\n  - " + body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(str(cfg)) + r":3: custom rule HSE\d+: ") as e:
        load_config(cfg)
    assert message in str(e.value) or re.search(message, str(e.value)), str(e.value)


def test_an_error_names_the_line_of_the_field(tmp_path):
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text("custom-rules:\n  - code: HSE102\n    name: x\n    kind: occurrence\n    token: a\n"
                   "    max: many\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(f"{cfg}:6: custom rule HSE102: 'max' must be")):
        load_config(cfg)


def test_a_bad_definition_exits_2_on_the_command_line(tmp_path):
    (tmp_path / ".newslint.yaml").write_text(
        "custom-rules:\n  - {code: HSE103, name: x, kind: repetition, tokens: [a], exceptoins: [b]}\n",
        encoding="utf-8")
    (tmp_path / "page.txt").write_text("甲\n", encoding="utf-8")
    proc = run("check", "page.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown field 'exceptoins' (did you mean 'exceptions'?)" in proc.stderr
