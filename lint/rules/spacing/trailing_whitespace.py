from lint.chars import describe_whitespace
from lint.chars import WHITESPACE
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule


class TrailingWhitespace(Rule):
    """Whitespace at the end of a line, or a blank line that holds whitespace.

    What it finds: spaces, tabs, ideographic spaces (U+3000) and no-break spaces after the last
    character of a line; a line of nothing but whitespace.

    Why it matters: OCR and HTML exports leave invisible whitespace at line ends. It changes no
    reading, but it makes identical paragraphs compare unequal, defeats de-duplication and shows
    up in every diff.

    Flags:
    - `本报记者 纪元元␠␠⏎` → `本报记者 纪元元⏎` (spaces after the last character)
    - `标题⏎　　⏎　　正文。⏎` → `标题⏎⏎　　正文。⏎` (a line holding only an indent)

    Leaves alone:
    - `　　全市上下凝心聚力。⏎` (the indent of a paragraph with text after it)
    - `　　推动高质量 发展。⏎` (whitespace inside a line: other rules judge it)

    Fix safety: always available, and safe: whitespace at a line's end is never read.
    """

    code = "SPC001"
    name = "trailing-whitespace"
    category = "spacing"
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        for line in doc.lines:
            kept = line.text.rstrip(WHITESPACE)
            if len(kept) == len(line.text):
                continue
            start, end = line.start + len(kept), line.end
            run = line.text[len(kept):]
            message = (f"blank line contains whitespace ({describe_whitespace(run)})" if not kept
                       else f"trailing whitespace ({describe_whitespace(run)})")
            yield self.finding(start, end, message, Fix.delete(start, end, "Remove the whitespace"))
