from lint.patterns import lazy
from lint.finding import Applicability, Fix, Severity
from lint.rule import Rule

_DOUBLED = lazy(r"([，、；：])\1+|(?<!。)。。(?!。)")


class DoubledPunctuation(Rule):
    """The same punctuation mark twice in a row: ，，  。。  、、  ；；  ：：.

    What it finds: a comma, enumeration comma, full stop, semicolon or colon repeated with
    nothing between.

    Why it matters: OCR reads a mark twice where the ink bleeds or a column breaks; Chinese never
    doubles these marks. The text reads as it should with one of them.

    Leaves alone: three or more full stops (an ellipsis typed as 。。。: ellipsis-dash-style's
    business), ？？ and ！！ (emphasis, in quoted speech and headlines), and different marks side
    by side (，。), where only the scan tells which one is right.

    Fix (safe): keep one mark.
    """

    code = "PUN003"
    name = "doubled-punctuation"
    category = "punctuation"
    severity = Severity.WARNING
    fix = Applicability.SAFE

    def check(self, doc):
        for m in _DOUBLED.finditer(doc.text):
            mark = m.group()[0]
            yield self.finding(m.start(), m.end(), f"'{mark}' {len(m.group())} times in a row",
                               Fix.replace(m.start(), m.end(), mark, f"Keep one '{mark}'"))
