"""TYP002: text decoded with the wrong encoding (mojibake), and the marks that bytes were lost."""
from __future__ import annotations

from functools import lru_cache

from lint.patterns import lazy
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

_REPLACEMENT = lazy("\ufffd+")
# what GBK shows after UTF-8 text went through it and back: 锟斤拷 is the bytes EF BF BD twice
_LOST = lazy(r"(?:锟斤拷)+|烫烫烫+|屯屯屯+")
# UTF-8 read as GBK (鍙戝睍 for 发展): runs of non-ASCII, non-space characters
_GBK_RUN = lazy(r"[^\x00-\x7f\s\u3000\u00a0]{3,}")
# UTF-8 read as Latin-1 or Windows-1252 (åå±, æ–°): a lead byte and its continuation bytes
# (written X(?:X)* rather than (?:X)+: a pattern that opens with a set lets `re` skip to where a
# lead byte stands, instead of trying the pattern at every position)
_LATIN_UNIT = (r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
               r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
               r"\u20ac\u2122]{1,3}")
_LATIN_RUN = lazy(rf"{_LATIN_UNIT}(?:{_LATIN_UNIT})*")
# UTF-8 of Han characters, CJK punctuation and full-width forms
_UTF8_CJK_BYTES = lazy(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}|\xe3[\x80-\x82][\x80-\xbf]|\xef[\xbc\xbd][\x80-\xbf])+")
_CJK = lazy(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")
_LOST_MARKS = ("锟", "烫", "屯")  # each of _LOST's matches holds one

# the bytes that open (LEAD) and carry on (CONT) a unit of _UTF8_CJK_BYTES, loosely
_LEAD = bytes([*range(0xe3, 0xea), 0xef])
_CONT = bytes(range(0x80, 0xc0))


@lru_cache(maxsize=1)
def _gbk_mojibake_pair():
    """Two characters side by side, the first GBK (LEAD, CONT), the second (CONT, LEAD): every
    stretch of three or more UTF-8 Chinese characters read as GBK holds such a pair, whether its
    bytes start on a character's first byte or on its second (L C C L C C L C C over 2-byte
    characters). On most pages there is none, and the runs need not be encoded one by one."""
    def decoded(pairs):
        out = set()
        for pair in pairs:
            try:
                out.add(bytes(pair).decode("gbk"))
            except UnicodeDecodeError:
                pass
        return "".join(sorted(out))

    first = decoded((a, b) for a in _LEAD for b in _CONT)
    second = decoded((a, b) for a in _CONT for b in _LEAD)
    return lazy(f"[{first}][{second}]")


def could_hold_gbk_mojibake(text: str, min_chars: int) -> bool:
    """False where no run of `text` can be UTF-8 read as GBK of `min_chars` characters or more."""
    return min_chars < 3 or _gbk_mojibake_pair().search(text) is not None


class Mojibake(Rule):
    """Mojibake: text decoded with the wrong encoding, and the marks of lost bytes.

    What it finds:
    - the replacement character U+FFFD (�), which a decoder leaves where bytes made no sense;
    - 锟斤拷, 烫烫烫, 屯屯屯: what lost bytes and uninitialised memory look like once
      re-encoded through GBK;
    - UTF-8 read as GBK (鍙戝睍缁忔祹 for 发展经济) and UTF-8 read as Latin-1 or Windows-1252
      (å‘å±• for 发展): a stretch whose bytes, read back the other way, are at least
      `min-chars` Chinese characters.

    Why it matters: the text is lost to readers and to search; it is never a matter of style.

    Flags:
    - `　　鍙戝睍缁忔祹是关键。⏎` → `　　发展经济是关键。⏎` (UTF-8 read as GBK)
    - `　　今天�天气很好。⏎` (a replacement character: lost bytes, reported without a fix)
    - `　　锟斤拷锟斤拷⏎` (lost bytes re-encoded through GBK)

    Leaves alone:
    - `　　今天天气很好。⏎`

    Fix safety: sometimes available, and unsafe: the stretch decoded the right way, where it
    decodes whole; lost bytes (�, 锟斤拷) cannot be recovered from the text and are only reported.
    """

    code = "TYP002"
    name = "mojibake"
    category = "typo"
    severity = Severity.ERROR
    fix_availability = FixAvailability.SOMETIMES
    fix_safety = FixSafety.UNSAFE
    options = {
        "min-chars": Option(3, "Chinese characters a re-decoded stretch must give to be taken as mojibake"),
    }

    def check(self, doc):
        text = doc.text
        # `in` first: str's search runs many times faster than `re`'s scan for a first character
        if "\ufffd" in text:
            for m in _REPLACEMENT.finditer(text):
                yield self.finding(m.start(), m.end(), f"replacement character{'s' if len(m.group()) > 1 else ''} "
                                                       "(U+FFFD): bytes were lost when the text was decoded")
        lost: set[int] = set()
        if any(mark in text for mark in _LOST_MARKS):
            for m in _LOST.finditer(text):
                yield self.finding(m.start(), m.end(), f"'{m.group()[:6]}' is the mark of lost bytes "
                                                       "(UTF-8 replacement characters re-encoded through GBK)")
                lost.update(range(m.start(), m.end()))
        if could_hold_gbk_mojibake(text, self.settings["min-chars"]):
            for m in _GBK_RUN.finditer(text):
                if m.start() not in lost:
                    yield from self._gbk_mojibake(text, m.start(), m.group())
        for m in _LATIN_RUN.finditer(text):
            yield from self._redecoded(m, "cp1252", "UTF-8 read as Latin-1/Windows-1252")

    def _gbk_mojibake(self, text: str, offset: int, run: str):
        """Stretches of `run` whose GBK bytes are UTF-8 Chinese, `min-chars` characters or more."""
        # first the whole run at once (each character of the pattern is 3 bytes; '?' for a
        # character GBK lacks is no byte of it): text read right has no such stretch, and mapping
        # bytes to characters one character at a time costs ten times more
        if max(map(len, _UTF8_CJK_BYTES.findall(run.encode("gbk", errors="replace"))), default=0) \
                < 3 * self.settings["min-chars"]:
            return
        starts, raw = [], bytearray()  # byte offset -> character index
        for k, c in enumerate(run):
            try:
                b = c.encode("gbk")
            except UnicodeEncodeError:
                b = b"\x00"  # a character GBK lacks breaks the stretch
            starts.extend([k] * len(b))
            raw += b
        for m in _UTF8_CJK_BYTES.finditer(bytes(raw)):
            fixed = m.group().decode("utf-8")
            if len(fixed) < self.settings["min-chars"]:
                continue
            a = starts[m.start()]
            b = starts[m.end() - 1] + 1
            aligned = (m.start() == 0 or starts[m.start() - 1] != a) and (m.end() == len(raw) or starts[m.end()] != b - 1)
            start, end = offset + a, offset + b
            fix = Fix.replace(start, end, fixed, f"Decode as UTF-8: '{fixed[:12]}'", Applicability.UNSAFE) if aligned else None
            yield self.finding(start, end, f"mojibake (UTF-8 read as GBK): '{text[start:end][:12]}' reads "
                                           f"'{fixed[:12]}'", fix)

    def _redecoded(self, m, codec: str, how: str):
        run = m.group()
        try:
            raw = run.encode(codec)
        except UnicodeEncodeError:
            try:
                raw = run.encode("latin-1")
            except UnicodeEncodeError:
                return
        fixed = raw.decode("utf-8", errors="replace")
        good = len(_CJK.findall(fixed))
        if good < self.settings["min-chars"] or good < 0.6 * len(fixed):
            return
        fix = None
        if "\ufffd" not in fixed:
            fix = Fix.replace(m.start(), m.end(), fixed, f"Decode as UTF-8: '{fixed[:12]}'", Applicability.UNSAFE)
        yield self.finding(m.start(), m.end(), f"mojibake ({how}): '{run[:12]}' reads '{fixed[:12]}'", fix)
