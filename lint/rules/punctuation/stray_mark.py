from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind
from lint.patterns import lazy
from lint.rule import Rule

# a stroke OCR read from a speck or a rule, between two pieces of Chinese text; spaces around it
# belong to it (an OCR engine sets a space either side of what it cannot place)
_BEFORE = r"[\u4e00-\u9fff，。、；：！？“”‘’《》（）]"
_AFTER = r"[\u4e00-\u9fff“‘《（]"
_STRAY = lazy(rf"(?<={_BEFORE})[ \u3000]*(?:[_|~^`¦]+|\*)[ \u3000]*(?={_AFTER})")
# the marks themselves: most pages have none, and _STRAY (a look-behind first) is tried at every position
_STROKE = lazy(r"[_|~^`¦*]")


class StrayMark(Rule):
    """A stroke OCR read from a speck between Chinese characters: 这得益，_ 于, 主席| 出席.

    What it finds: an underscore, a vertical bar, a tilde, a caret, a backquote or an asterisk
    standing alone between two pieces of Chinese text (characters or full-width marks), with
    the spaces the OCR engine set around it.

    Why it matters: Chinese text has no use for these marks between its characters; they are
    specks, rules and smudges the engine read as ASCII, and they split the words around them for
    search and segmentation.

    Flags:
    - `　　这得益，_ 于亿万中国人民的奋斗。⏎` → `　　这得益，于亿万中国人民的奋斗。⏎`
    - `　　国家主席| 出席会议。⏎` → `　　国家主席出席会议。⏎`
    - `　　会议强调* 要抓好落实。⏎` → `　　会议强调要抓好落实。⏎` (unsafe)

    Leaves alone:
    - `　　网友参与微博话题#共贺新中国成立70周年#讨论。⏎` (a hashtag)
    - `　　*ST康得发布公告。⏎` (a stock's mark before Latin letters)
    - `　　比分为3|2。⏎` (marks between digits or Latin text)

    Fix safety: always available. Safe for the strokes (_ | ~ ^ ` ¦), which Chinese text never
    sets between its characters; unsafe for the asterisk, which may mark a footnote.
    """

    code = "PUN005"
    name = "stray-mark"
    category = "punctuation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE

    def check(self, doc):
        for p in doc.paragraphs_holding(_STROKE):
            if p.kind is Kind.CREDIT:
                continue
            for m in _STRAY.finditer(p.text):
                mark = m.group().strip(" \u3000")
                start, end = p.start + m.start(), p.start + m.end()
                applicability = Applicability.UNSAFE if mark == "*" else Applicability.SAFE
                yield self.finding(start, end, f"stray '{mark}' between Chinese characters: a speck OCR read as a mark",
                                   Fix.delete(start, end, f"Delete '{mark}'", applicability))
