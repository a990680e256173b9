import re
from functools import lru_cache

from lint.finding import Severity
from lint.patterns import lazy
from lint.layout import Kind
from lint.prose.columns import interleaved_blocks
from lint.rule import Option, Rule

HALF_WIDTH = {"(": "（", ")": "）"}
_MAX_BETWEEN = 4  # captions and credits that may stand between the halves of a cut paragraph
QUOTES = ("“", "‘", "「", "『")  # quotation marks: a quotation may run over several paragraphs


class UnbalancedPair(Rule):
    """An opening or closing mark of a pair with no partner in its paragraph.

    What it finds: “” ‘’ （） 《》 【】 「」 『』 whose partner is missing in the paragraph: a
    closing mark with no opening before it, or an opening mark never closed.

    Why it matters: OCR drops quotation marks and brackets (faint ink, a mark at a column edge);
    a lonely mark leaves the reader, and any tool that extracts quotations or titles, unsure
    where a quotation starts or ends. Which side is missing only the scan can tell, so there is
    no fix: the finding points at the lonely mark.

    Follows Chinese convention: a quotation that runs over several paragraphs opens “ in each
    and closes only in the last, so an unclosed quotation whose next paragraph opens with the
    same mark is not flagged. A paragraph cut in two by a column break (the second half has the
    closing mark) is left to the broken-paragraph rules: a closing mark whose opening stands
    unclosed in the paragraph before (photo captions and credits between the halves aside) is
    not flagged, nor that opening. In a block of two columns read across (BRK006) a line's
    text goes on two lines on: its marks are matched there, and a mark whose partner may stand
    beyond the block is not flagged. An apostrophe (’) between Latin letters (Xi’an) is not a
    quotation mark.

    Flags:
    - `　　该局要着力推进产业升级。”市工信局负责人介绍。⏎` (a closing mark with no “ in the paragraph)
    - `　　《人民日报》评论员文章《奋进新征程，指出要坚定信心。⏎` (a title never closed)

    Leaves alone:
    - `　　“一要抓好落实。⏎　　“二要加强监督。”⏎` (a quotation over several paragraphs opens in each
      and closes only in the last)
    - `　　他说：“老人告诉我：‘好。’”⏎` (balanced nesting)
    - `　　他说：“要抓好⏎　　2月5日，会议闭幕。山西日报记者 刘通摄⏎　　各项工作。”⏎` (a quotation cut
      in two, a photo caption between the halves: BRK002 reports the cut)
    - `　　西安的英文名是Xi’an。⏎` (an apostrophe between Latin letters)

    Fix safety: none: which side is missing only the scan can tell.
    """

    code = "PUN001"
    name = "unbalanced-pair"
    category = "punctuation"
    severity = Severity.WARNING
    options = {
        "pairs": Option("“” ‘’ （） 《》 【】 「」 『』", "the pairs checked, opening and closing mark, space-separated"),
        "headlines": Option(True, "check headlines, bylines and captions too, not only body paragraphs"),
    }

    def check(self, doc):
        wanted = {p[0]: p[1] for p in self.settings["pairs"].split() if len(p) == 2}
        closers = {c: o for o, c in wanted.items()}
        paras = [p for p in doc.paragraphs if self.settings["headlines"] or p.kind is Kind.BODY]
        scans = _scan_paragraphs(doc, paras, wanted, closers)
        open_at_end = [unclosed for unclosed, _ in scans]
        lonely_close = [lonely for _, lonely in scans]
        across = interleaved_blocks(doc)
        index = {p.line: k for k, p in enumerate(paras)} if across else {}
        for k, p in enumerate(paras):
            if not (open_at_end[k] or lonely_close[k]):
                continue  # every mark has its partner: nothing to report, whatever the neighbours hold
            block = next((b for b in across if p.line in b), None)
            if block is None:
                after, before = _beside(paras, k, 1), _beside(paras, k, -1)
            else:
                after, before = _in_text(block, index, p.line, 1), _in_text(block, index, p.line, -1)
            nxt = paras[after] if after is not None and after >= 0 else None
            prev_open = open_at_end[before] if before is not None and before >= 0 else {}
            for mark, positions in lonely_close[k].items():
                opening = closers[mark]
                if positions and (prev_open.get(opening) or before == -1):
                    positions = positions[1:]  # the paragraph before holds its opening: a cut paragraph
                for pos in positions:
                    yield self.finding(pos, pos + 1, f"closing {_printed(doc, pos, mark)} with no opening {opening} "
                                                     f"in the paragraph" + _counts(p.text, opening, mark))
            for mark, positions in open_at_end[k].items():
                closing = wanted[mark]
                if mark in QUOTES and closing not in p.text and len(positions) % 2 == 0:
                    continue  # “楹联一条街“: one mark for both sides, as text converted from ASCII " has
                if nxt is not None:
                    head = nxt.text[nxt.indent:nxt.indent + 1]
                    if mark in QUOTES and head == mark:
                        continue  # a quotation running on: each paragraph opens, the last closes
                    if lonely_close[after].get(closing):
                        positions = positions[:-1]  # closed in the next paragraph: a cut paragraph
                elif after == -1:
                    positions = positions[:-1]  # its text goes on beyond the block read across
                for pos in positions:
                    yield self.finding(pos, pos + 1, f"opening {_printed(doc, pos, mark)} never closed with {closing} "
                                                     f"in the paragraph" + _counts(p.text, mark, closing))


