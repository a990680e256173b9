import re

from lint.patterns import lazy
from lint.chars import CLOSING_MARKS, OPENING_MARKS, describe_whitespace
from lint.finding import Applicability, Fix, Severity
from lint.layout import Kind
from lint.rule import Rule

from ._common import display_quotes, is_run_in, spaced_paragraphs, within

_CLOSE = re.escape(CLOSING_MARKS)  # (re: escaping needs no regex import)
_OPEN = re.escape(OPENING_MARKS)
_SP = r"[ \t\u3000]+"
# Anywhere: a space before a closing or pausing mark, or after an opening one.
_ALWAYS = lazy(rf"(?<=\S){_SP}(?=[{_CLOSE}])|(?<=[{_OPEN}]){_SP}(?=\S)")
# In body text also: a space between a Han character and an opening mark, or between a closing
# mark and a Han character. (Ideographic spaces after 。！？ are a paragraph run in, not spacing.)
_BODY = lazy(rf"(?<=\p{{Han}})[ \t\u3000]+(?=[{_OPEN}])|(?<=[{_CLOSE}])[ \t]+(?=\p{{Han}})")


class SpaceAroundPunctuation(Rule):
    """A space next to full-width punctuation.

    What it finds: spaces (ASCII or ideographic) before a closing or pausing mark
    (，。、；：！？）》」』”’】…) or after an opening one (（《「『“‘【); in body text also between a
    Chinese character and an opening mark, or between a closing mark and a Chinese character.

    Why it matters: full-width punctuation carries its own spacing. A space beside it is OCR
    noise (the recogniser saw the mark's blank half as a gap) and doubles the gap in print.

    Flags: `发展 ，`, `“ 十五五”`, `他说 “我们` and `。” 然后` in a body paragraph.

    Leaves alone: indentation at the start of a line and whitespace at its end (other rules);
    headline separators after a closing mark (建设“两区两城两高地” 大抓招商引资); datelines,
    credits and jump markers; two or more ideographic spaces, which indent a paragraph run into
    the one before; no-break spaces, which typesetters set on purpose and OCR never produces.

    Fix (safe): delete the space.
    """

    code = "SPC008"
    name = "space-around-punctuation"
    category = "spacing"
    severity = Severity.WARNING
    fix = Applicability.SAFE

    def check(self, doc):
        for para in spaced_paragraphs(doc):
            patterns = [_ALWAYS]
            if para.kind in (Kind.BODY, Kind.CAPTION):
                patterns.append(_BODY)
            seen = set()
            quotes = None
            for pattern in patterns:
                for m in pattern.finditer(para.text, para.indent):
                    start, end = para.start + m.start(), para.start + m.end()
                    if start in seen or para.in_span(start, end) or is_run_in(m.group()):
                        continue
                    if pattern is _BODY:
                        quotes = display_quotes(para.text) if quotes is None else quotes
                        if within(quotes, m.start(), m.end()):
                            continue  # a slogan's own spacing: “未来之频 ‘+’速向新”
                    seen.add(start)
                    before, after = para.text[m.start() - 1], para.text[m.end()]
                    yield self.finding(
                        start, end, f"{describe_whitespace(m.group())} between '{before}' and "
                        f"'{after}': full-width punctuation needs no space",
                        Fix.delete(start, end, "Delete the space"))
