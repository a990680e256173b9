from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule


class ByteOrderMark(Rule):
    """The file starts with a byte-order mark (U+FEFF).

    What it finds: the UTF-8 signature EF BB BF at the start of a page. newslint reads such files
    (the mark is character 1 of line 1) and reports it.

    Why it matters: a BOM is not part of the text. Windows tools add it; many Unix tools then
    treat it as a character of the first headline, so the headline no longer matches itself
    elsewhere.

    Flags:
    - `\\ufeff标题⏎` → `标题⏎`

    Leaves alone:
    - `标题⏎` (no mark)
    - `标题\\ufeff⏎` (U+FEFF inside the text: invisible-character reports that)

    Fix safety: always available, and safe: the mark is not part of the text.
    """

    code = "SPC010"
    name = "byte-order-mark"
    category = "spacing"
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        if doc.text.startswith("\ufeff"):
            yield self.finding(0, 1, "byte-order mark (BOM) at the start of the file",
                               Fix.delete(0, 1, "Remove the byte-order mark"))
