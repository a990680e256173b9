"""Where the bundled YAML packs live, and a YAML loader that remembers line numbers."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def packs_dir() -> Path:
    """`rules/` of a source checkout or editable install; `lint/_packs` inside a wheel."""
    for candidate in (_HERE / "_packs", _HERE.parent / "rules"):
        if (candidate / "default.yaml").is_file():
            return candidate
    raise FileNotFoundError("the bundled rule packs are missing (rules/default.yaml)")


class LineMap(dict):
    """A mapping from YAML that knows the line (1-based) of each key, for error messages."""

    __slots__ = ("lines", "line")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.line: int = 0


@lru_cache(maxsize=1)
def _loader():
    """A SafeLoader whose mappings remember the line of each key (yaml is imported here, on the
    first parse that the cache below cannot answer)."""
    import yaml

    class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        def construct_document(self, node):
            # aliases share nodes: a few lines can stand for billions of values ("billion
            # laughs") or for a value that holds itself; count before building anything
            _bounded(node, yaml)
            return super().construct_document(node)

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
    return _LineLoader


MAX_YAML_VALUES = 100_000  # values a config may expand to (a real one has a few hundred)


def _bounded(root, yaml) -> None:
    """Raise a YAML error if the document under `root`, aliases expanded, holds more than
    MAX_YAML_VALUES values or a value that holds itself. Each node is sized once."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        if done:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(c)] for c in children)
            if size > MAX_YAML_VALUES:
                raise yaml.YAMLError(f"aliases expand to more than {MAX_YAML_VALUES:,} values")
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise yaml.YAMLError("a value holds itself (a recursive alias)")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


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
    """Parse YAML; mappings come back as LineMap. Raises yaml.YAMLError with a position.

    What a text parses to is kept in the user cache folder by the text's digest: the packs and
    the config are the same text run after run, and importing and running the parser costs a
    pre-commit hook served from the result cache a fifth of its time."""
    from . import seal
    from .digest import blake2b

    from .pagecache import cache_folder, sealing_key, write_cache_file

    path = cache_folder() / "yaml" / f"{blake2b(text.encode('utf-8', 'surrogatepass'), digest_size=16).hexdigest()}"
    try:
        found = seal.loads(path.read_bytes(), sealing_key())
        if found is not None:
            return _decode(found)
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        pass
    import yaml

    data = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    try:
        write_cache_file(path, seal.dumps(_encode(data), sealing_key()))
    except ValueError:
        pass  # a value marshal cannot hold (a YAML date): parsed every time
    return data


def _encode(value):
    """YAML data as marshal-able tuples: ("m", items, lines, line) for a LineMap, ("l", items)
    for a list; scalars as they are (YAML data holds no tuples)."""
    if isinstance(value, LineMap):
        return ("m", [(_encode(k), _encode(v)) for k, v in value.items()],
                [(_encode(k), n) for k, n in value.lines.items()], value.line)
    if isinstance(value, list):
        return ("l", [_encode(v) for v in value])
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError(f"not cacheable: {type(value).__name__}")


def _decode(value):
    if isinstance(value, tuple):
        if value[0] == "l":
            return [_decode(v) for v in value[1]]
        out = LineMap((_decode(k), _decode(v)) for k, v in value[1])
        out.lines = {_decode(k): n for k, n in value[2]}
        out.line = value[3]
        return out
    return value
