r"""Regular expressions compiled on first use, by the standard `re` module, from a program kept
between runs.

The `regex` module costs 15 ms to import and compiles in Python, about a millisecond a pattern;
`re` spends milliseconds on a class spanning thousands of code points ([\u4e00-\u9fff]) and
knows no Unicode properties (\p{Han}). So a pattern is read once: its properties spelled out as
the code points `regex` gives them, `re` compiles it, and the compiled program (`re`'s list of
opcodes) is kept in the cache folder; later runs hand it to `_sre` directly and import neither
`regex` nor `re`'s compiler. What `re` would read otherwise (`regex`'s own syntax and flags,
nested sets, variable-length look-behind, what it warns about) goes to `regex`.
tests/test_patterns.py checks that both engines find the same for every built-in pattern.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
            "scanner", "pattern", "flags", "groups", "groupindex")

_NEEDS_REGEX = ("\\X", "\\N{", "(?r)", "(?V1)", "(?V0)", "(?f)", "(?b)", "(?e)", "(?w)", "(?p)")
_RE_FLAGS = ("ASCII", "IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE")
_REGEX = None  # a program's place in the cache: this pattern goes to `regex`


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
        compiled, self.engine = compile_pattern(pattern, flags)
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


def compile_pattern(pattern: str | bytes, flags: int | str = 0):
    """(compiled pattern, "re" or "regex"): `re` from the kept program where there is one."""
    programs = _programs()
    key = (pattern, flags)
    if key in programs.kept:
        program = programs.kept[key]
    else:
        program = programs.remember(key, re_program(pattern, flags))
    if program is not _REGEX:
        try:
            return _sre_compile(program), "re"
        except (TypeError, ValueError, RuntimeError):  # a program this _sre does not take
            program = programs.remember(key, re_program(pattern, flags))
            if program is not _REGEX:
                return _sre_compile(program), "re"
    return compile_with_regex(pattern, flags), "regex"


def _sre_compile(program: tuple):
    import _sre

    pattern, flags, opcodes, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, memoryview(opcodes).cast("I").tolist(), groups, groupindex, indexgroup)


def compile_with_regex(pattern: str | bytes, flags: int | str = 0):
    import regex  # imported by the first pattern `re` does not take: many runs never import it

    if isinstance(flags, str):
        names, flags = flags, 0
        for flag in filter(None, names.split("|")):
            flags |= getattr(regex, flag.strip())
    return regex.compile(pattern, flags)


def re_program(pattern: str | bytes, flags: int | str = 0) -> tuple | None:
    """The arguments `_sre.compile` takes for the pattern (what re.compile computes), or None
    where `re` would not read it as `regex` does: `regex`'s own syntax and flags, a property
    inside a negated set, what `re` rejects or warns about (nested sets, variable-length
    look-behind)."""
    import re
    import warnings
    from re import _compiler, _parser

    if isinstance(flags, int) and flags:
        return None  # given as regex.X: the caller imported regex and chose it
    re_flags = 0
    for flag in filter(None, str(flags or "").split("|")):
        if flag.strip() not in _RE_FLAGS:
            return None
        re_flags |= getattr(re, flag.strip())
    if isinstance(pattern, str):
        if any(s in pattern for s in _NEEDS_REGEX):
            return None
        if "\\p{" in pattern or "\\P{" in pattern:
            if re_flags & re.IGNORECASE:
                return None
            pattern = spell_properties(pattern)
            if pattern is None:
                return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _parser.parse(pattern, re_flags)
            code = _compiler._code(parsed, re_flags)
    except (re.error, Warning, OverflowError, RecursionError):
        return None
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # the opcodes as bytes: marshal reads one object, not one an opcode (a class is thousands)
    opcodes = b"".join(int(c).to_bytes(4, sys.byteorder) for c in code)  # as memoryview.cast("I") reads
    return (pattern, int(re_flags | parsed.state.flags), opcodes,
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def spell_properties(pattern: str) -> str | None:
    r"""The pattern with each \p{Name} written as the code points `regex` gives the property
    ([\u3400-\u4dbf...]); None where a set would need one's complement (\P inside [...])."""
    out, i, in_set, n = [], 0, False, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            if pattern[i + 1] in "pP" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.find("}", i)
                if end < 0:
                    return None
                name, negated = pattern[i + 3:end], pattern[i + 1] == "P"
                ranges = property_ranges(name)
                if in_set:
                    if negated:
                        return None
                    out.append(ranges)
                else:
                    out.append(f"[{'^' if negated else ''}{ranges}]")
                i = end + 1
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_set:
            in_set = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":  # a leading ] is a member
                out.append("\\]")
                i += 1
            continue
        if c == "]" and in_set:
            in_set = False
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=None)
def property_ranges(name: str) -> str:
    r"""The code points of a Unicode property as `regex` reads it, as the body of a set."""
    import regex

    runs = regex.compile(rf"\p{{{name}}}+").finditer(_every_character())
    return "".join(rf"\U{m.start():08x}" + (rf"-\U{m.end() - 1:08x}" if m.end() - m.start() > 1 else "")
                   for m in runs)


@lru_cache(maxsize=1)
def _every_character() -> str:
    # decoded from an array, not joined from 1.1 million one-character strings (90 MB at peak)
    from array import array

    codes = array("I", range(sys.maxunicode + 1))
    return codes.tobytes().decode(f"utf-32-{'le' if sys.byteorder == 'little' else 'be'}", "surrogatepass")


class _Programs:
    """Compiled programs by (pattern, flags), read from the cache folder once a process and
    written back, merged with what other runs added meanwhile, when the process ends."""

    def __init__(self, path):
        self.path = path
        self.pid = os.getpid()
        self.added: dict = {}
        from . import seal
        from .pagecache import sealing_key

        self.kept = {}
        try:
            with open(path, "rb") as f:
                found = seal.loads(f.read(), sealing_key())  # a program read wrong runs wrong, or crashes
        except OSError:
            return
        if isinstance(found, dict):
            self.kept = found

    def remember(self, key, program):
        self.kept[key] = self.added[key] = program
        if os.getpid() != self.pid:
            self.write()  # a forked worker runs no atexit: write now (a pattern is new once an installation)
        elif len(self.added) == 1:
            import atexit

            atexit.register(self.write)
        return program

    def write(self) -> None:
        from . import seal
        from .pagecache import sealing_key, write_cache_file

        if not self.added:
            return
        merged = _Programs(self.path).kept
        merged.update(self.added)
        try:
            write_cache_file(self.path, seal.dumps(merged, sealing_key()))
        except ValueError:  # a pattern marshal cannot write: keep nothing rather than fail
            pass
        self.added = {}


@lru_cache(maxsize=1)
def _programs() -> _Programs:
    import _sre

    from .pagecache import cache_folder

    version = f"py{sys.hexversion:x}-sre{_sre.MAGIC}-regex{_regex_stamp()}"
    return _Programs(cache_folder() / f"patterns-{version}.marshal")


def _regex_stamp() -> str:
    """Which `regex` is installed, without importing it: the properties spelled out are its
    reading of Unicode."""
    from .pagecache import file_digest

    for folder in sys.path:
        try:
            return file_digest(os.path.join(folder or ".", "regex", "_main.py"))[:6].hex()
        except OSError:
            continue
    return "none"


class _RegexModule:
    """The `regex` module, imported when a rule first uses one of its functions (regex.escape,
    regex.finditer...): `from lint.patterns import regex` in a rule module costs nothing."""

    def __getattr__(self, name: str):
        import regex as module

        value = getattr(module, name)
        setattr(self, name, value)
        return value


regex = _RegexModule()
