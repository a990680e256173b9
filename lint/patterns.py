"""Regular expressions compiled on first use. The `regex` module compiles in Python, about a
millisecond a pattern: the rules' sixty patterns cost a run that needs none of them (a warm run
served from the result cache) more time than everything else it does."""
from __future__ import annotations

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
            "scanner", "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """Stands for regex.compile(pattern, flags): compiles on the first use of any attribute, then
    holds the compiled pattern's methods itself, so later calls cost what direct calls cost."""

    def __init__(self, pattern: str, flags: int | str = 0):
        self._source = (pattern, flags)  # flags by name ("MULTILINE|VERBOSE"): naming regex.M imports regex

    def __getattr__(self, name: str):
        import regex  # imported by the first pattern used: a run served from the cache never is

        pattern, flags = self._source
        if isinstance(flags, str):
            names, flags = flags, 0
            for flag in filter(None, names.split("|")):
                flags |= getattr(regex, flag.strip())
        compiled = regex.compile(pattern, flags)
        for attr in _METHODS:
            setattr(self, attr, getattr(compiled, attr))
        self.compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def lazy(pattern: str, flags: int | str = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)


class _RegexModule:
    """The `regex` module, imported when a rule first uses one of its functions (regex.escape,
    regex.finditer...): `from lint.patterns import regex` in a rule module costs nothing."""

    def __getattr__(self, name: str):
        import regex as module

        value = getattr(module, name)
        setattr(self, name, value)
        return value


regex = _RegexModule()
