r"""Regular expressions compiled on first use, by the standard `re` module where that is faster.

The `regex` module compiles in Python, about a millisecond a pattern, and costs 15 ms to import:
for a pre-commit run over one page, a tenth of the wall time. `re` compiles long alternations
(surnames, titles, verbs) three times faster, but spends milliseconds on a class spanning
thousands of code points ([\u4e00-\u9fff]) and knows no Unicode properties (\p{Han}): those go
to `regex`, the others to `re` unless it would read them differently (it rejects or warns).
tests/test_patterns.py checks that both engines find the same for every built-in pattern.
"""
from __future__ import annotations

from functools import lru_cache

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
            "scanner", "pattern", "flags", "groups", "groupindex")

_NEEDS_REGEX = ("\\p{", "\\P{", "\\X", "\\N{", "(?r)", "(?V1)", "(?V0)")
_RE_FLAGS = ("ASCII", "IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE")


class LazyPattern:
    """Stands for regex.compile(pattern, flags): compiles on the first use of any attribute, then
    holds the compiled pattern's methods itself, so later calls cost what direct calls cost.
    `engine` says which module compiled it ("re" or "regex"); `pattern` is always the source."""

    def __init__(self, pattern: str, flags: int | str = 0):
        self._source = (pattern, flags)  # flags by name ("MULTILINE|VERBOSE"): naming regex.M imports regex

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        pattern, flags = self._source
        compiled = compile_with_re(pattern, flags)
        self.engine = "re"
        if compiled is None:
            compiled, self.engine = compile_with_regex(pattern, flags), "regex"
        for attr in _METHODS:
            if hasattr(compiled, attr):
                setattr(self, attr, getattr(compiled, attr))
        self.pattern = pattern
        self.compiled = compiled
        return getattr(self, name) if name in ("pattern", "engine") else getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def lazy(pattern: str, flags: int | str = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)


def compile_with_regex(pattern: str | bytes, flags: int | str = 0):
    import regex  # imported by the first pattern `re` does not take: many runs never import it

    if isinstance(flags, str):
        names, flags = flags, 0
        for flag in filter(None, names.split("|")):
            flags |= getattr(regex, flag.strip())
    return regex.compile(pattern, flags)


def compile_with_re(pattern: str | bytes, flags: int | str = 0):
    """The pattern compiled by `re`, or None where `regex` is faster (a wide class) or `re` would
    not read it as `regex` does: Unicode properties, `regex`'s own syntax and flags, what `re`
    rejects or warns about (nested sets, variable-length look-behind)."""
    import re
    import warnings

    if isinstance(flags, int) and flags:
        return None  # given as regex.X: the caller imported regex and chose it
    re_flags = 0
    for flag in filter(None, str(flags or "").split("|")):
        if flag.strip() not in _RE_FLAGS:
            return None
        re_flags |= getattr(re, flag.strip())
    if isinstance(pattern, str) and (any(s in pattern for s in _NEEDS_REGEX) or _wide_range(pattern)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return re.compile(pattern, re_flags)
    except (re.error, Warning, OverflowError, RecursionError):
        return None


def _wide_range(pattern: str) -> bool:
    """A class range in the BMP wider than 256 code points ([\u4e00-\u9fff], [一-龥]): `re` fills a
    table one code point at a time for it, milliseconds a pattern."""
    for m in _range_ends().finditer(pattern):
        lo, hi = (int(e[2:], 16) if e.startswith("\\") else ord(e) for e in m.groups())
        if hi - lo > 256 and lo < 0x10000:
            return True
    return False


@lru_cache(maxsize=1)
def _range_ends():
    import re

    end = r"(\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|[^\\\[\]])"
    return re.compile(f"{end}-{end}")


class _RegexModule:
    """The `regex` module, imported when a rule first uses one of its functions (regex.escape,
    regex.finditer...): `from lint.patterns import regex` in a rule module costs nothing."""

    def __getattr__(self, name: str):
        import regex as module

        value = getattr(module, name)
        setattr(self, name, value)
        return value


regex = _RegexModule()
