"""Configuration: packs, extends, selection, severities and options, per-file ignores, custom rules,
and errors that name the file, the line and the rule."""
import re
from pathlib import Path

import pytest

from lint import check_text, fix_text
from lint.config import ConfigResolver, find_config, glob_match, load_config
from lint.finding import Severity
from lint.rule import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(config, path=None):
    return [r.code for r in config.rules_for(path)]


SPACING = ["SPC001", "SPC002", "SPC003", "SPC004", "SPC005", "SPC006", "SPC007", "SPC008", "SPC009",
           "SPC010"]


BROKEN = ["BRK001", "BRK002", "BRK003", "BRK004", "BRK005", "BRK006"]
DUPLICATE = ["DUP001", "DUP002", "DUP003", "DUP004"]
NAME = ["NAM001", "NAM002", "NAM003"]
PUNCTUATION = ["PUN001", "PUN002", "PUN003", "PUN004", "PUN005"]
SCRIPT = ["SCR001", "SCR002", "SCR003"]
TYPO = ["TYP001", "TYP002"]
FURNITURE = ["FUR001", "FUR002"]


def test_default_pack_selects_every_family():
    assert codes(load_config(None)) == [*BROKEN, *DUPLICATE, *FURNITURE, *NAME, *PUNCTUATION, *SCRIPT, *SPACING, *TYPO]


@pytest.mark.parametrize("selector, expected", [
    ("SPC007", ["SPC007"]), ("SPC00", ["SPC001", "SPC002", "SPC003", "SPC004", "SPC005", "SPC006",
                                        "SPC007", "SPC008", "SPC009"]),
    ("space-between-han", ["SPC007"]), ("spacing", SPACING), ("ALL", None),
])
def test_selectors(selector, expected):
    got = codes(load_config(None).with_cli(select=[selector]))
    from lint.registry import builtin_rules
    # ALL: every rule but the opt-in ones, also families off by default
    assert got == (expected or sorted(code for code, rule in builtin_rules().items() if not rule.opt_in))


def test_unknown_selector_suggests_a_name():
    with pytest.raises(ConfigError, match="did you mean 'spacing'"):
        load_config(None).with_cli(select=["spaceing"])


