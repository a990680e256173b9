"""What the name rules share: the verdicts of the page, and where the other spelling stands."""
from __future__ import annotations

from lint.finding import Related
from lint.rule import Rule

from lint.prose.name_index import NAMES

from ._variants import Verdict, verdicts


class ReadsNameIndex(Rule):
    """A name rule: it weighs the page's names against the name index of the whole corpus."""

    uses_corpus = True

    def corpus_indexes(self, layout) -> list:
        return [NAMES]


def page_verdicts(doc, kind: str) -> list[Verdict]:
    lists = doc.corpus.name_lists if doc.corpus is not None else ()
    return [v for v in verdicts(doc, tuple(lists)) if v.kind == kind]


def related(v: Verdict) -> tuple[Related, ...]:
    if v.here is not None:
        return (Related(v.here, f"'{v.other}' on this page"),)
    if v.place is not None:
        return (Related(v.place.offset, f"'{v.other}'", v.page, v.place.line, v.place.column),)
    return ()
