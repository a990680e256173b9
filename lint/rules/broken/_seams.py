"""Where a body paragraph stops mid-sentence, and what follows it: the shared analysis of the
broken-paragraph rules.

A paragraph is open when its text (a jump marker at its end aside) does not end a sentence.
What comes next decides what it is: body text that carries the sentence on (a cut paragraph,
perhaps with a photo caption and credit between the halves), or the start of something else
(a headline, a dateline, the end of the page): a truncation.
"""
from __future__ import annotations

from lint.chars import WHITESPACE
from lint.document import Document
from lint.finding import Applicability
from lint.layout import Kind, Paragraph
from lint.lexicon import Lexicon
from lint.patterns import lazy
from lint.prose.columns import interleaved_blocks
from lint.prose.doubles import DoubleJudge
from lint.prose.sentences import CLAUSE_MARKS, cannot_end, cannot_start, ends_sentence, reads_as_body
from lint.prose.words import MIN_WORD_FREQ, ends_mid_word, starts_mid_word
from lint.records import record
from lint.rule import Rule

from ._wrap import hard_wrap

_NUMBER_GOES_ON = set("0123456789年月日%％万亿元个多余号岁")  # after a digit: the number was cut
_QUOTES = {"“": "”", "《": "》", "（": "）", "(": ")", "‘": "’"}
_QUOTE_MARKS = {opening: lazy(f"[{opening}{closing}]") for opening, closing in _QUOTES.items()}
_LIST_START = set("■□●○◆◇▲△★☆▶►•·—-（(①②③④⑤⑥⑦⑧⑨⑩")
_CLOSED = set("；：;:—")  # a list item, an introduction to what follows, a signature (——编者)
_STOPPED = _CLOSED | set("。！？!?…")  # (a stop as the last character ends a sentence: no regex needed)
_MAX_BETWEEN = 4  # caption and credit paragraphs that may stand between two halves


@record(frozen=True)
class Seam:
    """A body paragraph `first` that breaks off mid-sentence.

    `second` is the paragraph that carries the sentence on (None: nothing on the page does),
    `between` the captions and credits standing between the two; `word` a dictionary word that
    runs across the break (批|准: 批准), `doubled` how many characters stand on both sides of
    it (拥堵 | 堵问题: 1), `why` the evidence in words and `strong` whether it leaves no doubt.
    For a truncation, `stop` says what follows instead."""

    first: Paragraph
    tail_end: int  # offset just past the first half's last character
    second: Paragraph | None = None
    between: tuple[Paragraph, ...] = ()
    word: str = ""
    doubled: int = 0
    why: str = ""
    strong: bool = False
    stop: str = ""

    @property
    def applicability(self) -> Applicability:
        """How safe the join is: safe on strong evidence, unsafe on the open sentence alone."""
        return Applicability.SAFE if self.strong else Applicability.UNSAFE


def content_end(p: Paragraph) -> int:
    return p.start + len(p.text.rstrip(WHITESPACE))


def is_open(p: Paragraph) -> bool:
    """Body text, or what the classifier took for a headline, whose last sentence has no end
    (a jump marker at the very end closes it)."""
    # the text first: most paragraphs end their sentence and need no kind
    tail = p.text.rstrip(WHITESPACE)
    if not tail or tail[-1] in _STOPPED or ends_sentence(tail):
        return False
    if tail[-1] not in "”’" and not _ends_open(tail):
        return False
    if p.kind not in (Kind.BODY, Kind.HEADLINE):
        return False
    end = content_end(p)
    if any(s.kind == "jump" and s.end >= end for s in p.spans):
        return False  # '…（下转第二版）': the page says where it goes on
    if tail[-1] in "”’" and p.kind is Kind.BODY:
        # a quotation closed mid-sentence ('…“保护伞”' | '们按每吨…'), in a paragraph whose
        # sentences ended before it: a quoted title on a line of its own has none
        return _holds_a_stop(tail[:-1])
    return _ends_open(tail)


def _ends_open(tail: str) -> bool:
    """The text ends in a character that leaves a sentence open (a word, a number, a comma, an
    opening mark): _OPEN_END searched for only where it can match, at the very end."""
    return _OPEN_END.search(tail, max(0, len(tail) - 2)) is not None


def _holds_a_stop(text: str) -> bool:
    """A sentence ends somewhere in the text (。！？!?)."""
    return any(stop in text for stop in "。！？!?")


def number_cut(tail: str, head: str) -> bool:
    """A number broken across the break: '…和7' | '0家医院', '…达2' | '万人'."""
    return tail[-1:].isdigit() and head[:1] in _NUMBER_GOES_ON


