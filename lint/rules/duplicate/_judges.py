"""What DUP002 and DUP003 share: the allowlist options and the judge built from them."""
from __future__ import annotations

from lint.prose.doubles import DoubleJudge
from lint.rule import Option, Rule


class JudgesDoubles(Rule):
    """A rule that judges doubled characters with lint.prose.doubles, with its own allowlist."""

    options = {
        "allow": Option((), "more text in which a doubled character is correct (added to the bundled list)"),
        "never-doubled": Option("", "more characters that running text never doubles"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.judge = DoubleJudge(self.settings["allow"], self.settings["never-doubled"])