def _beside(paras: list, k: int, step: int) -> int | None:
    """The paragraph that carries paras[k]'s text on (step 1) or that it carries on (step -1):
    the next (previous) one, past photo captions and credits that stand between the halves of a
    cut paragraph (they have their own marks)."""
    j = k + step
    while 0 <= j < len(paras) and abs(j - k) <= _MAX_BETWEEN and paras[j].kind in (Kind.CAPTION, Kind.CREDIT) \
            and paras[k].kind not in (Kind.CAPTION, Kind.CREDIT):
        j += step
    return j if 0 <= j < len(paras) else None


def _in_text(block, index: dict[int, int], line: int, step: int) -> int:
    """In a block of two columns read across (BRK006), the paragraph that carries the line's
    text on (step 1) or that it carries on (step -1): two lines on; -1 where the text goes on
    beyond the block, where no one can tell."""
    n = block.beside(line, step)
    return index.get(n, -1) if n is not None else -1


def _scan_paragraphs(doc, paras: list, wanted: dict[str, str], closers: dict[str, str]) -> list[tuple[dict, dict]]:
    """_scan of each paragraph. A paragraph's marks in a row (“”《》, read off the page in one
    pass) are mostly a balanced sequence met before: such a paragraph has nothing unclosed and
    nothing lonely, wherever its marks stand. ’ may be an apostrophe, which only the text around
    it tells: a paragraph holding one is scanned in full."""
    marks = frozenset(wanted) | frozenset(closers)
    by_line = "".join(_marks(marks | {"\n"}).findall(doc.text)).split("\n")
    pairs = tuple(sorted(wanted.items()))
    return [({}, {}) if "’" not in by_line[p.line - 1] and _balanced(by_line[p.line - 1], pairs)
            else _scan(p.text, p.start, wanted, closers) for p in paras]


@lru_cache(maxsize=4096)
def _balanced(marks: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    """The marks (a paragraph's, in a row, no ’ among them) leave nothing unclosed and nothing lonely."""
    wanted = dict(pairs)
    unclosed, lonely = _scan(marks, 0, wanted, {c: o for o, c in wanted.items()})
    return not any(unclosed.values()) and not any(lonely.values())


def _scan(text: str, base: int, wanted: dict[str, str], closers: dict[str, str]):
    """(unclosed openings, lonely closings) of each mark, as offsets in the document."""
    unclosed: dict[str, list[int]] = {}
    lonely: dict[str, list[int]] = {}
    for m in _marks(frozenset(wanted) | frozenset(closers)).finditer(text):
        i = m.start()
        c = HALF_WIDTH.get(text[i], text[i])  # (8号馆）: a pair of mixed widths is still a pair
        if c in wanted:
            unclosed.setdefault(c, []).append(base + i)
        elif c in closers:
            if c == "’" and _apostrophe(text, i):
                continue
            stack = unclosed.get(closers[c])
            if stack:
                stack.pop()
            else:
                lonely.setdefault(c, []).append(base + i)
    return unclosed, lonely


@lru_cache(maxsize=8)
def _marks(marks: frozenset[str]):
    """The characters _scan looks at (the marks, and the half-width forms of some): a page's
    marks are found at C speed instead of a step per character."""
    chars = marks | {half for half, full in HALF_WIDTH.items() if full in marks}
    return lazy("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _apostrophe(text: str, i: int) -> bool:
    """’ as an apostrophe: Xi’an, don’t, ’98 (a year)."""
    after = text[i + 1:i + 2]
    if after.isdigit():
        return True
    return 0 < i and text[i - 1].isascii() and text[i - 1].isalpha() and after.isascii() and after.isalpha()


def _counts(text: str, opening: str, closing: str) -> str:
    """How many of each the paragraph holds, in either width: （ and ( are one mark here."""
    def count(mark: str) -> int:
        return sum(text.count(m) for m in (mark, *(h for h, f in HALF_WIDTH.items() if f == mark)))

    return f" ({count(opening)} opening, {count(closing)} closing)"


def _printed(doc, pos: int, mark: str) -> str:
    """The mark as the page prints it (a half-width ( is reported as (, not as （)."""
    c = doc.text[pos]
    return c if HALF_WIDTH.get(c) == mark else mark
