"""How newslint lives in a repository of pages: --since for pull requests, baselines for adoption."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_000, SEED_002, run, tool

GIT = ["git", "-c", "user.name=newslint-test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
# a page with two defects: a space between Chinese characters, a traditional character
DAMAGED = "标题\n\n　　围绕产业转型升级，推动高质量发 展，着眼全局抓重点。\n\n　　今年全市经济發展稳中有进，群众满意度不断提升。\n"
CLEAN_PARAGRAPH = "　　全市上下凝心聚力、攻坚克难，奋力谱写高质量发展新篇章。\n\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if tool("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "pages").mkdir(parents=True)
    for seed in (SEED_000, SEED_002):  # the repository's own clean pages
        shutil.copy(ROOT / "seeds" / seed, repo / "pages" / seed)
    (repo / ".newslint.yaml").write_text("extends: default\ncorpus: [pages/]\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "pages")
    return repo


def findings(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_since_lints_only_the_new_page(repo):
    (repo / "pages" / "new.txt").write_text(DAMAGED, encoding="utf-8")
    everything = findings(run("check", "--format", "json", "--exit-zero", "pages/", cwd=repo))
    assert {f["path"] for f in everything} >= {"pages/new.txt", f"pages/{SEED_000}"}  # the seeds' page jumps
    since = findings(run("check", "--since", "HEAD", "--format", "json", "pages/", cwd=repo))
    assert {f["path"] for f in since} == {"pages/new.txt"}
    assert {f["rule"] for f in since} == {"SPC007", "SCR001"}
    git(repo, "add", "pages/new.txt")  # staged or committed later: still changed since the old HEAD
    git(repo, "commit", "-q", "-m", "new page")
    assert {f["path"] for f in findings(run("check", "--since", "HEAD~1", "--format", "json", cwd=repo))} \
        == {"pages/new.txt"}
    assert run("check", "--since", "HEAD", "pages/", cwd=repo).returncode == 0  # nothing changed since
    bad = run("check", "--since", "no-such-rev", cwd=repo)
    assert bad.returncode == 2 and "no-such-rev" in bad.stderr


def test_baseline_reports_only_new_findings(repo):
    new = repo / "pages" / "new.txt"
    new.write_text(DAMAGED, encoding="utf-8")
    wrote = run("check", "--write-baseline", "newslint-baseline.json", "pages/", cwd=repo)
    assert wrote.returncode == 0 and "baseline entries" in wrote.stderr
    entries = json.loads((repo / "newslint-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} >= {"pages/new.txt"}
    assert run("check", "--baseline", "newslint-baseline.json", "pages/", cwd=repo).returncode == 0

    # a new defect on the same page is reported, the recorded ones are not
    new.write_text(DAMAGED + "\n　　会议强调，要坚持稳中求进,推动经济持续向好。\n", encoding="utf-8")
    proc = run("check", "--baseline", "newslint-baseline.json", "--format", "json", "pages/", cwd=repo)
    assert proc.returncode == 1
    assert [(f["rule"], f["path"]) for f in json.loads(proc.stdout)] == [("PUN002", "pages/new.txt")]


def test_a_reflowed_page_keeps_its_baseline_entries(repo):
    new = repo / "pages" / "new.txt"
    new.write_text(DAMAGED, encoding="utf-8")
    run("check", "--write-baseline", "base.json", "pages/", cwd=repo)
    # a paragraph added above moves every finding to other lines and offsets
    title, rest = DAMAGED.split("\n\n", 1)
    new.write_text(title + "\n\n" + CLEAN_PARAGRAPH + rest, encoding="utf-8")
    proc = run("check", "--baseline", "base.json", "pages/", cwd=repo)
    assert proc.returncode == 0 and "no longer match" not in proc.stderr, proc.stdout + proc.stderr


def test_stale_entries_are_reported_and_pruned(repo):
    new = repo / "pages" / "new.txt"
    new.write_text(DAMAGED, encoding="utf-8")
    run("check", "--write-baseline", "base.json", "pages/", cwd=repo)
    new.write_text(DAMAGED.replace("發展", "发展"), encoding="utf-8")  # an editor fixed one
    proc = run("check", "--baseline", "base.json", "pages/", cwd=repo)
    assert proc.returncode == 0 and "1 baseline entry no longer matches" in proc.stderr and "SCR001" in proc.stderr
    before = len(json.loads((repo / "base.json").read_text(encoding="utf-8"))["entries"])
    run("check", "--baseline", "base.json", "--prune-baseline", "pages/", cwd=repo)
    after = json.loads((repo / "base.json").read_text(encoding="utf-8"))["entries"]
    assert len(after) == before - 1 and all(e["rule"] != "SCR001" for e in after)
    assert "no longer match" not in run("check", "--baseline", "base.json", "pages/", cwd=repo).stderr


def test_absolute_paths_find_what_relative_ones_find(tmp_path):
    for seed in (SEED_000, SEED_002):
        shutil.copy(ROOT / "tests" / "fixtures" / "raw" / seed, tmp_path / seed)
    relative = findings(run("check", "--format", "json", SEED_000, SEED_002, cwd=tmp_path))
    absolute = findings(run("check", "--format", "json", *(str(tmp_path / s) for s in (SEED_000, SEED_002)),
                            cwd=tmp_path))
    assert len(absolute) == len(relative) and any(f["rule"] == "NAM002" for f in absolute)
