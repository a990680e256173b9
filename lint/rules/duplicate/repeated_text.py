from lint.chars import WHITESPACE
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Related, Severity
from lint.layout import Kind
from lint.lexicon import Lexicon
from lint.patterns import lazy
from lint.prose.sentences import CLAUSE_MARKS, cannot_end, ends_sentence, reads_as_body
from lint.prose.words import MIN_WORD_FREQ
from lint.rule import Option, Rule

from ._repeats import PARAGRAPH, Repeat, Sequence, body_sequence, find_repeats, han_count, is_break

_SEPARATORS = set("，。！？；：、,.;:!?…—“”‘’（）《》()「」") | {PARAGRAPH}
_FINISHED_SENTENCE = lazy(r"[。！？!?][”’」』）)]*(?=\s*\S)")  # a sentence end short of the paragraph's end
_BRACKETS = ("《》", "（）", "()")  # not “”: a quotation over several paragraphs leaves each open
_HAN_PAIR = lazy(r"\p{Han}{2}")
_INTRODUCES = ("：", ":", "；", ";")  # a paragraph ending so introduces or lists what follows: no cut
FIT_MIN = 4  # pairs of characters a copy must share with its neighbours to be the original
FIT_RATIO = 2  # ... and this many times as many as the other copy
STANDFIRST_DEPTH = 2  # a standfirst or pull quote is one of the first paragraphs under its display line
_BULLETS = frozenset("■□●◆▲★")  # ... or a bullet of a summary (内容提要: ■…■…■…)


def breaks_off_visibly(text: str) -> bool:
    """A paragraph that visibly stops mid-sentence: on a clause mark, on a word that needs what
    follows (申报的, 关于…和), or inside a title or bracket it opened (印发《关于促进平台经济)."""
    t = text.rstrip()
    return bool(t) and (t[-1] in CLAUSE_MARKS or cannot_end(t) or any(t.count(o) > t.count(c) for o, c in _BRACKETS))


