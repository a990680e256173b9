"""The rule model: a rule is a class with a code, a name, a category, a default severity, options
with defaults, and a docstring that is its documentation. `check` is pure: document in, findings
out; it knows nothing of files, configuration discovery or output."""
from __future__ import annotations

from typing import Any, ClassVar, Iterable

from .document import Document
from .finding import Finding, Fix, FixAvailability, FixSafety, Related, Severity
from .records import record


class ConfigError(Exception):
    """A problem in a configuration or rule pack; the message names the file, line and rule."""


@record(frozen=True)
class Option:
    default: Any
    doc: str
    choices: tuple | None = None

    def validate(self, rule: str, name: str, value: Any) -> Any:
        if self.choices is not None:
            if value not in self.choices:
                raise ConfigError(f"{rule}: option '{name}' must be one of "
                                  f"{', '.join(map(str, self.choices))}, not {value!r}")
            return value
        expected = type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if expected is tuple and isinstance(value, list):
            return tuple(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{rule}: option '{name}' must be {expected.__name__}, "
                              f"not {type(value).__name__} ({value!r})")
        return value


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE  # whether its findings carry fixes
    fix_safety: ClassVar[FixSafety | None] = None  # what those fixes are (None: no fixes)
    options: ClassVar[dict[str, Option]] = {}
    origin: ClassVar[str] = "built-in"
    # selected only by its code or name, never by its family, a prefix or ALL: a rule whose
    # findings on clean text are too many for every page, worth it on a backlog of raw OCR
    opt_in: ClassVar[bool] = False
    # True for a rule that compares the page with other pages (doc.corpus): its results depend on
    # the corpus too, and a parallel run builds its indexes (`corpus_indexes`) before checking
    uses_corpus: ClassVar[bool] = False
    # codes of the rules whose verdicts this rule weighs (BRK001 weighs a double at a seam as
    # DUP002 does): the configuration hands them over through `consult`, built with the user's
    # options, whether they are selected or not
    consults: ClassVar[tuple[str, ...]] = ()
    # pages from which `check_batch` beats `check` page by page (0: no batch path); a run over
    # many pages hands such a rule batches of at least this many (see Linter.prime)
    batch_min: ClassVar[int] = 0

    def __init__(self, severity: Severity | None = None, **options: Any):
        self.severity = severity or type(self).severity  # type: ignore[misc]
        for key in options:
            if key not in self.options:
                raise ConfigError(f"{self.code} ({self.name}) has no option '{key}'"
                                  + did_you_mean(key, self.options))
        self.settings = {key: opt.default for key, opt in self.options.items()}
        for key, value in options.items():
            self.settings[key] = self.options[key].validate(self.code, key, value)

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    def check_batch(self, docs: list[Document]) -> list[list[Finding]]:
        """The findings of each document, exactly as `check` gives them, for a rule whose work
        over many pages at once costs less (array operations over all of them)."""
        return [list(self.check(doc)) for doc in docs]

    def warm_batch(self) -> None:
        """Load what `check_batch` reads, ahead of the first batch."""

    def consult(self, peers: dict[str, Rule]) -> None:
        """Take the rules named in `consults`, configured as the user configured them."""

    def corpus_indexes(self, layout) -> list:
        """The cross-page indexes (lint.corpus.PageIndexSpec) this rule reads, so that a run over
        many pages can build them once, in parallel, before the pages are checked."""
        return []

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None,
                related: tuple[Related, ...] = ()) -> Finding:
        return Finding(self.code, self.name, self.category, self.severity, message, start, end,
                       fix, related)

    @classmethod
    def documentation(cls) -> str:
        import inspect  # for `newslint rule`, not for checking (it imports ast, dis, tokenize)

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def fix_summary(cls) -> str:
        """'always (safe)', 'sometimes (unsafe)', 'always (safe or unsafe)' or 'none'."""
        if cls.fix_availability is FixAvailability.NONE or cls.fix_safety is None:
            return "none"
        return f"{cls.fix_availability.value} ({cls.fix_safety.value})"

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0]
