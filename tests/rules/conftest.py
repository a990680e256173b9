from __future__ import annotations

import pytest

from lint.config import load_config
from lint.engine import Linter


@pytest.fixture
def lint_with():
    """lint_with("SPC007", policy="one") -> a function text -> findings of that rule."""

    def make(code: str, **options):
        config = load_config(None).with_cli(select=[code])
        if options:
            from lint.records import replace
            config = replace(config, rule_settings={code: options})
        linter = Linter(config.rules_for(None), config.layout)

        def check(text: str):
            return [f for f in linter.check(text).findings if f.rule == code]

        check.fix = lambda text, unsafe=False: linter.fix(text, unsafe=unsafe).text  # type: ignore[attr-defined]
        return check

    return make


def spans(text, findings):
    return [text[f.start:f.end] for f in findings]
