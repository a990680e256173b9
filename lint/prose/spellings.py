"""Spellings of names: how the one differing character of two spellings is alike (look, sound),
and the name-shaped stretches of a page (a surname and one or two Han characters), so that the
spellings one character apart from a set of names are found in one pass over the page, however
long it is (a regular expression per name would make a 10 MB file quadratic).

A page holds a thousand such stretches (国家, 和平: 国 and 和 are surnames too) and a rule needs
few of them: `name_windows` lists them all, as the plain definition; `PageSpellings` visits only
the places that start with a character of the names it is given, and `spelled_in` finds which of
a set of names the page prints by its distinct spellings (found by the regular-expression engine,
at the places that could begin one of a corpus's names: `single_windows_among`), then where. Both
give what a walk over `name_windows` gives.
"""
from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from lint.data import packs_dir
from lint.packed import CharMap
from lint.pagecache import cached
from lint.patterns import LazyPattern, lazy

from .confusions import ocr_confusions
from .name_index import wildcard_keys
from .names import surnames

if TYPE_CHECKING:
    from re import Pattern


def name_windows(text: str) -> list[tuple[int, str, int]]:
    """(start, spelling, surname length) of every surname-and-given-name shape in `text`, by
    start; where a compound surname stands, its first character is tried as a surname too."""
    single, compound = _surname_res()
    starts = [(m.start(), 1) for m in single.finditer(text)]
    starts += [(m.start(), 2) for m in compound.finditer(text)]  # zero-width: every start
    starts.sort()
    out = []
    given = _GIVEN.match
    for i, s in starts:
        g = given(text, i + s)
        if g:
            out.append((i, text[i:i + s + 1], s))
            if g.end() - g.start() == 2:
                out.append((i, text[i:i + s + 2], s))
    return out


_GIVEN = lazy(r"\p{Han}{1,2}")


@lru_cache(maxsize=1)
def _surname_res() -> tuple[LazyPattern, LazyPattern]:
    single, compound = surnames()
    return lazy("[" + "".join(sorted(single)) + "]"), lazy("(?=" + "|".join(sorted(compound)) + ")")


def spelled_in(text: str, names: Container[str], keep: Callable[[str], object] | None = None,
               single: Pattern | None = None) -> dict[str, list[tuple[int, int]]]:
    """The spellings of `name_windows(text)` that are in `names` (and that `keep`), each with the
    (start, surname length) of its windows, in the order of the windows (a spelling by its first
    window). `single`: single_windows_among(names), if made."""
    _, compound = surnames()
    among = names.__contains__
    # at each single surname: the window of three, else of two (or the narrower stretches of `single`)
    longest = (single or _SINGLE_WINDOW()).findall(text)
    # the spellings of the windows of a one-character surname that are among `names` (a page
    # has a thousand windows and prints a few names: only those are kept in a set)
    one = set(filter(among, longest))
    one.update(filter(among, map(_FIRST_TWO, longest)))
    if single is not None:  # (its stretches may run a character past a window)
        one = {w for w in one if _GIVEN.fullmatch(w, 1)}
    two: set[str] = set()  # ... of a compound surname
    for head, rest in _COMPOUND_WINDOW().findall(text):
        if head + rest[0] in compound:
            two.add(head + rest[:2])
            if len(rest) == 3:
                two.add(head + rest)
    two = set(filter(among, two))
    out = {}
    for name in one | two if two else one:
        if keep is not None and not keep(name):
            continue
        heads = [s for s, spelled in ((1, one), (2, two)) if name in spelled]
        at, i = [], text.find(name)
        while i != -1:  # a spelling is a window wherever it stands: its characters decide
            at += ((i, s) for s in heads)
            i = text.find(name, i + 1)
        out[name] = at
    return {name: out[name] for name in sorted(out, key=lambda w: (*out[w][0], len(w)))}


_FIRST_TWO = itemgetter(slice(0, 2))


def single_windows_among(names: Iterable[str]) -> Pattern:
    """For spelled_in: a pattern whose findall gives the three characters (or two, at a line's
    end) from each place where two characters stand that begin one of `names` as the window of a
    one-character surname (a surname, then a Han character). They and their first two hold every
    such window of the text that is in `names`, and other stretches: where _SINGLE_WINDOW visits
    every surname of a page, this visits the places that could begin a name of the corpus."""
    import re  # (a pattern made of a corpus's names: `re` compiles it, unkept)

    seconds: dict[str, set[str]] = {}
    single, _ = surnames()
    for name in names:
        if 2 <= len(name) <= 3 and name[0] in single and _GIVEN.fullmatch(name, 1):
            seconds.setdefault(name[0], set()).add(name[1])
    if not seconds:
        return re.compile("(?!)")
    firsts, after = "".join(sorted(seconds)), "".join(sorted(set().union(*seconds.values())))
    # the first character is matched, so the engine skips to those; the stretch is looked at
    # from behind it
    return re.compile("[" + re.escape(firsts) + "](?<=(?=(.[" + re.escape(after) + "].?)).)")


