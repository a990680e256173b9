from lint.patterns import lazy
from lint.chars import describe_whitespace
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind
from lint.rule import Rule

from ._common import display_quotes, is_run_in, separates_display_words, spaced_paragraphs

_SPACE = lazy(r"(?<=\p{Han})[ \t\u3000]+(?=\p{Han})")


class SpaceBetweenHan(Rule):
    """A space or ideographic space between two Chinese characters in body text.

    What it finds: ASCII spaces, tabs or ideographic spaces (U+3000) between two Han characters
    inside a body paragraph or a photo caption.

    Why it matters: Chinese running text has no spaces between words. OCR inserts them where a
    character is wide, where ink is faint, or where a line of a column ended; a stray space
    splits a word (发 展) and hides it from search and word lists.

    Flags:
    - `　　围绕产业转型升级，推动高质量 发展，着眼全局抓重点。⏎` →
      `　　围绕产业转型升级，推动高质量发展，着眼全局抓重点。⏎`
    - `　　市委　书记主持会议并讲话，强调要抓好落实。⏎` →
      `　　市委书记主持会议并讲话，强调要抓好落实。⏎` (an ideographic space)

    Leaves alone:
    - `唐登杰卢东亮出席 张春林主持并讲话⏎` (house style: a headline or subhead)
    - `本报记者 纪元元⏎` (a byline)
    - `（赵  兵  丁雅诵）⏎` (a byline)
    - `　　本报讯（记者 郭宁）会议今天在太原闭幕，代表们审议了报告。⏎` (the dateline that opens a story)
    - `　　2月5日，省政协会议在太原闭幕。山西日报记者 刘通摄⏎` (a photo credit)
    - `　　活动以“奋进新征程 建功新时代”为主题。⏎` (a short quotation or title keeps its own spacing
      between phrases of three or more characters; “人民 科学家” is a word OCR split)
    - `　　全党要奋力开新局　　全会指出，要坚持不懈抓落实。⏎`
      (two or more ideographic spaces indent a paragraph run into the one before)
    - `　　国务院总理\\u00a0李克强出席会议并讲话。⏎` (no-break spaces are set on purpose; OCR never
      produces them)

    Fix safety: always available, and safe: a space between two Han characters of body text is
    never part of the text.
    """

    code = "SPC007"
    name = "space-between-han"
    category = "spacing"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        for para in spaced_paragraphs(doc):
            if para.kind not in (Kind.BODY, Kind.CAPTION):
                continue
            quotes = None
            for m in _SPACE.finditer(para.text, para.indent):
                start, end = para.start + m.start(), para.start + m.end()
                if para.in_span(start, end) or is_run_in(m.group()):
                    continue
                if quotes is None:
                    quotes = display_quotes(para.text)
                if separates_display_words(para.text, quotes, m.start(), m.end()):
                    continue
                before, after = para.text[m.start() - 1], para.text[m.end()]
                yield self.finding(
                    start, end,
                    f"{describe_whitespace(m.group())} between '{before}' and '{after}' in body text",
                    Fix.delete(start, end, "Delete the space"))
