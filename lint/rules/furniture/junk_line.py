from lint.chars import WHITESPACE
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.patterns import lazy
from lint.rule import Option, Rule

from ._lines import lines_with

# what OCR reads from specks, rules and smudges: strokes, and ASCII marks beside them
STROKES = frozenset("|¦丨/\\_~^`=+#<>[]{}°•")
NOISE = STROKES | frozenset("'\",.:;!?-*()")
# lines of marks a paper prints on purpose: section breaks (＊＊＊, ※, ……, ——), which are left alone
SECTION_BREAK = lazy(r"^(?:[＊*※☆★●○◆◇■□]\s*){1,9}$|^[…—─-]+$|^\.{3,}$")
_ONE_LETTER_RUN = lazy(r"^([A-Za-z])\1{3,}$")  # eeeeeeee
_SHORT_LATIN = lazy(r"^[A-Za-z]{1,3}$")
_ONE_DIGIT_RUN = lazy(r"^(\d)\1{3,}$")  # 9999


def _in_class(chars) -> str:
    """The characters spelled for a [...] class, in order (the same pattern in every process)."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in sorted(chars))


# A junk line holds nothing but marks, Latin letters, digits and spaces: every line with anything
# else, a Han character most often, is passed over in one pass (a \r is let through to be judged).
_JUNK_CHARS = NOISE | frozenset(WHITESPACE) | {"\r"}
_MAY_BE_JUNK = lazy(rf"^[{_in_class(_JUNK_CHARS)}A-Za-z\d]+$", "MULTILINE")


class JunkLine(Rule):
    """A line of OCR noise: no word, no number, nothing of the article (eeeeeeee, |, ',.).

    What it finds: a line that holds no Chinese character and reads as nothing: marks the OCR
    engine saw in specks and printed rules (`|`, `',.`, `_ ~`), one letter repeated (eeeeeeee),
    one digit repeated (9999), or a lone fragment of one to three Latin letters (En, ER) on a
    page of Chinese text.

    Why it matters: the noise lands in search indexes, word counts and language-model corpora as
    if it were text, and it splits the paragraph around it in two.

    Flags:
    - `　　美丽中国建设迈出重大步伐。⏎eeeeeeee⏎　　生态环境明显改善。⏎` →
      `　　美丽中国建设迈出重大步伐。⏎　　生态环境明显改善。⏎`
    - `　　美丽中国建设迈出重大步伐。⏎|⏎　　生态环境明显改善。⏎` →
      `　　美丽中国建设迈出重大步伐。⏎　　生态环境明显改善。⏎`
    - `　　美丽中国建设迈出重大步伐。⏎ER⏎　　生态环境明显改善。⏎` →
      `　　美丽中国建设迈出重大步伐。⏎　　生态环境明显改善。⏎` (unsafe)

    Leaves alone:
    - `　　第一部分⏎＊＊＊＊＊⏎　　第二部分⏎` (a section break)
    - `　　他沉默了。⏎……⏎` (an ellipsis on its own line)
    - `11.3 19:30⏎www.internetplus-expo.com⏎1.7%⏎` (times, dates, addresses, figures)
    - `　　他说：“我们做到了⏎。”⏎` (a sentence's last marks wrapped onto a line: a break, not
      noise)

    Fix safety: always available. Safe for a line of marks or of one letter repeated, where
    nothing readable is lost; unsafe for a lone digit run or Latin fragment, which could be a
    table's figure or an abbreviation set on its own line.
    """

    code = "FUR001"
    name = "junk-line"
    category = "furniture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    options = {
        "latin-fragments": Option(True, "report a lone fragment of one to three Latin letters"),
    }

    def check(self, doc):
        text = doc.text
        for start, end, line, body in lines_with(text, _MAY_BE_JUNK):
            kind = self._junk_kind(body)
            if kind is None:
                continue
            safe = kind in ("marks", "letters")
            what = {"marks": "marks that spell nothing", "letters": "one letter repeated",
                    "digits": "one digit repeated", "latin": "a lone fragment of Latin letters"}[kind]
            applicability = Applicability.SAFE if safe else Applicability.UNSAFE
            yield self.finding(start, start + len(line), f"OCR junk line ({what}): '{body}'",
                               Fix.delete(start, end, "Delete the line", applicability))

    def _junk_kind(self, body: str) -> str | None:
        if SECTION_BREAK.match(body):
            return None
        compact = "".join(c for c in body if c not in WHITESPACE)
        if all(c in NOISE for c in compact) and (len(compact) >= 3 or any(c in STROKES for c in compact)):
            return "marks"  # (a lone mark is a sentence's end wrapped onto a line of its own)
        if _ONE_LETTER_RUN.match(compact):
            return "letters"
        if _ONE_DIGIT_RUN.match(compact):
            return "digits"
        if self.settings["latin-fragments"] and _SHORT_LATIN.match(compact):
            return "latin"
        return None
