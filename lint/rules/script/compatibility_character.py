"""SCR002: a Kangxi radical or a CJK compatibility ideograph where the ordinary character belongs."""
from functools import lru_cache


from lint.patterns import lazy
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

# Kangxi radicals, CJK radicals supplement, compatibility ideographs (and their supplement)
_SUSPECT = lazy(r"[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF\U0002F800-\U0002FA1F]+")


class CompatibilityCharacter(Rule):
    """A radical or compatibility form that OCR emits instead of the ordinary character: ⼀ for 一,
    ⻓ for 长, 﨑 for 崎.

    What it finds: Kangxi radicals (U+2F00–U+2FDF), CJK radicals (U+2E80–U+2EFF) and CJK
    compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F) in running text.

    Why it matters: they look exactly like the ordinary character, but search, segmentation and
    every word list miss them: a page with 第⼀次 is not found by 第一次.

    Flags:
    - `　　第⼀次会议。⏎` → `　　第一次会议。⏎` (a Kangxi radical)
    - `　　⻓江沿岸。⏎` → `　　长江沿岸。⏎` (a simplified radical)
    - `　　⺈字旁。⏎` (a radical with no character of its own: reported without a fix)

    Leaves alone:
    - `　　第一次会议。⏎` (the ordinary character)
    - `　　﨟的写法。⏎` (a compatibility ideograph Unicode treats as ordinary, without a `replace` entry)

    Fix safety: sometimes available (a radical with no character of its own cannot be replaced),
    and safe: the character Unicode names as its equivalent (NFKC: ⼀ -> 一, 北 -> 北); a
    simplified radical becomes its simplified character (⻓ -> 长, ⻔ -> 门). Compatibility-block
    characters that Unicode treats as ordinary ideographs (﨑, 﨟 …) are changed only through the
    `replace` option (default: 﨑 -> 崎). A traditional result (⾨ -> 門) is then SCR001's to
    simplify.
    """

    code = "SCR002"
    name = "compatibility-character"
    category = "script"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    fix_safety = FixSafety.SAFE
    options = {
        "replace": Option({"﨑": "崎"}, "compatibility-block ideographs without a Unicode equivalent, and what they stand for"),
    }

    def check(self, doc):
        extra = self.settings["replace"]
        for m in _SUSPECT.finditer(doc.text):
            for i, c in enumerate(m.group(), m.start()):
                new = extra.get(c) or ordinary_form(c)
                if new == c and c not in extra:
                    if "\uF900" <= c <= "\uFAFF":
                        continue  # an ordinary ideograph that happens to live in the block
                    yield self.finding(i, i + 1, f"radical '{c}' (U+{ord(c):04X}) in running text: "
                                                 "it has no character of its own; retype it")
                    continue
                kind = "radical" if c < "\u3000" else "compatibility ideograph"
                yield self.finding(i, i + 1, f"{kind} '{c}' (U+{ord(c):04X}) instead of '{new}'",
                                   Fix.replace(i, i + 1, new, f"Replace with '{new}'"))


@lru_cache(maxsize=None)
def ordinary_form(c: str) -> str:
    """The ordinary character `c` stands for, or `c` itself when there is none."""
    import unicodedata

    nfkc = unicodedata.normalize("NFKC", c)
    if nfkc != c:
        return nfkc
    name = unicodedata.name(c, "")
    if not name.startswith(("CJK RADICAL C-SIMPLIFIED ", "CJK RADICAL J-SIMPLIFIED ")):
        return c  # ⻌ (SIMPLIFIED WALK) is the component 辶, not a character
    meaning = name.split("SIMPLIFIED ", 1)[1]
    try:
        kangxi = unicodedata.normalize("NFKC", unicodedata.lookup(f"KANGXI RADICAL {meaning}"))
    except KeyError:
        return c
    from lint.rules.script.traditional_character import _t2s

    simplified = _t2s().convert(kangxi)
    # a C-simplified radical whose simplified form is only a component (⻈ 讠, ⻐ 钅) has no character
    return c if name.startswith("CJK RADICAL C-SIMPLIFIED") and simplified == kangxi else simplified
