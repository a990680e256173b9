"""pre-commit, as users meet it: this repository's hook in a fresh clone, and the hooks it
publishes (.pre-commit-hooks.yaml) used from another repository of pages. Both install their
environments from the package registry, as pre-commit does."""
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, tool

GIT = ["git", "-c", "user.name=newslint-test", "-c", "user.email=test@example.invalid",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]


def precommit(*args, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    exe = tool("pre-commit")
    # the hooks run newslint as pre-commit installed it, not this tree's code on PYTHONPATH
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "PRE_COMMIT_HOME": str(home),
           "PRE_COMMIT_COLOR": "never",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run([exe, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    if tool("pre-commit") is None:
        pytest.fail("pre-commit is not installed: pip install -e '.[test]'")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return tmp_path_factory.mktemp("pre-commit-home")


def test_own_hook_in_a_fresh_clone(tmp_path, home):
    clone = tmp_path / "clone"
    subprocess.run([*GIT, "clone", "-q", str(ROOT), str(clone)], check=True)
    ok = precommit("run", "--all-files", cwd=clone, home=home)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "newslint" in ok.stdout and "Passed" in ok.stdout
    # a damaged page makes the hook fail, naming the finding
    page = next((clone / "seeds").glob("*.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\n围绕产业转型升级，推动高质量发 展。\n",
                    encoding="utf-8")
    bad = precommit("run", "--all-files", cwd=clone, home=home)
    assert bad.returncode == 1 and "SPC007" in bad.stdout


def test_published_hooks_from_another_repository(tmp_path, home):
    pages = tmp_path / "pages"
    pages.mkdir()
    subprocess.run([*GIT, "init", "-q", str(pages)], check=True)
    (pages / "a.txt").write_text("\n\n标题\n\n正文。\n\n", encoding="utf-8")
    subprocess.run([*GIT, "add", "a.txt"], cwd=pages, check=True)
    fix = precommit("try-repo", str(ROOT), "newslint-fix", "--all-files", cwd=pages, home=home)
    # the fixing hook rewrites the page, so pre-commit reports files modified (exit 1)
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "files were modified by this hook" in fix.stdout
    assert (pages / "a.txt").read_text(encoding="utf-8") == "标题\n\n正文。\n"
    subprocess.run([*GIT, "add", "a.txt"], cwd=pages, check=True)
    check = precommit("try-repo", str(ROOT), "newslint", "--all-files", cwd=pages, home=home)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_release_tag_runs_as_the_docs_say(tmp_path, home):
    """What docs/ci.md tells a user: `rev:` the release's tag. A clone of this repository gets the
    tag the release is made with (v + lint/version.py's version), and another repository of pages
    runs the hooks from it; the hook's newslint is that version."""
    import re

    from lint.version import __version__

    tag = f"v{__version__}"
    for doc in ("docs/ci.md", "README.md"):  # the docs name this release's tag
        assert re.findall(r"rev: (\S+)", (ROOT / doc).read_text(encoding="utf-8")) == [tag], doc
    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    release = tmp_path / "newslint"
    subprocess.run([*GIT, "clone", "-q", str(ROOT), str(release)], check=True)
    # the clone may carry the release's tag already: made again here, on the code under test
    subprocess.run([*GIT, "tag", "-f", "-a", tag, "-m", f"newslint {__version__}"], cwd=release, check=True)
    pages = tmp_path / "pages"
    pages.mkdir()
    subprocess.run([*GIT, "init", "-q", str(pages)], check=True)
    (pages / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {release}\n    rev: {tag}\n    hooks:\n      - id: newslint-fix\n",
        encoding="utf-8")
    (pages / "a.txt").write_text("\n\n标题\n\n围绕产业转型升级，推动高质量发 展。\n", encoding="utf-8")
    subprocess.run([*GIT, "add", "-A"], cwd=pages, check=True)
    own_home = tmp_path / "pre-commit-home"  # its own: the hooks' environment is built from the tag
    fix = precommit("run", "--all-files", cwd=pages, home=own_home)
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout, fix.stdout + fix.stderr
    assert (pages / "a.txt").read_text(encoding="utf-8") == "标题\n\n围绕产业转型升级，推动高质量发展。\n"
    installed = list(own_home.glob("repo*/py_env-*/bin/newslint"))  # the environment built from the tag
    assert len(installed) == 1, sorted(str(p) for p in own_home.glob("repo*/*"))
    version = subprocess.run([str(installed[0]), "--version"], capture_output=True, text=True,
                             env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert version.stdout.strip() == f"newslint {__version__}"
