from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule


class LeadingBlankLines(Rule):
    """Blank lines before the first block of the page.

    What it finds: one or more empty (or whitespace-only) lines at the start of the file.

    Why it matters: layout analysis often emits empty lines where a page's masthead or an image
    was. They carry nothing, and tools that take the first line as the headline get an empty one.

    Flags:
    - `⏎⏎省政协十三届四次会议在太原闭幕⏎` → `省政协十三届四次会议在太原闭幕⏎`

    Leaves alone:
    - `省政协十三届四次会议在太原闭幕⏎` (the first line has text)

    Fix safety: always available, and safe: the blank lines are deleted, nothing else.
    """

    code = "SPC002"
    name = "leading-blank-lines"
    category = "spacing"
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        lines = doc.lines
        count = 0
        while count < len(lines) and lines[count].is_blank:
            count += 1
        if count == 0 or count == len(lines):
            return  # no blank start, or nothing but blank lines (trailing-blank-lines reports it)
        end = lines[count].start
        noun = "blank line" if count == 1 else "blank lines"
        where = "line 1" if count == 1 else f"lines 1-{count}"
        yield self.finding(0, end, f"{count} {noun} before the first block ({where})",
                           Fix.delete(0, end, f"Remove the {noun}"))
