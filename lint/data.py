"""Where the bundled YAML packs live, and a YAML loader that remembers line numbers."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def packs_dir() -> Path:
    """`rules/` of a source checkout or editable install; `lint/_packs` inside a wheel."""
    for candidate in (_HERE / "_packs", _HERE.parent / "rules"):
        if (candidate / "default.yaml").is_file():
            return candidate
    raise FileNotFoundError("the bundled rule packs are missing (rules/default.yaml)")


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict):
    """A mapping from YAML that knows the line (1-based) of each key, for error messages."""

    __slots__ = ("lines", "line")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.line: int = 0


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = LineMap()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key",
                key_node.start_mark) from None
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def word_lines(name: str) -> list[str]:
    """The entries of a list in rules/words/: its lines, without blank lines and # comments."""
    lines = (packs_dir() / "words" / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def all_surnames() -> frozenset[str]:
    """Single and compound surnames (百家姓)."""
    return frozenset(word_lines("surnames.txt"))


@lru_cache(maxsize=1)
def given_name_chars() -> dict[str, int]:
    """Characters seen in given names, with the number of names holding each."""
    return {char: int(count) for char, count in (line.split("\t") for line in word_lines("given-name-chars.txt"))}


def load_yaml(text: str):
    """Parse YAML; mappings come back as LineMap. Raises yaml.YAMLError with a position."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
