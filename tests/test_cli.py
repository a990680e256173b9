"""The command line as users run it: exit codes, output formats, fixing, configuration, encodings."""
import json
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT, SEED_000, SEED_002, raw_text, run, tool

WARNING_PAGE = "标题\n\n围绕产业转型升级，推动高质量发 展，着眼全局抓重点。\n"


def page(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


# -- exit codes -----------------------------------------------------------------------------------


def test_clean_seeds_pass():
    proc = run("check", "seeds/")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the two page jumps stay, as info; the one truncation is accepted in .newslint.yaml
    assert "Found 2 findings (2 info) in 2 files." in proc.stdout and "BRK003" not in proc.stdout


def test_info_findings_do_not_fail_unless_asked(raw_seeds):
    spacing = ("--select", "spacing")  # the raw seeds' spacing items are info
    assert run("check", *spacing, str(raw_seeds)).returncode == 0
    assert run("check", *spacing, "--fail-on", "info", str(raw_seeds)).returncode == 1


def test_warning_fails_and_exit_zero_and_fail_on_error(tmp_path):
    p = page(tmp_path, WARNING_PAGE)
    assert run("check", str(p)).returncode == 1
    assert run("check", "--exit-zero", str(p)).returncode == 0
    assert run("check", "--fail-on", "error", str(p)).returncode == 0


def test_usage_and_io_errors_exit_2(tmp_path):
    assert run("check", "--select", "NOPE999", "seeds/").returncode == 2
    assert run("check", "--format", "xml", "seeds/").returncode == 2
    missing = run("check", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
    assert run().returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_an_io_error_not_findings(tmp_path):
    import subprocess
    import sys

    import os

    p = page(tmp_path, WARNING_PAGE)
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # fails at the last flush
    for env in (buffered, {**buffered, "PYTHONUNBUFFERED": "1"}):  # fails at the first write
        for args in (("check", str(p)), ("check", "--format", "json", str(p)), ("rules",)):
            with open("/dev/full", "wb") as full:
                proc = subprocess.run([sys.executable, "-m", "lint", *args], cwd=ROOT, stdout=full, env=env,
                                      stderr=subprocess.PIPE, text=True)
            assert proc.returncode == 2 and "No space left on device" in proc.stderr, args
            assert "Traceback" not in proc.stderr


def test_the_command_ends_with_its_output_whole_and_its_exit_handlers_run(tmp_path):
    """The command leaves without the interpreter's teardown: what it printed must all be there
    and the compiled patterns (written by an exit handler) must be kept."""
    import os
    import subprocess
    import sys

    pages = [page(tmp_path, WARNING_PAGE.replace("标题", f"标题{n}"), f"p{n}.txt") for n in range(40)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output held in buffers
    env["XDG_CACHE_HOME"] = str(tmp_path / "home")

    def newslint(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lint", "check", "--jobs", "1", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True)

    assert len(json.loads(newslint("--format", "json", *map(str, pages)).stdout)) == 40
    assert list((tmp_path / "home" / "newslint").glob("patterns-*.marshal"))
    text = newslint(str(pages[0]))
    assert text.returncode == 1 and text.stdout.endswith("in 1 file.\n1 fixable with --fix.\n")


# -- output formats -------------------------------------------------------------------------------


def test_text_format_shows_location_source_and_fix(tmp_path):
    p = page(tmp_path, WARNING_PAGE)
    out = run("check", str(p)).stdout
    assert f"{p}:3:16: SPC007 [warning] 1 space between '发' and '展' in body text: it splits '发展'" in out
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("3 | "))
    assert lines[i] == "3 | 围绕产业转型升级，推动高质量发 展，着眼全局抓重点。"
    # the caret stands under the space: 15 wide characters before it, 2 columns each
    assert lines[i + 1] == "  | " + " " * 30 + "^"
    assert "= fix: Delete the space" in out
    assert "Found 1 finding (1 warning) in 1 file." in out


PLAIN = {"NO_COLOR": "", "FORCE_COLOR": "0"}  # whatever the environment of the test run says


def test_show_fixes_shows_the_changed_characters_in_context(tmp_path):
    p = page(tmp_path, WARNING_PAGE)
    out = run("check", "--show-fixes", str(p), env=PLAIN).stdout
    assert "  = fix: Delete the space\n  = change: …业转型升级，推动高质量发[- -]展，着眼全局抓重点。\n" in out
    assert "\x1b[" not in out
    coloured = run("check", "--show-fixes", str(p), env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    assert "推动高质量发\x1b[9;97;41m \x1b[0m展" in coloured  # struck through on red
    assert "\x1b[" not in run("check", "--show-fixes", str(p), env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    assert "= change:" not in run("check", str(p), env=PLAIN).stdout  # ruff's default: no diffs


def test_show_fixes_with_fix_lists_each_fix_applied(raw_seeds):
    p = raw_seeds / SEED_000
    before = p.read_text(encoding="utf-8")
    proc = run("check", "--no-cache", "--fix", "--show-fixes", str(p), env=PLAIN)
    fixed = proc.stdout.split(f"{p}:")[1:]
    applied = [block for block in fixed if " [fixed] " in block.split("\n", 1)[0]]
    assert f"Fixed {len(applied)} findings in 1 of 1 file." in proc.stdout
    # where each was, in the page as read; the change in context (a character doubled in a line)
    assert f"{p}:53:252: DUP003 [fixed] Drop one '催'\n   = change: …责奠定了良好基础。新任程[-催-]催人奋进，新使命重任在肩…\n" \
        in proc.stdout
    line = before.split("\n")[52]
    assert line[251:253] == "催催"
    # a paragraph joined across a break: its line ends are shown, as ⏎
    assert f"{p}:29:279: BRK001 [fixed] Join the two halves into one paragraph\n" \
           "   = change: …动落实好国家、省、市级的[-⏎⏎-]奖补政策，继续支持企业申…\n" in proc.stdout
    # fixes are listed before what is left, page by page; without --show-fixes, none
    assert proc.stdout.index("[fixed]") < proc.stdout.index("[warning]")
    again = run("check", "--no-cache", "--fix", "--show-fixes", str(p), env=PLAIN)
    assert "[fixed]" not in again.stdout


def test_json_contract(raw_seeds):
    proc = run("check", "--format", "json", "--select", "spacing", str(raw_seeds / SEED_002))
    items = json.loads(proc.stdout)
    assert [i["rule"] for i in items] == ["SPC002", "SPC003", "SPC003", "SPC005"]
    keys = {"path", "rule", "name", "category", "severity", "message", "start", "end", "fix", "related"}
    text = raw_text(SEED_002)
    for item in items:
        assert set(item) == keys
        assert item["category"] == "spacing" and item["severity"] == "info"
        for end in ("start", "end"):
            pos = item[end]
            line_start = sum(len(line) + 1 for line in text.split("\n")[:pos["line"] - 1])
            assert pos["offset"] == line_start + pos["column"] - 1
        assert item["fix"]["applicability"] == "safe" and item["related"] == []
    last = items[-1]
    assert last["start"]["offset"] == last["end"]["offset"] == len(text)
    assert last["fix"]["edits"] == [{"start": len(text), "end": len(text), "content": "\n"}]
    first = items[0]  # 4 blank lines: end is exclusive, at the start of the first text line
    assert (first["start"]["line"], first["end"]["line"], first["end"]["column"]) == (1, 5, 1)


def test_json_related_points_at_the_kept_copy(raw_seeds):
    proc = run("check", "--format", "json", "--select", "DUP001", str(raw_seeds / SEED_002))
    items = json.loads(proc.stdout)
    assert [(i["start"]["line"], i["related"][0]["line"]) for i in items] == [(37, 35), (71, 107)]
    text = raw_text(SEED_002)
    for item in items:
        related = item["related"][0]
        assert set(related) == {"path", "line", "column", "offset", "message"}
        assert related["path"] == item["path"]
        assert text[related["offset"]:related["offset"] + 10] == \
            text[item["start"]["offset"]:item["start"]["offset"] + 10]
        assert item["fix"]["applicability"] == "safe"


def test_jsonl_one_object_per_line(raw_seeds):
    proc = run("check", "--format", "jsonl", str(raw_seeds))
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 39 and {Path(r["path"]).name for r in rows} == {SEED_000, SEED_002}


def test_statistics(raw_seeds):
    out = run("check", "--statistics", str(raw_seeds)).stdout
    assert " 4  SPC003  [*] multiple-blank-lines  (spacing, info)" in out
    assert " 2  DUP001  [*] repeated-text  (duplicate, warning)" in out
    assert "  9.5%    0.0%  " in out and out.count("%") == 2  # DUP001 copies: 9.5% of page 002
    assert "14  BRK001  [*] paragraph-broken-mid-sentence  (broken-paragraph, warning)" in out
    assert " 1  BRK003      truncated-paragraph  (broken-paragraph, warning)" in out  # no fix: no [*]
    # without a name list, the three names spelt two ways are conflicts on both pages
    assert " 6  NAM002      name-conflict  (name, warning)" in out
    assert " 3  PUN001      unbalanced-pair  (punctuation, warning)" in out  # 000:27, 002:71 and its copy at 107
    assert "39  total in 2 files" in out
    # per page, most findings first: 002 has 20 left (15 warnings, 5 info), 000 has 19
    rows = out.split("Per page (most findings first):\n")[1].splitlines()
    assert rows[1].split() == ["20", "0", "15", "5", "0", str(raw_seeds / SEED_002)]
    assert rows[2].split()[:5] == ["19", "0", "14", "5", "0"]
    fixed = run("check", "--statistics", "--fix", str(raw_seeds)).stdout
    assert [r.split()[4] for r in fixed.split("Per page (most findings first):\n")[1].splitlines()[1:3]] != ["0", "0"]


def test_select_ignore_extend_select(raw_seeds):
    def rules(*args):
        return {i["rule"] for i in json.loads(run("check", "--format", "json", *args, str(raw_seeds)).stdout)}

    assert rules("--select", "SPC003") == {"SPC003"}
    assert rules("--ignore", "SPC003,SPC002,duplicate,broken-paragraph,name,punctuation,script") == {"SPC004", "SPC005"}
    assert rules("--ignore", "spacing,duplicate,name,punctuation,script,BRK001") == {"BRK002", "BRK003", "BRK004"}
    assert rules("--select", "name") == {"NAM002"}
    assert rules("--select", "SPC003", "--extend-select", "missing-final-newline") == {"SPC003", "SPC005"}


# -- fixing ---------------------------------------------------------------------------------------


def test_fix_twice_changes_nothing_the_second_time(raw_seeds):
    # the repository's name list, as its .newslint.yaml gives it
    (raw_seeds.parent / ".newslint.yaml").write_text(f"names: [{ROOT / 'rules' / 'names.yaml'}]\n", encoding="utf-8")
    first = run("check", "--fix", "--unsafe-fixes", str(raw_seeds))
    assert "Fixed 27 findings in 2 of 2 files." in first.stdout  # 李海波 -> 李晓波, 王立春 -> 王立伟 too
    # no fix for the truncation nor for 张碧涌/张碧涛 (seeds/ accepts them in .newslint.yaml; this folder does not)
    assert first.returncode == 1 and "Found 7 findings (5 warning, 2 info)" in first.stdout
    after = {p.name: p.read_bytes() for p in raw_seeds.iterdir()}
    second = run("check", "--fix", "--unsafe-fixes", str(raw_seeds))
    assert "Fixed 0 findings" in second.stdout
    assert {p.name: p.read_bytes() for p in raw_seeds.iterdir()} == after
    # what the one-off fix run made of the raw pages is what seeds/ holds
    assert after == {p.name: p.read_bytes() for p in (ROOT / "seeds").glob("*.txt")}


def test_the_fixable_count_is_what_the_fix_run_applies(raw_seeds, tmp_path):
    """Findings whose fixes overlap (BRK001 and DUP002 both delete the 堵 doubled at a break)
    are repaired by one fix: the summary promises what the fixer applies, not one a finding."""
    import re
    import shutil

    unsafe = tmp_path / "unsafe"
    shutil.copytree(raw_seeds, unsafe)
    promised = run("check", "--no-cache", str(raw_seeds)).stdout
    safe, more = map(int, re.search(r"(\d+) fixable with --fix \((\d+) more with --unsafe-fixes\)", promised).groups())
    assert f"Fixed {safe} findings in 2 of 2 files." in run("check", "--no-cache", "--fix", str(raw_seeds)).stdout
    fixed = run("check", "--no-cache", "--fix", "--unsafe-fixes", str(unsafe)).stdout
    assert f"Fixed {safe + more} findings in 2 of 2 files." in fixed
    # a safe fix run leaves the unsafe ones, and promises what --unsafe-fixes then applies
    left = int(re.search(r"(\d+) more fixable with --unsafe-fixes", run("check", "--no-cache", str(raw_seeds)).stdout)[1])
    assert f"Fixed {left} findings" in run("check", "--no-cache", "--fix", "--unsafe-fixes", str(raw_seeds)).stdout


def test_diff_prints_and_writes_nothing(raw_seeds):
    before = (raw_seeds / SEED_000).read_bytes()
    proc = run("check", "--diff", str(raw_seeds / SEED_000))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"--- a/{raw_seeds / SEED_000}\n+++ b/{raw_seeds / SEED_000}\n")
    assert "\n-\n" in proc.stdout and "Would fix 11 findings in 1 file." in proc.stderr
    assert (raw_seeds / SEED_000).read_bytes() == before
    clean = run("check", "--diff", "seeds/")
    assert clean.returncode == 0 and clean.stdout == ""


def test_unsafe_fixes_need_the_flag(tmp_path):
    cfg = page(tmp_path, "custom-rules:\n  - {code: HSE001, name: dengdeng, kind: pattern, "
                         "pattern: '等等(?=。)', message: 'use 等', replacement: 等}\n", ".newslint.yaml")
    p = page(tmp_path, "开展调研、座谈等等。\n")
    run("check", "--fix", "--config", str(cfg), str(p))
    assert p.read_text(encoding="utf-8") == "开展调研、座谈等等。\n"
    run("check", "--fix", "--unsafe-fixes", "--config", str(cfg), str(p))
    assert p.read_text(encoding="utf-8") == "开展调研、座谈等。\n"


def test_a_rule_that_cannot_finish_leaves_the_page_unfixed_and_says_so(tmp_path):
    """The house rule runs away only once SPC007's fix has joined 发展 (the fixer's second
    pass): the page is not half fixed, and the run names the page and the rule (exit 2)."""
    cfg = page(tmp_path, "custom-rules:\n  - {code: HSE001, name: runaway, kind: pattern, "
                         "pattern: '发展(a|a)+b', message: m, timeout: 0.05}\n", ".newslint.yaml")
    text = "标题\n\n围绕产业转型升级，推动高质量发 展" + "a" * 30 + "。\n"
    p = page(tmp_path, text)
    for args in (("--fix",), ("--fix", "--unsafe-fixes"), ("--diff",)):
        proc = run("check", "--no-cache", *args, "--config", str(cfg), str(p))
        assert proc.returncode == 2, proc.stderr
        assert p.read_text(encoding="utf-8") == text
        assert f"{p}: not fixed: HSE001 could not finish on it" in proc.stderr
        assert "HSE001 (runaway): the pattern ran past its time limit" in proc.stderr
        assert "-围绕" not in proc.stdout  # no diff for a page left unfixed
    assert "Fixed 0 findings in 0 of 1 file." in run("check", "--no-cache", "--fix", "--config", str(cfg), str(p)).stdout


def test_fix_keeps_file_permissions(raw_seeds):
    p = raw_seeds / SEED_002
    p.chmod(0o640)
    run("check", "--fix", str(p))
    assert p.stat().st_mode & 0o777 == 0o640
    assert not list(raw_seeds.glob(".*newslint-tmp"))


# -- configuration --------------------------------------------------------------------------------


def test_config_discovered_upward_from_the_page(tmp_path):
    page(tmp_path / "repo", "ignore: [SPC007]\n", ".newslint.yaml")
    p = page(tmp_path / "repo" / "pages" / "2026", WARNING_PAGE)
    assert run("check", str(p), cwd=tmp_path).returncode == 0
    page(tmp_path / "repo", "ignore: [SPC008]\n", ".newslint.yaml")
    assert run("check", str(p), cwd=tmp_path).returncode == 1


def test_pyproject_config(tmp_path):
    page(tmp_path, "[tool.newslint]\nignore = ['SPC007']\n", "pyproject.toml")
    p = page(tmp_path, WARNING_PAGE)
    assert run("check", str(p), cwd=tmp_path).returncode == 0


def test_bad_yaml_exits_2_naming_file_and_line(tmp_path):
    cfg = page(tmp_path, "select: [spacing]\nrules:\n  SPC003: {max-blank-lines: 2\n", ".newslint.yaml")
    proc = run("check", "--config", str(cfg), "seeds/")
    assert proc.returncode == 2
    assert f"config error: {cfg}:" in proc.stderr and "invalid YAML" in proc.stderr


def test_bad_regex_exits_2_naming_file_line_and_rule(tmp_path):
    cfg = page(tmp_path, "select: [spacing]\ncustom-rules:\n"
                         "  - {code: HSE001, name: bad, kind: pattern, pattern: '[unclosed', message: m}\n",
               ".newslint.yaml")
    proc = run("check", "--config", str(cfg), "seeds/")
    assert proc.returncode == 2
    assert f"{cfg}:3: custom rule HSE001: bad pattern '[unclosed'" in proc.stderr


def test_excluded_pages_are_skipped_even_when_named(tmp_path):
    page(tmp_path, "exclude: ['drafts/']\n", ".newslint.yaml")
    p = page(tmp_path / "drafts", WARNING_PAGE)
    proc = run("check", str(p), cwd=tmp_path)
    assert proc.returncode == 0 and "All checks passed (0 files)" in proc.stdout


def test_folders_recurse_over_txt_only(tmp_path):
    page(tmp_path / "a" / "b", WARNING_PAGE, "deep.txt")
    page(tmp_path, WARNING_PAGE, "notes.md")
    rows = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    assert {Path(r["path"]).name for r in rows} == {"deep.txt"}


def test_include_makes_a_folder_of_markdown_pages_checkable(tmp_path):
    import subprocess

    page(tmp_path, "include: ['*.md']\n", ".newslint.yaml")
    md = page(tmp_path / "pages", WARNING_PAGE, "a.md")
    page(tmp_path / "pages", WARNING_PAGE, "b.txt")
    rows = json.loads(run("check", "--no-cache", "--format", "json", "pages", cwd=tmp_path).stdout)
    assert {Path(r["path"]).name for r in rows} == {"a.md"}
    assert run("check", "--no-cache", "--fix", "pages", cwd=tmp_path).returncode == 0
    assert md.read_text(encoding="utf-8") == WARNING_PAGE.replace("发 展", "发展")
    assert (tmp_path / "pages" / "b.txt").read_text(encoding="utf-8") == WARNING_PAGE
    # --since takes the pages `include` names, and only those
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "pages"], cwd=tmp_path, check=True)
    page(tmp_path / "pages", WARNING_PAGE, "c.md")
    page(tmp_path / "pages", WARNING_PAGE, "d.txt")
    rows = json.loads(run("check", "--no-cache", "--format", "json", "--since", "HEAD", "pages", cwd=tmp_path).stdout)
    assert {Path(r["path"]).name for r in rows} == {"c.md"}
    # a folder without any such page says what `include` wants
    page(tmp_path / "other", WARNING_PAGE, "e.txt")
    proc = run("check", "--no-cache", "other", cwd=tmp_path)
    assert proc.returncode == 2 and "no file under it matches `include`" in proc.stderr


def test_names_reports_a_page_it_cannot_read(tmp_path):
    """As check does: the page is named with the hint; with no page read, no index and exit 2."""
    gb = tmp_path / "gb" / "page.txt"
    gb.parent.mkdir()
    gb.write_bytes("标题\n\n　　省委书记唐登杰强调，要抓好落实。\n".encode("gb18030"))
    for target in (gb, gb.parent):
        proc = run("names", str(target), cwd=tmp_path)
        assert proc.returncode == 2 and proc.stdout == "", proc.stdout
        assert f"newslint: error: {gb}: not valid UTF-8" in proc.stderr and "--encoding gb18030" in proc.stderr
    read = run("names", "--encoding", "gb18030", str(gb), cwd=tmp_path)
    assert read.returncode == 0 and read.stdout.startswith("唐登杰\t1\t"), read.stdout + read.stderr
    good = page(tmp_path / "good", raw_text(SEED_000), SEED_000)
    mixed = run("names", str(gb), str(good), cwd=tmp_path)  # the index of what was read, and the error
    assert mixed.returncode == 2 and "唐登杰\t" in mixed.stdout and f"{gb}: not valid UTF-8" in mixed.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("names", str(empty), cwd=tmp_path).returncode == 2
    assert run("names", str(tmp_path / "missing"), cwd=tmp_path).returncode == 2


# -- encodings and line ends ----------------------------------------------------------------------


def test_gb18030_page_is_refused_with_a_hint(tmp_path):
    p = tmp_path / "gbk.txt"
    data = "山西日报讯 标题\n\n\n正文。".encode("gb18030")
    p.write_bytes(data)
    proc = run("check", "--fix", str(p))
    assert proc.returncode == 2
    assert f"{p}: not valid UTF-8" in proc.stderr and "--encoding gb18030" in proc.stderr
    assert p.read_bytes() == data
    fixed = run("check", "--fix", "--encoding", "gb18030", str(p))
    assert fixed.returncode == 0
    assert p.read_bytes() == "山西日报讯 标题\n\n正文。\n".encode("gb18030")


def test_an_unreadable_page_is_never_summarised_as_passing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xed\xa0\x80abc\n")  # an encoded lone surrogate
    good = tmp_path / "good.txt"
    good.write_text("正文。\n", encoding="utf-8")
    proc = run("check", str(bad), str(good))
    assert proc.returncode == 2
    assert "All checks passed" not in proc.stdout
    assert "1 error stopped newslint" in proc.stdout


def test_nul_bytes_skip_the_file(tmp_path):
    p = tmp_path / "scan.txt"
    p.write_bytes(b"\x89PNG\x00\x00binary")
    proc = run("check", str(p))
    assert "skipped: contains NUL bytes" in proc.stderr
    # the only file named was no page: the run must not pass (a wrong path in CI)
    assert proc.returncode == 2 and "could be checked as a page" in proc.stderr
    (tmp_path / "page.txt").write_text("　　推动高质量发展。\n", encoding="utf-8")
    proc = run("check", str(tmp_path))
    assert proc.returncode == 0 and "skipped: contains NUL bytes" in proc.stderr


def test_crlf_round_trip(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("\r\n标题\r\n\r\n\r\n\r\n正文一。\r\n正文二。".encode("utf-8"))
    rows = json.loads(run("check", "--format", "json", str(p)).stdout)
    assert [(r["rule"], r["start"]["line"]) for r in rows] == [("SPC002", 1), ("SPC003", 4), ("SPC005", 7)]
    run("check", "--fix", str(p))
    assert p.read_bytes() == "标题\r\n\r\n正文一。\r\n正文二。\r\n".encode("utf-8")


def test_bom_is_reported_and_removed(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "标题\n\n正文。\n".encode("utf-8"))
    rows = json.loads(run("check", "--format", "json", str(p)).stdout)
    assert [r["rule"] for r in rows] == ["SPC010"]
    run("check", "--fix", str(p))
    assert p.read_bytes() == "标题\n\n正文。\n".encode("utf-8")


# -- standard input -------------------------------------------------------------------------------


def test_stdin_lint_and_fix():
    text = raw_text(SEED_002).encode("utf-8")
    linted = run("check", "--format", "json", "-", stdin=text)
    items = json.loads(linted.stdout)
    assert [r["path"] for r in items] == ["-"] * 26
    # the quotation whose opening “ was lost, in the copy at line 71 and the original at 107
    assert [r["start"]["line"] for r in items if r["rule"] == "PUN001"] == [71, 107]
    # the repository's name list and the same list of officials in seeds/000 fix two names
    assert [r["message"][:5] for r in items if r["category"] == "name"] == ["'李海波'", "'王立春'"]
    # standard input has no file name, so the corpus copy of this page (seeds/) is another page
    across = [r for r in items if r["rule"] == "DUP004"]
    # seeds/ holds the page with its cut paragraphs joined: the raw page's cuts split the shared runs
    assert len(across) == 7 and {r["related"][0]["path"] for r in across} == {f"seeds/{SEED_002}"}
    fixed = run("check", "--fix", "--unsafe-fixes", "-", stdin=text)
    assert fixed.stdout == (ROOT / "seeds" / SEED_002).read_text(encoding="utf-8")
    assert "Fixed 15 findings" in fixed.stderr


def test_stdin_filename_applies_per_file_ignores(tmp_path):
    page(tmp_path, "per-file-ignores: {'archive/*.txt': [SPC007]}\n", ".newslint.yaml")
    data = WARNING_PAGE.encode("utf-8")
    assert run("check", "--stdin-filename", "archive/a.txt", "-", stdin=data, cwd=tmp_path).returncode == 0
    assert run("check", "--stdin-filename", "new/a.txt", "-", stdin=data, cwd=tmp_path).returncode == 1


# -- rule documentation ---------------------------------------------------------------------------


def test_rule_explains_itself():
    out = run("rule", "SPC007").stdout
    assert out.startswith("SPC007 space-between-han\ncategory: spacing   default severity: warning   "
                          "fix: always (safe or unsafe)")
    assert "Leaves alone:\n- `唐登杰卢东亮出席 张春林主持并讲话⏎` (house style" in out and "Fix safety: always" in out
    assert "fix: always (safe or unsafe)" in run("rule", "BRK001").stdout  # safe on strong evidence only
    assert "fix: none" in run("rule", "NAM002").stdout
    by_name = run("rule", "cjk-latin-spacing").stdout
    assert "policy: `none`: no space" in by_name and 'default: "none"' in by_name
    unknown = run("rule", "SPC07")
    assert unknown.returncode == 2 and "did you mean" in unknown.stderr


def test_rules_list_and_json():
    out = run("rules").stdout
    assert "* SPC001  trailing-whitespace" in out
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert all(r["documentation"] and r["category"] in ("spacing", "duplicate", "broken-paragraph", "name", "punctuation", "typo",
                                                         "script", "furniture")
               for r in rows)
    assert {"SPC007", "DUP001", "DUP002", "DUP003"} <= {r["code"] for r in rows}
    fixes = {r["code"]: r["fix"] for r in rows}
    assert fixes["DUP003"] == {"availability": "always", "safety": "safe or unsafe"}
    assert fixes["TYP002"] == {"availability": "sometimes", "safety": "unsafe"}
    assert fixes["PUN001"] == {"availability": "none", "safety": None}
    assert "fix: sometimes (safe)" in out.split("SCR002", 1)[1].split("\n", 1)[0]


def test_docs_rules_md_is_generated_and_current():
    generated = run("rules", "--format", "markdown").stdout
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated, \
        "docs/rules.md is stale: newslint rules --format markdown > docs/rules.md"


def test_console_script_entry_point():
    exe = tool("newslint")
    assert exe is not None, "newslint is not installed: pip install -e '.[test]'"
    import subprocess
    proc = subprocess.run([exe, "check", "seeds/"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0


def test_raw_fixture_is_the_shared_seed():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the project")
    for p in RAW.glob("*.txt"):
        assert p.read_bytes() == (shared / p.name).read_bytes()


def test_progress_bar_only_on_a_terminal():
    import io

    from lint.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term, pipe = Terminal(), io.StringIO()
    for stream in (term, pipe):
        bar = Progress(40, stream)
        for n in range(40):
            bar.step(f"pages/{n}.txt")
        bar.close()
    assert "40/40 pages" in term.getvalue() and term.getvalue().endswith("\r")
    assert pipe.getvalue() == ""  # CI logs and pipes stay clean
    short = Terminal()
    Progress(3, short).step()
    assert short.getvalue() == ""  # a few pages need no bar


def test_a_diff_of_a_page_without_a_final_line_end_applies(tmp_path):
    """OCR output often ends without a line end: the patch carries git's marker for it."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "t.txt").write_bytes("推动高质量发展 。".encode())
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    proc = run("check", "--no-cache", "--diff", "t.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "\\ No newline at end of file" in proc.stdout
    (tmp_path / "p.diff").write_text(proc.stdout, encoding="utf-8")
    applied = subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "推动高质量发展。\n"


@pytest.mark.parametrize("make, said", [
    (lambda d: None, "no pages found"),  # an empty folder
    (lambda d: (d / "A.TXT").write_text("推动。\n", encoding="utf-8"), "it holds files with .TXT: `include`"),
    (lambda d: (d / "x.txt").write_bytes(b"a\x00b"), "none of the 1 file found could be checked"),
])
def test_a_named_path_that_yields_no_page_does_not_pass(tmp_path, make, said):
    folder = tmp_path / "pages"
    folder.mkdir()
    make(folder)
    proc = run("check", "--no-cache", str(folder), cwd=tmp_path)
    assert proc.returncode == 2 and said in proc.stderr


def test_a_named_file_the_config_excludes_passes_quietly(tmp_path):
    """pre-commit names every changed file: one the configuration excludes is no error."""
    (tmp_path / ".newslint.yaml").write_text("exclude: [notes.txt]\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("推动 。\n", encoding="utf-8")
    proc = run("check", "--no-cache", "notes.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_pages_git_ignores_are_not_checked_unless_asked(tmp_path):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    for folder in ("build", "pages"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("　　推动高质量发展 。\n", encoding="utf-8")
    proc = run("check", "--no-cache", ".", cwd=tmp_path)
    assert "pages/a.txt" in proc.stdout and "build/a.txt" not in proc.stdout
    proc = run("check", "--no-cache", "--no-respect-gitignore", ".", cwd=tmp_path)
    assert "pages/a.txt" in proc.stdout and "build/a.txt" in proc.stdout


def test_licence_and_requirements_files_are_no_pages(tmp_path):
    for name in ("LICENSE-jieba.txt", "requirements.txt", "page.txt"):
        (tmp_path / name).write_text("　　推动高质量发展 。\n", encoding="utf-8")
    proc = run("check", "--no-cache", ".", cwd=tmp_path)
    assert "page.txt" in proc.stdout and "LICENSE" not in proc.stdout and "requirements" not in proc.stdout


def test_a_folder_git_ignores_is_checked_when_named(tmp_path):
    """Naming build/ says it is meant: only what git ignores below a named folder is left out."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "a.txt").write_text("　　推动高质量发展 。\n", encoding="utf-8")
    proc = run("check", "--no-cache", "build", cwd=tmp_path)
    assert proc.returncode == 1 and "a.txt" in proc.stdout


def test_ruffs_option_names_and_misused_options(tmp_path):
    (tmp_path / "a.txt").write_text("　　推动高质量发展 。\n", encoding="utf-8")
    proc = run("check", "--no-cache", "--output-format", "json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1 and json.loads(proc.stdout)[0]["rule"] == "SPC008"
    proc = run("check", "--no-cache", "--prune-baseline", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "--prune-baseline needs --baseline" in proc.stderr
    (tmp_path / ".newslint.yaml").write_text("extends: [names]\n", encoding="utf-8")
    proc = run("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown pack 'names'" in proc.stderr
    assert "bundled packs: default, strict" in proc.stderr


def test_statistics_in_json(tmp_path):
    (tmp_path / "a.txt").write_text("　　推动高质量发展 。开展调研 。\n", encoding="utf-8")
    proc = run("check", "--no-cache", "--statistics", "--format", "json", "a.txt", cwd=tmp_path)
    rows = json.loads(proc.stdout)
    assert proc.returncode == 1 and rows[0]["code"] == "SPC008" and rows[0]["count"] == 2 and rows[0]["fixable"] == 2


def test_an_edited_custom_rule_is_not_served_from_the_result_cache(tmp_path):
    p = page(tmp_path, "开展调研、座谈等等。\n")
    for pattern, message in (("等等", "A"), ("座谈", "B")):
        page(tmp_path, f"custom-rules:\n  - {{code: HSE001, name: x, kind: pattern, pattern: '{pattern}', "
                       f"message: '{message} {{match}}'}}\n", ".newslint.yaml")
        proc = run("check", "--select", "HSE", str(p), cwd=tmp_path)
        assert f"HSE001 [warning] {message} {pattern}" in proc.stdout, proc.stdout


def test_sarif_describes_custom_rules_from_their_definition(tmp_path):
    page(tmp_path, "custom-rules:\n  - {code: HSE001, name: dengdeng, kind: pattern, pattern: '等等', "
                   "message: 'use 等', description: 'After a list, 等 alone.', severity: error}\n", ".newslint.yaml")
    page(tmp_path, "开展调研、座谈等等。\n")
    proc = run("check", "--select", "HSE", "--format", "sarif", "--no-cache", "page.txt", cwd=tmp_path)
    sarif = json.loads(proc.stdout)["runs"][0]
    [descriptor] = [r for r in sarif["tool"]["driver"]["rules"] if r["id"] == "HSE001"]
    assert descriptor["shortDescription"]["text"] == "After a list, 等 alone."
    assert descriptor["defaultConfiguration"]["level"] == "error"
    assert "Defined in" in descriptor["fullDescription"]["text"]
    assert sarif["results"][0]["ruleIndex"] == sarif["tool"]["driver"]["rules"].index(descriptor)