class RepeatedText(Rule):
    """Body text printed twice on one page: a column read twice, a block misplaced.

    What it finds: a stretch of at least `min-length` Han characters (20 by default) that the
    page's body text holds twice, exactly or with a few OCR differences (`max-differences`;
    a numeral misread as another character is one, but numbers that differ, 十万元 / 三十万元,
    are different facts), whole blocks or fragments, next to each other or far apart. The
    finding marks the copy to delete (its first sentence; the message gives the copy's length
    and the fix covers all of it); `related` points at the copy to keep.

    Which copy goes: a copy that makes up whole blocks while the other runs on inside a
    paragraph is the repeat (002: block 37 is the last 279 characters of block 35). When both
    are whole blocks, the one that continues its neighbour stays: the block before it breaks off
    mid-sentence, or the two form a word across the break (002: '…城市交通管' + '理更加数字化'
    at line 107), while the other starts mid-word after a finished sentence (line 71). When
    both blocks before them lack a sentence end, the one that visibly stops mid-sentence wins
    (on a comma, on 的 or 和, inside a 《title》 it opened) over a lead or subhead that merely
    lacks its full stop, and so does a paragraph of finished sentences whose last one stops
    short ('…。为了有节奏有计划地开展主题') over a single sentence without its stop (a subhead
    such as '北京：向问题“叫板”，让群众“叫好”'); a line that merely lacks its stop weighs less
    than the neighbours' words below, and one ending with a colon or semicolon introduces or
    lists what follows and weighs nothing. Failing such evidence, the copy that shares
    more with the paragraphs around it stays (the original stands in its article's flow, among
    paragraphs naming the same people, places and things; a misplaced copy among another
    story's text), and failing that, the later copy goes. The message says which evidence
    decided.

    Why it matters: layout analysis reads a column twice or places a block twice; the reader
    gets the same text again, and every count (words, names, quotes) doubles.

    Flags:
    - `　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎` → `　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎` (a paragraph printed twice in a row)
    - `　　各地要加强组织领导，压实工作责任，推动各项政策措施落地见效，以实际行动迎接党的二十大胜利召开。⏎⏎　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎⏎　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎` → `　　各地要加强组织领导，压实工作责任，推动各项政策措施落地见效，以实际行动迎接党的二十大胜利召开。⏎⏎　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎` (a block printed twice: the later copy goes)

    A copy among the first two paragraphs under a headline (or a ■ bullet of a summary such as
    内容提要) may be a standfirst or pull quote that repeats its article: it is damage only if it
    shares next to nothing with the paragraphs around it while the other copy shares much.

    Leaves alone:
    - `省政协会议闭幕⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎省政协会议闭幕⏎` (headlines, captions, labels and bylines repeat by layout)
    - `　　他说，要深入学习贯彻习近平总书记重要讲话重要指示精神，抓好落实。⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎　　会议要求，要深入学习贯彻习近平总书记重要讲话重要指示精神，推动发展。⏎`
      (a formula quoted in two places, inside running text both times)
    - `　　出席会议的有王拥军、李金科、董晓宇、汪海洲、胡立杰、张碧涌、林红玉等。⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎　　出席会议的有王拥军、李金科、董晓宇、汪海洲、胡立杰、张碧涌、林红玉等。⏎`
      (a list of names: several 、 in the repeat, unless a copy starts mid-word, as a column cut
      does: '十九' + '大以来经济、政治、文化…')

    A repeat counts as damage only when one copy is whole blocks, when the copies stand next to
    each other, when a copy begins or ends where a paragraph breaks off mid-sentence (a column
    cut; a paragraph ending with a colon introduces what follows and cuts nothing), or when it is at least `long-length` characters long and starts and ends mid-clause in
    both copies.

    Fix safety: always available: delete the misplaced copy (with its block and blank line when it
    is whole blocks). Safe for an exact copy of at least `safe-min-length` characters (40) that is
    whole blocks or within one paragraph; unsafe otherwise.
    """

    code = "DUP001"
    name = "repeated-text"
    category = "duplicate"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    options = {
        "min-length": Option(20, "shortest repeat reported, in Han characters"),
        "max-differences": Option(3, "OCR differences (substituted, missing or extra characters) tolerated"),
        "long-length": Option(150, "a repeat this long (Han characters) that starts and ends mid-clause in both copies is damage"),
        "safe-min-length": Option(40, "shortest exact repeat whose deletion is a safe fix"),
    }

    batch_min = 8  # pages: below this the array path costs more than it saves (and NumPy is not imported)

    def check(self, doc):
        yield from self._findings(doc, body_sequence(doc))

    def check_batch(self, docs):
        """The findings of each page, as `check` gives them: array operations pick the clauses
        that hold an anchor met twice (lint/rules/duplicate/_batch.py), and only those are read."""
        from ._batch import clauses_to_anchor

        seqs = [body_sequence(doc) for doc in docs]
        picked = clauses_to_anchor([seq.chars for seq in seqs])
        return [list(self._findings(doc, seq, clauses)) for doc, seq, clauses in zip(docs, seqs, picked)]

    def warm_batch(self) -> None:
        from ._batch import character_table

        character_table()

    def _findings(self, doc, seq: Sequence, clauses=None):
        if len(seq.chars) < 2 * self.settings["min-length"]:
            return
        for rep in find_repeats(seq.chars, self.settings["min-length"], self.settings["max-differences"], clauses):
            judged = _Judged(doc, seq, rep)
            if judged.is_damage(self.settings["long-length"]):
                yield judged.finding(self)


