from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule


class MissingFinalNewline(Rule):
    """The last line of the file does not end with a newline.

    What it finds: a non-empty file whose last character is not a line break.

    Why it matters: POSIX tools drop or merge an unterminated last line (`cat a b` glues the
    last paragraph of one page to the first of the next); diffs mark it "No newline at end of
    file".

    Flags:
    - `　　交通新名片。` → `　　交通新名片。⏎`

    Leaves alone:
    - `　　交通新名片。⏎` (the last line ends with a newline)
    - `　　交通新名片。⏎⏎` (the last line is blank: trailing-blank-lines handles it)

    Fix safety: always available, and safe: one newline is added.
    """

    code = "SPC005"
    name = "missing-final-newline"
    category = "spacing"
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        text = doc.text
        if not text or text.endswith("\n") or doc.lines[-1].is_blank:
            return
        end = len(text)
        yield self.finding(end, end, "no newline at end of file",
                           Fix.insert(end, "\n", "Add a newline at the end"))
