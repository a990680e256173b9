"""Records behave as the dataclasses they replace, for what newslint asks of them."""
from __future__ import annotations

import dataclasses
import pickle
from typing import ClassVar

import pytest

from lint.finding import Finding, Fix, Related, Severity
from lint.records import FrozenInstanceError, field, record, replace


@record(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str = ""
    kinds: ClassVar[tuple[str, ...]] = ("body", "caption")


@record
class Tally:
    name: str
    seen: list[str] = field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class SpanDataclass:
    start: int
    end: int
    label: str = ""


def test_fields_in_order_with_defaults_and_class_variables_left_out():
    assert Span.__record_fields__ == ("start", "end", "label")
    assert Span(1, 2).label == "" and Span(1, 2, "x") == Span(start=1, end=2, label="x")
    assert Span.kinds == ("body", "caption")
    with pytest.raises(TypeError):
        Span(1)
    with pytest.raises(TypeError):
        Span(1, 2, colour="red")


def test_shown_compared_and_hashed_as_a_dataclass_is():
    assert repr(Span(1, 2, "x")).replace("Span", "SpanDataclass") == repr(SpanDataclass(1, 2, "x"))
    assert Span(1, 2) == Span(1, 2) and Span(1, 2) != Span(1, 3)
    assert Span(1, 2) != (1, 2, "")  # a record equals only a record of its class
    assert hash(Span(1, 2, "x")) == hash(Span(1, 2, "x"))
    assert len({Span(1, 2), Span(1, 2), Span(2, 3)}) == 2


def test_a_frozen_record_refuses_assignment_and_has_no_dict():
    span = Span(1, 2)
    with pytest.raises(FrozenInstanceError):
        span.start = 5
    with pytest.raises(AttributeError):
        del span.end
    assert not hasattr(span, "__dict__")


def test_a_mutable_record_makes_a_fresh_default_each_time_and_is_unhashable():
    a, b = Tally("a"), Tally("b")
    a.seen.append("x")
    assert b.seen == [] and a.seen == ["x"]
    a.name = "c"
    assert a == Tally("c", ["x"])
    with pytest.raises(TypeError):
        hash(a)


def test_replace_copies_with_changes():
    span = Span(1, 2, "x")
    assert replace(span, end=9) == Span(1, 9, "x") and span.end == 2
    with pytest.raises(TypeError):
        replace(span, colour="red")


def test_a_field_without_default_after_one_with_is_refused():
    with pytest.raises(TypeError):
        @record
        class Wrong:
            a: int = 0
            b: int


def test_findings_cross_processes_whole():
    """Workers hand findings to the parent pickled: frozen, slotted records must survive it."""
    finding = Finding("DUP003", "doubled-character", "duplicate", Severity.WARNING, "'催' doubled", 7, 8,
                      Fix.delete(7, 8, "Drop one copy"), (Related(3, "the other copy", "seeds/a.txt", 1, 2),))
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert pickle.loads(pickle.dumps(Span(1, 2, "x"))) == Span(1, 2, "x")
