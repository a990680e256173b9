from lint.patterns import lazy
from lint.chars import describe_whitespace
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind
from lint.lexicon import Lexicon
from lint.prose.words import ends_mid_word, starts_mid_word
from lint.rule import Rule

from ._common import (display_quotes, han_runs, house_style_space, is_run_in, separates_display_words,
                      spaced_paragraphs)

_SPACE = lazy(r"(?<=\p{Han})[ \t\u3000]+(?=\p{Han})")
WORD_ACROSS = 20  # a word at least this common that the text, read as one, runs across the space


def _split_word(before: str, after: str) -> str:
    """The common word the text, read as one, runs across a space ('' when none): a few lookups
    first, the segmentation only when some word spans the join (most spaces join none)."""
    lex = Lexicon.default()  # (loaded only here: most pages have no space between Han characters)
    if not lex.word_across(before, after, 3, WORD_ACROSS):
        return ""
    return lex.segmented_across(before, after, WORD_ACROSS)


class SpaceBetweenHan(Rule):
    """A space or ideographic space between two Chinese characters in body text.

    What it finds: ASCII spaces, tabs or ideographic spaces (U+3000) between two Han characters
    inside a body paragraph or a photo caption; in a headline or subhead, only a space that
    splits a word (历  史: the text read as one runs a common word across it, of three characters
    or more, or leaving a fragment on each side).

    Why it matters: Chinese running text has no spaces between words. OCR inserts them where a
    character is wide, where ink is faint, or where a line of a column ended; a stray space
    splits a word (发 展) and hides it from search and word lists.

    Flags:
    - `　　围绕产业转型升级，推动高质量 发展，着眼全局抓重点。⏎` →
      `　　围绕产业转型升级，推动高质量发展，着眼全局抓重点。⏎`
    - `　　市委　书记主持会议并讲话，强调要抓好落实。⏎` →
      `　　市委书记主持会议并讲话，强调要抓好落实。⏎` (an ideographic space)
    - `　　创造新的历  史伟业必须坚持人民主体地位⏎` → `　　创造新的历史伟业必须坚持人民主体地位⏎`
      (a subhead, but the spaces split 历史)

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
    - `　　3月2日，春风化雨 润物无声（基层新闻）。⏎` (two phrases of equal length standing alone
      between marks: a headline quoted in a caption, a summary or a list of stories)
    - `　　讲述身边故事  传递时代温度⏎` (the same)
    - `群众来信 件件有回复⏎` (a headline's phrases, whole words on both sides, though 信件 is a word)
    - `　　守初心 担使命 找差距 抓落实·深入开展主题教育。⏎` (a series of three-character phrases)
    - `——编　者⏎` (a short word spaced out in display type)
    - `　　第一条 为了规范管理，制定本办法。⏎` (the heading of an article of a law or regulation)
    - `　　证券简称：某某股份  证券代码：600000⏎` (fields set apart on one line)

    Fix safety: always available: delete the space. Safe when the space splits a word (the text
    read as one runs a common word across it: 历 史, 来 源) or leaves a single character
    standing alone; unsafe otherwise: a space between two words of running text is almost always
    OCR's, but house style sets phrases apart in ways no list exhausts.
    """

    code = "SPC007"
    name = "space-between-han"
    category = "spacing"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE

    def check(self, doc):
        for para in spaced_paragraphs(doc):
            body = para.kind in (Kind.BODY, Kind.CAPTION)
            if not body and para.kind is not Kind.HEADLINE:
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
                text = para.text
                across = _split_word(text[para.indent:m.start()], text[m.end():])
                left, right = han_runs(text, m.start(), m.end())
                if not body and (not across or len(left) == len(right) == 1
                                 or len(across) < 3 and not (ends_mid_word(left) and starts_mid_word(right))):
                    # a headline sets its phrases apart (群众来信 件件有回复: whole words on both
                    # sides, though 信件 is one too) and spaces out a short word (编　者)
                    continue
                if (not across or not body) and house_style_space(text, m.start(), m.end()):
                    continue  # (查出老病根 治好庸懒散: phrases, though 根治 is a word)
                safe = bool(across) or min(len(left), len(right)) == 1
                before, after = text[m.start() - 1], text[m.end()]
                where = "body text" if body else "a headline"
                why = f": it splits '{across}'" if across else ""
                yield self.finding(
                    start, end, f"{describe_whitespace(m.group())} between '{before}' and '{after}' in {where}{why}",
                    Fix.delete(start, end, "Delete the space", Applicability.SAFE if safe else Applicability.UNSAFE))
