from lint.patterns import lazy
from lint.chars import WHITESPACE
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind

from lint.prose.doubles import LONGEST_AT_BREAK, PageText
from lint.prose.sentences import reads_as_body

from ._judges import JudgesDoubles

_TAIL_RUN = lazy(r"\p{Han}+$")
_SEAM_REACH = 4  # characters on each side of a break in which a word across it is looked for
_SEAM_WORD_FREQ = 5


def may_repeat_across(tail: str, head: str) -> bool:
    """Whether the judge's `at_break` can find anything: a double across the break starts the
    head with a character among the tail's last LONGEST_AT_BREAK (most pairs of lines have none,
    and need neither the judge nor their kinds)."""
    return bool(head) and head[0] in tail[-LONGEST_AT_BREAK:]


class DoubledAtBreak(JudgesDoubles):
    """Text printed on both sides of a column or line break: the paragraph's tail begins the next.

    What it finds: a body paragraph that ends mid-sentence with one to four characters that
    the next paragraph starts with again (缓解道路拥堵 | 堵问题, …城市交通 | 交通管理…).

    Why it matters: when a column ends, OCR and layout analysis often read its last character
    or word a second time as the first of the next column. The paragraph is then both cut in
    two and stuttering.

    Flags:
    - `　　今年以来，全省各地认真贯彻落实会议精神。各地着力缓解道路拥堵⏎堵问题、破解停车难题。⏎` →
      `　　今年以来，全省各地认真贯彻落实会议精神。各地着力缓解道路拥堵问题、破解停车难题。⏎`
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议指出，我们要推动高质⏎质量发展。⏎` → `　　今年以来，全省各地认真贯彻落实会议精神。会议指出，我们要推动高质量发展。⏎`
      (two words, but the text reads far better with one copy gone: an unsafe fix)

    At a break that falls mid-sentence a double is a slip unless the words say otherwise, so
    DUP002 is bolder than DUP003: a reduplication is no excuse when the copy after the break
    starts a commoner word (更是深 | 深受欢迎) or the copy before it ends a common word (沿用传统
    | 统模式: 统统 is a word, 传统 the reading), two words are none when the text reads far
    better with one copy gone (高质 | 质量发展), a measure word after a number belongs to the
    number (10月22日 | 日在), a numeral counts when it starts a word (打了一 | 一场), and a name is
    no excuse when the page spells it with one copy elsewhere (徐前 | 前凯 on a page that names
    徐前凯 again). A first half the classifier reads as a subhead (no comma in it) still counts
    when, one copy dropped, a word runs across the break (第十三届全国人民代表大 | 大会…), or when
    the next paragraph opens with a character that starts no word there (发展论坛 | 坛在这里开幕).

    Leaves alone:
    - `　　今年以来，全省各地认真贯彻落实会议精神。省委统战部⏎部长出席会议。⏎` (each copy belongs to a word: 统战部 | 部长)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议号召大家积极资助⏎助学，帮扶困难学生。⏎` (资助 | 助学)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会上徐⏎徐展开了一幅画卷。⏎` (one word holds both copies: 徐徐)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议审议了十五⏎五规划建议稿。⏎` (a numeral: 十五五)
    - `进一步稳就业⏎　　就业是最大的民生，要多措并举。⏎` (a subhead whose last word opens the body)

    The judge is DUP003's (lint.prose.doubles), with the same bundled allowlist and this rule's
    `allow` and `never-doubled` options.

    Fix safety: always available: drop the second copy and join the two halves into one
    paragraph. Safe for a single character when the word list leaves no doubt (the kept copy ends
    a common word, the pair is no word, the copy after the break stands alone before a word) and
    the character is rarely a word of its own (现在 | 在广州 may be correct: unsafe), and for a
    repeat of two or more characters that is a dictionary word or longer than two characters;
    unsafe otherwise.
    """

    code = "DUP002"
    name = "doubled-at-break"
    category = "duplicate"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    def check(self, doc):
        paras = doc.paragraphs
        page = PageText(doc.text, in_place=False)
        for p, q in zip(paras, paras[1:]):
            tail = p.text.rstrip(WHITESPACE)
            head = q.text[q.indent:]
            if not may_repeat_across(tail, head):
                continue
            display = not reads_as_body(p)
            if display and not (p.kind is Kind.HEADLINE and q.kind is Kind.BODY) or \
                    q.kind not in (Kind.BODY, Kind.HEADLINE):
                continue
            found = self.judge.at_break(tail, head, page.near(p.start + len(tail)))
            if found is None:
                continue
            if display and not (found[0] == 1 and (found[1] or self._cut_under_display(tail, head))):
                continue  # a subhead whose last word opens the body (进一步稳就业 | 就业是…)
            k, safe, reason = found
            end = p.start + len(tail)
            repeat = head[:k]
            before = tail[-8:]
            after = head[:8 + k]
            yield self.finding(
                end - k, q.content_start + k,
                f"'{repeat}' printed on both sides of a break: '…{before}' | '{after}…': {reason}",
                Fix.delete(end, q.content_start + k,
                           f"Drop the second '{repeat}' and join the two halves of the paragraph",
                           Applicability.SAFE if safe else Applicability.UNSAFE))

    def _cut_under_display(self, tail: str, head: str) -> bool:
        """A first half the classifier took for a subhead is still a cut paragraph when, one
        copy dropped, a word runs across the break (第十三届全国人民代表大 | 大会…), or when the
        next paragraph opens with a character that starts no word there (发展论坛 | 坛在这里开幕,
        大会上的 | 的重要讲话): a body under a subhead opens with a word of its own."""
        m = _TAIL_RUN.search(tail[-12:])
        if m is None or len(m.group()) < 3:
            return False  # 观 马 | 马镇: spaced display type
        lex = self.judge.lexicon
        if lex.word_across(m.group(), head[1:], _SEAM_REACH, _SEAM_WORD_FREQ):
            return True
        return not any(len(w) >= 2 and lex.freq(w) >= _SEAM_WORD_FREQ for w in lex.words_at(head, 0))
