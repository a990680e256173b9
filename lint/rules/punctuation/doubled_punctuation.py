from lint.patterns import lazy
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule

_DOUBLED = lazy(r"([，、；：])\1+|(?<!。)。。(?!。)")


class DoubledPunctuation(Rule):
    """The same punctuation mark twice in a row: ，，  。。  、、  ；；  ：：.

    What it finds: a comma, enumeration comma, full stop, semicolon or colon repeated with
    nothing between.

    Why it matters: OCR reads a mark twice where the ink bleeds or a column breaks; Chinese never
    doubles these marks. The text reads as it should with one of them.

    Flags:
    - `　　会议强调，，要抓好落实。⏎` → `　　会议强调，要抓好落实。⏎`
    - `　　会议闭幕。。代表们离开会场。⏎` → `　　会议闭幕。代表们离开会场。⏎`

    Leaves alone:
    - `　　他沉默了。。。⏎` (three full stops: an ellipsis, ellipsis-dash-style's business)
    - `　　“真的吗？？”他问。⏎` (？？ and ！！: emphasis)
    - `　　会议强调，。要抓好落实。⏎` (different marks side by side: only the scan tells which is right)

    Fix safety: always available, and safe: Chinese never doubles these marks.
    """

    code = "PUN003"
    name = "doubled-punctuation"
    category = "punctuation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        for m in _DOUBLED.finditer(doc.text):
            mark = m.group()[0]
            yield self.finding(m.start(), m.end(), f"'{mark}' {len(m.group())} times in a row",
                               Fix.replace(m.start(), m.end(), mark, f"Keep one '{mark}'"))