@lru_cache(maxsize=1)
def _SINGLE_WINDOW() -> LazyPattern:
    single, _ = surnames()
    return lazy(r"(?=([" + "".join(sorted(single)) + r"]\p{Han}\p{Han}?))")


@lru_cache(maxsize=1)
def _COMPOUND_WINDOW() -> LazyPattern:
    _, compound = surnames()
    firsts, seconds = ("".join(sorted({c[k] for c in compound})) for k in (0, 1))
    return lazy("([" + firsts + "])(?=([" + seconds + r"]\p{Han}\p{Han}?))")


class PageSpellings:
    """Where the page prints each spelling one given-name character away from `names`
    (name -> surname length), and those names themselves."""

    def __init__(self, text: str, names: Iterable[tuple[str, int]]):
        wanted = {k for name, s in names for k in wildcard_keys(name, s)}
        self.positions: dict[str, list[int]] = {}
        self._by_key: dict[str, set[str]] = {}
        self._variants: dict[tuple[str, int], list[tuple[int, str]]] = {}
        # a window's keys start with its first character: only windows starting with the first
        # character of a wanted key can have one
        firsts = {k[0] for k in wanted}
        starts: list[int] = [] if "?" not in firsts else list(range(len(text)))
        for c in firsts - {"?"}:
            i = text.find(c)
            while i != -1:
                starts.append(i)
                i = text.find(c, i + 1)
        starts.sort()
        single, compound = surnames()
        given = _GIVEN.match
        positions, by_key = self.positions, self._by_key
        for i in starts:
            for s, heads in ((1, single), (2, compound)):  # the entries of name_windows at i
                head = text[i:i + s]
                if head not in heads:
                    continue
                g = given(text, i + s)
                if not g:
                    continue
                # the wanted wildcard_keys of the windows head+x and head+xy, written out: a
                # page has thousands of windows
                x = text[i + s]
                found = [(head + x, k) for k in (head + "?",) if k in wanted]
                if g.end() - g.start() == 2:
                    y = text[i + s + 1]
                    found += [(head + x + y, k) for k in (head + "?" + y, head + x + "?") if k in wanted]
                for w, k in found:
                    at = positions.get(w)
                    if at is None:
                        positions[w] = [i]
                    elif at[-1] != i:
                        at.append(i)
                    by_key.setdefault(k, set()).add(w)

    def count(self, spelling: str) -> int:
        return len(self.positions.get(spelling, ()))

    def first(self, spelling: str) -> int:
        return self.positions[spelling][0]

    def variants(self, name: str, surname_len: int) -> list[tuple[int, str]]:
        """(position of the changed character, spelling) for each printed spelling that differs
        from `name` in one given-name character, sorted (the rules ask of a name again and again:
        do not change the list)."""
        found = self._variants.get((name, surname_len))
        if found is None:
            out = set()
            for j, key in enumerate(wildcard_keys(name, surname_len), start=surname_len):
                spelled = self._by_key.get(key)
                if spelled:
                    out.update([(j, w) for w in spelled if w != name])
            found = self._variants[(name, surname_len)] = sorted(out)
        return found


@lru_cache(maxsize=1)
def lookalikes() -> CharMap:
    """char -> 'characters that look like it<TAB>given-name characters that sound like it'; kept
    ready in the cache folder (parsing the 4,900 lines cost a page check 5 ms)."""
    path = packs_dir() / "words" / "lookalike-chars.tsv"
    return CharMap(cached("lookalike-table", [path], lambda: CharMap.pack(_read_lookalikes(path)), 2))


def _read_lookalikes(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, shape_and_sound = line.split("\t", 1)
            out[char] = shape_and_sound
    return out


def misread_alike(printed: str, true: str, least: int = 2) -> bool:
    """OCR could have printed `printed` for `true`: the shapes look alike, or the engine was
    seen to do it at least `least` times."""
    table = lookalikes()
    return (printed in table.get(true, "\t").split("\t")[0] or true in table.get(printed, "\t").split("\t")[0]
            or ocr_confusions()[1].get(printed + true, 0) >= least)


def alike(a: str, b: str) -> str:
    """How the one differing character of two names is alike: 'look', 'sound' or ''."""
    pairs = [(x, y) for x, y in zip(a, b) if x != y]
    if len(pairs) != 1:
        return ""
    x, y = pairs[0]
    shape, sound = lookalikes().get(x, "\t").split("\t")
    return "look" if y in shape else "sound" if y in sound else ""
