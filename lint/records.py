"""Record classes: what `dataclasses.dataclass` makes of a class, for the part of it newslint
uses, at a fifth of the start-up cost.

The pre-commit hook starts newslint on every commit, and `dataclasses` cost a page check 40 ms
of its 180: 20 to import (it imports `inspect`, which imports `ast`, `dis`, `tokenize`...) and
0.7 ms a frozen class, because it compiles each generated method apart. Here a class's methods
are compiled in one go.

    @record(frozen=True, slots=True)
    class Edit:
        start: int
        end: int
        content: str = ""

gives `__init__` (fields in order, defaults, `field(default_factory=...)`), `__repr__`, `__eq__`
(same class, equal fields), `__hash__` (frozen: hash of the fields; otherwise unhashable),
`__match_args__`, and for `frozen` an error on assignment; `slots` makes the class anew with
`__slots__`. `replace(record, **changes)` copies one with some fields changed. No inheritance
between records, no `__post_init__`: newslint's records need neither.
"""
from __future__ import annotations

_MISSING = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


def field(*, default_factory):
    """A field whose default is made anew for each record (a list, a dict)."""
    return _Factory(default_factory)


def record(cls=None, /, *, frozen: bool = False, slots: bool = False):
    def wrap(cls):
        return _build(cls, frozen, slots)

    return wrap if cls is None else wrap(cls)


def replace(rec, /, **changes):
    """A copy of `rec` with the fields named in `changes` changed."""
    for name in rec.__record_fields__:
        if name not in changes:
            changes[name] = getattr(rec, name)
    return rec.__class__(**changes)


def _is_class_var(annotation) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return getattr(annotation, "__origin__", None) is not None and repr(annotation).startswith("typing.ClassVar")


def _build(cls, frozen: bool, slots: bool):
    annotations = cls.__dict__.get("__annotations__", {})
    names = tuple(n for n, a in annotations.items() if not _is_class_var(a))
    scope: dict = {"_object": object, "_Frozen": FrozenInstanceError, "_MISSING": _MISSING}
    params, body, defaulted = [], [], False
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        value = name
        if default is _MISSING:
            if defaulted:
                raise TypeError(f"{cls.__name__}: non-default field {name!r} follows a default one")
            params.append(name)
        elif isinstance(default, _Factory):
            defaulted = True
            scope[f"_f_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            value = f"_f_{name}() if {name} is _MISSING else {name}"
        else:
            defaulted = True
            scope[f"_d_{name}"] = default
            params.append(f"{name}=_d_{name}")
        body.append(f"  _object.__setattr__(self, {name!r}, {value})" if frozen else f"  self.{name} = {value}")
    mine = tuple(f"self.{n}" for n in names)
    theirs = tuple(f"other.{n}" for n in names)
    shown = ", ".join(f"{n}={{self.{n}!r}}" for n in names)
    source = [
        f"def __init__(self, {', '.join(params)}):",
        *(body or ["  pass"]),
        "def __repr__(self):",
        f"  return f'{{self.__class__.__qualname__}}({shown})'",
        "def __eq__(self, other):",
        "  if other.__class__ is self.__class__:",
        f"    return ({', '.join(mine)},) == ({', '.join(theirs)},)",
        "  return NotImplemented",
    ]
    if frozen:
        source += [
            "def __hash__(self):",
            f"  return hash(({', '.join(mine)},))",
            "def __setattr__(self, name, value):",
            "  raise _Frozen(f'cannot assign to field {name!r}')",
            "def __delattr__(self, name):",
            "  raise _Frozen(f'cannot delete field {name!r}')",
        ]
        if slots:  # pickling sets slots with setattr, which a frozen record refuses
            source += [
                "def __getstate__(self):",
                f"  return ({', '.join(mine)},)",
                "def __setstate__(self, state):",
                f"  for name, value in zip({names!r}, state):",
                "    _object.__setattr__(self, name, value)",
            ]
    exec("\n".join(source), scope)  # one compilation for the class (dataclasses makes one a method)
    methods = {k: v for k, v in scope.items() if k.startswith("__") and callable(v)}
    if not frozen:
        methods["__hash__"] = None  # mutable and compared by value: unhashable, as dataclasses has it
    for name, function in methods.items():
        if name not in cls.__dict__ or name == "__hash__" and cls.__dict__[name] is None:
            if function is not None:
                function.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, function)
    cls.__match_args__ = names
    cls.__record_fields__ = names
    if slots:
        namespace = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
        namespace["__slots__"] = names
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
        cls.__qualname__ = qualname
    return cls
