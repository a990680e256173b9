from lint.patterns import lazy
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

# ellipses typed some other way; a lone … ; dashes typed as hyphens or as three or more dashes
_ELLIPSIS = lazy(r"(?<=[\p{Han}，。！？”’》）])(?:\.{3,}|。{3,}|．{3,}|·{3,}|…{3,}|…)(?=[\p{Han}“‘《（”’]|$)"
                          r"|(?<=[\p{Han}”’》）])(?:\.{3,}|。{3,}|．{3,}|…)(?=[，。！？\n]|$)", "MULTILINE")
_DASH = lazy(r"(?<=[\p{Han}，。！？”’》）])(?:-{2,}|－{2,}|─{2,})(?=[\p{Han}“‘《（]|$)", "MULTILINE")


class EllipsisDashStyle(Rule):
    """An ellipsis or a dash not in the house form: ...  。。。  …  for ……; --  －－  for ——.

    What it finds: an ellipsis typed as three or more dots (... ．．．), full stops (。。。),
    middle dots, or a single …; a dash typed as two or more hyphens (-- －－) or box-drawing
    lines (──), in Chinese text (a Chinese character or mark on the side the mark follows).

    Why it matters: Chinese sets the ellipsis as two … (……) and the dash as two em dashes (——).
    OCR and typists produce the other forms; one page mixing them looks careless, and search for
    …… misses the rest.

    Flags:
    - `　　他说：“我……我们...”⏎` → `　　他说：“我……我们……”⏎`
    - `　　改革--这是关键。⏎` → `　　改革——这是关键。⏎`

    Leaves alone:
    - `　　会议于11日—13日在北京—上海两地举行。⏎` (a single em dash marks a range)
    - `　　改革———这是关键。⏎` (three em dashes, the house form of some papers)
    - `　　网址是www.gov.cn，版本为1.2.3。⏎` (dots in numbers, URLs and Latin text)

    Fix safety: always available, and safe: the house form (options `ellipsis`, `dash`).
    """

    code = "PUN004"
    name = "ellipsis-dash-style"
    category = "punctuation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE
    options = {
        "ellipsis": Option("……", "the house form of the ellipsis"),
        "dash": Option("——", "the house form of the dash"),
    }

    def check(self, doc):
        for pattern, what in ((_ELLIPSIS, "ellipsis"), (_DASH, "dash")):
            house = self.settings[what]
            for m in pattern.finditer(doc.text):
                if m.group() == house:
                    continue
                yield self.finding(m.start(), m.end(), f"{what} typed as '{m.group()}' (house form '{house}')",
                                   Fix.replace(m.start(), m.end(), house, f"Replace with '{house}'"))