class _Judged:
    """One repeat in its context: where each copy stands, which one goes, and why."""

    def __init__(self, doc, seq: Sequence, rep: Repeat):
        self.doc, self.seq, self.rep = doc, seq, rep
        self.paras = doc.paragraphs

    # -- where a copy stands ----------------------------------------------------------------

    def whole(self, span) -> bool:
        """The copy is one or more whole paragraphs."""
        return self.starts_paragraph(span) and self.ends_paragraph(span)

    def starts_paragraph(self, span) -> bool:
        return is_break(self.seq.chars, span[0] - 1)

    def ends_paragraph(self, span) -> bool:
        return is_break(self.seq.chars, span[1])

    def para_of(self, pos: int):
        return self.paras[self.seq.paragraph[pos]]

    def neighbour_before(self, span, skip, display: bool = False):
        """The body paragraph right before the copy's first paragraph, skipping the other copy's
        (None when a headline or caption stands there; with `display`, a headline counts too:
        the short first half of a cut paragraph often reads as one)."""
        index = self.seq.paragraph[span[0]] - 1
        skipped = set(range(self.seq.paragraph[skip[0]], self.seq.paragraph[skip[1] - 1] + 1))
        while index in skipped:
            index -= 1
        if index < 0:
            return None
        para = self.paras[index]
        if reads_as_body(para) or display and para.kind is Kind.HEADLINE:
            return para
        return None

    def neighbour_after(self, span, skip):
        index = self.seq.paragraph[span[1] - 1] + 1
        skipped = set(range(self.seq.paragraph[skip[0]], self.seq.paragraph[skip[1] - 1] + 1))
        while index in skipped:
            index += 1
        return self.paras[index] if index < len(self.paras) else None

    def aligned(self, span, lead_in: int = 0) -> bool:
        """The copy starts and ends at clause boundaries of its paragraph (a quotation, a
        standfirst sentence), rather than at arbitrary points (a column cut). With `lead_in`,
        the start may follow that many characters of a clause (a pull quote drops 但, 认为…)."""
        s = self.seq.chars
        end_ok = self.ends_paragraph(span) or s[span[1]] in _SEPARATORS or s[span[1] - 1] in _SEPARATORS
        return end_ok and self.starts_clause(span, lead_in)

    def starts_clause(self, span, lead_in: int = 0) -> bool:
        s = self.seq.chars
        for back in range(1, lead_in + 2):
            if is_break(s, span[0] - back) or s[span[0] - back] in _SEPARATORS:
                return True
        return False

    def led_into(self, span, other) -> bool:
        """The body paragraph right before a copy breaks off mid-sentence: a column cut. A colon
        is no break: it introduces what follows (根据…的决定： then the decision itself)."""
        before = self.neighbour_before(span, other)
        return before is not None and not ends_sentence(before.text) and not before.text.rstrip().endswith(_INTRODUCES)

    def after_display(self, span) -> bool:
        """The copy opens a short block of body text after a headline or label (its first or
        second paragraph): a standfirst (内容提要, 核心阅读, ■ bullets) that repeats sentences of
        the article. Deeper in a block, a copy is in the article's flow, where a standfirst is not."""
        index = self.seq.paragraph[span[0]]
        block = self.paras[index].block
        first = index
        while first > 0 and self.paras[first - 1].block == block and self.paras[first - 1].kind is Kind.BODY:
            first -= 1
        size = len(self.doc.blocks[block].paragraphs)
        return (first == 0 or self.paras[first - 1].kind is not Kind.BODY) and size <= 6 and \
            (index - first < STANDFIRST_DEPTH or self.paras[index].text.lstrip(WHITESPACE)[:1] in _BULLETS)

    def misplaced(self, span, other) -> bool:
        """The copy `span` shares far less with the paragraphs around it than `other` does."""
        here, there = self.fit(span, other), self.fit(other, span)
        return there >= FIT_MIN and there >= FIT_RATIO * max(here, 1)

    def fit(self, span, other) -> int:
        """How much the copy shares with the paragraphs around it (pairs of Han characters also
        found in the body paragraph before and after it): the original stands in its article's
        flow, among paragraphs that name the same people, places and things; a misplaced copy
        stands among strangers."""
        copy = self.seq.chars[span[0]:span[1]]
        pairs = {copy[i:i + 2] for i in range(len(copy) - 1) if _HAN_PAIR.fullmatch(copy[i:i + 2])}
        around = [self.neighbour_before(span, other), self.neighbour_after(span, other)]
        text = "".join(p.text for p in around if p is not None and p.kind is Kind.BODY)
        return sum(1 for pair in pairs if pair in text)

    def adjacent(self) -> bool:
        s = self.seq.chars
        if self.rep.second[0] - self.rep.first[1] > 8:
            return False
        gap = s[self.rep.first[1]:self.rep.second[0]]
        return all(c in _SEPARATORS for c in gap)

    def name_list(self) -> bool:
        s = self.seq.chars[self.rep.second[0]:self.rep.second[1]]
        return s.count("、") >= 3 and s.count("、") * 8 >= len(s)

    # -- the verdict ------------------------------------------------------------------------

    def is_damage(self, long_length: int) -> bool:
        """Whether this repeat is damage rather than layout or style."""
        first, second = self.rep.first, self.rep.second
        if self.name_list() and self.starts_clause(first) and self.starts_clause(second):
            return False  # a list cut mid-word ('大以来经济、政治、文化…') is a column read twice
        if self.adjacent():
            # 促进…成长。促进…成长是重大经济问题: a phrase taken up again as the next subject.
            # A repeat holding several clauses is no phrase: a stretch of a line read twice.
            copy = self.seq.chars[second[0]:second[1]]
            phrase = sum(copy.count(c) for c in _SEPARATORS if c != PARAGRAPH) <= 1
            return not (phrase and self.starts_clause(second) and not self.ends_paragraph(second))
        w1, w2 = self.whole(first), self.whole(second)
        if w1 != w2:
            # A standfirst or pull quote repeats a sentence of the body; a column read twice
            # repeats text from an arbitrary point.
            return not self.aligned(second if w1 else first, lead_in=10)
        if w1 and w2:
            if self.led_into(first, second) or self.led_into(second, first):
                return True
            shown = [span for span in (first, second) if self.after_display(span)]
            if not shown:
                return True
            # a standfirst or pull quote repeats its own article and may stand apart from what
            # follows; a copy misplaced after a headline shares next to nothing with its
            # neighbours, while the other stands among paragraphs on its subject
            other = second if shown[0] == first else first
            return len(shown) == 1 and self.fit(shown[0], other) <= 1 and self.fit(other, shown[0]) >= 2 * FIT_MIN
        return second[1] - second[0] >= long_length and not self.aligned(first) and not self.aligned(second)

    def continues(self, span, other) -> tuple[int, str]:
        """How well a copy that starts a paragraph continues the paragraph before it: 4 when it
        runs on inside its paragraph or a word runs across the break, 3 when the paragraph
        before visibly stops mid-sentence, 2 when it finishes sentences and then stops short of
        one, 1 when it merely lacks a sentence end (a subhead or standfirst is written so:
        '北京：向问题“叫板”，让群众“叫好”'), else 0."""
        if not self.starts_paragraph(span):
            return 4, "it runs on inside its paragraph"
        before = self.neighbour_before(span, other, display=True)
        if before is None or ends_sentence(before.text) or before.text.rstrip().endswith(_INTRODUCES):
            return 0, ""  # a colon or semicolon introduces or lists what follows, whatever it is
        head = self.seq.chars[span[0]:span[0] + 3]
        word = Lexicon.default().word_across(before.text.rstrip(), head, min_freq=MIN_WORD_FREQ)
        if word:
            return 4, (f"it continues line {before.line} across the break "
                       f"('…{before.text.rstrip()[-5:]}' + '{head}…' forms '{word}')")
        if not reads_as_body(before):
            return 0, ""  # a headline: only a word across the break says it was cut
        if breaks_off_visibly(before.text):
            return 3, f"line {before.line} breaks off mid-sentence before it ('…{before.text.rstrip()[-5:]}')"
        if _FINISHED_SENTENCE.search(before.text):
            return 2, f"line {before.line} breaks off mid-sentence before it"
        return 1, f"line {before.line} lacks a sentence end before it"

    def finding(self, rule):
        drop, keep, why = self._choose()
        seq, doc = self.seq, self.doc
        start, end = seq.offsets[drop[0]], seq.offsets[drop[1] - 1] + 1
        kept = seq.offsets[keep[0]]
        kept_line = doc.position(kept).line
        length = drop[1] - drop[0]
        exact = self.rep.differences == 0
        what = "exact copy" if exact else f"near copy, {self.rep.differences} OCR difference" + (
            "s" if self.rep.differences > 1 else "")
        han = han_count(seq.chars, *drop)
        message = (f"{length} characters repeated from line {kept_line} ({what}); "
                   f"this copy is the one to delete: {why}")
        # a fragment that spans a paragraph break would merge two paragraphs when deleted
        safe = exact and han >= rule.settings["safe-min-length"] and \
            (self.whole(drop) or PARAGRAPH not in seq.chars[drop[0]:drop[1]])
        edit_start, edit_end = self._deletion(drop, start, end)
        fix = Fix.delete(edit_start, edit_end, "Delete the repeated copy",
                         Applicability.SAFE if safe else Applicability.UNSAFE)
        related = (Related(kept, "the copy kept"),)
        # The finding marks where the copy starts (its first sentence, at most 40 characters):
        # a block-long highlight says nothing more, and the fix and message cover the whole copy.
        head_end = drop[0]
        while head_end < drop[1] - 1 and head_end - drop[0] < 40 and seq.chars[head_end] not in "。！？!?" \
                and seq.chars[head_end] != PARAGRAPH:
            head_end += 1
        return rule.finding(start, seq.offsets[head_end] + 1, message, fix, related)

    def _choose(self):
        first, second = self.rep.first, self.rep.second
        w1, w2 = self.whole(first), self.whole(second)
        if w1 != w2:
            drop, keep = (first, second) if w1 else (second, first)
            line = self.doc.position(self.seq.offsets[keep[0]]).line
            return drop, keep, (f"it stands as a block of its own while the same text runs on inside "
                                f"the paragraph at line {line}")
        if w1 and w2:
            s1, why1 = self.continues(first, second)
            s2, why2 = self.continues(second, first)
            # a line that merely lacks its stop (a subhead) says less than the neighbours' words
            weak = max(s1, s2) <= 1 and (self.misplaced(first, second) or self.misplaced(second, first))
            if s1 != s2 and not weak:
                drop, keep = (first, second) if s1 < s2 else (second, first)
                why_keep, why_drop = (why2, why1) if s1 < s2 else (why1, why2)
                line = self.doc.position(self.seq.offsets[keep[0]]).line
                head = self.seq.chars[drop[0]:drop[0] + 5]
                weaker = f"leads into it less surely: {why_drop}" if why_drop else "does not lead into it"
                return drop, keep, (f"the copy at line {line} stays because {why_keep}; this one "
                                    f"('{head}…') follows text that {weaker}")
        if self.adjacent():
            return second, first, "it repeats the text right before it"
        if self.misplaced(first, second) or self.misplaced(second, first):
            f1, f2 = self.fit(first, second), self.fit(second, first)
            drop, keep = (first, second) if f1 < f2 else (second, first)
            line = self.doc.position(self.seq.offsets[keep[0]]).line
            return drop, keep, (f"the copy at line {line} shares {max(f1, f2)} pairs of characters with the "
                                f"paragraphs around it, this one {min(f1, f2)}: it stands among another story's text")
        f1, f2 = self.fit(first, second), self.fit(second, first)
        if f1 != f2:
            drop, keep = (first, second) if f1 < f2 else (second, first)
            line = self.doc.position(self.seq.offsets[keep[0]]).line
            return drop, keep, (f"the copy at line {line} shares a little more with the paragraphs around it "
                                f"({max(f1, f2)} pairs of characters against {min(f1, f2)})")
        return second, first, "the later copy is taken for the repeat (no context tells them apart)"

    def _deletion(self, drop, start: int, end: int) -> tuple[int, int]:
        """Whole paragraphs go with their line and the blank lines after them."""
        if not self.whole(drop):
            return start, end
        first_para = self.para_of(drop[0])
        last_para = self.para_of(drop[1] - 1)
        line_start = first_para.start
        following = self.paras[last_para.index + 1] if last_para.index + 1 < len(self.paras) else None
        if following is not None:
            return line_start, following.start
        previous = self.paras[first_para.index - 1] if first_para.index > 0 else None
        if previous is not None:
            return previous.end, last_para.end  # the last block: keep the file's own ending
        return line_start, last_para.end
