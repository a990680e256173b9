from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule


class TrailingBlankLines(Rule):
    """Blank lines after the last block of the page.

    What it finds: the file ends with more than the one newline that closes its last line
    (`…韩莹摄⏎⏎`), or holds nothing but whitespace.

    Why it matters: trailing blank lines are layout debris; pages that end differently compare
    unequal and concatenate with ragged gaps.

    Flags:
    - `本报记者 韩莹摄⏎⏎` → `本报记者 韩莹摄⏎` (two newlines at the end)
    - `本报记者 韩莹摄⏎　⏎` → `本报记者 韩莹摄⏎` (a newline and a whitespace-only line)

    Leaves alone:
    - `本报记者 韩莹摄⏎` (exactly one newline after the last line)
    - `本报记者 韩莹摄` (a missing final newline is missing-final-newline's business)

    Fix safety: always available, and safe: the blank lines are deleted, keeping the newline that
    ends the last line.
    """

    code = "SPC004"
    name = "trailing-blank-lines"
    category = "spacing"
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        text = doc.text
        last = next((line for line in reversed(doc.lines) if not line.is_blank), None)
        if last is None:
            if text:
                yield self.finding(0, len(text), "the file holds nothing but whitespace",
                                   Fix.delete(0, len(text), "Empty the file"))
            return
        start = last.end + 1  # keep the newline that closes the last line
        if start < len(text):
            count = text.count("\n", start) + (0 if text.endswith("\n") else 1)
            noun = "blank line" if count == 1 else "blank lines"
            yield self.finding(start, len(text), f"{count} {noun} at the end of the file",
                               Fix.delete(start, len(text), f"Remove the {noun}"))
