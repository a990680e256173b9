"""TYP002: text decoded with the wrong encoding (mojibake), and the marks that bytes were lost."""
from __future__ import annotations


from lint.patterns import lazy
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

_REPLACEMENT = lazy("\ufffd+")
# what GBK shows after UTF-8 text went through it and back: 锟斤拷 is the bytes EF BF BD twice
_LOST = lazy(r"(?:锟斤拷)+|烫烫烫+|屯屯屯+")
# UTF-8 read as GBK (鍙戝睍 for 发展): runs of non-ASCII, non-space characters
_GBK_RUN = lazy(r"[^\x00-\x7f\s\u3000\u00a0]{3,}")
# UTF-8 read as Latin-1 or Windows-1252 (åå±, æ–°): a lead byte and its continuation bytes
_LATIN_RUN = lazy(r"(?:[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                           r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
                           r"\u20ac\u2122]{1,3})+")
# UTF-8 of Han characters, CJK punctuation and full-width forms
_UTF8_CJK_BYTES = lazy(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}|\xe3[\x80-\x82][\x80-\xbf]|\xef[\xbc\xbd][\x80-\xbf])+")
_CJK = lazy(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")


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
        for m in _REPLACEMENT.finditer(text):
            yield self.finding(m.start(), m.end(), f"replacement character{'s' if len(m.group()) > 1 else ''} "
                                                   "(U+FFFD): bytes were lost when the text was decoded")
        for m in _LOST.finditer(text):
            yield self.finding(m.start(), m.end(), f"'{m.group()[:6]}' is the mark of lost bytes "
                                                   "(UTF-8 replacement characters re-encoded through GBK)")
        lost = {i for m in _LOST.finditer(text) for i in range(m.start(), m.end())}
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
