from lint.patterns import lazy
from lint.chars import describe_char
from lint.finding import Fix, FixAvailability, FixSafety, Severity
from lint.rule import Rule

# Zero-width and formatting characters, bidi controls, soft hyphen, C0 (but tab and newline) and C1.
_INVISIBLE = lazy(
    "[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069"
    "\x00-\x08\x0b-\x1f\x7f-\x9f]+")
_PICTOGRAPH = lazy(r"\p{Extended_Pictographic}")
_LINE_LIKE = "\x0b\x0c\x1c\x1d\x1e\x85"  # vertical tab, form feed, separators, NEL: breaks, not junk


class InvisibleCharacter(Rule):
    """Invisible characters inside the text: zero-width spaces and joiners, soft hyphens, bidi
    controls, a BOM that is not at the start, and control characters.

    What it finds: U+200B–U+200F, U+2060–U+2064, U+FEFF (not at the start of the file), U+00AD,
    U+180E, bidi embeddings and isolates (U+202A–U+202E, U+2066–U+2069), C0 controls other than
    tab and newline, DEL and C1 controls.

    Why it matters: they cannot be seen, but they split words for search (习近平 with a U+200B
    inside does not match 习近平), break de-duplication and name matching, and can reorder
    text on screen.

    Flags:
    - `习\\u200b近平出席会议。⏎` → `习近平出席会议。⏎` (a zero-width space)
    - `新征\\u00ad程⏎` → `新征程⏎` (a soft hyphen)
    - `铃声\\x07响起⏎` → `铃声响起⏎` (a control character)
    - `第一版\\x0c第二版⏎` → `第一版⏎第二版⏎` (a form feed becomes a line end)

    Leaves alone:
    - `👨\\u200d👩⏎` (a zero-width joiner between two emoji builds one pictograph)
    - `甲\\t乙⏎` (tabs and newlines)
    - `\\ufeff标题⏎` (the byte-order mark at the very start: byte-order-mark reports it)

    Fix safety: always available, and safe: the characters are deleted; a form feed, vertical tab
    or NEL becomes a newline.
    """

    code = "SPC006"
    name = "invisible-character"
    category = "spacing"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        text = doc.text
        for m in _INVISIBLE.finditer(text):
            start, end = m.span()
            if start == 0 and text[0] == "\ufeff":
                start += 1  # a leading BOM is byte-order-mark's
                if start == end:
                    continue
            run = text[start:end]
            if run == "\u200d" and _between_pictographs(text, start, end):
                continue
            names = ", ".join(dict.fromkeys(describe_char(c) for c in run))
            count = f"{len(run)} invisible characters" if len(run) > 1 else "invisible character"
            replacement = "\n" if all(c in _LINE_LIKE for c in run) else ""
            fix = Fix.replace(start, end, replacement,
                              "Replace with a newline" if replacement else "Delete")
            yield self.finding(start, end, f"{count}: {names}", fix)


def _between_pictographs(text: str, start: int, end: int) -> bool:
    return (start > 0 and end < len(text) and bool(_PICTOGRAPH.match(text[start - 1]))
            and bool(_PICTOGRAPH.match(text[end])))