def test_user_config_extends_default_and_overrides(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", """
ignore: [SPC001]
fail-on: error
rules:
  cjk-latin-spacing: {policy: one, severity: error}
  SPC003: info
""")
    config = load_config(cfg)
    assert "SPC001" not in codes(config) and "SPC007" in codes(config)
    rule = next(r for r in config.rules_for(None) if r.code == "SPC009")
    assert rule.settings["policy"] == "one" and rule.severity is Severity.ERROR
    assert config.fail_on is Severity.ERROR
    assert fix_text("荣获2025年大奖，各方祝贺。\n", config) == "荣获 2025 年大奖，各方祝贺。\n"


def test_extends_a_bundled_strict_pack_and_a_relative_pack(tmp_path):
    write(tmp_path / "packs" / "house.yaml", "rules: {SPC004: error}\n")
    cfg = write(tmp_path / ".newslint.yaml", "extends: [strict, packs/house.yaml]\n")
    severities = {r.code: r.severity for r in load_config(cfg).rules_for(None)}
    assert severities["SPC001"] is Severity.WARNING  # from strict
    assert severities["SPC004"] is Severity.ERROR  # from the house pack, which comes later


def test_pack_that_extends_itself(tmp_path):
    write(tmp_path / "a.yaml", "extends: [b.yaml]\n")
    write(tmp_path / "b.yaml", "extends: [a.yaml]\n")
    cfg = write(tmp_path / ".newslint.yaml", "extends: [a.yaml]\n")
    with pytest.raises(ConfigError, match="extends itself"):
        load_config(cfg)


def test_unknown_key_names_file_line_and_suggestion(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", "select: [spacing]\n\nignroe: [SPC001]\n")
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    assert f"{cfg}:3: unknown key 'ignroe' (did you mean 'ignore'?)" in str(e.value)


def test_bad_yaml_names_line_and_column(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", "select: [spacing\nignore: [SPC001]\n")
    with pytest.raises(ConfigError, match=r"\.newslint\.yaml:\d+:\d+: invalid YAML"):
        load_config(cfg)


def test_bad_option_names_file_line_and_rule(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", "rules:\n  SPC009:\n    polcy: one\n")
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    assert f"{cfg}:2: SPC009 (cjk-latin-spacing) has no option 'polcy' (did you mean 'policy'?)" == str(e.value)


def test_wrong_option_type(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", "rules: {SPC003: {max-blank-lines: two}}\n")
    with pytest.raises(ConfigError, match="must be int, not str"):
        load_config(cfg)


def test_per_file_ignores_and_exclude(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", """
per-file-ignores:
  "archive/**": [spacing]
  "*_draft.txt": [SPC005]
exclude: ["tmp/"]
""")
    config = load_config(cfg)
    assert codes(config, tmp_path / "archive" / "1998" / "a.txt") == [*BROKEN, *DUPLICATE, *FURNITURE, *NAME, *PUNCTUATION, *SCRIPT, *TYPO]
    assert "SPC005" not in codes(config, tmp_path / "pages" / "x_draft.txt")
    assert "SPC005" in codes(config, tmp_path / "pages" / "x.txt")
    assert config.is_excluded(tmp_path / "tmp" / "a.txt")
    assert not config.is_excluded(tmp_path / "pages" / "tmp.txt")


def test_include_says_which_files_are_pages(tmp_path):
    assert load_config(None).include == ("*.txt",)
    assert load_config(None).is_page(tmp_path / "a" / "p.txt") and not load_config(None).is_page(tmp_path / "p.md")
    write(tmp_path / "pack.yaml", "include: ['*.txt', '*.text']\n")
    config = load_config(write(tmp_path / ".newslint.yaml", "extends: [default, pack.yaml]\n"
                                                               "include: ['*.md', 'scans/**/*.ocr']\n"))
    assert config.include == ("*.md", "scans/**/*.ocr")  # replaces the packs' list
    assert config.is_page(tmp_path / "pages" / "p.md") and config.is_page(tmp_path / "scans" / "1998" / "p.ocr")
    assert not config.is_page(tmp_path / "p.txt") and not config.is_page(tmp_path / "other" / "p.ocr")
    assert not config.is_page(tmp_path / "x.md" / "notes.txt")  # a glob without '/' names the file
    from lint.corpus import Corpus  # the corpus folders' pages are the same files
    write(tmp_path / "corpus" / "a.md", "　　推动高质量发展。\n")
    write(tmp_path / "corpus" / "b.txt", "　　推动高质量发展。\n")
    assert [p.name for p in Corpus([tmp_path / "corpus"], is_page=config.is_page).paths()] == ["a.md"]


@pytest.mark.parametrize("text, said", [
    ("include: []\n", ".newslint.yaml:1: 'include' must list at least one glob"),
    ("include: {md: yes}\n", ".newslint.yaml:1: 'include' must be a list of strings"),
    ("\ninclde: ['*.md']\n", ".newslint.yaml:2: unknown key 'inclde' (did you mean 'include'?)"),
])
def test_a_bad_include_is_a_config_error(tmp_path, text, said):
    with pytest.raises(ConfigError, match=re.escape(said)):
        load_config(write(tmp_path / ".newslint.yaml", text))


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.txt", "a/b/c.txt", True), ("archive/**", "archive/x/y.txt", True),
    ("archive/*.txt", "archive/x/y.txt", False), ("**/draft/*.txt", "a/draft/b.txt", True),
    ("seeds", "seeds/000.txt", True), ("tests/fixtures/**", "tests/fixtures/raw/a.txt", True),
])
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_discovery_finds_nearest_config_upward(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n\n[tool.newslint]\nignore = ['SPC001']\n")
    write(tmp_path / "sub" / ".newslint.yaml", "ignore: [SPC002]\n")
    (tmp_path / "sub" / "deeper").mkdir()
    (tmp_path / "other").mkdir()
    assert find_config(tmp_path / "sub" / "deeper") == tmp_path / "sub" / ".newslint.yaml"
    assert find_config(tmp_path / "other") == tmp_path / "pyproject.toml"
    resolver = ConfigResolver()
    assert "SPC001" not in codes(resolver.for_path(tmp_path / "other" / "p.txt"))
    assert "SPC002" not in codes(resolver.for_path(tmp_path / "sub" / "deeper" / "p.txt"))


def test_pyproject_without_table_is_not_a_config(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


CUSTOM = """
custom-rules:
  - code: HSE001
    name: dengdeng
    kind: pattern
    pattern: '等等(?=[。，])'
    message: "'{match}' after a list: use 等"
    replacement: 等
    category: typo
  - code: HSE002
    name: house-terms
    kind: substitution
    swap: {帐号: 账号, 登陆: 登录}
    category: typo
    severity: error
  - code: HSE003
    name: han-then-latin
    kind: pattern
    pattern: '(\\p{Han})([A-Z]+)'
    message: "'{1}' before '{2}'"
    scope: [body]
"""


def test_custom_pattern_and_substitution_rules(tmp_path):
    config = load_config(write(tmp_path / ".newslint.yaml", CUSTOM))
    text = "开展调研、座谈等等。请用帐号登陆系统查询ESG报告。\n"
    found = [(f.rule, f.message) for f in check_text(text, config) if f.rule.startswith("HSE")]
    assert found == [("HSE001", "'等等' after a list: use 等"), ("HSE002", "'帐号' should be '账号'"),
                     ("HSE002", "'登陆' should be '登录'"), ("HSE003", "'询' before 'ESG'")]
    # substitution fixes are safe by default, pattern fixes unsafe
    assert fix_text(text, config) == "开展调研、座谈等等。请用账号登录系统查询ESG报告。\n"
    assert fix_text(text, config, unsafe=True) == "开展调研、座谈等。请用账号登录系统查询ESG报告。\n"


def test_custom_rules_are_selectable_and_explained(tmp_path):
    config = load_config(write(tmp_path / ".newslint.yaml", CUSTOM + "ignore: [HSE]\n"))
    assert not [c for c in codes(config) if c.startswith("HSE")]
    assert "Defined in" in config.catalogue["HSE002"].documentation()


@pytest.mark.parametrize("body, message", [
    ("  - {code: HSE001, name: x, kind: pattern, pattern: '(unclosed', message: m}",
     r"\.newslint\.yaml:3: custom rule HSE001: bad pattern '\(unclosed'"),
    ("  - {code: HSE001, name: x, kind: pattern, pattern: 'a', message: m, replacement: '\\2'}",
     "refers to group 2"),
    ("  - {code: HSE001, name: x, kind: patern, pattern: 'a'}", "did you mean 'pattern'"),
    ("  - {code: SPC001, name: x, kind: pattern, pattern: 'a', message: m}", "already taken"),
    ("  - {code: hse1, name: x, kind: pattern, pattern: 'a', message: m}", "capital letters"),
    ("  - {code: HSE001, name: x, kind: pattern, pattern: 'a', mesage: m}", "unknown field 'mesage'"),
])
def test_bad_custom_rules_name_file_line_and_rule(tmp_path, body, message):
    cfg = write(tmp_path / ".newslint.yaml", "# house rules\ncustom-rules:\n" + body + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(cfg)


def test_catastrophic_pattern_is_stopped_by_its_time_limit(tmp_path):
    from lint.engine import Linter
    cfg = write(tmp_path / ".newslint.yaml", """
custom-rules:
  - {code: HSE009, name: slow, kind: pattern, pattern: '(a|aa)+$', message: slow, timeout: 0.2}
""")
    config = load_config(cfg)
    result = Linter(config.rules_for(None), config.layout).check(("a" * 24 + "!") * 40)
    assert [f.rule for f in result.failures] == ["HSE009"]
    assert "time limit of 0.2 s" in result.failures[0].message


def test_layout_vocabulary_can_be_extended(tmp_path):
    from lint.document import Document
    from lint.layout import Kind
    text = "今日关注\n"
    config = load_config(write(tmp_path / ".newslint.yaml", "layout: {labels: [今日关注]}\n"))
    assert Document(text).paragraphs[0].kind is Kind.HEADLINE
    assert Document(text, config.layout).paragraphs[0].kind is Kind.LABEL


# --- hostile configs (issue 34): bounded work, a message naming the file and key, exit 2 -------

BOMB = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
               for p, k in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi"))


def _check_with(config_text: str, tmp_path: Path, timeout: int = 60):
    import subprocess
    import sys

    (tmp_path / ".newslint.yaml").write_text(config_text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("　　推动高质量发展。\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=timeout,
                          env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})


@pytest.mark.parametrize("text, said", [
    (BOMB, "aliases expand to more than 100,000 values"),  # "billion laughs": 9**9 values
    ("a: &x [*x]\n", "a value holds itself"),
    ("select: " + "[" * 5000 + "]" * 5000 + "\n", "invalid YAML"),
])
def test_a_yaml_bomb_in_the_config_is_refused_at_once(tmp_path, text, said):
    proc = _check_with(text, tmp_path)
    assert proc.returncode == 2 and said in proc.stderr and ".newslint.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_diamond_of_packs_is_resolved_once_a_pack(tmp_path):
    """24 levels of two packs each extending both packs below: 2**24 paths, 48 files."""
    levels = 24
    for k in range(levels):
        for side in "ab":
            below = f"extends: [p{k + 1}a.yaml, p{k + 1}b.yaml]\n" if k + 1 < levels else "ignore: [SPC008]\n"
            (tmp_path / f"p{k}{side}.yaml").write_text(below, encoding="utf-8")
    proc = _check_with("extends: [default, p0a.yaml, p0b.yaml]\n", tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr


def test_a_chain_of_packs_deeper_than_the_limit_is_refused(tmp_path):
    for k in range(1200):
        (tmp_path / f"c{k}.yaml").write_text(f"extends: [c{k + 1}.yaml]\n" if k < 1199 else "select: [ALL]\n")
    proc = _check_with("extends: [c0.yaml]\n", tmp_path)
    assert proc.returncode == 2 and "more than 32 levels deep" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("key, value, said", [
    ("names", "/dev/zero", "is not a regular file"),
    ("names", "fifo", "is not a regular file"),
    ("corpus", "/", "is the root of the file system"),
    ("corpus", "/dev/null", "is neither a folder nor a page"),
])
def test_names_and_corpus_that_are_no_files_of_pages_are_refused(tmp_path, key, value, said):
    import os

    os.mkfifo(tmp_path / "fifo")
    proc = _check_with(f"{key}: [{value}]\n", tmp_path, timeout=30)
    assert proc.returncode == 2 and said in proc.stderr and f".newslint.yaml:1: {key}:" in proc.stderr


def test_a_name_list_that_is_no_yaml_is_a_config_error(tmp_path):
    (tmp_path / "names.yaml").write_text("names: [{name: 王某\n", encoding="utf-8")
    proc = _check_with("names: [names.yaml]\n", tmp_path)
    assert proc.returncode == 2 and "names.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_a_very_large_corpus_is_worth_a_warning(tmp_path, monkeypatch):
    from lint import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "LARGE_CORPUS", 2)
    folder = tmp_path / "pages"
    folder.mkdir()
    for k in range(3):
        (folder / f"{k}.txt").write_text("　　推动高质量发展。\n", encoding="utf-8")
    c = corpus_module.Corpus([folder])
    assert len(c.paths()) == 3
    assert any("holds 3 pages" in note for note in c.take_notes()) and c.take_notes() == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_YAML_BITS = st.sampled_from(["select", "ignore", "extends", "rules", "corpus", "names", "layout", "SPC008",
                              "default", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!python/object",
                              "<<", "'", '"', "#", "|", ">", "\t", "max-blank-lines", "3", "-1", "yes", "null", "~"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_YAML_BITS, max_size=30).map("".join) | st.text(max_size=60))
def test_any_config_text_is_a_config_or_a_config_error(tmp_path_factory, text):
    from lint.rule import ConfigError

    folder = tmp_path_factory.mktemp("cfg")
    (folder / ".newslint.yaml").write_text(text, encoding="utf-8")
    try:
        load_config(folder / ".newslint.yaml")
    except ConfigError:
        pass


def test_select_on_the_command_line_replaces_house_rules_too(tmp_path):
    """--select runs what it names and nothing else, house rules included (as ruff's --select)."""
    config = load_config(write(tmp_path / ".newslint.yaml", CUSTOM))
    assert {"HSE001", "HSE002", "HSE003"} <= set(codes(config))
    only = config.with_cli(select=["SPC008"])
    assert codes(only) == ["SPC008"]
    assert set(codes(config.with_cli(select=["SPC008", "HSE002"]))) == {"SPC008", "HSE002"}
    assert {"HSE001", "HSE002", "HSE003"} <= set(codes(config.with_cli(extend_select=["SPC008"])))


def test_rule_and_rules_read_the_configuration_check_reads(tmp_path):
    write(tmp_path / ".newslint.yaml", CUSTOM)
    from .conftest import run

    proc = run("rule", "HSE002", cwd=tmp_path)
    assert proc.returncode == 0 and "house-terms" in proc.stdout and "your config" in proc.stdout
    assert "HSE003" in run("rules", cwd=tmp_path).stdout


@pytest.mark.parametrize("text, said", [
    ("nmaes:\n  - {name: 王某}\n", "unknown key 'nmaes' (did you mean 'names'?)"),
    ("names:\n  - {name: 王某, wrnog: [王谋]}\n", "unknown key 'wrnog' (did you mean 'wrong'?)"),
])
def test_a_typo_in_a_name_list_is_an_error_as_in_the_config(tmp_path, text, said):
    from lint.rule import ConfigError

    write(tmp_path / "names.yaml", text)
    with pytest.raises(ConfigError, match=re.escape(said)):
        load_config(write(tmp_path / ".newslint.yaml", "names: [names.yaml]\n"))
