from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import ConfigError, Option, Rule


class MultipleBlankLines(Rule):
    """More blank lines between two blocks than the page style allows.

    What it finds: a run of blank lines between two blocks longer than `max-blank-lines`.

    Why it matters: one blank line separates blocks; OCR and layout tools leave two, three or
    more where a photo, an advertisement or a column gap stood. Extra blank lines say nothing
    and break tools that count blank lines to find articles.

    Flags:
    - `张春林主持并讲话⏎⏎⏎⏎　　2月5日，会议闭幕。⏎` → `张春林主持并讲话⏎⏎　　2月5日，会议闭幕。⏎`
      (three blank lines where one separates the blocks)

    Leaves alone:
    - `张春林主持并讲话⏎⏎　　2月5日，会议闭幕。⏎` (a single blank line between blocks)
    - `⏎⏎⏎标题⏎` (blank lines at the start of the file: leading-blank-lines reports those)

    Fix safety: always available, and safe: the extra blank lines are deleted, keeping
    `max-blank-lines` of them.
    """

    code = "SPC003"
    name = "multiple-blank-lines"
    category = "spacing"
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE
    options = {"max-blank-lines": Option(1, "how many blank lines may separate two blocks (>= 1)")}

    def __init__(self, severity=None, **options):
        super().__init__(severity, **options)
        if self.settings["max-blank-lines"] < 1:
            raise ConfigError(f"{self.code}: option 'max-blank-lines' must be at least 1 "
                              "(0 would merge blocks into one)")

    def check(self, doc):
        allowed = self.settings["max-blank-lines"]
        lines = doc.lines
        i, seen_text = 0, False
        while i < len(lines):
            if not lines[i].is_blank:
                seen_text = True
                i += 1
                continue
            j = i
            while j < len(lines) and lines[j].is_blank:
                j += 1
            run = j - i
            if seen_text and j < len(lines) and run > allowed:
                start, end = lines[i + allowed].start, lines[j].start
                yield self.finding(
                    start, end, f"{run} blank lines between blocks (lines {lines[i].number}-"
                    f"{lines[j - 1].number}; at most {allowed})",
                    Fix.delete(start, end, f"Keep {allowed} blank line{'s' if allowed > 1 else ''}"))
            i = j