def quote_across(tail: str, head: str) -> str:
    """A quotation mark or bracket opened in the first half and closed in the second before any
    other opens: '“一带' | '一路”'. Returns the pair ('“”'), or ''."""
    for opening, closing in _QUOTES.items():
        if opening not in tail:
            continue  # (nothing opened: the count below stays at 0)
        depth = 0
        for c in _QUOTE_MARKS[opening].findall(tail):  # the pair's marks only: the rest leave the count
            depth += (c == opening) - (c == closing and depth > 0)
        if depth > 0:
            close_at, open_at = head.find(closing), head.find(opening)
            if close_at != -1 and (open_at == -1 or close_at < open_at):
                return opening + closing
    return ""


_OPEN_END = lazy(r"[\p{Han}\p{L}\p{N}，、；,;“‘《（(]$")
_SENTENCE_END = lazy(r"[。！？!?][”’」』）)]*")
_NUMBERED = lazy(r"[一二三四五六七八九十]+、|\d+[.、]")
_SPACED_PHRASES = lazy(r"\p{Han}[ \u3000\u00a0]+\p{Han}")
_SIGN_OFF = lazy(r"^[ \t\u3000\u00a0]|^\p{Han}{1,6}[：:]|\d{1,2}日$")


def _signs_off(tail: str) -> bool:
    """What follows the paragraph's last sentence is a signature, a date or a source line
    ('…服务水平。　　数据来源：中国银联', '…管委会　　2019年10月17日'), not a sentence."""
    last = _SENTENCE_END.split(tail)[-1]
    return bool(_SIGN_OFF.search(last))


def starts_something_new(q: Paragraph) -> str:
    """Why `q` cannot continue a sentence from before it ('' when it can)."""
    if q.kind is Kind.HEADLINE:
        return f"a headline follows at line {q.line}"
    if q.kind in (Kind.BYLINE, Kind.LABEL):
        return f"a new article starts at line {q.line} ({q.text.strip()[:12]})"
    if q.kind is Kind.JUMP:
        return ""
    if any(s.kind == "dateline" and s.start <= q.content_start for s in q.spans):
        dateline = next(s for s in q.spans if s.kind == "dateline")
        text = q.text[dateline.start - q.start:dateline.end - q.start].strip()
        return f"a new article starts at line {q.line} (dateline '{text}')"
    return ""


