"""Where the benchmarks find the reference corpus: the one place that says so.

The corpus (clean news text, OCR pairs, confusion sets, word lists) is third-party data that
this repository does not ship. Set NEWSLINT_CORPUS to its folder; by default it is looked for
in a folder `shared/corpus` beside the repository's checkout. Benchmarks read it in place.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository


def corpus_dir() -> Path:
    """The reference corpus folder (it may not exist: callers say so or fall back)."""
    given = os.environ.get("NEWSLINT_CORPUS")
    return Path(given) if given else ROOT.parent / "shared" / "corpus"


def corpus_path(*parts: str) -> Path:
    """A file or folder inside the corpus: corpus_path("rmrb2019_caspiankexin")."""
    return corpus_dir().joinpath(*parts)


def require(*parts: str) -> Path:
    """Like corpus_path, but exits with a message when it is missing."""
    path = corpus_path(*parts)
    if not path.exists():
        raise SystemExit(f"bench: the reference corpus is not at {path} (set NEWSLINT_CORPUS)")
    return path
