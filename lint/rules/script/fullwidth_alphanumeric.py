"""SCR003: full-width Latin letters and digits (ＡＢＣ１２３) against the page's or the house's style."""
from itertools import islice

from lint.patterns import lazy
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

_FULL = lazy(r"[０-９Ａ-Ｚａ-ｚ]+(?:[．，：／－][０-９Ａ-Ｚａ-ｚ]+)*")
# a half-width number or word not inside a longer one; written with its first character ahead of
# the look-behind (the character before that one) so that `re` skips to where a letter or digit stands
_HALF = lazy(r"[0-9A-Za-z](?<![0-9A-Za-z_.@/:-][0-9A-Za-z])[0-9A-Za-z]*(?:[.,:/-][0-9A-Za-z]+)*"
             r"(?![0-9A-Za-z_@/-])")
_ADDRESS = lazy(r"[A-Za-z]\.[A-Za-z]|/")  # www.gov.cn, a/b: addresses stay ASCII
_HAN = lazy(r"\p{Han}")
_HALF_TO_FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:/-"}


_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(ord("！"), ord("～") + 1)}


def to_halfwidth(s: str) -> str:
    return s.translate(_FULL_TO_HALF)


class FullwidthAlphanumeric(Rule):
    """Full-width Latin letters and digits (ＡＢＣ１２３) beside half-width ones, or against the
    house style.

    What it finds, by `policy`:
    - `consistent` (default): a page that writes numbers and Latin letters both ways (１９９８年
      and 2019年); the form used less often on the page is reported (on a tie, the
      full-width one). Pages in one form, either
      one, are left alone: the People's Daily of 1998 set every digit full-width.
    - `halfwidth`: every full-width letter or digit (GB/T 15835: numbers in half-width Arabic
      digits).
    - `fullwidth`: every half-width number or Latin word standing next to Chinese text.

    Why it matters: search and number parsing treat １２３ and 123 as different strings; OCR
    switches between the two forms within a page.

    Flags:
    - `　　全年增长１２．５％，共123家企业。⏎` → `　　全年增长12.5％，共123家企业。⏎`
      (policy `consistent`: full-width digits beside half-width ones)

    Leaves alone:
    - `　　全年增长12.5%，共123家企业。⏎` (one width throughout)
    - `　　全年增长１２％，共１２３家企业。⏎` (one width throughout)

    Fix safety: always available, and safe: the other width of the same letters and digits (and of
    the . , : / - inside a number such as １．５ or ８：００).
    """

    code = "SCR003"
    name = "fullwidth-alphanumeric"
    category = "script"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE
    options = {
        "policy": Option("consistent", "which width of letters and digits is right",
                         ("consistent", "halfwidth", "fullwidth")),
    }

    def check(self, doc):
        text = doc.text
        full = list(_FULL.finditer(text))
        policy = self.settings["policy"]
        if policy == "consistent":
            if not full:
                return
            # as many as there are full-width ones tell the page's form; all are needed only if fewer
            half = list(islice((m for m in _HALF.finditer(text) if _beside_han(text, m)), len(full)))
            if not half:
                return
            policy = "halfwidth" if len(half) >= len(full) else "fullwidth"
        else:
            half = [m for m in _HALF.finditer(text) if _beside_han(text, m)] if policy == "fullwidth" else []
        if policy == "halfwidth":
            for m in full:
                new = to_halfwidth(m.group())
                yield self.finding(m.start(), m.end(), f"full-width '{m.group()}' (half-width '{new}')",
                                   Fix.replace(m.start(), m.end(), new, f"Replace with '{new}'"))
        else:
            for m in half:
                new = "".join(_HALF_TO_FULL[c] for c in m.group())
                yield self.finding(m.start(), m.end(), f"half-width '{m.group()}' among full-width "
                                                       f"letters and digits (full-width '{new}')",
                                   Fix.replace(m.start(), m.end(), new, f"Replace with '{new}'"))


def _beside_han(text: str, m) -> bool:
    """A number or word set in Chinese text (2019年, 第5届), not a Latin phrase or a URL."""
    if _ADDRESS.search(m.group()):
        return False
    before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
    return bool(_HAN.match(before) or _HAN.match(after))
