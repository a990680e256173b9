import re

from lint.patterns import lazy
from lint.chars import CLOSING_MARKS, OPENING_MARKS, describe_whitespace
from lint.finding import Fix, FixAvailability, FixSafety, Severity
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

    Flags:
    - `　　推动高质量发展 ，着眼全局抓重点。⏎` → `　　推动高质量发展，着眼全局抓重点。⏎`
    - `　　“ 十五五”规划开局良好。⏎` → `　　“十五五”规划开局良好。⏎`
    - `　　他说 “我们要抓好落实。”⏎` → `　　他说“我们要抓好落实。”⏎`
    - `　　“要抓好落实。” 然后他又强调了安全。⏎` → `　　“要抓好落实。”然后他又强调了安全。⏎`

    Leaves alone:
    - `　　“十五五”规划开局良好。⏎` (indentation at the start of a line)
    - `建设“两区两城两高地” 大抓招商引资⏎` (a separator in a headline)
    - `　　他说：\\u00a0“好。”⏎` (a no-break space, set on purpose)

    Fix safety: always available, and safe: full-width marks carry their own spacing.
    """

    code = "SPC008"
    name = "space-around-punctuation"
    category = "spacing"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

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
