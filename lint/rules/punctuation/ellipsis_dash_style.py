from lint.patterns import lazy
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

# ellipses typed some other way; a lone … ; dashes typed as hyphens or as three or more dashes
# (each opens with a lookahead for its marks: the lookbehind is then tried only where one stands)
_ELLIPSIS = lazy(r"(?=[.。．·…])(?:(?<=[\p{Han}，。！？”’》）])(?:\.{3,}|。{3,}|．{3,}|·{3,}|…{3,}|…)(?=[\p{Han}“‘《（”’]|$)"
                 r"|(?<=[\p{Han}”’》）])(?:\.{3,}|。{3,}|．{3,}|…)(?=[，。！？\n]|$))", "MULTILINE")
_DASH = lazy(r"(?=[-－─])(?<=[\p{Han}，。！？”’》）])(?:-{2,}|－{2,}|─{2,})(?=[\p{Han}“‘《（]|$)", "MULTILINE")
# a dash OCR read as two 一: opening a paragraph (——编者, ——随着…), or after a space that sets a
# subtitle apart (新征程 ——习近平主席在…); 一一 between characters is mostly a word (一一握手)
_PARAGRAPH_START = r"(?:\A|(?<=[。！？”…）\n])[ \u3000]*\n)[ \u3000]*"
_YIYI_OPENING = lazy(rf"{_PARAGRAPH_START}(一一)(?=\p{{Han}}|[“《])")
# the subtitle's case: an unindented line opening a paragraph, no mark before the space and no
# sentence ending on the line (a headline)
_YIYI_AFTER_SPACE = lazy(rf"{_PARAGRAPH_START}[^\n，。、；：！？ \u3000][^\n，。、；：！？]{{1,40}}?"
                         rf"[\p{{Han}}”》）][ \u3000]+(一一)(?=[\p{{Han}}“《][^\n。！？]*$)", "MULTILINE")


# What a match of each pattern holds: str's `in` and `count` rule most pages out many times
# faster than `re` tries the patterns (a look-around first) at every position.
_ELLIPSIS_RUNS = ("...", "。。。", "．．．", "···", "………")
_DASH_RUNS = ("--", "－－", "──")


def could_hold_ellipsis(text: str) -> bool:
    """A run _ELLIPSIS takes: three dots, full stops or …, or a lone … (the house form …… never
    matches, and a page's … all in pairs is a page of house forms)."""
    return any(run in text for run in _ELLIPSIS_RUNS) or text.count("…") != 2 * text.count("……")


def could_hold_dash(text: str) -> bool:
    return any(run in text for run in _DASH_RUNS)


def could_hold_yiyi(text: str) -> bool:
    return "一一" in text


class EllipsisDashStyle(Rule):
    """An ellipsis or a dash not in the house form: ...  。。。  …  for ……; --  －－  for ——.

    What it finds: an ellipsis typed as three or more dots (... ．．．), full stops (。。。),
    middle dots, or a single …; a dash typed as two or more hyphens (-- －－) or box-drawing
    lines (──), in Chinese text (a Chinese character or mark on the side the mark follows); a
    dash OCR read as two 一 where 一一 cannot be the word (one by one): opening a paragraph
    (一一编者), or after the space that sets a subtitle apart from its headline.

    Why it matters: Chinese sets the ellipsis as two … (……) and the dash as two em dashes (——).
    OCR and typists produce the other forms; one page mixing them looks careless, and search for
    …… misses the rest.

    Flags:
    - `　　他说：“我……我们...”⏎` → `　　他说：“我……我们……”⏎`
    - `　　改革--这是关键。⏎` → `　　改革——这是关键。⏎`
    - `一一随着千万吨炼化项目落地，园区初具规模。⏎` → `——随着千万吨炼化项目落地，园区初具规模。⏎`
    - `奋力开创强国强军新征程 一一习近平主席视察火箭军⏎` →
      `奋力开创强国强军新征程 ——习近平主席视察火箭军⏎` (unsafe)

    Leaves alone:
    - `　　会议于11日—13日在北京—上海两地举行。⏎` (a single em dash marks a range)
    - `　　改革———这是关键。⏎` (three em dashes, the house form of some papers)
    - `　　习近平同大家一一握手。⏎` (一一, one by one, between characters)
    - `　　网址是www.gov.cn，版本为1.2.3。⏎` (dots in numbers, URLs and Latin text)

    Fix safety: always available: the house form (options `ellipsis`, `dash`). Safe, except for
    一一 after a space, which is unsafe: a headline and a subtitle run together is the likely
    reading, a stray space before the word 一一 the other.
    """

    code = "PUN004"
    name = "ellipsis-dash-style"
    category = "punctuation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    options = {
        "ellipsis": Option("……", "the house form of the ellipsis"),
        "dash": Option("——", "the house form of the dash"),
    }

    def check(self, doc):
        if could_hold_yiyi(doc.text):
            yield from self._dashes_read_as_yiyi(doc.text)
        for pattern, could_hold, what in ((_ELLIPSIS, could_hold_ellipsis, "ellipsis"),
                                          (_DASH, could_hold_dash, "dash")):
            if not could_hold(doc.text):
                continue
            house = self.settings[what]
            for m in pattern.finditer(doc.text):
                if m.group() == house:
                    continue
                yield self.finding(m.start(), m.end(), f"{what} typed as '{m.group()}' (house form '{house}')",
                                   Fix.replace(m.start(), m.end(), house, f"Replace with '{house}'"))

    def _dashes_read_as_yiyi(self, text: str):
        house = self.settings["dash"]
        for pattern, applicability in ((_YIYI_OPENING, Applicability.SAFE),
                                       (_YIYI_AFTER_SPACE, Applicability.UNSAFE)):
            for m in pattern.finditer(text):
                start, end = m.span(1)
                yield self.finding(start, end, f"dash read as '一一' (house form '{house}')",
                                   Fix.replace(start, end, house, f"Replace with '{house}'", applicability))