class ReadsSeams(Rule):
    """A broken-paragraph rule: it reads the page's open seams. Where the same characters stand
    on both sides of a seam, it weighs them as DUP002 does, with DUP002's options."""

    consults = ("DUP002",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.doubles = DoubleJudge()  # until `consult` hands over DUP002's, built with the user's options

    def consult(self, peers: dict[str, Rule]) -> None:
        self.doubles = peers["DUP002"].judge  # type: ignore[attr-defined]

    def seams(self, doc: Document) -> list[Seam]:
        return open_seams(doc, self.doubles)


def open_seams(doc: Document, doubles: DoubleJudge) -> list[Seam]:
    """Every open body paragraph of the page with what follows it, the same characters on both
    sides of a seam judged by `doubles` (worked out once a page: three rules read it)."""
    return doc.shared(("open-seams", doubles), lambda d: _find_seams(d, doubles))


def _in_article(paras: list[Paragraph], i: int) -> bool:
    """The paragraph before paragraph i is body text that ends its sentence: i stands inside an
    article, not right under a headline (asked only where it counts: for a body paragraph, or the
    page's last)."""
    return i > 0 and paras[i - 1].kind is Kind.BODY and ends_sentence(paras[i - 1].text.rstrip(WHITESPACE))


def _find_seams(doc: Document, doubles: DoubleJudge) -> list[Seam]:
    paras = doc.paragraphs
    wrap = hard_wrap(doc)
    reflowed = wrap.joined if wrap else frozenset()  # BRK005 joins these lines to the next
    # lines of two columns read across (BRK006's): their breaks join unrelated fragments
    two_columns = interleaved_blocks(doc)
    out: list[Seam] = []
    for i, p in enumerate(paras):
        if p.line in reflowed or not is_open(p) or two_columns and any(p.line in b for b in two_columns):
            continue
        tail = p.text.rstrip(WHITESPACE)
        end = content_end(p)
        j = i + 1
        between: list[Paragraph] = []
        while j < len(paras) and paras[j].kind in (Kind.CAPTION, Kind.CREDIT) and len(between) < _MAX_BETWEEN:
            between.append(paras[j])
            j += 1
        q = paras[j] if j < len(paras) else None
        if q is not None and two_columns and any(q.line in b for b in two_columns):
            continue
        sentence_inside = _holds_a_stop(tail[:-1])
        if q is None:
            # the last paragraph of the page: body text with a sentence in it, or after one
            # (without a sentence, a comma tells prose from an author's line: 教授、版画家代大权)
            if (reads_as_body(p) and (sentence_inside or "，" in tail and (
                    _in_article(paras, i) and len(tail) - p.indent >= 15 or len(tail) - p.indent >= 30))
                    and not between and not _signs_off(tail[p.indent:])):
                out.append(Seam(p, end, stop="the page ends"))
            continue
        if q.kind is Kind.JUMP:
            continue  # the marker says where the text goes on: the page-jump rule reports it
        stop = starts_something_new(q)
        head = q.text[q.indent:]
        word = Lexicon.default().word_across(tail, head, min_freq=MIN_WORD_FREQ) \
            if not stop or q.kind is Kind.HEADLINE and reads_as_body(q) else ""
        if q.kind is Kind.HEADLINE and not (reads_as_body(q) or word) or stop and q.kind is not Kind.HEADLINE:
            # Something new starts. A display line with a comma may be cut, never truncated; a
            # deck, a source line, a toast end without a stop too: a truncation breaks off
            # inside a word, after a comma or before a word that needs more, once sentences
            # have ended before it.
            if p.kind is Kind.BODY and sentence_inside and (
                    tail[-1] in CLAUSE_MARKS or cannot_end(tail) or ends_mid_word(tail)):
                out.append(Seam(p, end, stop=stop))
            continue
        if head[:1] in _LIST_START or _NUMBERED.match(head):
            continue  # a list item or bullet starts: the line before introduced it
        opens_with_mark = head[:1] in "，、。；：）”,.;:)"
        particle = cannot_start(head)
        needs_more = cannot_end(tail)
        number = number_cut(tail, head)
        quoted = quote_across(tail, head)
        doubled = doubles.at_break(tail, head)
        reasons = [why for why in (
            doubled is not None and f"'{head[:doubled[0]]}' is printed on both sides of the break (DUP002)",
            word and f"'{word}' runs across the break",
            opens_with_mark and f"line {q.line} opens with '{head[0]}'",
            particle and f"line {q.line} opens with '{head[0]}', which cannot start a sentence",
            needs_more and f"line {p.line} ends with '{tail[-1]}', which cannot end a sentence",
            number and f"a number runs across the break ('{tail[-2:]}' | '{head[:2]}')",
            quoted and f"'{quoted[0]}' opens before the break and '{quoted[1]}' closes after it",
        ) if why]
        strong = bool(reasons) and (doubled is None or doubled[1])
        if p.kind is not Kind.BODY:
            # Display type (a headline, a subhead) ends without a stop: only the seam itself can
            # show that the line was cut. A word across counts if it cuts the last word of a line
            # with a comma, or if the text read as one segments it so: '情系家国' | '别开生面'
            # makes 国别 but reads 家国 | 别开生面.
            # (a display line of phrases set apart by spaces is a headline: 夜游兴起 游船灯光点亮都市夜)
            across = word and ends_mid_word(tail) and not _SPACED_PHRASES.search(tail, p.indent) and (
                reads_as_body(p) or len(tail) - p.indent > 3 and "：" not in tail and starts_mid_word(head)
                and bool(Lexicon.default().segmented_across(tail, head, MIN_WORD_FREQ)))
            # (the second half may read as a subhead too, a fragment with a comma, unindented: then
            # only a word across the break says it was cut, not verse's open line ends)
            if not (q.kind is Kind.BODY and (opens_with_mark or particle or needs_more or number or quoted
                                             or across or between and reads_as_body(p))
                    or reads_as_body(q) and across):
                continue
            if not reasons:
                reasons.append(f"line {p.line} ends without finishing its sentence"
                               + (" and a caption follows" if between else ""))
        elif not strong:
            # a deck, a poem line, a toast ends without a stop too; a cut paragraph has ended
            # sentences before the cut, or stands inside an article (the paragraph before it
            # is body text that ends its sentence: not the deck right under the headline)
            if not (sentence_inside or _in_article(paras, i) or between):
                continue
            if sentence_inside and not between and _SENTENCE_END.split(tail)[-1][:1] in WHITESPACE:
                continue  # after its last sentence, a line of its own set in: '…区。　　狠抓项目  转换动能'
            # verse and slogans run a line a clause: '手抓黄土我不放，' | '紧紧儿贴在心窝上。'
            verse = not sentence_inside and (len(tail) - p.indent < 15 or len(head.rstrip()) <= 15)
            if verse and not between:
                continue
            if tail[-1] in CLAUSE_MARKS:
                reasons.append(f"line {p.line} ends with '{tail[-1]}'")
                strong = sentence_inside
            elif ends_mid_word(tail) and sentence_inside:
                reasons.append(f"line {p.line} ends inside a word ('…{tail[-3:]}')")
            elif between:
                # a photo stood in the column: its caption interrupts the open sentence
                reasons.append(f"line {p.line} ends without finishing its sentence and a caption follows")
            elif _in_article(paras, i) and (
                    sentence_inside or p.kind is Kind.BODY and "，" in tail and len(tail) - p.indent >= 30) \
                    and not (tail[-1] in "”’" and head[:1] in "“‘"):
                reasons.append(f"line {p.line} ends without finishing its sentence")
            else:
                continue
        out.append(Seam(p, end, q, tuple(between), word, doubled[0] if doubled else 0, "; ".join(reasons), strong))
    return out

