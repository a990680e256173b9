"""Finding text that a page holds twice: anchors, extension, and the two copies' context.

The body text of a page becomes one sequence of characters without whitespace, paragraphs
joined by "\\n" (so a repeat may run over several paragraphs) and other blocks (headlines,
captions) by barrier characters that match nothing. Clauses (text between punctuation marks)
that occur twice are anchors (so are grams sampled from long clauses, the last gram of each
long clause and a window over each short one); each anchor pair is extended both ways,
tolerating a few OCR differences, into a maximal pair of copies. Cost: one pass to split
clauses, then work in proportion to the repeated text.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator


from lint.patterns import lazy
from lint.chars import WHITESPACE
from lint.document import Document
from lint.layout import Kind
from lint.records import record

PARAGRAPH = "\n"
_BARRIER_BASE = 0xF0000  # private-use plane: one character per barrier, so barriers never match
_CLAUSE = lazy(r"[^，。！？；：、,.;:!?…—\n\U000F0000-\U000FFFFF“”‘’（）《》()「」]+")
CLAUSE_MARKS = "，。！？；：、,.;:!?…—\n“”‘’（）《》()「」"  # what _CLAUSE leaves out besides barriers (a test holds them equal)
_HAN = lazy(r"\p{Han}")
_BULLETS = set("■□●○◆◇▲△★☆▶►•·—-")
_LEADING = set("，。！？；：、,.;:!?…—”’）》」") | {PARAGRAPH}  # marks that end the clause before a copy
_NUMBERS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两%％.")
MIN_ANCHOR = 6
_SAMPLED_GRAM = 10
_SAMPLE_EVERY = 5
_MAX_OCCURRENCES = 12  # a clause printed more often than this is boilerplate, not a repeat


class Sequence:
    """The body text without whitespace. `offsets[i]` is the document offset of character i (of a
    separator: the line end before its paragraph) and `paragraph[i]` its paragraph's index (-1
    for a barrier); both are worked out on demand from per-paragraph segments, since only the
    few characters at the edges of a repeat are ever looked up."""

    def __init__(self, chars: str, starts: list[int], segments: list[tuple[int, int, list[int] | None]]):
        self.chars = chars
        self._starts = starts  # sequence position where each segment starts
        self._segments = segments  # (paragraph index or -1, document offset, positions or None)
        self.offsets = _Lookup(self._offset)
        self.paragraph = _Lookup(self._paragraph)

    def _segment(self, pos: int) -> tuple[int, tuple]:
        k = bisect_right(self._starts, pos) - 1
        return pos - self._starts[k], self._segments[k]

    def _offset(self, pos: int) -> int:
        k, (_, base, positions) = self._segment(pos)
        return base + (k if positions is None else positions[k])

    def _paragraph(self, pos: int) -> int:
        return self._segment(pos)[1][0]


class _Lookup:
    __slots__ = ("_get",)

    def __init__(self, get):
        self._get = get

    def __getitem__(self, pos: int) -> int:
        return self._get(pos)


_SPACES = lazy("[" + WHITESPACE + "]+")  # a regex pass: str.translate costs 5x as much on Han text


def body_sequence(doc: Document, kinds=(Kind.BODY,)) -> Sequence:
    parts: list[str] = []
    starts: list[int] = []
    segments: list[tuple[int, int, list[int] | None]] = []
    length = 0
    barrier = 0
    previous_body = False

    def add(text: str, segment) -> None:
        nonlocal length
        parts.append(text)
        starts.append(length)
        segments.append(segment)
        length += len(text)

    for p in doc.paragraphs:
        if p.kind not in kinds:
            if previous_body:
                add(chr(_BARRIER_BASE + barrier % 0xFFFD), (-1, p.start, None))
                barrier += 1
            previous_body = False
            continue
        if previous_body:
            add(PARAGRAPH, (p.index, p.start - 1, None))
        text = p.text
        begin = p.indent
        while begin < len(text) and (text[begin] in _BULLETS or text[begin] in WHITESPACE):
            begin += 1  # ■ 70年来…: a bullet is not part of the text a copy repeats
        content = text[begin:]
        if _SPACES.search(content) is None:
            stripped, positions = content, None
        else:
            stripped = _SPACES.sub("", content)
            positions = [i for i, c in enumerate(content) if c not in WHITESPACE]
        if stripped:
            add(stripped, (p.index, p.start + begin, positions))
        previous_body = True
    return Sequence("".join(parts), starts, segments)


@record(frozen=True)
class Repeat:
    first: tuple[int, int]  # [start, end) in the sequence
    second: tuple[int, int]
    differences: int


def clauses_of(s: str) -> Iterator[tuple[int, str]]:
    """(start, text) of each clause of s: text between punctuation marks and breaks."""
    return ((m.start(), m.group()) for m in _CLAUSE.finditer(s))


def find_repeats(s: str, min_han: int, max_differences: int,
                 clauses: Iterable[tuple[int, str]] | None = None) -> list[Repeat]:
    """The repeats of at least `min_han` Han characters in s. `clauses`: the clauses to take
    anchors from, in order (default: all of s's). Only anchors met at two places pair up, so
    a caller that knows which clauses hold every anchor met more than once may pass just those
    (the batch path, lint/rules/duplicate/_batch.py): the repeats are the same."""
    anchors: dict[str, list[int]] = {}
    for base, clause in clauses_of(s) if clauses is None else clauses:
        if len(clause) >= MIN_ANCHOR:
            anchors.setdefault(clause, []).append(base)
        else:
            # 桔花飘香，沁人心脾；夏日游湖: clauses too short to anchor; a window over them does
            window = s[base:base + _SAMPLED_GRAM]
            if len(window) == _SAMPLED_GRAM and PARAGRAPH not in window and ord(max(window)) < _BARRIER_BASE:
                anchors.setdefault(window, []).append(base)
        if len(clause) > _SAMPLED_GRAM:
            # Inside a clause longer than a gram a repeat may start anywhere, and OCR noise may
            # have changed the rest of the clause: sample grams by content, so that both copies
            # pick the same ones.
            last = len(clause) - _SAMPLED_GRAM
            for i, c in enumerate(clause[:last + 1]):
                if ord(c) % _SAMPLE_EVERY == 0:  # chosen by content: both copies agree
                    anchors.setdefault(clause[i:i + _SAMPLED_GRAM], []).append(base + i)
            # and its last gram: OCR noise early in a clause leaves its end intact in both copies
            anchors.setdefault(clause[last:], []).append(base + last)
    found: list[Repeat] = []
    covered: dict[int, list[tuple[int, int]]] = {}
    for key, positions in anchors.items():
        if len(positions) < 2 or len(positions) > _MAX_OCCURRENCES:
            continue
        positions = sorted(set(positions))
        pairs = [(positions[x], positions[y]) for x in range(len(positions))
                 for y in range(x + 1, len(positions))]
        for a, b in pairs:
            if b - a < len(key):
                continue  # overlapping occurrences: a run like 哈哈哈, not a copy
            if any(lo <= b < hi for lo, hi in covered.get(b - a, ())):
                continue
            rep = _extend(s, a, b, len(key), max_differences, min_han)
            if rep is None:
                continue
            covered.setdefault(b - a, []).append(rep.second)
            if han_count(s, *rep.second) >= min_han:
                found.append(rep)
    return _drop_contained(found)


def is_break(s: str, pos: int) -> bool:
    """s[pos] ends a paragraph or a run of body text (a barrier), or pos is outside s."""
    return pos < 0 or pos >= len(s) or s[pos] == PARAGRAPH or ord(s[pos]) >= _BARRIER_BASE


def han_count(s: str, start: int, end: int) -> int:
    return len(_HAN.findall(s, start, end))


def _extend(s: str, a: int, b: int, length: int, max_differences: int, min_han: int) -> Repeat | None:
    """Grow the exact match s[a:a+length] == s[b:b+length] both ways into a maximal repeat."""
    if s[a:a + length] != s[b:b + length]:
        return None
    # to the right: the first copy must not run into the second
    i_end, j_end, right_diffs = _walk(s, a + length, b + length, 1, max_differences, b, len(s))
    i_start, j_start, left_diffs = _walk(s, a - 1, b - 1, -1, max_differences - right_diffs,
                                         -1, min(i_end, b) - 1)
    first = (i_start + 1, min(i_end, b))
    second = (j_start + 1, j_end)
    while first[0] < first[1] and s[first[0]] in _LEADING:
        first = (first[0] + 1, first[1])
    while second[0] < second[1] and s[second[0]] in _LEADING:
        second = (second[0] + 1, second[1])
    while first[1] > first[0] and s[first[1] - 1] == PARAGRAPH:
        first = (first[0], first[1] - 1)
    while second[1] > second[0] and s[second[1] - 1] == PARAGRAPH:
        second = (second[0], second[1] - 1)
    first, second = _without_spill(s, first, second, min_han)
    if first[1] > second[0]:
        return None
    return Repeat(first, second, right_diffs + left_diffs)


def _without_spill(s: str, first: tuple[int, int], second: tuple[int, int], min_han: int):
    """Two different paragraphs often open alike ('“', '李克强…'), two different ones end alike:
    a copy of whole paragraphs then runs on past its last break by a few characters, in both
    places, and no longer reads as whole blocks. Such a spill (fewer than `min_han` Han
    characters, both copies stopping inside a paragraph) is no part of the repeat. Copies
    that stand next to each other keep it: there the run-on is what shows them adjacent."""
    if second[0] - first[1] <= 8:
        return first, second

    k1, k2 = s.rfind(PARAGRAPH, first[0], first[1]), s.rfind(PARAGRAPH, second[0], second[1])
    if k1 > first[0] and k2 > second[0] and not is_break(s, first[1]) and not is_break(s, second[1]) \
            and han_count(s, k1, first[1]) < min_han and han_count(s, k2, second[1]) < min_han:
        first, second = (first[0], k1), (second[0], k2)
    k1, k2 = s.find(PARAGRAPH, first[0], first[1]), s.find(PARAGRAPH, second[0], second[1])
    if k1 >= 0 and k2 >= 0 and not is_break(s, first[0] - 1) and not is_break(s, second[0] - 1) \
            and han_count(s, first[0], k1) < min_han and han_count(s, second[0], k2) < min_han:
        first, second = (k1 + 1, first[1]), (k2 + 1, second[1])
    return first, second


def _walk(s: str, i: int, j: int, step: int, budget: int, i_limit: int, j_limit: int):
    """Walk two positions in step while the characters agree, allowing up to `budget`
    substitutions, insertions or deletions (each confirmed by three agreeing characters after
    it; two substitutions side by side count as two). Returns the positions just past the
    last agreeing pair, and the differences used. Walking right, i stays below i_limit and j
    below j_limit; walking left, above them."""
    diffs = 0
    good_i, good_j, good_diffs = i, j, 0

    def inside(x: int, y: int) -> bool:
        return (x < i_limit and y < j_limit) if step > 0 else (x > i_limit and y > j_limit)

    while inside(i, j):
        ci, cj = s[i], s[j]
        if ci == cj and not ord(ci) >= _BARRIER_BASE:
            i += step
            j += step
            good_i, good_j, good_diffs = i, j, diffs
            continue
        if diffs >= budget or ci == PARAGRAPH or cj == PARAGRAPH or ord(ci) >= _BARRIER_BASE \
                or ord(cj) >= _BARRIER_BASE:
            break
        # numbers that differ are different facts (十万元 / 三十万元, 两国 / 三国), not OCR noise;
        # a numeral misread as another character (两国 / 飄国) is
        if _agree(s, i + step, j + step, step) or diffs + 1 < budget and _nearly_agree(s, i + step, j + step, step):
            if ci in _NUMBERS and cj in _NUMBERS:
                break
            i += step
            j += step
        elif _agree(s, i, j + step, step) and cj not in _NUMBERS:
            j += step
        elif _agree(s, i + step, j, step) and ci not in _NUMBERS:
            i += step
        elif diffs + 2 <= budget and _two_substituted(s, i, j, step):
            i += 2 * step
            j += 2 * step
            diffs += 1
        else:
            break
        diffs += 1
    return good_i, good_j, good_diffs


def _two_substituted(s: str, i: int, j: int, step: int) -> bool:
    """Two characters misread side by side (暴露了美方 / 暴露了蚆嬂), three agreeing after them;
    numbers that differ stay different facts."""
    if not _agree(s, i + 2 * step, j + 2 * step, step):
        return False
    pairs = ((s[i], s[j]), (s[i + step], s[j + step]))
    return all(x != PARAGRAPH and y != PARAGRAPH and ord(x) < _BARRIER_BASE and ord(y) < _BARRIER_BASE
               and not (x in _NUMBERS and y in _NUMBERS) for x, y in pairs)


def _agree(s: str, i: int, j: int, step: int, n: int = 3) -> bool:
    for k in range(n):
        x, y = i + k * step, j + k * step
        if not (0 <= x < len(s) and 0 <= y < len(s)) or s[x] != s[y] or s[x] == PARAGRAPH:
            return False
    return True


def _nearly_agree(s: str, i: int, j: int, step: int, n: int = 5) -> bool:
    """Of the next n pairs, all agree but one, and not the first: two substitutions close
    together (罗光黔见证 / 葞光黔眲证)."""
    if not (0 <= i < len(s) and 0 <= j < len(s)) or s[i] != s[j]:
        return False
    misses = 0
    for k in range(n):
        x, y = i + k * step, j + k * step
        if not (0 <= x < len(s) and 0 <= y < len(s)) or s[x] == PARAGRAPH or s[y] == PARAGRAPH:
            return False
        misses += s[x] != s[y]
    return misses <= 1


def _drop_contained(repeats: list[Repeat]) -> list[Repeat]:
    """Drop repeats that lie inside a longer one found from another anchor (same offset between
    the copies, give or take the few characters an insertion shifts)."""
    repeats.sort(key=lambda r: (r.second[0], -(r.second[1] - r.second[0])))
    by_shift: dict[int, list[Repeat]] = {}
    out: list[Repeat] = []
    for r in repeats:
        shift = r.second[0] - r.first[0]
        near = [o for d in range(shift - 3, shift + 4) for o in by_shift.get(d, ())]
        if any(o.second[0] <= r.second[0] and r.second[1] <= o.second[1]
               and o.first[0] <= r.first[0] and r.first[1] <= o.first[1] for o in near):
            continue
        out.append(r)
        by_shift.setdefault(shift, []).append(r)
    return out
