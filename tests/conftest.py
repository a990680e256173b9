from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = Path(__file__).resolve().parent / "fixtures" / "raw"
SEED_000 = "000_19bee804d0636bef.txt"
SEED_002 = "002_72af74311ad87857.txt"


def raw_text(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


@pytest.fixture
def raw_seeds(tmp_path: Path) -> Path:
    """A folder holding copies of the two raw seed pages."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for p in RAW.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    return folder


def tool(name: str) -> str | None:
    """A command installed beside this interpreter (the test venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real command line (python -m lint) and capture its output as text; `env` adds to
    the environment."""
    import os

    env = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)}  # this tree's code, whatever the working folder
    proc = subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, env=env)
    proc.stdout = proc.stdout.decode("utf-8")  # type: ignore[assignment]
    proc.stderr = proc.stderr.decode("utf-8")  # type: ignore[assignment]
    return proc
