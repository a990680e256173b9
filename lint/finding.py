"""What a check produces: findings, their fixes (as edits) and related places."""
from __future__ import annotations

from enum import Enum

from .records import record


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, Enum):
    """`safe` fixes never change meaning and run with --fix; `unsafe` ones need --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(str, Enum):
    """Whether a rule's findings come with a fix: every one, some (the message says why not), or none."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NONE = "none"


class FixSafety(str, Enum):
    """What a rule's fixes are: all safe, all unsafe, or safe or unsafe by the evidence of each
    finding (the rule's "Fix safety" paragraph says what decides)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    BY_EVIDENCE = "safe or unsafe"


CATEGORIES = ("duplicate", "broken-paragraph", "spacing", "name", "script", "punctuation", "typo", "furniture")


@record(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (code-point offsets) with `content`."""

    start: int
    end: int
    content: str = ""

    def overlaps(self, other: Edit) -> bool:
        if self.start == self.end == other.start == other.end:
            return True  # two insertions at one point: their order would be arbitrary
        return self.start < other.end and other.start < self.end


@record(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str

    @classmethod
    def delete(cls, start: int, end: int, message: str, applicability=Applicability.SAFE) -> Fix:
        return cls((Edit(start, end, ""),), applicability, message)

    @classmethod
    def replace(cls, start: int, end: int, content: str, message: str,
                applicability=Applicability.SAFE) -> Fix:
        return cls((Edit(start, end, content),), applicability, message)

    @classmethod
    def insert(cls, at: int, content: str, message: str, applicability=Applicability.SAFE) -> Fix:
        return cls((Edit(at, at, content),), applicability, message)


@record(frozen=True, slots=True)
class Related:
    """Another place that explains a finding: the kept original of a copy, the other spelling...

    `path` is None for a place in the same page. Places in other pages carry their own line and
    column, since only the rule that found them knows those pages.
    """

    offset: int
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None


@record(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule)
