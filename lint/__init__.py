"""newslint: lint and fix OCR'd Chinese newspaper pages.

The Python API, for pipelines that hold pages as strings:

    import lint
    findings = lint.check_text(page)                 # list[Finding]
    fixed = lint.fix_text(page, unsafe=False)        # the fixed text
    config = lint.load_config(".newslint.yaml")      # then check_text(page, config)
    for r in lint.check_records(records, config):   # (id, text) pairs or dicts: one result each
        r.id, r.text, r.findings, r.errors
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

__all__ = ["check_text", "fix_text", "check_records", "load_config", "Finding", "__version__"]

if TYPE_CHECKING:
    from .config import Config
    from .finding import Finding


def load_config(path=None) -> Config:
    """A config file (.newslint.yaml or pyproject.toml), or the default pack when path is None."""
    from .config import load_config as _load
    return _load(path)


def _linter(config):
    from .config import load_config as _load
    from .engine import Linter
    config = config if config is not None else _load(None)
    return Linter(config.rules_for(None), config.layout)


def check_text(text: str, config: Config | None = None) -> list[Finding]:
    """Lint one page given as text; offsets in the findings are code-point offsets into it."""
    return _linter(config).check(text).findings


def fix_text(text: str, config: Config | None = None, unsafe: bool = False) -> str:
    """Apply the fixes of every finding (safe ones; unsafe ones too when asked) until stable."""
    return _linter(config).fix(text, unsafe=unsafe).text


def check_records(records, config: Config | None = None, **options):
    """Check (fix=True: fix) records, (id, text) pairs or dicts with a text field, in batches:
    one lint.shardrun.RecordResult per record, in order (see lint.shardrun.check_records)."""
    from .shardrun import check_records as _check
    return _check(records, config, **options)


def __getattr__(name):
    if name == "Finding":
        from .finding import Finding
        return Finding
    raise AttributeError(name)
