from lint.patterns import lazy
from lint.chars import describe_whitespace
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind
from lint.rule import Option, Rule

from ._common import display_quotes, is_run_in, separates_display_words, spaced_paragraphs

_LATIN = r"[A-Za-z0-9]"
_EXTRA = lazy(rf"(?<=\p{{Han}})[ \t\u3000]+(?={_LATIN})|(?<={_LATIN}|%)[ \t\u3000]+(?=\p{{Han}})")
_MISSING = lazy(rf"(?<=\p{{Han}})(?={_LATIN})|(?<={_LATIN}|%)(?=\p{{Han}})")
_WIDE = lazy(rf"(?<=\p{{Han}})(?:[\t\u3000]| {{2,}}|[ \t\u3000]{{2,}})(?={_LATIN})"
                      rf"|(?<={_LATIN}|%)(?:[\t\u3000]| {{2,}}|[ \t\u3000]{{2,}})(?=\p{{Han}})")


class CjkLatinSpacing(Rule):
    """Spacing between Chinese characters and Latin letters or digits, by house policy.

    What it finds, by the `policy` option:
    - `none` (the newspaper default): a space between a Chinese character and a Latin letter or
      digit (`截至 2月5日`, `ESG 实践`), which OCR inserts at glyph-width changes.
    - `one` (pangu/autocorrect style): a missing space there (`荣获2025年` → `荣获 2025 年`),
      and a run of several spaces or a tab or ideographic space instead of one.

    Why it matters: a page set in one style should stay in it; mixed spacing breaks search for
    figures and names (2月 vs 2 月) and is a visible OCR artefact.

    Flags:
    - `　　截至 2月5日，全省完成任务。⏎` → `　　截至2月5日，全省完成任务。⏎` (policy `none`)
    - `　　企业加强ESG 实践，成效明显。⏎` → `　　企业加强ESG实践，成效明显。⏎` (policy `none`)

    Leaves alone:
    - `　　新华社北京2月4日电 2月4日晚，会议举行。⏎` (a dateline)
    - `国货大拜年 2024国货潮品全拼图⏎` (a headline)
    - `　　活动以“国货大拜年 2024国货潮品全拼图”为主题。⏎` (a short quotation or title)
    - `　　文章署名Xi Jinping，发表在头版。⏎` (Latin text among itself)
    - `　　截至\\u00a02月5日，全省完成任务。⏎` (a no-break space)

    Fix safety: always available, and safe: the spaces are deleted (`none`), or one space is
    inserted or a run made one space (`one`).
    """

    code = "SPC009"
    name = "cjk-latin-spacing"
    category = "spacing"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE
    options = {"policy": Option("none", "`none`: no space between Chinese and Latin/digits; "
                                "`one`: exactly one space", choices=("none", "one"))}

    def check(self, doc):
        policy = self.settings["policy"]
        # what policy none finds is a space
        for para in spaced_paragraphs(doc) if policy == "none" else doc.paragraphs:
            if para.kind not in (Kind.BODY, Kind.CAPTION):
                continue
            if policy == "none":
                matches = [(m, "delete") for m in _EXTRA.finditer(para.text, para.indent)]
            else:
                matches = [(m, "insert") for m in _MISSING.finditer(para.text, para.indent)]
                matches += [(m, "normalise") for m in _WIDE.finditer(para.text, para.indent)]
            quotes = display_quotes(para.text) if matches else []
            for m, action in matches:
                start, end = para.start + m.start(), para.start + m.end()
                if para.in_span(start, end) or is_run_in(m.group()) or separates_display_words(para.text, quotes, m.start(), m.end()):
                    continue
                before, after = para.text[m.start() - 1], para.text[m.end()]
                if action == "delete":
                    yield self.finding(start, end, f"{describe_whitespace(m.group())} between "
                                       f"'{before}' and '{after}' (policy: none)",
                                       Fix.delete(start, end, "Delete the space"))
                elif action == "insert":
                    yield self.finding(start, end, f"no space between '{before}' and '{after}' "
                                       "(policy: one)", Fix.insert(start, " ", "Insert a space"))
                else:
                    yield self.finding(start, end, f"{describe_whitespace(m.group())} between "
                                       f"'{before}' and '{after}' (policy: one space)",
                                       Fix.replace(start, end, " ", "Use one space"))
