"""Character classes shared by rules, and plain-words descriptions of characters for messages."""
from __future__ import annotations

import unicodedata

# What separates words on a line: spaces, tabs, the ideographic space, no-break and fixed-width spaces.
WHITESPACE = " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
# Full-width punctuation that closes or pauses: nothing should stand between it and the text before.
CLOSING_MARKS = "，。、；：！？）》」』”’】〕〉…"
# Full-width marks that open: nothing should stand between them and the text after.
OPENING_MARKS = "（《「『“‘【〔〈"

_SPACE_NAMES = {
    " ": "space",
    "\t": "tab",
    "\u3000": "ideographic space",
    "\u00a0": "no-break space",
}


def describe_whitespace(run: str) -> str:
    """'2 spaces', '1 ideographic space', 'a tab and a space'."""
    kinds = {_SPACE_NAMES.get(c, f"U+{ord(c):04X}") for c in run}
    if len(kinds) == 1:
        kind = kinds.pop()
        return f"{len(run)} {kind}{'s' if len(run) > 1 else ''}"
    return f"{len(run)} whitespace characters ({', '.join(sorted(kinds))})"


def describe_char(c: str) -> str:
    """'U+200B ZERO WIDTH SPACE', or 'U+0007 (control)' for a character without a name."""
    name = unicodedata.name(c, "")
    if not name:
        name = "(control)" if unicodedata.category(c) == "Cc" else "(unnamed)"
    return f"U+{ord(c):04X} {name}"
