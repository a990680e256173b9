from lint.patterns import lazy
from lint.chars import describe_whitespace
from lint.finding import Applicability, Fix, Severity
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

    Flags: `推动高质量 发展`, `市委　书记` in a body paragraph.

    Leaves alone (house style): headlines and subheads (唐登杰卢东亮出席 张春林主持并讲话),
    bylines (本报记者 纪元元, （赵  兵  丁雅诵）), the dateline that opens a story
    (新华社北京2月4日电 2月4日晚, 本报讯（记者 郭宁）), photo credits (山西日报记者 刘通摄),
    labels, jump markers; short quotations and titles, which keep their own spacing
    (“我爱你 中国”); two or more ideographic spaces, which indent a paragraph run into the one
    before (…开新局　　2019年9月16日); and no-break spaces (U+00A0), which typesetters set on
    purpose (总理 李克强, 第七条 各级) and OCR never produces.

    Fix (safe): delete the space.
    """

    code = "SPC007"
    name = "space-between-han"
    category = "spacing"
    severity = Severity.WARNING
    fix = Applicability.SAFE

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
